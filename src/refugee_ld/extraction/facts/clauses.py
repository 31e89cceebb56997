"""A clause-level reading the role rules share: who acts (subject), the verb group, and the events a clause's
prepositional phrase or object names, coordinated ones included.

Statements say who took part in an event in the shape of an ordinary clause: a subject, a verb group in the past
(with auxiliaries and adverbs), an object, and a phrase 'at/during the <event>' ("we adopted the Declaration at
the World Summit", "Kenya and Uganda signed the Accord at the Summit", "as I said at the Millennium Summit").
Objects and phrases coordinate events ("participated in the X and in the Y", "at the X and the Y").  This
module reads those parts over the mention stage's references; the rules decide what a reading means.

The words (verb forms, auxiliaries, prepositions) come from `lang/<language>.json`, section facts.clause_roles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions import Ref
from .common import compiled_templates, outermost, ref_list
from .roles import subjects_before

_TEMPLATES = {
    # the preposition (and determiner) that puts an event right after it in a clause's adjunct
    "at_event": r"""\b(?:{event_prepositions})\s+(?:(?:the|an?|this|that|its|our|their|last\s+year['\u2019]s
                    |this\s+year['\u2019]s)\s+)?$""",
    # the speaker as the clause's subject ('we', 'I', 'my delegation'), then the verb group
    "speaker_act": r"""\b(?P<subject>{speaker_references}|{speaker_subjects}|(?:my|our)\s+(?:{speaker_people}))\s+
                       (?:(?:{act_auxiliaries})\s+)*
                       (?P<verb>{act_at_verbs})\b""",
    # the speaker's side as a subject right before an interposed adjunct ('our Heads of State, at the Summit, ...')
    "speaker_subject_end": r"""\b(?:{speaker_references}|{speaker_subjects}|(?:my|our)\s+(?:{speaker_people}))
                               \s*,\s*$""",
    # after a named subject: the verb group alone (auxiliaries, adverbs, then the verb)
    "named_act": r"""\s+(?:(?:{act_auxiliaries})\s+)*(?P<verb>{act_at_verbs})\b""",
    # a verb of the list anywhere (in the stretch between a verb and its event, another verb's participle)
    "any_act": r"\b(?:{act_at_verbs})\b",
    # what may link two coordinated events: 'and', 'as well as', a comma, with the preposition repeated or not
    "event_link": r"""\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)
                      (?:(?:{event_prepositions}|in)\s+)?(?:(?:the|this|that)\s+)?""",
}
# what ends the stretch between a verb and the event it puts at: a clause break, a bracket, another verb's clause
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\b(?:which|who|whom|whose|where|when|because|while|but|although"
                           r"|if|unless|that)\b|\s-\s", re.I)

# another verb group in that stretch: a passive or copula, a participle or past form ('the call adopted at E')
_OTHER_VERB = re.compile(r"\b(?:was|were|is|are|be|been|being|will|would|should|shall|can|could|may|might|must)\b"
                         r"|\b[a-z]{2,}ed\b", re.I)


def patterns(doc: Doc) -> dict[str, re.Pattern[str]]:
    """This module's patterns in the document's language."""
    return compiled_templates(doc, _TEMPLATES)


@dataclass(frozen=True)
class Act:
    """One clause read: its subject (the speaker, or named references), its verb, and the events it is at."""

    speaker: bool
    subjects: tuple[Ref, ...]
    verb_start: int
    verb_end: int
    events: tuple[Ref, ...]


def events_listed(doc: Doc, first: Ref, end: int) -> list[Ref]:
    """The event `first` and the events coordinated right after it ('the X and the Y', 'the X, the Y and the Z',
    'in the X and in the Y'); a coordinated name of another kind ends the list."""
    link = patterns(doc)["event_link"]
    found = [first]
    candidates = outermost([r for r in doc.refs_between(first.end, end) if r.key])
    for ref in candidates:
        if ref.start < found[-1].end:
            continue
        m = link.match(doc.text, found[-1].end)
        if m is None or m.end() != ref.start or ref.type != "Event" or ref.via == "anaphor":
            break
        found.append(ref)
    return found


def event_at(doc: Doc, pos: int, s: Sentence) -> tuple[int, Ref] | None:
    """The event a prepositional phrase ending the text before `pos` puts the clause at: (start of the phrase,
    the event named at `pos`)."""
    ref = next((r for r in outermost(doc.refs_between(pos, s.end, ("Event",))) if r.start == pos and r.key), None)
    if ref is None or ref.via == "anaphor":
        return None
    m = patterns(doc)["at_event"].search(doc.text, max(s.start, pos - 40), pos)
    return None if m is None else (m.start(), ref)


def clause_acts(doc: Doc, s: Sentence, max_words: int = 12) -> list[Act]:
    """Every clause of the sentence whose subject acts (a verb of the list, in the past) and whose verb group is
    followed, in the same clause and within `max_words` words, by 'at/during <event>'."""
    out: list[Act] = []
    for event in outermost(doc.refs_between(s.start, s.end, ("Event",))):
        found = event_at(doc, event.start, s)
        if found is None:
            continue
        prep, _ = found
        verb = _verb_before(doc, s, prep, max_words) or _fronted(doc, s, prep, event) or \
            _interposed(doc, s, prep, event)
        if verb is None:
            continue
        speaker, subjects, v_start, v_end = verb
        out.append(Act(speaker, tuple(subjects), v_start, v_end, tuple(events_listed(doc, event, s.end))))
    return out


def _verb_before(doc: Doc, s: Sentence, prep: int, max_words: int) -> tuple[bool, list[Ref], int, int] | None:
    """The nearest verb of acting before `prep` with nothing but an object between (no clause break, no other
    event), and its subject right before it: the speaker, or a run of named states and persons."""
    text = doc.text
    lo = max(s.start, prep - 400)
    by_speaker: list[tuple[int, bool, list[Ref], int, int]] = [
        (m.end(), True, [], m.start("verb"), m.end()) for m in patterns(doc)["speaker_act"].finditer(text, lo, prep)]
    found = by_speaker + _named_verbs(doc, s, lo, prep)
    for end, speaker, subjects, v_start, v_end in sorted(found, key=lambda f: f[0], reverse=True):
        gap = text[end:prep]
        if len(gap.split()) > max_words or _CLAUSE_BREAK.search(gap) or _OTHER_VERB.search(gap) or \
                patterns(doc)["any_act"].search(gap) or doc.refs_between(end, prep, ("Event",)):
            continue  # 'the issues we mentioned were discussed at E', 'we noted the call adopted at E': not theirs
        return speaker, subjects, v_start, v_end
    return None


# after a fronted 'At the Summit (held in Nairobi, Kenya, last June)': the comma that ends the adjunct
_FRONT_TAIL = re.compile(r"(?:\s*,?\s+(?:in|at|on|of|held|hosted|convened|last|this|from|earlier|recently)\b"
                         r"[^,;:()]{0,60}|\s*,\s*[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?(?=\s*,))*\s*,")


def _fronted(doc: Doc, s: Sentence, prep: int, event: Ref) -> tuple[bool, list[Ref], int, int] | None:
    """'At the Summit, Kenya and Uganda agreed ...', 'During the Conference in Nairobi, the President of X
    announced ...': an adjunct that opens the sentence, then the clause's named subject and its verb.  (The
    speaker as subject is the rule `participant.we_at`'s reading.)"""
    text = doc.text
    if text[s.start:prep].strip(" \t\n\"'\u201c") or not re.match(r"(?i)at|during", text[prep:prep + 6]):
        return None
    last = events_listed(doc, event, s.end)[-1]
    tail = _FRONT_TAIL.match(text, last.end)
    if tail is None:
        return None
    start = re.match(r"\s*(?:the\s+)?", text[tail.end():]).end() + tail.end()  # type: ignore[union-attr]
    subjects = [r for r in ref_list(doc, start, s.end, ("State", "Person")) if r.start >= start]
    if not subjects or subjects[0].start != start:
        return None
    m = patterns(doc)["named_act"].match(text, subjects[-1].end)
    return None if m is None else (False, subjects, m.start("verb"), m.end())


def _interposed(doc: Doc, s: Sentence, prep: int, event: Ref) -> tuple[bool, list[Ref], int, int] | None:
    """'Our Heads of State, at a summit meeting in Abuja from 3 to 5 June, signed a Treaty', 'Kenya and Uganda,
    during the Conference, agreed ...': the adjunct stands between the subject and its verb, set off by commas."""
    text = doc.text
    head = text[max(s.start, prep - 200):prep]
    last = events_listed(doc, event, s.end)[-1]
    tail = _FRONT_TAIL.match(text, last.end)
    m = patterns(doc)["named_act"].match(text, tail.end()) if tail is not None else None
    if tail is None or m is None:
        return None
    if patterns(doc)["speaker_subject_end"].search(head):
        return True, [], m.start("verb"), m.end()
    named = [r for r in doc.refs_between(max(s.start, prep - 200), prep, ("State", "Person"))
             if re.fullmatch(r"\s*,\s*", text[r.end:prep])]
    if not named:
        return None
    subjects = [x for x in subjects_before(doc, s, named[-1].end, ("State", "Person")) if x.end <= named[-1].end]
    return (False, subjects, m.start("verb"), m.end()) if subjects else None


def _named_verbs(doc: Doc, s: Sentence, lo: int, hi: int) -> list[tuple[int, bool, list[Ref], int, int]]:
    """Verbs of acting right after a run of named states or persons ('Kenya and Uganda signed')."""
    text = doc.text
    out: list[tuple[int, bool, list[Ref], int, int]] = []
    for r in outermost(doc.refs_between(lo, hi, ("State", "Person"))):
        m = patterns(doc)["named_act"].match(text, r.end)
        if m is None or m.end() > hi:
            continue
        subjects = [x for x in subjects_before(doc, s, r.end, ("State", "Person")) if x.end <= r.end]
        if subjects and subjects[-1].end == r.end:
            out.append((m.end(), False, subjects, m.start("verb"), m.end()))
    return out
