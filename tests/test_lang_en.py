"""English fact vocabulary as data: patterns built from the word lists of lang/en.json."""
import copy
import re

from refugee_ld.lang import vocabulary
from refugee_ld.lang.en import _TEMPLATES, alternatives, build_fact_patterns, fact_patterns, slots


def test_every_slot_of_every_pattern_has_a_word_list():
    words = slots(vocabulary("en")["facts"])
    for name, (template, _) in _TEMPLATES.items():
        for slot in re.findall(r"(?<!\{)\{([a-z_]+)\}(?!\})", template):
            assert slot in words, (name, slot)


def test_a_space_in_an_entry_stays_one_space_in_a_verbose_pattern():
    rx = re.compile(rf"\b(?:{alternatives(['took place', 'held'])})\b", re.VERBOSE)
    assert rx.search("it took place today") and not rx.search("it tookplace today")


def test_a_word_added_to_the_data_is_matched():
    facts = copy.deepcopy(vocabulary("en")["facts"])
    assert not fact_patterns("en").party_verb.search("Chile adhered to the Convention")
    facts["treaty"]["party_verbs"].append("adhered")
    patterns = build_fact_patterns(facts)
    m = patterns.party_verb.search("Chile adhered to the Convention")
    assert m is not None and m.group("verb") == "adhered"


def test_the_patterns_read_the_genre():
    p = fact_patterns("en")
    assert p.party_verb.search("X deposited its instrument of accession to the Y").group("verb").startswith("deposited")
    assert p.not_done.search("has yet to") and p.not_done.search("encouraging")
    assert p.instrument_date_verb.search("entered into force in 2010").group("force")
    assert p.passive.search("the Convention was duly ")
    assert p.held_after.match(" was held in Geneva on ")
    m = re.match(p.number, "1,200,000 refugees")
    assert m is not None and m.group("num") == "1,200,000"


def test_months_ordinals_and_multipliers_are_one_list_each():
    p = fact_patterns("en")
    assert len(p.months) == 12 and p.months[0] == "January"
    assert "next-to-last" in p.order_words.split("|")
    assert p.multipliers["million"] == 1_000_000


def test_a_language_without_its_own_data_reads_english():
    assert vocabulary("xx") is vocabulary("en") or vocabulary("xx") == vocabulary("en")
    assert fact_patterns("xx-YY").party_verb.pattern == fact_patterns("en").party_verb.pattern
