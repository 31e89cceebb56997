"""External sort: items gathered in memory, spilled to disk as sorted runs, merged back sorted and distinct.

The dumps are sorted, deduplicated unions over the whole corpus; sorting them in memory makes peak memory
grow with the corpus.  Here a buffer holds items until the caller says memory is short (`spill`), then it is
written as one sorted run (pickled in batches) and freed; `merged()` streams the k-way merge (heapq.merge)
of every run with duplicates dropped.  When nothing was ever spilled, the buffer is sorted once in memory and
that list serves every pass: the small-corpus path costs no disk I/O.  A run file starts with a header (a set
of strings the owner attaches, e.g. the IRI schemes its items use; merged runs carry the union of theirs), so
what a worker learnt about its run travels with the file, whichever way the file travels.
"""
from __future__ import annotations

import heapq
import pickle
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")
_BATCH = 2048  # items per pickle record: large enough to amortise pickling, small enough to keep k runs open
FAN_IN = 64  # runs merged at once; more are first merged in groups (a corpus of 10^5 documents makes hundreds)


class SortedRuns(Generic[T]):
    """Distinct items, sorted by their natural order, whatever their number (see the module docstring)."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name
        self._buffer: list[T] = []  # duplicates are dropped when sorted (cheaper than hashing every item)
        self._runs: list[Path] = []
        self._sorted: list[T] | None = None
        self.header: set[str] = set()  # written at the head of every run spilled from here

    def add(self, items: Iterable[T]) -> None:
        self._unsort()
        self._buffer.extend(items)

    def _unsort(self) -> None:
        """Back to a buffer after an in-memory pass, so later items and spills include the earlier ones."""
        if self._sorted is not None:
            self._buffer = self._sorted
            self._sorted = None

    def __len__(self) -> int:
        """Items held in memory now, duplicates included (not the total)."""
        return len(self._buffer)

    @property
    def spilled(self) -> int:
        return len(self._runs)

    @property
    def runs(self) -> list[Path]:
        return list(self._runs)

    def adopt(self, paths: Iterable[Path]) -> None:
        """Take over runs another process sorted and wrote (a worker's share of the build), as if spilled here."""
        self._runs.extend(paths)

    def spill(self) -> None:
        """Write the buffer as one sorted run and free it."""
        self._unsort()
        if not self._buffer:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._buffer.sort()  # in place: no second list of the size of the budget
        self._runs.append(self._write(_distinct(iter(self._buffer)), f"{self.name}-{len(self._runs):05d}",
                                      self.header))
        self._buffer = []

    def merged(self) -> Iterator[T]:
        """Every item once, in sorted order; may be called again (each call merges anew)."""
        if not self._runs:
            if self._sorted is None:
                self._buffer.sort()
                self._sorted = list(_distinct(iter(self._buffer)))
                self._buffer = []
            return iter(self._sorted)
        self.spill()
        while len(self._runs) > FAN_IN:  # a run holds one record of each open run in memory: merge in groups
            group, self._runs = self._runs[:FAN_IN], self._runs[FAN_IN:]
            header = set().union(*map(read_header, group))
            self._runs.append(self._write(_distinct(heapq.merge(*(_read_run(path) for path in group))),
                                          f"{self.name}-m{len(self._runs):05d}-{group[0].stem}", header))
            for path in group:
                path.unlink()
        return _distinct(heapq.merge(*(_read_run(path) for path in self._runs)))

    def _write(self, items: Iterator[T], stem: str, header: set[str]) -> Path:
        path = self.folder / f"{stem}.run"
        with open(path, "wb") as handle:
            pickle.dump(sorted(header), handle, protocol=pickle.HIGHEST_PROTOCOL)
            while batch := list(islice(items, _BATCH)):
                pickle.dump(batch, handle, protocol=pickle.HIGHEST_PROTOCOL)
        return path


def read_header(path: Path) -> set[str]:
    """What the run's owner attached to it (see the module docstring)."""
    with open(path, "rb") as handle:
        return set(pickle.load(handle))


def _read_run(path: Path) -> Iterator:
    with open(path, "rb") as handle:
        pickle.load(handle)  # the header
        while True:
            try:
                batch = pickle.load(handle)
            except EOFError:
                return
            yield from batch


def _distinct(items: Iterator[T]) -> Iterator[T]:
    marker = object()
    last: object = marker
    for item in items:
        if item != last:
            yield item
            last = item
