"""Scoring extraction against gold annotations (the `eval` command).

Matching rules (also printed by `refugee-ld eval --help`):
- Entities match per document when the types agree and a normalised form of the gold entity (its name or an
  alias it has in the text) equals a normalised form of the predicted one (its label or a surface it was
  found under); normalisation folds case, accents, quotes, punctuation and a leading "the".  Failing that, an
  Event/Instrument/Agency matches when one's content words all occur in the other's (at least two words).
  Each gold entity matches at most one prediction.
- Facts match when every field of the fact's key agrees, entities compared through the entity alignment:
  party_to (state, instrument, action, date), instrument_date (instrument, what, date), event (event, start,
  end, place), organised_by (event, organiser), participant (event, participant), event_adopted (event,
  instrument), population (place, group, count, date), holds_post (person, organisation).
- A date matches when the prediction, cut to the gold's precision, equals the gold date ("2011-03-15" matches
  gold "2011-03"); a gold null date needs a null prediction.
- Gold spellings are normalised when read: instrument_date `what` entry_into_force/entry into force ->
  entered_into_force, adoption -> adopted, signature -> signed; population groups asylum_seekers/asylum seekers
  -> asylum-seekers, stateless_persons -> stateless, idps -> other.
- Per rule: every distinct predicted fact counts as a true or false positive for each rule that produced it
  (rules have no recall: a missed fact belongs to no rule).  `--split dev|test|all` reads each gold file's
  "split" field (a file without one is development data).  A document without a sidecar takes its
  author_state and document_date from its gold file.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .factspec import Slot
from .records import ENTITY_TYPES, DateValue, Document, Extraction, kind_of
from .records import FACT_KINDS as _DECLARED
from .text.names import normalise

FACT_KINDS = tuple(_DECLARED)  # the gold's kinds, in the order the table prints them
_STOP = {"the", "of", "on", "and", "for", "in", "to", "a", "an", "at", "un", "united", "nations"}


def _content(name: str) -> set[str]:
    return {w.rstrip("s") for w in normalise(name).split() if w not in _STOP}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Report:
    entities: dict[str, Score] = field(default_factory=dict)
    facts: dict[str, Score] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    rules: dict[str, Score] = field(default_factory=dict)  # per extraction rule: tp and fp only

    def total(self, part: dict[str, Score]) -> Score:
        total = Score()
        for score in part.values():
            total.add(score)
        return total

    def as_dict(self) -> dict[str, Any]:
        def row(s: Score) -> dict[str, Any]:
            return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
        return {"entities": {k: row(v) for k, v in sorted(self.entities.items())},
                "entities_total": row(self.total(self.entities)),
                "facts": {k: row(v) for k, v in sorted(self.facts.items())},
                "facts_total": row(self.total(self.facts)),
                "rules": {k: {"tp": v.tp, "fp": v.fp, "precision": round(v.precision, 4)}
                          for k, v in sorted(self.rules.items())}}

    def table(self) -> str:
        lines = [f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]

        def add(name: str, s: Score) -> None:
            lines.append(f"{name:<22}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>5}{s.fp:>5}{s.fn:>5}")
        lines.append("entities")
        for key in ENTITY_TYPES:
            if key in self.entities:
                add("  " + key, self.entities[key])
        add("  total", self.total(self.entities))
        lines.append("facts")
        for key in FACT_KINDS:
            if key in self.facts:
                add("  " + key, self.facts[key])
        add("  total", self.total(self.facts))
        overall = Score()
        overall.add(self.total(self.entities))
        overall.add(self.total(self.facts))
        add("all", overall)
        if self.rules:
            lines.append("rules (precision of the distinct facts each rule produced)")
            for key in sorted(self.rules):
                r = self.rules[key]
                lines.append(f"  {key:<34}{r.precision:>7.3f}{r.tp:>5}{r.fp:>5}")
        return "\n".join(lines)


SPLITS = ("dev", "test", "all")


class GoldError(ValueError):
    """A gold file that cannot be read; `path` names it."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def normalise_gold_fact(fact: dict[str, Any]) -> dict[str, Any]:
    """The annotators' synonyms (each kind's vocabularies declare them) mapped onto the extractor's spellings."""
    fact = dict(fact)
    name = fact.get("kind")
    kind = _DECLARED.get(name) if isinstance(name, str) else None
    for slot in kind.slots if kind else ():
        if slot.vocab is not None and slot.vocab.synonyms and isinstance(fact.get(slot.gold_name), str):
            fact[slot.gold_name] = slot.vocab.normal(fact[slot.gold_name])
    return fact


def load_gold(*directories: Path, split: str = "all") -> dict[str, dict[str, Any]]:
    """Gold files (searched recursively) keyed by document file name, keeping those of `split`.

    A file without a "split" field counts as development data (the seeds' gold has none).
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    gold: dict[str, dict[str, Any]] = {}
    for directory in directories:
        for path in sorted(directory.rglob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise GoldError(path, f"not a readable JSON gold file ({exc})") from None
            if not isinstance(data, dict) or not isinstance(data.get("facts", []), list) or \
                    not isinstance(data.get("entities", []), list):
                raise GoldError(path, "a gold file is a JSON object with 'entities' and 'facts' lists")
            if split != "all" and data.get("split", "dev") != split:
                continue
            for i, fact in enumerate(data.get("facts", [])):
                if not isinstance(fact, dict) or fact.get("kind") not in FACT_KINDS:
                    raise GoldError(path, f"fact {i + 1} has no known kind")
            data = dict(data, facts=[normalise_gold_fact(f) for f in data.get("facts", [])])
            gold[data.get("document") or path.stem] = data
    return gold


def _date_ok(gold: str | None, pred: DateValue | None) -> bool:
    if gold is None:
        return pred is None
    return pred is not None and len(pred.iso) >= len(gold) and pred.iso[:len(gold)] == gold


@dataclass
class _Aligned:
    names: dict[str, str]  # predicted key -> gold name (or its own label when unmatched)


def _align(gold_entities: list[dict[str, Any]], extraction: Extraction, labels: dict[str, str],
           report: Report, doc: str) -> _Aligned:
    names: dict[str, str] = {}
    predicted = [e for e in extraction.entities]
    used: set[int] = set()
    for etype in ENTITY_TYPES:
        score = report.entities.setdefault(etype, Score())
        golds = [g for g in gold_entities if g["type"] == etype]
        preds = [p for p in predicted if p.type == etype]
        pred_forms = {p.key: {normalise(x) for x in (p.label, labels.get(p.key, p.label), *p.aliases)} for p in preds}
        matched_pred: set[str] = set()
        for gi, g in enumerate(golds):
            forms = {normalise(x) for x in [g["name"], *g.get("aliases_in_text", [])]}
            hit = next((p for p in preds if p.key not in matched_pred and forms & pred_forms[p.key]), None)
            if hit is None and etype in ("Event", "Instrument", "Agency"):
                gold_sets = [c for c in (_content(x) for x in forms) if len(c) >= 2]
                hit = next((p for p in preds if p.key not in matched_pred and any(
                    (a <= b or b <= a) for a in gold_sets for b in (_content(x) for x in pred_forms[p.key])
                    if len(b) >= 2)), None)
            if hit is None:
                score.fn += 1
                report.errors.append(f"{doc}\tmissed entity\t{etype}\t{g['name']}")
                continue
            matched_pred.add(hit.key)
            names[hit.key] = g["name"]
            used.add(gi)
            score.tp += 1
        for p in preds:
            if p.key not in matched_pred:
                score.fp += 1
                report.errors.append(f"{doc}\tspurious entity\t{etype}\t{labels.get(p.key, p.label)}")
                names[p.key] = labels.get(p.key, p.label)
    return _Aligned(names)


def _gold_value(slot: Slot, f: dict[str, Any]) -> Any:
    if slot.role == "entity":
        return None if slot.optional and not f.get(slot.gold_name) else normalise(f[slot.gold_name])
    return int(f[slot.gold_name]) if slot.role == "count" else f[slot.gold_name]


def _gold_key(kind: str, f: dict[str, Any]) -> tuple:
    """The gold fact's key fields, as the kind declares them (entities normalised)."""
    if kind not in _DECLARED:
        raise ValueError(kind)
    return tuple(_gold_value(slot, f) for slot in _DECLARED[kind].key_slots)


def _gold_dates(kind: str, f: dict[str, Any]) -> tuple[str | None, ...]:
    return tuple(f.get(slot.gold_name) for slot in _DECLARED[kind].date_slots)


def _pred_facts(extraction: Extraction, name: dict[str, str]) -> list[tuple[str, tuple, tuple, str]]:
    return [p[:4] for p in _pred_facts_with_rules(extraction, name)]


def _pred_facts_with_rules(extraction: Extraction, name: dict[str, str]) -> list[tuple[str, tuple, tuple, str, str]]:
    """Predicted facts in the gold's terms, each with the rule that produced it."""
    return [(*p, f.rule or "unnamed") for p, f in zip(_pred_rows(extraction, name), extraction.facts)]


def _pred_rows(extraction: Extraction, name: dict[str, str]) -> list[tuple[str, tuple, tuple, str]]:
    """(kind, key fields, dates, quote) of every predicted fact, entities named as the alignment names them."""
    def n(key: str | None) -> str | None:
        return normalise(name.get(key, key)) if key else None

    out: list[tuple[str, tuple, tuple, str]] = []
    for f in extraction.facts:
        kind = kind_of(f)
        key = tuple(n(getattr(f, s.name)) if s.role == "entity" else getattr(f, s.name) for s in kind.key_slots)
        out.append((kind.name, key, tuple(getattr(f, s.name) for s in kind.date_slots), f.evidence.exact))
    return out


def score_document(gold: dict[str, Any], extraction: Extraction, labels: dict[str, str], report: Report) -> None:
    doc = extraction.document.doc_id
    aligned = _align(gold.get("entities", []), extraction, labels, report, doc)
    predicted = _pred_facts_with_rules(extraction, aligned.names)
    seen: dict[tuple, int] = {}
    unique: list[tuple[str, tuple, tuple, str]] = []
    rules: list[list[str]] = []  # the rules behind each distinct prediction
    for p in predicted:
        marker = (p[0], p[1], tuple(d.iso if d else None for d in p[2]))
        if marker not in seen:
            seen[marker] = len(unique)
            unique.append(p[:4])
            rules.append([])
        if p[4] not in rules[seen[marker]]:
            rules[seen[marker]].append(p[4])
    used: set[int] = set()
    for f in gold.get("facts", []):
        kind = f["kind"]
        score = report.facts.setdefault(kind, Score())
        key, dates = _gold_key(kind, f), _gold_dates(kind, f)
        hit = next((i for i, p in enumerate(unique) if i not in used and p[0] == kind and p[1] == key and
                    all(_date_ok(g, d) for g, d in zip(dates, p[2]))), None)
        if hit is None:
            score.fn += 1
            report.errors.append(f"{doc}\tmissed {kind}\t{key} {dates}\t{f.get('quote', '')[:120]!r}")
        else:
            used.add(hit)
            score.tp += 1
    for i, row in enumerate(unique):
        for rule in rules[i]:
            rule_score = report.rules.setdefault(rule, Score())
            if i in used:
                rule_score.tp += 1
            else:
                rule_score.fp += 1
        if i in used:
            continue
        report.facts.setdefault(row[0], Score()).fp += 1
        dates = tuple(d.iso if d else None for d in row[2])
        report.errors.append(f"{doc}\tspurious {row[0]}\t{row[1]} {dates}\t{row[3][:120]!r}\t[{', '.join(rules[i])}]")


def coverage(gold: dict[str, dict[str, Any]], extractions: Iterable[Extraction]) -> tuple[list[str], list[str]]:
    """(documents without a gold file, gold files without a document): both are left out of the scores."""
    documents = {x.document.doc_id for x in extractions}
    return sorted(documents - set(gold)), sorted(set(gold) - documents)


def evaluate(gold: dict[str, dict[str, Any]], extractions: Iterable[Extraction], labels: dict[str, str]) -> Report:
    """Score every extraction that has a gold file; documents without gold are skipped."""
    report = Report()
    for extraction in extractions:
        g = gold.get(extraction.document.doc_id)
        if g is not None:
            score_document(g, extraction, labels, report)
    return report


def gold_metadata(document: Document, gold: dict[str, Any], has_sidecar: bool) -> Document:
    """A document without a sidecar takes its speaker's state and its date from the gold file.

    Corpora such as the UN General Debate come without sidecars; the annotators recorded who speaks and when,
    and the extractor needs both (who "we" is; dates relative to the speech).
    """
    if has_sidecar:
        return document
    changes: dict[str, Any] = {}
    state = gold.get("author_state")
    if isinstance(state, str) and state.strip() and not document.author_state:
        changes["author_state"] = state.strip()
    date = gold.get("document_date")
    if isinstance(date, str) and re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", date):
        changes["date"] = DateValue(date)
    return replace(document, **changes) if changes else document


def select_inputs(paths: list[Path], gold: dict[str, dict[str, Any]]) -> tuple[list[Path], list[str], list[str]]:
    """The input files that have gold, the input names without gold, and the gold documents with no input."""
    names = {p.name for p in paths}
    scored = [p for p in paths if p.name in gold]
    return scored, sorted(names - set(gold)), sorted(set(gold) - names)



@dataclass
class EvalRun:
    report: Report
    warnings: list[str]
    documents: int


def evaluate_paths(gold_dirs: list[Path], inputs: list[Path], split: str = "all", data_dir: Path | None = None,
                   jobs: int = 1, show_progress: bool | None = None) -> EvalRun:
    """Extract the input documents that have gold in `split` and score them (the `eval` command).

    Only documents with gold are extracted (a corpus folder of thousands of speeches costs nothing extra);
    inputs without gold and gold without input are reported as warnings.
    """
    from .pipeline import extract_documents
    from .text.loading import SIDECAR_SUFFIX, collect_inputs, load_document

    gold = load_gold(*gold_dirs, split=split)
    paths, no_gold, no_input = select_inputs(collect_inputs(inputs), gold)
    warnings: list[str] = []
    if no_gold:
        shown = ", ".join(no_gold[:5]) + (f" and {len(no_gold) - 5} more" if len(no_gold) > 5 else "")
        warnings.append(f"{len(no_gold)} input documents have no gold in split {split!r} and are not scored: {shown}")
    if no_input:
        shown = ", ".join(no_input[:5]) + (f" and {len(no_input) - 5} more" if len(no_input) > 5 else "")
        warnings.append(f"{len(no_input)} gold documents are not among the inputs: {shown}")
    documents = []
    for path in paths:
        sidecar = path.with_name(path.name.rsplit(".", 1)[0] + SIDECAR_SUFFIX)
        documents.append(gold_metadata(load_document(path), gold[path.name], sidecar.exists()))
    extractions = extract_documents(documents, data_dir, jobs, show_progress)
    labels = {e.key: e.label for x in extractions for e in x.entities}
    return EvalRun(evaluate(gold, extractions, labels), warnings, len(extractions))
