"""The held_events rule (mentions/described_events.py) run alone on sentences written for these tests (none taken
from a development document): events described in a clause that says they happened, and the generic, planned,
hedged and negated mentions that must name nothing."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mention_docs import doc_for, sentence_for
from refugee_ld.extraction.mentions import MentionDetector
from refugee_ld.extraction.rules import get_rule, run_rule
from refugee_ld.text.dates import find_dates
from refugee_ld.text.sentences import split_sentences

RULE = "mentions.held_events"


def described(text, registry, lexicon, year="2011"):
    """(label, quoted text) of each event the rule names in the first sentence."""
    doc = doc_for(text, registry, lexicon, year=year)
    found = run_rule(RULE, sentence_for(doc), {d: () for d in get_rule(RULE).after})
    return [(doc.book.entities[f.ref.key].label, text[f.ref.start:f.ref.end]) for f in found]


@pytest.mark.parametrize("text, label, quoted", [
    ("UNHCR held a workshop for judges in Dushanbe on 12 May 2011.",
     "Workshop for judges (Dushanbe, May 2011)", "workshop for judges"),
    ("A panel discussion on labour migration in Kenya, hosted by the ministry, took place in Nairobi.",
     "Panel discussion on labour migration in Kenya (Nairobi)", "panel discussion on labour migration in Kenya"),
    ("The agency organized a two-day training on refugee law for border guards.",
     "Training on refugee law for border guards", "two-day training on refugee law for border guards"),
    ("Officials took part in the regional seminar on asylum procedures.",
     "Regional seminar on asylum procedures", "regional seminar on asylum procedures"),
    ("Our leaders, at a summit meeting in Abuja from 3 to 5 June 2011, signed the treaty.",
     "Summit meeting (Abuja, June 2011)", "summit meeting"),
    ("The President convened on 11 August last a mini-summit in Libreville.",
     "Mini-summit (Libreville, August 2011)", "mini-summit"),
    ("The high-level meeting that took place on 25 September 2011 was a success.",
     "High-level meeting (September 2011)", "high-level meeting"),
    ("We were encouraged not only by that but by the second ministerial-level Security Council meeting on Africa, "
     "held last week.", "Second ministerial-level Security Council meeting on Africa (2011)",
     "second ministerial-level Security Council meeting on Africa"),
    ("We look forward to the CSCE summit meeting to be held at Paris this November.",
     "CSCE summit meeting (Paris, November 2011)", "CSCE summit meeting"),
    ("The first review conference, held in Stockholm last year, was useful.",
     "First review conference (Stockholm, 2010)", "first review conference"),
    ('The office organised a training entitled "Basics of Asylum" for officers.',
     "Basics of Asylum", 'training entitled "Basics of Asylum"'),
])
def test_an_event_said_to_have_happened_is_named(text, label, quoted, registry, lexicon):
    assert (label, quoted) in described(text, registry, lexicon)


@pytest.mark.parametrize("text, label", [
    ("The agency held a face-to-face training for policymakers on migration law in Mogadishu on 28 May 2011.",
     "Face-to-face training for policymakers on migration law (Mogadishu, May 2011)"),
    ("IOM piloted a two-day training of Essentials of Migration Management 2.0 in Manila on 4 March 2011.",
     "Training of Essentials of Migration Management 2.0 (Manila, March 2011)"),
    ("The ministry staged a roundtable discussion on asylum reform in Tbilisi on 3 May 2011.",
     "Roundtable discussion on asylum reform (Tbilisi, May 2011)"),
    ("Officials gathered for a seminar on refugee law in Almaty on 9 June 2011.",
     "Seminar on refugee law (Almaty, June 2011)"),
    ("The Commissioner took part in the launch of a campaign designed to ease tensions in Abidjan.",
     "Launch of a campaign (Abidjan)"),
    ("Judges participated at a workshop on statelessness aimed at trial judges, held in Dushanbe in May 2011.",
     "Workshop on statelessness (Dushanbe, May 2011)"),
    ("The regional consultation for countries in North Africa and the Middle East was held on 14 and 15 March "
     "2011 in Valletta, Malta.",
     "Regional consultation for countries in North Africa and the Middle East (Valletta, March 2011)"),
    ("A workshop on asylum for judges in Kenya and Uganda took place in Nairobi in May 2011.",
     "Workshop on asylum for judges in Kenya and Uganda (Nairobi, May 2011)"),
    ("A three-day seminar for young representatives of national communities and public associations took place "
     "on 16 June 2011.", "Seminar for young representatives of national communities and public associations "
     "(June 2011)"),
    ("First roundtable of NGOs dealing with refugees took place in Tallinn in May 2011.",
     "First roundtable of NGOs dealing with refugees (Tallinn, May 2011)"),
    ("The delegation took part in the regional conference on legal identity and prevention of statelessness in "
     "Astana in May 2011.", "Regional conference on legal identity and prevention of statelessness (Astana, May "
     "2011)"),
    ("On 3 May 2011, UNHCR held a workshop on statelessness for judges in Almaty.",
     "Workshop on statelessness for judges (Almaty, May 2011)"),  # the month is no modal 'may'
    ("In May, UNHCR held a workshop on statelessness for judges in Almaty on 3 June 2011.",
     "Workshop on statelessness for judges (Almaty, June 2011)"),
    ("At the invitation of the Government of Uganda, UNHCR organised a solidarity summit on refugees in Kampala "
     "on 22 June 2011.", "Solidarity summit on refugees (Kampala, June 2011)"),
    ("UNHCR, in partnership with the Government of Kenya, held a national dialogue on refugee inclusion in "
     "Nairobi on 3 June 2011.", "National dialogue on refugee inclusion (Nairobi, June 2011)"),
])
def test_more_phrasings_of_press_releases(text, label, registry, lexicon):
    assert label in [found for found, _ in described(text, registry, lexicon)]


@pytest.mark.parametrize("text", [
    "Meetings are important for peace.",  # plural and generic
    "We will hold a conference on refugees.",  # a plan with no time
    "A workshop on statelessness should be held in Almaty.",  # modal
    "They did not attend the regional seminar on asylum held in Kampala in 2010.",  # negated
    "If a seminar on migration took place in Bonn in May 2011, we would know.",  # conditional
    "UNHCR holds a workshop on asylum every year.",  # habitual
    "We look forward to the ministerial meeting in Kampala next May.",  # hoped for
    "The conference took place in Geneva.",  # 'the conference' refers back: anaphora's business
    "A meeting was held in Geneva.",  # which meeting is not said
    "The Council held its second meeting this year on the dam.",  # a count within the year
    "We need a meeting of minds.",
    "An expert meeting took place in Geneva.",  # a venue alone does not say which one
    "The Fifty-First Forum Leaders' meeting, recently held on 6 August 2011, agreed.",  # part of a name
    "We recall the World Summit on Sustainable Development held in Johannesburg.",  # a name the chunk rule reads
    "We prepare the second phase of that Summit, which will be held in Tunis in November 2011.",  # refers back
    "IOM will organize a two-day workshop on border management on Kish Island.",  # a plan
    "The launch of the campaign is planned for next year.",  # planned
    "Officials gathered for trainings on asylum law in Almaty in 2011.",  # plural
    "A seminar for judges and lawyers that will be held in May 2011 is planned.",  # a plan, past a long subject
    "A seminar on asylum and judges attended it in Almaty.",  # 'and' joins no topic noun; no time either
    "UNHCR may hold a workshop on statelessness in Almaty on 3 June 2011.",  # the modal
    "The office did not pilot a face-to-face training on asylum in Manila in March 2011.",  # negated
])
def test_generic_planned_hedged_or_vague_mentions_name_nothing(text, registry, lexicon):
    assert described(text, registry, lexicon) == []


def test_a_later_description_of_the_same_event_is_the_same_node(registry, lexicon):
    text = ("ODIHR hosts panel discussion on migrant integration in Poland. A panel discussion on migrant "
            "integration issues in Poland, hosted by ODIHR, took place in Warsaw on 15 December 2017.")
    detected = MentionDetector(registry, lexicon).detect(text, split_sentences(text), find_dates(text, None))
    events = {r.key for r in detected.refs if r.type == "Event"}
    assert len(events) == 1


def test_two_workshops_in_two_places_are_two_nodes(registry, lexicon):
    text = ("UNHCR held a workshop for judges in Dushanbe on 12 May 2011. "
            "UNHCR held a workshop for judges in Almaty on 20 June 2011.")
    detected = MentionDetector(registry, lexicon).detect(text, split_sentences(text), find_dates(text, None))
    assert len({r.key for r in detected.refs if r.type == "Event"}) == 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(["a", "the", "workshop", "seminar", "held", "took place", "on", "in", "Geneva",
                                        "asylum", "12 May 2011", ",", "not", "will", "UNHCR", "meetings", "'s", "-"]),
                      max_size=25))
def test_any_text_gives_spans_inside_the_sentence(words, registry, lexicon):
    doc = doc_for(" ".join(words) + ".", registry, lexicon)
    if not doc.sentences:
        return
    s = sentence_for(doc)
    for f in run_rule(RULE, s, {d: () for d in get_rule(RULE).after}):
        assert s.sentence.start <= f.ref.start < f.ref.end <= s.sentence.end
