"""Per-term texts: the same text as the term model's own forms, each term checked the first time it is seen."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from refugee_ld.rdf import render
from refugee_ld.rdf.render import Compactor, TermText, TurtleBlocks, nt_text, term_nt
from refugee_ld.rdf.serialize import prefixes_for, to_turtle
from refugee_ld.rdf.terms import DEFAULT_BASE, RDF, XSD, InvalidTermError, Quad, Term, en, iri, literal

PREFIXES = prefixes_for(DEFAULT_BASE)
texts = st.text(st.sampled_from(list('ab "\\\n\r\t\x00\x1f\x7fé')) | st.characters(blacklist_categories=("Cs",)))


@given(texts, st.sampled_from(["", "en", "fr-BE"]), st.sampled_from(["", XSD + "string", XSD + "integer"]))
def test_term_nt_is_the_terms_own_n_triples_form(value, lang, datatype):
    term = Term(2, value, "" if lang else datatype, lang)
    assert term_nt(term) == term.nt()
    assert term_nt(Term(1, "b0")) == "_:b0" and term_nt(iri("http://x/y")) == "<http://x/y>"


def test_a_term_is_checked_and_rendered_once_and_the_cache_is_bounded(monkeypatch):
    calls = []
    text = TermText(lambda t: calls.append(t) or t.value.upper(), "test output")
    assert text[iri("http://x/a")] == "HTTP://X/A" and text[iri("http://x/a")] == "HTTP://X/A"
    assert len(calls) == 1
    with pytest.raises(InvalidTermError, match="test output"):
        text[iri("not an iri")]
    monkeypatch.setattr(render, "CACHE_LIMIT", 2)
    for name in "bcdef":
        text[iri(f"http://x/{name}")]
    assert len(text) <= 2


def test_nt_text_refuses_a_bad_language_tag():
    with pytest.raises(InvalidTermError, match="N-Triples output"):
        nt_text("N-Triples output")[Term(2, "x", "", "not a tag!")]


def test_a_block_puts_rdf_type_first_then_predicates_by_their_printed_form():
    s = iri(DEFAULT_BASE + "state/a")
    rows = sorted([(s, iri("http://zzz.example/label"), en("z")), (s, iri(RDF + "type"), iri(DEFAULT_BASE + "x")),
                   (s, iri("https://w3id.org/refugee-ld/ontology#b"), literal("2", XSD + "integer")),
                   (s, iri("https://w3id.org/refugee-ld/ontology#b"), literal("1", XSD + "integer"))])
    block = TurtleBlocks(Compactor(PREFIXES, "Turtle output")).block(s, rows)
    assert block == ('state:a a <https://w3id.org/refugee-ld/id/x> ;\n    <http://zzz.example/label> "z"@en ;\n'
                     '    rld:b "1"^^xsd:integer, "2"^^xsd:integer .\n')  # "<" sorts before "r"
    assert block in to_turtle([Quad(*row) for row in rows], PREFIXES)


def test_a_literal_predicate_is_refused():
    s = iri(DEFAULT_BASE + "state/a")
    with pytest.raises(InvalidTermError, match="a predicate must be an IRI"):
        TurtleBlocks(Compactor(PREFIXES, "Turtle output")).block(s, [(s, literal("p"), en("x"))])
