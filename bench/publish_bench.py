#!/usr/bin/env python3
"""Publishing benchmark (not a test): build N synthetic documents, then time `publish` on the dump.

    .venv/bin/python bench/publish_bench.py --n 1000 [--jobs 2] [--screens DIR]

The corpus comes from shared/bench/make_corpus.py (same arguments, same bytes); the build runs with
--no-validate since only publishing is measured.  Prints the publish wall time, pages per second and peak
memory; with --screens it saves screenshots of a state page and a document page taken with headless Chromium.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAKERS = [ROOT.parent / "shared" / "bench" / "make_corpus.py", ROOT.parents[1] / "shared" / "bench" / "make_corpus.py"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def screenshot(page: Path, target: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("no chromium: screenshots skipped", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                        "--window-size=1280,1800", f"--screenshot={target}", page.resolve().as_uri()],
                       check=True, capture_output=True, timeout=120)
    print(f"screenshot: {target}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--maker", type=Path, default=next((m for m in MAKERS if m.is_file()), MAKERS[0]))
    parser.add_argument("--screens", type=Path, default=None, help="folder for two screenshots of the site")
    args = parser.parse_args()

    from refugee_ld.pipeline import build
    from refugee_ld.publish.site import publish

    with tempfile.TemporaryDirectory(prefix="publish-bench-") as tmp:
        corpus, dist, site = Path(tmp) / "corpus", Path(tmp) / "dist", Path(tmp) / "site"
        subprocess.run([sys.executable, str(args.maker), str(corpus), str(args.n)], check=True)
        started = time.perf_counter()
        result = build([corpus], out_dir=dist, jobs=args.jobs, validate=False, show_progress=False)
        print(f"build (--no-validate): {result.documents} documents, {result.triples} triples in "
              f"{time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        pages = publish(dist, site, documents=[corpus], show_progress=True)
        elapsed = time.perf_counter() - started
        files = sum(1 for p in site.rglob("*") if p.is_file())
        print(f"publish: {pages} pages ({files} files) in {elapsed:.1f} s = {pages / elapsed:.0f} pages/s, "
              f"peak RSS {peak_mb():.0f} MB")
        if args.screens:
            args.screens.mkdir(parents=True, exist_ok=True)
            state = next(iter(sorted((site / "state").glob("*.html"), key=lambda p: -p.stat().st_size)))
            document = min((site / "document").glob("*.html"))
            screenshot(state, args.screens / "state.png")
            screenshot(document, args.screens / "document.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
