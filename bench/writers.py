#!/usr/bin/env python3
"""Writers benchmark (not a test): our five writers against pyoxigraph's serialisers fed with sorted quads.

    .venv/bin/python bench/writers.py --n 1000 --jobs 2
    .venv/bin/python bench/writers.py --corpus /work/scratch/gen1k --dumps-only [--memory-mb 400]

First, the build's dump writers on the build's DumpSource (rdf/dumps.py, sorted in memory or spilled past
--memory-mb): CPU seconds, throughput and ratio to pyoxigraph's Store.dump of the same statements per format,
then the whole write stage (rdf/write_parallel.py) in one process and in two.  Then, for each format it
prints the time to write the dump, the size, whether two runs over differently ordered input
give the same bytes (determinism) and how many lines change when one more document is added to the corpus
(diffability: the fewer, the better for version control).  It also times validation: the SHACL-SPARQL conflict
constraints evaluated in Oxigraph (what the build does) and the whole validation.
The corpus comes from ../shared/bench/make_corpus.py (same arguments, same bytes).
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parents[2] / "shared", Path("/work/shared"))
               if (p / "bench" / "make_corpus.py").is_file()), ROOT.parent / "shared")
DEFAULT_MAKER = SHARED / "bench" / "make_corpus.py"
FORMATS = ("N-Triples", "N-Quads", "Turtle", "TriG", "JSON-LD")


def to_ox(quads):  # noqa: ANN001, ANN201
    """Project quads as pyoxigraph quads (sorted input: what pyoxigraph needs for stable output)."""
    import pyoxigraph as ox

    cache: dict = {}

    def conv(t):  # noqa: ANN001, ANN202
        hit = cache.get(t)
        if hit is None:
            if t.kind == 0:
                hit = ox.NamedNode(t.value)
            elif t.kind == 1:
                hit = ox.BlankNode(t.value)
            elif t.lang:
                hit = ox.Literal(t.value, language=t.lang)
            else:
                hit = ox.Literal(t.value, datatype=ox.NamedNode(t.datatype))
            cache[t] = hit
        return hit

    return [ox.Quad(conv(q.s), conv(q.p), conv(q.o), conv(q.g) if q.g is not None else ox.DefaultGraph())
            for q in quads]


def ours(fmt: str, quads, prefixes) -> str:  # noqa: ANN001
    from refugee_ld.rdf.serialize import to_jsonld, to_nquads, to_ntriples, to_trig, to_turtle

    return {"N-Triples": lambda: to_ntriples(quads), "N-Quads": lambda: to_nquads(quads),
            "Turtle": lambda: to_turtle(quads, prefixes), "TriG": lambda: to_trig(quads, prefixes),
            "JSON-LD": lambda: to_jsonld(quads, prefixes)}[fmt]()


def oxigraph(fmt: str, quads, prefixes) -> str:  # noqa: ANN001
    """pyoxigraph's serialiser over sorted input (triples for the one-graph formats)."""
    import pyoxigraph as ox

    from refugee_ld.rdf.serialize import sort_key, triples
    from refugee_ld.rdf.terms import Quad

    if fmt in ("N-Quads", "TriG"):
        rows = sorted(set(quads), key=lambda q: (q.g is not None, sort_key(q.g) if q.g else (), sort_key(q.s),
                                                 sort_key(q.p), sort_key(q.o)))
        items = to_ox(rows)
    else:
        items = [q.triple for q in to_ox([Quad(*t) for t in triples(quads)])]
    format_ = {"N-Triples": ox.RdfFormat.N_TRIPLES, "N-Quads": ox.RdfFormat.N_QUADS, "Turtle": ox.RdfFormat.TURTLE,
               "TriG": ox.RdfFormat.TRIG, "JSON-LD": ox.RdfFormat.JSON_LD}[fmt]
    kwargs = {"prefixes": prefixes} if fmt in ("Turtle", "TriG", "JSON-LD") else {}
    return ox.serialize(items, format=format_, **kwargs).decode("utf-8")


def _cpu(func) -> tuple[float, object]:  # noqa: ANN001
    start = time.process_time()
    result = func()
    return time.process_time() - start, result


def dump_writers(quads, prefixes, memory_mb: float | None) -> None:  # noqa: ANN001
    """The build's writers over the build's DumpSource against pyoxigraph's Store.dump, per format, in CPU s."""
    import io
    import os
    import shutil

    import pyoxigraph as ox

    from refugee_ld.rdf.dumps import Dumps
    from refugee_ld.rdf.formats import DUMP_FORMATS
    from refugee_ld.rdf.terms import Quad

    try:
        from refugee_ld.rdf.write_parallel import write_dumps
    except ImportError:  # a checkout from before the one-pass writers (for the "before" figures)
        write_dumps = None

    folder = Path(tempfile.mkdtemp(prefix="writers-"))
    try:
        budget = int(memory_mb * 1024 * 1024) if memory_mb else 2 * 1024**3
        dumps = Dumps(folder / "runs", prefixes, budget)
        for start in range(0, len(quads), 5000):
            dumps.add(quads[start:start + 5000])
        sort_s, _ = _cpu(lambda: sum(1 for _ in dumps.rows()))  # first pass: sort (or merge), VoID, schemes
        print(f"DumpSource: {dumps.void.triples:,} union triples, {len(quads):,} quads, {dumps.spilled} runs spilled"
              f" per form; first union pass (sort/merge + VoID + schemes): {sort_s:.2f} CPU s")
        union = ox.Store()
        union.bulk_extend(to_ox([Quad(*row) for row in dumps.rows()]))  # in the default graph
        dataset = ox.Store()
        dataset.bulk_extend(to_ox(quads))
        print(f"{'format':10} {'ours CPU s':>10} {'stmts/s':>11} {'oxigraph s':>10} {'stmts/s':>11} {'ratio':>6}")
        for fmt in DUMP_FORMATS:
            store = dataset if fmt.dataset else union
            count = len(store)
            writer, kwargs = fmt.writer, {} if fmt.dataset else {"from_graph": ox.DefaultGraph()}
            assert writer is not None
            ours, _ = _cpu(lambda w=writer: w(io.StringIO(), dumps))
            oxformat = getattr(ox.RdfFormat, fmt.reader)
            theirs, _ = _cpu(lambda s=store, f=oxformat, k=kwargs: s.dump(io.BytesIO(), f, **k))
            print(f"{fmt.name:10} {ours:10.2f} {count / ours:11,.0f} {theirs:10.2f} {count / theirs:11,.0f}"
                  f" {ours / theirs:6.1f}")
        files = {fmt.short: fmt.dump for fmt in DUMP_FORMATS}
        for jobs in (1, 2) if write_dumps else ():
            out = folder / f"jobs{jobs}"
            out.mkdir()
            children = os.times().children_user + os.times().children_system
            wall = time.perf_counter()
            cpu, seconds = _cpu(lambda o=out, j=jobs: write_dumps(o, dumps, files, j))
            wall = time.perf_counter() - wall
            children = os.times().children_user + os.times().children_system - children
            parts = ", ".join(f"{k} {v:.2f}" for k, v in seconds.items())  # type: ignore[union-attr]
            print(f"write stage, jobs={jobs}: {wall:.2f} s wall, {cpu:.2f} CPU s here + {children:.2f} in the child"
                  f" ({parts})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def changed_lines(a: str, b: str) -> int:
    """Lines in one text and not in the other (a cheap stand-in for the size of a diff)."""
    from collections import Counter

    ca, cb = Counter(a.splitlines()), Counter(b.splitlines())
    return sum(((ca - cb) + (cb - ca)).values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--maker", type=Path, default=DEFAULT_MAKER)
    parser.add_argument("--no-validation", action="store_true", help="skip the validation timings")
    parser.add_argument("--save-nt", type=Path, help="also write the union graph as N-Triples here")
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder instead of --n generated documents")
    parser.add_argument("--dumps-only", action="store_true", help="only the build's dump writers (first table)")
    parser.add_argument("--quads", type=Path, help="pickle of the assembled quads: read if it exists, else written")
    parser.add_argument("--memory-mb", type=float, help="the dumps' memory budget (small: spilled sorted runs)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from refugee_ld.pipeline import assemble, extract_corpus, project_dir
    from refugee_ld.rdf.serialize import prefixes_for, to_ntriples
    from refugee_ld.rdf.terms import DEFAULT_BASE
    from refugee_ld.registry import default_data_dir

    if args.quads and args.quads.exists() and args.dumps_only:  # the writers again, without extracting again
        import gc
        import pickle

        gc.disable()  # as the build's write stage runs
        with open(args.quads, "rb") as handle:
            dump_writers(pickle.load(handle), prefixes_for(DEFAULT_BASE), args.memory_mb)
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        if not args.corpus:
            subprocess.run([sys.executable, str(args.maker), str(corpus), str(args.n)], check=True,
                           stdout=subprocess.DEVNULL)
        data_dir = default_data_dir()
        start = time.perf_counter()
        extractions = extract_corpus([corpus], data_dir, args.jobs, show_progress=False)
        print(f"{len(extractions)} documents extracted in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    ontology = project_dir() / "ontology" / "refugee-ld.ttl"
    quads = assemble(extractions, DEFAULT_BASE, data_dir, ontology)
    prefixes = prefixes_for(DEFAULT_BASE)
    if args.quads:
        import pickle

        with open(args.quads, "wb") as handle:
            pickle.dump(quads, handle, protocol=pickle.HIGHEST_PROTOCOL)
    import gc

    gc.disable()  # as the build's write stage runs
    dump_writers(quads, prefixes, args.memory_mb)
    gc.enable()
    if args.dumps_only:
        return
    fewer = assemble(extractions[:-1], DEFAULT_BASE, data_dir, ontology)
    shuffled = list(quads)
    random.Random(1).shuffle(shuffled)
    added = len(set(quads) - set(fewer))
    print(f"{len(quads):,} quads, {len({(q.s, q.p, q.o) for q in quads}):,} triples; "
          f"the last document adds {added:,} quads\n")
    from refugee_ld.rdf.terms import check_quads

    start = time.perf_counter()
    check_quads(quads)
    print(f"term checks (check_quads, every distinct term once): {time.perf_counter() - start:.2f} s\n")
    print(f"{'format':10} {'writer':10} {'seconds':>8} {'MB':>7} {'same bytes':>10} {'lines changed':>14}")
    for fmt in FORMATS:
        for name, writer in (("ours", ours), ("pyoxigraph", oxigraph)):
            start = time.perf_counter()
            text = writer(fmt, quads, prefixes)
            seconds = time.perf_counter() - start
            same = writer(fmt, shuffled, prefixes) == text
            diff = changed_lines(writer(fmt, fewer, prefixes), text)
            print(f"{fmt:10} {name:10} {seconds:8.2f} {len(text.encode()) / 1e6:7.1f} {same!s:>10} {diff:14,}")

    if not args.no_validation:
        from refugee_ld.rdf.validation import default_shapes_dir, load_shapes, prepare_shapes, to_rdflib, validate_graph

        ntriples = to_ntriples(quads)
        if args.save_nt:
            args.save_nt.write_text(ntriples, encoding="utf-8")
        shapes = load_shapes(default_shapes_dir())
        start = time.perf_counter()
        prepared = prepare_shapes(shapes, ntriples)
        sparql = time.perf_counter() - start
        start = time.perf_counter()
        report = validate_graph(to_rdflib(quads), prepared)
        rest = time.perf_counter() - start
        print(f"\nSHACL-SPARQL conflict constraints in Oxigraph: {sparql:.2f} s ({len(prepared.results):,} results)")
        print(f"rdflib graph + pyshacl (SHACL Core): {rest:.2f} s; {len(report.violations)} violations, "
              f"{len(report.warnings)} warnings")


if __name__ == "__main__":
    main()
