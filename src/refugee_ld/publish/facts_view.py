"""Fact sheets: the sections of an entity page, one builder per kind of entity.

A section groups claims by what they are about; several values from different documents for one row are
conflicting claims and are shown side by side with their sources.
"""
from __future__ import annotations

from collections import defaultdict

from ..rdf.terms import RLD, Term
from .charts import population_chart
from .model import (
    DATE_KINDS,
    GROUPS,
    Claim,
    Link,
    Row,
    Section,
    Site,
    Source,
    dedupe,
    merge_claims,
    year_of,
)


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
        rows.append(Row(what, merge_claims(claims), (site.label(other).lower(), action)))
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
    return merge_claims(claims)


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
            points.append((year_of(when), int(count), GROUPS.get(group.rsplit("#", 1)[-1], site.label(group)),
                           when, bool(date)))
    rows = []
    for (place, group, date), claims in groups.items():
        what = [Link(GROUPS.get(group.rsplit("#", 1)[-1], site.label(group)))]
        if place:
            what += [Link(" in "), site.link(place, path)]
        what.append(Link(f" ({date})" if date else " (no date given)"))
        rows.append(Row(what, merge_claims(claims), (date == "", date, site.label(group))))
    return sorted(rows, key=lambda r: r.sort), points


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
        merged = [Claim(", ".join(roles[p] for p in props), dedupe([s for c in claims.values() for s in c]))]
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
    for prop, name in DATE_KINDS.items():
        claims: dict[str, list[Source]] = defaultdict(list)
        for fact in facts:
            if g.value(fact, RLD + "dateKind") == RLD + prop:
                claims[g.value(fact, RLD + "date")] += site.fact_sources(fact, path)
        for o in g.objects(iri, RLD + prop):
            claims[o.value] += site.triple_sources(iri, RLD + prop, o, path)
        if claims:
            rows.append(Row([Link(name)], merge_claims(claims)))
    return rows
