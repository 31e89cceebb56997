"""The build pipeline as a Python API: load -> extract (parallel) -> coreference -> map -> validate -> write.

The CLI is a thin layer over these functions; a notebook can call them directly.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from .coref import resolve_corpus
from .extraction.extract import extract
from .extraction.cache import ExtractionCache
from .lang.lexicon import load_lexicon
from .text.loading import InputError, collect_inputs, load_document
from .records import Document, Extraction
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

    results = list(progress(in_order(), len(documents), "extract", show_progress))
    from .progress import timed

    return timed("coreference", resolve_corpus)(results)


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



OUTPUT_FILES = ("graph.ttl", "graph.nt", "dataset.nq", "dataset.trig", "graph.jsonld", "context.jsonld",
                "validation.ttl", "void.ttl")


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


def void_quads(quads: list, base: str, documents: int) -> list:
    from .rdf.terms import DCTERMS, RDF, VOID, Quad, en, integer, iri, literal

    ds = iri(f"{base}dataset")
    triples = {(q.s, q.p, q.o) for q in quads}
    subjects = {t[0] for t in triples}
    properties = {t[1] for t in triples}
    classes: dict[str, set] = {}
    for s, p, o in triples:
        if p.value == RDF + "type" and o.value.startswith("https://w3id.org/refugee-ld/ontology#"):
            classes.setdefault(o.value, set()).add(s)
    out = [Quad(ds, iri(RDF + "type"), iri(VOID + "Dataset")),
           Quad(ds, iri(DCTERMS + "title"), en("refugee-ld knowledge graph")),
           Quad(ds, iri(VOID + "triples"), integer(len(triples))),
           Quad(ds, iri(VOID + "distinctSubjects"), integer(len(subjects))),
           Quad(ds, iri(VOID + "properties"), integer(len(properties))),
           Quad(ds, iri(VOID + "documents"), integer(documents)),
           Quad(ds, iri(VOID + "uriSpace"), literal(base)),
           Quad(ds, iri(VOID + "vocabulary"), iri("https://w3id.org/refugee-ld/ontology#"))]
    for cls in sorted(classes):
        part = iri(f"{base}dataset/class/{cls.rsplit('#', 1)[-1]}")
        out += [Quad(ds, iri(VOID + "classPartition"), part), Quad(part, iri(VOID + "class"), iri(cls)),
                Quad(part, iri(VOID + "entities"), integer(len(classes[cls])))]
    graphs: dict[str, int] = {}
    for q in quads:
        if q.g is not None:
            graphs[q.g.value] = graphs.get(q.g.value, 0) + 1
    for g in sorted(graphs):
        out += [Quad(ds, iri(VOID + "subset"), iri(g)), Quad(iri(g), iri(RDF + "type"), iri(VOID + "Dataset")),
                Quad(iri(g), iri(VOID + "triples"), integer(graphs[g]))]
    return out


def check_build_terms(quads: list, extractions: list[Extraction], base: str) -> None:
    """Check every term of a build; an error names the input file whose graph holds the bad term."""
    from .rdf.mapping import IriMaker
    from .rdf.terms import check_quads

    iris = IriMaker(base)
    files = {iris.document(x.document): x.document.doc_id for x in extractions}
    check_quads(quads, lambda q: files.get(q.g, q.g.value if q.g is not None else "graph"))


def build(inputs: list[Path] | None = None, out_dir: Path = Path("dist"), base: str | None = None, jobs: int = 1,
          validate: bool = True, data_dir: Path | None = None, shapes_dir: Path | None = None,
          show_progress: bool | None = None, curation_dir: Path | None = None, *, cache_dir: Path | None = None,
          cluster: str | None = None, keep: int = 2, options: LoadOptions | None = None) -> BuildResult:
    """Build every dump as a new generation of `out_dir` (see generations.py): all files appear in one step.

    Curation decisions (`curation_dir`, default data_dir/curation) are read before any extraction work, so a
    bad row fails fast, and applied to the extracted facts before mapping.
    """
    from .rdf.serialize import (jsonld_context, prefixes_for, to_jsonld, to_nquads, to_ntriples, to_trig, to_turtle,
                            triples)
    from .rdf.terms import DEFAULT_BASE
    from .rdf.shacl_scope import validate_quads_fast as validate_quads  # per document + global; pyshacl fallback
    from .rdf.validation import ValidationReport, default_shapes_dir
    from .progress import timed, timed_all

    validate_quads = timed("validation", validate_quads)
    to_turtle, to_ntriples, to_nquads, to_trig, to_jsonld = timed_all(to_turtle, to_ntriples, to_nquads, to_trig,
                                                                      to_jsonld)

    import json

    from .limits import check_literal_sizes
    from .resources import ontology_file

    data_dir = data_dir or default_data_dir()
    base = base or DEFAULT_BASE
    if not base.endswith(("/", "#")):
        base += "/"
    inputs = inputs or [data_dir / "documents"]
    curation = _curate_setup(data_dir, curation_dir)
    extractions = extract_corpus(inputs, data_dir, jobs, show_progress, options, cache_dir=cache_dir,
                                 cluster=cluster)
    curated, confidence, curation_quads = _curate(extractions, curation, data_dir, base)
    extractions = curated.extractions
    quads = timed("mapping", assemble)(extractions, base, data_dir, ontology_file(), confidence)
    quads.extend(curation_quads)
    check_literal_sizes(quads, "build")  # no writer, SHACL engine or page is meant for a 16 MiB literal
    check_build_terms(quads, extractions, base)  # nothing reaches a writer unchecked (InvalidTermError: exit 2)
    rows = triples(quads)  # the union, sorted once for every union-graph writer
    ntriples = to_ntriples(quads, rows)
    if validate:
        report = validate_quads(quads, shapes_dir or default_shapes_dir(), ntriples)
    else:
        report = ValidationReport(True, validated=False)  # validation.ttl then claims nothing
    prefixes = prefixes_for(base)
    void = void_quads(quads, base, len(extractions))
    files = {
        out_dir / "graph.ttl": to_turtle(quads, prefixes, rows),
        out_dir / "graph.nt": ntriples,
        out_dir / "dataset.nq": to_nquads(quads),
        out_dir / "dataset.trig": to_trig(quads, prefixes),
        out_dir / "graph.jsonld": to_jsonld(quads, prefixes, rows),
        out_dir / "context.jsonld": json.dumps(jsonld_context(prefixes), indent=1) + "\n",
        out_dir / "validation.ttl": to_turtle(report.quads(base), prefixes) if validate else NOT_VALIDATED,
        out_dir / "void.ttl": to_turtle(void, prefixes),
    }
    write_outputs(out_dir, {path.name: text for path, text in files.items()}, keep)
    triple_count = len(rows)
    return BuildResult(out_dir, len(extractions), triple_count, report.conforms, OUTPUT_FILES,
                       report if validate else None, validate, tuple(curated.notes))


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
    """Write the dumps as one new generation of `out_dir` and switch to it atomically; returns its folder."""
    from .generations import write_generation

    return write_generation(out_dir, files, keep, adopt=_old_output)
