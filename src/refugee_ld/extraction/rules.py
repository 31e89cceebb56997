"""Rules as registered units, in the manner of spaCy's component factories.

A rule is a pure function `(doc, inputs) -> tuple[record, ...]` registered under a dotted name with the record
type it produces and the rules whose results it reads (`after`).  The runner orders the rules of a stage from
these declarations (ties broken by registration order, so the order is stable), checks that every `after`
names a registered rule of the same stage, threads each rule's results to the rules that declared them, and
can time every rule.  Nothing is shared between rules except the frozen `Doc` and these results: a rule that
needs to know what an earlier rule claimed declares it in `after` and reads it from `inputs`.

    @rule("treaty.actions", stage="facts", produces=TreatyAction)
    def treaty_actions(doc, inputs): ...

    @rule("treaty.relative", stage="facts", produces=TreatyAction, after=("treaty.actions",))
    def relative_actions(doc, inputs):
        found = inputs["treaty.actions"]
        ...
"""
from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

RuleFunction = Callable[[Any, Mapping[str, tuple[Any, ...]]], tuple[Any, ...]]


class RuleOrderError(ValueError):
    """A rule declares an input that no rule of its stage produces, or the declarations form a cycle."""


@dataclass(frozen=True)
class Rule:
    name: str
    stage: str
    produces: type | tuple[type, ...]
    after: tuple[str, ...]
    function: RuleFunction
    doc: str


_REGISTRY: dict[str, Rule] = {}
_ORDERED: dict[str, list[Rule]] = {}  # `ordered` per stage, dropped whenever a rule is registered


def rule(name: str, *, stage: str, produces: type | tuple[type, ...], after: tuple[str, ...] = ()
         ) -> Callable[[RuleFunction], RuleFunction]:
    """Register `function` as the rule `name` of `stage`; the function itself is returned unchanged."""
    def register(function: RuleFunction) -> RuleFunction:
        known = _REGISTRY.get(name)
        if known is not None and known.function is not function:
            raise RuleOrderError(f"rule {name!r} is registered twice")
        _ORDERED.clear()
        _REGISTRY[name] = Rule(name, stage, produces, tuple(after), function, (function.__doc__ or "").strip())
        return function
    return register


def registered(stage: str | None = None) -> list[Rule]:
    """The registered rules (of one stage), in registration order."""
    return [r for r in _REGISTRY.values() if stage is None or r.stage == stage]


def get_rule(name: str) -> Rule:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise RuleOrderError(f"no rule named {name!r}") from None


def ordered(stage: str) -> list[Rule]:
    """The rules of `stage` in an order where every rule runs after the rules it reads (stable topological order).

    Computed once per stage (the sentence stage runs once per sentence) and again after any registration."""
    known = _ORDERED.get(stage)
    if known is None:
        known = _ORDERED[stage] = _ordered(stage)
    return list(known)


def _ordered(stage: str) -> list[Rule]:
    rules = registered(stage)
    names = {r.name for r in rules}
    for r in rules:
        for dependency in r.after:
            if dependency not in names:
                raise RuleOrderError(f"rule {r.name!r} runs after {dependency!r}, "
                                     f"which is not a rule of stage {stage!r}")
    done: list[Rule] = []
    placed: set[str] = set()
    pending = list(rules)
    while pending:
        ready = [r for r in pending if all(d in placed for d in r.after)]
        if not ready:
            raise RuleOrderError("rules wait on each other: " + ", ".join(sorted(r.name for r in pending)))
        first = ready[0]
        done.append(first)
        placed.add(first.name)
        pending.remove(first)
    return done


def run_stage(stage: str, doc: Any, timings: dict[str, float] | None = None) -> dict[str, tuple[Any, ...]]:
    """Run every rule of `stage` on `doc` in declared order; return each rule's results by rule name.

    Each rule sees only the results of the rules it declared in `after`.  With `timings`, the seconds each rule
    took are added to it (the benchmark and `tools/` use this to find slow rules)."""
    results: dict[str, tuple[Any, ...]] = {}
    for r in ordered(stage):
        inputs = {name: results[name] for name in r.after}
        started = time.perf_counter() if timings is not None else 0.0
        out = tuple(r.function(doc, inputs))
        if timings is not None:
            timings[r.name] = timings.get(r.name, 0.0) + time.perf_counter() - started
        for item in out:
            if not isinstance(item, r.produces):
                raise TypeError(f"rule {r.name!r} produced {type(item).__name__}, declared {r.produces!r}")
        results[r.name] = out
    return results


def run_rule(name: str, doc: Any, inputs: Mapping[str, tuple[Any, ...]] | None = None) -> tuple[Any, ...]:
    """Run one registered rule alone (for tests): `inputs` gives the results it declared in `after`."""
    r = get_rule(name)
    given = dict(inputs or {})
    missing = [d for d in r.after if d not in given]
    if missing:
        raise RuleOrderError(f"rule {name!r} needs the results of {', '.join(missing)}")
    return tuple(r.function(doc, {d: given[d] for d in r.after}))
