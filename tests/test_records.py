import dataclasses
import json
import pickle
import typing
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, strategies as st

from refugee_ld import records
from refugee_ld.factspec import FactKind, FactRecord, MintedNode, Slot, declaration_problems
from refugee_ld.records import (ENTITY_RANGES, FACT_KINDS, FACT_RECORDS, DateValue, Evidence, EventRole, Fact,
                                entity_fields, kind_of, record_of)

ROOT = Path(__file__).resolve().parents[1]
RLD = "https://w3id.org/refugee-ld/ontology#"
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SH = "http://www.w3.org/ns/shacl#"
KINDS = list(FACT_KINDS.values())


def test_precision_and_compatibility():
    assert DateValue("2011").precision == "year"
    assert DateValue("2011-03").precision == "month"
    assert DateValue("2011-03-15").precision == "day"
    assert DateValue("2011-03").covers(DateValue("2011-03-15"))
    assert DateValue("2011-03-15").compatible(DateValue("2011"))
    assert not DateValue("1998-12").compatible(DateValue("1999"))


# -- the declarations ---------------------------------------------------------------------------------------------
def _value(slot: Slot, n: int = 0):
    """A value of the slot's declared role (entities keyed by their range so each field is distinguishable)."""
    if slot.role == "entity":
        return f"{ENTITY_RANGES[slot.range][0].lower()}/{slot.name}-{n}"
    if slot.role == "date":
        return DateValue(f"{2001 + n}-03")
    if slot.role == "enum":
        return list(slot.vocab.terms)[n % len(slot.vocab.terms)]
    if slot.role == "count":
        return 300 + n
    if slot.role == "flag":
        return True
    return f"Minister of Slot {slot.name.title()}"


def sample(kind: FactKind, n: int = 0) -> Fact:
    """A fact of `kind` with every declared field filled, built from the declaration alone."""
    text = "a quote for the sample fact"
    values = {s.name: _value(s, n) for s in kind.slots}
    return record_of(kind.name)(**values, **dict(kind.fixed), evidence=Evidence("d.txt", n, n + 5, text[n:n + 5]),
                                rule="sample.rule")


def test_every_fact_record_is_declared_and_registered():
    ours = {c for c in FactRecord.__subclasses__() if c.__module__.startswith("refugee_ld")}
    assert ours == set(FACT_RECORDS) == set(typing.get_args(Fact))
    for record in FACT_RECORDS:
        assert declaration_problems(record, ENTITY_RANGES) == [], record
        assert record.KINDS
    assert [k.name for r in FACT_RECORDS for k in r.KINDS] == list(FACT_KINDS)


def test_the_gold_kinds_are_the_declared_kinds_in_table_order():
    assert list(FACT_KINDS) == ["party_to", "instrument_date", "event", "organised_by", "participant",
                                "event_adopted", "population", "holds_post"]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_declared_fields_exist_on_the_record(kind):
    attrs = {f.name for f in dataclasses.fields(record_of(kind.name))}
    assert {s.name for s in kind.slots} <= attrs
    assert {p.split(".")[0] for p in kind.identity} <= attrs
    assert {a for a, _ in kind.fixed} <= attrs and set(kind.distinct) <= attrs
    for slot in kind.entity_slots:
        assert set(ENTITY_RANGES[slot.range]) <= set(records.ENTITY_TYPES)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_a_sample_fact_finds_its_own_kind(kind):
    fact = sample(kind)
    assert kind_of(fact) is kind and records.fact_kind(fact) == kind.name
    assert pickle.loads(pickle.dumps(fact)) == fact
    with pytest.raises(dataclasses.FrozenInstanceError):
        fact.rule = "changed"  # type: ignore[misc]


def test_literal_types_of_the_records_match_the_declared_vocabularies():
    for record in FACT_RECORDS:
        hints = typing.get_type_hints(record)
        for kind in record.KINDS:
            for slot in kind.slots:
                if slot.vocab is not None and typing.get_origin(hints[slot.name]) is typing.Literal:
                    assert typing.get_args(hints[slot.name]) == tuple(slot.vocab.terms), (record, slot.name)
    assert typing.get_args(typing.get_type_hints(EventRole)["role"]) == tuple(k.name for k in EventRole.KINDS)


VOCABULARIES = [records.ACTIONS, records.DATE_KINDS, records.GROUPS, records.QUALIFIERS]


def test_synonyms_name_values_of_their_vocabulary():
    for vocab in VOCABULARIES:
        assert set(vocab.synonyms.values()) <= set(vocab.terms)
        assert all(s == s.strip().lower() for s in vocab.synonyms)


@given(st.sampled_from(VOCABULARIES), st.text(max_size=30))
def test_a_spelling_normalises_to_a_value_or_stays_as_written(vocab, text):
    value = vocab.normal(text)
    assert value in vocab.terms or value == text.strip().lower()
    assert vocab.normal(value) == value


def test_an_undeclared_record_is_refused():
    @dataclasses.dataclass(frozen=True)
    class Loose:
        thing: str

    assert declaration_problems(Loose, ENTITY_RANGES)
    with pytest.raises(TypeError, match="not a declared fact record"):
        kind_of(Loose("x"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a declared fact record"):
        entity_fields(Loose("x"))  # type: ignore[arg-type]


def test_an_incomplete_declaration_names_what_is_missing():
    @dataclasses.dataclass(frozen=True)
    class Sighting(FactRecord):
        place: str
        evidence: Evidence
        rule: str = ""

        KINDS = (FactKind("sighting", "Sighting", (Slot("place", "entity", "rld:place", range="Nowhere"),
                                                    Slot("when", "date", "rld:date")),
                          iri_tag="sighting", identity=("place",), subject="place"),)

    problems = " | ".join(declaration_problems(Sighting, ENTITY_RANGES))
    assert "no field 'when'" in problems and "has no range" in problems and "claim function" in problems
    with pytest.raises(TypeError, match="incomplete fact declarations"):
        records._register((*FACT_RECORDS, Sighting))


# -- the declarations against the ontology and the shapes ----------------------------------------------------------
def _store(*paths: Path) -> ox.Store:
    store = ox.Store()
    for path in paths:
        store.load(path.read_bytes(), ox.RdfFormat.TURTLE)
    return store


def _types(store: ox.Store, iri: str) -> set[str]:
    return {q.object.value for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(RDF_TYPE), None)}


def _prop_iri(curie: str) -> str:
    from refugee_ld.rdf.terms import PREFIXES

    prefix, local = curie.split(":", 1)
    return PREFIXES[prefix] + local


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_declared_classes_properties_and_values_are_in_the_ontology(kind):
    store = _store(ROOT / "ontology" / "refugee-ld.ttl")
    assert OWL + "Class" in _types(store, RLD + kind.rdf_class)
    if isinstance(kind.subject, MintedNode):
        assert OWL + "Class" in _types(store, RLD + kind.subject.rdf_class)
    for slot in kind.slots:
        if slot.prop is None:
            continue
        iri = _prop_iri(slot.prop)
        if not iri.startswith(RLD):  # a standard property (rdfs:label)
            assert slot.role == "text" and iri == "http://www.w3.org/2000/01/rdf-schema#label"
            continue
        expected = OWL + ("ObjectProperty" if slot.role in ("entity", "enum") else "DatatypeProperty")
        assert expected in _types(store, iri), (kind.name, slot.prop)
    for slot in kind.slots:
        for term in (slot.vocab.terms.values() if slot.vocab else ()):
            assert _types(store, RLD + term), (kind.name, slot.name, term)  # a declared individual or property


def test_every_fact_node_class_carries_a_confidence_shape():
    store = _store(ROOT / "shapes" / "confidence-shapes.ttl")
    targets = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(SH + "targetClass"), None)}
    assert {RLD + k.rdf_class for k in KINDS} <= targets


# -- every stage handles every kind through the declaration --------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_coreference_rewrites_every_entity_field_and_nothing_else(kind):
    from refugee_ld.coref import _remap_fact

    fact = sample(kind)
    moved = _remap_fact(fact, lambda key: key + "-moved")
    for field in dataclasses.fields(fact):
        before, after = getattr(fact, field.name), getattr(moved, field.name)
        if field.name in {s.name for s in kind.entity_slots}:
            assert after == before + "-moved"
        else:
            assert after == before


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_extraction_keys_are_the_entity_fields(kind):
    from refugee_ld.extraction.extract import _fact_keys

    fact = sample(kind)
    assert _fact_keys([fact]) == {getattr(fact, s.name) for s in kind.entity_slots}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_evaluation_keys_a_prediction_like_the_gold_fact_that_states_it(kind):
    from refugee_ld.evaluate import _gold_dates, _gold_key, _pred_rows
    from refugee_ld.records import Document, Extraction

    fact = sample(kind)
    names = {getattr(fact, s.name): f"The {s.name.title()} Named" for s in kind.entity_slots}
    gold = {"kind": kind.name}
    for slot in kind.slots:
        value = getattr(fact, slot.name)
        gold[slot.gold_name] = names.get(value, value.iso if isinstance(value, DateValue) else value)
    gold = json.loads(json.dumps(gold))  # as a gold file gives it
    [(name, key, dates, quote)] = _pred_rows(Extraction(Document("d.txt", "x"), facts=(fact,)), names)
    assert name == kind.name and quote == fact.evidence.exact
    assert key == _gold_key(kind.name, gold) and len(key) == len(kind.key_slots)
    assert tuple(d.iso for d in dates) == _gold_dates(kind.name, gold)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_mapping_states_every_declared_property_on_the_declared_nodes(kind):
    from refugee_ld.rdf.mapping import IriMaker, fact_annotation_quads, fact_key, fact_quads
    from refugee_ld.records import Document, Extraction

    iris = IriMaker("https://example.org/kg/")
    fact = sample(kind)
    doc = iris.document("d.txt")
    quads = fact_quads("d.txt", doc, fact, iris)
    stated = {q.p.value for q in quads}
    for slot in kind.slots:
        assert (slot.prop is not None and _prop_iri(slot.prop) in stated) or slot.prop is None, slot.name
    node = iris.entity(fact_key("d.txt", fact))
    notes = fact_annotation_quads(Extraction(Document("d.txt", "x"), facts=(fact,)), iris, lambda f: 0.5)
    classes = {q.o.value for q in quads + notes if q.s == node and q.p.value == RDF_TYPE}
    assert classes == {RLD + kind.rdf_class}
    assert {q.p.value for q in notes if q.s == node} >= {RLD + "confidence", RLD + "rule"}
    assert all(q.g == doc for q in quads + notes)


def test_fact_iris_differ_between_kinds_and_between_facts():
    from refugee_ld.rdf.mapping import fact_key

    keys = [fact_key("d.txt", sample(kind, n)) for kind in KINDS for n in (0, 1)]
    assert len(set(keys)) == len(keys)


def test_mapping_refuses_a_kind_naming_an_unknown_irregular_function():
    from refugee_ld.rdf.mapping import _check_declarations

    odd = FactKind("odd", "TreatyAction", (), iri_tag="odd", identity=(), extra=("no_such_function",))
    with pytest.raises(ImportError, match="no_such_function"):
        _check_declarations([odd])


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_curation_builds_the_same_record_from_the_declared_fields(kind):
    from refugee_ld.extraction.curation import _build_fact

    fact = sample(kind)
    values = {s.name: getattr(fact, s.name) for s in kind.slots}
    built = _build_fact(kind.name, values, fact.evidence)
    assert built == dataclasses.replace(fact, rule="curation.added")
    required = {s.name: getattr(fact, s.name) for s in kind.slots if s.required}
    assert kind_of(_build_fact(kind.name, required, fact.evidence)) is kind


def test_review_lists_the_declared_fact_classes():
    from refugee_ld.review import FACT_CLASSES

    assert set(FACT_CLASSES) == {k.rdf_class for k in KINDS}
