#!/usr/bin/env python3
"""The cross-document conflict query of treaty actions in Oxigraph (not a test): sh:select against the shape's
rlds:allFocusNodesSelect, on the treaty actions of a build's graph.nt; prints CPU seconds and the answers of each.

    .venv/bin/python bench/conflict_query.py dist/graph.nt
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

from refugee_ld.rdf.validation import ALL_FOCUS_NODES_SELECT, default_shapes_dir, load_shapes

READS = re.compile(r"ontology#(?:state|instrument|action|date)> |#TreatyAction> \.")


def main() -> None:
    graph = Path(sys.argv[1])
    lines = [line for line in graph.open(encoding="utf-8") if READS.search(line)]
    store = ox.Store()
    store.load("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    shapes = load_shapes(default_shapes_dir())
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    constraint = next(c for s, c in shapes.subject_objects(sh.sparql) if "ConflictingTreatyActionDates" in str(s))
    prefix = "PREFIX rld: <https://w3id.org/refugee-ld/ontology#>\n"
    print(f"{graph}: {len(lines):,} triples of treaty actions")
    answers = {}
    for name, query in (("rlds:allFocusNodesSelect", shapes.value(constraint, rdflib.URIRef(ALL_FOCUS_NODES_SELECT))),
                        ("sh:select", shapes.value(constraint, sh.select))):
        cpu = time.process_time()
        rows = store.query(prefix + str(query).replace("$this", "?this"))
        answers[name] = {(str(r["this"]), str(r["value"])) for r in rows}
        print(f"{name:<26} {time.process_time() - cpu:8.2f} s CPU  {len(answers[name]):,} answers")
    print("same answers:", len(set(map(frozenset, answers.values()))) == 1)


if __name__ == "__main__":
    main()
