"""The fact rules as registered units: declared order, one rule run alone, results threaded between rules."""
import dataclasses

import pytest

from conftest import make_doc
from refugee_ld.extraction import rules
from refugee_ld.extraction.extract import analyse
from refugee_ld.extraction.facts import OUTPUT_ORDER, extract_facts
from refugee_ld.extraction.facts.adoptions import apply_names
from refugee_ld.extraction.facts.common import DATE_CLAIMERS, DateClaim
from refugee_ld.extraction.facts.presidents import Presidency
from refugee_ld.extraction.facts.roles import (ROLE_RULES, SENTENCES, DeclarationName, RoleCandidate)
from refugee_ld.extraction.mentions import DocMentions
from refugee_ld.records import EventDetails, EventRole, PopulationFigure, PostHolding, TreatyAction
from refugee_ld.text.textview import build_view


def doc_for(text, registry, lexicon, date=None, author=None):
    """The `Doc` of one text, as the fact rules see it."""
    document = dataclasses.replace(make_doc(text, date=date), author_state=author)
    return analyse(document, build_view(document.text, document.media_type), registry, lexicon)


def claims(results):
    return {c.start for c in results if isinstance(c, DateClaim)}


def of(results, kind):
    return [r for r in results if isinstance(r, kind)]


# -- the declared order ----------------------------------------------------------------------------------------
def test_ordered_runs_every_rule_after_the_rules_it_reads():
    order = [r.name for r in rules.ordered("facts")]
    assert len(order) == len(set(order))
    for r in rules.ordered("facts"):
        assert all(order.index(dep) < order.index(r.name) for dep in r.after), r.name
    assert set(OUTPUT_ORDER) <= set(order) and set(ROLE_RULES) <= set(order)


def test_every_reader_of_date_claims_runs_after_every_claimer():
    order = [r.name for r in rules.ordered("facts")]
    for reader in ("visits", "events.details", "population"):
        assert set(DATE_CLAIMERS) <= set(rules.get_rule(reader).after)
        assert max(order.index(c) for c in DATE_CLAIMERS) < order.index(reader)
    for name in DATE_CLAIMERS:  # a claimer says so in its declared records
        produces = rules.get_rule(name).produces
        assert DateClaim in (produces if isinstance(produces, tuple) else (produces,))


def test_run_rule_requires_the_results_a_rule_declares(registry, lexicon):
    doc = doc_for("Nothing happens here.", registry, lexicon)
    with pytest.raises(rules.RuleOrderError, match="treaty.actions"):
        rules.run_rule("treaty.relative", doc)


def test_stage_timings_name_every_rule(registry, lexicon):
    doc = doc_for("Kazakhstan acceded to the 1951 Convention relating to the Status of Refugees in 1999.",
                  registry, lexicon)
    timings: dict[str, float] = {}
    extract_facts(doc, timings)
    assert set(timings) == {r.name for r in rules.ordered("facts")}
    assert all(t >= 0 for t in timings.values())


# -- one rule alone ----------------------------------------------------------------------------------------------
def test_treaty_actions_claim_the_date_they_read(registry, lexicon):
    text = "Kazakhstan acceded to the 1951 Convention relating to the Status of Refugees in 1999."
    doc = doc_for(text, registry, lexicon)
    out = rules.run_rule("treaty.actions", doc)
    (fact,) = of(out, TreatyAction)
    assert (fact.state, fact.action, fact.date.iso) == ("state/kazakhstan", "accession", "1999")
    assert claims(out) == {text.index("1999")}


def test_relative_actions_skip_pairs_an_earlier_rule_found(registry, lexicon):
    text = "We welcome the 1954 Convention relating to the Status of Stateless Persons, to which Turkmenistan " \
           "acceded in 2011."
    doc = doc_for(text, registry, lexicon)
    alone = rules.run_rule("treaty.relative", doc, {"treaty.actions": (), "treaty.bilateral": ()})
    (fact,) = of(alone, TreatyAction)
    assert fact.rule == "treaty.relative" and fact.date.iso == "2011"
    known = rules.run_rule("treaty.relative", doc, {"treaty.actions": (fact,), "treaty.bilateral": ()})
    assert of(known, TreatyAction) == []


def test_a_claimed_date_is_no_events_date(registry, lexicon):
    text = "The Regional Conference on Refugee Protection was held in Almaty on 15 March 2011."
    doc = doc_for(text, registry, lexicon)
    free = {name: () for name in rules.get_rule("events.details").after}
    (details,) = rules.run_rule("events.details", doc, free)
    assert details.start.iso == "2011-03-15" and details.place == "place/almaty"
    taken = dict(free, **{"instrument.verb": (DateClaim(text.index("15 March")),)})
    (details,) = rules.run_rule("events.details", doc, taken)
    assert details.start is None and details.place == "place/almaty"


def test_a_claimed_date_is_no_figures_date(registry, lexicon):
    text = "In 2015 Kazakhstan hosted 700 refugees."
    doc = doc_for(text, registry, lexicon)
    free = {name: () for name in rules.get_rule("population").after}
    (figure,) = rules.run_rule("population", doc, free)
    assert isinstance(figure, PopulationFigure) and figure.count == 700 and figure.date.iso == "2015"
    (figure,) = rules.run_rule("population", doc, dict(free, visits=(DateClaim(text.index("2015")),)))
    assert figure.date is None


def test_a_visit_claims_its_date_and_names_the_event(registry, lexicon):
    text = "UN High Commissioner for Refugees Filippo Grandi visited Kazakhstan on 3 May 2019."
    doc = doc_for(text, registry, lexicon)
    out = rules.run_rule("visits", doc, {name: () for name in DATE_CLAIMERS})
    (details,) = of(out, EventDetails)
    assert details.event.startswith("event/visit-") and details.start.iso == "2019-05-03"
    assert claims(out) == {text.index("3 May")}
    # the same date claimed before: no visit is read from it
    again = rules.run_rule("visits", doc, dict({n: () for n in DATE_CLAIMERS},
                                               **{"posts.titles": (DateClaim(text.index("3 May")),)}))
    assert of(again, EventDetails) == []


def test_assembly_presidents_are_posts_and_presidencies(registry, lexicon):
    text = "We congratulate Mr. Amara Essy of Côte d'Ivoire on his election to the presidency of the General " \
           "Assembly at its forty-ninth session."
    doc = doc_for(text, registry, lexicon)
    out = rules.run_rule("posts.assembly_presidents", doc, {"posts.titles": ()})
    (post,) = of(out, PostHolding)
    (presidency,) = of(out, Presidency)
    assert post.post == "President of the General Assembly" and presidency.person == post.person
    assert text[presidency.start:presidency.end].startswith("Amara Essy")
    # a post the title rule already gave that person in the Assembly is not given twice
    assert of(rules.run_rule("posts.assembly_presidents", doc, {"posts.titles": (post,)}), PostHolding) == []


# -- declaration names and the role merge ----------------------------------------------------------------------
_ADOPTING = ("The Regional Conference on Refugee Protection was held in Almaty on 15 March 2011. "
             "The conference adopted a Declaration on refugee protection.")


def test_an_indefinite_declaration_is_named_as_a_result_not_in_place(registry, lexicon):
    doc = doc_for(_ADOPTING, registry, lexicon)
    details = rules.run_rule("events.details", doc, {name: () for name in rules.get_rule("events.details").after})
    out = rules.run_rule("roles.adopted", doc, {"events.details": details})
    (name,) = of(out, DeclarationName)
    (candidate,) = of(out, RoleCandidate)
    assert name.entity.label == "Almaty Declaration" and name.sentence == 1
    assert candidate.role.value == name.entity.key and candidate.role.role == "event_adopted"
    assert all(not doc.refs[i].key for i in name.refs)  # the mention stage's references are left as they were
    mentions = DocMentions(list(doc.refs), doc.book, doc.main_state)
    named = apply_names(mentions, [name])
    assert [named.refs[i].key for i in name.refs] == [name.entity.key] * len(name.refs)
    assert name.entity.key in named.book.entities and name.entity.key not in doc.book.entities


def test_roles_keep_the_first_statement_in_reading_order(registry, lexicon):
    doc = doc_for("Nothing happens here.", registry, lexicon)
    evidence = doc.evidence(0, 7)
    late = EventRole("event/x", "participant", "state/kazakhstan", evidence, rule="participant.at")
    early = EventRole("event/x", "participant", "state/kazakhstan", evidence, rule="participant.took_part")
    inputs = {name: () for name in ROLE_RULES}
    inputs["participant.at"] = (RoleCandidate(SENTENCES, 3, 0, late),)
    inputs["participant.took_part"] = (RoleCandidate(SENTENCES, 1, 0, early),)
    assert rules.run_rule("roles", doc, inputs) == (early,)


def test_whole_stage_matches_the_rules_run_one_by_one(registry, lexicon):
    doc = doc_for(_ADOPTING + " UNHCR and the Government of Kazakhstan organized the conference.", registry, lexicon)
    results: dict[str, tuple] = {}
    for r in rules.ordered("facts"):
        results[r.name] = rules.run_rule(r.name, doc, {d: results[d] for d in r.after})
    found = extract_facts(doc)
    assert found.facts == tuple(f for name in OUTPUT_ORDER for f in results[name]
                                if not isinstance(f, (DateClaim, Presidency, RoleCandidate, DeclarationName))
                                and not type(f).__name__ == "Entity")
    assert found.names == tuple(of(results["roles.adopted"], DeclarationName))


def test_a_title_joined_to_another_is_held_by_the_same_person(registry, lexicon):
    text = ("We align ourselves with Mr. Bingu wa Mutharika, President of the Republic of Malawi and current "
            "Chairperson of the African Union. Major Pierre Buyoya, President of the Central Committee of the "
            "UPRONA Party and President of the Republic of Burundi, spoke. I had talks with Prime Minister "
            "Primakov last week.")
    doc = doc_for(text, registry, lexicon, author="Germany")
    posts = {(doc.book.entities[p.person].label, p.organisation) for p in
             of(rules.run_rule("posts.titles", doc, {}), PostHolding)}
    assert ("Bingu wa Mutharika", "state/malawi") in posts
    assert ("Bingu wa Mutharika", "agency/au") in posts
    assert ("Pierre Buyoya", "state/burundi") in posts
    assert not any(org == "state/germany" for _, org in posts)  # 'my talks with' is no 'my Prime Minister'


def test_news_titles_in_lower_case_after_an_acronym_and_two_word_adjectives(registry, lexicon):
    text = ("UNHCR spokesperson Ron Redmond told reporters in Geneva. The High Commissioner met South African "
            "President Thabo Mbeki. The UNHCR representative office opened.")
    doc = doc_for(text, registry, lexicon)
    posts = {(doc.book.entities[p.person].label, p.organisation) for p in
             of(rules.run_rule("posts.titles", doc, {}), PostHolding)}
    assert ("Ron Redmond", "agency/unhcr") in posts
    assert ("Thabo Mbeki", "state/south-africa") in posts
    assert len(posts) == 2


def test_president_before_the_assembly_presidents_name_is_the_assemblys(registry, lexicon):
    text = "We congratulate you, President Ganev, and thank the President, Mr. Samir Shihabi."
    doc = doc_for(text, registry, lexicon, author="Japan")
    posts = {(doc.book.entities[p.person].label, p.organisation, p.post) for p in
             of(rules.run_rule("posts.titles", doc, {}), PostHolding)}
    assert posts and all(org == "agency/unga" and post == "President of the General Assembly"
                         for _, org, post in posts)
