import json
import os
import re

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refugee_ld.text import loading
from refugee_ld.text.loading import (InputError, check_fields, collect_inputs, iri_problem, load_document,
                                read_metadata_csv)
from refugee_ld.records import DateValue


def test_sidecar_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Some text 2011.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "T", "date": "2011-03", "publisher": "P",
                                                      "source": "https://example.org/a", "author_state": "KZ"}),
                                          encoding="utf-8")
    doc = load_document(tmp_path / "a.txt")
    assert (doc.title, doc.date, doc.publisher, doc.source) == ("T", DateValue("2011-03"), "P", "https://example.org/a")
    assert doc.author_state == "KZ"


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


# -- the metadata schema ------------------------------------------------------------------------------------

BAD_SIDECARS = [
    ('{"title": ["a", 1]}', "title", "a list"),
    ('{"title": 42}', "title", "a number"),
    ('{"title": NaN}', "title", "NaN"),
    ('{"title": -Infinity}', "title", "Infinity"),
    ('{"title": {"a": 1}}', "title", "an object"),
    ('{"title": "a\\ud800b"}', "title", "lone surrogate"),
    ('{"title": "line\\u0000break"}', "title", "U+0000"),
    ('{"language": "en\\"><script>"}', "language", "BCP 47"),
    ('{"language": "english language"}', "language", "BCP 47"),
    ('{"date": "2023-02-30"}', "date", "real calendar date"),
    ('{"date": "2023-13-45"}', "date", "no month 13"),
    ('{"date": "0000"}', "date", "year 0000"),
    ('{"date": "0000-01-01"}', "date", "year 0000"),
    ('{"date": "2023-1-5"}', "date", "YYYY"),
    ('{"date": "２０２３"}', "date", "YYYY"),
    ('{"date": 2023}', "date", "a number"),
    ('{"source": "https://example.org/a\\n<s> <p> <o> ."}', "source", "U+000A"),
    ('{"source": "https://example.org/a b"}', "source", "absolute IRI"),
    ('{"source": "example.org/page"}', "source", "absolute IRI"),
    ('{"source": "https:///nohost"}', "source", "no host"),
    ('{"source": "https://example.org/%zz"}', "source", "absolute IRI"),
    ('{"source": "https://example.org/{x}"}', "source", "absolute IRI"),
    ('{"publisher": "' + "p" * 501 + '"}', "publisher", "at most 500"),
    ('{"colour": "red"}', "colour", "unknown field"),
]


@pytest.mark.parametrize("content,field,reason", BAD_SIDECARS)
def test_invalid_sidecar_fields_name_file_and_field(tmp_path, content, field, reason):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_document(tmp_path / "a.txt")
    message = str(info.value)
    assert message.startswith(f"{tmp_path / 'a.meta.json'}: field '{field}'") and reason in message
    assert "\n" not in message
    warnings: list[str] = []
    doc = load_document(tmp_path / "a.txt", lenient=True, warn=warnings.append)  # lenient: warn, drop the field
    assert len(warnings) == 1 and f"field '{field}'" in warnings[0] and warnings[0].endswith("field dropped")
    assert doc.title == "Text." and doc.source is None and doc.language == "en"


@pytest.mark.parametrize("content,reason", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"title": "a", "title": "b"}', "appears twice"),
    ('["title"]', "JSON object"),
    ("{'title': 'x'}", "invalid metadata JSON"),
])
def test_malformed_sidecars_are_errors_even_when_lenient(tmp_path, content, reason):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(content, encoding="utf-8")
    for lenient in (False, True):
        with pytest.raises(InputError, match=reason):
            load_document(tmp_path / "a.txt", lenient=lenient)


def test_valid_values_pass(tmp_path):
    good = {"title": "Déclaration d'Almaty — 2011", "date": "2024-02-29", "language": "ru-Cyrl-KZ",
            "source": "https://例え.jp/報告?q=1#part", "publisher": "UNHCR", "author_state": "Kazakhstan"}
    assert check_fields(good, "x") == good
    for tag in ("en", "en-GB", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1901", "es-419", "en-US-x-twain", "i-klingon",
                "x-private"):
        assert check_fields({"language": tag}, "x") == {"language": tag}
    assert check_fields({"title": "  ", "date": None}, "x") == {}  # blank means absent


def test_size_limits_for_documents_and_sidecars(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("x" * 2000, encoding="utf-8")
    monkeypatch.setattr(loading, "MAX_DOCUMENT_BYTES", 1000)
    with pytest.raises(InputError, match=r"a.txt: the document is 0.0 MB, over the limit"):
        load_document(tmp_path / "a.txt")
    monkeypatch.setattr(loading, "MAX_DOCUMENT_BYTES", 10_000)
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "t" * 2_000_000}), encoding="utf-8")
    with pytest.raises(InputError, match="a.meta.json: the metadata file is 2.0 MB, over the limit of 1 MB"):
        load_document(tmp_path / "a.txt", lenient=True)


# -- encodings and the byte-order mark ------------------------------------------------------------------------

@pytest.mark.parametrize("data,reason", [
    ("Refugees in Almaty.".encode("utf-16-le"), "looks like UTF-16LE without a byte-order mark"),
    ("Refugees in Almaty.".encode("utf-16-be"), "looks like UTF-16BE without a byte-order mark"),
    ("Refugees".encode("utf-16"), "UTF-16LE (byte-order mark)"),
    (b"\xfe\xff\x00R", "UTF-16BE (byte-order mark)"),
    (b"Refugees\x00in Almaty", "contains a NUL character (byte 8)"),
    (b"\xc3\x28 broken", "not valid UTF-8 (byte 0)"),
    (b"\xed\xa0\x80 surrogate", "not valid UTF-8 (byte 0)"),
])
def test_text_that_is_not_utf8_is_refused(tmp_path, data, reason):
    (tmp_path / "a.txt").write_bytes(data)
    with pytest.raises(InputError, match=re.escape(reason)):
        load_document(tmp_path / "a.txt")


def test_a_leading_bom_is_no_text_and_offsets_count_after_it(tmp_path, data_dir, registry, lexicon):
    from refugee_ld.extraction.extract import extract

    seed = (data_dir / "documents" / "002_adb1bb14aa2d7c78.txt").read_text(encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + seed.encode("utf-8"))
    doc = load_document(tmp_path / "bom.txt")
    assert doc.text == seed and not doc.text.startswith("\ufeff")
    stored = (tmp_path / "bom.txt").read_text(encoding="utf-8-sig")  # how a reader gets the offsets' text
    extraction = extract(doc, registry, lexicon)
    evidences = [m.evidence for m in extraction.mentions] + [f.evidence for f in extraction.facts]
    assert len(evidences) > 20 and extraction.facts
    for ev in evidences:
        assert stored[ev.start:ev.end] == ev.exact and "\ufeff" not in ev.exact
    plain = extract(load_document(data_dir / "documents" / "002_adb1bb14aa2d7c78.txt"), registry, lexicon)
    assert [f.evidence.start for f in plain.facts] == [f.evidence.start for f in extraction.facts]


# -- the metadata CSV ----------------------------------------------------------------------------------------

def test_metadata_csv_overrides_sidecars(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": "Sidecar title", "publisher": "P"}', encoding="utf-8")
    table = tmp_path / "meta.csv"
    table.write_bytes("\ufefffile,title,date,author_state,source,language\n"
                      "a.txt,\"Statement, 2019\",2019-09-25,Kazakhstan,https://example.org/s,en\n"
                      "other.txt,,,,,\n".encode("utf-8"))
    rows = read_metadata_csv(table)
    assert rows["a.txt"]["title"] == "Statement, 2019" and rows["other.txt"] == {}
    doc = load_document(tmp_path / "a.txt", rows)
    assert (doc.title, doc.publisher, doc.date, doc.author_state, doc.source) == (
        "Statement, 2019", "P", DateValue("2019-09-25"), "Kazakhstan", "https://example.org/s")


@pytest.mark.parametrize("content,reason", [
    ("title,date\nx,2020\n", "the first row must name the columns, including 'file'"),
    ("file,colour\na.txt,red\n", "column 'colour': unknown column"),
    ("file,date\na.txt,2020\na.txt,2021\n", "line 3: field 'file': 'a.txt' is listed twice"),
    ("file,date\na.txt,2023-02-30\n", "line 2 (a.txt): field 'date': '2023-02-30' is not a real calendar date"),
    ("file,language\na.txt,\"en\"\"><script>\"\n", "line 2 (a.txt): field 'language'"),
    ("file,source\na.txt,\"https://x.org/a\nb\"\n", "line 2 (a.txt): field 'source'"),
    ("file,date\na.txt,2020,extra\n", "line 2: 3 cells where the first row has 2"),
    ("file,date\n../a.txt,2020\n", "field 'file': '../a.txt' must be a file name without folders"),
    ("file,date\n,2020\n", "field 'file': is empty"),
    ("file,title\na.txt,\"unterminated\n", "malformed CSV"),
])
def test_metadata_csv_errors_name_line_and_field(tmp_path, content, reason):
    table = tmp_path / "meta.csv"
    table.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_metadata_csv(table)
    assert str(info.value).startswith(str(table)) and reason in str(info.value), str(info.value)


def test_metadata_csv_lenient_drops_fields(tmp_path):
    table = tmp_path / "meta.csv"
    table.write_text("file,date,title,colour\na.txt,0000,Fine,red\n", encoding="utf-8")
    warnings: list[str] = []
    assert read_metadata_csv(table, lenient=True, warn=warnings.append) == {"a.txt": {"title": "Fine"}}
    assert len(warnings) == 2 and "column 'colour'" in warnings[0] and "field 'date'" in warnings[1]


# -- symbolic links and special files ---------------------------------------------------------------------------

def test_symlinks_leaving_the_inputs_are_not_followed(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "secret"
    corpus.mkdir()
    outside.mkdir()
    (outside / "env.txt").write_text("SECRET=1", encoding="utf-8")
    (corpus / "a.txt").write_text("A text.", encoding="utf-8")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "b.txt").write_text("B text.", encoding="utf-8")
    (corpus / "leak.txt").symlink_to(outside / "env.txt")
    (corpus / "inside.txt").symlink_to(corpus / "sub" / "b.txt")
    (corpus / "linked-dir").symlink_to(outside, target_is_directory=True)
    os.mkfifo(corpus / "fifo.txt")
    warnings: list[str] = []
    found = collect_inputs([corpus], warn=warnings.append)
    assert [p.name for p in found] == ["a.txt", "b.txt", "inside.txt"]
    assert any("leak.txt: a symbolic link to a file outside the input folders" in w for w in warnings)
    assert any("fifo.txt: not a regular file" in w for w in warnings)
    with pytest.raises(InputError, match="leak.txt: a symbolic link to a file outside"):
        collect_inputs([corpus / "leak.txt"])
    with pytest.raises(InputError, match="fifo.txt: not a regular file"):
        collect_inputs([corpus / "fifo.txt"])
    followed = collect_inputs([corpus], follow_symlinks=True, warn=warnings.append)
    assert [p.name for p in followed] == ["a.txt", "b.txt", "env.txt", "inside.txt", "leak.txt"]
    with pytest.raises(InputError, match="fifo.txt: not a regular file"):
        load_document(corpus / "fifo.txt")  # never blocks on a FIFO


def test_a_sidecar_linked_from_outside_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (tmp_path / "elsewhere.json").write_text('{"title": "x"}', encoding="utf-8")
    (corpus / "a.txt").write_text("Text.", encoding="utf-8")
    (corpus / "a.meta.json").symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(InputError, match="a.meta.json: a symbolic link to a file outside"):
        load_document(corpus / "a.txt", roots=(str(corpus.resolve()),))
    assert load_document(corpus / "a.txt", roots=(str(corpus.resolve()),), follow_symlinks=True).title == "x"


# -- properties: what the checks accept, real RDF libraries accept -------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz:/?#[]@!$&'()*+,;=%-._~ <>\"{}|\\^`\n"
                                             "éЖ例\u00a0\ue000\ufffe")), max_size=40))
def test_accepted_iris_are_valid_for_oxigraph(value):
    if iri_problem(value) is None:
        ox.NamedNode(value)  # raises on an invalid IRI


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[A-Za-z0-9\-\"<> ]{1,20}", fullmatch=True))
def test_accepted_language_tags_are_valid_for_oxigraph(tag):
    fields = check_fields({"language": tag}, "x", lenient=True, warn=lambda m: None)
    if fields:
        ox.Literal("x", language=fields["language"])


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", fullmatch=True))
def test_accepted_dates_are_real_dates(value):
    import datetime

    fields = check_fields({"date": value}, "x", lenient=True, warn=lambda m: None)
    if fields:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        datetime.date(*parts[:3])
        assert parts[0] >= 1
    else:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        with pytest.raises(ValueError):
            datetime.date(*parts[:3])
