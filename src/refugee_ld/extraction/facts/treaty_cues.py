"""Readings the treaty rules share: who "its" and "our" are, which infinitives state a done act, and the
deposit sentence that dates an act stated just before it.

Grammar skeletons here, words in the "treaty_cues" section of `lang/<language>.json` (compiled by `cue`).
"""
from __future__ import annotations

import re

from ...text.dates import DateMention
from ...text.sentences import Sentence
from ..doc import Doc
from .recall_common import cue

# "the first (six) countries to", "one of the first to", "the only other country to", "first in Africa to":
# an order word says the act is done, where a bare "to accede" is a wish or a plan ("decided to sign", "the
# only State in the region that refuses to accede" are not done: no clause may stand between)
_DONE_INFINITIVE = r"""
    \b(?:{order_words}|{ordinal_words}|{only_words})
    (?:\s+(?:[\w-]+\s+){{0,3}}?(?:{actor_nouns}))?
    (?:\s+(?:in|of|from|among)\s+(?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?
    \s+to\s+$"""

# "its accession to", "our ratification of", "my country's signature of": the owner of the act's noun
_POSSESSIVE = r"\b(?P<who>{possessive_owners})\s+(?:(?:{possessive_adverbs})\s+)?$"

# "The instrument(s) of accession were deposited (with the Secretary-General) on 23 December"
_DEPOSIT = r"""
    \s*(?:(?:the|its|their|our)\s+)?instruments?\s+of\s+(?P<act>{instrument_acts})\s+
    (?:was|were|has\s+been|have\s+been)\s+(?:duly\s+)?(?:{deposit_passives})\b"""


def done_infinitive(doc: Doc, before: str) -> bool:
    """The words before 'to <verb>' make the act done: 'Panama is the first State to accede'."""
    ordinals = doc.lexicon.ordinal_pattern().replace("{", "{{").replace("}", "}}")  # the lexicon's, as a slot
    return cue(doc, _DONE_INFINITIVE.replace("{ordinal_words}", ordinals)).search(before) is not None


def is_party_phrase(doc: Doc, verb: str) -> bool:
    """'a State party to', 'became a party to': the trigger names the status, not a participle that a
    preceding 'been' would make passive."""
    return cue(doc, r"(?:{party_titles})\s+to$|part(?:y|ies)\s+to$").search(verb) is not None


def possessive_date(doc: Doc, d: DateMention) -> bool:
    """'this year's anniversary', '2011's accessions': a date in the possessive names something else."""
    return cue(doc, r"['\u2019]s\b", 0).match(doc.text, d.end) is not None


def possessive_owner(doc: Doc, s: Sentence, t_start: int) -> tuple[str, tuple[int, int]] | None:
    """The state of 'its accession', 'our ratification': for 'its', the one state the sentence names before
    (several: whose is unsure, none); for 'our', 'my country's', the speaker's state in a statement."""
    m = cue(doc, _POSSESSIVE).search(doc.text, max(s.start, t_start - 40), t_start)
    if m is None:
        return None
    who = m.group("who").lower()
    if who == "its":
        states = [r for r in doc.refs_between(s.start, m.start(), ("State", "Agency")) if doc.state_of(r)]
        owners = {doc.state_of(r) for r in states}
        if len(owners) != 1:
            return None
        return doc.state_of(states[-1]), states[-1].span  # type: ignore[return-value]
    if doc.document.author_state and doc.main_state:
        return doc.main_state, m.span("who")
    return None


def deposit_date(doc: Doc, s: Sentence, action: str) -> DateMention | None:
    """'Georgia acceded to the Convention. The instruments of accession were deposited in New York on
    23 December': the next sentence dates the act when it deposits the same act without naming another
    instrument or state."""
    following = [t for t in doc.sentences if t.start >= s.end]
    if not following:
        return None
    nxt = following[0]
    m = cue(doc, _DEPOSIT).match(doc.text, nxt.start, nxt.end)
    if m is None or m.group("act").lower() != action:
        return None
    if doc.refs_between(m.end(), nxt.end, ("Instrument", "State")):
        return None  # another instrument or state: the deposit may be another act
    dates = [d for d in doc.free_dates(m.end(), nxt.end) if d.kind != "now" and
             re.search(r"\b(?:on|in)\s+$", doc.text[max(m.end(), d.start - 4):d.start])]
    return dates[0] if dates else None
