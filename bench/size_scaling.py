"""Build time per MB for single documents of 10 KB .. 10 MB: is extraction linear in a document's length?

    python bench/size_scaling.py                       # all kinds, 10 KB .. 10 MB, full builds with validation
    python bench/size_scaling.py --kinds caps --max-mb 1 --no-validate

Kinds of document (generated here, nothing is committed):
  normal  the five seed documents repeated (real prose with facts);
  nostop  one line of lower-case words without a full stop;
  caps    one line of capitalised name-like words (the worst case for name chunking).
Each measurement runs in a fresh process; it prints the extraction time, the whole build's time (load, extract,
map, validate, write) and the process's peak memory, each also per MB of text; wall and CPU seconds (on a shared
machine the CPU figures are the comparable ones).
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = [10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000]


def make_text(kind: str, size: int) -> str:
    if kind == "normal":
        base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "documents").glob("*.txt")))
        return (base * (size // len(base) + 1))[:size]
    words = {"nostop": "the refugees and of in to a with government people protection",
             "caps": "Kazakhstan United Nations Almaty Convention Republic Office High Commissioner Refugees "
                     "Geneva Smith John Ministry Foreign Affairs"}[kind].split()
    rnd = random.Random(size)
    out: list[str] = []
    length = 0
    while length < size:
        word = rnd.choice(words)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)[:size]


def measure_one(kind: str, size: int, validate: bool, build_too: bool = True) -> dict:
    from refugee_ld.extraction.extract import extract
    from refugee_ld.lang.lexicon import load_lexicon
    from refugee_ld.pipeline import build
    from refugee_ld.registry import default_data_dir, load_registry
    from refugee_ld.text.loading import load_document

    with tempfile.TemporaryDirectory(prefix="rld-size-") as tmp:
        path = Path(tmp) / "in" / f"{kind}.txt"
        path.parent.mkdir()
        path.write_text(make_text(kind, size), encoding="utf-8")
        data = default_data_dir()
        registry, lexicon = load_registry(data / "registry"), load_lexicon(data)
        document = load_document(path)
        start, cpu = time.perf_counter(), time.process_time()
        extraction = extract(document, registry, lexicon)
        extract_s, extract_cpu = time.perf_counter() - start, time.process_time() - cpu
        build_s, build_cpu, triples = float("nan"), float("nan"), 0
        if build_too:  # jobs=1: the whole build runs in this process, so its CPU time is the process's
            start, cpu = time.perf_counter(), time.process_time()
            result = build([path], out_dir=Path(tmp) / "out", validate=validate, show_progress=False)
            build_s, build_cpu, triples = time.perf_counter() - start, time.process_time() - cpu, result.triples
    return {"kind": kind, "bytes": size, "extract_s": extract_s, "build_s": build_s, "extract_cpu": extract_cpu,
            "build_cpu": build_cpu, "facts": len(extraction.facts),
            "triples": triples, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kinds", default="normal,nostop,caps")
    parser.add_argument("--max-mb", type=float, default=10)
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--extract-only", action="store_true", help="time extraction only (no whole build)")
    parser.add_argument("--min-mb", type=float, default=0)
    parser.add_argument("--sizes", help="comma-separated sizes in bytes (instead of the 10 KB .. 10 MB series)")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "BYTES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one[0], int(args.one[1]), not args.no_validate, not args.extract_only)))
        return
    print(f"{'kind':7} {'size':>8} {'extract s':>10} {'s/MB':>7} {'CPU s/MB':>8} {'build s':>8} {'s/MB':>7} "
          f"{'CPU s/MB':>8} {'facts':>6} {'triples':>8} {'peak MB':>8}")
    for kind in args.kinds.split(","):
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else SIZES
        for size in (s for s in sizes if args.min_mb * 1_000_000 <= s <= args.max_mb * 1_000_000):
            command = [sys.executable, __file__, "--one", kind, str(size)] + (["--no-validate"] if args.no_validate
                                                                               else [])
            command += ["--extract-only"] if args.extract_only else []
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode:
                print(f"{kind:7} {size:>8} failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(done.stdout)
            mb = r["bytes"] / 1e6
            print(f"{kind:7} {_size(size):>8} {r['extract_s']:10.2f} {r['extract_s'] / mb:7.1f} "
                  f"{r['extract_cpu'] / mb:8.1f} {r['build_s']:8.2f} {r['build_s'] / mb:7.1f} "
                  f"{r['build_cpu'] / mb:8.1f} {r['facts']:6} {r['triples']:8} {r['peak_mb']:8.0f}", flush=True)


def _size(n: int) -> str:
    return f"{n / 1e6:g} MB" if n >= 1_000_000 else f"{n / 1e3:g} KB"


if __name__ == "__main__":
    main()
