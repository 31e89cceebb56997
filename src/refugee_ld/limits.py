"""Bounds on what `validate`, `query` and `reconcile` accept, so hostile input ends in exit 2, not in 12 GB.

- RDF files: at most `max_rdf_bytes()` each (512 MiB; `REFUGEE_LD_MAX_RDF_MB` changes it).
- RDF/XML: Oxigraph's parser expands internal DTD entities, so a 1 KB "billion laughs" file would grow to
  gigabytes.  Before parsing we read the DTD: parameter and external entities, entities that refer to other
  entities, and declarations whose total expansion would exceed `MAX_ENTITY_EXPANSION` are refused.
  Plain abbreviations (`<!ENTITY owl "http://www.w3.org/2002/07/owl#">`, as ontology editors write) still work.
- Literals: at most `MAX_LITERAL_CHARS` (16 Mi characters) each.
- Text files the user names (queries): UTF-8 only, bounded size.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .text.loading import InputError

DEFAULT_MAX_RDF_MB = 512
MAX_LITERAL_CHARS = 16 * 1024 * 1024
MAX_ENTITY_EXPANSION = 16 * 1024 * 1024
_XML_SUFFIXES = (".rdf", ".xml", ".owl")
_DTD_HEAD = 1 << 20
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s\"'>]+)\s+(?:(SYSTEM|PUBLIC)\b|\"([^\"]*)\"|'([^']*)')")


def max_rdf_bytes() -> int:
    """Largest RDF file `validate`/`query` read (bytes); REFUGEE_LD_MAX_RDF_MB overrides the 512 MiB default."""
    raw = os.environ.get("REFUGEE_LD_MAX_RDF_MB", "")
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_RDF_MB
    except ValueError:
        raise InputError("REFUGEE_LD_MAX_RDF_MB", f"not a number: {raw!r}") from None
    return int(megabytes * 1024 * 1024)


def check_rdf_inputs(paths: list[Path]) -> None:
    """Refuse files above the size limit and RDF/XML whose entities would expand without bound."""
    limit = max_rdf_bytes()
    for path in paths:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise InputError(path, exc.strerror or "cannot be read") from None
        if size > limit:
            raise InputError(path, f"{size:,} bytes is over the {limit:,}-byte limit for RDF input "
                                   "(set REFUGEE_LD_MAX_RDF_MB to raise it)")
        if path.suffix.lower() in _XML_SUFFIXES:
            check_xml_entities(path)


def check_xml_entities(path: Path) -> None:
    """Refuse an RDF/XML file whose DTD could make the parser expand entities beyond MAX_ENTITY_EXPANSION."""
    with path.open("rb") as handle:
        head = handle.read(_DTD_HEAD)
    start = head.find(b"<!DOCTYPE")
    if start < 0:
        return
    open_subset = head.find(b"[", start)
    tag_end = head.find(b">", start)
    if open_subset < 0 or (0 <= tag_end < open_subset):
        return  # no internal subset: nothing to expand
    close = head.find(b"]>", open_subset)
    if close < 0:
        raise InputError(path, "RDF/XML DTD larger than 1 MiB is not accepted")
    subset = head[open_subset:close]
    values: dict[bytes, int] = {}
    for m in _ENTITY.finditer(subset):
        parameter, name, external, v1, v2 = m.groups()
        if parameter:
            raise InputError(path, "RDF/XML parameter entities are not accepted")
        if external:
            raise InputError(path, f"RDF/XML external entity '{name.decode(errors='replace')}' is not accepted")
        value = v1 if v1 is not None else v2
        if b"&" in value or b"%" in value:
            raise InputError(path, f"RDF/XML entity '{name.decode(errors='replace')}' refers to other entities "
                                   "(nested expansion is not accepted)")
        values[name] = len(value)
    if subset.count(b"<!ENTITY") != len(values):
        raise InputError(path, "RDF/XML DTD has an entity declaration that cannot be read")
    if not values:
        return
    expansion = 0
    reference = re.compile(rb"&([^;&\s<>\"']{1,200});")
    with path.open("rb") as handle:
        handle.seek(close)
        data = b""
        while True:  # chunks, carrying 256 bytes so that a reference split across two chunks counts once
            chunk = handle.read(1 << 20)
            data += chunk
            cut = len(data) if not chunk else max(0, len(data) - 256)
            for m in reference.finditer(data):
                if m.start() >= cut:
                    break
                expansion += values.get(m.group(1), 0)
            data = data[cut:]
            if not chunk or expansion > MAX_ENTITY_EXPANSION:
                break
    if expansion > MAX_ENTITY_EXPANSION:
        raise InputError(path, f"RDF/XML entities would expand to more than {MAX_ENTITY_EXPANSION:,} characters")


def check_literal_sizes(quads: list, source: Path | str) -> None:
    """Refuse a literal longer than MAX_LITERAL_CHARS (no SHACL engine or page is meant for one)."""
    for q in quads:
        if q.o.kind == 2 and len(q.o.value) > MAX_LITERAL_CHARS:
            where = f" in graph <{q.g.value[:200]}>" if q.g is not None else ""
            raise InputError(source, f"a literal of {len(q.o.value):,} characters (subject <{q.s.value[:200]}>"
                                     f"{where}) is over the {MAX_LITERAL_CHARS:,}-character limit")


@contextmanager
def parser_bounds(path: Path | str) -> Iterator[None]:
    """Oxigraph stops at a token over 16 MiB with a MemoryError; name the file and the limit instead."""
    try:
        yield
    except MemoryError as exc:
        detail = " ".join(str(exc).split())[:100]
        raise InputError(path, f"a literal or IRI over the parser's {MAX_LITERAL_CHARS:,}-byte limit"
                               + (f" ({detail})" if detail else "")) from None


def read_text_file(path: Path, max_bytes: int, what: str) -> str:
    """A small UTF-8 text file the user names; anything else is an InputError naming the file."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"{what} of {size:,} bytes is over the {max_bytes:,}-byte limit")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"{what} is not valid UTF-8 (byte {exc.start})") from None
    return text.removeprefix("\ufeff")
