"""A build's statements gathered chunk by chunk (one document's graph at a time) for the streaming writers.

Each chunk of quads is reduced at once to the three sorted forms the dumps need (union triples for
graph.nt/.ttl/.jsonld, (graph, s, p, o) rows for TriG, N-Quads lines) plus the counts VoID needs; the quads
themselves are then dropped.  When the held forms would pass the memory budget they are spilled to sorted
runs on disk (runs.py) and merged when the dumps are written, so peak memory does not grow with the corpus.

Every term is interned as it is added (one object per distinct term until the forms are spilled): the mapped
quads share no Term objects, and equal objects that are also identical are compared and looked up at the
cost of a pointer test -- in the sort here, in the merge and in every writer's term cache -- and pickled once
per run record (so unpickled once per record, which is most of the cost of reading a run back).  The IRI
schemes JSON-LD needs are found here too, once per distinct term, and travel in the union runs' headers.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..text.loading import InputError
from .render import TermText, checked, term_nt
from .runs import SortedRuns, read_header
from .serialize import DEFAULT_GRAPH
from .terms import Quad, Term
from .void import VoidCounts

DEFAULT_MEMORY_BUDGET = 2 * 1024**3
# Bytes one mapped quad occupies while held in its three sorted forms (set entries, tuples, terms, the
# N-Quads line); measured with bench/benchmark.py (peak RSS growth over quads held), rounded up.
BYTES_PER_QUAD = 1100


def memory_budget(default: int = DEFAULT_MEMORY_BUDGET) -> int:
    """The dumps' memory budget in bytes: REFUGEE_LD_MEMORY_MB overrides the 2 GiB default."""
    raw = os.environ.get("REFUGEE_LD_MEMORY_MB", "")
    try:
        return int(float(raw) * 1024 * 1024) if raw else default
    except ValueError:
        raise InputError("REFUGEE_LD_MEMORY_MB", f"not a number: {raw!r}") from None


class Dumps:
    """The DumpSource (formats.py) of one build; `folder` receives the spilled runs (removed by the caller)."""

    def __init__(self, folder: Path, prefixes: dict[str, str], memory_budget: int = DEFAULT_MEMORY_BUDGET,
                 name: str = "") -> None:
        """`name` prefixes the run files, so the workers of one build can spill into the same folder."""
        self.prefixes = prefixes
        self.schemes: set[str] = set()
        self.void = VoidCounts()
        self.budget = memory_budget
        self._union: SortedRuns[tuple[Term, Term, Term]] = SortedRuns(folder, f"{name}union")
        self._graphs: SortedRuns[tuple[Term, Term, Term, Term]] = SortedRuns(folder, f"{name}graphs")
        self._lines: SortedRuns[str] = SortedRuns(folder, f"{name}nquads")
        self._union.header = self.schemes  # the runs carry the schemes found so far (all are the union's)
        self._memo: dict[Term | None, Term] = {}
        self._nt = TermText(self._statement_term, "N-Triples output")  # s, p, o: their schemes noted
        self._graph_nt = TermText(_graph_text, "N-Triples output", check=False)
        self.quads = 0
        self._counted = False

    def add(self, quads: list[Quad]) -> None:
        """One chunk (every term already checked); spills when the held forms pass the budget."""
        if not quads:
            return
        self.quads += len(quads)
        self.void.add_quads(quads)
        memo = self._memo
        if not memo:
            memo[None] = DEFAULT_GRAPH
        intern = memo.setdefault
        s, p, o, g = zip(*quads)  # C-level loops from here on, but for the N-Quads lines
        s, p, o, g = (list(map(intern, terms, terms)) for terms in (s, p, o, g))  # type: ignore[assignment]
        self._union.add(zip(s, p, o))
        self._graphs.add(zip(g, s, p, o))
        nt, gnt = self._nt, self._graph_nt
        self._lines.add([f"{nt[a]} {nt[b]} {nt[c]}{gnt[d]} .\n" for a, b, c, d in zip(s, p, o, g)])
        if len(nt) > 200_000:
            nt.clear()
        if self.held() * BYTES_PER_QUAD > self.budget:
            self.spill()

    def _statement_term(self, term: Term) -> str:
        """A subject's, predicate's or object's N-Triples text (its first time here); its IRI scheme noted."""
        if term.kind == 0:
            self.schemes.add(_scheme(term.value))
        elif term.kind == 2 and term.datatype:
            self.schemes.add(_scheme(term.datatype))
        return term_nt(term)

    def held(self) -> int:
        return max(len(self._union), len(self._graphs), len(self._lines))

    def spill(self) -> None:
        for runs in (self._union, self._graphs, self._lines):
            runs.spill()
        self._memo.clear()  # what the held forms shared is on disk now

    def runs(self) -> tuple[list[Path], list[Path], list[Path]]:
        """The run files of the three forms (union, graph rows, N-Quads lines), everything held spilled first."""
        self.spill()
        return self._union.runs, self._graphs.runs, self._lines.runs

    def adopt(self, runs: tuple[list[Path], list[Path], list[Path]], graphs: dict[str, int], quads: int) -> None:
        """Take over what a worker reduced (its runs, its VoID graph counts, its number of quads)."""
        self._union.adopt(runs[0])
        for path in runs[0]:
            self.schemes |= read_header(path)
        self._graphs.adopt(runs[1])
        self._lines.adopt(runs[2])
        self.quads += quads
        for graph, count in graphs.items():
            self.void.graphs[graph] = self.void.graphs.get(graph, 0) + count

    @property
    def spilled(self) -> int:
        """Sorted runs written to disk so far (0: everything stayed in memory)."""
        return self._union.spilled

    def rows(self) -> Iterator[tuple[Term, Term, Term]]:
        """The union, sorted; the first pass (read to its end: a failed one fails the build) counts it for VoID."""
        if self._counted:
            return self._union.merged()
        self._counted = True
        return self.void.count_union(self._union.merged())

    def graph_rows(self) -> Iterator[tuple[Term, Term, Term, Term]]:
        return self._graphs.merged()

    def nquads_lines(self) -> Iterable[str]:
        return self._lines.merged()


def _scheme(value: str) -> str:
    if value.startswith("https:"):  # nearly every IRI: skip the split
        return "https"
    if value.startswith("http:"):
        return "http"
    return value.split(":", 1)[0]


def _graph_text(graph: Term) -> str:
    """What follows the object in an N-Quads line: the graph name, or nothing for the default graph."""
    return "" if graph == DEFAULT_GRAPH else " " + term_nt(checked(graph, "N-Triples output"))
