#!/usr/bin/env python3
"""Measure each extraction rule's precision on development gold and write data/rule-precision.json.

Usage (from the repository root, inside the project's environment):

    python tools/measure_rules.py \
        --set /work/corpora/ungdc=tests/gold/ungdc --set data/documents=../shared/gold \
        [--split dev] [--strength 4] [--out data/rule-precision.json]

Each --set is INPUTS=GOLD (a folder of texts and a folder of gold files; the gold may be split over several
folders joined with ','): only gold files whose "split" is --split (default dev; none means dev) are scored, so
the held-back test split is never looked at.  The true and false positives of every rule are summed over the
sets and smoothed by `refugee_ld.extraction.confidence` (Beta prior centred on the pooled precision).  Rerun after the
rules change; the file is data, reviewed in git.
"""
from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from refugee_ld.extraction.confidence import DEFAULT_PRIOR_STRENGTH, TABLE_FILE, RuleStats, make_table
from refugee_ld.evaluate import Score, evaluate_paths
from refugee_ld.registry import default_data_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", dest="sets", action="append", required=True, metavar="INPUTS=GOLD")
    parser.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    parser.add_argument("--strength", type=float, default=DEFAULT_PRIOR_STRENGTH)
    parser.add_argument("--out", type=Path, default=default_data_dir() / TABLE_FILE)
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="measurement date (YYYY-MM-DD)")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)

    totals: dict[str, Score] = {}
    measured_on: list[str] = []
    for spec in args.sets:
        if "=" not in spec:
            parser.error(f"--set {spec!r}: expected INPUTS=GOLD")
        inputs, gold = spec.split("=", 1)
        gold_dirs = [Path(g) for g in gold.split(",")]
        run = evaluate_paths(gold_dirs, [Path(inputs)], args.split, jobs=args.jobs)
        for warning in run.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        for rule, score in run.report.rules.items():
            totals.setdefault(rule, Score()).add(score)
        facts = run.report.total(run.report.facts)
        measured_on.append(f"{Path(inputs).name} against {', '.join(g.name for g in gold_dirs)} "
                           f"(split {args.split}, {run.documents} documents, {facts.tp + facts.fn} gold facts)")
        print(f"{spec}: {run.documents} documents, fact P {facts.precision:.3f} R {facts.recall:.3f} "
              f"F1 {facts.f1:.3f}", file=sys.stderr)
    stats = [RuleStats(rule, s.tp, s.fp) for rule, s in totals.items()]
    table = make_table(stats, measured_on, args.date, args.strength)
    args.out.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{'rule':<28}{'tp':>5}{'fp':>5}{'precision':>11}{'confidence':>12}")
    for row in table["rules"]:
        print(f"{row['rule']:<28}{row['tp']:>5}{row['fp']:>5}{row['precision']:>11.3f}{row['confidence']:>12.3f}")
    print(f"{'(never observed: default)':<38}{'':>11}{table['default']:>12.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
