"""Events the text describes instead of naming: 'UNHCR held a workshop for judges in Dushanbe on 12 May', 'a
panel discussion on migrant integration, hosted by ODIHR, took place in Warsaw', 'the high-level meeting that
took place on 25 September', 'Ministers attended a regional seminar on statelessness'.

An event noun with its modifiers names an event only inside a clause that says the event happened: a holding
verb before it ('organized a ...'), after it ('... took place'), or an attendance verb ('took part in the ...').
Negated, modal, conditional and habitual clauses name nothing ('we would hold a conference', 'meetings are held
every year'), and plural nouns are never read (a plural is a kind, not an occurrence).

Label scheme: '<adjectives> <noun> <preposition> <topic>' as written (counting words such as 'two-day' left out),
then '(<city>, <month year>)' from the same sentence when the text gives them.  The description is how the text
itself refers to the event, so the gold's aliases and later mentions match it; the venue and time make two
'regional workshops' of two documents two nodes.  Launches reported with a verb ('the plan was launched in
Bogota') are read in launches.py.  A later description in the same document whose words are all
among an earlier one's (same noun, no conflicting venue or time) is the same event: a headline and its body.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ...lang import vocabulary
from ...records import DateValue, Entity
from ..rules import rule
from .doc import SENTENCE_STAGE, SentenceDoc, claimed, name_entity
from .launches import launches
from .model import Found, Ref

_BEFORE = ("mentions.laws", "mentions.resolutions", "mentions.ordinal_sessions", "mentions.current_sessions",
           "mentions.governments", "mentions.chunks", "mentions.meetings_of", "mentions.described_events",
           "mentions.quoted_events", "mentions.place_named_events")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _alt(words: list[str]) -> str:
    """An alternation of phrases, longest first, spaces matching any run of white space (line breaks too)."""
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    """The patterns of the rule, built once per language from `mentions.described_events` in lang/<lang>.json."""

    phrase: re.Pattern[str]  # determiner? adjectives noun
    topic_start: re.Pattern[str]
    topic_stops: frozenset[str]
    topic_max: int
    active_before: re.Pattern[str]
    present_before: re.Pattern[str]
    future_before: re.Pattern[str]
    attend_before: re.Pattern[str]
    held_after: re.Pattern[str]
    tail: re.Pattern[str]
    lead: re.Pattern[str]
    at_before: re.Pattern[str]
    future_after: re.Pattern[str]
    blockers: re.Pattern[str]
    conditions: re.Pattern[str]
    habitual: re.Pattern[str]
    no_negation: re.Pattern[str]
    qualified: dict[str, frozenset[str]]
    generic: frozenset[str]
    referring: frozenset[str]
    unlabelled: frozenset[str]
    counting: re.Pattern[str]
    title: re.Pattern[str]


_GRAMMARS: dict[str, _Grammar] = {}


def grammar(language: str = "en") -> _Grammar:
    """The compiled patterns of `language` (cached)."""
    g = _GRAMMARS.get(language)
    if g is None:
        g = _build(language)
        _GRAMMARS[language] = g
    return g


def _build(language: str) -> _Grammar:
    lang = vocabulary(language)
    w = lang["mentions"]["described_events"]["phrases"]
    modality = lang["facts"]["modality"]
    adjective = (rf"(?:(?i:{_alt(w['adjectives'])})|[a-z][\w-]*(?:{_alt(w['adjective_suffixes'])})|[a-z]+-[a-z]+"
                 r"|[a-z]+(?:-[a-z]+){2,3}|[A-Z]{2,}(?:/[A-Z]{2,})?|\d+-[a-z]+)")
    plain = rf"(?!(?:{_alt(w['topic_stop_words'] + w['modifier_stop_words'])})\b)[a-z][a-z]+"
    # after a determiner any lower-case modifier ('a press conference', 'an international refugee summit');
    # without one only adjectives, so that a verb or a noun of the clause is never read as one
    phrase = re.compile(rf"\b(?:(?P<det>(?i:{_alt(w['determiners'])}))\s+(?P<adj>(?:(?:{adjective}|{plain})\s+){{0,3}})"
                        rf"|(?P<bare>(?:{adjective}\s+){{0,3}}))(?P<noun>(?i:{_alt(w['nouns'])}))(?![\w-])")
    kept = set(w["modality_kept"])
    blockers = [p for p in modality["negation"] + modality["unrealised"] if p not in kept] + w["extra_blockers"]
    between = rf"(?:\s+(?:{_alt(w['between_verb_and_event'])}))?"
    return _Grammar(
        phrase=phrase,
        topic_start=re.compile(rf"\s+(?P<prep>{_alt(w['topic_prepositions'])})\s+"),
        topic_stops=frozenset(w["topic_stop_words"]),
        topic_max=int(w["topic_max_words"]),
        active_before=re.compile(rf"\b(?:{_alt(w['active_verbs'])}){between}\s*$"),
        present_before=re.compile(rf"\b(?:{_alt(w['present_verbs'])})\s*$"),
        future_before=re.compile(rf"\b(?:{_alt(w['future_auxiliaries'])})\s+(?:{_alt(w['base_verbs'])}){between}\s*$"),
        attend_before=re.compile(rf"\b(?:{_alt(w['attendance_verbs'])})\s*$"),
        held_after=re.compile(rf"(?:\s+(?:in|at)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){{0,2}})?(?:\s*,[^,;]{{1,150}}?,)?"
                              rf"\s*,?\s*(?:(?:{_alt(w['held_auxiliaries'])})\s+)?(?:{_alt(w['held_after'])})\b"
                              rf"|[^.;:,]{{0,120}},\s*(?:which|that)\s+(?:was|were)\s+(?:{_alt(w['held_after'])})\b"),
        # 'a seminar for young people of X and Belarusian associations took place': the subject's long tail, with
        # no verb, relative or other event noun in it, before the verb that says it happened
        tail=re.compile(rf"(?P<tail>(?:\s+(?!(?:{_alt(w['tail_stops'] + w['nouns'])})\b)[\w'\u2019-]+){{1,8}}?)"
                        rf"\s+(?:(?:{_alt(w['held_auxiliaries'])})\s+)?(?:{_alt(w['held_after'])})\b"),
        lead=re.compile(rf"(?:\b(?P<det>(?i:{_alt(w['determiners'])}))\s+)?(?P<adj>(?:{adjective}\s+){{0,3}})$"),
        at_before=re.compile(rf"\b(?:{_alt(w['event_prepositions'])})\s*$"),
        future_after=re.compile(rf"\s*,?\s*(?:(?:which|that)\s+(?:is\s+)?)?(?:{_alt(w['future_held'])})\b"),
        blockers=re.compile(rf"\b(?:{'|'.join(blockers)})\b", re.I),
        qualified={k: frozenset(v) for k, v in w["qualified_nouns"].items()},
        generic=frozenset(w["generic_modifiers"]),
        no_negation=re.compile(rf"\b(?:{_alt(w['not_negations'])})\b", re.I),
        habitual=re.compile(rf"\b(?:{_alt(w['habitual'])})\b", re.I),
        conditions=re.compile(rf"\b(?:{'|'.join(modality['negation'] + w['conditions'])})\b", re.I),
        referring=frozenset(w["referring_determiners"]),
        unlabelled=frozenset(w["unlabelled_adjectives"]),
        counting=re.compile(rf"(?:\d+|[a-z]+)(?:{_alt(w['counting_suffixes'])})"),
        title=re.compile(rf"\s+(?:{_alt(w['title_cues'])})\s+[\"\u201c](?P<title>[^\"\u201c\u201d]{{4,120}})[\"\u201d]"),
    )


def _topic(s: SentenceDoc, g: _Grammar, pos: int, taken: list[tuple[int, int]]) -> int:
    """Where the topic after the noun ends ('on migrant integration in Poland'), or `pos` when there is none.

    It stops before a clause word, a date, a city after 'in' or 'at', punctuation, or after `topic_max` words;
    a name inside it (a state, an agency) is part of it."""
    text, end_of_sentence = s.doc.text, s.sentence.end
    m = g.topic_start.match(text, pos, end_of_sentence)
    if m is None:
        return pos
    end, words, i = pos, 0, m.end()
    while i < end_of_sentence and words < g.topic_max:
        name = next((b for a, b in taken if a == i), None)
        if name is not None:
            if any(a <= i < b for a, b in s.date_spans):
                break
            end, i, words = name, name, words + 1
            owner = re.compile(r"['\u2019]s\b").match(text, i)
            if owner is not None:  # "the conference of Burundi's development partners"
                end = i = owner.end()
        else:
            w = re.compile(r"[\w'’/-]+(?:\.\d+)?").match(text, i)  # 'Migration Management 2.0'
            country = _region_after(s, i) if words > 0 else None
            if country is not None:  # 'on migrant integration in Poland', 'for countries in North Africa and
                end, i, words = country, country, words + 1  # the Middle East': the country or region is topic
                continue
            if w is not None and w.group() == "and" and words > 0 and _coordinated_noun(text, w.end(), g):
                i = w.end()  # 'on legal identity and prevention of statelessness': a second noun of the topic
            else:
                if w is None or w.group().lower() in g.topic_stops and words > 0:
                    break
                if w.group().lower() in g.topic_stops or (words == 0 and not w.group()[:1].isalpha()):
                    return pos  # 'its first meeting on 17 <month>': a number opens no topic
                end, i, words = w.end(), w.end(), words + 1
        gap = re.compile(r"[ \t]+|\n(?=[a-z])").match(text, i)
        if gap is None:
            break
        i = gap.end()
    topic = text[m.end():end]
    dangling = re.search(r"(?:\s+(?:of|the|a|an|on|for|and|in|to|its|their))+$", " " + topic)
    if dangling is not None:  # 'on the theme of the <name it may not take>': the topic ends before 'of the'
        end -= len(dangling.group()) - (1 if dangling.start() == 0 else 0)
        if end <= m.end():
            return pos
    return end if words else pos


def _coordinated_noun(text: str, i: int, g: _Grammar) -> bool:
    """After a topic's 'and': a lower-case word that is no clause word, followed by more topic ('and prevention
    of statelessness'), not a verb or a bare last word ('and judges attended')."""
    m = re.compile(r"\s+([a-z][\w-]*)\s+(of|for|on|in|to)\b").match(text, i)
    return m is not None and m.group(1) not in g.topic_stops


def _region_after(s: SentenceDoc, i: int) -> int | None:
    """Where 'in <State or region>' (and more joined by 'and') starting at `i` ends, or None; a city after 'in' is
    the venue, never the topic."""
    text, end = s.doc.text, None
    lead = re.compile(r"in\s+(?:the\s+)?")
    while True:
        m = lead.match(text, i)
        place = next((r for r in s.refs if m and r.start == m.end() and (
            r.type == "State" or r.type == "Place" and r.kind not in s.doc.vocab.city_kinds)), None)
        if place is None:
            return end
        end = place.end
        lead = re.compile(r",?\s+and\s+(?:the\s+)?")
        i = end


def _month_year(value: DateValue) -> str:
    parts = value.iso.split("-")
    return parts[0] if len(parts) == 1 else f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"


def _venue_and_time(s: SentenceDoc, start: int, reach: int = 200) -> list[str]:
    """The city ('in Warsaw', 'at Geneva') and the date the same sentence gives after the event's start."""
    text, out = s.doc.text, []
    city = next((r for r in s.refs if r.type == "Place" and r.kind in s.doc.vocab.city_kinds and r.start > start
                 and re.search(r"\b(?:in|at)\s+$", text[max(0, r.start - 4):r.start])), None)
    if city is not None and city.start - start < reach:
        out.append(" ".join(text[city.start:city.end].split()))
    dates = [d for d in s.doc.dates if s.sentence.start <= d.start < s.sentence.end and d.kind != "now"
             and abs(d.start - start) < reach]
    if dates:  # the most precise, then the nearest: 'in April 2019 ... a conference on the 2030 Agenda'
        best = min(dates, key=lambda d: (-len(d.value.iso), abs(d.start - start)))
        out.append(_month_year(best.value))
    return out


def _happened(s: SentenceDoc, g: _Grammar, start: int, end: int) -> bool:
    """The clause says the event took place, is taking place or will at a time it gives; nothing hedges it."""
    text, base = s.doc.text, s.sentence.start
    before = _dateless(s, base, start)
    clause = g.no_negation.sub(" ", before[max(before.rfind(";"), before.rfind(":")) + 1:])
    dated = next((a for a, b in s.date_spans if b <= start and re.fullmatch(r"(?:\s+last)?\s*", text[b:start])), None)
    if dated is not None:  # 'organized on 11 August last a mini-summit': the date sits between verb and event
        before = re.sub(r"\s*\b(?:on|in)\s*$", " ", _dateless(s, base, dated))
    if g.at_before.search(before) and _venue_and_time(s, start, 60):
        return g.blockers.search(clause) is None  # 'at a summit meeting in Abuja from 3 to 5 June 1991
    dated_later = any(d.start >= end for d in s.doc.dates if d.start < s.sentence.end and d.kind != "now")
    if g.future_after.match(text, end, s.sentence.end):
        # 'we look forward to the summit meeting to be held at Paris this November': a scheduled event, whoever
        # hopes for it; 'a conference to be held' with no time is a wish
        return dated_later and g.conditions.search(clause) is None
    if g.future_before.search(before):
        if not dated_later:
            return False  # 'we will hold a conference': a plan, unless the text says when
    elif not (g.active_before.search(before) or g.present_before.search(before) or g.attend_before.search(before)):
        if not g.held_after.match(text, end, s.sentence.end):
            return False
        # 'we should recall the debate held by the Council on 12 February': the hedge is the recalling's; only
        # a negation or a condition touches an event said to have been held
        return g.conditions.search(clause) is None and g.habitual.search(text, base, s.sentence.end) is None
    return g.blockers.search(clause) is None and g.habitual.search(text, base, s.sentence.end) is None


# the month in 'in May', 'last May', '3 May', 'May 2016' (a modal 'may' follows no such word and no number)
_MONTH_MAY = re.compile(r"\b(?:(?i:in|of|on|by|last|next|early|late|mid|since|until|from)|\d{1,2})\s+May\b"
                        r"|\bMay(?=\s+\d)")


def _dateless(s: SentenceDoc, lo: int, hi: int) -> str:
    """text[lo:hi] with its dates blanked out: the month in 'On 3 May 2016, UNHCR held' is no modal 'may'."""
    chars = list(s.doc.text[lo:hi])
    for a, b in s.date_spans:
        for i in range(max(a, lo), min(b, hi)):
            chars[i - lo] = " "
    return _MONTH_MAY.sub(lambda m: " " * len(m.group()), "".join(chars))


def hedged(s: SentenceDoc, start: int) -> bool:
    """The clause before `start` negates, hedges or calls for what follows ('we reiterate the call for a global
    conference on X', 'the Assembly should consider convening a conference on Y'); 'will host' is an announcement."""
    g = grammar(s.doc.vocab.language)
    before = _dateless(s, s.sentence.start, start)
    clause = g.no_negation.sub(" ", before[max(before.rfind(";"), before.rfind(":")) + 1:])
    return g.blockers.search(clause) is not None


@rule("mentions.held_events", stage=SENTENCE_STAGE, produces=Found, after=_BEFORE)
def held_events(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """Described events in a clause that says they were held, organised or attended (see the module's
    docstring for the label); a bare 'the meeting' refers back and is left to anaphora."""
    g = grammar(s.doc.vocab.language)
    taken = claimed(s, inputs)
    out: list[Found] = []
    for m in g.phrase.finditer(s.body):
        found = _description(s, g, m, taken)
        if found is None:
            continue
        start, end, entity = found
        s.doc.book.add(entity, s.doc.text[start:end])
        out.append(Found(Ref(start, end, entity.key, "Event", entity.kind, "pattern")))
        taken.append((start, end))
    named = list(s.refs) + [f.ref for found_by in inputs.values() for f in found_by]
    for start, end, label, kind in launches(s, named, taken, lambda pos: _venue_and_time(s, pos),
                                            lambda pos: hedged(s, pos)):
        entity = name_entity(s.doc, "Event", label, s.doc.text[start:end], kind)
        out.append(Found(Ref(start, end, entity.key, "Event", kind, "pattern"), claims=False))
    return tuple(out)


def _lead(s: SentenceDoc, g: _Grammar, m: re.Match[str]) -> tuple[int, int, str, list[str]]:
    """Where the phrase (with its determiner) and the description (without) start, the determiner and the
    modifiers; a body named right before the noun joins them with its own ('the second ministerial-level Security
    Council meeting on Africa')."""
    base, text = s.sentence.start, s.doc.text
    det, start = (m.group("det") or "").lower(), base + m.start()
    if det:
        start = base + m.start("adj")
    adjectives = _modifiers(m).split()
    body = None if det or adjectives else next(
        (r for r in s.refs if r.type == "Agency" and r.end < base + m.start("noun")
         and re.fullmatch(r"\s+", text[r.end:base + m.start("noun")])), None)
    if body is None:
        return base + m.start(), start, det, adjectives
    lead = g.lead.search(text, base, body.start)
    det = ((lead.group("det") or "") if lead else "").lower()
    first = lead.start("adj") if lead and (lead.group("adj") or det) else body.start
    return lead.start() if lead else body.start, first, det, text[first:body.end].split()


def _description(s: SentenceDoc, g: _Grammar, m: re.Match[str], taken: list[tuple[int, int]]
                 ) -> tuple[int, int, Entity] | None:
    """The span and the event of one described-event phrase, or None when it names no event (module docstring)."""
    doc, text, base = s.doc, s.doc.text, s.sentence.start
    noun_start, noun_end = base + m.start("noun"), base + m.end("noun")
    phrase_start, start, det, adjectives = _lead(s, g, m)
    if any(a < noun_end and noun_start < b for a, b in taken):
        return None  # the noun is part of a name another rule read
    bodies = {r.span for r in s.refs if r.type in ("Agency", "State")}
    if any(a < noun_start and start < b and ((a, b) not in bodies or a < start) for a, b in taken):
        return None  # a name among the modifiers other than a body's ('the CSCE summit meeting'): a chunk's
    end = _topic(s, g, noun_end, taken)
    if det in g.referring and not adjectives and end == noun_end:
        return None
    qualifiers = g.qualified.get(m.group("noun").lower())
    if _part_of_name(s, m, end == noun_end) or (
            qualifiers is not None and not qualifiers & {a.lower() for a in adjectives}):
        return None  # 'the first event of our calendar': 'event' names a meeting only as 'a high-level event'
    if doc.vocab.count_in_period.match(text, noun_end, s.sentence.end):
        return None  # 'its second meeting this year': a count within the year, not which meeting
    tail = g.tail.match(text, end, s.sentence.end) if end > noun_end else None
    if tail is not None and not g.held_after.match(text, end, s.sentence.end):
        end = tail.end("tail")  # the topic runs on to the verb: 'of NGOs dealing with refugees took place'
    titled = g.title.match(text, end, s.sentence.end)
    if titled is not None:
        end = titled.end()
    if not _happened(s, g, phrase_start, end):
        return None
    words = [a for a in adjectives if a.lower() not in g.unlabelled and not g.counting.fullmatch(a.lower())]
    core = " ".join([*words, " ".join(m.group("noun").split()), " ".join(text[noun_end:end].split())]).strip()
    if titled is not None:
        core = " ".join(titled.group("title").split())
    core = core[:1].upper() + core[1:]
    where_when = _venue_and_time(s, start)
    if end == noun_end and titled is None and not _specific(g, words, where_when):
        return None  # 'a meeting', 'their first meeting', even 'in Geneva': which one is not said
    kind = " ".join(m.group("noun").lower().split())
    entity = _same_event(s, kind, core, where_when) or name_entity(
        doc, "Event", f"{core} ({', '.join(where_when)})" if where_when else core, text[start:end], kind)
    return start, end, entity


def _specific(g: _Grammar, words: list[str], where_when: list[str]) -> bool:
    """Without a topic, a description says which event it is with its month ('a debate ... on 12 February'), its
    venue and year, or a telling modifier and its year ('the first review conference, held in Stockholm last
    year'); a venue alone would make every 'expert meeting in Geneva' of a corpus one node."""
    month = bool(where_when) and re.search(r"[A-Z][a-z]+ \d{4}$", where_when[-1]) is not None
    telling = any(w.lower() not in g.generic for w in words)
    dated = bool(where_when) and re.search(r"\d{4}$", where_when[-1]) is not None
    return month or (dated and (len(where_when) == 2 or telling))


def _modifiers(m: re.Match[str]) -> str:
    return m.group("adj") if m.group("det") else m.group("bare") or ""


def _part_of_name(s: SentenceDoc, m: re.Match[str], bare: bool) -> bool:
    """'the World Summit on X' (a capitalised word right before the noun) is a name the chunk rule reads, and
    'that Summit' with a capital and nothing after it refers back to a named one: neither is a description."""
    first = m.start("bare") if m.group("bare") else m.start("noun")
    if not m.group("det") and re.search(r"(?:\b[A-Z][\w-]*['\u2019]s?|['\u2019]s)\s+$", s.body[:first]):
        return True  # 'the Forum Leaders' meeting': the owner's name is part of what the chunk rule named
    if not m.group("noun")[:1].isupper():
        return False
    if bare:
        return True
    return not m.group("det") and re.search(r"\b[A-Z][\w'-]*\s+$", s.body[:first]) is not None


def _words(label: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w-]+", label)} - {"on", "of", "for", "the", "a", "in", "and", "about"}


def _same_event(s: SentenceDoc, kind: str, core: str, where_when: list[str]) -> Entity | None:
    """An earlier described event of this document with the same noun that this description fits: all its words
    among the earlier label's (or the other way round), and no other venue or time."""
    mine = _words(core)
    for entity in s.doc.book.entities.values():
        if entity.type != "Event" or entity.kind != kind or s.doc.registry.get(entity.key) is not None:
            continue
        label, _, rest = entity.label.partition(" (")
        theirs = _words(label)
        if min(len(mine), len(theirs)) < 2 or not (mine <= theirs or theirs <= mine):
            continue
        known = rest.rstrip(")").split(", ") if rest else []
        if where_when and known and not set(where_when) & set(known):
            continue
        return entity
    return None
