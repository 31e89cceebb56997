"""The text of terms and subject blocks in the dump formats, each distinct term rendered (and checked) once.

The writers (serialize.py, jsonld.py) walk sorted rows subject by subject.  Everything that depends only on
a term -- its N-Triples form, its Turtle form, a predicate's place in Turtle's order -- is computed the first
time the term is seen and then looked up (`TermText`), so the work left per row is a dict lookup and a join:
that is what brought the writers from 3-6x pyoxigraph's time towards it (bench/writers.py).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import groupby
from operator import itemgetter
from typing import Any, TextIO

from ..rdf.terms import RDF, XSD, InvalidTermError, Term, iri_problem, term_problem

_PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_PN_PREFIX = re.compile(r"^(?:[A-Za-z](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?$")
TYPE = RDF + "type"
BATCH = 4096  # rows (or pieces of text) joined per write call
CACHE_LIMIT = 1 << 20  # distinct terms whose text a writer remembers (bounded: millions of distinct literals)
GEN_DELIMS = tuple(":/?#[]@")
_PREDICATE = itemgetter(-2)


def checked(term: Term, source: str) -> Term:
    problem = term_problem(term)
    if problem:
        raise InvalidTermError(source, problem)
    return term


def check_prefixes(prefixes: dict[str, str], source: str) -> None:
    for name, ns in prefixes.items():
        if not _PN_PREFIX.match(name):
            raise InvalidTermError(source, f"prefix name {name!r} is not a valid Turtle PN_PREFIX")
        problem = iri_problem(ns)
        if problem:
            raise InvalidTermError(source, f"prefix {name}: namespace <{ns}>: {problem}")


class TermText(dict):
    """Term -> its text in one form, made (and the term checked, unless `check=False`) on first lookup.

    A dict subclass so that a hit is a plain C-level `cache[term]`; cleared past CACHE_LIMIT entries.
    """

    def __init__(self, render: Callable[[Term], Any], source: str, check: bool = True) -> None:
        super().__init__()
        self.render = render
        self.source = source
        self.check = check

    def __missing__(self, term: Term) -> Any:
        if len(self) >= CACHE_LIMIT:
            self.clear()
        text = self[term] = self.render(checked(term, self.source) if self.check else term)
        return text


_ESCAPED = re.compile(r'[\x00-\x1f"\\]').search  # what terms.escape changes (it returns other text as it is)


def term_nt(term: Term) -> str:
    """`term.nt()`, without escape's character-by-character scan of a literal that needs no escape."""
    if term.kind != 2 or _ESCAPED(term.value):
        return term.nt()
    if term.lang:
        return f'"{term.value}"@{term.lang}'
    if term.datatype and term.datatype != XSD + "string":
        return f'"{term.value}"^^<{term.datatype}>'
    return f'"{term.value}"'


def nt_text(source: str) -> TermText:
    """N-Triples forms of terms (`Term.nt`), every term checked once."""
    return TermText(term_nt, source)


def batched_writer(out: TextIO) -> tuple[list[str], Callable[[], None]]:
    """A list to append text to and a flush that writes it in one call (fewer writes than one per line)."""
    pending: list[str] = []

    def flush() -> None:
        out.write("".join(pending))
        pending.clear()

    return pending, flush


class Compactor:
    """Prefixed names for IRIs (Turtle/TriG; JSON-LD with `jsonld=True`), every term checked once."""

    def __init__(self, prefixes: dict[str, str], source: str = "RDF output", jsonld: bool = False) -> None:
        check_prefixes(prefixes, source)
        if jsonld:  # JSON-LD 1.1 uses a term as a prefix only when its IRI ends in a gen-delim character
            prefixes = {p: ns for p, ns in prefixes.items() if p and ns.endswith(GEN_DELIMS)}
        self.prefixes = prefixes
        self.source = source
        self._ordered = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        # When every namespace ends in "/" or "#", the namespaces an IRI starts with are those its head (up to
        # its last "/" or "#") starts with: found once per head instead of trying every prefix per IRI.
        self._by_head: dict[str, list[tuple[str, str]]] | None = None
        if all(ns.endswith(("/", "#")) for ns in prefixes.values()):
            self._by_head = {}
        self._iris: dict[str, str | None] = {}
        self.terms = TermText(self._turtle, source)

    def iri(self, value: str) -> str | None:
        try:
            return self._iris[value]
        except KeyError:
            found = self._compact(value)
            if len(self._iris) >= CACHE_LIMIT:
                self._iris.clear()
            self._iris[value] = found
            return found

    def _compact(self, value: str) -> str | None:
        candidates = self._ordered
        if self._by_head is not None:
            head = value[: max(value.rfind("/"), value.rfind("#")) + 1]
            found = self._by_head.get(head)
            if found is None:
                if len(self._by_head) >= CACHE_LIMIT:
                    self._by_head.clear()
                found = self._by_head[head] = [(p, ns) for p, ns in candidates if head.startswith(ns)]
            candidates = found
        for prefix, ns in candidates:
            if value.startswith(ns):
                local = value[len(ns):]
                if local == "" or _PN_LOCAL.match(local):
                    return f"{prefix}:{local}"
        return None

    def turtle(self, term: Term) -> str:
        """A subject, object or graph name in Turtle/TriG (never `a`)."""
        return self.terms[term]

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
            text = term_nt(term)
            if compact:
                return text[: text.rindex("^^") + 2] + compact
            return text
        return term_nt(term)


class TurtleBlocks:
    """Subject blocks of Turtle/TriG: rdf:type first, then predicates by their printed form, objects as sorted."""

    def __init__(self, c: Compactor) -> None:
        self.c = c
        self.terms = c.terms
        # predicate -> (its place in a block's order, its text); checked by Compactor.predicate
        self.predicates = TermText(self._predicate, c.source, check=False)
        # a subject's rows' predicates (in row order, repeats included) -> [(predicate text + " ", first row,
        # end row)] in block order: subjects of one kind share a few dozen such layouts, so a block sorts nothing
        self.layouts: dict[tuple[Term, ...], list[tuple[str, int, int]]] = {}

    def _predicate(self, p: Term) -> tuple[tuple[bool, str, str], str]:
        text = self.c.predicate(p)
        return (p.value != TYPE, text, p.value), text

    def _layout(self, predicates: tuple[Term, ...]) -> list[tuple[str, int, int]]:
        if len(self.layouts) >= CACHE_LIMIT:
            self.layouts.clear()
        spans = []  # (predicate, first row, end row): sorted rows put each predicate's rows together
        start = 0
        for p, group in groupby(predicates):
            end = start + sum(1 for _ in group)
            spans.append((self.predicates[p], start, end))
            start = end
        spans.sort(key=lambda span: span[0][0])
        layout = self.layouts[predicates] = [(key[1] + " ", start, end) for key, start, end in spans]
        return layout

    def block(self, s: Term, rows: Iterable[tuple[Term, ...]], indent: str = "") -> str:
        """One subject's statements; `rows` (triples or (graph, s, p, o)) sorted and distinct, all about `s`."""
        rows = rows if isinstance(rows, list) else list(rows)
        terms = self.terms
        texts = [terms[row[-1]] for row in rows]  # objects checked before predicates, as they always were
        key = tuple([row[-2] for row in rows])
        layout = self.layouts.get(key) or self._layout(key)
        body = f" ;\n{indent}    ".join([text + (texts[a] if b - a == 1 else ", ".join(texts[a:b]))
                                          for text, a, b in layout])
        return f"{indent}{terms[s]} {body} .\n"
