"""The package's imports point one way: no circle, and only cli/ uses typer or rich.

Read from the source with ast (no import runs): an import under `if TYPE_CHECKING:`
is a type annotation's, not a dependency, and is left out.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "roa_evidence"


def _modules(root: Path = PACKAGE) -> dict[str, Path]:
    modules = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules `name` imports at run time: a name imported from a package is the
    submodule of that name when there is one, else the package."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []  # annotations only
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.update(
                f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target
                for alias in node.names
            )
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    return {
        name: {t for t in _imports(name, path, modules) if t in modules and t != name}
        for name, path in modules.items()
    }


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_one_that_imports_it() -> None:
    graph = _graph(_modules())
    assert len(graph) > 50 and graph["roa_evidence.query.queries"]  # the package was read
    assert _circles(graph) == []


def test_the_circle_check_finds_a_circle(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("from .a import thing\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n"
    )
    assert _circles(_graph(_modules(package))) == [["pkg.a", "pkg.b"]]


def test_only_the_cli_uses_typer_or_rich() -> None:
    modules = _modules()
    for name, path in modules.items():
        if name.startswith("roa_evidence.cli"):
            continue
        outside = {t.split(".")[0] for t in _imports(name, path, modules)}
        assert not outside & {"typer", "rich"}, name


def test_no_module_is_over_450_lines() -> None:
    """A module past this holds more than one idea (issue 11): split it by idea."""
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in _modules().items()
    }
    assert {name: n for name, n in sizes.items() if n > 450} == {}


def _rebound(source: str) -> set[str]:
    """The module-level names a module binds twice (a pattern, a function, a class)."""
    bound: list[str] = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            bound += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            bound.append(node.target.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound.append(node.name)
    return {name for name in bound if bound.count(name) > 1 and name != "__all__"}


def test_no_module_binds_a_name_twice() -> None:
    """A second `_MAY` in draftcheck/hedging.py had silently replaced the first, and with it
    every may-level hedge but "may", "might" and "could"."""
    twice = {name: _rebound(path.read_text(encoding="utf-8")) for name, path in _modules().items()}
    assert {name: names for name, names in twice.items() if names} == {}
    assert _rebound("_MAY = 1\n_MAY = 2\ndef f(): pass\n") == {"_MAY"}


def test_the_top_level_shows_the_program() -> None:
    """Modules go into the package of their job (load, store, query, retractions...);
    the top keeps the few that every part shares (issue 24)."""
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top


def test_the_import_contracts_hold() -> None:
    """The contracts of pyproject.toml's [tool.importlinter], as `.ci/run` checks them:
    the read side never reaches the load path, the store imports neither the parsers
    nor the grader, only cli imports typer and rich."""
    repo = PACKAGE.parents[1]
    contracts = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))
    names = [c["name"] for c in contracts["tool"]["importlinter"]["contracts"]]
    assert len(names) >= 3, names
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed here (pip install -e '.[test]')")
    done = subprocess.run(
        [lint, "--no-cache"], cwd=repo, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert f"Contracts: {len(names)} kept, 0 broken." in done.stdout
