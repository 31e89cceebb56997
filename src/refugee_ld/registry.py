"""The curated entity registry (data/registry/*.json): names, aliases, codes and reference facts.

The registry is the source of truth for the IRIs of known entities; extraction only adds what it
cannot find here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .records import Entity
from .text.names import fold, slugify  # noqa: F401  (re-exported: callers import them from here)

TYPE_FILES = {"State": "states.json", "Agency": "agencies.json", "Instrument": "instruments.json",
              "Place": "places.json", "Person": "persons.json"}


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
    """The registry in `directory`; a user's --data-dir without registry/ uses the packaged one."""
    if not directory.is_dir():
        directory = default_data_dir() / "registry"
    return _load_registry_cached(str(directory.resolve()))


@lru_cache(maxsize=4)
def _load_registry_cached(directory: str) -> Registry:
    registry = Registry()
    used: set[str] = set()
    for type_, file_name in TYPE_FILES.items():
        path = Path(directory) / file_name
        if not path.exists():
            continue
        for record in _read_records(path):
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


def _read_records(path: Path) -> list[dict[str, Any]]:
    """One registry file, checked enough that a broken user registry is a one-line error, not a traceback."""
    from .text.loading import InputError

    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = getattr(exc, "strerror", None) or " ".join(str(exc).split())[:200]
        raise InputError(path, f"registry file is not valid UTF-8 JSON ({reason})") from None
    if not isinstance(records, list):
        raise InputError(path, "registry file must hold a JSON list of entries")
    for n, record in enumerate(records):
        if not isinstance(record, dict) or not isinstance(record.get("name"), str) or not record["name"].strip():
            raise InputError(path, f"entry {n + 1} has no \"name\" string")
        for list_key in ("aliases", "abbreviations", "adjectives"):
            value = record.get(list_key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(path, f"entry {n + 1} ({record['name']}): \"{list_key}\" must be a list of strings")
    return records


def default_data_dir() -> Path:
    """The curated data: the installed package's data/ (importlib.resources) or the checkout's data/."""
    from .resources import data_dir

    return data_dir()
