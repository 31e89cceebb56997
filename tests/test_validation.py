"""Every shape with a conforming and a violating example, validated by pyshacl as the build does."""
import re

import pytest
import rdflib

from refugee_ld.rdf.validation import default_shapes_dir, load_shapes, materialise_sparql_targets, validate_graph

PREFIXES = """
@prefix rld: <https://w3id.org/refugee-ld/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix : <https://example.org/> .
"""

VALID = PREFIXES + """
:doc a rld:Document ; dcterms:identifier "a.txt" ; dcterms:title "A"@en ; dcterms:date "2011-11-01"^^xsd:date ;
    rld:mentions :kz .
:doc2 a rld:Document ; dcterms:identifier "b.txt" ; dcterms:title "B"@en .
:ev a rld:Evidence ; oa:exact "Kazakhstan acceded" ; oa:start "0"^^xsd:nonNegativeInteger ;
    oa:end "18"^^xsd:nonNegativeInteger ; prov:wasQuotedFrom :doc .
:ev2 a rld:Evidence ; oa:exact "Kazakhstan joined" ; oa:start "5"^^xsd:nonNegativeInteger ;
    oa:end "22"^^xsd:nonNegativeInteger ; prov:wasQuotedFrom :doc2 .
:kz a rld:State ; rdfs:label "Kazakhstan"@en ; skos:altLabel "Republic of Kazakhstan"@en ;
    rld:iso3166Alpha2 "KZ" ; rld:iso3166Alpha3 "KAZ" ; rld:partyTo :conv ;
    rld:wikidataId "Q232" ; owl:sameAs <http://www.wikidata.org/entity/Q232> .
:unhcr a rld:Agency ; rdfs:label "UNHCR"@en ; rld:partOf :un .
:un a rld:Agency ; rdfs:label "United Nations"@en .
:conv a rld:Instrument ; rdfs:label "Refugee Convention"@en ; rld:adoptionDate "1951-07-28"^^xsd:date .
:prot a rld:Instrument ; rdfs:label "Protocol"@en ; rld:supplements :conv ; rld:entryIntoForceDate "1967"^^xsd:gYear .
:almaty a rld:Place ; rdfs:label "Almaty"@en ; rld:country :kz .
:guterres a rld:Person ; rdfs:label "António Guterres"@en ; rld:holdsPost :post .
:conf a rld:Event ; rdfs:label "Regional Conference"@en ; rld:startDate "2011-03-15"^^xsd:date ;
    rld:endDate "2011-03-16"^^xsd:date ; rld:location :almaty ; rld:organizer :unhcr , :kz ;
    rld:participant :kz , :guterres ; rld:adopted :conv ; prov:wasDerivedFrom :doc ; rld:evidence :ev .
:ta a rld:TreatyAction ; rld:state :kz ; rld:instrument :conv ; rld:action rld:Accession ;
    rld:date "1998-12"^^xsd:gYearMonth ; prov:wasDerivedFrom :doc ; rld:evidence :ev .
:ta2 a rld:TreatyAction ; rld:state :kz ; rld:instrument :conv ; rld:action rld:Accession ;
    rld:date "1998"^^xsd:gYear ; prov:wasDerivedFrom :doc2 ; rld:evidence :ev2 .
:idate a rld:InstrumentDate ; rld:instrument :conv ; rld:dateKind rld:adoptionDate ;
    rld:date "1951-07-28"^^xsd:date ; prov:wasDerivedFrom :doc ; rld:evidence :ev .
:pop a rld:PopulationFigure ; rld:place :kz ; rld:populationGroup rld:Refugees ; rld:count 352 ;
    rld:approximate true ; rld:date "2022"^^xsd:gYear ; prov:wasDerivedFrom :doc ; rld:evidence :ev .
:post a rld:Post ; rdfs:label "High Commissioner"@en ; rld:organisation :unhcr ;
    rld:startDate "2005-06-15"^^xsd:date ; prov:wasDerivedFrom :doc ; rld:evidence :ev .
"""

# shape -> (text to replace in VALID, replacement) that must produce a result from that shape
VIOLATIONS = {
    "LabelledEntityShape": (':un a rld:Agency ; rdfs:label "United Nations"@en', ':un a rld:Agency ; rdfs:label "UN"@en, "U.N."@en'),
    "StateShape": ('rld:iso3166Alpha2 "KZ"', 'rld:iso3166Alpha2 "KAZ"'),
    "InstrumentShape": ('rld:entryIntoForceDate "1967"^^xsd:gYear', 'rld:entryIntoForceDate "in 1967"'),
    "EventShape": ("rld:location :almaty ;", "rld:location :kz ;"),
    "PersonShape": ("rld:holdsPost :post .", "rld:holdsPost :un ."),
    "PlaceShape": ("rld:country :kz .", "rld:country :unhcr ."),
    "AgencyShape": ("rld:partOf :un .", "rld:partOf :almaty ."),
    "DocumentShape": ('dcterms:identifier "a.txt" ;', 'dcterms:identifier "a.txt", "a2.txt" ;'),
    "FactProvenanceShape": ('rld:count 352 ;\n    rld:approximate true ; rld:date "2022"^^xsd:gYear ; prov:wasDerivedFrom :doc ;',
                            'rld:count 352 ;\n    rld:approximate true ; rld:date "2022"^^xsd:gYear ;'),
    "TreatyActionShape": ("rld:action rld:Accession ;\n    rld:date \"1998-12\"", "rld:action rld:Adhesion ;\n    rld:date \"1998-12\""),
    "InstrumentDateShape": ('rld:dateKind rld:adoptionDate ;', 'rld:dateKind rld:birthday ;'),
    "PopulationFigureShape": ("rld:count 352", "rld:count -352"),
    "PostShape": (':post a rld:Post ; rdfs:label "High Commissioner"@en', ':post a rld:Post'),
    "EvidenceShape": ('oa:start "0"^^xsd:nonNegativeInteger', 'oa:start "30"^^xsd:nonNegativeInteger'),
    "WikidataLinkShape": ('rld:wikidataId "Q232"', 'rld:wikidataId "232"'),
    "ConflictingTreatyActionDates": ('rld:date "1998"^^xsd:gYear', 'rld:date "1999"^^xsd:gYear'),
    "ConflictingInstrumentDates": ('rld:supplements :conv ;', 'rld:supplements :conv ; rld:adoptionDate "1967-01-31"^^xsd:date, "1966"^^xsd:gYear ;'),
}


@pytest.fixture(scope="module")
def shapes():
    return load_shapes(default_shapes_dir())


def run(ttl, shapes):
    """Both ways: pyshacl alone, and with SPARQL targets evaluated by Oxigraph (as the build does)."""
    graph = rdflib.Graph().parse(data=ttl, format="turtle")
    plain = validate_graph(graph, shapes)
    fast = validate_graph(graph, materialise_sparql_targets(shapes, graph.serialize(format="nt")))
    assert plain.results == fast.results
    return plain


def test_every_shape_has_a_violating_example(shapes):
    text = (default_shapes_dir() / "refugee-ld-shapes.ttl").read_text(encoding="utf-8")
    declared = set(re.findall(r"^rlds:(\w+) a sh:NodeShape ;\n(?:.*\n)*?\s+sh:target", text, re.MULTILINE))
    assert declared == set(VIOLATIONS)


def test_conforming_example_conforms_without_any_result(shapes):
    report = run(VALID, shapes)
    assert report.conforms, report.text()
    assert report.results == []


@pytest.mark.parametrize("shape", sorted(VIOLATIONS))
def test_violating_example(shape, shapes):
    old, new = VIOLATIONS[shape]
    assert old in VALID
    report = run(VALID.replace(old, new, 1), shapes)
    hits = [r for r in report.results if r.shape.split("/ ")[0].rstrip().endswith("#" + shape) or
            r.shape.startswith(f"https://w3id.org/refugee-ld/shapes#{shape}")]
    assert hits, report.text()
    if shape.startswith("Conflicting"):
        assert report.conforms and {r.severity for r in hits} == {"Warning"}
    else:
        assert not report.conforms and "Violation" in {r.severity for r in hits}
        assert hits[0].focus.startswith("https://example.org/")


def test_report_text_and_json_name_shape_and_focus(shapes):
    report = run(VALID.replace("rld:count 352", "rld:count -352"), shapes)
    assert "https://example.org/pop" in report.text() and "PopulationFigureShape" in report.text()
    assert '"conforms": false' in report.as_json()


def test_an_impossible_date_is_reported(shapes):
    report = run(VALID.replace('rld:startDate "2011-03-15"^^xsd:date', 'rld:startDate "2011-02-30"^^xsd:date'), shapes)
    hits = [r for r in report.violations if r.focus == "https://example.org/conf"]
    assert hits and hits[0].path.endswith("#startDate") and hits[0].value == "2011-02-30"
    assert hits[0].shape == "https://w3id.org/refugee-ld/shapes#EventShape-startDate"


def test_every_shape_has_an_iri(shapes):
    from rdflib import BNode, Namespace

    sh = Namespace("http://www.w3.org/ns/shacl#")
    assert not [s for s in shapes.objects(None, sh.property) if isinstance(s, BNode)]
    assert not [s for s in shapes.subjects(sh.path, None) if isinstance(s, BNode)]


def _report_graph(report):
    import pyoxigraph as ox

    from refugee_ld.rdf.serialize import prefixes_for, to_turtle
    from refugee_ld.rdf.terms import DEFAULT_BASE

    text = to_turtle(report.quads(DEFAULT_BASE), prefixes_for(DEFAULT_BASE))
    assert text == to_turtle(list(reversed(report.quads(DEFAULT_BASE))), prefixes_for(DEFAULT_BASE))
    return text, list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))


def test_report_is_turtle_that_keeps_term_kinds_and_says_conforms_as_shacl_does(shapes):
    import pyoxigraph as ox

    SH = "http://www.w3.org/ns/shacl#"
    # a literal that looks like an IRI, an inverse path and a warning only
    data = VALID.replace("rld:organizer :unhcr , :kz", 'rld:organizer :unhcr , :kz , "https://example.org/unhcr"')
    data = data.replace(':post a rld:Post ;', ':post a rld:Post ; rdfs:comment "x" .\n:post2 a rld:Post ; '
                        'rdfs:label "Envoy"@en ; prov:wasDerivedFrom :doc ; rld:evidence :ev .\n:post3 a rld:Post ;')
    report = run(data, shapes)
    _, graph = _report_graph(report)
    values = [t.object for t in graph if t.predicate.value == SH + "value"]
    assert ox.Literal("https://example.org/unhcr") in values
    paths = [t.object for t in graph if t.predicate.value == SH + "resultPath"]
    assert any(isinstance(p, ox.BlankNode) for p in paths)  # [ sh:inversePath rld:holdsPost ], as RDF
    assert any(t.predicate.value == SH + "inversePath" for t in graph)
    assert not [t for t in graph if t.predicate.value == SH + "sourceShape" and isinstance(t.object, ox.BlankNode)]
    conforms = [t.object.value for t in graph if t.predicate.value == SH + "conforms"]
    assert conforms == ["false"]

    warnings_only = run(VALID.replace('rld:date "1998"^^xsd:gYear', 'rld:date "1999"^^xsd:gYear'), shapes)
    assert warnings_only.conforms and not warnings_only.shacl_conforms  # exit 0, but not SHACL-conformant
    _, graph = _report_graph(warnings_only)
    assert [t.object.value for t in graph if t.predicate.value == SH + "conforms"] == ["false"]
    assert '"conforms": false' in warnings_only.as_json() and "Conforms: no" in warnings_only.text()

    clean = run(VALID, shapes)
    _, graph = _report_graph(clean)
    assert [t.object.value for t in graph if t.predicate.value == SH + "conforms"] == ["true"]


def test_skipped_validation_claims_nothing():
    from refugee_ld.rdf.validation import ValidationReport

    skipped = ValidationReport(True, validated=False)
    assert skipped.quads("https://example.org/") == [] and not skipped.shacl_conforms


def test_the_all_focus_nodes_query_gives_the_answers_of_sh_select(shapes):
    """rlds:allFocusNodesSelect (run by the build's engine) and sh:select (run by other SHACL engines) find the
    same conflicting treaty-action dates, including the corner where one action carries two dates itself."""
    import pyoxigraph as ox

    from refugee_ld.rdf.validation import ALL_FOCUS_NODES_SELECT

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    constraint = next(c for s, c in shapes.subject_objects(sh.sparql) if "ConflictingTreatyActionDates" in str(s))
    prefix = "PREFIX rld: <https://w3id.org/refugee-ld/ontology#>\n"
    data = "".join(
        f"<http://x/a{n}> a <https://w3id.org/refugee-ld/ontology#TreatyAction> ; "
        f"<https://w3id.org/refugee-ld/ontology#state> <http://x/{state}> ; "
        f"<https://w3id.org/refugee-ld/ontology#instrument> <http://x/cat> ; "
        f"<https://w3id.org/refugee-ld/ontology#action> \"ratification\" ; "
        + " ; ".join(f"<https://w3id.org/refugee-ld/ontology#date> \"{d}\"" for d in dates) + " .\n"
        for n, (state, dates) in enumerate([
            ("kenya", ["1998"]), ("kenya", ["1998-12"]), ("kenya", ["1999"]),  # 1998 and 1999 conflict
            ("chad", ["2001"]), ("chad", ["2001"]),  # the same date twice: no conflict
            ("mali", ["2003", "2004"]),  # one action with two dates and no other action: no conflict in sh:select
            ("niger", ["2005", "2006"]), ("niger", ["2006"]),
        ]))
    store = ox.Store()
    store.load(data.encode(), format=ox.RdfFormat.TURTLE)

    def answers(query: str) -> set[tuple[str, str]]:
        text = prefix + str(query).replace("$this", "?this")
        return {(str(r["this"]), str(r["value"])) for r in store.query(text)}

    reference = answers(shapes.value(constraint, sh.select))
    assert answers(shapes.value(constraint, rdflib.URIRef(ALL_FOCUS_NODES_SELECT))) == reference
    assert ("<http://x/a2>", '"1999"') in reference and not {t for t, _ in reference} & {"<http://x/a5>"}
