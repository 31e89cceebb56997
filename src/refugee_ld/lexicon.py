"""Word lists of the extraction rules, read from data/lexicon.json (curated data, not code)."""
from __future__ import annotations

import json
from dataclasses import dataclass
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


def load_lexicon(data_dir: Path) -> Lexicon:
    """The lexicon of `data_dir`, or the packaged one when a user's --data-dir has none."""
    path = data_dir / "lexicon.json"
    if not path.exists():
        from .resources import data_dir as packaged_data_dir

        path = packaged_data_dir() / "lexicon.json"
    return _load(str(path.resolve()))


@lru_cache(maxsize=4)
def _load(path: str) -> Lexicon:
    from .loading import InputError

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
    )
