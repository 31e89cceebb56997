"""Precision guards of the treaty rules (extraction/facts/treaty_guards.py), through the extraction.  Each guard
comes from a wrong fact of a hand audit on unseen speeches; the sentences are paraphrases written for these
tests, each family with sentences that must still yield their act."""
import pytest

from refugee_ld.extraction.extract import extract
from refugee_ld.records import DateValue, Document, TreatyAction

NPT = "Treaty on the Non-Proliferation of Nuclear Weapons"
CRC = "Convention on the Rights of the Child"
CTBT = "Comprehensive Nuclear-Test-Ban Treaty"


def actions(text, registry, lexicon, author=None):
    document = Document(doc_id="t.txt", text=text, date=DateValue("2010-09-25"), author_state=author)
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    label.update({k: e.entity.label for k, e in registry.entries.items()})
    found = [f for f in x.facts if isinstance(f, TreatyAction)]
    assert all(f.evidence.exact == text[f.evidence.start:f.evidence.end] for f in found)
    return {(label[f.state], label[f.instrument], f.action, f.date.iso if f.date else None) for f in found}


@pytest.mark.parametrize("text", [
    f"We urge the international community to demand that Israel accede to the {NPT} without delay.",
    f"The region insists that Israel sign the {NPT} and open its facilities.",
    f"It is high time that Israel join the {NPT}.",
])
def test_a_bare_verb_after_a_named_state_is_an_appeal(text, registry, lexicon):
    assert actions(text, registry, lexicon) == set()


@pytest.mark.parametrize("text, expected", [
    (f"We sign the {CRC} today.", ("Chile", CRC, "signature", None)),
    (f"Peru acceded to the {CRC} in 1990.", ("Peru", CRC, "accession", "1990")),
    (f"Peru signs the {CRC} today.", ("Peru", CRC, "signature", None)),
    (f"Peru is the only other country to ratify the {CRC} this year.", ("Peru", CRC, "ratification", "2010")),
    (f"Peru was the first State to accede to the {CRC}.", ("Peru", CRC, "accession", None)),
])
def test_a_tensed_verb_or_a_pronoun_subject_still_reports(text, expected, registry, lexicon):
    assert expected in actions(text, registry, lexicon, author="Chile")


@pytest.mark.parametrize("text", [
    f"Israel's accession to the {NPT} is of extreme significance for the security of the region.",
    f"Israel's accession to the {NPT}, in our view, would be an essential step towards a zone free of such weapons.",
    f"The accession of Israel to the {NPT} remains a priority for the whole region.",
    f"We continue to demand Israel's accession to the {NPT}.",
    f"The Arab States call for Israel's accession to the {NPT}.",
    f"Sound logic calls firmly for Israel's accession to the {NPT}.",
])
def test_a_weighed_or_demanded_nominal_act_is_no_act(text, registry, lexicon):
    assert actions(text, registry, lexicon) == set()


@pytest.mark.parametrize("text", [
    f"We welcome Cuba's accession to the {NPT}.",
    f"Cuba's accession to the {NPT} in 2002 was welcomed by all.",
])
def test_a_reported_nominal_act_stays(text, registry, lexicon):
    assert {(s, a) for s, _, a, _ in actions(text, registry, lexicon)} == {("Cuba", "accession")}


@pytest.mark.parametrize("text", [
    f"We value the {NPT}, to which the Sudan acceded in 1973, as well as the {CTBT}.",
    f"Foremost is the {NPT}, which the Sudan ratified in 1973, together with the {CTBT}.",
])
def test_what_follows_a_relative_act_is_not_its_object(text, registry, lexicon):
    found = actions(text, registry, lexicon)
    assert not any(i == CTBT for _, i, _, _ in found)
    assert ("Sudan", NPT) in {(s, i) for s, i, _, _ in found}  # the antecedent is (a "the" before a state is fine)


@pytest.mark.parametrize("text", [
    f"We uphold the {CRC}. Last year Turkmenistan signed the Treaty on a Nuclear-Weapon-Free Zone in Central Asia.",
    f"We uphold the {CRC}. In 2006 Kazakhstan ratified the Convention on a regional fisheries body.",
    f"We uphold the {NPT}. In 2006 Kazakhstan signed the Treaty on a nuclear-weapon-free zone in Central Asia.",
    "We uphold the Charter of the United Nations. In 2006 Kazakhstan signed the Treaty.",
])
def test_a_head_noun_that_names_another_instrument_is_no_back_reference(text, registry, lexicon):
    assert not any(s in ("Turkmenistan", "Kazakhstan") for s, _, _, _ in actions(text, registry, lexicon))


def test_a_head_noun_back_reference_of_the_same_kind_stays(registry, lexicon):
    text = f"Kazakhstan acceded to the {NPT} in 1993. Malta signed the Treaty in 1994."
    assert ("Malta", NPT, "signature", "1994") in actions(text, registry, lexicon)
    text = f"Kazakhstan acceded to the {NPT} in 1993. Malta signed the Treaty on the same day."
    assert ("Malta", NPT, "signature", None) in actions(text, registry, lexicon)


@pytest.mark.parametrize("text", [
    "In Angola we noted the conclusion of a Memorandum of Understanding between the Government and UNITA.",
    "We welcome the Agreement between the Government and the rebel movement of Darfur.",
])
def test_a_government_named_by_its_noun_alone_is_no_party(text, registry, lexicon):
    assert actions(text, registry, lexicon, author="Mozambique") == set()


def test_a_bilateral_title_with_named_parties_stays(registry, lexicon):
    text = "We welcome the Agreement between the Government of Chile and the Government of Peru."
    assert {s for s, _, _, _ in actions(text, registry, lexicon)} == {"Chile", "Peru"}


@pytest.mark.parametrize("text", [
    f"The {CRC} was signed by all parties to the conflict, as well as by leaders and members of Peru society.",
    f"The {CRC} was ratified by the committees of young people from Peru.",
])
def test_the_agent_of_a_passive_is_the_phrase_after_by(text, registry, lexicon):
    assert actions(text, registry, lexicon) == set()


@pytest.mark.parametrize("text, state", [
    (f"The {CRC} was ratified by Peru in 1991.", "Peru"),
    (f"The {CRC} was signed by the Government of Peru in 1991.", "Peru"),
])
def test_a_state_right_after_by_is_the_agent(text, state, registry, lexicon):
    assert {s for s, _, _, _ in actions(text, registry, lexicon)} == {state}


def test_a_date_across_a_semicolon_belongs_to_another_list_item(registry, lexicon):
    text = (f"We welcome the cuts agreed for the year 2003 under the Strategic Arms Reduction Treaty; "
            f"and the accession of China to the {NPT}.")
    assert ("China", NPT, "accession", None) in actions(text, registry, lexicon)
    assert not any(d for _, _, _, d in actions(text, registry, lexicon))


@pytest.mark.parametrize("text", [
    "The President is fully committed to the implementation of the signed Revitalized Peace Agreement of Peru.",
    f"Peru respects this signed {CRC}.",
])
def test_an_attributive_participle_names_no_signer(text, registry, lexicon):
    assert actions(text, registry, lexicon, author="Peru") == set()


@pytest.mark.parametrize("text", [
    "Peru has acceded to the second commitment period of the Kyoto Protocol.",
    f"Peru ratified the amendments to article 43 of the {CRC}.",
])
def test_an_act_on_a_part_is_no_act_on_the_treaty(text, registry, lexicon):
    assert actions(text, registry, lexicon) == set()


@pytest.mark.parametrize("text", [
    "The Government of Peru and the rebel front signed, in Lima on 7 July 1999, a Peace Agreement.",
    "Last year Peru signed an Agreement with its neighbours.",
])
def test_an_indefinite_generic_name_is_no_instrument(text, registry, lexicon):
    assert actions(text, registry, lexicon) == set()


def test_an_and_with_its_own_adverbial_starts_a_new_clause(registry, lexicon):
    text = (f"Last year, Peru ratified the {CRC} and, last June, Parliament approved accession to the "
            f"Kyoto Protocol.")
    assert {i for _, i, _, _ in actions(text, registry, lexicon)} == {CRC}


@pytest.mark.parametrize("text, dates", [
    (f"In 1994 Peru ratified the {CRC} and in 2001 the Kyoto Protocol.", {CRC: "1994", "Kyoto Protocol": "2001"}),
    (f"Peru ratified the {CRC} in 1994 and the Kyoto Protocol in 2001.", {CRC: "1994", "Kyoto Protocol": "2001"}),
    (f"Peru ratified the {CRC} and the Kyoto Protocol in 2001.", {CRC: "2001", "Kyoto Protocol": "2001"}),
])
def test_each_conjunct_keeps_its_own_date(text, dates, registry, lexicon):
    assert {i: d for _, i, _, d in actions(text, registry, lexicon)} == dates


@pytest.mark.parametrize("text", [
    "Peru also ratified the Paris Agreement, within the United Nations Framework Convention on Climate Change.",
    "Peru ratified the Paris Agreement in accordance with the United Nations Framework Convention on Climate "
    "Change.",
])
def test_a_framing_instrument_is_no_object(text, registry, lexicon):
    assert {i for _, i, _, _ in actions(text, registry, lexicon)} == {"Paris Agreement"}


@pytest.mark.parametrize("text", [
    "In keeping with this inclination, Peru signed the Treaty at the General Assembly.",
    "At the same time, Peru acceded to the First Optional Protocol to the former Covenant.",
])
def test_a_cut_or_padded_name_is_no_object(text, registry, lexicon):
    assert actions(text, registry, lexicon) == set()


def test_a_comma_before_another_act_ends_the_object_list(registry, lexicon):
    text = "Peru signed the Treaty of Amity and Cooperation with Chile, became a party to the Treaty of Bali."
    assert {(i, a) for _, i, a, _ in actions(text, registry, lexicon)} == {
        ("Treaty of Amity and Cooperation", "signature"), ("Treaty of Bali", "party")}


@pytest.mark.parametrize("text", [
    "Peru became a party to the Treaty of Bali of 1976.",
    f"Peru has ratified the {NPT} and will support, during the negotiations to take place next year, its extension.",
])
def test_a_date_of_the_name_or_of_a_modal_clause_is_not_the_acts(text, registry, lexicon):
    found = actions(text, registry, lexicon)
    assert found and not any(d for _, _, _, d in found)


def test_a_lower_case_head_noun_names_only_a_close_instrument(registry, lexicon):
    far = ("Peru ratified the Paris Agreement in 2016. Water is our priority. The ocean is a reservoir. Chile "
           "welcomes the agreement on marine biological diversity, and Chile has signed the agreement.")
    assert ("Chile", "Paris Agreement", "signature", None) not in actions(far, registry, lexicon)
    close = "Chile welcomed the Paris Agreement. Chile has signed the agreement."
    assert ("Chile", "Paris Agreement", "signature", None) in actions(close, registry, lexicon)


@pytest.mark.parametrize("text", [
    f"All the States of the region, with the sole exception of Israel, have acceded to the {NPT}.",
    f"All States of the region except Israel have acceded to the {NPT}.",
    f"Every State of the region apart from Israel has signed the {NPT}.",
])
def test_an_excepted_state_did_not_act(text, registry, lexicon):
    assert actions(text, registry, lexicon) == set()


def test_a_baseline_year_is_not_the_acts_date(registry, lexicon):
    text = ("Peru has ratified the Paris Agreement, with a voluntary obligation to achieve a 35 per cent "
            "reduction in emissions by 2030 compared to the base year 1990.")
    assert actions(text, registry, lexicon) == {("Peru", "Paris Agreement", "ratification", None)}


def test_an_adverb_between_determiner_and_participle_keeps_it_attributive(registry, lexicon):
    text = f"Peru welcomes the recently signed and revitalized {CRC}."
    assert actions(text, registry, lexicon, author="Peru") == set()


def test_a_name_ending_in_a_function_word_is_cut(registry, lexicon):
    text = "Peru is a party to the Convention and I am happy to say so."
    assert actions(text, registry, lexicon) == set()


def test_a_coordinated_verb_with_several_states_before_it_has_an_unsure_subject(registry, lexicon):
    text = (f"Last year, Peru accepted the initiative of the President of Chile, Mr. Lagos, and acceded to the "
            f"{CRC}.")
    assert actions(text, registry, lexicon) == set()
    text = f"Last year, Peru accepted the initiative and acceded to the {CRC}."
    assert actions(text, registry, lexicon) == {("Peru", CRC, "accession", "2009")}


def test_an_instrument_reached_through_another_noun_is_no_object(registry, lexicon):
    text = (f"Yesterday Peru signed the {NPT} as a demonstration of its commitment to the elimination of "
            f"nuclear weapons and to the {CRC}.")
    assert {i for _, i, _, _ in actions(text, registry, lexicon)} == {NPT}
    text = f"In 1990 Peru ratified both the {NPT}, and the {CRC}."
    assert {i for _, i, _, _ in actions(text, registry, lexicon)} == {NPT, CRC}


def test_a_possessive_object_is_the_verbs_object(registry, lexicon):
    text = "Peru ratifies its commitment to the principles set forth in the Charter of the United Nations."
    assert actions(text, registry, lexicon) == set()


def test_a_coordinated_predicate_keeps_its_own_date(registry, lexicon):
    text = f"Peru acceded to the {CRC} and is looking forward to the first meeting of the parties this November."
    assert actions(text, registry, lexicon) == {("Peru", CRC, "accession", None)}


def test_a_parenthetical_resolution_continues_no_list(registry, lexicon):
    text = ("Peru recently ratified the International Convention on the Protection of the Rights of All "
            "Migrant Workers and Members of Their Families (resolution 45/158).")
    assert not any("resolution" in i for _, i, _, _ in actions(text, registry, lexicon))


def test_a_name_cut_at_a_hyphenated_line_break_is_no_object(registry, lexicon):
    text = "In July 2009 Peru ratified the Comprehensive Nuclear- Test-Ban Treaty."
    assert actions(text, registry, lexicon) == set()
    text = f"In July 2009 Peru ratified the {CTBT}."
    assert actions(text, registry, lexicon) == {("Peru", CTBT, "ratification", "2009-07")}


def test_a_name_prefix_the_mention_left_out_continues_the_object_list(registry, lexicon):
    text = ("We have ratified the International Convention for the Protection of All Persons from Enforced "
            "Disappearance and the United Nations Convention against Torture.")
    assert len(actions(text, registry, lexicon, author="Peru")) == 2


def test_coordinated_states_with_a_bare_verb_report_unless_that_opens_them(registry, lexicon):
    text = f"Croatia, Nigeria and Peru accede to the {CRC}."
    assert {s for s, _, _, _ in actions(text, registry, lexicon)} == {"Croatia", "Nigeria", "Peru"}
    text = f"We demand that Israel and Iran accede to the {NPT}."
    assert actions(text, registry, lexicon) == set()
