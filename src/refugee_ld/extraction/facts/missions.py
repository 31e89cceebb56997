"""Visits and missions the text names by a noun (read by the `visits` rule): 'is on a three-day mission in Kenya',
'during a four-day official mission in Rwanda, from 23-27 October 2016', 'as part of his eight-day, five-nation
mission to West Africa', 'the Oct 2 visit of <minister>', 'the visiting <Org> delegation'.

The noun names one journey only inside a frame that says it is under way or done ('is on a', 'during a', 'as part
of his', 'concluded a'); a plan ('will be on a mission', 'invited to visit'), a negation or a plural ('visits by
officials are frequent') names nothing.  The visitor is the clause's subject (or the possessor 'his'/'her'); a
companion ('accompanied by <Name>') takes part too.  The label follows the gold convention '<Visit|Mission> of
<visitor> to <target> (<Month Year>)' and the noun phrase as written is kept as an alias (how the text refers to it).
An event's place is a Place only (a camp, a city, a region); a visit to a State leaves the place empty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...lang import vocabulary
from ...records import DateValue, Entity, EventDetails, EventRole
from ...registry import slugify
from ...text.dates import DateMention
from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions.model import Ref
from .common import DateClaim, label, last_person_before, month_label

MissionResult = Entity | EventDetails | EventRole | DateClaim
_VISITORS = ("Person", "Agency")


def _alt(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    noun: re.Pattern[str]  # frame determiner modifiers noun preposition
    visit_of: re.Pattern[str]  # the <date>? <modifier>? visit of
    visiting: re.Pattern[str]  # the visiting <X> delegation
    blockers: re.Pattern[str]
    present: re.Pattern[str]
    companion: re.Pattern[str]
    object_verb: re.Pattern[str]  # a verb before the first name makes it an object ('Refugees met <Name>')
    time: re.Pattern[str]  # a time the date reader did not read ('in March this year', 'three years ago')


@cache
def grammar(language: str = "en") -> _Grammar:
    """The patterns of `language`, from `facts.visits` (cue words) and `facts.modality` (negation, plans)."""
    lang = vocabulary(language)["facts"]
    w, modality = lang["visits"], lang["modality"]
    counted = rf"[\w]+-(?:{_alt(w['mission_counted'])})s?"
    modifier = rf"(?:{counted}|{_alt(w['mission_modifiers'])})"
    noun = re.compile(
        rf"\b(?P<frame>{_alt(w['mission_frames'])})\s+(?P<det>an?|his|her)\s+"
        rf"(?P<phrase>(?:{modifier},?\s+){{0,3}}(?P<noun>{_alt(w['mission_nouns'])})\s+(?:to|in)\s+)", re.I)
    day = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s+"  # 'the Oct 2 visit', 'the 3 May visit'
    visit_of = re.compile(rf"\b[Tt]he\s+(?P<phrase>(?:{day})?(?:(?:{_alt(w['visit_of_modifiers'])})\s+)?)"
                          rf"(?P<v>visit)\s+of\s+")
    visiting = re.compile(rf"\b[Tt]he\s+(?P<phrase>visiting\s+)"
                          rf"(?=\S+(?:\s+\S+){{0,4}}?\s+(?:{_alt(w['visiting_nouns'])})\b)")
    blockers = modality["negation"] + modality["unrealised"] + w["mission_plan_words"]
    return _Grammar(noun, visit_of, visiting, re.compile(rf"\b(?:{'|'.join(blockers)})\b", re.I),
                    re.compile(rf"^(?:{_alt(w['mission_present_frames'])})$", re.I),
                    re.compile(rf"\b(?i:{_alt(w['companion_cues'])})\s+(?:[A-Z][\w.]*\s+){{0,4}}$"),
                    re.compile(rf"(?<![\w-])(?:{'|'.join(w['object_verbs'])})(?![\w-])"),
                    re.compile(rf"^[^,;.]{{0,30}}?\b(?:{_alt(w['time_words'])})\b"))


@dataclass(frozen=True)
class _Found:
    """One journey: who, where to, when, and the words the text names it by."""

    noun: str
    visitor: Ref
    target: Ref | None
    date: DateMention | None
    month: DateValue | None
    surface: str
    start: int
    end: int
    unread_time: bool = False  # the text dates it in words the date reader did not read: no date is no fact


def missions(doc: Doc, s: Sentence, claimed: set[int], seen: set[str]) -> list[MissionResult]:
    """The journeys of one sentence, each once per document (a headline and its body name the same one)."""
    g = grammar(doc.document.language or "en")
    found = _framed(doc, s, g, claimed) + _visit_of(doc, s, g, claimed) + _visiting(doc, s, g)
    out: list[MissionResult] = []
    for f in found:
        out += _records(doc, s, f, seen)
    return out


def _unrealised(doc: Doc, s: Sentence, g: _Grammar, pos: int) -> bool:
    """A plan, a wish or a negation in the clause before the cue."""
    before = doc.text[max(s.start, pos - 80):pos]
    before = re.split(r"[;:]|,\s+(?:but|while|whereas)\b", before)[-1]
    return bool(g.blockers.search(before))


def _framed(doc: Doc, s: Sentence, g: _Grammar, claimed: set[int]) -> list[_Found]:
    """'<Subject> ... is on / during / as part of his <N>-day mission to <target>'."""
    out: list[_Found] = []
    text = doc.text
    for m in g.noun.finditer(text, s.start, s.end):
        if _unrealised(doc, s, g, m.start()):
            continue
        target = next((r for r in doc.refs_between(m.end(), m.end() + 12, ("State", "Place"))
                       if not text[m.end():r.start].strip(" ") or text[m.end():r.start].strip() == "the"), None)
        if target is None:
            continue
        if m.group("det").lower() in ("his", "her"):
            visitor = _possessor(doc, s, g, m.start(), target.end)
        else:
            visitor = _subject(doc, s, g, m.start())
        if visitor is None:
            continue
        date = _date_after(doc, s, target.end, claimed)
        month = None
        if date is None and g.present.match(re.sub(r"\s+", " ", m.group("frame"))) and doc.document.date:
            month = DateValue(doc.document.date.iso[:7])  # under way on the day of the report: its month
        surface = text[m.start("phrase"):target.end]
        unread = date is None and month is None and bool(g.time.search(text[target.end:s.end]))
        out.append(_Found(m.group("noun").lower(), visitor, target, date, month, surface, m.start(), target.end,
                          unread))
    return out


def _visit_of(doc: Doc, s: Sentence, g: _Grammar, claimed: set[int]) -> list[_Found]:
    """'the Oct 2 visit of <Person>', 'the recent visit of <Person> to <target> in May 2010': a dated past visit."""
    out: list[_Found] = []
    text = doc.text
    for m in g.visit_of.finditer(text, s.start, s.end):
        visitor = next((r for r in doc.refs_between(m.end(), m.end() + 60, _VISITORS)), None)
        if visitor is None or _unrealised(doc, s, g, m.start()):
            continue
        gap = text[m.end():visitor.start]  # 'the visit of the Secretary-General of the United Nations': not the UN
        if re.search(r"[,;(]|\bof\b", gap) or len(gap.split()) > 4:
            continue
        inside = [d for d in doc.free_dates(m.start(), m.start("v")) if d.start not in claimed]
        tm = re.match(r"\s+to\s+(?:the\s+)?", text[visitor.end:s.end])
        at = visitor.end + tm.end() if tm else -1
        target = next((r for r in doc.refs_between(at, at + 60, ("State", "Place")) if r.start == at), None) \
            if tm else None
        after = target.end if target else visitor.end
        date = inside[0] if inside else _date_after(doc, s, after, claimed, limit=40)
        if date is None:
            continue
        surface = text[inside[0].start if inside else m.start("phrase"):m.end("v")]
        out.append(_Found("visit", visitor, target, date, None, surface, m.start(), after))
    return out


def _visiting(doc: Doc, s: Sentence, g: _Grammar) -> list[_Found]:
    """'The visiting <Org> delegation met ...': the body the delegation is from visits (dates: none claimed)."""
    out: list[_Found] = []
    text = doc.text
    for m in g.visiting.finditer(text, s.start, s.end):
        visitor = next((r for r in doc.refs_between(m.end(), m.end() + 80, _VISITORS + ("State",))
                        if r.start == m.end()), None)
        if visitor is None:
            continue
        tail = re.match(r"\s+(\w+)", text[visitor.end:s.end])
        if tail is None or tail.group(1).lower() not in ("delegation", "team", "mission"):
            continue
        surface = text[m.start("phrase"):visitor.end + tail.end()]
        out.append(_Found("visit", visitor, None, None, None, surface, m.start(), visitor.end + tail.end()))
    return out


def _subject(doc: Doc, s: Sentence, g: _Grammar, pos: int, types: tuple[str, ...] = _VISITORS) -> Ref | None:
    """The clause's subject: a Person (else an Agency not in the possessive) that opens the line of the sentence, or
    one right before the frame ('<Name> is on a ...'); a name after 'with', 'by', 'of' ... is an object."""
    refs = [r for r in doc.refs_between(s.start, pos, types)
            if not re.match(r"['’]s\b", doc.text[r.end:r.end + 2])]
    persons = [r for r in refs if r.type == "Person"]
    if not refs:
        return None
    close = refs[-1]
    if len(doc.text[close.end:pos].split()) <= 2 and not re.search(r"[,;]", doc.text[close.end:pos]):
        return close
    first = (persons or refs)[0]
    lead = re.split(r"\n|\s[-–—]\s", doc.text[s.start:first.start])[-1]  # after a headline or a dateline
    if len(lead.split()) > 14 or re.search(r"\b(?:with|by|of|from|for|to)\s+$", lead) or \
            g.object_verb.search(lead):
        return None
    return first


def _possessor(doc: Doc, s: Sentence, g: _Grammar, pos: int, after: int) -> Ref | None:
    """'his'/'her': inside a clause, its subject; opening the sentence ('During his visit to X, Mr. Annan saw'),
    the subject of the main clause after the comma, by name or by a title the document gives that person
    ('As part of his mission ..., the High Commissioner is' where the text has 'High Commissioner Lubbers')."""
    if doc.text[s.start:pos].strip(" \"'“‘("):
        return _subject(doc, s, g, pos, ("Person",))
    comma = re.match(r"[^,;]{0,40},\s+", doc.text[after:s.end])
    if comma is None:
        return None
    start = after + comma.end()
    named = next((r for r in doc.refs_between(start, start + 60, ("Person",))), None)
    if named is not None and not re.search(r"[,;]|\b(?:the|a|an)\b\s+\S+\s+(?:of|by|with)\b",
                                           doc.text[start:named.start]):
        return named if len(doc.text[start:named.start].split()) <= 4 else None
    title = re.match(r"[Tt]he\s+((?:[A-Z][\w-]*\s+){1,4})", doc.text[start:s.end])
    person = last_person_before(doc, pos)
    if title is None or person is None:
        return None
    words = r"\s+".join(re.escape(w) for w in title.group(1).split())
    titled = any(r.key == person.key and re.search(rf"\b{words}\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?$",
                                                   doc.text[max(0, r.start - 80):r.start]) for r in doc.refs)
    return person if titled else None


def _date_after(doc: Doc, s: Sentence, pos: int, claimed: set[int], limit: int = 80) -> DateMention | None:
    """The first free date right after the target ('..., from 23-27 October 2016'), not one another rule read."""
    return next((d for d in doc.free_dates(pos, min(s.end, pos + limit)) if d.start not in claimed), None)


def _companions(doc: Doc, s: Sentence, f: _Found) -> list[Ref]:
    """'<visitor>, accompanied by <Name>, ...': the companion travels too."""
    g = grammar(doc.document.language or "en")
    out = []
    for r in doc.refs_between(f.visitor.end, f.start, ("Person",)):
        if g.companion.search(doc.text[max(f.visitor.end, r.start - 80):r.start]):
            out.append(r)
    return out


def _records(doc: Doc, s: Sentence, f: _Found, seen: set[str]) -> list[MissionResult]:
    """The event (once per document), its date and place (unless the text dates it in words the date reader did
    not read: a wrong 'undated' is worse than none), and its participants."""
    visitor = label(doc, f.visitor.key)
    target = label(doc, f.target.key) if f.target else None
    value = f.date.value if f.date else f.month
    when = f" ({month_label(doc, value)})" if value else ""
    noun = f.noun.capitalize()
    name = f"{noun} of {visitor}" + (f" to {target}" if target else "") + when
    key = f"event/{f.noun}-{slugify(visitor)}-{slugify(target or 'abroad')}-{value.iso if value else 'undated'}"
    out: list[MissionResult] = []
    first = f.visitor.start if f.visitor.start >= s.start else f.start  # a possessor's name may lie sentences back
    evidence = doc.evidence(min(f.start, first), max(f.end, f.date.end if f.date else f.end))
    if f.date is not None:
        out.append(DateClaim(f.date.start))
    if key not in seen:
        seen.add(key)
        out.append(Entity(key=key, type="Event", label=name, aliases=(re.sub(r"\s+", " ", f.surface),), kind="visit"))
        if not f.unread_time:
            place = f.target.key if f.target is not None and f.target.type == "Place" else None
            end = f.date.end_value if f.date else None
            out.append(EventDetails(key, value, end, place, evidence, "event.mission"))
    for who in [f.visitor, *_companions(doc, s, f)]:
        out.append(EventRole(key, "participant", who.key, evidence, rule="event.mission"))
    return out
