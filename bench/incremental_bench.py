#!/usr/bin/env python3
"""Incremental rebuild benchmark (not a test): cold build with the extraction cache, then a rebuild after
changing one document, and a rebuild with nothing changed; prints wall time, the cache's hits and misses and
peak memory, and checks the rebuilt dumps equal a clean build's.

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
DUMPS = ("graph.ttl", "graph.nt", "dataset.nq", "dataset.trig", "graph.jsonld", "void.ttl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-validate", action="store_true")
    args = parser.parse_args()
    from refugee_ld.extraction.cache import ExtractionCache
    from refugee_ld.pipeline import build
    from refugee_ld.registry import default_data_dir

    work = Path(tempfile.mkdtemp(prefix="refugee-ld-incremental-"))
    try:
        subprocess.run([sys.executable, str(MAKER), str(work / "corpus"), str(args.n)], check=True)
        cache = work / "cache"

        def timed(label: str, out: Path, cache_dir: Path | None) -> None:
            start = time.perf_counter()
            build([work / "corpus"], out_dir=out, jobs=args.jobs, validate=not args.no_validate,
                  show_progress=False, cache_dir=cache_dir)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{label:<44}{time.perf_counter() - start:8.1f} s   peak RSS {peak:,.0f} MB")

        timed(f"cold build, {args.n} documents, cache filling", work / "a", cache)
        timed("rebuild, nothing changed", work / "b", cache)
        first = sorted((work / "corpus").glob("*.txt"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nUzbekistan acceded to the 1954 Convention in 2024.\n",
                         encoding="utf-8")
        probe = ExtractionCache.open(cache, default_data_dir())
        from refugee_ld.text.loading import load_document
        misses = sum(probe.get(load_document(p)) is None for p in sorted((work / "corpus").glob("*.txt")))
        print(f"documents the cache must re-extract after the change: {misses}")
        timed("rebuild after changing one document", work / "c", cache)
        timed("clean build of the changed corpus (no cache)", work / "d", None)
        same = all(filecmp.cmp(work / "c" / name, work / "d" / name, shallow=False) for name in DUMPS)
        print(f"rebuilt dumps byte-identical to the clean build: {same}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
