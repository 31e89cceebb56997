"""Query workers: refusals on the parsed text, deadlines that kill and replace a worker, result limits."""
import pyoxigraph as ox
import pytest

from refugee_ld.query import tokenize
from refugee_ld.publish.sparql_pool import (
    QueryPool,
    QueryRefused,
    QueryTimeout,
    check_query,
    first_keyword,
)


def test_service_in_strings_iris_and_comments_is_no_call():
    query = 'SELECT ("SERVICE" AS ?a) (\'\'\'x\nSERVICE\'\'\' AS ?b) { <http://s/SERVICE> ?p ?o } # SERVICE'
    check_query(query)  # not refused
    assert first_keyword(tokenize(query)) == "SELECT"


@pytest.mark.parametrize("query", ["SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
                                   "select * { service silent <http://x/> { ?s ?p ?o } }"])
def test_service_refused(query):
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_query(query)


@pytest.mark.parametrize("query", ["INSERT DATA { <a:a> <a:a> <a:a> }", "PREFIX x: <http://x/>\nDROP ALL",
                                   "BASE <http://x/> DELETE WHERE { ?s ?p ?o }", "WITH <a:g> DELETE {?s ?p ?o} WHERE {?s ?p ?o}"])
def test_updates_refused(query):
    with pytest.raises(QueryRefused, match="read-only"):
        check_query(query)


def test_queries_mentioning_keywords_in_names_pass():
    check_query('PREFIX ex: <http://x/>\nSELECT ?drop WHERE { ?drop ex:SERVICE "DELETE" }')
    assert first_keyword(tokenize("PREFIX a: <http://x/> SELECT * {}")) == "SELECT"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("store")
    store = ox.Store(str(path))
    store.extend([ox.Quad(ox.NamedNode(f"http://e.org/{i}"), ox.NamedNode("http://e.org/p"), ox.Literal(str(i)))
                  for i in range(300)])
    store.flush()
    del store
    return str(path)


def test_pool_limits_times_out_and_recovers(store_path):
    pool = QueryPool(store_path, {"e": "http://e.org/"}, workers=1, timeout=2, limit=100)
    try:
        answer = pool.run("SELECT * { ?s e:p ?o }", "application/sparql-results+json")
        assert answer.count == 100 and answer.truncated
        small = pool.run("SELECT * { ?s e:p '7' }", "text/csv")
        assert small.count == 1 and not small.truncated and small.body.startswith(b"s\r\n")
        graph = pool.run("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/n-triples")
        assert graph.count == 100 and graph.truncated
        with pytest.raises(QueryTimeout):
            pool.run("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "application/sparql-results+json")
        assert pool.run("ASK { ?s ?p ?o }", "application/sparql-results+json").body == b'{"head": {}, "boolean": true}'
        with pytest.raises(QueryRefused, match="syntax"):
            pool.run("SELECT ?x WHERE {", "application/sparql-results+json")
    finally:
        pool.close()
