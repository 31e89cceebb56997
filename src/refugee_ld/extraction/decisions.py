"""Curation as data: people reject, accept, correct or add facts in `data/curation/*.tsv`, and `build` obeys.

Like Wikidata's overrides, decisions live in files reviewed in git, so they survive every rebuild: a rejected
fact is left out each time the rules produce it again.  Each file is UTF-8 tab-separated text with a header row;
`#` lines and blank lines are ignored.  Columns (any order; unknown columns are an error):

    action    reject | accept | correct | add
    fact      the fact's stable IRI (or its path `fact/<16 hex>`), for reject / accept / correct
    kind      for add: party_to, instrument_date, event, organised_by, participant, event_adopted, population,
              holds_post (the gold's kinds)
    document  for add: the document's file name (e.g. 000_b9e8a782b5b9ea0b.txt)
    fields    for correct / add: `name=value; name=value` (entities by registry name or key such as
              state/kazakhstan, dates as YYYY, YYYY-MM or YYYY-MM-DD)
    quote     for add: the exact text supporting the fact (escapes \\n, \\t, \\\\)
    start/end for add, optional: character offsets of the quote; without them the quote must occur exactly once
    by        who decided (a person's name), required
    date      the day of the decision (YYYY-MM-DD), required
    note      optional free text

Decisions are applied in file-name then line order; a later decision on the same fact wins.  A malformed row
stops the build with `file:line: reason` (exit 2); a decision about a fact or document this build does not
contain is reported as a note (the rules may have changed, or the document is not among the inputs).
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from ..factspec import Slot
from ..records import FACT_KINDS
from ..text.loading import InputError

COLUMNS = ("action", "fact", "kind", "document", "fields", "quote", "start", "end", "by", "date", "note")
ACTIONS = ("reject", "accept", "correct", "add")
KINDS = tuple(FACT_KINDS)  # the gold's kinds, as the fact records declare them
_FACT_PATH = re.compile(r"(?:^|/)(fact/[0-9a-f]{16})$")
_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
MAX_FILE_BYTES = 5_000_000
MAX_CELL = 20_000



def _fields(kind: str) -> dict[str, Slot]:
    """The field names a curation row may use for a kind (the attribute, and the gold's name if different)."""
    out: dict[str, Slot] = {}
    for slot in FACT_KINDS[kind].slots:
        out.setdefault(slot.name, slot)
        out.setdefault(slot.gold_name, slot)
    return out


class CurationError(InputError):
    """A bad curation row: the message names the file and line."""


@dataclass(frozen=True)
class Decision:
    action: str
    by: str
    date: str
    source: str  # "file.tsv:12"
    fact: str = ""  # fact/<hex>, for reject / accept / correct
    kind: str = ""
    document: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    quote: str = ""
    start: int | None = None
    end: int | None = None
    note: str = ""


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(m.group(1), m.group(0)),
                  text)


def escape_cell(text: str) -> str:
    """The inverse of the quote column's unescaping (for tools that write curation rows)."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _parse_fields(cell: str, where: str, kind: str) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    known = _fields(kind) if kind else {}
    for part in cell.split(";"):
        if not part.strip():
            continue
        if "=" not in part:
            raise CurationError(where, f"field {part.strip()!r} is not name=value")
        name, value = (x.strip() for x in part.split("=", 1))
        if known and name not in known:
            raise CurationError(where, f"unknown field {name!r} for kind {kind} (known: {', '.join(known)})")
        out.append((name, value))
    return tuple(out)


def read_curation_file(path: Path) -> list[Decision]:
    """Parse one TSV file; every problem is `file:line: reason`."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CurationError(path, f"larger than {MAX_FILE_BYTES} bytes")
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError(path, f"not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise CurationError(path, exc.strerror or "cannot be read") from None
    text = text.removeprefix("\ufeff")
    header: list[str] | None = None
    decisions: list[Decision] = []
    for number, line in enumerate(text.splitlines(), 1):
        where = f"{path}:{number}"
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip().lower() for c in cells]
            unknown = [c for c in header if c not in COLUMNS]
            if unknown:
                raise CurationError(where, f"unknown column {unknown[0]!r} (columns: {', '.join(COLUMNS)})")
            missing = [c for c in ("action", "by", "date") if c not in header]
            if missing:
                raise CurationError(where, f"header lacks the column {missing[0]!r}")
            if len(set(header)) != len(header):
                raise CurationError(where, "a column appears twice in the header")
            continue
        if len(cells) > len(header):
            raise CurationError(where, f"{len(cells)} cells but the header has {len(header)} columns")
        if any(len(c) > MAX_CELL for c in cells):
            raise CurationError(where, f"a cell longer than {MAX_CELL} characters")
        if any(ch in line for ch in "\x00\r\x0b\x0c"):
            raise CurationError(where, "control characters in the row")
        row = dict(zip(header, (c.strip() if h != "quote" else c for h, c in zip(header, cells))))
        decisions.append(_decision(row, where, f"{path.name}:{number}"))
    return decisions


def _decision(row: dict[str, str], where: str, source: str) -> Decision:
    action = row.get("action", "").strip().lower()
    if action not in ACTIONS:
        raise CurationError(where, f"action {row.get('action', '')!r} is not one of {', '.join(ACTIONS)}")
    by = " ".join(row.get("by", "").split())
    if not by:
        raise CurationError(where, "'by' (who decided) is empty")
    date = row.get("date", "").strip()
    try:
        datetime.date.fromisoformat(date)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ValueError
    except ValueError:
        raise CurationError(where, f"date {date!r} is not a day YYYY-MM-DD") from None
    note = row.get("note", "").strip()
    if action in ("reject", "accept", "correct"):
        m = _FACT_PATH.search(row.get("fact", "").strip())
        if not m:
            raise CurationError(where, f"fact {row.get('fact', '')!r} is not a fact IRI (…/fact/<16 hex digits>)")
        fields: tuple[tuple[str, str], ...] = ()
        if action == "correct":
            fields = _parse_fields(row.get("fields", ""), where, "")
            if not fields:
                raise CurationError(where, "a correction needs fields (name=value; ...)")
        elif row.get("fields", "").strip() or row.get("quote", "").strip():
            raise CurationError(where, f"{action} takes no fields or quote")
        return Decision(action, by, date, source, fact=m.group(1), fields=fields, note=note)
    kind = row.get("kind", "").strip()
    if kind not in KINDS:
        raise CurationError(where, f"kind {kind!r} is not one of {', '.join(KINDS)}")
    document = row.get("document", "").strip()
    if not document or "/" in document or "\\" in document:
        raise CurationError(where, f"document {document!r} is not a document file name")
    fields = _parse_fields(row.get("fields", ""), where, kind)
    names = {_fields(kind)[n].name for n, _ in fields}
    missing = [s.name for s in FACT_KINDS[kind].slots if s.required and s.name not in names]
    if missing:
        raise CurationError(where, f"an added {kind} fact needs the field {missing[0]!r}")
    quote = _unescape(row.get("quote", ""))
    if not quote.strip():
        raise CurationError(where, "an added fact needs its quote")
    start, end = _offsets(row, where)
    return Decision(action, by, date, source, kind=kind, document=document, fields=fields, quote=quote,
                    start=start, end=end, note=note)


def _offsets(row: dict[str, str], where: str) -> tuple[int | None, int | None]:
    """An added fact's optional start and end columns: both or neither, each a character offset."""
    offsets: list[int | None] = []
    for name in ("start", "end"):
        cell = row.get(name, "").strip()
        if cell and not cell.isdigit():
            raise CurationError(where, f"{name} {cell!r} is not a character offset")
        offsets.append(int(cell) if cell else None)
    if (offsets[0] is None) != (offsets[1] is None):
        raise CurationError(where, "give both start and end, or neither")
    return offsets[0], offsets[1]


def read_curation(directory: Path) -> list[Decision]:
    """Every decision of `directory/*.tsv`, in file-name and line order (a missing folder: none)."""
    if not directory.exists():
        return []
    if not directory.is_dir():
        raise CurationError(directory, "curation path is not a folder")
    decisions: list[Decision] = []
    for path in sorted(directory.glob("*.tsv")):
        decisions += read_curation_file(path)
    return decisions
