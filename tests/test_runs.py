"""External sort (rdf/runs.py): the batch-wise merge and the run headers against plain sorting."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refugee_ld.rdf import runs as runs_module
from refugee_ld.rdf.runs import SortedRuns, _merge, read_header

batches_of_runs = st.lists(st.lists(st.integers(0, 60), max_size=30), max_size=8)


@settings(max_examples=80, deadline=None)
@given(batches_of_runs, st.integers(1, 5))
def test_the_batch_merge_gives_every_item_once_in_order(runs, size):
    """Runs cut into batches of `size` (shared items across runs, a bound equal in several runs, empty runs)."""
    sources = []
    for run in runs:
        items = sorted(set(run))
        sources.append(iter([items[i:i + size] for i in range(0, len(items), size)]))
    merged = [x for batch in _merge(sources) for x in batch]
    assert merged == sorted({x for run in runs for x in run})


@settings(max_examples=30, deadline=None)
@given(batches_of_runs)
def test_merging_in_groups_keeps_the_items_and_the_headers(tmp_path_factory, runs):
    folder = tmp_path_factory.mktemp("runs")
    sorted_runs: SortedRuns[int] = SortedRuns(folder, "n")
    original, runs_module.FAN_IN = runs_module.FAN_IN, 2  # more runs than that are first merged in groups
    runs_module._BATCH, batch = 3, runs_module._BATCH
    try:
        for n, run in enumerate(runs):
            sorted_runs.header = {f"h{n}"}
            sorted_runs.add(run)
            sorted_runs.spill()
        expected = sorted({x for run in runs for x in run})
        assert list(sorted_runs.merged()) == expected
        assert list(sorted_runs.merged()) == expected
        assert len(sorted_runs.runs) <= 2
        headers = set().union(set(), *(read_header(path) for path in sorted_runs.runs))
        assert headers == {f"h{n}" for n, run in enumerate(runs) if run}
    finally:
        runs_module.FAN_IN, runs_module._BATCH = original, batch
