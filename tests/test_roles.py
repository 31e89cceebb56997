"""Shared role helpers (extraction/facts/roles.py): the subject run of a verb keeps the bodies named, not the
states that only qualify them.  Paraphrases written for these tests."""
from refugee_ld.extraction.extract import extract
from refugee_ld.records import DateValue, Document, EventRole


def participants(text, registry, lexicon):
    document = Document(doc_id="t.txt", text=text, date=DateValue("2015-03-02"))
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    label.update({k: e.entity.label for k, e in registry.entries.items()})
    return {label[f.value] for f in x.facts if isinstance(f, EventRole) and f.role == "participant"}


def test_a_country_office_is_the_agency_not_the_state(registry, lexicon):
    text = "On 2 March 2015, staff members of UNHCR Kenya attended a workshop on statelessness held in Nairobi."
    found = participants(text, registry, lexicon)
    assert "Kenya" not in found


def test_a_state_in_a_list_with_an_agency_still_takes_part(registry, lexicon):
    text = "On 2 March 2015, UNHCR and Kenya attended a workshop on statelessness held in Nairobi."
    assert "Kenya" in participants(text, registry, lexicon)
