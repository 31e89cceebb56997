"""Publishing: a static site of fact sheets, source documents, a timeline and machine-readable pages.

`render_site` is a pure function from a graph (quads, named graphs = provenance) and the documents' texts to
`(relative path, content)` pairs; `write_site` is the thin writer that checks every path stays inside the output
folder, stages the site beside it and swaps it in, so a reader never sees half a site.  Pages are Jinja2
templates shipped with the package (a publisher overrides any of them with `--templates DIR`); autoescaping is
on, so every text that comes from the data is escaped.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..text.loading import InputError
from ..rdf.serialize import Compactor, jsonld_context, prefixes_for, to_turtle
from ..rdf.terms import (
    DCTERMS,
    DEFAULT_BASE,
    OA,
    OWL,
    PROV,
    RDF,
    RDFS,
    RLD,
    SCHEMA,
    SKOS,
    XSD,
    Quad,
    Term,
)

CLASSES = ("State", "Agency", "Instrument", "Event", "Person", "Place", "Document")
DUMPS = ("graph.ttl", "graph.nt", "dataset.nq", "dataset.trig", "graph.jsonld", "context.jsonld", "void.ttl",
         "validation.ttl")
MEDIA_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples", ".nq": "application/n-quads",
               ".trig": "application/trig", ".jsonld": "application/ld+json"}
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MAX_TEXT_BYTES = 20 * 1024 * 1024
_EMPTY: list = []
_RESERVED = {"data", "sparql"}
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
_LABEL_PROPS = {RDFS + "label"}
_SCHEMA_TYPES = {"State": ["Country"], "Agency": ["GovernmentOrganization"], "Instrument": ["Legislation"],
                 "Event": ["Event"], "Person": ["Person"], "Place": ["Place"], "Document": ["Report"]}
_GROUPS = {"Refugees": "refugees", "AsylumSeekers": "asylum seekers", "StatelessPersons": "stateless persons",
           "Migrants": "migrants", "OtherGroup": "other group"}
_DATE_KINDS = {"adoptionDate": "adopted", "entryIntoForceDate": "entered into force",
               "signatureDate": "opened for signature"}


# ---------------------------------------------------------------------------------------------------- paths
def encode_segment(segment: str) -> str:
    """A file-name-safe, injective form of one IRI path segment: [A-Za-z0-9_-] kept, every other byte `~XX`.

    `.`, `..`, `%2F`, `/` and `~` all come out as plain letters, digits and tildes, so a page path can never
    climb out of the site or name a hidden file, and needs no escaping in a link; the empty segment becomes `~`
    (which no other segment produces, since every other `~` is followed by two hex digits).
    """
    if segment == "":
        return "~"
    return _UNSAFE.sub(lambda m: "".join(f"~{b:02X}" for b in m.group().encode("utf-8")), segment)


def page_path(iri: str, base: str) -> str | None:
    """Relative path of an IRI's page ('state/kazakhstan.html'); None for IRIs outside `base` or with a fragment."""
    if not iri.startswith(base) or "#" in iri or len(iri) == len(base):
        return None
    segments = [encode_segment(s) for s in iri[len(base):].split("/")]
    if len(segments) == 1 or segments[0] in _RESERVED:
        segments.insert(0, "~~")  # never an encoded segment: keeps index.html, dcat.ttl, data/ for the site
    return "/".join(segments) + ".html"


def relative(target: str, from_path: str) -> str:
    """A link from the page at `from_path` to the site path `target` (both relative to the site root)."""
    return "../" * from_path.count("/") + target


def safe_target(root: Path, rel: str) -> Path:
    """`root / rel`, refusing anything that is not a plain relative path staying inside `root`."""
    parts = rel.split("/")
    if rel.startswith("/") or any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in parts):
        raise ValueError(f"unsafe site path {rel!r}")
    target = root.joinpath(*parts)
    real_root = os.path.realpath(root)
    if os.path.commonpath([real_root, os.path.realpath(target)]) != real_root:
        raise ValueError(f"site path {rel!r} leaves the output folder")
    return target


# ---------------------------------------------------------------------------------------------------- graph
class Graph:
    """The union graph indexed both ways, remembering which named graphs (documents) assert each triple."""

    def __init__(self, quads: Iterable[Quad]) -> None:
        self.out: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.inc: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.graphs: dict[tuple[str, str, Term], set[str]] = defaultdict(set)
        self.triples: dict[str, set[tuple[Term, Term, Term]]] = defaultdict(set)
        for q in quads:
            key = (q.s.value, q.p.value, q.o)
            if key not in self.graphs:
                self.out[q.s.value][q.p.value].append(q.o)
                if q.o.kind == 0:
                    self.inc[q.o.value][q.p.value].append(q.s.value)
                self.triples[q.s.value].add((q.s, q.p, q.o))
            self.graphs[key]
            if q.g is not None:
                self.graphs[key].add(q.g.value)
        self.freeze()

    def objects(self, s: str, p: str) -> list[Term]:
        """Sorted objects (sorted once in `freeze`); callers never mutate the list."""
        props = self.out.get(s)
        return props.get(p, _EMPTY) if props else _EMPTY  # type: ignore[return-value]

    def one(self, s: str, p: str) -> Term | None:
        found = self.objects(s, p)
        return found[0] if found else None

    def value(self, s: str, p: str) -> str:
        found = self.objects(s, p)
        return found[0].value if found else ""

    def subjects(self, p: str, o: str) -> list[str]:
        props = self.inc.get(o)
        return props.get(p, _EMPTY) if props else _EMPTY  # type: ignore[return-value]

    def freeze(self) -> None:
        """Sort every object and subject list once, so lookups need not."""
        for props in self.out.values():
            for p in props:
                props[p].sort()
        for props in self.inc.values():
            for p in props:
                props[p] = sorted(set(props[p]))

    def types(self, s: str) -> set[str]:
        return {t.value for t in self.out.get(s, {}).get(RDF + "type", [])}


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None = None


@dataclass
class Source:
    doc: Link
    date: str = ""
    quote: str = ""
    href: str | None = None


@dataclass
class Claim:
    value: str
    sources: list[Source] = field(default_factory=list)


@dataclass
class Row:
    what: list[Link]
    claims: list[Claim]
    sort: tuple = ()

    @property
    def conflict(self) -> bool:
        """Two sources give values neither of which refines the other ("1998-12" vs "1999", not "2011-03" vs
        "2011-03-15"); a source that gives no value does not contradict one that does."""
        values = sorted({c.value for c in self.claims if c.value})
        return any(not b.startswith(a) and not a.startswith(b) for i, a in enumerate(values) for b in values[i + 1:])


@dataclass
class Section:
    id: str
    title: str
    rows: list[Row]
    value_header: str = "Value"
    chart: str = ""


@dataclass
class SiteInput:
    """Everything publishing needs: the quads, the documents' texts by file name, the dumps to offer."""

    quads: list[Quad]
    base: str = DEFAULT_BASE
    texts: dict[str, str] = field(default_factory=dict)
    dumps: dict[str, int] = field(default_factory=dict)
    modified: str = ""
    warnings: list[str] = field(default_factory=list)
    dump_dir: Path | None = None  # where the dumps named in `dumps` are copied from


class Site:
    """Per-render state: the graph, labels, page paths and the Jinja environment."""

    def __init__(self, data: SiteInput, templates: Path | None) -> None:
        from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

        self.data = data
        self.base = data.base
        self.g = Graph(data.quads)
        self.prefixes = prefixes_for(self.base)
        self.compactor = Compactor(self.prefixes)
        loaders = [FileSystemLoader(str(templates))] if templates else []
        self.env = Environment(loader=ChoiceLoader([*loaders, FileSystemLoader(str(TEMPLATES))]),
                               autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True)
        self.labels = {s: self.g.value(s, RDFS + "label") for s in self.g.out if self.g.one(s, RDFS + "label")}
        for s in self.g.out:
            title = self.g.value(s, DCTERMS + "title")
            if title:
                self.labels.setdefault(s, title)
        self.kind: dict[str, str] = {}
        for s, props in self.g.out.items():
            for t in sorted(o.value for o in props.get(RDF + "type", [])):
                if t.startswith(RLD) and t[len(RLD):] in CLASSES:
                    self.kind.setdefault(s, t[len(RLD):])
        self.pages = {s: p for s in self.kind if (p := page_path(s, self.base))}
        self.template_dir = templates
        self._evidence_by_doc: dict[str, dict[str, list[str]]] = {}

    # links and sources
    def label(self, iri: str) -> str:
        if iri in self.labels:
            return self.labels[iri]
        if iri.startswith(RLD):
            return _words(iri[len(RLD):])
        return self.compactor.iri(iri) or iri

    def link(self, iri: str, from_path: str) -> Link:
        target = self.pages.get(iri)
        if target is not None:
            return Link(self.label(iri), relative(target, from_path))
        if iri.startswith(("http://", "https://")) and not iri.startswith(self.base):
            return Link(self.label(iri), iri)
        return Link(self.label(iri))

    def evidence_href(self, evidence: str, from_path: str) -> str | None:
        """The in-site address of an evidence IRI: its document's page plus the same `#char=s,e` fragment."""
        doc = self.g.value(evidence, PROV + "wasQuotedFrom") or evidence.split("#", 1)[0]
        target = self.pages.get(doc)
        if target is None:
            return None
        return relative(target, from_path) + "#" + _fragment(self.g, evidence)

    def doc_source(self, doc: str, from_path: str, evidence: str | None = None) -> Source:
        if self.kind.get(doc) != "Document":
            name = "curated " + doc.rsplit("/", 1)[-1] if doc.startswith(self.base + "graph/") else self.label(doc)
            return Source(Link(name))
        source = Source(self.link(doc, from_path), self.g.value(doc, DCTERMS + "date"))
        if evidence:
            source.quote = self.g.value(evidence, OA + "exact")
            source.href = self.evidence_href(evidence, from_path)
        return source

    def fact_sources(self, fact: str, from_path: str) -> list[Source]:
        """One source per evidence quote of a fact node, plus its documents that gave no quote."""
        sources = []
        quoted = set()
        for ev in sorted(self.g.objects(fact, RLD + "evidence"), key=lambda t: _span_key(self.g, t.value)):
            doc = self.g.value(ev.value, PROV + "wasQuotedFrom")
            quoted.add(doc)
            sources.append(self.doc_source(doc, from_path, ev.value))
        for doc in self.g.objects(fact, PROV + "wasDerivedFrom"):
            if doc.value not in quoted:
                sources.append(self.doc_source(doc.value, from_path))
        return sources

    def triple_sources(self, s: str, p: str, o: Term, from_path: str, hint: str = "") -> list[Source]:
        """Sources of a direct triple: the named graphs asserting it, each with a quote of `s` from that document."""
        sources = []
        for graph in sorted(self.g.graphs.get((s, p, o), ())):
            evidence = None
            if self.kind.get(graph) == "Document":
                evidence = self._quote_in(s, graph, hint)
            sources.append(self.doc_source(graph, from_path, evidence))
        return sources

    def _quote_in(self, s: str, doc: str, hint: str) -> str | None:
        by_doc = self._evidence_by_doc.get(s)
        if by_doc is None:
            by_doc = self._evidence_by_doc[s] = defaultdict(list)
            for e in sorted((e.value for e in self.g.objects(s, RLD + "evidence")),
                            key=lambda e: _span_key(self.g, e)):
                by_doc[self.g.value(e, PROV + "wasQuotedFrom")].append(e)
        candidates = by_doc.get(doc)
        if not candidates:
            return None
        if hint:
            for e in candidates:
                if hint.lower() in self.g.value(e, OA + "exact").lower():
                    return e
        return candidates[0]

    def render(self, template: str, **context: object) -> str:
        return self.env.get_template(template).render(**context)


def _words(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _fragment(g: Graph, evidence: str) -> str:
    if "#" in evidence:
        return evidence.split("#", 1)[1]
    return f"char={g.value(evidence, OA + 'start')},{g.value(evidence, OA + 'end')}"


def _span_key(g: Graph, evidence: str) -> tuple:
    start = g.value(evidence, OA + "start")
    return (g.value(evidence, PROV + "wasQuotedFrom"), int(start) if start.isdigit() else 0, evidence)


def _merge(claims: dict[str, list[Source]]) -> list[Claim]:
    return [Claim(v, _dedupe(s)) for v, s in sorted(claims.items(), key=lambda kv: _date_sort(kv[0]))]


def _dedupe(sources: list[Source]) -> list[Source]:
    seen, out = set(), []
    for s in sources:
        key = (s.doc, s.quote, s.href)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _date_sort(value: str) -> tuple:
    return (value == "", value)


# ---------------------------------------------------------------------------------------------------- fact sheets
def _treaty_rows(site: Site, actions: list[str], by: str, path: str) -> list[Row]:
    """Treaty actions grouped by (other side, action); several dates for one group are conflicting claims."""
    g = site.g
    groups: dict[tuple[str, str], dict[str, list[Source]]] = defaultdict(lambda: defaultdict(list))
    for fact in actions:
        other = g.value(fact, RLD + by)
        action = g.value(fact, RLD + "action")
        date = g.value(fact, RLD + "date")
        groups[(other, action)][date] += site.fact_sources(fact, path)
    rows = []
    for (other, action), claims in groups.items():
        what = [site.link(other, path), Link(" — " + site.label(action))]
        rows.append(Row(what, _merge(claims), (site.label(other).lower(), action)))
    return sorted(rows, key=lambda r: r.sort)


def _party_without_action(site: Site, pairs: list[tuple[str, str]], covered: set[tuple[str, str]],
                          path: str, other_is_object: bool) -> list[Row]:
    rows = []
    for state, instrument in pairs:
        if (state, instrument) in covered:
            continue
        other = instrument if other_is_object else state
        sources = site.triple_sources(state, RLD + "partyTo", Term(0, instrument), path,
                                      site.label(instrument if not other_is_object else state))
        rows.append(Row([site.link(other, path), Link(" — party")], [Claim("", sources)],
                        (site.label(other).lower(),)))
    return sorted(rows, key=lambda r: r.sort)


def _direct_claims(site: Site, s: str, p: str, path: str) -> list[Claim]:
    claims: dict[str, list[Source]] = defaultdict(list)
    for o in site.g.objects(s, p):
        value = site.label(o.value) if o.kind == 0 else o.value
        claims[value] += site.triple_sources(s, p, o, path)
    return _merge(claims)


def _figure_rows(site: Site, figures: list[str], path: str, with_place: bool) -> tuple[list[Row], list[tuple]]:
    g = site.g
    groups: dict[tuple[str, str, str], dict[str, list[Source]]] = defaultdict(lambda: defaultdict(list))
    points = []
    for fact in figures:
        group = g.value(fact, RLD + "populationGroup")
        place = g.value(fact, RLD + "place")
        date = g.value(fact, RLD + "date")
        count = g.value(fact, RLD + "count")
        approx = g.value(fact, RLD + "approximate") == "true"
        sources = site.fact_sources(fact, path)
        shown = f"{'about ' if approx else ''}{int(count):,}" if count.lstrip("-").isdigit() else count
        groups[(place if with_place else "", group, date)][shown] += sources
        when = date or next((s.date for s in sources if s.date), "")
        if count.isdigit() and when:
            points.append((_year(when), int(count), _GROUPS.get(group.rsplit("#", 1)[-1], site.label(group)),
                           when, bool(date)))
    rows = []
    for (place, group, date), claims in groups.items():
        what = [Link(_GROUPS.get(group.rsplit("#", 1)[-1], site.label(group)))]
        if place:
            what += [Link(" in "), site.link(place, path)]
        what.append(Link(f" ({date})" if date else " (no date given)"))
        rows.append(Row(what, _merge(claims), (date == "", date, site.label(group))))
    return sorted(rows, key=lambda r: r.sort), points


def _year(date: str) -> float:
    parts = [int(p) for p in date.split("-")[:3] if p.isdigit()]
    year = parts[0] if parts else 0
    month = parts[1] if len(parts) > 1 else 6.5
    return year + (month - 1) / 12


def _event_rows(site: Site, iri: str, path: str) -> list[Row]:
    """Events the entity organised, took part in, or that took place there."""
    g = site.g
    roles = {RLD + "organizer": "organiser", RLD + "cosponsor": "cosponsor", RLD + "supporter": "supporter",
             RLD + "participant": "participant", RLD + "location": "venue"}
    rows = []
    by_event: dict[str, list[str]] = defaultdict(list)
    for prop in roles:
        for event in g.subjects(prop, iri):
            if site.kind.get(event) == "Event":
                by_event[event].append(prop)
    for event, props in by_event.items():
        claims: dict[str, list[Source]] = defaultdict(list)
        for prop in props:
            claims[roles[prop]] += site.triple_sources(event, prop, Term(0, iri), path, site.label(iri))
        date = g.value(event, RLD + "startDate")
        what = [site.link(event, path), Link(f" ({date})" if date else "")]
        merged = [Claim(", ".join(roles[p] for p in props), _dedupe([s for c in claims.values() for s in c]))]
        rows.append(Row(what, merged, (date == "", date, site.label(event))))
    return sorted(rows, key=lambda r: r.sort)


def _post_rows(site: Site, posts: list[str], path: str, show: str) -> list[Row]:
    g = site.g
    rows = []
    for post in posts:
        holders = g.subjects(RLD + "holdsPost", post) or [""]
        org = g.value(post, RLD + "organisation")
        start = g.value(post, RLD + "startDate")
        for person in holders:
            what: list[Link] = []
            if show in ("person", "both") and person:
                what += [site.link(person, path), Link(" — ")]
            what.append(Link(site.label(post)))
            if show in ("organisation", "both") and org:
                what += [Link(", "), site.link(org, path)]
            rows.append(Row(what, [Claim(f"since {start}" if start else "", site.fact_sources(post, path))],
                            (start == "", start, site.label(person).lower(), site.label(post))))
    return sorted(rows, key=lambda r: r.sort)


def _link_rows(site: Site, s: str, p: str, path: str, incoming: bool = False) -> list[Row]:
    rows = []
    if incoming:
        for other in site.g.subjects(p, s):
            sources = site.triple_sources(other, p, Term(0, s), path, site.label(s))
            rows.append(Row([site.link(other, path)], [Claim("", sources)], (site.label(other).lower(),)))
    else:
        for o in site.g.objects(s, p):
            if o.kind != 0:
                continue
            sources = site.triple_sources(s, p, o, path, site.label(o.value))
            rows.append(Row([site.link(o.value, path)], [Claim("", sources)], (site.label(o.value).lower(),)))
    return sorted(rows, key=lambda r: r.sort)


def _facts_of(site: Site, cls: str, prop: str, iri: str) -> list[str]:
    return [f for f in site.g.subjects(RLD + prop, iri) if RLD + cls in site.g.types(f)]


def entity_sections(site: Site, iri: str, path: str) -> list[Section]:
    """The fact sheet of one entity, grouped by kind of fact; empty groups are left out."""
    g, kind = site.g, site.kind[iri]
    sections: list[Section] = []
    if kind == "State":
        actions = _facts_of(site, "TreatyAction", "state", iri)
        rows = _treaty_rows(site, actions, "instrument", path)
        covered = {(iri, g.value(a, RLD + "instrument")) for a in actions}
        pairs = [(iri, o.value) for o in g.objects(iri, RLD + "partyTo")]
        rows += _party_without_action(site, pairs, covered, path, other_is_object=True)
        sections.append(Section("treaty-actions", "Treaty actions", rows, "Date"))
    if kind == "Instrument":
        actions = _facts_of(site, "TreatyAction", "instrument", iri)
        rows = _treaty_rows(site, actions, "state", path)
        covered = {(g.value(a, RLD + "state"), iri) for a in actions}
        pairs = [(s, iri) for s in g.subjects(RLD + "partyTo", iri)]
        rows += _party_without_action(site, pairs, covered, path, other_is_object=False)
        sections.append(Section("states-party", "States party and other treaty actions", rows, "Date"))
        sections.append(Section("dates", "Dates", _instrument_date_rows(site, iri, path), "Date"))
        sections.append(Section("adopted-at", "Adopted at", _link_rows(site, iri, RLD + "adopted", path, True)))
        sections.append(Section("adopted-by", "Adopted by", _link_rows(site, iri, RLD + "adoptedBy", path)))
    if kind == "Event":
        rows = []
        for prop, name in (("startDate", "starts"), ("endDate", "ends")):
            claims = _direct_claims(site, iri, RLD + prop, path)
            if claims:
                rows.append(Row([Link(name)], claims))
        place_claims = _direct_claims(site, iri, RLD + "location", path)
        if place_claims:
            place_links = {site.label(o.value): site.link(o.value, path) for o in g.objects(iri, RLD + "location")}
            rows.append(Row([Link("place: ")] + [place_links[c.value] for c in place_claims if c.value in place_links],
                            place_claims))
        sections.append(Section("when-where", "When and where", rows))
        for prop, title in (("organizer", "Organisers"), ("cosponsor", "Cosponsors"), ("supporter", "Supporters"),
                            ("participant", "Participants"), ("adopted", "Instruments adopted")):
            sections.append(Section(prop, title, _link_rows(site, iri, RLD + prop, path)))
    if kind in ("State", "Agency", "Person", "Place"):
        sections.append(Section("events", "Events", _event_rows(site, iri, path), "Role"))
    if kind in ("State", "Place"):
        figures = _facts_of(site, "PopulationFigure", "place", iri)
        rows, points = _figure_rows(site, figures, path, with_place=False)
        sections.append(Section("population", "Population figures", rows, "Count",
                                population_chart(points, site.label(iri))))
    if kind in ("State", "Agency"):
        posts = [p for p in g.subjects(RLD + "organisation", iri) if RLD + "Post" in g.types(p)]
        sections.append(Section("officials", "Officials", _post_rows(site, posts, path, "person"), "Since"))
    if kind == "Person":
        posts = [o.value for o in g.objects(iri, RLD + "holdsPost")]
        sections.append(Section("posts", "Posts", _post_rows(site, posts, path, "organisation"), "Since"))
    if kind == "Place":
        sections.append(Section("cities", "Places here", _link_rows(site, iri, RLD + "country", path, True)))
    if kind == "State":
        sections.append(Section("cities", "Cities", _link_rows(site, iri, RLD + "country", path, True)))
    if kind == "Agency":
        sections.append(Section("part-of", "Part of", _link_rows(site, iri, RLD + "partOf", path)))
        sections.append(Section("units", "Units", _link_rows(site, iri, RLD + "partOf", path, True)))
        sections.append(Section("adopted", "Instruments it adopted",
                                _link_rows(site, iri, RLD + "adoptedBy", path, True)))
    return [s for s in sections if s.rows]


def _instrument_date_rows(site: Site, iri: str, path: str) -> list[Row]:
    g = site.g
    rows = []
    facts = _facts_of(site, "InstrumentDate", "instrument", iri)
    for prop, name in _DATE_KINDS.items():
        claims: dict[str, list[Source]] = defaultdict(list)
        for fact in facts:
            if g.value(fact, RLD + "dateKind") == RLD + prop:
                claims[g.value(fact, RLD + "date")] += site.fact_sources(fact, path)
        for o in g.objects(iri, RLD + prop):
            claims[o.value] += site.triple_sources(iri, RLD + prop, o, path)
        if claims:
            rows.append(Row([Link(name)], _merge(claims)))
    return rows


# ---------------------------------------------------------------------------------------------------- charts
def population_chart(points: list[tuple], place: str) -> str:
    """A small static SVG line chart of counts over time, one line per population group (escaped text)."""
    from markupsafe import escape

    if not points:
        return ""
    width, height, pad = 520, 220, 48
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1 = min(xs) - 0.5, max(xs) + 0.5
    y1 = max(ys) * 1.1 or 1

    def px(x: float) -> float:
        return round(pad + (x - x0) / (x1 - x0) * (width - 2 * pad), 1)

    def py(y: float) -> float:
        return round(height - pad - y / y1 * (height - 2 * pad), 1)

    colours = ["#1f5fa8", "#b5462b", "#2e7d32", "#7b3f9e", "#8a6d00"]
    groups = sorted({p[2] for p in points})
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" aria-labelledby="chart-title">')
    parts = [svg,
             f'<title id="chart-title">Population figures for {escape(place)} over time</title>',
             f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#555"/>',
             f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#555"/>',
             f'<text x="{pad}" y="{height - pad + 16}" font-size="11">{int(min(xs))}</text>',
             f'<text x="{width - pad}" y="{height - pad + 16}" font-size="11" text-anchor="end">{int(max(xs))}</text>',
             f'<text x="{pad - 4}" y="{pad + 4}" font-size="11" text-anchor="end">{int(y1):,}</text>',
             f'<text x="{pad - 4}" y="{height - pad}" font-size="11" text-anchor="end">0</text>']
    for i, group in enumerate(groups):
        colour = colours[i % len(colours)]
        mine = sorted(p for p in points if p[2] == group)
        if len(mine) > 1:
            coords = " ".join(f"{px(p[0])},{py(p[1])}" for p in mine)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{coords}"/>')
        for p in mine:
            label = f"{p[2]}: {p[1]:,} ({p[3]}{'' if p[4] else ', date of the source'})"
            parts.append(f'<circle cx="{px(p[0])}" cy="{py(p[1])}" r="4" fill="{colour}"><title>{escape(label)}'
                         f"</title></circle>")
        parts.append(f'<text x="{width - pad + 4}" y="{pad + 14 * i}" font-size="11" fill="{colour}">'
                     f"{escape(group)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def timeline_chart(items: list[dict]) -> str:
    """A static SVG strip: one tick per year, one dot per dated item, coloured by kind."""
    from markupsafe import escape

    dated = [i for i in items if i["year"]]
    if not dated:
        return ""
    years = [i["year"] for i in dated]
    y0, y1 = int(min(years)), int(max(years)) + 1
    width, height, pad = 900, 140, 30
    colours = {"treaty action": "#1f5fa8", "instrument date": "#b5462b", "event": "#2e7d32"}
    rows = {"treaty action": 40, "instrument date": 70, "event": 100}

    def px(x: float) -> float:
        return round(pad + (x - y0) / max(y1 - y0, 1) * (width - 2 * pad), 1)

    step = max(1, (y1 - y0) // 12)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" aria-labelledby="timeline-title">')
    title = (f'<title id="timeline-title">Timeline of {len(dated)} dated treaty actions, instrument dates and '
             f"events, {y0} to {y1 - 1}</title>")
    parts = [svg, title,
             f'<line x1="{pad}" y1="{height - 20}" x2="{width - pad}" y2="{height - 20}" stroke="#555"/>']
    for year in range(y0, y1 + 1, step):
        parts.append(f'<text x="{px(year)}" y="{height - 6}" font-size="10" text-anchor="middle">{year}</text>')
    for kind, y in rows.items():
        parts.append(f'<text x="{pad}" y="{y - 8}" font-size="10" fill="{colours[kind]}">{kind}s</text>')
    for item in dated:
        parts.append(f'<circle cx="{px(item["year"])}" cy="{rows[item["kind"]]}" r="3.5" '
                     f'fill="{colours[item["kind"]]}" fill-opacity="0.7"><title>{escape(item["date"])}: '
                     f"{escape(item['text'])}</title></circle>")
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------- documents
def highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The text as escaped HTML with every span in a <mark>; the first piece of each span carries its id.

    Spans may nest or cross: a crossing span is closed and reopened around the other (the continuation pieces
    carry `data-of` instead of the id), and at one position the longer span opens first, so it stays outside.
    """
    from markupsafe import escape

    valid = sorted({(s, e, i) for s, e, i in spans if 0 <= s < e <= len(text)}, key=lambda x: (x[0], -x[1], x[2]))
    starts: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for span in valid:
        starts[span[0]].append(span)
    bounds = sorted({0, len(text)} | {s for s, _, _ in valid} | {e for _, e, _ in valid})
    out: list[str] = []
    stack: list[tuple[int, int, str]] = []
    for n, pos in enumerate(bounds):
        if any(e == pos for _, e, _ in stack):
            reopen = []
            while any(e == pos for _, e, _ in stack):
                top = stack.pop()
                out.append("</mark>")
                if top[1] != pos:
                    reopen.append(top)
            for span in reversed(reopen):
                out.append(f'<mark class="ev" data-of="{escape(span[2])}">')
                stack.append(span)
        for span in starts.get(pos, []):
            out.append(f'<mark class="ev" id="{escape(span[2])}">')
            stack.append(span)
        if n + 1 < len(bounds):
            out.append(str(escape(text[pos:bounds[n + 1]])))
    return "".join(out)


def _fact_summary(site: Site, fact: str, path: str) -> tuple[str, list[Link]]:
    g = site.g
    types = g.types(fact)
    if RLD + "TreatyAction" in types:
        date = g.value(fact, RLD + "date")
        return "treaty action", [site.link(g.value(fact, RLD + "state"), path),
                                 Link(f" — {site.label(g.value(fact, RLD + 'action'))} — "),
                                 site.link(g.value(fact, RLD + "instrument"), path), Link(f" ({date})" if date else "")]
    if RLD + "InstrumentDate" in types:
        kind = g.value(fact, RLD + "dateKind").rsplit("#", 1)[-1]
        return "instrument date", [site.link(g.value(fact, RLD + "instrument"), path),
                                   Link(f" {_DATE_KINDS.get(kind, kind)} {g.value(fact, RLD + 'date')}")]
    if RLD + "PopulationFigure" in types:
        group = g.value(fact, RLD + "populationGroup").rsplit("#", 1)[-1]
        approx = "about " if g.value(fact, RLD + "approximate") == "true" else ""
        date = g.value(fact, RLD + "date")
        return "population figure", [Link(f"{approx}{g.value(fact, RLD + 'count')} {_GROUPS.get(group, group)} in "),
                                     site.link(g.value(fact, RLD + "place"), path),
                                     Link(f" ({date})" if date else "")]
    if RLD + "Post" in types:
        holders = g.subjects(RLD + "holdsPost", fact)
        links: list[Link] = []
        for person in holders:
            links += [site.link(person, path), Link(", ")]
        links.append(Link(site.label(fact)))
        org = g.value(fact, RLD + "organisation")
        if org:
            links += [Link(" — "), site.link(org, path)]
        return "post", links
    if site.kind.get(fact) == "Event":
        date = g.value(fact, RLD + "startDate")
        return "event", [site.link(fact, path), Link(f" ({date})" if date else "")]
    return "fact", [site.link(fact, path)]


def document_context(site: Site, iri: str, path: str) -> dict:
    g = site.g
    evidence = [e for e in g.subjects(PROV + "wasQuotedFrom", iri)]
    identifier = g.value(iri, DCTERMS + "identifier")
    text = site.data.texts.get(identifier)
    spans = []
    for e in evidence:
        start, end = g.value(e, OA + "start"), g.value(e, OA + "end")
        if start.isdigit() and end.isdigit():
            spans.append((int(start), int(end), _fragment(g, e)))
    body = ""
    if text is not None:
        body = highlight(text, spans)
    quotes = sorted((int(s), int(e), frag, g.value(ev, OA + "exact")) for ev in evidence
                     if (s := g.value(ev, OA + "start")).isdigit() and (e := g.value(ev, OA + "end")).isdigit()
                     for frag in [_fragment(g, ev)])
    facts = []
    for fact in sorted(set(g.subjects(PROV + "wasDerivedFrom", iri))):
        if fact not in site.kind or site.kind[fact] == "Event":
            kind, parts = _fact_summary(site, fact, path)
            evs = [ev.value for ev in g.objects(fact, RLD + "evidence")
                   if g.value(ev.value, PROV + "wasQuotedFrom") == iri]
            ev_links = [Source(Link(""), quote=g.value(e, OA + "exact"), href="#" + _fragment(g, e)) for e in evs]
            facts.append({"kind": kind, "parts": parts, "quotes": ev_links})
    facts.sort(key=lambda f: (f["kind"], "".join(p.text for p in f["parts"])))
    source = g.value(iri, DCTERMS + "source")
    mentioned = sorted((site.link(o.value, path) for o in g.objects(iri, RLD + "mentions")),
                       key=lambda link: link.text.lower())
    return {"identifier": identifier, "publisher": g.value(iri, DCTERMS + "publisher"),
            "date": g.value(iri, DCTERMS + "date"), "source_url": source if source.startswith(("http://", "https://"))
            else "", "source_text": source, "body": body, "quotes": quotes, "facts": facts, "mentioned": mentioned,
            "has_text": text is not None}


# ---------------------------------------------------------------------------------------------------- JSON-LD
def _json_script(document: dict) -> str:
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
    schema_types = list(_SCHEMA_TYPES[kind])
    if kind == "Agency" and RLD + "GovernmentBody" not in g.types(iri):
        schema_types = ["Organization"]
    extra: dict[str, object] = {"name": site.label(iri)}
    alternates = [o.value for o in g.objects(iri, SKOS + "altLabel")]
    if alternates:
        extra["alternateName"] = alternates
    same = [o.value for o in g.objects(iri, OWL + "sameAs") if o.kind == 0]
    if same:
        extra["sameAs"] = [{"@id": c.iri(s) or s} for s in same]
    if kind == "Event":
        for prop in ("startDate", "endDate"):
            values = [{"@value": o.value, "@type": c.iri(o.datatype) or o.datatype} for o in g.objects(iri, RLD + prop)]
            if values:
                extra[prop] = values
        places = [_ref(site, o.value, "Place") for o in g.objects(iri, RLD + "location")]
        if places:
            extra["location"] = places
        organisers = [_ref(site, o.value) for o in g.objects(iri, RLD + "organizer")]
        if organisers:
            extra["organizer"] = organisers
        attendees = [_ref(site, o.value) for o in g.objects(iri, RLD + "participant")]
        if attendees:
            extra["attendee"] = attendees
        extra["eventStatus"] = {"@id": SCHEMA + "EventScheduled"}
    if kind == "Person":
        posts = [o.value for o in g.objects(iri, RLD + "holdsPost")]
        if posts:
            extra["jobTitle"] = sorted({site.label(p) for p in posts})
            orgs = [_ref(site, g.value(p, RLD + "organisation")) for p in posts if g.value(p, RLD + "organisation")]
            if orgs:
                extra["affiliation"] = orgs
    if kind == "Instrument":
        for prop, key in (("adoptionDate", "legislationDate"), ("entryIntoForceDate", "legislationDateVersion")):
            values = [{"@value": o.value, "@type": c.iri(o.datatype) or o.datatype} for o in g.objects(iri, RLD + prop)]
            if values:
                extra[key] = values
    if kind == "Document":
        title = g.value(iri, DCTERMS + "title")
        extra["headline"] = title[:110]
        date = g.one(iri, DCTERMS + "date")
        if date:
            extra["datePublished"] = {"@value": date.value, "@type": c.iri(date.datatype) or date.datatype}
        publisher = g.value(iri, DCTERMS + "publisher")
        if publisher:
            extra["publisher"] = {"@type": "Organization", "name": publisher}
        source = g.value(iri, DCTERMS + "source")
        if source.startswith(("http://", "https://")):
            extra["isBasedOn"] = {"@id": source}
        cited = [_ref(site, o.value) for o in g.objects(iri, RLD + "mentions")
                 if site.kind.get(o.value) == "Instrument"]
        if cited:
            extra["citation"] = cited
        extra["inLanguage"] = g.value(iri, DCTERMS + "language") or "en"
    else:
        docs = sorted(set(g.subjects(RLD + "mentions", iri)))
        if docs:
            extra["subjectOf"] = [_ref(site, d) for d in docs]
    if path:
        extra["url"] = {"@id": page_url(site, iri)}
    context = {"@vocab": SCHEMA, **{p: ns for p, ns in sorted(site.prefixes.items())}}
    return {"@context": context, "@id": node.pop("@id"), "@type": [*schema_types, *types], **extra, **node}


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


# ---------------------------------------------------------------------------------------------------- pages
def _generic_rows(site: Site, iri: str, path: str) -> list[dict]:
    """Every triple of the entity, as a table users can fall back on (all statements, nothing hidden)."""
    rows = []
    for s, p, o in sorted(site.g.triples[iri], key=lambda t: (t[1].value, t[2])):
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
    script = _json_script(schema_node(site, iri, path, doc))
    subtypes = sorted(site.label(t) for t in site.g.types(iri) if t.startswith(RLD) and t[len(RLD):] != kind)
    common = {"site": _site_meta(site), "up": "../" * path.count("/"), "iri": iri, "kind": kind,
              "label": site.label(iri), "subtypes": subtypes, "stem": stem, "jsonld": script,
              "alt_labels": sorted(o.value for o in site.g.objects(iri, SKOS + "altLabel")),
              "wikidata": [o.value for o in site.g.objects(iri, OWL + "sameAs") if o.value.startswith("http")],
              "statements": _generic_rows(site, iri, path),
              "mentioned_in": [site.doc_source(d, path) for d in site.g.subjects(RLD + "mentions", iri)]}
    common["mentioned_in"].sort(key=lambda s: (s.date, s.doc.text))
    if kind == "Document":
        html = site.render("document.html", **common, **document_context(site, iri, path))
    else:
        html = site.render("entity.html", **common, sections=entity_sections(site, iri, path),
                           reported_by=_reported_by(site, iri, path) if kind == "Event" else [],
                           quotes=_entity_quotes(site, iri, path) if kind == "Event" else [])
    return html, turtle, jsonld


def _reported_by(site: Site, iri: str, path: str) -> list[Source]:
    docs = {o.value for o in site.g.objects(iri, PROV + "wasDerivedFrom")}
    docs |= {site.g.value(e.value, PROV + "wasQuotedFrom") for e in site.g.objects(iri, RLD + "evidence")}
    return sorted((site.doc_source(d, path) for d in docs if d), key=lambda s: (s.date, s.doc.text))


def _entity_quotes(site: Site, iri: str, path: str) -> list[Source]:
    return site.fact_sources(iri, path)


def _site_meta(site: Site) -> dict:
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
                                      "year": _year(date) if date[:4].isdigit() else 0.0,
                                      "text": "".join(p.text for p in parts)})
        item["sources"] = _dedupe(item["sources"] + sources)

    for fact, types in ((s, g.types(s)) for s in list(g.out)):
        if RLD + "TreatyAction" in types:
            state, instrument = g.value(fact, RLD + "state"), g.value(fact, RLD + "instrument")
            add("treaty action", g.value(fact, RLD + "date"), _fact_summary(site, fact, path)[1][:3],
                [state], [instrument], site.fact_sources(fact, path))
        elif RLD + "InstrumentDate" in types:
            instrument = g.value(fact, RLD + "instrument")
            add("instrument date", g.value(fact, RLD + "date"), _fact_summary(site, fact, path)[1][:1] + [
                Link(" " + _DATE_KINDS.get(g.value(fact, RLD + "dateKind").rsplit("#", 1)[-1], ""))],
                [], [instrument], site.fact_sources(fact, path))
    for iri, kind in site.kind.items():
        if kind == "Instrument":
            for prop, name in _DATE_KINDS.items():
                for o in g.objects(iri, RLD + prop):
                    add("instrument date", o.value, [site.link(iri, path), Link(" " + name)], [], [iri],
                        site.triple_sources(iri, RLD + prop, o, path))
        elif kind == "Event":
            dates = g.objects(iri, RLD + "startDate")
            date = max((d.value for d in dates), key=len) if dates else ""
            states = [o.value for p in ("organizer", "participant") for o in g.objects(iri, RLD + p)
                      if site.kind.get(o.value) == "State"]
            add("event", date, [site.link(iri, path)], states, [o.value for o in g.objects(iri, RLD + "adopted")],
                _reported_by(site, iri, path))
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


def dcat_turtle(site: Site, counts: dict[str, int]) -> str:
    """A DCAT description of the dataset: one dcat:Distribution per dump offered on the site."""
    from ..rdf.terms import escape

    base = site.base
    dates = sorted(o.value for s, k in site.kind.items() if k == "Document"
                   for o in site.g.objects(s, DCTERMS + "date"))
    license_iri = next((o.value for s in site.g.out for o in site.g.objects(s, DCTERMS + "license")),
                       "https://creativecommons.org/licenses/by/4.0/")
    lines = ["@prefix dcat: <http://www.w3.org/ns/dcat#> .", "@prefix dcterms: <http://purl.org/dc/terms/> .",
             "@prefix foaf: <http://xmlns.com/foaf/0.1/> .", "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
             "@prefix void: <http://rdfs.org/ns/void#> .", ""]
    dist_ids = [f"<{base}dataset/distribution/{encode_segment(name)}>" for name in sorted(site.data.dumps)]
    ds = [f"<{base}dataset> a dcat:Dataset, void:Dataset ;",
          '    dcterms:title "refugee-ld knowledge graph"@en ;',
          ('    dcterms:description "Facts about refugee protection, statelessness and migration (treaty actions, '
           'instrument dates, events, population figures, officials\' posts) extracted from '
           f'{counts.get("Document", 0)} documents, each with the quote it rests on."@en ;'),
          f"    dcterms:license <{license_iri}> ;",
          f"    dcterms:publisher <{base}publisher> ;",
          f"    void:uriSpace \"{escape(base)}\" ;",
          "    dcat:landingPage <index.html> ;"]
    if dates:
        ds.append(f"    dcterms:temporal [ a dcterms:PeriodOfTime ; dcat:startDate \"{escape(dates[0])}\" ; "
                  f"dcat:endDate \"{escape(dates[-1])}\" ] ;")
    if site.data.modified:
        ds.append(f'    dcterms:modified "{site.data.modified}"^^xsd:dateTime ;')
    if dist_ids:
        ds.append(f"    dcat:distribution {', '.join(dist_ids)} ;")
    ds[-1] = ds[-1][:-2] + " ."
    lines += ds + ["", f"<{base}publisher> a foaf:Agent ;", '    foaf:name "refugee-ld project"@en .', ""]
    for dist, name in zip(dist_ids, sorted(site.data.dumps)):
        media = MEDIA_TYPES.get(Path(name).suffix, "text/plain")
        lines += [f"{dist} a dcat:Distribution ;", f'    dcterms:title "{escape(name)}" ;',
                  f"    dcat:downloadURL <data/{encode_segment(Path(name).stem)}{Path(name).suffix}> ;",
                  f"    dcat:accessURL <data/{encode_segment(Path(name).stem)}{Path(name).suffix}> ;",
                  f'    dcat:mediaType <https://www.iana.org/assignments/media-types/{media}> ;',
                  f"    dcterms:license <{license_iri}> ;",
                  f'    dcat:byteSize "{site.data.dumps[name]}"^^xsd:nonNegativeInteger .', ""]
    return "\n".join(lines)


def _dataset_jsonld(site: Site, counts: dict[str, int]) -> str:
    node = {"@context": {"@vocab": SCHEMA}, "@id": site.base + "dataset", "@type": "Dataset",
            "name": "refugee-ld knowledge graph",
            "description": "Facts about refugee protection, statelessness and migration extracted from "
                           f"{counts.get('Document', 0)} documents, each with the quote it rests on.",
            "license": next((o.value for s in site.g.out for o in site.g.objects(s, DCTERMS + "license")),
                            "https://creativecommons.org/licenses/by/4.0/"),
            "distribution": [{"@type": "DataDownload", "name": name,
                              "encodingFormat": MEDIA_TYPES.get(Path(name).suffix, "text/plain"),
                              "contentUrl": f"data/{encode_segment(Path(name).stem)}{Path(name).suffix}"}
                             for name in sorted(site.data.dumps)]}
    return _json_script(node)


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
    sparql = _sparql_examples(site)
    for name, query in sparql:
        yield f"sparql/{name}", query
    dumps = [(name, f"data/{encode_segment(Path(name).stem)}{Path(name).suffix}", size)
             for name, size in sorted(data.dumps.items())]
    yield "dcat.ttl", dcat_turtle(site, counts)
    yield "index.html", site.render("index.html", site=_site_meta(site), up="", by_class=by_class,
                                    counts=[(c, counts.get(c, 0)) for c in CLASSES], dumps=dumps, sparql=sparql,
                                    jsonld=_dataset_jsonld(site, counts), has_void="void.ttl" in data.dumps,
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
    yield "timeline.html", site.render("timeline.html", site=_site_meta(site), up="", items=items, states=states,
                                       instruments=instruments, chart=timeline_chart(items), jsonld=_json_script(page))
    onto = ontology_context(site)
    term_set = {"@context": {"@vocab": SCHEMA}, "@type": "DefinedTermSet", "@id": onto["ontology_iri"] or RLD,
                "name": onto["title"] or "refugee-ld ontology",
                "hasDefinedTerm": [{"@type": "DefinedTerm", "@id": e["iri"], "name": e["label"] or e["id"],
                                    "description": e["comment"]} for e in onto["classes"] + onto["properties"]]}
    yield "ontology.html", site.render("ontology.html", site=_site_meta(site), up="", jsonld=_json_script(term_set),
                                       **onto)
    yield "style.css", site.env.loader.get_source(site.env, "style.css")[0]  # type: ignore[union-attr]
    yield "context.jsonld", json.dumps(jsonld_context(site.prefixes), indent=1) + "\n"
    for name, _, _ in dumps:
        yield f"data/{encode_segment(Path(name).stem)}{Path(name).suffix}", Path(name)


def _sparql_examples(site: Site) -> list[tuple[str, str]]:
    """The example queries shipped beside the templates (overridable like them), in file-name order."""
    found: dict[str, str] = {}
    for folder in [TEMPLATES / "sparql", *([site.template_dir / "sparql"] if site.template_dir else [])]:
        if folder.is_dir():
            for file in sorted(folder.glob("*.rq")):
                if re.fullmatch(r"[A-Za-z0-9-]+\.rq", file.name):
                    found[file.name] = file.read_text(encoding="utf-8")
    return sorted(found.items())


# ---------------------------------------------------------------------------------------------------- I/O
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
    quads = _read_quads(path)
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


def _read_quads(path: Path) -> list[Quad]:
    """rdfio.read_quads with every distinct term converted once (a dump repeats the same IRIs a lot)."""
    import pyoxigraph as ox

    from ..rdf.rdfio import rdf_format

    fmt = rdf_format(path)
    cache: dict = {}

    def conv(t) -> Term:
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
            spans[q.s.value][q.p.value] = {"v": q.o.value}  # type: ignore[assignment]
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


def _site_entry(name: str) -> bool:
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
    with new_generation(out, keep, adopt=_site_entry) as staging:
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
    from ..pipeline import progress

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
        return progress(items, total, label, show_progress)

    write_site(counted(render_site(site_input, templates, bar)), out, site_input.dump_dir)
    for warning in site_input.warnings:
        import sys

        print(f"warning: {warning}", file=sys.stderr)
    return pages


