"""SPARQL 1.1 over a built dump with Oxigraph (rdflib's engine is orders of magnitude slower at scale).

Set semantics: the default graph a query sees is the RDF merge of every graph of the dump, each triple once
(Oxigraph's `use_default_graph_as_union` repeats a triple once per named graph that holds it, so `COUNT(*)`
would exceed `void:triples`).  The named graphs stay available to `GRAPH ?g { ... }`.

The project prefixes are handed to the parser as predeclared prefixes (not prepended as text), so error
positions are line and column in the user's own text.  The query is tokenised with the SPARQL 1.1 lexical
grammar (§19.8) to find the prefixes it uses and a SERVICE clause: a word "service" inside a string, an IRI, a
comment or a prefixed name is not a SERVICE call.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import cast

from .errors import InputError
from .limits import check_rdf_inputs, parser_bounds, read_text_file
from .rdf.rdfio import load_store, resolve_data_paths
from .rdf.serialize import prefixes_for
from .rdf.terms import DEFAULT_BASE

FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle")
MAX_QUERY_BYTES = 1 << 20  # a query file larger than 1 MiB is not a query

_PN_CHARS_BASE = "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D" \
                 "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF"
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00B7\u0300-\u036F\u203F-\u2040-"
_TOKEN = re.compile(
    r"(?P<ws>\s+)"
    r"|(?P<comment>#[^\r\n]*)"
    r"|(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\r\n]|\\.)*'|\"(?:[^\"\\\r\n]|\\.)*\")"
    r"|(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)"
    r"|(?P<var>[?$][" + _PN_CHARS + r"]+)"
    r"|(?P<bnode>_:[" + _PN_CHARS + r".]*)"
    r"|(?P<pname>(?P<prefix>[" + _PN_CHARS_BASE + r"](?:[" + _PN_CHARS + r".]*[" + _PN_CHARS + r"])?)?:"
    r"(?:(?:[" + _PN_CHARS + r":]|%[0-9A-Fa-f]{2}|\\.)(?:[" + _PN_CHARS + r".:]|%[0-9A-Fa-f]{2}|\\.)*"
    r"(?<!\.))?)"
    r"|(?P<word>[A-Za-z_][A-Za-z_0-9]*)"
    r"|(?P<other>.)",
    re.DOTALL)


@dataclass(frozen=True)
class Token:
    kind: str  # ws | comment | string | iri | var | bnode | pname | word | other
    text: str
    offset: int
    prefix: str | None = None  # for pname tokens: the part before ':'


def tokenize(query: str) -> list[Token]:
    """The query's tokens (comments and strings kept as single tokens, whitespace dropped)."""
    out: list[Token] = []
    for m in _TOKEN.finditer(query):
        kind = cast(str, m.lastgroup) if m.lastgroup != "prefix" else "pname"  # every alternative is named
        if kind == "ws":
            continue
        prefix = (m.group("prefix") or "") if kind == "pname" else None
        out.append(Token(kind, m.group(0), m.start(), prefix))
    return out


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def declared_prefixes(tokens: list[Token]) -> set[str]:
    """Prefix names the query declares itself (PREFIX p: <...>)."""
    out = set()
    for before, token in pairwise(tokens):
        if before.kind == "word" and before.text.upper() == "PREFIX" and token.kind == "pname":
            out.add(token.prefix or "")
    return out


def uses_service(tokens: list[Token]) -> bool:
    """True when the query has a SERVICE clause (the keyword as a token, not a word inside a string/comment)."""
    return any(t.kind == "word" and t.text.upper() == "SERVICE" for t in tokens)


def check_prefixes(query: str, tokens: list[Token], known: dict[str, str]) -> None:
    """Name the first prefix that is neither predeclared nor declared by the query, with the known ones."""
    declared = declared_prefixes(tokens)
    for before, token in zip([None, *tokens], tokens):
        if token.kind != "pname" or token.prefix in declared or token.prefix in known:
            continue
        if before is not None and before.kind == "word" and before.text.upper() == "PREFIX":
            continue
        line, column = position(query, token.offset)
        names = ", ".join(f"{p}:" for p in sorted(set(known) | declared))
        raise InputError("query", f"line {line}, column {column}: unknown prefix '{token.prefix}:' "
                                  f"(known prefixes: {names}; declare others with PREFIX)")


def with_prefixes(query: str, base: str = DEFAULT_BASE) -> str:
    """The query with the project's PREFIX declarations it does not declare itself, as text (for display)."""
    declared = declared_prefixes(tokenize(query))
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in sorted(prefixes_for(base).items()) if p not in declared]
    return "\n".join(lines) + "\n" + query


def read_query(query_or_file: str) -> str:
    """The query text: the argument itself, or the contents of the .rq/.sparql (or any existing) file it names."""
    path = Path(query_or_file)
    looks_like_path = len(query_or_file) < 4096 and "\n" not in query_or_file and "{" not in query_or_file
    if looks_like_path and path.suffix in (".rq", ".sparql") and not path.is_file():
        raise InputError(path, "no such query file")
    if looks_like_path and path.is_file():
        return read_text_file(path, MAX_QUERY_BYTES, "query file")
    return query_or_file


def load_dataset(paths: list[Path]):  # -> pyoxigraph.Store
    """A store whose default graph is the merge (set union) of every graph in `paths`; named graphs kept."""
    check_rdf_inputs(paths)
    with parser_bounds(", ".join(map(str, paths))):
        store = load_store(paths)
    # Rust-side copy of every named graph's triples into the default graph; the store is a set, so each
    # triple is held once there however many documents state it.
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


def dump_base(paths: list[Path]) -> str | None:
    """The base IRI a dump was built with (void:uriSpace in the void.ttl beside it), so `state:` fits its data."""
    for path in paths:
        void = path.parent / "void.ttl"
        if path.name != "void.ttl" and void.is_file() and void.stat().st_size < (1 << 22):
            m = re.search(r'void:uriSpace\s+"([^"\\\s<>]+)"', void.read_text(encoding="utf-8", errors="replace"))
            if m:
                return m.group(1)
    return None


def run_query(query: str, data: list[Path], fmt: str = "table", allow_service: bool = False,
              default_dir: Path = Path("dist"), base: str | None = None) -> str:
    """Run `query` over the files (a folder means its dataset.nq); returns the formatted answer.

    `base` (default: the dump's own, from its void.ttl, else the project default) sets `state:`, `agency:` ...
    """
    import pyoxigraph as ox

    tokens = tokenize(query)
    if uses_service(tokens) and not allow_service:
        raise InputError("query", "SERVICE calls are disabled (pass --allow-service to permit remote queries)")
    paths = resolve_data_paths(data, default_dir, ("dataset.nq", "graph.nt", "graph.ttl"))
    prefixes = prefixes_for(base or dump_base(paths) or DEFAULT_BASE)
    check_prefixes(query, tokens, prefixes)
    store = load_dataset(paths)
    try:
        answer = store.query(query, prefixes=prefixes)
    except SyntaxError as exc:
        raise InputError("query", f"SPARQL syntax error {_located(str(exc))}") from None
    except OSError as exc:  # a SERVICE call that failed (only with --allow-service)
        raise InputError("query", f"query failed: {' '.join(str(exc).split())[:300]}") from None
    if isinstance(answer, ox.QueryBoolean):
        return ("true" if bool(answer) else "false") + "\n"
    if isinstance(answer, ox.QueryTriples):
        return cast(bytes, answer.serialize(format=ox.RdfFormat.TURTLE)).decode("utf-8")  # no output: bytes
    if fmt == "table":
        return _table(answer, prefixes)
    result_format = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                     "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}.get(fmt)
    if result_format is None:
        raise InputError("--format", f"{fmt!r} is for CONSTRUCT/DESCRIBE answers; use table, csv, tsv, json or xml")
    return answer.serialize(format=result_format).decode("utf-8")


def _located(message: str) -> str:
    """Oxigraph's 'error at L:C: expected ...' as 'at line L, column C: expected ...' on one short line."""
    message = " ".join(message.split())
    m = re.match(r"error at (\d+):(\d+): (.*)", message)
    if m:
        message = f"at line {m.group(1)}, column {m.group(2)}: {m.group(3)}"
    return message if len(message) <= 300 else message[:297] + "..."


def _cell(term, compact) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value) or term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _table(solutions, prefixes: dict[str, str]) -> str:
    from .rdf.serialize import Compactor

    compactor = Compactor(prefixes)
    names = [v.value for v in solutions.variables]
    rows = [[_cell(s[name], compactor.iri) for name in names] for s in solutions]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
