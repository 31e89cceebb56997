"""A minimal RDF term model plus the term checks (the project's one IRI policy is in iris.py).

Terms are plain tuples that sort, hash and cross process boundaries cheaply; the writers turn them into
N-Quads, Turtle and JSON-LD without going through rdflib (which is 70x slower at writing Turtle at 10^6 triples).

Every IRI the project makes comes from `iris.mint_iri`, which percent-encodes each name (RFC 3987/3986) so that any
file or entity name gives a valid IRI, readable names stay readable and different names stay different.  Every
term is checked (`term_problem`) before a writer prints it, so nothing from input reaches a dump unchecked.
"""
from __future__ import annotations

import calendar
import functools
import ipaddress
import re
from collections.abc import Callable, Iterable
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
RLDS = "https://w3id.org/refugee-ld/shapes#"
WD = "http://www.wikidata.org/entity/"
DEFAULT_BASE = "https://w3id.org/refugee-ld/id/"

PREFIXES: dict[str, str] = {
    "rld": RLD, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS, "prov": PROV,
    "oa": OA, "schema": SCHEMA, "sh": SH, "void": VOID, "foaf": FOAF, "wd": WD, "rlds": RLDS,
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


# ---------------------------------------------------------------- term checks (RFC 3987, BCP 47, XSD)

class InvalidTermError(ValueError):
    """A term that no RDF writer may print; the CLI prints `source: reason` and exits 2."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.path = source
        self.reason = reason


_UCS = ("\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd"
        "\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd\U00070000-\U0007fffd\U00080000-\U0008fffd"
        "\U00090000-\U0009fffd\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd"
        "\U000e1000-\U000efffd")
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_UNRESERVED = f"A-Za-z0-9\\-._~{_UCS}"
_SUB_DELIMS = "!$&'()*+,;="
_PCT = "%[0-9A-Fa-f]{2}"
_IPCHAR = f"(?:[{_UNRESERVED}{re.escape(_SUB_DELIMS)}:@]|{_PCT})"


def _iri_regex(unreserved: str, private: str) -> re.Pattern[str]:
    """RFC 3987 absolute IRI; runs of plain characters match possessively (Python 3.11+): no backtracking."""
    run = f"[{unreserved}{re.escape(_SUB_DELIMS)}:@]"
    segment = f"(?:{run}++|{_PCT})*+"
    query_extra = f"|[{private}/?]++" if private else "|[/?]++"
    return re.compile(
        rf"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*+):"
        rf"(?:(?://(?:(?P<userinfo>(?:[{unreserved}{re.escape(_SUB_DELIMS)}:]++|{_PCT})*+)@)?"
        rf"(?P<host>\[[^\]/?#]*+\]|(?:[{unreserved}{re.escape(_SUB_DELIMS)}]++|{_PCT})*+)"
        rf"(?::(?P<port>[0-9]*+))?(?P<abempty>(?:/{segment})*+))"
        rf"|(?P<path>/?(?:(?:{run}++|{_PCT})++(?:/{segment})*+)?))"
        rf"(?:\?(?P<query>(?:{run}++{query_extra}|{_PCT})*+))?"
        rf"(?:#(?P<fragment>(?:{run}++|[/?]++|{_PCT})*+))?")


_IRI = _iri_regex(_UNRESERVED, _PRIVATE)
_ASCII_IRI = _iri_regex(r"A-Za-z0-9\-._~", "")  # the same grammar over ASCII: much faster for most IRIs
_BAD_IRI_CHAR = re.compile(r'[<>"{}|^`\\\x00-\x20\ud800-\udfff]')
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_IP_FUTURE = re.compile(rf"v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~{re.escape(_SUB_DELIMS)}:]+")


def iri_problem(value: str) -> str | None:
    """Why `value` is not an absolute IRI (RFC 3987) a strict RDF parser accepts; None when it is one."""
    if not isinstance(value, str) or not value:
        return "empty IRI"
    bad = _BAD_IRI_CHAR.search(value)
    if bad is not None:
        return f"character {bad.group()!r} is not allowed in an IRI"
    match = (_ASCII_IRI if value.isascii() else _IRI).fullmatch(value)
    if match is None:
        if ":" not in value:
            return "not an absolute IRI (no scheme)"
        return "not a valid IRI (RFC 3987)"
    host = match.group("host")
    if host and host.startswith("["):
        inner = host[1:-1]
        if not _IP_FUTURE.fullmatch(inner):
            try:
                ipaddress.IPv6Address(inner)
            except ValueError:
                return f"invalid IPv6 host {host}"
    return None


_datatype_problem = functools.lru_cache(maxsize=4096)(iri_problem)  # few datatypes, many literals


def is_valid_iri(value: str) -> bool:
    """True for an absolute IRI (RFC 3987) that N-Triples, Turtle, TriG and JSON-LD writers can print as is."""
    return iri_problem(value) is None


_ALNUM = "[A-Za-z0-9]"
_LANGTAG = re.compile(
    r"(?:(?P<language>[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"
    rf"(?:-[0-9A-WY-Za-wy-z](?:-{_ALNUM}{{2,8}})+)*"
    rf"(?:-[Xx](?:-{_ALNUM}{{1,8}})+)?"
    rf"|[Xx](?:-{_ALNUM}{{1,8}})+"
    r"|en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay"
    r"|i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE|art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min"
    r"|zh-min-nan|zh-xiang)", re.IGNORECASE)


def is_valid_language_tag(tag: str) -> bool:
    """A well-formed BCP 47 tag (RFC 5646), the form RDF 1.1 literals require."""
    if not _LANGTAG.fullmatch(tag):
        return False
    parts = tag.lower().split("-")
    singletons = [p for p in parts if len(p) == 1]
    if "x" in singletons:  # everything after the private-use singleton is free-form
        singletons = singletons[:singletons.index("x")]
    variants = [p for p in parts[1:] if len(p) >= 5 or (len(p) == 4 and p[0].isdigit())]
    return len(singletons) == len(set(singletons)) and len(variants) == len(set(variants))


_PN_CHARS_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
                  "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_PN_CHARS = f"{_PN_CHARS_BASE}_\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
# Turtle's BLANK_NODE_LABEL (stricter than N-Triples', which also allows ':')
_BNODE_LABEL = re.compile(f"[{_PN_CHARS_BASE}_0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?")


def text_problem(text: str) -> str | None:
    """Why `text` cannot be an RDF lexical form (a sequence of Unicode scalar values); None when it can."""
    found = _SURROGATE.search(text)
    if found:
        return f"lone surrogate U+{ord(found.group()):04X} at character {found.start()} (not Unicode text)"
    return None


@functools.lru_cache(maxsize=1 << 20)
def term_problem(term: Term) -> str | None:
    """Why a writer must refuse `term` (invalid IRI, blank node label, language tag or lexical form).

    Memoised: a build checks each distinct term once, however many writers print it."""
    if term.kind == 0:
        problem = iri_problem(term.value)
        return f"invalid IRI <{_shorten(term.value)}>: {problem}" if problem else None
    if term.kind == 1:
        if not _BNODE_LABEL.fullmatch(term.value):
            return f"invalid blank node label {_shorten(term.value)!r}"
        return None
    if term.kind != 2:
        return f"unknown term kind {term.kind}"
    problem = text_problem(term.value)
    if problem:
        return f"invalid lexical form {_shorten(term.value)!r}: {problem}"
    if term.lang:
        if not is_valid_language_tag(term.lang):
            return f"invalid language tag {term.lang!r} (not BCP 47)"
        if term.datatype and term.datatype != RDF + "langString":
            return f"a literal with a language tag cannot have the datatype <{term.datatype}>"
        return None
    if term.datatype == RDF + "langString":
        return "an rdf:langString literal needs a language tag"
    if term.datatype:
        problem = _datatype_problem(term.datatype)
        if problem:
            return f"invalid datatype IRI <{_shorten(term.datatype)}>: {problem}"
    return None


def _shorten(text: str, limit: int = 120) -> str:
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[:limit] + "…"


_DATE_RE = {
    "date": re.compile(r"-?(?P<y>[0-9]{4,})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?:Z|[+-][0-9]{2}:[0-9]{2})?"),
    "gYearMonth": re.compile(r"-?(?P<y>[0-9]{4,})-(?P<m>[0-9]{2})(?:Z|[+-][0-9]{2}:[0-9]{2})?"),
    "gYear": re.compile(r"-?(?P<y>[0-9]{4,})(?:Z|[+-][0-9]{2}:[0-9]{2})?"),
}
_SIMPLE_LEXICAL = {
    "integer": re.compile(r"[+-]?[0-9]+"),
    "nonNegativeInteger": re.compile(r"\+?[0-9]+|-0+"),
    "positiveInteger": re.compile(r"\+?0*[1-9][0-9]*"),
    "boolean": re.compile(r"true|false|1|0"),
    "decimal": re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"),
}


def ill_typed(term: Term) -> str | None:
    """Why a literal is outside the lexical space of its XSD datatype (e.g. "2011-02-30"^^xsd:date); else None.

    Only the datatypes the project itself writes are checked; others are accepted as they are.
    """
    if term.kind != 2 or not term.datatype.startswith(XSD):
        return None
    name = term.datatype[len(XSD):]
    value = term.value
    if name in _DATE_RE:
        match = _DATE_RE[name].fullmatch(value)
        if not match or (len(match.group("y")) > 4 and match.group("y").startswith("0")):
            return f'"{_shorten(value)}" is not a valid xsd:{name}'
        groups = match.groupdict()
        month = int(groups.get("m") or 1)
        if not 1 <= month <= 12:
            return f'"{value}" is not a valid xsd:{name} (month {month})'
        if groups.get("d") is not None:
            day = int(groups["d"])
            year = int(groups["y"])
            if not 1 <= day <= calendar.monthrange(2000 + year % 400, month)[1]:
                return f'"{value}" is not a valid xsd:{name} (no day {day} in that month)'
        if value.endswith(("Z",)) or re.search(r"[+-][0-9]{2}:[0-9]{2}$", value):
            tz = value[-6:]
            if tz != "Z" and tz[0] in "+-" and (int(tz[1:3]) > 14 or int(tz[4:6]) > 59):
                return f'"{value}" has an invalid time zone'
        return None
    if name in _SIMPLE_LEXICAL:
        if not _SIMPLE_LEXICAL[name].fullmatch(value):
            return f'"{_shorten(value)}" is not a valid xsd:{name}'
        return None
    if name == "language":
        return None if is_valid_language_tag(value) else f'"{_shorten(value)}" is not a valid xsd:language'
    if name == "anyURI":
        return None if not any(ord(c) <= 0x20 for c in value) else f'"{_shorten(value)}" is not a valid xsd:anyURI'
    return None


def check_term(term: Term, source: str, role: str = "term") -> None:
    """Raise InvalidTermError naming `source` when `term` cannot be written."""
    problem = term_problem(term)
    if problem:
        raise InvalidTermError(source, f"{role}: {problem}")


def check_quads(quads: Iterable[Quad], source: Callable[[Quad], str] | str = "graph",
                datatypes: bool = True) -> None:
    """Check every term of `quads` once (syntax, and XSD lexical forms when `datatypes`); raise on the first bad one.

    `source` names where a quad comes from (a function of the quad, e.g. graph IRI -> document file).
    """
    seen: set[Term] = set()
    for q in quads:
        for role, term in (("subject", q.s), ("predicate", q.p), ("object", q.o), ("graph name", q.g)):
            if term is None or term in seen:
                continue
            problem = term_problem(term)
            if problem is None and datatypes:
                problem = ill_typed(term)
            if problem is None and role == "predicate" and term.kind != 0:
                problem = "a predicate must be an IRI"
            if problem is None and role in ("subject", "graph name") and term.kind == 2:
                problem = f"a literal cannot be a {role}"
            if problem:
                where = source(q) if callable(source) else source
                raise InvalidTermError(where, f"{role} of a triple: {problem}")
            if role == "object":
                seen.add(term)
