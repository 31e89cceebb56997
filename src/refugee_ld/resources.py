"""Where the curated files live: package data in an installed wheel, the checkout's folders in development.

The top-level `ontology/`, `shapes/` and `data/` folders of the repository are the source of truth.  Building
a wheel maps them into the package (`refugee_ld/ontology`, `refugee_ld/shapes`, `refugee_ld/data`; see
`[tool.setuptools.package-dir]` in pyproject.toml), so an installed `refugee-ld` reads them through
`importlib.resources` wherever it runs.  An editable install or a source checkout has no such copies inside
`src/refugee_ld/`; there the same files are read from the checkout itself.  No file is ever duplicated in git.

A user's own registry and corpus come from `--data-dir DIR` (same layout as `data/`: `registry/*.json`,
`documents/`, optional `lexicon.json` and `wikidata/`); what DIR lacks falls back to the packaged files.
"""
from __future__ import annotations

import importlib.resources
from pathlib import Path

RESOURCES = ("data", "ontology", "shapes")
ONTOLOGY_FILE = "refugee-ld.ttl"


class ResourceMissing(RuntimeError):
    """The installation lacks its package data (a broken install); the CLI reports it in one line."""


def _checkout_root() -> Path | None:
    """The repository root when running from a checkout (src layout), else None."""
    package = Path(__file__).resolve().parent
    root = package.parent.parent
    if package.parent.name == "src" and (root / "pyproject.toml").is_file():
        return root
    return None


def resource_dir(name: str) -> Path:
    """The folder `name` (data, ontology or shapes): packaged copy first, then the checkout's."""
    if name not in RESOURCES:
        raise ValueError(f"unknown resource folder {name!r}")
    packaged = importlib.resources.files("refugee_ld") / name
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    root = _checkout_root()
    if root is not None and (root / name).is_dir():
        return root / name
    raise ResourceMissing(f"refugee-ld's {name}/ folder is missing from the installation "
                          f"(looked in {packaged} and the source checkout); reinstall the package")


def data_dir() -> Path:
    """Packaged curated data: registry/, lexicon.json, wikidata/, documents/ (the default corpus)."""
    return resource_dir("data")


def shapes_dir() -> Path:
    return resource_dir("shapes")


def ontology_file() -> Path:
    return resource_dir("ontology") / ONTOLOGY_FILE


def is_packaged(path: Path) -> bool:
    """True when `path` lies inside the installed package (site-packages), where nothing should be written."""
    package = Path(str(importlib.resources.files("refugee_ld"))).resolve()
    try:
        path.resolve().relative_to(package)
    except ValueError:
        return False
    return _checkout_root() is None
