"""A cache of per-document extractions, so a rebuild re-extracts only the documents that changed.

An entry is keyed by the SHA-256 of everything extraction depends on: the document record itself (text and
metadata, through its dataclass repr), the code of the package, the curated data it reads (registry, lexicon,
language data: every file of the data folder except the corpus) and the Python version. Change any of these
and the key changes, so a stale entry is never used; the global steps (coreference, mapping, validation,
writing) always run again, which keeps a cached build byte-identical to a clean one.

Entries are pickles of `Extraction` records, written atomically. The cache is the user's own local data (the
same trust as the source tree); an unreadable entry counts as a miss. Entries of an older code fingerprint
are removed when a build with a new fingerprint opens the cache.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..records import Document, Extraction

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the refugee_ld package: its code is part of the cache key
SKIPPED_DATA = ("documents",)
_CHUNK = 1 << 20


def _hash_tree(digest: hashlib._Hash, root: Path, skip_top: tuple[str, ...] = ()) -> None:
    if not root.is_dir():
        return
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root)
        if relative.parts[0] in skip_top or "__pycache__" in relative.parts or path.suffix == ".pyc":
            continue
        digest.update(str(relative).encode("utf-8") + b"\0")
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        digest.update(b"\0")


def code_fingerprint(data_dir: Path) -> str:
    """SHA-256 of the package's files, the curated data (not the corpus) and the Python version."""
    digest = hashlib.sha256(sys.version.encode("utf-8") + b"\0")
    _hash_tree(digest, PACKAGE_DIR)
    _hash_tree(digest, data_dir, SKIPPED_DATA)
    return digest.hexdigest()


@dataclass
class ExtractionCache:
    """Extractions on disk under `folder/<fingerprint>/<key[:2]>/<key>.pickle`; counts hits and misses."""

    folder: Path
    fingerprint: str
    hits: int = 0
    misses: int = 0
    _pruned: bool = field(default=False, repr=False)

    @classmethod
    def open(cls, folder: Path, data_dir: Path) -> ExtractionCache:
        return cls(folder, code_fingerprint(data_dir))

    @property
    def generation(self) -> Path:
        return self.folder / self.fingerprint[:24]

    def key(self, document: Document) -> str:
        return hashlib.sha256(self.fingerprint.encode() + repr(document).encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, document: Document) -> Path:
        key = self.key(document)
        return self.generation / key[:2] / f"{key}.pickle"

    def get(self, document: Document) -> Extraction | None:
        path = self._path(document)
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError,
                ValueError):
            self.misses += 1
            return None
        if not isinstance(value, Extraction) or value.document != document:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, extraction: Extraction) -> None:
        """Store one extraction atomically (a temporary file renamed into place); disk errors are not fatal."""
        self._prune_old_generations()
        path = self._path(extraction.document)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    pickle.dump(extraction, out, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, path)
            finally:
                if os.path.exists(temporary):
                    os.unlink(temporary)
        except OSError:
            pass

    def _prune_old_generations(self) -> None:
        if self._pruned:
            return
        self._pruned = True
        if not self.folder.is_dir():
            return
        for child in self.folder.iterdir():
            if child.is_dir() and child != self.generation:
                shutil.rmtree(child, ignore_errors=True)

    def summary(self) -> str:
        return f"extraction cache: {self.hits} reused, {self.misses} extracted"


class ExtractionSpill:
    """A build's extractions on disk in document order (one pickle each), so the parent does not hold the corpus
    between extraction and mapping: the map stage's workers read their batches back by offset (`read`)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "extractions.pickle"
        self._out = open(self.path, "wb")  # noqa: SIM115 (closed by close(), when the build's stack unwinds)
        self.offsets: list[int] = []

    def __enter__(self) -> ExtractionSpill:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.offsets)

    def append(self, extraction: Extraction) -> None:
        self.offsets.append(self._out.tell())
        pickle.dump(extraction, self._out, protocol=pickle.HIGHEST_PROTOCOL)

    def close(self) -> None:
        """Done writing: what was appended is then readable by any process."""
        self._out.close()

    def spans(self, size: int) -> list[tuple[str, int, int]]:
        """(file, offset, count) of consecutive batches of `size` documents."""
        return [(str(self.path), self.offsets[i], min(size, len(self.offsets) - i))
                for i in range(0, len(self.offsets), size)]

    def __iter__(self) -> Iterator[Extraction]:
        for path, offset, count in self.spans(64):
            yield from read_extractions((path, offset, count))


def read_extractions(span: tuple[str, int, int]) -> list[Extraction]:
    """`count` extractions from `offset` of a spill file (what one batch of the map stage reads)."""
    path, offset, count = span
    with open(path, "rb") as handle:
        handle.seek(offset)
        return [pickle.load(handle) for _ in range(count)]
