"""Instruments an event produced, in the clause shapes the adoption rules do not read (rule `adopted.clauses`).

"the Brazil Declaration, which emerged from the Ministerial Meeting", "the Declaration issued at the end of the
Summit" (the instrument right before the link, the event right after it); "the Conference ..., resulting in the
adoption of the Programme" (the event before, the instrument right after); "At the World Conference, the
Declaration and Programme of Action were adopted" / "At the Summit, leaders adopted the Declaration" (the event
after 'at'/'during', the instruments of the same clause).  Every instrument of a coordinated list counts.
"""
from __future__ import annotations

import re

from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions import Ref
from .common import gap_is_list, outermost, ref_list
from .role_lists import _UNREAL, patterns, without_names
from .roles import OUTCOME, Candidates, sentence_rule, subjects_before


def _listed_before(doc: Doc, start: int, end: int) -> list[Ref]:
    """The coordinated instruments between `start` and `end` that end the stretch ('the X and the Y, which ...'),
    the last one first."""
    text = doc.text
    before = outermost(doc.refs_between(start, end, ("Instrument",)))
    if not before:
        return []
    listed = [before[-1]]
    for r in reversed(before[:-1]):
        gap = text[r.end:listed[-1].start]
        if gap_is_list(gap) or re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?", gap):
            listed.append(r)
        else:
            break
    return [r for r in listed if r.key]


def _instruments_at(doc: Doc, pos: int, end: int) -> list[Ref]:
    found = ref_list(doc, pos, end, ("Instrument",))
    if not found or not re.fullmatch(r"\s*(?:the\s+)?", doc.text[pos:found[0].start], re.I):
        return []
    # 'the Millennium Declaration (resolution 55/2)': a name in brackets is the same instrument's other name
    cut = next((i for i, r in enumerate(found) if i and "(" in doc.text[found[i - 1].end:r.start]), len(found))
    return [r for r in outermost(found[:cut]) if r.key]


@sentence_rule("adopted.clauses", OUTCOME)
def adopted_in_clauses(doc: Doc, s: Sentence, out: Candidates) -> None:
    """What an event produced: 'X, which emerged from E', 'E ..., resulting in the adoption of X', 'At E, X was
    adopted', 'At E, leaders adopted X'."""
    p = patterns(doc)
    text = doc.text
    events = [e for e in doc.refs_between(s.start, s.end, ("Event",)) if e.key]
    if not events or _UNREAL.search(without_names(doc, s.start, s.end)):
        return
    for instrument in outermost(doc.refs_between(s.start, s.end, ("Instrument",))):
        link = p["outcome_link"].match(text, instrument.end)
        event = next((e for e in events if link and e.start == link.end()), None)
        if link is None or event is None:
            continue
        for r in _listed_before(doc, s.start, instrument.end):
            out.add(event.key, "event_adopted", r.key, r.start, event.end, rule="adopted.outcome_of")
    for m in p["adoption_result"].finditer(text, s.start, s.end):
        before = [e for e in events if e.end <= m.start()]
        if not before or ";" in text[before[-1].end:m.start()]:
            continue
        for r in _instruments_at(doc, m.end(), s.end):
            out.add(before[-1].key, "event_adopted", r.key, before[-1].start, r.end, rule="adopted.result")
    for event in events:
        if not _AT_EVENT.search(text, max(s.start, event.start - 60), event.start):
            continue
        clause_end = min([s.end] + [event.end + m.start() for m in re.finditer(r";", text[event.end:s.end])])
        passive = p["passive_adopted"].search(text, event.end, clause_end)
        if passive is not None:
            listed = _listed_before(doc, event.end, passive.start())
            if listed and re.fullmatch(r"[\s,]*", text[listed[0].end:passive.start()]):
                for r in listed:
                    out.add(event.key, "event_adopted", r.key, event.start, passive.end(), rule="adopted.at_event")
        active = p["collective_adopted"].search(text, event.end, clause_end)
        if active is not None and not doc.refs_between(event.end, active.start(), ("Event",)):
            for r in _instruments_at(doc, active.end(), clause_end):
                out.add(event.key, "event_adopted", r.key, event.start, r.end, rule="adopted.at_event")
        _state_adopters(doc, s, event, clause_end, out)


# 'At the Summit', 'During that meeting', 'At the closing of the meeting': the clause reports what happened there
_AT_EVENT = re.compile(r"\b(?:[Aa]t|[Dd]uring)\s+(?:the\s+(?:closing|opening|end|close|conclusion|start)\s+of\s+)?"
                       r"(?:the\s+|this\s+|that\s+)?$")
_MANNER = re.compile(r"\s+by\s+(?:acclamation|consensus)\b")
# one item of a parenthesised list of names: 'Antigua and Barbuda', 'the Bahamas', 'and Venezuela'
_NAME_ITEM = re.compile(r"\s*(?:and\s+)?(?:the\s+)?[A-Z][\w'\u2019.-]*"
                        r"(?:\s+(?:and\s+|of\s+(?:the\s+)?)?[A-Z][\w'\u2019.-]*){0,4}\s*")


def _state_adopters(doc: Doc, s: Sentence, event: Ref, clause_end: int, out: Candidates) -> None:
    """'At the Meeting, 28 countries (A, B, ..., Z) adopted the Declaration', 'At the Summit, A and B signed the
    Accord': the states that adopt an instrument at the event took part in it, and the event adopted it."""
    text = doc.text
    verb = doc.patterns.adopted_at.search(text, event.end, clause_end)
    if verb is None or doc.refs_between(event.end, verb.start(), ("Event",)):
        return
    manner = _MANNER.match(text, verb.end())
    instruments = _instruments_at(doc, manner.end() if manner else verb.end(), clause_end)
    if not instruments:
        return
    head = text[event.end:verb.start()]
    paren = re.search(r"\(([^()]*)\)\s*$", head)
    if paren is not None:
        lo, hi = event.end + paren.start(1), event.end + paren.end(1)
        adopters = [r for r in outermost(doc.refs_between(lo, hi, ("State", "Place"))) if r.type == "State"]
        if not all(_NAME_ITEM.fullmatch(item) for item in text[lo:hi].split(",")):
            adopters = []  # a parenthesis that says more than a list of names
    else:
        adopters = [r for r in subjects_before(doc, s, verb.start(), ("State",)) if r.start >= event.end]
    for r in adopters:
        out.add(event.key, "participant", r.key, r.start, verb.end(), rule="participant.adopters")
    for i in instruments:
        out.add(event.key, "event_adopted", i.key, event.start, i.end, rule="adopted.at_event")
