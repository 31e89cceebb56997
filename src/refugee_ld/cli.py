"""Command line: a thin layer over `refugee_ld.pipeline` and friends.

Heavy libraries (rdflib, pyshacl, pyoxigraph) are imported inside the commands, so `--help` starts fast.
Exit codes: 0 success / conforms, 1 the data does not conform, 2 bad usage or unreadable input.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .evaluate import __doc__ as EVAL_RULES  # plain text, no heavy imports

EXIT_OK, EXIT_NONCONFORMING, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _guard(func):  # noqa: ANN001, ANN202
    """Turn input problems into one-line messages with exit code 2, never a traceback."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        from .loading import InputError
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            _fail(str(exc))
        except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
            _fail(f"{exc.filename}: {exc.strerror}")
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="refugee-ld")
def main() -> None:
    """Turn documents about refugees, statelessness and migration into a validated RDF knowledge graph."""


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default=Path("dist"), type=click.Path(path_type=Path), show_default=True,
              help="Folder for the dumps.")
@click.option("--base-iri", default=None, help="Base IRI of the data (default https://w3id.org/refugee-ld/id/).")
@click.option("--jobs", default=1, type=click.IntRange(1, 64), show_default=True, help="Worker processes.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (validation.ttl then says conforms).")
@click.option("--data-dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Registry, lexicon and Wikidata cache (default: the project's data/).")
@_guard
def build(inputs: tuple[Path, ...], out_dir: Path, base_iri: str | None, jobs: int, no_validate: bool,
          data_dir: Path | None) -> None:
    """Build the dumps from INPUT files/folders (.txt, .md, .html; default data/documents/).

    Writes graph.ttl, graph.nt, dataset.nq, dataset.trig, graph.jsonld, context.jsonld, validation.ttl and
    void.ttl to --out, all together and atomically.  Exit 1 when the graph violates the SHACL shapes.
    """
    from .pipeline import build as run_build

    if base_iri is not None and not base_iri.startswith(("http://", "https://", "urn:")):
        _fail(f"--base-iri: {base_iri!r} is not an absolute IRI")
    result = run_build(list(inputs) or None, out_dir, base_iri, jobs, not no_validate, data_dir)
    report = result.report
    click.echo(f"built {result.documents} documents, {result.triples} triples -> {out_dir}/", err=True)
    if not result.conforms:
        click.echo(report.text(), err=True)  # type: ignore[union-attr]
        sys.exit(EXIT_NONCONFORMING)
    if report is not None and report.warnings:  # type: ignore[union-attr]
        click.echo(f"conforms, with {len(report.warnings)} warnings (see {out_dir}/validation.ttl)", err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--shapes", "shapes_dir", default=None, type=click.Path(path_type=Path),
              help="Folder of SHACL shapes (*.ttl); default: the project's shapes/.")
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text", show_default=True)
@_guard
def validate(paths: tuple[Path, ...], shapes_dir: Path | None, fmt: str) -> None:
    """Validate RDF files (default dist/graph.nt) against the SHACL shapes; exit 1 on violations."""
    from .loading import InputError
    from .rdfio import read_quads, resolve_data_paths
    from .serialize import prefixes_for, to_turtle
    from .terms import DEFAULT_BASE
    from .serialize import to_ntriples
    from .validation import default_shapes_dir, load_shapes, materialise_sparql_targets, to_rdflib, validate_graph

    files = resolve_data_paths(list(paths), Path("dist"), ("graph.nt", "graph.ttl", "dataset.nq"))
    quads = [q for path in files for q in read_quads(path)]
    shapes = shapes_dir or default_shapes_dir()
    if not shapes.is_dir():
        raise InputError(shapes, "shapes folder not found")
    try:
        shapes_graph = load_shapes(shapes)
    except FileNotFoundError as exc:
        raise InputError(shapes, str(exc).split(": ", 1)[-1]) from None
    except Exception as exc:  # rdflib raises several parser exception types
        raise InputError(shapes, f"shapes are not valid Turtle: {' '.join(str(exc).split())[:200]}") from None
    report = validate_graph(to_rdflib(quads), materialise_sparql_targets(shapes_graph, to_ntriples(quads)))
    if fmt == "json":
        click.echo(report.as_json(), nl=False)
    elif fmt == "turtle":
        click.echo(to_turtle(report.quads(DEFAULT_BASE), prefixes_for(DEFAULT_BASE)), nl=False)
    else:
        click.echo(report.text(), nl=False)
    sys.exit(EXIT_OK if report.conforms else EXIT_NONCONFORMING)


@main.command()
@click.argument("query_or_file")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Dump folder or RDF file(s); default dist/ (its dataset.nq, named graphs kept).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle"]),
              default="table", show_default=True)
@click.option("--allow-service", is_flag=True, help="Permit SPARQL SERVICE calls to remote endpoints.")
@_guard
def query(query_or_file: str, data: tuple[Path, ...], fmt: str, allow_service: bool) -> None:
    """Run a SPARQL 1.1 query (a string or a .rq file) over the dump; project prefixes are predeclared.

    The default graph is the union of all named graphs; use GRAPH ?g { ... } to ask which document says what.
    """
    from .query import read_query, run_query

    click.echo(run_query(read_query(query_or_file), list(data), fmt, allow_service), nl=False)


@main.command(name="eval", help="Score extraction against gold annotations (precision, recall, F1).\n\n"
              + "\b\n" + (EVAL_RULES or "").split("\n", 1)[1])
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--gold", "gold_dir", required=True, type=click.Path(path_type=Path),
              help="Folder of gold JSON files (one per document).")
@click.option("--show-errors", is_flag=True, help="List misses and false positives with their quotes.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--jobs", default=1, type=click.IntRange(1, 64), show_default=True)
@_guard
def eval_command(inputs: tuple[Path, ...], gold_dir: Path, show_errors: bool, fmt: str, jobs: int) -> None:
    import json

    from .evaluate import evaluate, load_gold
    from .loading import InputError
    from .pipeline import extract_corpus
    from .registry import default_data_dir

    if not gold_dir.is_dir():
        raise InputError(gold_dir, "gold folder not found")
    try:
        gold = load_gold(gold_dir)
    except (ValueError, KeyError) as exc:
        raise InputError(gold_dir, f"malformed gold file: {exc}") from None
    extractions = extract_corpus(list(inputs) or [default_data_dir() / "documents"], jobs=jobs)
    labels = {e.key: e.label for x in extractions for e in x.entities}
    report = evaluate(gold, extractions, labels)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=1))
    else:
        click.echo(report.table())
    if show_errors:
        click.echo("")
        for line in report.errors:
            click.echo(line)


@main.command()
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Built dump (folder or file) whose entities to link; default dist/.")
@click.option("--endpoint", default=None, help="MediaWiki API URL (default Wikidata's) or a reconciliation endpoint.")
@click.option("--api", type=click.Choice(["mediawiki", "reconciliation"]), default="mediawiki", show_default=True,
              help="Protocol of --endpoint: MediaWiki Action API or W3C Entity Reconciliation API 0.2.")
@click.option("--cache", "cache_path", default=None, type=click.Path(path_type=Path),
              help="Answer cache (default data/wikidata/cache.json).")
@click.option("--offline", is_flag=True, help="Make no request at all; use cached answers only.")
@click.option("--types", default="State,Agency,Instrument,Event,Person,Place", show_default=True,
              help="Comma-separated classes to reconcile.")
@click.option("--threshold", default=0.9, type=click.FloatRange(0, 2), show_default=True,
              help="Minimum score to accept a candidate.")
@click.option("--margin", default=0.1, type=click.FloatRange(0, 1), show_default=True,
              help="Minimum lead over the runner-up.")
@click.option("--data-dir", default=None, type=click.Path(path_type=Path, file_okay=False))
@_guard
def reconcile(data: tuple[Path, ...], endpoint: str | None, api: str, cache_path: Path | None, offline: bool,
              types: str, threshold: float, margin: float, data_dir: Path | None) -> None:
    """Link entities to Wikidata items; writes data/wikidata/links.tsv and review.csv (build reads them offline).

    Overrides in data/wikidata/overrides.tsv always win; rerun after editing them.
    """
    import warnings

    from .loading import InputError
    from .rdfio import resolve_data_paths
    from .reconcile import (CACHE_FILE, Reconciler, curated_keys, load_types, read_overrides, summary,
                            targets_from_dump, write_links, write_review)
    from .registry import default_data_dir, load_registry
    from .wikidata import Cache, DEFAULT_ENDPOINT, WikidataClient, WikidataUnavailable

    data_dir = data_dir or default_data_dir()
    wanted = [t.strip() for t in types.split(",") if t.strip()]
    unknown = set(wanted) - {"State", "Agency", "Instrument", "Event", "Person", "Place"}
    if unknown:
        _fail(f"--types: unknown class {sorted(unknown)[0]!r}")
    paths = resolve_data_paths(list(data), Path("dist"), ("dataset.nq", "graph.nt", "graph.ttl"))
    try:
        cache = Cache.load(cache_path or data_dir / "wikidata" / CACHE_FILE)
    except ValueError as exc:
        raise InputError(cache_path or CACHE_FILE, str(exc).split(": ", 1)[-1]) from None
    client = WikidataClient(endpoint or DEFAULT_ENDPOINT, cache, offline)
    registry = load_registry(data_dir / "registry")
    reconciler = Reconciler(client, load_types(data_dir), curated_keys(data_dir, registry), read_overrides(data_dir),
                            threshold, margin)
    targets = targets_from_dump(paths, wanted)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            decisions = reconciler.run(targets, api)
        except WikidataUnavailable as exc:
            click.echo(f"warning: {exc}; using cached answers only", err=True)
            cache.save()  # keep every complete answer received so far
            client.offline = True
            decisions = reconciler.run(targets, api)
    cache.save()
    write_links(data_dir, decisions)
    write_review(data_dir, decisions)
    click.echo(summary(decisions, client.requests_made), err=True)


@main.command()
@click.option("--data", "data", default=None, type=click.Path(path_type=Path),
              help="Built dump (folder or RDF file); default dist/ (its graph.nt).")
@click.option("--out", "out_dir", default=Path("site"), type=click.Path(path_type=Path), show_default=True)
@click.option("--base-iri", default=None, help="Base IRI the dump was built with (default https://w3id.org/refugee-ld/id/).")
@click.option("--templates", "templates", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder of Jinja2 templates (and style.css, sparql/*.rq) overriding the shipped ones by name.")
@click.option("--documents", "documents", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder holding the documents' texts for the document pages (default data/documents).")
@_guard
def publish(data: Path | None, out_dir: Path, base_iri: str | None, templates: Path | None,
            documents: tuple[Path, ...]) -> None:
    """Write a static site: fact sheets per entity, document pages with highlighted quotes, timeline, index."""
    from .publish import publish as run_publish
    from .rdfio import resolve_data_paths
    from .terms import DEFAULT_BASE

    if data is None or data.is_dir():
        path = data or Path("dist")
        if not path.is_dir():
            path = resolve_data_paths([path], Path("dist"), ("dataset.nq", "graph.nt", "graph.ttl"))[0]
    else:
        path = resolve_data_paths([data], Path("dist"), ("dataset.nq", "graph.nt", "graph.ttl"))[0]
    base = base_iri or DEFAULT_BASE
    pages = run_publish(path, out_dir, base if base.endswith(("/", "#")) else base + "/", templates,
                        list(documents) or None)
    click.echo(f"published {pages} pages -> {out_dir}/index.html", err=True)


if __name__ == "__main__":
    main()
