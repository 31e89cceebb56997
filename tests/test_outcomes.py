"""Instruments an event produced (rule `adopted.clauses`, extraction/facts/outcomes.py), in paraphrases written
for these tests, with modal and unrelated wordings that must yield nothing."""
import pytest

from refugee_ld.extraction.extract import extract
from refugee_ld.records import DateValue, Document, EventRole


def adopted(text, registry, lexicon):
    document = Document(doc_id="t.txt", text=text, date=DateValue("2011-05-04"))
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    label.update({k: e.entity.label for k, e in registry.entries.items()})
    out = set()
    for f in x.facts:
        if isinstance(f, EventRole) and f.role == "event_adopted" and f.rule.startswith("adopted."):
            assert f.evidence.exact == text[f.evidence.start:f.evidence.end]
            out.add((f.rule, label[f.event], label[f.value]))
    return out


@pytest.mark.parametrize("text", [
    "The Almaty Declaration, which emerged from the Regional Conference on Statelessness, guides us.",
    "The Almaty Declaration issued at the end of the Regional Conference on Statelessness guides us.",
])
def test_outcome_of_an_event(text, registry, lexicon):
    assert adopted(text, registry, lexicon) == {
        ("adopted.outcome_of", "Regional Conference on Statelessness", "Almaty Declaration")}


def test_event_resulting_in_an_adoption(registry, lexicon):
    text = ("The Regional Conference on Statelessness met in Almaty in May, resulting in the adoption of the "
            "Almaty Declaration.")
    assert adopted(text, registry, lexicon) == {
        ("adopted.result", "Regional Conference on Statelessness", "Almaty Declaration")}


@pytest.mark.parametrize("text", [
    "At the Regional Conference on Statelessness, the Almaty Declaration was adopted.",
    "During the Regional Conference on Statelessness, ministers adopted the Almaty Declaration.",
])
def test_adopted_at_an_event(text, registry, lexicon):
    """(the active wording is also the core adoption rule's: whichever reads it first states it)"""
    assert {(e, v) for _, e, v in adopted(text, registry, lexicon)} == {
        ("Regional Conference on Statelessness", "Almaty Declaration")}


def test_adopted_at_an_event_in_the_passive(registry, lexicon):
    text = "At the Regional Conference on Statelessness, the Almaty Declaration and the Almaty Plan were adopted."
    assert adopted(text, registry, lexicon) >= {
        ("adopted.at_event", "Regional Conference on Statelessness", "Almaty Declaration")}


@pytest.mark.parametrize("text", [
    "At the Regional Conference on Statelessness, the Almaty Declaration should be adopted.",
    "At the Regional Conference on Statelessness, we did not adopt the Almaty Declaration.",
    "The Almaty Declaration was praised at the Regional Conference on Statelessness.",
])
def test_no_outcome(text, registry, lexicon):
    assert adopted(text, registry, lexicon) == set()


@pytest.mark.parametrize("text, states", [
    ("At the Regional Conference on Statelessness, six countries (Chile, Peru, the Bahamas, Antigua and Barbuda, "
     "Cuba and Uruguay) adopted by acclamation the Almaty Declaration.",
     {"Chile", "Peru", "Bahamas", "Antigua and Barbuda", "Cuba", "Uruguay"}),
    ("At the Regional Conference on Statelessness, Chile and Peru signed the Almaty Declaration.", {"Chile", "Peru"}),
    ("At the Regional Conference on Statelessness, six countries (all of them from the region) adopted the Almaty "
     "Declaration.", set()),
])
def test_states_adopting_at_an_event_took_part(text, states, registry, lexicon):
    document = Document(doc_id="t.txt", text=text, date=DateValue("2011-05-04"))
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    got = {label[f.value] for f in x.facts if isinstance(f, EventRole) and f.rule == "participant.adopters"}
    assert got == states
    assert {(label[f.event], label[f.value]) for f in x.facts if isinstance(f, EventRole) and
            f.role == "event_adopted"} == {("Regional Conference on Statelessness", "Almaty Declaration")}
