#!/usr/bin/env python3
"""Scale benchmark (not a test): build N synthetic documents and print per-stage throughput and memory.

    python3 dev.py run ... is not needed; run inside the environment:
    .venv/bin/python bench/benchmark.py --n 1000 --jobs 2

The corpus comes from ../shared/bench/make_corpus.py (same arguments, same bytes).  Besides the pipeline's
own stages it times the alternatives the design rejected, on the same graph: rdflib's Turtle writer and
N-Triples parser against ours / pyoxigraph's.
"""
from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MAKER = ROOT.parent / "shared" / "bench" / "make_corpus.py"


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(own, children)


class Timer:
    def __init__(self) -> None:
        self.rows: list[tuple[str, float, str, float]] = []

    def stage(self, name: str, func, rate_of=None):  # noqa: ANN001, ANN201
        gc.collect()
        start = time.perf_counter()
        value = func()
        seconds = time.perf_counter() - start
        rate = rate_of(value) if rate_of else ""
        self.rows.append((name, seconds, rate if isinstance(rate, str) else "", peak_mb()))
        if not isinstance(rate, str):
            count, unit = rate
            self.rows[-1] = (name, seconds, f"{count / seconds:,.0f} {unit}/s ({count:,} {unit})", peak_mb())
        return value

    def print(self) -> None:
        print(f"{'stage':<38}{'seconds':>9}  {'throughput':<40}{'peak RSS MB':>12}")
        for name, seconds, rate, mb in self.rows:
            print(f"{name:<38}{seconds:>9.2f}  {rate:<40}{mb:>12.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of generated documents")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--maker", type=Path, default=DEFAULT_MAKER, help="path of make_corpus.py")
    parser.add_argument("--skip-rdflib", action="store_true", help="do not time the rejected rdflib alternatives")
    parser.add_argument("--sample", type=int, default=100_000, help="quads used to time rdflib's Turtle writer")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    from refugee_ld.coref import resolve_corpus
    from refugee_ld.pipeline import _extract_path, assemble, project_dir, void_quads  # noqa: PLC2701
    from refugee_ld.registry import default_data_dir
    from refugee_ld.rdf.serialize import prefixes_for, to_jsonld, to_nquads, to_ntriples, to_trig, to_turtle
    from refugee_ld.rdf.terms import DEFAULT_BASE
    from refugee_ld.rdf.validation import (default_shapes_dir, load_shapes, materialise_sparql_targets, to_rdflib,
                                       validate_graph)
    from concurrent.futures import ProcessPoolExecutor

    data_dir = default_data_dir()
    timer = Timer()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(args.maker), str(corpus), str(args.n)], check=True)
        paths = sorted(corpus.glob("*.txt"))
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} documents, {size / 1e6:.1f} MB of text, {args.jobs} jobs\n")
        tasks = [(str(p), str(data_dir)) for p in paths]

        def extract_all():  # noqa: ANN202
            if args.jobs > 1:
                with ProcessPoolExecutor(args.jobs) as pool:
                    return list(pool.map(_extract_path, tasks, chunksize=16))
            return [_extract_path(t) for t in tasks]

        extractions = timer.stage("extract (load, mentions, facts)", extract_all, lambda xs: (len(xs), "docs"))
        facts = sum(len(x.facts) for x in extractions)
        resolved = timer.stage("coreference", lambda: resolve_corpus(extractions), lambda xs: (len(xs), "docs"))
        quads = timer.stage("graph mapping", lambda: assemble(resolved, DEFAULT_BASE, data_dir,
                                                               project_dir() / "ontology" / "refugee-ld.ttl"),
                            lambda qs: (len(qs), "quads"))
        triples = len({(q.s, q.p, q.o) for q in quads})
        shapes = load_shapes(default_shapes_dir())
        graph = timer.stage("rdflib graph for pyshacl", lambda: to_rdflib(quads), lambda g: (len(g), "triples"))
        ntriples = to_ntriples(quads)
        shapes = timer.stage("SHACL-SPARQL targets (Oxigraph)", lambda: materialise_sparql_targets(shapes, ntriples),
                             lambda r: (triples, "triples"))
        report = timer.stage("SHACL validation (pyshacl, no inference)", lambda: validate_graph(graph, shapes),
                             lambda r: (triples, "triples"))
        prefixes = prefixes_for(DEFAULT_BASE)
        ttl = timer.stage("write Turtle (own writer)", lambda: to_turtle(quads, prefixes), lambda t: (triples, "triples"))
        timer.stage("write N-Triples", lambda: to_ntriples(quads), lambda t: (triples, "triples"))
        nq = timer.stage("write N-Quads", lambda: to_nquads(quads), lambda t: (len(quads), "quads"))
        timer.stage("write TriG", lambda: to_trig(quads, prefixes), lambda t: (len(quads), "quads"))
        timer.stage("write JSON-LD", lambda: to_jsonld(quads, prefixes), lambda t: (triples, "triples"))
        timer.stage("VoID statistics", lambda: void_quads(quads, DEFAULT_BASE, len(paths)), None)

        import pyoxigraph as ox
        nq_path = Path(tmp) / "dataset.nq"
        nq_path.write_text(nq, encoding="utf-8")
        store = ox.Store()
        timer.stage("pyoxigraph load N-Quads", lambda: store.bulk_load(path=str(nq_path),
                                                                       format=ox.RdfFormat.N_QUADS),
                    lambda _: (len(quads), "quads"))
        query = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?f a <https://w3id.org/refugee-ld/ontology#"
                 "TreatyAction> } } GROUP BY ?g")
        timer.stage("pyoxigraph GRAPH ?g provenance query", lambda: list(store.query(query)), None)
        if not args.skip_rdflib:
            import rdflib
            sample = quads[: args.sample]  # rdflib's Turtle writer is too slow to time on the whole graph
            sample_graph = to_rdflib(sample)
            n_sample = len(sample_graph)
            timer.stage(f"[rejected] rdflib write Turtle ({n_sample:,} sample)",
                        lambda: sample_graph.serialize(format="turtle"), lambda t: (n_sample, "triples"))
            timer.stage(f"own Turtle writer ({n_sample:,} sample)", lambda: to_turtle(sample, prefixes),
                        lambda t: (n_sample, "triples"))
            nt_path = Path(tmp) / "graph.nt"
            nt_path.write_text(to_ntriples(quads), encoding="utf-8")
            timer.stage("[rejected] rdflib parse N-Triples", lambda: rdflib.Graph().parse(nt_path, format="nt"),
                        lambda g: (triples, "triples"))
            timer.stage("pyoxigraph parse N-Triples", lambda: list(ox.parse(path=str(nt_path),
                                                                            format=ox.RdfFormat.N_TRIPLES)),
                        lambda t: (triples, "triples"))
        print()
        timer.print()
        print(f"\n{facts:,} facts, {triples:,} triples, {len(quads):,} quads, Turtle {len(ttl) / 1e6:.1f} MB, "
              f"conforms={report.conforms} ({len(report.violations)} violations, {len(report.warnings)} warnings)")


if __name__ == "__main__":
    main()
