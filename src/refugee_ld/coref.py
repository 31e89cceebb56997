"""Coreference of extracted entities: one key for one real-world thing, within and across documents.

Registry entities already share keys (aliases resolve at mention time).  What is left are entities the
patterns created: events above all, which the genre names in many ways ("Regional Conference on Refugee
Protection ...", "the joint UNHCR and IOM regional conference on protection of refugees ...", "the 1st
Conference held in March 2011 in Almaty").  Two events are one when their kinds agree, their dates overlap,
their places do not conflict and their names are similar (or one name is only the generic head noun).
Conflicting claims are not merged away: only keys change, every document keeps its own facts.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .ordinals import ORDINAL_TOKEN as _ORDINAL
from .ordinals import ordinal as _ordinal
from .records import Entity, EventDetails, Extraction, Fact, Mention, entity_fields, kind_of
from .text.names import normalise

_STOP = {"the", "of", "on", "and", "for", "in", "to", "a", "an", "at", "with", "un", "united", "nations", "1st", "2nd",
         "3rd", "first", "second", "third", "fourth", "fifth", "st", "nd", "rd", "th"}



@lru_cache(maxsize=65536)
def content_words(label: str) -> frozenset[str]:
    words = set()
    for w in normalise(label).split():
        if w in _STOP or _ORDINAL.match(w) or w.isdigit():
            continue
        words.add(w[:-1] if w.endswith("s") and len(w) > 3 else w)
    return frozenset(words)


def similarity(a: str, b: str) -> float:
    x, y = content_words(a), content_words(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def _is_generic(entity: Entity) -> bool:
    """'Conference', '1st Conference': a head noun and nothing that names the event."""
    return len(content_words(entity.label)) <= 1


# -- key rewriting --------------------------------------------------------------------------------------------
def remap(extraction: Extraction, mapping: dict[str, str], labels: dict[str, Entity] | None = None) -> Extraction:
    """Rewrite keys everywhere; entities that collapse keep every surface form as an alias."""
    if not mapping and not labels:
        return extraction
    def key(k: str) -> str:
        return mapping.get(k, k)

    merged: dict[str, Entity] = {}
    for entity in extraction.entities:
        target = key(entity.key)
        canonical = (labels or {}).get(target)
        base = merged.get(target) or canonical or (entity if entity.key == target else replace(entity, key=target))
        aliases = list(base.aliases)
        for form in (entity.label, *entity.aliases):
            if form != base.label and form not in aliases:
                aliases.append(form)
        merged[target] = replace(base, key=target, aliases=tuple(aliases))
    mentions = tuple(Mention(key(m.entity_key), m.evidence) for m in extraction.mentions)
    facts = _dedupe([_remap_fact(f, key) for f in extraction.facts])
    return replace(extraction, entities=tuple(sorted(merged.values(), key=lambda e: e.key)), mentions=mentions,
                   facts=tuple(facts))


def _remap_fact(f: Fact, key: Callable[[str], str]) -> Fact:
    """The fact with every entity field (as its record declares them) rewritten; an absent optional one stays None."""
    changes: dict[str, Any] = {}
    for name, optional in entity_fields(f):
        value = getattr(f, name)
        changes[name] = (key(value) if value else None) if optional else key(value)
    return replace(f, **changes)


def _detail_rank(d: EventDetails) -> tuple[int, int, int]:
    precision = {"day": 3, "month": 2, "year": 1}.get(d.start.precision if d.start else "", 0)
    return (1 if d.place else 0, precision, 1 if d.end else 0)


def _most_informative_details(facts: list[Fact]) -> dict[str, EventDetails]:
    """Per event, the EventDetails with the most to say (a place, then the finest start, then an end)."""
    best: dict[str, EventDetails] = {}
    for f in facts:
        if isinstance(f, EventDetails):
            current = best.get(f.event)
            if current is None or _detail_rank(f) > _detail_rank(current):
                best[f.event] = f
    return best


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """No repeated facts of a kind's declared `distinct` fields; one EventDetails per event, the most informative."""
    best = _most_informative_details(facts)
    out: list[Fact] = []
    seen: set[tuple] = set()
    for f in facts:
        if isinstance(f, EventDetails) and best.get(f.event) is not f:
            continue
        kind = kind_of(f)
        if kind.distinct:
            marker = (kind.name, *(getattr(f, name) for name in kind.distinct))
            if marker in seen:
                continue
            seen.add(marker)
        out.append(f)
    return out


# -- within one document --------------------------------------------------------------------------------------
def _details(extraction: Extraction) -> dict[str, list[EventDetails]]:
    out: dict[str, list[EventDetails]] = {}
    for f in extraction.facts:
        if isinstance(f, EventDetails):
            out.setdefault(f.event, []).append(f)
    return out


def _compatible(a: list[EventDetails], b: list[EventDetails], need_date: bool) -> bool:
    dates_a = [d.start for d in a if d.start]
    dates_b = [d.start for d in b if d.start]
    if dates_a and dates_b:
        if not any(x.compatible(y) for x in dates_a for y in dates_b):
            return False
    elif need_date:
        return False
    places_a = {d.place for d in a if d.place}
    places_b = {d.place for d in b if d.place}
    return not (places_a and places_b and not places_a & places_b)


def merge_within(extraction: Extraction) -> Extraction:
    """Same-document aliases: a headline's 'Panel on X' and the body's 'Meeting on X'; '1st Conference'."""
    events = [e for e in extraction.entities if e.type == "Event" and not e.from_registry]
    details = _details(extraction)
    first_seen: dict[str, tuple[int, int]] = {}
    for i, m in enumerate(extraction.mentions):
        first_seen.setdefault(m.entity_key, (m.evidence.start, i))
    events.sort(key=lambda e: first_seen.get(e.key, (10**9, 0)))
    mapping: dict[str, str] = {}
    for i, later in enumerate(events):
        for earlier in events[:i]:
            if earlier.key in mapping or later.key in mapping:
                continue
            a, b = details.get(earlier.key, []), details.get(later.key, [])
            if _is_generic(later) != _is_generic(earlier):
                generic, named = (later, earlier) if _is_generic(later) else (earlier, later)
                og, on = _ordinal(generic.label), _ordinal(named.label)
                ordinals_agree = og is None or og == on or (og == 1 and on is None)
                if (generic.kind or "") in (named.kind or "") and ordinals_agree and \
                        _compatible(a, b, need_date=True):
                    mapping[generic.key] = named.key
                continue
            if _ordinal(later.label) != _ordinal(earlier.label) and None not in (_ordinal(later.label),
                                                                                  _ordinal(earlier.label)):
                continue
            if similarity(earlier.label, later.label) >= 0.6 and _compatible(a, b, need_date=False):
                keep, drop = _preferred(earlier, later)
                mapping[drop.key] = keep.key
    mapping.update(_office_aliases(extraction))
    mapping.update(_prefix_names(extraction, mapping))
    return remap(extraction, _closure(mapping))


def _preferred(a: Entity, b: Entity) -> tuple[Entity, Entity]:
    """Keep the name that reads as a proper title (capitalised words), then the longer one."""
    def rank(e: Entity) -> tuple[int, int, int]:
        words = [w for w in e.label.split() if w.lower() not in _STOP]
        capitalised = sum(1 for w in words if w[:1].isupper())
        names_kind = 1 if e.kind and e.kind.lower() in e.label.lower() else 0  # "Meeting on X" over "Panel on X"
        return (1 if capitalised == len(words) else 0, names_kind, len(content_words(e.label)))
    return (a, b) if rank(a) >= rank(b) else (b, a)


def _office_aliases(extraction: Extraction) -> dict[str, str]:
    """'the UNHCR office' is the 'Office of UNHCR in Kazakhstan' the same text introduced."""
    agencies = [e for e in extraction.entities if e.type == "Agency" and not e.from_registry]
    mapping = {}
    for e in agencies:
        m = re.fullmatch(r"(\S+) office", e.label, flags=re.I)
        if not m:
            continue
        target = next((o for o in agencies if o is not e and re.match(rf"Office of (?:the )?{re.escape(m.group(1))}\b",
                                                                       o.label)), None)
        if target is not None:
            mapping[e.key] = target.key
    return mapping


def _prefix_names(extraction: Extraction, taken: dict[str, str]) -> dict[str, str]:
    """'the Concept of Migration Policy' after 'the Concept of Migration Policy for 2023-27': the same plan."""
    mapping: dict[str, str] = {}
    found = [e for e in extraction.entities if e.type in ("Instrument", "Agency") and not e.from_registry
             and e.key not in taken]
    strip = lambda label: re.sub(r"\s*\([^)]*\)$", "", label)  # noqa: E731
    for short in found:
        base = strip(short.label)
        longer = [e for e in found if e is not short and e.type == short.type and
                  strip(e.label).startswith(base + " ") and re.match(r" (?:for|of)\b", strip(e.label)[len(base):])]
        if len(longer) == 1:
            mapping[short.key] = longer[0].key
    return mapping


def _closure(mapping: dict[str, str]) -> dict[str, str]:
    out = {}
    for k in mapping:
        v = mapping[k]
        seen = {k}
        while v in mapping and v not in seen:
            seen.add(v)
            v = mapping[v]
        out[k] = v
    return out


# -- across documents -----------------------------------------------------------------------------------------
def resolve_corpus(extractions: Iterable[Extraction]) -> list[Extraction]:
    """Merge events across documents; return the extractions with canonical keys and labels."""
    docs = [merge_within(x) for x in extractions]
    mapping, labels = corpus_keys([summarise(x) for x in docs])
    return [remap(x, mapping, labels) for x in docs]


@dataclass(frozen=True)
class CorefSummary:
    """What the corpus-wide step reads of one document (after `merge_within`): its entities, and the details of
    its own events.  A build keeps these, not the extractions, between extraction and mapping."""

    doc_id: str
    entities: tuple[Entity, ...]
    events: tuple[tuple[Entity, tuple[EventDetails, ...]], ...]


def summarise(extraction: Extraction, shared: dict[Entity, Entity] | None = None) -> CorefSummary:
    """`shared` (one dict for a corpus) makes equal entities of different documents one object in memory."""
    det = _details(extraction)
    get = (shared if shared is not None else {}).setdefault
    entities = tuple(get(e, e) for e in extraction.entities)
    return CorefSummary(extraction.document.doc_id, entities,
                        tuple((e, tuple(det.get(e.key, []))) for e in entities
                              if e.type == "Event" and not e.from_registry))


def corpus_keys(summaries: Iterable[CorefSummary]) -> tuple[dict[str, str], dict[str, Entity]]:
    """The key mapping and canonical labels `remap` applies to every document (events merged across documents,
    one label per key)."""
    summaries = list(summaries)
    nodes: list[tuple[Entity, list[EventDetails]]] = []
    index: dict[str, int] = {}
    for x in summaries:
        for e, details in x.events:
            if e.key in index:
                nodes[index[e.key]][1].extend(details)
                continue
            index[e.key] = len(nodes)
            nodes.append((e, list(details)))
    groups = _clusters(nodes)
    mapping: dict[str, str] = {}
    labels: dict[str, Entity] = {}
    for members in groups:
        if len(members) < 2:
            continue
        entities = [nodes[i][0] for i in members]
        best = entities[0]
        for e in entities[1:]:
            best = _preferred(best, e)[0]
        for e in entities:
            if e.key != best.key:
                mapping[e.key] = best.key
        labels[best.key] = replace(best, aliases=())
    _one_label_per_key(summaries, mapping, labels)
    return mapping, labels


def _one_label_per_key(docs: list[CorefSummary], mapping: dict[str, str], labels: dict[str, Entity]) -> None:
    """One label per entity across the corpus: documents that mint the same key from different surfaces ('CSCE
    Secretariat', 'CSCE secretariat') would otherwise give it two rdfs:labels.  The label most documents use wins,
    then the one that reads as a proper title (`_preferred`), then the first in code-point order; the other
    surfaces stay as aliases."""
    forms: dict[str, dict[str, list]] = {}  # key -> label -> [documents using it, an entity with it]
    for x in docs:
        for e in x.entities:
            if e.from_registry or e.key in mapping or e.key in labels:
                continue
            seen = forms.setdefault(e.key, {}).setdefault(e.label, [0, e])
            seen[0] += 1
    for key, by_label in forms.items():
        if len(by_label) < 2:
            continue
        ranked = sorted(by_label.items(), key=lambda item: (-item[1][0], item[0]))
        best = ranked[0][1][1]
        for _, (count, entity) in ranked[1:]:
            if count == ranked[0][1][0]:
                best = _preferred(best, entity)[0]
        labels[key] = replace(best, aliases=())


def _clusters(nodes: list[tuple[Entity, list[EventDetails]]]) -> list[list[int]]:
    """Components of `_same_event` over the candidate pairs (sorted), as sorted index lists by first index.  An
    unnumbered node like two occurrences must not chain them: a component takes in no ordinal that another
    document's node in it contradicts (one document's own numbers do not split what others join)."""
    parent = list(range(len(nodes)))
    numbers = [{(n, d.evidence.doc_id) for d in details} if (n := _ordinal(entity.label)) else set()
               for entity, details in nodes]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in candidate_pairs(nodes):
        (a, da), (b, db) = nodes[i], nodes[j]
        root_i, root_j = find(i), find(j)
        if root_i == root_j or not _same_event(a, da, b, db):
            continue
        if any(n != m and d != e for n, d in numbers[root_i] for m, e in numbers[root_j]):
            continue
        parent[root_j] = root_i
        numbers[root_i] |= numbers[root_j]
    groups: dict[int, list[int]] = {}
    for i in range(len(nodes)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def candidate_pairs(nodes: list[tuple[Entity, list[EventDetails]]]) -> list[tuple[int, int]]:
    """Every pair (i < j) `_same_event` could accept, found through indexes instead of comparing all pairs.

    `_same_event` needs a shared year (dates must be compatible), and then either a shared place (when one
    name is generic) or the same kind and names of Jaccard similarity >= 0.5, which requires a shared
    content word among the rarest |x| - ceil(|x| / 2) + 1 words of each name (the prefix filter of set
    similarity joins).  Blocking by (year, kind, prefix word) and (year, place) keeps the work near-linear.
    """
    frequency: dict[str, int] = {}
    for entity, _ in nodes:
        for word in content_words(entity.label):
            frequency[word] = frequency.get(word, 0) + 1
    by_name: dict[tuple[str, str, str], list[int]] = {}
    by_place: dict[tuple[str, str], list[int]] = {}
    generic: set[int] = set()
    for i, (entity, details) in enumerate(nodes):
        years = {d.start.iso[:4] for d in details if d.start}
        places = {d.place for d in details if d.place}
        if _is_generic(entity):
            generic.add(i)
        else:
            words = sorted(content_words(entity.label), key=lambda w: (frequency[w], w))
            prefix = words[:len(words) - -(-len(words) // 2) + 1]
            for year in years:
                for word in prefix:
                    by_name.setdefault((year, entity.kind or "", word), []).append(i)
        for year in years:
            for place in places:
                by_place.setdefault((year, place), []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_name.values():
        pairs.update((x, y) for n, x in enumerate(members) for y in members[n + 1:] if x != y)
    for members in by_place.values():
        named = [m for m in members if m in generic]
        pairs.update((min(g, m), max(g, m)) for g in named for m in members if m != g)
    return sorted(pairs)


def _same_event(a: Entity, da: list[EventDetails], b: Entity, db: list[EventDetails]) -> bool:
    if (a.kind or "") != (b.kind or "") and not (_is_generic(a) or _is_generic(b)):
        return False
    if a.kind in ("visit", "meeting") and a.key != b.key:
        return False
    if not _compatible(da, db, need_date=True):
        return False
    oa, ob = _ordinal(a.label), _ordinal(b.label)
    if oa and ob and oa != ob:
        return False
    if _is_generic(a) or _is_generic(b):
        return bool({d.place for d in da if d.place} & {d.place for d in db if d.place})
    return similarity(a.label, b.label) >= 0.5

