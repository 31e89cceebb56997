"""RDF formats as one table (like pyoxigraph's `RdfFormat`): what `build` writes and what `rdfio` reads.

A format names its file extensions, media type, whether it holds named graphs, the pyoxigraph format used to
read it and, for the dumps `build` writes, the dump's file name and its streaming writer.  `OUTPUT_FILES`
(pipeline) and `rdfio`'s readers are derived from this table, so a new output format is one entry here
(plus a writer in serialize.py if the format is new).  `build` itself writes the dumps with
write_parallel.write_dumps, which renders the union's formats in one pass (a new union format needs an entry
in its UNION_WRITERS; any other one is written by its `writer` here).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from .terms import Term

    Row = tuple[Term, Term, Term]


class DumpSource(Protocol):
    """What a dump writer reads: sorted, deduplicated streams of one build's statements (see dumps.py)."""

    prefixes: dict[str, str]
    schemes: set[str]

    def rows(self) -> Iterator[Row]:
        """The union graph's triples, sorted by (subject, predicate, object) terms."""
        ...

    def graph_rows(self) -> Iterator[tuple[Term, Term, Term, Term]]:
        """(graph, subject, predicate, object), sorted; the default graph is `serialize.DEFAULT_GRAPH`."""
        ...

    def nquads_lines(self) -> Iterable[str]:
        """N-Quads lines, sorted as strings."""
        ...


Writer = Callable[[TextIO, DumpSource], None]


@dataclass(frozen=True)
class RdfFormat:
    """One RDF syntax: how files of it are named, served, read and (for the build's dumps) written."""

    name: str
    short: str  # a name for options and messages ("write turtle")
    extensions: tuple[str, ...]  # the first is the one `build` uses
    media_type: str
    dataset: bool  # holds named graphs (N-Quads, TriG) or only one graph
    reader: str  # attribute of pyoxigraph.RdfFormat
    dump: str | None = None  # the file `build` writes in this format, if any
    writer: Writer | None = None

    @property
    def extension(self) -> str:
        return self.extensions[0]


def _turtle(out: TextIO, source: DumpSource) -> None:
    from .serialize import write_turtle

    write_turtle(out, source.rows(), source.prefixes)


def _ntriples(out: TextIO, source: DumpSource) -> None:
    from .serialize import write_ntriples

    write_ntriples(out, source.rows())


def _nquads(out: TextIO, source: DumpSource) -> None:
    from .serialize import write_lines

    write_lines(out, source.nquads_lines())


def _trig(out: TextIO, source: DumpSource) -> None:
    from .serialize import write_trig

    write_trig(out, source.graph_rows(), source.prefixes)


def _jsonld(out: TextIO, source: DumpSource) -> None:
    from .serialize import write_jsonld

    write_jsonld(out, source.rows(), source.prefixes, source.schemes)


TURTLE = RdfFormat("Turtle", "turtle", (".ttl",), "text/turtle", False, "TURTLE", "graph.ttl", _turtle)
N_TRIPLES = RdfFormat("N-Triples", "ntriples", (".nt",), "application/n-triples", False, "N_TRIPLES", "graph.nt",
                      _ntriples)
N_QUADS = RdfFormat("N-Quads", "nquads", (".nq",), "application/n-quads", True, "N_QUADS", "dataset.nq", _nquads)
TRIG = RdfFormat("TriG", "trig", (".trig",), "application/trig", True, "TRIG", "dataset.trig", _trig)
JSON_LD = RdfFormat("JSON-LD", "jsonld", (".jsonld",), "application/ld+json", True, "JSON_LD", "graph.jsonld",
                    _jsonld)
RDF_XML = RdfFormat("RDF/XML", "rdfxml", (".rdf", ".xml"), "application/rdf+xml", False, "RDF_XML")
N3 = RdfFormat("N3", "n3", (".n3",), "text/n3", False, "N3")

FORMATS: tuple[RdfFormat, ...] = (TURTLE, N_TRIPLES, N_QUADS, TRIG, JSON_LD, RDF_XML, N3)
DUMP_FORMATS: tuple[RdfFormat, ...] = tuple(f for f in FORMATS if f.dump is not None)
# every file a build writes: the dumps, then the JSON-LD context, the VoID description and the SHACL report
BUILD_FILES: tuple[str, ...] = tuple(f.dump for f in DUMP_FORMATS if f.dump) + ("context.jsonld", "void.ttl",
                                                                                  "validation.ttl")


def by_extension(extension: str) -> RdfFormat | None:
    """The format a file extension (with its dot, any case) stands for, or None."""
    extension = extension.lower()
    return next((f for f in FORMATS if extension in f.extensions), None)


def extensions() -> list[str]:
    return sorted(e for f in FORMATS for e in f.extensions)
