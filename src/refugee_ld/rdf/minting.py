"""The IRIs of a build's nodes, minted once each through the one IRI policy (iris.mint_iri)."""
from __future__ import annotations

import hashlib

from ..records import Document, Evidence
from .iris import check_base, mint_iri
from .terms import DEFAULT_BASE, Term


class IriMaker:
    """Every IRI the dumps use, from one checked base, through the one IRI policy (`iris.mint_iri`)."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = check_base(base)
        # minted IRIs by their parts: a document names the same entities and evidence again and again, and one
        # Term object per IRI also makes every later pass over the quads (sort, pickle, lookups) cheaper
        self._entities: dict[str, Term] = {}
        self._nodes: dict[tuple[str, str], Term] = {}
        self._evidence: dict[tuple[str, str], Term] = {}

    def entity(self, key: str) -> Term:
        """`state/kazakhstan` -> <base>state/kazakhstan; whatever follows the kind is encoded as one name."""
        hit = self._entities.get(key)
        if hit is None:
            if len(self._entities) > 100_000:
                self._entities.clear()
            hit = self._entities[key] = mint_iri(self.base, *key.split("/", 1))
        return hit

    def document(self, doc: Document | str) -> Term:
        """<base>document/<file name, percent-encoded>: the full name, so a.txt and a.md stay two documents."""
        return mint_iri(self.base, "document", doc.doc_id if isinstance(doc, Document) else doc)

    def graph(self, name: str) -> Term:
        return mint_iri(self.base, "graph", name)

    def evidence(self, doc_iri: Term, ev: Evidence) -> Term:
        key = (doc_iri.value, f"char={ev.start},{ev.end}")
        hit = self._evidence.get(key)
        if hit is None:
            if len(self._evidence) > 10_000:
                self._evidence.clear()  # evidence repeats within a document, rarely beyond it
            hit = self._evidence[key] = mint_iri(doc_iri.value, fragment=key[1])
        return hit

    def node(self, kind: str, *parts: object) -> Term:
        key = (kind, "\x1f".join(str(p) for p in parts))
        hit = self._nodes.get(key)
        if hit is None:
            if len(self._nodes) > 10_000:
                self._nodes.clear()
            digest = hashlib.sha1(key[1].encode("utf-8", "surrogatepass")).hexdigest()[:16]
            hit = self._nodes[key] = mint_iri(self.base, kind, digest)
        return hit
