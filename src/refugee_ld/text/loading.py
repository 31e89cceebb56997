"""Document loading: text files and their metadata, checked strictly before anything reaches the graph.

Inputs are regular files only; a symbolic link is followed when its target lies inside the input folders
(or with `follow_symlinks`).  Text must be UTF-8 without NUL characters; a leading byte-order mark is an
encoding signature, not text: it is dropped, and every offset is a code-point index into the text after it.

Metadata comes from a sidecar `<name>.meta.json` beside a document and/or a metadata CSV (`build --metadata`),
over what a known corpus's file-name convention says (text/filenames.py, data/file-names.json);
both are checked against one schema (`FIELDS` in text/metadata.py): strings only, a size limit per field, real
calendar dates, RFC 3987 IRIs, BCP 47 language tags.  A violation is an InputError naming the file and the field; with
`lenient` it is a warning and the field is dropped.  Problems with a whole file (unreadable, not a JSON
object, too big, malformed CSV rows) stay errors in both modes.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError  # re-exported: helpers and tests import it from here
from ..records import DateValue, Document
from ..text.dates import find_document_date

# re-exported: check_fields, iri_problem, Warn and warn_stderr are imported from here by the other modules
from .metadata import (  # noqa: F401
    FIELDS,
    Warn,
    _NotJson,
    check_fields,
    iri_problem,
    printable,
    text_problem,
    warn_stderr,
)

SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html"}
SIDECAR_SUFFIX = ".meta.json"
MAX_DOCUMENT_BYTES = 20_000_000  # per document; larger files are refused (split them)
MAX_SIDECAR_BYTES = 1_000_000
MAX_METADATA_CSV_BYTES = 100_000_000
CSV_COLUMNS = ("file", "title", "date", "publisher", "author_state", "source", "language")


# ------------------------------------------------------------------------------------------------ inputs

def collect_inputs(inputs: list[Path], follow_symlinks: bool = False, warn: Warn | None = None) -> list[Path]:
    """Document files named directly or found (recursively) in folders, in a stable order.

    Only regular files are taken.  In folders, a symbolic link whose target lies outside the input folders
    (and anything that is not a regular file) is skipped with a warning; named on the command line it is an
    error.  `follow_symlinks` follows every link (and linked folders, once each).
    """
    warn = warn or warn_stderr
    roots = input_roots(inputs)
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files += _walk(item, roots, follow_symlinks, warn)
        elif item.exists() or item.is_symlink():
            if item.suffix.lower() not in SUFFIXES:
                raise InputError(item, f"unsupported file type '{item.suffix}' (expected .txt, .md or .html)")
            problem = _file_problem(item, roots, follow_symlinks)
            if problem:
                raise InputError(item, problem)
            files.append(item)
        else:
            raise InputError(item, "no such file or directory")
    unique = sorted(set(files), key=lambda p: (p.name, str(p)))
    names = [p.name for p in unique]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise InputError(sorted(duplicates)[0],
                         "two input documents share this file name (document ids must be unique)")
    return unique


def input_roots(inputs: Iterable[Path]) -> tuple[str, ...]:
    """The real folders the inputs live in: links inside them may be followed."""
    return tuple(sorted({os.path.realpath(p if p.is_dir() else p.parent) for p in inputs}))


def _walk(folder: Path, roots: tuple[str, ...], follow: bool, warn: Warn) -> list[Path]:
    found: list[Path] = []
    seen: set[str] = set()
    for here, dirs, names in os.walk(folder, followlinks=follow):
        real = os.path.realpath(here)
        if real in seen:  # a link loop or a folder linked twice
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        for name in sorted(names):
            path = Path(here) / name
            if path.suffix.lower() not in SUFFIXES or name.endswith(SIDECAR_SUFFIX):
                continue
            problem = _file_problem(path, roots, follow)
            if problem and problem.startswith("the file name"):
                raise InputError(path, problem)
            if problem:
                warn(str(InputError(path, f"{problem}; skipped")))
                continue
            found.append(path)
    return found


def _file_problem(path: Path, roots: tuple[str, ...], follow: bool) -> str | None:
    bad = text_problem(path.name)
    if bad:
        return f"the file name {bad} (rename the file)"
    if path.is_symlink() and not follow and not _inside(os.path.realpath(path), roots):
        return "a symbolic link to a file outside the input folders (use --follow-symlinks to read it)"
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return exc.strerror or "cannot be read"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return None


def _inside(real: str, roots: tuple[str, ...]) -> bool:
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _read_regular(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (never blocks on a FIFO or reads a device)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(os.path.realpath(path), flags | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "not a regular file")
        if info.st_size > limit:
            raise InputError(path, f"{what} is {info.st_size / 1e6:.1f} MB, over the limit of {limit / 1e6:g} MB")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputError(path, f"{what} is over the limit of {limit / 1e6:g} MB")
    return data


def decode_text(path: Path | str, raw: bytes, strip_bom: bool = True) -> str:
    """UTF-8 text, or an InputError saying what the bytes look like instead (UTF-16/32, binary, other codepage)."""
    for bom, name in ((b"\x00\x00\xfe\xff", "UTF-32BE"), (b"\xff\xfe\x00\x00", "UTF-32LE"),
                      (b"\xfe\xff", "UTF-16BE"), (b"\xff\xfe", "UTF-16LE")):
        if raw.startswith(bom):
            raise InputError(path, f"not valid UTF-8: it is {name} (byte-order mark); save it as UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        head = raw[:4096]
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) >= len(head) // 4 and min(even, odd) <= len(head) // 40:
            order = "BE" if even > odd else "LE"
            raise InputError(path, f"not valid UTF-8: looks like UTF-16{order} without a byte-order mark; "
                                   "save it as UTF-8")
        raise InputError(path, f"contains a NUL character (byte {nul}): not a text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (byte {exc.start})") from None
    if strip_bom and text.startswith("\ufeff"):
        text = text[1:]  # an encoding signature, not text: offsets count from the character after it
    return text


# ------------------------------------------------------------------------------------------------ documents

def load_document(path: Path, metadata: dict[str, dict[str, str]] | None = None, lenient: bool = False,
                  warn: Warn | None = None, roots: tuple[str, ...] | None = None,
                  follow_symlinks: bool = False) -> Document:
    """Read one document with its sidecar; `metadata` (from `read_metadata_csv`) overrides sidecar fields."""
    raw = _read_regular(path, MAX_DOCUMENT_BYTES, "the document")
    text = decode_text(path, raw)
    meta = _name_metadata(path.name, warn)  # a corpus's file-name convention (text/filenames.py), lowest precedence
    meta.update(_read_sidecar(path, lenient, warn, roots if roots is not None else input_roots([path]),
                              follow_symlinks))
    meta.update((metadata or {}).get(path.name, {}))
    media_type = SUFFIXES.get(path.suffix.lower(), "text/plain")
    language = meta.get("language") or "en"  # selects the date vocabulary here and the rules' vocabulary later
    if meta.get("date"):
        date: DateValue | None = DateValue(meta["date"])
    elif media_type != "text/html":
        date = find_document_date(text, language=language)
    else:
        from ..text.textview import build_view

        date = find_document_date(build_view(text[:200_000], media_type).text, language=language)
    return Document(doc_id=path.name, text=text, media_type=media_type, title=meta.get("title") or _first_line(text),
                    date=date, source=meta.get("source"), publisher=meta.get("publisher"),
                    language=language, author_state=meta.get("author_state"))


def _name_metadata(name: str, warn: Warn | None) -> dict[str, str]:
    """Fields the file name gives, put through the same checks as a sidecar's (a bad one is dropped, not fatal)."""
    from .filenames import name_metadata

    fields = name_metadata(name)
    return check_fields(fields, f"{name} (file-name convention)", True, warn or warn_stderr) if fields else {}


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name.rsplit(".", 1)[0] + SIDECAR_SUFFIX)


def _read_sidecar(path: Path, lenient: bool, warn: Warn | None, roots: tuple[str, ...],
                  follow: bool) -> dict[str, str]:
    sidecar = sidecar_path(path)
    if not (sidecar.exists() or sidecar.is_symlink()):
        return {}
    problem = _file_problem(sidecar, roots, follow)
    if problem:
        raise InputError(sidecar, problem)
    text = decode_text(sidecar, _read_regular(sidecar, MAX_SIDECAR_BYTES, "the metadata file"))
    try:
        meta = json.loads(text, parse_constant=_NotJson, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError(sidecar, f"invalid metadata JSON ({exc})") from None
    except RecursionError:
        raise InputError(sidecar, "invalid metadata JSON (nested too deeply)") from None
    except ValueError as exc:
        raise InputError(sidecar, str(exc)) from None
    if not isinstance(meta, dict):
        raise InputError(sidecar, "metadata must be a JSON object")
    return check_fields(meta, str(sidecar), lenient, warn)


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"field '{printable(key)}' appears twice")
        out[key] = value
    return out


def read_metadata_csv(path: Path, lenient: bool = False, warn: Warn | None = None) -> dict[str, dict[str, str]]:
    """A corpus table (columns `CSV_COLUMNS`, `file` required) as file name -> checked fields.

    Cells left empty are absent; the CSV may start with a byte-order mark (spreadsheets write one)."""
    warn = warn or warn_stderr
    text = decode_text(path, _read_regular(path, MAX_METADATA_CSV_BYTES, "the metadata table"))
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(rows, [])]
        if "file" not in header:
            raise InputError(path, f"the first row must name the columns, including 'file' ({', '.join(CSV_COLUMNS)})")
        if len(set(header)) != len(header):
            raise InputError(path, "a column name appears twice in the first row")
        unknown = [h for h in header if h not in CSV_COLUMNS]
        if unknown:
            message = f"column '{printable(unknown[0])}': unknown column (known: {', '.join(CSV_COLUMNS)})"
            if not lenient:
                raise InputError(path, message)
            warn(f"{path}: {message}; column ignored")
        table: dict[str, dict[str, str]] = {}
        last = rows.line_num
        for row in rows:
            line, last = last + 1, rows.line_num  # a quoted cell may span lines: name the row's first
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(path, f"line {line}: {len(row)} cells where the first row has {len(header)}")
            cells = dict(zip(header, row))
            name = cells.pop("file").strip()
            problem = _file_name_problem(name)
            if problem:
                raise InputError(path, f"line {line}: field 'file': {problem}")
            if name in table:
                raise InputError(path, f"line {line}: field 'file': '{name}' is listed twice")
            fields = {k: v for k, v in cells.items() if k in FIELDS and v.strip()}
            table[name] = check_fields(fields, f"{path}: line {line} ({name})", lenient, warn)
    except csv.Error as exc:
        raise InputError(path, f"line {rows.line_num}: malformed CSV ({exc})") from None
    return table


def _file_name_problem(name: str) -> str | None:
    if not name:
        return "is empty (every row names a document file)"
    if len(name) > 255:
        return "is longer than 255 characters"
    if "/" in name or "\\" in name:
        return f"'{printable(name)}' must be a file name without folders"
    return text_problem(name)


def _first_line(text: str) -> str | None:
    for line in text[:20_000].splitlines():
        line = re.sub(r"<[^>]+>|\*\*", "", line).strip()
        if len(line) > 3:
            return line[:200]
    return None


@dataclass(frozen=True)
class LoadOptions:
    """How inputs are read: a metadata CSV, lenient metadata checks, following symbolic links, where warnings go."""

    metadata: Path | None = None
    lenient: bool = False
    follow_symlinks: bool = False
    warn: Callable[[str], None] | None = None
