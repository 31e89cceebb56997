"""The site's view of the graph: a two-way index with provenance (`Graph`), the row/claim records the
templates show, and `Site`, the per-render state (labels, page paths, Jinja environment, sources of a claim).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..rdf.serialize import Compactor, prefixes_for
from ..rdf.terms import DCTERMS, DEFAULT_BASE, OA, PROV, RDF, RDFS, RLD, Quad, Term
from .paths import page_path, relative

CLASSES = ("State", "Agency", "Instrument", "Event", "Person", "Place", "Document")


TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


_EMPTY: list = []


GROUPS = {"Refugees": "refugees", "AsylumSeekers": "asylum seekers", "StatelessPersons": "stateless persons",
           "Migrants": "migrants", "OtherGroup": "other group"}


DATE_KINDS = {"adoptionDate": "adopted", "entryIntoForceDate": "entered into force",
               "signatureDate": "opened for signature"}


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
        return props.get(p, _EMPTY) if props else _EMPTY

    def one(self, s: str, p: str) -> Term | None:
        found = self.objects(s, p)
        return found[0] if found else None

    def value(self, s: str, p: str) -> str:
        found = self.objects(s, p)
        return found[0].value if found else ""

    def subjects(self, p: str, o: str) -> list[str]:
        props = self.inc.get(o)
        return props.get(p, _EMPTY) if props else _EMPTY

    def freeze(self) -> None:
        """Sort every object and subject list once, so lookups need not."""
        for props in self.out.values():
            for p in props:
                props[p].sort()
        for subjects in self.inc.values():
            for p in subjects:
                subjects[p] = sorted(set(subjects[p]))

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
            return words(iri[len(RLD):])
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
        return relative(target, from_path) + "#" + fragment(self.g, evidence)

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
        for ev in sorted(self.g.objects(fact, RLD + "evidence"), key=lambda t: span_key(self.g, t.value)):
            doc = self.g.value(ev.value, PROV + "wasQuotedFrom")
            quoted.add(doc)
            sources.append(self.doc_source(doc, from_path, ev.value))
        for derived in self.g.objects(fact, PROV + "wasDerivedFrom"):
            if derived.value not in quoted:
                sources.append(self.doc_source(derived.value, from_path))
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
                            key=lambda e: span_key(self.g, e)):
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


def words(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def fragment(g: Graph, evidence: str) -> str:
    if "#" in evidence:
        return evidence.split("#", 1)[1]
    return f"char={g.value(evidence, OA + 'start')},{g.value(evidence, OA + 'end')}"


def span_key(g: Graph, evidence: str) -> tuple:
    start = g.value(evidence, OA + "start")
    return (g.value(evidence, PROV + "wasQuotedFrom"), int(start) if start.isdigit() else 0, evidence)


def merge_claims(claims: dict[str, list[Source]]) -> list[Claim]:
    return [Claim(v, dedupe(s)) for v, s in sorted(claims.items(), key=lambda kv: date_sort(kv[0]))]


def dedupe(sources: list[Source]) -> list[Source]:
    seen, out = set(), []
    for s in sources:
        key = (s.doc, s.quote, s.href)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def date_sort(value: str) -> tuple:
    return (value == "", value)


def year_of(date: str) -> float:
    parts = [int(p) for p in date.split("-")[:3] if p.isdigit()]
    year = parts[0] if parts else 0
    month = parts[1] if len(parts) > 1 else 6.5
    return year + (month - 1) / 12
