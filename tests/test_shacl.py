"""The fast validator (shacl*.py) against pyshacl on the whole union graph, the reference engine.

Reports are compared as sets of results with every field the report prints (focus, path, value, severity,
source shape, message, component, the RDF terms and a complex path's triples), on the seed build, a generated
corpus, broken variants that make every shape fire, and random small graphs (hypothesis).
"""
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_validation import PREFIXES, VALID, VIOLATIONS

from refugee_ld.rdf.shacl import Unsupported, compile_shapes
from refugee_ld.rdf.shacl_scope import (
    NeedsWholeGraph,
    check_document,
    finish,
    prepare,
    split_documents,
    validate_quads_fast,
    validate_union,
)
from refugee_ld.rdf.terms import DEFAULT_BASE, Quad, Term
from refugee_ld.rdf.validation import default_shapes_dir, load_shapes, rdflib_term, validate_quads

RLD = "https://w3id.org/refugee-ld/ontology#"
MAKE_CORPUS = next((p / "shared" / "bench" / "make_corpus.py" for p in Path(__file__).resolve().parents
                    if (p / "shared" / "bench" / "make_corpus.py").exists()), Path("shared/bench/make_corpus.py"))


def key(r):
    return (r.severity, r.focus, r.shape, r.path, r.value, r.message, r.component, r.terms, r.path_quads)


def split_report(quads, shapes=None):
    """check_document per document (findings through pickle, as from a worker process), then finish."""
    docs, context = split_documents(quads)
    plan = pickle.loads(pickle.dumps(prepare(shapes or default_shapes_dir(), context)))
    findings = [pickle.loads(pickle.dumps(check_document(doc, plan))) for doc in docs]
    return finish(findings, plan)


def assert_same(quads, shapes=None, split=True):
    shapes = shapes or default_shapes_dir()
    reference = validate_quads(quads, shapes)
    expected = {key(r) for r in reference.results}
    fast = validate_quads_fast(quads, shapes)
    assert {key(r) for r in fast.results} == expected
    assert fast.conforms == reference.conforms
    assert sorted(fast.quads(DEFAULT_BASE)) == sorted(reference.quads(DEFAULT_BASE))
    assert {key(r) for r in validate_union(quads, shapes).results} == expected
    if split:
        assert {key(r) for r in split_report(quads, shapes).results} == expected
    return reference


def build_quads(tmp: Path, inputs=None):
    from refugee_ld.pipeline import build
    from refugee_ld.rdf.rdfio import read_quads

    build(inputs, out_dir=tmp / "dist", validate=False, show_progress=False)
    return read_quads(tmp / "dist" / "dataset.nq")


@pytest.fixture(scope="module")
def seed_quads(tmp_path_factory):
    return build_quads(tmp_path_factory.mktemp("seeds"))


def test_seed_build_gives_pyshacls_report(seed_quads):
    report = assert_same(seed_quads)
    assert report.results  # the seeds hold conflicting treaty-action dates: the comparison is not vacuous


@pytest.mark.skipif(not MAKE_CORPUS.exists(), reason="needs ../shared/bench/make_corpus.py")
def test_generated_corpus_gives_pyshacls_report(tmp_path):
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(tmp_path / "corpus"), "100"], check=True)
    quads = build_quads(tmp_path, [tmp_path / "corpus"])
    report = assert_same(quads)
    assert len({r.shape for r in report.results}) >= 2


def graph_quads(ttl: str, graph: str = "https://example.org/doc") -> list[Quad]:
    """Turtle as quads of one named graph, plus what is needed to make it a document graph."""
    g = rdflib.Graph().parse(data=ttl, format="turtle")
    name = Term(0, graph)
    return [Quad(rdflib_term(s), rdflib_term(p), rdflib_term(o), name) for s, p, o in g]


@pytest.mark.parametrize("shape", sorted(VIOLATIONS))
def test_every_shape_fires_as_pyshacl_says(shape):
    old, new = VIOLATIONS[shape]
    quads = graph_quads(VALID.replace(old, new))
    report = assert_same(quads)
    assert any(shape in r.shape for r in report.results)


def test_the_valid_example_has_no_result():
    assert not assert_same(graph_quads(VALID)).results


def _doc(n: int, body: str) -> list[Quad]:
    iri = f"https://example.org/doc{n}"
    return graph_quads(PREFIXES + f"<{iri}> a rld:Document ; dcterms:identifier \"d{n}\" ; dcterms:title \"D\"@en .\n"
                       + body, iri)


REGISTRY = PREFIXES + """
:kz a rld:State ; rdfs:label "Kazakhstan"@en ; rld:iso3166Alpha2 "KZ" .
:conv a rld:Instrument ; rdfs:label "Convention"@en ; rld:adoptionDate "1951-07-28"^^xsd:date .
:unhcr a rld:Agency ; rdfs:label "UNHCR"@en .
"""


def _fact(doc: int, name: str, date: str, extra: str = "") -> str:
    return f"""
:{name} a rld:TreatyAction ; rld:state :kz ; rld:instrument :conv ; rld:action rld:Accession ;
    rld:date {date} ; prov:wasDerivedFrom <https://example.org/doc{doc}> ; rld:evidence :{name}-ev {extra}.
:{name}-ev a rld:Evidence ; oa:exact "acceded" ; oa:start "0"^^xsd:nonNegativeInteger ;
    oa:end "7"^^xsd:nonNegativeInteger ; prov:wasQuotedFrom <https://example.org/doc{doc}> .
"""


def corpus(*docs: str) -> list[Quad]:
    quads = graph_quads(REGISTRY, "https://example.org/registry")
    for n, body in enumerate(docs):
        quads += _doc(n, body)
    return quads


BROKEN = {
    "conflicting dates across documents": ('"1998"^^xsd:gYear', '"1999"^^xsd:gYear'),
    "agreeing dates at two precisions": ('"1998"^^xsd:gYear', '"1998-12"^^xsd:gYearMonth'),
    "two labels for one entity across documents": ('"1998"^^xsd:gYear', '"1998"^^xsd:gYear',
                                                   ':kz rdfs:label "Kasachstan"@en .'),
    "an impossible date": ('"2011-02-30"^^xsd:date', '"1998"^^xsd:gYear'),
    "evidence that ends before it starts": ('"1998"^^xsd:gYear', '"1998"^^xsd:gYear',
                                            ':y-ev oa:start "9"^^xsd:nonNegativeInteger .'),
    "a state that is an agency": ('"1998"^^xsd:gYear', '"1998"^^xsd:gYear', ':y rld:state :unhcr .'),
    "an entity without a label in a document": ('"1998"^^xsd:gYear', '"1998"^^xsd:gYear',
                                                ':ev1 a rld:Event ; prov:wasDerivedFrom <https://example.org/doc1> .'),
    "a class only another document gives": ('"1998"^^xsd:gYear', '"1998"^^xsd:gYear',
                                            ':y rld:instrument :prot . :prot rdfs:label "P"@en .'),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_corpora_give_pyshacls_report(case):
    first, second, *more = BROKEN[case]
    quads = corpus(_fact(0, "x", first), _fact(1, "y", second) + "".join(more))
    if case == "a class only another document gives":
        quads += _doc(2, ":prot a rld:Instrument .")
    report = assert_same(quads)
    assert report.results or case == "agreeing dates at two precisions"


def test_a_node_shared_by_two_documents_is_validated_on_the_union():
    quads = corpus(_fact(0, "x", '"1998"^^xsd:gYear'), ':x rld:date "2001"^^xsd:gYear .')
    with pytest.raises(NeedsWholeGraph):
        split_report(quads)
    assert any("TreatyActionShape-date" in r.shape for r in assert_same(quads, split=False).results)


def test_a_document_declaring_subclasses_is_validated_on_the_union():
    quads = corpus(_fact(0, "x", '"1998"^^xsd:gYear'), ":Special rdfs:subClassOf rld:Event . :e a :Special .")
    with pytest.raises(NeedsWholeGraph):
        split_report(quads)
    assert any(r.focus == "https://example.org/e" for r in assert_same(quads, split=False).results)


def test_unsupported_shapes_are_refused_and_left_to_pyshacl(tmp_path):
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "s.ttl").write_text(PREFIXES + """@prefix sh: <http://www.w3.org/ns/shacl#> .
:Closed a sh:NodeShape ; sh:targetClass rld:State ; sh:closed true ; sh:property [ sh:path rdfs:label ] .
""", encoding="utf-8")
    with pytest.raises(Unsupported, match="closed"):
        compile_shapes(load_shapes(shapes))
    quads = corpus(_fact(0, "x", '"1998"^^xsd:gYear'))
    report = validate_quads_fast(quads, shapes)
    assert report.results and {key(r) for r in report.results} == {key(r) for r in
                                                                    validate_quads(quads, shapes).results}


def test_findings_of_a_document_are_small_next_to_its_quads(seed_quads):
    docs, context = split_documents(seed_quads)
    plan = prepare(default_shapes_dir(), context)
    for doc in docs:
        found = check_document(doc, plan)
        assert len(found.summary) < len(doc)
        assert found.keys and len(found.sent) < len(doc)


# ---------------------------------------------------------------- random graphs
NODES = [f"https://example.org/n{i}" for i in range(5)]
CLASSES = [RLD + c for c in ("State", "Agency", "Instrument", "Event", "Person", "Document", "Evidence",
                             "TreatyAction", "Post", "PopulationFigure")]
PROPS = ["http://www.w3.org/2000/01/rdf-schema#label", RLD + "state", RLD + "instrument", RLD + "date",
         RLD + "holdsPost", RLD + "count", "http://www.w3.org/ns/oa#start", "http://www.w3.org/ns/oa#end",
         RLD + "partyTo", RLD + "action", "http://www.w3.org/ns/prov#wasDerivedFrom", RLD + "adoptionDate"]
XSD = "http://www.w3.org/2001/XMLSchema#"
LITERALS = [Term(2, "Kazakhstan", "", "en"), Term(2, "KZ", XSD + "string"), Term(2, "1998", XSD + "gYear"),
            Term(2, "1999-02-30", XSD + "date"), Term(2, "7", XSD + "nonNegativeInteger"),
            Term(2, "-3", XSD + "integer"), Term(2, "x", "", "fr"), Term(2, "1998-12", XSD + "gYearMonth")]
objects = st.one_of(st.sampled_from([Term(0, n) for n in NODES]), st.sampled_from(LITERALS),
                    st.sampled_from([Term(0, RLD + "Accession")]))
triples = st.one_of(
    st.tuples(st.sampled_from(NODES).map(lambda v: Term(0, v)), st.just(Term(0, str(rdflib.RDF.type))),
              st.sampled_from(CLASSES).map(lambda v: Term(0, v))),
    st.tuples(st.sampled_from(NODES).map(lambda v: Term(0, v)), st.sampled_from(PROPS).map(lambda v: Term(0, v)),
              objects))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 2), triples), max_size=14))
def test_random_graphs_give_pyshacls_report(placed):
    quads = corpus("", "")
    graphs = [Term(0, "https://example.org/doc0"), Term(0, "https://example.org/doc1"),
              Term(0, "https://example.org/registry")]
    quads += [Quad(s, p, o, graphs[g]) for g, (s, p, o) in placed]
    reference = {key(r) for r in validate_quads(quads, default_shapes_dir()).results}
    assert {key(r) for r in validate_quads_fast(quads, default_shapes_dir()).results} == reference
    try:
        assert {key(r) for r in split_report(quads).results} == reference
    except NeedsWholeGraph:
        pass  # a node shared by graphs: the drop-in above validated the union instead


def test_scopes_say_where_each_shape_is_checked_and_why():
    from refugee_ld.rdf.shacl_scope import scopes

    rows = {name.rsplit("#", 1)[-1]: (where, why) for name, where, why in scopes(prepare(default_shapes_dir(), []))}
    assert rows["EvidenceShape-startBeforeEnd"][0] == "per document"
    assert rows["TreatyActionShape-state"][0] == "per document"
    assert rows["ConflictingTreatyActionDates-date"][0] == "global"
    assert rows["LabelledEntityShape-label"][0] == "global"
    assert rows["PostShape-holder"] == ("global", rows["PostShape-holder"][1]) and "inverse" in rows["PostShape-holder"][1]
    assert rows["FactProvenanceShape-evidence"][0] == "per document + global"
    assert "Post" in rows["FactProvenanceShape-evidence"][1]
