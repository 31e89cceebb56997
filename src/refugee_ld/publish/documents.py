"""Document pages: the text with every quote highlighted, and the facts the document supports.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..rdf.terms import DCTERMS, OA, PROV, RLD
from .model import (
    DATE_KINDS,
    GROUPS,
    Link,
    Site,
    Source,
    fragment,
)


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


def fact_summary(site: Site, fact: str, path: str) -> tuple[str, list[Link]]:
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
                                   Link(f" {DATE_KINDS.get(kind, kind)} {g.value(fact, RLD + 'date')}")]
    if RLD + "PopulationFigure" in types:
        group = g.value(fact, RLD + "populationGroup").rsplit("#", 1)[-1]
        approx = "about " if g.value(fact, RLD + "approximate") == "true" else ""
        date = g.value(fact, RLD + "date")
        return "population figure", [Link(f"{approx}{g.value(fact, RLD + 'count')} {GROUPS.get(group, group)} in "),
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
            spans.append((int(start), int(end), fragment(g, e)))
    body = ""
    if text is not None:
        body = highlight(text, spans)
    quotes = sorted((int(s), int(e), frag, g.value(ev, OA + "exact")) for ev in evidence
                     if (s := g.value(ev, OA + "start")).isdigit() and (e := g.value(ev, OA + "end")).isdigit()
                     for frag in [fragment(g, ev)])
    facts: list[dict[str, Any]] = []
    for fact in sorted(set(g.subjects(PROV + "wasDerivedFrom", iri))):
        if fact not in site.kind or site.kind[fact] == "Event":
            kind, parts = fact_summary(site, fact, path)
            evs = [ev.value for ev in g.objects(fact, RLD + "evidence")
                   if g.value(ev.value, PROV + "wasQuotedFrom") == iri]
            ev_links = [Source(Link(""), quote=g.value(e, OA + "exact"), href="#" + fragment(g, e)) for e in evs]
            facts.append({"kind": kind, "parts": parts, "quotes": ev_links})
    facts.sort(key=lambda f: (f["kind"], "".join(p.text for p in f["parts"])))
    source = g.value(iri, DCTERMS + "source")
    mentioned = sorted((site.link(o.value, path) for o in g.objects(iri, RLD + "mentions")),
                       key=lambda link: link.text.lower())
    return {"identifier": identifier, "publisher": g.value(iri, DCTERMS + "publisher"),
            "date": g.value(iri, DCTERMS + "date"), "source_url": source if source.startswith(("http://", "https://"))
            else "", "source_text": source, "body": body, "quotes": quotes, "facts": facts, "mentioned": mentioned,
            "has_text": text is not None}
