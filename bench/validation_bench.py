#!/usr/bin/env python3
"""Validation benchmark (not a test): pyshacl on the whole union graph against the split fast validator.

    .venv/bin/python bench/validation_bench.py --n 100 1000 --jobs 2

For each N it makes N documents with ../shared/bench/make_corpus.py, builds them with --no-validate, and then
validates the build's dataset.nq in a fresh process per engine, so each engine's peak RSS is its own:

- `load only`: reading the quads (the floor every engine's RSS includes);
- `pyshacl`: validation.validate_quads, the reference (rdflib graph, SPARQL constraints in Oxigraph, pyshacl);
- `fast split`: shacl_scope.check_document for each document in a pool of --jobs worker processes (documents
  are pickled to them, as a streaming build would not need to), then shacl_scope.finish in the parent;
- `fast split, 1 process`: the same, every document in turn in one process (what `build` does today through
  shacl_scope.validate_quads_fast);
- `fast union`: the same engine on the whole union graph in one process (the fallback of the split).

Wall and CPU seconds cover validation only (not reading the quads); CPU includes worker processes; peak RSS is
the high-water mark of the process and its workers.  Every run checks that the reports are equal.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAKER = next((p / "shared" / "bench" / "make_corpus.py" for p in ROOT.parents
              if (p / "shared" / "bench" / "make_corpus.py").exists()), ROOT.parent / "shared")

_PLAN = None


def _init(plan) -> None:  # noqa: ANN001
    global _PLAN
    _PLAN = plan


def _check(doc):  # noqa: ANN001, ANN202
    from refugee_ld.rdf.shacl_scope import check_document
    return check_document(doc, _PLAN)


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def run_engine(engine: str, nq: Path, jobs: int) -> dict:
    """One engine in this (fresh) process: returns seconds, CPU seconds, peak RSS and a digest of the report."""
    import hashlib
    from multiprocessing import get_context

    from refugee_ld.rdf.rdfio import read_quads
    from refugee_ld.rdf.shacl_scope import check_document, finish, prepare, split_documents, validate_union
    from refugee_ld.rdf.terms import DEFAULT_BASE
    from refugee_ld.rdf.validation import default_shapes_dir, validate_quads

    quads = read_quads(nq)
    shapes = default_shapes_dir()
    start, cpu0 = time.perf_counter(), cpu()
    if engine == "load only":
        report = None
    elif engine == "pyshacl":
        report = validate_quads(quads, shapes)
    elif engine == "fast union":
        report = validate_union(quads, shapes)
    elif engine == "fast split, 1 process":
        docs, context = split_documents(quads)
        del quads
        plan = prepare(shapes, context)
        report = finish((check_document(doc, plan) for doc in docs), plan)
    else:
        docs, context = split_documents(quads)
        del quads
        plan = prepare(shapes, context)
        with get_context("fork").Pool(jobs, initializer=_init, initargs=(plan,)) as pool:
            findings = pool.imap(_check, docs, chunksize=8)
            report = finish(findings, plan)
    seconds, cpu_seconds = time.perf_counter() - start, cpu() - cpu0
    digest = ""
    if report is not None:
        text = "".join(sorted(q.s.nt() + q.p.nt() + q.o.nt() for q in report.quads(DEFAULT_BASE)))
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12] + f" ({len(report.results)} results)"
    return {"seconds": seconds, "cpu": cpu_seconds, "peak_mb": peak_mb(), "report": digest}


def measure(n: int, jobs: int, work: Path, engines: list[str]) -> None:
    corpus, dist = work / f"corpus{n}", work / f"dist{n}"
    if not (dist / "dataset.nq").exists():
        subprocess.run([sys.executable, str(MAKER), str(corpus), str(n)], check=True, capture_output=True)
        subprocess.run([str(Path(sys.executable).parent / "refugee-ld"), "-q", "build", str(corpus), "--out",
                        str(dist), "--no-validate", "--no-cache", "--jobs", str(jobs)], check=True)
    nq = dist / "dataset.nq"
    quads = sum(1 for _ in nq.open(encoding="utf-8"))
    print(f"\n{n} documents, {quads:,} quads, {jobs} jobs")
    print(f"{'engine':<22} {'wall s':>8} {'CPU s':>8} {'peak RSS MB':>12}  report")
    rows = {}
    for engine in engines:
        out = subprocess.run([sys.executable, __file__, "--engine", engine, "--nq", str(nq), "--jobs", str(jobs)],
                             check=True, capture_output=True, text=True).stdout
        rows[engine] = row = json.loads(out.strip().splitlines()[-1])
        print(f"{engine:<22} {row['seconds']:>8.2f} {row['cpu']:>8.2f} {row['peak_mb']:>12.0f}  {row['report']}")
    if "pyshacl" in rows:
        for engine in ("fast split", "fast split, 1 process", "fast union"):
            if engine in rows:
                print(f"pyshacl / {engine}: wall {rows['pyshacl']['seconds'] / rows[engine]['seconds']:.1f}x, "
                      f"CPU {rows['pyshacl']['cpu'] / rows[engine]['cpu']:.1f}x, "
                      f"report {'same' if rows[engine]['report'] == rows['pyshacl']['report'] else 'DIFFERENT'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--engines", nargs="+",
                        default=["load only", "pyshacl", "fast split", "fast split, 1 process", "fast union"])
    parser.add_argument("--work", type=Path, help="keep corpora and builds here (reused when present)")
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--nq", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(run_engine(args.engine, args.nq, args.jobs)))
        return
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        for n in args.n:
            measure(n, args.jobs, args.work, args.engines)
        return
    with tempfile.TemporaryDirectory(prefix="validation-bench-") as tmp:
        for n in args.n:
            measure(n, args.jobs, Path(tmp), args.engines)


if __name__ == "__main__":
    main()
