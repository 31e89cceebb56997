"""Applying curation decisions (read by decisions.py from `data/curation/*.tsv`) to a build's extractions.

Rejected facts are left out, accepted ones become certain, corrected ones are rebuilt with the new fields and
added ones are built from their quote; `curation_quads` records every decision with its author and date in the
curation graph.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..factspec import Slot
from ..records import ENTITY_RANGES, FACT_KINDS, DateValue, Evidence, Extraction, Fact, kind_of, record_of
from ..registry import Registry, slugify
from .decisions import (  # noqa: F401  (CurationError, escape_cell, read_curation* re-exported: callers import them here)
    _DATE,
    ACTIONS,
    COLUMNS,
    KINDS,
    CurationError,
    Decision,
    _fields,
    escape_cell,
    read_curation,
    read_curation_file,
)


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
    from ..rdf.terms import DCTERMS, FOAF, PROV, RDFS, XSD, A, Quad, iri, literal, plain, rld

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
