"""Organisers of events: the body whose session it is, names inside the event's name, and the organising verbs.

Each rule returns `RoleCandidate`s that `roles` merges (see `roles` for the reading order the candidates keep).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from ...lang import vocabulary
from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions import Ref
from ..rules import rule
from .common import event_after, event_before, gap_is_list, ref_list
from .event_guards import institution, proposed, without_identity
from .recall_common import cue
from .role_lists import funded
from .roles import (
    ACTIVE,
    BY,
    COOPERATION,
    COSPONSORS,
    IN_NAME,
    SESSION_OF,
    SUPPORT,
    Candidates,
    RoleCandidate,
    sentence_rule,
    subjects_before,
)


@rule("organiser.session_of", stage="facts", produces=RoleCandidate)
def session_owners(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[RoleCandidate, ...]:
    """The body whose numbered session it is: "the General Assembly at its fifty-fourth session"."""
    out = Candidates(doc, SESSION_OF)
    for ref in doc.refs:
        owner = doc.book.owners.get(ref.key) if ref.type == "Event" and ref.via == "pattern" else None
        if owner:
            out.add(ref.key, "organised_by", owner, ref.start, ref.end, rule="organiser.session_of")
    return tuple(out)


@rule("organiser.in_name", stage="facts", produces=RoleCandidate)
def organisers_in_name(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[RoleCandidate, ...]:
    """Organisers named inside the event's own name: "OSCE Summit", "100th session of the IOM Council"."""
    out = Candidates(doc, IN_NAME)
    text = doc.text
    for ref in doc.refs:
        if ref.type != "Event" or not ref.key or ref.via != "pattern" and ref.via != "name":
            continue
        event = doc.entity(ref.key)
        if proposed(doc, ref) or institution(doc, ref) or \
                without_identity(event.label if event is not None else "", doc.document.language):
            continue  # a summit someone calls for has no organiser yet; a body with an event's name is no event;
            # 'Ministerial Conference' cut from 'WTO Ministerial Conference' names no one event to organise
        inner = [r for r in doc.refs_between(ref.start, ref.end, ("Agency", "State")) if r is not ref]
        prefix_start = ref.start
        joint = re.search(r"\bjoint\s+$", text[max(0, ref.start - 40):ref.start])
        if joint or re.search(r"(?:[A-Z]{2,}|and)\s+$", text[max(0, ref.start - 30):ref.start]):
            run = [r for r in doc.refs_between(max(0, ref.start - 60), ref.start, ("Agency", "State"))]
            run = [r for r in run if not any(o is not r and o.start <= r.start and r.end <= o.end
                                             for o in doc.refs_between(max(0, ref.start - 60), ref.start))]
            run = [r for r in run if gap_is_list(text[r.end:ref.start]) or
                   re.fullmatch(r"[\s,]*(?:and\s+[A-Z]+\s*)?", text[r.end:ref.start])]
            inner = run + inner
            prefix_start = min([prefix_start] + [r.start for r in run])
        for r in inner:
            if _organises(doc, ref, r):
                out.add(ref.key, "organised_by", r.key, prefix_start, ref.end, rule="organiser.in_name")
    return tuple(out)


def _organises(doc: Doc, ref: Ref, r: Ref) -> bool:
    """Whether a name inside (or just before) an event's name is its organiser, not its topic, venue or series."""
    text = doc.text
    before = text[max(ref.start, r.start - 4):r.start]
    if re.search(r"\bin\s+(?:the\s+)?$", before) or \
            re.search(r"\bin\s+(?:the\s+)?$", text[max(0, r.start - 8):r.start]):
        return False  # "Roundtable on X in Kazakhstan": topic or venue, not organiser
    if r.type == "State" and doc.entity(ref.key) and " of " not in text[ref.start:r.start] and r.start >= ref.start:
        return False  # "Sudan Partnership Conference", "Paris Conference": topic or venue, not the host
    if ref.start <= r.start and any(i.type == "Instrument" and i.start <= r.start and r.end <= i.end
                                    for i in doc.refs_between(ref.start, ref.end, ("Instrument",))):
        return False  # "Conference of the Parties to the United Nations Framework Convention ...": a treaty's name
    if ref.start < r.start and re.search(r"\b(?:on|for|against|about|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
                                         text[ref.start:r.start]):
        return False  # "Summit on United Nations Reform": the topic
    if ref.start < r.start and ref.kind and text[ref.start:ref.start + 1].islower() and re.search(
            r"\b(?:on|for|against|about|to)\b", text[ref.start:r.start]):
        return False  # 'international conference for the economic recovery and development of Mali': a described
        # event's topic, however far into it the name stands
    if re.search(r"\b[Hh]eads?\s+of\s+State\s+(?:and|or)\s+$", text[max(0, r.start - 30):r.start]):
        return False  # "summit of heads of State or Government of ...": who attends, not a body that convenes
    if ref.start < r.start and re.search(r"\b(?:between|among|with)\b", text[ref.start:r.start]):
        return False  # "Consultation between the Government of Rwanda and UNHCR": the parties, who take part
    if r.type == "State" and cue(doc, r"\s+(?:{series_nouns})\b", 0).match(text, r.end):
        return False  # "the Marrakesh Meeting of the Uruguay Round": a negotiation named after a place
    entity = doc.entity(r.key)
    if entity is not None and entity.label in doc.lexicon.brand_not_organiser and r.start >= ref.start:
        return False  # "United Nations Conference on Trade and Development": the series' name, not who convened it
    return True


@sentence_rule("organiser.by", BY)
def organised_by(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"organised by A and B", "hosted by A", "co-sponsored by A" (a cosponsor)."""
    for m in doc.patterns.organised_by.finditer(doc.text[s.start:s.end]):
        t_end = s.start + m.end()
        event = event_before(doc, s.start + m.start(), s)
        if event is None:
            continue
        found = ref_list(doc, t_end, s.end, ("Agency", "State"))
        if found and re.search(r"\bwith\b|\b(?:support|funding|financing|assistance)\b", doc.text[t_end:found[0].start],
                               re.I):
            continue  # "convened by the Secretary-General with the financial support of Norway": a funder
        for r in found + _partners_after(doc, found, s):
            out.add(event.key, "organised_by", r.key, event.start if event.start >= s.start else s.start + m.start(),
                    r.end, "cosponsor" if m.group("co") else None, rule="organiser.by")


_WITH_PARTNER = re.compile(r"\s*,?\s+with\s+(?:the\s+)?$|\s*,?\s+in\s+(?:close\s+)?"
                           r"(?:cooperation|collaboration|partnership|coordination|association)\s+with\s+(?:the\s+)?$")


def _partners_after(doc: Doc, found: list[Ref], s: Sentence) -> list[Ref]:
    """'co-organised by UNHCR with the Council of Europe', 'hosted by A in partnership with B': the partner after
    the organisers organises too; 'with the (financial) support of B' is a funder's phrase and adds nobody."""
    if not found:
        return []
    nxt = next((r for r in doc.refs_between(found[-1].end, s.end, ("Agency", "State")) if r.start > found[-1].end),
               None)
    if nxt is None or _WITH_PARTNER.fullmatch(doc.text, found[-1].end, nxt.start) is None or funded(doc, nxt):
        return []
    return ref_list(doc, nxt.start, s.end, ("Agency", "State"))


_FRONTED = re.compile(r"\s*(?:With|Under|Thanks\s+to)\b")


@sentence_rule("organiser.support", SUPPORT)
def supported_by(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"with the financial support of A": a supporting organiser."""
    for m in doc.patterns.support.finditer(doc.text[s.start:s.end]):
        # 'With the support of IOM and the EU, a workshop was held ...', 'With the participation of A, with the
        # support of B, a workshop was held': in an adjunct that opens the sentence, the phrase qualifies the event
        # the main clause names after it; elsewhere the event named before it
        fronted = _FRONTED.match(doc.text, s.start, s.start + m.end()) is not None and not doc.refs_between(
            s.start, s.start + m.start(), ("Event",))
        event = event_after(doc, s.start + m.end(), s.end) if fronted else event_before(doc, s.start + m.start(), s)
        if event is None:
            continue
        for r in ref_list(doc, s.start + m.end(), s.end, ("Agency", "State")):
            out.add(event.key, "organised_by", r.key, s.start + m.start(), r.end, "support", rule="organiser.support")


@sentence_rule("organiser.cosponsors", COSPONSORS)
def cosponsors(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"the cosponsors of the Conference: A, B" (the anaphor itself may be a reference to the event)."""
    for m in doc.patterns.cosponsors.finditer(doc.text[s.start:s.end]):
        event = event_before(doc, s.start + m.end(), s) or event_before(doc, s.start + m.end(),
                                                                        doc.sentence_of(s.start))
        inner = doc.refs_between(s.start + m.start(), s.start + m.end(), ("Event",))
        if inner:
            event = inner[-1]
        if event is None:
            continue
        for r in ref_list(doc, s.start + m.end(), s.end, ("Agency", "State")):
            out.add(event.key, "organised_by", r.key, s.start + m.start(), r.end, "cosponsor",
                    rule="organiser.cosponsors")


@sentence_rule("organiser.active", ACTIVE)
def active_organisers(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"A and B conducted a roundtable", "The United Nations convened such a meeting"."""
    for m in doc.patterns.active_organise.finditer(doc.text[s.start:s.end]):
        event = event_after(doc, s.start + m.start(), min(s.end, s.start + m.end() + 60))
        if event is None:
            continue
        for r in subjects_before(doc, s, s.start + m.start(), ("Agency", "State")):
            if funded(doc, r):
                continue  # "X, with support from UNDP, convened the Conference": UNDP funds, X convenes
            out.add(event.key, "organised_by", r.key, r.start, event.end, rule="organiser.active")
    _headline_organisers(doc, s, out)


@cache
def _bare_organise(language: str) -> re.Pattern[str]:
    verbs = "|".join(vocabulary(language)["facts"]["roles"]["active_organise_verbs"])
    return re.compile(rf"\b(?:{verbs})\s+$", re.I)


def _headline_organisers(doc: Doc, s: Sentence, out: Candidates) -> None:
    """'UNHCR organizes high-level conference on statelessness in Baku', 'IOM Hosts Regional Workshop on X': a
    headline drops the article, so the event's name follows the organising verb directly."""
    verb = _bare_organise(doc.document.language)
    for event in doc.refs_between(s.start, s.end, ("Event",)):
        m = verb.search(doc.text, max(s.start, event.start - 30), event.start)
        if m is None or not event.key or event.via == "anaphor":
            continue
        for r in subjects_before(doc, s, m.start(), ("Agency", "State")):
            if not funded(doc, r):
                out.add(event.key, "organised_by", r.key, r.start, event.end, rule="organiser.active")


@sentence_rule("organiser.cooperation", COOPERATION)
def in_cooperation(doc: Doc, s: Sentence, out: Candidates) -> None:
    """"UNHCR, in cooperation with the Government, organized ...": both organise."""
    text = doc.text
    sentence = text[s.start:s.end]
    for m in doc.patterns.in_cooperation.finditer(sentence):
        organising = doc.patterns.active_organise.search(sentence) or doc.patterns.organised_by.search(sentence)
        if organising is None:
            continue
        limit = min(s.end, s.start + organising.end() + 60)
        event = event_after(doc, s.start + organising.start(), limit) or \
            event_before(doc, s.start + m.start(), s)
        if event is None:
            continue
        for r in ref_list(doc, s.start + m.end(), s.end, ("Agency", "State")):
            out.add(event.key, "organised_by", r.key, s.start + m.start(), r.end, rule="organiser.cooperation")
        lead = [r for r in doc.refs_between(s.start, s.start + m.start(), ("Agency", "State"))
                if re.fullmatch(r"\s*,?\s*", text[r.end:s.start + m.start()])]
        if lead and doc.patterns.active_organise.search(sentence):
            out.add(event.key, "organised_by", lead[-1].key, lead[-1].start, event.end, rule="organiser.cooperation")
