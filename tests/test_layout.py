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


# ---------------------------------------------------------------- sizes (issue 9: "no module over ~400 lines, no
# function over ~60 lines without a reason written beside it")

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# (module, qualified function name or None for the module itself): why it is larger than the limit.
SIZE_EXCEPTIONS: dict[tuple[str, str | None], str] = {
    ("cli", None): "about 250 of its lines are click option declarations with their help texts (data, not "
                   "logic); every command body is a few lines over one API function",
    ("extraction.mentions.chunks", "cap_chunks"): "one left-to-right scan over the tokens whose loop state (the "
                                                   "chunk so far, its start, the last reference) every branch "
                                                   "updates; split, that state would travel through six helpers",
    ("extraction.mentions.vocab", "_build"): "a table, not logic: one compiled pattern per named vocabulary slot "
                                             "of lang/en.json, kept in one place so slots and patterns read side "
                                             "by side",
}


def _functions(tree: ast.AST) -> list[tuple[str, int]]:
    """(qualified name, lines) of every function and method, nested ones included ('Class.method', 'f.inner')."""
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((prefix + child.name, (child.end_lineno or child.lineno) - child.lineno + 1))
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def oversized(modules: dict[str, str]) -> dict[tuple[str, str | None], int]:
    """Modules over MAX_MODULE_LINES and functions over MAX_FUNCTION_LINES, with their sizes."""
    out: dict[tuple[str, str | None], int] = {}
    for name, text in modules.items():
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            out[(name, None)] = lines
        for function, size in _functions(ast.parse(text)):
            if size > MAX_FUNCTION_LINES:
                out[(name, function)] = size
    return out


def _sources() -> dict[str, str]:
    return {name: path.read_text(encoding="utf-8") for name, path in _modules().items()}


def test_no_module_or_function_over_the_size_limits():
    over = {place: size for place, size in oversized(_sources()).items() if place not in SIZE_EXCEPTIONS}
    assert over == {}, f"over the limits ({MAX_MODULE_LINES} lines a module, {MAX_FUNCTION_LINES} a function): " \
                       f"split them, or add them to SIZE_EXCEPTIONS with the reason: {over}"


def test_size_exceptions_are_not_stale():
    over = oversized(_sources())
    stale = sorted((place for place in SIZE_EXCEPTIONS if place not in over), key=str)
    assert stale == [], f"within the limits now: remove them from SIZE_EXCEPTIONS: {stale}"


def test_size_exceptions_give_a_reason():
    assert all(reason.strip() for reason in SIZE_EXCEPTIONS.values())


def test_the_size_check_finds_long_functions_and_modules():
    body = "\n".join(f"        x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    source = f"class C:\n    def long(self):\n{body}\n\n    def short(self):\n        return 1\n"
    assert oversized({"m": source}) == {("m", "C.long"): MAX_FUNCTION_LINES + 1}
    padded = source + "\n" * MAX_MODULE_LINES
    assert oversized({"m": padded})[("m", None)] == len(padded.splitlines())
    nested = "def outer():\n    def inner():\n" + "\n".join(f"        y{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    assert set(oversized({"m": nested})) == {("m", "outer"), ("m", "outer.inner")}


def test_every_package_is_in_the_wheel():
    """pyproject.toml lists the packages by hand: a new subpackage left out installs a wheel that cannot import it."""
    import tomllib

    config = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    packages = {".".join(("refugee_ld",) + p.parent.relative_to(PACKAGE).parts) for p in PACKAGE.rglob("__init__.py")}
    assert packages - listed == set()
