"""`refugee-ld push`: load a built dataset into a triple store over HTTP, one named graph per document.

The SPARQL 1.1 Graph Store HTTP Protocol (GSP) is the default: `PUT ?graph=<g>` replaces a graph, so a rerun
is idempotent; graphs bigger than a batch are sent as one PUT and then POSTs (GSP's merge). Stores without
GSP get `DROP SILENT GRAPH` + `INSERT DATA` through SPARQL 1.1 Update. With `replace`, graphs the store holds
under the data's base IRI that the dataset no longer has (a removed document) are deleted. Transient failures
(connection errors, 5xx, 429) are retried with exponential backoff.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..text.loading import InputError


class PushError(InputError):
    """The store refused or kept failing (reported with exit code 2, naming the endpoint)."""


@dataclass(frozen=True)
class PushTarget:
    """Where and how to write: a GSP endpoint, or a SPARQL Update endpoint when `sparql_update` is set."""

    endpoint: str  # the SPARQL query endpoint (used to list graphs for --replace)
    graph_store: str | None = None
    update_endpoint: str | None = None
    sparql_update: bool = False
    auth: Any = None  # a requests auth object or None
    token: str | None = None


@dataclass(frozen=True)
class PushSummary:
    graphs: int
    triples: int
    deleted: int
    requests: int
    retries: int
    seconds: float
    bytes: int

    def line(self) -> str:
        return (f"pushed {self.graphs:,} graphs, {self.triples:,} triples in {self.requests:,} requests "
                f"({self.bytes / 1e6:.1f} MB, {self.retries} retries, {self.deleted} stale graphs deleted) "
                f"in {self.seconds:.1f} s")


def read_graphs(dataset: Path) -> dict[str, list[str]]:
    """The named graphs of an N-Quads dump as N-Triples lines per graph IRI (default-graph quads are skipped)."""
    import pyoxigraph as ox

    graphs: dict[str, list[str]] = {}
    try:
        for quad in ox.parse(path=str(dataset), format=ox.RdfFormat.N_QUADS):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                continue
            line = f"{quad.subject} {quad.predicate} {quad.object} .\n"
            graphs.setdefault(quad.graph_name.value, []).append(line)
    except (SyntaxError, ValueError) as exc:
        raise InputError(dataset, f"not valid N-Quads: {' '.join(str(exc).split())}") from None
    return graphs


def batches(lines: list[str], max_bytes: int) -> Iterator[str]:
    """Consecutive chunks of N-Triples lines, each at most `max_bytes` (a single longer line stands alone)."""
    chunk: list[str] = []
    size = 0
    for line in lines:
        length = len(line.encode("utf-8"))
        if chunk and size + length > max_bytes:
            yield "".join(chunk)
            chunk, size = [], 0
        chunk.append(line)
        size += length
    if chunk:
        yield "".join(chunk)


class _Client:
    """One requests session with retries, backoff and request counting."""

    def __init__(self, target: PushTarget, retries: int, backoff: float, timeout: float,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        import requests

        self.session = requests.Session()
        self.session.headers["User-Agent"] = "refugee-ld push"
        if target.token:
            self.session.headers["Authorization"] = f"Bearer {target.token}"
        self.session.auth = target.auth
        self.retries, self.backoff, self.timeout, self.sleep = retries, backoff, timeout, sleep
        self.requests = self.retried = self.sent = 0

    def call(self, method: str, url: str, **kwargs: Any) -> Any:
        import requests

        for attempt in range(self.retries + 1):
            self.requests += 1
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.RequestException as exc:
                failure = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code < 400 or (method == "DELETE" and response.status_code == 404):
                    return response
                failure = f"HTTP {response.status_code} {response.text[:200].strip()}"
                if response.status_code < 500 and response.status_code != 429:
                    raise PushError(url, f"{method} refused: {' '.join(failure.split())}")
            if attempt < self.retries:
                self.retried += 1
                self.sleep(self.backoff * (2 ** attempt))
        raise PushError(url, f"{method} failed after {self.retries + 1} attempts: {' '.join(failure.split())}")


def _graph_url(graph_store: str, graph: str) -> str:
    from urllib.parse import quote

    separator = "&" if "?" in graph_store else "?"
    return f"{graph_store}{separator}graph={quote(graph, safe='')}"


def remote_graphs(client: _Client, endpoint: str, base: str) -> set[str]:
    """Named graphs under `base` that the store holds (asked through its SPARQL endpoint)."""
    query = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
             f'FILTER(STRSTARTS(STR(?g), "{base}")) }}')
    response = client.call("POST", endpoint, data={"query": query},
                           headers={"Accept": "application/sparql-results+json"})
    try:
        bindings = response.json()["results"]["bindings"]
        return {b["g"]["value"] for b in bindings if "g" in b}
    except (ValueError, KeyError, TypeError):
        raise PushError(endpoint, "the SPARQL endpoint did not answer with SPARQL JSON results") from None


def push(dataset: Path, target: PushTarget, *, base: str, replace: bool = False, batch_bytes: int = 8 << 20,
         retries: int = 4, backoff: float = 0.5, timeout: float = 120.0,
         progress: Callable[[Iterator[tuple[str, list[str]]], int], Iterator[tuple[str, list[str]]]] | None = None,
         sleep: Callable[[float], None] = time.sleep) -> PushSummary:
    """Upload every named graph of `dataset` to the store; return what was sent."""
    started = time.perf_counter()
    graphs = read_graphs(dataset)
    client = _Client(target, retries, backoff, timeout, sleep)
    items: Iterator[tuple[str, list[str]]] = iter(sorted(graphs.items()))
    if progress is not None:
        items = progress(items, len(graphs))
    triples = 0
    for graph, lines in items:
        triples += len(lines)
        for index, body in enumerate(batches(lines, batch_bytes)):
            client.sent += len(body.encode("utf-8"))
            if target.sparql_update:
                _update(client, target, graph, body, first=index == 0)
            else:
                method = "PUT" if index == 0 else "POST"
                client.call(method, _graph_url(target.graph_store or target.endpoint, graph),
                            data=body.encode("utf-8"), headers={"Content-Type": "application/n-triples"})
    deleted = 0
    if replace:
        for graph in sorted(remote_graphs(client, target.endpoint, base) - set(graphs)):
            if target.sparql_update:
                _update_text(client, target, f"DROP SILENT GRAPH <{graph}>")
            else:
                client.call("DELETE", _graph_url(target.graph_store or target.endpoint, graph))
            deleted += 1
    return PushSummary(len(graphs), triples, deleted, client.requests, client.retried,
                       time.perf_counter() - started, client.sent)


def _update_text(client: _Client, target: PushTarget, update: str) -> None:
    client.call("POST", target.update_endpoint or target.endpoint, data=update.encode("utf-8"),
                headers={"Content-Type": "application/sparql-update"})


def _update(client: _Client, target: PushTarget, graph: str, body: str, first: bool) -> None:
    drop = f"DROP SILENT GRAPH <{graph}> ;\n" if first else ""
    _update_text(client, target, f"{drop}INSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }}")
