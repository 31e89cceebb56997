"""SHACL validation of a built graph with pyshacl (no inference: the dumps assert every type they rely on).

The report is re-expressed with stable IRIs (hashes of each result's content) so that `validation.ttl` is as
deterministic as the other dumps, and summarised grouped by shape and focus node for people.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .terms import RDF, SH, Quad, Term, boolean, iri, literal

SHAPES_DIR_NAME = "shapes"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class ValidationResult:
    severity: str  # Violation | Warning | Info
    focus: str
    shape: str
    path: str | None
    value: str | None
    message: str
    component: str


@dataclass
class ValidationReport:
    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity != "Violation"]

    def text(self) -> str:
        lines = [f"Conforms: {'yes' if self.conforms else 'no'} ({len(self.violations)} violations, "
                 f"{len(self.warnings)} warnings)"]
        by_shape: dict[tuple[str, str], dict[str, list[ValidationResult]]] = {}
        for r in self.results:
            by_shape.setdefault((r.severity, r.shape), {}).setdefault(r.focus, []).append(r)
        for (severity, shape), focuses in sorted(by_shape.items(), key=lambda kv: (kv[0][0] != "Violation", kv[0])):
            lines.append(f"\n{severity}: shape {shape}")
            for focus, results in sorted(focuses.items()):
                lines.append(f"  focus {focus}")
                for r in results:
                    where = f" path {r.path}" if r.path else ""
                    value = f" value {r.value}" if r.value else ""
                    lines.append(f"    -{where}{value}: {r.message}")
        return "\n".join(lines) + "\n"

    def as_json(self) -> str:
        return json.dumps({"conforms": self.conforms, "violations": len(self.violations),
                           "warnings": len(self.warnings),
                           "results": [r.__dict__ for r in self.results]}, indent=1, ensure_ascii=False) + "\n"

    def quads(self, base: str) -> list[Quad]:
        report = iri(f"{base}validation/report")
        out = [Quad(report, iri(RDF + "type"), iri(SH + "ValidationReport")),
               Quad(report, iri(SH + "conforms"), boolean(self.conforms))]
        for r in self.results:
            digest = hashlib.sha1("\x1f".join(str(v) for v in r.__dict__.values()).encode()).hexdigest()[:16]
            node = iri(f"{base}validation/result-{digest}")
            out.append(Quad(report, iri(SH + "result"), node))
            out.append(Quad(node, iri(RDF + "type"), iri(SH + "ValidationResult")))
            out.append(Quad(node, iri(SH + "resultSeverity"), iri(SH + r.severity)))
            out.append(Quad(node, iri(SH + "focusNode"), _term(r.focus)))
            out.append(Quad(node, iri(SH + "sourceShape"), _term(r.shape)))
            out.append(Quad(node, iri(SH + "sourceConstraintComponent"), _term(r.component)))
            if r.path:
                out.append(Quad(node, iri(SH + "resultPath"), _term(r.path)))
            if r.value:
                out.append(Quad(node, iri(SH + "value"), _term(r.value)))
            out.append(Quad(node, iri(SH + "resultMessage"), literal(r.message)))
        return out


def _term(text: str) -> Term:
    if text.startswith(("http://", "https://", "urn:")):
        return iri(text)
    return literal(text)


def load_shapes(shapes_dir: Path):  # -> rdflib.Graph
    import rdflib

    graph = rdflib.Graph()
    files = sorted(shapes_dir.glob("*.ttl"))
    if not files:
        raise FileNotFoundError(f"{shapes_dir}: no shapes (*.ttl) found")
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def to_rdflib(quads: Iterable[Quad]):  # -> rdflib.Graph
    """Union graph of the quads as rdflib terms, built directly (no serialise-and-parse round trip)."""
    import rdflib
    from rdflib.term import URIRef, Literal

    graph = rdflib.Graph()
    cache: dict[Term, object] = {}

    def conv(t: Term):
        hit = cache.get(t)
        if hit is None:
            if t.kind == 0:
                hit = URIRef(t.value)
            elif t.kind == 1:
                hit = rdflib.BNode(t.value)
            elif t.lang:
                hit = Literal(t.value, lang=t.lang)
            elif not t.datatype or t.datatype == XSD_STRING:
                hit = Literal(t.value)  # plain: rdflib treats "x" and "x"^^xsd:string as different terms
            else:
                hit = Literal(t.value, datatype=URIRef(t.datatype) if t.datatype else None)
            cache[t] = hit
        return hit

    add = graph.add
    for q in quads:
        add((conv(q.s), conv(q.p), conv(q.o)))
    return graph


def validate_graph(data_graph, shapes_graph) -> ValidationReport:  # noqa: ANN001
    import pyshacl
    from rdflib import Namespace

    conforms, report_graph, _ = pyshacl.validate(data_graph, shacl_graph=shapes_graph, inference="none",
                                                 allow_warnings=True, advanced=True, abort_on_first=False)
    if not hasattr(report_graph, "subjects"):  # pyshacl could not run the shapes (e.g. a malformed constraint)
        raise ValueError(f"SHACL validation failed to run: {report_graph}")
    sh = Namespace(SH)
    results: list[ValidationResult] = []
    for node in report_graph.subjects(predicate=None, object=sh.ValidationResult, unique=True):
        def one(p):  # noqa: ANN001, ANN202
            value = report_graph.value(node, p)
            return None if value is None else str(value)
        shape = report_graph.value(node, sh.sourceShape)
        shape_name = _shape_name(shapes_graph, shape)
        results.append(ValidationResult(
            severity=(one(sh.resultSeverity) or SH + "Violation").rsplit("#", 1)[-1],
            focus=one(sh.focusNode) or "",
            shape=shape_name,
            path=_path_text(report_graph, report_graph.value(node, sh.resultPath)),
            value=one(sh.value),
            message=one(sh.resultMessage) or "",
            component=one(sh.sourceConstraintComponent) or ""))
    results.sort(key=lambda r: (r.severity != "Violation", r.shape, r.focus, r.path or "", r.value or "", r.message))
    return ValidationReport(bool(conforms), results)


def _is_bnode(term) -> bool:  # noqa: ANN001
    from rdflib import BNode
    return isinstance(term, BNode)


def _shape_name(shapes_graph, shape) -> str:  # noqa: ANN001
    """Blank property shapes are named after their node shape and path: 'rlds:EventShape / rld:location'."""
    from rdflib import Namespace
    sh = Namespace(SH)
    if shape is None:
        return ""
    if not _is_bnode(shape):
        return str(shape)
    parent = next(iter(shapes_graph.subjects(sh.property, shape)), None)
    path = _path_text(shapes_graph, shapes_graph.value(shape, sh.path))
    if parent is None or _is_bnode(parent):
        return f"property shape on {path}"
    return f"{parent} / {path}"


def _path_text(graph, path) -> str | None:  # noqa: ANN001
    if path is None:
        return None
    if not _is_bnode(path):
        return str(path)
    from rdflib import Namespace
    sh = Namespace(SH)
    inverse = graph.value(path, sh.inversePath)
    if inverse is not None:
        return f"^{inverse}"
    return "complex path"


def materialise_sparql_targets(shapes_graph, ntriples: str):  # noqa: ANN001, ANN201
    """Evaluate SHACL-SPARQL targets (sh:SPARQLTarget) with Oxigraph and hand pyshacl explicit sh:targetNode lists.

    pyshacl runs such SELECTs with rdflib's engine, whose joins made a 10^6-triple build spend most of its
    validation time there; Oxigraph answers them in well under a second.  The constraints themselves are still
    checked by pyshacl, and the shapes file stays plain SHACL any engine can use.
    """
    import pyoxigraph as ox
    import rdflib
    from rdflib import Namespace

    sh = Namespace(SH)
    targets = [(shape, target) for shape, target in shapes_graph.subject_objects(sh.target)
               if (target, rdflib.RDF.type, sh.SPARQLTarget) in shapes_graph]
    if not targets:
        return shapes_graph
    store = ox.Store()
    store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    out = rdflib.Graph()
    for prefix, namespace in shapes_graph.namespaces():
        out.bind(prefix, namespace, override=True)
    for triple in shapes_graph:
        out.add(triple)
    for shape, target in targets:
        prefixes = []
        for declaration in shapes_graph.objects(shapes_graph.value(target, sh.prefixes), sh.declare):
            prefixes.append(f"PREFIX {shapes_graph.value(declaration, sh.prefix)}: "
                            f"<{shapes_graph.value(declaration, sh.namespace)}>")
        query = "\n".join(prefixes) + "\n" + str(shapes_graph.value(target, sh.select)).replace("$this", "?this")
        out.remove((shape, sh.target, target))
        for row in store.query(query):
            node = row["this"]
            if isinstance(node, ox.NamedNode):
                out.add((shape, sh.targetNode, rdflib.URIRef(node.value)))
    return out


def validate_quads(quads: Iterable[Quad], shapes_dir: Path, ntriples: str | None = None) -> ValidationReport:
    from .serialize import to_ntriples

    quads = list(quads)
    shapes = materialise_sparql_targets(load_shapes(shapes_dir), ntriples or to_ntriples(quads))
    return validate_graph(to_rdflib(quads), shapes)


def default_shapes_dir() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / SHAPES_DIR_NAME).is_dir() and (parent / "ontology").is_dir():
            return parent / SHAPES_DIR_NAME
    return Path.cwd() / SHAPES_DIR_NAME
