"""External sort: items gathered in memory, spilled to disk as sorted runs, merged back sorted and distinct.

The dumps are sorted, deduplicated unions over the whole corpus; sorting them in memory makes peak memory
grow with the corpus.  Here a buffer holds items until the caller says memory is short (`spill`), then it is
written as one sorted run (pickled in batches) and freed; `merged()` streams the k-way merge (heapq.merge)
of every run with duplicates dropped.  When nothing was ever spilled, the buffer is sorted once in memory and
that list serves every pass: the small-corpus path costs no disk I/O.
"""
from __future__ import annotations

import heapq
import pickle
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")
_BATCH = 8192  # items per pickle record: large enough to amortise pickling, small enough to keep k runs open


class SortedRuns(Generic[T]):
    """Distinct items, sorted by their natural order, whatever their number (see the module docstring)."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name
        self._buffer: list[T] = []  # duplicates are dropped when sorted (cheaper than hashing every item)
        self._runs: list[Path] = []
        self._sorted: list[T] | None = None

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

    def spill(self) -> None:
        """Write the buffer as one sorted run and free it."""
        self._unsort()
        if not self._buffer:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{self.name}-{len(self._runs):05d}.run"
        self._buffer.sort()  # in place: no second list of the size of the budget
        items = _distinct(iter(self._buffer))
        with open(path, "wb") as handle:
            while batch := list(islice(items, _BATCH)):
                pickle.dump(batch, handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._buffer = []
        self._runs.append(path)

    def merged(self) -> Iterator[T]:
        """Every item once, in sorted order; may be called again (each call merges anew)."""
        if not self._runs:
            if self._sorted is None:
                self._buffer.sort()
                self._sorted = list(_distinct(iter(self._buffer)))
                self._buffer = []
            return iter(self._sorted)
        self.spill()
        return _distinct(heapq.merge(*(_read_run(path) for path in self._runs)))


def _read_run(path: Path) -> Iterator:
    with open(path, "rb") as handle:
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
