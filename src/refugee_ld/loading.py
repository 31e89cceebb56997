"""Document loading: text files and their metadata sidecars, with clear errors for bad input."""
from __future__ import annotations

import json
from pathlib import Path

from .dates import find_document_date
from .records import DateValue, Document

SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html"}
SIDECAR_SUFFIX = ".meta.json"
_SIDECAR_KEYS = {"title", "publisher", "date", "source", "language", "author_state"}


class InputError(Exception):
    """Unreadable or malformed input; the CLI prints `path: reason` and exits 2."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def collect_inputs(inputs: list[Path]) -> list[Path]:
    """Document files named directly or found (recursively) in folders, in a stable order."""
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files += [p for p in item.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                      and not p.name.endswith(SIDECAR_SUFFIX)]
        elif item.is_file():
            if item.suffix.lower() not in SUFFIXES:
                raise InputError(item, f"unsupported file type '{item.suffix}' (expected .txt, .md or .html)")
            files.append(item)
        else:
            raise InputError(item, "no such file or directory")
    unique = sorted(set(files), key=lambda p: (p.name, str(p)))
    names = [p.name for p in unique]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise InputError(sorted(duplicates)[0], "two input documents share this file name (document ids must be unique)")
    return unique


def load_document(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (byte {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    meta = _read_sidecar(path)
    media_type = SUFFIXES.get(path.suffix.lower(), "text/plain")
    date = None
    if meta.get("date"):
        date = _parse_meta_date(path, meta["date"])
    elif media_type != "text/html":
        date = find_document_date(text)
    else:
        from .textview import build_view

        date = find_document_date(build_view(text, media_type).text)
    return Document(doc_id=path.name, text=text, media_type=media_type, title=meta.get("title") or _first_line(text),
                    date=date, source=meta.get("source"), publisher=meta.get("publisher"),
                    language=meta.get("language") or "en", author_state=meta.get("author_state") or None)


def _read_sidecar(path: Path) -> dict[str, str]:
    sidecar = path.with_name(path.name.rsplit(".", 1)[0] + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(sidecar, f"invalid metadata JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise InputError(sidecar, "metadata must be a JSON object")
    unknown = set(meta) - _SIDECAR_KEYS
    if unknown:
        raise InputError(sidecar, f"unknown metadata field '{sorted(unknown)[0]}'")
    return {k: str(v) for k, v in meta.items() if v is not None}


def _parse_meta_date(path: Path, value: str) -> DateValue:
    import re

    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        raise InputError(path, f"metadata date '{value}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    return DateValue(value)


def _first_line(text: str) -> str | None:
    import re

    for line in text.splitlines():
        line = re.sub(r"<[^>]+>|\*\*", "", line).strip()
        if len(line) > 3:
            return line[:200]
    return None
