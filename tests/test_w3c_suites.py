"""The five writers against the W3C RDF 1.1 test suites (N-Triples, N-Quads, Turtle, TriG).

For every positive syntax and evaluation test: parse the input with pyoxigraph, write it with each writer,
parse the output again with pyoxigraph and with an independent parser (serdi for the line and Turtle family,
pyld for JSON-LD) and require a dataset isomorphic to the input (blank nodes included).  Writers of one graph
(N-Triples, Turtle, JSON-LD) are compared with the union of the input's graphs.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld

from refugee_ld.rdf.rdfio import from_oxigraph
from refugee_ld.rdf.serialize import to_jsonld, to_nquads, to_ntriples, to_trig, to_turtle
from refugee_ld.rdf.terms import Quad

SUITES = Path(__file__).resolve().parents[2] / "shared" / "w3c-rdf-tests"
if not SUITES.is_dir():  # a worktree or clone beside /work/shared
    SUITES = Path("/work/shared/w3c-rdf-tests")
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDFT = "http://www.w3.org/ns/rdftest#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"
BASE = "https://w3c.github.io/rdf-tests/rdf/rdf11/"
SUITE_FORMATS = {"rdf-n-triples": ox.RdfFormat.N_TRIPLES, "rdf-n-quads": ox.RdfFormat.N_QUADS,
                 "rdf-turtle": ox.RdfFormat.TURTLE, "rdf-trig": ox.RdfFormat.TRIG}
POSITIVE = ("PositiveSyntax", "Eval")
# prefixes that exercise the compactor: namespaces without a trailing / or #, one that is a scheme in the data
PREFIXES = {"ex": "http://example/", "a": "http://a.example/", "ap": "http://a.example/p", "s": "http://a.example/s",
            "http": "http://example.org/not-a-scheme/", "xsd": "http://www.w3.org/2001/XMLSchema#",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
WRITERS = ("ntriples", "nquads", "turtle", "trig", "jsonld")
SERDI_SYNTAX = {"ntriples": "ntriples", "nquads": "nquads", "turtle": "turtle", "trig": "trig"}
OX_FORMAT = {"ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
             "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
KEEPS_GRAPHS = {"nquads", "trig", "jsonld"}


def positive_tests() -> list[tuple[str, str, str]]:
    """(suite, test name, input file) for every positive syntax and evaluation test of the four manifests."""
    out = []
    for suite in sorted(SUITE_FORMATS):
        manifest = SUITES / suite / "manifest.ttl"
        if not manifest.is_file():
            continue
        base = f"{BASE}{suite}/manifest.ttl"
        quads = list(ox.parse(path=str(manifest), format=ox.RdfFormat.TURTLE, base_iri=base))
        types = {q.subject: q.object.value for q in quads if q.predicate.value == RDF_TYPE}
        actions = {q.subject: q.object.value for q in quads if q.predicate.value == MF + "action"}
        for test, kind in types.items():
            if kind.startswith(RDFT) and kind.endswith(POSITIVE) and test in actions:
                name = str(test.value).rsplit("#", 1)[-1]
                out.append((suite, name, actions[test].rsplit("/", 1)[-1]))
    return sorted(out)


TESTS = positive_tests()


def test_the_suites_are_there():
    assert SUITES.is_dir(), f"W3C suites not found at {SUITES}"
    assert len(TESTS) > 500  # 41 N-Triples + 53 N-Quads + 219 Turtle + 241 TriG positive tests


def _canonical(quads: list[ox.Quad], keep_graphs: bool) -> ox.Dataset:
    """Language tags lower-cased (RDF 1.1 compares them case-insensitively); graphs dropped for union writers."""
    def norm(t):  # noqa: ANN001, ANN202
        if isinstance(t, ox.Literal) and t.language:
            return ox.Literal(t.value, language=t.language.lower())
        if isinstance(t, ox.Literal) and t.datatype.value == XSD_DOUBLE:  # pyld rewrites 1E0 as 1.0E0
            try:
                return ox.Literal(repr(float(t.value)), datatype=t.datatype)
            except ValueError:
                return t
        return t
    dataset = ox.Dataset()
    for q in quads:
        graph = q.graph_name if keep_graphs else ox.DefaultGraph()
        dataset.add(ox.Quad(norm(q.subject), q.predicate, norm(q.object), graph))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def _same(expected: list[ox.Quad], actual: list[ox.Quad], keep_graphs: bool) -> bool:
    return set(_canonical(expected, keep_graphs)) == set(_canonical(actual, keep_graphs))


@cache
def _input(suite: str, name: str) -> tuple[list[ox.Quad], list[Quad]]:
    path = SUITES / suite / name
    parsed = list(ox.parse(path=str(path), format=SUITE_FORMATS[suite], base_iri=f"{BASE}{suite}/{name}"))
    ours = []
    for q in parsed:
        g = None if isinstance(q.graph_name, ox.DefaultGraph) else from_oxigraph(q.graph_name, path)
        ours.append(Quad(from_oxigraph(q.subject, path), from_oxigraph(q.predicate, path),
                         from_oxigraph(q.object, path), g))
    return parsed, ours


def write(writer: str, quads: list[Quad]) -> str:
    if writer == "ntriples":
        return to_ntriples(quads)
    if writer == "nquads":
        return to_nquads(quads)
    if writer == "turtle":
        return to_turtle(quads, PREFIXES)
    if writer == "trig":
        return to_trig(quads, PREFIXES)
    return to_jsonld(quads, PREFIXES, dataset=True)


def serdi(text: str, syntax: str) -> list[ox.Quad]:
    """serdi (Debian package serdi) reads our output; its N-Quads output is read back as plain data."""
    done = subprocess.run(["serdi", "-q", "-i", syntax, "-o", "nquads", "-", "http://example.invalid/base"],
                          input=text.encode("utf-8"), capture_output=True, timeout=30, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return list(ox.parse(done.stdout, format=ox.RdfFormat.N_QUADS))


def pyld(text: str) -> list[ox.Quad]:
    nquads = jsonld.to_rdf(json.loads(text), {"format": "application/n-quads"})
    return list(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


# a missing parser skips on a developer's machine but fails in CI (.ci/run installs it)
needs_serdi = pytest.mark.skipif(shutil.which("serdi") is None and not os.environ.get("CI"),
                                 reason="serdi not installed (apt-get install serdi)")


@needs_serdi
@pytest.mark.parametrize("suite, name, action", TESTS, ids=[f"{s}/{n}" for s, n, _ in TESTS])
def test_every_writer_round_trips(suite, name, action):
    expected, quads = _input(suite, action)
    failures = []
    for writer in WRITERS:
        text = write(writer, quads)
        assert text == write(writer, list(reversed(quads))), f"{writer}: output depends on input order"
        keep = writer in KEEPS_GRAPHS
        try:
            again = list(ox.parse(text.encode("utf-8"), format=OX_FORMAT[writer]))
        except SyntaxError as exc:
            failures.append(f"{writer}: pyoxigraph cannot read the output: {exc}")
            continue
        if not _same(expected, again, keep):
            failures.append(f"{writer}: pyoxigraph reads a different dataset")
        independent = pyld(text) if writer == "jsonld" else serdi(text, SERDI_SYNTAX[writer])
        if not _same(expected, independent, keep):
            failures.append(f"{writer}: {'pyld' if writer == 'jsonld' else 'serdi'} reads a different dataset")
    assert not failures, "\n".join(failures)
