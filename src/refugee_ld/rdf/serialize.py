"""Deterministic writers: N-Triples, N-Quads, Turtle, TriG, JSON-LD, VoID; atomic file replacement.

Everything is sorted (subjects, predicates with rdf:type first, objects), prefixed where the local name is
a valid Turtle PN_LOCAL, so the same graph always gives the same bytes.  Blank nodes keep their labels (the
project's own dumps have none).  Every term is checked before it is printed (`terms.term_problem`): a writer
refuses an invalid IRI, language tag or lexical form with InvalidTermError instead of writing broken RDF.
The W3C RDF 1.1 suites check these writers (tests/test_w3c_suites.py).
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..rdf.terms import PREFIXES, RDF, XSD, InvalidTermError, Quad, Term, iri_problem, term_problem

_PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_PN_PREFIX = re.compile(r"^(?:[A-Za-z](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?$")
DATA_PREFIXES = ("state", "agency", "instrument", "event", "person", "place", "document", "fact", "post", "graph")
TYPE = RDF + "type"
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


def triples(quads: Iterable[Quad]) -> list[tuple[Term, Term, Term]]:
    return sorted({(q.s, q.p, q.o) for q in quads}, key=lambda t: (sort_key(t[0]), sort_key(t[1]), sort_key(t[2])))


def _nt(term: Term, cache: dict[Term, str], source: str = "N-Triples output") -> str:
    hit = cache.get(term)
    if hit is None:
        hit = cache[term] = _checked(term, source).nt()
    return hit


def to_ntriples(quads: Iterable[Quad], rows: list[tuple[Term, Term, Term]] | None = None) -> str:
    cache: dict[Term, str] = {}
    return "".join(f"{_nt(s, cache)} {_nt(p, cache)} {_nt(o, cache)} .\n" for s, p, o in (rows or triples(quads)))


def to_nquads(quads: Iterable[Quad]) -> str:
    c: dict[Term, str] = {}
    lines = {f"{_nt(q.s, c)} {_nt(q.p, c)} {_nt(q.o, c)}{' ' + _nt(q.g, c) if q.g else ''} .\n" for q in quads}
    return "".join(sorted(lines))


def _turtle_body(rows: list[tuple[Term, Term, Term]], c: Compactor, indent: str = "") -> list[str]:
    by_subject: dict[Term, dict[Term, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in rows:
        by_subject[s][p].append(o)
    lines: list[str] = []
    for s in sorted(by_subject, key=sort_key):
        preds = by_subject[s]
        order = sorted(preds, key=lambda p: (p.value != TYPE, c.predicate(p), p.value))
        parts = []
        for p in order:
            objects = ", ".join(c.turtle(o) for o in sorted(set(preds[p]), key=sort_key))
            parts.append(f"{c.predicate(p)} {objects}")
        lines.append(f"{indent}{c.turtle(s)} " + f" ;\n{indent}    ".join(parts) + " .\n")
    return lines


def _prefix_block(c: Compactor) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(c.prefixes.items())) + "\n"


def to_turtle(quads: Iterable[Quad], prefixes: dict[str, str],
              rows: list[tuple[Term, Term, Term]] | None = None) -> str:
    c = Compactor(prefixes, "Turtle output")
    body = _turtle_body(rows or triples(quads), c)
    return _prefix_block(c) + "\n".join(body)


def to_trig(quads: Iterable[Quad], prefixes: dict[str, str]) -> str:
    c = Compactor(prefixes, "TriG output")
    graphs: dict[Term | None, list[Quad]] = defaultdict(list)
    for q in quads:
        graphs[q.g].append(q)
    out = [_prefix_block(c)]
    for g in sorted(graphs, key=_graph_key):
        body = _turtle_body(triples(graphs[g]), c, "    ")
        if g is None:
            out.append("{\n" + "\n".join(body) + "}\n\n")
        else:
            if g.kind == 2:
                raise InvalidTermError(c.source, f"a graph name cannot be a literal: {g.nt()}")
            out.append(f"{c.turtle(g)} {{\n" + "\n".join(body) + "}\n\n")
    return "".join(out).rstrip("\n") + "\n"


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

    def ref(self, term: Term) -> str:
        """@id of an IRI or blank node."""
        _checked(term, self.c.source)
        if term.kind == 1:
            return "_:" + term.value
        if term.kind != 0:
            raise InvalidTermError(self.c.source, f"a literal cannot be a subject or graph name: {term.nt()}")
        return self.c.iri(term.value) or term.value

    def value(self, term: Term) -> dict:
        if term.kind != 2:
            return {"@id": self.ref(term)}
        _checked(term, self.c.source)
        if term.lang:
            return {"@value": term.value, "@language": term.lang}
        if term.datatype and term.datatype != XSD + "string":
            return {"@value": term.value, "@type": self.c.iri(term.datatype) or term.datatype}
        return {"@value": term.value}

    def nodes(self, rows: Iterable[tuple[Term, Term, Term]]) -> list[dict]:
        nodes: dict[Term, dict] = {}
        for s, p, o in rows:
            node = nodes.get(s)
            if node is None:
                node = nodes[s] = {"@id": self.ref(s)}
            if p.kind != 0:
                raise InvalidTermError(self.c.source, f"a predicate must be an IRI, not {p.nt()}")
            if p.value == TYPE and o.kind == 0:
                node.setdefault("@type", []).append(self.ref(o))
                continue
            key = self.c.iri(_checked(p, self.c.source).value) or p.value
            node.setdefault(key, []).append(self.value(o))
        return list(nodes.values())


def _schemes(quads: Iterable[Quad]) -> set[str]:
    out: set[str] = set()
    for q in quads:
        for t in (q.s, q.p, q.o, q.g):
            if t is not None:
                if t.kind == 0:
                    out.add(t.value.split(":", 1)[0])
                elif t.kind == 2 and t.datatype:
                    out.add(t.datatype.split(":", 1)[0])
    return out


def to_jsonld(quads: Iterable[Quad], prefixes: dict[str, str],
              rows: list[tuple[Term, Term, Term]] | None = None, dataset: bool = False) -> str:
    """Flattened JSON-LD with the context inline (nothing to fetch); one node object per subject.

    By default the union graph; `dataset=True` keeps named graphs (one `{"@id": g, "@graph": [...]}` each).
    """
    quads = list(quads)
    writer = _JsonLd(prefixes, _schemes(quads) if rows is None else _schemes(Quad(*r) for r in rows))
    if not dataset:
        graph = writer.nodes(rows or triples(quads))
    else:
        graphs: dict[Term | None, list[Quad]] = defaultdict(list)
        for q in quads:
            graphs[q.g].append(q)
        graph = writer.nodes(triples(graphs.pop(None, [])))
        for g in sorted(graphs, key=_graph_key):
            graph.append({"@id": writer.ref(g), "@graph": writer.nodes(triples(graphs[g]))})
    document = {"@context": writer.context, "@graph": graph}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_all_atomic(files: dict[Path, str]) -> None:
    """Stage every file first, then rename them all; a failure while staging leaves the old outputs intact."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            staged.append((tmp, path))
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600 files; dumps are for sharing
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
