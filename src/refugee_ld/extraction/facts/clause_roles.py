"""Participants read from a clause whose subject acted at an event (rule `participant.acted_at`), and what the
event adopted when the act is an adoption (`adopted.acted_at`).

"As I said at the Millennium Summit", "the commitments we made at the World Summit", "Kenya and Uganda signed the
Accord at the Summit", "we adopted the Declaration during the Conference and the Summit": whoever said, signed,
adopted or pledged something at an event was there.  The speaker ('we', 'I', 'my delegation') is the statement's
state (metadata; without it the rule reads no speaker); named subjects are states and persons.  Only a verb of
the list in the past, asserted (no negation, modality or condition before it), with the event in the same clause.
"""
from __future__ import annotations

import re

from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions import Ref
from .clauses import clause_acts
from .common import gap_is_list, outermost
from .role_lists import _asserted, _speaker
from .roles import ACTED_AT, Candidates, sentence_rule

# the verbs of the list by which a clause's subject adopts an instrument at an event (never 'signed': a state
# signing a convention at a conference is its own act, not the conference's)
_ADOPTING = re.compile(r"adopted|endorsed|approved", re.I)


@sentence_rule("participant.acted_at", ACTED_AT)
def acted_at(doc: Doc, s: Sentence, out: Candidates) -> None:
    """The subject of a clause that acted 'at/during <event>' took part in that event (every coordinated one)."""
    main = _speaker(doc)
    for act in clause_acts(doc, s):
        if not _asserted(doc, s, act.verb_start):
            continue
        who = [(main, act.verb_start)] if act.speaker and main else [(r.key, r.start) for r in act.subjects]
        for event in act.events:
            for key, lo in who:
                if key and key != event.key:
                    out.add(event.key, "participant", key, min(lo, event.start), max(event.end, act.verb_end),
                            rule="participant.acted_at")
        if len(act.events) == 1 and _ADOPTING.fullmatch(doc.text, act.verb_start, act.verb_end):
            event = act.events[0]  # 'we adopted the X and the Y at the Summit': the Summit adopted them
            for r in _instruments_between(doc, act.verb_end, event.start):
                out.add(event.key, "event_adopted", r.key, act.verb_start, event.end, rule="adopted.acted_at")


def _instruments_between(doc: Doc, lo: int, hi: int) -> list[Ref]:
    """The coordinated instruments that are the verb's whole object ('adopted the X and the Y at')."""
    listed = outermost([r for r in doc.refs_between(lo, hi, ("Instrument",)) if r.key])
    if not listed or not re.fullmatch(r"\s*(?:the\s+)?", doc.text[lo:listed[0].start], re.I) or \
            not re.fullmatch(r"\s*", doc.text[listed[-1].end:hi - _preposition_length(doc, hi)]):
        return []
    if any(not gap_is_list(doc.text[a.end:b.start]) for a, b in zip(listed, listed[1:])):
        return []
    return listed


def _preposition_length(doc: Doc, hi: int) -> int:
    m = re.search(r"\b(?:at|during)\s+(?:the\s+|this\s+|that\s+)?$", doc.text[max(0, hi - 20):hi], re.I)
    return len(m.group()) if m else 0
