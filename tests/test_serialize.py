import json

import pyoxigraph as ox
from hypothesis import given, settings, strategies as st
from pyld import jsonld

from refugee_ld.rdf.serialize import prefixes_for, to_jsonld, to_nquads, to_ntriples, to_trig, to_turtle
from refugee_ld.rdf.terms import DEFAULT_BASE, Quad, en, integer, iri, literal

PREFIXES = prefixes_for(DEFAULT_BASE)


def triples_of(data: str, fmt) -> set:
    return {(q.subject, q.predicate, q.object) for q in ox.parse(data.encode(), format=fmt)}


def jsonld_triples(text: str) -> set:
    nq = jsonld.to_rdf(json.loads(text), {"format": "application/n-quads"})
    return triples_of(nq, ox.RdfFormat.N_QUADS)


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(texts, st.sampled_from(["state/a", "event/b-1", "document/x#char=1,2", "weird path/é"]))
def test_all_writers_agree_on_arbitrary_literals_and_iris(text, local):
    subject = iri(DEFAULT_BASE + local.replace(" ", "%20"))
    g = iri(DEFAULT_BASE + "document/x")
    quads = [Quad(subject, iri("https://w3id.org/refugee-ld/ontology#note"), literal(text), g),
             Quad(subject, iri("http://www.w3.org/2000/01/rdf-schema#label"), en(text), g),
             Quad(subject, iri("https://w3id.org/refugee-ld/ontology#count"), integer(3), g)]
    reference = triples_of(to_ntriples(quads), ox.RdfFormat.N_TRIPLES)
    assert triples_of(to_turtle(quads, PREFIXES), ox.RdfFormat.TURTLE) == reference
    assert jsonld_triples(to_jsonld(quads, PREFIXES)) == reference
    assert {(q.subject, q.predicate, q.object) for q in ox.parse(to_trig(quads, PREFIXES).encode(),
                                                                 format=ox.RdfFormat.TRIG)} == reference
    assert len(list(ox.parse(to_nquads(quads).encode(), format=ox.RdfFormat.N_QUADS))) == 3


def test_output_does_not_depend_on_input_order():
    a = Quad(iri("http://x/a"), iri("http://x/p"), literal("1"), None)
    b = Quad(iri("http://x/b"), iri("http://x/p"), literal("2"), None)
    assert to_turtle([a, b], PREFIXES) == to_turtle([b, a, a], PREFIXES)
    assert to_nquads([a, b]) == to_nquads([b, a])


def test_rdf_type_as_subject_or_object_is_not_written_as_a():
    from refugee_ld.rdf.terms import RDF, RDFS

    t = iri(RDF + "type")
    quads = [Quad(t, iri(RDFS + "label"), literal("type")), Quad(iri("http://x/p"), iri(RDFS + "subPropertyOf"), t),
             Quad(iri("http://x/s"), t, iri("http://x/C"))]
    text = to_turtle(quads, PREFIXES)
    assert "rdf:type rdfs:label" in text and "rdfs:subPropertyOf rdf:type" in text and "<http://x/s> a " in text
    assert triples_of(text, ox.RdfFormat.TURTLE) == triples_of(to_ntriples(quads), ox.RdfFormat.N_TRIPLES)


def test_jsonld_blank_nodes_odd_prefixes_and_curie_like_iris():
    from refugee_ld.rdf.terms import Term

    b1, b2 = Term(1, "b1"), Term(1, "b2")
    quads = [Quad(b1, iri("http://x/p"), b2), Quad(b2, iri("http://x/p"), literal("b")),
             Quad(iri("state:x"), iri("http://x/pq"), iri("http://x/p")),  # an absolute IRI that looks like a CURIE
             Quad(iri("http://x/pz"), iri("http://x/p"), literal("1", "http://x/pdt"))]
    prefixes = dict(PREFIXES, xp="http://x/p")  # a namespace without / or #
    text = to_jsonld(quads, prefixes)
    document = json.loads(text)
    assert "state" not in document["@context"] and "xp" not in document["@context"]
    expanded = jsonld.to_rdf(document, {"format": "application/n-quads"})
    assert "<state:x>" in expanded and "_:" in expanded and '"b"' in expanded
    canonical = ox.Dataset(ox.parse(expanded.encode(), format=ox.RdfFormat.N_QUADS))
    reference = ox.Dataset(ox.parse(to_nquads(quads).encode(), format=ox.RdfFormat.N_QUADS))
    canonical.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    reference.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    assert set(canonical) == set(reference)


# -- streaming: the dumps of quads fed chunk by chunk, sorted in memory or spilled to runs on disk -------------
quad_lists = st.lists(st.tuples(st.sampled_from(["state/a", "state/b", "event/c", "document/d#char=1,2"]),
                                st.sampled_from(["http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                                                 "http://www.w3.org/2000/01/rdf-schema#label",
                                                 "https://w3id.org/refugee-ld/ontology#count"]),
                                texts, st.sampled_from([None, "graph/x", "graph/y"])), max_size=40)


def _quads(rows):
    return [Quad(iri(DEFAULT_BASE + s), iri(p), literal(o) if o else iri(DEFAULT_BASE + "state/z"),
                 iri(DEFAULT_BASE + g) if g else None) for s, p, o, g in rows]


def _write_all(dumps):
    import io

    from refugee_ld.rdf.formats import DUMP_FORMATS

    out = {}
    for fmt in DUMP_FORMATS:
        buffer = io.StringIO()
        fmt.writer(buffer, dumps)
        out[fmt.dump] = buffer.getvalue()
    return out


@settings(max_examples=40, deadline=None)
@given(quad_lists, st.integers(1, 7))
def test_spilled_runs_give_the_same_bytes_as_the_in_memory_writers(tmp_path_factory, rows, chunk):
    from refugee_ld.rdf.dumps import Dumps

    quads = _quads(rows)
    folder = tmp_path_factory.mktemp("runs")
    in_memory, spilled = Dumps(folder / "a", PREFIXES), Dumps(folder / "b", PREFIXES, memory_budget=1)
    for start in range(0, len(quads), chunk):
        in_memory.add(quads[start:start + chunk])
        spilled.add(quads[start:start + chunk])
    assert in_memory.spilled == 0 and (spilled.spilled > 0 or not quads)
    expected = {"graph.ttl": to_turtle(quads, PREFIXES), "graph.nt": to_ntriples(quads), "dataset.nq": to_nquads(quads),
                "dataset.trig": to_trig(quads, PREFIXES), "graph.jsonld": to_jsonld(quads, PREFIXES)}
    assert _write_all(in_memory) == expected
    assert _write_all(spilled) == expected
    assert spilled.void.quads(DEFAULT_BASE, 1) == in_memory.void.quads(DEFAULT_BASE, 1)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), max_size=20), max_size=6))
def test_sorted_runs_merge_to_the_sorted_distinct_union(tmp_path_factory, batches):
    from refugee_ld.rdf.runs import SortedRuns

    runs: SortedRuns[int] = SortedRuns(tmp_path_factory.mktemp("r"), "n")
    for batch in batches:
        runs.add(batch)
        runs.spill()
    expected = sorted({x for batch in batches for x in batch})
    assert list(runs.merged()) == expected
    assert list(runs.merged()) == expected  # a second pass reads the runs again
    runs.add([99])
    assert list(runs.merged()) == expected + [99]


def test_void_counts_distinct_union_triples_but_every_mapped_quad_of_a_graph():
    from refugee_ld.rdf.void import void_quads

    a, b = iri(DEFAULT_BASE + "state/a"), iri(DEFAULT_BASE + "state/b")
    kind = iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    state = iri("https://w3id.org/refugee-ld/ontology#State")
    g = iri(DEFAULT_BASE + "graph/x")
    quads = [Quad(a, kind, state, g), Quad(a, kind, state, g), Quad(b, kind, state), Quad(a, kind, state)]
    text = to_turtle(void_quads(quads, DEFAULT_BASE, 2), PREFIXES)
    assert 'void:triples "2"^^xsd:integer' in text  # two distinct triples in the union
    assert "graph:x a void:Dataset ;\n    void:triples \"2\"^^xsd:integer" in text  # both quads of graph x
    assert 'void:entities "2"^^xsd:integer' in text


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.integers(0, 50), max_size=10), max_size=12), st.integers(2, 4))
def test_more_runs_than_the_fan_in_are_merged_in_groups_to_the_same_union(tmp_path_factory, batches, fan_in):
    from refugee_ld.rdf import runs as runs_module
    from refugee_ld.rdf.runs import SortedRuns

    folder = tmp_path_factory.mktemp("g")
    theirs: SortedRuns[int] = SortedRuns(folder, "worker")  # runs another process wrote, adopted by name
    for batch in batches:
        theirs.add(batch)
        theirs.spill()
    runs: SortedRuns[int] = SortedRuns(folder, "parent")
    runs.adopt(theirs.runs)
    original, runs_module.FAN_IN = runs_module.FAN_IN, fan_in
    try:
        merged = list(runs.merged())
    finally:
        runs_module.FAN_IN = original
    assert merged == sorted({x for batch in batches for x in batch})
    assert runs.spilled <= fan_in and list(runs.merged()) == merged
