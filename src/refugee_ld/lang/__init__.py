"""Per-language vocabulary: the words the rules look for, kept as data (one JSON file per language).

`vocabulary("en")` returns the parsed `lang/en.json`; each extraction area reads its own section ("mentions",
"facts", "dates").  The code that turns word lists into patterns lives beside it (`lang/en.py` for English), so a
new language means a new JSON file and, where its grammar differs, a small module of the same shape.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

DEFAULT_LANGUAGE = "en"


@cache
def vocabulary(language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The vocabulary of `language` (a BCP 47 tag; only its primary subtag is used), English when there is none."""
    primary = (language or DEFAULT_LANGUAGE).split("-")[0].lower()
    package = resources.files(__name__)
    source = package / f"{primary}.json"
    if not source.is_file():
        source = package / f"{DEFAULT_LANGUAGE}.json"
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return data
