"""`refugee-ld push` into real triple stores started on loopback: the Oxigraph server and Virtuoso open source."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest
import requests

from refugee_ld.publish.push import PushError, PushTarget, batches, push, read_graphs

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
VIRTUOSO = shutil.which("virtuoso-t")
BASE = "https://w3id.org/refugee-ld/id/"
GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
PROVENANCE = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a <https://w3id.org/refugee-ld/ontology#state> "
              "<https://w3id.org/refugee-ld/id/state/kazakhstan> ; <https://w3id.org/refugee-ld/ontology#evidence> ?e } }")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(check, seconds: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError("server did not come up")


def remote_counts(endpoint: str) -> Counter:
    response = requests.post(endpoint, data={"query": GRAPH_COUNTS},
                             headers={"Accept": "application/sparql-results+json"}, timeout=60)
    response.raise_for_status()
    return Counter({b["g"]["value"]: int(b["n"]["value"]) for b in response.json()["results"]["bindings"]
                    if b["g"]["value"].startswith(BASE)})


def local_counts(dataset: Path) -> Counter:
    return Counter({g: len(set(lines)) for g, lines in read_graphs(dataset).items()})


def run_push(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "refugee_ld", "push", *args], capture_output=True, text=True, check=False,
                          timeout=600, env={**os.environ, "CI": "true"})


@pytest.fixture()
def oxigraph(tmp_path):
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "oxigraph"),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    wait_until(lambda: requests.get(url + "/query", params={"query": "ASK {}"}, timeout=2).ok, 30, process)
    yield url
    process.terminate()
    process.wait(timeout=30)


def without_document(dist: Path, target: Path, stem: str) -> Path:
    """A copy of the dump whose dataset lacks one document's graph (as after removing the document)."""
    target.mkdir()
    graph = f"<{BASE}document/{stem}>"
    with (dist / "dataset.nq").open(encoding="utf-8") as src, (target / "dataset.nq").open("w", encoding="utf-8") as out:
        out.writelines(line for line in src if not line.rstrip().endswith(graph + " ."))
    return target


def test_push_to_oxigraph_server_is_idempotent_and_replaces(oxigraph, seed_build, tmp_path):
    dist = seed_build.out_dir
    args = ["--data", str(dist), "--endpoint", oxigraph + "/query", "--graph-store", oxigraph + "/store"]
    first = run_push(*args)
    assert first.returncode == 0, first.stderr
    assert "pushed" in first.stderr and "triples" in first.stderr
    expected = local_counts(dist / "dataset.nq")
    assert remote_counts(oxigraph + "/query") == expected
    provenance = requests.post(oxigraph + "/query", data={"query": PROVENANCE},
                               headers={"Accept": "application/sparql-results+json"}).json()
    graphs = {b["g"]["value"] for b in provenance["results"]["bindings"]}
    assert graphs and all(g.startswith(BASE + "document/") for g in graphs)
    again = run_push(*args)
    assert again.returncode == 0, again.stderr
    assert remote_counts(oxigraph + "/query") == expected  # PUT replaces: nothing doubled
    smaller = without_document(dist, tmp_path / "smaller", "000_b9e8a782b5b9ea0b.txt")
    kept = run_push("--data", str(smaller), "--endpoint", oxigraph + "/query", "--graph-store", oxigraph + "/store")
    assert kept.returncode == 0
    assert BASE + "document/000_b9e8a782b5b9ea0b.txt" in remote_counts(oxigraph + "/query")  # no --replace: kept
    replaced = run_push("--data", str(smaller), "--endpoint", oxigraph + "/query", "--graph-store",
                        oxigraph + "/store", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "1 stale graphs deleted" in replaced.stderr
    assert remote_counts(oxigraph + "/query") == local_counts(smaller / "dataset.nq")


def test_push_with_sparql_update_and_small_batches(oxigraph, seed_build):
    dist = seed_build.out_dir
    summary = push(dist / "dataset.nq", PushTarget(endpoint=oxigraph + "/query", update_endpoint=oxigraph + "/update",
                                                   sparql_update=True), base=BASE, batch_bytes=20_000)
    expected = local_counts(dist / "dataset.nq")
    assert summary.graphs == len(expected)
    assert summary.requests > summary.graphs  # big graphs went in several requests
    assert remote_counts(oxigraph + "/query") == expected
    push(dist / "dataset.nq", PushTarget(endpoint=oxigraph + "/query", graph_store=oxigraph + "/store"),
         base=BASE, batch_bytes=20_000)
    assert remote_counts(oxigraph + "/query") == expected


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {d}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@pytest.fixture()
def virtuoso(tmp_path):
    if not VIRTUOSO:
        pytest.skip("virtuoso-t (Debian virtuoso-opensource) is not installed")
    folder = tmp_path / "virtuoso"
    folder.mkdir()
    http_port = free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql_port=free_port(), http_port=http_port))
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}"
    wait_until(lambda: requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2).ok, 120, process)
    yield url
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def test_push_to_virtuoso_with_digest_auth(virtuoso, seed_build):
    dist = seed_build.out_dir
    args = ["--data", str(dist), "--endpoint", virtuoso + "/sparql", "--graph-store",
            virtuoso + "/sparql-graph-crud-auth", "--user", "dba", "--password", "dba", "--auth", "digest"]
    first = run_push(*args)
    assert first.returncode == 0, first.stderr
    expected = local_counts(dist / "dataset.nq")
    assert remote_counts(virtuoso + "/sparql") == expected
    again = run_push(*args, "--replace")
    assert again.returncode == 0, again.stderr
    assert remote_counts(virtuoso + "/sparql") == expected
    provenance = requests.post(virtuoso + "/sparql", data={"query": PROVENANCE},
                               headers={"Accept": "application/sparql-results+json"}).json()
    assert {b["g"]["value"] for b in provenance["results"]["bindings"]}
    refused = run_push("--data", str(dist), "--endpoint", virtuoso + "/sparql", "--graph-store",
                       virtuoso + "/sparql-graph-crud-auth", "--user", "dba", "--password", "wrong", "--auth",
                       "digest", "--retries", "0")
    assert refused.returncode == 2
    assert len(refused.stderr.strip().splitlines()) == 1 and "401" in refused.stderr


class _Flaky(BaseHTTPRequestHandler):
    """Answers 503 to the first `failures` writes, then 204; 400 to graphs named 'bad'."""

    failures = 2
    seen: ClassVar[list[str]] = []

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append(self.path)
        if "bad" in self.path:
            self.send_response(400)
        elif type(self).failures > 0:
            type(self).failures -= 1
            self.send_response(503)
        else:
            self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_retries_with_backoff_and_no_retry_on_client_errors(tmp_path):
    dataset = tmp_path / "dataset.nq"
    dataset.write_text(f'<{BASE}s> <{BASE}p> "1" <{BASE}document/a> .\n', encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/store"
    waits: list[float] = []
    try:
        summary = push(dataset, PushTarget(endpoint=url, graph_store=url), base=BASE, sleep=waits.append,
                       backoff=0.5)
        assert summary.retries == 2 and summary.requests == 3 and summary.triples == 1
        assert waits == [0.5, 1.0]
        bad = tmp_path / "bad.nq"
        bad.write_text(f'<{BASE}s> <{BASE}p> "1" <{BASE}document/bad> .\n', encoding="utf-8")
        with pytest.raises(PushError, match="400"):
            push(bad, PushTarget(endpoint=url, graph_store=url), base=BASE, sleep=waits.append)
        assert len(waits) == 2
        _Flaky.failures = 10
        with pytest.raises(PushError, match="after 3 attempts"):
            push(dataset, PushTarget(endpoint=url, graph_store=url), base=BASE, sleep=waits.append, retries=2)
    finally:
        server.shutdown()


def test_unreachable_store_is_one_line_exit_2(seed_build):
    port = free_port()
    result = run_push("--data", str(seed_build.out_dir), "--endpoint", f"http://127.0.0.1:{port}/sparql",
                      "--retries", "1")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "failed after 2 attempts" in result.stderr


def test_batches_split_on_lines():
    lines = [f"<a:{i}> <a:p> \"{'x' * 10}\" .\n" for i in range(100)]
    chunks = list(batches(lines, 200))
    assert "".join(chunks) == "".join(lines)
    assert all(len(c.encode()) <= 200 for c in chunks)
    assert list(batches(["y" * 500 + "\n"], 100)) == ["y" * 500 + "\n"]


def test_read_graphs_skips_default_graph_and_refuses_bad_input(tmp_path):
    dataset = tmp_path / "d.nq"
    dataset.write_text('<a:s> <a:p> "1" .\n<a:s> <a:p> "2" <a:g> .\n', encoding="utf-8")
    assert read_graphs(dataset) == {"a:g": ['<a:s> <a:p> "2" .\n']}
    dataset.write_text("<a:s> <a:p> .\n", encoding="utf-8")
    with pytest.raises(Exception, match="not valid N-Quads"):
        read_graphs(dataset)
    assert ox  # pyoxigraph is the parser under test
