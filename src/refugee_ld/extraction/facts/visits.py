"""Visits and bilateral meetings (rule `visits`): events the text never names, named after who, where and when.
The journeys named by a noun ('a three-day mission in Kenya') are read in `missions`.

"The Minister visited Tashkent on 3 May" becomes the event "Visit of <person> to <place>, May 2011" with its date,
place and participant; "X met with Y on ..." a meeting of the two.  A visit claims its dates (one visit per date),
so the event and population rules do not read them again.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ...records import Entity, EventDetails, EventRole
from ...registry import slugify
from ...text.dates import DateMention
from ...text.sentences import Sentence
from ..doc import Doc
from ..rules import rule
from .common import DATE_CLAIMERS, DateClaim, claimed_dates, label, last_person_before, month_label, nearest
from .missions import missions
from .observances import observances

VisitResult = Entity | EventDetails | EventRole | DateClaim


@rule("visits", stage="facts", produces=(Entity, EventDetails, EventRole, DateClaim), after=DATE_CLAIMERS)
def visits_and_meetings(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[VisitResult, ...]:
    """Per sentence, its visits then its meetings (the order the records were always made in)."""
    claimed = claimed_dates(inputs)
    seen: set[str] = set()
    out: list[VisitResult] = []
    for s in doc.sentences:
        found = _visits(doc, s, claimed)
        out += found
        out += _meetings(doc, s)
        if not any(isinstance(r, EventDetails) for r in found):  # a visit the verb rule read is not read twice
            out += missions(doc, s, claimed, seen)
    out += observances(doc)  # dated days the text names, minted here like the visits (one entity source)
    return tuple(out)


def _visits(doc: Doc, s: Sentence, claimed: set[int]) -> list[VisitResult]:
    """'<Person> visited / paid a visit to / arrived in <State or city> ... <date>': one visit per free date."""
    out: list[VisitResult] = []
    text = doc.text
    for m in doc.patterns.visit.finditer(text[s.start:s.end]):
        t_start, t_end = s.start + m.start(), s.start + m.end()
        person = next((r for r in reversed(doc.refs_between(s.start, t_start, ("Person",)))), None)
        if person is None or len(_without_apposition(text[person.end:t_start]).split()) > 3:
            continue
        target = next((r for r in doc.refs_between(t_end, t_end + 40, ("State", "Place"))), None)
        if target is None:
            continue
        dates = [d for d in doc.free_dates(target.end, s.end) if d.start not in claimed]
        for d in dates:
            claimed.add(d.start)  # this rule's own claim: a later visit of the document does not take it again
            out.append(DateClaim(d.start))
            when = month_label(doc, d.value)
            plabel = label(doc, person.key)
            tlabel = label(doc, target.key)
            key = f"event/visit-{slugify(plabel)}-{slugify(tlabel)}-{d.value.iso}"
            out.append(Entity(key=key, type="Event", label=f"Visit of {plabel} to {tlabel}, {when}", kind="visit"))
            evidence = doc.evidence(person.start, d.end)
            place = target.key if target.type == "Place" and target.kind == "city" else None
            out.append(EventDetails(key, d.value, d.end_value, place, evidence, "event.visit"))
            out.append(EventRole(key, "participant", person.key, evidence, rule="event.visit"))
    return out


def _meetings(doc: Doc, s: Sentence) -> list[VisitResult]:
    """'<Person> met (with) <Person>' on a date of the sentence (or, in a news lead, the dateline's day)."""
    out: list[VisitResult] = []
    text = doc.text
    for m in doc.patterns.meet.finditer(text[s.start:s.end]):
        t_start, t_end = s.start + m.start(), s.start + m.end()
        if re.match(r"(?i)met\b", m.group()) and re.search(r"\b(?:was|were|be|been)\s+$", text[t_start - 6:t_start]):
            continue
        other = next((r for r in doc.refs_between(t_end, min(s.end, t_end + 80), ("Person",))), None)
        if other is None:
            continue
        subj = next((r for r in reversed(doc.refs_between(s.start, t_start, ("Person",)))), None)
        gap = _without_apposition(text[subj.end:t_start]) if subj else ""
        if subj is None or len(gap.split()) > 6:
            subj = last_person_before(doc, s.start) if re.search(
                r"\b(?:the|he|she)\b", text[max(s.start, t_start - 50):t_start], re.I) else None
        if subj is None or subj.key == other.key:
            continue
        d = nearest(doc.free_dates(s.start, s.end), t_start) or _lead_date(doc, s)
        if d is None:
            continue
        a, b = label(doc, subj.key), label(doc, other.key)
        key = f"event/meeting-{slugify(a)}-{slugify(b)}-{d.value.iso}"
        out.append(Entity(key=key, type="Event", label=f"Meeting of {a} with {b}, {month_label(doc, d.value)}",
                          kind="meeting"))
        evidence = doc.evidence(min(d.start, t_start), other.end)
        out.append(EventDetails(key, d.value, d.end_value, None, evidence, "event.meeting"))
        out.append(EventRole(key, "participant", subj.key, evidence, rule="event.meeting"))
        out.append(EventRole(key, "participant", other.key, evidence, rule="event.meeting"))
    return out


def _lead_date(doc: Doc, s: Sentence) -> DateMention | None:
    """News leads report the day's events: in the first sentences an undated meeting is on the dateline's day."""
    doc_date = doc.document.date
    lead = doc.sentences[:3]
    if doc_date is None or s not in lead:
        return None
    line = next((d for d in doc.dates if d.value == doc_date and d.start < 1500), None)
    return line if line is not None and line.end <= s.end else None


def _without_apposition(gap: str) -> str:
    """', the UN High Commissioner for Refugees,' or ', who was on a visit,' between a name and its verb."""
    return re.sub(r"^\s*,\s*(?:who\b|which\b|the\b|an?\b)[^,]{0,100},\s*", " ", gap)
