"""Entity, document, timeline and ontology pages: the context each template is rendered with.
"""
from __future__ import annotations

import json

from ..rdf.serialize import to_turtle
from ..rdf.terms import DCTERMS, OWL, PROV, RDF, RDFS, RLD, SKOS
from .documents import document_context, fact_summary
from .facts_view import entity_sections
from .jsonld import entity_jsonld, json_script, schema_node
from .model import (
    DATE_KINDS,
    Link,
    Site,
    Source,
    dedupe,
    year_of,
)
from .paths import encode_segment


def _generic_rows(site: Site, iri: str, path: str) -> list[dict]:
    """Every triple of the entity, as a table users can fall back on (all statements, nothing hidden)."""
    rows = []
    for _s, p, o in sorted(site.g.triples[iri], key=lambda t: (t[1].value, t[2])):
        prop = site.labels.get(p.value) or site.compactor.iri(p.value) or p.value
        value = site.link(o.value, path) if o.kind == 0 else Link(o.value + (f" ({o.lang})" if o.lang else ""))
        rows.append({"prop": prop, "value": value})
    return rows


def entity_page(site: Site, iri: str) -> tuple[str, str, str]:
    """(html, turtle, json-ld) of one entity page."""
    path = site.pages[iri]
    kind = site.kind[iri]
    stem = path.rsplit("/", 1)[-1][:-5]
    triples = sorted(site.g.triples[iri])
    turtle = to_turtle([], site.prefixes, triples)
    doc = entity_jsonld(site, iri)
    jsonld = json.dumps(doc, ensure_ascii=False) + "\n"
    script = json_script(schema_node(site, iri, path, doc))
    subtypes = sorted(site.label(t) for t in site.g.types(iri) if t.startswith(RLD) and t[len(RLD):] != kind)
    common = {"site": site_meta(site), "up": "../" * path.count("/"), "iri": iri, "kind": kind,
              "label": site.label(iri), "subtypes": subtypes, "stem": stem, "jsonld": script,
              "alt_labels": sorted(o.value for o in site.g.objects(iri, SKOS + "altLabel")),
              "wikidata": [o.value for o in site.g.objects(iri, OWL + "sameAs") if o.value.startswith("http")],
              "statements": _generic_rows(site, iri, path),
              "mentioned_in": sorted((site.doc_source(d, path) for d in site.g.subjects(RLD + "mentions", iri)),
                                     key=lambda s: (s.date, s.doc.text))}
    if kind == "Document":
        html = site.render("document.html", **common, **document_context(site, iri, path))
    else:
        html = site.render("entity.html", **common, sections=entity_sections(site, iri, path),
                           reported_by=reported_by(site, iri, path) if kind == "Event" else [],
                           quotes=_entity_quotes(site, iri, path) if kind == "Event" else [])
    return html, turtle, jsonld


def reported_by(site: Site, iri: str, path: str) -> list[Source]:
    docs = {o.value for o in site.g.objects(iri, PROV + "wasDerivedFrom")}
    docs |= {site.g.value(e.value, PROV + "wasQuotedFrom") for e in site.g.objects(iri, RLD + "evidence")}
    return sorted((site.doc_source(d, path) for d in docs if d), key=lambda s: (s.date, s.doc.text))


def _entity_quotes(site: Site, iri: str, path: str) -> list[Source]:
    return site.fact_sources(iri, path)


def site_meta(site: Site) -> dict:
    return {"title": "refugee-ld", "base": site.base}


def timeline_items(site: Site) -> list[dict]:
    """Dated treaty actions, instrument dates and events, each with the states and instruments it involves."""
    g = site.g
    path = "timeline.html"
    items: dict[tuple, dict] = {}

    def add(kind: str, date: str, parts: list[Link], states: list[str], instruments: list[str],
            sources: list[Source]) -> None:
        key = (kind, date, tuple(p.text for p in parts))
        item = items.setdefault(key, {"kind": kind, "date": date, "parts": parts, "sources": [],
                                      "states": sorted({encode_segment(s) for s in states}),
                                      "instruments": sorted({encode_segment(i) for i in instruments}),
                                      "year": year_of(date) if date[:4].isdigit() else 0.0,
                                      "text": "".join(p.text for p in parts)})
        item["sources"] = dedupe(item["sources"] + sources)

    for fact, types in ((s, g.types(s)) for s in list(g.out)):
        if RLD + "TreatyAction" in types:
            state, instrument = g.value(fact, RLD + "state"), g.value(fact, RLD + "instrument")
            add("treaty action", g.value(fact, RLD + "date"), fact_summary(site, fact, path)[1][:3],
                [state], [instrument], site.fact_sources(fact, path))
        elif RLD + "InstrumentDate" in types:
            instrument = g.value(fact, RLD + "instrument")
            add("instrument date", g.value(fact, RLD + "date"), fact_summary(site, fact, path)[1][:1] + [
                Link(" " + DATE_KINDS.get(g.value(fact, RLD + "dateKind").rsplit("#", 1)[-1], ""))],
                [], [instrument], site.fact_sources(fact, path))
    for iri, kind in site.kind.items():
        if kind == "Instrument":
            for prop, name in DATE_KINDS.items():
                for o in g.objects(iri, RLD + prop):
                    add("instrument date", o.value, [site.link(iri, path), Link(" " + name)], [], [iri],
                        site.triple_sources(iri, RLD + prop, o, path))
        elif kind == "Event":
            dates = g.objects(iri, RLD + "startDate")
            date = max((d.value for d in dates), key=len) if dates else ""
            states = [o.value for p in ("organizer", "participant") for o in g.objects(iri, RLD + p)
                      if site.kind.get(o.value) == "State"]
            add("event", date, [site.link(iri, path)], states, [o.value for o in g.objects(iri, RLD + "adopted")],
                reported_by(site, iri, path))
    dated = [i for i in items.values() if i["date"]]
    return sorted(dated, key=lambda i: (i["date"], i["kind"], i["text"]))


def ontology_context(site: Site) -> dict:
    """Classes and properties of the rld: vocabulary found in the dump's ontology graph."""
    g = site.g
    classes, properties = [], []
    for s in sorted(g.out):
        if not s.startswith(RLD):
            continue
        types = g.types(s)
        entry = {"id": s[len(RLD):], "iri": s, "label": g.value(s, RDFS + "label"),
                 "comment": g.value(s, RDFS + "comment"),
                 "parents": [_vocab_link(site, o.value) for o in g.objects(s, RDFS + "subClassOf")],
                 "equivalent": [_vocab_link(site, o.value) for o in g.objects(s, OWL + "equivalentClass")
                                + g.objects(s, OWL + "equivalentProperty")],
                 "super": [_vocab_link(site, o.value) for o in g.objects(s, RDFS + "subPropertyOf")],
                 "domain": [_vocab_link(site, o.value) for o in g.objects(s, RDFS + "domain")],
                 "range": [_vocab_link(site, o.value) for o in g.objects(s, RDFS + "range")]}
        if OWL + "Class" in types or RDFS + "Class" in types:
            classes.append(entry)
        elif types & {OWL + "ObjectProperty", OWL + "DatatypeProperty", RDF + "Property", OWL + "AnnotationProperty"}:
            entry["kind"] = "object" if OWL + "ObjectProperty" in types else "datatype"
            properties.append(entry)
    ontology = next((s for s in g.out if OWL + "Ontology" in g.types(s)), "")
    return {"classes": classes, "properties": properties, "ontology_iri": ontology,
            "title": g.value(ontology, RDFS + "label") if ontology else "",
            "comment": g.value(ontology, RDFS + "comment") if ontology else "",
            "version": g.value(ontology, OWL + "versionInfo") if ontology else "",
            "license": g.value(ontology, DCTERMS + "license") if ontology else ""}


def _vocab_link(site: Site, iri: str) -> Link:
    if iri.startswith(RLD):
        return Link("rld:" + iri[len(RLD):], "#" + iri[len(RLD):])
    return Link(site.compactor.iri(iri) or iri, iri if iri.startswith("http") else None)
