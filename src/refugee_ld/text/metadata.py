"""The metadata schema: one check per field for sidecars (`<name>.meta.json`) and the metadata CSV.

Strings only, a size limit per field, real calendar dates, RFC 3987 IRIs for `source`, BCP 47 language tags.
A violation names the file and the field (InputError, exit 2); with `lenient` it is a warning and the field
is dropped.  loading.py reads the files and applies this schema.
"""
from __future__ import annotations

import calendar
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..errors import InputError

Warn = Callable[[str], None]


def warn_stderr(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)



@dataclass(frozen=True)
class Field:
    """One metadata field: its maximum length in characters and the check its value must pass."""

    max_chars: int
    check: Callable[[str], str | None]  # returns the reason the value is invalid, or None
    kind: str  # for the README / error messages


def text_problem(value: str) -> str | None:
    bad = next((c for c in value if unicodedata.category(c) in ("Cc", "Cs", "Cn") and c not in "\t"), None)
    if bad is not None:
        return f"contains the control or unassigned character U+{ord(bad):04X}"
    return None


_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _date_ok(value: str) -> str | None:
    m = _DATE.fullmatch(value)
    if not m:
        return f"'{value}' is not YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(g) if g else None for g in m.groups())
    if year < 1:  # type: ignore[operator]
        return f"'{value}' has year 0000 (years start at 0001)"
    if month is not None and not 1 <= month <= 12:
        return f"'{value}' has no month {month:02d}"
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:  # type: ignore[arg-type]
        return f"'{value}' is not a real calendar date"
    return None


# RFC 5646 (BCP 47) well-formed language tags, including the grandfathered ones.
_ALNUM = "[A-Za-z0-9]"
_LANGTAG = (r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"  # language (+ extlang)
            r"(?:-[A-Za-z]{4})?"  # script
            r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
            rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
            rf"(?:-[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions
            rf"(?:-[xX](?:-{_ALNUM}{{1,8}})+)?")  # private use
_GRANDFATHERED = {g.lower() for g in [
    "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo", "i-navajo",
    "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE", "art-lojban", "cel-gaulish",
    "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang"
]}
_BCP47 = re.compile(rf"{_LANGTAG}|[xX](?:-{_ALNUM}{{1,8}})+", re.ASCII)


def _language_ok(value: str) -> str | None:
    if _BCP47.fullmatch(value) or value.lower() in _GRANDFATHERED:
        return None
    return f"{value!r} is not a BCP 47 language tag (e.g. en, en-GB, ru-Cyrl-KZ)"


# RFC 3987 IRI syntax (absolute IRIs with an optional fragment).
_UCS = ("\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd"
        "\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd\U00070000-\U0007fffd\U00080000-\U0008fffd"
        "\U00090000-\U0009fffd\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd"
        "\U000e1000-\U000efffd")
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_PCT = "%[0-9A-Fa-f]{2}"
_UNRESERVED = rf"A-Za-z0-9\-._~{_UCS}"
_SUB = "!$&'()*+,;="
_IPCHAR = rf"(?:[{_UNRESERVED}{_SUB}:@]|{_PCT})"
_AUTHORITY = (rf"(?:(?:[{_UNRESERVED}{_SUB}:]|{_PCT})*@)?"
              rf"(?P<host>\[[0-9A-Fa-f:.]+\]|\[v[0-9A-Fa-f]+\.[{_UNRESERVED}{_SUB}:]+\]|(?:[{_UNRESERVED}{_SUB}]|{_PCT})*)"
              r"(?::[0-9]*)?")
_IRI = re.compile(
    rf"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):"
    rf"(?://{_AUTHORITY}(?:/{_IPCHAR}*)*|/(?:{_IPCHAR}+(?:/{_IPCHAR}*)*)?|{_IPCHAR}+(?:/{_IPCHAR}*)*|)"
    rf"(?:\?(?:{_IPCHAR}|[/?{_PRIVATE}])*)?(?:#(?:{_IPCHAR}|[/?])*)?")


def iri_problem(value: str) -> str | None:
    """Why `value` is not an absolute RFC 3987 IRI (http and https ones with a host), or None when it is."""
    m = _IRI.fullmatch(value)
    if not m:
        return f"{value[:80]!r} is not an absolute IRI (RFC 3987)"
    if m.group("scheme").lower() in ("http", "https") and not m.group("host"):
        return f"{value[:80]!r} has no host"
    return None


FIELDS: dict[str, Field] = {
    "title": Field(2_000, text_problem, "text"),
    "publisher": Field(500, text_problem, "text"),
    "author_state": Field(200, text_problem, "text: a state's name or ISO 3166 code"),
    "date": Field(10, _date_ok, "YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date, year >= 1"),
    "source": Field(2_048, iri_problem, "absolute IRI (RFC 3987)"),
    "language": Field(64, _language_ok, "BCP 47 language tag"),
}


class _NotJson:
    """A JSON constant Python accepts but JSON does not (NaN, Infinity): kept so the field can be named."""

    def __init__(self, name: str) -> None:
        self.name = name


def check_fields(raw: Mapping[str, object], where: str, lenient: bool = False, warn: Warn | None = None,
                 ) -> dict[str, str]:
    """The schema-valid fields of `raw`; an invalid one raises InputError (or, lenient, warns and is dropped)."""
    out: dict[str, str] = {}
    for name, value in raw.items():
        problem = _field_problem(name, value)
        if problem is None:
            if isinstance(value, str) and value.strip():
                out[name] = value.strip()
            continue
        message = f"field '{printable(name)}': {problem}"
        if not lenient:
            raise InputError(where, message)
        (warn or warn_stderr)(f"{where}: {message}; field dropped")
    return out


def _field_problem(name: str, value: object) -> str | None:
    spec = FIELDS.get(name)
    if spec is None:
        return f"unknown field (known: {', '.join(FIELDS)})"
    if value is None:
        return None
    if isinstance(value, _NotJson):
        return f"{value.name} is not a string"
    if not isinstance(value, str):
        return f"must be a string, not {_json_kind(value)}"
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        return "contains a lone surrogate (an invalid \\ud800-\\udfff escape)"
    if len(value) > spec.max_chars:
        return f"is {len(value):,} characters long (at most {spec.max_chars:,})"
    value = value.strip()
    if not value:
        return None
    return (text_problem(value) if spec.check is not text_problem else None) or spec.check(value)


def _json_kind(value: object) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)


def printable(text: str) -> str:
    return text.encode("unicode_escape", "backslashreplace").decode("ascii")[:60]
