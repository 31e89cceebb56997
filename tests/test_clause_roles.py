"""The clause reading (extraction/facts/clauses.py) and its rule `participant.acted_at` (clause_roles.py), with
the coordinated events it gives the participation rules, in paraphrases written for these tests: subjects that
acted at an event took part in it; negated, modal, passive and participle clauses yield nothing."""
import pytest

from refugee_ld.extraction.extract import extract
from refugee_ld.records import DateValue, Document, EventRole


def participants(text, registry, lexicon, author="Kenya"):
    """(rule, event label, participant label) of every participant role; each quote is exact."""
    document = Document(doc_id="t.txt", text=text, date=DateValue("2011-05-04"), author_state=author)
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    out = set()
    for f in x.facts:
        if isinstance(f, EventRole) and f.role == "participant":
            assert f.evidence.exact == text[f.evidence.start:f.evidence.end]
            out.add((f.rule, label[f.event], label[f.value]))
    return out


SUMMIT = "Millennium Summit"
FORUM = "Regional Conference on Statelessness"


@pytest.mark.parametrize("text", [
    "As I said at the Millennium Summit, poverty must end.",
    "The commitments we made at the Millennium Summit remain valid.",
    "My delegation reaffirmed its position during the Millennium Summit.",
    "We have all pledged at the Millennium Summit to halve extreme poverty.",
    "Last year my Government announced at the Millennium Summit a new fund for refugees.",
    "Our Heads of State and Government, at the Millennium Summit in New York, Nigeria, agreed on new goals.",
    "My President said at the Millennium Summit that poverty must end.",
])
def test_speaker_acted_at(text, registry, lexicon):
    assert participants(text, registry, lexicon) == {("participant.acted_at", SUMMIT, "Kenya")}


def test_without_author_no_speaker(registry, lexicon):
    assert participants("As I said at the Millennium Summit, poverty must end.", registry, lexicon, None) == set()


@pytest.mark.parametrize("text", [
    "Uganda and Rwanda signed a peace accord at the Regional Conference on Statelessness.",
    "Uganda and Rwanda jointly presented a proposal during the Regional Conference on Statelessness.",
    "At the Regional Conference on Statelessness, Uganda and Rwanda agreed to cooperate.",
    "At the Regional Conference on Statelessness held in Nairobi last June, Uganda and Rwanda pledged support.",
    "Uganda and Rwanda, during the Regional Conference on Statelessness in Nairobi, Kenya, agreed to cooperate.",
])
def test_named_subjects_acted_at(text, registry, lexicon):
    found = participants(text, registry, lexicon)
    assert {v for r, e, v in found if r == "participant.acted_at" and e == FORUM} == {"Uganda", "Rwanda"}


def test_coordinated_events_after_at(registry, lexicon):
    text = "We adopted ambitious goals at the Millennium Summit and at the Regional Conference on Statelessness."
    assert participants(text, registry, lexicon) == {("participant.acted_at", SUMMIT, "Kenya"),
                                                     ("participant.acted_at", FORUM, "Kenya")}


@pytest.mark.parametrize("text", [
    "We will say at the Millennium Summit that poverty must end.",  # future
    "We did not sign anything at the Millennium Summit.",  # negated
    "If we had spoken at the Millennium Summit, we would have been heard.",  # condition
    "The issues we have mentioned were discussed at the Millennium Summit.",  # another (passive) verb group
    "My Government noted the call adopted at the Millennium Summit.",  # a participle of the object
    "We welcome the agreement reached at the Millennium Summit.",  # a verb outside the list
    "We said that the decisions of the Millennium Summit matter.",  # no 'at'
    "At the Millennium Summit, the leaders agreed to end poverty.",  # no named subject
    "At the Regional Conference on Statelessness, Uganda should pledge support.",  # modal
    "Uganda and Rwanda, during the Regional Conference on Statelessness, should agree to cooperate.",
])
def test_no_participant(text, registry, lexicon):
    assert {r for r, _, _ in participants(text, registry, lexicon)} <= {"participant.own_session"}
    assert not any(r == "participant.acted_at" for r, _, _ in participants(text, registry, lexicon))


@pytest.mark.parametrize("text, rule", [
    ("Ghana participated in the Millennium Summit and in the Regional Conference on Statelessness.",
     "participant.took_part"),
    ("Ghana took part in the Millennium Summit, the World Summit for Social Development and the Regional "
     "Conference on Statelessness.", "participant.took_part"),
])
def test_coordinated_events_of_participation(text, rule, registry, lexicon):
    events = {e for r, e, v in participants(text, registry, lexicon) if r == rule and v == "Ghana"}
    assert {SUMMIT, FORUM} <= events


@pytest.mark.parametrize("text", [
    "We attended the Millennium Summit and the Regional Conference on Statelessness.",
    "I had the honour of participating in the Millennium Summit and the Regional Conference on Statelessness.",
    "Last year I addressed the Millennium Summit and the Regional Conference on Statelessness.",
    "My delegation had the privilege of presiding over the Millennium Summit and the Regional Conference on "
    "Statelessness.",
])
def test_speaker_took_part_in_listed_events(text, registry, lexicon):
    found = participants(text, registry, lexicon)
    assert {e for r, e, v in found if r == "participant.speaker" and v == "Kenya"} == {SUMMIT, FORUM}


@pytest.mark.parametrize("text", [
    "We hope that Ghana will be able to participate in the Millennium Summit.",
    "I would have the honour to address the Millennium Summit if invited.",
])
def test_participation_not_asserted(text, registry, lexicon):
    assert not {r for r, _, _ in participants(text, registry, lexicon)} & {"participant.took_part",
                                                                           "participant.speaker"}


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["we", "I", "Kenya", "Uganda and Rwanda", "said", "signed an accord", "will pledge", "at the",
           "during the", "Millennium Summit", "Regional Conference on Statelessness", "and", "in", ",", ".",
           "not", "which", "adopted", "At the", "took part in", "attended"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14))
def test_any_clause_quotes_exactly(registry, lexicon, pieces):
    """Whatever the words, every participant quote is the text between its offsets (checked in `participants`)
    and names an event of the text."""
    text = " ".join(pieces)
    for _, event, _ in participants(text, registry, lexicon):
        assert event


def adopted(text, registry, lexicon):
    document = Document(doc_id="t.txt", text=text, date=DateValue("2011-05-04"), author_state="Kenya")
    x = extract(document, registry, lexicon)
    label = {e.key: e.label for e in x.entities}
    return {(label[f.event], label[f.value]) for f in x.facts
            if isinstance(f, EventRole) and f.role == "event_adopted" and f.rule == "adopted.acted_at"}


@pytest.mark.parametrize("text", [
    "We adopted the Millennium Declaration at the Millennium Summit.",
    "Ten years ago we unanimously adopted the Millennium Declaration at the Millennium Summit.",
    "Uganda and Rwanda endorsed the Millennium Declaration during the Millennium Summit.",
])
def test_adopted_at_event_by_its_participants(text, registry, lexicon):
    assert adopted(text, registry, lexicon) == {(SUMMIT, "United Nations Millennium Declaration")}


@pytest.mark.parametrize("text", [
    "Uganda and Rwanda signed the Kampala Convention at the Millennium Summit.",  # a state's own signature
    "We adopted many decisions and the Millennium Declaration at the Millennium Summit.",  # not the whole object
    "We will adopt the Millennium Declaration at the Millennium Summit.",
])
def test_no_adoption_by_the_event(text, registry, lexicon):
    assert adopted(text, registry, lexicon) == set()


@pytest.mark.parametrize("text, expected", [
    ("Mr. Kofi Annan spoke. While participating in the Regional Conference on Statelessness, he met ministers.",
     {"Kofi Annan"}),
    ("Mr. Kofi Annan spoke. We are participating in the preparations for the Regional Conference on "
     "Statelessness.", set()),
    ("Mr. Kofi Annan spoke. We have great interest in participating in the Regional Conference on Statelessness.",
     set()),
    ("With other partners of the United Nations, we are participating in the Regional Conference on "
     "Statelessness.", set()),
    ("Heads of State and Government participating in the Regional Conference on Statelessness agreed.", set()),
    ("Ghana, Togo and Benin participated in the Regional Conference on Statelessness.", {"Ghana", "Togo", "Benin"}),
    ("Ghana and Togo, which participated in the Regional Conference on Statelessness, agreed.", {"Ghana", "Togo"}),
    ("He proved his faith in the ideals of the United Nations by taking part personally in the Regional "
     "Conference on Statelessness.", set()),  # the gerund's subject is the main clause's
    ("New States became Members of the United Nations and are taking part in this session of the General "
     "Assembly.", set()),  # the body the session belongs to is no participant
])
def test_took_part_subjects(text, expected, registry, lexicon):
    found = participants(text, registry, lexicon, author=None)
    assert {v for r, _, v in found if r == "participant.took_part"} == expected


def test_speaker_in_a_progressive(registry, lexicon):
    text = "With other partners of the United Nations, we are participating in the Regional Conference on " \
           "Statelessness."
    assert participants(text, registry, lexicon) == {("participant.speaker", FORUM, "Kenya")}


@pytest.mark.parametrize("text, expected", [
    ("We participated actively at the Millennium Summit.", {"Kenya"}),
    ("Uganda was represented at the Millennium Summit by its Minister.", {"Uganda"}),
    ("Uganda played a key role at the Millennium Summit.", {"Uganda"}),
    ("Our leaders gathered at the Millennium Summit.", {"Kenya"}),  # the speaker's side
    ("Leaders gathered at the Millennium Summit.", set()),  # no speaker subject, no name
])
def test_presence_verbs_at(text, expected, registry, lexicon):
    found = participants(text, registry, lexicon)
    assert {v for r, e, v in found if r == "participant.acted_at" and e == SUMMIT} == expected
