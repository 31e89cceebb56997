import json

import pytest

from refugee_ld.loading import InputError, collect_inputs, load_document
from refugee_ld.records import DateValue


def test_sidecar_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Some text 2011.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "T", "date": "2011-03", "publisher": "P",
                                                      "source": "https://example.org/a"}), encoding="utf-8")
    doc = load_document(tmp_path / "a.txt")
    assert (doc.title, doc.date, doc.publisher, doc.source) == ("T", DateValue("2011-03"), "P", "https://example.org/a")


def test_date_from_text_without_sidecar(tmp_path):
    (tmp_path / "b.txt").write_text("Headline\n\n21.09.2016\nBody.", encoding="utf-8")
    assert load_document(tmp_path / "b.txt").date == DateValue("2016-09-21")


def test_bad_inputs_name_the_file(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="latin1.txt: not valid UTF-8"):
        load_document(bad)
    with pytest.raises(InputError, match="no such file"):
        collect_inputs([tmp_path / "missing.txt"])
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unsupported file type"):
        collect_inputs([tmp_path / "c.pdf"])
    (tmp_path / "d.txt").write_text("x", encoding="utf-8")
    (tmp_path / "d.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="d.meta.json"):
        load_document(tmp_path / "d.txt")


def test_folders_are_walked_in_a_stable_order(tmp_path):
    for name in ("b.txt", "a.md", "c.html", "a.meta.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in collect_inputs([tmp_path])] == ["a.md", "b.txt", "c.html"]
