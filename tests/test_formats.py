"""The format table: the build's outputs and rdfio's readers come from it, and every entry round-trips."""
import io

import pyoxigraph as ox
import pytest

from refugee_ld.pipeline import OUTPUT_FILES
from refugee_ld.rdf.formats import DUMP_FORMATS, FORMATS, by_extension
from refugee_ld.rdf.rdfio import rdf_format, read_quads
from refugee_ld.rdf.serialize import graph_rows, nquads_lines, prefixes_for, schemes_of, triples
from refugee_ld.rdf.terms import DEFAULT_BASE, Quad, en, integer, iri
from refugee_ld.text.loading import InputError

G = iri(DEFAULT_BASE + "graph/doc")
QUADS = [Quad(iri(DEFAULT_BASE + "state/kz"), iri("http://www.w3.org/2000/01/rdf-schema#label"), en("Kazakhstan"), G),
         Quad(iri(DEFAULT_BASE + "state/kz"), iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
              iri("https://w3id.org/refugee-ld/ontology#State"), G),
         Quad(iri(DEFAULT_BASE + "fact/1"), iri("https://w3id.org/refugee-ld/ontology#count"), integer(7), None)]


class Source:
    """A DumpSource over quads held in memory."""

    def __init__(self, quads):
        self.quads = quads
        self.prefixes = prefixes_for(DEFAULT_BASE)
        self.schemes = schemes_of(triples(quads))

    def rows(self):
        return iter(triples(self.quads))

    def graph_rows(self):
        return iter(sorted(graph_rows(self.quads)))

    def nquads_lines(self):
        return sorted(nquads_lines(self.quads))


def test_build_outputs_are_the_dump_formats_then_the_side_files():
    assert OUTPUT_FILES[:len(DUMP_FORMATS)] == tuple(f.dump for f in DUMP_FORMATS)
    assert set(OUTPUT_FILES[len(DUMP_FORMATS):]) == {"context.jsonld", "validation.ttl", "void.ttl"}
    assert all(f.dump.endswith(f.extension) for f in DUMP_FORMATS)


@pytest.mark.parametrize("fmt", DUMP_FORMATS, ids=lambda f: f.name)
def test_each_dump_writer_is_read_back_by_its_reader_to_the_same_statements(tmp_path, fmt):
    out = io.StringIO()
    fmt.writer(out, Source(QUADS))
    path = tmp_path / fmt.dump
    path.write_text(out.getvalue(), encoding="utf-8")
    assert rdf_format(path) == getattr(ox.RdfFormat, fmt.reader)
    assert getattr(ox.RdfFormat, fmt.reader).supports_datasets == fmt.dataset
    back = read_quads(path)
    assert {(q.s.nt(), q.p.nt(), q.o.nt()) for q in back} == {(q.s.nt(), q.p.nt(), q.o.nt()) for q in QUADS}
    if fmt.dataset and fmt.dump != "graph.jsonld":  # the JSON-LD dump is the union graph
        assert {q.g for q in back} == {q.g for q in QUADS}


def test_every_extension_names_one_format_and_unknown_ones_are_refused(tmp_path):
    seen = [e for f in FORMATS for e in f.extensions]
    assert len(seen) == len(set(seen))
    for f in FORMATS:
        for extension in f.extensions:
            assert by_extension(extension.upper()) is f
            assert rdf_format(tmp_path / f"x{extension}") == getattr(ox.RdfFormat, f.reader)
    with pytest.raises(InputError, match=r"unknown RDF file extension '\.csv'"):
        rdf_format(tmp_path / "x.csv")


def test_media_types_match_pyoxigraph():
    for f in FORMATS:
        assert getattr(ox.RdfFormat, f.reader).media_type == f.media_type, f.name
