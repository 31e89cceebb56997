"""What several fact rules share: the `DateClaim` result, and small readings of references and dates.

A date that a treaty, instrument or post rule has read as the date of its fact is no longer free for the
event, visit and population rules.  The claiming rules say so in their results (`DateClaim`); the reading rules
declare the claimers in `after=` and collect the claims with `claimed_dates`, instead of sharing a mutable set.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...records import DateValue
from ...text.dates import DateMention
from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions import Ref


@dataclass(frozen=True)
class DateClaim:
    """A date (by its start in the view) that a rule has taken as the date of one of its facts."""

    start: int


# The rules whose results carry date claims, in the order the claims used to be made.  The readers of the claims
# run after all of them (the visit rule claims too; the rules that read its claims name it as well).
DATE_CLAIMERS = ("treaty.actions", "treaty.relative", "treaty.force_for_state", "instrument.citation",
                 "instrument.nominal", "instrument.nominal_by", "instrument.verb", "posts.titles")


def claimed_dates(inputs: Mapping[str, Sequence[Any]]) -> set[int]:
    """The starts of every date claimed in the given rule results."""
    return {item.start for results in inputs.values() for item in results if isinstance(item, DateClaim)}


def of_type(items: Iterable[Any], kind: type) -> list[Any]:
    return [item for item in items if isinstance(item, kind)]


def nearest(items: list[DateMention], pos: int) -> DateMention | None:
    return min(items, key=lambda d: (min(abs(d.start - pos), abs(d.end - pos)), d.start), default=None)


def gap_is_list(gap: str) -> bool:
    """True when text between two names only coordinates them ("A, B and C", "A as well as B")."""
    rest = re.sub(r"\b(?:and|or|as well as|its|their|the|to|both|also|plus|including|in particular|,|\(|\))\b", " ",
                  gap, flags=re.I)
    return not re.sub(r"[\s,()\-–]+", "", rest)


def ref_list(doc: Doc, start: int, end: int, types: tuple[str, ...]) -> list[Ref]:
    """The coordinated run of references starting at `start` ("Russia, China, Turkey and Iran")."""
    found: list[Ref] = []
    cursor = start
    for ref in doc.refs_between(start, end):
        if found and ref.start < found[-1].end:
            continue
        gap = doc.text[cursor:ref.start]
        if found and not (gap_is_list(gap) or re.fullmatch(r"[\s,]*(?:[a-z][\w-]*\s+){1,3}?(?:,|and|or)\s+", gap)):
            break
        if not found and len(gap.split()) > 8:
            break
        if ref.type in types:
            found.append(ref)
            cursor = ref.end
        elif found:  # a reference of another type ends a list that has begun
            break
    return found


def keys(refs: list[Ref]) -> list[str]:
    seen: list[str] = []
    for r in refs:
        if r.key not in seen:
            seen.append(r.key)
    return seen


def outermost(refs: list[Ref]) -> list[Ref]:
    """Drop references nested inside another one of the list (a convention named inside its protocol's name)."""
    return [r for r in refs if not any(o is not r and o.start <= r.start and r.end <= o.end and
                                       (o.end - o.start) > (r.end - r.start) for o in refs)]


def distinct(refs: list[Ref]) -> list[Ref]:
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.key not in seen:
            seen.add(r.key)
            out.append(r)
    return out


def is_duration(doc: Doc, d: DateMention) -> bool:
    """'over the past 2010-2015': a span of time before now, not the date of an act."""
    return bool(doc.patterns.duration_before.search(doc.text[max(0, d.start - 20):d.start]))


def names_or_targets(doc: Doc, d: DateMention) -> bool:
    """A year that names an instrument ('the 1997 International Convention ...') or a target ('by 2015')."""
    text = doc.text
    if d.value.precision == "year" and any(r.type == "Instrument" and r.start > d.end and
                                           re.fullmatch(r"\s*", text[d.end:r.start]) for r in doc.refs):
        return True
    return bool(doc.patterns.target_before.search(text[max(0, d.start - 24):d.start]))


def phrase_in(phrases: tuple[str, ...], text: str) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text, re.I) for p in phrases)


def last_person_before(doc: Doc, pos: int) -> Ref | None:
    persons = [r for r in doc.refs if r.type == "Person" and r.key and r.end <= pos]
    return persons[-1] if persons else None


def event_before(doc: Doc, pos: int, sentence: Sentence) -> Ref | None:
    refs = [r for r in doc.refs if r.type == "Event" and r.key and r.end <= pos]
    if not refs:
        return None
    last = refs[-1]
    if last.start >= sentence.start:
        return last
    # an event named in an earlier sentence is the topic only when it is the last one mentioned
    previous = [s for s in doc.sentences if s.end <= sentence.start][-2:]
    return last if previous and last.start >= previous[0].start else None


def event_after(doc: Doc, pos: int, limit: int) -> Ref | None:
    return next((r for r in doc.refs if r.type == "Event" and r.key and pos <= r.start < limit), None)


def label(doc: Doc, key: str) -> str:
    entity = doc.entity(key)
    return entity.label if entity else key


def month_label(doc: Doc, value: DateValue) -> str:
    if value.precision == "year":
        return value.iso
    return f"{doc.patterns.months[int(value.iso[5:7]) - 1]} {value.iso[:4]}"


def force_for_state(doc: Doc, pos: int) -> Ref | None:
    """'... entered into force for Kazakhstan': a state's own entry into force, not the treaty's."""
    return next((r for r in doc.refs_between(pos, pos + 40) if doc.state_of(r) and
                 doc.patterns.for_state.fullmatch(doc.text[pos:r.start])), None)


def instrument_for(doc: Doc, s: Sentence, t_start: int, t_end: int, what: str) -> Ref | None:
    """The instrument a verb of adoption or entry into force speaks of: before it in the passive, else after it."""
    text = doc.text
    passive = bool(doc.patterns.passive.search(text[max(s.start, t_start - 16):t_start])) or \
        what == "entered_into_force" or \
        any(r.type == "Instrument" and 0 <= t_start - r.end <= 3 for r in doc.refs)  # 'the Law "On X" adopted on'

    clause_start = s.start
    for m in re.finditer(r"[;]|\band\b(?=\s+(?:has\s+)?\w+ed\b)", text[s.start:t_start]):
        clause_start = s.start + m.end()
    before = [r for r in doc.refs_between(clause_start, t_start, ("Instrument",))]
    after = [r for r in doc.refs_between(t_end, s.end, ("Instrument",))]
    if passive:
        # "the Law ... that was passed in 2010", "a law on refugees (entered into force in 2010)"
        if before and t_start - before[-1].end <= 80:
            return before[-1]
        if after and after[0].start - t_end <= 40:  # "a new law was passed titled 'On migration'"
            return after[0]
        return None
    if after and len(text[t_end:after[0].start].split()) <= 4:
        return after[0]
    return None


_TEMPLATE_CACHE: dict[tuple[int, int], dict[str, re.Pattern[str]]] = {}


def compiled_templates(doc: Doc, templates: Mapping[str, str]) -> dict[str, re.Pattern[str]]:
    """A module's pattern templates filled with the document language's word lists (case-insensitive, verbose),
    compiled once per (templates, word lists) pair: the rules call this for every sentence."""
    words = doc.patterns.words
    key = (id(templates), id(words))
    found = _TEMPLATE_CACHE.get(key)
    if found is None:
        found = {name: re.compile(t.format(**words), re.I | re.VERBOSE) for name, t in templates.items()}
        _TEMPLATE_CACHE[key] = found
    return found
