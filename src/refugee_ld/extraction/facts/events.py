"""Event details: the date and place of the events a document names (rule `events.details`).

An event's date is the nearest free date of a sentence naming it, unless another event sits nearer or a rule
of another kind claimed the date; its place is a city introduced by "in" or "at" near the name.  A header's
dateline ("Geneva, 1 November 2011") dates the event the header names.  The document's own session ("this
session of the General Assembly") took place in the document's year.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...lang import vocabulary
from ...records import DateValue, EventDetails
from ...text.dates import DateMention
from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions import Ref
from ..rules import rule
from .common import DATE_CLAIMERS, claimed_dates, is_duration, nearest, phrase_in
from .datelines import Dateline, press_dateline
from .event_guards import foreign_date, foreign_span, institution, proposed, without_identity


@dataclass
class _EventCandidate:
    event: str
    start: DateValue | None
    end: DateValue | None
    place: str | None
    score: tuple[int, ...]
    span: tuple[int, int]
    from_dateline: bool = False



@rule("events.details", stage="facts", produces=EventDetails, after=DATE_CLAIMERS + ("visits",))
def event_details(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[EventDetails, ...]:
    """Date and place of each named event, from the sentences that name it (or the header's dateline).

    Dates another rule claimed (a treaty's, a law's, a visit's) are not an event's."""
    claimed = claimed_dates(inputs)
    candidates: dict[str, list[_EventCandidate]] = {}
    text = doc.text
    dateline = _dateline(doc)
    for s in doc.sentences:
        event_refs = [r for r in doc.refs_between(s.start, s.end, ("Event",))]
        if not event_refs:
            continue
        dates = [d for d in doc.free_dates(s.start, s.end) if d.start not in claimed
                 and not is_duration(doc, d)]
        held = doc.patterns.held_verb.search(text, s.start, s.end) is not None
        held_by: dict[int, str] = {}  # "A was held in X on <date> during B": the date is A's, however close B is
        for ref in event_refs:
            for d in dates:
                if d.start >= ref.end and doc.patterns.held_after.match(text[ref.end:d.start]):
                    held_by.setdefault(d.start, ref.key)
        for ref in event_refs:
            candidate = _candidate(doc, s, ref, event_refs, dates, held_by, held, dateline)
            if candidate is not None:
                candidates.setdefault(ref.key, []).append(candidate)
    for key in _not_occurrences(doc, candidates):
        del candidates[key]
    explicit = {k for k, cands in candidates.items() if any(not c.from_dateline for c in cands)}
    out: list[EventDetails] = []
    for key, cands in candidates.items():
        if key not in explicit and any(_similar_event(doc, key, other) for other in explicit):
            continue  # a headline's name for an event the body dates itself
        best = max(cands, key=lambda c: c.score)
        place = best.place or next((c.place for c in cands if c.place and
                                    (c.start is None or best.start is None or c.start.compatible(best.start))), None)
        out.append(EventDetails(key, best.start, best.end, place, doc.evidence(*best.span),
                                "event.dateline" if best.from_dateline else "event.details"))
    return tuple(_current_sessions(doc, out))


def _candidate(doc: Doc, s: Sentence, ref: Ref, event_refs: list[Ref], dates: list[DateMention],
               held_by: dict[int, str], held: bool, dateline: Dateline | None) -> _EventCandidate | None:
    """What one sentence says of one event: its nearest own date, its venue, or else the dateline's."""
    if series_without_occurrence(doc, ref) or proposed(doc, ref):
        return None
    others = [r for r in event_refs if r.key != ref.key]
    mine = [d for d in dates if _subject_held_on(doc, ref, d, others) or (
            held_by.get(d.start, ref.key) == ref.key and
            (d.start in held_by or all(_dist(d, ref) <= _dist(d, o) for o in others))
            and not _date_blocked(doc, d, ref) and not foreign_date(doc, d, ref))]
    date = nearest(mine, ref.end)
    if date is not None and _dist(date, ref) > 120:
        date = None
    headline = bool(dateline and dateline[0] is not None and ref.start < dateline[3])
    if date is not None and headline and dateline and date.end <= dateline[3] and _PAGE_LINE.search(
            text_between(doc, date, ref)):
        date = None  # a headline above 'KAMPALA, June 23 (Xinhua) --': the page's 'Source: ... | <date>' is no date of
        # the event, the dateline's day is
    place, place_span = _event_place(doc, s, ref, others)
    if place is None and date is not None and dateline and date.end == dateline[4] and dateline[2]:
        place, place_span = dateline[2], (dateline[3], dateline[3])  # 'Ashgabat, April 12-13 2022': the line's city
    start_v = date.value if date else None
    end_v = (date.end_value or _joined_end(doc, date, dates)) if date else None
    if dateline and dateline[0] is not None and (
            (date is None and headline) or (date is not None and _dateline_weekday(doc, date, dateline[0]))):
        start_v, end_v = dateline[0], dateline[1]  # 'opened on Friday' under 'KAMPALA, June 23 (Xinhua)'
    from_dateline = False
    if date is None and place is None and dateline and ref.start < dateline[3] and (
            ref.key not in doc.book.owners or ref.key in doc.book.current):
        start_v, end_v, place = dateline[0], dateline[1], dateline[2]
        place_span = (dateline[3], dateline[3])
        from_dateline = True
    if date is None and place is None and dateline and _reported_from_dateline(doc, s, ref, dateline, held):
        start_v, end_v, place = dateline[0], dateline[1], dateline[2]
        place_span = (dateline[3], dateline[3])
        from_dateline = True
    if start_v is None and place is None:
        return None
    lo = min([ref.start] + ([date.start] if date else []) + ([place_span[0]] if place else []))
    hi = max([ref.end] + ([date.end] if date else []) + ([place_span[1]] if place else []))
    if dateline and date is None and start_v is not None:
        lo, hi = min(lo, dateline[3]), max(hi, dateline[4])
    same_line = date is not None and "\n" not in text_between(doc, date, ref)
    score = (1 if held else 0, 1 if start_v else 0, 1 if place else 0,
             {"day": 3, "month": 2, "year": 1}.get(start_v.precision if start_v else "", 0),
             1 if same_line else 0)  # last: a headline's date on the source line below loses to the body's
    return _EventCandidate(ref.key, start_v, end_v, place, score, (lo, hi), from_dateline)


_LATER = re.compile(r"\b(?:will|would|shall|plans?|planned|next|upcoming|forthcoming|future|not)\b", re.I)


def _not_occurrences(doc: Doc, candidates: dict[str, list[_EventCandidate]]) -> list[str]:
    """Events of the document that name no one occurrence: a label of generic words only ('Regional Forum'),
    or an institution the text says was established ('the X Conference, established in 1969')."""
    out = []
    for key in candidates:
        entity = doc.entity(key)
        if (entity is not None and without_identity(entity.label, doc.document.language)) or any(
                institution(doc, r) for r in doc.refs if r.key == key and r.type == "Event"):
            out.append(key)
    return out


def _reported_from_dateline(doc: Doc, s: Sentence, ref: Ref, dateline: Dateline, held: bool) -> bool:
    """'Baku, April 25 -- IOM and the Service have organized a regional workshop ...': a press release's first
    sentences report what happened where and when its dateline says, unless they date or place it themselves
    or speak of a plan.  Only for an event this document describes (not a recurring one it merely names)."""
    lead = s.start <= dateline[3] < s.end and ref.start >= dateline[4]  # the dateline's own sentence names it
    if not held or (ref.via != "pattern" and not lead) or ref.start < dateline[4] or s.start - dateline[4] > 400:
        return False
    if ref.key in doc.book.owners or any(d.start >= dateline[4] for d in doc.free_dates(s.start, s.end)):
        return False
    return _LATER.search(doc.text, s.start, s.end) is None


def _current_sessions(doc: Doc, details: list[EventDetails]) -> list[EventDetails]:
    """The document's own session ('this session of the General Assembly') took place in the document's year."""
    doc_date = doc.document.date
    if doc_date is None:
        return details
    year = DateValue(doc_date.iso[:4])
    out = [d for d in details if d.event not in doc.book.current or (d.start and d.start.compatible(year))]
    have = {d.event for d in out}
    for key in sorted(doc.book.current - have):
        ref = next((r for r in doc.refs if r.key == key and r.via == "pattern"), None)
        if ref is not None:
            out.append(EventDetails(key, year, None, None, doc.evidence(ref.start, ref.end), "event.current_session"))
    return out


def series_without_occurrence(doc: Doc, ref: Ref) -> bool:
    """'the Conference of the Parties', 'the Review Conference': every occurrence bears the name; without an ordinal
    or a year that says which one, a date or place would be pinned on all of them."""
    entity = doc.entity(ref.key)
    if entity is None:
        return False
    label = entity.label
    if not any(label == series or label.startswith(series + " of ") or label.startswith(series + " to ")
               for series in doc.lexicon.recurring_series):
        return False
    # "the twenty-second session of the Conference of the Parties", "the 2010 Review Conference": the text names
    # one occurrence, but the node is the series' name, so the occurrence's date and place would land on all of them
    return not re.search(rf"\b(?:19|20)\d\d\b|{doc.lexicon.ordinal_pattern()}", label, re.I)


def _date_blocked(doc: Doc, d: DateMention, ref: Ref) -> bool:
    """'1998 marks the anniversary of X', 'the outcome of X in 1999', 'declaring the year 2000': not X's date."""
    if d.end <= ref.start and phrase_in(doc.lexicon.event_date_blockers, doc.text[d.end:ref.start]):
        return True
    lo, hi = (d.end, ref.start) if d.end <= ref.start else (ref.end, d.start)
    between = ("Event",) if ref.kind == "launch" else ("Event", "Instrument")  # a launch's own plan sits there
    if ";" in doc.text[lo:hi] or any(r.type in between and r.key != ref.key and lo <= r.start
                                     and r.end <= hi for r in doc.refs):
        return True  # "X Summit; ... the Goals in 2000": the date belongs to what sits between
    return d.value.precision == "year" and d.end <= ref.start and any(
        r.type == "Instrument" and r.start >= d.end and re.fullmatch(r"\s*", doc.text[d.end:r.start]) for r in doc.refs)


def _similar_event(doc: Doc, a: str, b: str) -> bool:
    from ...coref import similarity  # local: coref imports evaluate, which is heavier than the rules need
    ea, eb = doc.entity(a), doc.entity(b)
    return bool(ea and eb and similarity(ea.label, eb.label) >= 0.6)


def text_between(doc: Doc, d: DateMention, ref: Ref) -> str:
    return doc.text[ref.end:d.start] if d.start >= ref.end else doc.text[d.end:ref.start]


_PAGE_LINE = re.compile(r"\n|\||\b(?:source|published|posted|updated|created|issued|date|editor)\s*:", re.I)


def _dateline_weekday(doc: Doc, date: DateMention, day: DateValue) -> bool:
    """'on Friday' (read as its month) in a report whose dateline's day is that Friday: the day itself."""
    if day.precision != "day" or not day.covers(date.value) and not date.value.covers(day):
        return False
    weekdays = vocabulary(doc.document.language)["dates"]["weekdays"]
    name = weekdays[datetime.date(day.year, int(day.iso[5:7]), int(day.iso[8:10])).weekday()]
    return re.search(rf"\b{name}\b", doc.text[date.start:date.end], re.I) is not None


def _joined_end(doc: Doc, date: DateMention, dates: list[DateMention]) -> DateValue | None:
    """'held on November 8, 2021, and November 12, 2021': two days of one year joined by 'and' are the event's
    first and last day (the date finder reads 'on 8 and 12 November' so already)."""
    for d in dates:
        if d.start > date.end and re.fullmatch(r"\s*,?\s*(?:and|to|until)\s+", doc.text[date.end:d.start]):
            first, last = date.value, d.value
            if first.precision == last.precision == "day" and first.iso[:4] == last.iso[:4] and last.iso > first.iso \
                    and int(last.iso[5:7]) - int(first.iso[5:7]) <= 1:  # a week's sessions, not two meetings
                return last
    return None


_HELD_ON = re.compile(r"\s*,\s*(?:(?:which|that)\s+)?[^;:.()]{1,160}?,?\s+(?:was|were)\s+(?:successfully\s+)?"
                      r"(?:held|organi[sz]ed|conducted|convened|hosted)\s+(?:on|from|between|in)\s+$")


def _subject_held_on(doc: Doc, ref: Ref, d: DateMention, others: list[Ref]) -> bool:
    """'The training, which was aimed at consular staff, was held on 8 November': the event is the subject whose
    verb the date follows, whatever the relative or participle clause between them says ('aimed at ...')."""
    if d.start < ref.end or any(ref.end <= o.start < d.start for o in others):
        return False
    return _HELD_ON.fullmatch(doc.text, ref.end, d.start) is not None


def _dist(d: DateMention, ref: Ref) -> int:
    if d.start >= ref.end:
        return d.start - ref.end
    if d.end <= ref.start:
        return ref.start - d.end
    return 0


def _dateline(doc: Doc) -> Dateline | None:
    """The text's own dateline ('KAMPALA, June 23 (Xinhua) --', see datelines.py), else the header's
    'City   1 November 2011' line of the document's date: date and place of the event the header names."""
    press = press_dateline(doc)
    if press is not None and press[0] is not None:
        return press
    dated = _dated_line(doc)
    if press is None or dated is None:
        return press or dated
    # '25 October 2023 / HANOI -': the date on its own line above, the city in the lead's head
    return dated[0], dated[1], press[2], min(press[3], dated[3]), max(press[4], dated[4])


def _dated_line(doc: Doc) -> Dateline | None:
    """The header's line of the document's own date (with its city, when the line names one)."""
    doc_date = doc.document.date
    if doc_date is None:
        return None
    for d in doc.dates:
        if d.start > 1500:
            break
        if d.value == doc_date or (d.value.covers(doc_date) or doc_date.covers(d.value)):
            line_start = doc.text.rfind("\n", 0, d.start) + 1
            line_end = doc.text.find("\n", d.end)
            if len(doc.text[line_start:line_end if line_end >= 0 else len(doc.text)].split()) > 12:
                continue  # a date inside running text is no dateline
            cities = [r for r in doc.refs_between(line_start, d.start, ("Place",)) if r.kind == "city"]
            place = cities[-1].key if cities else None
            start = cities[-1].start if cities else d.start
            return d.value, d.end_value, place, start, d.end
    return _yearless_dateline(doc, doc_date)


def _yearless_dateline(doc: Doc, doc_date: DateValue) -> Dateline | None:
    """'Baku, April 25, AZERTAC': a short opening line with a city and the month of the document's date (the date
    finder reads no year-less 'April 25') is the dateline of that date."""
    months = vocabulary(doc.document.language)["dates"]["months"]
    if doc_date.precision != "day":
        return None
    month = months[int(doc_date.iso[5:7]) - 1]
    pos = 0
    for line in doc.text[:400].split("\n")[:4]:
        start, pos = pos, pos + len(line) + 1
        if not line.strip() or len(line.split()) > 8 or not re.search(rf"\b{month}\b", line):
            continue
        if not re.search(rf"\b{int(doc_date.iso[8:10])}\b", line):
            continue
        cities = [r for r in doc.refs_between(start, start + len(line), ("Place",)) if r.kind == "city"]
        if cities:
            return doc_date, None, cities[0].key, cities[0].start, start + len(line)
    return None


def _without_names(doc: Doc, start: int, end: int) -> str:
    """The text between two mentions with each name and date in it reduced to one word: the 'and' of 'Office for
    Democratic Institutions and Human Rights' or of '11 and 12 March' joins no second event."""
    text, pos, parts = doc.text, start, []
    named = doc.refs_between(start, end, ("Agency", "State", "Person", "Instrument"))
    spans = [(r.start, r.end, "Name") for r in named]
    spans += [(d.start, d.end, "Date") for d in doc.dates if start <= d.start and d.end <= end]  # '11 and 12 March'
    for a, b, word in sorted(spans):
        if a < pos:
            continue
        parts += [text[pos:a], word]
        pos = b
    return "".join(parts) + text[pos:end]


_HELD_THERE = re.compile(r",\s*(?:took\s+place|was\s+held|were\s+held|was\s+convened|met|opened)\s+(?:in|at)\s+"
                         r"(?:the\s+\w+\s+of\s+)?$")


def _held_there(gap: str) -> bool:
    """'A seminar, hosted by A and funded by B, took place in Tbilisi': after the apposition's commas, the main
    verb says where the subject was held; the 'and' inside the apposition joins no second event."""
    return _HELD_THERE.search(gap) is not None and not re.search(r"\b(?:that|those|ones?)\s+held\b", gap)


def _event_place(doc: Doc, s: Sentence, ref: Ref, others: list[Ref]) -> tuple[str | None, tuple[int, int]]:
    text = doc.text
    best: tuple[int, Ref] | None = None
    for place in doc.refs_between(s.start, s.end, ("Place",)):
        if place.kind != "city":
            continue
        if ref.start <= place.start and place.end <= ref.end and not (
                place.end == ref.end and re.search(r"\bin\s+$", text[place.start - 4:place.start])):
            continue  # a city inside the name is its venue only as the name's final "in <City>"
        before = text[max(s.start, place.start - 4):place.start]
        after = text[place.end:place.end + 10]
        cue = re.search(r"\b(?:in|at)\s+$", before) or re.search(r"\(\s*$", before) or \
            doc.patterns.venue_after.match(after)
        if not cue:
            continue
        gap = _without_names(doc, place.end, ref.start) if place.end <= ref.start else \
            _without_names(doc, ref.end, place.start)
        if (place.start >= ref.end and not _held_there(gap) and
                re.search(r"\band\b|\b(?:that|those|ones?)\s+held\b", gap)) or (
                place.end <= ref.start and (
                re.search(r"[,;]", gap) or len(gap.split()) > 6)):
            continue  # "the Summit ... and more recently in Doha", "all summits, including that held in Doha"
        if place.end <= ref.start and re.search(r"[,;]|^\s*and\b", text[place.end:ref.start]):
            continue  # "Vienna, the International Conference on X in Cairo", "Beijing, and the World Summit": another's
        distance = place.start - ref.end if place.start >= ref.end else ref.start - place.end
        if any((o.end <= place.start and o.start > ref.end) for o in others):
            continue  # another event sits between: the place is that one's
        if distance > 150 or foreign_span(doc, place.start, place.end, ref):
            continue  # 'the follow-up to the Summit ... in New York', 'X, then the launch of Y in New York'
        if best is None or distance < best[0]:
            best = (distance, place)
    if best is None:
        return None, (0, 0)
    return best[1].key, best[1].span


# -- organisers, participants, adopted instruments --------------------------------------------------------------
