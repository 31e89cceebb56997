"""A polite Wikidata client (MediaWiki Action API or a W3C Reconciliation API endpoint) with an on-disk cache.

Etiquette: a descriptive User-Agent with a contact URL, `maxlag=5`, one request at a time, at most 50 ids per
`wbgetentities`, retries with capped exponential backoff that honour `Retry-After` on 429/503/maxlag.
Every answer is cached by request, so a rerun (or `--offline`) makes no request at all; an outage or a
malformed answer degrades to what the cache holds, with a warning, never to a half-written cache.
"""
from __future__ import annotations

import json
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__

DEFAULT_ENDPOINT = "https://www.wikidata.org/w/api.php"
USER_AGENT = f"refugee-ld/{__version__} (https://w3id.org/refugee-ld; refugee-ld@example.org) python-requests/{{}}"
MAX_IDS = 50


DEFAULT_DEADLINE = 600.0  # seconds for a whole `reconcile` run, retries and waits included
MAX_RESPONSE_BYTES = 32 * 1024 * 1024  # no Wikidata answer we ask for comes near this


class WikidataUnavailable(Exception):
    """The service could not answer (outage, repeated throttling, malformed answer)."""


class ReconcileAborted(WikidataUnavailable):
    """The run must stop (deadline reached, answer too large): exit 2, complete answers stay cached."""


@dataclass
class Cache:
    """Request-keyed answers, one JSON file with sorted keys (diff-friendly), written atomically."""

    path: Path
    entries: dict[str, Any] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def load(cls, path: Path) -> Cache:
        if path.exists():
            try:
                entries = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}: cache is not valid JSON ({exc.msg})") from None
            except (UnicodeDecodeError, RecursionError):
                raise ValueError(f"{path}: cache is not readable UTF-8 JSON") from None
            if not isinstance(entries, dict):
                raise ValueError(f"{path}: cache must be a JSON object (request -> answer), "
                                 f"not a {type(entries).__name__}")
            return cls(path, entries)
        return cls(path)

    def get(self, key: str) -> Any:
        return self.entries.get(key)

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        from ..fileio import write_atomic

        write_atomic(self.path, json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        self.dirty = False


def request_key(params: dict[str, Any]) -> str:
    return "&".join(f"{k}={params[k]}" for k in sorted(params) if k not in ("maxlag", "format"))


@dataclass
class WikidataClient:
    endpoint: str = DEFAULT_ENDPOINT
    cache: Cache | None = None
    offline: bool = False
    timeout: float = 20.0
    max_retries: int = 5
    sleep: Callable[[float], None] = time.sleep
    session: Any = None
    requests_made: int = 0
    warnings_seen: list[str] = field(default_factory=list)
    deadline: float = DEFAULT_DEADLINE  # seconds from the client's creation
    max_response_bytes: int = MAX_RESPONSE_BYTES
    cache_hits: int = 0
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._stop_at = self.clock() + self.deadline
        if self.session is None and not self.offline:
            import requests

            self.session = requests.Session()
            self.session.headers.update({"User-Agent": USER_AGENT.format(requests.__version__),
                                         "Accept-Encoding": "gzip"})

    # -- transport
    def _warn(self, message: str) -> None:
        self.warnings_seen.append(message)
        warnings.warn(message, stacklevel=3)

    def _get(self, params: dict[str, Any], method: str = "GET") -> Any:
        key = (method + " " if method != "GET" else "") + request_key(params)
        cached = self.cache.get(key) if self.cache else None
        if cached is not None:
            self.cache_hits += 1
        if cached is not None or self.offline:
            return cached
        delay = 1.0
        last = "no answer"
        for _attempt in range(self.max_retries):
            import requests

            timeout = min(self.timeout, self._remaining())
            try:
                self.requests_made += 1
                if method == "POST":
                    response = self.session.post(self.endpoint, data=params, timeout=timeout, stream=True)
                else:
                    response = self.session.get(self.endpoint, params={**params, "format": "json", "maxlag": 5},
                                                timeout=timeout, stream=True)
                content = self._read_bounded(response)
            except (requests.Timeout, requests.ConnectionError) as exc:
                last = f"{type(exc).__name__}"
                self._wait(delay)
                delay = min(delay * 2, 60)
                continue
            if response.status_code in (429, 503):
                last = f"HTTP {response.status_code}"
                self._wait(max(_retry_after(response, delay), 1.0))
                delay = min(delay * 2, 60)
                continue
            if response.status_code >= 500:
                last = f"HTTP {response.status_code}"
                self._wait(delay)
                delay = min(delay * 2, 60)
                continue
            if response.status_code >= 400:
                raise WikidataUnavailable(f"{self.endpoint}: HTTP {response.status_code}")
            try:
                body = json.loads(content)
            except (ValueError, RecursionError):
                raise WikidataUnavailable(f"{self.endpoint}: answer is not JSON") from None
            error = body.get("error") if isinstance(body, dict) else None
            if error and error.get("code") == "maxlag":
                last = "maxlag"
                self._wait(max(_retry_after(response, 5.0), 5.0))
                delay = min(delay * 2, 60)
                continue
            if error:
                raise WikidataUnavailable(f"{self.endpoint}: API error {error.get('code')}")
            if self.cache is not None:
                self.cache.put(key, body)
            return body
        raise WikidataUnavailable(f"{self.endpoint}: gave up after {self.max_retries} attempts ({last})")

    def _remaining(self) -> float:
        remaining = self._stop_at - self.clock()
        if remaining <= 0:
            raise ReconcileAborted(f"{self.endpoint}: deadline of {self.deadline:g} s reached")
        return remaining

    def _wait(self, seconds: float) -> None:
        """Back off, unless the wait would pass the deadline (then stop now rather than later)."""
        if seconds >= self._remaining():
            raise ReconcileAborted(f"{self.endpoint}: deadline of {self.deadline:g} s reached while backing off")
        self.sleep(seconds)

    def _read_bounded(self, response: Any) -> bytes:
        """The body, read in chunks against the size limit and the deadline (a trickling server ends here)."""
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_response_bytes:
            response.close()
            raise ReconcileAborted(f"{self.endpoint}: answer of {int(declared):,} bytes is over the "
                                   f"{self.max_response_bytes:,}-byte limit")
        chunks: list[bytes] = []
        size = 0
        raw = response.raw
        # read1 returns what has arrived (urllib3 >= 2.1), so the deadline is checked however slowly bytes come
        reader = getattr(raw, "read1", None)
        pieces = iter(lambda: reader(65536, decode_content=True), b"") if reader else \
            response.iter_content(chunk_size=1024)
        try:
            for chunk in pieces:
                size += len(chunk)
                if size > self.max_response_bytes:
                    raise ReconcileAborted(f"{self.endpoint}: answer is over the {self.max_response_bytes:,}-byte "
                                           "limit")
                self._remaining()
                chunks.append(chunk)
        finally:
            response.close()
        return b"".join(chunks)

    # -- MediaWiki Action API
    def search(self, text: str, language: str = "en", limit: int = 10) -> list[dict[str, Any]]:
        body = self._get({"action": "wbsearchentities", "search": text, "language": language, "uselang": "en",
                          "type": "item", "limit": min(limit, 50)})
        if body is None:
            return []
        hits = body.get("search")
        if not isinstance(hits, list):
            raise WikidataUnavailable(f"{self.endpoint}: malformed wbsearchentities answer")
        return [h for h in hits if isinstance(h, dict) and isinstance(h.get("id"), str)]

    def get_entities(self, ids: Iterable[str], props: str = "labels|aliases|descriptions|claims",
                     languages: str = "en|ru|kk") -> dict[str, dict[str, Any]]:
        wanted = sorted(set(ids), key=lambda q: (len(q), q))
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(wanted), MAX_IDS):
            batch = wanted[i:i + MAX_IDS]
            body = self._get({"action": "wbgetentities", "ids": "|".join(batch), "props": props,
                              "languages": languages, "languagefallback": 1})
            if body is None:
                continue
            entities = body.get("entities")
            if not isinstance(entities, dict):
                raise WikidataUnavailable(f"{self.endpoint}: malformed wbgetentities answer")
            for requested, entity in entities.items():
                if isinstance(entity, dict) and "missing" not in entity:
                    out[requested] = entity
        return out

    # -- W3C Entity Reconciliation API 0.2
    def reconcile_batch(self, queries: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        body = self._get({"queries": json.dumps(queries, sort_keys=True)}, method="POST")
        if body is None:
            return {}
        out: dict[str, list[dict[str, Any]]] = {}
        for key in queries:
            result = body.get(key, {}).get("result") if isinstance(body.get(key), dict) else None
            if result is None:
                raise WikidataUnavailable(f"{self.endpoint}: malformed reconciliation answer")
            out[key] = [c for c in result if isinstance(c, dict) and isinstance(c.get("id"), str)]
        return out


def _retry_after(response: Any, default: float) -> float:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def claim_ids(entity: dict[str, Any], prop: str) -> list[str]:
    """Item ids of the entity's `prop` statements (value snaks only, deprecated rank skipped)."""
    out = []
    for statement in entity.get("claims", {}).get(prop, []) or []:
        if statement.get("rank") == "deprecated":
            continue
        value = statement.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            out.append(value["id"])
    return out


def all_claim_ids(entity: dict[str, Any]) -> set[str]:
    return {q for prop in entity.get("claims", {}) for q in claim_ids(entity, prop)}


def terms(entity: dict[str, Any]) -> list[str]:
    names = [v.get("value", "") for v in entity.get("labels", {}).values()]
    for values in entity.get("aliases", {}).values():
        names += [v.get("value", "") for v in values]
    return [n for n in names if n]
