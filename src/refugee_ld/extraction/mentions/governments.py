"""National governments and ministries named by a state adjective or abbreviation: 'the Kazakh Government',
'the Government of Kenya', 'Kazakh MFA', and a bare 'the Government' of the document's own state."""
from __future__ import annotations

import re
from collections.abc import Mapping

from ...text.names import slugify
from ..rules import rule
from .doc import SENTENCE_STAGE, SentenceDoc, claimed, name_entity, state_entity
from .model import Found, Ref


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
    if word == v.government_word and v.capital_initial.match(text[end + 1: end + 2] or "x") is None and \
            not v.name_before.search(text[max(s.sentence.start, start - 20):start]):
        return s.main_state, end  # "the Government" of the document's own state
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
        word = m.group("gov1") or m.group("gov2")
        unit = doc.lexicon.ministry_abbreviations.get(word, doc.vocab.government_unit)
        entity = name_entity(doc, "Agency", f"{unit} of {state.label}", text[start:end], "national_body",
                             f"agency/{slugify(state.label)}-{slugify(unit)}")
        out.append(Found(Ref(start, end, entity.key, "Agency", "national_body", "pattern")))
        taken.append((start, end))
    return tuple(out)
