"""End to end: every file of dist/ is read by strict parsers (pyoxigraph, serdi, rapper, pyld), for the shipped
corpus and for a corpus whose file names hold spaces, #, %, quotes, brackets, other scripts and an en dash.
Names with control characters (a newline that could smuggle a triple) are refused at load time, naming the file;
that the IRI policy would encode them anyway is tested in test_terms."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld

from refugee_ld.pipeline import build
from refugee_ld.rdf.iris import decode_segment
from refugee_ld.rdf.terms import DCTERMS

SYNTAX = {".ttl": ("turtle", ox.RdfFormat.TURTLE), ".nt": ("ntriples", ox.RdfFormat.N_TRIPLES),
          ".nq": ("nquads", ox.RdfFormat.N_QUADS), ".trig": ("trig", ox.RdfFormat.TRIG)}
HOSTILE_NAMES = [
    "a b.txt", "Press release (June 2023) – Uzbekistan.txt", "issue #5.txt", "100% sure.txt", "bad %zz escape.txt",
    "quote \" and ' .txt", "[brackets] {braces} <angles>.txt", "caret^pipe|back\\slash`tick.txt",
    "Қазақстан туралы.txt", "日本語の文書.txt", "..txt", "tab\there.md", "angle> <urn:evil:s> <urn:evil:p> <urn:evil:o> .txt",
]
REFUSED_NAMES = ["line\nbreak.txt",
                 "inject\n<urn:evil:s> <urn:evil:p> <urn:evil:o> .\n_:x <urn:evil:p> \"o\" .\n.txt"]
TEXT = ("Kazakhstan acceded to the 1951 Convention relating to the Status of Refugees on 15 January 1999. "
        "UNHCR welcomed the accession.\n")


def tools() -> list[str]:
    missing = [t for t in ("serdi", "rapper") if shutil.which(t) is None]
    if missing and not os.environ.get("CI"):
        pytest.skip(f"{' and '.join(missing)} not installed (apt-get install serdi raptor2-utils)")
    return ["serdi", "rapper"]


def parse_everything(out: Path) -> dict[str, int]:
    """Parse each dump with every parser; returns the number of quads pyoxigraph read per file."""
    counts = {}
    for path in sorted(out.iterdir()):
        if path.suffix in SYNTAX:
            syntax, fmt = SYNTAX[path.suffix]
            counts[path.name] = len(list(ox.parse(path=str(path), format=fmt)))
            serdi = subprocess.run(["serdi", "-q", "-i", syntax, "-o", "nquads", str(path)], capture_output=True,
                                   check=False)
            assert serdi.returncode == 0, f"serdi {path.name}: {serdi.stderr.decode()[:500]}"
            rapper = subprocess.run(["rapper", "-q", "-i", syntax, "-o", "nquads", str(path)], capture_output=True,
                                    check=False)
            assert rapper.returncode == 0, f"rapper {path.name}: {rapper.stderr.decode()[:500]}"
            assert len(serdi.stdout.splitlines()) == len(rapper.stdout.splitlines()) == counts[path.name]
        elif path.suffix == ".jsonld" and path.name != "context.jsonld":
            counts[path.name] = len(list(ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD)))
            nquads = jsonld.to_rdf(json.loads(path.read_text(encoding="utf-8")), {"format": "application/n-quads"})
            assert len(nquads.splitlines()) == counts[path.name]
    return counts


def test_every_dump_of_the_shipped_corpus_parses(seed_build):
    tools()
    counts = parse_everything(seed_build.out_dir)
    assert counts["graph.nt"] == counts["graph.ttl"] == counts["graph.jsonld"] == seed_build.triples
    assert counts["dataset.nq"] == counts["dataset.trig"] >= seed_build.triples


def test_hostile_file_names_give_valid_readable_iris(tmp_path):
    tools()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in HOSTILE_NAMES:
        (corpus / name).write_text(TEXT, encoding="utf-8")
    out = tmp_path / "dist"
    result = build([corpus], out_dir=out, jobs=1, show_progress=False)
    assert result.documents == len(HOSTILE_NAMES)
    counts = parse_everything(out)
    assert counts["graph.nt"] == result.triples
    quads = list(ox.parse(path=str(out / "dataset.nq"), format=ox.RdfFormat.N_QUADS))
    names = {q.subject.value: q.object.value for q in quads if q.predicate.value == DCTERMS + "identifier"}
    assert sorted(names.values()) == sorted(HOSTILE_NAMES)  # every name once, exactly
    for document, name in names.items():
        assert decode_segment(document.rsplit("/", 1)[-1]) == name  # the IRI spells the name
    readable = [d for d in names if "Қазақстан" in d or "日本語" in d or "(June%202023)" in d]
    assert len(readable) == 3
    graphs = {q.graph_name.value for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert set(names) <= graphs
    # no injected triple: the name is data (one literal, one encoded IRI), never syntax
    for path in (out / "graph.nt", out / "dataset.nq", out / "graph.ttl", out / "dataset.trig"):
        fmt = SYNTAX[path.suffix][1]
        terms = {t for q in ox.parse(path=str(path), format=fmt) for t in (q.subject, q.predicate, q.object)}
        assert not [t for t in terms if isinstance(t, ox.NamedNode) and t.value.startswith("urn:evil")]
        assert not [t for t in terms if isinstance(t, ox.BlankNode)]


@pytest.mark.parametrize("name", REFUSED_NAMES)
def test_control_characters_in_file_names_are_refused(tmp_path, name):
    from refugee_ld.text.loading import InputError

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(TEXT, encoding="utf-8")
    with pytest.raises(InputError, match="control"):
        build([corpus], out_dir=tmp_path / "dist", jobs=1, show_progress=False)
    assert not (tmp_path / "dist").exists()
