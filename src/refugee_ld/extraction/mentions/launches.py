"""Launches the text reports with a verb: 'On 13 November, the Response Plan (RMRP) was launched in Bogota',
'UNHCR launched the Global Trends report in Geneva on 15 June'.

A plan, report, strategy or campaign that was launched somewhere or on some day had a launch event: the event
'Launch of <the name as written> (<city>, <Month Year>)', whose date and place the event rules then read from the
same sentence like any other event's.  Only a named instrument in the passive ('X was launched') or right after
the verb ('launched the X') is read, and only when the sentence gives its date: 'the plan was launched (in
Bogota)' alone says which occasion too vaguely to date it (a launch is one day).  A hedged or negated clause
('the plan will be launched', 'has not been launched') names nothing.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ...lang import vocabulary
from .doc import SentenceDoc
from .model import Ref

LAUNCHED_TYPES = ("Instrument",)


def _alt(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    passive: re.Pattern[str]  # after the name: '(RMRP) was officially launched'
    active: re.Pattern[str]  # before the name: 'launched the'


@cache
def _patterns(language: str) -> _Patterns:
    w = vocabulary(language)["mentions"]["described_events"]["phrases"]["launches"]
    verbs, adverbs = _alt(w["verbs"]), _alt(w["adverbs"])
    return _Patterns(
        passive=re.compile(rf"(?:\s*\([^()]{{1,20}}\))?\s+(?:{_alt(w['passive_auxiliaries'])})\s+"
                           rf"(?:(?:{adverbs})\s+)?(?P<verb>{verbs})\b"),
        active=re.compile(rf"\b(?P<verb>{verbs})\s+(?:(?:{adverbs})\s+)?(?:the|its|their|a|an)\s+$"),
    )


def launches(s: SentenceDoc, refs: list[Ref], taken: list[tuple[int, int]],
             where_when: Callable[[int], list[str]], hedged: Callable[[int], bool]) -> list[tuple[int, int, str, str]]:
    """(start, end, label, kind) of each launch the sentence reports (module docstring); the span is the verb."""
    p = _patterns(s.doc.vocab.language)
    text, out = s.doc.text, []
    for ref in sorted((r for r in refs if r.type in LAUNCHED_TYPES and r.key), key=lambda r: r.start):
        m = p.passive.match(text, ref.end, s.sentence.end)
        clause_end = ref.start  # the clause before the subject: the name itself ('Action Plan') hedges nothing
        if m is None:
            m = p.active.search(text, max(s.sentence.start, ref.start - 40), ref.start)
            clause_end = m.start("verb") if m else ref.start
        if m is None or any(a < m.end("verb") and m.start("verb") < b for a, b in taken):
            continue
        if hedged(clause_end):
            continue
        venue = where_when(ref.start)
        if not venue or not re.search(r"\d{4}$", venue[-1]):
            continue  # 'the plan was launched (in Bogota)': without its day no one occasion is said
        name = " ".join(text[ref.start:ref.end].split())
        label = f"Launch of {name} ({', '.join(venue)})"
        out.append((m.start("verb"), m.end("verb"), label, "launch"))
    return out
