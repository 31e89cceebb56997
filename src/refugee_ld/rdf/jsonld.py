"""Flattened JSON-LD: one node object per subject, the context inline, the bytes of json.dumps(indent=1).

The dump writer (`write_jsonld`) prints each node object by hand from per-term texts (`JsonLdNodes`): json's
indenting encoder is pure Python and was most of the writer's time.  Compact IRIs are used only where they
cannot be mistaken for another IRI (a prefix named like an IRI scheme in the data is left out of the context).
"""
from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Iterable
from itertools import groupby
from json.encoder import encode_basestring as _js  # json.dumps' own string encoder (C) with ensure_ascii=False
from operator import itemgetter
from typing import TextIO

from .render import BATCH, CACHE_LIMIT, GEN_DELIMS, TYPE, Compactor, TermText, batched_writer, checked
from .terms import XSD, InvalidTermError, Quad, Term

Row = tuple[Term, Term, Term]
_SOURCE = "JSON-LD output"
_TYPE_KEY = ',\n   "@type": [\n'


def jsonld_context(prefixes: dict[str, str]) -> dict:
    """The prefixes JSON-LD can use as prefixes (namespace ending in a gen-delim such as / or #)."""
    return {"@context": {p: ns for p, ns in sorted(prefixes.items()) if p and ns.endswith(GEN_DELIMS)}}


def schemes_of(rows: Iterable[tuple[Term | None, ...]]) -> set[str]:
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


def _compactor(prefixes: dict[str, str], schemes: set[str]) -> Compactor:
    # an absolute IRI `state:x` would read as a compact IRI if `state` were in the context: drop such prefixes
    return Compactor({p: ns for p, ns in prefixes.items() if p not in schemes}, _SOURCE, jsonld=True)


class JsonLdNodes:
    """Node objects as text, laid out as json.dumps(indent=1) lays them out two levels deep in the document."""

    def __init__(self, prefixes: dict[str, str], schemes: set[str]) -> None:
        self.c = _compactor(prefixes, schemes)
        self.context = dict(sorted(self.c.prefixes.items()))
        self.ids = TermText(lambda t: _js(self._ref(t)), _SOURCE)  # @id of a subject or an rdf:type value
        self.values = TermText(self._value, _SOURCE)  # an object as a list item
        self.keys = TermText(self._key, _SOURCE, check=False)
        self.layouts: dict[tuple[Term, ...], list[tuple[str, int, int, bool]] | None] = {}

    def head(self) -> str:
        return json.dumps({"@context": self.context}, ensure_ascii=False, indent=1)[: -len("\n}")] + ',\n "@graph": ['

    def _ref(self, term: Term) -> str:
        if term.kind == 1:
            return "_:" + term.value
        if term.kind != 0:
            raise InvalidTermError(_SOURCE, f"a literal cannot be a subject or graph name: {term.nt()}")
        return self.c.iri(term.value) or term.value

    def _value(self, term: Term) -> str:
        if term.kind != 2:
            return '    {\n     "@id": ' + _js(self._ref(term)) + "\n    }"
        if term.lang:
            return '    {\n     "@value": ' + _js(term.value) + ',\n     "@language": ' + _js(term.lang) + "\n    }"
        if term.datatype and term.datatype != XSD + "string":
            datatype = self.c.iri(term.datatype) or term.datatype
            return '    {\n     "@value": ' + _js(term.value) + ',\n     "@type": ' + _js(datatype) + "\n    }"
        return '    {\n     "@value": ' + _js(term.value) + "\n    }"

    def _key(self, p: Term) -> str:
        if p.kind != 0:
            raise InvalidTermError(_SOURCE, f"a predicate must be an IRI, not {p.nt()}")
        return _js(self.c.iri(checked(p, _SOURCE).value) or p.value)

    def node(self, s: Term, rows: Iterable[tuple[Term, ...]]) -> str:
        """One subject's node object; keys in the order its (sorted) statements first use them."""
        rows = rows if isinstance(rows, list) else list(rows)
        head = '  {\n   "@id": ' + self.ids[s]
        values = self.values
        texts = [values[row[-1]] for row in rows]
        predicates = tuple([row[-2] for row in rows])
        layout = self.layouts.get(predicates) or self._layout(predicates)
        if layout is None:  # two predicates print alike: the items of one key gather as the dict does
            return head + self._gathered(rows) + "\n  }"
        ids = self.ids
        body = []
        for key, a, b, typed in layout:
            if typed:  # rdf:type: IRI values (sorted first) are @type's, others rdf:type's own
                classes = ["    " + ids[row[-1]] for row in rows[a:b] if row[-1].kind == 0]
                if classes:
                    body.append(',\n   "@type": [\n' + ",\n".join(classes) + "\n   ]")
                    a += len(classes)
                if a == b:
                    continue
            body.append(key + ",\n".join(texts[a:b]) + "\n   ]")
        return head + "".join(body) + "\n  }"

    def _layout(self, predicates: tuple[Term, ...]) -> list[tuple[str, int, int, bool]] | None:
        """[(key text, first row, end row, rdf:type?)] per predicate of a subject's rows, or None when two keys
        could meet (one dict entry gathering the items of both): then the rows are gathered one by one."""
        if len(self.layouts) >= CACHE_LIMIT:
            self.layouts.clear()
        layout = []
        start = 0
        for p, group in groupby(predicates):
            end = start + sum(1 for _ in group)
            layout.append((f",\n   {self.keys[p]}: [\n", start, end, p.value == TYPE))
            start = end
        keys = [key for key, *_ in layout]
        found = self.layouts[predicates] = layout if len(set(keys)) == len(keys) and _TYPE_KEY not in keys else None
        return found

    def _gathered(self, rows: list[tuple[Term, ...]]) -> str:
        ids, values, keys = self.ids, self.values, self.keys
        items: dict[str, list[str]] = {}
        for row in rows:
            p, o = row[-2], row[-1]
            key = keys[p]
            if o.kind == 0 and p.value == TYPE:
                key, text = '"@type"', "    " + ids[o]
            else:
                text = values[o]
            texts = items.get(key)
            if texts is None:
                texts = items[key] = []
            texts.append(text)
        return "".join([f",\n   {key}: [\n" + ",\n".join(texts) + "\n   ]" for key, texts in items.items()])


def write_jsonld(out: TextIO, rows: Iterable[Row], prefixes: dict[str, str], schemes: set[str]) -> None:
    """Flattened JSON-LD of sorted `rows`, the context inline; the bytes of json.dumps(indent=1) of the whole.

    `schemes` (schemes_of the rows) must be known before the first byte: it decides the context.
    """
    nodes = JsonLdNodes(prefixes, schemes)
    out.write(nodes.head())
    pending, flush = batched_writer(out)
    first = True
    for s, group in groupby(rows, key=itemgetter(0)):
        pending.append("\n" if first else ",\n")
        first = False
        pending.append(nodes.node(s, group))
        if len(pending) >= BATCH:
            flush()
    flush()
    out.write(JSONLD_TAIL[first])


JSONLD_TAIL = {True: "]\n}\n", False: "\n ]\n}\n"}  # after no node / after the last node


class _JsonLd:
    """JSON-LD node objects as dicts (the dataset form, small graphs only: json.dumps lays it out)."""

    def __init__(self, prefixes: dict[str, str], schemes: set[str]) -> None:
        self.c = _compactor(prefixes, schemes)
        self.context = dict(sorted(self.c.prefixes.items()))
        self._ok: set[Term] = set()  # terms already checked (bounded: cleared past CACHE_LIMIT)

    def _check(self, term: Term) -> None:
        if term not in self._ok:
            checked(term, self.c.source)
            if len(self._ok) > CACHE_LIMIT:
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


def _triples(quads: Iterable[Quad]) -> list[Row]:
    return sorted({(q.s, q.p, q.o) for q in quads})


def _graph_key(term: Term | None) -> tuple:
    return (term.kind, term.value, term.datatype, term.lang) if term is not None else (-1, "", "", "")


def to_jsonld(quads: Iterable[Quad], prefixes: dict[str, str], rows: list[Row] | None = None,
              dataset: bool = False) -> str:
    """Flattened JSON-LD with the context inline (nothing to fetch); one node object per subject.

    By default the union graph; `dataset=True` keeps named graphs (one `{"@id": g, "@graph": [...]}` each).
    """
    quads = list(quads)
    if not dataset:
        union = sorted(set(rows)) if rows else _triples(quads)
        buffer = io.StringIO()
        write_jsonld(buffer, union, prefixes, schemes_of(rows if rows else quads))  # graph names count too
        return buffer.getvalue()
    writer = _JsonLd(prefixes, schemes_of(quads))
    graphs: dict[Term | None, list[Quad]] = defaultdict(list)
    for q in quads:
        graphs[q.g].append(q)
    graph = writer.nodes(_triples(graphs.pop(None, [])))
    named: dict[Term, list[Quad]] = {g: qs for g, qs in graphs.items() if g is not None}
    for g in sorted(named, key=_graph_key):
        graph.append({"@id": writer.ref(g), "@graph": writer.nodes(_triples(named[g]))})
    document = {"@context": writer.context, "@graph": graph}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
