"""The build pipeline as a Python API: load -> extract (parallel) -> coreference -> map -> validate -> write.

The CLI is a thin layer over these functions; a notebook can call them directly.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from .coref import resolve_corpus
from .extract import extract
from .lexicon import load_lexicon
from .loading import collect_inputs, load_document
from .records import Extraction
from .registry import default_data_dir, load_registry

T = TypeVar("T")


def _extract_path(args: tuple[str, str]) -> Extraction:
    path, data_dir = args
    data = Path(data_dir)
    return extract(load_document(Path(path)), load_registry(data / "registry"), load_lexicon(data))


def progress(items: Iterable[T], total: int, label: str, enabled: bool | None = None) -> Iterator[T]:
    """A one-line bar on a terminal; silent when piped or in CI."""
    if enabled is None:
        enabled = sys.stderr.isatty() and not os.environ.get("CI")
    done = 0
    for item in items:
        done += 1
        if enabled:
            width = 30
            filled = int(width * done / max(total, 1))
            sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stderr.flush()
        yield item
    if enabled:
        sys.stderr.write("\n")


def extract_corpus(inputs: list[Path], data_dir: Path | None = None, jobs: int = 1,
                   show_progress: bool | None = None) -> list[Extraction]:
    """Extract every document (in `jobs` processes), then resolve coreference across the corpus.

    Documents are read before any work starts, so an unreadable file fails the build up front (InputError).
    """
    data_dir = data_dir or default_data_dir()
    paths = collect_inputs(inputs)
    for path in paths:  # validate every input before spending time on any
        load_document(path)
    tasks = [(str(p), str(data_dir)) for p in paths]
    if jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(progress(pool.map(_extract_path, tasks, chunksize=max(1, len(tasks) // (jobs * 8))),
                                    len(tasks), "extract", show_progress))
    else:
        results = list(progress(map(_extract_path, tasks), len(tasks), "extract", show_progress))
    return resolve_corpus(results)


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    documents: int
    triples: int
    conforms: bool
    files: tuple[str, ...]


Callback = Callable[[str], None]
