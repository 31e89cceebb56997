"""The vocabulary fact records declare themselves in (see `records`): slots, kinds, value vocabularies.

A fact record lists its kinds once; every stage that must treat kinds differently (coreference, extraction keys,
evaluation, curation, the RDF mapping, review) loops over these declarations instead of testing classes, so a
new kind cannot be forgotten silently: `declaration_problems` is checked when `records` is imported.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import ClassVar, Literal

SlotRole = Literal["entity", "date", "enum", "count", "flag", "text"]


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """A closed set of field values: the ontology term naming each, and the spellings annotators also use."""

    terms: Mapping[str, str]  # value -> local name in the rld: namespace
    synonyms: Mapping[str, str] = field(default_factory=dict)  # annotator spelling (lower case) -> value

    def normal(self, text: str) -> str:
        """The value an annotator's (or curator's) spelling stands for; unknown spellings stay as given."""
        low = text.strip().lower()
        return self.synonyms.get(low, low)


@dataclass(frozen=True)
class Slot:
    """One field of a fact record: an entity reference or a value, and the property that states it.

    `prop` is a prefixed name (rld:state, rdfs:label) the generic mapping states the field with on the kind's
    subject; None when the field is the subject itself or only an irregular triple uses it.  `gold` is the name
    gold files and curation rows give the field when it differs from the attribute.  `key` says whether `eval`
    compares it (dates compare at the gold's precision).  Optional fields may be None; a flag defaults to False
    and is stated only when true.
    """

    name: str
    role: SlotRole
    prop: str | None = None
    range: str = ""  # entities: a key of ENTITY_RANGES
    vocab: Vocabulary | None = None  # enums
    gold: str = ""
    optional: bool = False
    key: bool = True

    @property
    def gold_name(self) -> str:
        return self.gold or self.name

    @property
    def required(self) -> bool:
        """A curator adding a fact must give the field."""
        return not self.optional and self.role != "flag"

    @property
    def default(self) -> object:
        return False if self.role == "flag" else None


@dataclass(frozen=True)
class MintedNode:
    """A node named by the hash of some field values (not an entity of the registry): <base><prefix>/<hash>."""

    prefix: str
    parts: tuple[str, ...]
    rdf_class: str


@dataclass(frozen=True)
class FactKind:
    """One kind of fact as gold files, curation and `eval` name it, and how the graph states it.

    The fact's own node (its IRI `fact/<hash of document, iri_tag and identity>`) has class `rdf_class` and
    carries confidence and rule.  `subject` says where the regular triples (one per slot with a `prop`) go: None
    for the fact node itself; the name of an entity slot (an event's details are said of the event); or a
    `MintedNode` (a post).  When the subject is not the fact node, the fact node is a claim node described by the
    mapping function named `claim`.  `extra` names the mapping functions stating the kind's irregular triples.
    `fixed` holds the attribute values that select this kind among its record's kinds (EventRole.role);
    `distinct` the fields of which coreference keeps one fact per document (empty: every fact is kept).
    """

    name: str
    rdf_class: str
    slots: tuple[Slot, ...]
    iri_tag: str
    identity: tuple[str, ...]  # attribute paths hashed into the fact IRI ("evidence.start" allowed)
    subject: str | MintedNode | None = None
    claim: str = ""
    extra: tuple[str, ...] = ()
    fixed: tuple[tuple[str, str], ...] = ()
    distinct: tuple[str, ...] = ()

    def slot(self, name: str) -> Slot:
        return next(s for s in self.slots if s.name == name)

    @property
    def entity_slots(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.role == "entity")

    @property
    def key_slots(self) -> tuple[Slot, ...]:
        """The fields `eval` compares exactly (entities through the alignment), in order."""
        return tuple(s for s in self.slots if s.key and s.role != "date")

    @property
    def date_slots(self) -> tuple[Slot, ...]:
        """The dates `eval` compares at the gold's precision, in order."""
        return tuple(s for s in self.slots if s.key and s.role == "date")


class FactRecord:
    """Base of the fact records; `KINDS` is each record's declaration (checked when this module is imported)."""

    KINDS: ClassVar[tuple[FactKind, ...]] = ()


def declaration_problems(record: type, ranges: Mapping[str, object]) -> list[str]:
    """What is wrong with one record's KINDS (an empty list when the declaration is complete)."""
    name = record.__name__
    if not is_dataclass(record) or not issubclass(record, FactRecord):
        return [f"{name} is not a dataclass deriving from FactRecord"]
    attrs = {f.name for f in fields(record)}
    kinds: tuple[FactKind, ...] = record.KINDS
    problems = [] if kinds else [f"{name} declares no KINDS"]
    if {"evidence", "rule"} - attrs:
        problems.append(f"{name} lacks an evidence or rule field")
    for kind in kinds:
        where = f"{name} kind {kind.name!r}"
        slots = {s.name for s in kind.slots}
        subject_attrs = kind.subject.parts if isinstance(kind.subject, MintedNode) else (kind.subject or "",)
        named = [*slots, *(p.split(".")[0] for p in kind.identity), *(a for a, _ in kind.fixed), *kind.distinct,
                 *(a for a in subject_attrs if a)]
        problems += [f"{where}: no field {a!r}" for a in named if a not in attrs]
        problems += [f"{where}: slot {s.name!r} has no range" for s in kind.slots if s.role == "entity" and
                     s.range not in ranges]
        problems += [f"{where}: slot {s.name!r} has no vocabulary" for s in kind.slots if (s.role == "enum") !=
                     (s.vocab is not None)]
        if isinstance(kind.subject, str) and kind.subject not in {s.name for s in kind.entity_slots}:
            problems.append(f"{where}: subject {kind.subject!r} is not an entity slot")
        if (kind.subject is None) == bool(kind.claim):
            problems.append(f"{where}: a claim function is named exactly when the subject is not the fact node")
        if len(kinds) > 1 and not kind.fixed:
            problems.append(f"{where}: one of several kinds, but no fixed field value selects it")
    return problems
