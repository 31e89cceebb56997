"""Extraction throughput on real text, its profile, and a differential check of its output.

    python bench/extract_profile.py FOLDER                       # docs/s and KB/s, one process
    python bench/extract_profile.py FOLDER --profile 30          # the same under cProfile: the 30 hottest functions
    python bench/extract_profile.py FOLDER --save before.pickle  # keep every Extraction record ...
    python bench/extract_profile.py FOLDER --compare before.pickle  # ... and later check they are all equal

The differential check is how a speed-up is shown to change nothing: save the records with the code before the
change, compare with the code after it (records are frozen dataclasses, compared with ==).  The corpus of real
speeches (UN General Debate, ../shared/corpora/ungdc-1946-2024.tar.xz) unpacks to one .txt file per speech.
"""
from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from refugee_ld.pipeline import _extract_path  # noqa: E402
from refugee_ld.records import Extraction  # noqa: E402
from refugee_ld.registry import default_data_dir  # noqa: E402


def run(paths: list[Path], data_dir: str) -> tuple[list[Extraction], float]:
    started = time.process_time()
    results = [_extract_path((str(p), data_dir)) for p in paths]
    return results, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (sorted by name)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the N hottest functions")
    parser.add_argument("--sort", default="tottime", help="cProfile sort key (tottime, cumulative)")
    parser.add_argument("--save", type=Path, help="pickle the Extraction records here")
    parser.add_argument("--compare", type=Path, help="compare the Extraction records with this pickle")
    args = parser.parse_args()
    paths = sorted(p for p in args.folder.iterdir() if p.suffix in (".txt", ".md", ".html"))
    if args.limit:
        paths = paths[:args.limit]
    data_dir = str(default_data_dir())
    _extract_path((str(paths[0]), data_dir))  # registry, lexicon and patterns built outside the timing
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    results, cpu = run(paths, data_dir)
    if profiler:
        profiler.disable()
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {size / 1e3:,.0f} KB: {cpu:.2f} s CPU, {len(paths) / cpu:.1f} docs/s, "
          f"{size / 1e3 / cpu:.0f} KB/s{' (under cProfile)' if profiler else ''}")
    if profiler:
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.profile)
    if args.save:
        args.save.write_bytes(pickle.dumps(results))
        print(f"saved {len(results)} records to {args.save}")
    if args.compare:
        before = pickle.loads(args.compare.read_bytes())
        diff = [r.document.doc_id for a, r in zip(before, results) if a != r]
        if len(before) != len(results) or diff:
            print(f"DIFFERENT: {len(diff)} of {len(results)} records differ, e.g. {diff[:5]}")
            sys.exit(1)
        print(f"identical: {len(results)} records equal to {args.compare}")


if __name__ == "__main__":
    main()
