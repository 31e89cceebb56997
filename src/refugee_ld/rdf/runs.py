"""External sort: items gathered in memory, spilled to disk as sorted runs, merged back sorted and distinct.

The dumps are sorted, deduplicated unions over the whole corpus; sorting them in memory makes peak memory
grow with the corpus.  Here a buffer holds items until the caller says memory is short (`spill`), then it is
written as one sorted run (pickled in batches) and freed; `merged()` streams the k-way merge of every run
(batch by batch: `_merge`) with duplicates dropped.  When nothing was ever spilled, the buffer is sorted once
in memory and that list serves every pass: the small-corpus path costs no disk I/O.  A run file starts with
a header (a set of strings the owner attaches, e.g. the IRI schemes its items use; merged runs carry the
union of theirs), so what a worker learnt about its run travels with the file, whichever way it travels.
"""
from __future__ import annotations

import pickle
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")
_BATCH = 2048  # items per pickle record: large enough to amortise pickling, small enough to keep k runs open
FAN_IN = 128  # runs merged at once (one record of each held); more are first merged in groups (10^5 documents
# make about a thousand: one run per 100-document batch and form)


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
        items = _deduplicated(self._buffer)
        self._buffer = []
        batches = (items[i:i + _BATCH] for i in range(0, len(items), _BATCH))
        self._runs.append(self._write(batches, f"{self.name}-{len(self._runs):05d}", self.header))

    def merged(self) -> Iterator[T]:
        """Every item once, in sorted order; may be called again (each call merges anew)."""
        if not self._runs:
            if self._sorted is None:
                self._buffer.sort()
                self._sorted = _deduplicated(self._buffer)
                self._buffer = []
            return iter(self._sorted)
        self.spill()
        while len(self._runs) > FAN_IN:  # a run holds one record of each open run in memory: merge in groups
            group, self._runs = self._runs[:FAN_IN], self._runs[FAN_IN:]
            header = set().union(*map(read_header, group))
            self._runs.append(self._write(_merge([_read_batches(path) for path in group]),
                                          f"{self.name}-m{len(self._runs):05d}-{group[0].stem}", header))
            for path in group:
                path.unlink()
        return chain.from_iterable(_merge([_read_batches(path) for path in self._runs]))

    def _write(self, batches: Iterable[list[T]], stem: str, header: set[str]) -> Path:
        path = self.folder / f"{stem}.run"
        with open(path, "wb") as handle:
            pickle.dump(sorted(header), handle, protocol=pickle.HIGHEST_PROTOCOL)
            for batch in batches:
                pickle.dump(batch, handle, protocol=pickle.HIGHEST_PROTOCOL)
        return path


def read_header(path: Path) -> set[str]:
    """What the run's owner attached to it (see the module docstring)."""
    with open(path, "rb") as handle:
        return set(pickle.load(handle))


def _read_batches(path: Path) -> Iterator[list]:
    with open(path, "rb") as handle:
        pickle.load(handle)  # the header
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return


def _read_run(path: Path) -> Iterator:
    return chain.from_iterable(_read_batches(path))


def _merge(sources: list[Iterator[list[T]]]) -> Iterator[list[T]]:
    """The k-way merge of sorted, distinct batches, as sorted, distinct batches.

    Per round, everything up to the smallest last item of the runs' current batches is taken from each run
    (bisect), and only when more than one run gave something is it sorted (timsort merges the sorted pieces)
    and deduplicated: the per-item work is C-level, where heapq.merge makes a Python step of every item.  An
    item equal to the bound can only be in the current batches, so no duplicate is split between rounds.
    Runs of consecutive document batches cover mostly disjoint ranges, so most rounds take one run's batch.
    """
    heads: list[list] = []  # [batch, position in it, the batches after it]
    for source in sources:
        batch = next(source, None)
        if batch:
            heads.append([batch, 0, source])
    while heads:
        bound = min(head[0][-1] for head in heads)
        pieces = []
        for head in heads:
            batch, position = head[0], head[1]
            end = bisect_right(batch, bound, position)
            if end > position:
                pieces.append(batch if position == 0 and end == len(batch) else batch[position:end])
                head[1] = end
        if len(pieces) == 1:
            yield pieces[0]
        else:
            out = list(chain.from_iterable(pieces))
            out.sort()
            yield _deduplicated(out)
        for head in heads:
            if head[1] == len(head[0]):
                head[0], head[1] = next(head[2], None), 0
        heads = [head for head in heads if head[0]]


def _deduplicated(items: list[T]) -> list[T]:
    """A sorted list without its repeats (equal items are adjacent)."""
    if not items:
        return items
    out = [items[0]]
    out += [b for a, b in zip(items, islice(items, 1, None)) if a != b]
    return out
