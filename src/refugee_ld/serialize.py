"""Deterministic writers: N-Triples, N-Quads, Turtle, TriG, JSON-LD, VoID; atomic file replacement.

Everything is sorted (subjects, predicates with rdf:type first, objects), prefixed where the local name is
a valid Turtle PN_LOCAL, and free of blank nodes, so the same graph always gives the same bytes.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from .terms import PREFIXES, RDF, XSD, Quad, Term

_PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
DATA_PREFIXES = ("state", "agency", "instrument", "event", "person", "place", "document", "fact", "post", "graph")


def prefixes_for(base: str) -> dict[str, str]:
    """Standard prefixes plus one per kind of data IRI ("state:" -> <base>state/)."""
    out = dict(PREFIXES)
    for name in DATA_PREFIXES:
        out[name] = f"{base}{name}/"
    return out


class Compactor:
    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = prefixes
        self._ordered = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
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
        hit = self._terms.get(term)
        if hit is None:
            hit = self._terms[term] = self._turtle(term)
        return hit

    def _turtle(self, term: Term) -> str:
        if term.kind == 0:
            if term.value == RDF + "type":
                return "a"
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


def triples(quads: Iterable[Quad]) -> list[tuple[Term, Term, Term]]:
    return sorted({(q.s, q.p, q.o) for q in quads}, key=lambda t: (sort_key(t[0]), sort_key(t[1]), sort_key(t[2])))


def _nt(term: Term, cache: dict[Term, str]) -> str:
    hit = cache.get(term)
    if hit is None:
        hit = cache[term] = term.nt()
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
    type_iri = RDF + "type"
    for s in sorted(by_subject, key=sort_key):
        preds = by_subject[s]
        order = sorted(preds, key=lambda p: (p.value != type_iri, c.turtle(p), p.value))
        parts = []
        for p in order:
            objects = ", ".join(c.turtle(o) for o in sorted(set(preds[p]), key=sort_key))
            parts.append(f"{c.turtle(p)} {objects}")
        lines.append(f"{indent}{c.turtle(s)} " + f" ;\n{indent}    ".join(parts) + " .\n")
    return lines


def _prefix_block(c: Compactor) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(c.prefixes.items())) + "\n"


def to_turtle(quads: Iterable[Quad], prefixes: dict[str, str],
              rows: list[tuple[Term, Term, Term]] | None = None) -> str:
    c = Compactor(prefixes)
    return _prefix_block(c) + "\n".join(_turtle_body(rows or triples(quads), c))


def to_trig(quads: Iterable[Quad], prefixes: dict[str, str]) -> str:
    c = Compactor(prefixes)
    graphs: dict[Term | None, list[Quad]] = defaultdict(list)
    for q in quads:
        graphs[q.g].append(q)
    out = [_prefix_block(c)]
    for g in sorted(graphs, key=lambda t: sort_key(t) if t else (-1, "", "", "")):
        body = _turtle_body(triples(graphs[g]), c, "    ")
        if g is None:
            out.append("{\n" + "\n".join(body) + "}\n\n")
        else:
            out.append(f"{c.turtle(g)} {{\n" + "\n".join(body) + "}\n\n")
    return "".join(out).rstrip("\n") + "\n"


def jsonld_context(prefixes: dict[str, str]) -> dict:
    return {"@context": {p: ns for p, ns in sorted(prefixes.items())}}


def _jsonld_value(term: Term, c: Compactor) -> dict:
    if term.kind == 0:
        return {"@id": c.iri(term.value) or term.value}
    if term.lang:
        return {"@value": term.value, "@language": term.lang}
    if term.datatype and term.datatype != XSD + "string":
        return {"@value": term.value, "@type": c.iri(term.datatype) or term.datatype}
    return {"@value": term.value}


def to_jsonld(quads: Iterable[Quad], prefixes: dict[str, str],
              rows: list[tuple[Term, Term, Term]] | None = None) -> str:
    """Flattened JSON-LD with the context inline (nothing to fetch); one node object per subject."""
    c = Compactor(prefixes)
    nodes: dict[Term, dict] = {}
    type_iri = RDF + "type"
    for s, p, o in rows or triples(quads):
        node = nodes.setdefault(s, {"@id": c.iri(s.value) or s.value})
        if p.value == type_iri and o.kind == 0:
            node.setdefault("@type", []).append(c.iri(o.value) or o.value)
            continue
        key = c.iri(p.value) or p.value
        node.setdefault(key, []).append(_jsonld_value(o, c))
    document = {"@context": jsonld_context(prefixes)["@context"], "@graph": list(nodes.values())}
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
