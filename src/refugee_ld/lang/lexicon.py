"""Word lists of the extraction rules, read from data/lexicon.json (curated data, not code)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Lexicon:
    event_heads: frozenset[str]
    event_nouns: tuple[str, ...]
    event_anaphors: tuple[str, ...]
    instrument_heads: dict[str, str]
    treaty_kinds: frozenset[str]
    agency_heads: frozenset[str]
    post_heads: tuple[str, ...]
    post_modifiers: tuple[str, ...]
    post_default_organisation: dict[str, str]
    national_posts: frozenset[str]
    honorifics: tuple[str, ...]
    ministry_abbreviations: dict[str, str]
    speech_verbs: tuple[str, ...]
    not_person_words: frozenset[str]
    group_nouns: dict[str, str]
    people_nouns: tuple[str, ...]
    approximators: tuple[str, ...]
    ordinal_words: dict[str, int] = field(default_factory=dict)  # "ninth" -> 9, "fiftieth" -> 50
    ordinal_tens: dict[str, int] = field(default_factory=dict)  # "fifty" of "fifty-ninth"
    population_flow_cues: tuple[str, ...] = ()  # "granted citizenship", "returned": a flow, not a stock
    population_rate_cues: tuple[str, ...] = ()  # "each year": a rate, not a stock
    population_host_verbs: tuple[str, ...] = ()  # "X hosts N refugees": X is where they are
    population_origin_cues: tuple[str, ...] = ()  # "refugees from X": X is where they come from
    event_date_blockers: tuple[str, ...] = ()  # "1998 marks the anniversary of X": the date is not X's
    ambiguous_event_heads: frozenset[str] = frozenset()  # "African National Congress": a head that may name a body
    event_name_cues: frozenset[str] = frozenset()  # words that make such a head an event ("World Congress")
    topic_stop_words: frozenset[str] = frozenset()  # a lower-case event's topic ends before these
    recurring_series: tuple[str, ...] = ()  # names shared by every occurrence: dated only with an ordinal or year
    brand_not_organiser: frozenset[str] = frozenset()  # "United Nations Conference on X": a series, no organiser
    population_mixed_tails: tuple[str, ...] = ()  # "refugees and displaced persons": a mixed group ("other")

    def ordinal_pattern(self) -> str:
        """Regex alternation for an ordinal: '59th', 'ninth', 'fifty-ninth', 'fifty- ninth' (line-broken),
        'forty sixth' (the hyphen left out)."""
        units = "|".join(sorted(self.ordinal_words, key=len, reverse=True))
        tens = "|".join(sorted(self.ordinal_tens, key=len, reverse=True))
        joined = rf"(?:{tens})(?:[-\u2010\u2011]\s?|[ ])(?:{units})"
        return rf"(?<![\w-])(?:{joined}|{units}|\d{{1,3}}(?:st|nd|rd|th))(?![\w-])"

    def ordinal_words_for(self, number: int) -> str:
        """59 -> 'fifty-ninth', 20 -> 'twentieth'; from 100 up digits stay ('100th'), as the genre writes them."""
        by_value = {v: w for w, v in self.ordinal_words.items()}
        tens = {v: w for w, v in self.ordinal_tens.items()}
        if number in by_value and number < 100:
            return by_value[number]
        if 20 < number < 100 and number - number % 10 in tens and number % 10 in by_value:
            return f"{tens[number - number % 10]}-{by_value[number % 10]}"
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"

    def ordinal_value(self, text: str) -> int | None:
        """The number an ordinal stands for ('fifty- ninth', 'fifty ninth' -> 59, '3rd' -> 3); None when it is none."""
        import re

        low = re.sub(r"\s*[-\u2010\u2011]\s*|\s+", "-", text.strip().lower())
        if re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)", low):
            return int(low[:-2])
        head, _, unit = low.rpartition("-")
        if head:
            return self.ordinal_tens[head] + self.ordinal_words[unit] if head in self.ordinal_tens and \
                unit in self.ordinal_words and self.ordinal_words[unit] < 10 else None
        return self.ordinal_words.get(low)


def load_lexicon(data_dir: Path) -> Lexicon:
    """The lexicon of `data_dir`, or the packaged one when a user's --data-dir has none."""
    path = data_dir / "lexicon.json"
    if not path.exists():
        from ..resources import data_dir as packaged_data_dir

        path = packaged_data_dir() / "lexicon.json"
    return _load(str(path.resolve()))


@lru_cache(maxsize=4)
def _load(path: str) -> Lexicon:
    from ..text.loading import InputError

    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        return _lexicon(raw)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = getattr(exc, "strerror", None) or " ".join(str(exc).split())[:200]
        raise InputError(path, f"lexicon is not valid UTF-8 JSON ({reason})") from None
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(path, f"lexicon lacks or mistypes an entry ({exc})") from None


def _lexicon(raw: dict) -> Lexicon:
    return Lexicon(
        event_heads=frozenset(raw["event_heads"]),
        event_nouns=tuple(raw["event_nouns"]),
        event_anaphors=tuple(raw["event_anaphors"]),
        instrument_heads=dict(raw["instrument_heads"]),
        treaty_kinds=frozenset(raw["treaty_kinds"]),
        agency_heads=frozenset(raw["agency_heads"]),
        post_heads=tuple(sorted(raw["post_heads"], key=len, reverse=True)),
        post_modifiers=tuple(sorted(set(raw["post_modifiers"]), key=len, reverse=True)),
        post_default_organisation=dict(raw["post_default_organisation"]),
        national_posts=frozenset(raw["national_posts"]),
        honorifics=tuple(sorted(raw["honorifics"], key=len, reverse=True)),
        ministry_abbreviations=dict(raw["ministry_abbreviations"]),
        speech_verbs=tuple(raw["speech_verbs"]),
        not_person_words=frozenset(raw["not_person_words"]),
        group_nouns=dict(raw["group_nouns"]),
        people_nouns=tuple(raw["people_nouns"]),
        approximators=tuple(sorted(set(raw["approximators"]), key=len, reverse=True)),
        ordinal_words=dict(raw.get("ordinal_words", {})),
        ordinal_tens=dict(raw.get("ordinal_tens", {})),
        population_flow_cues=tuple(raw.get("population_flow_cues", ())),
        population_rate_cues=tuple(raw.get("population_rate_cues", ())),
        population_host_verbs=tuple(sorted(raw.get("population_host_verbs", ()), key=len, reverse=True)),
        population_origin_cues=tuple(raw.get("population_origin_cues", ())),
        population_mixed_tails=tuple(raw.get("population_mixed_tails", ())),
        brand_not_organiser=frozenset(raw.get("brand_not_organiser", ())),
        recurring_series=tuple(raw.get("recurring_series", ())),
        event_date_blockers=tuple(raw.get("event_date_blockers", ())),
        ambiguous_event_heads=frozenset(raw.get("ambiguous_event_heads", ())),
        event_name_cues=frozenset(raw.get("event_name_cues", ())),
        topic_stop_words=frozenset(raw.get("topic_stop_words", ())),
    )
