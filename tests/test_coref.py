from refugee_ld.coref import merge_within, resolve_corpus, similarity
from refugee_ld.records import DateValue, Document, Entity, EventDetails, Evidence, Extraction, Mention

EV = Evidence("d", 0, 1, "x")


def doc_with(doc_id, events):
    entities, facts, mentions = [], [], []
    for key, label, kind, date, place in events:
        entities.append(Entity(key, "Event", label, kind=kind))
        mentions.append(Mention(key, EV))
        facts.append(EventDetails(key, DateValue(date) if date else None, None, place, EV))
    return Extraction(Document(doc_id, "x"), tuple(entities), tuple(mentions), tuple(facts))


def test_name_similarity_ignores_case_plural_and_function_words():
    assert similarity("Regional Conference on Refugee Protection and International Migration in Central Asia",
                      "regional conference on protection of refugees and on international migration in Central Asia") == 1


def test_one_event_across_documents_despite_different_names():
    a = doc_with("a", [("event/rc-a", "Regional Conference on Refugee Protection and International Migration",
                        "conference", "2011-03-15", "place/almaty")])
    b = doc_with("b", [("event/rc-b", "Regional conference on protection of refugees and international migration",
                        "conference", "2011-03", "place/almaty")])
    c = doc_with("c", [("event/rc-c", "Second Regional Ministerial Conference on Refugee Protection and "
                        "International Migration", "conference", "2013-06-05", "place/almaty")])
    out = resolve_corpus([a, b, c])
    keys = [x.entities[0].key for x in out]
    assert keys[0] == keys[1] != keys[2]
    # each document keeps its own claim about the date
    assert [f.start.iso for x in out[:2] for f in x.facts] == ["2011-03-15", "2011-03"]


def test_generic_mention_joins_the_named_event_with_matching_date_and_place():
    x = doc_with("a", [("event/rc", "Regional Conference on Refugee Protection", "conference", "2011-03",
                        "place/almaty"),
                       ("event/conference", "Conference", "conference", "2011-03", "place/almaty")])
    merged = merge_within(x)
    assert [e.key for e in merged.entities] == ["event/rc"]
    assert "Conference" in merged.entities[0].aliases


def test_events_with_conflicting_dates_stay_apart():
    x = doc_with("a", [("event/a", "Annual Consultations on Migration", "consultation", "2012", None),
                       ("event/b", "Annual Consultations on Migration Policy", "consultation", "2013", None)])
    assert len(merge_within(x).entities) == 2


def test_coreference_does_not_import_the_evaluation_module():
    import subprocess
    import sys

    code = "import sys, refugee_ld.coref; print(sorted(m for m in sys.modules if m.startswith('refugee_ld')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "refugee_ld.coref" in loaded and "refugee_ld.evaluate" not in loaded
