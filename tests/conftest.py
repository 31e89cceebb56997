"""Shared fixtures: the project's curated data and one real build of the seed corpus per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from refugee_ld.lang.lexicon import load_lexicon
from refugee_ld.pipeline import build
from refugee_ld.registry import default_data_dir, load_registry

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return default_data_dir()


@pytest.fixture(scope="session")
def registry(data_dir):
    return load_registry(data_dir / "registry")


@pytest.fixture(scope="session")
def lexicon(data_dir):
    return load_lexicon(data_dir)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    result = build(out_dir=out, jobs=1, show_progress=False)
    return result


def make_doc(text: str, doc_id: str = "test.txt", date: str | None = None):
    from refugee_ld.records import DateValue, Document
    return Document(doc_id=doc_id, text=text, date=DateValue(date) if date else None)
