"""Evaluation of compiled shapes (shacl.py) over dictionary indexes of triples, with pyshacl's results.

The semantics follow pyshacl's (the reference engine) rather than re-deriving them: literal values, ill-typed
literals and comparisons go through rdflib Literals exactly as pyshacl's components do, and generic messages
are made with pyshacl's own `stringify_node`, so a report equals the one pyshacl writes on the same graph
(tests/test_shacl.py compares them).  Only the walk is different: focus and value nodes come from dicts.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .shacl import XSD_STRING, Check, CompiledShapes, Shape, Unit
from .terms import RDF, SH, Quad, Term
from .validation import ValidationResult, _result

TYPE = RDF + "type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
LANGSTRING = RDF + "langString"


def norm(term: Term) -> Term:
    """One spelling per term: plain literals carry xsd:string, tagged ones no datatype (as rdflib compares)."""
    if term.kind == 2:
        if term.lang:
            return term if not term.datatype else Term(2, term.value, "", term.lang)
        if not term.datatype:
            return Term(2, term.value, XSD_STRING)
    return term


class Index:
    """Triples by subject and predicate, by type, and inverted for the predicates inverse paths use.

    `parent` layers an index under this one (a document over the shared registry/ontology graphs): lookups see
    the union of both, as SHACL sees the union graph.
    """

    def __init__(self, quads: Iterable[Quad] = (), inverse: Iterable[str] = (), parent: Index | None = None):
        self.parent = parent
        self.out: dict[Term, dict[str, set[Term]]] = {}
        self.inv: dict[str, dict[Term, set[Term]]] = {p: {} for p in inverse}
        if parent is not None:
            for p in parent.inv:
                self.inv.setdefault(p, {})
        self.by_type: dict[Term, set[Term]] = {}
        self.superclasses: dict[Term, set[Term]] = {}
        self._closures: dict[Term, frozenset[Term]] = {}
        self.owned_types: dict[Term, frozenset[Term]] = {}  # compact rdf:type of nodes with no other triple here
        self._interned: dict[frozenset[Term], frozenset[Term]] = {}
        for q in quads:
            self.add(norm(q.s), q.p.value, norm(q.o))

    def add(self, s: Term, p: str, o: Term) -> None:
        self.out.setdefault(s, {}).setdefault(p, set()).add(o)
        if p == TYPE:
            self.by_type.setdefault(o, set()).add(s)
        elif p == SUBCLASS:
            self.superclasses.setdefault(s, set()).add(o)
        inv = self.inv.get(p)
        if inv is not None:
            inv.setdefault(o, set()).add(s)

    def add_type(self, s: Term, o: Term) -> None:
        """An rdf:type kept without the per-node dicts of `add` (the global pass holds millions of evidence nodes)."""
        types = self.owned_types.get(s, frozenset()) | {o}
        self.owned_types[s] = self._interned.setdefault(types, types)
        self.by_type.setdefault(o, set()).add(s)

    def values(self, s: Term, p: str) -> set[Term]:
        here = self.out.get(s, {}).get(p, set())
        if p == TYPE and self.owned_types and s in self.owned_types:
            here = here | self.owned_types[s]
        if self.parent is None:
            return here
        below = self.parent.values(s, p)
        return (here | below) if here and below else (here or below)

    def inverse_values(self, o: Term, p: str) -> set[Term]:
        here = self.inv.get(p, {}).get(o, set())
        return here | self.parent.inverse_values(o, p) if self.parent is not None else here

    def types(self, s: Term) -> set[Term]:
        return self.values(s, TYPE)

    def closure(self, cls: Term) -> frozenset[Term]:
        """The class and every class it is a rdfs:subClassOf of, transitively (pyshacl's transitive_objects)."""
        if self.parent is not None and not self.superclasses:
            return self.parent.closure(cls)  # a document without class axioms: the shared graphs' answer
        hit = self._closures.get(cls)
        if hit is None:
            hit = self._closures[cls] = self._closure(cls)
        return hit

    def _closure(self, cls: Term) -> frozenset[Term]:
        seen, todo = {cls}, [cls]
        while todo:
            for sup in self._supers(todo.pop()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return frozenset(seen)

    def _supers(self, cls: Term) -> set[Term]:
        here = self.superclasses.get(cls, set())
        return here | self.parent._supers(cls) if self.parent is not None else here

    def all_types(self) -> set[Term]:
        here = set(self.by_type)
        return here | self.parent.all_types() if self.parent is not None else here

    def typed(self, cls: Term) -> set[Term]:
        here = self.by_type.get(cls, set())
        return here | self.parent.typed(cls) if self.parent is not None else here

    def subjects_of(self, p: str) -> set[Term]:
        here = {s for s, props in self.out.items() if p in props}
        return here | self.parent.subjects_of(p) if self.parent is not None else here

    def has_class(self, node: Term, cls: Term) -> bool:
        return node.kind != 2 and any(cls in self.closure(t) for t in self.types(node))

    def focus_nodes(self, unit: Unit) -> set[Term]:
        classes = {Term(0, c) for c in unit.classes}
        out: set[Term] = set()
        if classes:
            for t in self.all_types():
                if classes & self.closure(t):
                    out |= self.typed(t)
        for p in unit.subjects_of:
            out |= self.subjects_of(p)
        return out


@dataclass(frozen=True)
class Pending:
    """A failure that more rdf:type triples elsewhere could lift (sh:class, sh:or of classes): re-checked later."""

    unit: int
    check: int
    focus: Term
    value: Term


def evaluate(compiled: CompiledShapes, index: Index, units: Iterable[int],
             keep: Callable[[Term], bool] = lambda _: True, defer_types: bool = False,
             focus: dict[int, set[Term]] | None = None) -> tuple[list[ValidationResult], list[Pending]]:
    """Results of the given units for their focus nodes in `index` that `keep` accepts.

    With `defer_types`, a failing check that depends on types is returned as Pending instead of a result.
    """
    results: list[ValidationResult] = []
    pending: list[Pending] = []
    for u in units:
        unit = compiled.units[u]
        shape = unit.shape
        nodes = focus[u] if focus is not None and u in focus else index.focus_nodes(unit)
        for x in sorted(n for n in nodes if keep(n)):
            values = _values(index, shape, x)
            for c, check in enumerate(shape.checks):
                for value in _failures(index, check, x, values):
                    if defer_types and value is not None and _type_dependent(check):
                        pending.append(Pending(u, c, x, value))
                    else:
                        results.append(make_result(compiled, shape, check, x, value))
    return results, pending


def recheck(compiled: CompiledShapes, index: Index, item: Pending) -> ValidationResult | None:
    shape = compiled.units[item.unit].shape
    check = shape.checks[item.check]
    if _value_ok(index, check, item.value):
        return None
    return make_result(compiled, shape, check, item.focus, item.value)


def _values(index: Index, shape: Shape, x: Term) -> set[Term]:
    if shape.path is None:
        return {x}
    return index.inverse_values(x, shape.path) if shape.inverse else index.values(x, shape.path)


def _type_dependent(check: Check) -> bool:
    if check.kind == "class":
        return True
    return check.kind == "or" and any(_type_dependent(c) for m in check.arg for c in m.checks)  # type: ignore


def _failures(index: Index, check: Check, x: Term, values: set[Term]) -> Sequence[Term | None]:
    """The value nodes failing one check (None for a count failure, which has no value)."""
    kind = check.kind
    if kind == "minCount":
        return [None] if len(values) < check.arg else []  # type: ignore[operator]
    if kind == "maxCount":
        return [None] if len(values) > check.arg else []  # type: ignore[operator]
    if kind == "lessThan":
        others = index.values(x, check.arg)  # type: ignore[arg-type]
        return [v for v in sorted(values) if any(_not_less_memo(v, o) for o in others)]
    if _type_dependent(check):
        return [v for v in sorted(values) if not _value_ok(index, check, v)]
    memo = _MEMO.setdefault(id(check), {})  # a check of a value alone: the same answer every time
    if len(memo) > 20_000:
        memo.clear()  # bounded: unique values (quotes) must not pile up in a worker
    out: list[Term] = []
    for v in values:
        ok = memo.get(v)
        if ok is None:
            ok = memo[v] = _value_ok(index, check, v)
        if not ok:
            out.append(v)
    return sorted(out)


_MEMO: dict[int, dict[Term, bool]] = {}  # id(Check) -> value -> passes; Checks live as long as their state
_LESS: dict[tuple[Term, Term], bool] = {}
_INTEGERS = {"http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"}


def _value_ok(index: Index, check: Check, v: Term) -> bool:  # noqa: C901 - one branch per component
    kind, arg = check.kind, check.arg
    if kind == "class":
        return index.has_class(v, Term(0, arg))  # type: ignore[arg-type]
    if kind == "or":
        return any(all(_value_ok(index, c, v) for c in member.checks) for member in arg)  # type: ignore
    if kind == "nodeKind":
        name = {0: "IRI", 1: "BlankNode", 2: "Literal"}[v.kind]
        return name in arg[len(SH):]  # type: ignore[index]
    if kind == "in":
        return (Term(2, v.value, "", v.lang.lower()) if v.lang else v) in arg  # type: ignore[operator]
    if kind == "languageIn":
        lang = v.lang.lower() if v.kind == 2 else ""
        return bool(lang) and ("*" in arg or lang in arg or lang.split("-")[0] in arg)  # type: ignore
    if v.kind == 1:
        return kind == "minLength" and arg == 0
    if kind == "pattern":
        return arg.search(v.value) is not None  # type: ignore[union-attr]
    if kind == "minLength":
        return arg == 0 or len(v.value) >= arg  # type: ignore[operator]
    if kind == "datatype":
        return v.kind == 2 and _datatype_ok(v, arg)  # type: ignore[arg-type]
    if v.kind == 0:
        return False  # minInclusive / maxInclusive: pyshacl does not compare IRIs
    return _range_ok(to_rdflib(v), check.arg, kind == "minInclusive")


def _datatype_ok(v: Term, rule: str) -> bool:
    """pyshacl's DatatypeConstraintComponent for one literal."""
    if not v.lang and v.datatype == rule == XSD_STRING or v.lang and rule == LANGSTRING:
        return True  # a string is always well-formed (rdflib's value is the str itself)
    lit = to_rdflib(v)
    datatype = str(lit.datatype) if lit.datatype else None
    if datatype == rule:
        return getattr(lit, "ill_typed", None) is not True and _actual(lit, rule)
    if rule == "http://www.w3.org/2000/01/rdf-schema#Literal":
        return True
    if rule == "http://www.w3.org/2000/01/rdf-schema#Datatype" and datatype:
        return True
    if datatype is None and not lit.language and rule == XSD_STRING:
        return _actual(lit, rule)
    return rule == LANGSTRING and bool(lit.language) and _actual(lit, rule)


def _actual(lit, rule: str) -> bool:  # noqa: ANN001
    from datetime import date, datetime, time
    from decimal import Decimal

    xsd = "http://www.w3.org/2001/XMLSchema#"
    kinds: dict[str, type | tuple[type, ...]] = {XSD_STRING: (str, bytes), LANGSTRING: (str, bytes), xsd + "integer": int, xsd + "float": float,
             xsd + "decimal": Decimal, xsd + "boolean": bool, xsd + "date": date, xsd + "time": time,
             xsd + "dateTime": datetime}
    return rule not in kinds or isinstance(lit.value, kinds[rule])


def _range_ok(lit, bound, minimum: bool) -> bool:  # noqa: ANN001
    from pyshacl.rdfutil.compare import compare_literal

    if isinstance(bound.value, str) != isinstance(lit.value, str):
        return False
    try:
        cmp = compare_literal(lit, bound)
    except (TypeError, NotImplementedError):
        return False
    return cmp >= 0 if minimum else cmp <= 0


def _not_less_memo(value: Term, other: Term) -> bool:
    if value.datatype in _INTEGERS and other.datatype in _INTEGERS and value.value.isdigit() \
            and other.value.isdigit() and value.value.isascii() and other.value.isascii():
        return not int(value.value) < int(other.value)  # what rdflib's Literal comparison gives for these
    hit = _LESS.get((value, other))
    if hit is None:
        if len(_LESS) > 100_000:
            _LESS.clear()
        hit = _LESS[(value, other)] = _not_less(to_rdflib(value), to_rdflib(other))
    return hit


def _not_less(value, other) -> bool:  # noqa: ANN001
    """pyshacl's sh:lessThan test for one pair: True when the pair is a failure."""
    from rdflib import BNode, Literal, URIRef

    def plain(node):  # noqa: ANN001, ANN202
        if isinstance(node, BNode):
            raise TypeError("sh:lessThan cannot compare a blank node")
        if isinstance(node, URIRef):
            return str(node), True
        if isinstance(node, Literal) and isinstance(node.value, str):
            return node.value, True
        return node, False

    a, a_str = plain(value)
    b, b_str = plain(other)
    if a_str != b_str:
        return True
    return not a < b  # a TypeError here is pyshacl's too: the shapes compare what cannot be compared


_RDFLIB: dict[Term, object] = {}


def to_rdflib(t: Term):  # noqa: ANN201
    """The rdflib term validation.to_rdflib would make (plain literals for xsd:string), cached."""
    hit = _RDFLIB.get(t)
    if hit is None:
        from rdflib import BNode, Literal, URIRef

        if t.kind == 0:
            hit = URIRef(t.value)
        elif t.kind == 1:
            hit = BNode(t.value)
        elif t.lang:
            hit = Literal(t.value, lang=t.lang)
        elif not t.datatype or t.datatype == XSD_STRING:
            hit = Literal(t.value)
        else:
            hit = Literal(t.value, datatype=URIRef(t.datatype))
        if len(_RDFLIB) > 200_000:
            _RDFLIB.clear()
        _RDFLIB[t] = hit
    return hit


@lru_cache(maxsize=1)
def _datagraph():  # noqa: ANN202
    import rdflib
    return rdflib.Graph()  # pyshacl names data nodes with a data graph's default prefixes


def make_result(compiled: CompiledShapes, shape: Shape, check: Check, focus: Term,
                value: Term | None) -> ValidationResult:
    from rdflib import URIRef

    graph = compiled.graph
    f = to_rdflib(focus)
    v = None if value is None else to_rdflib(value)
    path_node = next(iter(graph.objects(shape.node, URIRef(SH + "path"))), None)
    message = shape.messages[0] if shape.messages else _generic(compiled, shape, check, f, v, path_node)
    return _result(graph, graph, URIRef(SH + shape.severity), f, shape.node, path_node, v, message,
                   URIRef(check.component))


def _generic(compiled: CompiledShapes, shape: Shape, check: Check, f, v, path) -> str:  # noqa: ANN001
    """pyshacl's default message for a component (constraints/core/*.py, make_generic_messages)."""
    from pyshacl.rdfutil import stringify_node

    sg, dg, kind, arg = compiled.graph, _datagraph(), check.kind, check.rdf_arg
    if kind == "minCount":
        return f"Less than {check.arg} values on {stringify_node(dg, f)}->{stringify_node(sg, path)}"
    if kind == "maxCount":
        return f"More than {check.arg} values on {stringify_node(dg, f)}->{stringify_node(sg, path)}"
    if kind == "lessThan":
        return f"Value of {stringify_node(dg, f)}->{stringify_node(sg, arg)} <= {stringify_node(dg, v)}"
    if kind == "or":
        shapes = " , ".join(stringify_node(sg, m) for m in sg.items(arg))
        return f"Node {stringify_node(dg, v)} must conform to one or more shapes in {shapes}"
    if kind == "in":
        members = set()  # pyshacl lists a set's members, in the set's order (as it does, hash-seed dependent)
        for item in sg.items(arg):
            members.add(item)
        return f"Value {stringify_node(dg, v)} not in list {[stringify_node(sg, i) for i in members]}"
    texts = {"class": "Value does not have class {}", "datatype": "Value is not Literal with datatype {}",
             "nodeKind": "Value is not of Node Kind {}", "languageIn": "String language is not in {}",
             "minInclusive": "Value is not >= {}", "maxInclusive": "Value is not <= {}"}
    if kind in texts:
        return texts[kind].format(stringify_node(sg, arg))
    if kind == "minLength":
        return f"String length not >= {stringify_node(dg, arg)}"
    return f"Value does not match pattern '{arg.value}'"
