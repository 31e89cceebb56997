"""Wikidata reconciliation: candidates, type filter, scoring, decisions; links and review files as data.

Files under data/wikidata/ (all text, diff-friendly, written atomically):
- curated.tsv    links checked by hand against public sources (always win after overrides);
- overrides.tsv  hand decisions: `accept` (take the best candidate or the given QID), `reject` (never link,
                 or never this QID), `set` (this QID); they win over everything;
- cache.json     every API answer, keyed by request (so a rerun makes zero requests, `--offline` none at all);
- links.tsv      accepted links the build adds (owl:sameAs + rld:wikidataId) with no network;
- review.csv     ambiguous cases for a person to decide (then write an override and rerun).
A wrong link is worse than none: a candidate is accepted only when its type fits the entity's class, its
score clears the threshold and it beats the runner-up by a clear margin.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..errors import InputError, RefugeeLdError
from ..fileio import write_atomic
from ..registry import fold
from .links import LINKS_FILE, curated_keys, read_overrides
from .links import OVERRIDES_FILE as OVERRIDES_FILE  # re-exported: callers read the link files through here
from .links import accepted_links as accepted_links

REVIEW_FILE = "review.csv"
CACHE_FILE = "cache.json"
TYPES_FILE = "types.json"
TYPES = ("State", "Agency", "Instrument", "Event", "Person", "Place")
_TYPE_ORDER = {"State": 0, "Agency": 1, "Place": 2, "Instrument": 3, "Person": 4, "Event": 5}
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


@dataclass(frozen=True)
class Target:
    """An entity of the built graph to link."""

    key: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # keys of entities it is tied to (country, organisation, venue)


@dataclass
class Candidate:
    qid: str
    label: str
    score: float
    type_ok: bool


@dataclass
class Decision:
    target: Target
    qid: str | None
    status: str  # linked | review | no-candidate | rejected | settled
    score: float = 0.0
    candidates: list[Candidate] = field(default_factory=list)


# -- files --------------------------------------------------------------------------------------------------
def load_types(data_dir: Path) -> dict[str, set[str]]:
    raw = json.loads((data_dir / "wikidata" / TYPES_FILE).read_text(encoding="utf-8"))
    return {t: set(v) for t, v in raw["classes"].items()}


def write_links(data_dir: Path, decisions: list[Decision]) -> None:
    rows = sorted((d.target.key, d.qid, d.target.label, f"{d.score:.3f}", d.status) for d in decisions
                  if d.qid and d.status in ("linked", "override"))
    lines = ["# written by `refugee-ld reconcile`; edit overrides.tsv instead of this file",
             "key\tqid\tlabel\tscore\tmethod"] + ["\t".join(r) for r in rows]
    write_atomic(data_dir / "wikidata" / LINKS_FILE, "\n".join(lines) + "\n")


def write_review(data_dir: Path, decisions: list[Decision]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["key", "type", "label", "best_qid", "best_label", "best_score", "runner_up_qid",
                     "runner_up_label", "runner_up_score", "reason"])
    for d in sorted((d for d in decisions if d.status == "review"), key=lambda d: d.target.key):
        best = d.candidates[0] if d.candidates else None
        second = d.candidates[1] if len(d.candidates) > 1 else None
        writer.writerow([d.target.key, d.target.type, d.target.label,
                         best.qid if best else "", best.label if best else "", f"{best.score:.3f}" if best else "",
                         second.qid if second else "", second.label if second else "",
                         f"{second.score:.3f}" if second else "",
                         "no clear margin" if second and best and best.score >= 0 else "below threshold"])
    write_atomic(data_dir / "wikidata" / REVIEW_FILE, buffer.getvalue())


# -- targets from a built graph ------------------------------------------------------------------------------
def targets_from_dump(paths: list[Path], types: Iterable[str]) -> list[Target]:
    """Entities of the dump with their labels and the entities they are tied to."""
    from ..rdf.rdfio import load_store

    store = load_store(paths)
    wanted = set(types)
    rld = "https://w3id.org/refugee-ld/ontology#"
    query = f"""
        PREFIX rld: <{rld}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?e ?type ?label ?alias ?rel WHERE {{
            VALUES ?type {{ rld:State rld:Agency rld:Instrument rld:Event rld:Person rld:Place }}
            ?e a ?type ; rdfs:label ?label .
            OPTIONAL {{ ?e skos:altLabel ?alias }}
            OPTIONAL {{ {{ ?e rld:country|rld:partOf|rld:location|rld:supplements ?rel }}
                       UNION {{ ?e rld:holdsPost/rld:organisation ?rel }} }}
        }}"""
    found: dict[str, dict[str, Any]] = {}
    for row in store.query(query, use_default_graph_as_union=True):
        iri = row["e"].value
        type_ = row["type"].value.rsplit("#", 1)[-1]
        if type_ not in wanted:
            continue
        entry = found.setdefault(iri, {"type": type_, "label": row["label"].value, "aliases": set(), "rel": set()})
        if row["alias"] is not None:
            entry["aliases"].add(row["alias"].value)
        if row["rel"] is not None:
            entry["rel"].add(row["rel"].value)
    return [Target(key=_key(iri), type=v["type"], label=v["label"], aliases=tuple(sorted(v["aliases"])),
                   related=tuple(sorted(_key(r) for r in v["rel"]))) for iri, v in sorted(found.items())]


def _key(iri: str) -> str:
    """The registry/extraction key of an entity IRI (the path under the base IRI)."""
    match = re.search(r"/((?:state|agency|instrument|event|person|place)/[^/#]+)$", iri)
    return match.group(1) if match else iri


# -- scoring ---------------------------------------------------------------------------------------------------
def _language(text: str) -> str:
    if _KAZAKH.search(text):
        return "kk"
    return "ru" if _CYRILLIC.search(text) else "en"


def _similarity(ours: Iterable[str], theirs: Iterable[str]) -> float:
    best = 0.0
    for a in ours:
        fa = fold(a)
        for b in theirs:
            fb = fold(b)
            if fa == fb:
                return 1.0
            best = max(best, SequenceMatcher(None, fa, fb).ratio())
    return best


@dataclass
class Reconciler:
    client: Any  # wikidata.WikidataClient
    classes: dict[str, set[str]]
    settled: dict[str, str]  # key -> QID already known (curated)
    overrides: dict[str, dict[str, str]]
    threshold: float = 0.9
    margin: float = 0.1
    max_queries: int = 3

    def run(self, targets: list[Target], api: str = "mediawiki") -> list[Decision]:
        pending = [t for t in targets if t.key not in self.settled]
        decisions = [Decision(t, self.settled[t.key], "settled", 1.0) for t in targets if t.key in self.settled]
        if api == "reconciliation":
            decisions += self._run_reconciliation(pending)
        else:
            decisions += self._run_mediawiki(pending)
        return [self._apply_override(d) for d in decisions]

    def _apply_override(self, d: Decision) -> Decision:
        o = self.overrides.get(d.target.key)
        if o is None:
            return d
        if o["decision"] == "set" and o["qid"]:
            return Decision(d.target, o["qid"], "override", 1.0, d.candidates)
        if o["decision"] == "reject":
            if not o["qid"] or o["qid"] == d.qid:
                return Decision(d.target, None, "rejected", d.score, d.candidates)
            return d
        if o["decision"] == "accept":
            qid = o["qid"] or (d.candidates[0].qid if d.candidates else None)
            return Decision(d.target, qid, "override" if qid else d.status, d.score, d.candidates)
        return d

    def _queries(self, t: Target) -> list[tuple[str, str]]:
        names = [t.label] + [a for a in t.aliases if len(a) >= 3 and a != t.label]
        seen: list[tuple[str, str]] = []
        for name in names:
            q = (name, _language(name))
            if q not in seen:
                seen.append(q)
        return seen[: self.max_queries]

    def _run_mediawiki(self, targets: list[Target]) -> list[Decision]:
        hits: dict[str, list[str]] = {}
        for t in self._progress(targets, "reconcile: search"):
            ids: list[str] = []
            for text, language in self._queries(t):
                for hit in self.client.search(text, language):
                    if hit["id"] not in ids:
                        ids.append(hit["id"])
            hits[t.key] = ids
        entities = self.client.get_entities({q for ids in hits.values() for q in ids})
        ancestry = self._class_ancestry(entities.values())
        known = dict(self.settled)  # grows as links are made: a person's organisation is linked before them
        related_qids = lambda t: {known[r] for r in t.related if r in known}  # noqa: E731
        out = []
        for t in sorted(targets, key=lambda t: (_TYPE_ORDER.get(t.type, 9), t.key)):
            allowed = self.classes.get(t.type, set())
            cands: list[Candidate] = []
            for qid in hits[t.key]:
                entity = entities.get(qid)
                if entity is None:
                    continue
                from ..linking.wikidata import all_claim_ids, claim_ids, terms

                kinds = set(claim_ids(entity, "P31"))
                type_ok = bool({k for c in kinds for k in ancestry.get(c, {c})} & allowed)
                score = _similarity((t.label, *t.aliases), terms(entity))
                context = related_qids(t)
                if context:
                    claims = all_claim_ids(entity)
                    if claims & context:
                        score += 0.1
                    elif t.type in ("Place", "Agency") and claim_ids(entity, "P17") and \
                            not set(claim_ids(entity, "P17")) & context:
                        score -= 0.2  # a namesake in another country
                label = entity.get("labels", {}).get("en", {}).get("value") or (terms(entity) or [qid])[0]
                cands.append(Candidate(qid, label, round(score, 4), type_ok))
            decision = self._decide(t, cands)
            if decision.qid:
                known[t.key] = decision.qid
            out.append(decision)
        return out

    def _class_ancestry(self, entities: Iterable[dict[str, Any]], depth: int = 2) -> dict[str, set[str]]:
        """Each P31 class with its superclasses (P279) up to `depth` levels, fetched in batches."""
        from ..linking.wikidata import claim_ids

        classes = {c for e in entities for c in claim_ids(e, "P31")}
        ancestry = {c: {c} for c in classes}
        frontier = set(classes)
        parents: dict[str, set[str]] = {}
        for _ in range(depth):
            if not frontier:
                break
            fetched = self.client.get_entities(frontier, props="claims", languages="en")
            next_frontier: set[str] = set()
            for c in frontier:
                ups = set(claim_ids(fetched.get(c, {}), "P279"))
                parents[c] = ups
                next_frontier |= ups - set(parents)
            frontier = next_frontier
        for c in classes:
            seen, stack = {c}, [c]
            while stack:
                for up in parents.get(stack.pop(), set()):
                    if up not in seen:
                        seen.add(up)
                        stack.append(up)
            ancestry[c] = seen
        return ancestry

    def _progress(self, items, label: str):  # noqa: ANN001, ANN202
        """A bar with live request and cache-hit counts (silent when piped, in CI or with -q)."""
        from ..progress import bar

        client = self.client
        status = lambda: (f"{getattr(client, 'requests_made', 0)} requests, "  # noqa: E731
                          f"{getattr(client, 'cache_hits', 0)} cached")
        return bar(items, len(items), label, status=status)

    def _run_reconciliation(self, targets: list[Target]) -> list[Decision]:
        queries = {f"q{i}": {"query": t.label, "limit": 5, "type": sorted(self.classes.get(t.type, set()))}
                   for i, t in enumerate(targets)}
        answers: dict[str, list[dict[str, Any]]] = {}
        keys = sorted(queries, key=lambda k: int(k[1:]))
        for i in self._progress(range(0, len(keys), 10), "reconcile: batches"):
            answers.update(self.client.reconcile_batch({k: queries[k] for k in keys[i:i + 10]}))
        out = []
        for i, t in enumerate(targets):
            allowed = self.classes.get(t.type, set())
            cands = []
            for c in answers.get(f"q{i}", []):
                type_ok = bool({ty.get("id") for ty in c.get("type", []) if isinstance(ty, dict)} & allowed)
                score = _similarity((t.label, *t.aliases), [c.get("name", "")])
                cands.append(Candidate(c["id"], c.get("name", c["id"]), round(score, 4), type_ok))
            out.append(self._decide(t, cands))
        return out

    def _decide(self, t: Target, cands: list[Candidate]) -> Decision:
        typed = sorted((c for c in cands if c.type_ok), key=lambda c: (-c.score, len(c.qid), c.qid))
        if not typed:
            return Decision(t, None, "no-candidate", 0.0, [])
        best = typed[0]
        runner = typed[1].score if len(typed) > 1 else 0.0
        if best.score >= self.threshold and best.score - runner >= self.margin:
            return Decision(t, best.qid, "linked", best.score, typed[:3])
        if best.score >= 0.6:
            return Decision(t, None, "review", best.score, typed[:3])
        return Decision(t, None, "no-candidate", best.score, typed[:3])


def summary(decisions: list[Decision], requests: int) -> str:
    counts: dict[str, int] = {}
    for d in decisions:
        counts[d.status] = counts.get(d.status, 0) + 1
    parts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    return f"{len(decisions)} entities: {parts}; {requests} requests"


def reconcile(data: list[Path], data_dir: Path, *, endpoint: str | None = None, api: str = "mediawiki",
              cache_path: Path | None = None, offline: bool = False, types: Iterable[str] = TYPES,
              threshold: float = 0.9, margin: float = 0.1, deadline: float = 600.0,
              max_response_bytes: int = 32 << 20, warn: Callable[[str], None] | None = None) -> str:
    """Link the dump's entities to Wikidata; writes links.tsv and review.csv under data_dir/wikidata.

    Returns the one-line summary.  The answer cache is saved even when the run stops early (deadline), so a
    rerun asks only what is still missing; links and review are then left as they were.
    """
    import warnings

    from ..rdf.rdfio import resolve_data_paths
    from ..registry import load_registry
    from ..resources import is_packaged
    from .wikidata import DEFAULT_ENDPOINT, Cache, ReconcileAborted, WikidataClient, WikidataUnavailable

    if is_packaged(data_dir):
        raise RefugeeLdError(f"{data_dir}: the installed package's data is read-only; pass --data-dir to say "
                             "where links.tsv and review.csv go")
    wanted = list(types)
    unknown = set(wanted) - set(TYPES)
    if unknown:
        raise RefugeeLdError(f"--types: unknown class {sorted(unknown)[0]!r}")
    paths = resolve_data_paths(data, Path("dist"), ("dataset.nq", "graph.nt", "graph.ttl"))
    try:
        cache = Cache.load(cache_path or data_dir / "wikidata" / CACHE_FILE)
    except ValueError as exc:
        raise InputError(cache_path or CACHE_FILE, str(exc).split(": ", 1)[-1]) from None
    client = WikidataClient(endpoint or DEFAULT_ENDPOINT, cache, offline, deadline=deadline,
                            max_response_bytes=max_response_bytes)
    registry = load_registry(data_dir / "registry")
    reconciler = Reconciler(client, load_types(data_dir), curated_keys(data_dir, registry), read_overrides(data_dir),
                            threshold, margin)
    targets = targets_from_dump(paths, wanted)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            decisions = reconciler.run(targets, api)
        except ReconcileAborted as exc:
            cache.save()  # complete answers received so far are kept; links and review are not rewritten
            raise RefugeeLdError(f"{exc} (after {client.requests_made} requests; answers so far cached in "
                                 f"{cache.path})") from None
        except WikidataUnavailable as exc:
            if warn is not None:
                warn(f"{exc}; using cached answers only")
            cache.save()  # keep every complete answer received so far
            client.offline = True
            decisions = reconciler.run(targets, api)
    cache.save()
    write_links(data_dir, decisions)
    write_review(data_dir, decisions)
    return summary(decisions, client.requests_made)
