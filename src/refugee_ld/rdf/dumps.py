"""A build's statements gathered chunk by chunk (one document's graph at a time) for the streaming writers.

Each chunk of quads is reduced at once to the three sorted forms the dumps need (union triples for
graph.nt/.ttl/.jsonld, (graph, s, p, o) rows for TriG, N-Quads lines) plus the counts VoID needs; the quads
themselves are then dropped.  When the held forms would pass the memory budget they are spilled to sorted
runs on disk (runs.py) and merged when the dumps are written, so peak memory does not grow with the corpus.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..text.loading import InputError
from .runs import SortedRuns
from .serialize import DEFAULT_GRAPH, nquads_lines
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
        self._nt_cache: dict[Term, str] = {}
        self.quads = 0
        self._counted = False

    def add(self, quads: list[Quad]) -> None:
        """One chunk (every term already checked); spills when the held forms pass the budget."""
        self.quads += len(quads)
        self.void.add_quads(quads)
        self._union.add([(q.s, q.p, q.o) for q in quads])
        self._graphs.add([(q.g if q.g is not None else DEFAULT_GRAPH, q.s, q.p, q.o) for q in quads])
        self._lines.add(nquads_lines(quads, self._nt_cache))
        if len(self._nt_cache) > 200_000:
            self._nt_cache.clear()
        if self.held() * BYTES_PER_QUAD > self.budget:
            self.spill()

    def held(self) -> int:
        return max(len(self._union), len(self._graphs), len(self._lines))

    def spill(self) -> None:
        for runs in (self._union, self._graphs, self._lines):
            runs.spill()

    def runs(self) -> tuple[list[Path], list[Path], list[Path]]:
        """The run files of the three forms (union, graph rows, N-Quads lines), everything held spilled first."""
        self.spill()
        return self._union.runs, self._graphs.runs, self._lines.runs

    def adopt(self, runs: tuple[list[Path], list[Path], list[Path]], graphs: dict[str, int], quads: int) -> None:
        """Take over what a worker reduced (its runs, its VoID graph counts, its number of quads)."""
        self._union.adopt(runs[0])
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
        return self._schemes_of(self.void.count_union(self._union.merged()))

    def _schemes_of(self, rows: Iterator[tuple[Term, Term, Term]]) -> Iterator[tuple[Term, Term, Term]]:
        """Pass rows through, collecting their IRI schemes (the JSON-LD writer needs them before its first byte)."""
        found: set[str] = set()
        for row in rows:
            for term in row:
                if term.kind == 0:
                    value = term.value
                elif term.kind == 2 and term.datatype:
                    value = term.datatype
                else:
                    continue
                if value.startswith("https:"):  # nearly every IRI: skip the split
                    found.add("https")
                elif value.startswith("http:"):
                    found.add("http")
                else:
                    found.add(value.split(":", 1)[0])
            yield row
        self.schemes |= found

    def graph_rows(self) -> Iterator[tuple[Term, Term, Term, Term]]:
        return self._graphs.merged()

    def nquads_lines(self) -> Iterable[str]:
        return self._lines.merged()
