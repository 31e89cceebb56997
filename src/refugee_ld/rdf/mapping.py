"""Graph mapping: extraction records -> quads, one named graph per document.

`document_quads` is a pure function of one `Extraction` (so documents map in parallel and stream);
`registry_quads` and `wikidata_quads` give the curated reference graphs.  IRIs are stable and readable:
entities `<base>state/kazakhstan`, documents `<base>document/<file name>`, evidence `<doc>#char=s,e` (RFC 5147
fragment), fact nodes `<base>fact/<hash of their content>`; no blank nodes anywhere, so dumps are
deterministic and diff well.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..factspec import FactKind, MintedNode, Slot
from ..rdf.iris import mint_iri
from ..rdf.minting import IriMaker as IriMaker  # re-exported: callers make IRIs through mapping
from ..rdf.terms import (
    DCTERMS,
    LABEL,
    OA,
    OWL,
    PREFIXES,
    PROV,
    SKOS,
    XSD,
    A,
    Quad,
    Term,
    boolean,
    date_literal,
    en,
    integer,
    iri,
    literal,
    plain,
    rld,
)
from ..records import (
    DATE_KINDS,
    FACT_KINDS,
    QUALIFIERS,
    DateValue,
    Entity,
    EventDetails,
    EventRole,
    Evidence,
    Extraction,
    Fact,
    InstrumentDate,
    PostHolding,
    TreatyAction,
    field_path,
    kind_of,
)
from ..registry import Registry

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

    first_mention: dict[str, Evidence] = {}
    for mention in extraction.mentions:
        first_mention.setdefault(mention.entity_key, mention.evidence)
    for entity in extraction.entities:
        # an event the document found (not a registry entry) is itself a claim of the document
        if entity.type == "Event" and not entity.from_registry and entity.key in first_mention:
            _provenance(out, iris.entity(entity.key), d, first_mention[entity.key], iris, g)

    for fact in extraction.facts:
        out.extend(fact_quads(doc.doc_id, d, fact, iris))
    out.extend(fact_annotation_quads(extraction, iris, confidence))
    return out


# -- facts: the regular triples from each kind's declaration, the irregular ones from one named function each -----
def prop(name: str) -> Term:
    """The property a slot declares ("rld:state", "rdfs:label")."""
    prefix, local = name.split(":", 1)
    return iri(PREFIXES[prefix] + local)


def _part(value: object) -> object:
    """A field value as it enters a node's hash: absent fields as "", dates by their ISO form."""
    if value is None:
        return ""
    return value.iso if isinstance(value, DateValue) else value


def _fact_parts(doc_id: str, fact: Fact) -> tuple[object, ...]:
    kind = kind_of(fact)
    return (doc_id, kind.iri_tag, *(_part(field_path(fact, path)) for path in kind.identity))


def fact_subject(doc_id: str, fact: Fact, iris: IriMaker) -> tuple[Term, str | None]:
    """The node a fact's regular triples describe, and the class to give it (None: an entity typed elsewhere)."""
    kind = kind_of(fact)
    if kind.subject is None:
        return iris.node("fact", *_fact_parts(doc_id, fact)), kind.rdf_class
    if isinstance(kind.subject, MintedNode):
        node = kind.subject
        return iris.node(node.prefix, *(_part(getattr(fact, a)) for a in node.parts)), node.rdf_class
    return iris.entity(getattr(fact, kind.subject)), None


def slot_object(slot: Slot, value: object, iris: IriMaker) -> Term | None:
    """The RDF object stating one field's value (None: nothing to state, an absent field or a false flag)."""
    if value is None or value is False:
        return None
    if slot.role == "entity":
        return iris.entity(value)  # type: ignore[arg-type]
    if slot.role == "date":
        return _date(value)  # type: ignore[arg-type]
    if slot.role == "enum":
        return rld(slot.vocab.terms[value])  # type: ignore[union-attr,index]
    if slot.role == "count":
        return integer(value)  # type: ignore[arg-type]
    if slot.role == "flag":
        return boolean(True)
    return en(value)  # type: ignore[arg-type]


def fact_quads(doc_id: str, doc_iri: Term, fact: Fact, iris: IriMaker) -> list[Quad]:
    """What one fact states in its document's graph (named by the document's IRI): its subject's class, one
    triple per declared property, the kind's irregular triples, and the evidence."""
    g = doc_iri
    kind = kind_of(fact)
    subject, rdf_class = fact_subject(doc_id, fact, iris)
    out: list[Quad] = []
    if rdf_class:
        out.append(Quad(subject, A, rld(rdf_class), g))
    for slot in kind.slots:
        obj = slot_object(slot, getattr(fact, slot.name), iris) if slot.prop else None
        if obj is not None:
            out.append(Quad(subject, prop(slot.prop), obj, g))  # type: ignore[arg-type]
    for name in kind.extra:
        out.extend(Quad(s, p, o, g) for s, p, o in EXTRA_TRIPLES[name](fact, kind, subject, iris))
    _provenance(out, subject, doc_iri, fact.evidence, iris, g)
    return out


Triples = Iterator[tuple[Term, Term, Term]]
Pairs = Iterator[tuple[Term, Term]]  # (property, object) of a claim node


def _party_to(fact: TreatyAction, kind: FactKind, subject: Term, iris: IriMaker) -> Triples:
    """A state that acceded, ratified or is a party (not one that only signed) is rld:partyTo the instrument."""
    if fact.action != "signature":
        yield iris.entity(fact.state), rld("partyTo"), iris.entity(fact.instrument)


def _date_on_instrument(fact: InstrumentDate, kind: FactKind, subject: Term, iris: IriMaker) -> Triples:
    """The date also sits on the instrument itself, under the property its kind names (rld:adoptionDate ...)."""
    yield iris.entity(fact.instrument), rld(DATE_KINDS.terms[fact.what]), _date(fact.date)


def _qualifier(fact: EventRole, kind: FactKind, subject: Term, iris: IriMaker) -> Triples:
    """A cosponsor or supporter is also stated with its own property (rld:cosponsor, rld:supporter)."""
    extra = QUALIFIERS.terms.get(fact.qualifier or "")
    if extra:
        yield subject, rld(extra), iris.entity(fact.value)


def _holds_post(fact: PostHolding, kind: FactKind, subject: Term, iris: IriMaker) -> Triples:
    """The person points at the post node (the post is shared by every document naming it)."""
    yield iris.entity(fact.person), rld("holdsPost"), subject


def _event_details_claim(fact: EventDetails, kind: FactKind, subject: Term, iris: IriMaker) -> Pairs:
    """What the document says of the event's time and place, readable for a reviewer."""
    said = [f"from {fact.start.iso}" if fact.start else "", f"to {fact.end.iso}" if fact.end else "",
            f"in {fact.place}" if fact.place else ""]
    yield rld("event"), subject
    yield iri(DCTERMS + "description"), plain(" ".join(x for x in said if x) or "no date or place")


def _event_role_claim(fact: EventRole, kind: FactKind, subject: Term, iris: IriMaker) -> Pairs:
    """The event, the property the claim asserts on it, and the value."""
    yield rld("event"), subject
    yield rld("role"), prop(kind.slot("value").prop or "")
    yield rld("value"), iris.entity(fact.value)


def _post_claim(fact: PostHolding, kind: FactKind, subject: Term, iris: IriMaker) -> Pairs:
    yield rld("post"), subject
    yield rld("person"), iris.entity(fact.person)


# the irregular triples by the names the kinds' declarations use (records.FactKind.extra and .claim)
EXTRA_TRIPLES: dict[str, Callable[..., Triples]] = {
    "party_to": _party_to, "date_on_instrument": _date_on_instrument, "qualifier": _qualifier,
    "holds_post": _holds_post}
CLAIMS: dict[str, Callable[..., Pairs]] = {
    "event_details": _event_details_claim, "event_role": _event_role_claim, "post": _post_claim}


def _check_declarations(kinds: Iterable[FactKind]) -> None:
    """A kind naming an irregular-triple function this module lacks stops the import (never a silent gap)."""
    missing = sorted({f"{k.name}: extra {n!r}" for k in kinds for n in k.extra if n not in EXTRA_TRIPLES} |
                     {f"{k.name}: claim {k.claim!r}" for k in kinds if k.claim and k.claim not in CLAIMS})
    if missing:
        raise ImportError("rdf.mapping lacks the functions fact kinds name: " + "; ".join(missing))


_check_declarations(FACT_KINDS.values())


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
        kind = kind_of(first)
        if kind.claim:  # the regular triples describe a shared node (an event, a post): this node is the claim
            out.append(Quad(node, A, rld(kind.rdf_class), g))
            subject, _ = fact_subject(doc.doc_id, first, iris)
            out.extend(Quad(node, p, o, g) for p, o in CLAIMS[kind.claim](first, kind, subject, iris))
            for fact in facts:
                _provenance(out, node, d, fact.evidence, iris, g)
        value = max(confidence(f) for f in facts)
        out.append(Quad(node, rld("confidence"), literal(decimal(value), XSD + "decimal"), g))
        for rule in sorted({f.rule for f in facts if f.rule}):
            out.append(Quad(node, rld("rule"), plain(rule), g))
    return out
