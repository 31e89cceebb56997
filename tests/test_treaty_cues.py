"""Treaty readings shared by the treaty rules (extraction/facts/treaty_cues.py), through the extraction: done
infinitives, possessive owners, the deposit sentence that dates the act before it.  Paraphrases written for
these tests, each with sentences that must yield nothing."""
import pytest

from refugee_ld.extraction.extract import extract
from refugee_ld.records import DateValue, Document, TreatyAction


def actions(text, registry, lexicon, author=None, date="2011-12-27"):
    document = Document(doc_id="t.txt", text=text, date=DateValue(date), author_state=author)
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    label.update({k: e.entity.label for k, e in registry.entries.items()})
    found = [f for f in x.facts if isinstance(f, TreatyAction)]
    assert all(f.evidence.exact == text[f.evidence.start:f.evidence.end] for f in found)
    return {(label[f.state], label[f.instrument], f.action, f.date.iso if f.date else None) for f in found}


CRC = "Convention on the Rights of the Child"


@pytest.mark.parametrize("text", [
    f"Chile was the first State to accede to the {CRC}.",
    f"Chile was among the first six countries to accede to the {CRC}.",
    f"Chile is the only other country to accede to the {CRC}.",
    f"Chile was the first Western European country to accede to the {CRC}.",
])
def test_an_order_word_makes_the_infinitive_done(text, registry, lexicon):
    assert {(s, a) for s, _, a, _ in actions(text, registry, lexicon)} == {("Chile", "accession")}


@pytest.mark.parametrize("text", [
    f"We call on both countries, Chile and Peru, to accede to the {CRC}.",
    f"Chile plans to accede to the {CRC}.",
    f"The first step for Chile will be to accede to the {CRC}.",
    f"Chile has decided to accede to the {CRC}.",  # a decision is no accession yet
    f"Chile is the only State in the region that refuses to accede to the {CRC}.",
])
def test_a_bare_or_planned_infinitive_is_no_act(text, registry, lexicon):
    assert actions(text, registry, lexicon) == set()


def test_its_and_our_accession(registry, lexicon):
    text = f"Chile renewed its commitment through its accession to the {CRC}."
    assert actions(text, registry, lexicon) == {("Chile", CRC, "accession", None)}
    text = f"Our accession to the {CRC} was a milestone."
    assert actions(text, registry, lexicon, author="Peru") == {("Peru", CRC, "accession", None)}


@pytest.mark.parametrize("text, author", [
    (f"Chile and Peru discussed its accession to the {CRC}.", None),  # whose?
    (f"Our accession to the {CRC} was a milestone.", None),  # who is 'we'?
    (f"Chile will soon complete its ratification of the {CRC}.", None),
])
def test_possessive_owner_negative(text, author, registry, lexicon):
    assert actions(text, registry, lexicon, author=author) == set()


def test_a_dash_after_a_date_in_a_sentence_is_no_dateline(registry, lexicon):
    text = (f"A few days ago \u2014 on 10 September \u2014 Chile ratified the {CRC}. It was a triumph.")
    assert actions(text, registry, lexicon, date="2015-09-28") == {("Chile", CRC, "ratification", "2015-09-10")}


def test_the_deposit_sentence_dates_the_act_before_it(registry, lexicon):
    text = (f"Georgia has acceded to the {CRC}. The instruments of accession were deposited with the "
            "Secretary-General on 23 December.")
    assert actions(text, registry, lexicon) == {("Georgia", CRC, "accession", "2011-12-23")}


def test_a_deposit_of_another_act_or_treaty_dates_nothing(registry, lexicon):
    text = (f"Georgia has acceded to the {CRC}. The instrument of ratification was deposited on 23 December.")
    assert actions(text, registry, lexicon) == {("Georgia", CRC, "accession", None)}
    text = (f"Georgia has acceded to the {CRC}. The instrument of accession was deposited by Armenia on "
            "23 December.")
    assert ("Georgia", CRC, "accession", None) in actions(text, registry, lexicon)


def test_a_possessive_year_is_not_the_date(registry, lexicon):
    text = f"Chile acceded to the {CRC} ahead of this year's anniversary."
    assert actions(text, registry, lexicon) == {("Chile", CRC, "accession", None)}


def test_instrument_of_accession_to_which(registry, lexicon):
    text = f"Peru honours the {CRC}, our instrument of accession to which was deposited on 30 April 1999."
    assert ("Peru", CRC, "accession", "1999-04-30") in actions(text, registry, lexicon, author="Peru")
