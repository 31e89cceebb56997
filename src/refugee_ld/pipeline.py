"""The build pipeline as a Python API: STAGES load -> extract (parallel) -> coreference -> map -> validate -> write.

`build()` and bench/benchmark.py run the same declared stages (`run_stages`).  The map stage reduces one
document's quads at a time into the dumps' sorted runs (rdf/dumps.py), spilled to disk past a memory budget,
and the write stage streams each dump into the new generation: no dump is ever one string in memory.
The CLI is a thin layer over these functions; a notebook can call them directly.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TypeVar

from .coref import corpus_keys, merge_within, resolve_corpus, summarise
from .extraction.cache import ExtractionCache, ExtractionSpill
from .extraction.extract import extract
from .lang.lexicon import load_lexicon
from .outputs import (  # noqa: F401 (API)
    NOT_VALIDATED,
    OUTPUT_FILES,
    STAGE_MAP,
    STAGE_VALIDATE,
    STAGE_WRITE,
    BuildResult,
    BuildSettings,
    BuildState,
    Stage,
    _curate_setup,
    assemble,
    curated_links,
    ontology_quads,
    write_outputs,
)
from .rdf.void import void_quads  # noqa: F401  (re-exported: the benchmark's in-memory VoID)
from .records import Document, Extraction
from .registry import default_data_dir, load_registry
from .text.loading import (
    InputError,
    LoadOptions,  # noqa: F401 (API: build's options)
    collect_inputs,
    load_document,
)

T = TypeVar("T")


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
                   show_progress: bool | None = None, options: LoadOptions | None = None, *,
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
    return list(_extracted(documents, data_dir, jobs, show_progress, cache_dir, cluster))


def _extracted(documents: list[Document], data_dir: Path, jobs: int, show_progress: bool | None,
               cache_dir: Path | None, cluster: str | None) -> Iterator[Extraction]:
    """`_extract_all` one extraction at a time, so a caller can put each away before the next comes."""
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

    return progress(in_order(), len(documents), "extract", show_progress)


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


def project_dir() -> Path:
    return default_data_dir().parent


def _load_stage(state: BuildState) -> None:
    """Curation decisions, then every input document, read and checked before any work starts."""
    s = state.settings
    state.curation = _curate_setup(s.data_dir, s.curation_dir)
    state.documents = load_corpus(s.inputs, s.options or LoadOptions())
    if not state.documents:  # an empty build would replace good dumps with an empty graph: refuse before any output
        raise InputError(", ".join(map(str, s.inputs)), "no input documents (.txt, .md, .html) found")


def _extract_stage(state: BuildState) -> None:
    """Every extraction merged within its document, summarised for coreference and put away on disk."""
    import shutil
    import tempfile

    s = state.settings
    folder = Path(tempfile.mkdtemp(prefix="refugee-ld-extractions-"))
    state.stack.callback(shutil.rmtree, folder, True)
    spill = state.spill = state.stack.enter_context(ExtractionSpill(folder))
    entities: dict = {}  # one object for equal entities of different documents (registry ones above all)
    for extraction in _extracted(state.documents, s.data_dir, s.jobs, s.show_progress, s.cache_dir, s.cluster):
        merged = merge_within(extraction)
        state.summaries.append(summarise(merged, entities))
        spill.append(merged)
    spill.close()
    state.documents = []


def _coref_stage(state: BuildState) -> None:
    """Keys and labels across documents from the summaries (the extractions are rewritten as they are mapped)."""
    state.keys = corpus_keys(state.summaries)


STAGES: tuple[Stage, ...] = (Stage("load", _load_stage), Stage("extract", _extract_stage),
                             Stage("coreference", _coref_stage), STAGE_MAP, STAGE_VALIDATE, STAGE_WRITE)


def run_stages(settings: BuildSettings,
               around: Callable[[Stage, Callable[[], None]], None] | None = None,
               observe: Callable[[str, BuildState], None] | None = None) -> BuildResult:
    """Run STAGES in order; `around(stage, run)` may time or trace each (the benchmark does); `observe(name,
    state)` sees the state after each stage (what an incremental rebuild records, incremental.Recorder)."""
    from .progress import timed

    with ExitStack() as stack:
        state = BuildState(settings, stack)
        for stage in STAGES:
            step = functools.partial(timed(stage.label or stage.name, stage.run), state)
            if around is None:
                step()
            else:
                around(stage, step)
            if observe is not None:
                observe(stage.name, state)
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
    settings = build_settings(inputs, out_dir=out_dir, base=base, jobs=jobs, validate=validate,
                              data_dir=data_dir, shapes_dir=shapes_dir, show_progress=show_progress,
                              curation_dir=curation_dir, cache_dir=cache_dir, cluster=cluster, keep=keep,
                              options=options, memory_budget=memory_budget)
    if settings.cache_dir is None:
        return run_stages(settings)
    return build_with_state(settings)


def build_with_state(settings: BuildSettings) -> BuildResult:
    """With a cache folder: patch the previous generation when only some documents changed (rebuild.py), else
    a full build that records what the next one needs (incremental.py); both give the same bytes."""
    from .incremental import Fallback, Recorder, forget_state
    from .progress import detail
    from .rebuild import rebuild

    s = settings
    assert s.cache_dir is not None

    def load() -> list[Document]:
        documents = load_corpus(s.inputs, s.options or LoadOptions())
        if not documents:
            raise InputError(", ".join(map(str, s.inputs)), "no input documents (.txt, .md, .html) found")
        return documents

    def extracted(documents: list[Document]) -> Iterator[Extraction]:
        return _extracted(documents, s.data_dir, s.jobs, False, s.cache_dir, s.cluster)

    try:
        result = rebuild(s, load, extracted)
        detail("incremental rebuild: the previous generation patched", 1)
        return result
    except Fallback as exc:
        detail(f"full build: {exc}", 1)
    recorder = Recorder(s)
    forget_state(s.cache_dir)
    result = run_stages(s, observe=recorder.after)
    recorder.save(s.out_dir)
    return result


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


def extract_documents(documents: list[Document], data_dir: Path | None = None, jobs: int = 1,
                      show_progress: bool | None = None) -> list[Extraction]:
    """`extract_corpus` for documents already loaded (eval gives them metadata from their gold files)."""
    data_dir = data_dir or default_data_dir()
    tasks = [(doc, str(data_dir)) for doc in documents]
    results = list(progress(_run_extraction(tasks, jobs, None), len(tasks), "extract", show_progress))
    return resolve_corpus(results)


