"""Instruments an event adopted, and the names of indefinite declarations.

`roles.adopted` reads "The conference adopted a Declaration" / "Participating countries adopted the 'Almaty
Declaration'".  An indefinite declaration gets the name the genre gives it, after the venue ("Almaty
Declaration") or the event; the name is this rule's result (`DeclarationName`), applied to the reference and to
the later "the Declaration"s by the rules that read after it and, at the end, by the mention stage
(`apply_names`), instead of being written into the mention stage's references.  The rule runs before the
other role rules because a sentence's readers see the names given in the sentences before it.

`roles.adopted_at` reads "the Copenhagen Declaration and the Programme of Action adopted at the World Summit".
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ...records import Entity, EventDetails
from ...registry import slugify
from ..doc import Doc
from ..mentions import DocMentions, EntityBook, Ref
from ..rules import rule
from .common import event_before, gap_is_list, of_type, outermost
from .roles import ADOPTED, ADOPTED_AT, SENTENCES, Candidates, DeclarationName, RoleCandidate, named_doc, names_of


@rule("roles.adopted", stage="facts", produces=(RoleCandidate, DeclarationName), after=("events.details",))
def adopted_by_event(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[RoleCandidate | DeclarationName, ...]:
    """An event (or its participants) adopting an instrument named right after the verb."""
    places = {d.event: d.place for d in of_type(inputs["events.details"], EventDetails) if d.place}
    given: dict[int, str] = {}  # names given so far, by index of the reference
    index = {id(r): i for i, r in enumerate(doc.refs)}
    out = Candidates(doc, SENTENCES, ADOPTED)
    names: list[DeclarationName] = []
    text = doc.text
    for k, s in enumerate(doc.sentences):
        out.sentence = k
        for m in doc.patterns.adopted_at.finditer(text[s.start:s.end]):
            t_start, t_end = s.start + m.start(), s.start + m.end()
            if doc.patterns.passive.search(text[max(s.start, t_start - 16):t_start]):
                continue
            instrument = next((r for r in doc.refs if r.type == "Instrument" and t_end <= r.start <= t_end + 12), None)
            if instrument is None:
                continue
            subject_text = text[s.start:t_start]
            event_subject = [r for r in doc.refs_between(s.start, t_start, ("Event",))]
            if event_subject:
                event: Ref | None = event_subject[-1]
            elif doc.patterns.adopters.search(subject_text) and len(subject_text.split()) <= 6:
                event = event_before(doc, t_start, s)
            else:
                continue
            if event is None:
                continue
            key = given.get(index[id(instrument)], instrument.key)
            if not key:
                name = _name_declaration(doc, k, index[id(instrument)], event, places, given)
                names.append(name)
                key = name.entity.key
            out.add(event.key, "event_adopted", key, s.start if not event_subject else event_subject[-1].start,
                    instrument.end, rule="adopted.verb")
    return tuple(out) + tuple(names)


def _name_declaration(doc: Doc, sentence: int, i: int, event: Ref, places: Mapping[str, str],
                      given: dict[int, str]) -> DeclarationName:
    """'The conference adopted a Declaration': name it after the venue, as the genre does ('Almaty Declaration');
    "the Declaration" further on, not yet named, now has an antecedent."""
    ref = doc.refs[i]
    place = places.get(event.key)
    entity = doc.entity(event.key)
    if place:
        place_entity = doc.entity(place)
        label = f"{place_entity.label if place_entity else place} Declaration"
    else:
        label = f"Declaration of the {entity.label if entity else 'event'}"
    key = doc.registry.lookup("Instrument", label) or f"instrument/{slugify(label)}"
    entry = doc.registry.get(key)
    new = entry.entity if entry else Entity(key=key, type="Instrument", label=label, kind="declaration")
    named = [i] + [j for j, later in enumerate(doc.refs) if later.type == "Instrument" and later.kind == "declaration"
                   and not given.get(j, later.key) and later.start > ref.start and j != i]
    given.update({j: key for j in named})
    return DeclarationName(sentence, tuple(named), new, doc.text[ref.start:ref.end])


@rule("roles.adopted_at", stage="facts", produces=RoleCandidate, after=("roles.adopted",))
def adopted_at_event(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[RoleCandidate, ...]:
    """'the Copenhagen Declaration and the Programme of Action adopted at the World Summit': every listed one."""
    doc = named_doc(doc, names_of(inputs))
    out = Candidates(doc, ADOPTED_AT)
    text = doc.text
    for m in doc.patterns.adopted_at_event.finditer(text):
        event = next((r for r in doc.refs if r.type == "Event" and r.key and r.start == m.end()), None)
        if event is None:
            continue
        s = doc.sentence_of(m.start())
        before = [r for r in outermost(doc.refs_between(s.start, m.start(), ("Instrument",)))]
        if not before or not re.fullmatch(r"[\s,]*(?:(?:which|that)\s+)?(?:(?:was|were|had\s+been|has\s+been)\s+)?",
                                          text[before[-1].end:m.start()]):
            continue
        listed = [before[-1]]
        for r in reversed(before[:-1]):  # "the X and the Y adopted at": both
            if gap_is_list(text[r.end:listed[-1].start]) or re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?",
                                                                           text[r.end:listed[-1].start]):
                listed.append(r)
            else:
                break
        for r in listed:
            out.add(event.key, "event_adopted", r.key, r.start, event.end, rule="adopted.passive_at")
    return tuple(out)


def apply_names(mentions: DocMentions, names: Sequence[DeclarationName]) -> DocMentions:
    """The mention stage's results with the declaration names given: renamed copies of the references, and a copy
    of the entity book that knows the named declarations and the words that named them."""
    if not names:
        return mentions
    keys = {i: n.entity.key for n in names for i in n.refs}
    refs = [replace(r, key=keys[i]) if i in keys else r for i, r in enumerate(mentions.refs)]
    old = mentions.book
    book = EntityBook(dict(old.entities), {k: list(v) for k, v in old.surfaces.items()},
                      {k: set(v) for k, v in old.anaphors.items()}, dict(old.owners), set(old.current))
    for n in names:
        book.add(n.entity, n.surface)
    return DocMentions(refs, book, mentions.main_state)
