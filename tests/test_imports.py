"""The package's import graph, read from the sources with ``ast``.

Imports inside functions count (a lazy import still ties two modules together);
imports under ``if TYPE_CHECKING:`` do not, since they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "pmlint"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _under_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            return True
    return False


def imported(path: Path, modules: set[str]) -> set[str]:
    """The pmlint modules ``path`` imports by name, at any depth, that really run.

    ``from pmlint.x import y`` imports the module pmlint.x.y when there is one,
    else the name y of pmlint.x.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if _under_type_checking(node, parents):
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
    return found & modules


def graph() -> dict[str, set[str]]:
    """Module -> the modules importing it runs: those it names, and their packages.

    A module's own packages are not counted: they are running already.
    """
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    modules = set(paths)
    edges: dict[str, set[str]] = {}
    for name, path in paths.items():
        named = imported(path, modules)
        ancestors = {".".join(name.split(".")[:end]) for end in range(1, name.count(".") + 1)}
        packages = {
            ".".join(target.split(".")[:end])
            for target in named
            for end in range(1, target.count(".") + 1)
        }
        edges[name] = (named | (packages - ancestors)) - {name}
    return edges


def test_the_graph_sees_lazy_imports_and_skips_type_checking() -> None:
    edges = graph()
    assert "pmlint.running.linter" in edges["pmlint"]  # a lazy import inside __getattr__
    assert "pmlint.running.baseline" not in edges["pmlint.running.report"]  # TYPE_CHECKING


def test_nothing_imports_the_command_line() -> None:
    """``cli`` is on top: the library never depends on click or on how it is called."""
    importers = sorted(
        name
        for name, targets in graph().items()
        if not _in_cli(name) and any(_in_cli(target) for target in targets)
    )
    assert importers == ["pmlint.__main__"]


def _in_cli(module: str) -> bool:
    return module == "pmlint.cli" or module.startswith("pmlint.cli.")


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for target in sorted(edges.get(module, ())):
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            group = [stack.pop()]
            while group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(edges):
        if module not in order:
            visit(module)
    return found


def test_cycles_are_found_where_there_are_some() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle() -> None:
    """Counting imports inside functions: a lazy import for speed must not close a loop."""
    edges = graph()
    found = cycles(edges)
    described = [
        " ; ".join(f"{m} -> {sorted(edges[m] & set(group))}" for m in group) for group in found
    ]
    assert described == []
