"""Population figures (extraction/facts/population.py) through the extraction: stocks held by a place, and the
readings that make a count no stock of the place named nearby.  Paraphrases written for these tests."""
import pytest

from refugee_ld.extraction.extract import extract
from refugee_ld.records import DateValue, Document, PopulationFigure


def figures(text, registry, lexicon, author=None, date="2017-05-26"):
    document = Document(doc_id="t.txt", text=text, date=DateValue(date), author_state=author)
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    label.update({k: e.entity.label for k, e in registry.entries.items()})
    found = [f for f in x.facts if isinstance(f, PopulationFigure)]
    assert all(f.evidence.exact == text[f.evidence.start:f.evidence.end] for f in found)
    return {(label[f.place], f.group, f.count, f.date.iso if f.date else None) for f in found}


@pytest.mark.parametrize("text, count", [
    ("Kenya hosts some 800 000 refugees.", 800000),
    ("Kenya hosts some 1 250 000 refugees.", 1250000),
    ("Kenya hosts some 800,000 refugees.", 800000),
])
def test_thousands_grouped_by_spaces_or_commas(text, count, registry, lexicon):
    assert {c for _, _, c, _ in figures(text, registry, lexicon)} == {count}


def test_the_host_keeps_refugees_from_elsewhere(registry, lexicon):
    text = "Kenya already hosts more than 300,000 refugees from neighbouring countries."
    assert {(p, c) for p, _, c, _ in figures(text, registry, lexicon)} == {("Kenya", 300000)}


def test_no_date_across_another_figure(registry, lexicon):
    text = "Kenya hosts 300,000 refugees, and 40,000 more are expected to arrive this year."
    assert ("Kenya", "refugees", 300000, None) in figures(text, registry, lexicon)


@pytest.mark.parametrize("text", [
    "Over 1.8 million refugees have sought safety in Kenya, Ethiopia, Sudan and Egypt.",
    "Kenya, Ethiopia and Sudan host 2 million refugees.",
    "Last year we welcomed some 50,000 refugees.",  # an arrival, not a stock
])
def test_no_figure_for_one_of_several_places_or_for_arrivals(text, registry, lexicon):
    assert figures(text, registry, lexicon, author="Kenya") == set()


def test_in_the_country_is_the_speakers_in_a_statement_only(registry, lexicon):
    text = "There are nearly 180,000 registered refugees in the country."
    assert {(p, c) for p, _, c, _ in figures(text, registry, lexicon, author="Malaysia")} == {("Malaysia", 180000)}
    assert figures(text, registry, lexicon) == set()


def test_the_place_a_few_words_on(registry, lexicon):
    text = "UNHCR says more than 20,000 stateless people are estimated to be living in Kyrgyzstan."
    assert {(p, g, c) for p, g, c, _ in figures(text, registry, lexicon)} == {("Kyrgyzstan", "stateless", 20000)}


def test_a_superlative_apposition_is_no_place_of_the_figure(registry, lexicon):
    text = "Uganda currently hosts more than 1.3 million refugees \u2014 the largest number of refugees in Africa."
    assert {p for p, _, _, _ in figures(text, registry, lexicon)} == {"Uganda"}


def test_the_country_hosts_is_the_speakers_state(registry, lexicon):
    text = "The country hosts more than 1.2 million refugees from South Sudan and Burundi."
    assert {(p, c) for p, _, c, _ in figures(text, registry, lexicon, author="Uganda")} == {("Uganda", 1200000)}
