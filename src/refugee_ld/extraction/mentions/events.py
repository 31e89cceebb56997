"""Events named by description rather than by a capitalised name: 'meeting of the UN High-level Panel on X',
'a regional workshop on statelessness held in 2019', 'the international conference "Statelessness in Asia"'."""
from __future__ import annotations

import re
from collections.abc import Mapping

from ...lang import vocabulary
from ..rules import rule
from .described_events import hedged
from .doc import SENTENCE_STAGE, SentenceDoc, claimed, earlier_refs, name_entity
from .model import Found, Ref

_BEFORE_EVENTS = ("mentions.laws", "mentions.resolutions", "mentions.ordinal_sessions", "mentions.current_sessions",
                  "mentions.governments", "mentions.chunks")


@rule("mentions.meetings_of", stage=SENTENCE_STAGE, produces=Found, after=_BEFORE_EVENTS)
def meetings_of(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """'meeting of UN High-level Panel on X': the meeting of a panel, group or committee named after 'of'."""
    doc, v, base = s.doc, s.doc.vocab, s.sentence.start
    taken = claimed(s, inputs)
    refs = earlier_refs(s, inputs)
    out: list[Found] = []
    for m in v.meeting_of.finditer(s.body):
        start, end = base + m.start("name"), base + m.end("name")
        if any(a <= start and end <= b for a, b in taken) or any(
                r.start == start and r.end == end for r in refs):
            continue
        name = m.group("name")
        if not v.meeting_body.search(name):
            continue
        entity = name_entity(doc, "Event", name, name, "meeting")
        out.append(Found(Ref(start, end, entity.key, "Event", "meeting", "pattern")))
        taken.append((start, end))
    return tuple(out)


def _organisers_first(s: SentenceDoc, m: re.Match[str], start: int, taken: list[tuple[int, int]]) -> int | None:
    """Where the described event starts once names before its noun are left out, or None when a name overlaps
    the noun phrase itself ('the joint UNHCR and IOM regional conference on X': the organisers come first)."""
    base = s.sentence.start
    noun_start = base + m.start("noun")
    overlapping = [b for a, b in taken if a < noun_start and start < b]
    if overlapping and m.group("adj"):
        adj_end = base + m.end("adj")
        if all(b <= adj_end for b in overlapping):
            rest = s.doc.vocab.organiser_joint.match(s.doc.text[max(overlapping):adj_end])
            start = max(overlapping) + (rest.end() if rest else 0)
            overlapping = [b for a, b in taken if a < noun_start and start < b]
    return None if overlapping else start


@rule("mentions.described_events", stage=SENTENCE_STAGE, produces=Found,
      after=(*_BEFORE_EVENTS, "mentions.meetings_of"))
def described_events(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """Unnamed or lower-case events: 'a roundtable ... to discuss X', 'a regional conference on X held in ...'.

    A bare noun names an event only with a topic and a holding verb, or, without a topic, in a sentence that
    says it was held and gives a year; 'the roundtable' alone refers back and is left to anaphora."""
    doc, v, base = s.doc, s.doc.vocab, s.sentence.start
    text, body = doc.text, s.body
    taken = claimed(s, inputs)
    out: list[Found] = []
    for m in v.described_event.finditer(body):
        start, end = base + m.start("noun"), base + m.end()
        if m.group("adj"):
            start = base + m.start("adj")
        noun_start = base + m.start("noun")
        if any(a < end and noun_start <= a and not (base + m.end("noun") < a and b <= end) for a, b in taken):
            continue  # the head itself is part of another name; names inside the topic are fine
        if any(base + m.end("noun") < a < end for a, _ in s.date_spans) or any(
                r.type == "Place" and r.kind in v.city_kinds and base + m.end("noun") < r.start < end
                and re.search(r"\b(?:in|at)\s+$", text[r.start - 4:r.start]) for r in s.refs):
            continue  # 'a consultation on 11 and 12 March 2016 in Beirut', 'a forum on X in Almaty': a date or a
            # venue is no topic; held_events reads them as the event's time and place
        first = _organisers_first(s, m, start, taken)
        if first is None or hedged(s, base + m.start()):
            continue
        start = first
        topic = (m.group("topic") or "").strip()
        if not topic:
            discuss = v.discuss.search(body[m.end():])
            if not v.holding.search(body) or not v.year.search(body):
                continue
            if m.group("det").lower() in v.definite_determiners:
                continue  # "the roundtable" refers back; anaphora handles it
            topic = f"{v.topic_preposition} {discuss.group(1)}" if discuss else ""
        elif not (m.group("adj") or "").strip() and (topic.startswith(v.of_topic) or not v.holding.search(body)):
            continue  # "a meeting of minds": a bare noun names an event only with a topic and a holding verb
        adjectives = [w for w in (m.group("adj") or "").split() if w.islower() and w not in v.unlabelled_adjectives
                      and not v.counting_adjective.fullmatch(w)]  # "a two-day workshop" is a workshop
        noun = m.group("noun")
        label = " ".join([*adjectives, noun, topic]).strip()
        label = label[0].upper() + label[1:]
        surface = text[start:end] if m.group("topic") else noun
        entity = name_entity(doc, "Event", label, surface, noun.lower())
        out.append(Found(Ref(start, end, entity.key, "Event", noun.lower(), "pattern")))
        taken.append((start, end))
    return tuple(out)


@rule("mentions.quoted_events", stage=SENTENCE_STAGE, produces=Found,
      after=(*_BEFORE_EVENTS, "mentions.meetings_of", "mentions.described_events"))
def quoted_events(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """'the international conference "Statelessness in Central Asia"': the quoted title names the event."""
    doc = s.doc
    text = doc.text
    taken = claimed(s, inputs)
    out: list[Found] = []
    for m in doc.vocab.quoted_event.finditer(text, s.sentence.start, s.sentence.end):
        start, end = m.start("noun"), m.end()
        if any(a < m.start("title") and start < b for a, b in taken):
            continue  # names inside the quoted title are fine
        title = " ".join(m.group("title").split())
        noun = m.group("noun").split()[-1].lower()
        entity = name_entity(doc, "Event", title, text[start:end], noun)
        doc.book.add(entity, title)
        out.append(Found(Ref(start, end, entity.key, "Event", noun, "pattern")))
        taken.append((start, end))
    return tuple(out)


_COORDINATED = re.compile(r"\b(?:and|or)\s+$")
_PLACE_NAMED: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _place_named_patterns(language: str = "en") -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What comes before a city that names a meeting (a determiner) and after it (a head: 'talks', 'summit'),
    from the language's vocabulary."""
    patterns = _PLACE_NAMED.get(language)
    if patterns is None:
        words = vocabulary(language)["mentions"]["events"]["place_named"]
        heads = "|".join(re.escape(h) for h in sorted(words["heads"], key=len, reverse=True))
        lead = "|".join(re.escape(w) for w in words["determiners"])
        qualifiers = "|".join(re.escape(w) for w in words["qualifiers"])
        patterns = (re.compile(rf"\b(?i:{lead})\s+(?:(?:{qualifiers})\s+)?$"), re.compile(rf"\s+(?P<head>{heads})\b"))
        _PLACE_NAMED[language] = patterns
    return patterns


@rule("mentions.place_named_events", stage=SENTENCE_STAGE, produces=Found,
      after=(*_BEFORE_EVENTS, "mentions.meetings_of", "mentions.described_events", "mentions.quoted_events"))
def place_named_events(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """'the Abuja talks', 'the recent Camp David summit', 'the Paris conference': a meeting known by the city it
    met in, with a lower-case head ('the Cologne Summit' is a capitalised name the chunk rule reads).  Only after
    a determiner, so 'in Paris conferences are held' names nothing."""
    doc, text = s.doc, s.doc.text
    before, after = _place_named_patterns()
    taken = claimed(s, inputs)
    out: list[Found] = []
    for place in (r for r in s.refs if r.type == "Place" and r.kind in doc.vocab.city_kinds):
        head = after.match(text, place.end, min(s.sentence.end, place.end + 24))
        lead = before.search(text, max(s.sentence.start, place.start - 24), place.start)
        if head is None or lead is None:
            continue
        if _COORDINATED.search(text, max(s.sentence.start, lead.start() - 16), lead.start()) and any(
                f.ref.type == "Event" and f.ref.end <= lead.start() for found in inputs.values() for f in found):
            continue  # 'the X Conference in Berlin last year and the Paris conference': whose time and place is
            # said is unclear, and a second event there would take the first one's

        start, end = place.start, head.end()
        if any(a < end and start < b and (a, b) != place.span for a, b in taken):
            continue
        noun = head.group("head")
        label = f"{' '.join(text[place.start:place.end].split())} {noun}"
        entity = name_entity(doc, "Event", label, text[start:end], noun.split()[-1].rstrip("s"))
        out.append(Found(Ref(start, end, entity.key, "Event", entity.kind, "pattern")))
        taken.append((start, end))
    return tuple(out)
