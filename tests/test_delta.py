"""rdf/delta.py and rdf/patch.py: the dumps patched for changed graphs equal the dumps written from scratch
(the build's own writers, rdf/write_parallel.py), for random graphs that share subjects and statements."""
from __future__ import annotations

import filecmp
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refugee_ld.rdf.delta import DumpPatcher
from refugee_ld.rdf.dumps import Dumps
from refugee_ld.rdf.formats import DUMP_FORMATS
from refugee_ld.rdf.serialize import prefixes_for
from refugee_ld.rdf.terms import DEFAULT_BASE, RDF, XSD, Quad, Term
from refugee_ld.rdf.void import ONTOLOGY, VoidCounts

FILES = {fmt.short: fmt.dump for fmt in DUMP_FORMATS if fmt.dump is not None}
PREFIXES = prefixes_for(DEFAULT_BASE)
GRAPHS = [Term(0, f"{DEFAULT_BASE}document/d{n}.txt") for n in range(5)]
SUBJECTS = [Term(0, f"{DEFAULT_BASE}state/s{n}") for n in range(6)] + [Term(0, "https://example.org/z"),
                                                                        Term(0, f"{DEFAULT_BASE}state/s1x")]
PREDICATES = [Term(0, RDF + "type"), Term(0, ONTOLOGY + "label"), Term(0, ONTOLOGY + "date"),
              Term(0, "https://example.org/p")]
OBJECTS = st.one_of(
    st.sampled_from([Term(0, ONTOLOGY + "State"), Term(0, ONTOLOGY + "Treaty"), *SUBJECTS[:3]]),
    st.builds(lambda v: Term(2, v, XSD + "string"), st.text("ab \"\n\\é", max_size=4)),
    st.builds(lambda v: Term(2, v, "", "en"), st.sampled_from(["a", "b", "a b"])),
    st.builds(lambda v: Term(2, v, XSD + "gYear"), st.sampled_from(["2001", "2020"])))
TRIPLES = st.lists(st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(PREDICATES), OBJECTS), max_size=8)
CORPUS = st.dictionaries(st.sampled_from(GRAPHS), TRIPLES, max_size=5)


def quads_of(corpus: dict[Term, list]) -> dict[Term, list[Quad]]:
    return {g: [Quad(s, p, o, g) for s, p, o in triples] for g, triples in corpus.items()}


def write(folder: Path, graphs: dict[Term, list[Quad]], shared: list[Quad]) -> Dumps:
    """The dumps as a build writes them: each graph's quads reduced by rdf/dumps.py, then the streaming writers."""
    from refugee_ld.rdf.write_parallel import write_dumps

    folder.mkdir()
    dumps = Dumps(folder / ".runs", PREFIXES)
    for g in sorted(graphs):
        dumps.add(graphs[g])
    dumps.add(shared)
    write_dumps(folder, dumps, FILES, 1)
    return dumps


def same_void(a: VoidCounts, b: VoidCounts) -> bool:
    return (a.triples, a.subjects, a.properties, a.classes, a.graphs) == (b.triples, b.subjects, b.properties,
                                                                           b.classes, b.graphs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=CORPUS, after=CORPUS)
def test_patched_dumps_equal_dumps_written_from_scratch(tmp_path_factory, before, after):
    tmp = tmp_path_factory.mktemp("delta")
    shared = [Quad(SUBJECTS[0], PREDICATES[1], Term(2, "shared", XSD + "string"),
                   Term(0, DEFAULT_BASE + "graph/registry"))]
    old, new = quads_of(before), quads_of(after)
    old = {g: q for g, q in old.items() if q}
    new = {g: q for g, q in new.items() if q}
    previous = write(tmp / "old", old, shared)
    expected = write(tmp / "expected", new, shared)
    changed = {g: new.get(g, []) for g in set(old) | set(new)}
    void = previous.void
    (tmp / "new").mkdir()
    DumpPatcher(tmp / "old", tmp / "new", PREFIXES, set(previous.schemes)).run(changed, void)
    for name in FILES.values():
        assert filecmp.cmp(tmp / "new" / name, tmp / "expected" / name, shallow=False), name
    assert same_void(void, expected.void)
