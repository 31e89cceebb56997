"""The validation report: results and report records, their RDF form, and rdflib terms read back as project terms.

Both engines (the pyshacl reference in validation.py and the fast validator in shacl*.py) build their results
here, so a report reads the same whichever engine made it.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ..rdf.iris import check_base, mint_iri
from ..rdf.terms import RDF, SH, Quad, Term, boolean, literal

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class ValidationResult:
    """One sh:ValidationResult; the string fields are for people, `terms` keeps the RDF terms for the report."""

    severity: str  # Violation | Warning | Info
    focus: str
    shape: str
    path: str | None
    value: str | None
    message: str
    component: str
    terms: tuple = field(default=(), compare=False, repr=False)  # focus, shape, path quads' root, value (Terms)
    path_quads: tuple = field(default=(), compare=False, repr=False)  # triples describing a complex path

    def as_dict(self) -> dict:
        out = {k: getattr(self, k) for k in ("severity", "focus", "shape", "path", "value", "message", "component")}
        if len(self.terms) == 4 and self.terms[3] is not None:
            out["value_term"] = self.terms[3].nt()
        return out


@dataclass
class ValidationReport:
    """`conforms` is the exit-code sense (no sh:Violation); `shacl_conforms` is SHACL's (no result at all)."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    validated: bool = True  # False: validation was skipped, the report claims nothing

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity != "Violation"]

    @property
    def shacl_conforms(self) -> bool:
        return self.validated and not self.results

    def text(self) -> str:
        if not self.validated:
            return "Validation skipped: nothing is claimed about conformance.\n"
        lines = [(f"Conforms: {'yes' if self.shacl_conforms else 'no'} ({len(self.violations)} violations, "
                  f"{len(self.warnings)} warnings; only violations fail the check)")]
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
        return json.dumps({"conforms": self.shacl_conforms, "violations": len(self.violations),
                           "warnings": len(self.warnings), "validated": self.validated,
                           "results": [r.as_dict() for r in self.results]}, indent=1, ensure_ascii=False) + "\n"

    def quads(self, base: str) -> list[Quad]:
        """The report as RDF (SHACL's vocabulary); nothing at all when validation was skipped."""
        if not self.validated:
            return []
        base = check_base(base)
        report = mint_iri(base, "validation", "report")
        out = [Quad(report, Term(0, RDF + "type"), Term(0, SH + "ValidationReport")),
               Quad(report, Term(0, SH + "conforms"), boolean(self.shacl_conforms))]
        for r in self.results:
            key = "\x1f".join([r.severity, r.focus, r.shape, r.path or "", r.message, r.component]
                               + [t.nt() if t is not None else "" for t in r.terms])
            digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
            node = mint_iri(base, "validation", f"result-{digest}")
            focus, shape, path, value = r.terms if len(r.terms) == 4 else (_term(r.focus), _term(r.shape),
                                                                           _term(r.path), _term(r.value))
            sh = lambda name: Term(0, SH + name)  # noqa: E731
            out.append(Quad(report, sh("result"), node))
            out.append(Quad(node, Term(0, RDF + "type"), sh("ValidationResult")))
            out.append(Quad(node, sh("resultSeverity"), sh(r.severity)))
            if focus is not None:
                out.append(Quad(node, sh("focusNode"), focus))
            if shape is not None:
                out.append(Quad(node, sh("sourceShape"), shape))
            if r.component:
                out.append(Quad(node, sh("sourceConstraintComponent"), Term(0, r.component)))
            if path is not None:
                out.append(Quad(node, sh("resultPath"), path))
                out.extend(Quad(*t) for t in r.path_quads)
            if value is not None:
                out.append(Quad(node, sh("value"), value))
            out.append(Quad(node, sh("resultMessage"), literal(r.message)))
        return out


def _term(text: str | None) -> Term | None:
    """Fallback for results built by hand (no terms): an absolute http(s)/urn string is an IRI, else a literal."""
    if text is None or text == "":
        return None
    from ..rdf.terms import is_valid_iri

    if text.startswith(("http://", "https://", "urn:")) and is_valid_iri(text):
        return Term(0, text)
    return literal(text)


def rdflib_term(node) -> Term:  # noqa: ANN001
    """An rdflib term as a project term, its kind kept (a literal stays a literal)."""
    from rdflib import BNode, Literal

    if isinstance(node, Literal):
        if node.language:
            return Term(2, str(node), "", node.language)
        return Term(2, str(node), str(node.datatype) if node.datatype else XSD_STRING)
    if isinstance(node, BNode):
        return Term(1, str(node))
    return Term(0, str(node))


def _bnode_tree(graph, node, prefix: str) -> tuple[Term, list[tuple[Term, Term, Term]]]:  # noqa: ANN001
    """A blank node structure (a property path, a shape) copied with labels derived from its content."""
    from rdflib import BNode

    def text(n, depth: int = 0) -> str:  # noqa: ANN001
        if not isinstance(n, BNode) or depth > 50:
            return rdflib_term(n).nt() if not isinstance(n, BNode) else "[]"
        return "[" + " ; ".join(f"{p} {text(o, depth + 1)}" for p, o in sorted(graph.predicate_objects(n))) + "]"

    triples: list[tuple[Term, Term, Term]] = []
    labels: dict = {}

    def visit(n, depth: int = 0) -> Term:  # noqa: ANN001
        if not isinstance(n, BNode):
            return rdflib_term(n)
        if n in labels:
            return labels[n]
        label = labels[n] = Term(1, f"{prefix}{hashlib.sha1(text(n).encode('utf-8')).hexdigest()[:12]}x{len(labels)}")
        if depth <= 50:
            for p, o in sorted(graph.predicate_objects(n)):
                triples.append((label, rdflib_term(p), visit(o, depth + 1)))
        return label

    return visit(node), triples


def _order(r: ValidationResult) -> tuple:
    return (r.severity != "Violation", r.shape, r.focus, r.path or "", r.value or "", r.message)


def _result(shapes_graph, path_graph, severity, focus, shape, path, value, message: str,  # noqa: ANN001
            component) -> ValidationResult:  # noqa: ANN001
    shape_term: Term | None = None
    if shape is not None:
        shape_term = (_bnode_tree(shapes_graph, shape, "shape")[0] if _is_bnode(shape) else rdflib_term(shape))
    path_term: Term | None = None
    path_quads: list[tuple[Term, Term, Term]] = []
    if path is not None:
        source = path_graph if _is_bnode(path) and any(path_graph.predicate_objects(path)) else shapes_graph
        path_term, path_quads = _bnode_tree(source, path, "path") if _is_bnode(path) else (rdflib_term(path), [])
    return ValidationResult(
        severity=(str(severity) if severity is not None else SH + "Violation").rsplit("#", 1)[-1],
        focus="" if focus is None else str(focus),
        shape=_shape_name(shapes_graph, shape),
        path=_path_text(path_graph if path is not None and any(path_graph.predicate_objects(path)) else shapes_graph,
                        path),
        value=None if value is None else str(value),
        message=message,
        component="" if component is None else str(component),
        terms=(None if focus is None else rdflib_term(focus), shape_term, path_term,
               None if value is None else rdflib_term(value)),
        path_quads=tuple(path_quads))


def _is_bnode(term) -> bool:  # noqa: ANN001
    from rdflib import BNode
    return isinstance(term, BNode)


def _shape_name(shapes_graph, shape) -> str:  # noqa: ANN001
    """Shapes are named by their IRIs; a blank property shape by its node shape and path ('…#EventShape / …')."""
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
    if inverse is not None and not _is_bnode(inverse):
        return f"^{inverse}"
    return "complex path"
