"""The JSON-LD dump printed by hand is byte for byte json.dumps(indent=1) of the same document built as dicts."""
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from refugee_ld.rdf.jsonld import JsonLdNodes, _JsonLd, jsonld_context, schemes_of, write_jsonld
from refugee_ld.rdf.serialize import prefixes_for, to_jsonld
from refugee_ld.rdf.terms import DEFAULT_BASE, RDF, XSD, Quad, Term, en, iri, literal

PREFIXES = prefixes_for(DEFAULT_BASE)
subjects = st.sampled_from([iri(DEFAULT_BASE + "state/a"), iri(DEFAULT_BASE + "event/b-1"), Term(1, "b0"),
                            iri("urn:x:1"), iri("state:odd")])
predicates = st.sampled_from([iri(RDF + "type"), iri("http://www.w3.org/2000/01/rdf-schema#label"),
                              iri("https://w3id.org/refugee-ld/ontology#count"), iri("http://example.org/p-q"), iri("http://example.org/é")])
values = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
objects = st.one_of(subjects, values.map(en), values.map(literal), values.map(lambda v: literal(v, XSD + "date")),
                    values.map(lambda v: literal(v, "http://example.org/dt")))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(subjects, predicates, objects), max_size=25))
def test_hand_printed_nodes_are_json_dumps_of_the_dict_nodes(triples):
    rows = sorted(set(triples))
    schemes = schemes_of(rows)
    reference = _JsonLd(PREFIXES, schemes)
    document = {"@context": reference.context, "@graph": reference.nodes(rows)}
    expected = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    assert to_jsonld([Quad(*row) for row in rows], PREFIXES) == expected
    assert JsonLdNodes(PREFIXES, schemes).context == reference.context


def test_an_empty_graph_and_the_context_file():
    import io

    buffer = io.StringIO()
    write_jsonld(buffer, [], PREFIXES, set())
    assert json.loads(buffer.getvalue())["@graph"] == []
    assert buffer.getvalue() == json.dumps({"@context": _JsonLd(PREFIXES, set()).context, "@graph": []},
                                           indent=1, ensure_ascii=False) + "\n"
    assert set(jsonld_context(PREFIXES)["@context"]) >= {"state", "rld", "rdf"}
