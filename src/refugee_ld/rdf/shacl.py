"""A compiled form of the SHACL shapes the project uses, for the fast validator (shacl_eval, shacl_scope).

pyshacl walks an rdflib graph for every focus node and constraint; at 10^4 documents that is the slowest stage of
a build.  The shapes here use a small part of SHACL, so they are compiled once into plain Python objects and
checked against dictionary indexes.  Supported, and nothing else:

- targets: sh:targetClass (with rdfs:subClassOf in the data), sh:targetSubjectsOf;
- shapes: sh:NodeShape with sh:property, sh:PropertyShape with sh:path an IRI or [ sh:inversePath IRI ];
- components: sh:minCount, sh:maxCount, sh:datatype, sh:class, sh:nodeKind, sh:pattern (no sh:flags),
  sh:minLength, sh:languageIn, sh:in, sh:minInclusive, sh:maxInclusive, sh:lessThan, sh:or of node shapes,
  sh:sparql (SELECT constraints, evaluated in Oxigraph by validation.prepare_shapes);
- sh:severity, sh:message, sh:deactivated, and annotations (rdfs:comment, sh:name, ...).

Anything else raises `Unsupported` (the callers then validate with pyshacl), so a user's shapes with other
features are still checked correctly, only more slowly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .terms import RDF, SH, Term

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
VALUE_KINDS = ("datatype", "class", "nodeKind", "pattern", "minLength", "languageIn", "in", "minInclusive",
               "maxInclusive", "or")
SET_KINDS = ("minCount", "maxCount", "lessThan")
COMPONENT = {"minCount": "MinCount", "maxCount": "MaxCount", "datatype": "Datatype", "class": "Class",
             "nodeKind": "NodeKind", "pattern": "Pattern", "minLength": "MinLength", "languageIn": "LanguageIn",
             "in": "In", "minInclusive": "MinInclusive", "maxInclusive": "MaxInclusive", "lessThan": "LessThan",
             "or": "Or"}
# sh: predicates a shape may carry besides its constraint parameters (they change no result)
ANNOTATIONS = {"name", "description", "order", "group", "message", "severity", "deactivated", "property", "path",
               "targetClass", "targetSubjectsOf", "sparql", "defaultValue"}
SEVERITIES = {SH + "Violation": "Violation", SH + "Warning": "Warning", SH + "Info": "Info"}


class Unsupported(ValueError):
    """A shape uses a SHACL feature the fast validator does not implement: validate with pyshacl instead."""


@dataclass(frozen=True)
class Check:
    """One constraint component of a shape; `arg` is already in the form the evaluator needs."""

    kind: str
    arg: Any
    rdf_arg: Any = field(default=None, compare=False)  # the rdflib parameter value, for messages

    @property
    def component(self) -> str:
        return SH + COMPONENT[self.kind] + "ConstraintComponent"


@dataclass
class Shape:
    """A node or property shape: `path` None for a node shape (its value node is the focus node itself)."""

    node: Any  # the rdflib node naming the shape
    path: str | None = None
    inverse: bool = False
    checks: list[Check] = field(default_factory=list)
    severity: str = "Violation"
    messages: tuple[str, ...] = ()
    sparql: bool = False


@dataclass
class Unit:
    """A shape and the targets its focus nodes come from (its own, or its parent node shape's)."""

    shape: Shape
    classes: frozenset[str]
    subjects_of: frozenset[str]

    @property
    def local_ok(self) -> bool:
        """Checkable per document for a focus node the document owns (see shacl_scope): no inverse path."""
        return not self.shape.inverse and not self.shape.sparql


@dataclass
class CompiledShapes:
    graph: Any  # rdflib.Graph of the shapes (messages and shape names are made from it)
    units: list[Unit]
    shapes: dict = field(default_factory=dict)  # rdflib node -> Shape

    def predicates(self) -> set[str]:
        """Forward predicates any unit reads from a focus node (paths, sh:lessThan, sh:targetSubjectsOf)."""
        out: set[str] = set()
        for unit in self.units:
            out |= unit.subjects_of
            if unit.shape.path and not unit.shape.inverse:
                out.add(unit.shape.path)
            out |= {c.arg for c in unit.shape.checks if c.kind == "lessThan"}
        return out

    def inverse_predicates(self) -> set[str]:
        return {u.shape.path for u in self.units if u.shape.inverse and u.shape.path}

    def classes(self) -> set[str]:
        """Every class a shape names (targets, sh:class, inside sh:or)."""
        out: set[str] = set()
        for unit in self.units:
            out |= unit.classes
        for shape in self.shapes.values():
            out |= {c.arg for c in shape.checks if c.kind == "class"}
        return out


def compile_shapes(graph) -> CompiledShapes:  # noqa: ANN001
    """Compile an rdflib shapes graph; raises Unsupported naming the first feature it cannot check."""
    from rdflib import RDF as R
    from rdflib import Literal, URIRef

    sh = lambda name: URIRef(SH + name)  # noqa: E731
    compiled = CompiledShapes(graph, [])
    typed = set(graph.subjects(R.type, sh("NodeShape"))) | set(graph.subjects(R.type, sh("PropertyShape")))
    for node in typed | set(graph.subjects(sh("targetClass"), None)) | set(graph.subjects(sh("property"), None)):
        if (node, R.type, URIRef(RDFS + "Class")) in graph or (node, sh("target"), None) in graph:
            raise Unsupported(f"{node}: implicit class targets and SPARQL-based targets")
        for p in set(graph.predicates(node, None)):
            name = str(p)[len(SH):] if str(p).startswith(SH) else None
            if name is not None and name not in ANNOTATIONS and name not in COMPONENT:
                raise Unsupported(f"{node}: sh:{name}")
    for node in sorted(typed | set(graph.subjects(sh("targetClass"), None)), key=str):
        if _deactivated(graph, node):
            continue
        classes = frozenset(str(c) for c in graph.objects(node, sh("targetClass")))
        subjects_of = frozenset(str(p) for p in graph.objects(node, sh("targetSubjectsOf")))
        if any(not isinstance(c, URIRef) for c in graph.objects(node, sh("targetClass"))):
            raise Unsupported(f"{node}: a target class that is not an IRI")
        if not classes and not subjects_of:
            continue
        own = _shape(compiled, node)
        if own.checks or own.sparql:
            compiled.units.append(Unit(own, classes, subjects_of))
        for prop in sorted(graph.objects(node, sh("property")), key=str):
            if isinstance(prop, Literal):
                raise Unsupported(f"{node}: a literal sh:property")
            if not _deactivated(graph, prop):
                compiled.units.append(Unit(_shape(compiled, prop), classes, subjects_of))
    return compiled


def _deactivated(graph, node) -> bool:  # noqa: ANN001
    from rdflib import Literal, URIRef
    return (node, URIRef(SH + "deactivated"), Literal(True)) in graph


def _shape(compiled: CompiledShapes, node) -> Shape:  # noqa: ANN001
    """The Shape for a shapes-graph node, compiled once (a property shape shared by node shapes is one Shape)."""
    if node in compiled.shapes:
        return compiled.shapes[node]
    from rdflib import BNode, Literal, URIRef

    graph = compiled.graph
    sh = lambda name: URIRef(SH + name)  # noqa: E731
    shape = compiled.shapes[node] = Shape(node)
    paths = list(graph.objects(node, sh("path")))
    if len(paths) > 1:
        raise Unsupported(f"{node}: several sh:path")
    if paths:
        path = paths[0]
        if isinstance(path, BNode):
            inverse = list(graph.objects(path, sh("inversePath")))
            if len(list(graph.predicate_objects(path))) != 1 or not isinstance(inverse[0] if inverse else None,
                                                                               URIRef):
                raise Unsupported(f"{node}: a property path other than an IRI or sh:inversePath of an IRI")
            shape.path, shape.inverse = str(inverse[0]), True
        elif isinstance(path, URIRef):
            shape.path = str(path)
        else:
            raise Unsupported(f"{node}: a literal sh:path")
    severities = list(graph.objects(node, sh("severity")))
    if len(severities) > 1 or any(str(s) not in SEVERITIES for s in severities):
        raise Unsupported(f"{node}: a severity other than one of sh:Violation, sh:Warning, sh:Info")
    shape.severity = SEVERITIES[str(severities[0])] if severities else "Violation"
    shape.messages = tuple(sorted(str(m) for m in graph.objects(node, sh("message"))))
    shape.sparql = (node, sh("sparql"), None) in graph
    for kind in COMPONENT:
        values = list(graph.objects(node, sh(kind)))
        if not values:
            continue
        if len(values) > 1:
            raise Unsupported(f"{node}: several sh:{kind}")
        shape.checks.append(_check(compiled, node, kind, values[0]))
    if not shape.path and any(c.kind in SET_KINDS for c in shape.checks):
        raise Unsupported(f"{node}: sh:minCount, sh:maxCount or sh:lessThan on a node shape")
    if isinstance(node, Literal):
        raise Unsupported(f"{node}: a literal as a shape")
    return shape


def _check(compiled: CompiledShapes, node, kind: str, value) -> Check:  # noqa: ANN001, C901
    """One parameter, checked for the forms pyshacl accepts and converted for the evaluator."""
    import re

    from rdflib import Literal, URIRef

    graph = compiled.graph
    if kind in ("minCount", "maxCount", "minLength"):
        if not isinstance(value, Literal) or not isinstance(value.value, int) or value.value < 0:
            raise Unsupported(f"{node}: sh:{kind} {value!r}")
        return Check(kind, int(value.value), value)
    if kind in ("datatype", "class", "lessThan", "nodeKind"):
        if not isinstance(value, URIRef):
            raise Unsupported(f"{node}: sh:{kind} that is not an IRI")
        if kind == "nodeKind" and str(value) not in {SH + k for k in NODE_KINDS}:
            raise Unsupported(f"{node}: sh:nodeKind {value}")
        return Check(kind, str(value), value)
    if kind == "pattern":
        if not isinstance(value, Literal) or (node, URIRef(SH + "flags"), None) in graph:
            raise Unsupported(f"{node}: sh:pattern with flags or not a string")
        return Check(kind, re.compile(str(value.value)), value)
    if kind in ("minInclusive", "maxInclusive"):
        if not isinstance(value, Literal):
            raise Unsupported(f"{node}: sh:{kind} that is not a literal")
        return Check(kind, value, value)
    items = list(graph.items(value))
    if kind == "languageIn":
        if not all(isinstance(i, Literal) and isinstance(i.value, str) for i in items):
            raise Unsupported(f"{node}: sh:languageIn members must be strings")
        return Check(kind, frozenset(str(i.value).lower() for i in items), value)
    if kind == "in":
        from .validation import rdflib_term
        return Check(kind, frozenset(_norm(rdflib_term(i)) for i in items), value)
    members = []
    for member in items:  # sh:or
        shape = _shape(compiled, member)
        if shape.path or shape.sparql or any(c.kind not in VALUE_KINDS for c in shape.checks):
            raise Unsupported(f"{node}: sh:or members must be node shapes with value constraints")
        members.append(shape)
    return Check(kind, tuple(members), value)


NODE_KINDS = ("IRI", "BlankNode", "Literal", "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _norm(term: Term) -> Term:
    """Literal terms as the data index stores them: a plain string carries xsd:string, a tagged one none."""
    if term.kind == 2 and not term.lang and not term.datatype:
        return Term(2, term.value, XSD_STRING)
    return term


__all__ = ["RDF", "Check", "CompiledShapes", "Shape", "Unit", "Unsupported", "compile_shapes"]
