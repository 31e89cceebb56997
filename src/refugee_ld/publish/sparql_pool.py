"""SPARQL queries run in worker processes with a deadline, so that one query cannot take a server down.

Oxigraph has no query timeout, and a query runs inside native code that a thread cannot interrupt. Each
worker process opens the store read-only and answers one query at a time; when a query passes its deadline
the worker is killed and replaced. Answers are cut at a result limit (the caller learns that they were).
"""
from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from ..publish import sparql_results
from ..query import Token, tokenize, uses_service

RDF_SERIALISERS = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "application/ld+json": "JSON_LD"}


class QueryRefused(Exception):
    """The query is malformed or asks for something the server does not do (HTTP 400)."""


class QueryTimeout(Exception):
    """The query ran past its deadline and its worker was replaced (HTTP 503)."""


class ServerBusy(Exception):
    """Every worker stayed busy while the request waited (HTTP 503)."""


@dataclass(frozen=True)
class Answer:
    kind: str  # "solutions", "graph" or "boolean"
    media_type: str
    body: bytes
    count: int
    truncated: bool


UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


def first_keyword(tokens: list[Token]) -> str:
    """The first keyword after the prologue (PREFIX and BASE declarations) of a query or an update."""
    for token in tokens:
        if token.kind == "word" and token.text.upper() not in ("PREFIX", "BASE"):
            return token.text.upper()
        if token.kind not in ("word", "pname", "iri", "comment"):
            return ""
    return ""


def check_query(query: str) -> None:
    """Refuse SPARQL Update and SERVICE calls before a worker sees the text (on tokens, as `query` does)."""
    tokens = tokenize(query)
    if first_keyword(tokens) in UPDATE_KEYWORDS:
        raise QueryRefused("SPARQL Update is not accepted: this server is read-only")
    if uses_service(tokens):
        raise QueryRefused("SERVICE calls are disabled on this server")


def execute(store: Any, query: str, media_type: str, limit: int, prefixes: dict[str, str]) -> Answer:
    """Run one query on an open store and write its answer (pure apart from the store read)."""
    import pyoxigraph as ox

    try:
        answer = store.query(query, prefixes=prefixes)
    except SyntaxError as exc:
        raise QueryRefused(f"SPARQL syntax error: {' '.join(str(exc).split())}") from None
    if isinstance(answer, ox.QueryBoolean):
        media = media_type if media_type in sparql_results.WRITERS else "application/sparql-results+json"
        return Answer("boolean", media, sparql_results.boolean(bool(answer), media), 1, False)
    if isinstance(answer, ox.QueryTriples):
        media = media_type if media_type in RDF_SERIALISERS else "text/turtle"
        triples = list(itertools.islice(answer, limit + 1))
        truncated = len(triples) > limit
        triples = sorted(triples[:limit], key=str)
        fmt = getattr(ox.RdfFormat, RDF_SERIALISERS[media])
        body = ox.serialize(triples, format=fmt, prefixes=prefixes) if media == "text/turtle" else \
            ox.serialize(triples, format=fmt)
        return Answer("graph", media, body or b"", len(triples), truncated)
    variables = [v.value for v in answer.variables]
    rows = [[solution[v] for v in variables] for solution in itertools.islice(answer, limit + 1)]
    truncated = len(rows) > limit
    rows = rows[:limit]
    media = media_type if media_type in sparql_results.WRITERS else "application/sparql-results+json"
    return Answer("solutions", media, sparql_results.WRITERS[media](variables, rows), len(rows), truncated)


def _worker(conn: Connection, store_path: str, prefixes: dict[str, str]) -> None:
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    while True:
        try:
            message = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if message is None:
            return
        query, media_type, limit = message
        try:
            conn.send(("ok", execute(store, query, media_type, limit, prefixes)))
        except QueryRefused as exc:
            conn.send(("refused", str(exc)))
        except Exception as exc:  # noqa: BLE001 - any engine error is reported to the client, not fatal
            conn.send(("error", f"{type(exc).__name__}: {' '.join(str(exc).split())}"))


class _Worker:
    def __init__(self, context: Any, store_path: str, prefixes: dict[str, str]) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, store_path, prefixes), daemon=True)
        self.process.start()
        child.close()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """A fixed number of query workers; `run` blocks until an answer, a timeout or a refusal."""

    def __init__(self, store_path: str, prefixes: dict[str, str], workers: int = 2, timeout: float = 30.0,
                 limit: int = 10_000, queue_wait: float = 30.0) -> None:
        self._context = multiprocessing.get_context("spawn")
        self.store_path, self.prefixes = store_path, prefixes
        self.timeout, self.limit, self.queue_wait = timeout, limit, queue_wait
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        for _ in range(workers):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context, self.store_path, self.prefixes)
        with self._lock:
            self._all.append(worker)
        self._idle.put(worker)

    def run(self, query: str, media_type: str, limit: int | None = None) -> Answer:
        check_query(query)
        try:
            worker = self._idle.get(timeout=self.queue_wait)
        except queue.Empty:
            raise ServerBusy("all query workers are busy; try again later") from None
        try:
            worker.conn.send((query, media_type, min(limit or self.limit, self.limit)))
            if not worker.conn.poll(self.timeout):
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
            status, payload = worker.conn.recv()
        except QueryTimeout:
            self._replace(worker)
            raise
        except (EOFError, OSError):
            self._replace(worker)
            raise QueryTimeout("the query worker died while answering; it was replaced") from None
        self._idle.put(worker)
        if status == "ok":
            return payload
        if status == "refused":
            raise QueryRefused(payload)
        raise QueryRefused(payload)

    def _replace(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        self._add()

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), []
        for worker in workers:
            worker.stop()
