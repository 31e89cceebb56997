"""Accept-header negotiation: q-values, wildcards, specificity, malformed input."""
from hypothesis import given
from hypothesis import strategies as st

from refugee_ld.publish.negotiation import choose, from_format_parameter, parse_accept

RDF = ["text/html", "text/turtle", "application/n-triples", "application/ld+json"]


def test_q_values_decide():
    assert choose("application/n-triples;q=0.9, text/turtle;q=0.5", RDF) == "application/n-triples"
    assert choose("text/turtle;q=0.2, application/ld+json", RDF) == "application/ld+json"


def test_most_specific_range_sets_the_q_value():
    assert choose("text/*;q=0, text/turtle", RDF) == "text/turtle"
    assert choose("*/*;q=0.1, text/html;q=0", RDF) == "text/turtle"  # html refused, the rest at 0.1 in order


def test_browsers_get_html_and_absent_header_gets_the_first_offer():
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert choose(browser, RDF) == "text/html"
    assert choose(None, RDF) == "text/html"
    assert choose("", ["text/turtle"]) == "text/turtle"


def test_nothing_acceptable():
    assert choose("image/png", RDF) is None
    assert choose("text/turtle;q=0", ["text/turtle"]) is None


def test_aliases_and_malformed_entries():
    assert choose("application/x-turtle", RDF) == "text/turtle"
    assert choose("garbage, text/turtle;q=abc, application/ld+json;q=0.5", RDF) == "application/ld+json"
    assert [p.media_range for p in parse_accept("a/b;q=2")] == ["a/b"] and parse_accept("a/b;q=2")[0].q == 0


def test_format_parameter():
    assert from_format_parameter("turtle") == "text/turtle"
    assert from_format_parameter("JSON") == "application/sparql-results+json"
    assert from_format_parameter("text/csv") == "text/csv"
    assert from_format_parameter("pdf") is None and from_format_parameter(None) is None


@given(st.text(max_size=200))
def test_any_header_gives_an_offer_or_none(header):
    assert choose(header, RDF) in RDF + [None]
