"""Recall rules for events: meetings announced ahead ('to be held in ...'), who hosts or convenes them, and
who takes part by the noun 'participation'.

Rules, in the order they run (each returns only facts the rules in its `after=` do not hold):
  event.to_be_held                "the Conference on X, to be held in <city> in 1993": the venue and date
  organiser.host                  "X will host the next Summit", "X's offer to host", "under the auspices of X"
  participant.participation_noun  "X's participation in the forty-ninth session"
  event.name_year                 "the 2005 World Summit": the year in an occurrence's name is when it was held
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ...records import DateValue, EventDetails, EventRole
from ..doc import Doc
from ..mentions import Ref
from ..rules import rule
from .event_guards import without_identity
from .events import series_without_occurrence
from .recall_common import EVENT_RULES, NAMES, ROLE_RULES, prior, recall_doc

_HELD_AFTER = EVENT_RULES + (NAMES,)
_HOST_AFTER = ROLE_RULES + (NAMES,)
_PARTICIPATION_AFTER = ROLE_RULES + ("organiser.host", NAMES)

# modality that leaves the act undone; 'will host' is kept: a statement announcing its state will host an event
# names the organiser the event has
_NOT_SO = re.compile(r"\b(?:not|never|would|should|could|(?-i:may)|might|hopes?|wish\w*|ready\s+to|willing\s+to"
                     r"|propos\w*"
                     r"|calls?\s+(?:on|upon)|urges?|invites?|if|whether|unless)\b", re.I)
_TO_BE_HELD = re.compile(r",?\s+(?:which\s+(?:is|was)\s+)?(?:to\s+be|will\s+be|(?:is\s+)?scheduled\s+to\s+be"
                         r"|(?:is\s+)?due\s+to\s+be)\s+held\b", re.I)


@rule("event.to_be_held", stage="facts", produces=EventDetails, after=_HELD_AFTER)
def event_to_be_held(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[EventDetails, ...]:
    """'the International Conference on X, to be held in Japan in 1993', 'the forthcoming Summit, to be held in
    South Africa': an event announced with where and when it will take place.  The place is kept only when it is
    a city (a country is where, not the venue); the date is the one right after the place, if any."""
    doc = recall_doc(doc, inputs)
    out: list[EventDetails] = []
    have = {(f.event, f.start, f.place) for f in prior(inputs, _HELD_AFTER) if isinstance(f, EventDetails)}
    text = doc.text
    for ref in (r for r in doc.refs if r.type == "Event" and r.key and r.via != "anaphor"):
        m = _TO_BE_HELD.match(text, ref.end)
        if m is None or series_without_occurrence(doc, ref):
            continue  # 'the Conference of the Parties, to be held in Cancun': which one is not said
        entity = doc.entity(ref.key)
        if entity is not None and without_identity(entity.label, doc.document.language):
            continue
        end = m.end()
        place: str | None = None
        where = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?").match(text, end)
        if where is not None:
            at = next((r for r in doc.refs_between(where.end(), where.end() + 80, ("Place", "State"))
                       if r.start == where.end()), None)
            if at is not None:
                place = at.key if at.type == "Place" and at.kind == "city" else None
                end = at.end
        when = re.compile(r",?\s+(?:in|on)?\s*").match(text, end)
        date = next((d for d in doc.free_dates(end, end + 40) if when and d.start == when.end()
                     and d.kind != "now"), None)
        if date is not None:
            end = date.end
        if re.match(r",?\s+(?:in|on|at|from|during)\s+\w", text[end:end + 20]):
            continue  # a time or venue this rule could not read ('in March'): half an answer is a wrong one
        s = doc.sentence_of(ref.start)
        if _NOT_SO.search(text[ref.end:m.end()]) or re.search(r"\b(?:not|no\s+longer|postponed|cancell?ed)\b",
                                                              text[m.end():s.end][:60], re.I):
            continue
        key = (ref.key, date.value if date else None, place)
        if key in have:
            continue
        have.add(key)
        out.append(EventDetails(ref.key, date.value if date else None, None, place, doc.evidence(ref.start, end),
                                "event.to_be_held"))
    return tuple(out)


_HOST = re.compile(r"\s+(?:will\s+|is\s+to\s+|also\s+)?(?:host|hosts|hosted)\b(?P<when>(?:\s+(?:in|on|last|this|next)"
                   r"(?:\s+[\w-]+){1,3})?)\s+(?:the\s+|a\s+|an\s+)?(?:next\s+|forthcoming\s+|upcoming\s+|first\s+)?",
                   re.I)
_OFFER_TO_HOST = re.compile(r"['\u2019]s\s+(?:offer|initiative|decision|invitation)\s+to\s+host\s+(?:the\s+)?", re.I)
_WE = re.compile(r"\b(?:we|my\s+country|my\s+Government|our\s+country|our\s+Government)$", re.I)
_AUSPICES = re.compile(r",?\s+(?:which\s+(?:was|were|is|are)\s+)?(?:(?:held|convened|organi[sz]ed)\s+)?under\s+the\s+"
                       r"auspices\s+of\s+(?:the\s+)?", re.I)
_SG_CONVENES = re.compile(r"\bSecretary[-\u2010\u2011\s]\s*General['\u2019]s\s+(?:[\w-]+\s+){0,6}?(?:convening\s+of"
                          r"|to\s+convene)\s+(?:the\s+|a\s+)?", re.I)


@rule("organiser.host", stage="facts", produces=EventRole, after=_HOST_AFTER)
def event_hosts(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[EventRole, ...]:
    """Who hosts or convenes an event, in active and possessive wordings the core rules do not read:
    'The Netherlands will host the next Summit', 'We hosted in March this year the Conference', 'Uganda's offer
    to host the South Summit', 'the Summit, held under the auspices of the United Nations', 'the Secretary-
    General's convening of a summit' (the United Nations).  A host is an organiser in the gold's convention."""
    doc = recall_doc(doc, inputs)
    out: list[EventRole] = []
    have = {(f.event, f.value) for f in prior(inputs, _HOST_AFTER) if isinstance(f, EventRole) and
            f.role == "organised_by"}
    text = doc.text
    for event, who, lo, hi in _host_candidates(doc):
        if who is None or (event.key, who) in have:
            continue
        s = doc.sentence_of(lo)
        if _NOT_SO.search(text[s.start:lo]) or _NOT_SO.search(text[lo:event.start]):
            continue
        have.add((event.key, who))
        out.append(EventRole(event.key, "organised_by", who, doc.evidence(lo, hi), rule="organiser.host"))
    return tuple(out)


HostCandidate = tuple[Ref, str | None, int, int]  # event, host, quote start and end


def _host_candidates(doc: Doc) -> Iterator[HostCandidate]:
    """Each (event, host) pair a wording of hosting names, sentence by sentence, then the 'auspices' phrases."""
    text = doc.text
    main = doc.main_state if doc.document.author_state else None
    for s in doc.sentences:
        for m in _HOST.finditer(text, s.start, s.end):
            event = _event_at(doc, m.end())
            if event is None:
                continue
            before = text[s.start:m.start()]
            subj = next((r for r in doc.refs_between(s.start, m.start(), ("State", "Agency"))
                         if r.end == m.start() and (doc.state_of(r) or r.type == "Agency")), None)
            if subj is not None:
                yield event, doc.state_of(subj) or subj.key, subj.start, event.end
            elif _WE.search(before.rstrip()) and main:
                yield event, main, m.start(), event.end
        for m in _OFFER_TO_HOST.finditer(text, s.start, s.end):
            event = _event_at(doc, m.end())
            subj = next((r for r in doc.refs_between(s.start, m.start(), ("State",)) if r.end == m.start()), None)
            if event is not None and subj is not None:
                yield event, doc.state_of(subj), subj.start, event.end
        for m in _SG_CONVENES.finditer(text, s.start, s.end):
            event = _event_at(doc, m.end())
            if event is not None:
                yield event, doc.registry.lookup("Agency", "United Nations"), m.start(), event.end
    for event in (r for r in doc.refs if r.type == "Event" and r.key):
        auspices = _AUSPICES.match(text, event.end)
        if auspices is None:
            continue
        body = next((r for r in doc.refs_between(auspices.end(), auspices.end() + 120, ("Agency", "State"))
                     if r.start == auspices.end()), None)
        if body is not None:
            yield event, doc.state_of(body) or body.key, event.start, body.end


def _event_at(doc: Doc, pos: int) -> Ref | None:
    """The event named at `pos` (an ordinal or adjective of its own may precede the name: 'the next X')."""
    return next((r for r in doc.refs_between(pos, pos + 60, ("Event",))
                 if r.start == pos or re.fullmatch(r"(?:[a-z][\w-]*\s+){1,2}", doc.text[pos:r.start])), None)


_NOT_DONE = re.compile(r"\b(?:not|never|no|yet\s+to|would|should|could|(?-i:may)|might|hope\w*|wish\w*|urge\w*"
                       r"|calls?\s+(?:on|upon)|look\s+forward|await\w*|prepar\w*|negotiat\w*|towards?)\b", re.I)
_PARTICIPATION = re.compile(r"(?:['\u2019]s|\s*[-\u2013\u2014,]\s*whose|\s+and\s+its)\s+(?:active\s+|full\s+)?"
                            r"participation\s+in\s+", re.I)


@rule("participant.participation_noun", stage="facts", produces=EventRole, after=_PARTICIPATION_AFTER)
def participation_noun(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[EventRole, ...]:
    """'South Africa's participation in the forty-ninth session', 'South Africa - whose participation in the
    session ...': the noun 'participation' with its owner and its event states who took part."""
    doc = recall_doc(doc, inputs)
    out: list[EventRole] = []
    have = {(f.event, f.value) for f in prior(inputs, _PARTICIPATION_AFTER) if isinstance(f, EventRole) and
            f.role == "participant"}
    text = doc.text
    for who in (r for r in doc.refs if r.type in ("State", "Agency") and r.key):
        m = _PARTICIPATION.match(text, who.end)
        if m is None:
            continue
        event = next((r for r in doc.refs_between(m.end(), m.end() + 120, ("Event",))
                      if re.fullmatch(r"(?:the\s+)?", text[m.end():r.start])), None)
        if event is None:
            continue
        s = doc.sentence_of(who.start)
        value = doc.state_of(who) or who.key
        if (event.key, value) in have or _NOT_DONE.search(text[s.start:who.start]) or \
                re.search(r"\b(?:future|possible|potential)\s*$", text[who.end:m.end()]):
            continue
        have.add((event.key, value))
        out.append(EventRole(event.key, "participant", value, doc.evidence(who.start, event.end),
                             rule="participant.participation_noun"))
    return tuple(out)


_NAME_YEAR = re.compile(r"((?:19|20)\d\d) \S")
_NAME_YEAR_AFTER = EVENT_RULES + ("event.to_be_held", NAMES)


@rule("event.name_year", stage="facts", produces=EventDetails, after=_NAME_YEAR_AFTER)
def event_name_year(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[EventDetails, ...]:
    """'the 2005 World Summit', 'the 2000 Review Conference of the Parties': the year that names one occurrence of
    a recurring event is the year it was (or is to be) held.  Only when the name as written starts with the year
    its label starts with, and when no rule before dated the event (their date is the fuller one)."""
    doc = recall_doc(doc, inputs)
    dated = {f.event for f in prior(inputs, _NAME_YEAR_AFTER) if isinstance(f, EventDetails) and f.start}
    out: list[EventDetails] = []
    for ref in (r for r in doc.refs if r.type == "Event" and r.key and r.via == "pattern"):
        entity = doc.entity(ref.key)
        m = _NAME_YEAR.match(entity.label) if entity is not None else None
        if m is None or ref.key in dated or not doc.text.startswith(m.group(1), ref.start):
            continue
        dated.add(ref.key)
        out.append(EventDetails(ref.key, DateValue(m.group(1)), None, None, doc.evidence(ref.start, ref.end),
                                "event.name_year"))
    return tuple(out)

