"""Visits and missions named by a noun: several phrasings, the visitor and companions, and the forms that make
nothing (plans, negations, plurals, an object instead of a subject)."""
import pytest
from conftest import make_doc

from refugee_ld.extraction.extract import extract
from refugee_ld.extraction.facts.missions import grammar
from refugee_ld.records import EventDetails, EventRole


def _run(text, registry, lexicon, date=None):
    x = extract(make_doc(text, date=date), registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    aliases = {e.label: e.aliases for e in x.entities}
    details = {label[f.event]: (f.start.iso if f.start else None, f.end.iso if f.end else None,
                                label.get(f.place) if f.place else None)
               for f in x.facts if isinstance(f, EventDetails) and f.rule == "event.mission"}
    people = {(label[f.event], label[f.value]) for f in x.facts
              if isinstance(f, EventRole) and f.rule == "event.mission"}
    return details, people, aliases


@pytest.mark.parametrize("text, event, when, who", [
    ("Filippo Grandi met refugees in Dadaab during a four-day official mission in Kenya, from 3-6 May 2018.",
     "Mission of Filippo Grandi to Kenya (May 2018)", ("2018-05-03", "2018-05-06", None), "Filippo Grandi"),
    ("Volker Türk began a two-day, two-nation visit to Uganda on 12 March 2017.",
     "Visit of Volker Türk to Uganda (March 2017)", ("2017-03-12", None, None), "Volker Türk"),
    ("Geneva - Volker Türk, the Assistant High Commissioner, concluded a three-day mission to Tajikistan on "
     "9 June 2015 with a call for solidarity.", "Mission of Volker Türk to Tajikistan (June 2015)",
     ("2015-06-09", None, None), "Volker Türk"),
])
def test_a_journey_named_by_its_noun(text, event, when, who, registry, lexicon):
    details, people, _ = _run(text, registry, lexicon)
    assert details == {event: when}
    assert people == {(event, who)}


def test_under_way_on_the_day_of_the_report_and_the_phrase_as_alias(registry, lexicon):
    details, people, aliases = _run("High Commissioner Filippo Grandi is on a three-day mission in Kenya seeing "
                                    "the camps.", registry, lexicon, date="2018-06-20")
    assert details == {"Mission of Filippo Grandi to Kenya (June 2018)": ("2018-06", None, None)}
    assert "three-day mission in Kenya" in aliases["Mission of Filippo Grandi to Kenya (June 2018)"]


def test_the_possessor_and_a_companion(registry, lexicon):
    text = ("Filippo Grandi, accompanied by Her Royal Highness Princess Sarah Zeid, met refugees during a "
            "three-day visit to Uganda, from 1-3 April 2016. As part of his visit to Rwanda, Volker Türk spoke.")
    details, people, _ = _run(text, registry, lexicon)
    assert ("Visit of Filippo Grandi to Uganda (April 2016)", "Sarah Zeid") in people
    assert ("Visit of Filippo Grandi to Uganda (April 2016)", "Filippo Grandi") in people
    # opening the sentence, 'his' points forward to the main clause's subject
    assert ("Visit of Volker Türk to Rwanda", "Volker Türk") in people


@pytest.mark.parametrize("text", [
    "Filippo Grandi spoke. During his visit to Rwanda, we reached agreement with the Government.",
    "Filippo Grandi spoke. The Government of Kenya, during his visit to Rwanda, agreed.",
])
def test_his_needs_a_person_of_its_own_clause(text, registry, lexicon):
    details, people, _ = _run(text, registry, lexicon)
    assert people == set()


@pytest.mark.parametrize("text", [
    "Filippo Grandi will be on a three-day mission in Kenya from 3-6 May 2018.",
    "Filippo Grandi is expected to begin a four-day visit to Uganda on 12 March 2017.",
    "Filippo Grandi did not complete a mission to Kenya on 3 May 2018.",
    "Visits by officials to Kenya are frequent, as in May 2018.",
    "Refugees met Filippo Grandi and thanked him during a mission to Kenya in May 2018.",
    "We recall the visit of the Secretary-General of the United Nations from 6 to 10 March 1972.",
    "The Government invited Filippo Grandi and hopes he will be on a mission to Kenya in May 2018.",
])
def test_plans_negations_plurals_and_objects_make_nothing(text, registry, lexicon):
    details, people, _ = _run(text, registry, lexicon)
    assert details == {} and people == set()


def test_a_dated_visit_of_a_person(registry, lexicon):
    details, people, _ = _run("We recall the recent visit of Filippo Grandi to Kenya in May 2018.", registry, lexicon)
    assert details == {"Visit of Filippo Grandi to Kenya (May 2018)": ("2018-05", None, None)}
    assert people == {("Visit of Filippo Grandi to Kenya (May 2018)", "Filippo Grandi")}


def test_a_time_in_words_leaves_the_date_unsaid_not_empty(registry, lexicon):
    details, people, _ = _run("During his visit to Kenya three years ago, Filippo Grandi saw the camps.",
                              registry, lexicon)
    assert details == {}
    assert people == {("Visit of Filippo Grandi to Kenya", "Filippo Grandi")}


def test_a_visit_the_verb_rule_read_is_not_read_again(registry, lexicon):
    x = extract(make_doc("Filippo Grandi, who was on a three-day official visit to Kazakhstan, met with President "
                         "Kassym-Jomart Tokayev on 5 June 2019."), registry, lexicon)
    assert not [f for f in x.facts if getattr(f, "rule", "") == "event.mission"]


def test_the_grammar_is_built_from_the_vocabulary():
    g = grammar("en")
    assert g.noun.search("is on a ten-day, three-nation mission to ")
    assert not g.noun.search("is on a mission of peace to ")
