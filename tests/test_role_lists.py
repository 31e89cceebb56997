"""The list and clause role rules (extraction/facts/role_lists.py), in paraphrases written for these tests (none
taken from a development document), with negated, modal and funding wordings that must yield nothing."""
import pytest

from refugee_ld.extraction.extract import extract
from refugee_ld.records import DateValue, Document, EventRole


def roles(text, registry, lexicon, author=None, rule_prefix=""):
    """(rule, role, event label, value label) of every role the extraction states; each quote is exact."""
    document = Document(doc_id="t.txt", text=text, date=DateValue("2011-05-04"), author_state=author)
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    out = []
    for f in x.facts:
        if isinstance(f, EventRole) and f.rule.startswith(rule_prefix):
            assert f.evidence.exact == text[f.evidence.start:f.evidence.end]
            out.append((f.rule, f.role, label[f.event], label[f.value]))
    return out


def values(found, rule):
    return {v for r, _, _, v in found if r == rule}


@pytest.mark.parametrize("text", [
    "The Regional Conference on Statelessness was attended by representatives of Kenya, Uganda and Rwanda.",
    "The Regional Conference on Statelessness, attended by some 40 officials from Kenya, Uganda and Rwanda, closed.",
    "The Regional Conference on Statelessness was joined by delegations of Kenya, Uganda and Rwanda.",
    "The Regional Conference on Statelessness, attended by Heads of State and Government of Kenya, Uganda and "
    "Rwanda, closed.",
])
def test_attended_by_lists(text, registry, lexicon):
    found = roles(text, registry, lexicon)
    assert values(found, "participant.attended_by") == {"Kenya", "Uganda", "Rwanda"}
    assert {role for _, role, _, _ in found} == {"participant"}


@pytest.mark.parametrize("text", [
    "Representatives of Kenya, Uganda and Rwanda were present at the Regional Conference on Statelessness.",
    "The participants of the Regional Conference on Statelessness included officials from Kenya, Uganda and Rwanda.",
])
def test_delegates_lists(text, registry, lexicon):
    assert values(roles(text, registry, lexicon), "participant.delegates") == {"Kenya", "Uganda", "Rwanda"}


@pytest.mark.parametrize("text", [
    "Representatives of civil society, academia and Kenya were present at the Regional Conference on Statelessness.",
    "The Regional Conference on Statelessness was held. Representatives of local authorities and Kenya took part.",
])
def test_delegates_lists_with_common_nouns_first(text, registry, lexicon):
    """(a list right before 'took part' is also the core rule's: whichever reads it first states it)"""
    assert {v for _, role, _, v in roles(text, registry, lexicon) if role == "participant"} == {"Kenya"}


@pytest.mark.parametrize("text", [
    "Representatives of the member States of the African Union were present at the Regional Conference on "
    "Statelessness.",
    "Representatives of Kenya should attend the Regional Conference on Statelessness.",
])
def test_delegates_negative(text, registry, lexicon):
    assert values(roles(text, registry, lexicon), "participant.delegates") == set()




@pytest.mark.parametrize("text", [
    "The Regional Conference on Statelessness was organized by Kenya together with the African Union.",
    "Kenya, jointly with the African Union, organized the Regional Conference on Statelessness.",
])
def test_joint_organisers(text, registry, lexicon):
    found = roles(text, registry, lexicon)
    assert {v for _, role, _, v in found if role == "organised_by"} == {"Kenya", "African Union"}
    assert values(found, "organiser.joint")


@pytest.mark.parametrize("text", [
    "Kenya and the African Union held today the Regional Conference on Statelessness.",
    "Kenya and the African Union convened on 3 May the Regional Conference on Statelessness.",
    "Kenya and the African Union organized last week the Regional Conference on Statelessness.",
])
def test_organising_verb_with_a_time_adverbial(text, registry, lexicon):
    assert values(roles(text, registry, lexicon), "organiser.timed") == {"Kenya", "African Union"}


@pytest.mark.parametrize("text", [
    "My Government convened the Regional Conference on Statelessness in Nairobi.",
    "Last year we organized the Regional Conference on Statelessness.",
    "The Regional Conference on Statelessness, which my country organized, was a success.",
])
def test_the_speakers_state_organises(text, registry, lexicon):
    found = roles(text, registry, lexicon, author="Kenya")
    # "My Government" is a reference to the speaker's state itself, so the active-subject rule may state it first
    assert values(found, "organiser.speaker") | values(found, "organiser.active") == {"Kenya"}


@pytest.mark.parametrize("text, author", [
    ("Last year we held the Regional Conference on Statelessness.", "Kenya"),  # 'we': all the Assembly's members
    ("My Government convened the Regional Conference on Statelessness.", None),  # no speaker known
    ("My Government would convene the Regional Conference on Statelessness.", "Kenya"),
    ("My Government has not convened the Regional Conference on Statelessness.", "Kenya"),
])
def test_the_speakers_state_negative(text, author, registry, lexicon):
    assert values(roles(text, registry, lexicon, author=author), "organiser.speaker") == set()


def test_invitation_makes_a_host(registry, lexicon):
    text = "The Regional Conference on Statelessness was held in Nairobi at the invitation of Kenya."
    assert values(roles(text, registry, lexicon), "organiser.invitation") == {"Kenya"}


@pytest.mark.parametrize("text", [
    "The Regional Conference on Statelessness was convened by the United Nations with the financial support of "
    "Norway.",
    "The Regional Conference on Statelessness, funded by Norway, was attended by many.",
    "The Regional Conference on Statelessness should be attended by representatives of Kenya and Uganda.",
    "The High Commissioner visited Kenya at the invitation of Uganda after the Regional Conference on "
    "Statelessness.",
])
def test_no_role_from_funders_modality_or_visits(text, registry, lexicon):
    found = roles(text, registry, lexicon)
    assert "Norway" not in {v for rule, role, _, v in found if role == "organised_by" and rule != "organiser.support"}
    assert not [f for f in found if f[0] in ("participant.attended_by", "organiser.invitation")]


@pytest.mark.parametrize("text, author, found", [
    ("My delegation took part in the Regional Conference on Statelessness.", "Kenya", True),
    ("We participated actively in the Regional Conference on Statelessness.", "Kenya", True),
    ("I attended the Regional Conference on Statelessness.", "Kenya", True),
    ("We will participate in the Regional Conference on Statelessness.", "Kenya", False),
    ("We hope to attend the Regional Conference on Statelessness.", "Kenya", False),
    ("When we attend the Regional Conference on Statelessness, we will speak.", "Kenya", False),
    ("My delegation took part in the Regional Conference on Statelessness.", None, False),
])
def test_the_speakers_state_takes_part(text, author, found, registry, lexicon):
    got = values(roles(text, registry, lexicon, author=author), "participant.speaker")
    assert got == ({"Kenya"} if found else set())


@pytest.mark.parametrize("text", [
    "A meeting was convened by Kenya as co-Chair of the Regional Conference on Statelessness and attended by "
    "representatives of Uganda.",
    "Kenya, co-Chair of the Regional Conference on Statelessness, said that representatives of Uganda attended a "
    "meeting in Nairobi.",
])
def test_delegates_of_another_event_are_not_this_ones(text, registry, lexicon):
    found = roles(text, registry, lexicon)
    assert "Uganda" not in {v for _, role, _, v in found if role == "participant"}


@pytest.mark.parametrize("text, expected", [
    ("The President of Ghana organized on 11 August last the Regional Conference on Statelessness.", {"Ghana"}),
    ("Ghana and Togo convened in March this year the Regional Conference on Statelessness.", {"Ghana", "Togo"}),
    ("UNHCR held in 2009 the Regional Conference on Statelessness.",
     {"Office of the United Nations High Commissioner for Refugees"}),
    ("Ghana held in the capital the Regional Conference on Statelessness.", set()),  # a place, no time
    ("Ghana should hold in March this year the Regional Conference on Statelessness.", set()),
])
def test_timed_organisers_with_a_date_before_the_object(text, expected, registry, lexicon):
    assert values(roles(text, registry, lexicon), "organiser.timed") == expected


def test_participating_after_a_plural_noun_is_no_person(registry, lexicon):
    text = "Mr. Kofi Annan spoke. The ministers of the countries participating in the Regional Conference on " \
           "Statelessness met."
    assert values(roles(text, registry, lexicon), "participant.took_part") == set()
