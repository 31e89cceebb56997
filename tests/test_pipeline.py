"""End-to-end: the seed corpus built into the SPEC's eight files, checked with independent parsers."""
import json

import pyoxigraph as ox
from pyld import jsonld

from refugee_ld.pipeline import OUTPUT_FILES, build

FORMATS = {"graph.ttl": ox.RdfFormat.TURTLE, "graph.nt": ox.RdfFormat.N_TRIPLES,
           "dataset.nq": ox.RdfFormat.N_QUADS, "dataset.trig": ox.RdfFormat.TRIG}


def triples(path, fmt):
    return {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=fmt)}


def test_build_writes_the_eight_files_and_conforms(seed_build):
    assert seed_build.conforms and seed_build.documents == 5
    assert sorted(p.name for p in seed_build.out_dir.iterdir()) == sorted(OUTPUT_FILES)


def test_every_serialisation_parses_to_the_same_graph(seed_build):
    out = seed_build.out_dir
    reference = triples(out / "graph.nt", ox.RdfFormat.N_TRIPLES)
    assert len(reference) == seed_build.triples
    for name, fmt in FORMATS.items():
        assert triples(out / name, fmt) == reference, name
    document = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    expanded = jsonld.to_rdf(document, {"format": "application/n-quads"})
    assert {(q.subject, q.predicate, q.object)
            for q in ox.parse(expanded.encode(), format=ox.RdfFormat.N_QUADS)} == reference
    context = json.loads((out / "context.jsonld").read_text(encoding="utf-8"))
    assert context["@context"] == document["@context"]


def test_named_graph_per_document_plus_reference_graphs(seed_build):
    graphs = {q.graph_name.value for q in ox.parse(path=str(seed_build.out_dir / "dataset.nq"),
                                                   format=ox.RdfFormat.N_QUADS)}
    docs = {g for g in graphs if "/document/" in g}
    assert len(docs) == 5
    assert graphs - docs == {f"https://w3id.org/refugee-ld/id/graph/{n}" for n in ("registry", "ontology", "wikidata")}


def test_every_evidence_quotes_its_document_exactly(seed_build, data_dir):
    store = ox.Store()
    store.bulk_load(path=str(seed_build.out_dir / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    rows = list(store.query("""
        PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?exact ?start ?end ?id WHERE { GRAPH ?g {
            ?e oa:exact ?exact ; oa:start ?start ; oa:end ?end ; prov:wasQuotedFrom ?doc .
            ?doc dcterms:identifier ?id } }"""))
    assert len(rows) > 300
    texts = {p.name: p.read_text(encoding="utf-8") for p in (data_dir / "documents").glob("*.txt")}
    for row in rows:
        text = texts[row["id"].value]
        assert text[int(row["start"].value):int(row["end"].value)] == row["exact"].value


def test_every_fact_and_event_has_provenance(seed_build):
    store = ox.Store()
    store.bulk_load(path=str(seed_build.out_dir / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    missing = list(store.query("""
        PREFIX rld: <https://w3id.org/refugee-ld/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?f WHERE { VALUES ?c { rld:TreatyAction rld:PopulationFigure rld:Post rld:Event rld:InstrumentDate }
            ?f a ?c . FILTER NOT EXISTS { ?f prov:wasDerivedFrom ?d ; rld:evidence ?e }
            FILTER NOT EXISTS { GRAPH <https://w3id.org/refugee-ld/id/graph/registry> { ?f a ?c } } }"""))
    assert missing == []


def test_builds_are_byte_identical_whatever_the_jobs(tmp_path, seed_build):
    out2 = tmp_path / "jobs2"
    build(out_dir=out2, jobs=2, show_progress=False)
    for name in OUTPUT_FILES:
        assert (seed_build.out_dir / name).read_bytes() == (out2 / name).read_bytes(), name


def test_base_iri_is_respected(tmp_path, data_dir):
    out = tmp_path / "b"
    build([data_dir / "documents" / "002_adb1bb14aa2d7c78.txt"], out_dir=out, base="https://example.org/kg",
          show_progress=False)
    text = (out / "graph.nt").read_text(encoding="utf-8")
    assert "<https://example.org/kg/document/002_adb1bb14aa2d7c78.txt>" in text
    assert "https://w3id.org/refugee-ld/id/" not in text


def test_one_event_for_the_almaty_conference_across_documents(seed_build):
    store = ox.Store()
    store.bulk_load(path=str(seed_build.out_dir / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    rows = list(store.query("""
        PREFIX rld: <https://w3id.org/refugee-ld/ontology#>
        SELECT DISTINCT ?e (COUNT(DISTINCT ?g) AS ?docs) WHERE { GRAPH ?g { ?e rld:location ?p ; rld:startDate ?d } 
            FILTER(STRSTARTS(STR(?d), "2011-03")) } GROUP BY ?e"""))
    assert len(rows) == 1 and int(rows[0]["docs"].value) == 3


def test_invalid_terms_stop_the_build_naming_the_file_and_leave_dist_alone(tmp_path):
    import pytest

    from refugee_ld.rdf.terms import InvalidTermError, is_valid_iri

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a b.txt").write_text("Kazakhstan acceded to the 1951 Refugee Convention in 1999.\n", encoding="utf-8")
    (corpus / "a b.meta.json").write_text(json.dumps({"source": "https://example.org/a b\n<urn:x> <urn:y> <urn:z> ."}),
                                          encoding="utf-8")
    out = tmp_path / "dist"
    out.mkdir()
    (out / "graph.nt").write_text("old\n", encoding="utf-8")
    try:
        build([corpus], out_dir=out, show_progress=False)
    except InvalidTermError as exc:  # the source URL reached the graph: refused, naming the document
        assert str(exc).startswith("a b.txt: ") and "invalid IRI" in str(exc)
        assert (out / "graph.nt").read_text(encoding="utf-8") == "old\n"
    except Exception as exc:  # noqa: BLE001 - loading may refuse the sidecar itself (exit 2), naming it
        assert "a b" in str(exc), exc
    else:  # or the loader dropped the invalid URL: then no invalid IRI and no injected triple was written
        quads = list(ox.parse(path=str(out / "dataset.nq"), format=ox.RdfFormat.N_QUADS))
        assert all(is_valid_iri(t.value) for q in quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode))
        assert not [q for q in quads if q.subject.value == "urn:x"]
    (corpus / "a b.meta.json").unlink()
    with pytest.raises(InvalidTermError, match="--base-iri"):
        build([corpus], out_dir=tmp_path / "d2", base="https://example.org/a b/", show_progress=False)


def test_a_lone_surrogate_never_reaches_a_writer(tmp_path):
    from refugee_ld.rdf.terms import InvalidTermError

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "s.txt").write_text("UNHCR welcomed Kazakhstan's accession in 1999.\n", encoding="utf-8")
    (corpus / "s.meta.json").write_text('{"title": "bad \\ud800 title"}', encoding="utf-8")
    try:
        build([corpus], out_dir=tmp_path / "dist", show_progress=False)
    except InvalidTermError as exc:
        assert str(exc).startswith("s.txt: ") and "lone surrogate" in str(exc)
    except Exception as exc:  # noqa: BLE001 - or loading refuses the sidecar, naming it
        assert "s.meta.json" in str(exc) or "s.txt" in str(exc), exc
    else:  # or the loader cleaned the title: the dumps are then valid UTF-8
        (tmp_path / "dist" / "graph.nt").read_bytes().decode("utf-8")


def test_a_build_spilled_to_disk_is_byte_identical_to_the_in_memory_one(tmp_path, seed_build, monkeypatch):
    from refugee_ld.rdf import dumps

    spills = []
    original = dumps.Dumps.spill
    monkeypatch.setattr(dumps.Dumps, "spill", lambda self: spills.append(1) or original(self))
    out = tmp_path / "spilled"
    result = build(out_dir=out, memory_budget=1, show_progress=False)  # one byte: every document spills a run
    assert len(spills) > 5
    for name in OUTPUT_FILES:
        assert (seed_build.out_dir / name).read_bytes() == (out / name).read_bytes(), name
    assert result.triples == seed_build.triples
    assert not [p for p in out.parent.rglob("*.run")]  # the runs are gone once the generation is switched in


def test_build_and_the_benchmark_run_the_declared_stages(tmp_path, data_dir):
    import pytest

    from refugee_ld.pipeline import STAGES, build_settings, run_stages

    assert [s.name for s in STAGES] == ["load", "extract", "coreference", "map", "validate", "write"]
    seen = []
    settings = build_settings([data_dir / "documents" / "002_adb1bb14aa2d7c78.txt"], out_dir=tmp_path / "o",
                              jobs=1, validate=False, show_progress=False)
    result = run_stages(settings, around=lambda stage, run: seen.append(stage.name) or run())
    assert seen == [s.name for s in STAGES] and result.documents == 1
    with pytest.raises(TypeError):
        build(None, tmp_path / "positional")  # options are keyword-only
