"""Participants of events: who took part, attended, was brought together, spoke, or presided.

Each rule returns `RoleCandidate`s that `roles` merges (see `roles` for the reading order the candidates keep).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ...text.sentences import Sentence
from ..doc import Doc
from ..rules import rule
from .clauses import events_listed
from .common import event_after, event_before, label, last_person_before, of_type, ref_list
from .presidents import Presidency
from .role_lists import _asserted
from .roles import (
    AT,
    BRINGING,
    OWN_SESSION,
    PRESIDENTS,
    TOOK_PART,
    WE_AT,
    Candidates,
    RoleCandidate,
    named_doc,
    names_of,
    sentence_rule,
    subjects_before,
)

# 'While participating in ...' opening a sentence: its subject is the person the text spoke of last
_OPENING_PARTICIPLE = re.compile(r"\W*(?:(?:while|when|after|before|by|since|in|also)\s+)?", re.I)
# a pronoun subject between a name and the verb: the name belongs to an earlier phrase of the clause
_PRONOUN = re.compile(r"\b(?:we|I|you|they|he|she|it)\b")
# a gerund after a preposition ('by taking part in', 'for participating in'): its subject is the main clause's
_GERUND_AFTER_PREPOSITION = re.compile(r"\b(?:by|of|for|after|before|through|upon|on|without)\s+(?:personally\s+)?"
                                       r"(?:taking|participating|attending)\b", re.I)
# 'Heads of State and Government participating': people, not a government
_HEADS_OF = re.compile(r"\b(?:Heads?|Chiefs?)\s+of\s+(?:State\s+(?:and|or)\s+)?$", re.I)


@sentence_rule("participant.took_part", TOOK_PART)
def took_part(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"A, B and C took part in the Conference", "attended the event", "... participating" (the last person)."""
    text = doc.text
    for m in doc.patterns.participate.finditer(text[s.start:s.end]):
        t_start, t_end = s.start + m.start(), s.start + m.end()
        event = event_after(doc, t_end, min(s.end, t_end + 40))
        if event is None and (re.match(r"\s*(?:the|this|that)\s+(?:event|work)", text[t_end:t_end + 20]) or
                              re.fullmatch(r"[\s.;!]*(?:in\s+it[\s.;!]*)?", text[t_end:s.end])):
            event = event_before(doc, t_start, s)  # "... took part." / "attended the event"
        if event is None:
            continue
        if re.search(r"\bto\s+$", text[max(s.start, t_start - 4):t_start]):
            continue  # "the invitation to take part in": no one is said to have taken part
        if not _asserted(doc, s, t_start):
            continue  # 'we hope that X will be able to participate in the Summit': not (yet) done
        subjects = [r for r in subjects_before(doc, s, t_start, ("State", "Agency", "Person"))
                    if not _HEADS_OF.search(text, max(s.start, r.start - 30), r.start)]
        if subjects and _PRONOUN.search(text, subjects[-1].end, t_start):
            subjects = []  # 'partners of the United Nations, we are participating': the pronoun is the subject
        if subjects and _GERUND_AFTER_PREPOSITION.search(text, max(s.start, t_start - 12), t_end):
            subjects = []  # 'his faith in the United Nations by taking part in the Summit': the clause's subject
        if not subjects and re.match(r"(?i)participating", m.group()) and \
                _OPENING_PARTICIPLE.fullmatch(text, s.start, t_start):
            # 'While participating in the work of the Conference, ...': the person the text spoke of last
            person = last_person_before(doc, s.start)
            if person is not None:
                out.add(event.key, "participant", person.key, t_start, event.end, rule="participant.took_part")
            continue
        for listed in events_listed(doc, event, s.end):  # 'took part in the X and in the Y': in both
            for r in subjects:
                if not _names_owner(doc, listed.key, r.key):
                    out.add(listed.key, "participant", r.key, r.start, listed.end, rule="participant.took_part")


def _names_owner(doc: Doc, event: str, value: str) -> bool:
    """'... of the General Assembly - Forty-eighth session The Bulgarian delegation is taking part in the session':
    a body whose name is part of the event's own name holds the event; it is no participant of it."""
    return label(doc, value) in label(doc, event)


@sentence_rule("participant.bringing", BRINGING)
def brought_together(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"bringing together representatives of A and B", "with the participation of A"."""
    for m in doc.patterns.bringing.finditer(doc.text[s.start:s.end]):
        event = event_before(doc, s.start + m.start(), s) or event_after(doc, s.start + m.end(), s.end)
        if event is None:
            continue
        for r in ref_list(doc, s.start + m.end(), s.end, ("State", "Agency")):
            out.add(event.key, "participant", r.key, s.start + m.start(), r.end, rule="participant.bringing")


@sentence_rule("participant.at", AT)
def present_at(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"the Delegation of X at the Debate", "speech of President P at the Summit"."""
    text = doc.text
    for m in re.finditer(r"\bat\s+(?:the\s+)?", text[s.start:s.end]):
        event = event_after(doc, s.start + m.end(), s.start + m.end() + 2)
        if event is None:
            continue
        near = [r for r in doc.refs_between(s.start, s.start + m.start(), ("State", "Person"))
                if re.fullmatch(r"[\s,)]*", text[r.end:s.start + m.start()])]
        for r in near:
            out.add(event.key, "participant", r.key, r.start, event.end, rule="participant.at")
        speech = None
        for sm in doc.patterns.speech.finditer(text, max(0, s.start - 200), s.start + m.start()):
            speech = sm
        if speech is not None:
            speakers = doc.refs_between(speech.end(), s.start + m.start(), ("Person",))
            if speakers:
                out.add(event.key, "participant", speakers[0].key, speech.start(), event.end,
                        rule="participant.speech")


def _speaker_state(doc: Doc) -> str | None:
    """The state whose statement the document is, when the metadata says so (else no one speaks as 'we')."""
    main = doc.main_state
    if not doc.document.author_state or main is None or doc.entity(main) is None:
        return None
    return main


@rule("participant.own_session", stage="facts", produces=RoleCandidate, after=("roles.adopted",))
def own_session(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[RoleCandidate, ...]:
    """A state's statement delivered at 'this session' of a body: the speaker's state takes part in that session.

    Only with a known author state (metadata), and only for the session the text itself calls its own."""
    doc = named_doc(doc, names_of(inputs))
    out = Candidates(doc, OWN_SESSION)
    main = _speaker_state(doc)
    if main is None:
        return ()
    for key in sorted(doc.book.current):
        ref = next((r for r in doc.refs if r.key == key), None)
        if ref is not None:
            out.add(key, "participant", main, ref.start, ref.end, rule="participant.own_session")
    return tuple(out)


@rule("participant.we_at", stage="facts", produces=RoleCandidate, after=("roles.adopted",))
def we_at(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[RoleCandidate, ...]:
    """"At the meeting of the Group of Twenty we focused on ...", "During the Summit, my delegation proposed ...":
    the speaker's side acted at the event, so its state took part."""
    doc = named_doc(doc, names_of(inputs))
    out = Candidates(doc, WE_AT)
    main = _speaker_state(doc)
    if main is None:
        return ()
    for s in doc.sentences:
        lead = doc.patterns.event_lead.match(doc.text[s.start:s.end])
        if lead is None:
            continue
        at = s.start + lead.end()
        demonstrative = re.match(r"(?:that|this|the\s+same)\s+", doc.text[at:at + 12])  # 'At that meeting, I ...'
        at += demonstrative.end() if demonstrative else 0
        event = next((r for r in doc.refs if r.type == "Event" and r.key and r.start == at), None)
        if event is None:
            continue
        who = doc.patterns.speaker_after_event.match(doc.text[event.end:s.end])
        if who is not None:
            out.add(event.key, "participant", main, s.start + lead.start(), event.end + who.end(),
                    rule="participant.we_at")
    return tuple(out)


@rule("participant.assembly_president", stage="facts", produces=RoleCandidate,
      after=("roles.adopted", "posts.assembly_presidents"))
def assembly_president(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[RoleCandidate, ...]:
    """"Mr. X, President of the fifty-third session of the General Assembly": the president took part in it."""
    doc = named_doc(doc, names_of(inputs))
    out = Candidates(doc, PRESIDENTS)
    for p in of_type(inputs["posts.assembly_presidents"], Presidency):
        for ref in doc.refs_between(p.start, p.end, ("Event",)):
            if ref.key not in doc.book.current and doc.book.owners.get(ref.key):
                out.add(ref.key, "participant", p.person, p.start, p.end, rule="participant.assembly_president")
    return tuple(out)
