"""`refugee-ld validate` as an API: RDF files the user names, checked against the SHACL shapes.

Reading is bounded (file sizes, parser limits, literal sizes: see limits.py) before anything is parsed, and a
bad shapes folder is an InputError naming it, so the CLI only prints the report and sets the exit code.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph

    from .rdf.terms import Quad
    from .rdf.validation import ValidationReport

REPORT_FORMATS = ("text", "turtle", "json")
DEFAULT_FILES = ("graph.nt", "graph.ttl", "dataset.nq")


def read_files(paths: list[Path]) -> list[Quad]:
    """Every quad of the named files (a folder: its first of DEFAULT_FILES; none: dist/), size-checked."""
    from .limits import check_literal_sizes, check_rdf_inputs, parser_bounds
    from .rdf.rdfio import read_quads, resolve_data_paths

    files = resolve_data_paths(paths, Path("dist"), DEFAULT_FILES)
    check_rdf_inputs(files)
    quads: list[Quad] = []
    for path in files:
        with parser_bounds(path):
            file_quads = read_quads(path)
        check_literal_sizes(file_quads, path)
        quads += file_quads
    return quads


def read_shapes(shapes_dir: Path | None = None) -> Graph:
    """The SHACL shapes (default: the project's shapes/); a missing or unreadable folder is an InputError."""
    from .rdf.validation import default_shapes_dir, load_shapes

    shapes = shapes_dir or default_shapes_dir()
    if not shapes.is_dir():
        raise InputError(shapes, "shapes folder not found")
    try:
        return load_shapes(shapes)
    except FileNotFoundError as exc:
        raise InputError(shapes, str(exc).split(": ", 1)[-1]) from None
    except Exception as exc:  # rdflib raises several parser exception types
        raise InputError(shapes, f"shapes are not valid Turtle: {' '.join(str(exc).split())[:200]}") from None


def validate_files(paths: list[Path], shapes_dir: Path | None = None) -> ValidationReport:
    """Validate the union of the files against the shapes; `report.conforms` is False only on a sh:Violation."""
    from .progress import timed
    from .rdf.serialize import to_ntriples
    from .rdf.validation import materialise_sparql_targets, to_rdflib, validate_graph

    quads = read_files(paths)
    shapes_graph = read_shapes(shapes_dir)
    return timed("validation", validate_graph)(to_rdflib(quads),
                                              materialise_sparql_targets(shapes_graph, to_ntriples(quads)))


def render_report(report: ValidationReport, fmt: str = "text") -> str:
    """The report as text (for people), Turtle (a SHACL validation report) or JSON."""
    if fmt == "json":
        return report.as_json()
    if fmt == "turtle":
        from .rdf.serialize import prefixes_for, to_turtle
        from .rdf.terms import DEFAULT_BASE

        return to_turtle(report.quads(DEFAULT_BASE), prefixes_for(DEFAULT_BASE))
    return report.text()
