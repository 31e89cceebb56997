"""What the SHACL-SPARQL constraints of a shapes graph read, so the global validation pass sends Oxigraph only that.

A constraint reads the triples of the predicates its patterns name; of rdf:type triples only those whose class
a pattern names (or a target class of its shape), unless a pattern has a variable class or a path through
rdf:type.  A triple outside these matches no pattern, so leaving it out changes no result.
"""
from __future__ import annotations

from .shacl import Unsupported
from .shacl_eval import TYPE


def _sh(name: str):  # noqa: ANN202
    from rdflib import URIRef
    return URIRef("http://www.w3.org/ns/shacl#" + name)


def sparql_reads(graph) -> tuple[set[str], set[str] | None]:  # noqa: ANN001
    """Every predicate the SPARQL constraints read (fixed IRIs and path members; a variable one is refused), and
    the classes their rdf:type patterns name (None when one has a variable object or a path through rdf:type:
    then every rdf:type triple is read).  A type triple whose class is not named there matches no pattern."""
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.term import URIRef, Variable

    out: set[str] = {TYPE}
    classes: set[str] | None = set()
    from .validation import ALL_FOCUS_NODES_SELECT

    queries = []
    for constraint in graph.objects(None, _sh("sparql")):
        prefixes = {str(graph.value(d, _sh("prefix"))): str(graph.value(d, _sh("namespace")))
                    for source in graph.objects(constraint, _sh("prefixes"))
                    for d in graph.objects(source, _sh("declare"))}
        queries += [(str(text), prefixes) for name in (_sh("select"), URIRef(ALL_FOCUS_NODES_SELECT))
                    for text in graph.objects(constraint, name)]
    for text, prefixes in queries:  # sh:select, and the grouped form the build's engine runs instead
        algebra = prepareQuery(text.replace("$PATH", "<urn:x-path>"), initNs=prefixes).algebra

        def walk(node) -> None:  # noqa: ANN001
            nonlocal classes
            if isinstance(node, dict):
                if getattr(node, "name", "") == "BGP":
                    for triple in node["triples"]:
                        if isinstance(triple[1], Variable):
                            raise Unsupported("a SPARQL constraint with a variable predicate")
                        members = _members(triple[1])
                        out.update(members)
                        if TYPE in members and classes is not None:
                            if isinstance(triple[1], URIRef) and isinstance(triple[2], URIRef):
                                classes.add(str(triple[2]))
                            else:
                                classes = None
                for value in node.values():
                    walk(value)
            elif isinstance(node, (list, tuple)):
                for value in node:
                    walk(value)

        walk(algebra)
    shape_paths = {str(graph.value(s, _sh("path"))) for s in graph.subjects(_sh("sparql"), None)}
    return out | {p for p in shape_paths if p.startswith("http")}, classes


def _members(p) -> set[str]:  # noqa: ANN001
    """The IRIs of a predicate or property path."""
    from rdflib.paths import Path as RPath
    from rdflib.term import URIRef

    if isinstance(p, URIRef):
        return {str(p)}
    if isinstance(p, RPath):
        return {m for part in getattr(p, "args", None) or [getattr(p, "arg", None) or getattr(p, "path", None)]
                for m in _members(part)}
    return set()
