"""The map stage's batches: the same quads, findings and first errors as one pass over the documents."""
from __future__ import annotations

import pytest

from refugee_ld.limits import MAX_LITERAL_CHARS
from refugee_ld.mapwork import BatchResult, Checks, batch_size, map_batch
from refugee_ld.rdf.terms import InvalidTermError, Quad, Term, iri, literal
from refugee_ld.text.loading import InputError

S, P = iri("https://example.org/s"), iri("https://example.org/p")
GOOD = [Quad(S, P, literal("fine"))]
BAD_TERM = [Quad(S, P, Term(0, "not an iri"))]
TOO_LONG = [Quad(S, P, literal("x" * (MAX_LITERAL_CHARS + 1)))]


def batch_errors(chunks):
    """What a worker reports for a batch: its first errors, nothing raised."""
    checks = Checks([], "https://example.org/")
    checks.run(iter(chunks), lambda quads: None)
    bad = checks.bad_term
    return checks.too_long, (bad.path, bad.reason) if isinstance(bad, InvalidTermError) else None


@pytest.mark.parametrize("batches, error", [
    ([[GOOD, BAD_TERM], [GOOD, TOO_LONG]], InputError),  # a long literal in a later batch wins, as in one pass
    ([[GOOD], [BAD_TERM, GOOD], [BAD_TERM]], InvalidTermError),
    ([[GOOD], [GOOD]], None),
])
def test_first_errors_of_batches_taken_in_order_raise_what_one_pass_raises(batches, error):
    whole = Checks([], "https://example.org/")
    merged = Checks([], "https://example.org/")
    for batch in batches:
        merged.take(*batch_errors(batch))
    if error is None:
        whole.feed(iter([c for b in batches for c in b]), lambda quads: None)
        merged.raise_first()
        return
    with pytest.raises(error) as one_pass:
        whole.feed(iter([c for b in batches for c in b]), lambda quads: None)
    with pytest.raises(error) as by_batches:
        merged.raise_first()
    assert str(by_batches.value) == str(one_pass.value)


def test_a_known_bad_term_stops_term_checks_but_not_the_literal_sizes():
    checks = Checks([], "https://example.org/")
    checks.take(None, ("a.txt", "earlier"))
    checks.run(iter([BAD_TERM, TOO_LONG]), lambda quads: None)
    assert str(checks.bad_term) == "a.txt: earlier" and isinstance(checks.too_long, InputError)


def test_batches_are_small_enough_to_balance_and_never_empty():
    assert batch_size(1, 2) == 1 and batch_size(5, 1) == 1
    assert batch_size(2000, 2) == 100 and batch_size(400, 2) == 25
    assert all(batch_size(n, j) >= 1 for n in range(1, 50) for j in range(1, 4))


def test_a_batch_spills_runs_and_reports_counts(tmp_path, seed_build, data_dir):
    """One worker's batch of two seed documents, read from a spill file: its runs hold its distinct quads."""
    from refugee_ld.coref import merge_within
    from refugee_ld.extraction.cache import ExtractionSpill
    from refugee_ld.extraction.confidence import load_table
    from refugee_ld.mapwork import Confidence, MapContext
    from refugee_ld.pipeline import extract_corpus
    from refugee_ld.rdf.runs import _read_run

    extractions = extract_corpus([data_dir / "documents"])[:2]
    with ExtractionSpill(tmp_path / "spill") as spill:
        for x in extractions:
            spill.append(merge_within(x))
    ctx = MapContext("https://example.org/", str(data_dir), Confidence(frozenset(), load_table(data_dir)), None,
                     str(tmp_path / "runs"), 1 << 30)
    result = map_batch((3, spill.spans(10)[0], ctx))
    assert isinstance(result, BatchResult) and result.index == 3 and result.too_long is None
    union, graphs, lines = result.runs
    assert len(union) == len(graphs) == len(lines) == 1 and union[0].name.startswith("b000003-")
    rows = list(_read_run(graphs[0]))
    assert rows == sorted(set(rows)) and sum(result.graphs.values()) == result.quads >= len(rows) > 0
    sent = map_batch((4, list(spill), MapContext(*[getattr(ctx, f) for f in ("base", "data_dir", "confidence",
                                                                                 "plan")], "", 1 << 30)))
    assert sent.runs == ([], [], []) and sent.payload is not None  # a cluster worker returns its runs' bytes
    assert [[len(b) for b in blobs] for blobs in sent.payload] == [[u[0].stat().st_size] for u in result.runs]
