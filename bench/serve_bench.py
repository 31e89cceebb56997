#!/usr/bin/env python3
"""Serving and pushing benchmark (not a test): N generated documents, built once, then

- the persistent store's load time (graph.nt + dataset.nq into Oxigraph on disk), and its reuse time;
- latency through HTTP of an entity lookup (content negotiation, Turtle) and of a `GRAPH ?g` provenance query:
  median and p95 over R requests from C concurrent clients;
- `push` time into the Oxigraph server and into Virtuoso open source (when `virtuoso-t` is installed),
  both started on loopback by this script.

    .venv/bin/python bench/serve_bench.py --n 1000 [--requests 200] [--clients 4] [--dist DIR]

With --dist an existing build is used instead of generating and building a corpus.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
MAKER = next((p / "shared" / "bench" / "make_corpus.py" for p in ROOT.parents
              if (p / "shared" / "bench" / "make_corpus.py").is_file()), Path("../shared/bench/make_corpus.py"))
sys.path.insert(0, str(ROOT / "tests"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not come up")


def latencies(session_get, n: int, clients: int) -> tuple[float, float]:  # noqa: ANN001
    def one(i: int) -> float:
        start = time.perf_counter()
        response = session_get(i)
        response.raise_for_status()
        return time.perf_counter() - start

    with ThreadPoolExecutor(clients) as pool:
        times = sorted(pool.map(one, range(n)))
    return statistics.median(times) * 1000, times[int(0.95 * (len(times) - 1))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--dist", type=Path, default=None)
    args = parser.parse_args()
    from refugee_ld.rdf.triplestore import ensure_store

    work = Path(tempfile.mkdtemp(prefix="refugee-ld-serve-bench-"))
    env = {**os.environ, "CI": "true"}
    try:
        dist = args.dist
        if dist is None:
            subprocess.run([sys.executable, str(MAKER), str(work / "corpus"), str(args.n)], check=True)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "refugee_ld", "build", str(work / "corpus"), "--out",
                            str(work / "dist"), "--jobs", "2", "--no-validate"], check=True, env=env)
            print(f"build --no-validate of {args.n} documents: {time.perf_counter() - start:.1f} s")
            dist = work / "dist"
        triples = sum(1 for _ in (dist / "graph.nt").open(encoding="utf-8"))
        quads = sum(1 for _ in (dist / "dataset.nq").open(encoding="utf-8"))
        start = time.perf_counter()
        ensure_store(dist, work / "store")
        load = time.perf_counter() - start
        start = time.perf_counter()
        ensure_store(dist, work / "store")
        reuse = time.perf_counter() - start
        print(f"store load: {load:.2f} s for {triples:,} triples + {quads:,} quads "
              f"({(triples + quads) / load:,.0f} statements/s); reuse check (fingerprint): {reuse:.2f} s")

        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "refugee_ld", "serve", "--data", str(dist), "--port",
                                   str(port), "--store", str(work / "store"), "--workers", "2"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        wait(base + "/sparql")
        session = requests.Session()
        states = [b["s"]["value"] for b in session.get(base + "/sparql", params={
            "query": "SELECT DISTINCT ?s { ?s a rld:State } ORDER BY ?s", "format": "json"}).json()
            ["results"]["bindings"]]
        keys = [s.split("/id/", 1)[1] for s in states]
        lookup = latencies(lambda i: session.get(f"{base}/id/{keys[i % len(keys)]}",
                                                 headers={"Accept": "text/turtle"}), args.requests, args.clients)
        provenance = ("SELECT ?g ?quote WHERE { GRAPH ?g { ?a rld:state <%s> ; rld:evidence ?e . "
                      "?e oa:exact ?quote } } LIMIT 100")
        prov = latencies(lambda i: session.get(base + "/sparql", params={
            "query": provenance % states[i % len(states)], "format": "json"}), args.requests, args.clients)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        print(f"entity lookup (Turtle), {args.requests} requests, {args.clients} clients: "
              f"median {lookup[0]:.1f} ms, p95 {lookup[1]:.1f} ms")
        print(f"GRAPH ?g provenance query, {args.requests} requests, {args.clients} clients: "
              f"median {prov[0]:.1f} ms, p95 {prov[1]:.1f} ms")

        oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
        port = free_port()
        store = subprocess.Popen([oxigraph, "serve", "--location", str(work / "oxigraph"), "--bind",
                                  f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "refugee_ld", "push", "--data", str(dist), "--endpoint",
                        f"http://127.0.0.1:{port}/query", "--graph-store", f"http://127.0.0.1:{port}/store"],
                       check=True, env=env)
        print(f"push to the Oxigraph server: {time.perf_counter() - start:.1f} s")
        store.terminate()
        store.wait(timeout=60)

        if shutil.which("virtuoso-t"):
            from test_push import VIRTUOSO_INI

            folder = work / "virtuoso"
            folder.mkdir()
            port = free_port()
            (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql_port=free_port(), http_port=port))
            virtuoso = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                                        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D")
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "refugee_ld", "push", "--data", str(dist), "--endpoint",
                            f"http://127.0.0.1:{port}/sparql", "--graph-store",
                            f"http://127.0.0.1:{port}/sparql-graph-crud-auth", "--user", "dba", "--password", "dba",
                            "--auth", "digest"], check=True, env=env)
            print(f"push to Virtuoso: {time.perf_counter() - start:.1f} s")
            virtuoso.terminate()
            virtuoso.wait(timeout=120)
        else:
            print("push to Virtuoso: skipped (virtuoso-t not installed)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
