"""Launch events reported with a verb (mentions/launches.py, read inside the held_events rule), on sentences
written for these tests: passive and active phrasings, and the plans, negations and undated mentions that name
no launch."""
import pytest

from refugee_ld.extraction.extract import extract
from refugee_ld.records import Document, EventDetails


def launch_events(text, registry, lexicon):
    """(label, start, place) of every event whose node is a launch."""
    x = extract(Document(doc_id="t.txt", text=text), registry, lexicon)
    entity = {e.key: e for e in x.entities}
    return [(entity[f.event].label, f.start.iso if f.start else None, f.place) for f in x.facts
            if isinstance(f, EventDetails) and entity[f.event].kind == "launch"]


@pytest.mark.parametrize("text, label, start", [
    ("The National Action Plan on Statelessness was officially launched on 3 May 2016 in Bishkek.",
     "Launch of National Action Plan on Statelessness (Bishkek, May 2016)", "2016-05-03"),
    ("On 3 May 2016, the National Action Plan on Statelessness was launched in Bishkek by the Government.",
     "Launch of National Action Plan on Statelessness (Bishkek, May 2016)", "2016-05-03"),
    ("The Government officially launched the National Action Plan on Statelessness in Bishkek on 3 May 2016.",
     "Launch of National Action Plan on Statelessness (Bishkek, May 2016)", "2016-05-03"),
])
def test_a_dated_launch_is_an_event(text, label, start, registry, lexicon):
    assert (label, start, "place/bishkek") in launch_events(text, registry, lexicon)


@pytest.mark.parametrize("text", [
    "The National Action Plan on Statelessness will be launched in Bishkek on 3 May 2016.",  # a plan
    "The National Action Plan on Statelessness has not been launched in Bishkek.",  # negated
    "The National Action Plan on Statelessness was launched in Bishkek.",  # no day: which occasion is vague
    "If the National Action Plan on Statelessness was launched in Bishkek on 3 May 2016, we would know.",
])
def test_planned_negated_or_undated_launches_are_no_events(text, registry, lexicon):
    assert launch_events(text, registry, lexicon) == []
