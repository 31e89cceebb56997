"""National governments and ministries named by a state adjective or abbreviation: 'the Kazakh Government',
'the Government of Kenya', 'Kazakh MFA'; a bare 'the Government' refers to the document's own state.

A bare 'the Government' or 'my Government' names no body: it is a generic reference to the state that acts
(a statement's 'my Government has signed' is the speaker's state signing), so it becomes a ref to that state
and mints no 'Government of X' that the text never named."""
from __future__ import annotations

import re
from collections.abc import Mapping

from ...text.names import slugify
from ..rules import rule
from .doc import SENTENCE_STAGE, MentionDoc, SentenceDoc, claimed, name_entity, state_entity
from .model import Found, Ref


def bare_reading(doc: MentionDoc, start: int, end: int) -> str | None:
    """How a bare 'Government' (no state named in the phrase) at [start, end) refers.

    "state": after a determiner ('the', 'my', 'our'), the state that acts; "body": the institution itself, at the
    end of a phrase (before punctuation, a clause word or a list's 'and': 'representatives of Government, civil
    society and UN'); None: an attribute or an indefinite ('Government buildings', 'formed a Government')."""
    v = doc.vocab
    before = doc.text[max(0, start - 40):start].split()
    while len(before) > 1 and before[-1] in v.government_adjectives:  # lower case: 'Transitional' names one
        before = before[:-1]  # "the new Government", "a transitional Government": the determiner decides
    if before and before[-1].lower() in v.government_determiners:
        return "state"
    if before and before[-1].lower() in v.government_indefinites:
        return None
    after = doc.text[end:end + 12].split()
    if not after or not after[0][:1].isalpha() or after[0].lower() in v.government_coordinators or \
            after[0] in v.clause_words:  # "the Office on communications with Government is located in Astana"
        return "body"
    return None


def _government_state(s: SentenceDoc, m: re.Match[str], start: int, end: int) -> tuple[str | None, int] | None:
    """Whose government it is (and where the phrase ends), or None when the phrase names none."""
    doc, v = s.doc, s.doc.vocab
    text = doc.text
    word = m.group("gov1") or m.group("gov2")
    if m.group("adj"):
        return doc.registry.adjectives[m.group("adj")], end
    if text[start + len(word): start + len(word) + len(v.of_link)] == v.of_link:
        state_ref = next((r for r in s.refs if end <= r.start <= end + 2 and r.type == "State"), None)
        if state_ref is None:
            return None  # "Government of Canada" without a registry state, or a longer name: leave to chunks
        return state_ref.key, state_ref.end
    if word == v.government_word and v.capital_initial.match(text[end + 1: end + 2] or "x") is None:
        owner = next((r for r in s.refs if r.type == "State" and end < r.start <= end + 60 and
                      v.government_people_of.match(text, end, r.start)), None)
        if owner is not None:  # "the Government and people of Kenya": Kenya, referred to
            return owner.key, -1
        reading = bare_reading(doc, start, end)
        if reading == "state":  # "the Government", "Our Government": the state itself (end < 0)
            return s.main_state, -1
        if reading == "body" and not v.name_before.search(text[max(s.sentence.start, start - 20):start]):
            return s.main_state, end
    return None


@rule("mentions.governments", stage=SENTENCE_STAGE, produces=Found,
      after=("mentions.laws", "mentions.resolutions", "mentions.ordinal_sessions", "mentions.current_sessions"))
def governments(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """'Kazakh Government', 'Government of Kenya', 'Kazakh MFA': a national body keyed by its state."""
    doc, base = s.doc, s.sentence.start
    text = doc.text
    taken = claimed(s, inputs)
    out: list[Found] = []
    for m in doc.vocab.government.finditer(s.body):
        start, end = base + m.start(), base + m.end()
        if any(a < end and start < b for a, b in taken):
            continue
        whose = _government_state(s, m, start, end)
        if whose is None:
            continue
        state_key, end = whose
        state = state_entity(doc, state_key)
        if state is None:
            continue
        if end < 0:  # a generic reference to the state, not a name of its government
            out.append(Found(Ref(start, base + m.end(), state.key, "State", state.kind, "anaphor")))
            taken.append((start, base + m.end()))
            continue
        word = m.group("gov1") or m.group("gov2")
        unit = doc.lexicon.ministry_abbreviations.get(word, doc.vocab.government_unit)
        entity = name_entity(doc, "Agency", f"{unit} of {state.label}", text[start:end], "national_body",
                             f"agency/{slugify(state.label)}-{slugify(unit)}")
        out.append(Found(Ref(start, end, entity.key, "Agency", "national_body", "pattern")))
        taken.append((start, end))
    return tuple(out + _described_ministries(s, taken))


def _described_ministries(s: SentenceDoc, taken: list[tuple[int, int]]) -> list[Found]:
    """'the foreign ministry', 'Bangladesh's foreign ministry', 'the Kyrgyz interior ministry': a ministry
    described by its field is the named ministry of the state before or after it (a name or adjective), else of
    the document's own state (its author's, or the one it names most by far); keyed like 'Ministry of Foreign
    Affairs of X' so both are one body."""
    doc, v = s.doc, s.doc.vocab
    out: list[Found] = []
    for m in v.described_ministry.finditer(doc.text, s.sentence.start, s.sentence.end):
        start, end = m.start(), m.end()
        if any(a < end and start < b for a, b in taken):
            continue
        owner = next((r for r in s.refs if r.type == "State" and (0 <= m.start() - r.end <= 3 or (
            v.of_link == doc.text[end:end + len(v.of_link)] and 0 <= r.start - end - len(v.of_link) <= 4))), None)
        if owner is None and v.of_link == doc.text[end:end + len(v.of_link)]:
            continue  # "the foreign ministry of <someone no registry knows>"
        state_key = doc.registry.adjectives.get(m.group("adj") or "") or (owner.key if owner else s.own_state)
        state = state_entity(doc, state_key)
        if state is None:
            continue
        unit = v.described_ministries[" ".join(m.group("field").lower().split())]
        if owner is not None and owner.start > end:
            end = owner.end  # "the foreign ministry of Bangladesh": the whole name
        entity = name_entity(doc, "Agency", f"{unit} of {state.label}", doc.text[m.start("field"):end], "ministry",
                             f"agency/{slugify(state.label)}-{slugify(unit)}")
        out.append(Found(Ref(m.start("field"), end, entity.key, "Agency", entity.kind, "pattern")))
        taken.append((start, end))
    return out
