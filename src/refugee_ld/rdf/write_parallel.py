"""The five dumps of a build: the union's three in one pass over its sorted rows, the rest in a second process.

Turtle, N-Triples and JSON-LD all read the sorted union: walking it once and rendering each subject's
statements three times touches every row (and, past the memory budget, merges the spilled runs) once
instead of three times.  TriG and N-Quads read the other two sorted forms; with `jobs` >= 2 they are written
by a forked child while the parent writes the union's three, which is how the write stage uses the second
core.  The child shares the parent's sorted lists copy-on-write (or merges the spilled runs itself); an
error in it is sent back and raised in the parent, so the build fails as it would in one process, and
nothing is half-published: the files are written into the staged generation, switched in only at the end.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, suppress
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .jsonld import JSONLD_TAIL, JsonLdNodes, write_jsonld
from .render import TurtleBlocks, nt_text
from .serialize import Compactor, ntriples_block, prefix_block, write_lines, write_trig
from .terms import InvalidTermError, Term

if TYPE_CHECKING:
    from .formats import DumpSource

Row = tuple[Term, Term, Term]
Groups = list[tuple[Term, list[Row]]]
_SUBJECTS = 32  # subjects per round: small, so the round's rows are still in the CPU cache for the next format


class _UnionWriter:
    """One format of the union: a head, subject groups appended round by round, a tail; its time kept (perf_counter:
    process_time costs milliseconds per call on this machine while a forked child runs)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.seconds = 0.0
        self.first = True

    def head(self) -> str:
        return ""

    def render(self, groups: Groups) -> str:
        raise NotImplementedError

    def tail(self) -> str:
        return ""

    def add(self, groups: Groups) -> None:
        start = time.perf_counter()
        self.out.write(self.render(groups))
        self.first = False
        self.seconds += time.perf_counter() - start


class _NTriples(_UnionWriter):
    def __init__(self, out: TextIO, source: DumpSource, schemes: set[str]) -> None:
        super().__init__(out)
        self.nt = nt_text("N-Triples output")

    def render(self, groups: Groups) -> str:
        nt = self.nt
        return "".join([ntriples_block(nt, s, rows) for s, rows in groups])


class _Turtle(_UnionWriter):
    def __init__(self, out: TextIO, source: DumpSource, schemes: set[str]) -> None:
        super().__init__(out)
        self.blocks = TurtleBlocks(Compactor(source.prefixes, "Turtle output"))

    def head(self) -> str:
        return prefix_block(self.blocks.c)

    def render(self, groups: Groups) -> str:
        block = self.blocks.block
        text = "\n".join([block(s, rows) for s, rows in groups])
        return text if self.first else "\n" + text


class _JsonLd(_UnionWriter):
    def __init__(self, out: TextIO, source: DumpSource, schemes: set[str]) -> None:
        super().__init__(out)
        self.nodes = JsonLdNodes(source.prefixes, schemes)

    def head(self) -> str:
        return self.nodes.head()

    def render(self, groups: Groups) -> str:
        node = self.nodes.node
        return ("\n" if self.first else ",\n") + ",\n".join([node(s, rows) for s, rows in groups])

    def tail(self) -> str:
        return JSONLD_TAIL[self.first]


UNION_WRITERS = {"turtle": _Turtle, "ntriples": _NTriples, "jsonld": _JsonLd}  # by RdfFormat.short


def _subjects(rows: Iterable[Row]) -> Iterator[Groups]:
    """Sorted rows as rounds of (subject, its rows)."""
    groups: Groups = []
    for s, group in groupby(rows, key=itemgetter(0)):
        groups.append((s, list(group)))
        if len(groups) >= _SUBJECTS:
            yield groups
            groups = []
    if groups:
        yield groups


def write_union(outs: dict[str, TextIO], source: DumpSource, rows: Iterable[Row]) -> dict[str, float]:
    """The union's formats named in `outs` (turtle, ntriples, jsonld) from one pass over `rows` (= source.rows()).

    JSON-LD needs the IRI schemes of the whole union before its first byte, and the first pass over the union
    is what finds them: it is written with the schemes known so far and written again in a second pass in
    the rare case the final ones drop a prefix the first guess kept.  Returns seconds per format.
    """
    guess = set(source.schemes)
    writers = [UNION_WRITERS[name](out, source, guess) for name, out in outs.items()]
    for writer in writers:
        writer.out.write(writer.head())
    for groups in _subjects(rows):
        for writer in writers:
            writer.add(groups)
    for writer in writers:
        writer.out.write(writer.tail())
    if "jsonld" in outs and _clashes(source, source.schemes) != _clashes(source, guess):
        out = outs["jsonld"]
        out.seek(0)
        out.truncate()
        write_jsonld(out, source.rows(), source.prefixes, source.schemes)
    return {name: writer.seconds for name, writer in zip(outs, writers)}


def _clashes(source: DumpSource, schemes: set[str]) -> set[str]:
    """The prefixes JSON-LD leaves out because IRIs of the data use a scheme of that name."""
    return schemes & set(source.prefixes)


def _write_trig(out: TextIO, source: DumpSource) -> None:
    write_trig(out, source.graph_rows(), source.prefixes)


def _write_nquads(out: TextIO, source: DumpSource) -> None:
    write_lines(out, source.nquads_lines())


OTHER_WRITERS: dict[str, Callable[[TextIO, DumpSource], None]] = {"trig": _write_trig, "nquads": _write_nquads}


def _other_writer(short: str) -> Callable[[TextIO, DumpSource], None]:
    """The writer of a dump that is not one of the union's three: TriG, N-Quads, or the format table's own."""
    from .formats import DUMP_FORMATS

    if short in OTHER_WRITERS:
        return OTHER_WRITERS[short]
    writer = next(f.writer for f in DUMP_FORMATS if f.short == short)
    assert writer is not None
    return writer


def _open(folder: Path, name: str) -> TextIO:
    return open(folder / name, "w", encoding="utf-8", newline="", buffering=1 << 20)


# What the second process writes: the two dataset dumps, and N-Triples when the union is sorted in memory
# (the child then walks the parent's sorted list; N-Triples needs no schemes, JSON-LD does and they come from
# the parent's first pass).  When the union was spilled, a second merge of its runs costs more than N-Triples
# saves the parent.  Measured on 1,000 documents (bench/writers.py, CPU s parent/child): in memory 5.7/6.4
# with N-Triples in the child, 7.5/3.5 without; spilled 8.9/10.2 with it, 9.6/5.9 without.
CHILD = ("trig", "nquads", "ntriples")
CHILD_SPILLED = ("trig", "nquads")


def _write_some(folder: Path, source: DumpSource, files: dict[str, str], rows: Iterable[Row] | None = None,
                ) -> dict[str, float]:
    """The union's formats among `files` in one pass over `rows` (default: a new source.rows()), then the rest."""
    union = {short: name for short, name in files.items() if short in UNION_WRITERS}
    seconds = {}
    if union:
        with ExitStack() as stack:
            outs = {short: stack.enter_context(_open(folder, name)) for short, name in union.items()}
            seconds.update(write_union(outs, source, source.rows() if rows is None else rows))
    for short, name in files.items():
        if short not in union:
            start = time.perf_counter()
            with _open(folder, name) as out:
                _other_writer(short)(out, source)
            seconds[short] = time.perf_counter() - start
    return seconds


def write_dumps(folder: Path, source: DumpSource, files: dict[str, str], jobs: int = 1,
                child: tuple[str, ...] | None = None) -> dict[str, float]:
    """Every dump in `files` (RdfFormat.short -> file name) written into `folder`; seconds per format.

    With jobs >= 2 the formats in `child` (default CHILD, or CHILD_SPILLED when the source spilled sorted
    runs to disk) are written by a forked child (see the module docstring).
    """
    rows = source.rows()  # the first pass (VoID, schemes) is the parent's; the union is sorted before any fork
    if jobs < 2 or not hasattr(os, "fork"):  # no fork (Windows): one process
        return _write_some(folder, source, files, rows)
    if child is None:
        child = CHILD_SPILLED if getattr(source, "spilled", 0) else CHILD
    child_files = {short: name for short, name in files.items() if short in child}
    process = _fork(lambda: _write_some(folder, source, child_files))
    try:
        seconds = _write_some(folder, source, {k: v for k, v in files.items() if k not in child_files}, rows)
    except BaseException:
        _stop(process)
        raise
    seconds.update(_join(process))
    return seconds


def _fork(work: Callable[[], dict[str, float]]) -> tuple[int, int]:
    """Run `work` in a forked child; (its pid, the read end of the pipe its result or error comes back on)."""
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    code = 0  # the child: never returns into the build (os._exit skips the parent's cleanups and atexit)
    try:
        os.close(read)
        payload = _dumps(("ok", work()))
    except BaseException as exc:  # noqa: BLE001 - every error goes back to the parent, which raises it
        payload, code = _dumps(("error", _portable(exc))), 1
    try:
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(code)


def _dumps(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _portable(exc: BaseException) -> object:
    """`exc` as it can cross the pipe: itself if it pickles back, else what rebuilds it in the parent."""
    if isinstance(exc, InvalidTermError):  # its __init__ takes (source, reason): pickle would call it with one
        return ("InvalidTermError", exc.path, exc.reason)
    try:
        pickle.loads(_dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - an exception that does not pickle: its type and message
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _join(child: tuple[int, int]) -> dict[str, float]:
    """Wait for the child; its seconds per format, or raise its error (or why it ended without one)."""
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if not payload:
        raise RuntimeError(f"the process writing dataset.trig and dataset.nq ended with code {code}")
    kind, value = pickle.loads(payload)
    if kind == "ok":
        return value
    if isinstance(value, tuple):
        raise InvalidTermError(value[1], value[2])
    raise value


def _stop(child: tuple[int, int]) -> None:
    pid, read = child
    os.close(read)
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
