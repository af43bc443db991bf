"""The package layout holds: imports go one way (no circle, lazy imports included), and outside
the engine nothing imports a module of it, only its public face."""

from __future__ import annotations

import ast
from pathlib import Path

from faceplate_db import engine
from tests.conftest import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "faceplate_db"


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The project modules path imports anywhere in it (in functions too), each resolved to the
    deepest known module: `from a.b import c` is a.b.c when that is a module, else a.b."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in known else node.module)
    return {name for name in found if name in known}


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    known = set(paths)
    return {name: imported_modules(path, known) - {name} for name, path in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle, each once, found by depth-first search."""
    found, state = [], dict.fromkeys(graph, "new")

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state[nxt] == "open":
                found.append([*stack[stack.index(nxt) :], nxt])
            elif state[nxt] == "new":
                visit(nxt, [*stack, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if state[node] == "new":
            visit(node, [node])
    return found


def test_no_import_circle():
    assert cycles(import_graph()) == []


def test_a_circle_would_be_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_outside_the_engine_only_its_public_face_is_imported():
    reached_into = {
        (module, target)
        for module, targets in import_graph().items()
        if not module.startswith("faceplate_db.engine")
        for target in targets
        if target.startswith("faceplate_db.engine.")
    }
    assert reached_into == set()


def test_the_public_face_resolves_every_name():
    for name in engine.__all__:
        assert getattr(engine, name) is not None
