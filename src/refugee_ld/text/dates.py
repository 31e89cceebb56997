"""Dates of the genre, typed at the precision the text gives, relative ones resolved to the document date."""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lang import vocabulary
from ..records import DateValue
from .intervals import SpanList


def _words(words: Any) -> str:
    return "|".join(re.escape(w) for w in words)


@dataclass(frozen=True, eq=False)
class DateGrammar:
    """The date patterns of one language, built from the "dates" section of its vocabulary."""

    months: dict[str, int]  # "january", "jan", "sept" -> month number
    offsets: dict[str, int]  # "last" -> -1, "this" -> 0, "next" -> 1
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # longer, more specific first; matches may not overlap
    labelled: re.Pattern[str]  # "Created at :", "dated"
    dateline_preposition: re.Pattern[str]  # "... on 5 May 2011" is a sentence, not a dateline


@cache
def grammar(language: str = "en") -> DateGrammar:
    """The date grammar of `language` (English when it has no vocabulary of its own), built once."""
    data = vocabulary(language).get("dates") or vocabulary()["dates"]  # a language without dates: English
    months = {name.lower(): i for i, name in enumerate(data["months"], start=1)}
    months.update({name.lower(): n for name, n in data["month_abbreviations"].items()})
    month_alt = _words([*data["months"], *data["month_abbreviations"]])
    suffix = _words(data["day_suffixes"])
    rel = _words(data["relative_offsets"])
    year_word = re.escape(data["year"])
    m1, m2 = rf"(?P<month> {month_alt} )\.?", rf"(?P<month2> {month_alt} )\.?"
    day, day2 = rf"(?P<day> [0-3]?\d )(?:{suffix})?", rf"(?P<day2> [0-3]?\d )(?:{suffix})?"
    year = r"(?P<year> (?:1[89]|20)\d\d )"
    ranges, long_ranges = _words(data["range_words"]), _words(data["long_range_words"])
    recent = (rf"\b(?: (?P<yesterday> {re.escape(data['yesterday'])} )"
              rf" | (?P<lastmonth> {re.escape(data['last_month'])} )"
              rf" | (?:{re.escape(data['weekday_preposition'])}\ )? (?:{_words(data['weekdays'])})"
              rf"   (?!\ {re.escape(data['weekday_excluded_after'])})"
              rf" | (?:(?:{_words(data['approximations'])})\ )?"
              rf"   {re.escape(data['this'])}\ (?:{_words(data['recent_periods'])})"
              rf" | {re.escape(data['last_week'])} )\b")
    prefixes = "|".join(rf"(?<=\b{re.escape(p)}-)" for p in data["year_prefixes"])
    x, xi = re.VERBOSE, re.VERBOSE | re.IGNORECASE
    patterns = (
        ("dmy_range", re.compile(rf"\b {day} \s* (?:-|{ranges}) \s* {day2}\ {m1},?\ {year} \b", x)),
        ("dmy_range2", re.compile(rf"\b {day}\ {m1} \s* (?:-|\u2013|{long_ranges}) \s* {day2}\ {m2},?\ {year} \b", x)),
        ("mdy_range", re.compile(rf"\b {m1}\ {day} \s*-\s* {day2},?\ {year} \b", x)),
        ("dmy", re.compile(rf"\b (?:the\ )? {day}\ (?:of\ )? {m1},?\ {year} \b", x)),
        ("mdy", re.compile(rf"\b {m1}\ {day},?\ {year} \b", x)),
        ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")),
        ("dotted", re.compile(r"\b(?P<day>[0-3]?\d)[./](?P<mon>[01]?\d)[./](?P<year>(?:19|20)\d\d)\b")),
        ("rel_day", re.compile(rf"\b (?:on\ )? the\ {day}\ of\ (?P<rel> {rel} )\ {m1} \b", xi)),
        ("month_rel_year", re.compile(rf"\b {m1},?\ (?P<rel> {rel} )\ {year_word} \b", x)),
        ("rel_month", re.compile(rf"\b (?P<rel> {rel} )\ {m1} \b", x)),
        ("dm", re.compile(rf"\b (?:on\ |of\ |from\ |since\ ) (?:the\ )? {day}\ (?:of\ )? {m1} \b"
                          r" (?!,?\ (?:1[89]|20)\d\d)", x)),
        ("my", re.compile(rf"\b {m1},?\ {year} \b", x)),
        ("rel_year", re.compile(rf"\b (?P<rel> {rel} )\ {year_word} \b", xi)),
        ("recent", re.compile(recent, xi)),
        ("now", re.compile(rf"\b(?:{_words(data['now'])})\b", re.I)),
        ("year", re.compile(rf"(?: {prefixes} | (?<![\d./-]) ) (?P<year> (?:19[4-9]|20[0-4])\d )"
                            r" (?![\d-]|\.\d|/\d|'s|s\b)", x)),
    )
    labelled = re.compile(rf"\b(?:{_words(data['labels'])})(?:\ (?:{_words(data['label_prepositions'])}))?\s*:?\s*", xi)
    dateline = re.compile(rf"\b(?:{_words(data['dateline_prepositions'])})\s*$")
    return DateGrammar(months, dict(data["relative_offsets"]), patterns, labelled, dateline)


MONTHS = grammar().months  # English month names and abbreviations (kept for callers of the module constant)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: DateValue
    end_value: DateValue | None = None
    relative: bool = False
    kind: str = ""


def _iso(year: int, month: int | None = None, day: int | None = None) -> DateValue | None:
    if month is None:
        return DateValue(f"{year:04d}")
    if not 1 <= month <= 12:
        return None
    if day is None:
        return DateValue(f"{year:04d}-{month:02d}")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return DateValue(f"{year:04d}-{month:02d}-{day:02d}")


def _month(g: DateGrammar, m: re.Match[str], group: str = "month") -> int:
    return g.months[m.group(group).lower().rstrip(".")]


def find_dates(text: str, doc_date: DateValue | None = None, language: str = "en") -> list[DateMention]:
    """All date expressions of `text`, left to right, non-overlapping; relative ones need `doc_date`."""
    g = grammar(language)
    taken = SpanList()  # indexed: a long text has thousands of dates, each match checked against all taken
    found: list[DateMention] = []
    for kind, pattern in g.patterns:
        for m in (_year_matches(pattern, text) if kind == "year" else pattern.finditer(text)):
            if taken.overlaps(m.start(), m.end()):
                continue
            mention = _interpret(g, kind, m, doc_date)
            if mention is not None:
                taken.append((m.start(), m.end()))
                found.append(mention)
    return sorted(found, key=lambda d: d.start)


_DIGIT_RUN = re.compile(r"\d+")


def _year_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` gives for the "year" pattern, tried only where a year can start.

    A year match is exactly a run of four digits (neither its look-behinds, which end in '-' or refuse a digit,
    nor its look-ahead lets a digit touch it), so it is tried at the start of each four-digit run; runs do not
    overlap, so neither do the matches.  Scanning the whole text with the leading look-behinds was the slowest
    date pattern."""
    for run in _DIGIT_RUN.finditer(text):
        if run.end() - run.start() == 4:
            m = pattern.match(text, run.start())
            if m is not None:
                yield m


def _interpret(g: DateGrammar, kind: str, m: re.Match[str], doc_date: DateValue | None) -> DateMention | None:
    """The value of one match of the pattern `kind` (a branch per pattern: 15 kinds, each a few lines)."""
    s, e = m.start(), m.end()
    if kind in ("dmy_range", "mdy_range"):
        y, mo = int(m.group("year")), _month(g, m)
        a, b = _iso(y, mo, int(m.group("day"))), _iso(y, mo, int(m.group("day2")))
        return DateMention(s, e, a, b, kind=kind) if a and b and a < b else None
    if kind == "dmy_range2":
        y = int(m.group("year"))
        a, b = _iso(y, _month(g, m), int(m.group("day"))), _iso(y, _month(g, m, "month2"), int(m.group("day2")))
        return DateMention(s, e, a, b, kind=kind) if a and b and a < b else None
    if kind in ("dmy", "mdy"):
        v = _iso(int(m.group("year")), _month(g, m), int(m.group("day")))
        return DateMention(s, e, v, kind=kind) if v else None
    if kind in ("iso", "dotted"):
        v = _iso(int(m.group("year")), int(m.group("mon")), int(m.group("day")))
        return DateMention(s, e, v, kind=kind) if v else None
    if kind == "my":
        return DateMention(s, e, _iso(int(m.group("year")), _month(g, m)), kind=kind)  # type: ignore[arg-type]
    if kind == "year":
        return DateMention(s, e, DateValue(m.group("year")), kind=kind)
    if doc_date is None:
        return None
    rel = (m.groupdict().get("rel") or "").lower()
    if kind == "now":
        return DateMention(s, e, doc_date, relative=True, kind=kind)
    if kind == "rel_year":
        return DateMention(s, e, DateValue(str(doc_date.year + g.offsets[rel])),
                           relative=True, kind=kind)
    if kind == "month_rel_year":  # "in July this year", "July last year"
        year = doc_date.year + g.offsets[rel]
        return DateMention(s, e, _iso(year, _month(g, m)), relative=True, kind=kind)  # type: ignore[arg-type]
    if kind == "recent":
        return _recent(m, s, e, doc_date)
    if kind == "dm":  # "adopted on 25 August" in a text of that year; a later month would be last year's
        month, day = _month(g, m), int(m.group("day"))
        doc_month = int(doc_date.iso[5:7]) if doc_date.precision != "year" else 12
        year = doc_date.year if month <= doc_month else doc_date.year - 1
        v = _iso(year, month, day)
        lead = len(m.group().split(" ", 1)[0]) + 1  # "on", "of", "from", "since": the preposition is no part
        return DateMention(s + lead, e, v, relative=True, kind=kind) if v else None
    month = _month(g, m)
    year = _resolve_year(doc_date, month, g.offsets.get(rel, 0))
    if kind == "rel_month":
        return DateMention(s, e, _iso(year, month), relative=True, kind=kind)  # type: ignore[arg-type]
    v = _iso(year, month, int(m.group("day")))
    return DateMention(s, e, v, relative=True, kind=kind) if v else None


def _recent(m: re.Match[str], s: int, e: int, doc_date: DateValue) -> DateMention | None:
    """'yesterday', 'on Sunday', 'last week': days close to the document date, kept at the precision that is sure."""
    import datetime

    if m.group("yesterday") and doc_date.precision == "day":
        day = datetime.date.fromisoformat(doc_date.iso) - datetime.timedelta(days=1)
        return DateMention(s, e, DateValue(day.isoformat()), relative=True, kind="recent")
    if m.group("lastmonth"):
        if doc_date.precision == "year":
            return None  # a December text's "last month" is this year, a January text's is last year
        year, month = doc_date.year, int(doc_date.iso[5:7]) - 1
        year, month = (year - 1, 12) if month == 0 else (year, month)
        return DateMention(s, e, DateValue(f"{year:04d}-{month:02d}"), relative=True, kind="recent")
    value = DateValue(doc_date.iso[:7]) if doc_date.precision != "year" else doc_date
    if doc_date.precision == "day" and int(doc_date.iso[8:10]) <= 7:
        value = DateValue(doc_date.iso[:4]) if doc_date.iso[5:7] == "01" else value
        if doc_date.iso[5:7] != "01":
            return None  # early in a month, last week may be last month: no safe month
    return DateMention(s, e, value, relative=True, kind="recent")


def _resolve_year(doc_date: DateValue, month: int, offset: int) -> int:
    """'last July' in a December 2011 text is July 2011; in a March 2012 text it is July 2011."""
    doc_month = int(doc_date.iso[5:7]) if doc_date.precision != "year" else 12
    if offset < 0:  # "last July"
        return doc_date.year if month < doc_month else doc_date.year - 1
    if offset > 0:  # "next July"
        return doc_date.year if month > doc_month else doc_date.year + 1
    return doc_date.year


def find_document_date(source: str, header_chars: int = 1200, language: str = "en") -> DateValue | None:
    """The date of the document itself: a labelled date ("Created at : 4.12.2013") or a dateline.

    A dateline is a line that is little more than a date (and perhaps a place), near the top.
    A date range there ("Geneva, 5-7 December 2011") gives the month: the day of delivery is unknown.
    """
    clean = source.replace("**", "").replace("\u00a0", " ")
    g = grammar(language)
    for m in g.labelled.finditer(clean):
        dates = find_dates(clean[m.end(): m.end() + 40], language=language)
        if dates and dates[0].start == 0 and dates[0].value.precision == "day":
            return dates[0].value
    offset = 0
    for line in clean.splitlines(keepends=True):
        if offset > header_chars:
            break
        stripped = line.strip().strip("()")
        for d in find_dates(stripped, language=language):
            if d.value.precision == "year" or d.relative:
                continue
            rest = (stripped[: d.start] + stripped[d.end:]).strip(" ,.;()-")
            if re.fullmatch(r"[A-Z][\w.' /-]{1,40},?\s*", stripped[: d.start]) and \
                    re.match(r"\s*(?:[-\u2013\u2014:(]|$)", stripped[d.end:]):
                return _delivery_date(d)  # news dateline: "DUSHANBE, 10 October 2018 - The ..."
            if len(rest.split()) <= 4 and not g.dateline_preposition.search(stripped[: d.start]):
                return _delivery_date(d)
        offset += len(line)
    return None


def _delivery_date(d: DateMention) -> DateValue:
    """A range in a dateline is the meeting's span; the text was delivered some day of it: keep the month."""
    if d.end_value is not None:
        return DateValue(d.value.iso[:7]) if d.value.iso[:7] == d.end_value.iso[:7] else d.value
    return d.value
