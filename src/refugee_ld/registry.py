"""The curated entity registry (data/registry/*.json): names, aliases, codes and reference facts.

The registry is the source of truth for the IRIs of known entities; extraction only adds what it
cannot find here.
"""
from __future__ import annotations

import json
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .records import Entity

TYPE_FILES = {"State": "states.json", "Agency": "agencies.json", "Instrument": "instruments.json",
              "Place": "places.json", "Person": "persons.json"}


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Türkiye' and 'turkiye' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slugify(text: str, max_len: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text).replace("'", "")).strip("-")
    if len(slug) > max_len:
        # long names keep a readable prefix plus a digest of the whole, so two long names never collide
        digest = hashlib.sha1(slug.encode("utf-8")).hexdigest()[:8]
        slug = slug[:max_len - 9].rsplit("-", 1)[0] + "-" + digest
    return slug or "unnamed"


@dataclass(frozen=True)
class RegistryEntry:
    entity: Entity
    data: dict[str, Any]

    @property
    def key(self) -> str:
        return self.entity.key


@dataclass
class Registry:
    entries: dict[str, RegistryEntry] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)  # "Kazakh" -> state key
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, folded name/alias) -> key

    def get(self, key: str) -> RegistryEntry | None:
        return self.entries.get(key)

    def lookup(self, type_: str, name: str) -> str | None:
        return self.by_name.get((type_, fold(name)))

    def entities(self) -> list[Entity]:
        return [e.entity for e in self.entries.values()]

    def country_of(self, key: str) -> str | None:
        entry = self.entries.get(key)
        if entry is None or not entry.data.get("country"):
            return None
        return self.lookup("State", entry.data["country"])


def _entry_key(type_: str, record: dict[str, Any], used: set[str]) -> str:
    prefix = type_.lower()
    abbreviations = record.get("abbreviations") or []
    candidates = [abbreviations[0]] if abbreviations and type_ == "Agency" else []
    candidates.append(record["name"])
    for candidate in candidates:
        if not candidate:
            continue
        key = f"{prefix}/{slugify(candidate)}"
        if key not in used:
            return key
    n = 2
    while f"{prefix}/{slugify(record['name'])}-{n}" in used:
        n += 1
    return f"{prefix}/{slugify(record['name'])}-{n}"


def load_registry(directory: Path) -> Registry:
    return _load_registry_cached(str(directory.resolve()))


@lru_cache(maxsize=4)
def _load_registry_cached(directory: str) -> Registry:
    registry = Registry()
    used: set[str] = set()
    for type_, file_name in TYPE_FILES.items():
        path = Path(directory) / file_name
        if not path.exists():
            continue
        for record in json.loads(path.read_text(encoding="utf-8")):
            key = _entry_key(type_, record, used)
            used.add(key)
            aliases = tuple(dict.fromkeys(list(record.get("aliases", [])) + list(record.get("abbreviations", []))))
            entity = Entity(key=key, type=type_, label=record["name"], aliases=aliases,
                            kind=record.get("kind") or ("country" if type_ == "State" else None), from_registry=True)
            registry.entries[key] = RegistryEntry(entity, record)
            for name in (record["name"], *aliases):
                registry.by_name.setdefault((type_, fold(name)), key)
            for adjective in record.get("adjectives", []):
                registry.adjectives[adjective] = key
    return registry


def default_data_dir() -> Path:
    """`data/` of the checkout (the package lives in src/refugee_ld)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "data" / "registry").is_dir():
            return parent / "data"
    return Path.cwd() / "data"
