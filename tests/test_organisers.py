"""Organisers read by facts/organisers.py in press-release paraphrases written for these tests: partners after
'by A with B', and funders who organise nothing."""
import pytest

from refugee_ld.extraction.extract import extract
from refugee_ld.records import Document, EventRole


def organisers(text, registry, lexicon):
    """{value label: qualifier} of the organiser facts, each quote checked against the text."""
    x = extract(Document(doc_id="t.txt", text=text), registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    out = {}
    for f in x.facts:
        if isinstance(f, EventRole) and f.role == "organised_by":
            assert f.evidence.exact == text[f.evidence.start:f.evidence.end]
            out[label[f.value]] = f.qualifier
    return out


@pytest.mark.parametrize("text", [
    "A regional workshop on statelessness was co-organised by UNHCR with the Council of Europe in Strasbourg on "
    "12 May 2015.",
    "A regional workshop on statelessness was organised by UNHCR in partnership with the Council of Europe in "
    "Strasbourg on 12 May 2015.",
    "A regional workshop on statelessness, hosted by UNHCR together with the Council of Europe, took place in "
    "Strasbourg on 12 May 2015.",
])
def test_the_partner_after_by_a_organises_too(text, registry, lexicon):
    found = organisers(text, registry, lexicon)
    assert "Office of the United Nations High Commissioner for Refugees" in found
    assert found.get("Council of Europe", "missing") in (None, "cosponsor")


@pytest.mark.parametrize("text", [
    "A regional workshop on statelessness was organised by UNHCR with the financial support of the European "
    "Union in Strasbourg on 12 May 2015.",
    "A regional workshop on statelessness was organised by UNHCR with funding from the European Union in "
    "Strasbourg on 12 May 2015.",
])
def test_a_funder_after_with_organises_nothing(text, registry, lexicon):
    found = organisers(text, registry, lexicon)
    assert "Office of the United Nations High Commissioner for Refugees" in found
    assert found.get("European Union", "support") == "support"  # a supporter at most, never an organiser


@pytest.mark.parametrize("text", [
    "With the support of the European Union, UNHCR held a regional workshop on statelessness in Almaty on 3 May "
    "2015.",
    "With the participation of the Council of Europe, with the support of the European Union, a regional "
    "workshop on statelessness was held in Almaty on 3 May 2015.",
    "Under the financial support of the European Union, a regional workshop on statelessness took place in "
    "Almaty on 3 May 2015.",
])
def test_a_fronted_support_phrase_names_a_supporter_of_the_event_after_it(text, registry, lexicon):
    assert organisers(text, registry, lexicon).get("European Union") == "support"


def test_a_support_phrase_inside_the_clause_qualifies_the_event_before_it(registry, lexicon):
    text = ("UNHCR held a regional workshop on statelessness in Almaty on 3 May 2015 with the support of the "
            "European Union.")
    assert organisers(text, registry, lexicon).get("European Union") == "support"


@pytest.mark.parametrize("text", [
    "UNHCR organizes high-level conference on statelessness in Baku\n\nThe conference took place on 3 May 2019.",
    "UNHCR Hosts Regional Conference on Statelessness in Baku\n\nThe conference took place on 3 May 2019.",
])
def test_a_headline_without_article_names_the_organiser(text, registry, lexicon):
    assert "Office of the United Nations High Commissioner for Refugees" in organisers(text, registry, lexicon)


def test_a_headline_verb_before_another_word_organises_nothing(registry, lexicon):
    text = "UNHCR hosts refugees from Syria at the Regional Conference on Statelessness in Baku on 3 May 2019."
    assert "Office of the United Nations High Commissioner for Refugees" not in organisers(text, registry, lexicon)


def test_a_state_deep_in_a_described_events_topic_organises_nothing(registry, lexicon):
    text = ("We thank the partners of the international conference for the economic recovery and development of "
            "Mali, held in Paris, in October 2015.")
    assert "Mali" not in organisers(text, registry, lexicon)


def test_a_body_before_a_described_events_noun_organises_it(registry, lexicon):
    text = "The UNHCR regional workshop on statelessness was held in Almaty on 3 May 2015."
    assert "Office of the United Nations High Commissioner for Refugees" in organisers(text, registry, lexicon)
