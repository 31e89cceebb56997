"""Recall rules for who is party to what, in wordings the core treaty rules do not read.

Rules, in the order they run (each returns only pairs the rules in its `after=` do not hold):
  treaty.list_continuation  "X acceded to the A; to the B; and to the C": each listed instrument
  treaty.obligations_under  "in compliance with its obligations under the A", "As a party to the B, we"
  treaty.bilateral_signing  "the signing of the Framework Agreement with Y" in X's statement: X and Y sign
  treaty.in_force_in        "the Convention, which entered into force in Y on 15 March 1999": Y is a party
  treaty.signatory          "X was one of the first signatories of the Statute", "we are signatories to the Y"
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ...records import TreatyAction
from ..doc import Doc
from ..mentions import Ref
from ..rules import rule
from .common import gap_is_list
from .recall_common import (
    LIST_GAP,
    NAMES,
    NEGATED,
    TREATY_RULES,
    UNREAL,
    cue,
    fact_key,
    instrument_at,
    prior,
    recall_doc,
)

_CONTINUATION_AFTER = TREATY_RULES + (NAMES,)


@rule("treaty.list_continuation", stage="facts", produces=TreatyAction, after=_CONTINUATION_AFTER)
def treaty_list_continuation(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[TreatyAction, ...]:
    """'Malta acceded to the A; to the B; and to the C': a treaty verb's object is a list, and each instrument
    in it takes the same state, action and date as the first (which the core rule found)."""
    doc = recall_doc(doc, inputs)
    found = prior(inputs, _CONTINUATION_AFTER)
    out: list[TreatyAction] = []
    have = {fact_key(f) for f in found}
    text = doc.text
    for f in [f for f in found if isinstance(f, TreatyAction)]:
        first = next((r for r in doc.refs_between(f.evidence.start - 400, f.evidence.end + 400, ("Instrument",))
                      if r.key == f.instrument and _inside(doc, r, f)), None)
        if first is None:
            continue
        s = doc.sentence_of(first.start)
        cursor = first.end
        for nxt in doc.refs_between(first.end, s.end, ("Instrument",)):
            if nxt.start < cursor:
                continue  # a name inside the previous one
            gap = text[cursor:nxt.start]
            if not (LIST_GAP.fullmatch(gap) or gap_is_list(gap)) or "." in gap:
                break
            cursor = nxt.end
            if gap.rstrip().endswith("(") or cue(doc, r"^(?:{unsigned_kinds})$").match(nxt.kind or ""):
                continue  # "the Convention ... (resolution 45/158)": the adopting resolution, no second object
            key = ("party_to", f.state, nxt.key, f.action)
            if key in have:
                continue
            have.add(key)
            out.append(TreatyAction(f.state, nxt.key, f.action, f.date, doc.evidence(first.start, nxt.end),
                                    "treaty.list_continuation"))
    return tuple(out)


def _inside(doc: Doc, ref: Ref, fact: TreatyAction) -> bool:
    """The instrument reference lies inside the fact's quote (view offsets compared through the quote)."""
    ev = doc.evidence(ref.start, ref.end)
    return fact.evidence.start <= ev.start and ev.end <= fact.evidence.end


# grammar skeletons (`recall_common.cue`); the words are the "treaty_cues" of lang/<language>.json
_OBLIGATIONS = r"""\b(?P<who>{obligation_owners})\s+(?:[\w-]+\s+){{0,2}}?(?:{obligation_nouns})\s+
    (?:as\s+a\s+(?:{party_titles})\s+)?under\s+(?:[\w\s-]{{0,40}}?,?\s+such\s+as\s+)?(?:the\s+)?"""
_AS_PARTY = r"\bAs\s+a\s+(?:{party_titles})\s+to\s+(?:the\s+)?"

_OBLIGATIONS_AFTER = TREATY_RULES + ("treaty.list_continuation", NAMES)


@rule("treaty.obligations_under", stage="facts", produces=TreatyAction, after=_OBLIGATIONS_AFTER)
def treaty_obligations_under(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[TreatyAction, ...]:
    """'Tonga, in compliance with its obligations under the Convention ...', 'As a party to the Treaty, we':
    only a party has obligations under a treaty, so the state whose obligations they are is a party to each
    instrument listed.  The state is the sentence's subject: the state named last before 'its', or the
    speaker's state for 'our' and for 'As a party to ..., we / my country / the Principality'."""
    doc = recall_doc(doc, inputs)
    out: list[TreatyAction] = []
    # a state's accession or ratification already says it is a party: no second, vaguer fact
    known = {(f.state, f.instrument) for f in prior(inputs, _OBLIGATIONS_AFTER) if isinstance(f, TreatyAction)}
    for s in doc.sentences:
        sentence = doc.text[s.start:s.end]
        for m in list(cue(doc, _OBLIGATIONS).finditer(sentence)) + list(cue(doc, _AS_PARTY).finditer(sentence)):
            lo, hi = s.start + m.start(), s.start + m.end()
            if UNREAL.search(doc.text[s.start:lo]):
                continue
            state = _obligation_state(doc, s.start, lo, hi, m)
            for ref in _instrument_run(doc, hi, s.end):
                if state is None or (state, ref.key) in known:
                    continue
                known.add((state, ref.key))
                out.append(TreatyAction(state, ref.key, "party", None, doc.evidence(lo, ref.end),
                                        "treaty.obligations_under"))
    return tuple(out)


def _obligation_state(doc: Doc, s_start: int, lo: int, hi: int, m: re.Match[str]) -> str | None:
    main = doc.main_state
    who = (m.groupdict().get("who") or "").lower()
    if who == "our":
        return main if doc.document.author_state else None
    if who in ("its", "their"):
        states = [r for r in doc.refs_between(s_start, lo, ("State", "Agency")) if doc.state_of(r)]
        if not states or len({doc.state_of(r) for r in states}) > 1:
            return None  # no subject, or several states: whose obligations is not sure
        return doc.state_of(states[-1])
    # 'As a party to X, <subject>': the subject follows the instrument
    after = doc.text[hi:hi + 200]
    comma = after.find(",")
    if comma < 0:
        return None
    rest = doc.text[hi + comma + 1:hi + comma + 60]
    subj = next((r for r in doc.refs_between(hi + comma + 1, hi + comma + 60, ("State", "Agency"))
                 if doc.state_of(r) and re.fullmatch(r"\s*(?:the\s+)?", doc.text[hi + comma + 1:r.start])), None)
    if subj is not None:
        return doc.state_of(subj)
    if doc.document.author_state and cue(doc, r"\s*(?:{own_subjects})\b").match(rest):
        return main
    return None


def _instrument_run(doc: Doc, start: int, end: int) -> list[Ref]:
    """The instruments named in a row from `start`: 'the A, the B (B) and the C'."""
    run: list[Ref] = []
    cursor = start
    for ref in doc.refs_between(start, end):
        if ref.start < cursor:
            continue
        gap = doc.text[cursor:ref.start]
        if run and not (gap_is_list(gap) or LIST_GAP.fullmatch(gap)) or not run and gap.strip():
            if ref.type == "Agency" and run and re.fullmatch(r"\s*\(", gap):
                cursor = ref.end  # '(ICC)': an abbreviation in brackets
                continue
            break
        if ref.type != "Instrument":
            if re.fullmatch(r"\s*\(?\s*", gap) and run:
                cursor = ref.end
                continue
            break
        run.append(ref)
        cursor = ref.end
        close = re.match(r"\s*\([^()]{1,12}\)", doc.text[cursor:cursor + 16])
        if close:
            cursor += close.end()
    return run


_SIGNING_OF = r"\b(?:our\s+|the\s+)?(?:{signing_nouns})\s+of\s+(?:the\s+)?"
_WITH_STATE = r"\s+(?:with|between\s+(?:us|(?:{own_subjects}))\s+and)\s+(?:the\s+)?"

_SIGNING_AFTER = TREATY_RULES + ("treaty.list_continuation", "treaty.obligations_under", NAMES)


@rule("treaty.bilateral_signing", stage="facts", produces=TreatyAction, after=_SIGNING_AFTER)
def bilateral_signing(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[TreatyAction, ...]:
    """'the signing of the Strategic Framework Agreement with the United States', in a state's statement: an
    agreement signed 'with' another state binds the speaker's state and that state, both as signatories.
    Only with a known author state, and not where the signing is hoped for, awaited or negotiated."""
    main = doc.main_state
    if not doc.document.author_state or main is None:
        return ()
    doc = recall_doc(doc, inputs)
    out: list[TreatyAction] = []
    have = {(f.state, f.instrument) for f in prior(inputs, _SIGNING_AFTER) if isinstance(f, TreatyAction)}
    text = doc.text
    for m in cue(doc, _SIGNING_OF).finditer(text):
        inst = instrument_at(doc, m.end())
        if inst is None:
            continue
        w = cue(doc, _WITH_STATE, 0).match(text, inst.end)
        other = next((r for r in doc.refs_between(w.end(), w.end() + 80, ("State",)) if r.start == w.end()),
                     None) if w else None
        s = doc.sentence_of(m.start())
        if other is None or other.key == main or cue(doc, NEGATED).search(text[s.start:m.start()]):
            continue
        for state in (main, other.key):
            if (state, inst.key) in have:
                continue
            have.add((state, inst.key))
            out.append(TreatyAction(state, inst.key, "signature", None, doc.evidence(m.start(), other.end),
                                    "treaty.bilateral_signing"))
    return tuple(out)


_IN_FORCE_IN = r",?\s+(?:which\s+)?(?:{force_past_verbs})\s+into\s+force\s+(?:in|for)\s+(?:the\s+)?"

_IN_FORCE_AFTER = TREATY_RULES + ("treaty.list_continuation", "treaty.obligations_under", "treaty.bilateral_signing",
                                  NAMES)


@rule("treaty.in_force_in", stage="facts", produces=TreatyAction, after=_IN_FORCE_AFTER)
def in_force_in_state(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[TreatyAction, ...]:
    """'the Convention ..., which entered into force in Monaco on 15 March 1999': a treaty in force in (or for) a
    state makes that state a party from that day."""
    doc = recall_doc(doc, inputs)
    out: list[TreatyAction] = []
    have = {(f.state, f.instrument, f.action) for f in prior(inputs, _IN_FORCE_AFTER) if isinstance(f, TreatyAction)}
    text = doc.text
    for inst in (r for r in doc.refs if r.type == "Instrument" and r.key):
        m = cue(doc, _IN_FORCE_IN, 0).match(text, inst.end)
        state = next((r for r in doc.refs_between(m.end(), m.end() + 80, ("State",)) if r.start == m.end()),
                     None) if m else None
        if state is None or (state.key, inst.key, "party") in have:
            continue
        date = next((d for d in doc.free_dates(state.end, state.end + 30) if d.kind != "now" and
                     re.fullmatch(r",?\s+(?:on|in|as\s+of|from)\s+", text[state.end:d.start])), None)
        have.add((state.key, inst.key, "party"))
        out.append(TreatyAction(state.key, inst.key, "party", date.value if date else None,
                                doc.evidence(inst.start, date.end if date else state.end), "treaty.in_force_in"))
    return tuple(out)


# "X is / was (one of the first / original) signatories of the Y", "we are a signatory to the Y"
_SIGNATORY = r"""
    \b(?:{copulas})\s+(?:(?:also|already|now)\s+)?
    (?:(?:one|among)\s+(?:of\s+)?the\s+(?:(?:{first_words})\s+)?|an?\s+(?:(?:{first_words})\s+)?|(?:{first_words})\s+)?
    (?:{signatory_nouns})\s+(?:of|to)\s+(?:the\s+)?"""
# between the subject and the copula: an apposition at most ("Chile, a small country, is a signatory")
_SUBJECT_GAP = r"\s*(?:,[^,;.]{{1,60}},\s*)?"

_SIGNATORY_AFTER = TREATY_RULES + ("treaty.list_continuation", "treaty.obligations_under", "treaty.bilateral_signing",
                                   "treaty.in_force_in", NAMES)


@rule("treaty.signatory", stage="facts", produces=TreatyAction, after=_SIGNATORY_AFTER)
def signatories(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[TreatyAction, ...]:
    """'The Principality of Monaco was one of the first signatories of the Statute', 'we are signatories to the
    Paris Agreement': a state that is a signatory has signed.  The subject is the state named right before the
    copula, or the speaker's state for 'we' and 'my country' in a statement; 'States that are signatories' is
    no state, and a wish or a negation ('should be', 'is not yet') states nothing."""
    doc = recall_doc(doc, inputs)
    out: list[TreatyAction] = []
    have = {(f.state, f.instrument) for f in prior(inputs, _SIGNATORY_AFTER) if isinstance(f, TreatyAction)}
    text = doc.text
    for m in cue(doc, _SIGNATORY).finditer(text):
        s = doc.sentence_of(m.start())
        state, lo = _copula_subject(doc, s.start, m.start())
        if state is None or UNREAL.search(text[lo:m.start()]) or UNREAL.search(m.group()):
            continue
        for ref in _instrument_run(doc, m.end(), s.end):
            if (state, ref.key) in have or not treaty_like(doc, ref) or cut_name(doc, ref):
                continue
            have.add((state, ref.key))
            out.append(TreatyAction(state, ref.key, "signature", None, doc.evidence(lo, ref.end),
                                    "treaty.signatory"))
    return tuple(out)


def _copula_subject(doc: Doc, s_start: int, pos: int) -> tuple[str | None, int]:
    """The state that is the subject of the copula at `pos`, and where its name starts."""
    gap = cue(doc, _SUBJECT_GAP + r"$", 0)
    states = [r for r in doc.refs_between(s_start, pos, ("State", "Agency")) if doc.state_of(r)]
    if states and gap.fullmatch(doc.text[states[-1].end:pos]):
        return doc.state_of(states[-1]), states[-1].start
    own = cue(doc, r"\b(?:{own_subjects})" + _SUBJECT_GAP + r"$").search(doc.text, s_start, pos)
    if own and doc.document.author_state and doc.main_state:
        return doc.main_state, own.start()
    return None, pos


def cut_name(doc: Doc, ref: Ref) -> bool:
    """'the Convention on the non-proliferation of chemical weapons': the name recognised stops where the text's
    name goes on in lower case; what it was linked to is a guess."""
    tail = cue(doc, r"\s+(?:on|of|for|against|relating\s+to)\s+(?:the\s+)?[a-z]", 0)
    return tail.match(doc.text, ref.end) is not None


def treaty_like(doc: Doc, ref: Ref) -> bool:
    """A treaty a state can sign or join: of a treaty kind, or a registry instrument of no kind that is never
    signed ('a signatory to the Universal Declaration' signs nothing: a declaration is adopted)."""
    entity = doc.entity(ref.key)
    if (ref.kind or "") in doc.patterns.words["unsigned_kinds"].split("|"):
        return False
    return (ref.kind or "") in doc.lexicon.treaty_kinds or bool(entity and entity.from_registry)
