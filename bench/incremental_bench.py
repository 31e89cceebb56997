#!/usr/bin/env python3
"""Incremental rebuild benchmark (not a test): cold build with the cache (a full build that records its state),
a rebuild with nothing changed, then rebuilds after changing, adding and removing one document (each patches
the previous generation, rebuild.py); prints wall and CPU time (this process and its children) and peak
memory, and checks every rebuilt generation equals a clean build's, file for file.

    .venv/bin/python bench/incremental_bench.py --n 1000 [--jobs 2] [--no-validate]
"""
from __future__ import annotations

import argparse
import filecmp
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAKER = next((p / "shared" / "bench" / "make_corpus.py" for p in ROOT.parents
              if (p / "shared" / "bench" / "make_corpus.py").is_file()), Path("../shared/bench/make_corpus.py"))
DUMPS = ("graph.ttl", "graph.nt", "dataset.nq", "dataset.trig", "graph.jsonld", "void.ttl", "validation.ttl",
         "context.jsonld")


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--corpus", type=Path, help="copy this corpus instead of generating --n documents")
    parser.add_argument("--no-clean", action="store_true", help="skip the clean builds and the comparison")
    parser.add_argument("-v", "--verbose", action="store_true", help="each stage's (and rebuild phase's) time")
    args = parser.parse_args()
    from refugee_ld.pipeline import build
    from refugee_ld.progress import SETTINGS

    SETTINGS.verbose = 1 if args.verbose else 0

    work = Path(tempfile.mkdtemp(prefix="refugee-ld-incremental-"))
    try:
        if args.corpus:
            shutil.copytree(args.corpus, work / "corpus")
        else:
            subprocess.run([sys.executable, str(MAKER), str(work / "corpus"), str(args.n)], check=True)
        cache = work / "cache"
        n = len(list((work / "corpus").glob("*.txt")))

        def timed(label: str, out: Path, cache_dir: Path | None) -> None:
            start, used = time.perf_counter(), cpu()
            build([work / "corpus"], out_dir=out, jobs=args.jobs, validate=not args.no_validate,
                  show_progress=False, cache_dir=cache_dir)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{label:<46}{time.perf_counter() - start:8.1f} s wall {cpu() - used:8.1f} s CPU"
                  f"   peak RSS {peak:,.0f} MB", flush=True)

        def check(label: str) -> None:
            timed(f"rebuild after {label}", work / "out", cache)
            if args.no_clean:
                return
            shutil.rmtree(work / "clean", ignore_errors=True)
            timed("  clean build of the same corpus (no cache)", work / "clean", None)
            same = all(filecmp.cmp(work / "out" / name, work / "clean" / name, shallow=False) for name in DUMPS)
            print(f"  rebuilt files byte-identical to the clean build: {same}", flush=True)

        timed(f"cold build, {n} documents, cache filling", work / "out", cache)
        timed("rebuild, nothing changed", work / "out", cache)
        files = sorted((work / "corpus").glob("*.txt"))
        first = files[len(files) // 2]
        first.write_text(first.read_text(encoding="utf-8") + "\nUzbekistan acceded to the 1954 Convention in 2024.\n",
                         encoding="utf-8")
        check("changing one document")
        (work / "corpus" / "zz-added.txt").write_text(files[0].read_text(encoding="utf-8"), encoding="utf-8")
        check("adding one document")
        files[1].unlink()
        check("removing one document")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
