"""Incremental rebuilds: after a few documents change, patch the previous generation instead of rebuilding it.

A full build with a cache folder records `IncrementalState` beside the extraction cache: each document's
cache key and coreference summary, the corpus keys, each document's validation findings, the VoID counts
and which generation (files, sizes, times) it wrote.  The next build with the same code, data and settings
then works on the difference only (`rebuild`):

1. documents whose key changed, added or removed are extracted (cache) and summarised; coreference runs
   again over all summaries (cheap), and documents whose entities' keys or labels moved are mapped again too;
2. those documents are mapped, checked and validated per document; the global validation pass runs on
   the recorded findings of the others;
3. each dump of the previous generation is patched (rdf/patch.py): N-Quads lines removed and inserted, the
   documents' TriG graphs replaced, and in the union dumps (N-Triples, Turtle, JSON-LD) the blocks of every
   subject the change touches re-rendered from its statements in the new N-Quads (so a statement another
   document also gives stays); VoID is updated from the differences of those subjects' statements.

Whatever this cannot do exactly -- changed code, data, settings or shared graphs, curation decisions, a
missing or modified previous generation, a term error, a per-document split the validator refuses --
raises `Fallback`, and the caller runs the full build (which records a fresh state).
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .rdf.void import VoidCounts

STATE_FILE = "incremental-state.pickle"
MAX_CHANGED = 0.2  # above this share of changed documents a full build is as fast: do that


class Fallback(Exception):
    """An incremental rebuild cannot promise a clean build's bytes here; the reason says why."""


@dataclass
class IncrementalState:
    """What the next build needs of this one (see the module docstring)."""

    fingerprint: str
    generation: str
    files: dict[str, tuple[int, int]]
    doc_ids: list[str]
    doc_keys: list[str]
    summaries: list
    keys: tuple[dict, dict]
    findings: list | None
    void: VoidCounts
    schemes: set[str] = field(default_factory=set)
    stats: dict[str, tuple] = field(default_factory=dict)  # input path -> file_signature when its key was made


def file_signature(path: Path) -> tuple:
    """What changes when a document or its sidecar is rewritten (size, time in ns, inode); None: unreadable.

    A document whose signature is the recorded one is not read again: its recorded key stands.  The
    signature is taken before the document is read, so an edit during a build shows at the next one."""
    from .text.loading import sidecar_path

    try:
        stat = path.stat()
        side = sidecar_path(path)
        extra = side.stat() if side.exists() else None
    except OSError:
        return ()
    sig = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    return sig + ((extra.st_size, extra.st_mtime_ns, extra.st_ino) if extra else (None,))


def input_signatures(settings: Any) -> dict[str, tuple]:
    """Every input's signature, or {} when documents depend on more than their own files (a metadata CSV,
    lenient checks, followed links) or the inputs cannot be listed (the build then says why)."""
    from .text.loading import collect_inputs

    options = settings.options
    if options is not None and (options.metadata or options.lenient or options.follow_symlinks):
        return {}
    try:
        paths = collect_inputs(settings.inputs, False, lambda message: None)
    except Exception:  # noqa: BLE001 - the load stage reports it
        return {}
    return {str(path): file_signature(path) for path in paths}


def settings_fingerprint(settings: Any, code: str) -> str:
    """The code and data fingerprint plus every setting that changes the bytes of the output."""
    digest = hashlib.sha256(code.encode())
    digest.update(repr((settings.base, settings.validate, str(settings.data_dir))).encode())
    shapes = settings.shapes_dir
    if settings.validate:
        from .rdf.validation import default_shapes_dir

        shapes = shapes or default_shapes_dir()
        for path in sorted(Path(shapes).glob("*")):
            if path.is_file():
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def file_stats(folder: Path) -> dict[str, tuple[int, int]]:
    from .outputs import OUTPUT_FILES

    out = {}
    for name in OUTPUT_FILES:
        stat = (folder / name).stat()
        out[name] = (stat.st_size, stat.st_mtime_ns)
    return out


def state_path(cache_dir: Path) -> Path:
    return cache_dir / STATE_FILE


def save_state(cache_dir: Path, state: IncrementalState) -> None:
    """Atomically (a temporary file renamed into place); a disk error only costs the next build its shortcut."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-state-", dir=cache_dir)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, state_path(cache_dir))
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        pass


def forget_state(cache_dir: Path) -> None:
    """Remove the record before a build changes the output, so a crash cannot leave a stale one behind."""
    with contextlib.suppress(OSError):
        state_path(cache_dir).unlink()


def load_state(cache_dir: Path, fingerprint: str, out_dir: Path) -> IncrementalState:
    """The recorded state, if it is this build's and its generation is still the current, untouched one."""
    from .generations import current

    try:
        with state_path(cache_dir).open("rb") as handle:
            state = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError,
            ValueError) as exc:
        raise Fallback(f"no usable record of the previous build ({type(exc).__name__})") from None
    if not isinstance(state, IncrementalState) or state.fingerprint != fingerprint:
        raise Fallback("code, data or settings changed since the previous build")
    folder = current(out_dir)
    if str(folder) != state.generation:
        raise Fallback("the output folder is not the generation the previous build wrote")
    try:
        if file_stats(folder) != state.files:
            raise Fallback("the previous generation's files were modified")
    except OSError:
        raise Fallback("the previous generation's files are missing") from None
    return state


class Recorder:
    """Collects a full build's state stage by stage (pipeline.run_stages calls `after`), for `save_state`."""

    def __init__(self, settings: Any) -> None:
        from .extraction.cache import ExtractionCache

        self.settings = settings
        self.cache = ExtractionCache.open(settings.cache_dir, settings.data_dir)
        self.fingerprint = settings_fingerprint(settings, self.cache.fingerprint)
        self.doc_ids: list[str] = []
        self.doc_keys: list[str] = []
        self.summaries: list = []
        self.keys: tuple[dict, dict] = ({}, {})
        self.findings: list | None = None
        self.ok = True
        self.void: VoidCounts | None = None
        self.schemes: set[str] = set()
        self.stats = input_signatures(settings)

    def after(self, name: str, state: Any) -> None:
        if name == "load":
            self.ok = not state.curation[1]  # curation decisions: every rebuild is a full one
            state.keep_findings = True
            self.doc_ids = [d.doc_id for d in state.documents]
            self.doc_keys = [self.cache.key(d) for d in state.documents]
        elif name == "coreference":
            self.summaries, self.keys = list(state.summaries), state.keys
        elif name == "map" and state.validation is not None:
            v = state.validation
            self.findings = list(v.kept or ())
            if v.plan is None or v.whole_graph or len(self.findings) != len(self.doc_ids):
                self.ok = False
        elif name == "write":
            self.void, self.schemes = state.dumps.void, set(state.dumps.schemes)

    def save(self, out_dir: Path) -> None:
        from .generations import current

        if not self.ok or self.void is None:
            return
        folder = current(out_dir)
        save_state(self.settings.cache_dir, IncrementalState(
            self.fingerprint, str(folder), file_stats(folder), self.doc_ids, self.doc_keys, self.summaries,
            self.keys, self.findings, self.void, self.schemes, self._stats()))

    def _stats(self) -> dict[str, tuple]:
        """The signatures of the documents loaded, by path (the signatures taken before they were read)."""
        names = {Path(path).name: path for path in self.stats}
        if len(names) != len(self.stats) or set(names) != set(self.doc_ids):
            return {}
        return {names[doc_id]: self.stats[names[doc_id]] for doc_id in self.doc_ids}
