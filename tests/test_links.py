"""Curated, reconciled and override links read from one place; overrides win, curated beats reconciled."""
from __future__ import annotations

from refugee_ld.linking.links import accepted_links, curated_keys, curated_links, read_overrides
from refugee_ld.registry import load_registry


def _data(tmp_path, data_dir):
    (tmp_path / "wikidata").mkdir()
    (tmp_path / "wikidata" / "curated.tsv").write_text(
        "# hand-checked\nlabel\ttype\tqid\nKazakhstan\tState\tQ232\nNowhere\tState\tQ1\n", encoding="utf-8")
    (tmp_path / "wikidata" / "links.tsv").write_text(
        "# written by reconcile\nkey\tqid\tlabel\tscore\tmethod\nstate/kazakhstan\tQ999\tKazakhstan\t1\tlinked\n"
        "agency/unhcr\tQ131\tUNHCR\t1\tlinked\nstate/turkey\tQ43\tTurkey\t1\tlinked\n", encoding="utf-8")
    (tmp_path / "wikidata" / "overrides.tsv").write_text(
        "key\tdecision\tqid\nstate/turkey\treject\t\nstate/france\tset\tQ142\nagency/x\tmaybe\tQ5\n",
        encoding="utf-8")
    return load_registry(data_dir / "registry")


def test_curated_links_order_of_precedence(tmp_path, data_dir):
    registry = _data(tmp_path, data_dir)
    links = dict(curated_links(tmp_path, registry))
    assert links["state/kazakhstan"] == "Q232"  # curated beats reconciled
    assert links["agency/unhcr"] == "Q131"  # reconciled
    assert "state/turkey" not in links  # rejected by an override
    assert links["state/france"] == "Q142"  # set by an override
    assert list(links) == sorted(links)


def test_overrides_accept_only_known_decisions(tmp_path, data_dir):
    _data(tmp_path, data_dir)
    assert read_overrides(tmp_path) == {"state/turkey": {"decision": "reject", "qid": ""},
                                        "state/france": {"decision": "set", "qid": "Q142"}}
    assert ("agency/unhcr", "Q131") in accepted_links(tmp_path)


def test_curated_keys_leave_out_what_reconciliation_wrote(tmp_path, data_dir):
    registry = _data(tmp_path, data_dir)
    keys = curated_keys(tmp_path, registry)
    assert "agency/unhcr" not in keys and keys["state/france"] == "Q142"


def test_no_files_no_links(tmp_path, data_dir):
    assert curated_links(tmp_path, load_registry(data_dir / "registry")) == []
