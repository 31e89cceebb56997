"""Site paths: IRIs to page paths that can never leave the site folder, and relative links between pages.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


_RESERVED = {"data", "sparql"}


def encode_segment(segment: str) -> str:
    """A file-name-safe, injective form of one IRI path segment: [A-Za-z0-9_-] kept, every other byte `~XX`.

    `.`, `..`, `%2F`, `/` and `~` all come out as plain letters, digits and tildes, so a page path can never
    climb out of the site or name a hidden file, and needs no escaping in a link; the empty segment becomes `~`
    (which no other segment produces, since every other `~` is followed by two hex digits).
    """
    if segment == "":
        return "~"
    return _UNSAFE.sub(lambda m: "".join(f"~{b:02X}" for b in m.group().encode("utf-8")), segment)


def page_path(iri: str, base: str) -> str | None:
    """Relative path of an IRI's page ('state/kazakhstan.html'); None for IRIs outside `base` or with a fragment."""
    if not iri.startswith(base) or "#" in iri or len(iri) == len(base):
        return None
    segments = [encode_segment(s) for s in iri[len(base):].split("/")]
    if len(segments) == 1 or segments[0] in _RESERVED:
        segments.insert(0, "~~")  # never an encoded segment: keeps index.html, dcat.ttl, data/ for the site
    return "/".join(segments) + ".html"


def relative(target: str, from_path: str) -> str:
    """A link from the page at `from_path` to the site path `target` (both relative to the site root)."""
    return "../" * from_path.count("/") + target


def safe_target(root: Path, rel: str) -> Path:
    """`root / rel`, refusing anything that is not a plain relative path staying inside `root`."""
    parts = rel.split("/")
    if rel.startswith("/") or any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in parts):
        raise ValueError(f"unsafe site path {rel!r}")
    target = root.joinpath(*parts)
    real_root = os.path.realpath(root)
    if os.path.commonpath([real_root, os.path.realpath(target)]) != real_root:
        raise ValueError(f"site path {rel!r} leaves the output folder")
    return target
