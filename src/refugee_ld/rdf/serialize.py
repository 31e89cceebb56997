"""Deterministic streaming writers: N-Triples, N-Quads, Turtle, TriG, JSON-LD.

Everything is sorted (subjects, predicates with rdf:type first, objects), prefixed where the local name is
a valid Turtle PN_LOCAL, so the same graph always gives the same bytes.  Blank nodes keep their labels (the
project's own dumps have none).  Every term is checked before it is printed (`terms.term_problem`): a writer
refuses an invalid IRI, language tag or lexical form with InvalidTermError instead of writing broken RDF.
The W3C RDF 1.1 suites check these writers (tests/test_w3c_suites.py).  Per-term and per-subject text comes
from render.py, JSON-LD from jsonld.py (re-exported here); a build writes its five dumps with
write_parallel.py (one pass over the union for three of them, optionally in two processes).
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from itertools import groupby, islice
from operator import itemgetter
from typing import TextIO

from ..rdf.terms import PREFIXES, InvalidTermError, Quad, Term
from .jsonld import jsonld_context, schemes_of, to_jsonld, write_jsonld
from .render import BATCH, TYPE, Compactor, TermText, TurtleBlocks, batched_writer, checked, nt_text

__all__ = ["DATA_PREFIXES", "DEFAULT_GRAPH", "TYPE", "Compactor", "TurtleBlocks", "graph_rows", "jsonld_context",
           "nquads_lines", "prefixes_for", "schemes_of", "sort_key", "to_jsonld", "to_nquads", "to_ntriples",
           "to_trig", "to_turtle", "triples", "write_jsonld", "write_lines", "write_ntriples", "write_trig",
           "write_turtle"]

DATA_PREFIXES = ("state", "agency", "instrument", "event", "person", "place", "document", "fact", "post", "graph")
DEFAULT_GRAPH = Term(-1, "")  # stands for the default graph in (graph, s, p, o) rows: sorts before every name
Row = tuple[Term, Term, Term]


def prefixes_for(base: str) -> dict[str, str]:
    """Standard prefixes plus one per kind of data IRI ("state:" -> <base>state/)."""
    out = dict(PREFIXES)
    for name in DATA_PREFIXES:
        out[name] = f"{base}{name}/"
    return out


def sort_key(term: Term) -> tuple:
    return (term.kind, term.value, term.datatype, term.lang)


def triples(quads: Iterable[Quad]) -> list[Row]:
    """The union graph: distinct (s, p, o), sorted (Term tuples sort as `sort_key` does)."""
    return sorted({(q.s, q.p, q.o) for q in quads})


def write_ntriples(out: TextIO, rows: Iterable[Row]) -> int:
    """N-Triples of `rows` in the order given (sorted and distinct for a dump); returns the number written."""
    nt = nt_text("N-Triples output")
    rows = iter(rows)
    count = 0
    while chunk := list(islice(rows, BATCH)):
        out.write("".join([f"{nt[s]} {nt[p]} {nt[o]} .\n" for s, p, o in chunk]))
        count += len(chunk)
    return count


def ntriples_block(nt: TermText, s: Term, rows: list[Row]) -> str:
    """One subject's N-Triples lines (the subject's text looked up once)."""
    subject = nt[s]
    return "".join([f"{subject} {nt[p]} {nt[o]} .\n" for _, p, o in rows])


def nquads_lines(quads: Iterable[Quad], cache: dict[Term, str] | None = None) -> set[str]:
    """The distinct N-Quads lines of `quads` (every term checked)."""
    c: dict[Term, str] = {} if cache is None else cache

    def nt(term: Term) -> str:
        hit = c.get(term)
        if hit is None:
            hit = c[term] = checked(term, "N-Triples output").nt()
        return hit

    return {f"{nt(q.s)} {nt(q.p)} {nt(q.o)}{' ' + nt(q.g) if q.g else ''} .\n" for q in quads}


def write_lines(out: TextIO, lines: Iterable[str]) -> None:
    lines = iter(lines)
    while chunk := list(islice(lines, 4 * BATCH)):
        out.write("".join(chunk))


def to_ntriples(quads: Iterable[Quad], rows: list[Row] | None = None) -> str:
    buffer = io.StringIO()
    write_ntriples(buffer, rows or triples(quads))
    return buffer.getvalue()


def to_nquads(quads: Iterable[Quad]) -> str:
    return "".join(sorted(nquads_lines(quads)))


def write_blocks(out: TextIO, rows: Iterable[tuple[Term, ...]], blocks: TurtleBlocks, indent: str = "",
                 subject: int = 0) -> None:
    """Subject blocks separated by blank lines; `rows` sorted, so each subject's statements are adjacent.

    `subject` is the subject's place in a row (0 in triples, 1 in (graph, s, p, o) rows).
    """
    pending, flush = batched_writer(out)
    block = blocks.block
    separator = ""
    for s, group in groupby(rows, key=itemgetter(subject)):
        pending.append(separator)
        separator = "\n"
        pending.append(block(s, group, indent))
        if len(pending) >= BATCH:
            flush()
    flush()


def prefix_block(c: Compactor) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(c.prefixes.items())) + "\n"


def write_turtle(out: TextIO, rows: Iterable[Row], prefixes: dict[str, str]) -> None:
    """Turtle of sorted, distinct `rows`, written subject by subject."""
    c = Compactor(prefixes, "Turtle output")
    out.write(prefix_block(c))
    write_blocks(out, rows, TurtleBlocks(c))


def to_turtle(quads: Iterable[Quad], prefixes: dict[str, str], rows: list[Row] | None = None) -> str:
    buffer = io.StringIO()
    write_turtle(buffer, sorted(set(rows)) if rows else triples(quads), prefixes)
    return buffer.getvalue()


def write_trig(out: TextIO, rows: Iterable[tuple[Term, Term, Term, Term]], prefixes: dict[str, str]) -> None:
    """TriG of sorted, distinct (graph, s, p, o) rows (`DEFAULT_GRAPH` first), written graph by graph."""
    c = Compactor(prefixes, "TriG output")
    blocks = TurtleBlocks(c)
    head = prefix_block(c)
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
        write_blocks(out, group, blocks, "    ", subject=1)
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

