"""Our bounded result writers read back by pyoxigraph's parsers (JSON, XML, TSV) and the csv module."""
import csv
import io
import re

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refugee_ld.publish import sparql_results

XSD = "http://www.w3.org/2001/XMLSchema#"
TERMS = [ox.NamedNode("https://e.org/a?b=c&d"), ox.BlankNode("b1"), ox.Literal("plain"),
         ox.Literal("chat", language="fr"), ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")),
         ox.Literal('quote " comma , tab \t newline \n <tag> & amp')]


def rows_of(data: bytes, fmt):
    return [[solution[v] for v in ("x", "y")] for solution in ox.parse_query_results(data, format=fmt)]


def test_round_trip_json_xml_tsv():
    rows = [[t, None if i % 2 else t] for i, t in enumerate(TERMS)]
    for writer, fmt in [(sparql_results.to_json, ox.QueryResultsFormat.JSON),
                        (sparql_results.to_xml, ox.QueryResultsFormat.XML),
                        (sparql_results.to_tsv, ox.QueryResultsFormat.TSV)]:
        back = rows_of(writer(["x", "y"], rows), fmt)
        assert [[str(t) if t is not None else None for t in r] for r in back] == \
               [[str(t) if t is not None else None for t in r] for r in rows], fmt


def test_csv_is_rfc4180():
    data = sparql_results.to_csv(["x"], [[t] for t in TERMS]).decode()
    assert data.endswith("\r\n")
    back = [r["x"] for r in csv.DictReader(io.StringIO(data, newline=""))]
    assert back == ["https://e.org/a?b=c&d", "_:b1", "plain", "chat", "3", TERMS[-1].value]


def test_booleans():
    assert bool(ox.parse_query_results(sparql_results.boolean(True, "application/sparql-results+json"),
                                       format=ox.QueryResultsFormat.JSON))
    assert not bool(ox.parse_query_results(sparql_results.boolean(False, "application/sparql-results+xml"),
                                           format=ox.QueryResultsFormat.XML))


@settings(max_examples=60)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
       st.sampled_from(["", "en", "en-GB"]))
def test_any_literal_round_trips(value, language):
    term = ox.Literal(value, language=language) if language else ox.Literal(value)
    for writer, fmt in [(sparql_results.to_json, ox.QueryResultsFormat.JSON),
                        (sparql_results.to_xml, ox.QueryResultsFormat.XML),
                        (sparql_results.to_tsv, ox.QueryResultsFormat.TSV)]:
        if fmt == ox.QueryResultsFormat.XML and re.search("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", value):
            with pytest.raises(ValueError, match="XML 1.0"):
                writer(["x"], [[term]])
            continue
        back = list(ox.parse_query_results(writer(["x"], [[term]]), format=fmt))
        assert back[0]["x"] == term, fmt
