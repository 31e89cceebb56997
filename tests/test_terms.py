from refugee_ld.terms import XSD, date_literal, en, escape, iri, literal


def test_ntriples_forms():
    assert iri("http://x/a").nt() == "<http://x/a>"
    assert en('say "hi"\n').nt() == '"say \\"hi\\"\\n"@en'
    assert literal("x").nt() == '"x"'
    assert date_literal("2011").nt() == f'"2011"^^<{XSD}gYear>'
    assert date_literal("2011-03").datatype == XSD + "gYearMonth"
    assert date_literal("2011-03-15").datatype == XSD + "date"
    assert escape("a\u0001b") == "a\\u0001b"
