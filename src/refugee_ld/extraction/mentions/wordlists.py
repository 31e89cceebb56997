"""Regex building blocks of the mention vocabulary: word lists turned into alternations, and the patterns whose
shape is fixed (a government's name, a resolution's number); `vocab` fills them from the language data."""
from __future__ import annotations

import re
from typing import Any

from ...lang.lexicon import Lexicon
from ...registry import Registry


def words(alternatives: Any, longest_first: bool = False) -> str:
    """An alternation of literal words, in the order given (or longest first)."""
    items = list(alternatives)
    if longest_first:
        items = sorted(items, key=len, reverse=True)
    return "|".join(re.escape(w) for w in items)


def spaced(phrases: Any) -> str:
    """An alternation of phrases whose spaces match any whitespace and whose apostrophes match either form."""
    return "|".join(r"\s+".join(re.escape(part).replace("'", "['\u2019]") for part in w.split()) for w in phrases)


def either_case(alternatives: Any) -> str:
    """An alternation of words whose first letter may be upper or lower case ('[Tt]he')."""
    return "|".join(f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" for w in alternatives)


def spaced_phrase(phrase: str) -> str:
    """A literal phrase whose spaces match any run of whitespace (the text keeps its line breaks)."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


# one resolution of a list: its number and, in brackets, its year ('338 (1973)', '55/96')
RESOLUTION_ITEM = r"(?P<num> \d{1,4} (?:/\d{1,4})? ) (?![\w/]) (?: \s* \( (?P<year> (?:19|20)\d\d ) \) )?"


def government_pattern(data: dict[str, Any], lex: Lexicon, registry: Registry) -> re.Pattern[str]:
    """'Kazakh Government', 'Kazakh MFA', 'Government of (the) Kenya', 'MFA of ...'."""
    adjectives = words(registry.adjectives, longest_first=True)
    abbreviations = words(lex.ministry_abbreviations)
    government = re.escape(data["governments"]["government"])
    return re.compile(rf"""
        \b (?: (?P<adj> {adjectives} )\ (?P<gov1> {government}\b | {government.lower()}\b | (?:{abbreviations})\b )
             | (?P<gov2> {government}\b | (?:{abbreviations})\b ) (?:\ of\ (?:the\ )? (?=[A-Z]) )? )""", re.VERBOSE)
