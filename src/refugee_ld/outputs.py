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
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .linking.links import curated_links
from .rdf.formats import BUILD_FILES, DUMP_FORMATS
from .records import Document, Extraction
from .registry import load_registry
from .text.loading import InputError

if TYPE_CHECKING:
    from .rdf.dumps import Dumps
    from .rdf.shacl_scope import ValidationPlan
    from .rdf.terms import Term
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
    documents_built: int = 0
    notes: tuple[str, ...] = ()
    folder: Path | None = None  # the new generation being staged (generations.py)
    dumps: Dumps | None = None
    report: ValidationReport | None = None
    validation: _Validation | None = None
    result: BuildResult | None = None


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[BuildState], None]
    label: str = ""  # what -v prints for it (the names earlier versions printed), default the name


def _map_stage(state: BuildState) -> None:
    """Curation applied, then one document's quads at a time checked and reduced into the dumps' sorted runs."""
    from .generations import new_generation
    from .rdf.dumps import Dumps
    from .rdf.serialize import prefixes_for

    s = state.settings
    curated, confidence, curation_quads = _curate(state.extractions, state.curation, s.data_dir, s.base)
    state.notes = tuple(curated.notes)
    extractions = curated.extractions
    state.extractions = []
    state.documents_built = len(extractions)
    state.folder = state.stack.enter_context(new_generation(s.out_dir, s.keep, adopt=_old_output))
    runs = state.folder / ".runs"  # spilled sorted runs: removed before the generation is switched in
    state.stack.callback(shutil.rmtree, runs, True)
    dumps = state.dumps = Dumps(runs, prefixes_for(s.base), s.memory_budget)
    shared = _shared(extractions, s.base, s.data_dir, confidence, curation_quads)
    sink = dumps.add
    if s.validate:
        from .rdf.validation import default_shapes_dir

        validation = state.validation = _Validation(s.shapes_dir or default_shapes_dir(), shared)

        def sink(quads: list) -> None:
            validation.check(quads)
            dumps.add(quads)
    checks = _Checks(extractions, s.base)
    checks.feed(_chunks(extractions, shared), sink)


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


def _shared(extractions: list[Extraction], base: str, data_dir: Path, confidence: Callable,
            curation: list) -> _Shared:
    """Made before the documents' quads, so the validator knows the shared graphs when the first document comes."""
    from .rdf.mapping import IriMaker, registry_quads, wikidata_quads
    from .resources import ontology_file

    iris = IriMaker(base)
    registry = load_registry(data_dir / "registry")
    known = {e.key for x in extractions for e in x.entities} | set(registry.entries)
    chunks = [list(registry_quads(registry, iris)), ontology_quads(ontology_file(), iris.graph("ontology").value),
              list(wikidata_quads([(k, q) for k, q in curated_links(data_dir, registry) if k in known], iris)),
              list(curation)]
    return _Shared(chunks, iris, registry, confidence)


def _chunks(extractions: list[Extraction], shared: _Shared) -> Iterator[list]:
    """A build's quads as assemble() lists them, one document (then each shared graph) at a time.

    Consumes `extractions`: each is released once mapped, so they leave memory as the dumps' runs fill it.
    """
    from .rdf.mapping import document_quads

    extractions.reverse()
    while extractions:
        yield list(document_quads(extractions.pop(), shared.iris, shared.registry, shared.confidence))
    yield from shared.chunks


class _Validation:
    """SHACL per document as its quads reach the dumps (rdf/shacl_scope.py); `report()` adds the global pass.

    The split is exact only when the shared graphs are known up front and a document's chunk holds nothing
    but its own graph; otherwise (and for shapes the fast engine lacks) the report is made from the whole
    union graph, read back from the dumps' sorted forms."""

    def __init__(self, shapes_dir: Path, shared: _Shared) -> None:
        from .rdf.shacl import Unsupported
        from .rdf.shacl_scope import prepare

        self.shapes_dir = shapes_dir
        self.shared = {id(chunk) for chunk in shared.chunks}
        self.findings: list = []
        self.whole_graph = ""
        self.plan: ValidationPlan | None
        try:
            self.plan = prepare(shapes_dir, [q for chunk in shared.chunks for q in chunk])
        except Unsupported as exc:
            self.plan, self.whole_graph = None, f"unsupported shape feature: {exc}"

    def check(self, quads: list) -> None:
        from .rdf.shacl_scope import check_document, split_documents

        if self.plan is None or id(quads) in self.shared:
            return
        documents, rest = split_documents(quads)
        if rest:
            self.whole_graph = "a document's quads reach outside its graph"
        self.findings.extend(check_document(doc, self.plan) for doc in documents)

    def report(self, dumps: Dumps) -> ValidationReport:
        from .rdf.serialize import DEFAULT_GRAPH
        from .rdf.shacl_scope import NeedsWholeGraph, finish, validate_quads_fast
        from .rdf.terms import Quad

        if self.plan is not None and not self.whole_graph:
            try:
                return finish(self.findings, self.plan)
            except NeedsWholeGraph:
                pass
        self.findings = []
        quads = [Quad(subject, predicate, obj, None if graph == DEFAULT_GRAPH else graph)
                 for graph, subject, predicate, obj in dumps.graph_rows()]
        return validate_quads_fast(quads, self.shapes_dir)


class _Checks:
    """The build's checks chunk by chunk, raising what a check of all quads at once would raise first."""

    def __init__(self, extractions: list[Extraction], base: str) -> None:
        from .rdf.mapping import IriMaker

        iris = IriMaker(base)
        self.files: dict[Term | None, str] = {iris.document(x.document): x.document.doc_id for x in extractions}
        self.too_long: Exception | None = None  # literal size: checked over all quads before any term
        self.bad_term: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.too_long is None and self.bad_term is None

    def feed(self, chunks: Iterator[list], sink: Callable[[list], None]) -> None:
        """Hand each chunk to `sink` once all its quads passed; raise the first error a whole-build check would.

        One check_quads runs over the stream of all chunks (each distinct object term checked once, as before);
        a chunk is handed on when the check has moved past its last quad.
        """
        from .limits import check_literal_sizes
        from .rdf.terms import InvalidTermError, check_quads

        pending: list | None = None

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
                    yield from quads

        source = stream()
        try:  # nothing reaches a writer unchecked (InvalidTermError: exit 2)
            check_quads(source, lambda q: self.files.get(q.g, q.g.value if q.g is not None else "graph"))
        except InvalidTermError as exc:
            self.bad_term = exc
            for _ in source:  # the rest is still mapped and its literals checked (those errors come first)
                pass
        if pending is not None and self.ok:
            sink(pending)
        self.raise_first()

    def raise_first(self) -> None:
        if self.too_long is not None:
            raise self.too_long
        if self.bad_term is not None:
            raise self.bad_term


def _curate_setup(data_dir: Path, curation_dir: Path | None) -> tuple[Path, list]:
    """The curation folder and its decisions (parsed up front: a bad row stops the build before any work)."""
    from .extraction.curation import read_curation

    directory = curation_dir or data_dir / "curation"
    return directory, read_curation(directory)


def _curate(extractions: list[Extraction], setup: tuple[Path, list], data_dir: Path, base: str):  # noqa: ANN202
    """Apply the decisions: (result, confidence function, quads recording who decided)."""
    from .extraction.confidence import load_table
    from .extraction.curation import apply_curation, curation_quads
    from .rdf.mapping import IriMaker

    directory, decisions = setup
    result = apply_curation(extractions, decisions, load_registry(data_dir / "registry"), directory)
    table = load_table(data_dir if (data_dir / "rule-precision.json").exists() else None)
    confidence = result.confidence(lambda fact: table.of(fact.rule))
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
