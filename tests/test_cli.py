"""The command line as users run it: real subprocesses, exit codes, one-line errors."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "refugee_ld", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={"CI": "true", "PATH": "/usr/bin:/bin"})


def test_help_does_not_import_heavy_libraries():
    code = ("import sys, runpy; sys.argv=['refugee-ld','--help'];\n"
            "try:\n runpy.run_module('refugee_ld', run_name='__main__')\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('rdflib','pyshacl','pyoxigraph') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip().endswith("[]"), out.stdout


def test_build_then_query_then_validate(tmp_path):
    out = tmp_path / "dist"
    r = cli("build", "--out", out, "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    q = cli("query", "SELECT ?s WHERE { ?s rld:partyTo instrument:convention-relating-to-the-status-of-refugees }",
            "--data", out, "--format", "csv")
    assert q.returncode == 0 and "state/kazakhstan" in q.stdout
    table = cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?d a rld:Document }", "--data", out)
    assert "5" in table.stdout and "(1 row)" in table.stdout
    js = cli("query", "SELECT ?g WHERE { GRAPH ?g { ?d a rld:Document } }", "--data", out, "--format", "json")
    assert len(json.loads(js.stdout)["results"]["bindings"]) == 5
    ask = cli("query", "ASK { ?p rld:holdsPost ?post }", "--data", out / "graph.ttl")
    assert ask.stdout.strip() == "true"
    construct = cli("query", "CONSTRUCT { ?s a rld:State } WHERE { ?s rld:partyTo ?i }", "--data", out)
    assert "Kazakhstan".lower() in construct.stdout.lower()
    v = cli("validate", out / "graph.nt", "--format", "json")
    assert v.returncode == 0 and json.loads(v.stdout)["violations"] == 0  # warnings exit 0 (conforms is SHACL's)


def test_query_file_and_service_refused(tmp_path, seed_build):
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?l WHERE { ?e a rld:Event ; rdfs:label ?l }", encoding="utf-8")
    r = cli("query", rq, "--data", seed_build.out_dir, "--format", "tsv")
    assert r.returncode == 0 and "Regional Conference" in r.stdout
    s = cli("query", "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
            "--data", seed_build.out_dir)
    assert s.returncode == 2 and "SERVICE" in s.stderr and len(s.stderr.strip().splitlines()) == 1


def test_validate_reports_focus_and_shape_with_exit_1(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix rld: <https://w3id.org/refugee-ld/ontology#> .\n"
                   "<https://example.org/f> a rld:PopulationFigure ; rld:count \"many\" .\n", encoding="utf-8")
    r = cli("validate", bad)
    assert r.returncode == 1
    assert "https://example.org/f" in r.stdout and "PopulationFigureShape" in r.stdout


@pytest.mark.parametrize("args, fragment", [
    (("validate", "missing.ttl"), "missing.ttl: no such file"),
    (("build", "nowhere/"), "nowhere: no such file"),
    (("query", "SELECT * WHERE {", "--data", "tests/corpus/nofacts.txt"), "unknown RDF file extension"),
])
def test_bad_input_gives_one_line_and_exit_2(args, fragment):
    r = cli(*args)
    assert r.returncode == 2
    assert fragment in r.stderr and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_unparseable_rdf_and_bad_document(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    r = cli("validate", broken)
    assert r.returncode == 2 and "broken.ttl: not valid RDF" in r.stderr
    doc = tmp_path / "docs" / "x.txt"
    doc.parent.mkdir()
    doc.write_bytes(b"\xff\xfe bad")
    out = tmp_path / "out"
    b = cli("build", doc.parent, "--out", out)
    assert b.returncode == 2 and "x.txt: not valid UTF-8" in b.stderr
    assert not out.exists()  # nothing half-written


def test_eval_prints_scores(tmp_path):
    gold = Path(__file__).resolve().parents[2] / "shared" / "gold"
    if not gold.is_dir():
        pytest.skip("shared gold annotations not available")
    r = cli("eval", "--gold", gold, "--show-errors")
    assert r.returncode == 0
    assert "party_to" in r.stdout and "total" in r.stdout
    assert "--show-errors" in cli("eval", "--help").stdout


def test_publish_command(tmp_path, seed_build):
    r = cli("publish", "--data", seed_build.out_dir, "--out", tmp_path / "site")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "site" / "state" / "kazakhstan.html").is_file()
    missing = cli("publish", "--data", tmp_path / "nowhere", "--out", tmp_path / "s2")
    assert missing.returncode == 2 and "nowhere: no such file" in missing.stderr
