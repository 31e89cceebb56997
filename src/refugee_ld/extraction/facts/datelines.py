"""A press release's or news item's dateline: 'KAMPALA, June 23 (Xinhua) --', 'Ashgabat, April 12-13 2022-',
'23 November, Bishkek –', 'MONROVIA, 30 JAN 2015 —'.

The head of a line, before its first dash, that holds nothing but a city, a date (with or without its year), a
country, an agency in parentheses and punctuation, says where and when the report was written; the events its
first sentences report took place there and then unless they say otherwise.  A year-less day takes the year of
the document's own date (the year before when the day would fall after it); without a document date the dateline
still gives the city.  Read from the text itself because most news pages come with no metadata at all.
"""
from __future__ import annotations

import re

from ...lang import vocabulary
from ...records import DateValue
from ..doc import Doc

Dateline = tuple[DateValue | None, DateValue | None, str | None, int, int]  # start, end, city, span of the head

HEAD_REACH = 1500  # a dateline opens the report: the first lines only
CITY_KINDS = frozenset({"city"})  # the kind events.py reads a venue of
HEAD_MAX = 70  # characters before the dash; a longer head is a sentence
_DASH = re.compile(r"[ \t]*(?:--|[\u2013\u2014]|-)[ \t]*(?=[A-Z\u201c\"'(])")


def press_dateline(doc: Doc) -> Dateline | None:
    """The first head of the document's opening that is a dateline (module docstring), or None.

    A head starts a line or a sentence, or (when the view joined a headline and its dateline into one line) starts
    with a city and holds a date: 'Analysis Ashgabat, April 12-13 2022-International ...'."""
    text = doc.text
    reach = min(len(text), HEAD_REACH)
    starts = {0} | {i + 1 for i, c in enumerate(text[:reach]) if c == "\n"} | {
        s.start for s in doc.sentences if s.start < reach}
    cities = {r.start for r in doc.refs_between(0, reach, ("Place",)) if r.kind in CITY_KINDS}
    for start in sorted(starts | cities):
        start += len(text[start:start + 20]) - len(text[start:start + 20].lstrip())
        found = _head_at(doc, start)
        if found is not None and (start in starts or found[0] is not None):
            return found
    return None


def _head_at(doc: Doc, start: int) -> Dateline | None:
    """The dateline whose head starts at `start` and ends at the first dash outside a date, or None."""
    text = doc.text
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    for m in _DASH.finditer(text, start, min(line_end, start + HEAD_MAX + 5)):
        if any(d.start < m.start() < d.end for d in doc.dates):
            continue  # 'April 12-13 2022': the range's hyphen
        return _read_head(doc, start, m.start())
    return None


def _read_head(doc: Doc, start: int, end: int) -> Dateline | None:
    """The city and date of a head text[start:end], or None when anything else is in it."""
    if end - start < 3 or end - start > HEAD_MAX:
        return None
    dates = [d for d in doc.dates if start <= d.start and d.end <= end and d.kind != "now"]
    city, city_span, rest = _city(doc, start, end)
    value = dates[0].value if dates else None
    end_value = dates[0].end_value if dates else None
    chars = list(rest)
    for d in dates:
        chars[d.start - start:d.end - start] = " " * (d.end - d.start)
    residue = "".join(chars)
    if value is None:
        residue, value = _yearless(doc, residue)
    residue = re.sub(r"\([^()\n]{1,40}\)", " ", residue)  # '(Xinhua)', '(UNHCR)'
    for r in doc.refs_between(start, end, ("State", "Place")):
        residue = residue[:r.start - start] + " " * (r.end - r.start) + residue[r.end - start:]
    weekdays = vocabulary(doc.document.language)["dates"]["weekdays"]
    residue = re.sub(rf"\b(?:{'|'.join(weekdays)})\b", " ", residue, flags=re.I)
    if city is None or re.fullmatch(r"[\s,.:|/]*", residue) is None:
        return None
    last = max([city_span[1]] + [d.end for d in dates]) if dates else end
    return value, end_value if value else None, city, min(city_span[0], *(d.start for d in dates)) if dates \
        else city_span[0], last


def _city(doc: Doc, start: int, end: int) -> tuple[str | None, tuple[int, int], str]:
    """The city the head names (a city the mention rules found, else a capitalised or upper-case word the registry
    knows as a city) and the head with it blanked out."""
    text, kinds = doc.text, CITY_KINDS
    head = text[start:end]
    for r in doc.refs_between(start, end, ("Place",)):
        if r.kind in kinds and r.key:
            return r.key, r.span, head[:r.start - start] + " " * (r.end - r.start) + head[r.end - start:]
    for m in re.finditer(r"\b[A-Z][A-Za-z'\u2019.-]+(?:\s+[A-Z][A-Za-z'\u2019.-]+)?\b", head):
        key = doc.registry.lookup("Place", m.group().title()) or doc.registry.lookup("Place", m.group())
        entry = doc.registry.get(key) if key else None
        if entry is not None and entry.entity.kind in kinds:
            return key, (start + m.start(), start + m.end()), head[:m.start()] + " " * len(m.group()) + head[m.end():]
    return None, (start, start), head


def _yearless(doc: Doc, residue: str) -> tuple[str, DateValue | None]:
    """'June 23', '23 November', 'Oct. 2': blanked out of the head, dated in the document's year when it has one."""
    lang = vocabulary(doc.document.language)["dates"]
    months = {m.lower(): i + 1 for i, m in enumerate(lang["months"])}
    months.update({k.lower(): v for k, v in lang["month_abbreviations"].items()})
    names = "|".join(sorted(months, key=len, reverse=True))
    m = re.search(rf"\b(?:(?P<m1>{names})\.?\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{names})\.?)\b",
                  residue, re.I)
    if m is None:
        return residue, None
    month = months[(m.group("m1") or m.group("m2")).lower()]
    day = int(m.group("d1") or m.group("d2"))
    blanked = residue[:m.start()] + " " * (m.end() - m.start()) + residue[m.end():]
    doc_date = doc.document.date
    if doc_date is None or not 1 <= day <= 31:
        return blanked, None
    year = doc_date.year
    if doc_date.precision != "year" and (month, day) > (int(doc_date.iso[5:7]), int(doc_date.iso[8:10] or 31)):
        year -= 1  # 'December 30' in a text of 2 January
    return blanked, DateValue(f"{year:04d}-{month:02d}-{day:02d}")
