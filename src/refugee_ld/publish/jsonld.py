"""Machine-readable entity descriptions: the entity's own triples as JSON-LD, and a schema.org node for crawlers.
"""
from __future__ import annotations

import json
from collections.abc import Callable

from ..rdf.terms import DCTERMS, OWL, RDF, RLD, SCHEMA, SKOS, XSD
from .model import (
    Site,
)

SCHEMA_TYPES = {"State": ["Country"], "Agency": ["GovernmentOrganization"], "Instrument": ["Legislation"],
                 "Event": ["Event"], "Person": ["Person"], "Place": ["Place"], "Document": ["Report"]}


def json_script(document: dict) -> str:
    """JSON for a <script> element: `<`, `>` and `&` escaped so no text from the data can end the element."""
    text = json.dumps(document, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def entity_jsonld(site: Site, iri: str) -> dict:
    """The entity's own triples as flattened JSON-LD with the context inline (the shape of graph.jsonld)."""
    c = site.compactor
    node: dict = {"@id": c.iri(iri) or iri}
    for _s, p, o in sorted(site.g.triples[iri]):
        if p.value == RDF + "type" and o.kind == 0:
            node.setdefault("@type", []).append(c.iri(o.value) or o.value)
            continue
        if o.kind == 0:
            value: dict = {"@id": c.iri(o.value) or o.value}
        elif o.lang:
            value = {"@value": o.value, "@language": o.lang}
        elif o.datatype and o.datatype != XSD + "string":
            value = {"@value": o.value, "@type": c.iri(o.datatype) or o.datatype}
        else:
            value = {"@value": o.value}
        node.setdefault(c.iri(p.value) or p.value, []).append(value)
    return {"@context": dict(sorted(site.prefixes.items())), "@graph": [node]}


def schema_node(site: Site, iri: str, path: str, entity_doc: dict | None = None) -> dict:
    """The entity's own triples as one JSON-LD node, plus schema.org types and properties a crawler reads.

    `@vocab` is schema.org, so plain keys ("name", "startDate") are schema.org terms and every rld:/rdfs:
    key stays a prefixed name: expanding the node gives exactly the entity's triples plus schema.org ones.
    """
    g, c, kind = site.g, site.compactor, site.kind[iri]
    node = dict((entity_doc or entity_jsonld(site, iri))["@graph"][0])
    types = node.pop("@type", [])
    schema_types = list(SCHEMA_TYPES[kind])
    if kind == "Agency" and RLD + "GovernmentBody" not in g.types(iri):
        schema_types = ["Organization"]
    extra: dict[str, object] = {"name": site.label(iri)}
    _put(extra, "alternateName", [o.value for o in g.objects(iri, SKOS + "altLabel")])
    _put(extra, "sameAs", [{"@id": c.iri(o.value) or o.value} for o in g.objects(iri, OWL + "sameAs") if o.kind == 0])
    kind_props = _KIND_PROPS.get(kind)
    if kind_props is not None:
        extra.update(kind_props(site, iri))
    if kind != "Document":
        _put(extra, "subjectOf", [_ref(site, d) for d in sorted(set(g.subjects(RLD + "mentions", iri)))])
    if path:
        extra["url"] = {"@id": page_url(site, iri)}
    context = {"@vocab": SCHEMA, **{p: ns for p, ns in sorted(site.prefixes.items())}}
    return {"@context": context, "@id": node.pop("@id"), "@type": [*schema_types, *types], **extra, **node}


def _put(extra: dict[str, object], key: str, values: list) -> None:
    """Add a schema.org property only when it has values (an empty list says nothing)."""
    if values:
        extra[key] = values


def _typed_values(site: Site, iri: str, prop: str) -> list[dict]:
    c = site.compactor
    return [{"@value": o.value, "@type": c.iri(o.datatype) or o.datatype} for o in site.g.objects(iri, RLD + prop)]


def _event_props(site: Site, iri: str) -> dict[str, object]:
    g = site.g
    extra: dict[str, object] = {}
    for prop in ("startDate", "endDate"):
        _put(extra, prop, _typed_values(site, iri, prop))
    _put(extra, "location", [_ref(site, o.value, "Place") for o in g.objects(iri, RLD + "location")])
    _put(extra, "organizer", [_ref(site, o.value) for o in g.objects(iri, RLD + "organizer")])
    _put(extra, "attendee", [_ref(site, o.value) for o in g.objects(iri, RLD + "participant")])
    extra["eventStatus"] = {"@id": SCHEMA + "EventScheduled"}
    return extra


def _person_props(site: Site, iri: str) -> dict[str, object]:
    g = site.g
    extra: dict[str, object] = {}
    posts = [o.value for o in g.objects(iri, RLD + "holdsPost")]
    if posts:
        extra["jobTitle"] = sorted({site.label(p) for p in posts})
        _put(extra, "affiliation", [_ref(site, g.value(p, RLD + "organisation")) for p in posts
                                    if g.value(p, RLD + "organisation")])
    return extra


def _instrument_props(site: Site, iri: str) -> dict[str, object]:
    extra: dict[str, object] = {}
    for prop, key in (("adoptionDate", "legislationDate"), ("entryIntoForceDate", "legislationDateVersion")):
        _put(extra, key, _typed_values(site, iri, prop))
    return extra


def _document_props(site: Site, iri: str) -> dict[str, object]:
    g, c = site.g, site.compactor
    extra: dict[str, object] = {"headline": g.value(iri, DCTERMS + "title")[:110]}
    date = g.one(iri, DCTERMS + "date")
    if date:
        extra["datePublished"] = {"@value": date.value, "@type": c.iri(date.datatype) or date.datatype}
    publisher = g.value(iri, DCTERMS + "publisher")
    if publisher:
        extra["publisher"] = {"@type": "Organization", "name": publisher}
    source = g.value(iri, DCTERMS + "source")
    if source.startswith(("http://", "https://")):
        extra["isBasedOn"] = {"@id": source}
    _put(extra, "citation", [_ref(site, o.value) for o in g.objects(iri, RLD + "mentions")
                             if site.kind.get(o.value) == "Instrument"])
    extra["inLanguage"] = g.value(iri, DCTERMS + "language") or "en"
    return extra


_KIND_PROPS: dict[str, Callable[[Site, str], dict[str, object]]] = {
    "Event": _event_props, "Person": _person_props, "Instrument": _instrument_props, "Document": _document_props}


def page_url(site: Site, iri: str) -> str:
    """Where the page lives when the site is served at the dataset's base (the entity IRI plus `.html`)."""
    return site.base + site.pages[iri]


def _ref(site: Site, iri: str, schema_type: str | None = None) -> dict:
    kind = site.kind.get(iri)
    if schema_type is None:
        schema_type = {"State": "Country", "Agency": "Organization", "Person": "Person", "Place": "Place",
                       "Instrument": "Legislation", "Document": "Report", "Event": "Event"}.get(kind or "", "Thing")
    ref: dict[str, object] = {"@id": site.compactor.iri(iri) or iri, "@type": schema_type, "name": site.label(iri)}
    if schema_type == "Place" and kind in ("Place", "State"):
        country = site.g.value(iri, RLD + "country")
        ref["address"] = {"@type": "PostalAddress", "addressLocality": site.label(iri)} if not country else {
            "@type": "PostalAddress", "addressLocality": site.label(iri), "addressCountry": site.label(country)}
    return ref
