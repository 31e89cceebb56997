"""Graph mapping: extraction records -> quads, one named graph per document.

`document_quads` is a pure function of one `Extraction` (so documents map in parallel and stream);
`registry_quads` and `wikidata_quads` give the curated reference graphs.  IRIs are stable and readable:
entities `<base>state/kazakhstan`, documents `<base>document/<file name>`, evidence `<doc>#char=s,e` (RFC 5147
fragment), fact nodes `<base>fact/<hash of their content>`; no blank nodes anywhere, so dumps are
deterministic and diff well.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator

from ..records import (DateValue, Document, Entity, EventDetails, EventRole, Evidence, Extraction, Fact,
                      InstrumentDate, PopulationFigure, PostHolding, TreatyAction)
from ..registry import Registry
from ..rdf.terms import (A, DCTERMS, DEFAULT_BASE, LABEL, OA, OWL, PROV, SKOS, XSD, Quad, Term, boolean, check_base,
                    date_literal, en, integer, iri, literal, mint_iri, plain, rld)

TOP_CLASS = {"State": "State", "Agency": "Agency", "Instrument": "Instrument", "Event": "Event", "Person": "Person",
             "Place": "Place"}
KIND_CLASS = {
    "convention": "Treaty", "protocol": "Treaty", "covenant": "Treaty", "treaty": "Treaty", "agreement": "Treaty",
    "charter": "Treaty", "compact": "Treaty", "ilo_convention": "Treaty", "law": "Law", "declaration": "Declaration",
    "plan": "PolicyDocument", "policy": "PolicyDocument", "resolution": "PolicyDocument",
    "conference": "Conference", "visit": "Visit", "meeting": "Meeting", "session": "Meeting", "summit": "Meeting",
    "roundtable": "Meeting", "debate": "Meeting", "forum": "Meeting",
    "city": "City", "region": "Region", "subregion": "Region",
    "national_body": "GovernmentBody", "ministry": "GovernmentBody", "committee": "GovernmentBody",
}
ACTION = {"accession": "Accession", "ratification": "Ratification", "signature": "Signature", "party": "Party"}
GROUP = {"refugees": "Refugees", "asylum-seekers": "AsylumSeekers", "stateless": "StatelessPersons",
         "migrants": "Migrants", "other": "OtherGroup"}
WHAT = {"adopted": "adoptionDate", "entered_into_force": "entryIntoForceDate", "signed": "signatureDate"}


class IriMaker:
    """Every IRI the dumps use, from one checked base, through the one IRI policy (`terms.mint_iri`)."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = check_base(base)

    def entity(self, key: str) -> Term:
        """`state/kazakhstan` -> <base>state/kazakhstan; whatever follows the kind is encoded as one name."""
        return mint_iri(self.base, *key.split("/", 1))

    def document(self, doc: Document | str) -> Term:
        """<base>document/<file name, percent-encoded>: the full name, so a.txt and a.md stay two documents."""
        return mint_iri(self.base, "document", doc.doc_id if isinstance(doc, Document) else doc)

    def graph(self, name: str) -> Term:
        return mint_iri(self.base, "graph", name)

    def evidence(self, doc_iri: Term, ev: Evidence) -> Term:
        return mint_iri(doc_iri.value, fragment=f"char={ev.start},{ev.end}")

    def node(self, kind: str, *parts: object) -> Term:
        digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return mint_iri(self.base, kind, digest)


def _date(value: DateValue) -> Term:
    return date_literal(value.iso)


def entity_quads(entity: Entity, iris: IriMaker, graph: Term) -> Iterator[Quad]:
    node = iris.entity(entity.key)
    yield Quad(node, A, rld(TOP_CLASS[entity.type]), graph)
    sub = KIND_CLASS.get(entity.kind or "")
    if sub:
        yield Quad(node, A, rld(sub), graph)
    yield Quad(node, LABEL, en(entity.label), graph)
    for alias in sorted(set(entity.aliases)):
        if alias and alias != entity.label:
            yield Quad(node, iri(SKOS + "altLabel"), en(alias), graph)


def document_quads(extraction: Extraction, iris: IriMaker, registry: Registry | None = None,
                   confidence: Callable[[Fact], float] | None = None) -> list[Quad]:
    """Every triple one document supports, in the document's own named graph.

    `confidence` gives a fact's rld:confidence (default: its rule's measured precision, data/rule-precision.json).
    """
    doc = extraction.document
    d = iris.document(doc)
    g = d
    out: list[Quad] = []
    add = lambda s, p, o: out.append(Quad(s, p, o, g))  # noqa: E731
    add(d, A, rld("Document"))
    add(d, iri(DCTERMS + "identifier"), plain(doc.doc_id))
    add(d, iri(DCTERMS + "title"), en(doc.title) if doc.title else en(doc.stem))
    if doc.date:
        add(d, iri(DCTERMS + "date"), _date(doc.date))
    if doc.source:
        add(d, iri(DCTERMS + "source"), iri(doc.source))
    if doc.publisher:
        add(d, iri(DCTERMS + "publisher"), plain(doc.publisher))
    add(d, iri(DCTERMS + "language"), literal(doc.language, XSD + "language"))
    add(d, iri(DCTERMS + "format"), plain(doc.media_type))

    for entity in extraction.entities:
        if not entity.from_registry:
            out.extend(entity_quads(entity, iris, g))
    mentioned: set[str] = set()
    for mention in extraction.mentions:
        node = iris.entity(mention.entity_key)
        if mention.entity_key not in mentioned:
            mentioned.add(mention.entity_key)
            add(d, rld("mentions"), node)
        ev = _evidence(out, d, mention.evidence, iris, g)
        add(ev, rld("denotes"), node)

    first_mention = {}
    for mention in extraction.mentions:
        first_mention.setdefault(mention.entity_key, mention.evidence)
    for entity in extraction.entities:
        # an event the document found (not a registry entry) is itself a claim of the document
        if entity.type == "Event" and not entity.from_registry and entity.key in first_mention:
            _provenance(out, iris.entity(entity.key), d, first_mention[entity.key], iris, g)

    for fact in extraction.facts:
        if isinstance(fact, TreatyAction):
            node = iris.node("fact", doc.doc_id, "treaty-action", fact.state, fact.instrument, fact.action,
                             fact.date.iso if fact.date else "")
            add(node, A, rld("TreatyAction"))
            add(node, rld("state"), iris.entity(fact.state))
            add(node, rld("instrument"), iris.entity(fact.instrument))
            add(node, rld("action"), rld(ACTION[fact.action]))
            if fact.date:
                add(node, rld("date"), _date(fact.date))
            if fact.action != "signature":
                add(iris.entity(fact.state), rld("partyTo"), iris.entity(fact.instrument))
            _provenance(out, node, d, fact.evidence, iris, g)
        elif isinstance(fact, InstrumentDate):
            node = iris.entity(fact.instrument)
            add(node, rld(WHAT[fact.what]), _date(fact.date))
            claim = iris.node("fact", doc.doc_id, "instrument-date", fact.instrument, fact.what, fact.date.iso)
            add(claim, A, rld("InstrumentDate"))
            add(claim, rld("instrument"), node)
            add(claim, rld("dateKind"), rld(WHAT[fact.what]))
            add(claim, rld("date"), _date(fact.date))
            _provenance(out, claim, d, fact.evidence, iris, g)
        elif isinstance(fact, EventDetails):
            node = iris.entity(fact.event)
            if fact.start:
                add(node, rld("startDate"), _date(fact.start))
            if fact.end:
                add(node, rld("endDate"), _date(fact.end))
            if fact.place:
                add(node, rld("location"), iris.entity(fact.place))
            _provenance(out, node, d, fact.evidence, iris, g)
        elif isinstance(fact, EventRole):
            node = iris.entity(fact.event)
            value = iris.entity(fact.value)
            if fact.role == "organised_by":
                add(node, rld("organizer"), value)
                if fact.qualifier == "cosponsor":
                    add(node, rld("cosponsor"), value)
                elif fact.qualifier == "support":
                    add(node, rld("supporter"), value)
            elif fact.role == "participant":
                add(node, rld("participant"), value)
            else:
                add(node, rld("adopted"), value)
            _provenance(out, node, d, fact.evidence, iris, g)
        elif isinstance(fact, PopulationFigure):
            node = iris.node("fact", doc.doc_id, "population", fact.place, fact.group, fact.count,
                             fact.date.iso if fact.date else "", fact.evidence.start)
            add(node, A, rld("PopulationFigure"))
            add(node, rld("place"), iris.entity(fact.place))
            add(node, rld("populationGroup"), rld(GROUP[fact.group]))
            add(node, rld("count"), integer(fact.count))
            if fact.date:
                add(node, rld("date"), _date(fact.date))
            if fact.approximate:
                add(node, rld("approximate"), boolean(True))
            _provenance(out, node, d, fact.evidence, iris, g)
        elif isinstance(fact, PostHolding):
            node = iris.node("post", fact.person, fact.organisation or "", fact.post)
            add(node, A, rld("Post"))
            add(node, LABEL, en(fact.post))
            add(iris.entity(fact.person), rld("holdsPost"), node)
            if fact.organisation:
                add(node, rld("organisation"), iris.entity(fact.organisation))
            if fact.start:
                add(node, rld("startDate"), _date(fact.start))
            _provenance(out, node, d, fact.evidence, iris, g)
    out.extend(fact_annotation_quads(extraction, iris, confidence))
    return out


def _evidence(out: list[Quad], doc: Term, ev: Evidence, iris: IriMaker, g: Term) -> Term:
    node = iris.evidence(doc, ev)
    out.append(Quad(node, A, rld("Evidence"), g))
    out.append(Quad(node, iri(OA + "exact"), plain(ev.exact), g))
    out.append(Quad(node, iri(OA + "start"), literal(str(ev.start), XSD + "nonNegativeInteger"), g))
    out.append(Quad(node, iri(OA + "end"), literal(str(ev.end), XSD + "nonNegativeInteger"), g))
    out.append(Quad(node, iri(PROV + "wasQuotedFrom"), doc, g))
    return node


def _provenance(out: list[Quad], node: Term, doc: Term, ev: Evidence, iris: IriMaker, g: Term) -> None:
    out.append(Quad(node, iri(PROV + "wasDerivedFrom"), doc, g))
    out.append(Quad(node, rld("evidence"), _evidence(out, doc, ev, iris, g), g))


def registry_quads(registry: Registry, iris: IriMaker) -> list[Quad]:
    """The curated reference entities in their own named graph (the source of truth for their IRIs)."""
    g = iris.graph("registry")
    out: list[Quad] = []
    for key in sorted(registry.entries):
        entry = registry.entries[key]
        entity, data = entry.entity, entry.data
        out.extend(entity_quads(entity, iris, g))
        node = iris.entity(key)
        if data.get("iso3166_alpha2"):
            out.append(Quad(node, rld("iso3166Alpha2"), plain(data["iso3166_alpha2"]), g))
        if data.get("iso3166_alpha3"):
            out.append(Quad(node, rld("iso3166Alpha3"), plain(data["iso3166_alpha3"]), g))
        if data.get("adopted"):
            out.append(Quad(node, rld("adoptionDate"), date_literal(data["adopted"]), g))
        if data.get("entry_into_force"):
            out.append(Quad(node, rld("entryIntoForceDate"), date_literal(data["entry_into_force"]), g))
        for field, prop in (("part_of", "partOf"), ("supplements", "supplements"), ("adopted_by", "adoptedBy")):
            target = data.get(field)
            if target:
                type_ = "Instrument" if field == "supplements" else "Agency"
                target_key = registry.lookup(type_, target)
                if target_key:
                    out.append(Quad(node, rld(prop), iris.entity(target_key), g))
        if data.get("country"):
            state = registry.lookup("State", data["country"])
            if state:
                out.append(Quad(node, rld("country"), iris.entity(state), g))
    return out


def wikidata_quads(links: Iterable[tuple[str, str]], iris: IriMaker) -> list[Quad]:
    """(entity key, QID) pairs as owl:sameAs plus the QID literal, in the wikidata named graph."""
    g = iris.graph("wikidata")
    out: list[Quad] = []
    for key, qid in sorted(set(links)):
        node = iris.entity(key)
        out.append(Quad(node, iri(OWL + "sameAs"), mint_iri("http://www.wikidata.org/entity/", qid), g))
        out.append(Quad(node, rld("wikidataId"), plain(qid), g))
    return out


# -- one node per fact: confidence, rule and (for events and posts) a claim node ---------------------------------
ROLE_PROPERTY = {"organised_by": "organizer", "participant": "participant", "event_adopted": "adopted"}
FACT_KIND = {TreatyAction: "party_to", InstrumentDate: "instrument_date", EventDetails: "event",
             PopulationFigure: "population", PostHolding: "holds_post"}


def fact_kind(fact: Fact) -> str:
    """The gold's name for the fact's kind (party_to, instrument_date, event, organised_by ...)."""
    return fact.role if isinstance(fact, EventRole) else FACT_KIND[type(fact)]


def _fact_parts(doc_id: str, fact: Fact) -> tuple[object, ...]:
    date = lambda v: v.iso if v else ""  # noqa: E731
    if isinstance(fact, TreatyAction):
        return (doc_id, "treaty-action", fact.state, fact.instrument, fact.action, date(fact.date))
    if isinstance(fact, InstrumentDate):
        return (doc_id, "instrument-date", fact.instrument, fact.what, fact.date.iso)
    if isinstance(fact, PopulationFigure):
        return (doc_id, "population", fact.place, fact.group, fact.count, date(fact.date), fact.evidence.start)
    if isinstance(fact, EventDetails):
        return (doc_id, "event-details", fact.event, date(fact.start), date(fact.end), fact.place or "")
    if isinstance(fact, EventRole):
        return (doc_id, "event-role", fact.event, fact.role, fact.value, fact.qualifier or "")
    return (doc_id, "post", fact.person, fact.organisation or "", fact.post, date(fact.start))


def fact_key(doc_id: str, fact: Fact) -> str:
    """The stable path (under the base IRI) of the node for one fact of one document: `fact/<16 hex>`.

    Treaty actions, instrument dates and population figures use the node that already states them; events'
    details and roles and post holdings get a claim node (the event and the post are shared by documents).
    The hash covers the fact's content, not the rule or the quote, so the IRI survives rebuilds and rule changes.
    """
    return IriMaker("urn:x/").node("fact", *_fact_parts(doc_id, fact)).value[len("urn:x/"):]


def _default_confidence() -> Callable[[Fact], float]:
    from ..extraction.confidence import load_table

    table = load_table()
    return lambda fact: table.of(fact.rule)


def fact_annotation_quads(extraction: Extraction, iris: IriMaker,
                          confidence: Callable[[Fact], float] | None = None) -> list[Quad]:
    """rld:confidence and rld:rule on every fact node; claim nodes for event details, event roles and posts.

    Facts of one document that land on the same node (the same accession quoted twice) share it: its confidence
    is the highest of theirs.
    """
    from ..extraction.confidence import decimal

    confidence = confidence or _default_confidence()
    doc = extraction.document
    d = iris.document(doc)
    g = d
    out: list[Quad] = []
    groups: dict[str, list[Fact]] = {}
    for fact in extraction.facts:
        groups.setdefault(fact_key(doc.doc_id, fact), []).append(fact)
    for key, facts in groups.items():
        node = iris.entity(key)
        first = facts[0]
        if isinstance(first, (EventDetails, EventRole)):
            out.append(Quad(node, A, rld("EventClaim"), g))
            out.append(Quad(node, rld("event"), iris.entity(first.event), g))
            if isinstance(first, EventRole):
                out.append(Quad(node, rld("role"), rld(ROLE_PROPERTY[first.role]), g))
                out.append(Quad(node, rld("value"), iris.entity(first.value), g))
            else:  # what the document says of the event's time and place, readable for a reviewer
                said = [f"from {first.start.iso}" if first.start else "", f"to {first.end.iso}" if first.end else "",
                        f"in {first.place}" if first.place else ""]
                out.append(Quad(node, iri(DCTERMS + "description"), plain(" ".join(x for x in said if x) or
                                                                          "no date or place"), g))
        elif isinstance(first, PostHolding):
            out.append(Quad(node, A, rld("PostClaim"), g))
            out.append(Quad(node, rld("post"), iris.node("post", first.person, first.organisation or "", first.post),
                            g))
            out.append(Quad(node, rld("person"), iris.entity(first.person), g))
        if isinstance(first, (EventDetails, EventRole, PostHolding)):
            for fact in facts:
                _provenance(out, node, d, fact.evidence, iris, g)
        value = max(confidence(f) for f in facts)
        out.append(Quad(node, rld("confidence"), literal(decimal(value), XSD + "decimal"), g))
        for rule in sorted({f.rule for f in facts if f.rule}):
            out.append(Quad(node, rld("rule"), plain(rule), g))
    return out
