from pathlib import Path

import pytest

from refugee_ld.text.loading import InputError
from refugee_ld.query import read_query, run_query, with_prefixes


def test_project_prefixes_are_added_unless_declared():
    q = with_prefixes("PREFIX rld: <http://other/> SELECT * WHERE { ?s a rld:State }")
    assert "PREFIX rld: <https://w3id.org" not in q and "PREFIX prov:" in q


def test_union_default_graph_and_named_graphs(seed_build):
    table = run_query("SELECT ?label WHERE { state:kazakhstan rdfs:label ?label }", [seed_build.out_dir])
    assert "Kazakhstan" in table and "(1 row)" in table
    csv = run_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s rld:partyTo ?i } } ORDER BY ?g",
                    [seed_build.out_dir], "csv")
    assert csv.count("/document/") == 4


def test_errors(seed_build, tmp_path):
    with pytest.raises(InputError, match="SPARQL syntax error"):
        run_query("SELECT WHERE {", [seed_build.out_dir])
    with pytest.raises(InputError, match="no such query file"):
        read_query(str(tmp_path / "missing.rq"))


# -- set semantics, positions, prefixes, SERVICE (issue 8 item 4, issue 14 item 6) -------------------------------
import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from refugee_ld.query import position, tokenize, uses_service  # noqa: E402


def _void_triples(out_dir):
    text = (out_dir / "void.ttl").read_text(encoding="utf-8")
    return int(re.search(r'void:triples "(\d+)"', text).group(1))  # the dataset's own count comes first


def test_count_star_equals_void_triples(seed_build):
    table = run_query("SELECT (COUNT(*) AS ?n) {?s ?p ?o}", [seed_build.out_dir], "csv")
    assert int(table.split()[-1]) == _void_triples(seed_build.out_dir) == seed_build.triples


def test_a_triple_stated_by_several_documents_is_one_row(seed_build):
    """Kazakhstan's partyTo triples sit in several document graphs; the default graph holds each once."""
    rows = run_query("SELECT ?o { state:kazakhstan rld:partyTo ?o }", [seed_build.out_dir], "csv").split()[1:]
    assert rows and len(rows) == len(set(rows))
    per_graph = run_query("SELECT ?g ?o { GRAPH ?g { state:kazakhstan rld:partyTo ?o } }",
                          [seed_build.out_dir], "csv").split()[1:]
    assert len(per_graph) > len(rows)  # the named graphs still say which document states what


def test_syntax_error_position_is_in_the_users_text(seed_build):
    with pytest.raises(InputError, match=r"at line 3, column \d+"):
        run_query("SELECT *\nWHERE {\n  ?s ?p }", [seed_build.out_dir])


def test_unknown_prefix_is_named_with_the_known_ones(seed_build):
    with pytest.raises(InputError) as err:
        run_query("SELECT * WHERE {\n  ?s nope:thing ?o }", [seed_build.out_dir])
    message = str(err.value)
    assert "unknown prefix 'nope:'" in message and "line 2, column 6" in message
    assert "rld:" in message and "state:" in message and "\n" not in message
    # declared by the query itself: fine
    run_query("PREFIX nope: <http://example.org/> SELECT * WHERE { ?s nope:thing ?o }", [seed_build.out_dir])


def test_service_refused_only_as_a_keyword(seed_build):
    harmless = ('SELECT ?s WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, "SERVICE")) }  # a SERVICE comment\n'
                "# service <http://example.org/>\n")
    assert run_query(harmless, [seed_build.out_dir]).rstrip().endswith(("rows)", "row)"))
    for query in ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
                  "select * where { service silent <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"):
        with pytest.raises(InputError, match="SERVICE calls are disabled"):
            run_query(query, [seed_build.out_dir])


def test_tokens_skip_strings_comments_and_iris():
    tokens = tokenize("PREFIX s: <http://x/service#> SELECT ?service WHERE { ?s s:service 'SERVICE' } # SERVICE")
    assert not uses_service(tokens)
    assert [t.prefix for t in tokens if t.kind == "pname"] == ["s", "s"]
    assert position("ab\ncd", 4) == (2, 2)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_service_inside_any_string_literal_is_not_a_call(text):
    literal = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    assert not uses_service(tokenize(f"SELECT * WHERE {{ ?s ?p {literal} }}"))


def test_query_file_must_be_utf8(tmp_path):
    rq = tmp_path / "latin1.rq"
    rq.write_bytes("SELECT * WHERE { ?s ?p \"caf\xe9\" }".encode("latin-1"))
    with pytest.raises(InputError, match="latin1.rq: query file is not valid UTF-8"):
        read_query(str(rq))


def test_data_prefixes_follow_the_dumps_own_base(tmp_path):
    from refugee_ld.pipeline import build

    out = tmp_path / "dist"
    build([Path(__file__).resolve().parent / "corpus" / "kyrgyz_news.txt"], out_dir=out, base="https://example.org/kg/",
          validate=False, show_progress=False)
    answer = run_query("SELECT ?s { ?s rdfs:label ?l FILTER(?s = state:kyrgyzstan) }", [out], "csv")
    assert "https://example.org/kg/state/kyrgyzstan" in answer
    table = run_query("SELECT ?s { ?s rdfs:label \"Kyrgyzstan\"@en }", [out])
    assert "state:kyrgyzstan" in table  # compacted with the dump's prefixes
