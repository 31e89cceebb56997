"""Checks every gold annotation under tests/gold/: schema, entity references, exact quotes and aliases.

Gold files are hand-made reference data for `refugee-ld eval`. A misspelt entity name, an unknown fact
kind or a quote that is not in the text would silently distort the precision and recall figures, so
every file is validated here against the annotation guidelines. UN General Debate gold names its text
by a `source` of the form `../shared/corpora/<archive>.tar.xz#<member>` (relative to the repository);
the needed members are extracted once per test session.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import tarfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(__file__).resolve().parent / "gold"
GOLD_FILES = sorted(GOLD_DIR.rglob("*.json"))
DOCUMENTS_DIR = ROOT / "data" / "documents"

TYPES = frozenset({"State", "Agency", "Instrument", "Event", "Person", "Place"})
DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
SHARED_PREFIX = "../shared/"

# A field spec is (kind, argument): ("entity", allowed types), ("date", nullable), ("enum", values),
# ("str", None), ("int", None), ("bool", None).
Spec = tuple[str, Any]
ENTITY_STATE: Spec = ("entity", {"State"})
ENTITY_INSTRUMENT: Spec = ("entity", {"Instrument"})
ENTITY_EVENT: Spec = ("entity", {"Event"})
DATE: Spec = ("date", False)
NULLABLE_DATE: Spec = ("date", True)
TEXT: Spec = ("str", None)

COMMON_OPTIONAL: dict[str, Spec] = {"note": TEXT}
KINDS: dict[str, tuple[dict[str, Spec], dict[str, Spec]]] = {
    "party_to": (
        {"state": ENTITY_STATE, "instrument": ENTITY_INSTRUMENT,
         "action": ("enum", {"accession", "ratification", "signature", "party"}), "date": NULLABLE_DATE},
        {},
    ),
    "instrument_date": (
        # The guidelines spell entry into force "entry_into_force", the seed gold "entered_into_force".
        {"instrument": ENTITY_INSTRUMENT,
         "what": ("enum", {"adopted", "entry_into_force", "entered_into_force", "signed"}), "date": DATE},
        {},
    ),
    "event": (
        {"event": ENTITY_EVENT, "date": NULLABLE_DATE, "end_date": NULLABLE_DATE,
         "place": ("entity?", {"Place"})},
        {},
    ),
    "organised_by": ({"event": ENTITY_EVENT, "agency_or_state": ("entity", {"Agency", "State"})},
                     {"role": TEXT}),
    "participant": ({"event": ENTITY_EVENT, "participant": ("entity", {"State", "Agency", "Person"})}, {}),
    "event_adopted": ({"event": ENTITY_EVENT, "instrument": ENTITY_INSTRUMENT}, {}),
    "population": (
        {"place": ("entity", {"Place", "State"}),
         "group": ("enum", {"refugees", "asylum-seekers", "asylum_seekers", "stateless", "migrants", "other"}),
         "count": ("int", None), "date": NULLABLE_DATE},
        {"approximate": ("bool", None)},
    ),
    "holds_post": (
        {"person": ("entity", {"Person"}), "post": TEXT, "organisation": ("entity?", {"Agency", "State"})},
        {"post_in_text": TEXT, "start_date": NULLABLE_DATE, "end_date": NULLABLE_DATE},
    ),
}
TOP_REQUIRED = {"document", "document_date", "entities", "facts"}
TOP_OPTIONAL = {"note", "document_modified", "author_state", "split", "source", "annotator", "title", "url",
                "publisher"}
# Web gold (tests/gold/web/) annotates third-party pages whose text stays out of the repository, so its facts
# carry no quotes; the texts are looked for in $REFUGEE_LD_PRIVATE_CORPUS (default /work/private-corpus/web).
PRIVATE_CORPUS = Path(os.environ.get("REFUGEE_LD_PRIVATE_CORPUS", "/work/private-corpus/web"))
UNGDC_REQUIRED = {"author_state", "split", "source", "annotator"}


def valid_date(value: object) -> bool:
    """An ISO date at year, year-month or year-month-day precision that exists in the calendar."""
    if not isinstance(value, str) or not DATE_RE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _check_field(where: str, name: str, value: object, spec: Spec, entities: dict[str, str]) -> list[str]:
    kind, arg = spec
    if kind in ("entity", "entity?"):
        if value is None and kind == "entity?":
            return []
        if not isinstance(value, str) or value not in entities:
            return [f"{where}: {name} {value!r} is not an entity of the file"]
        if entities[value] not in arg:
            return [f"{where}: {name} {value!r} has type {entities[value]}, expected {' or '.join(sorted(arg))}"]
        return []
    if kind == "date":
        if value is None and arg:
            return []
        return [] if valid_date(value) else [f"{where}: {name} {value!r} is not an ISO year/month/day date"]
    if kind == "enum":
        return [] if value in arg else [f"{where}: {name} {value!r} not one of {sorted(arg)}"]
    if kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return [] if ok else [f"{where}: {name} {value!r} is not a non-negative integer"]
    if kind == "bool":
        return [] if isinstance(value, bool) else [f"{where}: {name} {value!r} is not a boolean"]
    return [] if isinstance(value, str) and value.strip() else [f"{where}: {name} {value!r} is not a non-empty string"]


def schema_errors(doc: object, ungdc: bool = False, quotes: bool = True) -> list[str]:
    """Every way `doc` departs from the gold format; an empty list means the file is well formed."""
    if not isinstance(doc, dict):
        return ["top level is not an object"]
    errors = [f"missing top-level field {k!r}" for k in sorted(TOP_REQUIRED - doc.keys())]
    errors += [f"unknown top-level field {k!r}" for k in sorted(doc.keys() - TOP_REQUIRED - TOP_OPTIONAL)]
    if ungdc:
        errors += [f"missing UNGDC field {k!r}" for k in sorted(UNGDC_REQUIRED - doc.keys())]
        if "split" in doc and doc["split"] not in ("dev", "test"):
            errors.append(f"split {doc['split']!r} is neither 'dev' nor 'test'")
        source = doc.get("source")
        if isinstance(source, str) and PurePosixPath(source.partition("#")[2]).name != doc.get("document"):
            errors.append(f"source {source!r} does not name the document {doc.get('document')!r}")
    if not isinstance(doc.get("document"), str) or not doc["document"]:
        errors.append("document is not a file name")
    if doc.get("document_date") is not None and not valid_date(doc.get("document_date")):
        errors.append(f"document_date {doc.get('document_date')!r} is not an ISO date")
    entities: dict[str, str] = {}
    for i, entity in enumerate(doc.get("entities") or []):
        where = f"entity {i}"
        if not isinstance(entity, dict):
            errors.append(f"{where} is not an object")
            continue
        extra = entity.keys() - {"name", "type", "aliases_in_text", "note"}
        errors += [f"{where}: unknown field {k!r}" for k in sorted(extra)]
        name, etype, aliases = entity.get("name"), entity.get("type"), entity.get("aliases_in_text")
        if not isinstance(name, str) or not name.strip():
            errors.append(f"{where}: name {name!r} is not a non-empty string")
            continue
        if name in entities:
            errors.append(f"{where}: duplicate entity name {name!r}")
        if etype not in TYPES:
            errors.append(f"{where} ({name}): type {etype!r} not one of {sorted(TYPES)}")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            errors.append(f"{where} ({name}): aliases_in_text is not a list of non-empty strings")
        entities[name] = etype if isinstance(etype, str) else ""
    for i, fact in enumerate(doc.get("facts") or []):
        if not isinstance(fact, dict):
            errors.append(f"fact {i} is not an object")
            continue
        kind = fact.get("kind")
        where = f"fact {i} ({kind})"
        if kind not in KINDS:
            errors.append(f"{where}: unknown kind")
            continue
        required, optional = KINDS[kind]
        errors += [f"{where}: missing field {k!r}" for k in sorted(required.keys() - fact.keys())]
        allowed = required.keys() | optional.keys() | COMMON_OPTIONAL.keys() | {"kind", "quote"}
        errors += [f"{where}: unknown field {k!r}" for k in sorted(fact.keys() - allowed)]
        if quotes and (not isinstance(fact.get("quote"), str) or not fact["quote"]):
            errors.append(f"{where}: quote is missing or empty")
        for name, spec in {**required, **optional, **COMMON_OPTIONAL}.items():
            if name in fact:
                errors += _check_field(where, name, fact[name], spec, entities)
        start, end = fact.get("date"), fact.get("end_date")
        if kind == "event" and valid_date(start) and valid_date(end) and end < start:
            errors.append(f"{where}: end_date {end} precedes date {start}")
    return errors


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def is_web(path: Path) -> bool:
    return "web" in path.relative_to(GOLD_DIR).parts[:-1]


def is_ungdc(path: Path) -> bool:
    return "ungdc" in path.relative_to(GOLD_DIR).parts[:-1]


def archive_candidates(archive: str) -> list[Path]:
    """Where a `../shared/...` archive may live: $REFUGEE_LD_SHARED, the repository's sibling, /work/shared."""
    if not archive.startswith(SHARED_PREFIX):
        return [ROOT / archive]
    rest = archive[len(SHARED_PREFIX):]
    env = os.environ.get("REFUGEE_LD_SHARED")
    bases = [Path(env)] if env else [ROOT.parent / "shared"]
    bases.append(Path("/work/shared"))
    return [base / rest for base in bases]


def resolve_archive(archive: str) -> Path | None:
    return next((p for p in archive_candidates(archive) if p.is_file()), None)


def safe_member(member: str) -> bool:
    path = PurePosixPath(member)
    return bool(member) and not path.is_absolute() and ".." not in path.parts


@pytest.fixture(scope="session")
def source_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Texts of every `source` the gold files name, extracted once (one pass per archive), BOM removed."""
    wanted: dict[Path, dict[str, str]] = {}
    for path in GOLD_FILES:
        source = load(path).get("source")
        if not isinstance(source, str) or "#" not in source:
            continue
        archive, _, member = source.partition("#")
        located = resolve_archive(archive)
        if located is not None and safe_member(member):
            wanted.setdefault(located, {})[member] = source
    out = tmp_path_factory.mktemp("gold-sources")
    texts: dict[str, str] = {}
    for archive, members in wanted.items():
        remaining = dict(members)
        with tarfile.open(archive, "r:*") as tar:
            for info in tar:
                if info.name not in remaining or not info.isfile():
                    continue
                handle = tar.extractfile(info)
                assert handle is not None
                target = out / info.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(handle.read())
                texts[remaining.pop(info.name)] = target.read_text(encoding="utf-8").removeprefix("\ufeff")
                if not remaining:
                    break
    return texts


def document_text(doc: dict[str, Any], source_texts: dict[str, str]) -> str:
    """The annotated text, or a skip naming what is missing; a member absent from a present archive fails."""
    source = doc.get("source")
    if isinstance(source, str) and "#" in source:
        archive, _, member = source.partition("#")
        if source in source_texts:
            return source_texts[source]
        if resolve_archive(archive) is None:
            tried = ", ".join(str(p) for p in archive_candidates(archive))
            pytest.skip(f"corpus archive not found (tried {tried}); set REFUGEE_LD_SHARED to the shared folder")
        pytest.fail(f"{member!r} is not a safe member of {archive}" if not safe_member(member)
                    else f"{member!r} not found in {archive}")
    if doc.get("url"):  # web gold: the text lives outside the repository
        private = PRIVATE_CORPUS / str(doc.get("document"))
        if not private.is_file():
            pytest.skip(f"third-party text {private} not present (see tests/gold/web/README.md)")
        return private.read_text(encoding="utf-8").removeprefix("\ufeff")
    local = DOCUMENTS_DIR / str(doc.get("document"))
    if not local.is_file():
        pytest.skip(f"no source given and {local} does not exist")
    return local.read_text(encoding="utf-8").removeprefix("\ufeff")


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(GOLD_DIR)) for p in paths]


@pytest.mark.parametrize("path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_schema(path: Path) -> None:
    doc = load(path)
    errors = schema_errors(doc, ungdc=is_ungdc(path), quotes=not is_web(path))
    if isinstance(doc, dict) and doc.get("document") != f"{path.stem}.txt":
        errors.append(f"document {doc.get('document')!r} does not match the file name {path.name}")
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_quotes_are_exact_substrings(path: Path, source_texts: dict[str, str]) -> None:
    if is_web(path):
        pytest.skip("web gold carries no quotes (third-party text is not committed)")
    doc = load(path)
    text = document_text(doc, source_texts)
    missing = [f"fact {i} ({f.get('kind')}): {f.get('quote')!r}" for i, f in enumerate(doc.get("facts", []))
               if not isinstance(f.get("quote"), str) or f["quote"] not in text]
    assert not missing, "quotes not in the text:\n" + "\n".join(missing)


@pytest.mark.parametrize("path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_aliases_occur_in_text(path: Path, source_texts: dict[str, str]) -> None:
    doc = load(path)
    text = document_text(doc, source_texts)
    missing = [f"{e.get('name')}: {a!r}" for e in doc.get("entities", []) for a in e.get("aliases_in_text", [])
               if a not in text]
    assert not missing, "aliases_in_text not in the text:\n" + "\n".join(missing)


GOOD = {
    "document": "X_1_2000.txt", "document_date": "2000",
    "entities": [{"name": "Chad", "type": "State", "aliases_in_text": ["Chad"]},
                 {"name": "Treaty", "type": "Instrument", "aliases_in_text": []},
                 {"name": "Summit", "type": "Event", "aliases_in_text": []},
                 {"name": "Rome", "type": "Place", "aliases_in_text": []}],
    "facts": [{"kind": "party_to", "state": "Chad", "instrument": "Treaty", "action": "signature",
               "date": "2000-02-29", "quote": "q"},
              {"kind": "event", "event": "Summit", "date": "2000-05", "end_date": None, "place": "Rome",
               "quote": "q"},
              {"kind": "population", "place": "Chad", "group": "refugees", "count": 10, "date": None,
               "approximate": True, "quote": "q"}],
}


def _broken(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    doc = json.loads(json.dumps(GOOD))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


def test_checker_accepts_a_well_formed_file() -> None:
    assert schema_errors(GOOD) == []


@pytest.mark.parametrize(("path", "value", "message"), [
    (("facts", 0, "date"), "2001-02-29", "not an ISO"),
    (("facts", 0, "date"), "2000/01", "not an ISO"),
    (("facts", 0, "state"), "Treaty", "has type Instrument"),
    (("facts", 0, "instrument"), "Nowhere Pact", "not an entity"),
    (("facts", 0, "action"), "ratified", "not one of"),
    (("facts", 0, "kind"), "member_of", "unknown kind"),
    (("facts", 1, "place"), "Chad", "has type State"),
    (("facts", 1, "end_date"), "2000-04", "precedes"),
    (("facts", 2, "count"), "10", "non-negative integer"),
    (("facts", 2, "count"), True, "non-negative integer"),
    (("facts", 2, "approxmate"), True, "unknown field"),
    (("entities", 0, "type"), "Country", "type 'Country'"),
    (("entities", 1, "name"), "Chad", "duplicate entity"),
    (("document_date",), "2000-1", "not an ISO"),
])
def test_checker_reports_each_defect(path: tuple[Any, ...], value: Any, message: str) -> None:
    errors = schema_errors(_broken(path, value))
    assert any(message in e for e in errors), errors


def test_ungdc_files_need_their_provenance_fields() -> None:
    errors = schema_errors(GOOD, ungdc=True)
    assert {"missing UNGDC field 'source'", "missing UNGDC field 'split'"} <= set(errors)
    doc = {**GOOD, "author_state": "Chad", "split": "dev", "annotator": "x",
           "source": "../shared/corpora/u.tar.xz#ungdc/Y_1_2000.txt"}
    assert any("does not name the document" in e for e in schema_errors(doc, ungdc=True))


def test_archive_resolution_prefers_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REFUGEE_LD_SHARED", str(tmp_path))
    assert archive_candidates("../shared/corpora/a.tar.xz")[0] == tmp_path / "corpora" / "a.tar.xz"
    assert resolve_archive("../shared/corpora/definitely-missing.tar.xz") is None
    assert not safe_member("../etc/passwd") and not safe_member("/etc/passwd") and safe_member("ungdc/A.txt")
