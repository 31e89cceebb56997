"""Organisers bound to the event's name (extraction/facts/role_phrases.py), in paraphrases written for these
tests, with wordings that name a venue, a topic or a non-event and must yield nothing."""
import pytest

from refugee_ld.extraction.extract import extract
from refugee_ld.records import DateValue, Document, EventRole


def organisers(text, registry, lexicon, rule):
    document = Document(doc_id="t.txt", text=text, date=DateValue("2011-05-04"), author_state="Peru")
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    out = set()
    for f in x.facts:
        if isinstance(f, EventRole) and f.rule == rule:
            assert f.role == "organised_by" and f.evidence.exact == text[f.evidence.start:f.evidence.end]
            out.add((label[f.event], label[f.value]))
    return out


@pytest.mark.parametrize("text", [
    "We thank Kenya for hosting the Regional Conference on Statelessness.",
    "Allow me to thank Kenya for so ably organizing and hosting the Regional Conference on Statelessness.",
    "I am grateful to Kenya, for convening the Regional Conference on Statelessness.",
])
def test_thanked_for_hosting(text, registry, lexicon):
    assert organisers(text, registry, lexicon, "organiser.thanks") == {("Regional Conference on Statelessness",
                                                                         "Kenya")}


@pytest.mark.parametrize("text", [
    "We thank Kenya for its statement on the Regional Conference on Statelessness.",
    "We do not thank Kenya for hosting the Regional Conference on Statelessness.",
])
def test_thanks_negative(text, registry, lexicon):
    assert organisers(text, registry, lexicon, "organiser.thanks") == set()


@pytest.mark.parametrize("text", [
    "The Regional Conference on Statelessness, held by Kenya and the African Union in May, was a success.",
    "The Regional Conference on Statelessness, which was convened by Kenya and the African Union, closed.",
])
def test_agent_right_after_the_event(text, registry, lexicon):
    got = organisers(text, registry, lexicon, "organiser.agent") | organisers(text, registry, lexicon, "organiser.by")
    assert got == {("Regional Conference on Statelessness", "Kenya"),
                   ("Regional Conference on Statelessness", "African Union")}


def test_agent_needs_the_event_right_before(registry, lexicon):
    text = "At the Regional Conference on Statelessness we heard the view held by Kenya."
    assert organisers(text, registry, lexicon, "organiser.agent") == set()


@pytest.mark.parametrize("text, found", [
    ("The Regional Conference on Statelessness, which took place in the Security Council, was useful.", True),
    ("The Regional Conference on Statelessness was held in the Security Council last May.", True),
    ("The Regional Conference on Statelessness was held in Kenya last May.", False),
    ("The Regional Conference on Statelessness took place in the African Union headquarters.", False),
])
def test_body_an_event_took_place_in(text, found, registry, lexicon):
    got = organisers(text, registry, lexicon, "organiser.in_body")
    assert got == ({("Regional Conference on Statelessness", "United Nations Security Council")} if found else set())


def participants_between(text, registry, lexicon):
    document = Document(doc_id="t.txt", text=text, date=DateValue("2011-05-04"))
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    return ({label[f.value] for f in x.facts if isinstance(f, EventRole) and f.rule == "participant.between"},
            {label[f.value] for f in x.facts if isinstance(f, EventRole) and f.role == "organised_by"})


@pytest.mark.parametrize("text, parties", [
    ("The Regional Dialogue on Migration among Kenya, Uganda and Rwanda ended.", {"Kenya", "Uganda", "Rwanda"}),
    ("The High-Level Consultation between Kenya and the African Union took place in Nairobi.",
     {"Kenya", "African Union"}),
    ("The Regional Dialogue on Migration between 2010 and 2012 was useful.", set()),
])
def test_parties_between_take_part_and_organise_nothing(text, parties, registry, lexicon):
    found, organisers = participants_between(text, registry, lexicon)
    assert found == parties
    assert not organisers & parties


def test_parties_to_an_agreement_named_as_an_event_take_part_in_nothing(registry, lexicon):
    text = "The Regional Dialogue and Cooperation Agreement between Kenya and Uganda entered into force."
    assert participants_between(text, registry, lexicon)[0] == set()
