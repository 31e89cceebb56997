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
        from .text.loading import InputError
        from .resources import ResourceMissing
        from .rdf.terms import InvalidTermError
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            _fail(_one_line(str(exc)))
        except InvalidTermError as exc:  # a term no RDF writer may print (terms.py)
            _fail(_one_line(str(exc)))
        except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
            _fail(f"{exc.filename}: {exc.strerror}")
        except OSError as exc:  # a full disk, a read-only folder, a broken pipe to a file: name it and stop
            where = exc.filename or "output"
            _fail(f"{where}: {exc.strerror or _one_line(str(exc))}")
        except ResourceMissing as exc:
            _fail(str(exc))
        except MemoryError:
            _fail("out of memory (is an input larger than the documented limits?)")
        except RecursionError:
            _fail("input nested too deeply to read")
    return wrapper


def _one_line(message: str, limit: int = 500) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[:limit - 3] + "..."


def _settings() -> dict:
    """Group options (-q, -v, --data-dir) of the running command."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return (root.obj if root is not None and isinstance(root.obj, dict) else {}) or {}


def _say(message: str) -> None:
    """A summary line on stderr, unless -q."""
    if not _settings().get("quiet"):
        click.echo(message, err=True)


def _data_dir(command_level: Path | None) -> Path | None:
    """--data-dir of the command, else the group's, else None (the packaged or checkout data)."""
    chosen = command_level or _settings().get("data_dir")
    if chosen is not None and not chosen.is_dir():
        _fail(f"{chosen}: --data-dir is not a folder")
    return chosen


def _check_base_iri(base_iri: str) -> None:
    """An absolute IRI (RFC 3987) with none of the characters an IRI cannot hold (space, <>"{}|\\^`)."""
    import re

    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", base_iri):
        _fail(f"--base-iri: {base_iri!r} is not an absolute IRI (it needs a scheme such as https:)")
    bad = re.search(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f]", base_iri)
    if bad:
        _fail(f"--base-iri: {base_iri!r} holds {bad.group(0)!r}, which an IRI cannot contain (percent-encode it)")
    if not base_iri.startswith(("http://", "https://", "urn:")):
        _fail(f"--base-iri: {base_iri!r} is not an http(s) or urn IRI")


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        _fail(f"{out_dir}: --out names an existing file, not a folder")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="refugee-ld")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars and no summary lines; errors only.")
@click.option("-v", "--verbose", count=True, help="One line per stage with its duration (-vv: more detail).")
@click.option("--data-dir", "data_dir", default=None, type=click.Path(path_type=Path),
              help="Your own registry/, documents/, lexicon.json and wikidata/ (default: the packaged data/).")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: int, data_dir: Path | None) -> None:
    """Turn documents about refugees, statelessness and migration into a validated RDF knowledge graph.

    Progress bars appear on a terminal only (not when stderr is piped, not when CI is set).
    """
    from .progress import configure

    configure(quiet=quiet, verbose=0 if quiet else verbose)
    ctx.obj = {"quiet": quiet, "verbose": verbose, "data_dir": data_dir}


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default=Path("dist"), type=click.Path(path_type=Path), show_default=True,
              help="Folder for the dumps.")
@click.option("--base-iri", default=None, help="Base IRI of the data (default https://w3id.org/refugee-ld/id/).")
@click.option("--jobs", default=1, type=click.IntRange(1, 64), show_default=True, help="Worker processes.")
@click.option("--no-validate", is_flag=True,
              help="Skip SHACL validation; validation.ttl then holds only a comment saying so (no conformance "
                   "claim) and the exit code is 0.")
@click.option("--data-dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Registry, lexicon and Wikidata cache (default: the project's data/).")
@click.option("--cache-dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Extraction cache: unchanged documents are not extracted again (default .refugee-ld-cache/ "
                   "beside --out).")
@click.option("--no-cache", is_flag=True, help="Extract every document, reading and writing no cache.")
@click.option("--cluster", default=None, metavar="ADDRESS",
              help="Run the per-document stage on a Dask distributed scheduler (e.g. tcp://10.0.0.5:8786).")
@click.option("--curation", "curation_dir", default=None, type=click.Path(path_type=Path),
              help="Folder of curation decisions (*.tsv; default: DATA_DIR/curation).")
@click.option("--metadata", "metadata", default=None, type=click.Path(path_type=Path, dir_okay=False),
              help="CSV of document metadata: file,title,date,publisher,author_state,source,language.")
@click.option("--lenient", is_flag=True, help="Invalid metadata fields: warn and drop the field instead of exit 2.")
@click.option("--follow-symlinks", is_flag=True, help="Read symbolic links that lead outside the input folders.")
@click.option("--keep", "keep", default=2, type=click.IntRange(1, 1000), show_default=True,
              help="Generations of --out kept (the current one and older ones, for readers still using them).")
@_guard
def build(inputs: tuple[Path, ...], out_dir: Path, base_iri: str | None, jobs: int, no_validate: bool,
          data_dir: Path | None, cache_dir: Path | None, no_cache: bool, cluster: str | None,
          curation_dir: Path | None = None, metadata: Path | None = None, lenient: bool = False,
          follow_symlinks: bool = False, keep: int = 2) -> None:
    """Build the dumps from INPUT files/folders (.txt, .md, .html; default data/documents/).

    Writes graph.ttl, graph.nt, dataset.nq, dataset.trig, graph.jsonld, context.jsonld, validation.ttl and
    void.ttl to --out, all together and atomically.  Exit 1 only when the graph has a sh:Violation of the SHACL
    shapes; warnings (conflicting claims) are reported in validation.ttl (sh:conforms false) but exit 0.
    """
    from .pipeline import build as run_build

    if base_iri is not None:
        _check_base_iri(base_iri)
    _check_out_dir(out_dir)
    data_dir = _data_dir(data_dir)
    if not no_cache and cache_dir is None:
        cache_dir = out_dir.absolute().parent / ".refugee-ld-cache"
    from .pipeline import LoadOptions

    options = LoadOptions(metadata, lenient, follow_symlinks, lambda m: click.echo(f"warning: {m}", err=True))
    result = run_build(list(inputs) or None, out_dir=out_dir, base=base_iri, jobs=jobs, validate=not no_validate,
                       data_dir=data_dir, curation_dir=curation_dir, cache_dir=None if no_cache else cache_dir,
                       cluster=cluster, keep=keep, options=options)
    for note in result.notes:
        click.echo(f"note: curation {note}", err=True)
    report = result.report
    _say(f"built {result.documents} documents, {result.triples} triples -> {out_dir}/")
    if not getattr(result, "validated", True):
        _say("not validated (--no-validate): no conformance claim; run `refugee-ld validate` to check")
        return
    if not result.conforms:
        click.echo(report.text(), err=True)  # type: ignore[union-attr]
        sys.exit(EXIT_NONCONFORMING)
    if report is not None and report.warnings:  # type: ignore[union-attr]
        _say(f"conforms, with {len(report.warnings)} warnings (see {out_dir}/validation.ttl)")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--shapes", "shapes_dir", default=None, type=click.Path(path_type=Path),
              help="Folder of SHACL shapes (*.ttl); default: the project's shapes/.")
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text", show_default=True)
@_guard
def validate(paths: tuple[Path, ...], shapes_dir: Path | None, fmt: str) -> None:
    """Validate RDF files (default dist/graph.nt) against the SHACL shapes.

    Exit 1 only on a sh:Violation; warnings are listed (and make sh:conforms false, as SHACL defines it) but
    exit 0.
    """
    from .text.loading import InputError
    from .rdf.rdfio import read_quads, resolve_data_paths
    from .rdf.serialize import prefixes_for, to_turtle
    from .rdf.terms import DEFAULT_BASE
    from .rdf.serialize import to_ntriples
    from .rdf.validation import default_shapes_dir, load_shapes, materialise_sparql_targets, to_rdflib, validate_graph

    from .limits import check_literal_sizes, check_rdf_inputs, parser_bounds
    from .progress import timed

    files = resolve_data_paths(list(paths), Path("dist"), ("graph.nt", "graph.ttl", "dataset.nq"))
    check_rdf_inputs(files)
    quads = []
    for path in files:
        with parser_bounds(path):
            file_quads = read_quads(path)
        check_literal_sizes(file_quads, path)
        quads += file_quads
    shapes = shapes_dir or default_shapes_dir()
    if not shapes.is_dir():
        raise InputError(shapes, "shapes folder not found")
    try:
        shapes_graph = load_shapes(shapes)
    except FileNotFoundError as exc:
        raise InputError(shapes, str(exc).split(": ", 1)[-1]) from None
    except Exception as exc:  # rdflib raises several parser exception types
        raise InputError(shapes, f"shapes are not valid Turtle: {' '.join(str(exc).split())[:200]}") from None
    report = timed("validation", validate_graph)(to_rdflib(quads),
                                                materialise_sparql_targets(shapes_graph, to_ntriples(quads)))
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

    The default graph is the merge of every graph of the dump, each triple once (so COUNT(*) equals the
    void:triples of void.ttl); use GRAPH ?g { ... } to ask which document says what.  RDF files above
    512 MiB (REFUGEE_LD_MAX_RDF_MB) and RDF/XML with expanding DTD entities are refused.
    """
    from .query import read_query, run_query

    click.echo(run_query(read_query(query_or_file), list(data), fmt, allow_service), nl=False)
    sys.stdout.flush()  # a full disk or closed pipe shows here, inside the guard, not at interpreter exit


@main.command(name="eval", help="Score extraction against gold annotations (precision, recall, F1).\n\n"
              + "\b\n" + (EVAL_RULES or "").split("\n", 1)[1])
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--gold", "gold_dirs", required=True, multiple=True, type=click.Path(path_type=Path),
              help="Folder of gold JSON files (one per document, searched recursively); repeatable.")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True,
              help="Score only gold files whose \"split\" field says so (no field: dev).")
@click.option("--show-errors", is_flag=True, help="List misses and false positives with their quotes.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--jobs", default=1, type=click.IntRange(1, 64), show_default=True)
@_guard
def eval_command(inputs: tuple[Path, ...], gold_dirs: tuple[Path, ...], split: str, show_errors: bool, fmt: str,
                 jobs: int) -> None:
    import json

    from .evaluate import GoldError, evaluate_paths
    from .text.loading import InputError
    from .registry import default_data_dir

    for gold_dir in gold_dirs:
        if not gold_dir.is_dir():
            raise InputError(gold_dir, "gold folder not found")
    try:
        data_dir = _data_dir(None)
        documents = list(inputs) or [(data_dir or default_data_dir()) / "documents"]
        run = evaluate_paths(list(gold_dirs), documents, split, data_dir=data_dir, jobs=jobs)
    except GoldError as exc:
        raise InputError(exc.path, exc.reason) from None
    for warning in run.warnings:
        click.echo(f"warning: {warning}", err=True)
    if run.documents == 0:
        raise InputError(", ".join(map(str, gold_dirs)), f"no input document has a gold file in split {split!r} "
                         "(gold files name their document in \"document\")")
    report = run.report
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
@click.option("--deadline", default=600.0, type=click.FloatRange(0.1, 86400), show_default=True,
              help="Seconds for the whole run, retries included; when reached: exit 2, complete answers cached.")
@click.option("--max-response-mb", default=32.0, type=click.FloatRange(0.001, 4096), show_default=True,
              help="Largest answer accepted from the endpoint; a larger one: exit 2.")
@_guard
def reconcile(data: tuple[Path, ...], endpoint: str | None, api: str, cache_path: Path | None, offline: bool,
              types: str, threshold: float, margin: float, data_dir: Path | None, deadline: float,
              max_response_mb: float) -> None:
    """Link entities to Wikidata items; writes data/wikidata/links.tsv and review.csv (build reads them offline).

    Overrides in data/wikidata/overrides.tsv always win; rerun after editing them.
    """
    import warnings

    from .text.loading import InputError
    from .rdf.rdfio import resolve_data_paths
    from .linking.reconcile import (CACHE_FILE, Reconciler, curated_keys, load_types, read_overrides, summary,
                            targets_from_dump, write_links, write_review)
    from .registry import default_data_dir, load_registry
    from .resources import is_packaged
    from .linking.wikidata import Cache, DEFAULT_ENDPOINT, ReconcileAborted, WikidataClient, WikidataUnavailable

    data_dir = _data_dir(data_dir) or default_data_dir()
    if is_packaged(data_dir):
        _fail(f"{data_dir}: the installed package's data is read-only; pass --data-dir to say where "
              "links.tsv and review.csv go")
    wanted = [t.strip() for t in types.split(",") if t.strip()]
    unknown = set(wanted) - {"State", "Agency", "Instrument", "Event", "Person", "Place"}
    if unknown:
        _fail(f"--types: unknown class {sorted(unknown)[0]!r}")
    paths = resolve_data_paths(list(data), Path("dist"), ("dataset.nq", "graph.nt", "graph.ttl"))
    try:
        cache = Cache.load(cache_path or data_dir / "wikidata" / CACHE_FILE)
    except ValueError as exc:
        raise InputError(cache_path or CACHE_FILE, str(exc).split(": ", 1)[-1]) from None
    client = WikidataClient(endpoint or DEFAULT_ENDPOINT, cache, offline, deadline=deadline,
                            max_response_bytes=int(max_response_mb * 1024 * 1024))
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
            _fail(f"{exc} (after {client.requests_made} requests; answers so far cached in {cache.path})")
        except WikidataUnavailable as exc:
            click.echo(f"warning: {exc}; using cached answers only", err=True)
            cache.save()  # keep every complete answer received so far
            client.offline = True
            decisions = reconciler.run(targets, api)
    cache.save()
    write_links(data_dir, decisions)
    write_review(data_dir, decisions)
    _say(summary(decisions, client.requests_made))


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
    from .publish.site import publish as run_publish
    from .rdf.rdfio import resolve_data_paths
    from .rdf.terms import DEFAULT_BASE

    if base_iri is not None:
        _check_base_iri(base_iri)
    _check_out_dir(out_dir)
    if data is None or data.is_dir():
        path = data or Path("dist")
        if not path.is_dir():
            path = resolve_data_paths([path], Path("dist"), ("dataset.nq", "graph.nt", "graph.ttl"))[0]
    else:
        path = resolve_data_paths([data], Path("dist"), ("dataset.nq", "graph.nt", "graph.ttl"))[0]
    base = base_iri or DEFAULT_BASE
    from .limits import check_rdf_inputs, parser_bounds

    check_rdf_inputs([path])
    from .progress import timed

    with parser_bounds(path):
        pages = timed("publish", run_publish)(path, out_dir, base if base.endswith(("/", "#")) else base + "/",
                                              templates, list(documents) or None)
    _say(f"published {pages} pages -> {out_dir}/index.html")


@main.command()
@click.option("--data", "data_dir", default=Path("dist"), type=click.Path(path_type=Path, file_okay=False),
              show_default=True, help="Built dump folder (needs graph.nt and dataset.nq).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, type=click.IntRange(0, 65535), show_default=True)
@click.option("--store", "store_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the persistent Oxigraph store (default .refugee-ld-store/ beside the dump); "
                   "reused until the dump changes.")
@click.option("--site", "site_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Published site to serve as the HTML of entities (default site/ when it exists).")
@click.option("--base-iri", default=None, help="Base IRI the dump was built with.")
@click.option("--id-path", default="/id/", show_default=True, help="Server path that stands for the base IRI.")
@click.option("--workers", default=2, type=click.IntRange(1, 64), show_default=True, help="Query worker processes.")
@click.option("--timeout", default=30.0, type=click.FloatRange(0.1, 3600), show_default=True,
              help="Seconds a query may run before it is stopped (HTTP 503).")
@click.option("--limit", default=10_000, type=click.IntRange(1), show_default=True,
              help="Most results (rows or triples) one answer carries.")
@_guard
def serve(data_dir: Path, host: str, port: int, store_dir: Path | None, site_dir: Path | None,
          base_iri: str | None, id_path: str, workers: int, timeout: float, limit: int) -> None:
    """Serve the dump read-only: SPARQL 1.1 Protocol at /sparql, entity IRIs with content negotiation, the site.

    Stops gracefully on Ctrl-C or SIGTERM (requests under way finish first).
    """
    from .publish.serve import serve as run_serve

    if site_dir is None and Path("site").is_dir():
        site_dir = Path("site")
    click.echo(f"serving {data_dir} on http://{host}:{port}/ (SPARQL at /sparql)", err=True)
    run_serve(data_dir, host=host, port=port, store_dir=store_dir, site_dir=site_dir, base=base_iri,
              workers=workers, timeout=timeout, limit=limit, id_path=id_path)


@main.command()
@click.option("--data", "data_dir", default=Path("dist"), type=click.Path(path_type=Path, file_okay=False),
              show_default=True, help="Built dump folder (its dataset.nq is pushed).")
@click.option("--endpoint", required=True, help="The store's SPARQL query endpoint.")
@click.option("--graph-store", default=None, help="The store's Graph Store Protocol endpoint (default: --endpoint).")
@click.option("--sparql-update", is_flag=True, help="Use SPARQL 1.1 Update instead of the Graph Store Protocol.")
@click.option("--update-endpoint", default=None, help="SPARQL Update endpoint (default: --endpoint).")
@click.option("--user", default=None, help="User name for HTTP authentication.")
@click.option("--password", default=None, envvar="REFUGEE_LD_PASSWORD", help="Password (or REFUGEE_LD_PASSWORD).")
@click.option("--auth", "auth_scheme", type=click.Choice(["basic", "digest"]), default="basic", show_default=True)
@click.option("--token", default=None, envvar="REFUGEE_LD_TOKEN", help="Bearer token (or REFUGEE_LD_TOKEN).")
@click.option("--replace", is_flag=True, help="Also delete graphs under the base IRI that the dump no longer has.")
@click.option("--base-iri", default=None, help="Base IRI the dump was built with (for --replace).")
@click.option("--batch-mb", default=8.0, type=click.FloatRange(0.01, 1024), show_default=True,
              help="Largest request body; bigger graphs are sent in several requests.")
@click.option("--retries", default=4, type=click.IntRange(0, 20), show_default=True)
@_guard
def push(data_dir: Path, endpoint: str, graph_store: str | None, sparql_update: bool, update_endpoint: str | None,
         user: str | None, password: str | None, auth_scheme: str, token: str | None, replace: bool,
         base_iri: str | None, batch_mb: float, retries: int) -> None:
    """Upload the dataset to a triple store, one named graph per document (PUT replaces: reruns are idempotent)."""
    from .text.loading import InputError
    from .pipeline import progress
    from .publish.push import PushTarget
    from .publish.push import push as run_push
    from .rdf.terms import DEFAULT_BASE

    auth = None
    if user is not None:
        import requests.auth

        auth = (requests.auth.HTTPDigestAuth(user, password or "") if auth_scheme == "digest"
                else requests.auth.HTTPBasicAuth(user, password or ""))
    dataset = data_dir / "dataset.nq"
    if not dataset.is_file():
        raise InputError(data_dir, "no dataset.nq here (run `refugee-ld build` first)")
    target = PushTarget(endpoint=endpoint, graph_store=graph_store, update_endpoint=update_endpoint,
                        sparql_update=sparql_update, auth=auth, token=token)
    summary = run_push(dataset, target, base=base_iri or DEFAULT_BASE, replace=replace,
                       batch_bytes=int(batch_mb * (1 << 20)), retries=retries,
                       progress=lambda items, total: progress(items, total, "push"))
    click.echo(summary.line(), err=True)


@main.command()
@click.option("--below", default=0.8, type=click.FloatRange(0, 1), show_default=True,
              help="List facts whose rld:confidence is below this.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Built dump (folder or RDF file); default dist/ (its dataset.nq). With decisions: the IRIs "
                   "must be facts of it.")
@click.option("--accept", "accepts", multiple=True, metavar="IRI", help="Record that this fact is right.")
@click.option("--reject", "rejects", multiple=True, metavar="IRI", help="Record that this fact is wrong.")
@click.option("--apply", "apply_file", default=None, type=click.Path(path_type=Path),
              help="A review CSV whose 'decision' column says accept or reject.")
@click.option("--by", "by", default=None, help="Who decides (a person's name); needed to record decisions.")
@click.option("--note", default="", help="A note stored with --accept/--reject decisions.")
@click.option("--date", "date", default=None, help="Day of the decision (YYYY-MM-DD; default today, UTC).")
@click.option("--curation", "curation_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Curation folder to write to (default: the project's data/curation).")
@_guard
def review(below: float, fmt: str, data: tuple[Path, ...], accepts: tuple[str, ...], rejects: tuple[str, ...],
           apply_file: Path | None, by: str | None, note: str, date: str | None, curation_dir: Path | None) -> None:
    """List facts below a confidence with their quotes, or record a person's accept/reject decisions.

    \b
    refugee-ld review --below 0.8                     # terminal table
    refugee-ld review --format csv > review.csv       # fill its 'decision' column with accept / reject
    refugee-ld review --apply review.csv --by "A. Curator"
    refugee-ld review --reject https://w3id.org/refugee-ld/id/fact/0123456789abcdef --by "A. Curator"

    Decisions are appended to data/curation/review.tsv; the next build applies them.
    """
    import datetime

    from .rdf.rdfio import resolve_data_paths
    from .registry import default_data_dir
    from .review import list_for_review, read_decisions_csv, record_decisions, to_csv, to_table, today

    decisions = [("accept", i, note) for i in accepts] + [("reject", i, note) for i in rejects]
    if apply_file is not None:
        decisions += read_decisions_csv(apply_file)
    if not decisions and (accepts or rejects or apply_file):
        click.echo("no decisions to record", err=True)
        return
    if decisions:
        if not by:
            _fail("--by NAME is needed to record who decided")
        if date is not None:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                _fail(f"--date: {date!r} is not YYYY-MM-DD")
        if data:  # check the IRIs against the dump the reviewer looked at
            from .review import facts_in_dump

            known = facts_in_dump(resolve_data_paths(list(data), Path("dist"), ("dataset.nq", "graph.nt", "graph.ttl")))
            unknown = [iri for _, iri, _ in decisions if iri not in known]
            if unknown:
                _fail(f"{unknown[0]}: not a fact of {', '.join(map(str, data))}")
        path = record_decisions(curation_dir or default_data_dir() / "curation", decisions, by or "",
                                date or today())
        click.echo(f"recorded {len(decisions)} decisions in {path}; rebuild to apply them", err=True)
        return
    paths = resolve_data_paths(list(data), Path("dist"), ("dataset.nq", "graph.nt", "graph.ttl"))
    rows = list_for_review(paths, below)
    click.echo(to_csv(rows) if fmt == "csv" else to_table(rows), nl=False)


if __name__ == "__main__":
    main()
