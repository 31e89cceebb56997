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


# -- honest exits (issue 8 item 5) and hostile command lines (issue 14 item 6) ------------------------------------
SEEDS = ROOT / "data" / "documents"


def one_line_exit_2(r, fragment):
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert fragment in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_no_validate_makes_no_conformance_claim(tmp_path):
    out = tmp_path / "dist"
    r = cli("build", SEEDS, "--out", out, "--no-validate")
    assert r.returncode == 0, r.stderr
    report = (out / "validation.ttl").read_text(encoding="utf-8")
    assert "conforms" not in report.replace("no conformance claim", "") and "--no-validate" in report
    assert "not validated" in r.stderr and "conforms," not in r.stderr
    assert "no conformance claim" in cli("build", "--help").stdout.replace("\n", " ").replace("  ", " ")


def test_no_input_documents_exit_2_and_dist_untouched(tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "graph.nt").write_text("previous\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.csv").write_text("not a document\n", encoding="utf-8")
    one_line_exit_2(cli("build", empty, "--out", out), "empty: no input documents")
    assert [p.name for p in out.iterdir()] == ["graph.nt"]
    assert (out / "graph.nt").read_text(encoding="utf-8") == "previous\n"


def test_publish_with_nothing_under_the_base_names_the_dumps_base(tmp_path):
    out = tmp_path / "dist"
    assert cli("build", SEEDS, "--out", out, "--base-iri", "https://example.org/kg/").returncode == 0
    site = tmp_path / "site"
    r = cli("publish", "--data", out, "--out", site)
    one_line_exit_2(r, "no entity under the base IRI https://w3id.org/refugee-ld/id/")
    assert "https://example.org/kg/" in r.stderr and not site.exists()
    ok = cli("publish", "--data", out, "--out", site, "--base-iri", "https://example.org/kg/")
    assert ok.returncode == 0 and (site / "state" / "kazakhstan.html").is_file()


def test_eval_warns_about_documents_without_gold_and_gold_without_documents(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text(json.dumps({"document": "nofacts.txt", "entities": [], "facts": []}),
                                 encoding="utf-8")
    (gold / "b.json").write_text(json.dumps({"document": "elsewhere.txt", "entities": [], "facts": []}),
                                 encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("nofacts.txt", "kyrgyz_news.txt"):
        (docs / name).write_bytes((ROOT / "tests" / "corpus" / name).read_bytes())
    r = cli("eval", "--gold", gold, docs)
    assert r.returncode == 0, r.stderr
    assert "have no gold in split 'all' and are not scored: kyrgyz_news.txt" in r.stderr
    assert "gold documents are not among the inputs: elsewhere.txt" in r.stderr
    (gold / "a.json").unlink()
    failed = cli("eval", "--gold", gold, docs)
    assert failed.returncode == 2 and "no input document has a gold file" in failed.stderr.splitlines()[-1]


def test_out_naming_an_existing_file(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("keep me\n", encoding="utf-8")
    one_line_exit_2(cli("build", SEEDS, "--out", target), "--out names an existing file")
    assert target.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("iri, fragment", [("https://example.org/a b/", "holds ' '"),
                                           ("example.org/kg/", "not an absolute IRI"),
                                           ("https://example.org/<x>/", "holds '<'")])
def test_bad_base_iri(tmp_path, iri, fragment):
    one_line_exit_2(cli("build", SEEDS, "--out", tmp_path / "d", "--base-iri", iri), fragment)
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize("content, fragment", [("{not json", "registry file is not valid UTF-8 JSON"),
                                               ('{"name": "x"}', "must hold a JSON list"),
                                               ('[{"aliases": ["x"]}]', 'entry 1 has no "name" string'),
                                               ('[{"name": "X", "aliases": "X"}]', '"aliases" must be a list')])
def test_broken_registry_in_data_dir(tmp_path, content, fragment):
    data = tmp_path / "mydata"
    (data / "registry").mkdir(parents=True)
    (data / "registry" / "states.json").write_text(content, encoding="utf-8")
    r = cli("--data-dir", data, "build", SEEDS, "--out", tmp_path / "d")
    one_line_exit_2(r, fragment)
    assert "registry/states.json: " in r.stderr
    one_line_exit_2(cli("build", SEEDS, "--out", tmp_path / "d", "--data-dir", data), "states.json")


def test_group_data_dir_gives_the_corpus_and_falls_back_to_packaged_files(tmp_path):
    data = tmp_path / "mydata"
    (data / "documents").mkdir(parents=True)
    (data / "documents" / "news.txt").write_bytes((ROOT / "tests" / "corpus" / "kyrgyz_news.txt").read_bytes())
    r = cli("--data-dir", data, "build", "--out", tmp_path / "d")
    assert r.returncode == 0, r.stderr
    assert "built 1 documents" in r.stderr
    assert "state/kyrgyzstan" in (tmp_path / "d" / "graph.nt").read_text(encoding="utf-8")  # packaged registry
    one_line_exit_2(cli("--data-dir", tmp_path / "nowhere", "build"), "--data-dir is not a folder")


def test_query_file_that_is_not_utf8(tmp_path, seed_build):
    rq = tmp_path / "q.rq"
    rq.write_bytes(b"SELECT * WHERE { ?s ?p \"\xe9\" }")
    one_line_exit_2(cli("query", rq, "--data", seed_build.out_dir), "q.rq: query file is not valid UTF-8")


def test_reconcile_cache_that_is_a_json_list(tmp_path, seed_build):
    cache = tmp_path / "cache.json"
    cache.write_text("[1, 2]", encoding="utf-8")
    data = tmp_path / "data"
    (data / "wikidata").mkdir(parents=True)
    (data / "wikidata" / "types.json").write_bytes((ROOT / "data" / "wikidata" / "types.json").read_bytes())
    one_line_exit_2(cli("reconcile", "--offline", "--data", seed_build.out_dir, "--cache", cache,
                        "--data-dir", data), "cache.json: cache must be a JSON object")


def test_full_disk_on_stdout_is_one_line(seed_build):
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "refugee_ld", "query", "SELECT * { ?s ?p ?o } LIMIT 5000",
                            "--data", str(seed_build.out_dir)], stdout=full, stderr=subprocess.PIPE, text=True,
                           cwd=ROOT, env={"CI": "true", "PATH": "/usr/bin:/bin"})
    one_line_exit_2(r, "No space left on device")


def test_full_disk_during_build_keeps_one_line_and_no_partial_dumps(tmp_path):
    mount = tmp_path / "tiny"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root); /dev/full covers the stdout case")
    try:
        out = mount / "dist"
        r = cli("build", SEEDS, "--out", out)
        one_line_exit_2(r, "No space left on device")
        names = {p.name for p in out.iterdir()} if out.is_dir() else set()
        assert not names & {"graph.ttl", "graph.nt", "dataset.nq", "void.ttl"}, names  # no half a generation
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_quiet_and_verbose(tmp_path):
    quiet = cli("-q", "build", SEEDS, "--out", tmp_path / "a")
    assert quiet.returncode == 0 and quiet.stderr == ""
    loud = cli("-v", "build", SEEDS, "--out", tmp_path / "b")
    assert loud.returncode == 0
    for stage in ("extract: 5 in", "coreference:", "mapping:", "validation:", "write turtle:", "write jsonld:"):
        assert stage in loud.stderr, loud.stderr
    assert "\r" not in loud.stderr  # no bar drawn into a pipe


def test_literal_over_16_mib_from_a_sidecar_is_one_line(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_bytes((ROOT / "tests" / "corpus" / "nofacts.txt").read_bytes())
    (docs / "a.meta.json").write_text(json.dumps({"title": "t" * (16 * 1024 * 1024 + 1)}), encoding="utf-8")
    r = cli("build", docs, "--out", tmp_path / "out")
    assert r.returncode == 2 and "limit" in r.stderr, r.stderr  # the sidecar check or the literal bound
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def test_public_face_is_lazy_and_complete():
    code = ("import sys, refugee_ld\n"
            "heavy = sorted(m for m in ('rdflib','pyshacl','pyoxigraph','refugee_ld.pipeline') if m in sys.modules)\n"
            "x = refugee_ld.extract('Kazakhstan acceded to the 1951 Convention relating to the Status of Refugees "
            "in December 1998.')\n"
            "print(heavy, type(x).__name__, [type(f).__name__ for f in x.facts], refugee_ld.build.__module__,\n"
            "      refugee_ld.extract_corpus.__module__, refugee_ld.TreatyAction.__module__,\n"
            "      refugee_ld.InputError.exit_code, refugee_ld.NonConforming.exit_code, 'Document' in dir(refugee_ld))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.split() == ["[]", "Extraction", "['TreatyAction']", "refugee_ld.pipeline",
                                  "refugee_ld.pipeline", "refugee_ld.records", "2", "1", "True"], out.stderr


def test_unknown_public_name_is_an_attribute_error():
    import refugee_ld

    with pytest.raises(AttributeError, match="no_such_thing"):
        refugee_ld.no_such_thing  # noqa: B018
    with pytest.raises(AttributeError):
        refugee_ld.DateValueX  # noqa: B018


def test_library_errors_reach_the_user_through_click_with_their_exit_code(tmp_path):
    """The library raises; click prints `error: ...` and exits with the exception's code (no catching in cli.py)."""
    from click.testing import CliRunner

    from refugee_ld.cli import main

    runner = CliRunner()
    bad = runner.invoke(main, ["validate", str(tmp_path / "missing.ttl")])
    assert (bad.exit_code, bad.output.strip()) == (2, f"error: {tmp_path / 'missing.ttl'}: no such file or directory")
    folder = runner.invoke(main, ["--data-dir", str(tmp_path / "nope"), "eval", "--gold", str(tmp_path)])
    assert folder.exit_code == 2 and "--data-dir is not a folder" in folder.output
    types = runner.invoke(main, ["reconcile", "--data-dir", str(tmp_path), "--types", "State,Planet"])
    assert types.exit_code == 2 and types.output.strip() == "error: --types: unknown class 'Planet'"


def test_validate_as_an_api_and_its_three_formats(seed_build):
    from refugee_ld.checks import render_report, validate_files

    report = validate_files([seed_build.out_dir])
    assert report.conforms and report.validated
    assert render_report(report, "text") == report.text()
    assert json.loads(render_report(report, "json"))["violations"] == 0
    assert "ValidationReport" in render_report(report, "turtle")
