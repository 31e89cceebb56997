"""SPARQL 1.1 query results written from a bounded list of solutions (JSON, XML, CSV, TSV).

pyoxigraph serialises whole answers; `serve` needs answers cut at a result limit and flagged as such, so it
takes at most limit + 1 solutions and writes them with these small writers (W3C SPARQL 1.1 Query Results
JSON, XML, CSV and TSV formats). Terms arrive as pyoxigraph terms.
"""
from __future__ import annotations

import json
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _kind(term: Any) -> str:
    name = type(term).__name__
    return {"NamedNode": "uri", "BlankNode": "bnode", "Literal": "literal", "Triple": "triple"}.get(name, "literal")


def _json_term(term: Any) -> dict[str, Any]:
    kind = _kind(term)
    if kind == "triple":
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    out: dict[str, Any] = {"type": kind, "value": term.value}
    if kind == "literal":
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
    return out


def to_json(variables: list[str], rows: list[list[Any]]) -> bytes:
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    body = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    """XML character data; a carriage return and leading/trailing whitespace as references so parsers keep them."""
    if _XML_ILLEGAL.search(text):
        raise ValueError("the answer holds characters XML 1.0 cannot carry; ask for JSON or TSV instead")
    core = text.strip()
    start = text.find(core) if core else len(text)
    lead, trail = text[:start], text[start + len(core):]
    # some readers (pyoxigraph's among them) trim text nodes; whitespace written as references survives
    refs = lambda part: "".join(f"&#{ord(c)};" for c in part)  # noqa: E731
    return refs(lead) + escape(core, {"\r": "&#13;"}) + refs(trail)


def _xml_term(term: Any) -> str:
    kind = _kind(term)
    if kind == "uri":
        return f"<uri>{_x(term.value)}</uri>"
    if kind == "bnode":
        return f"<bnode>{_x(term.value)}</bnode>"
    if kind == "triple":
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{_x(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{_x(term.value)}</literal>"
    return f"<literal>{_x(term.value)}</literal>"


def to_xml(variables: list[str], rows: list[list[Any]]) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out += ["</head>", "<results>"]
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(variables, row) if t is not None]
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return ("\n".join(out) + "\n").encode("utf-8")


def _csv_cell(term: Any) -> str:
    if term is None:
        return ""
    value = term.value if _kind(term) != "bnode" else f"_:{term.value}"
    if _kind(term) == "triple":
        value = str(term)
    if any(c in value for c in ',"\r\n'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def to_csv(variables: list[str], rows: list[list[Any]]) -> bytes:
    lines = [",".join(variables)] + [",".join(_csv_cell(t) for t in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def to_tsv(variables: list[str], rows: list[list[Any]]) -> bytes:
    # pyoxigraph terms print in N-Triples syntax, which is the TSV results format's term syntax.
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def boolean(value: bool, media_type: str) -> bytes:
    if media_type == "application/sparql-results+xml":
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    if media_type in ("text/csv", "text/tab-separated-values"):
        return ("true" if value else "false").encode("utf-8") + b"\n"
    return json.dumps({"head": {}, "boolean": value}).encode("utf-8")


WRITERS = {
    "application/sparql-results+json": to_json,
    "application/sparql-results+xml": to_xml,
    "text/csv": to_csv,
    "text/tab-separated-values": to_tsv,
}
