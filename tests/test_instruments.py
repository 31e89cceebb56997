"""Instrument dates of the core rules (extraction/facts/instruments.py) through the extraction: legal citations,
verbs with an agent between verb and date, entry into force for one state.  Paraphrases written for these tests."""
import pytest

from refugee_ld.extraction.extract import extract
from refugee_ld.records import DateValue, Document, InstrumentDate


def dates(text, registry, lexicon, date="2019-07-12"):
    document = Document(doc_id="t.txt", text=text, date=DateValue(date))
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    label.update({k: e.entity.label for k, e in registry.entries.items()})
    found = [f for f in x.facts if isinstance(f, InstrumentDate)]
    assert all(f.evidence.exact == text[f.evidence.start:f.evidence.end] for f in found)
    return {(label[f.instrument], f.what, f.date.iso) for f in found}


@pytest.mark.parametrize("text, what", [
    ("We recall the Lusaka Ceasefire Agreement of 10 July 1999.", "signed"),
    ("We recall the Law on Refugees of 10 July 1999.", "adopted"),
])
def test_a_citation_with_its_day(text, what, registry, lexicon):
    assert {(w, d) for _, w, d in dates(text, registry, lexicon)} == {(what, "1999-07-10")}


@pytest.mark.parametrize("text", [
    "We commemorate the declaration of 21 February.",  # a common noun, and no year: no citation
    "We recall the Lusaka Ceasefire Agreement of 10 July.",
])
def test_citation_negative(text, registry, lexicon):
    assert dates(text, registry, lexicon) == set()


def test_an_agent_between_verb_and_date_and_force_from(registry, lexicon):
    text = ("ASTANA, 12 July 2019 - The Law on Refugees was signed by the President on 3 June and is in force "
            "from 1 July.")
    found = {(w, d) for _, w, d in dates(text, registry, lexicon)}
    assert found == {("signed", "2019-06-03"), ("entered_into_force", "2019-07-01")}


def test_force_in_a_state_is_no_date_of_the_treaty(registry, lexicon):
    text = "The Convention on the Rights of the Child entered into force in Chile on 15 March 1991."
    assert dates(text, registry, lexicon) == set()


@pytest.mark.parametrize("text", [
    "The Law on Refugees is to be adopted next December.",  # not adopted yet
    "The Law on Refugees will enter into force in 2020.",
    "The Law on Refugees, adopted in Astana, sets a goal of ending statelessness by 2024.",  # a target year
    "We recall resolutions 2242 (2015) and the Law on Refugees, adopted under resolution 2282 (2016).",
])
def test_no_date_from_a_future_act_a_target_or_another_instrument_s_citation(text, registry, lexicon):
    assert not {d for i, _, d in dates(text, registry, lexicon) if i == "Law on Refugees"}


def test_a_past_act_keeps_its_date(registry, lexicon):
    assert ("adopted", "2018-03-01") in {(w, d) for _, w, d in dates(
        "The Law on Refugees was adopted on 1 March 2018.", registry, lexicon)}


@pytest.mark.parametrize("text, iso, what", [
    ("The adoption of the Millennium Declaration last year was historic.", "2010", "adopted"),
    ("The entry into force of the Kampala Convention last year was welcome.", "2010", "entered_into_force"),
    ("We welcome the adoption of the Kampala Convention earlier this year.", "2011", "adopted"),
])
def test_nominal_with_a_relative_past_date(text, iso, what, registry, lexicon):
    found = _relative_dates(text, registry, lexicon)
    assert [(d, w) for d, w in found] == [(iso, what)]


@pytest.mark.parametrize("text", [
    "The adoption of the Millennium Declaration this December will be historic.",
    "The adoption of the Millennium Declaration next year will be historic.",
    "We look forward to the adoption of the Kampala Convention this year.",
    "We hope for the adoption of the Kampala Convention this year.",
])
def test_nominal_relative_date_still_to_come(text, registry, lexicon):
    assert _relative_dates(text, registry, lexicon) == []


def _relative_dates(text, registry, lexicon):
    from refugee_ld.extraction.extract import extract
    from refugee_ld.records import DateValue, Document, InstrumentDate
    x = extract(Document(doc_id="t.txt", text=text, date=DateValue("2011")), registry, lexicon)
    return [(f.date.iso, f.what) for f in x.facts if isinstance(f, InstrumentDate) and f.rule == "instrument_date.nominal"]


@pytest.mark.parametrize("text", [
    "We celebrate the twentieth anniversary of the adoption of the Kampala Convention this year.",
    "The entry into force of the Kampala Convention last November was welcome.",  # year-only speech date
])
def test_nominal_relative_date_of_an_anniversary_or_an_unknown_year(text, registry, lexicon):
    assert _relative_dates(text, registry, lexicon) == []


@pytest.mark.parametrize("text", [
    "Next year we will take stock of developments since the Millennium Declaration was adopted.",
    "In the coming year we shall review what has changed since the Millennium Declaration was adopted.",
])
def test_a_date_still_to_come_dates_no_past_act(text, registry, lexicon):
    """UNGDC audit: 'next year' (2005) was read as the Millennium Declaration's adoption date."""
    assert dates(text, registry, lexicon, date="2004") == set()


def test_a_past_date_still_dates_the_act(registry, lexicon):
    found = dates("The Millennium Declaration was adopted in 2000.", registry, lexicon, date="2004")
    assert {(w, d) for _, w, d in found} == {("adopted", "2000")}
