"""UN observance days mentioned by name ('Today, 20 June is World Refugee Day', 'in the run-up to the International
Migrants Day on 18 December'): one event per day and year, dated by the fixed month-day of the day.

The year comes from a date of the same sentence that gives the day (with its year), else from the document's date;
without either there is no event.  Only a sentence that marks this year's day ('today', 'to mark', 'ahead of',
'on') names an occurrence; one that says how the day was made or recurs ('proclaimed 20 June', 'every year')
names none.
"""
from __future__ import annotations

import re
from functools import cache

from ...lang import vocabulary
from ...records import DateValue, Entity, EventDetails
from ...registry import slugify
from ..doc import Doc

ObservanceResult = Entity | EventDetails


@cache
def _patterns(language: str) -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    w = vocabulary(language)["facts"]["visits"]
    days = {k: v for k, v in w["observance_days"].items() if not k.startswith("_")}
    names = "|".join(r"\s+".join(re.escape(p) for p in k.split()) for k in sorted(days, key=len, reverse=True))
    return (days, re.compile(rf"\b(?:{names})\b"),
            re.compile(rf"\b(?:{'|'.join(w['observance_cues'])})\b", re.I),
            re.compile(rf"\b(?:{'|'.join(w['observance_generic'])})\b", re.I))


def observances(doc: Doc) -> list[ObservanceResult]:
    """The first marked mention of each observance day with a year (a headline and its body name one day)."""
    days, names, cues, generic = _patterns(doc.document.language or "en")
    out: list[ObservanceResult] = []
    seen: set[str] = set()
    for s in doc.sentences:
        text = doc.text[s.start:s.end]
        if generic.search(text):
            continue
        for m in names.finditer(doc.text, s.start, s.end):
            name = re.sub(r"\s+", " ", m.group())
            if name in seen or not cues.search(doc.text[max(s.start, m.start() - 60):m.start()]):
                continue
            year = _year(doc, s.start, s.end, days[name])
            if year is None:
                continue
            seen.add(name)
            label = f"{name} {year}"
            key = f"event/{slugify(label)}"
            out.append(Entity(key=key, type="Event", label=label, aliases=(name,), kind="observance"))
            out.append(EventDetails(key, DateValue(f"{year}-{days[name]}"), None, None,
                                    doc.evidence(m.start(), m.end()), "event.observance"))
    return out


def _year(doc: Doc, start: int, end: int, month_day: str) -> str | None:
    """The year of the day: a date of the sentence on that month-day, else the document's year, else the year of
    a dated event the sentence ties the day to ('took place on 15 December 2017 in the run-up to ...')."""
    dates = doc.free_dates(start, end, with_now=True)
    on_day = [d for d in dates if d.value.iso[4:] == f"-{month_day}"]
    if on_day:
        return on_day[0].value.iso[:4]
    if doc.document.date is not None:
        return doc.document.date.iso[:4]
    return next((d.value.iso[:4] for d in dates if d.value.precision == "day"), None)
