"""Observance days: dated by their fixed day, the year from the sentence or the document; generic mentions none."""
import pytest
from conftest import make_doc

from refugee_ld.extraction.extract import extract
from refugee_ld.records import EventDetails


def _days(text, registry, lexicon, date=None):
    x = extract(make_doc(text, date=date), registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    return {(label[f.event], f.start.iso) for f in x.facts
            if isinstance(f, EventDetails) and f.rule == "event.observance"}


@pytest.mark.parametrize("text, date, expected", [
    ("Today, 20 June is World Refugee Day, and staff mark the occasion.", "2008-06-20",
     {("World Refugee Day 2008", "2008-06-20")}),
    ("A panel took place in Warsaw on 15 December 2017 in the run-up to the International Migrants Day on "
     "18 December.", None, {("International Migrants Day 2017", "2017-12-18")}),
    ("Events to mark World Refugee Day were held in Nairobi. World Refugee Day is a day of hope.", "2015-06-21",
     {("World Refugee Day 2015", "2015-06-20")}),
])
def test_a_marked_day_with_its_year(text, date, expected, registry, lexicon):
    assert _days(text, registry, lexicon, date) == expected


@pytest.mark.parametrize("text, date", [
    ("World Refugee Day is celebrated every year on 20 June.", "2008-06-20"),
    ("The General Assembly proclaimed 20 June as World Refugee Day.", "2001-01-01"),
    ("Staff marked World Refugee Day with refugees.", None),  # no year anywhere
    ("World Refugee Day reminds us of our duty.", "2008-06-20"),  # no cue that marks an occurrence
])
def test_generic_or_undated_mentions_make_none(text, date, registry, lexicon):
    assert _days(text, registry, lexicon, date) == set()
