"""SPARQL 1.1 over a built dump with Oxigraph (rdflib's engine is orders of magnitude slower at scale)."""
from __future__ import annotations

import re
from pathlib import Path

from .loading import InputError
from .rdfio import load_store, resolve_data_paths
from .serialize import prefixes_for
from .terms import DEFAULT_BASE

FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle")
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


def with_prefixes(query: str, base: str = DEFAULT_BASE) -> str:
    """Prepend the project's PREFIX declarations the query does not declare itself."""
    declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([\w-]*):", query, re.I)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in sorted(prefixes_for(base).items()) if p not in declared]
    return "\n".join(lines) + "\n" + query


def read_query(query_or_file: str) -> str:
    path = Path(query_or_file)
    if len(query_or_file) < 4096 and "\n" not in query_or_file and path.suffix in (".rq", ".sparql") :
        if not path.is_file():
            raise InputError(path, "no such query file")
        return path.read_text(encoding="utf-8")
    if len(query_or_file) < 4096 and "\n" not in query_or_file and path.is_file():
        return path.read_text(encoding="utf-8")
    return query_or_file


def run_query(query: str, data: list[Path], fmt: str = "table", allow_service: bool = False,
              default_dir: Path = Path("dist")) -> str:
    """Run `query` over the files (a folder means its dataset.nq); returns the formatted answer."""
    import pyoxigraph as ox

    if _SERVICE.search(query) and not allow_service:
        raise InputError("query", "SERVICE calls are disabled (pass --allow-service to permit remote queries)")
    paths = resolve_data_paths(data, default_dir, ("dataset.nq", "graph.nt", "graph.ttl"))
    store = load_store(paths)
    try:
        answer = store.query(with_prefixes(query), use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise InputError("query", f"SPARQL syntax error: {' '.join(str(exc).split())}") from None
    if isinstance(answer, ox.QueryBoolean):
        return ("true" if bool(answer) else "false") + "\n"
    if isinstance(answer, ox.QueryTriples):
        return answer.serialize(format=ox.RdfFormat.TURTLE).decode("utf-8")
    if fmt == "table":
        return _table(answer)
    result_format = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                     "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}.get(fmt)
    if result_format is None:
        raise InputError("--format", f"{fmt!r} is for CONSTRUCT/DESCRIBE answers; use table, csv, tsv, json or xml")
    return answer.serialize(format=result_format).decode("utf-8")


def _cell(term, compact) -> str:  # noqa: ANN001
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value) or term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _table(solutions) -> str:  # noqa: ANN001
    from .serialize import Compactor

    compactor = Compactor(prefixes_for(DEFAULT_BASE))
    names = [v.value for v in solutions.variables]
    rows = [[_cell(s[name], compactor.iri) for name in names] for s in solutions]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = lambda cells: " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
