"""Each mention rule run alone (`run_rule`) on a small document, and the declared order of both stages."""
import pytest

from mention_docs import doc_for, sentence_for
from refugee_ld.extraction.mentions import SENTENCE_STAGE, STAGE, Found, Ref
from refugee_ld.extraction.rules import RuleOrderError, get_rule, ordered, run_rule

SENTENCE_RULES = ["mentions.laws", "mentions.resolutions", "mentions.ordinal_sessions", "mentions.current_sessions",
                  "mentions.governments", "mentions.chunks", "mentions.meetings_of", "mentions.described_events",
                  "mentions.quoted_events", "mentions.place_named_events", "mentions.held_events", "mentions.site_names",
                  "mentions.world"]


def earlier(name):
    """Empty results for every rule `name` declared it reads."""
    return {dependency: () for dependency in get_rule(name).after}


def labels(doc, found):
    return [doc.book.entities[f.ref.key].label for f in found]


def test_the_declared_orders():
    assert [r.name for r in ordered(STAGE)] == ["mentions.registry", "mentions.phrases", "mentions.persons",
                                                "mentions.surnames", "mentions.anaphora"]
    assert [r.name for r in ordered(SENTENCE_STAGE)] == SENTENCE_RULES


@pytest.mark.parametrize("stage", [STAGE, SENTENCE_STAGE])
def test_every_rule_runs_after_what_it_reads(stage):
    seen: set[str] = set()
    for r in ordered(stage):
        assert set(r.after) <= seen, r.name
        seen.add(r.name)


def test_a_sentence_rule_reads_every_earlier_rule_of_its_sentence():
    """The spans a sentence rule must leave alone are what all earlier rules claimed: each declares them all."""
    for n, r in enumerate(ordered(SENTENCE_STAGE)):
        assert set(r.after) == set(SENTENCE_RULES[:n]), r.name


def test_a_rule_run_alone_needs_the_results_it_declared(registry, lexicon):
    doc = doc_for("Uzbekistan adopted resolution 55/96.", registry, lexicon)
    with pytest.raises(RuleOrderError):
        run_rule("mentions.resolutions", sentence_for(doc))


def test_registry_rule_finds_names_and_enters_them_in_the_book(registry, lexicon):
    doc = doc_for("Kazakhstan thanked UNHCR and the Kyrgyz Republic.", registry, lexicon)
    refs = run_rule("mentions.registry", doc)
    assert all(isinstance(r, Ref) for r in refs)
    assert [doc.text[r.start:r.end] for r in refs] == ["Kazakhstan", "UNHCR", "Kyrgyz Republic"]
    assert {r.key for r in refs} <= set(doc.book.entities)


def test_laws_rule_keys_a_law_by_the_main_state(registry, lexicon):
    doc = doc_for("Uzbekistan adopted the Law on Refugees.", registry, lexicon)
    found = run_rule("mentions.laws", sentence_for(doc))
    assert labels(doc, found) == ["Law of Uzbekistan on Refugees"]
    assert found[0].claims and doc.text[found[0].ref.start:found[0].ref.end] == "Law on Refugees"


def test_resolutions_rule_leaves_what_an_earlier_rule_claimed(registry, lexicon):
    doc = doc_for("The Security Council adopted resolution 661 (1990) on Iraq.", registry, lexicon)
    sentence = sentence_for(doc)
    found = run_rule("mentions.resolutions", sentence, earlier("mentions.resolutions"))
    assert labels(doc, found) == ["Security Council resolution 661 (1990)"]
    start = found[0].ref.start  # a claim across the start (one inside it would be a name within the citation)
    claim = Found(Ref(start - 4, start + 3, "instrument/x", "Instrument", "law", "pattern"))
    assert run_rule("mentions.resolutions", sentence, {"mentions.laws": (claim,)}) == ()


def test_ordinal_sessions_rule_marks_the_statement_s_own_session(registry, lexicon):
    doc = doc_for("We meet at the fifty-ninth session of the General Assembly.", registry, lexicon,
                  author_state="state/kenya", year="2004")
    found = run_rule("mentions.ordinal_sessions", sentence_for(doc), earlier("mentions.ordinal_sessions"))
    assert labels(doc, found) == ["Fifty-ninth Session of the United Nations General Assembly"]
    assert found[0].owner == "agency/unga" and found[0].current


def test_ordinal_sessions_rule_names_the_body_whose_session_it_is(registry, lexicon):
    doc = doc_for("UNHCR hosted the 70th session of UNHCR's Executive Committee.", registry, lexicon)
    found = run_rule("mentions.ordinal_sessions", sentence_for(doc), earlier("mentions.ordinal_sessions"))
    body, session = found
    assert not body.claims and body.ref.type == "Agency"
    assert labels(doc, found)[1].startswith("Seventieth Session of the Executive Committee")


def test_current_sessions_rule_needs_a_statement_year(registry, lexicon):
    text = "We meet at this session of the General Assembly."
    dated = doc_for(text, registry, lexicon, author_state="state/kenya", year="1999")
    found = run_rule("mentions.current_sessions", sentence_for(dated), earlier("mentions.current_sessions"))
    assert labels(dated, found) == ["Fifty-fourth Session of the United Nations General Assembly"]
    undated = doc_for(text, registry, lexicon)
    assert run_rule("mentions.current_sessions", sentence_for(undated), earlier("mentions.current_sessions")) == ()


def test_governments_rule_reads_adjectives_and_abbreviations(registry, lexicon):
    doc = doc_for("A Kazakh MFA press release was issued.", registry, lexicon)
    found = run_rule("mentions.governments", sentence_for(doc), earlier("mentions.governments"))
    assert labels(doc, found) == ["Ministry of Foreign Affairs of Kazakhstan"]


def test_chunks_rule_names_by_head_noun(registry, lexicon):
    doc = doc_for("The Regional Workshop on Statelessness in Central Asia took place in Tashkent.", registry, lexicon)
    found = run_rule("mentions.chunks", sentence_for(doc), earlier("mentions.chunks"))
    assert labels(doc, found) == ["Regional Workshop on Statelessness in Central Asia"]
    assert found[0].ref.type == "Event"


def test_meetings_of_rule(registry, lexicon):
    doc = doc_for("He spoke at a meeting of the High-level Panel on Migration.", registry, lexicon)
    found = run_rule("mentions.meetings_of", sentence_for(doc), earlier("mentions.meetings_of"))
    assert labels(doc, found) == ["High-level Panel on Migration"]


def test_described_events_rule_needs_a_topic_and_a_holding_verb(registry, lexicon):
    held = doc_for("A regional workshop on statelessness was held in Almaty.", registry, lexicon)
    found = run_rule("mentions.described_events", sentence_for(held), earlier("mentions.described_events"))
    assert labels(held, found) == ["Regional workshop on statelessness"]
    unheld = doc_for("We need a meeting of minds.", registry, lexicon)
    assert run_rule("mentions.described_events", sentence_for(unheld), earlier("mentions.described_events")) == ()


def test_quoted_events_rule_takes_the_title(registry, lexicon):
    doc = doc_for('UNHCR held the international conference "Statelessness in Central Asia" in May.', registry, lexicon)
    found = run_rule("mentions.quoted_events", sentence_for(doc), earlier("mentions.quoted_events"))
    assert labels(doc, found) == ["Statelessness in Central Asia"]


def test_persons_and_surnames_rules(registry, lexicon):
    doc = doc_for("\"We welcome this step,\" said Maria Ivanova, Deputy Minister of Justice. Later Ivanova left.",
                  registry, lexicon)
    named = {"mentions.registry": run_rule("mentions.registry", doc), "mentions.phrases": ()}
    persons = run_rule("mentions.persons", doc, named)
    assert [doc.text[r.start:r.end] for r in persons] == ["Maria Ivanova"]
    surnames = run_rule("mentions.surnames", doc, {**named, "mentions.persons": persons})
    assert [(doc.text[r.start:r.end], r.key) for r in surnames] == [("Ivanova", persons[0].key)]


def test_anaphora_rule_resolves_to_the_last_entity_of_the_kind(registry, lexicon):
    doc = doc_for("Kazakhstan joined the 1954 Convention relating to the Status of Stateless Persons. "
                  "The Convention protects stateless people.", registry, lexicon)
    inputs = {"mentions.registry": run_rule("mentions.registry", doc), "mentions.phrases": (),
              "mentions.persons": (), "mentions.surnames": ()}
    refs = run_rule("mentions.anaphora", doc, inputs)
    assert [(doc.text[r.start:r.end], r.via) for r in refs] == [("Convention", "anaphor")]
    assert refs[0].key == "instrument/convention-relating-to-the-status-of-stateless-persons"
