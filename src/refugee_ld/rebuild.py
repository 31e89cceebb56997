"""The incremental build itself (see incremental.py for what is recorded and when it falls back)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from .incremental import (
    MAX_CHANGED,
    Fallback,
    IncrementalState,
    file_stats,
    input_signatures,
    load_state,
    save_state,
    settings_fingerprint,
)
from .records import Document, Extraction

T = TypeVar("T")


def _phase(label: str, func: Callable[..., T], *args: Any) -> T:
    """`func(*args)`, its wall and CPU time reported with -v (what bench/incremental_bench.py shows per phase)."""
    import time

    from .progress import detail

    wall, cpu = time.perf_counter(), time.process_time()
    try:
        return func(*args)
    finally:
        detail(f"rebuild {label}: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU", 1)


def _documents(s: Any, previous: IncrementalState, cache: Any, load: Callable[[], list[Document]],
               signatures: dict[str, tuple]) -> tuple[list[str], list[str], list[Document | None]]:
    """Names, keys and (where read) documents of the inputs: a file whose signature is the recorded one is not
    read again, its recorded key stands (None in its place); without signatures every document is read."""
    if not signatures or not previous.stats:
        loaded = load()
        return [d.doc_id for d in loaded], [cache.key(d) for d in loaded], list(loaded)
    recorded = dict(zip(previous.doc_ids, previous.doc_keys))
    ids: list[str] = []
    keys: list[str] = []
    documents: list[Document | None] = []
    for path in signatures:
        name = Path(path).name
        doc = None
        if not signatures[path] or previous.stats.get(path) != signatures[path] or name not in recorded:
            doc = _load_one(s, path)
        ids.append(name)
        keys.append(recorded[name] if doc is None else cache.key(doc))
        documents.append(doc)
    return ids, keys, documents


def _load_one(s: Any, path: str) -> Document:
    from .text.loading import input_roots, load_document, warn_stderr

    warn = (s.options.warn if s.options is not None else None) or warn_stderr
    return load_document(Path(path), {}, False, warn, input_roots(s.inputs), False)


def _moved(old: tuple[dict, dict], new: tuple[dict, dict]) -> tuple[set[str], set[str]]:
    """Entity keys whose corpus mapping changed, and canonical keys whose label changed."""
    (om, ol), (nm, nl) = old, new
    keys = {k for k in om.keys() | nm.keys() if om.get(k) != nm.get(k)}
    labels = {k for k in ol.keys() | nl.keys() if ol.get(k) != nl.get(k)}
    return keys, labels


def _touched(summary: Any, moved: tuple[set[str], set[str]], old: tuple[dict, dict], new: tuple[dict, dict]) -> bool:
    keys, labels = moved
    for e in summary.entities:
        if e.key in keys or old[0].get(e.key, e.key) in labels or new[0].get(e.key, e.key) in labels:
            return True
    return False


def rebuild(settings: Any, load: Callable[[], list[Document]],
            extracted: Callable[[list[Document]], Iterator[Extraction]]) -> Any:
    """Patch the previous generation for the documents that changed; `Fallback` when that cannot be exact."""
    from .coref import corpus_keys, merge_within, summarise
    from .extraction.cache import ExtractionCache
    from .outputs import _curate_setup

    s = settings
    cache = ExtractionCache.open(s.cache_dir, s.data_dir)
    fingerprint = settings_fingerprint(s, cache.fingerprint)
    previous = _phase("state", load_state, s.cache_dir, fingerprint, s.out_dir)
    if _curate_setup(s.data_dir, s.curation_dir)[1]:
        raise Fallback("curation decisions: their notes and confidences depend on every document")
    signatures = input_signatures(s)
    ids, keys, documents = _phase("load", _documents, s, previous, cache, load, signatures)
    old = {doc_id: (key, n) for n, (doc_id, key) in enumerate(zip(previous.doc_ids, previous.doc_keys))}
    if not documents or len(set(ids)) != len(ids):
        raise Fallback("no documents, or two with one name")
    changed = [n for n, (doc_id, key) in enumerate(zip(ids, keys)) if old.get(doc_id, ("",))[0] != key]
    removed = sorted(set(previous.doc_ids) - set(ids))
    if len(changed) + len(removed) > MAX_CHANGED * len(documents):
        raise Fallback(f"{len(changed) + len(removed)} documents changed: a full build")

    def extract(numbers: list[int]) -> dict[str, Extraction]:
        paths = list(signatures) if any(documents[n] is None for n in numbers) else []
        wanted = [documents[n] or _load_one(s, paths[n]) for n in numbers]
        return {ids[n]: merge_within(x) for n, x in zip(numbers, extracted(wanted))}

    merged = _phase("extract", extract, changed)
    summaries = [summarise(merged[d]) if d in merged else previous.summaries[old[d][1]] for d in ids]
    corpus = _phase("coreference", corpus_keys, summaries)
    moved = _moved(previous.keys, corpus)
    touched = [n for n, x in enumerate(summaries)
               if ids[n] not in merged and _touched(x, moved, previous.keys, corpus)]
    merged.update(_phase("extract (coreference moved)", extract, touched))
    mapped, shared, _ = _phase("map", _map, s, merged, summaries, corpus)
    findings, report = _phase("validation", _validate, s, ids, old, previous, mapped, shared)
    result, state = _phase("write", _write, s, previous, ids, mapped, removed, shared, report)
    _phase("save state", save_state, s.cache_dir, IncrementalState(
        fingerprint, state[0], state[1], ids, keys, summaries, corpus, findings, state[2], state[3], signatures))
    return result


def _map(s: Any, merged: dict[str, Extraction], summaries: list, corpus: tuple[dict, dict]) -> tuple:
    """The changed documents' quads (checked as a build checks them) and the shared graphs."""
    from .coref import remap
    from .mapwork import Checks
    from .outputs import _curate, _shared
    from .rdf.mapping import IriMaker, document_quads
    from .registry import load_registry

    _, confidence, curation = _curate([], corpus, (Path(), []), s.data_dir, s.base)
    iris, registry = IriMaker(s.base), load_registry(s.data_dir / "registry")
    mapped = {doc_id: list(document_quads(remap(x, *corpus), iris, registry, confidence))
              for doc_id, x in merged.items()}
    checks = Checks(list(mapped), s.base)
    try:
        checks.feed(iter(list(mapped.values())), lambda quads: None)
    except Exception as exc:  # noqa: BLE001 - the full build reports it exactly as it always did
        raise Fallback(f"a term or literal error ({exc})") from None
    known = {corpus[0].get(e.key, e.key) for x in summaries for e in x.entities}
    return mapped, _shared(known, s.base, s.data_dir, confidence, curation), confidence


def _validate(s: Any, ids: list[str], old: dict, previous: IncrementalState, mapped: dict, shared: Any) -> tuple:
    """Per-document findings of the mapped documents, the recorded ones of the others, then the global pass."""
    from .outputs import _Validation
    from .rdf.shacl_scope import NeedsWholeGraph, check_document, finish, split_documents
    from .rdf.validation import ValidationReport, default_shapes_dir

    if not s.validate:
        return None, ValidationReport(True, validated=False)
    validation = _Validation(s.shapes_dir or default_shapes_dir(), shared)
    plan = validation.plan
    if plan is None or validation.whole_graph or previous.findings is None:
        raise Fallback("validation needs the whole graph")
    findings = []
    for doc_id in ids:
        if doc_id in mapped:
            docs, rest = split_documents(mapped[doc_id])
            if rest or len(docs) != 1:
                raise Fallback(f"{doc_id}: not one document graph")
            findings.append(check_document(docs[0], plan))
        else:
            findings.append(previous.findings[old[doc_id][1]])
    try:
        return findings, finish(iter(list(findings)), plan)
    except NeedsWholeGraph as exc:
        raise Fallback(str(exc)) from None


def _write(s: Any, previous: IncrementalState, ids: list[str], mapped: dict, removed: Iterable[str], shared: Any,
           report: Any) -> tuple:
    """The new generation: patched dumps, VoID, report, context; the state's generation fields after the switch."""
    import copy
    import json

    from .generations import current, new_generation
    from .outputs import NOT_VALIDATED, OUTPUT_FILES, BuildResult, _old_output
    from .rdf.delta import DumpPatcher
    from .rdf.mapping import IriMaker
    from .rdf.patch import PatchError
    from .rdf.serialize import jsonld_context, prefixes_for, to_turtle

    iris = IriMaker(s.base)
    _check_shared(Path(previous.generation), shared, iris, prefixes_for(s.base))
    graphs = {iris.document(doc_id): quads for doc_id, quads in mapped.items()}
    graphs.update((iris.document(doc_id), []) for doc_id in removed)
    void = copy.deepcopy(previous.void)
    prefixes = prefixes_for(s.base)
    try:
        with new_generation(s.out_dir, s.keep, adopt=_old_output) as folder:
            schemes = DumpPatcher(Path(previous.generation), folder, prefixes, previous.schemes).run(graphs, void)
            small = {"context.jsonld": json.dumps(jsonld_context(prefixes), indent=1) + "\n",
                     "validation.ttl": to_turtle(report.quads(s.base), prefixes) if s.validate else NOT_VALIDATED,
                     "void.ttl": to_turtle(void.quads(s.base, len(ids)), prefixes)}
            for name, text in small.items():
                (folder / name).write_text(text, encoding="utf-8", newline="")
    except PatchError as exc:
        raise Fallback(f"the previous generation cannot be patched: {exc}") from None
    final = current(s.out_dir)
    result = BuildResult(s.out_dir, len(ids), void.triples, report.conforms, OUTPUT_FILES,
                         report if s.validate else None, s.validate, ())
    return result, (str(final), file_stats(final), void, schemes)


def _check_shared(old: Path, shared: Any, iris: Any, prefixes: dict[str, str]) -> None:
    """The shared graphs (registry, ontology, Wikidata links, curation) must be the ones published before."""
    from .rdf.delta import graph_unit
    from .rdf.patch import SortedDump, trig_layout
    from .rdf.serialize import Compactor, prefix_block

    quads = [q for chunk in shared.chunks for q in chunk]
    if any(q.g is None for q in quads):
        raise Fallback("shared quads in the default graph")
    names = {q.g for q in quads} | {iris.graph(n) for n in ("registry", "ontology", "wikidata", "curation")}
    head = prefix_block(Compactor(prefixes, "Turtle output"))
    trig = SortedDump(old / "dataset.trig", trig_layout(prefixes), len(head.encode("utf-8")))
    try:
        for g in sorted(names):
            start, end = trig.span(g)
            text = bytes(trig.data[start:end]).decode("utf-8")
            unit = graph_unit([q for q in quads if q.g == g], prefixes, head)
            if text not in (unit, unit + "\n"):
                raise Fallback(f"the shared graph {g.value} changed")
    finally:
        trig.close()
