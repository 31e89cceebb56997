import pytest

from refugee_ld.text.loading import InputError
from refugee_ld.rdf.rdfio import read_quads, resolve_data_paths


def test_reads_quads_with_graphs(tmp_path):
    f = tmp_path / "d.nq"
    f.write_text('<http://x/s> <http://x/p> "o"@en <http://x/g> .\n<http://x/s> <http://x/p> <http://x/o> .\n',
                 encoding="utf-8")
    quads = read_quads(f)
    assert {q.g.value if q.g else None for q in quads} == {"http://x/g", None}
    assert any(q.o.lang == "en" for q in quads)


def test_folder_means_its_dump(tmp_path):
    (tmp_path / "graph.ttl").write_text("", encoding="utf-8")
    assert resolve_data_paths([tmp_path], tmp_path, ("dataset.nq", "graph.ttl")) == [tmp_path / "graph.ttl"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no dataset.nq"):
        resolve_data_paths([empty], tmp_path, ("dataset.nq",))


def test_syntax_errors_name_the_file(tmp_path):
    f = tmp_path / "x.ttl"
    f.write_text("@prefix : <http://x/> .\n:a :b .", encoding="utf-8")
    with pytest.raises(InputError, match="x.ttl: not valid RDF"):
        read_quads(f)


@pytest.mark.parametrize("text, what", [
    ('<http://x/s> <http://x/p> "hello"@en--rtl .\n', "text direction"),
    ('<http://x/s> <http://x/p> <<( <http://x/a> <http://x/b> <http://x/c> )>> .\n', "triple term"),
    ('<< <http://x/a> <http://x/b> <http://x/c> >> <http://x/p> "o" .\n', "triple term"),
])
def test_rdf12_input_is_refused_with_a_clear_error(tmp_path, text, what):
    from refugee_ld.rdf.rdfio import load_store

    f = tmp_path / "new.ttl"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=f"new.ttl: RDF 1.2 {what}"):
        read_quads(f)
    with pytest.raises(InputError, match="new.ttl: RDF 1.2"):
        load_store([f])
