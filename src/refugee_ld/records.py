"""Typed records passed between the pipeline stages.

Every stage consumes and produces these frozen dataclasses, so a stage can be tested (and run in a
worker process) without the others.  Offsets are Python string indices (Unicode code points) into
the document text exactly as stored on disk.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["State", "Agency", "Instrument", "Event", "Person", "Place"]
ENTITY_TYPES: tuple[str, ...] = ("State", "Agency", "Instrument", "Event", "Person", "Place")
Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class Document:
    """One source document and the metadata its sidecar (or the text itself) gives."""

    doc_id: str  # file name, e.g. "000_b9e8a782b5b9ea0b.txt"
    text: str  # the stored text, byte-for-byte decoded (HTML stays HTML)
    media_type: str = "text/plain"
    title: str | None = None
    date: "DateValue | None" = None
    source: str | None = None
    publisher: str | None = None
    language: str = "en"
    author_state: str | None = None  # the speaker's or author's state: a state name or ISO code (metadata)

    @property
    def stem(self) -> str:
        return self.doc_id.rsplit(".", 1)[0]


@dataclass(frozen=True, order=True)
class DateValue:
    """A calendar date at the precision the text gives ("2011", "2011-03", "2011-03-15")."""

    iso: str

    @property
    def precision(self) -> Precision:
        return {4: "year", 7: "month"}.get(len(self.iso), "day")  # type: ignore[return-value]

    @property
    def year(self) -> int:
        return int(self.iso[:4])

    def covers(self, other: "DateValue") -> bool:
        """True when `other` lies inside this (coarser or equal) date."""
        return other.iso.startswith(self.iso)

    def compatible(self, other: "DateValue") -> bool:
        return self.covers(other) or other.covers(self)


@dataclass(frozen=True)
class Evidence:
    """A quote of the document: `exact == document.text[start:end]`."""

    doc_id: str
    start: int
    end: int
    exact: str


@dataclass(frozen=True)
class Entity:
    """A thing the graph has a node for; `key` is the IRI path under the base IRI."""

    key: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # finer class: city, convention, law, conference ...
    from_registry: bool = False


@dataclass(frozen=True)
class Mention:
    entity_key: str
    evidence: Evidence


@dataclass(frozen=True)
class TreatyAction:
    state: str
    instrument: str
    action: Literal["accession", "ratification", "signature", "party"]
    date: DateValue | None
    evidence: Evidence


@dataclass(frozen=True)
class InstrumentDate:
    instrument: str
    what: Literal["adopted", "entered_into_force", "signed"]
    date: DateValue
    evidence: Evidence


@dataclass(frozen=True)
class EventDetails:
    """When and where an event took place, as one document states it."""

    event: str
    start: DateValue | None
    end: DateValue | None
    place: str | None
    evidence: Evidence


@dataclass(frozen=True)
class EventRole:
    """An organiser, participant or adopted instrument of an event."""

    event: str
    role: Literal["organised_by", "participant", "event_adopted"]
    value: str
    evidence: Evidence
    qualifier: str | None = None  # e.g. "cosponsor", "support"


@dataclass(frozen=True)
class PopulationFigure:
    place: str
    group: Literal["refugees", "asylum-seekers", "stateless", "migrants", "other"]
    count: int
    approximate: bool
    date: DateValue | None
    evidence: Evidence


@dataclass(frozen=True)
class PostHolding:
    person: str
    post: str  # the post's label as normalised, e.g. "Deputy Minister of Foreign Affairs"
    organisation: str | None
    start: DateValue | None
    evidence: Evidence


Fact = TreatyAction | InstrumentDate | EventDetails | EventRole | PopulationFigure | PostHolding


@dataclass(frozen=True)
class Extraction:
    """Everything one document yields; the unit that crosses process boundaries."""

    document: Document
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    facts: tuple[Fact, ...] = field(default=())
