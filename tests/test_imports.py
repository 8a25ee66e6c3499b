"""The house's imports run one way: no module of lib/briefing imports one that imports it back.

Every `import` and `from ... import` in the package is read with ast (those inside functions too,
so a lazy import cannot hide a loop), resolved to the module it loads, and the graph is searched
for cycles.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "briefing"


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules(root: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's own modules that `name` imports (a package's __init__ counts as a module)."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target not in modules:
                continue
            # `from . import assets` loads the module briefing.assets, not only the package
            subs = {f"{target}.{a.name}" for a in node.names} & modules.keys()
            found.update(subs or {target})
    found.discard(name)
    return found


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    modules = package_modules(root)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_finder_sees_a_loop(tmp_path: Path) -> None:
    """The walk itself works: a loop through a function-level import is found."""
    pkg = tmp_path / "briefing"
    (pkg / "maps").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .model import Record\n")
    (pkg / "model.py").write_text("def f():\n    from .book import g\n")
    (pkg / "book.py").write_text("from .content import DataError\n")
    (pkg / "content.py").write_text("from . import model\n")
    (pkg / "maps" / "__init__.py").write_text("")
    (pkg / "maps" / "views.py").write_text("from ..book import g\nfrom .. import errors\n")
    graph = import_graph(pkg)
    assert graph["briefing.maps.views"] == {"briefing.book", "briefing"}
    assert cycles(graph) == [["briefing.book", "briefing.content", "briefing.model"]]


def test_no_import_cycle_in_the_library() -> None:
    graph = import_graph()
    assert len(graph) > 20 and graph["briefing.content"] >= {"briefing.model", "briefing.book"}
    loops = cycles(graph)
    assert not loops, "import cycles in lib/briefing: " + "; ".join(" <-> ".join(c) for c in loops)


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("briefing.errors", "briefing.model"),
        ("briefing.model", "briefing.book"),
        ("briefing.book", "briefing.content"),
        ("briefing.model", "briefing.provenance"),
    ],
)
def test_the_foundation_is_layered(low: str, high: str) -> None:
    """Records and errors at the bottom, the book's defaults above them, loading above that:
    the lower module never reaches (even indirectly) for the higher one."""
    graph = import_graph()
    seen, todo = set(), [low]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph[node])
    assert high not in seen
