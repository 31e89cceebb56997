"""File-name conventions (text/filenames.py): the UN General Debate names give speaker and year, nothing else does."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refugee_ld.extraction.mentions.registry_match import resolve_state
from refugee_ld.registry import default_data_dir, load_registry
from refugee_ld.text.filenames import default_conventions, name_metadata, parse_conventions
from refugee_ld.text.loading import load_document

UNGDC = Path(__file__).resolve().parents[2] / "shared" / "corpora"


@pytest.mark.parametrize(("name", "expected"), [
    ("GBR_71_2016.txt", {"author_state": "GBR", "date": "2016"}),
    ("BDI_46_1991.txt", {"author_state": "BDI", "date": "1991"}),
    ("USA_1_1946.txt", {"author_state": "USA", "date": "1946"}),
])
def test_general_debate_names_give_speaker_and_year(name: str, expected: dict[str, str]) -> None:
    assert name_metadata(name) == expected


@pytest.mark.parametrize("name", [
    "GBR_70_2016.txt",  # the session does not agree with the year: not the corpus's name
    "EU_66_2011.txt",  # the European Union is no state
    "gbr_71_2016.txt", "GBR_71_2016.md", "GBR_71_2016.txt.bak", "report_2016.txt", "ABCD_71_2016.txt",
    "doc-00001.txt", "statement-kenya.txt",
])
def test_other_names_give_nothing(name: str) -> None:
    assert name_metadata(name) == {}


@given(st.text(min_size=1, max_size=40))
def test_any_name_gives_fields_only_for_the_exact_shape(name: str) -> None:
    fields = name_metadata(name)
    if fields:
        code, session, year = name[:-4].split("_")
        assert fields == {"author_state": code, "date": year} and int(session) == int(year) - 1945


def test_every_code_a_convention_can_give_resolves_to_a_state_for_the_corpus() -> None:
    """The speakers' codes of the shipped corpus are ISO 3166 alpha-3 codes the registry knows."""
    registry = load_registry(default_data_dir() / "registry")
    for name in ["AFG_50_1995.txt", "KEN_79_2024.txt", "BGD_48_1993.txt", "COD_49_1994.txt"]:
        key = resolve_state(registry, name_metadata(name)["author_state"])
        assert key is not None and registry.entries[key].entity.type == "State"


def test_loading_uses_the_name_below_sidecar_and_table(tmp_path: Path) -> None:
    speech = tmp_path / "KEN_79_2024.txt"
    speech.write_text("Mr. President, we thank you. On 3 May 1999 something happened.\n", encoding="utf-8")
    document = load_document(speech)
    assert (document.author_state, document.date.iso) == ("KEN", "2024")  # not the date in its text
    (tmp_path / "KEN_79_2024.meta.json").write_text(json.dumps({"author_state": "Uganda"}), encoding="utf-8")
    document = load_document(speech)
    assert (document.author_state, document.date.iso) == ("Uganda", "2024")
    document = load_document(speech, {"KEN_79_2024.txt": {"date": "2024-09-24"}})
    assert document.date.iso == "2024-09-24"


def test_a_plain_name_keeps_the_date_found_in_the_text(tmp_path: Path) -> None:
    doc = tmp_path / "statement.txt"
    doc.write_text("Geneva, 3 May 2019 - UNHCR welcomed the accession.\n", encoding="utf-8")
    document = load_document(doc)
    assert document.author_state is None and document.date.iso == "2019-05-03"


@pytest.mark.parametrize(("data", "message"), [
    ({}, "conventions"),
    ({"conventions": [{"pattern": "(", "fields": {}}]}, "convention 0"),
    ({"conventions": [{"pattern": "(?P<a>x)", "fields": {}, "equal": [["b", "a"]]}]}, "'b' names no group"),
    ({"conventions": [{"pattern": "x"}]}, "convention 0"),
])
def test_malformed_conventions_are_refused_naming_the_file(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_conventions(data, "file-names.json")


def test_the_shipped_conventions_parse() -> None:
    assert default_conventions()
