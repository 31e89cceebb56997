"""The five dumps of a new generation from the previous one and the new quads of the graphs that changed.

Order matters: TriG first (the previous graphs are read back from it: what was published is what is
removed), then N-Quads (lines out, lines in), then the union dumps, whose affected subjects are re-rendered
from their statements in the *new* N-Quads: a statement is in the union as long as any graph still has it,
so no per-statement counts need keeping.  VoID's counts move by the differences of those subjects'
statements.  See rdf/patch.py for how a sorted dump is patched.
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from .jsonld import JsonLdNodes, schemes_of
from .patch import (
    NQUADS,
    NTRIPLES,
    PatchError,
    SortedDump,
    jsonld_layout,
    splice,
    trig_layout,
    turtle_layout,
)
from .render import TurtleBlocks, nt_text
from .serialize import Compactor, nquads_lines, ntriples_block, prefix_block, write_trig
from .terms import RDF, Quad, Term
from .void import ONTOLOGY, VoidCounts

Row = tuple[Term, Term, Term]
_TYPE = RDF + "type"


def _parse(text: bytes, fmt: str) -> set[Quad]:
    import pyoxigraph as ox

    from .rdfio import from_oxigraph

    out: set[Quad] = set()
    cache: dict = {}

    def conv(t: object) -> Term:
        hit = cache.get(t)
        if hit is None:
            hit = cache[t] = from_oxigraph(t, "previous generation")
        return hit

    for q in ox.parse(input=text, format=getattr(ox.RdfFormat, fmt)):
        graph = q.graph_name
        out.add(Quad(conv(q.subject), conv(q.predicate), conv(q.object),
                     None if isinstance(graph, ox.DefaultGraph) else conv(graph)))
    return out


def graph_unit(quads: Iterable[Quad], prefixes: dict[str, str], head: str) -> str:
    """One graph's block of TriG, as write_trig writes it inside the whole dataset ('' for no quads)."""
    rows = sorted({(q.g, q.s, q.p, q.o) for q in quads})
    if not rows:
        return ""
    buffer = io.StringIO()
    write_trig(buffer, rows, prefixes)  # type: ignore[arg-type]
    text = buffer.getvalue()
    if not text.startswith(head):
        raise PatchError("TriG head changed")
    return text[len(head):]


class DumpPatcher:
    """Patch the dumps of `old` into `new` (two generation folders) for the graphs in `graphs`."""

    def __init__(self, old: Path, new: Path, prefixes: dict[str, str], schemes: set[str]) -> None:
        self.old, self.new, self.prefixes, self.schemes = old, new, prefixes, schemes
        self.head = prefix_block(Compactor(prefixes, "Turtle output"))
        if schemes & set(prefixes):
            raise PatchError("a prefix is named like an IRI scheme of the data")

    def _open(self, folder: Path, name: str, layout, head: str, **kw: object) -> SortedDump:  # noqa: ANN001
        dump = SortedDump(folder / name, layout, len(head.encode("utf-8")), **kw)  # type: ignore[arg-type]
        if dump.data[:dump.first] != head.encode("utf-8"):
            dump.close()
            raise PatchError(f"{name}: unexpected head")
        return dump

    def run(self, graphs: dict[Term, list[Quad]], void: VoidCounts) -> set[str]:
        """Write the five dumps into `new`; update `void`; return the data's IRI schemes."""
        changes = self._dataset(graphs)
        subjects = sorted({q.s for removed, added in changes for q in (*removed, *added)})
        old_nq = self._open(self.old, "dataset.nq", NQUADS, "")
        new_nq = self._open(self.new, "dataset.nq", NQUADS, "")
        try:
            before = {s: _rows(old_nq, s) for s in subjects}
            after = {s: _rows(new_nq, s) for s in subjects}
        finally:
            old_nq.close()
            new_nq.close()
        added = schemes_of(row for rows in after.values() for row in rows)
        if added & set(self.prefixes):
            raise PatchError("a prefix is named like an IRI scheme of the data")
        self._union(subjects, after)
        _count(void, before, after)
        for g, quads in graphs.items():
            if quads:
                void.graphs[g.value] = len(quads)
            else:
                void.graphs.pop(g.value, None)
        return self.schemes | added

    def _dataset(self, graphs: dict[Term, list[Quad]]) -> list[tuple[set[Quad], set[Quad]]]:
        """TriG and N-Quads patched; (removed, added) quads per changed graph."""
        trig = self._open(self.old, "dataset.trig", trig_layout(self.prefixes), self.head)
        changes, edits, lines = [], [], []
        try:
            for g in sorted(graphs):
                start, end = trig.span(g)
                old = _parse(self.head.encode("utf-8") + trig.data[start:end], "TRIG") if start < end else set()
                new = set(graphs[g])
                if any(q.g != g for q in old | new):
                    raise PatchError(f"{g.value}: quads outside the document's graph")
                if old == new:
                    continue
                changes.append((old - new, new - old))
                unit = graph_unit(new, self.prefixes, self.head)
                edits.append((start, end, [unit] if unit else []))
                gone, came = nquads_lines(old - new), nquads_lines(new - old)
                lines.extend([(line, False) for line in gone - came] + [(line, True) for line in came - gone])
            splice(trig, edits, self.new / "dataset.trig")
        finally:
            trig.close()
        self._nquads(sorted(lines))
        return changes

    def _nquads(self, lines: list[tuple[str, bool]]) -> None:
        nq = self._open(self.old, "dataset.nq", NQUADS, "")
        try:
            edits: list[tuple[int, int, list[str]]] = []
            for line, add in lines:
                raw = line.encode("utf-8")
                at = nq.lower_bound(raw)
                present = nq.data[at:at + len(raw)] == raw
                if present == add:
                    raise PatchError("dataset.nq does not hold what the previous graphs held")
                end = at if add else at + len(raw)
                if edits and edits[-1][1] == at:
                    start, _, blocks = edits.pop()
                    edits.append((start, end, blocks + ([line] if add else [])))
                else:
                    edits.append((at, end, [line] if add else []))
            splice(nq, edits, self.new / "dataset.nq")
        finally:
            nq.close()

    def _union(self, subjects: list[Term], after: dict[Term, list[Row]]) -> None:
        """N-Triples, Turtle and JSON-LD: each affected subject's block replaced, inserted or removed."""
        nodes = JsonLdNodes(self.prefixes, self.schemes)
        turtle = TurtleBlocks(Compactor(self.prefixes, "Turtle output"))
        nt = nt_text("N-Triples output")
        formats = [("graph.nt", NTRIPLES, "", {}, lambda s, rows: ntriples_block(nt, s, rows)),
                   ("graph.ttl", turtle_layout(self.prefixes), self.head, {}, turtle.block),
                   ("graph.jsonld", jsonld_layout(nodes.c.prefixes), nodes.head() + "\n",
                    {"jsonld": nodes.c.prefixes}, nodes.node)]
        for name, layout, head, kw, render in formats:
            dump = self._open(self.old, name, layout, head, **kw)
            try:
                edits = []
                for s in subjects:
                    start, end = dump.span(s)
                    rows = after[s]
                    edits.append((start, end, [render(s, rows)] if rows else []))
                splice(dump, edits, self.new / name)
            finally:
                dump.close()


def _rows(nq: SortedDump, s: Term) -> list[Row]:
    """The union's statements about `s`: every graph's, from the N-Quads dump (sorted, distinct)."""
    lines = nq.lines_with((s.nt() + " ").encode("utf-8"))
    return sorted({(q.s, q.p, q.o) for q in _parse(b"".join(lines), "N_QUADS")}) if lines else []


def _count(void: VoidCounts, before: dict[Term, list[Row]], after: dict[Term, list[Row]]) -> None:
    """VoID's union counts moved by the affected subjects' statements (before and after)."""
    for s in before:
        old, new = before[s], after[s]
        void.triples += len(new) - len(old)
        void.subjects += bool(new) - bool(old)
        for rows, step in ((old, -1), (new, 1)):
            for _, p, o in rows:
                uses = void.property_rows[p.value] = void.property_rows.get(p.value, 0) + step
                if not uses:
                    del void.property_rows[p.value]
                if p.value == _TYPE and o.value.startswith(ONTOLOGY):
                    n = void.classes[o.value] = void.classes.get(o.value, 0) + step
                    if not n:
                        del void.classes[o.value]
    void.properties = set(void.property_rows)
