"""`refugee-ld serve`: a read-only linked-data server over a built dump.

Built on Starlette (ASGI toolkit) served by uvicorn: both maintained, small, pure Python at their core, with
graceful shutdown on SIGTERM/SIGINT (in-flight requests finish, then the lifespan hook stops the query workers).
Synchronous endpoints run in Starlette's thread pool; the SPARQL work itself runs in `sparql_pool` worker
processes with a deadline. Routes:

- `/sparql`: SPARQL 1.1 Protocol (GET, POST form, POST application/sparql-query); results by `Accept` or
  `format=`; a query form for browsers; CORS open; Update and SERVICE refused.
- `<id path>/<key>` (default `/id/`): every entity and document IRI under the base, negotiated between the
  published HTML page and Turtle / N-Triples / JSON-LD (200 with `Content-Location`, `Vary: Accept` and `Link`
  alternates; unknown IRIs 404).
- `/site/...` the static site, `/dumps/...` the dump files.
"""
from __future__ import annotations

import html
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, quote

from ..publish import negotiation
from ..publish.sparql_pool import QueryPool, QueryRefused, QueryTimeout, ServerBusy
from ..rdf.formats import BUILD_FILES
from ..rdf.terms import is_valid_iri

ACCESS_LOG = logging.getLogger("refugee_ld.access")
EXTENSIONS = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
              ".html": "text/html"}
MEDIA_EXTENSION = {v: k for k, v in EXTENSIONS.items()}
DUMPS = BUILD_FILES  # what a build writes (rdf/formats.py)
EXAMPLES = {
    "Treaty actions with their dates": """SELECT ?state ?instrument ?action ?date WHERE {
  ?a a rld:TreatyAction ; rld:state ?state ; rld:instrument ?instrument ; rld:action ?action .
  OPTIONAL { ?a rld:date ?date }
} ORDER BY ?state LIMIT 100""",
    "Which document says what (provenance)": """SELECT ?document ?quote WHERE {
  GRAPH ?document { ?fact rld:evidence ?e . ?e oa:exact ?quote }
} LIMIT 50""",
    "Triples in the union graph": "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }",
}


@dataclass
class ServerConfig:
    """What `serve` needs to answer: the loaded store, where the site and dumps are, and the limits."""

    store_path: Path
    data_dir: Path
    site_dir: Path | None = None
    base: str = "https://w3id.org/refugee-ld/id/"
    id_path: str = "/id/"
    workers: int = 2
    timeout: float = 30.0
    limit: int = 10_000
    prefixes: dict[str, str] = field(default_factory=dict)


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Any:
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


class AccessLog:
    """Pure ASGI middleware writing one Common Log Format line per request."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status, size = 0, 0

        async def capture(message: Any) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            client = (scope.get("client") or ("-", 0))[0]
            path = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
            if scope.get("query_string"):
                path += "?" + scope["query_string"].decode("latin-1")
            stamp = time.strftime("%d/%b/%Y:%H:%M:%S %z")
            line = f'{client} - - [{stamp}] "{scope["method"]} {path} HTTP/{scope.get("http_version", "1.1")}" '
            ACCESS_LOG.info("%s%s %s", line, status, size or "-")


def _read_only() -> Any:
    return _text(403, "SPARQL Update is not accepted: this server is read-only")


def _run_pool(pool: QueryPool, query: str, media_type: str) -> Any:
    """Run one query in the pool: the result, or the error response (400 refused, 503 busy or too slow)."""
    try:
        return pool.run(query, media_type)
    except QueryRefused as exc:
        return _text(400, str(exc))
    except (QueryTimeout, ServerBusy) as exc:
        return _text(503, str(exc), {"Retry-After": "5"})


async def _protocol_query(request: Any, params: dict[str, str]) -> tuple[str | None, Any]:
    """The query of a SPARQL Protocol request (from the URL, the form or the body), or an error response.

    `params` is updated with the form's fields; the second item is a response when the request is refused."""
    query = params.get("query")
    if request.method != "POST":
        return query, None
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-query":
        return (await request.body()).decode("utf-8", errors="replace"), None
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs((await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True)
        if "update" in form:
            return None, _read_only()
        params.update({k: v[0] for k, v in form.items()})
        return params.get("query") or None, None
    if content_type == "application/sparql-update":
        return None, _read_only()
    return None, _text(415, f"unsupported content type {content_type or '(none)'!r}: use "
                            "application/sparql-query or application/x-www-form-urlencoded")


def _result_media(request: Any, params: dict[str, str]) -> str | None:
    """The media type of the answer: `format=` first, then the `Accept` header."""
    media = negotiation.from_format_parameter(params.get("format"))
    if media is None:
        offered = list(negotiation.RESULT_TYPES) + list(negotiation.RDF_TYPES)
        media = negotiation.choose(request.headers.get("accept"), offered)
    return media


def _resource_key(request: Any, id_path: str, offered: list[str]) -> tuple[str, str, str | None]:
    """(raw path, key under the id path, media type) of a resource request; the media type is None when none fits.

    An extension on the key (`.ttl`, ...) picks the type, `format=` overrides it, `Accept` decides otherwise."""
    raw = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
    key = raw[len(id_path):]
    media: str | None = None
    for extension, media_type in EXTENSIONS.items():
        if key.endswith(extension):
            key, media = key[: -len(extension)], media_type
            break
    media = negotiation.from_format_parameter(request.query_params.get("format")) or media
    if media is None:
        media = negotiation.choose(request.headers.get("accept"), offered)
    return raw, key, media if media in offered else None


class _Endpoints:
    """The request handlers of one app: the configuration and the query pool (set by the app's lifespan)."""

    def __init__(self, config: ServerConfig, pool: QueryPool | None) -> None:
        self.config = config
        self.given_pool = pool
        self.pool: QueryPool | None = pool

    def lifespan(self, app: Any) -> Any:
        import contextlib

        @contextlib.asynccontextmanager
        async def running(app: Any) -> Any:
            config = self.config
            self.pool = self.given_pool or QueryPool(str(config.store_path), config.prefixes,
                                                     workers=config.workers, timeout=config.timeout,
                                                     limit=config.limit)
            try:
                yield
            finally:
                if self.given_pool is None:
                    self.pool.close()

        return running(app)

    def answer(self, query: str, media_type: str) -> Any:
        from starlette.responses import Response

        assert self.pool is not None
        result = _run_pool(self.pool, query, media_type)
        if isinstance(result, Response):
            return result
        headers = {"Vary": "Accept"}
        if result.truncated:
            headers["X-Result-Limit"] = f"{self.config.limit}; truncated"
        charset = "; charset=utf-8" if result.media_type.startswith("text/") else ""
        return Response(result.body, media_type=result.media_type + charset, headers=headers)

    async def sparql(self, request: Any) -> Any:
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import HTMLResponse

        params = dict(request.query_params)
        query, refused = await _protocol_query(request, params)
        if refused is not None:
            return refused
        if "update" in params:
            return _read_only()
        if not query:
            if negotiation.choose(request.headers.get("accept"), ["text/html"]):
                return HTMLResponse(query_page(self.config))
            return _text(400, "missing 'query' parameter")
        for unsupported in ("default-graph-uri", "named-graph-uri"):
            if unsupported in params:
                return _text(400, f"{unsupported} is not supported: use FROM / FROM NAMED or GRAPH in the query")
        media = _result_media(request, params)
        if media is None:
            return _text(406, "none of the accepted media types can be produced; offered: "
                         + ", ".join(list(negotiation.RESULT_TYPES) + list(negotiation.RDF_TYPES)))
        return await run_in_threadpool(self.answer, query, media)

    async def resource(self, request: Any) -> Any:
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import Response

        config = self.config
        offered = ["text/html", *negotiation.RDF_TYPES]
        raw, key, media = _resource_key(request, config.id_path, offered)
        if media is None:
            return _text(406, "offered: " + ", ".join(offered))
        iri = config.base + key
        if not key or not is_valid_iri(iri):  # the IRI goes into a query between <...>
            return _text(404, f"no resource {raw}")
        graph = await run_in_threadpool(self.answer_describe, iri, media)
        if graph is None:
            return _text(404, f"no resource {iri}")
        if isinstance(graph, Response):
            return graph
        location = f"{config.id_path}{key}{MEDIA_EXTENSION[media]}"
        links = ", ".join(f'<{config.id_path}{key}{MEDIA_EXTENSION[m]}>; rel="alternate"; type="{m}"'
                          for m in offered if m != media)
        headers = {"Vary": "Accept", "Content-Location": location, "Link": links}
        if media == "text/html":
            page = site_page(config, key)
            body = page.read_bytes() if page else fallback_page(iri, graph).encode("utf-8")
            return Response(body, media_type="text/html; charset=utf-8", headers=headers)
        charset = "; charset=utf-8" if media.startswith("text/") else ""
        return Response(graph, media_type=media + charset, headers=headers)

    def answer_describe(self, iri: str, media: str) -> Any:
        """The resource's triples (bytes), None when it has none, or an error response."""
        from starlette.responses import Response

        assert self.pool is not None
        rdf_media = "text/turtle" if media == "text/html" else media
        query = f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}"
        result = _run_pool(self.pool, query, rdf_media)
        if isinstance(result, Response):
            return result
        return result.body if result.count else None

    async def home(self, request: Any) -> Any:
        from starlette.responses import HTMLResponse, RedirectResponse

        if self.config.site_dir and (self.config.site_dir / "index.html").is_file():
            return RedirectResponse("/site/index.html", status_code=303)
        return HTMLResponse(home_page(self.config))


def create_app(config: ServerConfig, pool: QueryPool | None = None) -> Any:
    """The ASGI application; `pool` may be given (tests), otherwise it is started with the app's lifespan."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    endpoints = _Endpoints(config, pool)
    routes: list[Any] = [
        Route("/", endpoints.home),
        Route("/sparql", endpoints.sparql, methods=["GET", "POST"]),
        Route(config.id_path.rstrip("/") + "/{key:path}", endpoints.resource),
        Mount("/dumps", app=DumpFiles(config.data_dir)),
    ]
    if config.site_dir and config.site_dir.is_dir():
        routes.append(Mount("/site", app=StaticFiles(directory=str(config.site_dir), html=True)))
    middleware = [Middleware(AccessLog),
                  Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                             allow_headers=["Accept", "Content-Type"])]
    return Starlette(routes=routes, middleware=middleware, lifespan=endpoints.lifespan)


class DumpFiles:
    """Serves only the dump files of the data folder, with their RDF media types."""

    TYPES: ClassVar[dict[str, str]] = {".ttl": "text/turtle; charset=utf-8", ".nt": "application/n-triples",
                                       ".nq": "application/n-quads", ".trig": "application/trig",
                                       ".jsonld": "application/ld+json"}

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        from starlette.responses import FileResponse

        path = scope["path"]
        name = path[len("/dumps/"):] if path.startswith("/dumps/") else path.lstrip("/")
        if name not in DUMPS or not (self.data_dir / name).is_file():
            await _text(404, "no such dump; available: " + ", ".join(DUMPS))(scope, receive, send)
            return
        media = self.TYPES[Path(name).suffix]
        await FileResponse(self.data_dir / name, media_type=media)(scope, receive, send)


def site_page(config: ServerConfig, key: str) -> Path | None:
    """The published HTML page of an entity (at the path `publish` gives its IRI), inside the site folder."""
    from ..publish.paths import page_path, safe_target

    if not config.site_dir:
        return None
    rel = page_path(config.base + key, config.base)
    if rel is None:
        return None
    try:
        candidate = safe_target(config.site_dir, rel)
    except ValueError:
        return None
    return candidate if candidate.is_file() else None


def fallback_page(iri: str, turtle: bytes) -> str:
    """A plain page for entities the site does not have (no site published, or an older one)."""
    title = html.escape(iri)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><h1>{title}</h1><pre>{html.escape(turtle.decode('utf-8'))}</pre></body></html>")


def home_page(config: ServerConfig) -> str:
    dumps = "".join(f'<li><a href="/dumps/{quote(name)}">{html.escape(name)}</a></li>'
                    for name in DUMPS if (config.data_dir / name).is_file())
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>refugee-ld server</title></head>'
            '<body><h1>refugee-ld server</h1><p><a href="/sparql">SPARQL query page</a></p>'
            f"<h2>Dumps</h2><ul>{dumps}</ul></body></html>")


def query_page(config: ServerConfig) -> str:
    """The HTML form at /sparql, with the examples as links that fill it."""
    examples = "".join(
        f'<li><a href="/sparql?query={quote(text)}&amp;format=json">{html.escape(name)}</a>'
        f"<pre>{html.escape(text)}</pre></li>" for name, text in EXAMPLES.items())
    prefixes = html.escape("\n".join(f"PREFIX {p}: <{ns}>" for p, ns in sorted(config.prefixes.items())))
    default = html.escape(next(iter(EXAMPLES.values())))
    options = "".join(f'<option value="{m}">{html.escape(n)}</option>' for m, n in
                      [("json", "JSON"), ("xml", "XML"), ("csv", "CSV"), ("tsv", "TSV"), ("turtle", "Turtle")])
    limits = (f"<p>Answers are cut at {config.limit:,} results; a query may run {config.timeout:g} s. "
              "Update and SERVICE are refused.</p>")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SPARQL query - refugee-ld</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
textarea{{width:100%;height:14rem;font-family:monospace}}pre{{background:#f4f4f4;padding:.5rem;overflow:auto}}</style>
</head><body><h1>SPARQL query</h1>
<form method="post" action="/sparql">
<label for="query">Query (SPARQL 1.1; the prefixes below are predeclared)</label>
<textarea id="query" name="query">{default}</textarea>
<label for="format">Result format</label> <select id="format" name="format">{options}</select>
<button type="submit">Run query</button></form>
{limits}
<h2>Examples</h2><ul>{examples}</ul>
<h2>Predeclared prefixes</h2><pre>{prefixes}</pre></body></html>"""


def serve(data_dir: Path, *, host: str = "127.0.0.1", port: int = 8000, store_dir: Path | None = None,
          site_dir: Path | None = None, base: str | None = None, workers: int = 2, timeout: float = 30.0,
          limit: int = 10_000, id_path: str = "/id/", log: bool = True) -> None:
    """Load (or reuse) the store for `data_dir` and serve it until SIGINT/SIGTERM."""
    import uvicorn

    from ..rdf.serialize import prefixes_for
    from ..rdf.terms import DEFAULT_BASE
    from ..rdf.triplestore import ensure_store

    base = base or DEFAULT_BASE
    store_path, loaded = ensure_store(data_dir, store_dir or data_dir.parent / ".refugee-ld-store")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("refugee_ld").info("store %s (%s)", store_path, "loaded now" if loaded else "reused")
    if not log:
        ACCESS_LOG.setLevel(logging.WARNING)
    config = ServerConfig(store_path=store_path, data_dir=data_dir, site_dir=site_dir, base=base,
                          id_path="/" + id_path.strip("/") + "/",
                          workers=workers, timeout=timeout, limit=limit, prefixes=prefixes_for(base))
    uvicorn.run(create_app(config), host=host, port=port, access_log=False, log_level="warning",
                timeout_graceful_shutdown=10)
