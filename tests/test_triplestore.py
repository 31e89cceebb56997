"""The persistent store: loaded once, reused until the dump changes, stale stores and killed loads pruned."""
import shutil

import pyoxigraph as ox
import pytest

from refugee_ld.text.loading import InputError
from refugee_ld.rdf.triplestore import ensure_store, fingerprint


def test_store_is_reused_until_the_dump_changes(seed_build, tmp_path):
    dist = tmp_path / "dist"
    shutil.copytree(seed_build.out_dir, dist)
    (tmp_path / "store").mkdir()
    leftover = tmp_path / "store" / ".loading-abc-999999999"
    leftover.mkdir()
    first, loaded = ensure_store(dist, tmp_path / "store")
    assert loaded and not leftover.exists()
    again, loaded_again = ensure_store(dist, tmp_path / "store")
    assert again == first and not loaded_again
    with (dist / "graph.nt").open("a", encoding="utf-8") as handle:
        handle.write('<https://example.org/x> <https://example.org/p> "changed" .\n')
    changed, reloaded = ensure_store(dist, tmp_path / "store")
    assert reloaded and changed != first and not first.exists()
    store = ox.Store.read_only(str(changed))
    assert bool(store.query('ASK { <https://example.org/x> ?p "changed" }'))
    # the default graph is graph.nt (each triple once); the document graphs are named graphs
    default = len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    lines = sum(1 for line in (dist / "graph.nt").open(encoding="utf-8") if line.strip())
    assert default == lines
    assert any("/document/" in g.value for g in store.named_graphs())


def test_missing_or_broken_dump(tmp_path):
    with pytest.raises(InputError, match="graph.nt"):
        fingerprint(tmp_path)
    (tmp_path / "graph.nt").write_text("<a:b> <a:b> .\n")
    (tmp_path / "dataset.nq").write_text("")
    with pytest.raises(InputError, match="not valid RDF"):
        ensure_store(tmp_path, tmp_path / "store")
    assert not any(p.name.startswith(".loading-") for p in (tmp_path / "store").iterdir())
