"""The dumps written in one pass over the union and, with jobs >= 2, partly in a forked child: same bytes, same
errors as the per-format writers in one process."""
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refugee_ld.rdf import write_parallel
from refugee_ld.rdf.dumps import Dumps
from refugee_ld.rdf.formats import DUMP_FORMATS
from refugee_ld.rdf.serialize import DEFAULT_GRAPH, prefixes_for, to_jsonld, to_nquads, to_ntriples, to_trig, to_turtle
from refugee_ld.rdf.terms import DEFAULT_BASE, InvalidTermError, Quad, Term, en, iri, literal
from refugee_ld.rdf.write_parallel import write_dumps

PREFIXES = prefixes_for(DEFAULT_BASE)
FILES = {fmt.short: fmt.dump for fmt in DUMP_FORMATS}
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
rows = st.lists(st.tuples(st.sampled_from(["state/a", "state/b", "event/c", "document/d#char=1,2"]),
                          st.sampled_from(["http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                                           "http://www.w3.org/2000/01/rdf-schema#label",
                                           "https://w3id.org/refugee-ld/ontology#count"]),
                          st.one_of(texts, st.none()), st.sampled_from([None, "graph/x", "graph/y"])), max_size=30)


def _quads(items):
    return [Quad(iri(DEFAULT_BASE + s), iri(p), en(o) if o else iri(DEFAULT_BASE + "state/z"),
                 iri(DEFAULT_BASE + g) if g else None) for s, p, o, g in items]


def _expected(quads):
    return {"graph.ttl": to_turtle(quads, PREFIXES), "graph.nt": to_ntriples(quads), "dataset.nq": to_nquads(quads),
            "dataset.trig": to_trig(quads, PREFIXES), "graph.jsonld": to_jsonld(quads, PREFIXES)}


def _build(folder, quads, budget=2**31, chunk=3):
    dumps = Dumps(folder / "runs", PREFIXES, budget)
    for start in range(0, len(quads), chunk):
        dumps.add(quads[start:start + chunk])
    return dumps


def _written(folder):
    return {name: (folder / name).read_text(encoding="utf-8") for name in FILES.values()}


@settings(max_examples=25, deadline=None)
@given(rows, st.sampled_from([1, 2]), st.booleans())
def test_one_or_two_processes_in_memory_or_spilled_give_the_writers_bytes(tmp_path_factory, items, jobs, spill):
    quads = _quads(items)
    folder = tmp_path_factory.mktemp("out")
    dumps = _build(folder, quads, 1 if spill else 2**31)
    seconds = write_dumps(folder, dumps, FILES, jobs)
    assert _written(folder) == _expected(quads)
    assert set(seconds) == set(FILES)
    assert dumps.void.triples == len({(q.s, q.p, q.o) for q in quads})  # the parent's first pass counted


def test_jsonld_is_written_again_when_a_scheme_of_the_data_names_a_prefix(tmp_path):
    # `state:x` is an absolute IRI of scheme "state": the context must then leave the state: prefix out
    quads = _quads([("state/a", "http://www.w3.org/2000/01/rdf-schema#label", "A", None)])
    see_also = iri("http://www.w3.org/2000/01/rdf-schema#seeAlso")
    quads.append(Quad(iri("state:x"), see_also, iri(DEFAULT_BASE + "state/a")))
    dumps = _build(tmp_path, quads)
    write_dumps(tmp_path, dumps, FILES, 1)
    text = (tmp_path / "graph.jsonld").read_text(encoding="utf-8")
    assert text == to_jsonld(quads, PREFIXES)
    assert '"state":' not in text


class FakeSource:
    """A DumpSource with chosen rows (e.g. terms no writer may print, which a build refuses earlier)."""

    def __init__(self, union, graphs, lines=()):
        self.prefixes, self.schemes = PREFIXES, set()
        self.union, self.graphs, self.lines = union, graphs, lines

    def rows(self):
        return iter(self.union)

    def graph_rows(self):
        return iter(self.graphs)

    def nquads_lines(self):
        return iter(self.lines)


GOOD = (iri(DEFAULT_BASE + "state/a"), iri("http://www.w3.org/2000/01/rdf-schema#label"), en("A"))


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_in_the_child_is_raised_by_the_parent_as_in_one_process(tmp_path, jobs):
    source = FakeSource([GOOD], [(DEFAULT_GRAPH, *GOOD), (literal("g"), *GOOD)])
    with pytest.raises(InvalidTermError, match="a graph name cannot be a literal") as info:
        write_dumps(tmp_path, source, FILES, jobs)
    assert info.value.path == "TriG output"


def test_a_child_that_dies_fails_the_build(tmp_path):
    class Dying(FakeSource):
        def graph_rows(self):
            os._exit(3)

    with pytest.raises(RuntimeError, match="ended with code 3"):
        write_dumps(tmp_path, Dying([GOOD], []), FILES, 2)


def test_an_error_in_the_parent_stops_and_reaps_the_child(tmp_path, monkeypatch):
    forked = []
    fork = write_parallel._fork
    monkeypatch.setattr(write_parallel, "_fork", lambda work: forked.append(fork(work)) or forked[-1])
    bad = (iri(DEFAULT_BASE + "state/a"), Term(2, "not a predicate", "", "en"), en("A"))
    with pytest.raises(InvalidTermError, match="a predicate must be an IRI"):
        write_dumps(tmp_path, FakeSource([bad], [(DEFAULT_GRAPH, *GOOD)]), {"turtle": "graph.ttl", "trig": "x.trig"}, 2)
    assert forked
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0][0], os.WNOHANG)  # already waited for: no zombie left behind
