#!/usr/bin/env python3
"""Per-stage CPU seconds and RSS of one build (not a test), for comparing two trees of the map/validate stages.

    .venv/bin/python bench/stage_bench.py CORPUS --jobs 2 --cache DIR [--stop-after validate] [--profile map]

Run it from the root of the tree to measure (it imports that tree's `src/`).  For each stage it prints wall
seconds, CPU seconds of this process and of the finished worker processes (a pool's workers finish with their
stage), this process's RSS before and after the stage and its peak so far: the global validation pass lives in
this process, so its memory is the growth of that peak over the map and validate stages.

`--cache DIR` keeps the extractions under a fixed name instead of the package's fingerprint, so two trees whose
extraction code is the same (check with git diff) share them and the corpus is extracted once; never use it to
compare extraction code.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import time
from pathlib import Path


def cpu() -> tuple[float, float]:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="extractions under a fixed name (see above)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/stage-bench-out"))
    parser.add_argument("--profile", default="", help="stages to profile (comma-separated; use --jobs 1)")
    parser.add_argument("--stop-after", default="", help="end after this stage (no dumps written)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path.cwd() / "src"))
    import refugee_ld.extraction.cache as cache

    if args.cache:
        cache.code_fingerprint = lambda data_dir: "stage-bench-fixed-extractions"  # type: ignore[assignment]
    from refugee_ld.pipeline import build_settings, run_stages

    settings = build_settings([args.corpus], out_dir=args.out, jobs=args.jobs, validate=True, show_progress=False,
                              cache_dir=args.cache)
    profile = cProfile.Profile() if args.profile else None

    def around(stage, run) -> None:  # noqa: ANN001
        wall, (own, kids), before = time.perf_counter(), cpu(), rss_mb()
        if profile and stage.name in args.profile.split(","):
            profile.enable()
        run()
        if profile:
            profile.disable()
        own2, kids2 = cpu()
        print(f"{stage.name:<12} wall {time.perf_counter() - wall:7.1f} s  CPU {own2 - own:7.1f} s + workers "
              f"{kids2 - kids:7.1f} s  RSS {before:6.0f} -> {rss_mb():6.0f} MB, peak so far {peak_mb():6.0f} MB",
              flush=True)
        if stage.name == args.stop_after:
            finish(profile)
            os._exit(0)

    run_stages(settings, around)
    finish(profile)


def finish(profile: cProfile.Profile | None) -> None:
    print(f"largest worker peak RSS {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB",
          flush=True)
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(40)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
