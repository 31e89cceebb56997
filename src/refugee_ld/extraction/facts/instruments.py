"""Instrument dates: when a law, treaty or declaration was adopted, signed or entered into force.

Rules (each claims the dates it reads; `instrument.resolution_citation` reads the others' results):
  instrument.citation            'the Law "On Population Migration" of 22 July 2011'
  instrument.nominal             'the adoption of the Global Compact on Refugees in 2018'
  instrument.nominal_by          'the adoption by the African Union last year of the Convention for ...'
  instrument.verb                'the Law ... was adopted on 25 August', 'entered into force in 2010'
  instrument.resolution_citation 'Security Council resolution 1208 (1998)' in a sentence about adopting it
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ...records import DateValue, InstrumentDate
from ...text.dates import DateMention
from ..doc import Doc
from ..mentions import Ref
from ..rules import rule
from .common import DateClaim, force_for_state, instrument_for, is_duration, names_or_targets, nearest, of_type
from .recall_common import cue, is_dateline
from .role_lists import _asserted

InstrumentResult = tuple[InstrumentDate | DateClaim, ...]


@rule("instrument.citation", stage="facts", produces=(InstrumentDate, DateClaim))
def citation_dates(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> InstrumentResult:
    """A legal citation: 'the Law "On Population Migration" of 22 July 2011', 'Decree No. 123 dated 5 May 2020',
    'the Agreement of 28 August 1991' (an agreement's day is its signing, a law's or convention's its adoption)."""
    out: list[InstrumentDate | DateClaim] = []
    text = doc.text
    for ref in doc.refs:
        if ref.type != "Instrument" or not ref.key or not ref.kind:
            continue
        cite = re.match(r",?\s*(?:No\.?\s*[\w/-]+\s+)?(?:of|dated|from)\s+", text[ref.end:ref.end + 30])
        date = next((d for d in doc.dates if cite and d.start == ref.end + cite.end()
                     and d.value.precision == "day" and not d.relative), None)  # a citation states its year
        if date is not None and ref.via == "anaphor":
            continue  # "the declaration of 21 February": a common noun that anaphora linked, not the name cited
        if date is not None:
            out.append(DateClaim(date.start))
            what = "signed" if ref.kind in doc.patterns.words["signed_kinds"].split("|") else "adopted"
            out.append(InstrumentDate(ref.key, what, date.value, doc.evidence(ref.start, date.end),  # type: ignore[arg-type]
                                      "instrument_date.citation"))
    return tuple(out)


@rule("instrument.nominal", stage="facts", produces=(InstrumentDate, DateClaim))
def nominal_dates(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> InstrumentResult:
    """Nominal forms: 'the adoption of the Global Compact on Refugees in 2018', 'entry into force of X on ...'."""
    out: list[InstrumentDate | DateClaim] = []
    text = doc.text
    for m in doc.patterns.act_of.finditer(text):
        ref = next((r for r in doc.refs if r.type == "Instrument" and r.key and r.start == m.end()), None)
        if ref is None or doc.patterns.not_done.search(text[max(0, m.start() - 30):m.start()]):
            continue
        if cue(doc, r"\b(?:{anniversary_words})\s+of\s+(?:the\s+)?$").search(text, max(0, m.start() - 40), m.start()):
            continue  # 'the twentieth anniversary of the adoption of the Statute this year': the anniversary's year
        date = next((d for d in doc.dates if 0 < d.start - ref.end <= 6 and d.kind != "now"
                     and re.fullmatch(r",?\s+(?:in|on)\s+", text[ref.end:d.start])), None) or \
            (_past_relative_after(doc, ref.end) if ref.via != "anaphor" and
             _asserted(doc, doc.sentence_of(m.start()), m.start()) else None)
        if date is None:
            continue
        what = doc.patterns.act_nouns.get(m.group("noun").lower(), "entered_into_force")
        out.append(DateClaim(date.start))
        out.append(InstrumentDate(ref.key, what, date.value, doc.evidence(m.start(), date.end),  # type: ignore[arg-type]
                                  "instrument_date.nominal"))
    return tuple(out)


def _past_relative_after(doc: Doc, pos: int) -> DateMention | None:
    """'the adoption of the X last year', '... this week', '... last September': a relative date right after the
    name, when it points back (never 'this December' or 'next year', nor a date after the document's own)."""
    d = next((d for d in doc.dates if d.start > pos and
              re.fullmatch(r",?\s+(?:earlier\s+)?", doc.text[pos:d.start], re.I)), None)
    if d is None or not d.relative or d.kind not in ("rel_year", "rel_month", "recent"):
        return None
    if not cue(doc, r"(?:{past_relative_words})\b", re.I).match(doc.text, d.start) and \
            not re.search(r"earlier\s+$", doc.text[pos:d.start], re.I):
        return None
    now = doc.document.date
    if now is None or d.kind == "rel_month" and now.precision == "year":
        return None  # 'last September' in a speech dated by its year: this year's or last year's, unknown
    return None if d.value.iso[:len(now.iso)] > now.iso else d


@rule("instrument.nominal_by", stage="facts", produces=(InstrumentDate, DateClaim))
def nominal_by_dates(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> InstrumentResult:
    """'The adoption by the African Union last year of the Convention for ...': the act's agent and date stand
    between the noun and the instrument."""
    out: list[InstrumentDate | DateClaim] = []
    text = doc.text
    for m in doc.patterns.act_by.finditer(text):
        agent = next((r for r in doc.refs if r.type in ("Agency", "State") and r.key and r.start == m.end()), None)
        if agent is None or doc.patterns.not_done.search(text[max(0, m.start() - 30):m.start()]):
            continue
        date = next((d for d in doc.dates if 0 < d.start - agent.end <= 6 and d.kind != "now"
                     and re.fullmatch(r",?\s+(?:(?:in|on)\s+)?", text[agent.end:d.start])), None)
        pos = date.end if date is not None else agent.end
        of = re.match(r"\s+of\s+(?:the\s+)?", text[pos:pos + 10])
        if of is None:
            continue
        ref = next((r for r in doc.refs if r.type == "Instrument" and r.key and r.start == pos + of.end()), None)
        if ref is None:
            continue
        if date is None:
            date = next((d for d in doc.dates if 0 < d.start - ref.end <= 6 and d.kind != "now"
                         and re.fullmatch(r",?\s+(?:in|on)\s+", text[ref.end:d.start])), None)
        if date is None:
            continue
        what = doc.patterns.act_nouns[m.group("noun").lower()]
        out.append(DateClaim(date.start))
        out.append(InstrumentDate(ref.key, what, date.value,  # type: ignore[arg-type]
                                  doc.evidence(m.start(), max(ref.end, date.end)), "instrument_date.nominal_by"))
    return tuple(out)


# between the act's verb and its date: "adopted on", "signed by the President on", "in force from"
_AFTER_VERB = r"\s*(?:by\s+(?:the\s+)?[\w\s.'\u2019-]{{1,60}}?\s+)?(?:on|in|of|from|as\s+of)?\s*"


@rule("instrument.verb", stage="facts", produces=(InstrumentDate, DateClaim))
def verb_dates(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> InstrumentResult:
    """A verb of the act near the instrument's name: 'was adopted on 25 August', 'entered into force in 2010'."""
    # complexity: the date is the one nearest this trigger among all triggers of the sentence (kept in one loop)
    out: list[InstrumentDate | DateClaim] = []
    text = doc.text
    for s in doc.sentences:
        sentence = text[s.start:s.end]
        triggers = list(doc.patterns.instrument_date_verb.finditer(sentence))
        if not triggers:
            continue
        party = [s.start + m.start("verb") for m in doc.patterns.party_verb.finditer(sentence)]
        positions = [s.start + m.start() for m in triggers]
        for m in triggers:
            t_start, t_end = s.start + m.start(), s.start + m.end()
            what = "adopted" if m.group("adopted") else (
                "signed" if m.group("signed") or m.group("signed2") else "entered_into_force")
            instrument = instrument_for(doc, s, t_start, t_end, what)
            if instrument is None:
                continue
            if what == "entered_into_force" and (force_for_state(doc, t_end) is not None or _in_state(doc, t_end)):
                continue  # "entered into force for Kazakhstan / in Monaco": the state's own date, a treaty action
            ahead = text[max(s.start, t_start - 24):t_start]
            if cue(doc, r"\b(?:{future_auxiliaries})\s+(?:\w+ly\s+)?$").search(ahead):
                continue  # "to be adopted next December", "will enter into force": no act has happened yet
            dates = [d for d in doc.free_dates(s.start, s.end)
                     if min(positions + party, key=lambda p: (abs(d.start - p), p)) == t_start
                     and not is_duration(doc, d) and not is_dateline(doc, d) and not names_or_targets(doc, d)
                     and not _cited_year_of_another(doc, d, instrument)]
            dates = [d for d in dates if not cue(doc, r"\b(?:{future_date_words})\b").search(text, d.start, d.end)]
            dates = [d for d in dates if not (d.end <= instrument.start and re.search(
                r"\band\b|;", text[d.end:instrument.start]))]  # "1990 is ending and the Programme, adopted": no date
            date = next((d for d in doc.free_dates(t_end, s.end) if  # "signed (by the President) on 3 June"
                         not is_duration(doc, d) and cue(doc, _AFTER_VERB, 0).fullmatch(text, t_end, d.start)),
                        None) or \
                nearest(dates, t_start)  # "adopted on 25 August" beats a date before the name
            if date is None:
                continue
            out.append(DateClaim(date.start))
            lo = min(instrument.start, t_start, date.start)
            hi = max(instrument.end, t_end, date.end)
            out.append(InstrumentDate(instrument.key, what, date.value, doc.evidence(lo, hi),  # type: ignore[arg-type]
                                      "instrument_date.verb"))
    return tuple(out)


@rule("instrument.resolution_citation", stage="facts", produces=InstrumentDate,
      after=("instrument.citation", "instrument.nominal", "instrument.nominal_by", "instrument.verb"))
def resolution_years(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[InstrumentDate, ...]:
    """'Security Council resolution 1208 (1998)': the year in the citation is the year of adoption."""
    out: list[InstrumentDate] = []
    found = [f for name in ("instrument.citation", "instrument.nominal", "instrument.nominal_by", "instrument.verb")
             for f in of_type(inputs[name], InstrumentDate)]
    dated = {f.instrument for f in found if f.what == "adopted"}
    for ref in doc.refs:
        entity = doc.entity(ref.key) if ref.type == "Instrument" and ref.kind == "resolution" else None
        year = re.search(r"\((\d{4})\)$", entity.label) if entity else None
        if year is None or ref.key in dated or ref.via != "pattern":
            continue
        s = doc.sentence_of(ref.start)
        if not doc.patterns.adoption_cue.search(doc.text[s.start:s.end]):
            continue  # a citation in passing: the year is sure, but only a sentence about adopting it states it
        dated.add(ref.key)
        out.append(InstrumentDate(ref.key, "adopted", DateValue(year.group(1)), doc.evidence(ref.start, ref.end),
                                  "instrument_date.resolution_citation"))
    return tuple(out)


def _cited_year_of_another(doc: Doc, d: DateMention, instrument: Ref) -> bool:
    """'resolutions 2242 (2015) and 2282 (2016)': a year in brackets right after another instrument's name is that
    instrument's own year, never the date of the one the verb speaks of."""
    if re.search(r"\d[\d/.-]*\s*\(\s*$", doc.text[max(0, d.start - 24):d.start]):
        return True  # '2282 (2016)': the year of whatever that number cites
    return any(r.key != instrument.key and re.fullmatch(r"\s*\(\s*", doc.text[r.end:d.start])
               for r in doc.refs_between(max(0, d.start - 200), d.start, ("Instrument",)))


def _in_state(doc: Doc, pos: int) -> bool:
    """'... entered into force in Monaco on 15 March 1999': the force is the state's, not the treaty's."""
    m = cue(doc, r"\s+(?:in|within)\s+(?:the\s+)?", 0).match(doc.text, pos)
    return m is not None and any(r.start == m.end() for r in doc.refs_between(m.end(), m.end() + 80, ("State",)))
