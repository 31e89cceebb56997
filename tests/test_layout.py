"""The package layout shows the flow: no import cycles between modules, no upward imports.

Every module's imports are read with `ast` (including imports inside functions: a lazy import is still a
dependency, it only moves the cost), resolved to modules of `refugee_ld`, and checked against the layer rules
of docs/architecture.md.  Today's exceptions are listed with their reason; a listed exception that no longer
exists fails the test too, so the list only shrinks.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "refugee_ld"

# (importer, imported): why it is still there.  Remove an entry when its import goes.
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {
    ("rdf.mapping", "extraction.confidence"): "mapping types its confidence function with extraction.confidence; "
                                              "an rdf/ -> extraction/ import (the confidence callable can be "
                                              "passed in, issue 9)",
}

# importer prefix -> imported prefixes it must not use (a prefix is a package or a module)
FORBIDDEN = {
    "text": ("extraction", "rdf", "linking", "publish", "pipeline", "cli"),
    "lang": ("extraction", "rdf", "linking", "publish", "pipeline", "cli"),
    "rdf": ("extraction", "publish"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, is_package: bool, node: ast.ImportFrom, known: set[str]) -> list[str]:
    """The project modules one `from ... import ...` names ('' is the package root)."""
    if node.level:
        base = module.split(".") if module else []
        if not is_package:
            base = base[:-1]
        base = base[:len(base) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    elif node.module and (node.module == "refugee_ld" or node.module.startswith("refugee_ld.")):
        target = node.module[len("refugee_ld."):] if node.module != "refugee_ld" else ""
    else:
        return []
    found = []
    for alias in node.names:
        sub = f"{target}.{alias.name}" if target else alias.name
        found.append(sub if sub in known else target)
    return found


def import_graph() -> dict[str, set[str]]:
    """module -> project modules it imports (the package root `''` left out: it only holds the public face)."""
    modules = _modules()
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                deps.update(_resolve(name, path.name == "__init__.py", node, known))
            elif isinstance(node, ast.Import):
                deps.update(a.name[len("refugee_ld."):] for a in node.names if a.name.startswith("refugee_ld."))
        graph[name] = {d for d in deps if d and d != name and d in known}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def _allowed(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    return {m: {d for d in deps if (m, d) not in KNOWN_EXCEPTIONS} for m, deps in graph.items()}


def test_the_graph_sees_lazy_and_relative_imports():
    graph = import_graph()
    assert "linking.links" in graph["linking.reconcile"]  # `from .links import ...`
    assert "publish.site" in graph["cli"]  # imported inside the publish command
    assert "errors" in graph["text.loading"]


def test_no_import_cycles():
    cycles = _cycles(_allowed(import_graph()))
    assert cycles == [], f"import cycles: {cycles}"


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_upward_imports(layer):
    upward = sorted((m, d) for m, deps in _allowed(import_graph()).items() if _within(m, layer)
                    for d in deps if any(_within(d, banned) for banned in FORBIDDEN[layer]))
    assert upward == [], f"{layer}/ imports from a later stage: {upward}"


def test_nothing_but_the_entry_points_imports_cli():
    importers = sorted(m for m, deps in import_graph().items() if "cli" in deps)
    assert importers == ["__main__"]


def test_known_exceptions_still_exist():
    graph = import_graph()
    stale = sorted(edge for edge in KNOWN_EXCEPTIONS if edge[1] not in graph.get(edge[0], set()))
    assert stale == [], f"these imports are gone: remove them from KNOWN_EXCEPTIONS: {stale}"


def test_the_cycle_breaker_detects_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
