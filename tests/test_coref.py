from refugee_ld.coref import merge_within, resolve_corpus, similarity
from refugee_ld.records import DateValue, Document, Entity, EventDetails, Evidence, Extraction, Mention

EV = Evidence("d", 0, 1, "x")


def doc_with(doc_id, events):
    entities, facts, mentions = [], [], []
    evidence = Evidence(doc_id, 0, 1, "x")
    for key, label, kind, date, place in events:
        entities.append(Entity(key, "Event", label, kind=kind))
        mentions.append(Mention(key, evidence))
        facts.append(EventDetails(key, DateValue(date) if date else None, None, place, evidence))
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


def _all_pairs_clusters(nodes):
    """The unblocked reference: every pair sharing a year compared, as coreference did before blocking, the
    accepted pairs joined in sorted order unless that puts two ordinals in one component."""
    from refugee_ld.coref import _ordinal, _same_event

    parent = list(range(len(nodes)))
    numbers = [{(_ordinal(e.label), d.evidence.doc_id) for d in details} if _ordinal(e.label) else set()
               for e, details in nodes]

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    buckets = {}
    for i, (_, details) in enumerate(nodes):
        for year in sorted({d.start.iso[:4] for d in details if d.start}):
            buckets.setdefault(year, []).append(i)
    accepted = sorted({(i, j) for members in buckets.values() for x, i in enumerate(members)
                       for j in members[x + 1:] if _same_event(*nodes[i], *nodes[j])})
    for i, j in accepted:
        ri, rj = find(i), find(j)
        if ri != rj and not any(n != m and d != e for n, d in numbers[ri] for m, e in numbers[rj]):
            parent[rj] = ri
            numbers[ri] |= numbers[rj]
    groups = {}
    for i in range(len(nodes)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


WORDS = ["regional", "conference", "refugee", "protection", "migration", "asia", "statelessness", "dialogue", "forum"]
KINDS = ["conference", "meeting", "visit", None]


def test_blocked_candidates_give_the_same_clusters_as_comparing_every_pair():
    import random

    from refugee_ld.coref import _clusters, candidate_pairs

    rng = random.Random(13)
    for _ in range(30):
        nodes = []
        for n in range(rng.randint(2, 60)):
            label = " ".join(rng.sample(WORDS, rng.randint(1, 4))).title()
            if rng.random() < 0.2:
                label = rng.choice(["1st", "2nd", "the"]) + " " + label
            details = [EventDetails(f"e{n}", DateValue(rng.choice(["2011", "2011-03", "2011-03-15", "2012"]))
                                    if rng.random() < 0.9 else None, None,
                                    rng.choice([None, "place/almaty", "place/bishkek"]), EV)
                       for _ in range(rng.randint(1, 2))]
            nodes.append((Entity(f"event/e{n}", "Event", label, kind=rng.choice(KINDS)), details))
        assert _clusters(nodes) == _all_pairs_clusters(nodes)
        total = sum(len(m) * (len(m) - 1) // 2 for m in _year_buckets(nodes))
        assert len(candidate_pairs(nodes)) <= total


def _year_buckets(nodes):
    buckets = {}
    for i, (_, details) in enumerate(nodes):
        for year in {d.start.iso[:4] for d in details if d.start}:
            buckets.setdefault(year, []).append(i)
    return buckets.values()


def _agency_doc(doc_id, label):
    entity = Entity("agency/csce-secretariat", "Agency", label)
    return Extraction(Document(doc_id, "x"), (entity,), (Mention(entity.key, EV),), ())


def test_one_label_per_entity_across_documents_most_used_then_title_case():
    """Documents that mint one key from surfaces differing in case must not give the entity two labels."""
    docs = [_agency_doc("a", "CSCE secretariat"), _agency_doc("b", "CSCE Secretariat"),
            _agency_doc("c", "CSCE secretariat")]
    out = resolve_corpus(docs)
    assert {x.entities[0].label for x in out} == {"CSCE secretariat"}  # two documents against one
    assert out[1].entities[0].aliases == ("CSCE Secretariat",)  # the document's own surface stays an alias
    tie = resolve_corpus([_agency_doc("a", "CSCE secretariat"), _agency_doc("b", "CSCE Secretariat")])
    assert {x.entities[0].label for x in tie} == {"CSCE Secretariat"}  # equal use: the proper title
    reverse = resolve_corpus([_agency_doc("b", "CSCE Secretariat"), _agency_doc("a", "CSCE secretariat")])
    assert {x.entities[0].label for x in reverse} == {"CSCE Secretariat"}  # whatever the document order
    alone = resolve_corpus([_agency_doc("a", "CSCE secretariat")])
    assert alone[0].entities[0].label == "CSCE secretariat" and alone[0].entities[0].aliases == ()


def test_sessions_with_spelled_ordinals_stay_apart():
    x = doc_with("a", [("event/s60", "Sixtieth Session of the United Nations General Assembly", "session", "2005", None),
                       ("event/s59", "Fifty-ninth Session of the United Nations General Assembly", "session", None,
                        None),
                       ("event/s47", "Forty-seventh Session of the United Nations General Assembly", "session", None,
                        None)])
    assert len(merge_within(x).entities) == 3


def test_the_same_spelled_ordinal_still_merges():
    x = doc_with("a", [("event/a", "Fifty-ninth Session of the United Nations General Assembly", "session", None, None),
                       ("event/b", "fifty-ninth session of the General Assembly of the United Nations", "session", None,
                        None)])
    assert len(merge_within(x).entities) == 1


def test_an_unnumbered_session_does_not_chain_two_numbered_ones():
    """UNGDC audit: "this session" (1998) and a 2010 speech's "the twentieth special session ... in 1998" were
    one node because an unnumbered session of that year was like both."""
    regular = doc_with("a", [("event/s53", "Fifty-third Session of the United Nations General Assembly", "session",
                              "1998", None)])
    special = doc_with("b", [("event/ss20", "Twentieth Special Session of the United Nations General Assembly",
                              "session", "1998", None)])
    unnumbered = doc_with("c", [("event/s", "Session of the United Nations General Assembly", "session", "1998",
                                 None)])
    out = resolve_corpus([regular, special, unnumbered])
    keys = [x.entities[0].key for x in out]
    assert keys[0] != keys[1]
    assert keys[2] in (keys[0], keys[1])


def test_one_documents_own_numbers_do_not_split_what_others_join():
    """Seed 004 calls one conference both "the fifth UNHCR Regional Conference" and "the 1st Conference held in
    March 2011 in Almaty"; other documents name it without a number."""
    own = doc_with("a", [("event/fifth", "Fifth UNHCR Regional Conference on Refugee Protection", "conference",
                          "2011-03", "place/almaty"),
                         ("event/first", "1st Regional Conference on Refugee Protection", "conference", "2011-03",
                          "place/almaty")])
    other = doc_with("b", [("event/rc", "Regional Conference on Refugee Protection", "conference", "2011-03",
                            "place/almaty")])
    out = resolve_corpus([own, other])
    assert len({e.key for x in out for e in x.entities}) == 1
