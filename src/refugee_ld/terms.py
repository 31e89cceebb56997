"""A minimal RDF term model: plain tuples that sort, hash and cross process boundaries cheaply.

The mapping stage emits quads of these terms; the writers turn them into N-Quads, Turtle and JSON-LD
without going through rdflib (which is 70x slower at writing Turtle at 10^6 triples).
"""
from __future__ import annotations

from typing import NamedTuple

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "https://schema.org/"
SH = "http://www.w3.org/ns/shacl#"
VOID = "http://rdfs.org/ns/void#"
FOAF = "http://xmlns.com/foaf/0.1/"
RLD = "https://w3id.org/refugee-ld/ontology#"
WD = "http://www.wikidata.org/entity/"
DEFAULT_BASE = "https://w3id.org/refugee-ld/id/"

PREFIXES: dict[str, str] = {
    "rld": RLD, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS, "prov": PROV,
    "oa": OA, "schema": SCHEMA, "sh": SH, "void": VOID, "foaf": FOAF, "wd": WD,
}


class Term(NamedTuple):
    """kind 0 = IRI, 1 = blank node, 2 = literal; sorting by (kind, value, ...) groups IRIs first."""

    kind: int
    value: str
    datatype: str = ""
    lang: str = ""

    def nt(self) -> str:
        if self.kind == 0:
            return f"<{self.value}>"
        if self.kind == 1:
            return f"_:{self.value}"
        text = f'"{escape(self.value)}"'
        if self.lang:
            return f"{text}@{self.lang}"
        if self.datatype and self.datatype != XSD + "string":
            return f"{text}^^<{self.datatype}>"
        return text


class Quad(NamedTuple):
    s: Term
    p: Term
    o: Term
    g: Term | None = None


def iri(value: str) -> Term:
    return Term(0, value)


def literal(value: str, datatype: str = "", lang: str = "") -> Term:
    return Term(2, value, "" if lang else (datatype or XSD + "string"), lang)


def plain(value: str) -> Term:
    return literal(value)


def en(value: str) -> Term:
    return literal(value, lang="en")


def integer(value: int) -> Term:
    return literal(str(int(value)), XSD + "integer")


def boolean(value: bool) -> Term:
    return literal("true" if value else "false", XSD + "boolean")


def date_literal(iso: str) -> Term:
    """An ISO date at its own precision: 2011 -> xsd:gYear, 2011-03 -> xsd:gYearMonth, 2011-03-15 -> xsd:date."""
    datatype = {4: "gYear", 7: "gYearMonth"}.get(len(iso), "date")
    return literal(iso, XSD + datatype)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def escape(text: str) -> str:
    if not any(c in text for c in '\\"\n\r\t\b\f') and all(ord(c) >= 0x20 for c in text):
        return text
    out = []
    for c in text:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return "".join(out)


A = iri(RDF + "type")
LABEL = iri(RDFS + "label")


def rld(name: str) -> Term:
    return iri(RLD + name)
