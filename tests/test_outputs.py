"""The output half's chunked checks raise what one check over all of a build's quads raised first."""
import pytest

from refugee_ld.limits import MAX_LITERAL_CHARS
from refugee_ld.outputs import _Checks
from refugee_ld.rdf.terms import InvalidTermError, Quad, Term, iri, literal
from refugee_ld.text.loading import InputError

S, P = iri("https://example.org/s"), iri("https://example.org/p")
GOOD = [Quad(S, P, literal("fine"))]
BAD_TERM = [Quad(S, P, Term(0, "not an iri"))]
TOO_LONG = [Quad(S, P, literal("x" * (MAX_LITERAL_CHARS + 1)))]


def run(chunks):
    handed = []
    _Checks([], "https://example.org/").feed(iter(chunks), handed.append)
    return handed


def test_checked_chunks_are_handed_on_in_order():
    assert run([GOOD, GOOD[:], []]) == [GOOD, GOOD, []]


def test_a_long_literal_later_wins_over_a_bad_term_earlier_as_in_a_whole_build_check():
    with pytest.raises(InputError, match="over the"):
        run([GOOD, BAD_TERM, GOOD, TOO_LONG])
    with pytest.raises(InvalidTermError):
        run([GOOD, BAD_TERM, GOOD])


def test_nothing_after_an_error_reaches_the_sink():
    handed = []
    with pytest.raises(InvalidTermError):
        _Checks([], "https://example.org/").feed(iter([GOOD, BAD_TERM, GOOD]), handed.append)
    assert handed == [GOOD]


def _report_by_pyshacl(dist):
    """The reference: pyshacl over the union of the written dataset, rendered as the build renders its report."""
    from refugee_ld.rdf.rdfio import read_quads
    from refugee_ld.rdf.serialize import prefixes_for, to_turtle
    from refugee_ld.rdf.terms import DEFAULT_BASE
    from refugee_ld.rdf.validation import default_shapes_dir, validate_quads

    report = validate_quads(read_quads(dist / "dataset.nq"), default_shapes_dir())
    return to_turtle(report.quads(DEFAULT_BASE), prefixes_for(DEFAULT_BASE))


def test_streaming_validation_writes_pyshacls_report_for_a_corpus_that_violates_shapes(tmp_path):
    """Per-document checks in the map stage + the global pass = pyshacl on the whole union graph, on a corpus
    with conflicting dates across documents (global) and a document-level violation."""
    from pathlib import Path

    from refugee_ld.pipeline import build

    seeds = Path(__file__).resolve().parents[1] / "data" / "documents"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(seeds.iterdir()):
        (corpus / path.name).write_bytes(path.read_bytes())
    # a second account of an accession with another date: a cross-document conflict (sh:Warning)
    (corpus / "zz_conflict.txt").write_text(
        "Astana, 3 March 2015. Kazakhstan acceded to the 1951 Refugee Convention on 15 January 2001.\n",
        encoding="utf-8")
    result = build([corpus], out_dir=tmp_path / "dist", show_progress=False, cache_dir=tmp_path / "cache")
    written = (tmp_path / "dist" / "validation.ttl").read_text(encoding="utf-8")
    assert written == _report_by_pyshacl(tmp_path / "dist")
    assert "Warning" in written and result.conforms is not None
