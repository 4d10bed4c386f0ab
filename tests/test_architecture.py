"""The package's import graph: no module imports itself back through others.

The layers themselves (model and conventions at the bottom; stages; pipeline; commands
on top) are an import-linter contract in pyproject.toml, run by ``make lint``."""

from __future__ import annotations

import pkgutil
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import grimp

import layout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, _imports(graph, root))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, _imports(graph, child)))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def _imports(graph: grimp.ImportGraph, module: str) -> Iterator[str]:
    return iter(sorted(graph.find_modules_directly_imported_by(module)))


def test_no_import_cycle_in_layout() -> None:
    assert _cycles(grimp.build_graph("layout")) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("p", "p.a", "p.b", "p.c"):
        graph.add_module(name)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.a")
    graph.add_import(importer="p.c", imported="p.a")
    assert _cycles(graph) == [["p.a", "p.b"]]


# --- docs/pipeline.md: which module is which stage ---------------------------------------

ROOT = Path(__file__).resolve().parent.parent
ROW_RE = re.compile(r"^\| `(layout\.[a-z_]+)` \| (\d+) \| (.+) \|$")


def _contract_layers() -> dict[str, int]:
    """Each module of the import-linter contract with its layer, 1 at the bottom."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    layers: list[str] = contract["layers"]
    return {
        module.strip(): len(layers) - i
        for i, layer in enumerate(layers)
        for module in layer.split("|")
    }


def _documented_modules() -> dict[str, int]:
    docs = (ROOT / "docs" / "pipeline.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- modules:start -->\n(.*)<!-- modules:end -->", docs, re.S)
    assert found is not None
    rows = [ROW_RE.match(line) for line in found.group(1).splitlines()[2:]]
    assert all(rows), "every row of the table: | `layout.x` | layer | what |"
    return {row.group(1): int(row.group(2)) for row in rows if row}


def test_pipeline_docs_name_every_module_in_its_contract_layer() -> None:
    """docs/pipeline.md's table of modules is the package's modules, each in the layer
    the import-linter contract gives it: the docs cannot drift from the code."""
    package = {
        f"layout.{m.name}" for m in pkgutil.iter_modules(layout.__path__) if "__" not in m.name
    }
    contract = _contract_layers()
    assert set(contract) == package, "every module of layout/ is in one layer of the contract"
    assert _documented_modules() == contract
