"""Roles in phrase shapes bound to the event's own name (rules `organiser.thanks`, `organiser.agent`,
`organiser.in_body`, `participant.between`).

- thanks and praise: "we thank Kenya for hosting the Summit", "France, for organizing and hosting the Paris
  Conference": the name right before 'for <organising gerund>' organised the event named right after it;
- an agent right after the event: "the debate held by the Security Council", "the Forum, organized jointly by A
  and B" (only with the event right before the verb, so that 'the view held by many' after an event is no role);
- the body an event took place in: "the debate that took place in the Security Council", "a meeting held within
  the Economic and Social Council": a deliberative body of the United Nations holds its own debates (a state or
  an agency named after 'in' is the venue or the topic, not the organiser);
- the parties after 'between': "the consultation between the Government of Rwanda and UNHCR" (two or more).
"""
from __future__ import annotations

import re

from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions import Ref
from .common import compiled_templates, outermost
from .role_lists import _asserted, _list_at
from .roles import AGENT, BETWEEN, IN_BODY, THANKS, Candidates, sentence_rule

# the kinds of body that hold their own debates and meetings (registry kinds of agencies)
DELIBERATIVE_KINDS = frozenset({"un_organ", "un_body"})

_TEMPLATES = {
    "thanks": r"""\s*,?\s*for\s+(?:(?:{thanks_adverbs})\s+)?(?:{organising_gerunds})
                  (?:\s+and\s+(?:{organising_gerunds}|chairing|presiding\s+over))?\s+(?:the|this|that|its|our)\s+""",
    "agent": r"""\s*,?\s*(?:(?:which|that)\s+)?(?:(?:was|were|is|has\s+been|had\s+been)\s+)?(?:{agent_verbs})
                 \s+(?:jointly\s+)?by\s+(?:the\s+)?""",
    "between": r"\s+(?:held\s+)?(?:between|among)\s+(?:the\s+)?",
    "instrument_head": r"\b(?-i:{instrument_heads})\b",
    "in_body": r"""\s*,?\s*(?:(?:which|that)\s+)?(?:(?:was|were|is|has\s+been|had\s+been)\s+)?(?:{held_in_verbs})
                   \s+(?:(?:last|this|in|on)\s+[\w-]+\s+)?(?:in|within)\s+(?:the\s+)?""",
}


def _patterns(doc: Doc) -> dict[str, re.Pattern[str]]:
    return compiled_templates(doc, _TEMPLATES)


def _events(doc: Doc, s: Sentence) -> list[Ref]:
    return [e for e in doc.refs_between(s.start, s.end, ("Event",)) if e.key]


@sentence_rule("organiser.thanks", THANKS)
def thanked_hosts(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"We thank Kenya for hosting the Summit", "the Government of Qatar for so ably organizing the Forum"."""
    p = _patterns(doc)["thanks"]
    text = doc.text
    for who in outermost(doc.refs_between(s.start, s.end, ("State", "Agency"))):
        m = p.match(text, who.end)
        if m is None:
            continue
        event = next((e for e in _events(doc, s) if e.start >= m.end() and
                      re.fullmatch(r"(?:[a-z][\w-]*\s+){0,2}", text[m.end():e.start])), None)
        if event is not None and not re.search(r"\b(?:not|never)\b", text[s.start:who.start]):
            # (thanks come as 'I wish to thank', 'allow me to thank': modality of courtesy, not of the act)
            out.add(event.key, "organised_by", who.key, who.start, event.end, rule="organiser.thanks")


@sentence_rule("organiser.agent", AGENT)
def agents_after_event(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"the debate held by the Security Council", "the Forum, organized jointly by A and B"."""
    p = _patterns(doc)["agent"]
    for event in _events(doc, s):
        m = p.match(doc.text, event.end)
        if m is None or not _asserted(doc, s, event.start):
            continue
        for r in _list_at(doc, m.end(), s.end):
            out.add(event.key, "organised_by", r.key, event.start, r.end, rule="organiser.agent")


@sentence_rule("organiser.in_body", IN_BODY)
def body_holding(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"the debate that took place in the Security Council": the deliberative body holds the event."""
    p = _patterns(doc)["in_body"]
    for event in _events(doc, s):
        m = p.match(doc.text, event.end)
        if m is None or not _asserted(doc, s, event.start):
            continue
        body = next((r for r in doc.refs_between(m.end(), s.end, ("Agency",)) if r.start == m.end()), None)
        if body is not None and body.kind in DELIBERATIVE_KINDS:
            out.add(event.key, "organised_by", body.key, event.start, body.end, rule="organiser.in_body")


@sentence_rule("participant.between", BETWEEN)
def parties_between(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"the high-level consultation between the Government of Rwanda and UNHCR", "talks among A, B and C": the
    parties named after the event's name took part in it."""
    p = _patterns(doc)["between"]
    for event in _events(doc, s):
        m = p.match(doc.text, event.end) or p.search(doc.text, event.start, event.end)
        if m is None or not _asserted(doc, s, event.start) or \
                _patterns(doc)["instrument_head"].search(doc.text, event.start, min(m.start(), event.end)):
            continue  # 'the Cooperation Agreement between A and B': parties to an instrument, not to a meeting
        parties = outermost(_list_at(doc, m.end(), max(s.end, event.end), ("State", "Agency", "Person")))
        if len(parties) >= 2:
            for r in parties:
                out.add(event.key, "participant", r.key, event.start, parties[-1].end, rule="participant.between")
