"""The edges of publishing: reading a dump and the documents' texts, writing the site as one generation.
"""
from __future__ import annotations

import os
import shutil
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..rdf.formats import BUILD_FILES
from ..rdf.terms import DCTERMS, DEFAULT_BASE, OA, PROV, Quad, Term
from .model import (
    SiteInput,
)
from .paths import safe_target

DUMPS = BUILD_FILES  # what a build writes (rdf/formats.py)


MAX_TEXT_BYTES = 20 * 1024 * 1024


def load_input(data: Path, base: str = DEFAULT_BASE, documents: list[Path] | None = None) -> SiteInput:
    """Read a dump (an RDF file, or a built folder: dataset.nq keeps the per-document provenance) and the texts."""
    folder = data if data.is_dir() else None
    if folder is not None:
        path = next((folder / n for n in ("dataset.nq", "dataset.trig", "graph.nt", "graph.ttl")
                     if (folder / n).is_file()), None)
        if path is None:
            raise InputError(folder, "no dataset.nq, graph.nt or graph.ttl in this folder "
                                     "(run `refugee-ld build` first)")
    else:
        path = data
    quads = read_dump_quads(path)
    dump_dir = path.parent
    dumps = {}
    for name in DUMPS:
        file = dump_dir / name
        if file.is_file() and (folder is not None or file == path or name == "void.ttl"):
            dumps[name] = file.stat().st_size
    if path.name not in dumps and path.is_file():
        dumps[path.name] = path.stat().st_size
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    site_input = SiteInput(quads, base, dumps=dumps, modified=modified, dump_dir=dump_dir)
    wanted = {}
    for q in quads:
        if q.p.value == DCTERMS + "identifier" and q.s.value.startswith(base + "document/"):
            wanted[q.o.value] = q.s.value
    if documents is None:
        from ..registry import default_data_dir

        documents = [default_data_dir() / "documents"]
    site_input.texts = read_texts(wanted, documents, quads, site_input.warnings)
    return site_input


def read_dump_quads(path: Path) -> list[Quad]:
    """rdfio.read_quads with every distinct term converted once (a dump repeats the same IRIs a lot)."""
    import pyoxigraph as ox

    from ..rdf.rdfio import rdf_format

    fmt = rdf_format(path)
    cache: dict = {}

    def conv(t: Any) -> Any:  # a pyoxigraph term in, a Term (None for the default graph) out
        hit = cache.get(t)
        if hit is None:
            if isinstance(t, ox.NamedNode):
                hit = Term(0, t.value)
            elif isinstance(t, ox.BlankNode):
                hit = Term(1, t.value)
            elif isinstance(t, ox.DefaultGraph):
                hit = None
            else:
                lang = t.language or ""
                hit = Term(2, t.value, "" if lang else t.datatype.value, lang)
            cache[t] = hit
        return hit

    try:
        return [Quad(conv(q.subject), conv(q.predicate), conv(q.object),
                     conv(q.graph_name) if hasattr(q, "graph_name") else None)
                for q in ox.parse(path=str(path), format=fmt)]
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(path, f"not valid RDF: {' '.join(str(exc).split())}") from None


def read_texts(wanted: dict[str, str], folders: list[Path], quads: list[Quad], warnings: list[str]) -> dict[str, str]:
    """Texts of the documents in the dump, found by file name; a text whose quotes do not match is not used."""
    found: dict[str, str] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            if file.name in wanted and file.name not in found and file.is_file() and not file.is_symlink():
                if file.stat().st_size > MAX_TEXT_BYTES:
                    warnings.append(f"{file}: larger than {MAX_TEXT_BYTES} bytes, text not shown")
                    continue
                try:
                    text = file.read_bytes().decode("utf-8")
                except (OSError, UnicodeDecodeError):
                    warnings.append(f"{file}: not readable as UTF-8, text not shown")
                    continue
                found[file.name] = text.removeprefix("\ufeff")
    spans: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for q in quads:
        if q.p.value in (OA + "exact", OA + "start", OA + "end", PROV + "wasQuotedFrom"):
            spans[q.s.value][q.p.value] = {"v": q.o.value}
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for node in spans.values():
        doc = node.get(PROV + "wasQuotedFrom", {}).get("v")
        if doc:
            by_doc[doc].append(node)
    for name in list(found):
        for node in by_doc.get(wanted[name], []):
            try:
                s, e = int(node[OA + "start"]["v"]), int(node[OA + "end"]["v"])
                ok = found[name][s:e] == node[OA + "exact"]["v"]
            except (KeyError, ValueError):
                ok = False
            if not ok:
                warnings.append(f"{name}: text differs from the one the dump was built from, quotes shown alone")
                del found[name]
                break
    return found


SITE_ENTRIES = frozenset({"index.html", "timeline.html", "ontology.html", "style.css", "dcat.ttl", "void.ttl", "data",
                          "sparql", "~~", "state", "agency", "instrument", "event", "person", "place", "document"})


def site_entry(name: str) -> bool:
    """Entries a site folder of an older version holds (so it may be adopted as the previous generation)."""
    return name in SITE_ENTRIES or name.startswith(".")


def write_site(files: Iterable[tuple[str, str | Path]], out: Path, dump_dir: Path | None = None,
               keep: int = 2) -> int:
    """Write the files as a new generation of `out` (generations.py) and switch to it in one atomic step.

    Every path is checked to stay inside the staging folder first; a failure leaves the previous site intact.
    """
    from ..generations import new_generation

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(out, "exists and is not a folder")
    written = 0
    with new_generation(out, keep, adopt=site_entry) as staging:
        seen: set[str] = set()
        for rel, content in files:
            if rel in seen:
                raise ValueError(f"two site files share the path {rel!r}")
            seen.add(rel)
            target = safe_target(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                source = content if content.is_absolute() or dump_dir is None else dump_dir / content
                shutil.copyfile(source, target)
            else:
                with open(target, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(content)
            written += 1
        for root, _dirs, names in os.walk(staging):
            os.chmod(root, 0o755)
            for name in names:
                os.chmod(os.path.join(root, name), 0o644)
    return written
