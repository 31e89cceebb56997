import pyoxigraph as ox
import pytest
from hypothesis import given, settings, strategies as st

from refugee_ld.rdf.iris import check_base, decode_segment, encode_segment, mint_iri
from refugee_ld.rdf.terms import (DEFAULT_BASE, RDF, XSD, InvalidTermError, Quad, Term, check_quads, date_literal, en,
                              escape, ill_typed, iri, is_valid_iri, is_valid_language_tag, literal, term_problem)


def test_ntriples_forms():
    assert iri("http://x/a").nt() == "<http://x/a>"
    assert en('say "hi"\n').nt() == '"say \\"hi\\"\\n"@en'
    assert literal("x").nt() == '"x"'
    assert date_literal("2011").nt() == f'"2011"^^<{XSD}gYear>'
    assert date_literal("2011-03").datatype == XSD + "gYearMonth"
    assert date_literal("2011-03-15").datatype == XSD + "date"
    assert escape("a\u0001b") == "a\\u0001b"


# ---------------------------------------------------------------- the IRI policy and term checks
# any text a file system or an extraction can produce, incl. undecodable bytes (surrogateescape)
names = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(["\udc80", "\udcff", "%", "#", "\n"]),
                max_size=40)


@settings(max_examples=300, deadline=None)
@given(names)
def test_minted_iris_are_valid_for_us_and_for_oxigraph(name):
    value = mint_iri(DEFAULT_BASE, "document", name, fragment="char=1,2").value
    assert is_valid_iri(value)
    assert ox.NamedNode(value).value == value  # oxigraph's RFC 3987 check agrees
    ox.parse(f"<{value}> <http://x/p> <http://x/o> .\n".encode(), format=ox.RdfFormat.N_TRIPLES)


@settings(max_examples=300, deadline=None)
@given(names, names)
def test_encoding_is_injective_and_reversible(a, b):
    assert decode_segment(encode_segment(a)) == a
    if a != b:
        assert encode_segment(a) != encode_segment(b)


def test_readable_names_stay_readable():
    assert encode_segment("Қазақстан") == "Қазақстан"
    assert encode_segment("Press release (June 2023) – Uzbekistan.txt") == \
        "Press%20release%20(June%202023)%20%E2%80%93%20Uzbekistan.txt"
    assert encode_segment("100%zz #1") == "100%25zz%20%231"
    assert encode_segment("a\nb") == "a%0Ab" and encode_segment("..") == "%2E%2E"
    assert mint_iri(DEFAULT_BASE, "state", "kazakhstan").value == DEFAULT_BASE + "state/kazakhstan"
    assert mint_iri(DEFAULT_BASE + "document/x", fragment="char=3,9").value.endswith("document/x#char=3,9")
    with pytest.raises(InvalidTermError, match="lone surrogate"):
        encode_segment("\ud800")


@pytest.mark.parametrize("value", ["http://a/b c", "http://a/<b>", "http://a/%zz", "no-scheme", "http://a/#x#y",
                                   "http://[zz]/", "http://a/\ud800", "http://a/{b}", "http://a/b\nc", ""])
def test_invalid_iris_are_refused(value):
    assert not is_valid_iri(value)
    assert term_problem(Term(0, value))


@pytest.mark.parametrize("value", ["urn:x", "state:x", "http://[::1]/x", "https://a/é?q=1#f", "mailto:a@b",
                                   "http://a/%C3%A9"])
def test_valid_iris_pass(value):
    assert is_valid_iri(value)


def test_language_tags_and_lexical_forms():
    assert all(is_valid_language_tag(t) for t in ("en", "en-US", "zh-Hant-TW", "de-CH-1996", "x-private", "i-klingon"))
    assert not any(is_valid_language_tag(t) for t in ("", "en-", "en--US", "english-language-tag", "e1"))
    assert term_problem(literal("x", lang="en us"))
    assert term_problem(literal("a\ud800b"))
    assert ill_typed(date_literal("2011-02-30")) and ill_typed(literal("2011-13", XSD + "gYearMonth"))
    assert not ill_typed(date_literal("2012-02-29")) and not ill_typed(literal("-5", XSD + "integer"))
    assert ill_typed(literal("-5", XSD + "nonNegativeInteger"))


def test_check_quads_names_the_source():
    good = Quad(iri("http://x/s"), iri(RDF + "type"), iri("http://x/C"), iri("http://x/g"))
    check_quads([good])
    for bad in (Quad(iri("http://x/s"), iri("http://x/p"), iri("http://x/a b"), iri("http://x/g")),
                Quad(iri("http://x/s"), iri("http://x/p"), date_literal("2023-02-30"), iri("http://x/g")),
                Quad(iri("http://x/s"), iri("http://x/p"), literal("x", lang="en_GB"), iri("http://x/g"))):
        with pytest.raises(InvalidTermError, match=r"^doc\.txt: object of a triple"):
            check_quads([good, bad], lambda q: "doc.txt")


def test_base_iris_are_checked():
    assert check_base("https://example.org/kg") == "https://example.org/kg/"
    for base in ("not a base", "https://x/a b/", "ftp//x"):
        with pytest.raises(InvalidTermError, match="--base-iri"):
            check_base(base)


def test_writers_refuse_invalid_terms():
    from refugee_ld.rdf.serialize import prefixes_for, to_jsonld, to_nquads, to_ntriples, to_trig, to_turtle

    bad = [Quad(iri("http://x/s"), iri("http://x/p"), iri("http://x/a\nb"), iri("http://x/g"))]
    prefixes = prefixes_for(DEFAULT_BASE)
    for write in (to_ntriples, to_nquads, lambda q: to_turtle(q, prefixes), lambda q: to_trig(q, prefixes),
                  lambda q: to_jsonld(q, prefixes)):
        with pytest.raises(InvalidTermError, match="invalid IRI"):
            write(bad)
