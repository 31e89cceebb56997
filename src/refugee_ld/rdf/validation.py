"""SHACL validation of a built graph: pyshacl for SHACL Core, Oxigraph for the SHACL-SPARQL constraints.

The shapes file is plain SHACL plus SHACL-SPARQL (`sh:sparql`) constraints, so any SHACL-SPARQL engine runs it
as it is (Apache Jena does: tests/test_jena_shacl.py).  For speed the build hands pyshacl only the Core part and
evaluates each SPARQL constraint once for all its focus nodes in Oxigraph (pyshacl would run it per focus node
in rdflib's engine); tests check that both ways give the same results.

This module is the reference engine (pyshacl).  `build` validates with the fast validator instead
(shacl.py, shacl_eval.py, shacl_scope.py: per document, then one global pass), which gives the same report and
falls back to this module for shapes it does not implement; tests/test_shacl.py compares the two.

The report (report.py) keeps every term's kind (a literal value stays a literal), names shapes by their IRIs,
uses stable IRIs for the report and its results (hashes of each result's content) and says `sh:conforms true`
only when there is no result at all, as SHACL defines it.  The exit code is a separate matter: only sh:Violation fails.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..rdf.report import XSD_STRING, ValidationReport, ValidationResult, _is_bnode, _result, rdflib_term
from ..rdf.report import _order as _order  # re-exported: shacl_scope sorts its results the same way
from ..rdf.report import _shape_name as _shape_name  # re-exported for shacl_scope
from ..rdf.terms import SH, Quad, Term

SHAPES_DIR_NAME = "shapes"


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
    from rdflib.term import Literal, URIRef

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


@dataclass
class PreparedShapes:
    """Shapes split for speed: `core` goes to pyshacl, `results` are the SPARQL constraints Oxigraph evaluated."""

    core: object  # rdflib.Graph
    results: list[ValidationResult]
    full: object  # rdflib.Graph, the shapes as written (for shape names)


def validate_graph(data_graph, shapes_graph) -> ValidationReport:  # noqa: ANN001
    """Validate with pyshacl; `shapes_graph` is an rdflib Graph or PreparedShapes (see `prepare_shapes`)."""
    import pyshacl
    from rdflib import Namespace

    extra: list[ValidationResult] = []
    names_graph = shapes_graph
    if isinstance(shapes_graph, PreparedShapes):
        extra, names_graph, shapes_graph = shapes_graph.results, shapes_graph.full, shapes_graph.core
    _, report_graph, _ = pyshacl.validate(data_graph, shacl_graph=shapes_graph, inference="none",
                                          allow_warnings=True, advanced=True, abort_on_first=False)
    if not hasattr(report_graph, "subjects"):  # pyshacl could not run the shapes (e.g. a malformed constraint)
        raise ValueError(f"SHACL validation failed to run: {report_graph}")
    sh = Namespace(SH)
    results: list[ValidationResult] = list(extra)
    for node in report_graph.subjects(predicate=None, object=sh.ValidationResult, unique=True):
        focus = report_graph.value(node, sh.focusNode)
        shape = report_graph.value(node, sh.sourceShape)
        path = report_graph.value(node, sh.resultPath)
        value = report_graph.value(node, sh.value)
        severity = report_graph.value(node, sh.resultSeverity)
        messages = sorted(str(m) for m in report_graph.objects(node, sh.resultMessage))
        component = report_graph.value(node, sh.sourceConstraintComponent)
        results.append(_result(names_graph, report_graph, severity, focus, shape, path, value,
                               messages[0] if messages else "", component))
    results.sort(key=_order)
    return ValidationReport(not any(r.severity == "Violation" for r in results), results)


def _sparql_path(graph, path) -> str | None:  # noqa: ANN001
    """A property path as SPARQL text (IRIs and inverse IRIs); None for what the fast path leaves to pyshacl."""
    from rdflib import Namespace
    sh = Namespace(SH)
    if path is None or not _is_bnode(path):
        return None if path is None else f"<{path}>"
    inverse = graph.value(path, sh.inversePath)
    if inverse is not None and not _is_bnode(inverse):
        return f"^<{inverse}>"
    return None


def _target_patterns(graph, shape) -> list[str] | None:  # noqa: ANN001
    """SPARQL patterns binding ?this to the focus nodes of a shape (its own targets and its parents')."""
    import rdflib
    from rdflib import Namespace

    sh = Namespace(SH)
    patterns: list[str] = []
    owners = [shape] + list(graph.subjects(sh.property, shape))
    for owner in owners:
        if _is_bnode(owner) and owner is not shape:
            pass
        if (owner, sh.deactivated, rdflib.Literal(True)) in graph:
            continue
        if (owner, sh.target, None) in graph:
            return None  # SHACL-SPARQL targets: left to pyshacl
        classes = list(graph.objects(owner, sh.targetClass))
        if (owner, rdflib.RDF.type, rdflib.RDFS.Class) in graph:
            classes.append(owner)
        for cls in classes:
            patterns.append(f"{{ ?this a/<{rdflib.RDFS.subClassOf}>* <{cls}> }}")
        for node in graph.objects(owner, sh.targetNode):
            if _is_bnode(node):
                return None
            patterns.append(f"{{ VALUES ?this {{ {rdflib_term(node).nt()} }} }}")
        for prop in graph.objects(owner, sh.targetSubjectsOf):
            patterns.append(f"{{ ?this <{prop}> [] }}")
        for prop in graph.objects(owner, sh.targetObjectsOf):
            patterns.append(f"{{ [] <{prop}> ?this }}")
    return sorted(set(patterns))


ALL_FOCUS_NODES_SELECT = "https://w3id.org/refugee-ld/shapes#allFocusNodesSelect"


def _sparql_job(shapes_graph, shape, constraint) -> tuple[Any, Any, Any, list[str], str, str] | None:  # noqa: ANN001
    """(shape, constraint, path, target patterns, prefix declarations, query) of a SHACL-SPARQL constraint the
    fast path can evaluate, or None when it stays with pyshacl."""
    import rdflib
    from rdflib import Namespace

    sh = Namespace(SH)
    query = shapes_graph.value(constraint, sh.select)
    if query is None or (constraint, sh.deactivated, rdflib.Literal(True)) in shapes_graph:
        return None
    # a shape may give an equivalent query written for all focus nodes at once (a grouped form where sh:select
    # joins every pair); SHACL engines that pre-bind $this ignore the property and run sh:select
    query = shapes_graph.value(constraint, rdflib.URIRef(ALL_FOCUS_NODES_SELECT)) or query
    if query is None:
        return None
    text = str(query)
    if "$currentShape" in text or "$shapesGraph" in text:
        return None
    path = shapes_graph.value(shape, sh.path)
    path_text = _sparql_path(shapes_graph, path)
    if path is not None and path_text is None:
        return None
    if "$PATH" in text:
        if path_text is None:
            return None
        text = text.replace("$PATH", path_text)
    targets = _target_patterns(shapes_graph, shape)
    if targets is None:
        return None
    prefixes = []
    for source in shapes_graph.objects(constraint, sh.prefixes):
        for declaration in shapes_graph.objects(source, sh.declare):
            prefixes.append(f"PREFIX {shapes_graph.value(declaration, sh.prefix)}: "
                            f"<{shapes_graph.value(declaration, sh.namespace)}>")
    return shape, constraint, path, targets, "\n".join(sorted(set(prefixes))), text


def prepare_shapes(shapes_graph, ntriples: str, more: Path | None = None) -> PreparedShapes:  # noqa: ANN001
    """Evaluate the shapes' SHACL-SPARQL constraints in Oxigraph, once per constraint for all focus nodes.

    `more`: a file of further N-Triples (the documents' part, from the global validation pass); it is
    bulk-loaded into an on-disk store in a folder beside it, so the data never sits in this process's memory.

    The query of a constraint runs joined with its shape's targets instead of once per focus node with $this
    pre-bound (same solutions for these queries, checked against pyshacl in tests/test_validation.py).  A
    constraint the fast path cannot express (SPARQL targets, complex paths, $currentShape/$shapesGraph, sh:ask)
    stays in the shapes given to pyshacl.
    """
    import pyoxigraph as ox
    import rdflib
    from rdflib import Namespace

    sh = Namespace(SH)
    core = rdflib.Graph()
    for prefix, namespace in shapes_graph.namespaces():
        core.bind(prefix, namespace, override=True)
    for triple in shapes_graph:
        core.add(triple)
    jobs = []
    for shape, constraint in sorted(shapes_graph.subject_objects(sh.sparql)):
        job = _sparql_job(shapes_graph, shape, constraint)
        if job is not None:
            core.remove((shape, sh.sparql, constraint))
            jobs.append(job)
    results: list[ValidationResult] = []
    if not jobs:
        return PreparedShapes(core, results, shapes_graph)
    store = ox.Store() if more is None else ox.Store(str(more.with_suffix(".store")))
    store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    if more is not None:
        store.bulk_load(path=str(more), format=ox.RdfFormat.N_TRIPLES)
    found = []
    for shape, constraint, path, targets, prolog, text in jobs:
        if not targets:
            continue
        inner = text.replace("$this", "?this").replace("$value", "?value")
        query = (f"{prolog}\nSELECT * WHERE {{\n {' UNION '.join(targets)}\n {{ {inner} }}\n}}")
        messages = sorted(str(m) for m in shapes_graph.objects(constraint, sh.message)) or \
            sorted(str(m) for m in shapes_graph.objects(shape, sh.message))
        for row in cast(ox.QuerySolutions, store.query(query)):
            names = _names(row)
            found.append((shape, path, row["this"], row["value"] if "value" in names else None,
                          row["path"] if "path" in names else None,
                          _substitute(messages[0], row) if messages else ""))
    del store  # an on-disk store is closed before its folder goes (a logged traceback must not keep it open)
    for shape, path, focus, value, row_path, message in found:
        severity = shapes_graph.value(shape, sh.severity) or sh.Violation
        results.append(_result(shapes_graph, shapes_graph, severity, _from_ox(focus), shape,
                               _from_ox(row_path) if row_path is not None else path,
                               None if value is None else _from_ox(value), message, sh.SPARQLConstraintComponent))
    return PreparedShapes(core, results, shapes_graph)


materialise_sparql_targets = prepare_shapes  # the name earlier releases (and the CLI) use


def _names(row) -> set[str]:  # noqa: ANN001
    out = set()
    for name in ("this", "value", "path"):
        try:
            if row[name] is not None:
                out.add(name)
        except (KeyError, IndexError, TypeError):
            pass
    return out


def _from_ox(term):  # noqa: ANN001, ANN202
    """A pyoxigraph term as the rdflib term pyshacl would report."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _substitute(message: str, row) -> str:  # noqa: ANN001
    """SHACL-SPARQL message templates: {?var} and {$var} become the row's values."""
    import re

    def value(match) -> str:  # noqa: ANN001
        try:
            bound = row[match.group(1)]
        except (KeyError, IndexError, TypeError):
            return match.group(0)
        return match.group(0) if bound is None else bound.value
    return re.sub(r"\{[?$](\w+)\}", value, message)


def validate_quads(quads: Iterable[Quad], shapes_dir: Path, ntriples: str | None = None) -> ValidationReport:
    from ..rdf.serialize import to_ntriples

    quads = list(quads)
    shapes = prepare_shapes(load_shapes(shapes_dir), ntriples or to_ntriples(quads))
    return validate_graph(to_rdflib(quads), shapes)


def default_shapes_dir() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / SHAPES_DIR_NAME).is_dir() and (parent / "ontology").is_dir():
            return parent / SHAPES_DIR_NAME
    return Path.cwd() / SHAPES_DIR_NAME
