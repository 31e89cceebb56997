"""Anaphora: 'the Conference', 'this Convention', 'the Organization' refer to the last entity of their kind
named before them; 'a declaration' marks an unnamed instrument."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...text.intervals import Spans
from ..rules import rule
from .doc import STAGE, MentionDoc
from .model import Ref, text_order
from .persons import named_so_far

# 'that event', 'the forum' name whatever event the text just spoke of: an event named further back than this
# (characters) is a guess, often the session a statement is given at while the text speaks of an unnamed meeting
GENERIC_EVENT_REACH = 400
# 'the conference' several pages after the last conference named is most often another one (a statement thanks
# 'the Italian Government for hosting the conference' at which a statute was adopted, long after naming another)
EVENT_REACH = 2000
BODY_REACH = 2000
NATIONAL_GOVERNMENT = "national_body"  # the kind governments.py gives a state's government


@rule("mentions.anaphora", stage=STAGE, produces=Ref,
      after=("mentions.registry", "mentions.phrases", "mentions.persons", "mentions.surnames"))
def anaphora(doc: MentionDoc, inputs: Mapping[str, tuple[Any, ...]]) -> tuple[Ref, ...]:
    """Refs for definite noun phrases outside every name, keyed by their antecedent (the detector records the
    anaphor's words in the book)."""
    v = doc.vocab
    refs = sorted(named_so_far(inputs) + list(inputs["mentions.persons"]) + list(inputs["mentions.surnames"]),
                  key=lambda r: r.start)
    names = Spans(r.span for r in refs)
    out = list(refs)
    for m in v.anaphor.finditer(doc.text):
        start, end = m.start("noun"), m.end("noun")
        if names.contains(start):
            continue
        if m.group("noun")[:1].islower() and v.anaphor_descriptive.match(doc.text, end):
            continue  # "the law of armed conflict", "the organization of elections": a description
        noun = m.group("noun").lower()
        det = m.group("det").lower()
        if det in v.indefinite_determiners:
            if noun in v.indefinite_instruments:
                out.append(Ref(start, end, "", "Instrument", v.indefinite_instruments[noun], "indefinite"))
            continue
        earlier = text_order([r for r in out if r.end <= start and r.key])
        if noun in v.organisation_anaphors:
            target = organisation_antecedent(doc, noun, earlier, start)
        else:
            target = antecedent(doc, noun, earlier) if _wanted(doc, noun) else \
                body_antecedent(doc, noun, earlier, start)
        if target is None or target.type == "Event" and start - target.end > (
                GENERIC_EVENT_REACH if noun in v.any_event_anaphors else EVENT_REACH):
            continue
        out.append(Ref(start, end, target.key, target.type, target.kind, "anaphor"))
    return tuple(out[len(refs):])


def body_antecedent(doc: MentionDoc, noun: str, earlier: list[Ref], start: int) -> Ref | None:
    """'the Ministry', 'the Agency' (an anaphoric noun no kind is declared for): the last body named (in the last
    BODY_REACH characters) whose name or label has that word; never a body called 'Ministry' of its own."""
    for ref in reversed(earlier):
        if start - ref.end > BODY_REACH:
            return None
        if ref.type != "Agency":
            continue
        entity = doc.book.entities.get(ref.key)
        names = doc.text[ref.start:ref.end] + " " + (entity.label if entity else "")
        if re.search(rf"\b{re.escape(noun)}\b", names, re.I):
            return ref
    return None


def organisation_antecedent(doc: MentionDoc, noun: str, earlier: list[Ref], start: int) -> Ref | None:
    """'the Organization': in a state's statement the United Nations it is addressed to, unless a body named so
    came later than the last United Nations name ('the World Health Organization ... the Organization');
    elsewhere the last body named so (in the last BODY_REACH characters), else the last international body
    named (never a state's government; a part stands for its whole: the General Assembly's is the UN)."""
    named = body_antecedent(doc, noun, earlier, start)
    un = doc.registry.lookup("Agency", doc.vocab.statement_organisation)
    if doc.statement and un is not None:
        last_un = next((r for r in reversed(earlier) if r.key == un or _part_of(doc, r.key) == un), None)
        if named is not None and (last_un is None or named.start > last_un.start):
            return named  # "the World Health Organization ... the Organization", no United Nations between
        entity = doc.registry.entries[un].entity
        doc.book.add(entity)
        return Ref(start, start, un, "Agency", entity.kind, "anaphor")
    if named is not None:
        return named
    target = antecedent(doc, noun, earlier)
    if target is None or target.key not in doc.registry.entries:
        return target
    whole = _part_of(doc, target.key)
    if whole is None:
        return target
    entity = doc.registry.entries[whole].entity
    doc.book.add(entity)
    return Ref(target.start, target.end, whole, "Agency", entity.kind, "anaphor")


def _part_of(doc: MentionDoc, key: str) -> str | None:
    """The registry key of the organisation a registry body is part of (the General Assembly's: the UN)."""
    entry = doc.registry.entries.get(key)
    return doc.registry.lookup("Agency", entry.data.get("part_of") or "") if entry else None


def _wanted(doc: MentionDoc, noun: str) -> tuple[str, frozenset[str] | None, str | None] | None:
    """The type and kinds (None: any) an anaphoric noun refers to, and a kind to prefer whatever comes later."""
    v = doc.vocab
    if noun in v.event_anaphor_nouns:
        return "Event", None if noun in v.any_event_anaphors else frozenset({noun}), None
    if noun in v.organisation_anaphors:
        return "Agency", None, None
    if noun in v.office_anaphors:
        return "Agency", v.office_kinds, "office"  # "the Office": the last office named, else a UN agency
    if noun in v.instrument_anaphors:
        kinds = v.instrument_anaphors[noun]
        return "Instrument", frozenset(doc.lexicon.treaty_kinds) if kinds is None else kinds, None
    return None


def antecedent(doc: MentionDoc, noun: str, earlier: list[Ref]) -> Ref | None:
    """The last earlier ref of the type and kind `noun` stands for."""
    wanted = _wanted(doc, noun)
    if wanted is None:
        return None
    type_, kinds, preferred = wanted
    if preferred is not None:
        chosen = [r for r in earlier if r.type == type_ and r.kind == preferred]
        if chosen:
            return chosen[-1]
    for ref in reversed(earlier):
        if ref.type != type_ or noun in doc.vocab.organisation_anaphors and ref.kind == NATIONAL_GOVERNMENT:
            continue  # "the Organization" is never a state's government
        if kinds is None or ref.kind in kinds or (type_ == "Event" and kinds and ref.kind and
                                                  any(k in ref.kind for k in kinds)):
            return ref
    return None
