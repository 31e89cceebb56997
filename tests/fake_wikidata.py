"""A local fake of the Wikidata Action API and a W3C reconciliation endpoint, served over real HTTP on loopback.

It checks etiquette (policy-shaped User-Agent, one request at a time, <= 50 ids) and can inject faults:
maxlag (HTTP 200 + error + Retry-After), 429 with Retry-After, 500, a slow answer (client timeout), invalid JSON.
Its items include decoys: a state and its Soviet republic, a treaty and its protocol, a city and its province,
a person and a namesake.  QIDs of decoys are made up (Q9xxxxxx): this is test data, never written to data/.
"""
from __future__ import annotations

import json
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def item(qid, label, p31, aliases=(), claims=None, ru=None):
    labels = {"en": {"language": "en", "value": label}}
    if ru:
        labels["ru"] = {"language": "ru", "value": ru}
    statements = {"P31": [_snak("P31", c) for c in p31]}
    for prop, values in (claims or {}).items():
        statements[prop] = [_snak(prop, v) for v in values]
    return {"type": "item", "id": qid, "labels": labels, "descriptions": {},
            "aliases": {"en": [{"language": "en", "value": a} for a in aliases]}, "claims": statements}


def _snak(prop, qid):
    return {"type": "statement", "rank": "normal", "mainsnak": {"snaktype": "value", "property": prop,
            "datavalue": {"type": "wikibase-entityid", "value": {"entity-type": "item", "id": qid}}}}


class FakeWikidata:
    def __init__(self, items: dict[str, dict]) -> None:
        self.items = items
        self.faults: list[str] = []  # consumed one per request: maxlag | 429 | 500 | slow | badjson
        # | trickle | endless | huge
        self.requests: list[dict] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.violations: list[str] = []
        self._lock = threading.Lock()
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/w/api.php"

    @property
    def recon_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/en/api"

    def __enter__(self) -> "FakeWikidata":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- behaviour
    def search(self, text: str, limit: int) -> list[dict]:
        q = _fold(text)
        out = []
        for qid, it in self.items.items():
            names = [v["value"] for v in it["labels"].values()] + [a["value"] for a in it["aliases"].get("en", [])]
            words = q.split()
            match = next((n for n in names if q in _fold(n) or _fold(n) in q or (
                len(words) > 2 and sum(w in _fold(n).split() for w in words) >= 0.6 * len(words))), None)
            if match:
                out.append({"id": qid, "title": qid, "concepturi": f"http://www.wikidata.org/entity/{qid}",
                            "label": it["labels"]["en"]["value"], "display": {},
                            "match": {"type": "label", "language": "en", "text": match}})
        return out[:limit]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def _reply(self, status, body, headers=None, raw=None):
                data = raw if raw is not None else json.dumps(body).encode()
                with fake._lock:  # the request is answered once its bytes go out: count it done first
                    if getattr(self, "_counted", False):
                        fake.in_flight -= 1
                        self._counted = False
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                try:
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left, as the timeout test intends

            def do_GET(self):
                self._serve(parse_qs(urlparse(self.path).query))

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                self._serve(parse_qs(self.rfile.read(length).decode()))

            def _serve(self, query):
                params = {k: v[0] for k, v in query.items()}
                with fake._lock:
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                    fake.requests.append(params)
                    fault = fake.faults.pop(0) if fake.faults else None
                    self._counted = True
                try:
                    ua = self.headers.get("User-Agent", "")
                    if not ua.startswith("refugee-ld/") or "(" not in ua:
                        fake.violations.append(f"bad user agent {ua!r}")
                        return self._reply(403, {"error": "user agent policy"})
                    if fault == "maxlag":
                        return self._reply(200, {"error": {"code": "maxlag", "info": "Waiting: 7 seconds lagged.",
                                                           "lag": 7}}, {"Retry-After": "5", "X-Database-Lag": "7"})
                    if fault == "429":
                        return self._reply(429, {}, {"Retry-After": "2"})
                    if fault == "500":
                        return self._reply(500, {})
                    if fault in ("trickle", "endless", "huge"):
                        return self._stream(fault)
                    if fault == "slow":
                        time.sleep(1.5)
                    if fault == "badjson":
                        return self._reply(200, None, raw=b"{not json")
                    if urlparse(self.path).path.endswith("/api") and "queries" not in params:
                        return self._reply(200, {"versions": ["0.2"], "name": "Fake Wikidata",
                                                 "identifierSpace": "http://www.wikidata.org/entity/",
                                                 "schemaSpace": "http://www.wikidata.org/prop/direct/"})
                    if "queries" in params:
                        return self._recon(params["queries"])
                    if params.get("maxlag") != "5":
                        fake.violations.append("no maxlag")
                    if params.get("action") == "wbsearchentities":
                        if not params.get("search") or not params.get("language"):
                            return self._reply(200, {"error": {"code": "missingparam"}})
                        limit = int(params.get("limit", 7))
                        return self._reply(200, {"searchinfo": {"search": params["search"]},
                                                 "search": fake.search(params["search"], limit), "success": 1})
                    if params.get("action") == "wbgetentities":
                        ids = params.get("ids", "").split("|")
                        if len(ids) > 50:
                            fake.violations.append("more than 50 ids")
                            return self._reply(200, {"error": {"code": "toomanyvalues", "limit": 50}})
                        entities = {i: fake.items.get(i, {"id": i, "missing": ""}) for i in ids}
                        return self._reply(200, {"entities": entities, "success": 1})
                    return self._reply(200, {"error": {"code": "badvalue"}})
                finally:
                    with fake._lock:
                        if self._counted:
                            fake.in_flight -= 1
                            self._counted = False

            def _stream(self, fault):
                """Hostile answers: a byte every 0.1 s (trickle), bytes without end (endless), or a body whose
                declared length is 1 GiB (huge); each stops when the client hangs up."""
                with fake._lock:
                    if getattr(self, "_counted", False):
                        fake.in_flight -= 1
                        self._counted = False
                self.protocol_version = "HTTP/1.0"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                if fault == "huge":
                    self.send_header("Content-Length", str(1 << 30))
                self.end_headers()
                piece = b" " if fault == "trickle" else b'{"x": "' + b"y" * 65536
                try:
                    for _ in range(100000):
                        self.wfile.write(piece)
                        self.wfile.flush()
                        if fault == "trickle":
                            time.sleep(0.1)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            def _recon(self, raw):
                try:
                    queries = json.loads(raw)
                except json.JSONDecodeError as exc:
                    return self._reply(403, {"status": "error", "message": "invalid query", "details": str(exc)})
                out = {}
                for key, q in queries.items():
                    result = []
                    for hit in fake.search(q["query"], q.get("limit", 5)):
                        it = fake.items[hit["id"]]
                        types = [{"id": c["mainsnak"]["datavalue"]["value"]["id"], "name": ""}
                                 for c in it["claims"]["P31"]]
                        result.append({"id": hit["id"], "name": hit["label"], "score": 80, "match": False,
                                       "type": types})
                    out[key] = {"result": result}
                return self._reply(200, out)

        return Handler
