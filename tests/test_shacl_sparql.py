"""What the SHACL-SPARQL constraints read (rdf/shacl_sparql.py)."""
import pytest

from refugee_ld.rdf.shacl import Unsupported
from refugee_ld.rdf.shacl_sparql import sparql_reads
from refugee_ld.rdf.validation import default_shapes_dir, load_shapes

RLD = "https://w3id.org/refugee-ld/ontology#"


def test_the_projects_constraints_read_their_predicates_and_only_the_treaty_action_class():
    predicates, classes = sparql_reads(load_shapes(default_shapes_dir()))
    assert {RLD + p for p in ("state", "instrument", "action", "date", "adoptionDate")} <= predicates
    assert classes == {RLD + "TreatyAction"}


def _shapes(tmp_path, select):
    (tmp_path / "s.ttl").write_text(f'''@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
  sh:sparql [ a sh:SPARQLConstraint ; sh:select """{select}""" ] .
''', encoding="utf-8")
    return load_shapes(tmp_path)


def test_a_variable_class_means_every_type_triple_is_read(tmp_path):
    _, classes = sparql_reads(_shapes(tmp_path, "SELECT $this WHERE { $this a ?c . ?c <https://example.org/p> 1 }"))
    assert classes is None


def test_a_path_through_rdf_type_means_every_type_triple_is_read(tmp_path):
    query = "SELECT $this WHERE { $this <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<https://example.org/q> ?x }"
    predicates, classes = sparql_reads(_shapes(tmp_path, query))
    assert classes is None and "https://example.org/q" in predicates


def test_a_variable_predicate_is_refused(tmp_path):
    with pytest.raises(Unsupported):
        sparql_reads(_shapes(tmp_path, "SELECT $this WHERE { $this ?p ?o }"))
