"""The project's one IRI policy: every IRI it makes comes from `mint_iri`.

Each name is percent-encoded (RFC 3987/3986) so that any file or entity name gives a valid IRI, readable names
stay readable and different names stay different; `check_base` vets the base they hang from.
"""
from __future__ import annotations

import re
import unicodedata

from ..rdf.terms import _SUB_DELIMS, _UCS, InvalidTermError, Term, _shorten, iri_problem

_KEEP = re.compile(r"[A-Za-z0-9\-._~(),]")


def _keep_unicode(c: str) -> bool:
    """Letters, marks and digits outside ASCII stay readable where RFC 3987 allows them (ucschar)."""
    cp = ord(c)
    if cp < 0xA0 or 0xD800 <= cp <= 0xF8FF or not re.match(f"[{_UCS}]", c):
        return False
    return unicodedata.category(c)[0] in "LMN"


def encode_segment(name: str, safe: str = "") -> str:
    """One path segment or fragment from any name, injectively.

    ASCII letters, digits, `-._~(),` and non-ASCII letters/marks/digits stay as they are; every other character
    (space, `%`, `/`, `#`, `?`, quotes, controls, newline, punctuation such as the en dash) becomes its UTF-8
    percent-encoding, `%` included, so decoding gives the name back and no two names share an encoding.
    Lone surrogates U+DC80..U+DCFF (undecodable bytes of a file name, Python's surrogateescape) encode as the
    byte they stand for; any other lone surrogate is not text and is refused.  "." and ".." are encoded too,
    so a name never becomes a dot segment that IRI resolution would remove.  `safe` adds characters to keep
    (sub-delimiters only, e.g. "=" for an RFC 5147 fragment).
    """
    if any(c not in _SUB_DELIMS + ":@" for c in safe):
        raise ValueError(f"encode_segment: {safe!r} may hold only sub-delimiters, ':' and '@'")
    if name in (".", ".."):
        return "%2E" * len(name)
    out: list[str] = []
    for c in name:
        if _KEEP.match(c) or c in safe or (ord(c) >= 0xA0 and _keep_unicode(c)):
            out.append(c)
            continue
        cp = ord(c)
        if 0xDC80 <= cp <= 0xDCFF:
            out.append(f"%{cp - 0xDC00:02X}")
        elif 0xD800 <= cp <= 0xDFFF:
            raise InvalidTermError(_shorten(name), f"lone surrogate U+{cp:04X} cannot be part of an IRI")
        else:
            out.append("".join(f"%{b:02X}" for b in c.encode("utf-8")))
    return "".join(out)


def check_base(base: str, source: str = "--base-iri") -> str:
    """A valid base IRI for minting, ending in / or # (one is added when missing)."""
    problem = iri_problem(base)
    if problem is None and "#" in base[:-1]:
        problem = "a base IRI may hold '#' only as its last character"
    if problem is None and base.endswith("#") is False and "?" in base:
        problem = "a base IRI cannot hold a query ('?')"
    if problem:
        raise InvalidTermError(source, f"{base!r} is not a usable base IRI: {problem}")
    return base if base.endswith(("/", "#")) else base + "/"


def mint_iri(base: str, *names: str, fragment: str | None = None) -> Term:
    """The one function that makes the project's IRIs: base + encoded names joined by '/' (+ '#' fragment).

    `base` must already be a checked base (see `check_base`) or an IRI this function made; each name is any
    string.  Fragments keep "=", "," and ":" (RFC 5147 `char=10,20`) and encode the rest like names.
    """
    value = base + "/".join(encode_segment(n) for n in names)
    if fragment is not None:
        value += "#" + encode_segment(fragment, safe="=,:")
    return Term(0, value)


def decode_segment(segment: str) -> str:
    """The inverse of `encode_segment` (for display and tests)."""
    raw = bytearray()
    for piece in re.split(r"(%[0-9A-Fa-f]{2})", segment):
        raw += bytes([int(piece[1:], 16)]) if re.fullmatch(r"%[0-9A-Fa-f]{2}", piece) else piece.encode("utf-8")
    return bytes(raw).decode("utf-8", "surrogateescape")
