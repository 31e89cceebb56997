"""Links to Wikidata in one place: curated (by hand), reconciled (by `refugee-ld reconcile`), overrides.

All files live under DATA_DIR/wikidata/ and are read with no network:
- curated.tsv    label, type, QID checked by hand against public sources;
- links.tsv      accepted links written by `refugee-ld reconcile`;
- overrides.tsv  hand decisions (`accept`, `reject`, `set`) that win over both.
This module sits below both the build (which adds the links to the graph) and reconciliation (which must not
relink what is settled), so neither imports the other.
"""
from __future__ import annotations

import csv
from pathlib import Path

from ..registry import Registry

CURATED_FILE = "curated.tsv"
LINKS_FILE = "links.tsv"
OVERRIDES_FILE = "overrides.tsv"


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line; `#` lines are comments; a missing file has none."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def accepted_links(data_dir: Path) -> list[tuple[str, str]]:
    """Accepted (entity key, QID) pairs written by `refugee-ld reconcile` (read by build, no network)."""
    return [(row["key"], row["qid"]) for row in read_tsv(data_dir / "wikidata" / LINKS_FILE)
            if row.get("key") and row.get("qid")]


def read_overrides(data_dir: Path) -> dict[str, dict[str, str]]:
    """Hand decisions by entity key: {"decision": accept | reject | set, "qid": QID or ""}."""
    out: dict[str, dict[str, str]] = {}
    for row in read_tsv(data_dir / "wikidata" / OVERRIDES_FILE):
        decision = (row.get("decision") or "").strip().lower()
        if row.get("key") and decision in ("accept", "reject", "set"):
            out[row["key"].strip()] = {"decision": decision, "qid": (row.get("qid") or "").strip()}
    return out


def hand_curated(data_dir: Path, registry: Registry) -> list[tuple[str, str]]:
    """(entity key, QID) from curated.tsv, its labels resolved through the registry."""
    links: list[tuple[str, str]] = []
    curated = data_dir / "wikidata" / CURATED_FILE
    if curated.exists():
        for line in curated.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("label\t"):
                continue
            label, type_, qid = (line.split("\t") + ["", "", ""])[:3]
            key = registry.lookup(type_.strip(), label.strip())
            if key and qid.strip():
                links.append((key, qid.strip()))
    return links


def curated_links(data_dir: Path, registry: Registry) -> list[tuple[str, str]]:
    """Every link the build adds: curated first, then reconciled, then the overrides applied; sorted by key."""
    out: dict[str, str] = {}
    for key, qid in hand_curated(data_dir, registry) + accepted_links(data_dir):
        out.setdefault(key, qid)
    for key, o in read_overrides(data_dir).items():  # hand decisions win over curated and reconciled links
        if o["decision"] == "reject" and (not o["qid"] or out.get(key) == o["qid"]):
            out.pop(key, None)
        elif o["decision"] in ("set", "accept") and o["qid"]:
            out[key] = o["qid"]
    return sorted(out.items())


def curated_keys(data_dir: Path, registry: Registry) -> dict[str, str]:
    """Links reconciliation must not redo: `curated_links` without the ones reconciliation itself wrote."""
    links = dict(curated_links(data_dir, registry))
    for key, _ in accepted_links(data_dir):
        links.pop(key, None)  # curated_links also returns reconciled ones; keep only hand-curated here
    return links
