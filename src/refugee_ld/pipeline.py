"""The build pipeline as a Python API: STAGES load -> extract (parallel) -> coreference -> map -> validate -> write.

`build()` and bench/benchmark.py run the same declared stages (`run_stages`).  The map stage reduces one
document's quads at a time into the dumps' sorted runs (rdf/dumps.py), spilled to disk past a memory budget,
and the write stage streams each dump into the new generation: no dump is ever one string in memory.
The CLI is a thin layer over these functions; a notebook can call them directly.
"""
from __future__ import annotations

import functools
import shutil
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from .coref import resolve_corpus
from .extraction.extract import extract
from .extraction.cache import ExtractionCache
from .lang.lexicon import load_lexicon
from .text.loading import InputError, collect_inputs, load_document
from .records import Document, Extraction
from .rdf.formats import DUMP_FORMATS
from .rdf.void import void_quads  # noqa: F401  (re-exported: the benchmark's in-memory VoID)
from .registry import default_data_dir, load_registry

T = TypeVar("T")


@dataclass(frozen=True)
class LoadOptions:
    """How inputs are read: a metadata CSV, lenient metadata checks, following symbolic links, where warnings go."""

    metadata: Path | None = None
    lenient: bool = False
    follow_symlinks: bool = False
    warn: Callable[[str], None] | None = None


def load_corpus(inputs: list[Path], options: LoadOptions) -> list[Document]:
    """Collect and read every input document with its metadata; InputError on the first bad one."""
    from .text.loading import input_roots, read_metadata_csv, warn_stderr

    warn = options.warn or warn_stderr
    table = read_metadata_csv(options.metadata, options.lenient, warn) if options.metadata else {}
    paths = collect_inputs(inputs, options.follow_symlinks, warn)
    names = {p.name for p in paths}
    for name in sorted(set(table) - names):
        warn(f"{options.metadata}: no input document is named '{name}'; row ignored")
    roots = input_roots(inputs)
    return [load_document(path, table, options.lenient, warn, roots, options.follow_symlinks) for path in paths]


def _extract_path(args: tuple[str, str]) -> Extraction:
    """Worker entry point for a file path (the benchmark's)."""
    path, data_dir = args
    return _extract_document((load_document(Path(path)), data_dir))


def _extract_document(args: tuple[Document, str]) -> Extraction:
    document, data_dir = args
    data = Path(data_dir)
    return extract(document, load_registry(data / "registry"), load_lexicon(data))


def progress(items: Iterable[T], total: int, label: str, enabled: bool | None = None) -> Iterator[T]:
    """A bar on a terminal; silent when piped, in CI or with -q (see progress.py)."""
    from .progress import bar

    yield from bar(items, total, label, enabled)


def extract_corpus(inputs: list[Path], data_dir: Path | None = None, jobs: int = 1,
                   show_progress: bool | None = None, options: "LoadOptions | None" = None, *,
                   cache_dir: Path | None = None, cluster: str | None = None) -> list[Extraction]:
    """Extract every document (in `jobs` processes, or on a Dask cluster), then resolve coreference.

    Documents are read before any work starts, so an unreadable file fails the build up front (InputError).
    With `cache_dir`, documents whose extraction is cached (same text, metadata, code and curated data) are
    not extracted again.
    """
    data_dir = data_dir or default_data_dir()
    documents = load_corpus(inputs, options or LoadOptions())  # every input read (and checked) before any work
    if not documents:  # an empty build would replace good dumps with an empty graph: refuse before any output
        raise InputError(", ".join(map(str, inputs)), "no input documents (.txt, .md, .html) found")
    results = _extract_all(documents, data_dir, jobs, show_progress, cache_dir, cluster)
    from .progress import timed

    return timed("coreference", resolve_corpus)(results)


def _extract_all(documents: list[Document], data_dir: Path, jobs: int, show_progress: bool | None,
                 cache_dir: Path | None, cluster: str | None) -> list[Extraction]:
    """Extractions in document order: cached ones reused, the others made in `jobs` processes or on a cluster."""
    cache = ExtractionCache.open(cache_dir, data_dir) if cache_dir is not None else None
    cached = [cache.get(doc) if cache else None for doc in documents]
    tasks = [(doc, str(data_dir)) for doc, hit in zip(documents, cached) if hit is None]
    fresh = iter(_run_extraction(tasks, jobs, cluster))

    def in_order() -> Iterator[Extraction]:
        for hit in cached:
            if hit is not None:
                yield hit
                continue
            extraction = next(fresh)
            if cache is not None:
                cache.put(extraction)
            yield extraction

    return list(progress(in_order(), len(documents), "extract", show_progress))


def _run_extraction(tasks: list[tuple[Document, str]], jobs: int, cluster: str | None) -> Iterator[Extraction]:
    """The per-document stage: on a Dask cluster, in `jobs` local processes, or in this process."""
    if cluster and tasks:
        from .distributed import map_on_cluster

        yield from map_on_cluster(cluster, _extract_document, tasks)
    elif jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(_extract_document, tasks, chunksize=max(1, len(tasks) // (jobs * 8)))
    else:
        yield from map(_extract_document, tasks)


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



OUTPUT_FILES = tuple(f.dump for f in DUMP_FORMATS if f.dump) + ("context.jsonld", "validation.ttl", "void.ttl")


NOT_VALIDATED = ("# refugee-ld: this build was made with --no-validate; the data was NOT checked against the\n"
                 "# SHACL shapes, so this file makes no conformance claim. Run `refugee-ld validate` on graph.nt.\n")


def project_dir() -> Path:
    return default_data_dir().parent


def ontology_quads(path: Path, graph_iri: str) -> list:
    """The ontology file as quads in its own named graph (parsed with pyoxigraph)."""
    from .rdf.rdfio import read_quads
    from .rdf.terms import Quad, iri

    g = iri(graph_iri)
    return [Quad(q.s, q.p, q.o, g) for q in read_quads(path)]


def curated_links(data_dir: Path, registry) -> list[tuple[str, str]]:  # noqa: ANN001
    """(entity key, QID) from data/wikidata/curated.tsv plus accepted reconciliation links, if any."""
    links: list[tuple[str, str]] = []
    curated = data_dir / "wikidata" / "curated.tsv"
    if curated.exists():
        for line in curated.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("label\t"):
                continue
            label, type_, qid = (line.split("\t") + ["", "", ""])[:3]
            key = registry.lookup(type_.strip(), label.strip())
            if key and qid.strip():
                links.append((key, qid.strip()))
    from .linking.reconcile import accepted_links, read_overrides  # files written by `refugee-ld reconcile`; no network

    links += accepted_links(data_dir)
    overrides = read_overrides(data_dir)
    out: dict[str, str] = {}
    for key, qid in links:
        out.setdefault(key, qid)
    for key, o in overrides.items():  # hand decisions win over curated and reconciled links
        if o["decision"] == "reject" and (not o["qid"] or out.get(key) == o["qid"]):
            out.pop(key, None)
        elif o["decision"] in ("set", "accept") and o["qid"]:
            out[key] = o["qid"]
    return sorted(out.items())


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
    dumps: object = None  # rdf.dumps.Dumps (typed loosely: this module stays import-light)
    report: object = None
    result: BuildResult | None = None


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[BuildState], None]


def _load_stage(state: BuildState) -> None:
    """Curation decisions, then every input document, read and checked before any work starts."""
    s = state.settings
    state.curation = _curate_setup(s.data_dir, s.curation_dir)
    state.documents = load_corpus(s.inputs, s.options or LoadOptions())
    if not state.documents:  # an empty build would replace good dumps with an empty graph: refuse before any output
        raise InputError(", ".join(map(str, s.inputs)), "no input documents (.txt, .md, .html) found")


def _extract_stage(state: BuildState) -> None:
    s = state.settings
    state.extractions = _extract_all(state.documents, s.data_dir, s.jobs, s.show_progress, s.cache_dir, s.cluster)
    state.documents = []


def _coref_stage(state: BuildState) -> None:
    state.extractions = resolve_corpus(state.extractions)


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
    checks = _Checks(extractions, s.base)
    for quads in _chunks(extractions, s.base, s.data_dir, confidence, curation_quads):
        if checks.passed(quads):
            dumps.add(quads)
    checks.raise_first()


def _validate_stage(state: BuildState) -> None:
    """One call on the whole union graph (a per-document validator can replace it)."""
    from .rdf.serialize import to_ntriples
    from .rdf.terms import Quad
    from .rdf.validation import ValidationReport, default_shapes_dir, validate_quads

    s = state.settings
    if not s.validate:
        state.report = ValidationReport(True, validated=False)  # validation.ttl then claims nothing
        return
    rows = list(state.dumps.rows())  # type: ignore[attr-defined]
    quads = [Quad(*row) for row in rows]
    state.report = validate_quads(quads, s.shapes_dir or default_shapes_dir(), to_ntriples(quads, rows))


def _write_stage(state: BuildState) -> None:
    """Every dump streamed into the staged generation; context, validation report and VoID last."""
    import json

    from .rdf.serialize import jsonld_context, to_turtle

    s, dumps, folder = state.settings, state.dumps, state.folder
    assert folder is not None and dumps is not None
    for fmt in DUMP_FORMATS:
        assert fmt.dump is not None and fmt.writer is not None
        with open(folder / fmt.dump, "w", encoding="utf-8", newline="", buffering=1 << 20) as out:
            fmt.writer(out, dumps)  # type: ignore[arg-type]
    prefixes = dumps.prefixes  # type: ignore[attr-defined]
    report = state.report
    small = {
        "context.jsonld": json.dumps(jsonld_context(prefixes), indent=1) + "\n",
        "validation.ttl": to_turtle(report.quads(s.base), prefixes) if s.validate else NOT_VALIDATED,  # type: ignore[attr-defined]
        "void.ttl": to_turtle(dumps.void.quads(s.base, state.documents_built), prefixes),  # type: ignore[attr-defined]
    }
    for name, text in small.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    state.result = BuildResult(s.out_dir, state.documents_built, dumps.void.triples, report.conforms,  # type: ignore[attr-defined]
                               OUTPUT_FILES, report if s.validate else None, s.validate, state.notes)


STAGES: tuple[Stage, ...] = (Stage("load", _load_stage), Stage("extract", _extract_stage),
                             Stage("coreference", _coref_stage), Stage("map", _map_stage),
                             Stage("validate", _validate_stage), Stage("write", _write_stage))


def run_stages(settings: BuildSettings,
               around: Callable[[Stage, Callable[[], None]], None] | None = None) -> BuildResult:
    """Run STAGES in order; `around(stage, run)` may time or trace each (the benchmark does)."""
    from .progress import timed

    with ExitStack() as stack:
        state = BuildState(settings, stack)
        for stage in STAGES:
            step = functools.partial(timed(stage.name, stage.run), state)
            if around is None:
                step()
            else:
                around(stage, step)
    assert state.result is not None
    return state.result


def build(inputs: list[Path] | None = None, *, out_dir: Path = Path("dist"), base: str | None = None, jobs: int = 1,
          validate: bool = True, data_dir: Path | None = None, shapes_dir: Path | None = None,
          show_progress: bool | None = None, curation_dir: Path | None = None, cache_dir: Path | None = None,
          cluster: str | None = None, keep: int = 2, options: LoadOptions | None = None,
          memory_budget: int | None = None) -> BuildResult:
    """Build every dump as a new generation of `out_dir` (see generations.py): all files appear in one step.

    Curation decisions (`curation_dir`, default data_dir/curation) are read before any extraction work, so a
    bad row fails fast, and applied to the extracted facts before mapping.  `memory_budget` (bytes) bounds
    what the dumps hold in memory; past it they are sorted on disk (rdf/dumps.py), with the same bytes out.
    """
    return run_stages(build_settings(inputs, out_dir=out_dir, base=base, jobs=jobs, validate=validate,
                                     data_dir=data_dir, shapes_dir=shapes_dir, show_progress=show_progress,
                                     curation_dir=curation_dir, cache_dir=cache_dir, cluster=cluster, keep=keep,
                                     options=options, memory_budget=memory_budget))


def build_settings(inputs: list[Path] | None = None, *, base: str | None = None, data_dir: Path | None = None,
                   memory_budget: int | None = None, **options: Any) -> BuildSettings:
    """build()'s arguments with the defaults resolved (base IRI ending in / or #, data folder, corpus)."""
    from .rdf.dumps import memory_budget as budget_setting
    from .rdf.terms import DEFAULT_BASE

    data_dir = data_dir or default_data_dir()
    base = base or DEFAULT_BASE
    if not base.endswith(("/", "#")):
        base += "/"
    return BuildSettings(inputs=inputs or [data_dir / "documents"], base=base, data_dir=data_dir,
                         memory_budget=memory_budget or budget_setting(), **options)


def _chunks(extractions: list[Extraction], base: str, data_dir: Path, confidence, curation: list) -> Iterator[list]:  # noqa: ANN001
    """A build's quads as assemble() lists them, one document (or one global graph) at a time."""
    from .rdf.mapping import IriMaker, document_quads, registry_quads, wikidata_quads
    from .resources import ontology_file

    iris = IriMaker(base)
    registry = load_registry(data_dir / "registry")
    known = {e.key for x in extractions for e in x.entities} | set(registry.entries)
    for extraction in extractions:
        yield list(document_quads(extraction, iris, registry, confidence))
    yield list(registry_quads(registry, iris))
    yield ontology_quads(ontology_file(), iris.graph("ontology").value)
    yield list(wikidata_quads([(k, q) for k, q in curated_links(data_dir, registry) if k in known], iris))
    yield list(curation)


class _Checks:
    """The build's checks chunk by chunk, raising what a check of all quads at once would raise first."""

    def __init__(self, extractions: list[Extraction], base: str) -> None:
        from .rdf.mapping import IriMaker

        iris = IriMaker(base)
        self.files = {iris.document(x.document): x.document.doc_id for x in extractions}
        self.too_long: Exception | None = None  # literal size: checked over all quads before any term
        self.bad_term: Exception | None = None

    def passed(self, quads: list) -> bool:
        from .limits import check_literal_sizes
        from .rdf.terms import InvalidTermError, check_quads

        if self.too_long is None:
            try:
                check_literal_sizes(quads, "build")  # no writer, SHACL engine or page is meant for a 16 MiB literal
            except InputError as exc:
                self.too_long = exc
        if self.bad_term is None and self.too_long is None:
            try:  # nothing reaches a writer unchecked (InvalidTermError: exit 2)
                check_quads(quads, lambda q: self.files.get(q.g, q.g.value if q.g is not None else "graph"))
            except InvalidTermError as exc:
                self.bad_term = exc
        return self.too_long is None and self.bad_term is None

    def raise_first(self) -> None:
        if self.too_long is not None:
            raise self.too_long
        if self.bad_term is not None:
            raise self.bad_term

def extract_documents(documents: list[Document], data_dir: Path | None = None, jobs: int = 1,
                      show_progress: bool | None = None) -> list[Extraction]:
    """`extract_corpus` for documents already loaded (eval gives them metadata from their gold files)."""
    data_dir = data_dir or default_data_dir()
    tasks = [(doc, str(data_dir)) for doc in documents]
    results = list(progress(_run_extraction(tasks, jobs, None), len(tasks), "extract", show_progress))
    return resolve_corpus(results)


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
