"""IRIs minted once per IriMaker (rdf/minting.py) are the IRIs the policy mints."""
from hypothesis import given
from hypothesis import strategies as st

from refugee_ld.rdf.iris import mint_iri
from refugee_ld.rdf.minting import IriMaker
from refugee_ld.records import Evidence

names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@given(st.lists(st.tuples(names, names), min_size=1, max_size=8))
def test_cached_entity_iris_equal_freshly_minted_ones(keys):
    iris = IriMaker("https://example.org/")
    for kind, name in keys + keys:
        assert iris.entity(f"{kind.replace('/', '_')}/{name}") == mint_iri("https://example.org/",
                                                                         kind.replace("/", "_"), name)


@given(st.lists(st.one_of(st.integers(), st.booleans(), st.text(max_size=5), st.floats(allow_nan=False)),
                max_size=4))
def test_nodes_of_equal_but_differently_written_parts_stay_apart(parts):
    iris = IriMaker("https://example.org/")
    fresh = IriMaker("https://example.org/")
    first = iris.node("fact", *parts)
    iris.node("fact", *[float(p) if isinstance(p, int) else p for p in parts])  # 1 == 1.0 == True
    assert iris.node("fact", *parts) == first == fresh.node("fact", *parts)


def test_evidence_iris_are_the_document_iri_with_a_char_fragment():
    iris = IriMaker("https://example.org/")
    doc = iris.document("a b.txt")
    ev = Evidence("a b.txt", 3, 9, "quoted")
    assert iris.evidence(doc, ev).value == doc.value + "#char=3,9" == iris.evidence(doc, ev).value
