"""The output half of a build: the map, validate and write stages, and the records they share with pipeline.py.

Map reduces one document's quads at a time into the dumps' sorted runs (rdf/dumps.py, spilled to disk past
the memory budget) after the same checks a check of all quads would make; validate makes one call on the
union graph (a per-document validator can take its place); write streams every dump of the format table
(rdf/formats.py) into the new generation (generations.py), which appears in one step when the build ends.
"""
from __future__ import annotations

import functools
import gc
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .linking.links import curated_links
from .mapwork import Checks as _Checks  # noqa: F401  (tests name it here)
from .rdf.formats import BUILD_FILES, DUMP_FORMATS
from .records import Document, Extraction
from .registry import load_registry

if TYPE_CHECKING:
    from .rdf.dumps import Dumps
    from .rdf.shacl_scope import DocumentFindings, GlobalPass, ValidationPlan
    from .rdf.validation import ValidationReport
    from .text.loading import LoadOptions


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    documents: int
    triples: int
    conforms: bool
    files: tuple[str, ...]
    report: object = None  # validation.ValidationReport (typed loosely to keep this module import-light)
    validated: bool = True  # False with --no-validate: `conforms` is then no claim and validation.ttl says so
    notes: tuple[str, ...] = ()  # curation decisions this build had no fact or document for



OUTPUT_FILES = BUILD_FILES


NOT_VALIDATED = ("# refugee-ld: this build was made with --no-validate; the data was NOT checked against the\n"
                 "# SHACL shapes, so this file makes no conformance claim. Run `refugee-ld validate` on graph.nt.\n")


def ontology_quads(path: Path, graph_iri: str) -> list:
    """The ontology file as quads in its own named graph (parsed with pyoxigraph)."""
    from .rdf.rdfio import read_quads
    from .rdf.terms import Quad, iri

    g = iri(graph_iri)
    return [Quad(q.s, q.p, q.o, g) for q in read_quads(path)]


def assemble(extractions: list[Extraction], base: str, data_dir: Path, ontology_path: Path,
             confidence=None) -> list:  # noqa: ANN001
    """All quads of a build: one graph per document plus registry, ontology and Wikidata graphs."""
    from .rdf.mapping import IriMaker, document_quads, registry_quads, wikidata_quads

    iris = IriMaker(base)
    registry = load_registry(data_dir / "registry")
    quads = []
    for extraction in extractions:
        quads.extend(document_quads(extraction, iris, registry, confidence))
    quads.extend(registry_quads(registry, iris))
    quads.extend(ontology_quads(ontology_path, iris.graph("ontology").value))
    known = {e.key for x in extractions for e in x.entities} | set(registry.entries)
    quads.extend(wikidata_quads([(k, q) for k, q in curated_links(data_dir, registry) if k in known], iris))
    return quads


@dataclass(frozen=True)
class BuildSettings:
    """Everything a build is asked to do (build()'s keyword arguments, defaults resolved)."""

    inputs: list[Path]
    out_dir: Path
    base: str
    jobs: int
    validate: bool
    data_dir: Path
    shapes_dir: Path | None = None
    show_progress: bool | None = None
    curation_dir: Path | None = None
    cache_dir: Path | None = None
    cluster: str | None = None
    keep: int = 2
    options: LoadOptions | None = None
    memory_budget: int = 2 * 1024**3


@dataclass
class BuildState:
    """What the stages hand on to each other; `stack` holds what must be closed when the build ends."""

    settings: BuildSettings
    stack: ExitStack
    curation: tuple[Path, list] = (Path(), [])
    documents: list[Document] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    spill: Any = None  # extraction.cache.ExtractionSpill: the extractions, merged within each document, on disk
    summaries: list = field(default_factory=list)  # coref.CorefSummary per document, in document order
    keys: tuple[dict, dict] = ({}, {})  # coreference across documents: key mapping and canonical labels
    documents_built: int = 0
    notes: tuple[str, ...] = ()
    folder: Path | None = None  # the new generation being staged (generations.py)
    dumps: Dumps | None = None
    report: ValidationReport | None = None
    validation: _Validation | None = None
    keep_findings: bool = False  # incremental.Recorder saves every document's validation findings
    result: BuildResult | None = None


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[BuildState], None]
    label: str = ""  # what -v prints for it (the names earlier versions printed), default the name


def _map_stage(state: BuildState) -> None:
    """Curation decided, then the documents mapped, checked, validated and reduced to sorted runs in batches by
    the workers (mapwork.py) as they read them back from disk; the shared graphs are checked and reduced here,
    after the documents (the order of assemble())."""
    from .generations import new_generation
    from .mapwork import Checks, MapContext, batch_size, batches
    from .rdf.dumps import Dumps
    from .rdf.serialize import prefixes_for

    s = state.settings
    mapping, labels = state.keys
    doc_ids = [x.doc_id for x in state.summaries]
    known = {mapping.get(e.key, e.key) for x in state.summaries for e in x.entities}
    state.summaries = []
    curated, confidence, curation_quads = _curate(state.spill, state.keys, state.curation, s.data_dir, s.base)
    state.notes = tuple(curated.notes)
    state.documents_built = len(doc_ids)
    state.folder = state.stack.enter_context(new_generation(s.out_dir, s.keep, adopt=_old_output))
    runs = state.folder / ".runs"  # spilled sorted runs: removed before the generation is switched in
    state.stack.callback(shutil.rmtree, runs, True)
    runs.mkdir(parents=True, exist_ok=True)
    dumps = state.dumps = Dumps(runs, prefixes_for(s.base), s.memory_budget)
    shared = _shared(known, s.base, s.data_dir, confidence, curation_quads)
    plan = None
    if s.validate:
        from .rdf.validation import default_shapes_dir

        validation = state.validation = _Validation(s.shapes_dir or default_shapes_dir(), shared,
                                                    keep=state.keep_findings)
        plan = validation.plan
    checks = Checks(doc_ids, s.base)
    directory, decisions = state.curation
    ctx = MapContext(s.base, str(s.data_dir), confidence, plan, "" if s.cluster else str(runs),
                     worker_budget(s.memory_budget, s.jobs), state.keys, tuple(decisions), str(directory))
    size = batch_size(len(doc_ids), s.jobs)
    for result in run_batches(batches(state.spill, ctx, size, bool(s.cluster)), s.jobs, s.cluster,
                              -(-len(doc_ids) // size), s.show_progress):
        _take(state, checks, result, runs)
    checks.run(iter(shared.chunks), dumps.add)  # the shared graphs come after the documents, as in assemble()
    checks.raise_first()


def worker_budget(budget: int, jobs: int) -> int:
    """Each worker's share of the memory budget for its held forms (the parent keeps the rest for merging)."""
    return max(1, budget // (2 * max(1, jobs)))


def run_batches(tasks: Iterator, jobs: int, cluster: str | None, total: int, show: bool | None) -> Iterator:
    """mapwork.map_batch over the batches in `jobs` processes or on a cluster, results in batch order."""
    from .distributed import run_tasks
    from .mapwork import map_batch
    from .progress import bar

    yield from bar(run_tasks(map_batch, tasks, jobs, cluster), total, "map", show)


def _take(state: BuildState, checks: Any, result: Any, runs: Path) -> None:
    """One batch's share, in document order: its runs, counts, findings and first errors."""
    from .rdf.terms import InvalidTermError

    if result.raised is not None:
        raise InvalidTermError(*result.raised)
    checks.take(result.too_long, result.bad_term)
    files = result.runs
    if result.payload is not None:  # a cluster worker sent its runs' bytes
        files = ([], [], [])
        for form, (paths, blobs) in enumerate(zip(files, result.payload)):
            for n, blob in enumerate(blobs):
                paths.append(runs / f"c{result.index:06d}-{form}-{n}.run")
                paths[-1].write_bytes(blob)
    assert state.dumps is not None
    state.dumps.adopt(files, result.graphs, result.quads)
    if state.validation is not None:
        state.validation.take(result.findings)
        state.validation.whole_graph = state.validation.whole_graph or result.whole_graph


def _validate_stage(state: BuildState) -> None:
    """The global pass of the fast validator over the documents' findings (see _Validation)."""
    from .rdf.validation import ValidationReport

    if not state.settings.validate:
        state.report = ValidationReport(True, validated=False)  # validation.ttl then claims nothing
        return
    assert state.dumps is not None and state.validation is not None
    state.report = state.validation.report(state.dumps)
    state.validation = None


def _write_stage(state: BuildState) -> None:
    """Every dump streamed into the staged generation; context, validation report and VoID last."""
    import json

    from .progress import detail, timed
    from .rdf.serialize import jsonld_context, to_turtle
    from .rdf.write_parallel import write_dumps

    s, dumps, folder, report = state.settings, state.dumps, state.folder, state.report
    assert folder is not None and dumps is not None and report is not None
    files = {fmt.short: fmt.dump for fmt in DUMP_FORMATS if fmt.dump is not None}
    for short, seconds in timed("write dumps", write_dumps)(folder, dumps, files, s.jobs).items():
        detail(f"write {short}: {seconds:.1f} s", 1)
    prefixes = dumps.prefixes
    small = {
        "context.jsonld": json.dumps(jsonld_context(prefixes), indent=1) + "\n",
        "validation.ttl": to_turtle(report.quads(s.base), prefixes) if s.validate else NOT_VALIDATED,
        "void.ttl": to_turtle(dumps.void.quads(s.base, state.documents_built), prefixes),
    }
    for name, text in small.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    state.result = BuildResult(s.out_dir, state.documents_built, dumps.void.triples, report.conforms,
                               OUTPUT_FILES, report if s.validate else None, s.validate, state.notes)


@dataclass
class _Shared:
    """The graphs every document shares (registry, ontology, Wikidata links, curation) and the mapping state."""

    chunks: list[list]
    iris: Any
    registry: Any
    confidence: Callable


def _shared(known: set[str], base: str, data_dir: Path, confidence: Callable, curation: list) -> _Shared:
    """Made before the documents' quads, so the validator knows the shared graphs when the first document comes.

    `known`: every entity key the documents use (after coreference): the Wikidata links kept are theirs."""
    from .rdf.mapping import IriMaker, registry_quads, wikidata_quads
    from .resources import ontology_file

    iris = IriMaker(base)
    registry = load_registry(data_dir / "registry")
    known = known | set(registry.entries)
    chunks = [list(registry_quads(registry, iris)), ontology_quads(ontology_file(), iris.graph("ontology").value),
              list(wikidata_quads([(k, q) for k, q in curated_links(data_dir, registry) if k in known], iris)),
              list(curation)]
    return _Shared(chunks, iris, registry, confidence)


class _Validation:
    """SHACL per document in the map stage's workers (mapwork.py, rdf/shacl_scope.py), whose findings gather here
    in document order; `report()` adds the global pass.

    The split is exact only when the shared graphs are known up front and a document's chunk holds nothing
    but its own graph; otherwise (and for shapes the fast engine lacks) the report is made from the whole
    union graph, read back from the dumps' sorted forms."""

    def __init__(self, shapes_dir: Path, shared: _Shared, keep: bool = False) -> None:
        from .rdf.shacl import Unsupported
        from .rdf.shacl_scope import GlobalPass, prepare

        self.shapes_dir = shapes_dir
        self.whole_graph = ""
        self.plan: ValidationPlan | None
        self.global_pass: GlobalPass | None = None
        self.kept: list[DocumentFindings] | None = [] if keep else None  # for the next incremental rebuild
        try:
            self.plan = prepare(shapes_dir, [q for chunk in shared.chunks for q in chunk])
            self.global_pass = GlobalPass(self.plan)
        except Unsupported as exc:
            self.plan, self.whole_graph = None, f"unsupported shape feature: {exc}"

    def take(self, findings: list[DocumentFindings]) -> None:
        """A batch's findings, in document order: folded into the global pass at once (shacl_scope.GlobalPass)."""
        if self.kept is not None:
            self.kept.extend(findings)
        if self.global_pass is not None:
            self.global_pass.add(findings)

    def report(self, dumps: Dumps) -> ValidationReport:
        from .rdf.serialize import DEFAULT_GRAPH
        from .rdf.shacl_scope import NeedsWholeGraph, validate_quads_fast
        from .rdf.terms import Quad

        global_pass, self.global_pass = self.global_pass, None
        if global_pass is not None and not self.whole_graph:
            try:
                return global_pass.report()
            except NeedsWholeGraph:
                pass
        del global_pass
        quads = [Quad(subject, predicate, obj, None if graph == DEFAULT_GRAPH else graph)
                 for graph, subject, predicate, obj in dumps.graph_rows()]
        return validate_quads_fast(quads, self.shapes_dir)


def _curate_setup(data_dir: Path, curation_dir: Path | None) -> tuple[Path, list]:
    """The curation folder and its decisions (parsed up front: a bad row stops the build before any work)."""
    from .extraction.curation import read_curation

    directory = curation_dir or data_dir / "curation"
    return directory, read_curation(directory)


def _curate(spill: Iterable[Extraction], keys: tuple[dict, dict], setup: tuple[Path, list], data_dir: Path,
            base: str):  # noqa: ANN202
    """The decisions applied: (result without extractions, confidence function, quads recording who decided).

    With decisions, every document is read back, rewritten with the corpus keys and curated here (one at a
    time); the workers repeat that for the documents they map.  A note says a decision found nothing in the
    whole build, so the build's notes are those every document gives."""
    from .coref import remap
    from .extraction.confidence import load_table
    from .extraction.curation import CurationResult, apply_curation, curation_quads
    from .mapwork import Confidence
    from .rdf.mapping import IriMaker

    directory, decisions = setup
    result = CurationResult([])
    if decisions:
        registry = load_registry(data_dir / "registry")
        notes: list[str] | None = None
        for extraction in spill:
            one = apply_curation([remap(extraction, *keys)], decisions, registry, directory)
            result.applied.extend(one.applied)
            result.curated |= one.curated
            notes = one.notes if notes is None else [n for n in notes if n in set(one.notes)]
        result.notes = notes or []
    table = load_table(data_dir if (data_dir / "rule-precision.json").exists() else None)
    confidence = Confidence(frozenset(result.curated), table)  # picklable: the workers map the facts
    return result, confidence, curation_quads(result, IriMaker(base))


def _old_output(name: str) -> bool:
    """Entries a plain output folder of an older version may hold: the dumps and their staging leftovers."""
    return name in OUTPUT_FILES or any(name.startswith(f".{f}.") for f in OUTPUT_FILES)


def write_outputs(out_dir: Path, files: dict[str, str], keep: int = 2) -> Path:
    """Write finished texts as one new generation of `out_dir` and switch to it atomically; returns its folder."""
    from .generations import write_generation

    return write_generation(out_dir, files, keep, adopt=_old_output)


def _without_gc(run: Callable[[BuildState], None]) -> Callable[[BuildState], None]:
    """`run` with the cycle collector paused: these stages make millions of small acyclic tuples and strings,
    and each collection would walk every one of them again (most of the map stage's time when measured)."""

    @functools.wraps(run)
    def wrapper(state: BuildState) -> None:
        enabled = gc.isenabled()
        gc.disable()
        try:
            run(state)
        finally:
            if enabled:
                gc.enable()

    return wrapper


STAGE_MAP = Stage("map", _without_gc(_map_stage), "mapping")
STAGE_VALIDATE = Stage("validate", _validate_stage, "validation")
STAGE_WRITE = Stage("write", _without_gc(_write_stage))
