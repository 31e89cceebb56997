from hypothesis import given, settings
from hypothesis import strategies as st

from refugee_ld.text.intervals import SpanList, Spans, between, spans_of

span = st.tuples(st.integers(0, 60), st.integers(0, 10)).map(lambda t: (t[0], t[0] + t[1]))
query = st.tuples(st.integers(-3, 70), st.integers(0, 8)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(span, max_size=25), st.lists(query, min_size=1, max_size=10))
def test_static_spans_answer_like_a_scan(spans, queries):
    index = Spans(spans)
    for s, e in queries:
        assert index.overlaps(s, e) == any(a < e and s < b for a, b in spans)
        assert index.contains(s) == any(a <= s < b for a, b in spans)
        assert index.covers(s, e) == any(a <= s and e <= b for a, b in spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(span, st.lists(query, max_size=4)), max_size=30))
def test_a_span_list_stays_exact_while_it_grows(steps):
    spans = SpanList()
    for new, queries in steps:
        spans.append(new)
        for s, e in queries:
            assert spans.overlaps(s, e) == any(a < e and s < b for a, b in spans)
            assert spans.contains(s) == any(a <= s < b for a, b in spans)
            assert spans.covers(s, e) == any(a <= s and e <= b for a, b in spans)
    assert spans_of(spans) is spans and list(spans) == [new for new, _ in steps]


def test_between_slices_sorted_starts():
    starts = [1, 3, 3, 7, 9]
    i, j = between(starts, 3, 9)
    assert starts[i:j] == [3, 3, 7]
