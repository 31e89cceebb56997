from refugee_ld.rdf.mapping import IriMaker, document_quads, registry_quads, wikidata_quads
from refugee_ld.records import (DateValue, Document, Entity, Evidence, Extraction, Mention, PopulationFigure,
                                TreatyAction)
from refugee_ld.rdf.terms import RLD


def sample():
    text = "Kyrgyzstan acceded to the Convention in 1996. It hosts 300 refugees."
    doc = Document("k.txt", text, date=DateValue("2019-05-14"), title="K")
    ev = Evidence("k.txt", 0, 44, text[0:44])
    facts = (TreatyAction("state/kyrgyzstan", "instrument/convention-relating-to-the-status-of-refugees",
                          "accession", DateValue("1996"), ev),
             PopulationFigure("state/kyrgyzstan", "refugees", 300, False, None, Evidence("k.txt", 55, 67, text[55:67])))
    return Extraction(doc, (Entity("event/x", "Event", "X Meeting", kind="meeting"),),
                      (Mention("state/kyrgyzstan", Evidence("k.txt", 0, 10, "Kyrgyzstan")),), facts)


def test_one_named_graph_per_document_and_no_blank_nodes():
    quads = document_quads(sample(), IriMaker())
    assert {q.g.value for q in quads} == {"https://w3id.org/refugee-ld/id/document/k.txt"}
    assert all(t.kind != 1 for q in quads for t in (q.s, q.o))


def test_facts_carry_provenance_and_evidence():
    quads = document_quads(sample(), IriMaker("https://example.org/kg/"))
    facts = {q.s for q in quads if q.p.value.endswith("type") and q.o.value in (RLD + "TreatyAction",
                                                                                RLD + "PopulationFigure")}
    assert len(facts) == 2
    for node in facts:
        preds = {q.p.value for q in quads if q.s == node}
        assert "http://www.w3.org/ns/prov#wasDerivedFrom" in preds and RLD + "evidence" in preds
    assert any(q.p.value == RLD + "partyTo" for q in quads)
    evidence = {q.s.value for q in quads if q.p.value == "http://www.w3.org/ns/oa#exact"}
    assert "https://example.org/kg/document/k.txt#char=0,44" in evidence


def test_mapping_is_pure():
    assert document_quads(sample(), IriMaker()) == document_quads(sample(), IriMaker())


def test_registry_and_wikidata_graphs(registry):
    iris = IriMaker()
    reg = registry_quads(registry, iris)
    assert {q.g.value for q in reg} == {"https://w3id.org/refugee-ld/id/graph/registry"}
    kz = [q for q in reg if q.s.value.endswith("state/kazakhstan")]
    assert any(q.p.value == RLD + "iso3166Alpha3" and q.o.value == "KAZ" for q in kz)
    wd = wikidata_quads([("state/kazakhstan", "Q232")], iris)
    assert {q.o.value for q in wd} == {"http://www.wikidata.org/entity/Q232", "Q232"}


def test_every_fact_has_a_stable_node_with_confidence_and_rule(data_dir):
    """fact_key names the node the graph states each fact on; event and post facts get claim nodes."""
    from refugee_ld.rdf.mapping import IriMaker, document_quads, fact_key
    from refugee_ld.pipeline import extract_corpus
    from refugee_ld.records import EventRole, PostHolding

    iris = IriMaker()
    xs = extract_corpus([data_dir / "documents"], data_dir)
    for x in xs:
        quads = document_quads(x, iris, confidence=lambda f: 0.25)
        by_subject: dict[str, set[str]] = {}
        for q in quads:
            by_subject.setdefault(q.s.value, set()).add(q.p.value.rsplit("#", 1)[-1])
        for fact in x.facts:
            node = iris.entity(fact_key(x.document.doc_id, fact)).value
            assert {"confidence", "rule", "evidence", "wasDerivedFrom"} <= by_subject[node], (fact, node)
            if isinstance(fact, (EventRole, PostHolding)):
                assert {"role", "value"} <= by_subject[node] or {"post", "person"} <= by_subject[node]
        assert {q.o.value for q in quads if q.p.value.endswith("#confidence")} <= {"0.250"}
    again = extract_corpus([data_dir / "documents"], data_dir)
    assert [fact_key(x.document.doc_id, f) for x in xs for f in x.facts] == \
        [fact_key(x.document.doc_id, f) for x in again for f in x.facts]
