"""A persistent on-disk Oxigraph store of a built dump, loaded once and reused until the dump changes.

The store holds `graph.nt` as its default graph (the union of the document graphs, each triple once) and the
named graphs of `dataset.nq`, so queries without `GRAPH` see set semantics and `GRAPH ?g` asks which document
says what. Each loaded store lives in a folder named by the dump's fingerprint; loading goes to a temporary
folder that is renamed into place, so a killed load never leaves a half-filled store behind.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from ..text.loading import InputError

DUMP_FILES = ("graph.nt", "dataset.nq")
STAMP = "refugee-ld-store.json"
_CHUNK = 1 << 20


def fingerprint(data_dir: Path) -> str:
    """SHA-256 over the dump files the store is made from (names and bytes)."""
    digest = hashlib.sha256()
    for name in DUMP_FILES:
        path = data_dir / name
        if not path.is_file():
            raise InputError(data_dir, f"no {name} here (run `refugee-ld build` first)")
        digest.update(name.encode() + b"\0")
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def ensure_store(data_dir: Path, store_dir: Path) -> tuple[Path, bool]:
    """The folder of a store holding `data_dir`'s dump, and whether it had to be (re)loaded now."""
    import pyoxigraph as ox

    key = fingerprint(data_dir)
    target = store_dir / key[:20]
    stamp = target / STAMP
    if stamp.is_file():
        try:
            if json.loads(stamp.read_text(encoding="utf-8")).get("fingerprint") == key:
                return target, False
        except (OSError, ValueError):
            pass
    store_dir.mkdir(parents=True, exist_ok=True)
    loading = store_dir / f".loading-{key[:20]}-{os.getpid()}"
    shutil.rmtree(loading, ignore_errors=True)
    try:
        store = ox.Store(str(loading))
        store.bulk_load(path=str(data_dir / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
        store.bulk_load(path=str(data_dir / "graph.nt"), format=ox.RdfFormat.N_TRIPLES,
                        to_graph=ox.DefaultGraph())
        store.flush()
        store.optimize()
        del store
        (loading / STAMP).write_text(json.dumps({"fingerprint": key, "source": str(data_dir.resolve())}),
                                     encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        os.replace(loading, target)
    except (SyntaxError, ValueError) as exc:
        raise InputError(data_dir, f"the dump is not valid RDF: {' '.join(str(exc).split())}") from None
    finally:
        shutil.rmtree(loading, ignore_errors=True)
    _prune(store_dir, keep=target)
    return target, True


def _prune(store_dir: Path, keep: Path) -> None:
    """Remove stores of older dumps and loads a killed process left behind."""
    for child in store_dir.iterdir():
        if child == keep or not child.is_dir():
            continue
        if (child / STAMP).is_file() or (child.name.startswith(".loading-") and not _alive(child.name)):
            shutil.rmtree(child, ignore_errors=True)


def _alive(loading_name: str) -> bool:
    """Whether the process that started a `.loading-<key>-<pid>` folder still runs."""
    try:
        os.kill(int(loading_name.rsplit("-", 1)[1]), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
