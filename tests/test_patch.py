"""rdf/patch.py: binary search over a sorted dump's blocks, and splicing edits into a copy of it."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refugee_ld.rdf.patch import NQUADS, NTRIPLES, PatchError, SortedDump, splice
from refugee_ld.rdf.terms import Term

LINES = st.sets(st.text("ab <>\"", min_size=1, max_size=6).map(lambda t: t + "\n"), max_size=30)


@settings(max_examples=80, deadline=None)
@given(before=LINES, after=LINES)
def test_sorted_lines_patched_line_by_line_equal_the_new_sorted_lines(tmp_path_factory, before, after):
    tmp = tmp_path_factory.mktemp("patch")
    (tmp / "old.nq").write_text("".join(sorted(before)), encoding="utf-8", newline="")
    dump = SortedDump(tmp / "old.nq", NQUADS, 0)
    edits: list[tuple[int, int, list[str]]] = []
    for line in sorted(before ^ after):
        raw = line.encode("utf-8")
        at = dump.lower_bound(raw)
        assert (dump.data[at:at + len(raw)] == raw) == (line in before)
        end = at + len(raw) if line in before else at
        if edits and edits[-1][1] == at:
            start, _, blocks = edits.pop()
            edits.append((start, end, blocks + ([] if line in before else [line])))
        else:
            edits.append((at, end, [] if line in before else [line]))
    splice(dump, edits, tmp / "new.nq")
    dump.close()
    assert (tmp / "new.nq").read_text(encoding="utf-8") == "".join(sorted(after))


def test_span_finds_every_line_of_a_subject(tmp_path):
    lines = [f"<https://example.org/{s}> <https://example.org/p> \"{n}\" .\n"
             for s in ("a", "ab", "b") for n in range(3)]
    (tmp_path / "g.nt").write_text("".join(lines), encoding="utf-8")
    dump = SortedDump(tmp_path / "g.nt", NTRIPLES, 0)
    start, end = dump.span(Term(0, "https://example.org/ab"))
    assert dump.data[start:end].decode("utf-8") == "".join(lines[3:6])
    start, end = dump.span(Term(0, "https://example.org/aa"))  # absent: where it would go
    assert start == end == len("".join(lines[:3]).encode("utf-8"))
    splice(dump, [(start, end, ["<https://example.org/aa> <https://example.org/p> \"x\" .\n"])], tmp_path / "n.nt")
    dump.close()
    assert (tmp_path / "n.nt").read_text(encoding="utf-8").splitlines()[3].startswith("<https://example.org/aa>")


def test_a_file_without_the_expected_tail_is_refused(tmp_path):
    from refugee_ld.rdf.patch import jsonld_layout

    (tmp_path / "graph.jsonld").write_text('{\n "@graph": [\n  {\n   "@id": "x"\n  }\n', encoding="utf-8")
    with pytest.raises(PatchError):
        SortedDump(tmp_path / "graph.jsonld", jsonld_layout({}), 0)
