"""Confidence of extracted facts: the precision each extraction rule measured on development data.

`data/rule-precision.json` (written by `tools/measure_rules.py`, reviewed in git) holds, per rule, the true and
false positives it produced against gold annotations.  Few observations say little, so the confidence is the
posterior mean of a Beta prior centred on the pooled precision of all rules (empirical Bayes, "add-k" with
k = prior strength):

    confidence(rule) = (tp + m * p0) / (tp + fp + m)

with p0 = pooled precision (sum tp / sum (tp + fp)) and m = prior strength (default 4 observations).  A rule the
development data never saw fire gets the prior mean p0 (`default`), stated in the file.  A fact a person
accepted, corrected or added has confidence 1.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

TABLE_FILE = "rule-precision.json"
DEFAULT_PRIOR_STRENGTH = 4.0
FALLBACK_DEFAULT = 0.5  # when no table exists at all: no evidence either way


@dataclass(frozen=True)
class RuleStats:
    rule: str
    tp: int
    fp: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0


def pooled_precision(stats: list[RuleStats]) -> float:
    tp = sum(s.tp for s in stats)
    n = sum(s.tp + s.fp for s in stats)
    return tp / n if n else FALLBACK_DEFAULT


def smoothed(tp: int, fp: int, prior_mean: float, strength: float) -> float:
    """Posterior mean of a Beta(m*p0, m*(1-p0)) prior after tp successes and fp failures."""
    return (tp + strength * prior_mean) / (tp + fp + strength)


def decimal(value: float) -> str:
    """A canonical xsd:decimal lexical form with three decimals, inside [0, 1]."""
    value = min(1.0, max(0.0, value))
    return str(Decimal(repr(value)).quantize(Decimal("0.001"), rounding=ROUND_HALF_EVEN))


@dataclass(frozen=True)
class ConfidenceTable:
    """Rule -> confidence, with the default for rules never observed."""

    confidences: dict[str, float]
    default: float

    def of(self, rule: str) -> float:
        return self.confidences.get(rule, self.default)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConfidenceTable:
        rules = {r["rule"]: float(r["confidence"]) for r in data.get("rules", [])}
        return cls(rules, float(data.get("default", FALLBACK_DEFAULT)))


def make_table(stats: list[RuleStats], measured_on: list[str], date: str,
               strength: float = DEFAULT_PRIOR_STRENGTH) -> dict[str, Any]:
    """The JSON document `tools/measure_rules.py` writes."""
    p0 = pooled_precision(stats)
    rows = [{"rule": s.rule, "tp": s.tp, "fp": s.fp, "precision": round(s.precision, 4),
             "confidence": float(decimal(smoothed(s.tp, s.fp, p0, strength)))}
            for s in sorted(stats, key=lambda s: s.rule)]
    return {
        "description": "Per-rule precision of fact extraction against gold annotations; confidence = "
                       "(tp + m*p0) / (tp + fp + m), a Beta prior centred on the pooled precision p0 with strength "
                       "m; rules never observed get p0 (default).",
        "measured_on": measured_on,
        "date": date,
        "prior": {"mean": round(p0, 4), "strength": strength},
        "default": float(decimal(p0)),
        "rules": rows,
    }


_CACHE: dict[str, ConfidenceTable] = {}


def load_table(data_dir: Path | None = None) -> ConfidenceTable:
    """The table of `data_dir` (default: the project's data/); an absent file gives the fallback default."""
    from ..registry import default_data_dir
    from ..text.loading import InputError

    path = (data_dir or default_data_dir()) / TABLE_FILE
    key = str(path.resolve())
    if key in _CACHE:
        return _CACHE[key]
    if not path.exists():
        table = ConfidenceTable({}, FALLBACK_DEFAULT)
    else:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            table = ConfidenceTable.from_json(data)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise InputError(path, f"not a rule-precision table ({exc})") from None
        bad = [v for v in (*table.confidences.values(), table.default) if not 0.0 <= v <= 1.0]
        if bad:
            raise InputError(path, f"confidence {bad[0]} outside 0..1")
    _CACHE[key] = table
    return table
