"""The event guards (facts/event_guards.py) through the date and place rule, on sentences written for these tests:
dates and places that belong to a target, a baseline, a review or a neighbouring clause; events without identity
or that are institutions; proposed events.  Each guard is paired with a sentence it must leave alone."""
import dataclasses

import pytest
from conftest import make_doc

from refugee_ld.extraction import rules
from refugee_ld.extraction.extract import analyse
from refugee_ld.extraction.facts.event_guards import without_identity
from refugee_ld.text.textview import build_view


def details(text, registry, lexicon):
    """(event label, start, place) of each EventDetails the rule gives, run alone with no date claimed."""
    document = dataclasses.replace(make_doc(text))
    doc = analyse(document, build_view(document.text, document.media_type), registry, lexicon)
    found = rules.run_rule("events.details", doc, {name: () for name in rules.get_rule("events.details").after})
    return [(doc.entity(d.event).label, d.start.iso if d.start else None, d.place) for d in found]


def dates(text, registry, lexicon):
    return [start for _, start, _ in details(text, registry, lexicon) if start]


def places(text, registry, lexicon):
    return [place for _, _, place in details(text, registry, lexicon) if place]


@pytest.mark.parametrize("text", [
    "The Regional Conference on Refugee Protection pledged to end statelessness by 2024.",
    "The Regional Conference on Refugee Protection set a goal of halving the backlog until 2030.",
    "The Regional Conference on Refugee Protection agreed to cut emissions compared to 1990.",
    "The Regional Conference on Refugee Protection asked for cuts of a third below 1990 levels.",
    "The Regional Conference on Refugee Protection has met every autumn since 2014.",
])
def test_a_target_baseline_or_recurrence_is_no_occurrence_date(text, registry, lexicon):
    assert dates(text, registry, lexicon) == []


@pytest.mark.parametrize("text", [
    "The Regional Conference on Refugee Protection, the review of which is due in 2026, was a milestone.",
    "We recall the Regional Conference on Refugee Protection and the consultations held in Almaty in 2019.",
    "A special session in 2026 will assess the commitments of the Regional Conference on Refugee Protection.",
    "The tenth anniversary of the Regional Conference on Refugee Protection in 2021 was marked widely.",
])
def test_a_date_claimed_by_another_noun_is_not_the_events(text, registry, lexicon):
    assert dates(text, registry, lexicon) == []


def test_a_place_claimed_by_a_follow_up_is_not_the_events(registry, lexicon):
    text = "The follow-up to the Regional Conference on Refugee Protection is taking place here in Geneva."
    assert places(text, registry, lexicon) == []


@pytest.mark.parametrize("text, year", [
    ("The Regional Conference on Refugee Protection, held in Almaty in 2019, adopted a plan.", "2019"),
    ("In 2019, the Regional Conference on Refugee Protection met in Almaty.", "2019"),
    ("The tenth anniversary of the Regional Conference on Refugee Protection held in 2011 was marked widely.",
     "2011"),
])
def test_the_events_own_date_stays(text, year, registry, lexicon):
    assert dates(text, registry, lexicon) == [year]


@pytest.mark.parametrize("label", ["Ministerial Conference", "Summit Meeting", "International Conference",
                                   "Regional Forum", "the High-level Meeting", "National Conference",
                                   "Summit Meeting of Heads of State", "Biennial Meeting of States",
                                   "Third Review Conference"])
def test_a_label_of_generic_words_has_no_identity(label):
    assert without_identity(label)


@pytest.mark.parametrize("label", ["Millennium Summit", "Paris Conference", "Second Summit on Nutrition",
                                   "Regional Conference on Refugee Protection", "Copenhagen Climate Conference",
                                   "1995 Review Conference", "Summit of Heads of State of the African Union"])
def test_a_label_with_an_owner_topic_or_place_has_identity(label):
    assert not without_identity(label)


def test_an_institution_with_an_event_head_gets_no_occurrence(registry, lexicon):
    text = "The Regional Conference on Refugee Protection, which was established in 1969, sits in Almaty."
    assert details(text, registry, lexicon) == []
    text = "The Regional Conference on Refugee Protection, which was held in 1969, took place in Almaty."
    assert dates(text, registry, lexicon) == ["1969"]


@pytest.mark.parametrize("text", [
    "It is urgent that there be convened the Regional Conference on Refugee Protection in Almaty in 2026.",
    "We propose to convene the Regional Conference on Refugee Protection in Almaty in 2026.",
    "It would be advisable to convene the Regional Conference on Refugee Protection in Almaty in 2026.",
    "We support the initiative concerning the holding of the Regional Conference on Refugee Protection in 2026.",
])
def test_a_proposed_event_gets_no_date_or_place(text, registry, lexicon):
    assert details(text, registry, lexicon) == []


def test_a_scheduled_event_keeps_its_date_and_place(registry, lexicon):
    text = ("We propose that States attend the Regional Conference on Refugee Protection, to be held in Almaty "
            "in 2026.")
    assert ("2026", "place/almaty") in [(s, p) for _, s, p in details(text, registry, lexicon)]


def test_a_proposal_of_something_else_leaves_the_event_alone(registry, lexicon):
    text = ("The steps proposed by the agencies and agreed at the Regional Conference on Refugee Protection, held "
            "in Almaty, must now be taken.")
    assert places(text, registry, lexicon) == ["place/almaty"]


def test_a_date_of_commitments_before_the_event_is_not_the_events(registry, lexicon):
    text = "The pledges made in 2005 by donors must be honoured at the Regional Conference on Refugee Protection."
    assert dates(text, registry, lexicon) == []


def test_what_an_event_marks_claims_none_of_its_dates(registry, lexicon):
    text = ("We met at the Regional Conference on Refugee Protection on the occasion of the tenth anniversary of "
            "the Office (Almaty, 5-7 December 2011).")
    assert dates(text, registry, lexicon) == ["2011-12-05"]


def test_a_review_of_an_event_held_there_keeps_its_venue(registry, lexicon):
    text = "We welcome the review of the Regional Conference on Refugee Protection, which took place in Almaty."
    assert places(text, registry, lexicon) == ["place/almaty"]
    text = "We welcome the review of the Regional Conference on Refugee Protection in Almaty."
    assert places(text, registry, lexicon) == []
    text = "We welcome the outcome of the Regional Conference on Refugee Protection in Almaty."
    assert places(text, registry, lexicon) == ["place/almaty"]


@pytest.mark.parametrize("text", [
    "The Regional Conference on Refugee Protection must ensure that every child is registered in 2026.",
    "We welcome resolution 2240 (2015), the principles of the Regional Conference on Refugee Protection.",
])
def test_a_date_of_another_clause_or_a_citation_is_not_the_events(text, registry, lexicon):
    assert dates(text, registry, lexicon) == []


def test_a_scheduled_date_after_will_stays(registry, lexicon):
    text = "The Regional Conference on Refugee Protection will take place in Almaty in 2026."
    assert dates(text, registry, lexicon) == ["2026"]


def organisers(text, registry, lexicon):
    """(event label, organiser label) of each organiser.in_name candidate, the rule run alone."""
    document = make_doc(text)
    doc = analyse(document, build_view(document.text, document.media_type), registry, lexicon)
    found = rules.run_rule("organiser.in_name", doc, {n: () for n in rules.get_rule("organiser.in_name").after})
    return [(doc.entity(c.role.event).label, c.role.value) for c in found]


@pytest.mark.parametrize(("proposal", "held"), [
    ("It is urgent that there be convened a special OSCE Summit on the crisis.",
     "A special OSCE Summit on the crisis met in Vienna last year."),
    ("We propose to convene an OSCE Summit on migration next year.",
     "The OSCE Summit on migration adopted a declaration."),
])
def test_a_proposed_event_has_no_organiser_in_its_name(proposal, held, registry, lexicon):
    assert organisers(proposal, registry, lexicon) == []
    assert organisers(held, registry, lexicon) != []


def test_a_generic_event_label_gets_no_organiser_from_its_name(registry, lexicon):
    """'the WTO Ministerial Conference' detected as 'Ministerial Conference': no organiser on a node that names no
    one event; a name that keeps its identity keeps its organiser."""
    assert without_identity("Ministerial Conference") and not without_identity("OSCE Summit on migration")
    assert organisers("The WTO Ministerial Conference met in Cancun in 2003.", registry, lexicon) == []
    assert organisers("The OSCE Summit on migration adopted a declaration.", registry, lexicon) != []


def test_a_state_that_names_a_negotiation_is_no_organiser(registry, lexicon):
    """'the Ministerial Meeting of the Uruguay Round': the round is named after a place; Uruguay convened nothing."""
    text = "Morocco hosted the Marrakesh Ministerial Meeting of the Uruguay Round in 1994."
    assert "state/uruguay" not in {value for _, value in organisers(text, registry, lexicon)}
