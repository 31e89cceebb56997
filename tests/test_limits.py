"""Bounded inputs: RDF/XML entity expansion, file sizes, literal sizes, text files (issue 14 item 6)."""
import subprocess
import sys
import time
from pathlib import Path

import pytest

from refugee_ld.limits import (
    MAX_LITERAL_CHARS,
    check_literal_sizes,
    check_rdf_inputs,
    read_text_file,
)
from refugee_ld.text.loading import InputError
from refugee_ld.rdf.terms import Quad, Term

ROOT = Path(__file__).resolve().parents[1]
RDF_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"'


def laughs(levels: int = 9) -> str:
    """The classic 'billion laughs' document (under 1 KB), as RDF/XML."""
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE rdf:RDF [", ' <!ENTITY lol0 "lol">']
    for n in range(1, levels + 1):
        lines.append(f' <!ENTITY lol{n} "' + f"&lol{n - 1};" * 10 + '">')
    lines += ["]>", f"<rdf:RDF {RDF_NS}>",
              f'<rdf:Description rdf:about="http://example.org/a"><ex:p>&lol{levels};</ex:p></rdf:Description>',
              "</rdf:RDF>"]
    return "\n".join(lines) + "\n"


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "refugee_ld", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env={"CI": "true", "PATH": "/usr/bin:/bin", **(env or {})}, timeout=60)


@pytest.mark.parametrize("command", ["validate", "query"])
def test_billion_laughs_ends_in_seconds_with_exit_2(tmp_path, command):
    bomb = tmp_path / "lol.rdf"
    bomb.write_text(laughs(), encoding="utf-8")
    assert bomb.stat().st_size < 1024
    args = [bomb] if command == "validate" else ["ASK { ?s ?p ?o }", "--data", bomb]
    start = time.monotonic()
    r = cli(command, *args)
    assert time.monotonic() - start < 15
    assert r.returncode == 2 and "lol.rdf: RDF/XML entity 'lol1' refers to other entities" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_plain_entity_abbreviations_still_parse(tmp_path):
    """Ontology editors write <!ENTITY owl "..."> for namespaces; bounded, so accepted."""
    doc = tmp_path / "abbrev.rdf"
    doc.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY ex "http://example.org/">\n]>\n'
                   f'<rdf:RDF {RDF_NS}>\n<rdf:Description rdf:about="&ex;a"><ex:p>x</ex:p></rdf:Description>\n'
                   "</rdf:RDF>\n", encoding="utf-8")
    check_rdf_inputs([doc])
    r = cli("query", "SELECT ?s { ?s ?p ?o }", "--data", doc, "--format", "csv")
    assert r.returncode == 0 and "http://example.org/a" in r.stdout


@pytest.mark.parametrize("dtd, reason", [
    ('<!ENTITY % pe "x">', "parameter entities"),
    ('<!ENTITY ext SYSTEM "file:///etc/passwd">', "external entity 'ext'"),
])
def test_dangerous_dtds_are_refused(tmp_path, dtd, reason):
    doc = tmp_path / "d.rdf"
    doc.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n {dtd}\n]>\n<rdf:RDF {RDF_NS}/>\n', encoding="utf-8")
    with pytest.raises(InputError, match=reason):
        check_rdf_inputs([doc])


def test_wide_flat_expansion_is_bounded(tmp_path):
    """No nesting, but 20,000 references to a 1 KB entity would still expand to 20 MB: refused."""
    doc = tmp_path / "wide.rdf"
    doc.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY k "' + "k" * 1024 + '">\n]>\n'
                   f'<rdf:RDF {RDF_NS}><rdf:Description rdf:about="http://example.org/a"><ex:p>'
                   + "&k;" * 20000 + "</ex:p></rdf:Description></rdf:RDF>\n", encoding="utf-8")
    with pytest.raises(InputError, match="would expand to more than"):
        check_rdf_inputs([doc])


def test_rdf_size_limit_is_documented_and_configurable(tmp_path):
    nt = tmp_path / "big.nt"
    nt.write_text("<http://example.org/a> <http://example.org/p> \"" + "x" * 300_000 + "\" .\n", encoding="utf-8")
    r = cli("validate", nt, env={"REFUGEE_LD_MAX_RDF_MB": "0.25"})
    assert r.returncode == 2 and "big.nt:" in r.stderr and "REFUGEE_LD_MAX_RDF_MB" in r.stderr
    q = cli("query", "ASK {?s ?p ?o}", "--data", nt, env={"REFUGEE_LD_MAX_RDF_MB": "0.25"})
    assert q.returncode == 2 and "over the 262,144-byte limit" in q.stderr
    assert "REFUGEE_LD_MAX_RDF_MB" in cli("query", "--help").stdout


def test_literal_over_16_mib_is_refused_in_one_line(tmp_path):
    nt = tmp_path / "huge-literal.nt"
    with nt.open("w", encoding="utf-8") as handle:
        handle.write('<http://example.org/a> <http://example.org/p> "')
        handle.write("x" * (MAX_LITERAL_CHARS + 1))
        handle.write('" .\n')
    r = cli("validate", nt)
    assert r.returncode == 2 and "huge-literal.nt: a literal or IRI over the parser's 16,777,216-byte limit" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    small = [Quad(Term(0, "http://example.org/a"), Term(0, "http://example.org/p"), Term(2, "ok", "", ""))]
    check_literal_sizes(small, "x")  # no error


def test_text_files_are_utf8_and_bounded(tmp_path):
    bad = tmp_path / "q.rq"
    bad.write_bytes(b"SELECT \xff")
    with pytest.raises(InputError, match="q.rq: query is not valid UTF-8"):
        read_text_file(bad, 1000, "query")
    bad.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        read_text_file(bad, 1000, "query")


def test_literal_over_16_mib_in_query_data_is_refused(tmp_path):
    nt = tmp_path / "huge.nt"
    nt.write_text('<http://example.org/a> <http://example.org/p> "' + "y" * (MAX_LITERAL_CHARS + 10) + '" .\n',
                  encoding="utf-8")
    r = cli("query", "ASK { ?s ?p ?o }", "--data", nt)
    assert r.returncode == 2 and "huge.nt: a literal or IRI over" in r.stderr and "Traceback" not in r.stderr
