"""Incremental rebuilds: cached extractions give dumps byte-identical to a clean build after any change."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from refugee_ld.extraction.cache import ExtractionCache, code_fingerprint
from refugee_ld.pipeline import build, extract_corpus
from refugee_ld.registry import default_data_dir

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "documents"
EXTRA = ROOT / "tests" / "corpus" / "kyrgyz_news.txt"
DUMPS = ("graph.ttl", "graph.nt", "dataset.nq", "dataset.trig", "graph.jsonld", "void.ttl")


def dumps(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in DUMPS}


def clean_build(corpus: Path, out: Path) -> dict[str, bytes]:
    build([corpus], out_dir=out, validate=False, show_progress=False)
    return dumps(out)


def cached_build(corpus: Path, out: Path, cache: Path) -> dict[str, bytes]:
    build([corpus], out_dir=out, validate=False, show_progress=False, cache_dir=cache)
    return dumps(out)


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_rebuilds_after_change_addition_and_removal_equal_clean_builds(corpus, tmp_path):
    cache = tmp_path / "cache"
    assert cached_build(corpus, tmp_path / "a", cache) == clean_build(corpus, tmp_path / "clean-a")
    # unchanged corpus: every document comes from the cache
    stats = ExtractionCache.open(cache, default_data_dir())
    extract_corpus([corpus], show_progress=False, cache_dir=cache)
    for document in sorted(corpus.glob("*.txt")):
        from refugee_ld.text.loading import load_document
        assert stats.get(load_document(document)) is not None
    assert stats.hits == 5 and stats.misses == 0
    # one document changed: only it misses, and the result equals a clean build
    changed = corpus / "002_adb1bb14aa2d7c78.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nKyrgyzstan acceded to the 1954 Convention in 2021.\n",
                       encoding="utf-8")
    assert cached_build(corpus, tmp_path / "b", cache) == clean_build(corpus, tmp_path / "clean-b")
    # a document added, another removed
    shutil.copy(EXTRA, corpus / EXTRA.name)
    (corpus / "003_d476d3b4c04e2724.txt").unlink()
    (corpus / "003_d476d3b4c04e2724.meta.json").unlink(missing_ok=True)
    assert cached_build(corpus, tmp_path / "c", cache) == clean_build(corpus, tmp_path / "clean-c")


def test_metadata_is_part_of_the_key(corpus, tmp_path):
    cache = tmp_path / "cache"
    cached_build(corpus, tmp_path / "a", cache)
    sidecar = corpus / "000_b9e8a782b5b9ea0b.meta.json"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("2011", "2012"), encoding="utf-8")
    assert cached_build(corpus, tmp_path / "b", cache) == clean_build(corpus, tmp_path / "clean")


def test_curated_data_and_code_change_the_fingerprint(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data, ignore=shutil.ignore_patterns("documents"))
    before = code_fingerprint(data)
    assert code_fingerprint(data) == before
    lexicon = data / "lexicon.json"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert code_fingerprint(data) != before
    (data / "documents").mkdir()
    (data / "documents" / "new.txt").write_text("the corpus is not part of the fingerprint")
    after = code_fingerprint(data)
    (data / "documents" / "new.txt").write_text("still not")
    assert code_fingerprint(data) == after


def test_old_generations_pruned_and_broken_entries_are_misses(corpus, tmp_path):
    cache = tmp_path / "cache"
    stale = cache / ("0" * 24)
    stale.mkdir(parents=True)
    extractions = extract_corpus([corpus], show_progress=False, cache_dir=cache)
    assert not stale.exists()
    entries = sorted(cache.rglob("*.pickle"))
    assert len(entries) == 5
    entries[0].write_bytes(b"not a pickle")
    fresh = ExtractionCache.open(cache, default_data_dir())
    got = [fresh.get(e.document) for e in extractions]
    assert fresh.misses == 1 and fresh.hits == 4 and sum(g is None for g in got) == 1


def test_the_spill_file_gives_back_every_extraction_in_order_by_batch(tmp_path):
    from refugee_ld.extraction.cache import ExtractionSpill, read_extractions

    extractions = extract_corpus([SEEDS])
    with ExtractionSpill(tmp_path) as spill:
        for x in extractions:
            spill.append(x)
    assert len(spill) == len(extractions)
    assert [x for span in spill.spans(2) for x in read_extractions(span)] == extractions == list(spill)
    assert [count for _, _, count in spill.spans(2)] == [2, 2, 1][:len(spill.spans(2))]
