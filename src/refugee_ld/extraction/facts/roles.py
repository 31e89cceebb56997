"""Event roles: who organised an event, who took part, what it adopted; the merge rule `roles`.

The role rules (modules `organisers`, `participants`, `adoptions`) each read one pattern and return
`RoleCandidate`s.  A role is stated once: when two rules, or two sentences, state the same (event, role, value),
the first statement in reading order keeps its evidence and rule name.  Reading order is the order in which the
rules used to read the document, one sentence after another and, within a sentence, one pattern after another;
each candidate carries that position (`phase`, `sentence`, `step`) and `roles` sorts by it before it keeps
the first of each role.

An indefinite declaration the adoption rule names ("the conference adopted a Declaration" -> "Almaty Declaration")
is a name for that reference and for later "the Declaration"s.  The rules that read a sentence see the names given
in the sentences before it (`sentence_docs`), as they did when the adoption rule renamed the references in place.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...records import Entity, EventRole
from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions import Ref
from ..rules import rule
from .common import distinct, gap_is_list, of_type

# Phases of reading: the refs (session owners, organisers in names), then the sentences, then the whole text.
SESSION_OF, IN_NAME, SENTENCES, ADOPTED_AT, OWN_SESSION, WE_AT, PRESIDENTS = range(7)
# Steps within a sentence, in the order the patterns are read.
BY, SUPPORT, COSPONSORS, ACTIVE, TOOK_PART, COOPERATION, BRINGING, AT, ADOPTED = range(9)
# ... and the list and clause readers (modules `role_lists`, `outcomes`), read after those.
ATTENDED, DELEGATES, JOINT, TIMED, SPEAKER, INVITED, OUTCOME, THANKS, AGENT, IN_BODY, BETWEEN = range(9, 20)
ACTED_AT = 20  # the clause reader (module `clause_roles`)


@dataclass(frozen=True)
class RoleCandidate:
    """A role one rule reads, with its place in reading order (phase, sentence index, step within the sentence)."""

    phase: int
    sentence: int
    step: int
    role: EventRole


@dataclass(frozen=True)
class DeclarationName:
    """A name the adoption rule gave: to the references at `refs` (indexes into `Doc.refs`), in sentence `sentence`.

    `entity` is the named declaration and `surface` the words of the first reference (the mention stage adds both
    to the document's entities)."""

    sentence: int
    refs: tuple[int, ...]
    entity: Entity
    surface: str


class Candidates(list[RoleCandidate]):
    """Collects one rule's candidates at its current reading position."""

    def __init__(self, doc: Doc, phase: int, step: int = 0) -> None:
        super().__init__()
        self.doc, self.phase, self.step, self.sentence = doc, phase, step, 0

    def add(self, event: str, role: str, value: str, lo: int, hi: int, qualifier: str | None = None, *,
            rule: str) -> None:
        if not event or not value or event == value:
            return
        self.append(RoleCandidate(self.phase, self.sentence, self.step,
                                  EventRole(event, role, value, self.doc.evidence(lo, hi),  # type: ignore[arg-type]
                                            qualifier, rule)))


def names_of(inputs: Mapping[str, Sequence[Any]]) -> list[DeclarationName]:
    return of_type(inputs.get("roles.adopted", ()), DeclarationName)


def sentence_docs(doc: Doc, names: list[DeclarationName]) -> Iterator[tuple[int, Sentence, Doc]]:
    """Each sentence with the `Doc` as a rule reading it sees it: with the names given in earlier sentences."""
    given: dict[int, str] = {}
    view, pending = doc, sorted(names, key=lambda n: n.sentence)
    for k, s in enumerate(doc.sentences):
        fresh = False
        while pending and pending[0].sentence < k:
            name = pending.pop(0)
            given.update({i: name.entity.key for i in name.refs})
            fresh = True
        if fresh:
            view = doc.with_names(given)
        yield k, s, view


def named_doc(doc: Doc, names: list[DeclarationName]) -> Doc:
    """The `Doc` with every name given (what the rules reading the whole text after the sentences see)."""
    return doc.with_names({i: n.entity.key for n in names for i in n.refs})


def subjects_before(doc: Doc, s: Sentence, pos: int, types: tuple[str, ...]) -> list[Ref]:
    """The coordinated subject of a verb: the run of names ending just before it ("A and B conducted")."""
    clause_start = s.start
    for m in re.finditer(r"[;:]", doc.text[s.start:pos]):
        clause_start = s.start + m.end()
    refs = [r for r in doc.refs_between(clause_start, pos, types + ("Event", "Instrument", "Place"))]
    refs = [r for r in refs if not any(o is not r and o.start <= r.start and r.end <= o.end and
                                       (o.end - o.start) > (r.end - r.start) for o in refs)]  # outermost names only
    if not refs:
        return []
    # walk back from the verb over the subject phrase
    run: list[Ref] = []
    cursor = pos
    for ref in reversed(refs):
        gap = doc.text[ref.end:cursor]
        if ref.type not in types:
            break
        if run and not (gap_is_list(gap) or re.fullmatch(r"[\s,]*(?:the\s+)?[\w' -]{0,40}?(?:,|\band\b)\s*", gap)):
            break
        # "Representatives of A, B took part": allow a longer tail after the last name only for such lists
        if not run and len(gap.split()) > 6 and (not re.search(r"^[\w\s,'-]*$", gap) or len(gap.split()) > 12):
            break
        if doc.refs_between(ref.start, ref.end, ("Event",)) and ref.type != "Event":
            break
        run.append(ref)
        cursor = ref.start
    run.reverse()
    return distinct(without_qualifiers(doc, run))


def without_qualifiers(doc: Doc, refs: list[Ref]) -> list[Ref]:
    """Drop a state that only qualifies the body named right after it ('Republic of Turkey Ministry of Labour',
    'Kenya Red Cross'): the body is the one named."""
    def qualifies(r: Ref) -> bool:
        return r.type == "State" and (any(
            o.type == "Agency" and r.start < o.start and
            (o.start < r.end or re.fullmatch(r"[ \t]+", doc.text[r.end:o.start]) is not None)
            for o in doc.refs_near(r.end + 3) if o.key) or _office_of(r))

    def _office_of(r: Ref) -> bool:
        """'IOM Tajikistan attended', 'UNHCR Kenya said': an agency's country office, named by the agency's
        name or acronym and the state with nothing between (s5-webprec)."""
        return any(o.type == "Agency" and o.end < r.start and re.fullmatch(r"[ \t]+", doc.text[o.end:r.start])
                   is not None for o in doc.refs_between(max(0, r.start - 80), r.start, ("Agency",)) if o.key)
    return [r for r in refs if not qualifies(r)]


ROLE_RULES = ("organiser.session_of", "organiser.in_name", "organiser.by", "organiser.support",
              "organiser.cosponsors", "organiser.active", "organiser.cooperation", "participant.took_part",
              "participant.bringing", "participant.at", "roles.adopted", "roles.adopted_at",
              "participant.own_session", "participant.we_at", "participant.assembly_president",
              "participant.attended_by", "participant.delegates", "organiser.joint", "organiser.timed",
              "organiser.speaker", "organiser.invitation", "adopted.clauses", "organiser.thanks",
              "organiser.agent", "organiser.in_body", "participant.speaker", "participant.between",
              "participant.acted_at")


@rule("roles", stage="facts", produces=EventRole, after=ROLE_RULES)
def merge_roles(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[EventRole, ...]:
    """Every role once, stated by the first candidate in reading order."""
    candidates = [c for name in ROLE_RULES for c in of_type(inputs[name], RoleCandidate)]
    candidates.sort(key=lambda c: (c.phase, c.sentence, c.step))  # stable: a rule's own order is kept
    seen: set[tuple[str, str, str]] = set()
    out: list[EventRole] = []
    for c in candidates:
        key = (c.role.event, c.role.role, c.role.value)
        if key not in seen:
            seen.add(key)
            out.append(c.role)
    return tuple(out)


SentenceReader = Callable[[Doc, Sentence, Candidates], None]


def sentence_rule(name: str, step: int) -> Callable[[SentenceReader], SentenceReader]:
    """Register a role rule that reads one sentence at a time (at `step` of the sentence's reading order).

    The rule sees each sentence with the declaration names given before it, so it runs after `roles.adopted`."""
    def register(read: SentenceReader) -> SentenceReader:
        def run(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[RoleCandidate, ...]:
            out = Candidates(doc, SENTENCES, step)
            for k, s, view in sentence_docs(doc, names_of(inputs)):
                out.sentence = k
                read(view, s, out)
            return tuple(out)
        run.__name__, run.__doc__ = read.__name__, read.__doc__
        rule(name, stage="facts", produces=RoleCandidate, after=("roles.adopted",))(run)
        return read
    return register
