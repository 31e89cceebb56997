"""The map stage's per-document half, run batch by batch in worker processes (or on a Dask cluster).

A batch is a run of consecutive documents.  For each, the worker maps the extraction to quads, makes the
build's term checks (`Checks`), validates what the document owns (shacl_scope.check_document) and reduces the
quads into the dumps' three sorted forms, spilled as sorted runs (rdf/dumps.py).  It returns only what the
parent needs to finish: the run files (or their bytes, from a cluster whose workers do not share the parent's
disk), the documents' validation findings, the VoID graph counts and the first errors of each kind.  The
parent takes the batches in document order, so it raises the same first error a check of all quads would.
"""
from __future__ import annotations

import gc
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .records import Extraction, Fact
from .text.loading import InputError

if TYPE_CHECKING:
    from .extraction.confidence import ConfidenceTable
    from .rdf.shacl_scope import ValidationPlan
    from .rdf.terms import Quad, Term


class Checks:
    """The build's checks chunk by chunk, raising what a check of all quads at once would raise first."""

    def __init__(self, doc_ids: Iterable[str], base: str) -> None:
        """`doc_ids`: the build's documents, so an error in a document's graph names its file."""
        from .rdf.mapping import IriMaker

        iris = IriMaker(base)
        self.files: dict[Term | None, str] = {iris.document(doc_id): doc_id for doc_id in doc_ids}
        self.too_long: Exception | None = None  # literal size: checked over all quads before any term
        self.bad_term: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.too_long is None and self.bad_term is None

    def feed(self, chunks: Iterator[list], sink: Callable[[list], None]) -> None:
        """Hand each chunk to `sink` once all its quads passed; raise the first error a whole-build check would."""
        self.run(chunks, sink)
        self.raise_first()

    def run(self, chunks: Iterator[list], sink: Callable[[list], None]) -> None:
        """`feed` without the raise: the errors stay in `too_long` and `bad_term` (a worker reports them).

        One check_quads runs over the stream of all chunks (each distinct object term checked once, as before);
        a chunk is handed on when the check has moved past its last quad.  Once a bad term is known (here or in
        an earlier batch) the terms are no longer checked, only the literals' sizes (whose error comes first).
        """
        from .limits import check_literal_sizes
        from .rdf.terms import InvalidTermError, check_quads

        pending: list | None = None
        passed: tuple[set, set, set, set] = (set(), set(), set(), set())  # terms that passed, by role

        def unchecked(quads: list) -> Iterator:
            """The quads with a term not yet checked in its role: a quad of passed terms cannot fail, so the
            first error (and the quad that names it) is the same as when every quad is checked."""
            subjects, predicates, objects, graphs = passed
            for q in quads:
                if q.s in subjects and q.p in predicates and q.o in objects and q.g in graphs:
                    continue
                yield q
                subjects.add(q.s)  # resumed: check_quads took the quad without raising
                predicates.add(q.p)
                objects.add(q.o)
                graphs.add(q.g)

        def stream() -> Iterator:
            nonlocal pending
            for quads in chunks:  # every chunk is still mapped after an error: a mapping error would come first
                if pending is not None and self.ok:
                    sink(pending)
                pending = None
                if self.too_long is None:
                    try:
                        check_literal_sizes(quads, "build")  # no writer, SHACL engine or page is meant for 16 MiB
                    except InputError as exc:
                        self.too_long = exc
                        continue
                    pending = quads
                    yield from unchecked(quads)

        source = stream()
        try:  # nothing reaches a writer unchecked (InvalidTermError: exit 2)
            if self.bad_term is None:
                check_quads(source, lambda q: self.files.get(q.g, q.g.value if q.g is not None else "graph"))
        except InvalidTermError as exc:
            self.bad_term = exc
        for _ in source:  # the rest is still mapped and its literals checked (those errors come first)
            pass
        if pending is not None and self.ok:
            sink(pending)

    def take(self, too_long: Exception | None, bad_term: tuple[str, str] | None) -> None:
        """A later batch's first errors (in document order: an earlier one stays)."""
        from .rdf.terms import InvalidTermError

        self.too_long = self.too_long or too_long
        if self.bad_term is None and bad_term is not None:
            self.bad_term = InvalidTermError(*bad_term)

    def raise_first(self) -> None:
        if self.too_long is not None:
            raise self.too_long
        if self.bad_term is not None:
            raise self.bad_term


@dataclass(frozen=True)
class Confidence:
    """A fact's rld:confidence: 1.0 when a person decided it, else its rule's measured precision (picklable)."""

    curated: frozenset[Fact]
    table: ConfidenceTable

    def __call__(self, fact: Fact) -> float:
        return 1.0 if fact in self.curated else self.table.of(fact.rule)


@dataclass(frozen=True)
class MapContext:
    """What every batch shares; `runs` is the folder the run files go to ('' : return their bytes instead)."""

    base: str
    data_dir: str
    confidence: Confidence
    plan: ValidationPlan | None  # None: no per-document validation (--no-validate, or left to a whole-graph pass)
    runs: str
    budget: int
    keys: tuple[dict, dict] = ({}, {})  # coreference across documents: key mapping and canonical labels
    decisions: tuple = ()  # curation decisions (each worker applies them to its documents)
    curation_dir: str = ""


@dataclass
class BatchResult:
    """One batch's share of the build, small next to its quads."""

    index: int = 0
    runs: tuple[list[Path], list[Path], list[Path]] = ([], [], [])
    payload: tuple[list[bytes], list[bytes], list[bytes]] | None = None  # the runs' bytes (cluster workers)
    findings: list = field(default_factory=list)
    whole_graph: str = ""
    graphs: dict[str, int] = field(default_factory=dict)
    quads: int = 0
    too_long: Exception | None = None
    bad_term: tuple[str, str] | None = None
    raised: tuple[str, str] | None = None  # an InvalidTermError of the mapping itself (raised before any other)


@lru_cache(maxsize=4)
def _registry(data_dir: str) -> Any:
    from .registry import load_registry

    return load_registry(Path(data_dir) / "registry")


def map_batch(task: tuple[int, list[Extraction] | tuple[str, int, int], MapContext]) -> BatchResult:
    """Worker entry point: map, check, validate and reduce one batch of documents (see the module docstring)."""
    enabled = gc.isenabled()
    gc.disable()  # millions of small acyclic tuples: the cycle collector would walk them again and again
    try:
        index, source, ctx = task
        extractions = _prepared(source, ctx)
        if ctx.runs:
            return _map_batch(index, extractions, ctx, Path(ctx.runs))
        with tempfile.TemporaryDirectory(prefix="refugee-ld-runs-") as folder:
            result = _map_batch(index, extractions, ctx, Path(folder))
            result.payload = tuple([path.read_bytes() for path in paths] for paths in result.runs)  # type: ignore
            result.runs = ([], [], [])
            return result
    finally:
        if enabled:
            gc.enable()


def _map_batch(index: int, extractions: list[Extraction], ctx: MapContext, folder: Path) -> BatchResult:
    from .rdf.dumps import Dumps
    from .rdf.mapping import IriMaker, document_quads
    from .rdf.terms import InvalidTermError

    iris, registry, result = IriMaker(ctx.base), _registry(ctx.data_dir), BatchResult(index)
    dumps = Dumps(folder, {}, ctx.budget, name=f"b{index:06d}-")
    checks = Checks((x.document.doc_id for x in extractions), ctx.base)
    sink = dumps.add
    if ctx.plan is not None:
        plan = ctx.plan

        def sink(quads: list) -> None:
            from .rdf.shacl_scope import check_document, split_documents

            documents, rest = split_documents(quads)
            if rest:
                result.whole_graph = "a document's quads reach outside its graph"
            result.findings.extend(check_document(doc, plan) for doc in documents)
            dumps.add(quads)

    extractions.reverse()
    memo: dict[Term | None, Term | None] = {}

    def chunks() -> Iterator[list]:
        while extractions:  # each extraction is released once mapped
            yield _interned(document_quads(extractions.pop(), iris, registry, ctx.confidence), memo)

    try:
        checks.run(chunks(), sink)
    except InvalidTermError as exc:  # a mapping error: it does not pickle, so it travels as its two parts
        result.raised = (exc.path, exc.reason)
        return result
    result.runs = dumps.runs()
    result.graphs, result.quads = dumps.void.graphs, dumps.quads
    result.too_long = checks.too_long
    if isinstance(checks.bad_term, InvalidTermError):
        result.bad_term = (checks.bad_term.path, checks.bad_term.reason)
    return result


def _interned(quads: list[Quad], memo: dict) -> list[Quad]:
    """The quads with one object per distinct term of the batch: equal tuples, so nothing in the output changes,
    but the runs pickle each repeated term once per record, and sorting, de-duplicating and the N-Quads line
    cache compare and find terms by identity first."""
    from .rdf.terms import Quad

    get, new = memo.setdefault, tuple.__new__
    if len(memo) > 500_000:
        memo.clear()
    return [new(Quad, (get(s, s), get(p, p), get(o, o), get(g, g))) for s, p, o, g in quads]


def _prepared(source: list[Extraction] | tuple[str, int, int], ctx: MapContext) -> list[Extraction]:
    """The batch's extractions (read from the spill file unless sent), with the corpus keys, curated."""
    from .coref import remap
    from .extraction.cache import read_extractions

    extractions = source if isinstance(source, list) else read_extractions(source)
    extractions = [remap(x, *ctx.keys) for x in extractions]
    if ctx.decisions:
        from .extraction.curation import apply_curation

        registry, folder = _registry(ctx.data_dir), Path(ctx.curation_dir)
        extractions = [apply_curation([x], list(ctx.decisions), registry, folder).extractions[0]
                       for x in extractions]
    return extractions


def batches(spill: Any, ctx: MapContext, size: int, send: bool) -> Iterator[tuple[int, Any, MapContext]]:
    """Consecutive batches of `size` documents of the spill file: where they are, or (`send`: for workers that
    do not share this disk) the extractions themselves."""
    from .extraction.cache import read_extractions

    for index, span in enumerate(spill.spans(size)):
        yield index, read_extractions(span) if send else span, ctx


def batch_size(documents: int, jobs: int) -> int:
    """Documents per batch: about eight batches per worker (balance at the end), at most 100 (a worker's memory)."""
    return max(1, min(100, -(-documents // (max(1, jobs) * 8))))
