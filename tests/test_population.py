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


@pytest.mark.parametrize("text, group", [
    # the words that describe the counted people name the group, not a cue elsewhere in the sentence
    ("Donors pledged protection to the estimated 10 million people worldwide who are stateless.", "stateless"),
    ("Poorer states, despite the refugee crisis, host most of the 60 million displaced people in the world.",
     "other"),
    ("The number of people forced to flee their homes across the world stood at 65 million.", "other"),
    ("There are 3 million people worldwide who fled persecution, the agency said.", "refugees"),
])
def test_a_bare_people_count_takes_the_group_its_own_words_give(text, group, registry, lexicon):
    assert {g for _, g, _, _ in figures(text, registry, lexicon)} == {group}


@pytest.mark.parametrize("text", [
    "Somalia, whose long conflict has produced over 1 million refugees, held elections.",
    "Sudan has generated some 700,000 refugees since the war began.",
    "Syria, which has already produced 5 million refugees, is at war.",
])
def test_has_as_an_auxiliary_of_another_verb_hosts_no_one(text, registry, lexicon):
    assert {p for p, _, _, _ in figures(text, registry, lexicon)} <= {"World"}


@pytest.mark.parametrize("text, place", [
    ("Ethiopia now has more than 700,000 refugees.", "Ethiopia"),
    ("Kenya is second in the region, with some 500,000 refugees.", "Kenya"),
])
def test_has_and_is_still_host_when_they_are_the_hosts_verb(text, place, registry, lexicon):
    assert {p for p, _, _, _ in figures(text, registry, lexicon)} == {place}


def test_a_share_is_no_count(registry, lexicon):
    text = "About 65 million - one in every 113 people worldwide - were displaced in 2015."
    assert all(c != 113 for _, _, c, _ in figures(text, registry, lexicon))


def test_today_of_the_reporting_verb_does_not_date_a_general_statement(registry, lexicon):
    text = ("The agency today welcomed Chad's decision to join the treaties on statelessness, a problem which "
            "affects some 10 million people worldwide.")
    assert figures(text, registry, lexicon) == {("World", "stateless", 10000000, None)}


def test_a_date_before_a_relative_clause_dates_the_main_clause_not_the_figure(registry, lexicon):
    text = ("On 3 May 2012 the agency praised Chad's accession to the treaties on statelessness, a problem which "
            "affects some 10 million people worldwide.")
    assert figures(text, registry, lexicon) == {("World", "stateless", 10000000, None)}
    hosted = "In 2012, Kenya, which hosts 600,000 refugees, asked for help."
    assert figures(hosted, registry, lexicon) == {("Kenya", "refugees", 600000, "2012")}


def test_coordinated_figures_share_the_date_after_them(registry, lexicon):
    text = "Globally there were 10.5 million refugees and 25 million others displaced internally at the end of 2006."
    assert {d for _, g, _, d in figures(text, registry, lexicon) if g == "refugees"} == {"2006-12"}


def test_a_state_that_has_welcomed_refugees_holds_them(registry, lexicon):
    text = "Since the war began, Estonia has welcomed more than 400 Ukrainian refugees."
    assert {(p, c) for p, _, c, _ in figures(text, registry, lexicon)} == {("Estonia", 400)}


def test_a_cue_past_a_comma_does_not_name_the_group(registry, lexicon):
    text = "Drought threatens the livelihoods of more than 1 billion people around the world, causing migration."
    assert figures(text, registry, lexicon) == set()


def test_the_world_of_another_clause_is_no_place_of_the_figure(registry, lexicon):
    text = ("Of concern to the whole world is the war in Yemen, which has already led to 3 million internally "
            "displaced persons.")
    assert {p for p, _, _, _ in figures(text, registry, lexicon)} <= {"Yemen"}
    assert {p for p, _, _, _ in figures("Globally there were 10 million refugees.", registry, lexicon)} == {"World"}


@pytest.mark.parametrize("text", [
    "In two years the agencies could not repatriate more than 100 refugees to Burundi.",
    "Kenya will relocate some 5,000 refugees next month.",
])
def test_every_form_of_a_flow_verb_is_a_flow(text, registry, lexicon):
    assert figures(text, registry, lexicon) == set()


def test_people_who_fled_their_homes_are_all_the_displaced(registry, lexicon):
    text = "Today more than 50 million people worldwide have fled their homes."
    assert {g for _, g, _, _ in figures(text, registry, lexicon)} == {"other"}


@pytest.mark.parametrize("text", [
    "In 1990 alone 20,000 refugees came to Sweden.",
    "He threatened to send 2 million refugees to Europe.",
    "We have granted protection to more than 9,000 migrants from Haiti.",
])
def test_people_going_to_a_place_or_granted_a_status_are_no_stock_there(text, registry, lexicon):
    assert figures(text, registry, lexicon, author="Mexico") == set()


@pytest.mark.parametrize("text, expected", [
    ("We gave protection to families from Syria, as well as to more than 9,000 migrants from Haiti.", set()),
    ("The agency delivered food to 2 million people in Kenya.", set()),
    ("Kenya is home to over 400,000 refugees.", {("Kenya", 400000)}),
    ("Kenya has given shelter to 400,000 refugees.", {("Kenya", 400000)}),
    ("The people of Kenya have provided shelter to nearly 400,000 refugees.", {("Kenya", 400000)}),
    ("Kenya has registered 400,000 refugees so far.", {("Kenya", 400000)}),
    ("Donors fund protection to nearly 400,000 registered refugees in Kenya, the agency said.",
     {("Kenya", 400000)}),
])
def test_people_given_something_are_no_stock_unless_given_shelter(text, expected, registry, lexicon):
    assert {(p, c) for p, _, c, _ in figures(text, registry, lexicon, author="Mexico")} == expected


def test_a_superlative_apposition_after_a_comma_is_no_place_of_the_figure(registry, lexicon):
    text = "Currently, Kenya hosts over 500,000 refugees, the largest number in Africa."
    assert {p for p, _, _, _ in figures(text, registry, lexicon)} == {"Kenya"}
