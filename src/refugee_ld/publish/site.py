"""Publishing: a static site of fact sheets, source documents, a timeline and machine-readable pages.

`render_site` is a pure function from a graph (quads, named graphs = provenance) and the documents' texts to
`(relative path, content)` pairs; `write_site` is the thin writer that checks every path stays inside the output
folder, stages the site beside it and swaps it in, so a reader never sees half a site.  Pages are Jinja2
templates shipped with the package (a publisher overrides any of them with `--templates DIR`); autoescaping is
on, so every text that comes from the data is escaped.

The parts: paths (IRIs to safe page paths), model (the indexed graph, rows and claims, per-render state),
facts_view (fact-sheet sections), documents (highlighted texts), jsonld (entity JSON-LD, schema.org), charts
(SVG), pages (template contexts), catalog (DCAT), site_io (reading the dump, writing the site); this module
orchestrates them.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..rdf.serialize import jsonld_context
from ..rdf.terms import DEFAULT_BASE, RDF, RLD, SCHEMA
from .catalog import dataset_jsonld, dcat_turtle
from .charts import timeline_chart
from .documents import highlight
from .jsonld import json_script
from .model import CLASSES, TEMPLATES, Site, SiteInput
from .pages import entity_page, ontology_context, site_meta, timeline_items
from .paths import encode_segment, page_path, relative, safe_target
from .site_io import load_input, write_site

__all__ = ["SiteInput", "check_base", "highlight", "load_input", "page_path", "publish", "render_site",
           "safe_target", "sparql_examples", "write_site", "publish_dump"]


def render_site(data: SiteInput, templates: Path | None = None,
                progress: Callable[[Iterable, int, str], Iterable] | None = None) -> Iterator[tuple[str, str | Path]]:
    """Every file of the site as (relative path, text); a Path value means "copy this dump file".

    Pure: reads nothing but `data` and the templates, so the same input gives the same bytes.
    """
    site = Site(data, templates)
    counts: dict[str, int] = defaultdict(int)
    for iri in site.pages:
        counts[site.kind[iri]] += 1
    entries = sorted(site.pages.items())
    for iri, path in (progress(entries, len(entries), "publish") if progress else entries):
        html, turtle, jsonld = entity_page(site, iri)
        stem = path[:-5]
        yield path, html
        yield stem + ".ttl", turtle
        yield stem + ".jsonld", jsonld
    by_class = {cls: sorted((site.label(i), relative(p, "index.html")) for i, p in site.pages.items()
                            if site.kind[i] == cls) for cls in CLASSES}
    sparql = sparql_examples(site)
    for name, query in sparql:
        yield f"sparql/{name}", query
    dumps = [(name, f"data/{encode_segment(Path(name).stem)}{Path(name).suffix}", size)
             for name, size in sorted(data.dumps.items())]
    yield "dcat.ttl", dcat_turtle(site, counts)
    yield "index.html", site.render("index.html", site=site_meta(site), up="", by_class=by_class,
                                    counts=[(c, counts.get(c, 0)) for c in CLASSES], dumps=dumps, sparql=sparql,
                                    jsonld=dataset_jsonld(site, counts), has_void="void.ttl" in data.dumps,
                                    modified=data.modified)
    items = timeline_items(site)
    used_states = {key for it in items for key in it["states"]}
    used_instruments = {key for it in items for key in it["instruments"]}
    states = sorted({(site.label(i), key) for i, k in site.kind.items()
                     if k == "State" and (key := encode_segment(i)) in used_states})
    instruments = sorted({(site.label(i), key) for i, k in site.kind.items()
                          if k == "Instrument" and (key := encode_segment(i)) in used_instruments})
    page = {"@context": {"@vocab": SCHEMA}, "@type": "WebPage", "name": "Timeline of treaty actions, instrument "
            "dates and events", "about": {"@id": site.base + "dataset", "@type": "Dataset",
                                          "name": "refugee-ld knowledge graph"}}
    yield "timeline.html", site.render("timeline.html", site=site_meta(site), up="", items=items, states=states,
                                       instruments=instruments, chart=timeline_chart(items), jsonld=json_script(page))
    onto = ontology_context(site)
    term_set = {"@context": {"@vocab": SCHEMA}, "@type": "DefinedTermSet", "@id": onto["ontology_iri"] or RLD,
                "name": onto["title"] or "refugee-ld ontology",
                "hasDefinedTerm": [{"@type": "DefinedTerm", "@id": e["iri"], "name": e["label"] or e["id"],
                                    "description": e["comment"]} for e in onto["classes"] + onto["properties"]]}
    yield "ontology.html", site.render("ontology.html", site=site_meta(site), up="", jsonld=json_script(term_set),
                                       **onto)
    yield "style.css", site.env.loader.get_source(site.env, "style.css")[0]  # type: ignore[union-attr]
    yield "context.jsonld", json.dumps(jsonld_context(site.prefixes), indent=1) + "\n"
    for name, _, _ in dumps:
        yield f"data/{encode_segment(Path(name).stem)}{Path(name).suffix}", Path(name)


def sparql_examples(site: Site) -> list[tuple[str, str]]:
    """The example queries shipped beside the templates (overridable like them), in file-name order."""
    found: dict[str, str] = {}
    for folder in [TEMPLATES / "sparql", *([site.template_dir / "sparql"] if site.template_dir else [])]:
        if folder.is_dir():
            for file in sorted(folder.glob("*.rq")):
                if re.fullmatch(r"[A-Za-z0-9-]+\.rq", file.name):
                    found[file.name] = file.read_text(encoding="utf-8")
    return sorted(found.items())


def check_base(site_input: SiteInput, data: Path) -> None:
    """Refuse a dump with no entity under the base IRI: an empty site would replace a good one and say nothing."""
    classes = {RLD + c for c in ("State", "Agency", "Instrument", "Event", "Person", "Place")}
    entities = {q.s.value for q in site_input.quads if q.p.value == RDF + "type" and q.o.value in classes}
    if any(iri.startswith(site_input.base) for iri in entities):
        return
    counts: dict[str, int] = {}
    for iri in entities:
        for kind in ("state", "agency", "instrument", "event", "person", "place"):
            cut = iri.rfind(f"/{kind}/")
            if cut > 0:
                counts[iri[:cut + 1]] = counts.get(iri[:cut + 1], 0) + 1
    found = sorted(counts, key=lambda b: (-counts[b], b))
    hint = f"its entities are under {found[0]} (pass --base-iri {found[0]})" if found else "it has no entities"
    raise InputError(data, f"no entity under the base IRI {site_input.base}; {hint}")


def publish(data: Path, out: Path, base: str = DEFAULT_BASE, templates: Path | None = None,
            documents: list[Path] | None = None, show_progress: bool | None = None) -> int:
    """Write the site for the dump `data` into `out`; returns the number of entity and document pages."""
    from ..progress import bar as progress_bar

    if templates is not None and not Path(templates).is_dir():
        raise InputError(templates, "templates folder not found")
    site_input = load_input(Path(data), base, documents)
    check_base(site_input, Path(data))
    pages = 0

    def counted(files: Iterable[tuple[str, str | Path]]) -> Iterator[tuple[str, str | Path]]:
        nonlocal pages
        for rel, content in files:
            if rel.endswith(".html") and "/" in rel:
                pages += 1
            yield rel, content

    def bar(items: Iterable, total: int, label: str) -> Iterable:
        return progress_bar(items, total, label, show_progress)

    write_site(counted(render_site(site_input, templates, bar)), out, site_input.dump_dir)
    for warning in site_input.warnings:
        import sys

        print(f"warning: {warning}", file=sys.stderr)
    return pages


def publish_dump(data: Path | None, out: Path, *, base: str | None = None, templates: Path | None = None,
                 documents: list[Path] | None = None) -> int:
    """`publish` for what a user names: a dump folder or RDF file (default dist/), size and parser limits checked."""
    from ..limits import check_rdf_inputs, parser_bounds
    from ..progress import timed
    from ..rdf.rdfio import resolve_data_paths

    preferred = ("dataset.nq", "graph.nt", "graph.ttl")
    path = data or Path("dist")
    if (data is not None and not data.is_dir()) or not path.is_dir():
        path = resolve_data_paths([path], Path("dist"), preferred)[0]
    base = base or DEFAULT_BASE
    check_rdf_inputs([path])
    with parser_bounds(path):
        return timed("publish", publish)(path, out, base if base.endswith(("/", "#")) else base + "/", templates,
                                         documents)
