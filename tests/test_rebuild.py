"""Incremental rebuilds (rebuild.py, incremental.py): after a change, an addition and a removal of one document
the patched generation is byte-identical to a clean build; anything it cannot vouch for falls back."""
from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from refugee_ld import pipeline
from refugee_ld.incremental import Fallback, Recorder, load_state, settings_fingerprint, state_path
from refugee_ld.pipeline import build, build_settings
from refugee_ld.registry import default_data_dir

FILES = ("graph.ttl", "graph.nt", "dataset.nq", "dataset.trig", "graph.jsonld", "void.ttl", "validation.ttl",
         "context.jsonld")
MAKE_CORPUS = next((p / "shared" / "bench" / "make_corpus.py" for p in Path(__file__).resolve().parents
                    if (p / "shared" / "bench" / "make_corpus.py").exists()), Path("shared/bench/make_corpus.py"))


def differing(a: Path, b: Path) -> list[str]:
    return [name for name in FILES if not filecmp.cmp(a / name, b / name, shallow=False)]


def rebuild_and_compare(tmp_path: Path, corpus: Path, validate: bool = True) -> bool:
    """Build with the cache into `out`, build clean into `clean`: the files must agree; True if it patched."""
    cache = tmp_path / "cache"
    full = []
    original = pipeline.run_stages

    def counted(*args, **kwargs):
        full.append(1)
        return original(*args, **kwargs)

    pipeline.run_stages = counted
    try:
        build([corpus], out_dir=tmp_path / "out", cache_dir=cache, validate=validate, show_progress=False)
    finally:
        pipeline.run_stages = original
    shutil.rmtree(tmp_path / "clean", ignore_errors=True)
    build([corpus], out_dir=tmp_path / "clean", validate=validate, show_progress=False)
    assert differing(tmp_path / "out", tmp_path / "clean") == []
    assert state_path(cache).exists()
    return not full


def change_add_remove(tmp_path: Path, corpus: Path, validate: bool = True) -> None:
    assert not rebuild_and_compare(tmp_path, corpus, validate)  # the first build is a full one
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    changed = files[len(files) // 2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nUzbekistan acceded to the 1954 Convention in 2024.\n",
                       encoding="utf-8")
    assert rebuild_and_compare(tmp_path, corpus, validate)
    added = corpus / "zz-added.txt"
    added.write_text(files[0].read_text(encoding="utf-8").replace("Convention", "Protocol", 2), encoding="utf-8")
    assert rebuild_and_compare(tmp_path, corpus, validate)
    files[1].unlink()
    meta = files[1].with_suffix(".meta.json")
    if meta.exists():
        meta.unlink()
    assert rebuild_and_compare(tmp_path, corpus, validate)
    sidecars = sorted(corpus.glob("*.meta.json"))
    if sidecars:  # only the metadata file changes: the document is read again all the same
        text = sidecars[-1].read_text(encoding="utf-8")
        sidecars[-1].write_text(text.replace('"title": "', '"title": "Revised: ', 1), encoding="utf-8")
        assert '"title": "Revised: ' in sidecars[-1].read_text(encoding="utf-8")
        assert rebuild_and_compare(tmp_path, corpus, validate)


def test_seeds_change_add_remove_are_byte_identical(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(default_data_dir() / "documents", corpus)
    change_add_remove(tmp_path, corpus)


def test_without_validation(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(default_data_dir() / "documents", corpus)
    change_add_remove(tmp_path, corpus, validate=False)


@pytest.mark.skipif(not MAKE_CORPUS.exists(), reason="needs ../shared/bench/make_corpus.py")
def test_generated_corpus(tmp_path):
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(tmp_path / "corpus"), "60"], check=True)
    change_add_remove(tmp_path, tmp_path / "corpus")


def test_a_modified_generation_or_other_settings_fall_back(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(default_data_dir() / "documents", corpus)
    cache = tmp_path / "cache"
    build([corpus], out_dir=tmp_path / "out", cache_dir=cache, show_progress=False)
    settings = build_settings([corpus], out_dir=tmp_path / "out", cache_dir=cache, jobs=1, validate=True)
    fingerprint = settings_fingerprint(settings, Recorder(settings).cache.fingerprint)
    assert load_state(cache, fingerprint, tmp_path / "out").doc_ids
    with pytest.raises(Fallback):
        load_state(cache, fingerprint + "x", tmp_path / "out")  # other code, data or settings
    with (tmp_path / "out" / "graph.nt").open("a", encoding="utf-8") as out:
        out.write("<https://example.org/s> <https://example.org/p> <https://example.org/o> .\n")
    with pytest.raises(Fallback):
        load_state(cache, fingerprint, tmp_path / "out")
    assert not rebuild_and_compare(tmp_path, corpus)  # a full build repairs it, and records a new state
