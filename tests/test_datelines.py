"""Press datelines read from the text itself (facts/datelines.py), on texts written for these tests: the
shapes of news agencies and press offices, year-less days completed from the document's date, and heads that
are sentences or lists, not datelines."""
from conftest import make_doc
from refugee_ld.extraction.extract import analyse
from refugee_ld.extraction.facts.datelines import press_dateline
from refugee_ld.text.textview import build_view


def dateline(text, registry, lexicon, date=None):
    """(start iso, end iso, city key, head text) of the dateline, or None."""
    document = make_doc(text, date=date)
    doc = analyse(document, build_view(document.text, document.media_type), registry, lexicon)
    found = press_dateline(doc)
    if found is None:
        return None
    start, end, city, a, b = found
    return (start.iso if start else None, end.iso if end else None, city, doc.text[a:b])


def test_an_agency_dateline_with_a_yearless_day_takes_the_documents_year(registry, lexicon):
    text = "Summit opens\n\nKAMPALA, June 23 (Xinhua) -- A refugee summit opened on Friday."
    assert dateline(text, registry, lexicon, date="2017-06-24") == (
        "2017-06-23", None, "place/kampala", "KAMPALA, June 23 (Xinhua)")


def test_a_yearless_day_after_the_documents_day_is_of_the_year_before(registry, lexicon):
    text = "GENEVA, December 30 (UNHCR) - The agency held a briefing."
    assert dateline(text, registry, lexicon, date="2018-01-02")[0] == "2017-12-30"


def test_day_first_and_city_second_and_an_en_dash(registry, lexicon):
    text = "23 November 2021, Bishkek \u2013 UNHCR and the Service held today a steering meeting."
    assert dateline(text, registry, lexicon)[:3] == ("2021-11-23", None, "place/bishkek")


def test_a_date_range_glued_to_the_lead_by_a_hyphen(registry, lexicon):
    text = "Workshop on data\nAshgabat, April 12-13 2022-The Organization organized a workshop on data."
    assert dateline(text, registry, lexicon)[:3] == ("2022-04-12", "2022-04-13", "place/ashgabat")


def test_without_a_document_date_a_yearless_dateline_gives_the_city_only(registry, lexicon):
    text = "MONROVIA, 30 JAN \u2014 UNHCR will host a workshop."
    assert dateline(text, registry, lexicon) == (None, None, "place/monrovia", "MONROVIA, 30 JAN")


def test_a_sentence_with_a_dash_is_no_dateline(registry, lexicon):
    for text in ("The talks in Geneva on 12 May 2015 - the first in years - ended.",
                 "Refugees in Geneva and Vienna \u2013 Facts and figures",
                 "We met in Geneva \u2013 UNHCR said."):
        assert dateline(text, registry, lexicon) is None, text


def test_a_city_mid_line_needs_a_date_to_open_a_dateline(registry, lexicon):
    assert dateline("Opening remarks Geneva \u2013 The Commissioner spoke.", registry, lexicon) is None
    assert dateline("Opening remarks Geneva, 4 May 2016 \u2013 The Commissioner spoke.", registry, lexicon)[:3] == (
        "2016-05-04", None, "place/geneva")
