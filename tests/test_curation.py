"""Curation files: parsing (hostile rows give file:line errors), applying decisions, and builds that obey them."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from refugee_ld.extraction.curation import CurationError, apply_curation, read_curation, read_curation_file
from refugee_ld.rdf.mapping import fact_key
from refugee_ld.pipeline import build, extract_corpus
from refugee_ld.records import EventRole, TreatyAction

SEED_000 = "000_b9e8a782b5b9ea0b.txt"
SEED_001 = "001_72f53a979c33644e.txt"
HEADER = "action\tfact\tkind\tdocument\tfields\tquote\tstart\tend\tby\tdate\tnote\n"
PREFIXES = ("PREFIX rld: <https://w3id.org/refugee-ld/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
            "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
            "PREFIX dcterms: <http://purl.org/dc/terms/> ")


def row(**cells: str) -> str:
    return "\t".join(cells.get(c, "") for c in HEADER.strip().split("\t")) + "\n"


@pytest.fixture(scope="module")
def seeds(data_dir):
    return extract_corpus([data_dir / "documents"], data_dir)


def _write(tmp_path: Path, text: str, name: str = "c.tsv") -> Path:
    folder = tmp_path / "curation"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("text, reason", [
    ("action\tfact\tby\n", "header lacks the column 'date'"),
    ("action\twho\tby\tdate\n", "unknown column 'who'"),
    (HEADER + row(action="delete", fact="fact/0123456789abcdef", by="A", date="2026-01-01"), "action 'delete'"),
    (HEADER + row(action="reject", fact="fact/0123", by="A", date="2026-01-01"), "is not a fact IRI"),
    (HEADER + row(action="reject", fact="fact/0123456789abcdef", date="2026-01-01"), "'by' (who decided) is empty"),
    (HEADER + row(action="reject", fact="fact/0123456789abcdef", by="A", date="2026-13-01"), "not a day"),
    (HEADER + row(action="correct", fact="fact/0123456789abcdef", by="A", date="2026-01-01"), "needs fields"),
    (HEADER + row(action="add", kind="party", document=SEED_000, by="A", date="2026-01-01"), "kind 'party'"),
    (HEADER + row(action="add", kind="population", document="../x.txt", by="A", date="2026-01-01"),
     "not a document file name"),
    (HEADER + row(action="add", kind="population", document=SEED_000, fields="place=Kazakhstan", quote="x",
                  by="A", date="2026-01-01"), "needs the field 'group'"),
    (HEADER + row(action="add", kind="population", document=SEED_000, fields="place=Kazakhstan;colour=red",
                  quote="x", by="A", date="2026-01-01"), "unknown field 'colour'"),
    (HEADER + row(action="add", kind="participant", document=SEED_000, fields="event=x;value=y", by="A",
                  date="2026-01-01"), "needs its quote"),
    (HEADER + row(action="add", kind="participant", document=SEED_000, fields="event=x;value=y", quote="q",
                  start="3", by="A", date="2026-01-01"), "give both start and end"),
    (HEADER + "reject\tfact/0123456789abcdef\t\t\t\t\t\t\tA\t2026-01-01\t\textra\n", "cells but the header"),
])
def test_bad_rows_name_file_and_line(tmp_path, text, reason):
    folder = _write(tmp_path, text)
    with pytest.raises(CurationError) as err:
        read_curation(folder)
    message = str(err.value)
    assert reason in message and str(folder / "c.tsv") in message
    assert len(message.splitlines()) == 1


def test_line_numbers_count_comments_and_blank_lines(tmp_path):
    text = "# curated by hand\n\n" + HEADER + row(action="reject", fact="fact/0123456789abcdef", by="A",
                                                  date="2026-01-01") + row(action="accept", fact="x", by="A",
                                                                           date="2026-01-01")
    with pytest.raises(CurationError, match=r"c\.tsv:5: fact 'x'"):
        read_curation(_write(tmp_path, text))


def test_missing_folder_means_no_decisions_and_not_utf8_is_an_error(tmp_path):
    assert read_curation(tmp_path / "none") == []
    folder = tmp_path / "curation"
    folder.mkdir()
    (folder / "bad.tsv").write_bytes(b"action\tby\tdate\n\xff\n")
    with pytest.raises(CurationError, match="bad.tsv: not valid UTF-8"):
        read_curation(folder)


def test_full_iri_or_path_and_quote_escapes(tmp_path):
    text = HEADER + row(action="reject", fact="https://example.org/kg/fact/0123456789abcdef", by="  Ann  Lee ",
                        date="2026-01-02") + row(action="add", kind="participant", document=SEED_000,
                                                 fields="event=e; value=v", quote="a\\nb\\tc\\\\", by="B",
                                                 date="2026-01-02")
    reject, add = read_curation_file(_write(tmp_path, text) / "c.tsv")
    assert reject.fact == "fact/0123456789abcdef" and reject.by == "Ann Lee" and reject.source == "c.tsv:2"
    assert add.quote == "a\nb\tc\\" and add.fields == (("event", "e"), ("value", "v"))


def _first(seeds, doc_id, cls):
    extraction = next(x for x in seeds if x.document.doc_id == doc_id)
    return extraction, next(f for f in extraction.facts if isinstance(f, cls))


def test_apply_reject_correct_accept_add(tmp_path, seeds, registry):
    _, treaty = _first(seeds, SEED_001, TreatyAction)
    x000, role = _first(seeds, SEED_000, EventRole)
    quote = "OSCE Summit in Astana in December 2010"
    start = x000.document.text.index(quote)
    text = HEADER + row(action="reject", fact=fact_key(SEED_001, treaty), by="A", date="2026-01-01") + row(
        action="correct", fact=fact_key(SEED_000, role), fields="value=state/kazakhstan", by="B",
        date="2026-01-01") + row(
        action="add", kind="population", document=SEED_000, fields="place=Kazakhstan; group=asylum_seekers; "
        "count=1,234; approximate=yes; date=2010-12", quote=quote, start=str(start), end=str(start + len(quote)),
        by="C", date="2026-01-01") + row(action="reject", fact="fact/0123456789abcdef", by="A", date="2026-01-01")
    result = apply_curation(seeds, read_curation(_write(tmp_path, text)), registry)
    after = {x.document.doc_id: x for x in result.extractions}
    assert treaty not in after[SEED_001].facts
    assert role not in after[SEED_000].facts
    corrected = [f for f in after[SEED_000].facts if isinstance(f, EventRole) and f.event == role.event
                 and f.value == "state/kazakhstan" and f.evidence == role.evidence]
    assert corrected and corrected[0] in result.curated
    added = [f for f in after[SEED_000].facts if f.rule == "curation.added"]
    assert len(added) == 1
    fig = added[0]
    assert (fig.place, fig.group, fig.count, fig.approximate, fig.date.iso) == (
        "state/kazakhstan", "asylum-seekers", 1234, True, "2010-12")
    assert x000.document.text[fig.evidence.start:fig.evidence.end] == fig.evidence.exact == quote
    assert sorted(a.decision.action for a in result.applied) == ["add", "correct", "reject"]
    assert any("fact/0123456789abcdef" in note and "no such fact" in note for note in result.notes)
    confidence = result.confidence(lambda f: 0.5)
    assert confidence(fig) == 1.0 and confidence(after[SEED_001].facts[0]) in (0.5, 1.0)


@pytest.mark.parametrize("cells, reason", [
    ({"quote": "not in the text at all"}, "the quote does not occur in"),
    ({"quote": "the", "start": "", "end": ""}, "give start and end"),
    ({"quote": "Kazakhstan", "start": "0", "end": "10"}, "is not the text between 0 and 10"),
    ({"quote": "x", "start": "5", "end": "99999999"}, "outside the document"),
    ({"fields": "place=Atlantis;group=refugees;count=3"}, "no State or Place named 'Atlantis'"),
    ({"fields": "place=agency/unhcr;group=refugees;count=3"}, "expected State or Place"),
    ({"fields": "place=Kazakhstan;group=aliens;count=3"}, "group 'aliens' is not one of"),
    ({"fields": "place=Kazakhstan;group=refugees;count=many"}, "count 'many' is not a whole number"),
    ({"fields": "place=Kazakhstan;group=refugees;count=3;date=May 2010"}, "is not YYYY"),
])
def test_added_facts_are_checked_against_text_and_registry(tmp_path, seeds, registry, cells, reason):
    base = {"action": "add", "kind": "population", "document": SEED_000, "by": "A", "date": "2026-01-01",
            "fields": "place=Kazakhstan;group=refugees;count=3", "quote": "OSCE Summit in Astana"}
    folder = _write(tmp_path, HEADER + row(**{**base, **cells}))
    with pytest.raises(CurationError) as err:
        apply_curation(seeds, read_curation(folder), registry, folder)
    assert reason in str(err.value) and "c.tsv:2" in str(err.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), min_size=1,
                max_size=11))
def test_hostile_rows_raise_curation_errors_only(tmp_path, cells):
    folder = tmp_path / "h"
    folder.mkdir(exist_ok=True)
    (folder / "h.tsv").write_text(HEADER + "\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells) + "\n",
                                  encoding="utf-8")
    try:
        read_curation(folder)
    except CurationError as exc:
        assert "h.tsv" in str(exc)


def _store(out: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(out / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def _ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(PREFIXES + query, use_default_graph_as_union=True))


def test_build_applies_curation_and_rejections_survive_rebuilds(tmp_path, seeds):
    _, treaty = _first(seeds, SEED_001, TreatyAction)
    rejected = "https://w3id.org/refugee-ld/id/" + fact_key(SEED_001, treaty)
    quote = "OSCE Summit in Astana in December 2010"
    text = HEADER + row(action="reject", fact=rejected, by="Ann Lee", date="2026-11-23", note="not in the text") + \
        row(action="add", kind="participant", document=SEED_000, fields="event=event/osce-summit; value=Kazakhstan",
            quote=quote, by="Ann Lee", date="2026-11-23")
    folder = _write(tmp_path, text)
    for run in (1, 2):  # the rules produce the rejected fact again at every build; it stays out
        out = tmp_path / f"dist{run}"
        result = build(out_dir=out, curation_dir=folder, show_progress=False)
        assert result.conforms
        store = _store(out)
        assert not _ask(store, f"ASK {{ <{rejected}> ?p ?o }}")
        assert _ask(store, f"""ASK {{ GRAPH <https://w3id.org/refugee-ld/id/graph/curation> {{
            ?d a rld:CurationDecision ; rld:decision rld:Rejected ; rld:target <{rejected}> ;
               prov:wasAssociatedWith ?who ; dcterms:date "2026-11-23"^^<http://www.w3.org/2001/XMLSchema#date> .
            ?who a prov:Agent ; foaf:name "Ann Lee" }} }}""")
        assert _ask(store, f"""ASK {{ GRAPH <https://w3id.org/refugee-ld/id/document/000_b9e8a782b5b9ea0b.txt> {{
            ?claim a rld:EventClaim ; rld:event <https://w3id.org/refugee-ld/id/event/osce-summit> ;
                   rld:role rld:participant ; rld:value <https://w3id.org/refugee-ld/id/state/kazakhstan> ;
                   rld:confidence 1.0 ; prov:wasAttributedTo ?who ; prov:wasGeneratedBy ?d ; rld:evidence ?ev .
            ?ev oa:exact "{quote}" ; prov:wasAttributedTo ?who .
            <https://w3id.org/refugee-ld/id/event/osce-summit> rld:participant
                <https://w3id.org/refugee-ld/id/state/kazakhstan> }}
            ?who foaf:name "Ann Lee" . ?d rld:decision rld:Added }}""")
    assert (tmp_path / "dist1" / "dataset.nq").read_bytes() == (tmp_path / "dist2" / "dataset.nq").read_bytes()


def test_bad_curation_stops_the_build_before_writing(tmp_path):
    folder = _write(tmp_path, HEADER + row(action="reject", fact="nope", by="A", date="2026-01-01"))
    with pytest.raises(CurationError, match=r"c\.tsv:2"):
        build(out_dir=tmp_path / "out", curation_dir=folder, show_progress=False)
    assert not (tmp_path / "out").exists()


def test_cli_build_reports_a_bad_row_in_one_line(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    folder = _write(tmp_path, HEADER + row(action="add", kind="population", document=SEED_000,
                                           fields="place=Kazakhstan;group=refugees;count=3", quote="no such words",
                                           by="A", date="2026-01-01"))
    r = subprocess.run([sys.executable, "-m", "refugee_ld", "build", "--out", str(tmp_path / "out"), "--curation",
                        str(folder)], capture_output=True, text=True, cwd=root,
                       env={"CI": "1", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == f"error: {folder / 'c.tsv'}:2: the quote does not occur in {SEED_000}"
    assert not (tmp_path / "out").exists()
