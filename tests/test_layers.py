"""The shape of the code: layers one-way, services on a ladder, no import circles.

Read from the source with `ast`, so an import inside a function counts as much as one at the top:
a circle hidden in a function is still a circle. The ladder is drawn in docs/services.md.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = ("bot", "matching", "models")
# The services' packages, lowest first: each may import only those before it (docs/services.md).
SERVICES_LADDER = ("shared", "sending", "calls", "help_requests", "people", "community",
                   "safeguarding", "coordinating", "running")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(path): path
            for package in PROJECT_PACKAGES for path in (ROOT / package).rglob("*.py")}


MODULES = project_modules()


def imported_names(name: str, path: Path) -> set[str]:
    """Every module `name` imports, project or not, wherever in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found.add(base)
            # `from bot.services.shared import audit` imports the module bot.services.shared.audit
            found.update(f"{base}.{alias.name}" for alias in node.names
                         if f"{base}.{alias.name}" in MODULES)
    return found


IMPORTS = {name: imported_names(name, path) for name, path in MODULES.items()}


def project_imports(name: str) -> set[str]:
    return {other for other in IMPORTS[name] if other in MODULES and other != name}


def importers_of(prefix: str, forbidden: tuple[str, ...]) -> list[str]:
    """'module -> import' for each module under `prefix` importing anything under `forbidden`."""
    return sorted(f"{name} -> {other}" for name in MODULES if is_under(name, prefix)
                  for other in IMPORTS[name] if any(is_under(other, f) for f in forbidden))


def is_under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_no_module_imports_another_that_imports_it_back_however_far_round():
    circles = strongly_connected(
        {name: project_imports(name) - ancestors(name) for name in MODULES})
    assert [sorted(circle) for circle in circles if len(circle) > 1] == []


def ancestors(name: str) -> set[str]:
    """A module's own packages: importing one runs its __init__, which is not a circle unless
    that __init__ imports the module back (none here does)."""
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, without recursion (the graph is a few hundred modules deep)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = lowest[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for neighbour in edges:
                if neighbour not in index:
                    index[neighbour] = lowest[neighbour] = len(index)
                    stack.append(neighbour)
                    on_stack.add(neighbour)
                    work.append((neighbour, iter(sorted(graph[neighbour]))))
                    break
                if neighbour in on_stack:
                    lowest[node] = min(lowest[node], index[neighbour])
            else:
                work.pop()
                if work:
                    lowest[work[-1][0]] = min(lowest[work[-1][0]], lowest[node])
                if lowest[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def test_the_circle_finder_finds_a_circle_three_modules_round():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert sorted(map(sorted, strongly_connected(graph))) == [["a", "b", "c"], ["d"]]


def test_every_service_module_lives_in_one_of_the_ladders_packages():
    loose = [path.name for path in (ROOT / "bot" / "services").glob("*.py")
             if path.name != "__init__.py"]
    packages = sorted(path.parent.name for path in (ROOT / "bot" / "services").glob("*/__init__.py"))
    assert loose == []
    assert packages == sorted(SERVICES_LADDER)


def test_each_services_package_imports_only_the_packages_below_it_on_the_ladder():
    upward = []
    for name in MODULES:
        if not is_under(name, "bot.services") or name.count(".") < 3:
            continue
        rung = SERVICES_LADDER.index(name.split(".")[2])
        for other in project_imports(name):
            if is_under(other, "bot.services") and other.count(".") >= 2:
                other_rung = SERVICES_LADDER.index(other.split(".")[2])
                if other_rung > rung:
                    upward.append(f"{name} -> {other}")
    assert upward == []


def test_the_map_in_docs_lists_the_packages_in_ladder_order():
    text = (ROOT / "docs" / "services.md").read_text()
    listed = re.findall(r"^\| `(\w+)` \|", text, re.M)
    assert tuple(listed) == SERVICES_LADDER


@pytest.mark.parametrize("layer, forbidden", [
    ("bot.services", ("bot.channels", "bot.app", "bot.cli", "bot.commands", "telegram",
                      "twilio", "starlette", "uvicorn")),
    ("bot.dialogue", ("bot.services", "bot.channels", "bot.app", "models", "sqlalchemy",
                      "telegram", "twilio", "httpx", "matching")),
    ("bot.understanding", ("bot.dialogue", "bot.services", "bot.channels", "models",
                           "sqlalchemy", "telegram", "twilio")),
    ("matching", ("bot", "models", "sqlalchemy", "telegram", "twilio")),
    ("models", ("bot", "matching", "telegram", "twilio")),
    # Channels reach the database only through services; the dashboard's pages too.
    ("bot.channels", ("models",)),
])
def test_layers_import_one_way(layer, forbidden):
    assert importers_of(layer, forbidden) == []
