"""The recall rules (extraction/facts/recall_*.py), each in paraphrases written for these tests (none is taken
from a development document), with negated, modal and exhorting sentences that must yield nothing."""
import pytest

from refugee_ld.extraction import rules
from refugee_ld.extraction.extract import analyse, extract
from refugee_ld.extraction.facts import OUTPUT_ORDER, RECALL_ORDER
from refugee_ld.records import DateValue, Document, EventDetails, EventRole, InstrumentDate, PostHolding, TreatyAction
from refugee_ld.text.textview import build_view


def facts(text, registry, lexicon, rule, author=None, date="2005-09-20"):
    """The facts one recall rule adds to what the core rules found (run alone, with no other recall rule's
    results, so a phrasing another recall rule also reads still tests this rule); every fact must carry the
    rule's name and quote the text exactly."""
    document = Document(doc_id="t.txt", text=text, date=DateValue(date), author_state=author)
    doc = analyse(document, build_view(document.text, document.media_type), registry, lexicon)
    results = rules.run_stage("facts", doc)
    inputs = {name: () if name in RECALL_ORDER else results[name] for name in rules.get_rule(rule).after}
    found = list(rules.run_rule(rule, doc, inputs))
    facts_only = [f for f in found if hasattr(f, "evidence")]
    assert all(f.rule.split(".")[-1] == rule.split(".")[-1] and f.evidence.exact == text[f.evidence.start:f.evidence.end]
               for f in facts_only)
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    label.update({k: e.entity.label for k, e in registry.entries.items()})
    return found, label


def test_recall_rules_run_in_extraction(registry, lexicon):
    doc = Document(doc_id="t.txt", text="Chile will host the next World Conference on Statelessness in 2007.",
                   date=DateValue("2005-09-20"))
    assert "organiser.host" in {f.rule for f in extract(doc, registry, lexicon).facts}


def test_recall_rules_follow_every_core_fact():
    """The recall facts come last, as the rules read what the core rules found; each rule is documented."""
    assert OUTPUT_ORDER[-len(RECALL_ORDER):] == RECALL_ORDER
    order = [r.name for r in rules.ordered("facts")]
    core = [name for name in OUTPUT_ORDER if name not in RECALL_ORDER]
    for name in RECALL_ORDER:
        r = rules.get_rule(name)
        assert r.doc and len(r.doc.split()) > 10, name
        assert all(order.index(c) < order.index(name) for c in core if c in r.after)


def test_a_recall_rule_repeats_no_fact_of_the_rules_it_reads(registry, lexicon):
    """Given the facts a rule reads, the rule adds nothing they hold: run with its own output as input, none."""
    text = "Chile will host the next World Conference on Statelessness in 2007."
    document = Document(doc_id="t.txt", text=text, date=DateValue("2005-09-20"))
    doc = analyse(document, build_view(text, document.media_type), registry, lexicon)
    results = rules.run_stage("facts", doc)
    assert results["organiser.host"]
    inputs = {name: results[name] for name in rules.get_rule("organiser.host").after}
    inputs["roles"] = inputs["roles"] + results["organiser.host"]
    assert rules.run_rule("organiser.host", doc, inputs) == ()


# -- instrument_date.citation_year ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, year", [
    ("The Council welcomed the adoption of Security Council resolution 1887\n(2009) by consensus.", "2009"),
    ("We recall that the Council unanimously adopted Security Council resolution 2118\n(2013) on chemical arms.",
     "2013"),
])
def test_citation_year_cut_by_line_break(text, year, registry, lexicon):
    found, label = facts(text, registry, lexicon, "instrument_date.citation_year")
    assert [(f.what, f.date.iso) for f in found if isinstance(f, InstrumentDate)] == [("adopted", year)]
    assert all(f.evidence.exact == text[f.evidence.start:f.evidence.end] for f in found)


@pytest.mark.parametrize("text", [
    "As Security Council resolution 1887\n(2009) makes clear, disarmament is a shared task.",  # cited in passing
    "Security Council resolution 1887 remains the basis of our work.",  # no year at all
])
def test_citation_year_needs_adoption_context(text, registry, lexicon):
    assert facts(text, registry, lexicon, "instrument_date.citation_year")[0] == []


# -- treaty.list_continuation -----------------------------------------------------------------------------------
def test_treaty_list_continues_over_semicolons(registry, lexicon):
    text = ("Last month Chile acceded to the Convention relating to the Status of Stateless Persons; to the "
            "Convention on the Reduction of Statelessness; and to the Convention on the Rights of the Child.")
    found, label = facts(text, registry, lexicon, "treaty.list_continuation")
    got = {(label[f.state], label[f.instrument], f.action) for f in found if isinstance(f, TreatyAction)}
    assert got == {("Chile", "Convention on the Reduction of Statelessness", "accession"),
                   ("Chile", "Convention on the Rights of the Child", "accession")}


@pytest.mark.parametrize("text", [
    "Chile has not acceded to the Convention relating to the Status of Stateless Persons; to the Convention on "
    "the Reduction of Statelessness; and to the Convention on the Rights of the Child.",
    "We call on Chile to accede to the Convention relating to the Status of Stateless Persons and to the "
    "Convention on the Reduction of Statelessness.",
    "Chile acceded to the Convention relating to the Status of Stateless Persons. The Convention on the "
    "Reduction of Statelessness remains a priority.",  # the next sentence is no continuation
])
def test_treaty_list_needs_an_asserted_first_action(text, registry, lexicon):
    assert facts(text, registry, lexicon, "treaty.list_continuation")[0] == []


# -- treaty.obligations_under ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, author", [
    ("Portugal, true to its obligations under the Convention on the Rights of the Child, reformed its courts.",
     None),
    ("Portugal honours its legal obligations under instruments such as the Convention on the Rights of the "
     "Child and the Convention on the Reduction of Statelessness.", None),
    ("As a party to the Convention on the Rights of the Child, my country has reformed its juvenile courts.",
     "Portugal"),
])
def test_obligations_under_make_a_party(text, author, registry, lexicon):
    found, label = facts(text, registry, lexicon, "treaty.obligations_under", author=author)
    got = {(label[f.state], label[f.instrument], f.action) for f in found if isinstance(f, TreatyAction)}
    assert ("Portugal", "Convention on the Rights of the Child", "party") in got
    assert all(f.date is None for f in found)


@pytest.mark.parametrize("text", [
    "Portugal should meet its obligations under the Convention on the Rights of the Child.",
    "We call on Portugal to respect its obligations under the Convention on the Rights of the Child.",
    "Portugal and Spain discussed their obligations under the Convention on the Rights of the Child.",  # whose?
    "Portugal acceded to the Convention on the Rights of the Child and honours its obligations under the "
    "Convention on the Rights of the Child.",  # the accession already says so
])
def test_obligations_under_negative(text, registry, lexicon):
    assert facts(text, registry, lexicon, "treaty.obligations_under")[0] == []


# -- post.presided_session -----------------------------------------------------------------------------------
ASSEMBLY = "Chile greets the General Assembly. "  # sessions are the Assembly's only in a text that names it
@pytest.mark.parametrize("text", [
    "I thank Ms. Maria Fernanda Espinosa Garces for the wisdom with which she presided over the seventy-third "
    "session.",
    "We are grateful to Ms. Maria Fernanda Espinosa Garces, whose leadership of the seventy-third session was "
    "exemplary.",
])
def test_president_of_a_session(text, registry, lexicon):
    found, label = facts(ASSEMBLY + text, registry, lexicon, "post.presided_session", author="Chile", date="2019-09-25")
    assert [(f.person, label[f.organisation]) for f in found if isinstance(f, PostHolding)] == [
        ("person/maria-fernanda-espinosa-garces", "United Nations General Assembly")]


@pytest.mark.parametrize("text", [
    "Ms. Maria Fernanda Espinosa Garces will not preside over the seventy-third session.",
    "Ms. Maria Fernanda Espinosa Garces, President of the Republic, addressed the seventy-third session.",
    "Ms. Maria Fernanda Espinosa Garces spoke at the seventy-third session.",  # no presiding word
])
def test_president_of_a_session_negative(text, registry, lexicon):
    found, _ = facts(ASSEMBLY + text, registry, lexicon, "post.presided_session", author="Chile", date="2019-09-25")
    assert found == []


# -- post.predecessor -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Sir, we congratulate you on your election as President of the General Assembly. We are confident of success. "
    "We must also thank your distinguished predecessor, Mr. Kofi Annan, for a fruitful year.",
    "We count on your wisdom. We also thank your predecessor, Mr. Kofi Annan, for all that was achieved under "
    "his presidency.",
])
def test_predecessor_of_the_assembly_president(text, registry, lexicon):
    found, label = facts(ASSEMBLY + text, registry, lexicon, "post.predecessor", author="Chile")
    assert [(label[f.person], label[f.organisation]) for f in found] == [
        ("Kofi Annan", "United Nations General Assembly")]


@pytest.mark.parametrize("text", [
    # the last office spoken of is the Secretary-General's: his predecessor is a former Secretary-General
    "We congratulate you on your election as President. We thank the Secretary-General for his report and "
    "pay tribute to his predecessor, Mr. Kofi Annan.",
    "We thank your predecessor, Mr. Kofi Annan.",  # no presidency spoken of at all
    "Sir, we congratulate you on your election as President of the General Assembly. We have not forgotten "
    "your predecessor, Mr. Kofi Annan.",
])
def test_predecessor_negative(text, registry, lexicon):
    assert facts(ASSEMBLY + text, registry, lexicon, "post.predecessor", author="Chile")[0] == []


# -- post.agency_official ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, org", [
    ("We thank the Secretary-\nGeneral, His Excellency Mr. Kofi Annan, for his report.", "United Nations"),
    ("We thank Mr. Kofi Annan, Secretary-\nGeneral, for his report.", "United Nations"),
    ("We met the Special Envoy of the Secretary-General for the Sahel, Mr. Kofi Annan, last week.",
     "United Nations"),
    ("We salute the appointment of Mr. Kofi Annan as Executive Director of the United Nations Children's Fund.",
     "United Nations Children's Fund"),
])
def test_agency_official(text, org, registry, lexicon):
    found, label = facts(text, registry, lexicon, "post.agency_official")
    assert [(label[f.person], label[f.organisation]) for f in found if isinstance(f, PostHolding)] == [
        ("Kofi Annan", org)]


def test_agency_official_does_not_repeat_a_core_fact(registry, lexicon):
    text = "We welcome the work of Mr. Kofi Annan, Executive Director of the United Nations Development Programme."
    assert facts(text, registry, lexicon, "post.agency_official")[0] == []  # post.title found it already


def test_agency_official_list_of_bodies(registry, lexicon):
    text = ("We support the Joint Special Representative of the African Union and the United Nations for Darfur, "
            "Mr. Kofi Annan.")
    found, label = facts(text, registry, lexicon, "post.agency_official")
    assert {label[f.organisation] for f in found} == {"African Union", "United Nations"}


@pytest.mark.parametrize("text", [
    "We thank the former Secretary-General, Mr. Kofi Annan, for his advice.",  # a past post
    "The Secretary-General met Mr. Kofi Annan in Geneva.",  # no apposition
])
def test_agency_official_negative(text, registry, lexicon):
    assert facts(text, registry, lexicon, "post.agency_official")[0] == []


# -- event.to_be_held ----------------------------------------------------------------------------------------------
def test_event_to_be_held_with_city_and_year(registry, lexicon):
    text = ("The World Conference on Statelessness, which is to be held in Nairobi in 2007, will follow the "
            "Regional Summit on Displacement in Geneva.")
    found, label = facts(text, registry, lexicon, "event.to_be_held")
    got = [(label[f.event], f.start.iso if f.start else None, label.get(f.place) if f.place else None)
           for f in found if isinstance(f, EventDetails)]
    assert got == [("World Conference on Statelessness", "2007", "Nairobi")]


def test_event_to_be_held_in_a_country_has_no_venue(registry, lexicon):
    text = ("The World Conference on Statelessness, which is to be held in Kenya in 2007, will follow the "
            "Regional Summit on Displacement in Geneva.")
    found, _ = facts(text, registry, lexicon, "event.to_be_held")
    assert [(f.start.iso if f.start else None, f.place) for f in found] == [("2007", None)]


@pytest.mark.parametrize("text", [
    "The World Conference on Statelessness, to be held in March, will be decisive.",  # a month it cannot date
    "The World Conference on Statelessness, which was to be held in Geneva in 2007, will not be held.",
    "The World Conference on Statelessness should be held in Geneva in 2007.",
    "The Conference of the Parties, to be held in Nairobi in 2007, will be decisive.",  # which one is not said
    "The next Ministerial Conference, to be held in Nairobi in 2007, will be decisive.",  # generic words only
])
def test_event_to_be_held_negative(text, registry, lexicon):
    assert facts(text, registry, lexicon, "event.to_be_held")[0] == []


# -- organiser.host ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, author", [
    ("Chile will host the next World Conference on Statelessness in 2007.", None),
    ("We hosted in May this year the World Conference on Statelessness.", "Chile"),
    ("We welcome Chile's offer to host the World Conference on Statelessness.", None),
])
def test_host_is_organiser(text, author, registry, lexicon):
    found, label = facts(text, registry, lexicon, "organiser.host", author=author)
    assert [(label[f.event], label[f.value]) for f in found if isinstance(f, EventRole)] == [
        ("World Conference on Statelessness", "Chile")]


def test_auspices_and_secretary_general_convening(registry, lexicon):
    text = ("The World Conference on Statelessness, held under the auspices of the African Union, was a success. "
            "We praise the Secretary-General's decision to convene the Regional Summit on Displacement.")
    found, label = facts(text, registry, lexicon, "organiser.host")
    got = {(label[f.event], label[f.value]) for f in found if isinstance(f, EventRole)}
    assert ("World Conference on Statelessness", "African Union") in got
    assert ("Regional Summit on Displacement", "United Nations") in got


@pytest.mark.parametrize("text", [
    "Chile would like to host the next World Conference on Statelessness.",
    "We call on Chile to host the World Conference on Statelessness.",
    "Chile has not hosted the World Conference on Statelessness.",
])
def test_host_negative(text, registry, lexicon):
    assert facts(text, registry, lexicon, "organiser.host", author="Peru")[0] == []


# -- treaty.bilateral_signing --------------------------------------------------------------------------------------
def test_bilateral_signing_binds_both_states(registry, lexicon):
    text = "The year saw the signing of the Convention on the Rights of the Child with Peru, a milestone."
    found, label = facts(text, registry, lexicon, "treaty.bilateral_signing", author="Chile")
    assert {(label[f.state], f.action) for f in found} == {("Chile", "signature"), ("Peru", "signature")}


@pytest.mark.parametrize("text, author", [
    ("We look forward to the signing of the Convention on the Rights of the Child with Peru.", "Chile"),
    ("We hope for the conclusion of the Convention on the Rights of the Child with Peru.", "Chile"),
    ("The year saw the signing of the Convention on the Rights of the Child with Peru.", None),  # who is 'we'?
])
def test_bilateral_signing_negative(text, author, registry, lexicon):
    assert facts(text, registry, lexicon, "treaty.bilateral_signing", author=author)[0] == []


# -- treaty.in_force_in --------------------------------------------------------------------------------------------
def test_in_force_in_a_state(registry, lexicon):
    text = ("We welcome the Convention on the Reduction of Statelessness, which entered into force in Chile on "
            "4 May 2004.")
    found, label = facts(text, registry, lexicon, "treaty.in_force_in")
    assert [(label[f.state], f.action, f.date.iso) for f in found] == [("Chile", "party", "2004-05-04")]


def test_in_force_without_a_state_is_no_party(registry, lexicon):
    text = "The Convention on the Reduction of Statelessness entered into force in 1975."
    assert facts(text, registry, lexicon, "treaty.in_force_in")[0] == []


# -- participant.participation_noun --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Chile's participation in the Regional Summit on Displacement was welcomed.",
    "We salute Chile - whose participation in the Regional Summit on Displacement was decisive.",
])
def test_participation_noun(text, registry, lexicon):
    found, label = facts(text, registry, lexicon, "participant.participation_noun")
    assert [(label[f.event], label[f.value]) for f in found] == [("Regional Summit on Displacement", "Chile")]


@pytest.mark.parametrize("text", [
    "We would welcome Chile's participation in the Regional Summit on Displacement.",
    "Chile's possible participation in the Regional Summit on Displacement is not confirmed.",
])
def test_participation_noun_negative(text, registry, lexicon):
    assert facts(text, registry, lexicon, "participant.participation_noun")[0] == []


# -- instrument_date.gerund ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, what, date", [
    ("By adopting the Cartagena Declaration on Refugees in 1984, the region widened protection.", "adopted", "1984"),
    ("The parties showed their resolve in signing the Arusha Peace Agreement on 28 August 2000.", "signed",
     "2000-08-28"),
])
def test_gerund_dates(text, what, date, registry, lexicon):
    found, _ = facts(text, registry, lexicon, "instrument_date.gerund")
    assert [(f.what, f.date.iso) for f in found] == [(what, date)]


@pytest.mark.parametrize("text", [
    # a state signing a multilateral convention dates its own signature, not the convention
    "Chile showed its resolve by signing the Convention on the Reduction of Statelessness on 3 May 2004.",
    "We should consider adopting the Brazil Declaration in 2006.",  # modal in the act's clause
    "The parties will mark the signing of the Arusha Peace Agreement on 28 August 2007.",  # after the dateline
])
def test_gerund_dates_negative(text, registry, lexicon):
    assert facts(text, registry, lexicon, "instrument_date.gerund")[0] == []


# -- event.name_year -----------------------------------------------------------------------------------------------
def test_the_year_in_an_occurrence_s_name_dates_it(registry, lexicon):
    text = "Leaders renewed their pledges at the 2014 World Forum on Migration and Development."
    found, label = facts(text, registry, lexicon, "event.name_year", date="2016-09-20")
    assert [(label[f.event], f.start.iso, f.place) for f in found] == [
        ("2014 World Forum on Migration and Development", "2014", None)]


@pytest.mark.parametrize("text", [
    # dated already, and more fully, by the rule that reads when it was held
    "The 2014 World Forum on Migration and Development was held in Nairobi on 3 May 2014.",
    "Leaders met at the World Forum on Migration and Development in 2014.",  # a year outside the name
    "In 2014 World Forum delegates met.",  # no name starting with the year
])
def test_name_year_negative(text, registry, lexicon):
    assert facts(text, registry, lexicon, "event.name_year", date="2016-09-20")[0] == []


# -- event.past_session -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, session, year", [
    ("Sir, we greet the General Assembly. One year ago, when we addressed this Assembly, hope was scarce.",
     "Fifty-ninth Session of the United Nations General Assembly", "2004"),
    ("Sir, we greet the General Assembly. As I recommended here in the General Assembly in 1999, reform is due.",
     "Fifty-fourth Session of the United Nations General Assembly", "1999"),
])
def test_a_session_the_speaker_recalls_addressing(text, session, year, registry, lexicon):
    found, label = facts(text, registry, lexicon, "event.past_session", author="Chile")
    got = {(type(f).__name__, f.rule, f.start.iso if isinstance(f, EventDetails) else label[f.value])
           for f in found if not hasattr(f, "label")}
    assert got == {("EventDetails", "event.past_session", year), ("EventRole", "participant.past_session", "Chile")}
    assert [f.label for f in found if hasattr(f, "label")] == [session]


@pytest.mark.parametrize("text, author", [
    ("Sir, we greet the General Assembly. When we addressed this Assembly, hope was scarce.", "Chile"),  # when?
    ("Sir, we greet the General Assembly. A year ago, when we addressed this Assembly, hope was scarce.", None),
    ("Sir, we greet the General Assembly. Even if I addressed this Assembly last year, little changed.", "Chile"),
    ("Sir, we greet the General Assembly. As I recommended here in the General Assembly in 2007, reform is due.",
     "Chile"),  # a year after the statement's
])
def test_past_session_negative(text, author, registry, lexicon):
    assert facts(text, registry, lexicon, "event.past_session", author=author)[0] == []


# -- treaty.signatory ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, author", [
    ("Chile was one of the first signatories of the Convention on the Rights of the Child.", None),
    ("Chile, a small country, is a signatory to the Convention on the Rights of the Child.", None),
    ("We are signatories to the Convention on the Rights of the Child and proud of it.", "Chile"),
])
def test_a_signatory_has_signed(text, author, registry, lexicon):
    found, label = facts(text, registry, lexicon, "treaty.signatory", author=author)
    assert [(label[f.state], f.action) for f in found] == [("Chile", "signature")]


@pytest.mark.parametrize("text, author", [
    ("All States that are signatories to the Convention on the Rights of the Child must act.", "Chile"),
    ("Chile should be a signatory to the Convention on the Rights of the Child.", None),
    ("Chile is not yet a signatory to the Convention on the Rights of the Child.", None),
    ("We are signatories to the Convention on the Rights of the Child.", None),  # who is 'we'?
    ("Chile is a signatory to the Convention on the non-proliferation of chemical weapons.", None),  # name cut
    ("Chile is a signatory to the Universal Declaration of Human Rights.", None),  # a declaration is not signed
])
def test_signatory_negative(text, author, registry, lexicon):
    assert facts(text, registry, lexicon, "treaty.signatory", author=author)[0] == []


# -- instrument_date.participle --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, what, date", [
    ("We welcome the Lusaka Ceasefire Agreement, signed in Lusaka on 10 July 1999, and its results.", "signed",
     "1999-07-10"),
    ("The Lusaka Ceasefire Agreement, concluded at Lusaka on 10 July 1999, holds.", "signed", "1999-07-10"),
    ("The Lusaka Ceasefire Agreement signed on 10 July 1999 holds.", "signed", "1999-07-10"),
])
def test_participle_dates(text, what, date, registry, lexicon):
    found, _ = facts(text, registry, lexicon, "instrument_date.participle")
    assert [(f.what, f.date.iso) for f in found] == [(what, date)]


@pytest.mark.parametrize("text", [
    "The Lusaka Ceasefire Agreement, to be signed in Lusaka on 10 July 2030, is awaited.",
    "We welcome the Lusaka Ceasefire Agreement and signed a statement on 10 July 1999.",
])
def test_participle_dates_negative(text, registry, lexicon):
    assert facts(text, registry, lexicon, "instrument_date.participle")[0] == []


# -- instrument_date.agreement_signing -------------------------------------------------------------------------------
def test_two_states_signing_an_agreement_date_it(registry, lexicon):
    text = "Chile and Peru signed the Agreement on Labour Migration on 3 May 2004 in Lima."
    found, label = facts(text, registry, lexicon, "instrument_date.agreement_signing", date="2005-01-01")
    assert [(label[f.instrument], f.what, f.date.iso) for f in found] == [
        ("Agreement on Labour Migration", "signed", "2004-05-03")]


@pytest.mark.parametrize("text", [
    "Chile signed the Paris Agreement on 5 May 2017.",  # a late signature of a multilateral agreement
    "Chile and Peru signed the Convention on the Rights of the Child on 3 May 1990.",  # no agreement
    "Chile and Peru will sign the Agreement on Labour Migration on 3 May 2004.",
])
def test_agreement_signing_negative(text, registry, lexicon):
    assert facts(text, registry, lexicon, "instrument_date.agreement_signing", date="2018-01-01")[0] == []


@pytest.mark.parametrize("text, iso", [
    ("The Millennium Declaration we adopted last year guides us.", "2010"),
    ("The Millennium Declaration, which the General Assembly adopted in 2000, guides us.", "2000"),
    ("The Millennium Declaration that world leaders unanimously adopted on 8 September 2000 guides us.",
     "2000-09-08"),
])
def test_relative_subject_adoption_dates(text, iso, registry, lexicon):
    assert _relative_subject(text, registry, lexicon) == [iso]


@pytest.mark.parametrize("text", [
    "The Kampala Convention, which Uganda adopted in 2009, protects displaced persons.",  # a state's own act
    "The Millennium Declaration we will adopt next year guides us.",
    "The Millennium Declaration we adopted guides us.",  # no date
])
def test_no_relative_subject_date(text, registry, lexicon):
    assert _relative_subject(text, registry, lexicon) == []


def _relative_subject(text, registry, lexicon):
    from refugee_ld.extraction.extract import extract
    from refugee_ld.records import DateValue, Document, InstrumentDate
    x = extract(Document(doc_id="t.txt", text=text, date=DateValue("2011")), registry, lexicon)
    found = [f for f in x.facts if isinstance(f, InstrumentDate) and f.rule == "instrument_date.relative_subject"]
    assert all(f.evidence.exact == text[f.evidence.start:f.evidence.end] for f in found)
    return [f.date.iso for f in found]
