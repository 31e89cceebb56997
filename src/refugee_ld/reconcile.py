"""Wikidata reconciliation: links from the on-disk cache (offline) -- the client lives in wikidata.py."""
from __future__ import annotations

import csv
from pathlib import Path

LINKS_FILE = "links.tsv"


def accepted_links(data_dir: Path) -> list[tuple[str, str]]:
    """Accepted (entity key, QID) pairs written by `refugee-ld reconcile`; overrides win over the cache."""
    path = data_dir / "wikidata" / LINKS_FILE
    if not path.exists():
        return []
    links: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"):
            if row.get("key") and row.get("qid"):
                links.append((row["key"], row["qid"]))
    return links
