"""`refugee-ld serve` as a real server process on loopback, exercised with requests and SPARQLWrapper."""
from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from refugee_ld.publish.serve import ServerConfig, fallback_page, query_page

STATE = "https://w3id.org/refugee-ld/id/state/kazakhstan"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{process.stderr.read() if process.stderr else ''}")
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def start_server(dist: Path, tmp: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "refugee_ld", "serve", "--data", str(dist), "--port", str(port),
         "--store", str(tmp / "store"), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "CI": "true"})
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/sparql", process)
    return process, base


def stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return err


@pytest.fixture(scope="module")
def server(seed_build, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    site = tmp / "site"
    (site / "state").mkdir(parents=True)
    (site / "state" / "kazakhstan.html").write_text(
        '<!doctype html><html lang="en"><title>Kazakhstan</title><h1>Kazakhstan fact sheet</h1></html>')
    (site / "index.html").write_text('<!doctype html><html lang="en"><title>index</title></html>')
    process, base = start_server(seed_build.out_dir, tmp, "--site", str(site), "--timeout", "3",
                                 "--limit", "500")
    yield base, seed_build.out_dir, tmp
    err = stop(process)
    assert process.returncode in (0, -signal.SIGTERM), err
    assert "Traceback" not in err


def void_triples(dist: Path) -> int:
    store = ox.Store()
    store.load(path=str(dist / "void.ttl"), format=ox.RdfFormat.TURTLE)
    rows = list(store.query(
        "SELECT ?n WHERE { ?d a <http://rdfs.org/ns/void#Dataset> ; <http://rdfs.org/ns/void#triples> ?n } "
        "ORDER BY DESC(?n) LIMIT 1"))
    return int(rows[0]["n"].value)


def test_count_equals_void_triples_with_set_semantics(server):
    base, dist, _ = server
    response = requests.get(base + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
                            headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    count = int(response.json()["results"]["bindings"][0]["n"]["value"])
    assert count == void_triples(dist)
    assert count == sum(1 for line in (dist / "graph.nt").open(encoding="utf-8") if line.strip())


@pytest.mark.parametrize("accept,fmt", [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_results_in_every_format_parse(server, accept, fmt):
    base, _, _ = server
    query = ("SELECT ?a ?state ?date WHERE { ?a a rld:TreatyAction ; rld:state ?state . "
             "OPTIONAL { ?a rld:date ?date } } ORDER BY ?a")
    response = requests.post(base + "/sparql", data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    if fmt == ox.QueryResultsFormat.CSV:  # lossy by design: pyoxigraph will not read it, the csv module does
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline="")))
        assert rows and all(row["state"].startswith("https://") for row in rows)
        assert any(row["date"] for row in rows)
        return
    rows = list(ox.parse_query_results(response.content, format=fmt))
    assert rows and all(row["state"] is not None for row in rows)
    assert any(row["date"] is not None for row in rows)
    assert all(isinstance(row["a"], ox.NamedNode) for row in rows)


def test_post_sparql_query_body_and_format_parameter(server):
    base, _, _ = server
    response = requests.post(base + "/sparql?format=csv", data=b"ASK { ?s a rld:State }",
                             headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200
    assert response.text.strip() == "true"


@pytest.mark.parametrize("accept,fmt", [("text/turtle", ox.RdfFormat.TURTLE),
                                        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                        ("application/ld+json", ox.RdfFormat.JSON_LD)])
def test_construct_answers_parse(server, accept, fmt):
    base, _, _ = server
    query = f"CONSTRUCT {{ <{STATE}> ?p ?o }} WHERE {{ <{STATE}> ?p ?o }}"
    response = requests.get(base + "/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    triples = list(ox.parse(response.content, format=fmt))
    assert any(t.predicate.value.endswith("#label") for t in triples)


def test_sparqlwrapper_client(server):
    from SPARQLWrapper import JSON, SPARQLWrapper

    base, _, _ = server
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery("SELECT ?label WHERE { state:kazakhstan rdfs:label ?label }")
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert [b["label"]["value"] for b in result["results"]["bindings"]] == ["Kazakhstan"]


def test_provenance_query_names_document_graphs(server):
    base, _, _ = server
    query = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a rld:state state:kazakhstan ; rld:evidence ?e } }")
    response = requests.get(base + "/sparql", params={"query": query, "format": "json"})
    graphs = {b["g"]["value"] for b in response.json()["results"]["bindings"]}
    assert graphs and all("/document/" in g for g in graphs)


def test_errors_are_reported_in_the_users_own_positions(server):
    base, _, _ = server
    response = requests.get(base + "/sparql", params={"query": "SELECT ?x WHERE {\n  ?x ?y \n}"})
    assert response.status_code == 400
    assert "3:1" in response.text or "2:" in response.text


@pytest.mark.parametrize("data", [{"update": "DROP ALL"}, {"query": "INSERT DATA { <a:b> <a:b> <a:b> }"},
                                  {"query": "PREFIX x: <http://x/>\nCLEAR ALL"}])
def test_updates_are_refused(server, data):
    base, _, _ = server
    response = requests.post(base + "/sparql", data=data)
    assert response.status_code in (400, 403)
    assert "read-only" in response.text
    assert _count_unchanged(server)


def _count_unchanged(server) -> bool:
    base, dist, _ = server
    response = requests.get(base + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
                                                      "format": "json"})
    return int(response.json()["results"]["bindings"][0]["n"]["value"]) == void_triples(dist)


def test_service_refused_but_the_word_in_a_string_is_fine(server):
    base, _, _ = server
    refused = requests.get(base + "/sparql", params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert refused.status_code == 400 and "SERVICE" in refused.text
    fine = requests.get(base + "/sparql", params={"query": '# a SERVICE comment\nSELECT ("service" AS ?x) {}',
                                                  "format": "json"})
    assert fine.status_code == 200


def test_result_limit_and_timeout(server):
    base, _, _ = server
    many = requests.get(base + "/sparql", params={"query": "SELECT * { ?s ?p ?o }", "format": "json"})
    assert many.status_code == 200
    assert len(many.json()["results"]["bindings"]) == 500
    assert "truncated" in many.headers["X-Result-Limit"]
    slow = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    started = time.monotonic()
    timed_out = requests.get(base + "/sparql", params={"query": slow, "format": "json"}, timeout=60)
    assert timed_out.status_code == 503
    assert time.monotonic() - started < 20
    after = requests.get(base + "/sparql", params={"query": "ASK {}", "format": "json"})
    assert after.status_code == 200 and after.json()["boolean"] is True


@pytest.mark.parametrize("accept,fmt", [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples;q=0.9, text/turtle;q=0.5", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("text/*;q=0.1, application/ld+json;q=0.2, text/turtle;q=0.3", ox.RdfFormat.TURTLE),
])
def test_entity_content_negotiation(server, accept, fmt):
    base, _, _ = server
    response = requests.get(base + "/id/state/kazakhstan", headers={"Accept": accept})
    assert response.status_code == 200
    assert "Accept" in response.headers["Vary"]
    assert 'rel="alternate"' in response.headers["Link"]
    triples = [quad.triple for quad in ox.parse(response.content, format=fmt)]
    assert ox.Triple(ox.NamedNode(STATE), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                     ox.Literal("Kazakhstan", language="en")) in triples


def test_entity_html_is_the_sites_page_and_format_parameter_wins(server):
    base, _, _ = server
    page = requests.get(base + "/id/state/kazakhstan", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 200 and "Kazakhstan fact sheet" in page.text
    forced = requests.get(base + "/id/state/kazakhstan?format=ntriples", headers={"Accept": "text/html"})
    assert forced.headers["content-type"].startswith("application/n-triples")
    by_extension = requests.get(base + "/id/state/kazakhstan.ttl")
    assert by_extension.headers["content-type"].startswith("text/turtle")


def test_documents_resolve_and_unknown_iris_404(server):
    base, _, _ = server
    doc = requests.get(base + "/id/document/000_b9e8a782b5b9ea0b.txt", headers={"Accept": "text/turtle"})
    assert doc.status_code == 200
    assert requests.get(base + "/id/state/atlantis", headers={"Accept": "text/turtle"}).status_code == 404
    assert requests.get(base + "/id/state/%3E%20x", headers={"Accept": "text/turtle"}).status_code == 404
    assert requests.get(base + "/id/state/kazakhstan", headers={"Accept": "image/png"}).status_code == 406


def test_dumps_site_and_cors(server):
    base, dist, _ = server
    dump = requests.get(base + "/dumps/graph.nt")
    assert dump.status_code == 200 and dump.content == (dist / "graph.nt").read_bytes()
    assert requests.get(base + "/dumps/../pyproject.toml").status_code == 404
    assert requests.get(base + "/site/state/kazakhstan.html").status_code == 200
    preflight = requests.options(base + "/sparql", headers={"Origin": "http://example.org",
                                                            "Access-Control-Request-Method": "POST"})
    assert preflight.headers.get("access-control-allow-origin") in ("*", "http://example.org")
    simple = requests.get(base + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://example.org"})
    assert simple.headers.get("access-control-allow-origin") == "*"


def test_query_page_form(server):
    base, _, _ = server
    page = requests.get(base + "/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<form" in page.text and "rld:TreatyAction" in page.text


def test_graceful_shutdown_and_access_log(seed_build, tmp_path):
    """SIGTERM lets a request under way finish (uvicorn then re-raises the signal: exit status -15)."""
    process, base = start_server(seed_build.out_dir, tmp_path, "--timeout", "2")
    assert requests.get(base + "/sparql", params={"query": "ASK {}"}).status_code == 200
    answers: list[int] = []
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    worker = threading.Thread(target=lambda: answers.append(
        requests.get(base + "/sparql", params={"query": slow}, timeout=60).status_code))
    worker.start()
    time.sleep(0.5)
    err = stop(process)
    worker.join(timeout=30)
    assert answers == [503]  # answered (the query's own deadline), not cut off by the shutdown
    assert process.returncode in (0, -signal.SIGTERM)
    assert "Traceback" not in err
    assert '"GET /sparql?query=ASK+%7B%7D HTTP/1.1" 200' in err or '"GET /sparql?query=ASK%20%7B%7D HTTP/1.1" 200' in err


def test_query_page_and_fallback_escape_data():
    config = ServerConfig(store_path=Path("."), data_dir=Path("."), prefixes={"x": "http://x/<script>"})
    assert "<script>" not in query_page(config).split("<pre>", 3)[-1]
    assert "<b>" not in fallback_page("https://e.org/<b>", b'"<b>"')


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium not installed")
def test_query_page_screenshot(server, tmp_path):
    base, _, _ = server
    shot = tmp_path / "sparql.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1100,900",
                    base + "/sparql"], check=True, capture_output=True, timeout=90)
    assert shot.stat().st_size > 5000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
