"""Rule confidence: the smoothing, the table file, and the graph carrying one confidence per fact."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, strategies as st

from refugee_ld.extraction.confidence import (ConfidenceTable, RuleStats, decimal, load_table, make_table, pooled_precision,
                                   smoothed)
from refugee_ld.text.loading import InputError

ROOT = Path(__file__).resolve().parents[1]


def test_smoothing_pulls_few_observations_towards_the_pooled_precision():
    p0 = 0.8
    assert smoothed(0, 0, p0, 4) == pytest.approx(0.8)
    assert smoothed(1, 0, p0, 4) == pytest.approx((1 + 3.2) / 5)
    assert smoothed(1, 0, p0, 4) < smoothed(40, 0, p0, 4) < 1.0
    assert smoothed(0, 1, p0, 4) > smoothed(0, 40, p0, 4) > 0.0


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.floats(0, 1), st.floats(0.1, 100))
def test_confidence_is_always_a_decimal_in_0_1(tp, fp, p0, m):
    value = decimal(smoothed(tp, fp, p0, m))
    assert 0 <= float(value) <= 1 and len(value.split(".")[1]) == 3


def test_table_rows_default_and_lookup():
    stats = [RuleStats("a", 9, 1), RuleStats("b", 0, 2)]
    data = make_table(stats, ["seeds"], "2026-11-23", strength=4)
    assert data["prior"]["mean"] == pytest.approx(pooled_precision(stats)) == pytest.approx(0.75)
    rows = {r["rule"]: r for r in data["rules"]}
    assert rows["a"]["precision"] == 0.9 and rows["a"]["confidence"] == pytest.approx((9 + 3) / 14, abs=1e-3)
    assert rows["b"]["confidence"] == pytest.approx(3 / 6, abs=1e-3)
    table = ConfidenceTable.from_json(json.loads(json.dumps(data)))
    assert table.of("a") == rows["a"]["confidence"] and table.of("never-seen") == data["default"] == 0.75


def test_shipped_table_is_measured_data():
    data = json.loads((ROOT / "data" / "rule-precision.json").read_text(encoding="utf-8"))
    assert data["measured_on"] and data["date"] and data["rules"]
    for row in data["rules"]:
        assert row["precision"] == pytest.approx(row["tp"] / (row["tp"] + row["fp"]), abs=1e-4)
        assert 0 <= row["confidence"] <= 1


def test_bad_table_is_an_input_error(tmp_path):
    (tmp_path / "rule-precision.json").write_text('{"rules": [{"rule": "x", "confidence": 7}]}', encoding="utf-8")
    with pytest.raises(InputError, match="outside 0..1"):
        load_table(tmp_path)
    assert load_table(tmp_path / "none").default == 0.5


def test_every_fact_in_the_build_has_one_confidence(seed_build):
    store = ox.Store()
    store.bulk_load(path=str(seed_build.out_dir / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    query = """PREFIX rld: <https://w3id.org/refugee-ld/ontology#>
    SELECT ?f (COUNT(?c) AS ?n) (SAMPLE(?c) AS ?conf) (SAMPLE(?r) AS ?rule) WHERE {
      ?f a ?t . VALUES ?t { rld:TreatyAction rld:InstrumentDate rld:PopulationFigure rld:EventClaim rld:PostClaim }
      OPTIONAL { ?f rld:confidence ?c } OPTIONAL { ?f rld:rule ?r } } GROUP BY ?f"""
    rows = list(store.query(query, use_default_graph_as_union=True))
    assert len(rows) > 50
    for row in rows:
        assert int(row["n"].value) == 1 and row["rule"] is not None
        assert row["conf"].datatype.value == "http://www.w3.org/2001/XMLSchema#decimal"
        assert 0 <= float(row["conf"].value) <= 1


def test_measure_rules_tool_writes_a_table(tmp_path, data_dir):
    doc = tmp_path / "docs" / "t.txt"
    doc.parent.mkdir()
    doc.write_text("Kyrgyzstan acceded to the 1951 Refugee Convention in 1996.", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    fact = {"kind": "party_to", "state": "Kyrgyzstan", "instrument": "Convention Relating to the Status of Refugees",
            "action": "accession", "date": "1996", "quote": "Kyrgyzstan acceded"}
    entities = [{"name": "Kyrgyzstan", "type": "State", "aliases_in_text": ["Kyrgyzstan"]}]
    (gold / "t.json").write_text(json.dumps({"document": "t.txt", "split": "dev", "entities": entities,
                                             "facts": [fact]}), encoding="utf-8")
    (gold / "held-back.json").write_text(json.dumps({"document": "u.txt", "split": "test", "entities": [],
                                                     "facts": []}), encoding="utf-8")
    out = tmp_path / "rp.json"
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "measure_rules.py"), "--set", f"{doc.parent}={gold}",
                        "--out", str(out), "--date", "2026-11-23"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    table = json.loads(out.read_text(encoding="utf-8"))
    rules = {row["rule"]: row for row in table["rules"]}
    assert any(row["tp"] == 1 and row["fp"] == 0 for row in rules.values())
    assert "split dev, 1 documents" in table["measured_on"][0]  # the test-split file was never read


@pytest.mark.parametrize("confidence, ok", [('"0.875"^^xsd:decimal', True), ('"1.5"^^xsd:decimal', False),
                                            ('"-0.1"^^xsd:decimal', False), ('"0.5"', False),
                                            ('"0.5"^^xsd:decimal, "0.6"^^xsd:decimal', False)])
def test_shapes_check_confidence(confidence, ok):
    import rdflib

    from refugee_ld.rdf.validation import default_shapes_dir, load_shapes, validate_graph

    ttl = f"""@prefix rld: <https://w3id.org/refugee-ld/ontology#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <urn:f> a rld:EventClaim ; rld:confidence {confidence} ."""
    report = validate_graph(rdflib.Graph().parse(data=ttl, format="turtle"), load_shapes(default_shapes_dir()))
    confidence_results = [r for r in report.results if "ConfidenceShape" in str(r)]
    assert (not confidence_results) == ok, report.text()


def test_shapes_check_curation_decisions():
    import rdflib

    from refugee_ld.rdf.validation import default_shapes_dir, load_shapes, validate_graph

    ttl = """@prefix rld: <https://w3id.org/refugee-ld/ontology#> . @prefix prov: <http://www.w3.org/ns/prov#> .
    @prefix dcterms: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <urn:d> a rld:CurationDecision ; rld:decision rld:Rejected ; rld:target <urn:f> ;
        dcterms:date "2026-11-23"^^xsd:date ; prov:wasAssociatedWith <urn:a> .
    <urn:a> a prov:Agent ."""
    shapes = load_shapes(default_shapes_dir())
    good = validate_graph(rdflib.Graph().parse(data=ttl, format="turtle"), shapes)
    assert not [r for r in good.results if "CurationDecisionShape" in str(r)]
    bad = validate_graph(rdflib.Graph().parse(data=ttl.replace("<urn:a> a prov:Agent .", "")
                                             .replace("rld:Rejected", "rld:Shrugged"), format="turtle"), shapes)
    assert len([r for r in bad.results if "CurationDecisionShape" in str(r)]) == 2
