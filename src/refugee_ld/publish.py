"""Publishing: a static site with one HTML page per entity, each carrying its own JSON-LD.

Every page embeds `<script type="application/ld+json">` with the entity's triples (context inline, nothing to
fetch) and links to the pages of the entities it points to; `index.html` lists the entities by class.  The site
is written to a temporary folder and renamed into place, so a reader never sees half a site.
"""
from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

from .rdfio import read_quads
from .serialize import Compactor, jsonld_context, prefixes_for, to_jsonld
from .terms import DEFAULT_BASE, RDF, RDFS, RLD, Quad, Term

CLASSES = ("State", "Agency", "Instrument", "Event", "Person", "Place", "Document")
_STYLE = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}"
          "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;"
          "vertical-align:top}code{font-size:.85em}")


def _page_path(iri: str, base: str) -> str | None:
    """Relative path of an entity's page ('state/kazakhstan.html'); None for IRIs outside the dataset."""
    if not iri.startswith(base) or "#" in iri:
        return None
    local = iri[len(base):]
    if local.count("/") != 1:
        return None
    return local + ".html"


def publish(data: Path, out: Path, base: str = DEFAULT_BASE) -> int:
    """Write the site for the dump `data` (an RDF file) into `out`; returns the number of entity pages."""
    quads = [Quad(q.s, q.p, q.o) for q in read_quads(data)]
    by_subject: dict[Term, list[Quad]] = defaultdict(list)
    for q in quads:
        by_subject[q.s].append(q)
    labels = {q.s.value: q.o.value for q in quads if q.p.value == RDFS + "label"}
    mentioned_in: dict[str, list[str]] = defaultdict(list)
    for q in quads:
        if q.p.value == RLD + "mentions":
            mentioned_in[q.o.value].append(q.s.value)
    types: dict[str, str] = {}
    for q in quads:
        if q.p.value == RDF + "type" and q.o.value.startswith(RLD) and q.o.value[len(RLD):] in CLASSES:
            types.setdefault(q.s.value, q.o.value[len(RLD):])
    prefixes = prefixes_for(base)
    compactor = Compactor(prefixes)
    pages = {iri: path for iri in types if (path := _page_path(iri, base))}
    if not pages:  # an empty site would replace a good one and say nothing about why
        from .loading import InputError

        found = _bases_in(types)
        hint = f"its entities are under {found[0]} (pass --base-iri {found[0]})" if found else "it has no entities"
        raise InputError(data, f"no entity under the base IRI {base}; {hint}")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for iri, path in sorted(pages.items()):
            subject = Term(0, iri)
            entity_quads = sorted(set(by_subject[subject]))
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            document = to_jsonld(entity_quads, prefixes)
            target.with_suffix(".jsonld").write_text(document, encoding="utf-8")
            target.write_text(_entity_page(iri, path, types[iri], entity_quads, labels, pages, compactor,
                                           document, sorted(mentioned_in.get(iri, []))), encoding="utf-8")
        (staging / "index.html").write_text(_index_page(pages, types, labels), encoding="utf-8")
        (staging / "context.jsonld").write_text(json.dumps(jsonld_context(prefixes), indent=1) + "\n",
                                                encoding="utf-8")
        for root, dirs, files in os.walk(staging):
            os.chmod(root, 0o755)
            for name in files:
                os.chmod(os.path.join(root, name), 0o644)
        if out.exists():
            old = out.with_name(f".{out.name}.old")
            if old.exists():
                shutil.rmtree(old)
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(pages)


def _bases_in(types: dict[str, str]) -> list[str]:
    """Base IRIs of the dump's entities ('https://x/kg/' for 'https://x/kg/state/kazakhstan'), most used first."""
    counts: dict[str, int] = {}
    for iri, type_ in types.items():
        marker = f"/{type_.lower()}/"
        cut = iri.rfind(marker)
        if cut > 0:
            base = iri[:cut + 1]
            counts[base] = counts.get(base, 0) + 1
    return sorted(counts, key=lambda b: (-counts[b], b))


def _link(iri: str, from_path: str, pages: dict[str, str], labels: dict[str, str], compactor: Compactor) -> str:
    text = html.escape(labels.get(iri) or compactor.iri(iri) or iri)
    target = pages.get(iri)
    if target is None:
        if iri.startswith(("http://", "https://")):
            return f'<a href="{html.escape(iri, quote=True)}">{text}</a>'
        return text
    up = "../" * from_path.count("/")
    return f'<a href="{html.escape(up + target, quote=True)}">{text}</a>'


def _value(term: Term, from_path: str, pages: dict[str, str], labels: dict[str, str], compactor: Compactor) -> str:
    if term.kind == 0:
        return _link(term.value, from_path, pages, labels, compactor)
    suffix = ""
    if term.lang:
        suffix = f' <small lang="en">@{html.escape(term.lang)}</small>'
    elif term.datatype and not term.datatype.endswith("#string"):
        suffix = f" <small>{html.escape(compactor.iri(term.datatype) or term.datatype)}</small>"
    return html.escape(term.value) + suffix


def _entity_page(iri: str, path: str, type_: str, quads: list[Quad], labels: dict[str, str],
                 pages: dict[str, str], compactor: Compactor, document: str, mentioned_in: list[str]) -> str:
    label = labels.get(iri, iri)
    rows = []
    for q in quads:
        prop = html.escape(compactor.iri(q.p.value) or q.p.value)
        rows.append(f"<tr><th><code>{prop}</code></th><td>{_value(q.o, path, pages, labels, compactor)}</td></tr>")
    for doc in mentioned_in:
        rows.append(f"<tr><th>mentioned in</th><td>{_link(doc, path, pages, labels, compactor)}</td></tr>")
    up = "../" * path.count("/")
    # "</" inside the JSON would end the script element early
    script = document.replace("</", "<\\/")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(label)} ({type_}) — refugee-ld</title>\n"
            f'<link rel="alternate" type="application/ld+json" href="{html.escape(path.rsplit("/", 1)[-1][:-5])}.jsonld">\n'
            f"<style>{_STYLE}</style>\n"
            f'<script type="application/ld+json">\n{script}</script>\n</head>\n<body>\n'
            f'<p><a href="{up}index.html">refugee-ld</a> › {type_}</p>\n'
            f"<h1>{html.escape(label)}</h1>\n<p><code>{html.escape(iri)}</code></p>\n"
            f"<table>\n{chr(10).join(rows)}\n</table>\n</body>\n</html>\n")


def _index_page(pages: dict[str, str], types: dict[str, str], labels: dict[str, str]) -> str:
    sections = []
    for cls in CLASSES:
        members = sorted((labels.get(i, i), p) for i, p in pages.items() if types[i] == cls)
        if not members:
            continue
        items = "\n".join(f'<li><a href="{html.escape(p, quote=True)}">{html.escape(name)}</a></li>'
                          for name, p in members)
        sections.append(f'<h2 id="{cls.lower()}">{cls} ({len(members)})</h2>\n<ul>\n{items}\n</ul>')
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>refugee-ld</title>\n'
            f"<style>{_STYLE}</style>\n</head>\n<body>\n<h1>refugee-ld knowledge graph</h1>\n"
            + "\n".join(sections) + "\n</body>\n</html>\n")
