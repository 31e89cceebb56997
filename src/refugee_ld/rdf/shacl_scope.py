"""Validation split by scope: per document in the workers, then one global pass over compact summaries.

SHACL validates the union graph, so a shape is "local" only for focus nodes whose triples all sit in one
document graph.  mapping.py mints those nodes from the document's id: the document itself, its evidence
(`doc#char=a,b`) and its fact and claim nodes (a hash over the document id and the fact).  A node of one of
the DOCUMENT_SCOPED classes, typed in a document graph and not a subject in the shared graphs, is "owned" by
that document; every shape without an inverse path or a SPARQL constraint is checked for owned nodes in the
worker (`check_document`).  Shared nodes (entities, events, posts, registry and curation nodes), inverse paths
(PostShape-holder) and the SPARQL conflict shapes are checked once in `finish`, on the projection of each
document the global shapes can read: triples of non-owned subjects on shape paths, every rdf:type, and every
triple of a predicate an inverse path or a SPARQL constraint uses.

Nothing here is assumed without a check: `finish` verifies that no owned node is a subject in another graph
and that no document declares rdfs:subClassOf; a type-dependent failure found per document (sh:class, sh:or of
classes) is re-checked against the types of the whole corpus.  When a check fails, `finish` raises
NeedsWholeGraph and `validate_quads_fast` validates the union graph with the same engine instead.

A streaming build calls it as: `plan = prepare(shapes_dir, shared_quads)` once (registry, ontology, Wikidata
and curation quads; the plan pickles to workers, which compile it once per process); in a worker,
`check_document(document_quads, plan)` -> DocumentFindings (picklable: a few results, the owned nodes, the
projection); in the parent, `finish(findings, plan)` -> ValidationReport, the same as pyshacl's on the union.
On NeedsWholeGraph the caller validates the union (`validate_union`); on Unsupported (from `prepare`), pyshacl.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .shacl import CompiledShapes, Unsupported, compile_shapes
from .shacl_eval import _MEMO, SUBCLASS, TYPE, Index, Pending, evaluate, norm, recheck
from .shacl_keys import batch_run, conflict, digest, document_keys
from .shacl_sparql import _sh, sparql_reads
from .terms import Quad, Term
from .validation import ValidationReport, ValidationResult, _order, load_shapes, prepare_shapes

RLD = "https://w3id.org/refugee-ld/ontology#"
DOCUMENT_SCOPED = frozenset(RLD + c for c in ("Document", "Evidence", "TreatyAction", "InstrumentDate",
                                               "PopulationFigure", "EventClaim", "PostClaim"))


class NeedsWholeGraph(RuntimeError):
    """The per-document split would not be exact for this corpus (the reason says why): validate the union."""


@dataclass(frozen=True)
class DocumentFindings:
    """What one document contributes: final results, re-checks, the keys of its subjects (shacl_keys), the
    triples the global shapes read (`summary`; `sent`: the owned nodes among its subjects) and, as N-Triples,
    the triples the SPARQL constraints read (`sparql`)."""

    results: tuple[ValidationResult, ...]
    pending: tuple[Pending, ...]
    keys: bytes
    sent: frozenset[Term]
    summary: tuple[tuple[Term, str, Term], ...]
    sparql: str = ""
    whole_graph: str = ""


@dataclass
class ValidationPlan:
    """Shapes and the shared graphs (registry, ontology, Wikidata, curation); picklable for worker processes.

    Only the shapes folder and the shared quads travel; each process compiles them once (`_state`).
    """

    shapes_dir: str
    context: tuple[Quad, ...]
    scoped: frozenset[str] = DOCUMENT_SCOPED
    key: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.key:
            digest = hashlib.sha1(self.shapes_dir.encode())
            for path in sorted(Path(self.shapes_dir).glob("*.ttl")):
                digest.update(path.read_bytes())
            digest.update(str(len(self.context)).encode())
            digest.update(repr(self.context[:50]).encode())
            self.key = f"{digest.hexdigest()}-{id(self.context)}"


@dataclass
class _State:
    compiled: CompiledShapes
    context: Index
    local_units: list[int]
    global_units: list[int]
    always: frozenset[str]  # predicates every document ships for all subjects (inverse paths, SPARQL)
    paths: frozenset[str]  # predicates shipped for subjects the document does not own
    scoped: frozenset[Term]
    sparql: frozenset[str] = frozenset()  # predicates the SPARQL constraints and their targets read
    sparql_classes: frozenset[str] | None = None  # classes whose rdf:type triples they can match (None: all)
    inverse: frozenset[str] = frozenset()
    owned_units: list[int] = field(default_factory=list)  # global units with Core checks (owned focus nodes too)
    sparql_type: dict = field(default_factory=dict)  # type -> does the SPARQL input need its rdf:type triples
    by_types: dict = field(default_factory=dict)  # frozenset of types -> local units (shared-graph classes only)
    by_subject_of: dict = field(default_factory=dict)  # predicate -> local units targeting its subjects

    def __post_init__(self) -> None:
        for u in self.local_units:
            for p in self.compiled.units[u].subjects_of:
                self.by_subject_of.setdefault(p, []).append(u)
        self.owned_units = [u for u in self.global_units if self.compiled.units[u].shape.checks]


_STATES: dict[str, _State] = {}


def prepare(shapes_dir: Path, context: Iterable[Quad], scoped: frozenset[str] = DOCUMENT_SCOPED) -> ValidationPlan:
    """Compile the shapes (raises Unsupported for features left to pyshacl) and index the shared graphs."""
    plan = ValidationPlan(str(shapes_dir), tuple(context), scoped)
    _state(plan)
    return plan


def _state(plan: ValidationPlan) -> _State:
    state = _STATES.get(plan.key)
    if state is None:
        graph = load_shapes(Path(plan.shapes_dir))
        if (None, _sh("sparql"), None) in prepare_shapes(graph, "").core:  # type: ignore[operator]
            raise Unsupported("a SPARQL constraint the Oxigraph path cannot run (see validation.prepare_shapes)")
        compiled = compile_shapes(graph)
        inverse = compiled.inverse_predicates()
        local = [i for i, u in enumerate(compiled.units) if u.local_ok]
        predicates, classes = sparql_reads(graph)
        sparql = predicates | {SUBCLASS} | {p for u in compiled.units if u.shape.sparql for p in u.subjects_of}
        if classes is not None:
            classes |= {c for u in compiled.units if u.shape.sparql for c in u.classes}
        state = _State(compiled, Index(plan.context, inverse), local,
                       [i for i in range(len(compiled.units)) if i not in local], frozenset(inverse | sparql),
                       frozenset(compiled.predicates()), frozenset(Term(0, c) for c in plan.scoped),
                       frozenset(sparql), None if classes is None else frozenset(classes), frozenset(inverse))
        _STATES.clear()
        _MEMO.clear()  # keyed by id(Check): only the current state's checks may answer
        _STATES[plan.key] = state
    return state


def _units_for(state: _State, index: Index, types: frozenset[Term]) -> list[int]:
    """The local units whose target classes a node of these types falls under (memoised per type set)."""
    hit = state.by_types.get(types)
    if hit is None:
        classes = {c.value for t in types for c in index.closure(t)}
        hit = state.by_types[types] = [u for u in state.local_units if state.compiled.units[u].classes & classes]
    return hit


def check_document(quads: Iterable[Quad], plan: ValidationPlan) -> DocumentFindings:
    """Validate what one document owns; summarise what the global pass needs from it."""
    state = _state(plan)
    compiled = state.compiled
    doc = Index(quads, compiled.inverse_predicates(), parent=state.context)
    reason = "a document declares rdfs:subClassOf" if doc.superclasses else ""
    owned = {s for s, props in doc.out.items()
             if props.get(TYPE, set()) & state.scoped and s not in state.context.out}
    focus: dict[int, set[Term]] = {u: set() for u in state.local_units}
    for x in owned:
        for u in _units_for(state, doc, frozenset(doc.out[x][TYPE])):
            focus[u].add(x)
        for p in doc.out[x]:
            for u in state.by_subject_of.get(p, ()):
                focus[u].add(x)
    results, pending = evaluate(compiled, doc, state.local_units, defer_types=True, focus=focus)
    keys, distinct = document_keys(owned, [s for s in doc.out if s not in owned])
    if not distinct:
        reason = reason or "two nodes of a document share a key digest"
    summary, sent = _summary(state, doc, owned, pending)
    return DocumentFindings(tuple(results), tuple(pending), keys, frozenset(sent), tuple(summary),
                            _sparql_lines(state, doc), reason)


def _summary(state: _State, doc: Index, owned: set[Term], pending: list[Pending]) -> tuple[list, set[Term]]:
    """The triples the global units read: every triple on a shape path (and rdf:type) of the nodes the document
    does not own, the inverse-path predicates of all, and of owned nodes only what the global pass may read
    (`sent`): the rdf:type of those that are values there, and focus nodes of global units with Core checks."""
    summary: list[tuple[Term, str, Term]] = []
    sent: set[Term] = {item.value for item in pending if item.value in owned}
    shared = state.paths | state.inverse | {TYPE}
    for s, props in doc.out.items():
        mine = s in owned
        for p in props.keys() & (state.inverse if mine else shared):
            objects = props[p]
            summary.extend((s, p, o) for o in objects)
            sent.update(o for o in objects if o in owned)
            if mine:
                sent.add(s)
    for u in state.owned_units:
        unit = state.compiled.units[u]
        reads = {unit.shape.path} if unit.shape.path and not unit.shape.inverse else set()
        reads |= {c.arg for c in unit.shape.checks if c.kind == "lessThan"}
        for x in doc.focus_nodes(unit) & owned:
            sent.add(x)
            for p in reads - state.inverse:
                objects = doc.out[x].get(p, set())
                summary.extend((x, p, o) for o in objects)
                sent.update(o for o in objects if o in owned)
    summary.extend((x, TYPE, t) for x in sent for t in doc.out[x].get(TYPE, ()))
    return summary, sent


def _sparql_lines(state: _State, doc: Index) -> str:
    """N-Triples of the document's triples the SPARQL constraints read (rdf:type only of the classes they name)."""
    lines: list[str] = []
    for s, props in doc.out.items():
        for p in props.keys() & state.sparql:
            objects = props[p] if p != TYPE else {o for o in props[p] if _sparql_type(state, doc, o)}
            lines.extend(f"{s.nt()} <{p}> {o.nt()} .\n" for o in objects)
    return "".join(lines)


def _sparql_type(state: _State, doc: Index, cls: Term) -> bool:
    hit = state.sparql_type.get(cls)
    if hit is None:
        classes = state.sparql_classes
        hit = state.sparql_type[cls] = classes is None or any(c.value in classes for c in doc.closure(cls))
    return hit


class GlobalPass:
    """The global half of validation, fed the documents' findings batch by batch in document order.

    It keeps the summaries of shared nodes in one index, the documents' keys as sorted runs (17 bytes per
    subject), their SPARQL input in a temporary file, and the results; nothing of the owned nodes it was not
    sent.  `report()` checks the split (shacl_keys) and runs the global shapes."""

    def __init__(self, plan: ValidationPlan) -> None:
        import tempfile

        self.plan, self.state = plan, _state(plan)
        self.index = Index((), self.state.compiled.inverse_predicates(), parent=self.state.context)
        self.results: list[ValidationResult] = []
        self.pending: list[Pending] = []
        self.sent: set[Term] = set()
        self.runs: list[bytes] = []
        self.documents = 0
        self.whole_graph = ""
        self.folder = tempfile.TemporaryDirectory(prefix="refugee-ld-validation-", ignore_cleanup_errors=True)
        self.sparql = open(Path(self.folder.name) / "sparql.nt", "w", encoding="utf-8")  # noqa: SIM115

    def add(self, findings: Iterable[DocumentFindings]) -> None:
        keys: list[tuple[int, bytes]] = []
        index, terms = self.index, self.sent
        for found in findings:
            self.whole_graph = self.whole_graph or found.whole_graph
            keys.append((self.documents, found.keys))
            self.documents += 1
            self.results.extend(found.results)
            self.pending.extend(found.pending)
            terms |= found.sent
            for s, p, o in found.summary:
                if p == TYPE and s in found.sent:
                    index.add_type(s, o)
                else:
                    index.add(s, p, o)
            self.sparql.write(found.sparql)
        if keys:
            self.runs.append(batch_run(keys))

    def report(self) -> ValidationReport:
        """The union graph's report; raises NeedsWholeGraph when the split is not exact for this corpus."""
        try:
            if self.whole_graph:
                raise NeedsWholeGraph(self.whole_graph)
            reason = conflict(self.runs, self._referenced())
            if reason:
                raise NeedsWholeGraph(reason)
            self.runs = []
            state, index, results = self.state, self.index, self.results
            for item in self.pending:
                result = recheck(state.compiled, index, item)
                if result is not None:
                    results.append(result)
            self.sparql.close()
            results.extend(_global(state, index, lambda u, x: state.compiled.units[u].local_ok and x in self.sent,
                                   Path(self.sparql.name)))
            results.sort(key=_order)
            return ValidationReport(not any(r.severity == "Violation" for r in results), results)
        finally:
            self.sparql.close()
            self.folder.cleanup()

    def _referenced(self) -> set[bytes]:
        """Digests of the nodes whose rdf:type the global pass may read and no summary gave (if a document owns
        one, it did not send its types: the split is not exact)."""
        index, context = self.index, self.state.context
        values = {o for props in index.out.values() for objects in props.values() for o in objects if o.kind != 2}
        values |= {item.value for item in self.pending}
        return {digest(v) for v in values if v not in index.out and v not in index.owned_types
                and v not in context.out and v not in self.sent}


def finish(findings: Iterable[DocumentFindings], plan: ValidationPlan) -> ValidationReport:
    """The report of the union graph from the documents' findings: checks, then the global shapes."""
    run = GlobalPass(plan)
    run.add(findings)
    return run.report()


def _global(state: _State, index: Index, skip, sparql: Path | None = None) -> list[ValidationResult]:  # noqa: ANN001
    """Every unit for the focus nodes `skip` leaves, then the SPARQL constraints in Oxigraph on the index (and
    the documents' SPARQL input in the file `sparql`)."""
    compiled = state.compiled
    out: list[ValidationResult] = []
    for u in range(len(compiled.units)):
        if not compiled.units[u].shape.checks:
            continue  # a shape of SPARQL constraints only
        found, _ = evaluate(compiled, index, [u], keep=lambda x, u=u: not skip(u, x))  # type: ignore[misc]
        out.extend(found)
    lines: list[str] = []  # Oxigraph gets only what the SPARQL constraints read
    for layer in (index, index.parent) if sparql is None else (index.parent,):
        if layer is None:
            continue
        for s, props in layer.out.items():
            for p, objects in props.items():
                if p in state.sparql:
                    lines.extend(f"{s.nt()} <{p}> {o.nt()} .\n" for o in objects)
        if TYPE in state.sparql:
            lines.extend(f"{s.nt()} <{TYPE}> {o.nt()} .\n" for s, types in layer.owned_types.items() for o in types)
    out.extend(prepare_shapes(compiled.graph, "".join(lines), sparql).results)
    return out


SHARED = ("focus nodes are shared by documents and the registry (entities, posts, curation, Wikidata links): "
          "their values come from several graphs")


def scopes(plan: ValidationPlan) -> list[tuple[str, str, str]]:
    """(shape, where it is checked, why) for every shape: the split as data, for the docs and the bench note."""
    state = _state(plan)
    rows = []
    for unit in state.compiled.units:
        from .validation import _shape_name

        name = _shape_name(state.compiled.graph, unit.shape.node)
        scoped = {c for c in unit.classes if Term(0, c) in state.scoped}
        if unit.shape.sparql:
            rows.append((name, "global", "SPARQL constraint comparing nodes of several documents (Oxigraph)"))
        elif unit.shape.inverse:
            rows.append((name, "global", "inverse path: the values point at the focus node from any graph"))
        elif scoped and scoped == set(unit.classes) and not unit.subjects_of:
            rows.append((name, "per document", "focus nodes are minted per document (owned)"))
        elif scoped:
            rows.append((name, "per document + global", "owned nodes per document; "
                         + ", ".join(sorted(c.rsplit("#", 1)[-1] for c in set(unit.classes) - scoped))
                         + " nodes are shared by documents"))
        else:
            rows.append((name, "global", SHARED))
    return rows


def validate_union(quads: Iterable[Quad], shapes_dir: Path) -> ValidationReport:
    """The same engine on the whole union graph in one process (the fallback of the split)."""
    plan = prepare(shapes_dir, quads)
    state = _state(plan)
    results = _global(state, Index((), state.compiled.inverse_predicates(), parent=state.context),
                      lambda u, x: False)
    results.sort(key=_order)
    return ValidationReport(not any(r.severity == "Violation" for r in results), results)


def split_documents(quads: Iterable[Quad]) -> tuple[list[list[Quad]], list[Quad]]:
    """Quads of each document graph (a graph that types its own name rld:Document) and the other quads."""
    graphs: dict[Term | None, list[Quad]] = {}
    for q in quads:
        graphs.setdefault(q.g, []).append(q)
    doc_type = (TYPE, Term(0, RLD + "Document"))
    docs = [g for g in graphs if g is not None and any(q.s == g and (q.p.value, norm(q.o)) == doc_type
                                                       for q in graphs[g])]
    context = [q for g, qs in graphs.items() if g not in set(docs) for q in qs]
    return [graphs[g] for g in docs], context


def validate_quads_fast(quads: Iterable[Quad], shapes_dir: Path, ntriples: str | None = None) -> ValidationReport:
    """Drop-in for validation.validate_quads: per document, then global; pyshacl for unsupported shapes."""
    from .validation import validate_quads

    quads = list(quads)
    docs, context = split_documents(quads)
    try:
        plan = prepare(shapes_dir, context)
        try:
            return finish((check_document(doc, plan) for doc in docs), plan)
        except NeedsWholeGraph:
            return validate_union(quads, shapes_dir)
    except Unsupported:
        return validate_quads(quads, shapes_dir, ntriples)
