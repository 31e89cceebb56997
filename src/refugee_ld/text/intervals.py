"""Span queries in O(log n): the extraction rules ask "does anything overlap / contain / cover this span?"
once per match, and a linear scan there makes extraction quadratic in the document's length.

`Spans` is built once from half-open (start, end) pairs and answers exactly what the scans it replaces
answered; `SpanList` is a plain list that keeps its index while it is not modified, so code that still
iterates the list sees no difference.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence


class Spans:
    """A static set of half-open spans; every query is exact (prefix maxima of the ends over the sorted starts)."""

    __slots__ = ("items", "_starts", "_max_end", "size")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = self.items = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._max_end: list[int] = []
        best = -1
        for _, b in ordered:
            best = max(best, b)
            self._max_end.append(best)
        self.size = len(ordered)

    def overlaps(self, start: int, end: int) -> bool:
        """Any span (a, b) with a < end and start < b."""
        i = bisect_left(self._starts, end)
        return i > 0 and self._max_end[i - 1] > start

    def contains(self, pos: int) -> bool:
        """Any span (a, b) with a <= pos < b."""
        i = bisect_right(self._starts, pos)
        return i > 0 and self._max_end[i - 1] > pos

    def covers(self, start: int, end: int) -> bool:
        """Any span (a, b) with a <= start and end <= b."""
        i = bisect_right(self._starts, start)
        return i > 0 and self._max_end[i - 1] >= end


class SpanList(list):
    """A list of spans with an index kept up to date as spans are appended (the rules' lists are append-only).

    The index is a logarithmic set of static `Spans` levels (Bentley-Saxe), so n appends and queries cost
    O(n log^2 n) in all; a list that shrank is re-indexed from scratch.
    """

    _levels: list[Spans | None]
    _active: tuple[Spans, ...] = ()  # the non-empty levels, the ones a query reads
    _seen = -1  # how many spans the index holds (-1: none built yet)

    def index_(self) -> SpanList:
        if len(self) == self._seen:  # nothing appended since the last query (the common case: no work)
            return self
        if self._seen < 0 or len(self) < self._seen:
            self._levels, self._seen = [], 0
        for span in self[self._seen:]:
            carry = [span]
            for k, level in enumerate(self._levels):
                if level is None:
                    self._levels[k] = Spans(carry)
                    break
                carry = level.items + carry
                self._levels[k] = None
            else:
                self._levels.append(Spans(carry))
        self._seen = len(self)
        self._active = tuple(level for level in self._levels if level is not None)
        return self

    def overlaps(self, start: int, end: int) -> bool:
        return any(level.overlaps(start, end) for level in self.index_()._active)

    def contains(self, pos: int) -> bool:
        return any(level.contains(pos) for level in self.index_()._active)

    def covers(self, start: int, end: int) -> bool:
        return any(level.covers(start, end) for level in self.index_()._active)


def spans_of(spans: Sequence[tuple[int, int]]) -> Spans | SpanList:
    """The index of `spans`: kept up to date when it is a SpanList, built afresh otherwise."""
    if isinstance(spans, SpanList):
        return spans.index_()
    return Spans(spans)


def between(starts: Sequence[int], lo: int, hi: int) -> tuple[int, int]:
    """The slice [i, j) of a sorted `starts` list holding the values v with lo <= v < hi."""
    return bisect_left(starts, lo), bisect_left(starts, hi)
