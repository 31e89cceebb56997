"""Events named with their occurrence or after their city, and the region 'the former Yugoslavia', in sentences
written for these tests (none taken from a development document), with the cases that must name nothing."""
import pytest

from mention_docs import doc_for, sentence_for
from refugee_ld.extraction.mentions import MentionDetector
from refugee_ld.extraction.rules import get_rule, run_rule
from refugee_ld.text.dates import find_dates
from refugee_ld.text.sentences import split_sentences


def earlier(name):
    return {dependency: () for dependency in get_rule(name).after}


def events(rule, text, registry, lexicon):
    """The (label, quoted text) of each event the rule names in the first sentence, run alone."""
    doc = doc_for(text, registry, lexicon, year="2011")
    found = run_rule(rule, sentence_for(doc), earlier(rule))
    return [(doc.book.entities[f.ref.key].label, text[f.ref.start:f.ref.end]) for f in found
            if f.ref.type == "Event"]


# -- an ordinal or a year before a capitalised event name ---------------------------------------------------------
@pytest.mark.parametrize("text, label, quoted", [
    ("Ministers met at the third Regional Summit on Displacement to agree on a plan.",
     "Third Regional Summit on Displacement", "third Regional Summit on Displacement"),
    ("The 2014 World Forum on Migration and Development gave new impetus.",
     "2014 World Forum on Migration and Development", "2014 World Forum on Migration and Development"),
    ("Our delegation looks to the twenty-first Ministerial Conference of the Parties to the Treaty of Ankara.",
     "Twenty-first Ministerial Conference of the Parties to the Treaty of Ankara",
     "twenty-first Ministerial Conference of the Parties to the Treaty of Ankara"),
])
def test_the_number_of_an_occurrence_belongs_to_its_name(text, label, quoted, registry, lexicon):
    assert (label, quoted) in events("mentions.ordinal_sessions", text, registry, lexicon)


@pytest.mark.parametrize("text", [
    "In 2014 Summit organisers were busy.",  # a year after a preposition, not in a name
    "The second Conference was shorter.",  # which conference is not said
    "We attended the third meeting of experts.",  # a lower-case head is no name
    "Their fourth Report on Displacement is out.",  # no event head
    "We attended the 2nd Regional Conference on Refugees and the Migration.",  # the chunk rule reads it whole
])
def test_no_numbered_event_without_a_named_occurrence(text, registry, lexicon):
    assert events("mentions.ordinal_sessions", text, registry, lexicon) == []


def test_the_chunk_rule_leaves_a_numbered_name_whole(registry, lexicon):
    text = "Delegates praised the 2014 World Forum on Migration and Development in their statements."
    detected = MentionDetector(registry, lexicon).detect(text, split_sentences(text), find_dates(text, None))
    spans = [text[r.start:r.end] for r in detected.refs if r.type == "Event"]
    assert spans == ["2014 World Forum on Migration and Development"]


# -- a meeting known by its city -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, label", [
    ("Much now depends on the Lusaka talks between the parties.", "Lusaka talks"),
    ("The failure of the recent Nairobi summit surprised nobody.", "Nairobi summit"),
    ("We welcome the outcome of the Geneva conference on displacement.", "Geneva conference"),
])
def test_a_meeting_named_after_its_city(text, label, registry, lexicon):
    assert [lab for lab, _ in events("mentions.place_named_events", text, registry, lexicon)] == [label]


@pytest.mark.parametrize("text", [
    "In Geneva conferences are held every week.",  # no determiner: the city is where, not a name
    "The Geneva conferences of the last decade were many.",  # plural: a series, not one meeting
    "The talks in Lusaka went on for a week.",  # the city after the head
    "We welcome the Nairobi Summit on Refugees.",  # a capitalised name is the chunk rule's
])
def test_no_city_named_meeting(text, registry, lexicon):
    assert events("mentions.place_named_events", text, registry, lexicon) == []


# -- the former Yugoslavia ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Many fled the wars in the former Yugoslavia.", ("Place", "former Yugoslavia")),
    ("The tragedy of the former\nYugoslavia continues.", ("Place", "former\nYugoslavia")),
    ("Yugoslavia was a founding Member of the Organization.", ("State", "Yugoslavia")),
])
def test_the_former_yugoslavia_is_a_region(text, expected, registry, lexicon):
    detected = MentionDetector(registry, lexicon).detect(text, split_sentences(text), find_dates(text, None))
    assert [(r.type, text[r.start:r.end]) for r in detected.refs if "ugoslavia" in text[r.start:r.end]] == [expected]


# -- a described event in a hedged clause ------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "I reiterate the call for a global conference on labour migration, which was held to be urgent.",
    "The Assembly should consider convening a high-level conference on piracy held under its auspices.",
])
def test_no_described_event_in_a_call_or_a_hedge(text, registry, lexicon):
    assert events("mentions.described_events", text, registry, lexicon) == []


def test_a_described_event_said_to_be_held_is_kept(registry, lexicon):
    text = "A regional conference on labour migration was held in Almaty in 2011."
    assert [label for label, _ in events("mentions.described_events", text, registry, lexicon)] == [
        "Regional conference on labour migration"]
