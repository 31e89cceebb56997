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
