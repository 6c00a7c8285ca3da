"""The shape of the code, checked from the code: one-way imports, no cycles.

Built from the source with ``ast`` (every ``import`` and ``from … import`` of an evidencekit
module, at any depth), so an import hidden inside a function counts like any other.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "evidencekit"
# cli.py imports the core lazily inside commands on purpose: `evidencekit --help` stays fast.
LAZY_OK = {"evidencekit.cli"}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for every evidencekit import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, int, bool]] = []

    def resolve(target: str) -> str | None:
        while target and target not in known:
            target = target.rpartition(".")[0]
        return target or None

    def visit(node: ast.AST, in_function: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            typing_block = type_only or (isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test))
            if isinstance(child, ast.Import) and not typing_block:
                for alias in child.names:
                    if alias.name.startswith("evidencekit"):
                        target = resolve(alias.name)
                        if target:
                            found.append((target, child.lineno, inner))
            elif isinstance(child, ast.ImportFrom) and not typing_block:
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[:len(anchor) - (child.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                if base.startswith("evidencekit"):
                    for alias in child.names:
                        target = resolve(f"{base}.{alias.name}") if f"{base}.{alias.name}" in known else resolve(base)
                        if target:
                            found.append((target, child.lineno, inner))
            visit(child, inner, typing_block)

    visit(tree, False, False)
    return [(t, line, inner) for t, line, inner in found if t != name]


def graph() -> tuple[dict[str, set[str]], list[str]]:
    mods = modules()
    known = set(mods)
    edges: dict[str, set[str]] = {m: set() for m in mods}
    lazy: list[str] = []
    for name, path in mods.items():
        for target, line, inner in imports_of(name, path, known):
            if target == "evidencekit" and name.startswith("evidencekit."):
                continue  # the package face (__version__) is below everything
            edges[name].add(target)
            if inner and name not in LAZY_OK:
                lazy.append(f"{path.relative_to(SRC.parent)}:{line} imports {target} inside a function")
    return edges, lazy


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return out


def test_the_import_graph_has_no_cycle() -> None:
    edges, _ = graph()
    assert cycles(edges) == []


def test_no_import_hides_inside_a_function() -> None:
    _, lazy = graph()
    assert lazy == []


def test_render_lays_out_a_plan_and_reaches_no_higher() -> None:
    """render/ imports nothing from the channel, statement, case or plan-making logic."""
    edges, _ = graph()
    forbidden = ("evidencekit.channels", "evidencekit.statement", "evidencekit.case", "evidencekit.pipeline",
                 "evidencekit.timeline", "evidencekit.privacy")
    upward = sorted(f"{m} -> {t}" for m, targets in edges.items() if m.startswith("evidencekit.render")
                    for t in targets if t.startswith(forbidden))
    assert upward == []


def test_readers_do_not_import_the_writer() -> None:
    edges, _ = graph()
    readers = ("evidencekit.verify", "evidencekit.unpack", "evidencekit.checking")
    assert sorted(f"{r} -> {t}" for r in readers for t in edges.get(r, ()) if t == "evidencekit.assemble") == []


def test_the_checker_finds_a_cycle() -> None:
    """The checker itself can fail."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
