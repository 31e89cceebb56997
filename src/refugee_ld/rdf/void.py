"""VoID description of a build, from counts gathered while the dumps stream past (no graph held in memory).

Per-graph statement counts come from the mapped quads as they are produced (every quad, as mapped); the
union's counts (triples, distinct subjects, properties, class partitions) from one pass over the sorted,
distinct union, where a subject's statements are adjacent and every (s, rdf:type, C) row is distinct.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .terms import DCTERMS, RDF, VOID, Quad, Term, en, integer, iri, literal

ONTOLOGY = "https://w3id.org/refugee-ld/ontology#"
_TYPE = RDF + "type"


@dataclass
class VoidCounts:
    graphs: dict[str, int] = field(default_factory=dict)  # graph IRI -> quads mapped into it
    triples: int = 0
    subjects: int = 0
    properties: set[str] = field(default_factory=set)
    classes: dict[str, int] = field(default_factory=dict)  # ontology class -> distinct typed subjects
    property_rows: dict[str, int] = field(default_factory=dict)  # predicate -> union triples (incremental.py)

    def add_quads(self, quads: Iterable[Quad]) -> None:
        graphs = self.graphs
        for q in quads:
            if q.g is not None:
                graphs[q.g.value] = graphs.get(q.g.value, 0) + 1

    def count_union(self, rows: Iterable[tuple[Term, Term, Term]]) -> Iterator[tuple[Term, Term, Term]]:
        """Pass sorted, distinct union rows through, counting them."""
        last = None
        uses = self.property_rows
        for row in rows:
            s, p, o = row
            self.triples += 1
            if s != last:
                self.subjects += 1
                last = s
            uses[p.value] = uses.get(p.value, 0) + 1
            if p.value == _TYPE and o.value.startswith(ONTOLOGY):
                self.classes[o.value] = self.classes.get(o.value, 0) + 1
            yield row
        self.properties.update(uses)

    def quads(self, base: str, documents: int) -> list[Quad]:
        ds = iri(f"{base}dataset")
        out = [Quad(ds, iri(RDF + "type"), iri(VOID + "Dataset")),
               Quad(ds, iri(DCTERMS + "title"), en("refugee-ld knowledge graph")),
               Quad(ds, iri(VOID + "triples"), integer(self.triples)),
               Quad(ds, iri(VOID + "distinctSubjects"), integer(self.subjects)),
               Quad(ds, iri(VOID + "properties"), integer(len(self.properties))),
               Quad(ds, iri(VOID + "documents"), integer(documents)),
               Quad(ds, iri(VOID + "uriSpace"), literal(base)),
               Quad(ds, iri(VOID + "vocabulary"), iri(ONTOLOGY))]
        for cls in sorted(self.classes):
            part = iri(f"{base}dataset/class/{cls.rsplit('#', 1)[-1]}")
            out += [Quad(ds, iri(VOID + "classPartition"), part), Quad(part, iri(VOID + "class"), iri(cls)),
                    Quad(part, iri(VOID + "entities"), integer(self.classes[cls]))]
        for g in sorted(self.graphs):
            out += [Quad(ds, iri(VOID + "subset"), iri(g)), Quad(iri(g), iri(RDF + "type"), iri(VOID + "Dataset")),
                    Quad(iri(g), iri(VOID + "triples"), integer(self.graphs[g]))]
        return out


def void_quads(quads: list[Quad], base: str, documents: int) -> list[Quad]:
    """VoID of quads held in memory (the streaming build uses VoidCounts directly)."""
    from .serialize import triples

    counts = VoidCounts()
    counts.add_quads(quads)
    for _ in counts.count_union(triples(quads)):
        pass
    return counts.quads(base, documents)
