"""Event roles stated in lists and clauses that the core role rules do not read.

Real statements and press releases name who organised and who attended an event in a handful of clause shapes,
whatever the event: a passive agent list ("attended by representatives of A, B and C"), a subject list whose
members are linked by "jointly with" / "together with", a verb of organising with a time adverbial before its
object ("held today the Sixth Meeting", "organized on 11 August a mini-summit"), the speaker's own state ("my
country hosted the Conference", "the Summit we convened"), an invitation ("held at the invitation of A"), and
lists of delegates in a sentence that says they were there ("Representatives of A and B were present at the
Forum").  Instruments an event produced come as "the X, which emerged from the Summit", "at the Conference the X
was adopted" and "the Conference ... resulting in the adoption of the X".

Each rule reads one such clause shape and returns `RoleCandidate`s that `roles` merges.  Funders ("with the
financial support of", "funded by") are never organisers here; a clause that does not assert the act (negation,
modality, intention) yields nothing.
"""
from __future__ import annotations

import re

from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions import Ref
from .clauses import events_listed
from .common import compiled_templates, event_after, event_before, outermost, ref_list
from .roles import (
    ATTENDED,
    DELEGATES,
    INVITED,
    JOINT,
    SPEAKER,
    TIMED,
    Candidates,
    sentence_rule,
    subjects_before,
    without_qualifiers,
)

Pattern = re.Pattern[str]

# a clause that does not assert the act (the recall rules' reading, kept local: this module sits below them)
_UNREAL = re.compile(
    r"\b(?:not|never|no\s+longer|yet\s+to|should|could|would|(?-i:may)|might|will|shall|must|ought|hopes?|wish\w*"
    r"|intends?|plans?|propos\w*|urges?|urged|calls?\s+(?:on|upon)|invites?|encourag\w*|ready\s+to|willing\s+to"
    r"|offer\w*|if|unless|whether|preparing\s+to|looks?\s+forward)\b", re.I)

# what may come before the first name of a list: an article, and common nouns listed with the names
# ('representatives of civil society, academia and UNHCR', 'of diplomatic missions and the United Nations')
_LIST_HEAD = re.compile(r"\s*(?:(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\s*(?:,\s*|\band\s+)(?!and\b))*"
                        r"(?:[Tt]he\s+)?")

# a time adverbial between a verb and its object: 'on 11 August last', 'in March this year', 'in 2009'
_TIME_PHRASE = r"""(?:in|on)\s+(?:\d{{1,2}}\s+)?(?:{months})(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}}|\s+(?:this|last)\s+year
                   |\s+last)?|in\s+\d{{4}}"""

_TEMPLATES = {
    "attended_by": r"""\b(?:{attended_by_verbs})\s+by\s+(?:(?:{quantity_words})\s+)?(?:\d[\d,]*\s+)?
                       (?:(?:[\w-]+\s+){{0,3}}?(?:{delegate_nouns})\s+(?:of|from)\s+)?(?:the\s+)?""",
    "delegates": r"""\b(?:{delegate_nouns})\s+(?:of|from)\s+(?:the\s+)?
                     (?:(?!(?:[\w-]+\s+){{0,2}}members?\b)(?:[\w-]+\s+){{1,3}}?(?:of|from)\s+(?:the\s+)?)?""",
    "present": r"\b(?:{present_cues})\b|\b(?:{take_part_verbs})\s+part\b|\b(?:{participate_verbs})\s+in\b",
    "joint_link": r"\s*,?\s*(?:{joint_links}|in\s+(?:close\s+)?(?:{cooperation_nouns})\s+with)\s+(?:the\s+)?",
    "timed_organise": r"""\b(?:{active_organise_verbs})\s+(?:(?:{organise_adverbs}|{_TIME_PHRASE})\s*,?\s+){{1,3}}
                          (?:a|an|the|its|their|our)\b""",
    "speaker_organise": r"""\b(?P<subject>{speaker_subjects})\s+(?:(?:{speaker_auxiliaries})\s+)*
                            (?P<verb>(?:{active_organise_verbs})|co-?hosted|co-?organi[sz]ed)\b""",
    "speaker_relative": r"""(?:\s*,?\s*(?:that|which)\s+|\s+)(?P<subject>{speaker_subjects})\s+
                            (?:(?:{speaker_auxiliaries})\s+)*
                            (?P<verb>{active_organise_verbs}|co-?hosted|co-?organi[sz]ed)\b""",
    "speaker_takes_part": r"""\b(?:{speaker_references}|{speaker_subjects})\s+
                              (?:(?:{speaker_auxiliaries}|actively|all|both|are|were|am|was)\s+)*
                              (?:(?:had|have|has)\s+(?:had\s+)?the\s+(?:(?:{honour_adjectives})\s+)?(?:{honour_nouns})
                              \s+(?:of|to)\s+)?
                              (?:(?:{presence_verbs})|(?:{take_part_verbs})\s+(?:an?\s+(?:active\s+)?)?part\s+in|(?:{participate_verbs})
                              (?:\s+actively)?\s+in|(?:{attend_verbs}))\s+""",
    "invitation": r"\b(?:at|upon|on)\s+the\s+(?:{invitation_nouns})\s+of\s+(?:the\s+)?",
    "outcome_link": r"""[\s,]*(?:(?:which|that)\s+)?(?:(?:was|were|had\s+been|has\s+been)\s+)?(?:{outcome_links})
                        \s+(?:the\s+|this\s+|that\s+)?""",
    "adoption_result": r"""\b(?:{adoption_results})\s+(?:the\s+)?(?:successful\s+|unanimous\s+)?adoption\s+of\s+
                           (?:the\s+|a\s+|an\s+)?""",
    "passive_adopted": r"\b(?:was|were|had\s+been|have\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:{passive_adopted})\b",
    "collective_adopted": r"""\b(?:{collective_adopters})\s+(?:(?:have|had|unanimously|also|jointly)\s+)*
                              (?:{adoption_acts})\s+(?:the\s+|a\s+|an\s+)?""",
    "funding": r"\b(?:{funding_words})\b",
    "funded": r"\b(?:(?:{funding_words})\s+(?:of|from|by)|(?:{support_nouns})\s+(?:of|from))\s+(?:the\s+)?\W*$",
}
_FILLED = {name: t.replace("{_TIME_PHRASE}", _TIME_PHRASE) for name, t in _TEMPLATES.items()}


def patterns(doc: Doc) -> dict[str, Pattern]:
    """This module's patterns in the document's language."""
    return compiled_templates(doc, _FILLED)


def _asserted(doc: Doc, s: Sentence, lo: int) -> bool:
    """No negation or modality in the sentence before `lo`, outside the names ('the Almaty Plan' plans nothing)."""
    return not _UNREAL.search(without_names(doc, s.start, lo))


def without_names(doc: Doc, lo: int, hi: int) -> str:
    """The text between `lo` and `hi` with every named reference blanked out."""
    chars = list(doc.text[lo:hi])
    for r in doc.refs_between(lo, hi):
        a, b = max(0, r.start - lo), max(0, min(hi, r.end) - lo)
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _speaker(doc: Doc) -> str | None:
    """The state whose statement this is, from the metadata (without it, 'we' is no one in particular)."""
    return doc.main_state if doc.document.author_state else None


def _list_at(doc: Doc, pos: int, end: int, types: tuple[str, ...] = ("State", "Agency")) -> list[Ref]:
    """The coordinated names that begin right at `pos` (nothing but an article between), never a list whose
    first name comes several words later."""
    found = ref_list(doc, pos, end, types)
    if not found or not _LIST_HEAD.fullmatch(doc.text[pos:found[0].start]):
        return []
    return without_qualifiers(doc, found)


def funded(doc: Doc, r: Ref) -> bool:
    """A name that follows 'with the support of', 'funded by': a funder or supporter, no organiser."""
    return bool(patterns(doc)["funded"].search(doc.text, max(0, r.start - 50), r.start))


def _office_of(doc: Doc, ref: Ref) -> Ref:
    """'IOM Azerbaijan', 'UNHCR Kenya': a state named right after an agency is the agency's office there; the
    agency is the one that acts."""
    if ref.type != "State":
        return ref
    agency = next((r for r in doc.refs_between(max(0, ref.start - 80), ref.start, ("Agency",))
                   if r.key and re.fullmatch(r"[ \t]", doc.text[r.end:ref.start])), None)
    return ref if agency is None else Ref(agency.start, ref.end, agency.key, agency.type, agency.kind, agency.via)


def _event_in_clause(doc: Doc, s: Sentence, lo: int, hi: int) -> Ref | None:
    """The event a phrase of the sentence is about: the last one named before it in the sentence, else the first
    one right after it."""
    before = event_before(doc, lo, s)
    if before is not None and before.start >= s.start:
        return before
    return event_after(doc, hi, min(s.end, hi + 80))


@sentence_rule("participant.attended_by", ATTENDED)
def attended_by(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"The Forum was attended by representatives of A, B and C", "joined by delegations from A and B"."""
    for m in patterns(doc)["attended_by"].finditer(doc.text, s.start, s.end):
        event = event_before(doc, m.start(), s)
        if event is None or not _asserted(doc, s, m.start()) or \
                event.start >= s.start and not _PASSIVE_SUBJECT.fullmatch(doc.text, event.end, m.start()):
            continue  # '... convened by A as co-Chairs of the Conference and attended by B': not that event's
        for r in _list_at(doc, m.end(), s.end, ("State", "Agency", "Person")):
            out.add(event.key, "participant", r.key, min(event.start, m.start()) if event.start >= s.start
                    else m.start(), r.end, rule="participant.attended_by")


@sentence_rule("participant.delegates", DELEGATES)
def delegates_present(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"Representatives of A, B and C took part in the Workshop", "The participants included officials of A and
    B", "Delegations from A and B were present at the Forum": the states and bodies the delegates came from."""
    p = patterns(doc)
    text = doc.text
    cue = p["present"].search(text, s.start, s.end)
    if cue is None or not _asserted(doc, s, cue.start()):
        return
    event = _delegates_event(doc, s, cue)
    if event is None:
        return
    for m in p["delegates"].finditer(text, s.start, s.end):
        if event.start <= m.start() < event.end:
            continue
        for r in _list_at(doc, m.end(), s.end):
            if r.key != event.key:
                out.add(event.key, "participant", r.key, m.start(), r.end, rule="participant.delegates")


def _delegates_event(doc: Doc, s: Sentence, cue: re.Match[str]) -> Ref | None:
    """The event delegates are said to attend: named right after the cue ('took part in the Forum'), or the
    sentence's subject ('The participants of the Forum included ...'); in a sentence naming no event, the event
    the text spoke of last.  Another event named in the sentence is some other one's ('co-Chairs of the X')."""
    text = doc.text
    events = [e for e in doc.refs_between(s.start, s.end, ("Event",)) if e.key]
    if not events:  # the event the text spoke of last, if it named it (an anaphor there is a guess of a guess)
        topic = event_before(doc, s.start, s)
        return topic if topic is not None and topic.via != "anaphor" else None
    after = next((e for e in events if e.start >= cue.end() and
                  re.fullmatch(r"\s*(?:(?:in|at|of)\s+)?(?:(?:the|this|that)\s+)?", text[cue.end():e.start])), None)
    if after is not None:
        return after
    subject = events[0]
    if subject.end <= cue.start() and (len(text[s.start:subject.start].split()) <= 2 or re.search(
            r"\b(?:participants|delegates|delegations)\s+(?:of|in|at|to)\s+(?:the\s+)?$", text[s.start:subject.start])):
        return subject
    return None


# what may stand between an event and 'attended by' when the event is the passive's subject: a bracketed
# abbreviation, one apposition, a relative pronoun and an auxiliary ('The Forum, held in May, was attended by')
_PASSIVE_SUBJECT = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:,[^,;()]{0,100},)?\s*,?\s*(?:(?:which|that)\s+)?"
                              r"(?:(?:was|were|is|are|has\s+been|had\s+been)\s+)?(?:also\s+|well\s+)?")


@sentence_rule("organiser.joint", JOINT)
def joint_organisers(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"A jointly with B organized the Workshop", "organized by A together with B", "A, in partnership with B,
    held the Meeting": the partner named with the organiser organises too."""
    p = patterns(doc)
    text = doc.text
    verbs = list(doc.patterns.organised_by.finditer(text, s.start, s.end)) + \
        list(doc.patterns.active_organise.finditer(text, s.start, s.end)) + \
        list(p["timed_organise"].finditer(text, s.start, s.end))
    for verb in verbs:
        passive = bool(re.search(r"by$", verb.group(), re.I))
        event = event_before(doc, verb.start(), s) if passive else \
            event_after(doc, verb.start(), min(s.end, verb.end() + 60))
        if event is None or not _asserted(doc, s, verb.start()):
            continue
        if passive:
            lead = _list_at(doc, verb.end(), s.end)
        else:
            lead = outermost(doc.refs_between(s.start, verb.start(), ("State", "Agency")))
        for anchor in lead:
            anchor = _office_of(doc, anchor)
            link = p["joint_link"].match(text, anchor.end)
            if link is None or (not passive and link.end() > verb.start()):
                continue
            for r in _list_at(doc, link.end(), verb.start() if not passive else s.end):
                out.add(event.key, "organised_by", r.key, min(anchor.start, event.start), max(r.end, event.end),
                        rule="organiser.joint")
            if not passive and not p["funding"].search(text, link.start(), link.end()) and not funded(doc, anchor):
                out.add(event.key, "organised_by", anchor.key, anchor.start, event.end, rule="organiser.joint")


@sentence_rule("organiser.timed", TIMED)
def timed_organisers(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"UNHCR and the Service held today the Sixth Meeting", "Gabon organized on 11 August a mini-summit":
    a verb of organising whose object comes after a time adverbial."""
    for m in patterns(doc)["timed_organise"].finditer(doc.text, s.start, s.end):
        event = event_after(doc, m.end() - 4, min(s.end, m.end() + 60))
        if event is None or not _asserted(doc, s, m.start()):
            continue
        for r in subjects_before(doc, s, m.start(), ("Agency", "State")):
            if not funded(doc, r):
                out.add(event.key, "organised_by", r.key, r.start, event.end, rule="organiser.timed")


def _collective(m: re.Match[str]) -> bool:
    """'last year we held the Millennium Summit': in the Assembly a bare 'we' is as often all its members, so it
    names the speaker's state only with a verb of organising."""
    return m.group("subject").lower() == "we" and not re.search(r"(?i)organi[sz]|co-?host", m.group("verb"))


@sentence_rule("organiser.speaker", SPEAKER)
def speaker_organises(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"My Government convened the Conference", "we organized the Forum", "the Forum that my country organized":
    in a state's statement, the speaker's state (metadata) organised the event.  A bare 'we' counts only with a
    verb of organising: 'we held the Summit' is as often said by all the members of the Assembly."""
    main = _speaker(doc)
    if main is None:
        return
    p = patterns(doc)
    text = doc.text
    for m in p["speaker_organise"].finditer(text, s.start, s.end):
        if re.match(r"(?i)host", m.group("verb")):
            continue  # 'we hosted the Summit': the host rule's reading (organiser.host)
        if _collective(m):
            continue
        event = event_after(doc, m.end(), min(s.end, m.end() + 60))
        if event is None or not _asserted(doc, s, m.start()) or \
                re.search(r"[,;:]|\b(?:and|but)\b", text[m.end():event.start]) or \
                re.match(r"(?i)held", m.group("verb")) and re.search(r"\btalks\b", text[m.end():event.start]):
            continue
        out.add(event.key, "organised_by", main, m.start(), event.end, rule="organiser.speaker")
    for event in doc.refs_between(s.start, s.end, ("Event",)):
        rel = p["speaker_relative"].match(text, event.end)
        if event.key and rel is not None and not _collective(rel) and _asserted(doc, s, event.start):
            out.add(event.key, "organised_by", main, event.start, rel.end(), rule="organiser.speaker")


@sentence_rule("participant.speaker", SPEAKER)
def speaker_takes_part(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"My delegation took part in the Summit", "we participated in the Conference", "I attended the Forum": in a
    state's statement, the speaker's state took part (a 'we' of all the members includes it too)."""
    main = _speaker(doc)
    if main is None:
        return
    text = doc.text
    for m in patterns(doc)["speaker_takes_part"].finditer(text, s.start, s.end):
        if not re.search(r"ed\b|\btook\b", m.group()) and re.search(
                r"\b(?:when|once|before|until|after|as\s+soon\s+as)\s+$", text[s.start:m.start()], re.I):
            continue  # 'When we attend the Conference next month': not yet done
        event = event_after(doc, m.end(), min(s.end, m.end() + 40))
        if event is None or not re.fullmatch(r"(?:(?:the|this|that|its|last|year['\u2019]s)\s+)*",
                                             text[m.end():event.start]) or not _asserted(doc, s, m.start()):
            continue
        for listed in events_listed(doc, event, s.end):  # 'we attended the X and the Y': both
            out.add(listed.key, "participant", main, m.start(), listed.end, rule="participant.speaker")


@sentence_rule("organiser.invitation", INVITED)
def invited_by(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"The Conference, held at the invitation of A", "At the invitation of A, the Forum met in B": who invites
    to an event hosts it (not for visits, whose host is the one visited)."""
    text = doc.text
    if doc.patterns.visit.search(text, s.start, s.end):
        return
    for m in patterns(doc)["invitation"].finditer(text, s.start, s.end):
        hosts = _list_at(doc, m.end(), s.end)
        if not hosts:
            continue
        event = _event_in_clause(doc, s, m.start(), hosts[-1].end)
        if event is None or abs(event.start - m.start()) > 160 or not _asserted(doc, s, m.start()):
            continue
        for r in hosts:
            out.add(event.key, "organised_by", r.key, min(event.start, m.start()), max(event.end, r.end),
                    rule="organiser.invitation")
