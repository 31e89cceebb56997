"""Recall rules for the dates of instruments: the year in a resolution's citation, acts named by a gerund.

Rules, in the order they run (each returns only dates the rules in its `after=` do not hold):
  instrument_date.citation_year  "adopted Security Council resolution 1208\\n(1998)": the citation's year
  instrument_date.gerund         "By adopting the X in 1992", "signing the Y Agreement on 10 July 1999"
  instrument_date.participle     "the X, signed in Lusaka on 10 July 1999", "the Y adopted at Geneva on 28 July 1951"
  instrument_date.agreement_signing "Chile and Peru signed the Agreement on ... on 3 May 2004": the agreement's day
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from ...records import DateValue, InstrumentDate, TreatyAction
from ..doc import Doc
from ..rules import rule
from .recall_common import (
    INSTRUMENT_RULES,
    NAMES,
    NEGATED,
    TREATY_RULES,
    cue,
    fact_key,
    instrument_at,
    participle_instrument,
    prior,
    recall_doc,
)

_ADOPTING = r"\b(?:{adoption_cues})\b(?![^.;]*[.;])"  # words: lang/<language>.json, via `recall_common.cue`
_CITATION_YEAR = re.compile(r"\s*\((?P<year>(?:19|20)\d\d)\)(?:\s*,?\s*of\s+)?")

_CITATION_AFTER = INSTRUMENT_RULES + (NAMES,)


@rule("instrument_date.citation_year", stage="facts", produces=InstrumentDate, after=_CITATION_AFTER)
def resolution_citation_year(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[InstrumentDate, ...]:
    """'Security Council resolution 1208 (1998)', 'resolution 935 (1994), of 1 July 1994': the year in a
    resolution's citation is the year it was adopted (a full date right after it, 'of 1 July 1994', is the day).

    Like the core rule, only where the text speaks of adopting it (a citation in passing is not annotated as an
    adoption fact); this rule reads the year when a line break cut it off the recognised name, and the sentence
    splitter cut the clause with it."""
    doc = recall_doc(doc, inputs)
    out: list[InstrumentDate] = []
    dated = {fact_key(f) for f in prior(inputs, _CITATION_AFTER)}
    text = doc.text
    for ref in doc.refs:
        if ref.type != "Instrument" or ref.kind != "resolution" or not ref.key or ref.via != "pattern":
            continue
        entity = doc.entity(ref.key)
        label_year = re.search(r"\((\d{4})\)$", entity.label) if entity else None
        tail = _CITATION_YEAR.match(text[ref.end:ref.end + 40])
        year = label_year.group(1) if label_year else tail.group("year") if tail else None
        if year is None or ("instrument_date", ref.key, "adopted") in dated:
            continue
        if not cue(doc, _ADOPTING).search(text[max(0, ref.start - 80):ref.start]):
            continue
        end = ref.end + (tail.end() if tail else 0)
        value = DateValue(year)
        full = next((d for d in doc.dates if d.start == end and d.value.year == int(year)), None) \
            if tail and tail.group().rstrip().endswith("of") else None
        if full is not None:
            value, end = full.value, full.end
        elif tail is not None:
            end = ref.end + len(tail.group().split(")")[0]) + 1
        dated.add(("instrument_date", ref.key, "adopted"))
        out.append(InstrumentDate(ref.key, "adopted", value, doc.evidence(ref.start, end),
                                  "instrument_date.citation_year"))
    return tuple(out)


_GERUND = r"\b(?:(?P<adopt>{adopt_gerunds})|(?P<sign>{sign_gerunds}))\s+(?:the\s+)?"

_GERUND_AFTER = INSTRUMENT_RULES + ("instrument_date.citation_year", NAMES)


@rule("instrument_date.gerund", stage="facts", produces=InstrumentDate, after=_GERUND_AFTER)
def gerund_dates(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[InstrumentDate, ...]:
    """'By adopting the Rio Declaration in 1992', 'signing the Lusaka Agreement on 10 July 1999': an act named by
    its gerund or noun, its instrument right after, and the date right after that.  Signing dates an instrument
    only when it is an agreement (its parties sign it once); a state signing a multilateral convention dates
    that state's signature, not the convention."""
    doc = recall_doc(doc, inputs)
    out: list[InstrumentDate] = []
    have = {(f.instrument, f.what) for f in prior(inputs, _GERUND_AFTER) if isinstance(f, InstrumentDate)}
    text = doc.text
    for m in cue(doc, _GERUND).finditer(text):
        inst = instrument_at(doc, m.end())
        if inst is None:
            continue
        what: Literal["adopted", "signed"] = "adopted" if m.group("adopt") else "signed"
        if what == "signed" and inst.kind not in doc.patterns.words["signed_kinds"].split("|"):
            continue
        date = next((d for d in doc.free_dates(inst.end, inst.end + 30) if d.kind != "now" and
                     re.fullmatch(r",?\s+(?:in|on)\s+", text[inst.end:d.start])), None)
        s = doc.sentence_of(m.start())
        negated = cue(doc, NEGATED).search(text[max(s.start, m.start() - 40):m.start()])
        if date is None or (inst.key, what) in have or negated:
            continue  # only the act's own clause: 'We urge the parties to honour what they did in signing X on D'
        now = doc.document.date
        if now is not None and date.value.iso[:len(now.iso)] > now.iso:
            continue  # a signing still to come is a plan, not a date of the instrument
        have.add((inst.key, what))
        out.append(InstrumentDate(inst.key, what, date.value, doc.evidence(m.start(), date.end),
                                  "instrument_date.gerund"))
    return tuple(out)


_PARTICIPLE_AFTER = INSTRUMENT_RULES + ("instrument_date.citation_year", "instrument_date.gerund", NAMES)


@rule("instrument_date.participle", stage="facts", produces=InstrumentDate, after=_PARTICIPLE_AFTER)
def participle_dates(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[InstrumentDate, ...]:
    """'the Lusaka Ceasefire Agreement, signed in Lusaka on 10 July 1999', 'the Convention adopted at Geneva on
    28 July 1951': a past participle right after the instrument's name, an optional place, and the date: the
    instrument's own act (no state acts in the phrase, so a signing here dates the instrument).  A date after
    the document's own is a plan, not a date."""
    doc = recall_doc(doc, inputs)
    out: list[InstrumentDate] = []
    have = {(f.instrument, f.what) for f in prior(inputs, _PARTICIPLE_AFTER) if isinstance(f, InstrumentDate)}
    for d in doc.dates:
        if d.kind == "now" or d.relative and d.kind not in ("dm", "month_rel_year"):
            continue
        found = participle_instrument(doc, d)
        if found is None:
            continue
        inst, m = found
        verb = m.group("verb").lower()
        what: Literal["adopted", "signed"] = "adopted" if verb in doc.patterns.words["adoption_participles"] \
            .replace("\\ ", " ").split("|") else "signed"
        now = doc.document.date
        if (inst.key, what) in have or now is not None and d.value.iso[:len(now.iso)] > now.iso:
            continue
        have.add((inst.key, what))
        out.append(InstrumentDate(inst.key, what, d.value, doc.evidence(inst.start, d.end),
                                  "instrument_date.participle"))
    return tuple(out)



_SIGNING_AFTER = _PARTICIPLE_AFTER + ("instrument_date.participle",) + TREATY_RULES


@rule("instrument_date.agreement_signing", stage="facts", produces=InstrumentDate, after=_SIGNING_AFTER)
def agreement_signing_dates(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[InstrumentDate, ...]:
    """'Chile and Peru signed the Agreement on Labour Migration on 3 May 2004': the day its parties sign an
    agreement is the agreement's own date.  Only for an agreement that two or more states sign in the same
    words, or one the registry does not hold (a bilateral text named where it is signed); a state signing a
    multilateral agreement late ('X signed the Paris Agreement in 2017') dates its own signature only."""
    have = {(f.instrument, f.what) for f in prior(inputs, _SIGNING_AFTER) if isinstance(f, InstrumentDate)}
    signed = [f for f in prior(inputs, TREATY_RULES) if isinstance(f, TreatyAction) and f.action == "signature"
              and f.date is not None]
    kinds = doc.patterns.words["signed_kinds"].split("|")
    out: list[InstrumentDate] = []
    for f in signed:
        kind = next((r.kind for r in doc.refs if r.key == f.instrument), None)
        entity = doc.entity(f.instrument)
        together = {g.state for g in signed if g.instrument == f.instrument and g.evidence == f.evidence}
        if (f.instrument, "signed") in have or kind not in kinds or \
                len(together) < 2 and (entity is None or entity.from_registry):
            continue
        have.add((f.instrument, "signed"))
        out.append(InstrumentDate(f.instrument, "signed", f.date, f.evidence,  # type: ignore[arg-type]
                                  "instrument_date.agreement_signing"))
    return tuple(out)


_RELATIVE_AFTER = _SIGNING_AFTER + ("instrument_date.agreement_signing",)
# 'the X (that|which) <subject> adopted <date>': the subject is the speaker's body ('we'), a body or an event,
# never a state (a state that signs or adopts acts for itself); then the date right after the verb
_RELATIVE_ADOPTION = r"""\s*,?\s*(?:(?:that|which)\s+)?(?P<subject>{relative_adopters})\s+
                         (?:(?:{act_auxiliaries})\s+)*(?:adopted|endorsed|approved)\s+
                         (?:(?:by\s+consensus|unanimously)\s+)?(?:(?:in|on|at)\s+)?"""


@rule("instrument_date.relative_subject", stage="facts", produces=InstrumentDate, after=_RELATIVE_AFTER)
def relative_subject_dates(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[InstrumentDate, ...]:
    """'the Millennium Declaration we adopted last year', 'the Strategy, which the General Assembly adopted in
    2006': a relative clause whose subject adopts the instrument, then the date: the instrument's adoption."""
    doc = recall_doc(doc, inputs)
    have = {(f.instrument, f.what) for f in prior(inputs, _RELATIVE_AFTER) if isinstance(f, InstrumentDate)}
    out: list[InstrumentDate] = []
    text = doc.text
    for inst in doc.refs:
        if inst.type != "Instrument" or not inst.key or (inst.key, "adopted") in have:
            continue
        m = cue(doc, _RELATIVE_ADOPTION).match(text, inst.end)
        date = next((d for d in doc.dates if m is not None and d.start == m.end() and d.kind != "now"), None)
        if m is None or date is None or cue(doc, NEGATED).search(text, max(0, inst.start - 40), inst.start):
            continue
        now = doc.document.date
        if now is not None and date.value.iso[:len(now.iso)] > now.iso:
            continue
        have.add((inst.key, "adopted"))
        out.append(InstrumentDate(inst.key, "adopted", date.value, doc.evidence(inst.start, date.end),
                                  "instrument_date.relative_subject"))
    return tuple(out)
