#!/usr/bin/env python3
"""Scale benchmark (not a test): build N generated documents through pipeline.STAGES and print, per stage,
wall time, CPU time, throughput and peak RSS, then the pyoxigraph floor measured in the same run.

    .venv/bin/python bench/benchmark.py --n 1000 --jobs 2 [--no-validate] [--memory-budget-mb 2048]

The corpus comes from ../shared/bench/make_corpus.py (same arguments, same bytes), or --corpus FOLDER.  The
floor is what pyoxigraph needs for the same output: parse the written graph.nt and dataset.nq, and write the
five dumps (Turtle, N-Triples and JSON-LD of the union, N-Quads and TriG of the dataset) from them.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MAKER = next((p / "shared" / "bench" / "make_corpus.py" for p in ROOT.parents
                      if (p / "shared" / "bench" / "make_corpus.py").is_file()), ROOT.parent / "shared" / "bench"
                     / "make_corpus.py")


def peak_mb() -> tuple[float, float]:
    """High-water RSS of this process and of its largest finished child (MB); neither ever goes down."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


class TreeRss:
    """Peak of the summed proportional set size (PSS: a page shared by n processes counts 1/n in each) of this
    process and all its descendants (the worker pools), sampled every 0.2 s from /proc: the memory the whole
    build holds at once, which neither getrusage figure gives (a forked worker's RSS counts the pages it still
    shares with the parent).  Without smaps_rollup, RSS is summed (an upper bound)."""

    def __init__(self) -> None:
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, self.sample())

    @staticmethod
    def sample() -> float:
        children: dict[int, list[int]] = {}
        rss: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        total, todo = 0, [os.getpid()]
        while todo:
            pid = todo.pop()
            total += TreeRss.pss(pid, rss.get(pid, 0))
            todo.extend(children.get(pid, []))
        return total / 1024 / 1024

    @staticmethod
    def pss(pid: int, rss: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return rss

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def cpu_seconds() -> float:
    """CPU time of this process plus its finished children (worker processes of the extraction pool)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, str, float, float]] = []

    def timed(self, name: str, func, rate=None):  # noqa: ANN001, ANN201
        wall, cpu = time.perf_counter(), cpu_seconds()
        value = func()
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        text = ""
        if rate is not None:
            count, unit = rate() if callable(rate) else rate
            text = f"{count / wall:,.0f} {unit}/s ({count:,} {unit})" if wall and count else ""
        self.rows.append((name, wall, cpu, text, *peak_mb()))
        return value

    def print(self) -> None:
        print(f"{'stage':<30}{'wall s':>8}{'CPU s':>8}  {'throughput':<38}{'peak RSS MB':>12}{'children MB':>12}")
        for name, wall, cpu, rate, own, kids in self.rows:
            print(f"{name:<30}{wall:>8.2f}{cpu:>8.2f}  {rate:<38}{own:>12.0f}{kids:>12.0f}")


def floor(table: Table, folder: Path, triples: int, quads: int) -> None:
    """pyoxigraph parsing the written graph.nt and dataset.nq and writing the five dumps from them."""
    import pyoxigraph as ox

    out = Path(tempfile.mkdtemp(prefix="floor-", dir=folder.parent))
    union = table.timed("[floor] parse graph.nt", lambda: list(ox.parse(path=str(folder / "graph.nt"),
                                                                       format=ox.RdfFormat.N_TRIPLES)),
                        (triples, "triples"))
    dataset = table.timed("[floor] parse dataset.nq", lambda: list(ox.parse(path=str(folder / "dataset.nq"),
                                                                           format=ox.RdfFormat.N_QUADS)),
                          (quads, "quads"))
    writes = [("Turtle", union, ox.RdfFormat.TURTLE, "graph.ttl"), ("N-Triples", union, ox.RdfFormat.N_TRIPLES,
                                                                    "graph.nt"),
              ("N-Quads", dataset, ox.RdfFormat.N_QUADS, "dataset.nq"), ("TriG", dataset, ox.RdfFormat.TRIG,
                                                                         "dataset.trig")]
    if hasattr(ox.RdfFormat, "JSON_LD"):
        writes.append(("JSON-LD", union, ox.RdfFormat.JSON_LD, "graph.jsonld"))
    for label, statements, fmt, name in writes:
        table.timed(f"[floor] write {label}", lambda s=statements, f=fmt, n=name: ox.serialize(s, str(out / n), f),
                    (len(statements), "statements"))
    for path in out.iterdir():
        path.unlink()
    out.rmdir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of generated documents")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--maker", type=Path, default=DEFAULT_MAKER, help="path of make_corpus.py")
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder instead of generated documents")
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--memory-budget-mb", type=float, default=None, help="dumps' memory budget (default 2 GiB)")
    parser.add_argument("--no-floor", action="store_true", help="skip the pyoxigraph floor (it holds every triple "
                        "in memory: about 1.4 GB per 1,000 documents)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from refugee_ld.pipeline import build_settings, run_stages

    with tempfile.TemporaryDirectory(prefix="refugee-ld-bench-") as tmp:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp) / "corpus"
            subprocess.run([sys.executable, str(args.maker), str(corpus), str(args.n)], check=True,
                           stdout=subprocess.DEVNULL)
        texts = [p for p in corpus.rglob("*") if p.suffix in (".txt", ".md", ".html")]
        # flushed before any worker is forked: a forked worker flushes its copy of the buffer when it exits
        size = sum(p.stat().st_size for p in texts)
        print(f"{len(texts)} documents, {size / 1e6:.1f} MB of text, {args.jobs} jobs, "
              f"validation {'off' if args.no_validate else 'on'}, {os.cpu_count()} cores\n", flush=True)
        out = Path(tmp) / "dist"
        budget = int(args.memory_budget_mb * 1024 * 1024) if args.memory_budget_mb else None
        settings = build_settings([corpus], out_dir=out, jobs=args.jobs, validate=not args.no_validate,
                                  show_progress=False, memory_budget=budget)
        table = Table()
        seen: dict[str, object] = {}

        def around(stage, run) -> None:  # noqa: ANN001
            seen["state"] = run.args[0]
            table.timed(stage.name, run, lambda: rate_of(stage.name, seen["state"], len(texts)))

        tree = TreeRss()
        wall = time.perf_counter()
        result = run_stages(settings, around)
        wall = time.perf_counter() - wall
        tree_peak = tree.stop()
        dumps = seen["state"].dumps  # type: ignore[attr-defined]
        build_rows, build_peak = len(table.rows), max(peak_mb())
        if not args.no_floor:
            floor(table, out.resolve(), result.triples, dumps.quads)
        table.print()
        build_cpu = sum(row[2] for row in table.rows[:build_rows])
        print(f"\nbuild: {wall:.1f} s wall, {build_cpu:.1f} s CPU, peak RSS {build_peak:,.0f} MB (one process), "
              f"{tree_peak:,.0f} MB (whole process tree: PSS, sampled); "
              f"{result.triples:,} triples, {dumps.quads:,} quads, {dumps.spilled} sorted runs spilled per form")
        if args.no_floor:
            return
        for column, what in ((1, "wall"), (2, "CPU")):
            ours = sum(row[column] for row in table.rows[:build_rows] if row[0] in ("map", "write"))
            whole = sum(row[column] for row in table.rows[:build_rows])
            floor_time = sum(row[column] for row in table.rows[build_rows:])
            print(f"pyoxigraph floor (parse + five writes), {what}: {floor_time:.1f} s; map + write {ours:.1f} s = "
                  f"{ours / floor_time:.1f}x the floor; whole build {whole / floor_time:.1f}x the floor")


def rate_of(stage: str, state, documents: int) -> tuple[int, str]:  # noqa: ANN001
    if stage in ("load", "extract", "coreference"):
        return documents, "docs"
    if stage == "map":
        return state.dumps.quads, "quads"
    return state.dumps.void.triples, "triples"


if __name__ == "__main__":
    main()
