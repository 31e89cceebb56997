"""Reading RDF files the user points at (validate, query): format by extension (formats.py), pyoxigraph parses."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..rdf.terms import Quad, Term


def rdf_format(path: Path):  # -> pyoxigraph.RdfFormat
    """The pyoxigraph format for a file, from its extension (see formats.py); InputError when unknown."""
    import pyoxigraph as ox

    from .formats import by_extension, extensions

    found = by_extension(path.suffix)
    if found is None:
        raise InputError(path, f"unknown RDF file extension {path.suffix or '(none)'!r} "
                               f"(expected one of {', '.join(extensions())})")
    if not hasattr(ox.RdfFormat, found.reader):
        raise InputError(path, f"this pyoxigraph cannot read {found.name}; use graph.ttl or graph.nt")
    return getattr(ox.RdfFormat, found.reader)


def resolve_data_paths(paths: list[Path], default_dir: Path, preferred: tuple[str, ...]) -> list[Path]:
    """Files as given; a folder stands for the first of `preferred` dump names it holds."""
    if not paths:
        paths = [default_dir]
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            hit = next((path / name for name in preferred if (path / name).is_file()), None)
            if hit is None:
                raise InputError(path, f"no {' or '.join(preferred)} in this folder (run `refugee-ld build` first)")
            out.append(hit)
        elif not path.exists():
            raise InputError(path, "no such file or directory")
        else:
            out.append(path)
    return out


RDF12 = ("RDF 1.2 {what} is not supported (refugee-ld reads RDF 1.1: convert it or drop those triples first)")


def from_oxigraph(term, path: Path | str) -> Term:  # noqa: ANN001 (a pyoxigraph term)
    """One pyoxigraph term as a project term; RDF 1.2 terms (triple terms, text direction) raise InputError."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return Term(0, term.value)
    if isinstance(term, ox.BlankNode):
        return Term(1, term.value)
    if isinstance(term, ox.Literal):
        if getattr(term, "direction", None) is not None:
            raise InputError(path, RDF12.format(what=f"text direction (literal {term})"))
        lang = term.language or ""
        return Term(2, term.value, "" if lang else term.datatype.value, lang)
    if isinstance(term, ox.Triple):
        raise InputError(path, RDF12.format(what=f"triple term {term}"))
    raise InputError(path, f"unsupported RDF term {term!r}")


def read_quads(path: Path) -> list[Quad]:
    """All quads of one file as project terms; a parse error becomes an InputError naming the file."""
    import pyoxigraph as ox

    fmt = rdf_format(path)
    cache: dict = {}

    def conv(t) -> Term:  # noqa: ANN001
        hit = cache.get(t)
        if hit is None:
            hit = cache[t] = from_oxigraph(t, path)
        return hit

    try:
        out: list[Quad] = []
        for q in ox.parse(path=str(path), format=fmt):
            graph = getattr(q, "graph_name", None)
            g = None if graph is None or isinstance(graph, ox.DefaultGraph) else conv(graph)
            out.append(Quad(conv(q.subject), conv(q.predicate), conv(q.object), g))
        return out
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(path, f"not valid RDF: {' '.join(str(exc).split())}") from None


_RDF12_TERMS = """ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }
                       FILTER (isTRIPLE(?o) || (isLITERAL(?o) && LANGDIR(?o) != "")) }"""


def load_store(paths: list[Path]):  # -> pyoxigraph.Store
    import pyoxigraph as ox

    store = ox.Store()
    for path in paths:
        fmt = rdf_format(path)
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as exc:
            raise InputError(path, f"not valid RDF: {' '.join(str(exc).split())}") from None
        if bool(store.query(_RDF12_TERMS)):
            raise InputError(path, RDF12.format(what="content (a triple term or a literal with text direction)"))
    return store
