"""Participants read from a clause whose subject acted at an event (rule `participant.acted_at`).

"As I said at the Millennium Summit", "the commitments we made at the World Summit", "Kenya and Uganda signed the
Accord at the Summit", "we adopted the Declaration during the Conference and the Summit": whoever said, signed,
adopted or pledged something at an event was there.  The speaker ('we', 'I', 'my delegation') is the statement's
state (metadata; without it the rule reads no speaker); named subjects are states and persons.  Only a verb of
the list in the past, asserted (no negation, modality or condition before it), with the event in the same clause.
"""
from __future__ import annotations

from ...text.sentences import Sentence
from ..doc import Doc
from .clauses import clause_acts
from .role_lists import _asserted, _speaker
from .roles import ACTED_AT, Candidates, sentence_rule


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
                    out.add(event.key, "participant", key, lo, event.end, rule="participant.acted_at")
