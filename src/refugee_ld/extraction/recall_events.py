"""Recall rules for events: meetings announced ahead ('to be held in ...') and who hosts or convenes them.

Same contract as `recall_rules`: pure functions `(ctx, found) -> new facts`, reading references and the grammar
of the genre, never particular names, and returning nothing `found` already holds.
"""
from __future__ import annotations

import re

from ..extraction.facts import DocContext
from ..extraction.mentions import Ref
from ..records import EventDetails, EventRole, Fact

# modality that leaves the act undone; 'will host' is kept: a statement announcing its state will host an event
# names the organiser the event has
_NOT_SO = re.compile(r"\b(?:not|never|would|should|could|(?-i:may)|might|hopes?|wish\w*|ready\s+to|willing\s+to"
                     r"|propos\w*"
                     r"|calls?\s+(?:on|upon)|urges?|invites?|if|whether|unless)\b", re.I)
_TO_BE_HELD = re.compile(r",?\s+(?:which\s+(?:is|was)\s+)?(?:to\s+be|will\s+be|(?:is\s+)?scheduled\s+to\s+be"
                         r"|(?:is\s+)?due\s+to\s+be)\s+held\b", re.I)


def event_to_be_held(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """'the International Conference on X, to be held in Japan in 1993', 'the forthcoming Summit, to be held in
    South Africa': an event announced with where and when it will take place.  The place is kept only when it is
    a city (a country is where, not the venue); the date is the one right after the place, if any."""
    out: list[Fact] = []
    have = {(f.event, f.start, f.place) for f in found if isinstance(f, EventDetails)}
    text = ctx.text
    for ref in (r for r in ctx.refs if r.type == "Event" and r.key and r.via != "anaphor"):
        m = _TO_BE_HELD.match(text, ref.end)
        if m is None:
            continue
        end = m.end()
        place: str | None = None
        where = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?").match(text, end)
        if where is not None:
            at = next((r for r in ctx.refs_between(where.end(), where.end() + 80, ("Place", "State"))
                       if r.start == where.end()), None)
            if at is not None:
                place = at.key if at.type == "Place" and at.kind == "city" else None
                end = at.end
        when = re.compile(r",?\s+(?:in|on)?\s*").match(text, end)
        date = next((d for d in ctx.free_dates(end, end + 40) if when and d.start == when.end()
                     and d.kind != "now"), None)
        if date is not None:
            end = date.end
        if re.match(r",?\s+(?:in|on|at|from|during)\s+\w", text[end:end + 20]):
            continue  # a time or venue this rule could not read ('in March'): half an answer is a wrong one
        s = ctx.sentence_of(ref.start)
        if _NOT_SO.search(text[ref.end:m.end()]) or re.search(r"\b(?:not|no\s+longer|postponed|cancell?ed)\b",
                                                              text[m.end():s.end][:60], re.I):
            continue
        key = (ref.key, date.value if date else None, place)
        if key in have:
            continue
        have.add(key)
        out.append(EventDetails(ref.key, date.value if date else None, None, place, ctx.evidence(ref.start, end),
                                "event.to_be_held"))
    return out


_HOST = re.compile(r"\s+(?:will\s+|is\s+to\s+|also\s+)?(?:host|hosts|hosted)\b(?P<when>(?:\s+(?:in|on|last|this|next)"
                   r"(?:\s+[\w-]+){1,3})?)\s+(?:the\s+|a\s+|an\s+)?(?:next\s+|forthcoming\s+|upcoming\s+|first\s+)?",
                   re.I)
_OFFER_TO_HOST = re.compile(r"['\u2019]s\s+(?:offer|initiative|decision|invitation)\s+to\s+host\s+(?:the\s+)?", re.I)
_WE = re.compile(r"\b(?:we|my\s+country|my\s+Government|our\s+country|our\s+Government)$", re.I)
_AUSPICES = re.compile(r",?\s+(?:which\s+(?:was|were|is|are)\s+)?(?:(?:held|convened|organi[sz]ed)\s+)?under\s+the\s+"
                       r"auspices\s+of\s+(?:the\s+)?", re.I)
_SG_CONVENES = re.compile(r"\bSecretary[-\u2010\u2011\s]\s*General['\u2019]s\s+(?:[\w-]+\s+){0,6}?(?:convening\s+of"
                          r"|to\s+convene)\s+(?:the\s+|a\s+)?", re.I)


def event_hosts(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """Who hosts or convenes an event, in active and possessive wordings the core rules do not read:
    'The Netherlands will host the next Summit', 'We hosted in March this year the Conference', 'Uganda's offer
    to host the South Summit', 'the Summit, held under the auspices of the United Nations', 'the Secretary-
    General's convening of a summit' (the United Nations).  A host is an organiser in the gold's convention."""
    out: list[Fact] = []
    have = {(f.event, f.value) for f in found if isinstance(f, EventRole) and f.role == "organised_by"}
    text = ctx.text

    def add(event: Ref, who: str | None, lo: int, hi: int) -> None:
        if who is None or (event.key, who) in have:
            return
        s = ctx.sentence_of(lo)
        if _NOT_SO.search(text[s.start:lo]) or _NOT_SO.search(text[lo:event.start]):
            return
        have.add((event.key, who))
        out.append(EventRole(event.key, "organised_by", who, ctx.evidence(lo, hi), rule="organiser.host"))

    main = ctx.mentions.main_state if ctx.document.author_state else None
    for s in ctx.sentences:
        for m in _HOST.finditer(text, s.start, s.end):
            event = _event_at(ctx, m.end())
            if event is None:
                continue
            before = text[s.start:m.start()]
            subj = next((r for r in ctx.refs_between(s.start, m.start(), ("State", "Agency"))
                         if r.end == m.start() and (ctx.state_of(r) or r.type == "Agency")), None)
            if subj is not None:
                add(event, ctx.state_of(subj) or subj.key, subj.start, event.end)
            elif _WE.search(before.rstrip()) and main:
                add(event, main, m.start(), event.end)
        for m in _OFFER_TO_HOST.finditer(text, s.start, s.end):
            event = _event_at(ctx, m.end())
            subj = next((r for r in ctx.refs_between(s.start, m.start(), ("State",)) if r.end == m.start()), None)
            if event is not None and subj is not None:
                add(event, ctx.state_of(subj), subj.start, event.end)
        for m in _SG_CONVENES.finditer(text, s.start, s.end):
            event = _event_at(ctx, m.end())
            un = ctx.registry.lookup("Agency", "United Nations")
            if event is not None:
                add(event, un, m.start(), event.end)
    for event in (r for r in ctx.refs if r.type == "Event" and r.key):
        m = _AUSPICES.match(text, event.end)
        if m is None:
            continue
        body = next((r for r in ctx.refs_between(m.end(), m.end() + 120, ("Agency", "State"))
                     if r.start == m.end()), None)
        if body is not None:
            add(event, ctx.state_of(body) or body.key, event.start, body.end)
    return out


def _event_at(ctx: DocContext, pos: int) -> Ref | None:
    """The event named at `pos` (an ordinal or adjective of its own may precede the name: 'the next X')."""
    return next((r for r in ctx.refs_between(pos, pos + 60, ("Event",))
                 if r.start == pos or re.fullmatch(r"(?:[a-z][\w-]*\s+){1,2}", ctx.text[pos:r.start])), None)


EVENT_RULES = (event_to_be_held, event_hosts)
