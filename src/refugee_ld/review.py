"""Reviewing doubtful facts: list those below a confidence, record a person's accept / reject as curation data.

`refugee-ld review` reads a built dump (default dist/dataset.nq) and lists every fact whose rld:confidence is
below a threshold, with its quote, document, rule and stable IRI, as a terminal table or as CSV.  A reviewer then
either names facts on the command line (`--accept IRI` / `--reject IRI --by NAME`) or fills the CSV's `decision`
column with accept or reject and hands the file back (`--apply FILE --by NAME`).  Both append rows to
`data/curation/review.tsv`, which `build` applies on every rebuild.
"""
from __future__ import annotations

import csv
import datetime
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .extraction.curation import CurationError, escape_cell, read_curation_file
from .records import FACT_KINDS
from .text.loading import InputError

# the classes of the nodes that carry a fact's confidence, as the fact kinds declare them
FACT_CLASSES = tuple(dict.fromkeys(kind.rdf_class for kind in FACT_KINDS.values()))
CSV_COLUMNS = ("decision", "fact", "confidence", "kind", "rule", "document", "start", "end", "says", "quote")
REVIEW_FILE = "review.tsv"
HEADER = "action\tfact\tby\tdate\tnote\n"
_FACT_IRI = re.compile(r"^\S*fact/[0-9a-f]{16}$")
_SKIP = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/ns/prov#",
         "https://w3id.org/refugee-ld/ontology#evidence", "https://w3id.org/refugee-ld/ontology#confidence",
         "https://w3id.org/refugee-ld/ontology#rule")

_QUERY = """
PREFIX rld: <https://w3id.org/refugee-ld/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?fact ?type ?conf ?rule ?docid ?quote ?start ?end WHERE {
  ?fact rld:confidence ?conf ; a ?type ; prov:wasDerivedFrom ?doc ; rld:evidence ?ev .
  VALUES ?type { %s }
  ?ev oa:exact ?quote ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?doc dcterms:identifier ?docid }
  OPTIONAL { ?fact rld:rule ?rule }
  FILTER(?conf < %s)
}
"""


@dataclass(frozen=True)
class ReviewRow:
    fact: str
    confidence: str
    kind: str
    rule: str
    document: str
    start: int
    end: int
    quote: str
    says: str  # the fact's own properties, e.g. "state=state/kazakhstan action=Accession"


def _local(value: str, base_cut: bool = True) -> str:
    if "#" in value:
        return value.rsplit("#", 1)[1]
    parts = value.rstrip("/").split("/")
    return "/".join(parts[-2:]) if base_cut else value


def list_for_review(paths: list[Path], below: float) -> list[ReviewRow]:
    """Facts of the dump whose confidence is below `below`, lowest first (then by IRI); one row per fact."""
    import pyoxigraph as ox

    from .rdf.rdfio import load_store

    store = load_store(paths)
    classes = " ".join(f"rld:{c}" for c in FACT_CLASSES)
    rows: dict[str, ReviewRow] = {}
    for s in store.query(_QUERY % (classes, repr(float(below))), use_default_graph_as_union=True):
        fact = s["fact"].value
        start, end = int(s["start"].value), int(s["end"].value)
        known = rows.get(fact)
        if known is not None and (known.start, known.end) <= (start, end):
            continue
        rows[fact] = ReviewRow(fact, s["conf"].value, s["type"].value.rsplit("#", 1)[1],
                               s["rule"].value if s["rule"] else "", s["docid"].value if s["docid"] else "",
                               start, end, s["quote"].value, "")
    out: list[ReviewRow] = []
    for fact, row in rows.items():
        says = []
        for q in store.quads_for_pattern(ox.NamedNode(fact), None, None, None):
            p = q.predicate.value
            if p.startswith(_SKIP):
                continue
            o = q.object
            value = _local(o.value) if isinstance(o, ox.NamedNode) else o.value
            says.append(f"{p.rsplit('#', 1)[-1].rsplit('/', 1)[-1]}={value}")
        out.append(ReviewRow(**{**row.__dict__, "says": " ".join(sorted(set(says)))}))
    return sorted(out, key=lambda r: (float(r.confidence), r.fact))


def facts_in_dump(paths: list[Path]) -> set[str]:
    """The IRIs of every fact node in the dump (to catch a mistyped IRI before it is recorded)."""
    from .rdf.rdfio import load_store

    store = load_store(paths)
    classes = " ".join(f"rld:{c}" for c in FACT_CLASSES)
    query = (f"PREFIX rld: <https://w3id.org/refugee-ld/ontology#> "
             f"SELECT DISTINCT ?f WHERE {{ ?f a ?t VALUES ?t {{ {classes} }} }}")
    return {s["f"].value for s in store.query(query, use_default_graph_as_union=True)}


def to_csv(rows: list[ReviewRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow(["", r.fact, r.confidence, r.kind, r.rule, r.document, r.start, r.end, r.says, r.quote])
    return buffer.getvalue()


def to_table(rows: list[ReviewRow], width: int = 70) -> str:
    if not rows:
        return "no facts below the threshold\n"
    lines = []
    for r in rows:
        quote = " ".join(r.quote.split())
        if len(quote) > width:
            quote = quote[:width - 1] + "…"
        lines.append(f"{r.confidence:<6} {r.kind:<16} {r.rule:<24} {r.fact}\n"
                     f"       {r.document} [{r.start},{r.end}] {r.says}\n       “{quote}”")
    return "\n".join(lines) + f"\n{len(rows)} facts below the threshold\n"


def read_decisions_csv(path: Path) -> list[tuple[str, str, str]]:
    """(action, fact IRI, note) for every row whose `decision` is accept or reject; other rows are skipped."""
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header or "decision" not in header or "fact" not in header:
        raise InputError(f"{path}:1", "a review CSV needs the columns 'decision' and 'fact'")
    di, fi = header.index("decision"), header.index("fact")
    ni = header.index("note") if "note" in header else None
    out: list[tuple[str, str, str]] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) <= max(di, fi):
            raise InputError(f"{path}:{line}", "too few cells")
        decision = cells[di].strip().lower()
        if decision in ("", "skip"):
            continue
        if decision not in ("accept", "reject"):
            raise InputError(f"{path}:{line}", f"decision {cells[di]!r} is not accept, reject or empty")
        fact = cells[fi].strip()
        if not _FACT_IRI.match(fact):
            raise InputError(f"{path}:{line}", f"fact {fact!r} is not a fact IRI")
        note = cells[ni].strip() if ni is not None and ni < len(cells) else ""
        out.append((decision, fact, note))
    return out


def record_decisions(curation_dir: Path, decisions: list[tuple[str, str, str]], by: str, date: str) -> Path:
    """Append the decisions to curation_dir/review.tsv (atomically: the old file stays whole on failure)."""
    by = " ".join(by.split())
    if not by:
        raise InputError("--by", "who decides must be named")
    for action, fact, _ in decisions:
        if action not in ("accept", "reject") or not _FACT_IRI.match(fact):
            raise InputError(fact, f"not a fact IRI to {action}")
    curation_dir.mkdir(parents=True, exist_ok=True)
    path = curation_dir / REVIEW_FILE
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if old:
        read_curation_file(path)  # refuse to append to a file that is already broken
    text = old if old else "# decisions recorded by `refugee-ld review`; build applies them (later rows win)\n" + HEADER
    if not text.endswith("\n"):
        text += "\n"
    if not _header(text):
        text += HEADER
    columns = _header(text)
    if "fact" not in columns:
        raise InputError(path, "its header has no 'fact' column to record decisions in")
    for action, fact, note in decisions:
        cells = {"action": action, "fact": fact, "by": escape_cell(by), "date": date,
                 "note": " ".join(escape_cell(note).split())}
        text += "\t".join(cells.get(c, "") for c in columns) + "\n"
    fd, tmp = tempfile.mkstemp(dir=curation_dir, prefix=".review.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        read_curation_file(Path(tmp))
        os.replace(tmp, path)
    except CurationError:
        os.unlink(tmp)
        raise
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def today() -> str:
    return datetime.datetime.now(datetime.UTC).date().isoformat()


def _header(text: str) -> list[str]:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return [c.strip().lower() for c in line.split("\t")]
    return []
