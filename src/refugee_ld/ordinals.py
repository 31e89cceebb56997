"""Occurrence numbers in event labels: '59th', 'Fifty-ninth' (59, not 9), 'Sixtieth'.

Coreference keeps two numbered occurrences of a recurring event (sessions, summits, review conferences) apart
by these numbers; the spelled ordinals are the lexicon's data.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lang.lexicon import load_lexicon
from .resources import resource_dir
from .text.names import normalise

ORDINAL_TOKEN = re.compile(r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)$")


@lru_cache(maxsize=1)
def _ordinal_words() -> tuple[dict[str, int], dict[str, int]]:
    """The lexicon's spelled ordinals ('ninth', 'sixtieth') and tens ('fifty'): the packaged lexicon's."""
    lexicon = load_lexicon(resource_dir("data"))
    return dict(lexicon.ordinal_words), dict(lexicon.ordinal_tens)


@lru_cache(maxsize=65536)
def ordinal(label: str) -> int | None:
    """The occurrence a label numbers: '59th', 'ninth', 'Fifty-ninth' (59, not 9), 'Sixtieth'; None if none."""
    units, tens = _ordinal_words()
    words = normalise(label).split()
    for i, w in enumerate(words):
        if w in tens and i + 1 < len(words) and units.get(words[i + 1], 10) < 10:
            return tens[w] + units[words[i + 1]]
        if w in units:
            return units[w]
        if ORDINAL_TOKEN.match(w):  # "59th" (the spelled ones are the lexicon's)
            return int(re.sub(r"\D", "", w))
    return None
