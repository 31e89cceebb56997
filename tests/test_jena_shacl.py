"""A second SHACL engine: Apache Jena (Debian libapache-jena-java) must find what we find, no more, no less.

Jena runs the shapes file as shipped (SHACL Core + SHACL-SPARQL constraints) on the built seed graph and on a
variant broken in several ways; focus node, path, severity and source shape of every result must match ours.
Debian's Jena 4.5 jars relocate xerces to the package `xerces` but keep its message bundles under
org/apache/jena/ext/xerces: they are copied into a `xerces/` folder on the classpath, else Jena cannot start.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from refugee_ld.rdf.rdfio import read_quads
from refugee_ld.rdf.serialize import to_ntriples
from refugee_ld.rdf.terms import RDFS, RLD, SH, XSD, Quad, Term, iri, literal
from refugee_ld.rdf.validation import default_shapes_dir, validate_quads

JARS = Path("/usr/share/java")
JENA = ("jena-arq", "jena-base", "jena-cmds", "jena-core", "jena-iri", "jena-shacl", "jena-dboe-base")
DEPENDENCIES = ("commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
                "dexx.collection", "gson", "guava", "httpclient", "httpcore", "jackson-core", "jackson-databind",
                "jsonld-java", "slf4j-api", "slf4j-nop", "thrift", "titanium-json-ld", "jakarta.json-api")
SHAPES = default_shapes_dir() / "refugee-ld-shapes.ttl"


def _missing() -> str | None:
    if shutil.which("java") is None:
        return "java not installed"
    absent = [name for name in JENA + DEPENDENCIES if not (JARS / f"{name}.jar").is_file()]
    return f"missing jars {absent} (apt-get install libapache-jena-java)" if absent else None


if _missing() and not os.environ.get("CI"):  # in CI a missing engine is a failure, not a skip
    pytest.skip(_missing() or "", allow_module_level=True)


@pytest.fixture(scope="module")
def classpath(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("jena-cp")
    with zipfile.ZipFile(JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = folder / "xerces" / name[len("org/apache/jena/ext/xerces/"):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return os.pathsep.join([str(JARS / f"{name}.jar") for name in JENA + DEPENDENCIES] + [str(folder)])


def jena_results(classpath: str, data: Path) -> set[tuple[str, str, str, str]]:
    done = subprocess.run(["java", "-cp", classpath, "shacl.shacl", "validate", "--shapes", str(SHAPES),
                           "--data", str(data)], capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    graph = list(ox.parse(done.stdout, format=ox.RdfFormat.TURTLE))
    by_node: dict = {}
    for t in graph:
        by_node.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)
    out = set()
    for props in by_node.values():
        if ox.NamedNode(SH + "ValidationResult") not in props.get("http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                                                                  []):
            continue
        path = props.get(SH + "resultPath", [None])[0]
        if isinstance(path, ox.BlankNode):
            inverse = by_node.get(path, {}).get(SH + "inversePath", [None])[0]
            path_text = f"^{inverse.value}" if inverse is not None else "complex path"
        else:
            path_text = path.value if path is not None else ""
        out.add((props[SH + "focusNode"][0].value, path_text, props[SH + "resultSeverity"][0].value.rsplit("#")[-1],
                 props[SH + "sourceShape"][0].value))
    return out


def our_results(quads: list[Quad]) -> set[tuple[str, str, str, str]]:
    report = validate_quads(quads, default_shapes_dir())
    return {(r.focus, r.path or "", r.severity, r.shape) for r in report.results}


def compare(classpath: str, quads: list[Quad], tmp_path: Path) -> set:
    data = tmp_path / "graph.nt"
    data.write_text(to_ntriples(quads), encoding="utf-8")
    ours, jena = our_results(quads), jena_results(classpath, data)
    assert ours == jena, f"only ours: {sorted(ours - jena)}\nonly Jena: {sorted(jena - ours)}"
    return ours


def test_jena_agrees_on_the_seed_graph(classpath, seed_build, tmp_path):
    quads = read_quads(seed_build.out_dir / "graph.nt")
    results = compare(classpath, quads, tmp_path)
    assert all(severity == "Warning" for _, _, severity, _ in results)  # the shipped corpus has no violation


def test_jena_agrees_on_a_broken_graph(classpath, seed_build, tmp_path):
    quads = read_quads(seed_build.out_dir / "graph.nt")
    typed = {(q.s, q.o.value) for q in quads if q.p.value.endswith("#type")}
    event = min(s for s, cls in typed if cls == RLD + "Event")
    state = min(s for s, cls in typed if cls == RLD + "State")
    instrument = min(s for s, cls in typed if cls == RLD + "Instrument")
    figure = min(s for s, cls in typed if cls == RLD + "PopulationFigure")
    broken = [q for q in quads if not (q.s == state and q.p.value == RDFS + "label")]  # no label
    broken = [q for q in broken if not (q.s == figure and q.p == iri(RLD + "count"))]
    broken += [
        Quad(event, iri(RLD + "startDate"), literal("2011-02-30", XSD + "date")),  # no such day
        Quad(figure, iri(RLD + "count"), literal("-5", XSD + "integer")),
        Quad(instrument, iri(RLD + "adoptionDate"), literal("1901-01-01", XSD + "date")),  # conflicting claims
        Quad(instrument, iri(RLD + "adoptionDate"), literal("1902", XSD + "gYear")),
        Quad(iri("https://example.org/post"), iri(RLD + "note"), literal("y")),
        Quad(iri("https://example.org/post"), iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
             iri(RLD + "Post")),  # a post nobody holds: inverse path sh:minCount
        Quad(event, iri(RLD + "organizer"), Term(2, "https://w3id.org/refugee-ld/id/agency/ilo", XSD + "string")),
    ]
    results = compare(classpath, broken, tmp_path)
    seen = {(focus, severity) for focus, _, severity, _ in results}
    assert (state.value, "Violation") in seen
    assert (event.value, "Violation") in seen and (figure.value, "Violation") in seen
    assert (instrument.value, "Warning") in seen
    assert any(path == "^" + RLD + "holdsPost" for _, path, _, _ in results)
    assert len(results) >= 8
    date = [r for r in validate_quads(broken, default_shapes_dir()).results
            if r.focus == event.value and r.path == RLD + "startDate"]
    assert date and date[0].value == "2011-02-30"
