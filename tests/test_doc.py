"""The `Doc` the fact rules read: built once, frozen, with the lookups the rules repeat."""
import dataclasses

import pytest

from conftest import make_doc
from refugee_ld.extraction.extract import analyse
from refugee_ld.text.textview import build_view

TEXT = ("Has Kazakhstan acceded to the Convention? Kazakhstan acceded to the 1951 Convention relating to the Status "
        "of Refugees in 1999. The Conference was held in Almaty on 5 May 2011.")


@pytest.fixture()
def doc(registry, lexicon):
    document = make_doc(TEXT)
    return analyse(document, build_view(document.text, document.media_type), registry, lexicon)


def test_questions_are_left_out_of_the_sentences(doc):
    assert [doc.text[s.start:s.end].split()[0] for s in doc.sentences] == ["Kazakhstan", "The"]
    assert doc.sentence_of(TEXT.index("Almaty")).start == TEXT.index("The Conference")


def test_the_doc_is_frozen(doc):
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.refs = ()  # type: ignore[misc]


def test_refs_between_and_near_find_named_references_by_position(doc):
    start = TEXT.index("Kazakhstan acceded")
    found = doc.refs_between(start, len(TEXT), ("State",))
    assert found and found[0].start == start and found[0].key == "state/kazakhstan"
    assert all(r.start >= start for r in doc.refs_between(start, len(TEXT)))
    assert any(r.start == start for r in doc.refs_near(start))


def test_free_dates_leave_out_dates_inside_names(doc):
    free = {doc.text[d.start:d.end] for d in doc.free_dates(0, len(TEXT))}
    assert "1999" in free and "5 May 2011" in free
    assert "1951" not in free  # part of the Convention's name


def test_with_names_renames_copies_only(doc):
    i = next(i for i, r in enumerate(doc.refs) if r.type == "State")
    renamed = doc.with_names({i: "state/elsewhere"})
    assert renamed.refs[i].key == "state/elsewhere" and doc.refs[i].key == "state/kazakhstan"
    assert renamed.named_spans is doc.named_spans  # free dates are those of the document as built
    assert doc.with_names({}) is doc


def test_evidence_takes_the_ends_in_either_order(doc):
    a, b = TEXT.index("Almaty"), TEXT.index("Almaty") + len("Almaty")
    assert doc.evidence(b, a) == doc.evidence(a, b)
    assert doc.evidence(a, b).exact == "Almaty"
