#!/usr/bin/env python3
"""Write-stage benchmark (not a test): the build's runs and dumps remade from a finished build's dataset.nq.

    .venv/bin/python bench/write_stage.py DIST [--jobs 2] [--memory-mb MB] [--batch 100] [--profile FILE]

DIST is a build's output folder.  Its dataset.nq is loaded into pyoxigraph, then, as the map stage's workers
do, every batch of `--batch` graphs gets its own Dumps (fresh Term objects per quad, as the mapping makes
them), whose sorted runs the parent adopts; then the write stage (write_parallel.write_dumps) writes the five
dumps, which are compared byte for byte with DIST's.  It prints CPU seconds of the workers' reduction (the
map stage's share: Dumps.add and the runs) and wall and CPU seconds of the write stage (parent and child).
"""
from __future__ import annotations

import argparse
import cProfile
import filecmp
import gc
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fresh_term(term):  # noqa: ANN001, ANN201 - a pyoxigraph term
    from refugee_ld.rdf.rdfio import from_oxigraph

    return from_oxigraph(term, "dataset.nq")


def load(path: Path) -> dict:
    """The quads of an N-Quads file by graph name ("" for the default graph), as pyoxigraph quads."""
    import pyoxigraph as ox

    graphs: dict = {}
    for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        graphs.setdefault(name, []).append(q)
    return graphs


def batches(graphs: dict, size: int):  # noqa: ANN201
    """Lists of project quads, `size` named graphs (and finally the default graph) at a time, no Term shared."""
    from refugee_ld.rdf.terms import Quad

    names = sorted(g for g in graphs if g)
    for group in [names[i:i + size] for i in range(0, len(names), size)] + [[""]]:
        chunks = []
        for name in group:
            quads = graphs.pop(name, [])
            chunks.append([Quad(fresh_term(q.subject), fresh_term(q.predicate), fresh_term(q.object),
                                fresh_term(q.graph_name) if name else None) for q in quads])
        yield chunks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dist", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=100, help="graphs per worker batch (the build's batch size)")
    parser.add_argument("--memory-mb", type=float, default=2048.0, help="each batch's memory budget")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the write stage's parent here")
    parser.add_argument("--keep", type=Path, help="write the dumps here (default: a temporary folder)")
    parser.add_argument("--child", help="formats the forked child writes, comma-separated (default: the build's)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the source tree to measure (e.g. main's)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src))
    from refugee_ld.rdf.dumps import Dumps
    from refugee_ld.rdf.formats import DUMP_FORMATS
    from refugee_ld.rdf.serialize import prefixes_for
    from refugee_ld.rdf.terms import DEFAULT_BASE
    from refugee_ld.rdf.write_parallel import write_dumps

    graphs = load(args.dist / "dataset.nq")
    tmp = Path(tempfile.mkdtemp(prefix="write-stage-"))
    gc.disable()  # as the build's map and write stages run
    try:
        runs = tmp / "runs"
        budget = int(args.memory_mb * 1024 * 1024)
        parent = Dumps(runs, prefixes_for(DEFAULT_BASE), budget)
        reduce = 0.0
        for index, chunks in enumerate(batches(graphs, args.batch)):
            start = time.process_time()
            worker = Dumps(runs, {}, budget, name=f"b{index:06d}-")
            for chunk in chunks:
                worker.add(chunk)
            del chunks
            files = worker.runs()
            reduce += time.process_time() - start
            parent.adopt(files, worker.void.graphs, worker.quads)
        print(f"{parent.quads:,} quads in {index + 1} batches; workers' reduction (Dumps.add + runs): "
              f"{reduce:.2f} CPU s; run files: {sum(p.stat().st_size for p in runs.iterdir()) / 1e6:.1f} MB")
        out = args.keep or tmp / "out"
        out.mkdir(parents=True, exist_ok=True)
        files = {fmt.short: fmt.dump for fmt in DUMP_FORMATS if fmt.dump is not None}
        before = os.times()
        wall = time.perf_counter()
        profile = cProfile.Profile() if args.profile else None
        if profile:
            profile.enable()
        seconds = write_dumps(out, parent, files, args.jobs, tuple(args.child.split(",")) if args.child else None)
        if profile:
            profile.disable()
            profile.dump_stats(str(args.profile))
        wall = time.perf_counter() - wall
        after = os.times()
        own = after.user + after.system - before.user - before.system
        child = after.children_user + after.children_system - before.children_user - before.children_system
        parts = ", ".join(f"{k} {v:.2f}" for k, v in seconds.items())
        print(f"write stage, jobs={args.jobs}: {wall:.2f} s wall, {own:.2f} CPU s parent + {child:.2f} CPU s child "
              f"= {own + child:.2f}; per format (wall s): {parts}; {parent.void.triples:,} union triples")
        same = {name: filecmp.cmp(out / name, args.dist / name, shallow=False) for name in files.values()}
        print("byte-identical to DIST: " + ", ".join(f"{k} {v}" for k, v in same.items()))
        if not all(same.values()):
            sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
