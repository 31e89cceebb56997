"""Curation as data: people reject, accept, correct or add facts in `data/curation/*.tsv`, and `build` obeys.

Like Wikidata's overrides, decisions live in files reviewed in git, so they survive every rebuild: a rejected
fact is left out each time the rules produce it again.  Each file is UTF-8 tab-separated text with a header row;
`#` lines and blank lines are ignored.  Columns (any order; unknown columns are an error):

    action    reject | accept | correct | add
    fact      the fact's stable IRI (or its path `fact/<16 hex>`), for reject / accept / correct
    kind      for add: party_to, instrument_date, event, organised_by, participant, event_adopted, population,
              holds_post (the gold's kinds)
    document  for add: the document's file name (e.g. 000_b9e8a782b5b9ea0b.txt)
    fields    for correct / add: `name=value; name=value` (entities by registry name or key such as
              state/kazakhstan, dates as YYYY, YYYY-MM or YYYY-MM-DD)
    quote     for add: the exact text supporting the fact (escapes \\n, \\t, \\\\)
    start/end for add, optional: character offsets of the quote; without them the quote must occur exactly once
    by        who decided (a person's name), required
    date      the day of the decision (YYYY-MM-DD), required
    note      optional free text

Decisions are applied in file-name then line order; a later decision on the same fact wins.  A malformed row
stops the build with `file:line: reason` (exit 2); a decision about a fact or document this build does not
contain is reported as a note (the rules may have changed, or the document is not among the inputs).
"""
from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from ..text.loading import InputError
from ..factspec import Slot
from ..records import ENTITY_RANGES, FACT_KINDS, DateValue, Evidence, Extraction, Fact, kind_of, record_of
from ..registry import Registry, slugify

COLUMNS = ("action", "fact", "kind", "document", "fields", "quote", "start", "end", "by", "date", "note")
ACTIONS = ("reject", "accept", "correct", "add")
KINDS = tuple(FACT_KINDS)  # the gold's kinds, as the fact records declare them
_FACT_PATH = re.compile(r"(?:^|/)(fact/[0-9a-f]{16})$")
_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
MAX_FILE_BYTES = 5_000_000
MAX_CELL = 20_000



def _fields(kind: str) -> dict[str, Slot]:
    """The field names a curation row may use for a kind (the attribute, and the gold's name if different)."""
    out: dict[str, Slot] = {}
    for slot in FACT_KINDS[kind].slots:
        out.setdefault(slot.name, slot)
        out.setdefault(slot.gold_name, slot)
    return out


class CurationError(InputError):
    """A bad curation row: the message names the file and line."""


@dataclass(frozen=True)
class Decision:
    action: str
    by: str
    date: str
    source: str  # "file.tsv:12"
    fact: str = ""  # fact/<hex>, for reject / accept / correct
    kind: str = ""
    document: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    quote: str = ""
    start: int | None = None
    end: int | None = None
    note: str = ""


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(m.group(1), m.group(0)),
                  text)


def escape_cell(text: str) -> str:
    """The inverse of the quote column's unescaping (for tools that write curation rows)."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _parse_fields(cell: str, where: str, kind: str) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    known = _fields(kind) if kind else {}
    for part in cell.split(";"):
        if not part.strip():
            continue
        if "=" not in part:
            raise CurationError(where, f"field {part.strip()!r} is not name=value")
        name, value = (x.strip() for x in part.split("=", 1))
        if known and name not in known:
            raise CurationError(where, f"unknown field {name!r} for kind {kind} (known: {', '.join(known)})")
        out.append((name, value))
    return tuple(out)


def read_curation_file(path: Path) -> list[Decision]:
    """Parse one TSV file; every problem is `file:line: reason`."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CurationError(path, f"larger than {MAX_FILE_BYTES} bytes")
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError(path, f"not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise CurationError(path, exc.strerror or "cannot be read") from None
    text = text.removeprefix("\ufeff")
    header: list[str] | None = None
    decisions: list[Decision] = []
    for number, line in enumerate(text.splitlines(), 1):
        where = f"{path}:{number}"
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip().lower() for c in cells]
            unknown = [c for c in header if c not in COLUMNS]
            if unknown:
                raise CurationError(where, f"unknown column {unknown[0]!r} (columns: {', '.join(COLUMNS)})")
            missing = [c for c in ("action", "by", "date") if c not in header]
            if missing:
                raise CurationError(where, f"header lacks the column {missing[0]!r}")
            if len(set(header)) != len(header):
                raise CurationError(where, "a column appears twice in the header")
            continue
        if len(cells) > len(header):
            raise CurationError(where, f"{len(cells)} cells but the header has {len(header)} columns")
        if any(len(c) > MAX_CELL for c in cells):
            raise CurationError(where, f"a cell longer than {MAX_CELL} characters")
        if any(ch in line for ch in "\x00\r\x0b\x0c"):
            raise CurationError(where, "control characters in the row")
        row = dict(zip(header, (c.strip() if h != "quote" else c for h, c in zip(header, cells))))
        decisions.append(_decision(row, where, f"{path.name}:{number}"))
    return decisions


def _decision(row: dict[str, str], where: str, source: str) -> Decision:
    action = row.get("action", "").strip().lower()
    if action not in ACTIONS:
        raise CurationError(where, f"action {row.get('action', '')!r} is not one of {', '.join(ACTIONS)}")
    by = " ".join(row.get("by", "").split())
    if not by:
        raise CurationError(where, "'by' (who decided) is empty")
    date = row.get("date", "").strip()
    try:
        datetime.date.fromisoformat(date)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ValueError
    except ValueError:
        raise CurationError(where, f"date {date!r} is not a day YYYY-MM-DD") from None
    note = row.get("note", "").strip()
    if action in ("reject", "accept", "correct"):
        m = _FACT_PATH.search(row.get("fact", "").strip())
        if not m:
            raise CurationError(where, f"fact {row.get('fact', '')!r} is not a fact IRI (…/fact/<16 hex digits>)")
        fields: tuple[tuple[str, str], ...] = ()
        if action == "correct":
            fields = _parse_fields(row.get("fields", ""), where, "")
            if not fields:
                raise CurationError(where, "a correction needs fields (name=value; ...)")
        elif row.get("fields", "").strip() or row.get("quote", "").strip():
            raise CurationError(where, f"{action} takes no fields or quote")
        return Decision(action, by, date, source, fact=m.group(1), fields=fields, note=note)
    kind = row.get("kind", "").strip()
    if kind not in KINDS:
        raise CurationError(where, f"kind {kind!r} is not one of {', '.join(KINDS)}")
    document = row.get("document", "").strip()
    if not document or "/" in document or "\\" in document:
        raise CurationError(where, f"document {document!r} is not a document file name")
    fields = _parse_fields(row.get("fields", ""), where, kind)
    names = {_fields(kind)[n].name for n, _ in fields}
    missing = [s.name for s in FACT_KINDS[kind].slots if s.required and s.name not in names]
    if missing:
        raise CurationError(where, f"an added {kind} fact needs the field {missing[0]!r}")
    quote = _unescape(row.get("quote", ""))
    if not quote.strip():
        raise CurationError(where, "an added fact needs its quote")
    start, end = _offsets(row, where)
    return Decision(action, by, date, source, kind=kind, document=document, fields=fields, quote=quote,
                    start=start, end=end, note=note)


def _offsets(row: dict[str, str], where: str) -> tuple[int | None, int | None]:
    """An added fact's optional start and end columns: both or neither, each a character offset."""
    offsets: list[int | None] = []
    for name in ("start", "end"):
        cell = row.get(name, "").strip()
        if cell and not cell.isdigit():
            raise CurationError(where, f"{name} {cell!r} is not a character offset")
        offsets.append(int(cell) if cell else None)
    if (offsets[0] is None) != (offsets[1] is None):
        raise CurationError(where, "give both start and end, or neither")
    return offsets[0], offsets[1]


def read_curation(directory: Path) -> list[Decision]:
    """Every decision of `directory/*.tsv`, in file-name and line order (a missing folder: none)."""
    if not directory.exists():
        return []
    if not directory.is_dir():
        raise CurationError(directory, "curation path is not a folder")
    decisions: list[Decision] = []
    for path in sorted(directory.glob("*.tsv")):
        decisions += read_curation_file(path)
    return decisions


# -- applying decisions --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Applied:
    """A fact that carries a person's decision (or a rejected fact's IRI)."""

    decision: Decision
    doc_id: str
    fact_key: str  # the fact's path after the decision (for a rejection: the rejected fact's)
    fact: Fact | None = None  # the fact as built (None for a rejection)


@dataclass
class CurationResult:
    extractions: list[Extraction]
    applied: list[Applied] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    curated: set[Fact] = field(default_factory=set)

    def confidence(self, base: Callable[[Fact], float]) -> Callable[[Fact], float]:
        """A person's decision makes a fact certain; other facts keep their rule's confidence."""
        return lambda fact: 1.0 if fact in self.curated else base(fact)


class _Resolver:
    def __init__(self, registry: Registry, extraction: Extraction) -> None:
        self.registry = registry
        self.local = {e.key: e for e in extraction.entities}

    def entity(self, value: str, range_: str, optional: bool, where: str) -> str | None:
        if not value:
            if optional:
                return None
            raise CurationError(where, f"an empty {range_} field")
        types = ENTITY_RANGES[range_]
        if "/" in value:
            entry = self.registry.get(value)
            entity = entry.entity if entry is not None else self.local.get(value)
            if entity is None:
                raise CurationError(where, f"no entity with key {value!r} in the registry or the document")
            if entity.type not in types:
                raise CurationError(where, f"{value!r} is a {entity.type}, expected {' or '.join(types)}")
            return entity.key
        for type_ in types:
            key = self.registry.lookup(type_, value)
            if key:
                return key
        for entity in self.local.values():
            if entity.type in types and value.casefold() in {entity.label.casefold(),
                                                             *(a.casefold() for a in entity.aliases)}:
                return entity.key
        raise CurationError(where, f"no {' or '.join(types)} named {value!r} in the registry or the document")


def _convert(kind: str, fields: tuple[tuple[str, str], ...], resolver: _Resolver, where: str) -> dict[str, Any]:
    """Record attribute -> value for each `name=value` of a row, checked against the kind's declared slots."""
    known = _fields(kind)
    out: dict[str, Any] = {}
    for name, value in fields:
        slot = known[name]
        out[slot.name] = _value(slot, name, value, resolver, where)
    return out


def _value(slot: Slot, name: str, value: str, resolver: _Resolver, where: str) -> Any:
    if slot.role == "entity":
        return resolver.entity(value, slot.range, slot.optional, where)
    if slot.role == "date":
        if not value and slot.optional:
            return None
        if not _DATE.fullmatch(value):
            raise CurationError(where, f"{name} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return DateValue(value)
    if slot.role == "enum" and slot.vocab is not None:
        low = slot.vocab.normal(value)
        if slot.optional and not low:
            return None
        if low not in slot.vocab.terms:
            raise CurationError(where, f"{name} {value!r} is not one of {', '.join(slot.vocab.terms)}")
        return low
    if slot.role == "count":
        digits = value.replace(",", "").replace("_", "")
        if not digits.isdigit() or len(digits) > 12:
            raise CurationError(where, f"count {value!r} is not a whole number")
        return int(digits)
    if slot.role == "flag":
        if value.lower() not in ("true", "false", "yes", "no", "1", "0"):
            raise CurationError(where, f"{name} {value!r} is not true or false")
        return value.lower() in ("true", "yes", "1")
    if not value.strip():
        raise CurationError(where, f"an empty {name}")
    return " ".join(value.split())


def _where(decision: Decision, directory: Path) -> str:
    return str(directory / decision.source)


def _build_fact(kind: str, values: dict[str, Any], evidence: Evidence) -> Fact:
    """The record an added row describes: its kind's slots, the kind's fixed fields (an EventRole's role)."""
    declared = FACT_KINDS[kind]
    args: dict[str, Any] = {s.name: values[s.name] if s.required else values.get(s.name, s.default)
                            for s in declared.slots}
    return record_of(kind)(**args, **dict(declared.fixed), evidence=evidence, rule="curation.added")


def _evidence(decision: Decision, text: str, where: str) -> Evidence:
    quote = decision.quote
    if decision.start is not None and decision.end is not None:
        if not 0 <= decision.start < decision.end <= len(text):
            raise CurationError(where, f"offsets {decision.start},{decision.end} lie outside the document "
                                       f"({len(text)} characters)")
        if text[decision.start:decision.end] != quote:
            raise CurationError(where, f"the quote is not the text between {decision.start} and {decision.end} of "
                                       f"{decision.document}")
        return Evidence(decision.document, decision.start, decision.end, quote)
    count = text.count(quote)
    if count == 0:
        raise CurationError(where, f"the quote does not occur in {decision.document}")
    if count > 1:
        raise CurationError(where, f"the quote occurs {count} times in {decision.document}; give start and end")
    start = text.index(quote)
    return Evidence(decision.document, start, start + len(quote), quote)


def apply_curation(extractions: list[Extraction], decisions: list[Decision], registry: Registry,
                   directory: Path = Path("data/curation")) -> CurationResult:
    """Drop rejected facts, apply corrections, mark accepted facts and add facts, document by document."""
    from ..rdf.mapping import fact_key

    by_fact: dict[str, list[Decision]] = {}
    adds: dict[str, list[Decision]] = {}
    for d in decisions:
        if d.action == "add":
            adds.setdefault(d.document, []).append(d)
        else:
            by_fact.setdefault(d.fact, []).append(d)
    result = CurationResult([])
    seen_facts: set[str] = set()
    docs = {x.document.doc_id for x in extractions}
    for extraction in extractions:
        doc_id = extraction.document.doc_id
        resolver = _Resolver(registry, extraction)
        facts: list[Fact] = []
        for fact in extraction.facts:
            key = fact_key(doc_id, fact)
            seen_facts.add(key)
            decision = by_fact[key][-1] if key in by_fact else None
            if decision is None:
                facts.append(fact)
                continue
            if decision.action == "reject":
                result.applied.append(Applied(decision, doc_id, key))
                continue
            if decision.action == "correct":
                kind = kind_of(fact).name
                where = _where(decision, directory)
                known = _fields(kind)
                for name, _ in decision.fields:
                    if name not in known:
                        raise CurationError(where, f"unknown field {name!r} for a {kind} fact "
                                                   f"(known: {', '.join(known)})")
                fact = replace(fact, **_convert(kind, decision.fields, resolver, where))
                key = fact_key(doc_id, fact)
                seen_facts.add(key)
            facts.append(fact)
            result.curated.add(fact)
            result.applied.append(Applied(decision, doc_id, key, fact))
        for decision in adds.get(doc_id, []):
            where = _where(decision, directory)
            values = _convert(decision.kind, decision.fields, resolver, where)
            fact = _build_fact(decision.kind, values, _evidence(decision, extraction.document.text, where))
            facts.append(fact)
            result.curated.add(fact)
            result.applied.append(Applied(decision, doc_id, fact_key(doc_id, fact), fact))
        result.extractions.append(replace(extraction, facts=tuple(facts)))
    for key, ds in sorted(by_fact.items()):
        if key not in seen_facts:
            result.notes.append(f"{ds[-1].source}: {ds[-1].action} of {key}: this build has no such fact")
    for doc, ds in sorted(adds.items()):
        if doc not in docs:
            result.notes.append(f"{ds[0].source}: add to {doc}: not among the documents built")
    return result


# -- RDF -------------------------------------------------------------------------------------------------------
DECISION_CLASS = {"reject": "Rejected", "accept": "Accepted", "correct": "Corrected", "add": "Added"}


def agent_key(name: str) -> str:
    slug = slugify(name) or hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return f"agent/{slug}"


def curation_quads(result: CurationResult, iris: Any) -> list:  # iris: mapping.IriMaker
    """Who decided what and when: decisions and agents in graph/curation; attribution on each curated fact.

    The fact's attribution sits in its document's named graph, beside the fact; a rejected fact leaves only
    its decision (rld:target names the IRI the graph no longer contains).
    """
    from ..rdf.terms import A, DCTERMS, FOAF, PROV, RDFS, XSD, Quad, iri, literal, plain, rld

    g = iris.graph("curation")
    out: list[Quad] = []
    for applied in result.applied:
        d = applied.decision
        agent = iris.entity(agent_key(d.by))
        digest = hashlib.sha1("\x1f".join((d.action, applied.doc_id, applied.fact_key, d.by, d.date,
                                           d.source)).encode("utf-8")).hexdigest()[:16]
        node = iris.entity(f"curation/{digest}")
        fact = iris.entity(applied.fact_key)
        out += [Quad(agent, A, iri(PROV + "Agent"), g), Quad(agent, A, iri(PROV + "Person"), g),
                Quad(agent, iri(FOAF + "name"), plain(d.by), g),
                Quad(node, A, rld("CurationDecision"), g), Quad(node, A, iri(PROV + "Activity"), g),
                Quad(node, rld("decision"), rld(DECISION_CLASS[d.action]), g),
                Quad(node, rld("target"), fact, g),
                Quad(node, iri(PROV + "wasAssociatedWith"), agent, g),
                Quad(node, iri(DCTERMS + "date"), literal(d.date, XSD + "date"), g),
                Quad(node, iri(DCTERMS + "source"), plain(d.source), g)]
        if d.note:
            out.append(Quad(node, iri(RDFS + "comment"), plain(d.note), g))
        if d.action != "reject":
            doc_graph = iris.document(applied.doc_id)
            out += [Quad(fact, iri(PROV + "wasAttributedTo"), agent, doc_graph),
                    Quad(fact, iri(PROV + "wasGeneratedBy"), node, doc_graph)]
        if d.action == "add" and applied.fact is not None:  # the person chose the quote too
            doc_graph = iris.document(applied.doc_id)
            ev = iris.evidence(doc_graph, applied.fact.evidence)
            out.append(Quad(ev, iri(PROV + "wasAttributedTo"), agent, doc_graph))
    return out
