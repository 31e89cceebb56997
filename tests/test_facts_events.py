"""The date and place rule of events (facts/events.py) on texts written for these tests: a venue read past a
name with 'and' in it, a press release's dateline for the event its first sentences report, and the plans and
dated sentences that keep the dateline out."""
import dataclasses

from conftest import make_doc
from refugee_ld.extraction import rules
from refugee_ld.extraction.extract import analyse
from refugee_ld.text.textview import build_view


def details(text, registry, lexicon, date=None):
    """(event label, start, place) of each EventDetails the rule gives, run alone with no date claimed."""
    document = dataclasses.replace(make_doc(text, date=date))
    doc = analyse(document, build_view(document.text, document.media_type), registry, lexicon)
    found = rules.run_rule("events.details", doc, {name: () for name in rules.get_rule("events.details").after})
    return [(doc.entity(d.event).label, d.start.iso if d.start else None, d.place) for d in found]


def test_an_and_inside_an_organisers_name_joins_no_second_event(registry, lexicon):
    text = ("An expert workshop was held by the Office for Democratic Institutions and Human Rights in Tbilisi "
            "on 29 November 2018.")
    assert [(start, place) for _, start, place in details(text, registry, lexicon)] == [
        ("2018-11-29", "place/tbilisi")]


def test_a_second_event_after_and_keeps_its_own_venue(registry, lexicon):
    text = "The Regional Conference on Refugee Protection took place in 2011 and the talks in Almaty followed."
    assert all(place != "place/almaty" for _, _, place in details(text, registry, lexicon))


def test_a_press_release_dateline_dates_what_it_reports(registry, lexicon):
    text = ("Almaty, April 25\n\nUNHCR and the Ministry have organized a regional workshop on statelessness "
            "for judges.\n\nThe workshop gathered forty participants.")
    assert details(text, registry, lexicon, date="2022-04-25") == [
        ("Regional workshop on statelessness for judges", "2022-04-25", "place/almaty")]


def test_a_plan_in_a_press_release_is_not_dated_by_its_dateline(registry, lexicon):
    text = ("Almaty, April 25\n\nUNHCR will hold a regional workshop on statelessness for judges, which was "
            "organized by the Ministry.")
    assert details(text, registry, lexicon, date="2022-04-25") == []


def test_without_the_documents_day_no_yearless_dateline(registry, lexicon):
    text = "Almaty, April 25\n\nUNHCR has organized a regional workshop on statelessness for judges."
    assert details(text, registry, lexicon, date="2022-04") == []


def test_an_event_the_dateline_sentence_reports_takes_its_city_without_a_document_date(registry, lexicon):
    for text in ("23 November, Bishkek \u2013 UNHCR and the Service held today the Sixth Steering Meeting on "
                 "Statelessness in the Kyrgyz Republic.",
                 "BISHKEK (UNHCR) \u2013 UNHCR convened a regional roundtable on statelessness for judges."):
        assert [place for _, _, place in details(text, registry, lexicon)] == ["place/bishkek"], text


def test_a_dateline_city_is_not_given_to_a_planned_event(registry, lexicon):
    text = "BISHKEK (UNHCR) \u2013 UNHCR will hold a regional roundtable on statelessness for judges next year."
    assert details(text, registry, lexicon) == []


def test_the_event_subject_of_was_held_takes_the_date_past_a_relative_clause(registry, lexicon):
    for text in ("UNHCR organized a training on statelessness for judges. The training, which was aimed at "
                 "consular staff and judges, was held on 8 November 2021.",
                 "UNHCR organized a seminar on asylum law for lawyers. The seminar, aimed at young lawyers who "
                 "represent asylum-seekers, was held on 8 November 2021 in a hotel."):
        assert [start for _, start, _ in details(text, registry, lexicon)] == ["2021-11-08"], text


def test_an_event_inside_the_relative_clause_takes_not_the_subjects_date(registry, lexicon):
    text = ("UNHCR organized a training on statelessness for judges. The training, which followed the "
            "Regional Conference on Refugee Protection in Almaty, was held on 8 November 2021.")
    found = details(text, registry, lexicon)
    assert ("Regional Conference on Refugee Protection", None, "place/almaty") in found
    assert all(start is None for _, start, _ in found)  # whose date it is, the rule does not guess


def test_two_days_joined_by_and_are_the_first_and_last_day(registry, lexicon):
    document = make_doc("UNHCR organized a training on statelessness for judges. The training was held on "
                        "November 8, 2021, and November 12, 2021, as three sessions.")
    doc = analyse(document, build_view(document.text, document.media_type), registry, lexicon)
    found = rules.run_rule("events.details", doc, {name: () for name in rules.get_rule("events.details").after})
    assert [(d.start.iso, d.end.iso if d.end else None) for d in found] == [("2021-11-08", "2021-11-12")]


def test_days_of_two_distant_months_are_not_one_event(registry, lexicon):
    document = make_doc("UNHCR organized a training on statelessness for judges. The training was held on "
                        "8 March 2021 and 12 November 2021.")
    doc = analyse(document, build_view(document.text, document.media_type), registry, lexicon)
    found = rules.run_rule("events.details", doc, {name: () for name in rules.get_rule("events.details").after})
    assert all(d.end is None for d in found)


def test_a_date_range_with_and_between_event_and_venue_keeps_the_venue(registry, lexicon):
    for text, city in (("Civil society organized a consultation on 11 and 12 March 2016 in Beirut, Lebanon.",
                         "place/beirut"),
                        ("UNHCR held a seminar on statelessness between 3 and 5 May 2016 in Almaty.", "place/almaty")):
        assert [place for _, _, place in details(text, registry, lexicon)] == [city], text


def test_a_date_is_never_read_as_the_topic_of_a_described_event(registry, lexicon):
    text = "Civil society organized a consultation on 11 and 12 March 2016 in Beirut, Lebanon."
    assert [label for label, _, _ in details(text, registry, lexicon)] == ["Consultation (Beirut, March 2016)"]


def test_the_main_verb_after_an_apposition_gives_the_venue(registry, lexicon):
    for text in ("A seminar on asylum procedures, hosted by the Ministry and funded by the European Union, took "
                 "place in Tbilisi on 5 April 2017.",
                 "A seminar on asylum procedures, organised by UNHCR and IOM, was held in Tbilisi on 5 April 2017."):
        assert [place for _, _, place in details(text, registry, lexicon)] == ["place/tbilisi"], text


def test_a_date_line_above_a_cityonly_dateline_dates_the_lead_event(registry, lexicon):
    text = ("25 October 2023\n\nHANOI \u2013 UNHCR and the Government of Viet Nam today convened a regional "
            "roundtable on civil registration.")
    assert details(text, registry, lexicon, date="2023-10-25") == [
        ("Regional roundtable on civil registration", "2023-10-25", "place/hanoi")]


def test_a_headlines_event_takes_the_datelines_day_not_the_pages_publication_date(registry, lexicon):
    text = ("International refugee summit opens in Kampala\n    Source: Xinhua | 2017-06-24 00:32:18\n\n"
            "KAMPALA, June 23 (Xinhua) -- An international refugee summit opened on Friday.")
    assert ("2017-06-23", "place/kampala") in [(start, place) for _, start, place in
                                               details(text, registry, lexicon, date="2017-06-24")]


def test_a_date_in_the_headline_itself_stays_the_events(registry, lexicon):
    text = ("Regional workshop on statelessness held in Almaty on 12 May 2015\n\n"
            "ALMATY, 15 May 2015 (UNHCR) - The agency reported on the workshop.")
    assert ("2015-05-12", "place/almaty") in [(start, place) for _, start, place in
                                              details(text, registry, lexicon, date="2015-05-15")]
