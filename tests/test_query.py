import pytest

from refugee_ld.loading import InputError
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
