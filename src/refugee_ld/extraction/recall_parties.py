"""Recall rules for who is party to what: bilateral signings, entry into force in a state, participation nouns.

Same contract as `recall_rules`: pure functions `(ctx, found) -> new facts` over references and the grammar of
the genre, returning nothing `found` already holds.
"""
from __future__ import annotations

import re
from typing import Literal

from ..extraction.facts import DocContext
from ..records import EventRole, Fact, InstrumentDate, TreatyAction

_NEGATED = re.compile(r"\b(?:not|never|no|yet\s+to|would|should|could|(?-i:may)|might|hope\w*|wish\w*|urge\w*"
                      r"|calls?\s+(?:on|upon)|look\s+forward|await\w*|prepar\w*|negotiat\w*|towards?)\b", re.I)
_SIGNING_OF = re.compile(r"\b(?:our\s+|the\s+)?(?:signing|signature|conclusion)\s+of\s+(?:the\s+)?", re.I)
_WITH_STATE = re.compile(r"\s+(?:with|between\s+(?:us\s+and|my\s+country\s+and|our\s+country\s+and))\s+(?:the\s+)?")


def bilateral_signing(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """'the signing of the Strategic Framework Agreement with the United States', in a state's statement: an
    agreement signed 'with' another state binds the speaker's state and that state, both as signatories.
    Only with a known author state, and not where the signing is hoped for, awaited or negotiated."""
    main = ctx.mentions.main_state
    if not ctx.document.author_state or main is None:
        return []
    out: list[Fact] = []
    have = {(f.state, f.instrument) for f in found if isinstance(f, TreatyAction)}
    text = ctx.text
    for m in _SIGNING_OF.finditer(text):
        inst = next((r for r in ctx.refs_between(m.end(), m.end() + 200, ("Instrument",)) if r.start == m.end()),
                    None)
        if inst is None:
            continue
        w = _WITH_STATE.match(text, inst.end)
        other = next((r for r in ctx.refs_between(w.end(), w.end() + 80, ("State",)) if r.start == w.end()),
                     None) if w else None
        s = ctx.sentence_of(m.start())
        if other is None or other.key == main or _NEGATED.search(text[s.start:m.start()]):
            continue
        for state in (main, other.key):
            if (state, inst.key) in have:
                continue
            have.add((state, inst.key))
            out.append(TreatyAction(state, inst.key, "signature", None, ctx.evidence(m.start(), other.end),
                                    "treaty.bilateral_signing"))
    return out


_IN_FORCE_IN = re.compile(r",?\s+(?:which\s+)?(?:entered|came)\s+into\s+force\s+(?:in|for)\s+(?:the\s+)?")


def in_force_in_state(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """'the Convention ..., which entered into force in Monaco on 15 March 1999': a treaty in force in (or for) a
    state makes that state a party from that day."""
    out: list[Fact] = []
    have = {(f.state, f.instrument, f.action) for f in found if isinstance(f, TreatyAction)}
    text = ctx.text
    for inst in (r for r in ctx.refs if r.type == "Instrument" and r.key):
        m = _IN_FORCE_IN.match(text, inst.end)
        state = next((r for r in ctx.refs_between(m.end(), m.end() + 80, ("State",)) if r.start == m.end()),
                     None) if m else None
        if state is None or (state.key, inst.key, "party") in have:
            continue
        date = next((d for d in ctx.free_dates(state.end, state.end + 30) if d.kind != "now" and
                     re.fullmatch(r",?\s+(?:on|in|as\s+of|from)\s+", text[state.end:d.start])), None)
        have.add((state.key, inst.key, "party"))
        out.append(TreatyAction(state.key, inst.key, "party", date.value if date else None,
                                ctx.evidence(inst.start, date.end if date else state.end), "treaty.in_force_in"))
    return out


_PARTICIPATION = re.compile(r"(?:['\u2019]s|\s*[-\u2013\u2014,]\s*whose|\s+and\s+its)\s+(?:active\s+|full\s+)?"
                            r"participation\s+in\s+", re.I)


def participation_noun(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """'South Africa's participation in the forty-ninth session', 'South Africa - whose participation in the
    session ...': the noun 'participation' with its owner and its event states who took part."""
    out: list[Fact] = []
    have = {(f.event, f.value) for f in found if isinstance(f, EventRole) and f.role == "participant"}
    text = ctx.text
    for who in (r for r in ctx.refs if r.type in ("State", "Agency") and r.key):
        m = _PARTICIPATION.match(text, who.end)
        event = next((r for r in ctx.refs_between(m.end(), m.end() + 120, ("Event",))
                      if re.fullmatch(r"(?:the\s+)?", text[m.end():r.start])), None) if m else None
        if event is None:
            continue
        s = ctx.sentence_of(who.start)
        value = ctx.state_of(who) or who.key
        if (event.key, value) in have or _NEGATED.search(text[s.start:who.start]) or \
                re.search(r"\b(?:future|possible|potential)\s*$", text[who.end:m.end()]):
            continue
        have.add((event.key, value))
        out.append(EventRole(event.key, "participant", value, ctx.evidence(who.start, event.end),
                             rule="participant.participation_noun"))
    return out


_GERUND = re.compile(r"\b(?:(?P<adopt>adopting|adoption\s+of)|(?P<sign>signing|signature\s+of))\s+(?:the\s+)?", re.I)
_SIGNED_KINDS = {"agreement", "accord", "accords", "peace_agreement", "memorandum"}


def gerund_dates(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """'By adopting the Rio Declaration in 1992', 'signing the Lusaka Agreement on 10 July 1999': an act named by
    its gerund or noun, its instrument right after, and the date right after that.  Signing dates an instrument
    only when it is an agreement (its parties sign it once); a state signing a multilateral convention dates
    that state's signature, not the convention."""
    out: list[Fact] = []
    have = {(f.instrument, f.what) for f in found if isinstance(f, InstrumentDate)}
    text = ctx.text
    for m in _GERUND.finditer(text):
        inst = next((r for r in ctx.refs_between(m.end(), m.end() + 200, ("Instrument",)) if r.start == m.end()),
                    None)
        if inst is None:
            continue
        what: Literal["adopted", "signed"] = "adopted" if m.group("adopt") else "signed"
        if what == "signed" and inst.kind not in _SIGNED_KINDS:
            continue
        date = next((d for d in ctx.free_dates(inst.end, inst.end + 30) if d.kind != "now" and
                     re.fullmatch(r",?\s+(?:in|on)\s+", text[inst.end:d.start])), None)
        s = ctx.sentence_of(m.start())
        if date is None or (inst.key, what) in have or _NEGATED.search(text[max(s.start, m.start() - 40):m.start()]):
            continue  # only the act's own clause: 'We urge the parties to honour what they did in signing X on D'
        now = ctx.document.date
        if now is not None and date.value.iso[:len(now.iso)] > now.iso:
            continue  # a signing still to come is a plan, not a date of the instrument
        have.add((inst.key, what))
        out.append(InstrumentDate(inst.key, what, date.value, ctx.evidence(m.start(), date.end),
                                  "instrument_date.gerund"))
    return out


PARTY_RULES = (bilateral_signing, in_force_in_state, participation_noun, gerund_dates)
