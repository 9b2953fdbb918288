"""The core's import graph (built with grimp from the source): no cycles, and no GUI.

Imports under ``if TYPE_CHECKING:`` are left out: they never run, so they cannot make a cycle at
import time (``packets.errors`` names ``packets.results.VerifyResult`` in a type hint that way).
"""

from __future__ import annotations

import grimp
import pytest

CORE = "sydw_desktop"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(CORE, include_external_packages=True, exclude_type_checking_imports=True)


def _core_modules(graph: grimp.ImportGraph) -> list[str]:
    return sorted(m for m in graph.modules if m == CORE or m.startswith(CORE + "."))


def test_no_module_imports_back_what_imports_it(graph: grimp.ImportGraph) -> None:
    cycles = []
    for module in _core_modules(graph):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith(CORE + ".") and imported != module:
                back = graph.find_shortest_chain(importer=imported, imported=module)
                if back is not None:
                    cycles.append(" → ".join((module, *back)))
    assert cycles == []


def test_no_cycle_between_the_core_packages(graph: grimp.ImportGraph) -> None:
    children = sorted(graph.find_children(CORE))
    assert {f"{CORE}.cli", f"{CORE}.packets", f"{CORE}.workspace", f"{CORE}.store"} <= set(children)
    both_ways = [
        (a, b) for i, a in enumerate(children) for b in children[i + 1:]
        if graph.chain_exists(importer=a, imported=b, as_packages=True)
        and graph.chain_exists(importer=b, imported=a, as_packages=True)
    ]
    assert both_ways == []


def test_the_cli_uses_the_packet_layer_and_not_the_other_way(graph: grimp.ImportGraph) -> None:
    assert graph.chain_exists(importer=f"{CORE}.cli", imported=f"{CORE}.packets", as_packages=True)
    assert not graph.chain_exists(importer=f"{CORE}.packets", imported=f"{CORE}.cli", as_packages=True)


def test_the_core_imports_neither_the_gui_nor_qt(graph: grimp.ImportGraph) -> None:
    assert "docx" in graph.modules  # external packages are in the graph, so a GUI import would be too
    gui = sorted(m for m in graph.modules if m.split(".")[0] in {"ui", "PySide6", "shiboken6"})
    importers = {m: sorted(graph.find_modules_that_directly_import(m)) for m in gui}
    assert importers == {}
