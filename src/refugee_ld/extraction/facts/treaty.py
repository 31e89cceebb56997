"""Treaty actions: a state accedes to, ratifies, signs or is a party to an instrument.

Rules, in the order they run (`after=` says which results each one reads):
  treaty.actions          "X acceded to the Convention in 1993", "the accession of X to ...", "was ratified by X"
  treaty.bilateral        "Agreement between the Government of X and Y": both are parties by the very title
  treaty.relative         "the Convention, to which X has been a party since 1995" (skips pairs already found)
  treaty.force_for_state  "the Convention entered into force for X on ..."
  treaty.deposited        "Our instrument of accession to X was deposited on ..." (skips pairs already found)
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ...records import TreatyAction
from ...text.dates import DateMention
from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions import Ref
from ..rules import rule
from . import treaty_guards as guard
from .common import (
    DateClaim,
    distinct,
    force_for_state,
    gap_is_list,
    instrument_for,
    is_duration,
    keys,
    names_or_targets,
    nearest,
    of_type,
    outermost,
)
from .recall_common import cue, instrument_at, is_dateline, participle_instrument
from .treaty_cues import deposit_date, done_infinitive, is_party_phrase, possessive_date, possessive_owner

Trigger = tuple[int, int, str, str]  # start, end, words, "verb" | "noun"


def _action_of(doc: Doc, verb: str) -> str:
    low = verb.lower()
    for stem, action in doc.patterns.action_stems.items():  # "deposited its instrument of accession" is an accession
        if re.search(rf"\b{stem}", low):
            return action
    return "party"


def _triggers(doc: Doc, s: Sentence) -> list[Trigger]:
    """The verbs ("acceded to") and nouns ("accession of") of a sentence; a noun inside a verb phrase is no second."""
    sentence = doc.text[s.start:s.end]
    triggers = [(s.start + m.start("verb"), s.start + m.end("verb"), m.group("verb"), "verb")
                for m in doc.patterns.party_verb.finditer(sentence)]
    verb_spans = [(a, b) for a, b, _, _ in triggers]
    triggers += [(s.start + m.start("verb"), s.start + m.end("verb"), m.group("verb"), "noun")
                 for m in doc.patterns.party_noun.finditer(sentence)
                 if not any(a <= s.start + m.start("verb") < b for a, b in verb_spans)]
    return triggers


@rule("treaty.actions", stage="facts", produces=(TreatyAction, DateClaim))
def treaty_actions(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[TreatyAction | DateClaim, ...]:
    """A state's act stated with a verb or a noun of the genre; claims the date it reads."""
    out: list[TreatyAction | DateClaim] = []
    for s in doc.sentences:
        triggers = _triggers(doc, s)
        if not triggers:
            continue
        sentence = doc.text[s.start:s.end]  # a substring, not (pos, endpos): lookbehinds stop at the sentence
        other = [s.start + m.start() for m in doc.patterns.instrument_date_verb.finditer(sentence)]
        for trigger in sorted(triggers):
            out += _action_at(doc, s, trigger, triggers, other)
    return tuple(out)


def _is_treaty(doc: Doc, r: Ref) -> bool:
    entity = doc.entity(r.key)
    return (r.kind or "") in doc.lexicon.treaty_kinds or bool(entity and entity.from_registry)


def _instruments_of(doc: Doc, s: Sentence, t_start: int, t_end: int, clause_end: int, passive: bool
                    ) -> list[Ref] | None:
    """The treaties a trigger speaks of (None: the trigger is too far from them to count)."""
    text = doc.text
    if passive:  # "The Convention was ratified by X": the instrument is the subject
        instruments = outermost([r for r in doc.refs_between(s.start, t_start, ("Instrument",))])
        return [r for r in instruments if _is_treaty(doc, r) and not guard.names_another(doc, r)][-1:]
    # "the Optional Protocol to the CRC": one instrument; "the Protocols additional to X": an act on them, not X
    instruments = [r for r in outermost(doc.refs_between(t_end, clause_end, ("Instrument",))) if _is_treaty(doc, r)
                   and not doc.patterns.part_of.search(text[max(t_end, r.start - 80):r.start])
                   and not guard.no_object(doc, r, t_end)]
    instruments = guard.object_list(doc, instruments)  # "signed A as a sign of our commitment to B": not B
    if instruments:  # "signed X and deposited its instrument of ratification for Y": Y is not signed
        stop = doc.patterns.later_act.search(text[instruments[0].end:clause_end])
        fresh = guard.new_clause(doc, text[instruments[0].end:clause_end])
        stops = [p for p in (stop.start() if stop else None, fresh) if p is not None]
        if stops:
            instruments = [r for r in instruments if r.start < instruments[0].end + min(stops)]
    if instruments and (len(text[t_end:instruments[0].start].split()) > 25 or
                        guard.other_object(doc, text[t_end:instruments[0].start])):
        return None
    return instruments


def _action_at(doc: Doc, s: Sentence, trigger: Trigger, triggers: list[Trigger], other: list[int]
               ) -> list[TreatyAction | DateClaim]:
    """The facts one trigger states, after the checks that it states a done act of a named state."""
    # complexity: one early exit per reading that makes the trigger no statement of a done act (kept in one place)
    text = doc.text
    t_start, t_end, verb, form = trigger
    m_end = doc.patterns.clause_end.search(text, t_end, s.end)
    clause_end = m_end.start() if m_end else s.end
    infinitive = re.search(r"\bto\s+(?P<first>\w+\s+(?:and|or)\s+)?$", text[max(s.start, t_start - 30):t_start])
    to_end = t_start - len(infinitive["first"] or "") if infinitive else t_start
    if infinitive and not done_infinitive(doc, text[max(s.start, t_start - 80):to_end]):
        return []  # "encourages X to accede" ("to sign and ratify"): not (yet) done; "the first State to accede" is
    # "was ratified by X" is passive; "has been a State party to" is not (the copula belongs to the trigger)
    passive = form == "verb" and not is_party_phrase(doc, verb) and \
        bool(doc.patterns.passive.search(text[max(s.start, t_start - 20):t_start]))
    instruments = _instruments_of(doc, s, t_start, t_end, clause_end, passive)
    if not instruments:
        return []
    state, state_span = _party_subject(doc, s, t_start, t_end, verb, form, clause_end)
    if state is None:
        return []
    before = text[max(s.start, min(state_span[0], t_start) - 40 if form == "noun" else state_span[1]):t_start]
    if doc.patterns.not_done.search(before) or re.search(r"\b(?:not|never)\b", text[t_start:t_start + 20], re.I):
        return []
    if form == "verb" and doc.patterns.generic_subject.search(text[state_span[1]:t_start]):
        return []  # "Angola ... we appeal to all States that signed X": the subject is "States", not Angola
    if _wished_or_elsewhere(doc, s, trigger, passive, state_span, instruments):
        return []
    action = _action_of(doc, verb)
    if action == "signature" and doc.patterns.sign_particle.match(text[t_end:t_end + 6]):
        return []
    if cue(doc, r"^(?:{object_only_verbs})$").match(verb) and len(text[t_end:instruments[0].start].split()) > 3:
        return []  # "we join others in calling upon States to ratify X": joining X needs X as its object
    dates = [d for d in doc.free_dates(s.start, s.end)
             if _nearest_trigger(d, [t_start] + other, triggers) == t_start and not names_or_targets(doc, d)
             and not possessive_date(doc, d) and not is_dateline(doc, d)
             and participle_instrument(doc, d) is None  # "..., done at New York on D": the treaty's date
             and ";" not in text[min(d.end, t_start):max(d.start, t_end)]  # another list item's date
             and not guard.foreign_date(doc, d, t_start, t_end, instruments)]
    date = nearest(dates, t_start)
    if date is None and action in ("accession", "ratification"):
        date = deposit_date(doc, s, action)  # "X acceded to Y. The instrument of accession was deposited on D"
    states = _co_subjects(doc, s, state, state_span) if form == "verb" and not passive else [(state, state_span)]
    span_end = max([instruments[-1].end, state_span[1], t_end] + ([date.end] if date else []))
    span_start = min([states[0][1][0], t_start, instruments[0].start] + ([date.start] if date else []))
    evidence = doc.evidence(span_start, span_end)
    out: list[TreatyAction | DateClaim] = [DateClaim(date.start)] if date is not None else []
    dated = guard.conjunct_dates(doc, instruments, date)
    out += [DateClaim(d.start) for d in set(dated.values()) if d is not None and d is not date]
    for state_key, _ in states:
        for ref in distinct(instruments):
            own = dated[ref.start]
            out.append(TreatyAction(state_key, ref.key, action,  # type: ignore[arg-type]
                                    own.value if own else None, evidence, f"treaty.{form}"))
    return out



@rule("treaty.relative", stage="facts", produces=(TreatyAction, DateClaim),
      after=("treaty.actions", "treaty.bilateral"))
def relative_treaty_actions(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[TreatyAction | DateClaim, ...]:
    """'the Ottawa Convention, which Malta ratified earlier this year', 'the Convention, to which my country has been a
    party since 1 June 1995': the instrument comes first and the state acts in a relative clause."""
    out: list[TreatyAction | DateClaim] = []
    text = doc.text
    found = of_type(inputs["treaty.actions"], TreatyAction) + of_type(inputs["treaty.bilateral"], TreatyAction)
    have = {(f.state, f.instrument) for f in found}
    instruments = outermost([r for r in doc.refs if r.type == "Instrument" and r.key])
    for ref in instruments:
        entity = doc.entity(ref.key)
        if not ((ref.kind or "") in doc.lexicon.treaty_kinds or (entity is not None and entity.from_registry)):
            continue
        m = doc.patterns.relative_act.match(text, ref.end, min(len(text), ref.end + 120))
        if m is None:
            continue
        verb = m.group("verb")
        party = "part" in verb
        if bool(m.group("to")) != (party or verb == "acceded"):
            continue  # "to which X acceded / is a party"; "which X ratified"
        subj_start, subj_end = m.start("subj"), m.end("subj")
        state_ref = next((r for r in doc.refs_between(subj_start, subj_end, ("State", "Agency"))
                          if re.fullmatch(r"(?:the\s+)?", text[subj_start:r.start]) and r.end == subj_end), None)
        state = doc.state_of(state_ref) if state_ref is not None else None
        if state is None and doc.document.author_state and doc.patterns.own_subject.fullmatch(m.group("subj")):
            state = doc.main_state
        if state is None or (state, ref.key) in have:
            continue
        s = doc.sentence_of(ref.start)
        clause = re.search(r"[,;.]|\band\b|$", text[m.end():s.end])
        clause_end = m.end() + (clause.start() if clause else 0)
        dates = [d for d in doc.free_dates(m.end(), clause_end) if not names_or_targets(doc, d)]
        date = dates[0] if dates else None
        if date is not None:
            out.append(DateClaim(date.start))
        action = "party" if party else _action_of(doc, verb)
        have.add((state, ref.key))
        out.append(TreatyAction(state, ref.key, action, date.value if date else None,  # type: ignore[arg-type]
                                doc.evidence(ref.start, date.end if date else m.end()), "treaty.relative"))
    return tuple(out)


@rule("treaty.deposited", stage="facts", produces=TreatyAction,
      after=("treaty.actions", "treaty.bilateral", "treaty.relative", "treaty.force_for_state"))
def deposited_instruments(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[TreatyAction, ...]:
    """'Our instrument of accession to the X was deposited on 30 April 1999': the owner's act, in the passive."""
    out: list[TreatyAction] = []
    text = doc.text
    done = {(f.state, f.instrument) for results in inputs.values() for f in of_type(results, TreatyAction)}
    for s in doc.sentences:
        for m in doc.patterns.deposited.finditer(text, s.start, s.end):
            instrument, tail = instrument_at(doc, m.end()), m.end()
            if instrument is not None:
                tail = instrument.end
            elif cue(doc, r"(?:{relative_objects})\b").match(text, m.end()):
                # "the Convention ..., our instrument of accession to which was deposited on 30 April 1999"
                before = outermost(doc.refs_between(max(s.start, m.start() - 300), m.start(), ("Instrument",)))
                instrument = before[-1] if before and before[-1].key else None
                tail = m.end() + len(text[m.end():].split(None, 1)[0])
            verb = doc.patterns.deposit_passive.match(text[tail:s.end]) \
                if instrument else None
            if instrument is None or verb is None or \
                    doc.patterns.not_done.search(text[max(s.start, m.start() - 30):m.start()]):
                continue
            owner = m.group("owner")
            if owner.lower().startswith(("our", "my")):
                state = doc.main_state
            elif owner.lower() == "its":
                prior = [r for r in doc.refs_between(s.start, m.start(), ("State", "Agency")) if doc.state_of(r)]
                state = doc.state_of(prior[-1]) if prior else None
            else:
                named = doc.refs_between(m.start(), m.start() + len(owner), ("State", "Agency"))
                state = doc.state_of(named[0]) if named else None
            if state is None or (state, instrument.key) in done:
                continue
            v_end = tail + verb.end()
            date = next((d for d in doc.free_dates(v_end, s.end) if re.fullmatch(r"\s*(?:on|in)?\s*",
                                                                                  text[v_end:d.start])), None)
            hi = max(v_end, date.end if date else 0)
            out.append(TreatyAction(state, instrument.key, m.group("what").lower(),  # type: ignore[arg-type]
                                    date.value if date else None, doc.evidence(min(m.start(), instrument.start), hi),
                                    "treaty.deposited"))
    return tuple(out)


def _wished_or_elsewhere(doc: Doc, s: Sentence, trigger: Trigger, passive: bool, state_span: tuple[int, int],
                         instruments: list[Ref]) -> bool:
    """No act on the instruments found: the trigger asks for or weighs the act, its object is a relative
    pronoun, its subject an exception or a qualified participle (the readings are in treaty_guards.py)."""
    text = doc.text
    t_start, _, verb, form = trigger
    if form == "verb" and not passive:
        before = text[max(s.start, t_start - 30):t_start]
        before_subject = text[max(s.start, state_span[0] - 30):state_span[0]]
        return guard.attributive(doc, verb, before) or guard.mandative(doc, verb, state_span, before, s.start) or \
            guard.relative_object(doc, before_subject) or guard.excepted(doc, before_subject) or \
            guard.shared_subject_unsure(doc, s.start, t_start)
    if form == "noun":
        owner_start = min(state_span[0], t_start)
        return guard.valued_noun(doc, text[max(s.start, owner_start - 60):owner_start], text[instruments[-1].end:s.end])
    return False


def _nearest_trigger(d: DateMention, own: list[int], triggers: list[Trigger]) -> int:
    positions = sorted(set(own + [t[0] for t in triggers]))
    return min(positions, key=lambda p: (abs(d.start - p), p))


Subject = tuple[str | None, tuple[int, int]]  # the state's key (None: no subject) and the span that names it


def _party_subject(doc: Doc, s: Sentence, t_start: int, t_end: int, verb: str, form: str,
                   clause_end: int) -> Subject:
    """The state that acts: the owner of a noun, the agent of a passive, else the subject before the verb."""
    if form == "noun":
        return _noun_subject(doc, s, t_start, t_end, clause_end)
    return _verb_subject(doc, s, t_start, t_end, clause_end, is_party_phrase(doc, verb))


def _noun_subject(doc: Doc, s: Sentence, t_start: int, t_end: int, clause_end: int) -> Subject:
    """"Kazakhstan's accession to", "accession of/by the Government of X to", "X's ratification of", and
    "its / our accession to": the sentence's one state, or the speaker's."""
    owner = possessive_owner(doc, s, t_start)
    if owner is not None:
        return owner
    after = doc.refs_between(t_end, min(t_end + 60, clause_end), ("State", "Agency"))
    if after and re.match(r"\s*(?:by|of)\s+(?:the\s+)?$", doc.text[t_end:after[0].start]):
        state = doc.state_of(after[0])
        if state:
            return state, after[0].span
    before = [r for r in doc.refs_between(s.start, t_start, ("State", "Agency")) if t_start - r.end <= 4]
    if before and doc.state_of(before[-1]):
        return doc.state_of(before[-1]), before[-1].span
    return None, (0, 0)


def _verb_subject(doc: Doc, s: Sentence, t_start: int, t_end: int, clause_end: int, status: bool = False
                  ) -> Subject:
    text = doc.text
    passive = not status and doc.patterns.passive.search(text[max(s.start, t_start - 20):t_start])
    if passive:
        by = re.match(r"[^.;]*?\bby\s+(?:the\s+)?", text[t_end:clause_end])
        if by:
            cands = doc.refs_between(t_end + by.end(), clause_end, ("State", "Agency"))
            if cands and doc.state_of(cands[0]) and not guard.loose_agent(doc, text[t_end + by.end():cands[0].start]):
                return doc.state_of(cands[0]), cands[0].span
        return None, (0, 0)
    clause_start = s.start
    relative = None
    for m in re.finditer(r"[;:]|,\s*(?:which|who)\b", text[s.start:t_start]):
        clause_start = s.start + m.end()
        relative = m
    subjects = [r for r in doc.refs_between(clause_start, t_start, ("State", "Agency")) if doc.state_of(r)]
    if not subjects and relative is not None and relative.group().lstrip(",; ").startswith(("which", "who")):
        # "Kyrgyzstan, which acceded to ... in 1996, ...": the relative pronoun stands for the state before it
        head = [r for r in doc.refs_between(s.start, s.start + relative.start(), ("State", "Agency"))
                if doc.state_of(r) and re.fullmatch(r"\s*", text[r.end:s.start + relative.start()])]
        if head:
            return doc.state_of(head[-1]), head[-1].span
    if subjects:
        # the subject is the last state before the verb that is not inside a prepositional phrase of another noun
        subj = subjects[-1]
        for cand in reversed(subjects):
            prefix = text[max(clause_start, cand.start - 12):cand.start].lower()
            if not re.search(r"\b(?:with|to|from|of|for|between|among|by)\s+(?:the\s+)?$", prefix) or \
                    prefix.rstrip().endswith("government of the") or prefix.rstrip().endswith("of the"):
                subj = cand
                break
        return doc.state_of(subj), subj.span
    pronoun = None
    for m in doc.patterns.state_pronoun.finditer(text, clause_start, t_start):
        pronoun = m
    if pronoun and doc.main_state:
        return doc.main_state, pronoun.span()
    return None, (0, 0)


def _co_subjects(doc: Doc, s: Sentence, state: str, span: tuple[int, int]) -> list[tuple[str, tuple[int, int]]]:
    """'Kazakhstan, Kyrgyzstan and Tajikistan are parties to ...': every state of a coordinated subject."""
    found = [(state, span)]
    cursor = span[0]
    for ref in reversed(doc.refs_between(s.start, span[0], ("State", "Agency"))):
        if ref.end > cursor or not doc.state_of(ref):
            continue
        if not gap_is_list(doc.text[ref.end:cursor]) or not doc.text[ref.end:cursor].strip():
            break
        found.insert(0, (doc.state_of(ref), ref.span))  # type: ignore[arg-type]
        cursor = ref.start
    seen: set[str] = set()
    return [(k, sp) for k, sp in found if not (k in seen or seen.add(k))]  # type: ignore[func-returns-value]


@rule("treaty.bilateral", stage="facts", produces=TreatyAction)
def bilateral_parties(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[TreatyAction, ...]:
    """'Agreement ... between the Government of X and Y': X is a party by the agreement's very title."""
    out: list[TreatyAction] = []
    seen: set[str] = set()
    for ref in doc.refs:
        entity = doc.entity(ref.key)
        if ref.type != "Instrument" or entity is None or ref.key in seen or " between " not in entity.label:
            continue
        inner = [r for r in doc.refs if ref.start <= r.start and r.end <= ref.end and r is not ref
                 and not guard.bare_body(doc, r)]  # "between the Government and UNITA": whose Government is a guess
        states = keys([r for r in inner if doc.state_of(r)])
        parties = {doc.state_of(r) for r in inner if doc.state_of(r)}
        if not states or len(parties) + len([r for r in inner if r.type == "Agency" and not doc.state_of(r)]) < 2:
            continue  # "Agreement ... between the Government": the name is cut, the other party unknown
        seen.add(ref.key)
        evidence = doc.evidence(ref.start, ref.end)
        for state in sorted(p for p in parties if p):
            out.append(TreatyAction(state, ref.key, "party", None, evidence, "treaty.bilateral_title"))
    return tuple(out)


@rule("treaty.force_for_state", stage="facts", produces=(TreatyAction, DateClaim))
def entry_into_force_for_states(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[TreatyAction | DateClaim, ...]:
    """'The Convention entered into force for X on ...': the state became a party on that date."""
    out: list[TreatyAction | DateClaim] = []
    for s in doc.sentences:
        for m in doc.patterns.instrument_date_verb.finditer(doc.text, s.start, s.end):
            if not m.group("force"):
                continue
            state = force_for_state(doc, m.end())
            instrument = instrument_for(doc, s, m.start(), m.end(), "entered_into_force") if state else None
            if state is None or instrument is None:
                continue
            date = nearest([d for d in doc.free_dates(s.start, s.end) if not is_duration(doc, d)], m.end())
            if date is not None:
                out.append(DateClaim(date.start))
            hi = max(state.end, date.end if date else 0)
            out.append(TreatyAction(doc.state_of(state), instrument.key, "party",  # type: ignore[arg-type]
                                    date.value if date else None, doc.evidence(min(instrument.start, m.start()), hi),
                                    "treaty.force_for_state"))
    return tuple(out)


