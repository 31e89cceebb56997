"""The compact ownership check of the global validation pass (rdf/shacl_keys.py)."""
from hypothesis import given
from hypothesis import strategies as st

from refugee_ld.rdf.shacl_keys import batch_run, conflict, digest, document_keys
from refugee_ld.rdf.terms import Term

NODES = [Term(0, f"https://example.org/n{i}") for i in range(6)]


def _runs(documents, per_run=2):
    keys = [(n, document_keys(owned, others)[0]) for n, (owned, others) in enumerate(documents)]
    return [batch_run(keys[i:i + per_run]) for i in range(0, len(keys), per_run)]


def reference(documents, referenced) -> bool:
    """The check on the nodes themselves: an owned node is a subject of no other document and is not
    a referenced node."""
    for n, (owned, _) in enumerate(documents):
        for node in owned:
            if node in referenced:
                return False
            for m, (owned2, others2) in enumerate(documents):
                if m != n and (node in owned2 or node in others2):
                    return False
    return True


documents = st.lists(st.tuples(st.sets(st.sampled_from(NODES), max_size=3), st.sets(st.sampled_from(NODES),
                                                                                       max_size=3))
                     .map(lambda d: (d[0], d[1] - d[0])), max_size=5)


@given(documents, st.sets(st.sampled_from(NODES), max_size=2), st.integers(1, 3))
def test_the_digest_check_agrees_with_the_check_on_the_nodes(docs, referenced, per_run):
    reason = conflict(_runs(docs, per_run), {digest(t) for t in referenced})
    assert (reason == "") == reference(docs, referenced)


def test_a_node_owned_by_two_documents_is_found():
    docs = [({NODES[0]}, set()), ({NODES[1]}, set()), ({NODES[0]}, {NODES[2]})]
    assert conflict(_runs(docs), set()) == "a node is owned by two documents"


def test_keys_of_a_document_are_sorted_records_and_say_whether_they_are_distinct():
    keys, distinct = document_keys({NODES[0], NODES[1]}, {NODES[2]})
    records = [keys[i:i + 13] for i in range(0, len(keys), 13)]
    assert distinct and records == sorted(records) and len(records) == 3
    assert sum(r[-1] for r in records) == 2
