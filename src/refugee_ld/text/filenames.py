"""Metadata a corpus encodes in its file names (data/file-names.json), for corpora shipped without sidecars.

The UN General Debate corpus names each speech `<ISO3>_<session>_<year>.txt`: the speaker's state is who "we"
are in the speech and the year dates "this session".  Without it a speech falls back to the most-mentioned
state and to the first date in its text, both often wrong.  A convention applies only when the whole name
matches and its consistency checks hold (the session number agrees with the year), so an unrelated file that
happens to look similar is left alone; sidecars and the --metadata table override what a name gives.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

_TERM = re.compile(r"^(?P<group>[a-z_]+)(?:(?P<sign>[+-])(?P<number>[0-9]+))?$")


@dataclass(frozen=True)
class NameConvention:
    corpus: str
    pattern: re.Pattern[str]
    equal: tuple[tuple[str, str], ...]
    fields: tuple[tuple[str, str], ...]

    def metadata(self, name: str) -> dict[str, str]:
        """The fields this convention gives a file name, or {} when the name is not one of the corpus's."""
        match = self.pattern.fullmatch(name)
        if match is None:
            return {}
        groups = match.groupdict()
        if any(_value(left, groups) != _value(right, groups) for left, right in self.equal):
            return {}
        return {field: template.format(**groups) for field, template in self.fields}


def _value(term: str, groups: dict[str, str]) -> int | None:
    found = _TERM.match(term)
    if found is None or not (groups.get(found["group"]) or "").isdigit():
        return None
    value = int(groups[found["group"]])
    if found["number"]:
        value += int(found["number"]) * (1 if found["sign"] == "+" else -1)
    return value


def parse_conventions(data: object, where: str) -> tuple[NameConvention, ...]:
    """Conventions from the parsed JSON; ValueError naming `where` for a malformed entry (curated data)."""
    if not isinstance(data, dict) or not isinstance(data.get("conventions"), list):
        raise ValueError(f"{where}: expected an object with a 'conventions' list")
    out = []
    for i, entry in enumerate(data["conventions"]):
        try:
            pattern = re.compile(entry["pattern"])
            equal = tuple((str(a), str(b)) for a, b in entry.get("equal", []))
            fields = tuple((str(k), str(v)) for k, v in entry["fields"].items())
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise ValueError(f"{where}: convention {i}: {exc}") from None
        for left, right in equal:
            for term in (left, right):
                found = _TERM.match(term)
                if found is None or found["group"] not in pattern.groupindex:
                    raise ValueError(f"{where}: convention {i}: '{term}' names no group of the pattern")
        out.append(NameConvention(str(entry.get("corpus", "")), pattern, equal, fields))
    return tuple(out)


@functools.cache
def load_conventions(path: Path) -> tuple[NameConvention, ...]:
    if not path.is_file():
        return ()
    return parse_conventions(json.loads(path.read_text(encoding="utf-8")), str(path))


def default_conventions() -> tuple[NameConvention, ...]:
    from ..resources import resource_dir

    return load_conventions(resource_dir("data") / "file-names.json")


def name_metadata(name: str, conventions: tuple[NameConvention, ...] | None = None) -> dict[str, str]:
    """Metadata the first matching convention reads from a file name (empty when none matches)."""
    for convention in default_conventions() if conventions is None else conventions:
        fields = convention.metadata(name)
        if fields:
            return fields
    return {}
