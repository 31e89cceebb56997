"""Typed records passed between the pipeline stages.

Every stage consumes and produces these frozen dataclasses, so a stage can be tested (and run in a
worker process) without the others.  Offsets are Python string indices (Unicode code points) into
the document text exactly as stored on disk.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from .factspec import FactKind, FactRecord, MintedNode, Slot, Vocabulary, declaration_problems

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
    date: DateValue | None = None
    source: str | None = None
    publisher: str | None = None
    language: str = "en"
    author_state: str | None = None  # the speaker's or author's state (name or ISO code): who "we" is

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

    def covers(self, other: DateValue) -> bool:
        """True when `other` lies inside this (coarser or equal) date."""
        return other.iso.startswith(self.iso)

    def compatible(self, other: DateValue) -> bool:
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


# -- fact records: each declares its kinds, RDF class, entity and value fields once --------------------------------
# Coreference, extraction, evaluation, curation and the RDF mapping read these declarations instead of listing
# the record classes: adding a kind means a record (with its KINDS), a rule module, ontology, shapes and tests.

# entity types a field may name, by the name curation reports them under (order: lookup order in the registry)
ENTITY_RANGES: dict[str, tuple[str, ...]] = {
    **{t: (t,) for t in ENTITY_TYPES}, "Place": ("State", "Place"), "Organisation": ("Agency", "State"),
    "Participant": ("State", "Agency", "Person")}


ACTIONS = Vocabulary({"accession": "Accession", "ratification": "Ratification", "signature": "Signature",
                      "party": "Party"},
                     {"acceded": "accession", "ratified": "ratification", "signed": "signature", "party_to": "party"})
DATE_KINDS = Vocabulary({"adopted": "adoptionDate", "entered_into_force": "entryIntoForceDate",
                         "signed": "signatureDate"},
                        {"entry_into_force": "entered_into_force", "entry into force": "entered_into_force",
                         "entered into force": "entered_into_force", "in_force": "entered_into_force",
                         "adoption": "adopted", "signature": "signed"})
GROUPS = Vocabulary({"refugees": "Refugees", "asylum-seekers": "AsylumSeekers", "stateless": "StatelessPersons",
                     "migrants": "Migrants", "other": "OtherGroup"},
                    {"asylum_seekers": "asylum-seekers", "asylum seekers": "asylum-seekers",
                     "asylum-seeker": "asylum-seekers", "asylum_seeker": "asylum-seekers",
                     "stateless_persons": "stateless", "stateless persons": "stateless",
                     "stateless-persons": "stateless", "refugee": "refugees", "migrant": "migrants", "idps": "other",
                     "internally_displaced_persons": "other", "internally displaced persons": "other"})
QUALIFIERS = Vocabulary({"cosponsor": "cosponsor", "support": "supporter"})  # value -> the extra property stated


@dataclass(frozen=True)
class TreatyAction(FactRecord):
    state: str
    instrument: str
    action: Literal["accession", "ratification", "signature", "party"]
    date: DateValue | None
    evidence: Evidence
    rule: str = ""  # the rule that produced the fact, for per-rule precision and confidence

    KINDS = (FactKind(
        "party_to", "TreatyAction", iri_tag="treaty-action", identity=("state", "instrument", "action", "date"),
        slots=(Slot("state", "entity", "rld:state", range="State"),
               Slot("instrument", "entity", "rld:instrument", range="Instrument"),
               Slot("action", "enum", "rld:action", vocab=ACTIONS),
               Slot("date", "date", "rld:date", optional=True)),
        extra=("party_to",), distinct=("state", "instrument", "action", "date")),)


@dataclass(frozen=True)
class InstrumentDate(FactRecord):
    instrument: str
    what: Literal["adopted", "entered_into_force", "signed"]
    date: DateValue
    evidence: Evidence
    rule: str = ""

    KINDS = (FactKind(
        "instrument_date", "InstrumentDate", iri_tag="instrument-date", identity=("instrument", "what", "date"),
        slots=(Slot("instrument", "entity", "rld:instrument", range="Instrument"),
               Slot("what", "enum", "rld:dateKind", vocab=DATE_KINDS),
               Slot("date", "date", "rld:date")),
        extra=("date_on_instrument",)),)


@dataclass(frozen=True)
class EventDetails(FactRecord):
    """When and where an event took place, as one document states it."""

    event: str
    start: DateValue | None
    end: DateValue | None
    place: str | None
    evidence: Evidence
    rule: str = ""

    KINDS = (FactKind(
        "event", "EventClaim", iri_tag="event-details", identity=("event", "start", "end", "place"),
        slots=(Slot("event", "entity", range="Event"),
               Slot("start", "date", "rld:startDate", gold="date", optional=True),
               Slot("end", "date", "rld:endDate", gold="end_date", optional=True),
               Slot("place", "entity", "rld:location", range="Place", optional=True)),
        subject="event", claim="event_details", distinct=("event",)),)


def _event_role(role: str, prop: str, gold: str, range_: str, *more: Slot) -> FactKind:
    """The three kinds of EventRole differ in the value's property, gold name and range."""
    return FactKind(
        role, "EventClaim", iri_tag="event-role", identity=("event", "role", "value", "qualifier"),
        slots=(Slot("event", "entity", range="Event"), Slot("value", "entity", prop, range=range_, gold=gold), *more),
        subject="event", claim="event_role", extra=("qualifier",) if more else (), fixed=(("role", role),),
        distinct=("event", "role", "value"))


@dataclass(frozen=True)
class EventRole(FactRecord):
    """An organiser, participant or adopted instrument of an event."""

    event: str
    role: Literal["organised_by", "participant", "event_adopted"]
    value: str
    evidence: Evidence
    qualifier: str | None = None  # e.g. "cosponsor", "support"
    rule: str = ""

    KINDS = (_event_role("organised_by", "rld:organizer", "agency_or_state", "Organisation",
                         Slot("qualifier", "enum", vocab=QUALIFIERS, optional=True, key=False)),
             _event_role("participant", "rld:participant", "participant", "Participant"),
             _event_role("event_adopted", "rld:adopted", "instrument", "Instrument"))


@dataclass(frozen=True)
class PopulationFigure(FactRecord):
    place: str
    group: Literal["refugees", "asylum-seekers", "stateless", "migrants", "other"]
    count: int
    approximate: bool
    date: DateValue | None
    evidence: Evidence
    rule: str = ""

    KINDS = (FactKind(
        "population", "PopulationFigure", iri_tag="population",
        identity=("place", "group", "count", "date", "evidence.start"),  # two figures may differ only in the quote
        slots=(Slot("place", "entity", "rld:place", range="Place"),
               Slot("group", "enum", "rld:populationGroup", vocab=GROUPS),
               Slot("count", "count", "rld:count"),
               Slot("approximate", "flag", "rld:approximate", key=False),
               Slot("date", "date", "rld:date", optional=True))),)


@dataclass(frozen=True)
class PostHolding(FactRecord):
    person: str
    post: str  # the post's label as normalised, e.g. "Deputy Minister of Foreign Affairs"
    organisation: str | None
    start: DateValue | None
    evidence: Evidence
    rule: str = ""

    KINDS = (FactKind(
        "holds_post", "PostClaim", iri_tag="post", identity=("person", "organisation", "post", "start"),
        slots=(Slot("person", "entity", range="Person"),
               Slot("post", "text", "rdfs:label", key=False),
               Slot("organisation", "entity", "rld:organisation", range="Organisation", optional=True),
               Slot("start", "date", "rld:startDate", optional=True, key=False)),
        subject=MintedNode("post", ("person", "organisation", "post"), "Post"), claim="post",
        extra=("holds_post",), distinct=("person", "organisation")),)


Fact = TreatyAction | InstrumentDate | EventDetails | EventRole | PopulationFigure | PostHolding
FACT_RECORDS: tuple[type[FactRecord], ...] = get_args(Fact)


def _register(records: tuple[type[FactRecord], ...]) -> dict[str, FactKind]:
    """Every declared kind by name, in declaration order; an incomplete declaration stops the import."""
    problems = [p for record in records for p in declaration_problems(record, ENTITY_RANGES)]
    undeclared = [c.__name__ for c in FactRecord.__subclasses__() if c not in records]
    problems += [f"{name} derives from FactRecord but is missing from Fact" for name in undeclared]
    kinds: dict[str, FactKind] = {}
    for record in records:
        for kind in getattr(record, "KINDS", ()):
            if kind.name in kinds:
                problems.append(f"fact kind {kind.name!r} declared twice")
            kinds[kind.name] = kind
    if problems:
        raise TypeError("incomplete fact declarations: " + "; ".join(problems))
    return kinds


FACT_KINDS: dict[str, FactKind] = _register(FACT_RECORDS)
_KINDS_OF: dict[type, tuple[FactKind, ...]] = {record: record.KINDS for record in FACT_RECORDS}
_RECORD_OF: dict[str, Any] = {kind.name: record for record in FACT_RECORDS for kind in record.KINDS}
_ENTITY_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {
    record: tuple(dict.fromkeys((s.name, s.optional) for k in record.KINDS for s in k.entity_slots))
    for record in FACT_RECORDS}


def record_of(kind: str) -> Callable[..., Fact]:
    """The record class that declares a kind (by the gold's name for it)."""
    return _RECORD_OF[kind]


def kind_of(fact: Fact) -> FactKind:
    """The declared kind of one fact; a record nobody declared is an error, never silently skipped."""
    kinds = _KINDS_OF.get(type(fact))
    if kinds is None:
        raise TypeError(f"{type(fact).__name__} is not a declared fact record")
    if len(kinds) == 1:
        return kinds[0]
    for kind in kinds:
        if all(getattr(fact, attr) == value for attr, value in kind.fixed):
            return kind
    raise ValueError(f"{fact!r} matches none of its record's kinds")


def fact_kind(fact: Fact) -> str:
    """The gold's name for the fact's kind (party_to, instrument_date, event, organised_by ...)."""
    return kind_of(fact).name


def entity_fields(fact: Fact) -> tuple[tuple[str, bool], ...]:
    """(attribute, optional) of every field of the fact that holds an entity key."""
    fields_ = _ENTITY_FIELDS.get(type(fact))
    if fields_ is None:
        raise TypeError(f"{type(fact).__name__} is not a declared fact record")
    return fields_


def field_path(fact: Fact, path: str) -> Any:
    """The value at an attribute path such as "place" or "evidence.start"."""
    value: Any = fact
    for attr in path.split("."):
        value = getattr(value, attr)
    return value


@dataclass(frozen=True)
class Extraction:
    """Everything one document yields; the unit that crosses process boundaries."""

    document: Document
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    facts: tuple[Fact, ...] = field(default=())
