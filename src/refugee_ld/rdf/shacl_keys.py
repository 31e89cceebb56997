"""Compact keys of the nodes each document owns, so the global validation pass never holds those nodes.

The split of validation (shacl_scope) is exact only if no node a document owns is a subject in another graph.
Checking that with the nodes themselves meant keeping every evidence and fact node of the corpus in the parent
(about 2.8 GB at 10,000 documents).  Here each document gives a sorted byte string of 13-byte records (a 12-byte
BLAKE2b digest of the node, then 1 for owned or 0 for another subject); the global pass turns each batch of
documents into one sorted run of 17-byte records (digest, document number, flag) and merges the runs once at
the end.  Equal nodes have equal digests, so a real conflict is always found; two different nodes with the same
96-bit digest can only make the check fail where it should pass (the caller then validates the whole union,
which is exact), never the other way round.
"""
from __future__ import annotations

import hashlib
import heapq
from collections.abc import Collection, Iterable, Iterator

from .terms import Term

DIGEST = 12
RECORD = DIGEST + 1  # per document: digest, flag
RUN_RECORD = DIGEST + 5  # per run: digest, document number (4 bytes, big-endian), flag


def digest(term: Term) -> bytes:
    return hashlib.blake2b(f"{term.kind}\x1f{term.value}".encode("utf-8", "surrogatepass"),
                           digest_size=DIGEST).digest()


def document_keys(owned: Collection[Term], others: Collection[Term]) -> tuple[bytes, bool]:
    """The sorted records of one document's owned nodes and other subjects (each a set of distinct nodes);
    False when two of them share a digest (the caller then treats the document as not splittable)."""
    mine, rest = {digest(t) for t in owned}, {digest(t) for t in others}
    distinct = len(mine) == len(owned) and len(rest) == len(others) and not mine & rest
    return b"".join(sorted([d + b"\x01" for d in mine] + [d + b"\x00" for d in rest])), distinct


def batch_run(documents: Iterable[tuple[int, bytes]]) -> bytes:
    """One sorted run of the records of several documents (document number, that document's keys)."""
    records: list[bytes] = []
    for number, keys in documents:
        tag = number.to_bytes(4, "big")
        records.extend(keys[i:i + DIGEST] + tag + keys[i + DIGEST:i + RECORD] for i in range(0, len(keys), RECORD))
    records.sort()
    return b"".join(records)


def _records(run: bytes) -> Iterator[bytes]:
    return (run[i:i + RUN_RECORD] for i in range(0, len(run), RUN_RECORD))


def conflict(runs: list[bytes], referenced: set[bytes]) -> str:
    """Why the split is not exact ('' when it is): a node owned by two documents, an owned node that is a subject
    in another document, or an owned node whose types the global pass needs but its owner did not send
    (`referenced`: digests of such nodes)."""
    group: list[bytes] = []
    for record in heapq.merge(*map(_records, runs)):
        if group and record[:DIGEST] != group[0][:DIGEST]:
            reason = _group(group, referenced)
            if reason:
                return reason
            group = []
        group.append(record)
    return _group(group, referenced) if group else ""


def _group(group: list[bytes], referenced: set[bytes]) -> str:
    owners = {r[DIGEST:DIGEST + 4] for r in group if r[-1] == 1}
    if not owners:
        return ""
    if len(owners) > 1:
        return "a node is owned by two documents"
    if len({r[DIGEST:DIGEST + 4] for r in group}) > 1:
        return "a node a document owns has triples in another document graph"
    if group[0][:DIGEST] in referenced:
        return "a node a document owns is referenced from another document"
    return ""
