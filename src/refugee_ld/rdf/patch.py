"""Patch a sorted dump in place of rewriting it: find blocks by binary search, copy the rest byte for byte.

Every dump a build writes is a head, a sequence of blocks sorted by a key, separated by a fixed string, and a
tail (N-Triples: lines keyed by subject; Turtle and JSON-LD: one block per subject; TriG: one block per
graph; N-Quads: lines sorted as strings).  An incremental rebuild knows which keys changed; it finds each
key's blocks in the previous generation's file by binary search on byte offsets (`SortedDump.span`), writes
the new blocks for those keys and copies every byte range between them with copy_file_range (no Python loop
over the untouched part).  The result is the file a full write would produce, provided the new blocks are
rendered by the same writers and the file was written by them: anything unexpected raises `PatchError`, and
the caller then builds from scratch.
"""
from __future__ import annotations

import json
import mmap
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .terms import Term

DEFAULT = Term(-1, "")  # serialize.DEFAULT_GRAPH: the default graph's block in TriG


class PatchError(RuntimeError):
    """The previous dump is not what the writers make of the recorded state: rebuild from scratch."""


@dataclass(frozen=True)
class Layout:
    """Where blocks start and what their key is, for one dump format."""

    start_mark: bytes  # a block starts right after this mark (or at the first block)
    sep: bytes  # between two blocks
    tail: bytes  # after the last block
    key: Callable[[bytes], Any]  # the key of the block whose first line is given


def expand(text: str, prefixes: dict[str, str]) -> Term:
    """The IRI a Turtle/TriG/JSON-LD subject text stands for (prefixed name, <iri> or absolute IRI)."""
    if text.startswith("<") and text.endswith(">"):
        return Term(0, text[1:-1])
    if text.startswith("_:"):
        return Term(1, text[2:])
    head, _, local = text.partition(":")
    if head in prefixes:
        return Term(0, prefixes[head] + local)
    return Term(0, text)


def nt_subject(line: bytes) -> Term:
    """The subject of an N-Triples line (IRIs unescaped: the writers never escape them)."""
    text = line.decode("utf-8")
    if text.startswith("<"):
        return Term(0, text[1:text.index(">")])
    if text.startswith("_:"):
        return Term(1, text[2:text.index(" ")])
    raise PatchError(f"not an N-Triples line: {text[:80]!r}")


def turtle_layout(prefixes: dict[str, str]) -> Layout:
    def key(line: bytes) -> Term:
        return expand(line.decode("utf-8").split(" ", 1)[0], prefixes)

    return Layout(b"\n\n", b"\n", b"", key)


def trig_layout(prefixes: dict[str, str]) -> Layout:
    def key(line: bytes) -> Term:
        text = line.decode("utf-8")
        if text.startswith("{"):
            return DEFAULT
        if not text.endswith(" {\n"):
            raise PatchError(f"not a TriG graph header: {text[:80]!r}")
        return expand(text[:-3], prefixes)

    return Layout(b"}\n\n", b"\n", b"", key)


def jsonld_layout(context: dict[str, str]) -> Layout:
    def key(line: bytes) -> Term:
        text = line.decode("utf-8")
        if text != "  {\n":
            raise PatchError(f"not a JSON-LD node: {text[:80]!r}")
        return Term(0, "")  # replaced by SortedDump._jsonld_key, which reads the next line

    return Layout(b"\n  {\n", b",\n", b"\n ]\n}\n", key)


NTRIPLES = Layout(b"\n", b"", b"", nt_subject)
NQUADS = Layout(b"\n", b"", b"", bytes)  # the whole line is the key: lines are sorted as strings


class SortedDump:
    """A previous dump, memory-mapped, with its head length known (what precedes the first block)."""

    def __init__(self, path: Path, layout: Layout, head: int, jsonld: dict[str, str] | None = None) -> None:
        self.path = path
        self.layout = layout
        self._file = open(path, "rb")  # noqa: SIM115 (closed by close())
        size = os.fstat(self._file.fileno()).st_size
        self.data: Any = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        self.first = head
        self.stop = size - len(layout.tail)
        self.jsonld = jsonld
        if self.stop < self.first or self.data[self.stop:] != layout.tail:
            raise PatchError(f"{path.name}: unexpected head or tail")

    def close(self) -> None:
        if isinstance(self.data, mmap.mmap):
            self.data.close()
        self._file.close()

    def next_block(self, pos: int) -> int:
        """The first block start at or after `pos` (`stop` if none)."""
        if pos <= self.first:
            return self.first if self.first < self.stop else self.stop
        mark = self.layout.start_mark
        back = len(mark) - 1 if mark == b"\n  {\n" else len(mark)
        found = self.data.find(mark, pos - back, self.stop)
        if found == -1:
            return self.stop
        start = found + len(mark) - (4 if mark == b"\n  {\n" else 0)
        return start if start < self.stop else self.stop

    def key(self, start: int) -> Any:
        end = self.data.find(b"\n", start)
        line = self.data[start:end + 1]
        if self.jsonld is not None:
            second = self.data[end + 1:self.data.find(b"\n", end + 1)].decode("utf-8").strip()
            if not second.startswith('"@id": '):
                raise PatchError(f"{self.path.name}: a node without @id")
            return expand(json.loads(second[len('"@id": '):].rstrip(",")), self.jsonld)
        return self.layout.key(line)

    def lower_bound(self, target: Any, strict: bool = False) -> int:
        """The first block whose key is >= target (> target when `strict`), as a byte offset."""
        lo, hi = self.first, self.stop

        def past(pos: int) -> bool:
            start = self.next_block(pos)
            if start >= self.stop:
                return True
            k = self.key(start)
            return bool(k > target if strict else k >= target)

        while lo < hi:
            mid = (lo + hi) // 2
            if past(mid):
                hi = mid
            else:
                lo = mid + 1
        return self.next_block(lo)

    def span(self, target: Any) -> tuple[int, int]:
        """[start of the key's first block, start of the next key's first block): empty when the key is absent."""
        return self.lower_bound(target), self.lower_bound(target, strict=True)

    def lines_with(self, prefix: bytes) -> list[bytes]:
        """N-Quads lines starting with `prefix` (contiguous: the lines are sorted as strings)."""
        start = self.lower_bound(prefix)
        out = []
        while start < self.stop and self.data[start:start + len(prefix)] == prefix:
            end = self.data.find(b"\n", start) + 1
            out.append(self.data[start:end])
            start = end
        return out


def splice(dump: SortedDump, edits: Iterable[tuple[int, int, list[str]]], target: Path) -> None:
    """Write `target`: `dump` with each [start, end) range of whole blocks replaced by the given blocks' texts.

    Edits must be sorted and not overlap; a range is empty for an insertion.  Blocks are joined with the
    layout's separator, so untouched runs are copied as they are, separators and all."""
    edits = list(edits)
    if not edits:  # unchanged: the same bytes, as a hard link where the file system allows (generations are
        try:       # never written in place, so two generations may share a file)
            os.link(dump.path, target)
            return
        except OSError:
            pass
    sep = dump.layout.sep
    pieces: list[tuple[int, int] | bytes] = []
    at = dump.first
    for start, end, blocks in edits:
        if start < at:
            raise PatchError(f"{dump.path.name}: overlapping edits")
        _copy_piece(pieces, dump, at, start)
        pieces.extend(block.encode("utf-8") for block in blocks)
        at = end
    _copy_piece(pieces, dump, at, dump.stop)
    with open(target, "wb") as out:
        _copy(dump, out, 0, dump.first)
        for n, piece in enumerate(pieces):
            if n:
                out.write(sep)
            if isinstance(piece, bytes):
                out.write(piece)
            else:
                _copy(dump, out, *piece)
        if not pieces and dump.path.name.endswith(".jsonld"):
            raise PatchError("an empty JSON-LD graph")  # its tail differs: left to a full build
        _copy(dump, out, dump.stop, len(dump.data))


def _copy_piece(pieces: list, dump: SortedDump, start: int, end: int) -> None:
    """The whole blocks in [start, end) as one copied range, without the separator after the last one."""
    if start >= end:
        return
    if end < dump.stop:
        end -= len(dump.layout.sep)
    if start < end:
        pieces.append((start, end))


def _copy(dump: SortedDump, out: Any, start: int, end: int) -> None:
    """Bytes [start, end) of the dump into `out`: copy_file_range where the kernel has it, else through memory."""
    out.flush()
    src, dst = dump._file.fileno(), out.fileno()
    while start < end:
        try:
            done = os.copy_file_range(src, dst, end - start, start)
        except (AttributeError, OSError):
            out.write(dump.data[start:end])
            out.flush()
            return
        if done <= 0:
            raise PatchError(f"{dump.path.name}: short copy")
        start += done
