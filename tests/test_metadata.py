"""The metadata schema on its own: every field's check, strict and lenient."""
import pytest

from refugee_ld.errors import InputError
from refugee_ld.text.metadata import FIELDS, check_fields, iri_problem, printable, text_problem


@pytest.mark.parametrize("raw, field", [
    ({"title": ["a", 1]}, "title"), ({"date": "2023-02-30"}, "date"), ({"date": "0000"}, "date"),
    ({"language": 'en"><script>'}, "language"), ({"source": "not an iri"}, "source"), ({"colour": "red"}, "colour"),
    ({"title": "x" * (FIELDS["title"].max_chars + 1)}, "title"), ({"publisher": "A\x07B"}, "publisher"),
])
def test_a_bad_field_is_named_strictly_and_dropped_leniently(raw, field):
    with pytest.raises(InputError, match=f"field '{field}'"):
        check_fields(raw, "doc.meta.json")
    warnings = []
    assert check_fields(raw, "doc.meta.json", lenient=True, warn=warnings.append) == {}
    assert len(warnings) == 1 and "doc.meta.json" in warnings[0] and "field dropped" in warnings[0]


def test_good_fields_are_kept_trimmed():
    raw = {"title": " A statement ", "date": "2024-02-29", "language": "en-GB", "source": "https://example.org/a?b=c",
           "publisher": "Ministry", "author_state": "Kazakhstan"}
    assert check_fields(raw, "x") == {k: v.strip() for k, v in raw.items()}


def test_iri_and_text_checks_say_why():
    assert iri_problem("https://example.org/ä/ü") is None
    assert iri_problem("https://exa mple.org/") is not None
    assert text_problem("tab\tis fine") is None
    assert "U+0000" in (text_problem("nul\x00") or "")
    assert printable("line\nbreak") == "line\\nbreak"
