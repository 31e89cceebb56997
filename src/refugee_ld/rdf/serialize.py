"""Deterministic streaming writers: N-Triples, N-Quads, Turtle, TriG, JSON-LD.

Everything is sorted (subjects, predicates with rdf:type first, objects), prefixed where the local name is
a valid Turtle PN_LOCAL, so the same graph always gives the same bytes.  Blank nodes keep their labels (the
project's own dumps have none).  Every term is checked before it is printed (`terms.term_problem`): a writer
refuses an invalid IRI, language tag or lexical form with InvalidTermError instead of writing broken RDF.
The W3C RDF 1.1 suites check these writers (tests/test_w3c_suites.py).
"""
from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import groupby
from json.encoder import encode_basestring as _js  # json.dumps' own string encoder (C) with ensure_ascii=False
from operator import itemgetter
from typing import TextIO

from ..rdf.terms import PREFIXES, RDF, XSD, InvalidTermError, Quad, Term, iri_problem, term_problem

_PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_PN_PREFIX = re.compile(r"^(?:[A-Za-z](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?$")
DATA_PREFIXES = ("state", "agency", "instrument", "event", "person", "place", "document", "fact", "post", "graph")
TYPE = RDF + "type"
DEFAULT_GRAPH = Term(-1, "")  # stands for the default graph in (graph, s, p, o) rows: sorts before every name
Row = tuple[Term, Term, Term]
_BATCH = 4096  # pieces of text joined per write call
_CACHE_LIMIT = 1 << 20  # distinct terms whose N-Triples form a writer remembers
_GEN_DELIMS = tuple(":/?#[]@")


def prefixes_for(base: str) -> dict[str, str]:
    """Standard prefixes plus one per kind of data IRI ("state:" -> <base>state/)."""
    out = dict(PREFIXES)
    for name in DATA_PREFIXES:
        out[name] = f"{base}{name}/"
    return out


def _checked(term: Term, source: str) -> Term:
    problem = term_problem(term)
    if problem:
        raise InvalidTermError(source, problem)
    return term


def _check_prefixes(prefixes: dict[str, str], source: str) -> None:
    for name, ns in prefixes.items():
        if not _PN_PREFIX.match(name):
            raise InvalidTermError(source, f"prefix name {name!r} is not a valid Turtle PN_PREFIX")
        problem = iri_problem(ns)
        if problem:
            raise InvalidTermError(source, f"prefix {name}: namespace <{ns}>: {problem}")


class Compactor:
    """Prefixed names for IRIs (Turtle/TriG; JSON-LD with `jsonld=True`), every term checked once."""

    def __init__(self, prefixes: dict[str, str], source: str = "RDF output", jsonld: bool = False) -> None:
        _check_prefixes(prefixes, source)
        if jsonld:  # JSON-LD 1.1 uses a term as a prefix only when its IRI ends in a gen-delim character
            prefixes = {p: ns for p, ns in prefixes.items() if p and ns.endswith(_GEN_DELIMS)}
        self.prefixes = prefixes
        self.source = source
        self._ordered = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._iris: dict[str, str | None] = {}
        self._terms: dict[Term, str] = {}

    def iri(self, value: str) -> str | None:
        try:
            return self._iris[value]
        except KeyError:
            found = self._compact(value)
            self._iris[value] = found
            return found

    def _compact(self, value: str) -> str | None:
        for prefix, ns in self._ordered:
            if value.startswith(ns):
                local = value[len(ns):]
                if local == "" or _PN_LOCAL.match(local):
                    return f"{prefix}:{local}"
        return None

    def turtle(self, term: Term) -> str:
        """A subject, object or graph name in Turtle/TriG (never `a`)."""
        hit = self._terms.get(term)
        if hit is None:
            hit = self._terms[term] = self._turtle(_checked(term, self.source))
        return hit

    def predicate(self, term: Term) -> str:
        """A predicate in Turtle/TriG: `a` for rdf:type, only here."""
        if term.kind != 0:
            raise InvalidTermError(self.source, f"a predicate must be an IRI, not {term.nt()}")
        return "a" if term.value == TYPE else self.turtle(term)

    def _turtle(self, term: Term) -> str:
        if term.kind == 0:
            return self.iri(term.value) or f"<{term.value}>"
        if term.kind == 2 and term.datatype and not term.lang and term.datatype != XSD + "string":
            compact = self.iri(term.datatype)
            text = term.nt()
            if compact:
                return text[: text.rindex("^^") + 2] + compact
            return text
        return term.nt()


def sort_key(term: Term) -> tuple:
    return (term.kind, term.value, term.datatype, term.lang)


def _graph_key(term: Term | None) -> tuple:
    return sort_key(term) if term is not None else (-1, "", "", "")


def triples(quads: Iterable[Quad]) -> list[Row]:
    """The union graph: distinct (s, p, o), sorted (Term tuples sort as `sort_key` does)."""
    return sorted({(q.s, q.p, q.o) for q in quads})


def _nt(term: Term, cache: dict[Term, str], source: str = "N-Triples output") -> str:
    hit = cache.get(term)
    if hit is None:
        hit = cache[term] = _checked(term, source).nt()
    return hit


def _batched_writer(out: TextIO) -> tuple[list[str], Callable[[], None]]:
    """A list to append text to and a flush that writes it in one call (fewer writes than one per line)."""
    pending: list[str] = []

    def flush() -> None:
        out.write("".join(pending))
        pending.clear()

    return pending, flush


def write_ntriples(out: TextIO, rows: Iterable[Row]) -> int:
    """N-Triples of `rows` in the order given (sorted and distinct for a dump); returns the number written."""
    cache: dict[Term, str] = {}
    pending, flush = _batched_writer(out)
    count = 0
    for s, p, o in rows:
        pending.append(f"{_nt(s, cache)} {_nt(p, cache)} {_nt(o, cache)} .\n")
        count += 1
        if len(pending) >= _BATCH:
            flush()
            if len(cache) > _CACHE_LIMIT:  # bounded: a dump of millions of distinct literals
                cache.clear()
    flush()
    return count


def nquads_lines(quads: Iterable[Quad], cache: dict[Term, str] | None = None) -> set[str]:
    """The distinct N-Quads lines of `quads` (every term checked)."""
    c: dict[Term, str] = {} if cache is None else cache
    return {f"{_nt(q.s, c)} {_nt(q.p, c)} {_nt(q.o, c)}{' ' + _nt(q.g, c) if q.g else ''} .\n" for q in quads}


def write_lines(out: TextIO, lines: Iterable[str]) -> None:
    pending, flush = _batched_writer(out)
    for line in lines:
        pending.append(line)
        if len(pending) >= _BATCH:
            flush()
    flush()


def to_ntriples(quads: Iterable[Quad], rows: list[Row] | None = None) -> str:
    buffer = io.StringIO()
    write_ntriples(buffer, rows or triples(quads))
    return buffer.getvalue()


def to_nquads(quads: Iterable[Quad]) -> str:
    return "".join(sorted(nquads_lines(quads)))


def _subject_block(s: Term, rows: Iterable[Row], c: Compactor, indent: str = "") -> str:
    """One subject's statements in Turtle: rdf:type first, then predicates; `rows` sorted and distinct."""
    preds: dict[Term, list[Term]] = defaultdict(list)
    for _, p, o in rows:
        preds[p].append(o)
    order = sorted(preds, key=lambda p: (p.value != TYPE, c.predicate(p), p.value))
    parts = []
    for p in order:
        objects = ", ".join(c.turtle(o) for o in preds[p])  # rows are sorted and distinct: so are these
        parts.append(f"{c.predicate(p)} {objects}")
    return f"{indent}{c.turtle(s)} " + f" ;\n{indent}    ".join(parts) + " .\n"


def _write_body(out: TextIO, rows: Iterable[Row], c: Compactor, indent: str = "") -> None:
    """Subject blocks separated by blank lines; `rows` sorted, so each subject's statements are adjacent."""
    pending, flush = _batched_writer(out)
    first = True
    for s, group in groupby(rows, key=itemgetter(0)):
        if not first:
            pending.append("\n")
        first = False
        pending.append(_subject_block(s, group, c, indent))
        if len(pending) >= _BATCH:
            flush()
    flush()


def _prefix_block(c: Compactor) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(c.prefixes.items())) + "\n"


def write_turtle(out: TextIO, rows: Iterable[Row], prefixes: dict[str, str]) -> None:
    """Turtle of sorted, distinct `rows`, written subject by subject."""
    c = Compactor(prefixes, "Turtle output")
    out.write(_prefix_block(c))
    _write_body(out, rows, c)


def to_turtle(quads: Iterable[Quad], prefixes: dict[str, str], rows: list[Row] | None = None) -> str:
    buffer = io.StringIO()
    write_turtle(buffer, sorted(set(rows)) if rows else triples(quads), prefixes)
    return buffer.getvalue()


def write_trig(out: TextIO, rows: Iterable[tuple[Term, Term, Term, Term]], prefixes: dict[str, str]) -> None:
    """TriG of sorted, distinct (graph, s, p, o) rows (`DEFAULT_GRAPH` first), written graph by graph."""
    c = Compactor(prefixes, "TriG output")
    head = _prefix_block(c)
    first = True
    for g, group in groupby(rows, key=itemgetter(0)):
        out.write(head if first else "\n")
        first = False
        if g.kind == DEFAULT_GRAPH.kind:
            out.write("{\n")
        else:
            if g.kind == 2:
                raise InvalidTermError(c.source, f"a graph name cannot be a literal: {g.nt()}")
            out.write(f"{c.turtle(g)} {{\n")
        _write_body(out, (row[1:] for row in group), c, "    ")
        out.write("}\n")
    if first:  # no statement at all: the prefixes alone
        out.write(head.rstrip("\n") + "\n")


def graph_rows(quads: Iterable[Quad]) -> set[tuple[Term, Term, Term, Term]]:
    """(graph, s, p, o) rows as TriG sorts them: the default graph is `DEFAULT_GRAPH`, before every name."""
    return {(q.g if q.g is not None else DEFAULT_GRAPH, q.s, q.p, q.o) for q in quads}


def to_trig(quads: Iterable[Quad], prefixes: dict[str, str]) -> str:
    buffer = io.StringIO()
    write_trig(buffer, sorted(graph_rows(quads)), prefixes)
    return buffer.getvalue()

def jsonld_context(prefixes: dict[str, str]) -> dict:
    """The prefixes JSON-LD can use as prefixes (namespace ending in a gen-delim such as / or #)."""
    return {"@context": {p: ns for p, ns in sorted(prefixes.items()) if p and ns.endswith(_GEN_DELIMS)}}


class _JsonLd:
    """JSON-LD forms of terms: compact IRIs only where they cannot be mistaken for another IRI."""

    def __init__(self, prefixes: dict[str, str], schemes: set[str]) -> None:
        # an absolute IRI `state:x` would read as a compact IRI if `state` were in the context: drop such prefixes
        usable = {p: ns for p, ns in prefixes.items() if p not in schemes}
        self.c = Compactor(usable, "JSON-LD output", jsonld=True)
        self.context = {p: ns for p, ns in sorted(self.c.prefixes.items())}
        self._ok: set[Term] = set()  # terms already checked (bounded: cleared past _CACHE_LIMIT)

    def _check(self, term: Term) -> None:
        if term not in self._ok:
            _checked(term, self.c.source)
            if len(self._ok) > _CACHE_LIMIT:
                self._ok.clear()
            self._ok.add(term)

    def ref(self, term: Term) -> str:
        """@id of an IRI or blank node."""
        self._check(term)
        if term.kind == 1:
            return "_:" + term.value
        if term.kind != 0:
            raise InvalidTermError(self.c.source, f"a literal cannot be a subject or graph name: {term.nt()}")
        return self.c.iri(term.value) or term.value

    def value(self, term: Term) -> dict:
        if term.kind != 2:
            return {"@id": self.ref(term)}
        self._check(term)
        if term.lang:
            return {"@value": term.value, "@language": term.lang}
        if term.datatype and term.datatype != XSD + "string":
            return {"@value": term.value, "@type": self.c.iri(term.datatype) or term.datatype}
        return {"@value": term.value}

    def node(self, s: Term, rows: Iterable[Row]) -> dict:
        """One subject's node object; keys in the order its (sorted) statements first use them."""
        node: dict = {"@id": self.ref(s)}
        for _, p, o in rows:
            if p.kind != 0:
                raise InvalidTermError(self.c.source, f"a predicate must be an IRI, not {p.nt()}")
            if p.value == TYPE and o.kind == 0:
                node.setdefault("@type", []).append(self.ref(o))
                continue
            self._check(p)
            key = self.c.iri(p.value) or p.value
            node.setdefault(key, []).append(self.value(o))
        return node

    def nodes(self, rows: Iterable[Row]) -> list[dict]:
        """Node objects in the order subjects first appear (rows need not be sorted)."""
        by_subject: dict[Term, list[Row]] = {}
        for row in rows:
            by_subject.setdefault(row[0], []).append(row)
        return [self.node(s, group) for s, group in by_subject.items()]


def schemes_of(rows: Iterable[tuple[Term, ...]]) -> set[str]:
    """IRI schemes used by the terms (a prefix named like one would make an absolute IRI read as compact)."""
    out: set[str] = set()
    for row in rows:
        for t in row:
            if t is not None:
                if t.kind == 0:
                    out.add(t.value.split(":", 1)[0])
                elif t.kind == 2 and t.datatype:
                    out.add(t.datatype.split(":", 1)[0])
    return out


def node_json(node: dict) -> str:
    """A node object as json.dumps(indent=1, ensure_ascii=False) lays it out two levels deep in the document.

    Written by hand because json's indenting encoder is pure Python and was most of the JSON-LD writer's time;
    a node's values are strings, lists of strings and lists of flat dicts of strings (see _JsonLd).
    """
    parts = []
    for key, value in node.items():
        if isinstance(value, str):
            parts.append(f"   {_js(key)}: {_js(value)}")
            continue
        items = [f"    {_js(v)}" if isinstance(v, str) else
                 "    {\n" + ",\n".join(f"     {_js(k)}: {_js(x)}" for k, x in v.items()) + "\n    }" for v in value]
        parts.append(f"   {_js(key)}: [\n" + ",\n".join(items) + "\n   ]")
    return "  {\n" + ",\n".join(parts) + "\n  }"


def write_jsonld(out: TextIO, rows: Iterable[Row], prefixes: dict[str, str], schemes: set[str]) -> None:
    """Flattened JSON-LD of sorted `rows`, the context inline; the bytes of json.dumps(indent=1) of the whole.

    `schemes` (schemes_of the rows) must be known before the first byte: it decides the context.
    """
    writer = _JsonLd(prefixes, schemes)
    head = json.dumps({"@context": writer.context}, ensure_ascii=False, indent=1)
    out.write(head[: -len("\n}")] + ',\n "@graph": [')
    pending, flush = _batched_writer(out)
    first = True
    for s, group in groupby(rows, key=itemgetter(0)):
        pending.append("\n" if first else ",\n")
        first = False
        pending.append(node_json(writer.node(s, group)))
        if len(pending) >= _BATCH:
            flush()
    flush()
    out.write("]\n}\n" if first else "\n ]\n}\n")


def to_jsonld(quads: Iterable[Quad], prefixes: dict[str, str], rows: list[Row] | None = None,
              dataset: bool = False) -> str:
    """Flattened JSON-LD with the context inline (nothing to fetch); one node object per subject.

    By default the union graph; `dataset=True` keeps named graphs (one `{"@id": g, "@graph": [...]}` each).
    """
    quads = list(quads)
    if not dataset:
        union = sorted(set(rows)) if rows else triples(quads)
        buffer = io.StringIO()
        write_jsonld(buffer, union, prefixes, schemes_of(rows if rows else quads))  # graph names count too
        return buffer.getvalue()
    writer = _JsonLd(prefixes, schemes_of(quads))
    graphs: dict[Term | None, list[Quad]] = defaultdict(list)
    for q in quads:
        graphs[q.g].append(q)
    graph = writer.nodes(triples(graphs.pop(None, [])))
    for g in sorted(graphs, key=_graph_key):
        graph.append({"@id": writer.ref(g), "@graph": writer.nodes(triples(graphs[g]))})
    document = {"@context": writer.context, "@graph": graph}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
