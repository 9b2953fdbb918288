"""The tree, the problems panel and the units table are models that follow each operation in place.

Real window, offscreen, the demo open: every test changes the workspace through the session (as the
editors do) and reads back what the views' models say, against the workspace read whole.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QModelIndex, Qt
from ui_helpers import demo_path_fixture, pick_unit, wait_report, window_fixture  # noqa: F401

from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import UNIT_DOCUMENT_KINDS, Phase
from ui.plan.units_page import UnitsPage
from ui.workspace_tree import WorkspaceTreeModel


def tree_children(model: WorkspaceTreeModel, parent: QModelIndex) -> list[str]:
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def tree_matches_workspace(window) -> None:
    model: WorkspaceTreeModel = window.tree.model_
    ws = window.session.ws
    j = ws.jurisdiction()
    root = model.index(0, 0)
    assert root.data() == f"{j.name}（{j.level.value} {j.code}）"
    for group, phase in (("before", Phase.BEFORE), ("after", Phase.AFTER)):
        units = ws.units(phase)
        index = model.index_of((group,))
        assert index.data() == f"{phase.value}单位（{len(units)}）"
        assert tree_children(model, index) == [u.name for u in units]
        for row, unit in enumerate(units[:3]):
            child = model.index(row, 0, index)
            assert model.parent(child) == index
            assert model.node_at(child) == (f"{group}_unit", unit.id)
    first = ws.units(Phase.AFTER)[0]
    unit_index = model.index_of(("after_unit", first.id))
    assert tree_children(model, unit_index) == [k.label for k in UNIT_DOCUMENT_KINDS]
    doc = model.index(1, 0, unit_index)
    assert model.node_at(doc) == ("document", first.id, UNIT_DOCUMENT_KINDS[1].key)
    assert model.parent(doc) == unit_index


def test_tree_follows_rename_add_delete_and_undo(qtbot, window) -> None:
    session = window.session
    tree_matches_workspace(window)
    unit = pick_unit(session.ws, Phase.AFTER)
    window.tree.select_node(("after_unit", unit.id), emit=False)

    session.perform(lambda ws: ws.update_unit(unit.id, name="示例旗改名测试中心"))
    tree_matches_workspace(window)
    assert window.tree.current_node() == ("after_unit", unit.id)

    template = session.ws.units(Phase.AFTER)[0]
    changes = session.perform(lambda ws: ws.add_unit(dataclasses.replace(template, id=None, name="示例旗新增测试中心")))
    assert changes is not None and changes.created
    tree_matches_workspace(window)
    assert window.tree.current_node() == ("after_unit", unit.id), "the current node survives the re-layout"
    assert window.tree.isExpanded(window.tree.index_of(("after",))), "expanded groups stay expanded"

    session.perform(lambda ws: ws.delete_unit(int(changes.created[0])))
    tree_matches_workspace(window)
    window.undo()
    tree_matches_workspace(window)
    assert window.tree.index_of(("after_unit", int(changes.created[0]))).isValid()


def test_tree_colours_follow_the_report(qtbot, window) -> None:
    session = window.session
    unit = pick_unit(session.ws, Phase.AFTER)
    index = window.tree.index_of(("after_unit", unit.id))
    session.perform(lambda ws: ws.update_unit(unit.id, staffing=4))  # breaks plan.min_unit_size
    wait_report(qtbot, window)
    assert "plan.min_unit_size" in {f.rule for f in session.index.unit(unit.name)}
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tip and "【错误】" in tip
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_problems_model_follows_each_report(qtbot, window) -> None:
    session, panel = window.session, window.problems
    unit = pick_unit(session.ws, Phase.AFTER)

    def model_findings() -> list:
        out = []
        for g in range(panel.model.rowCount()):
            head = panel.model.index(g, 0)
            out += [panel.finding_at(panel.model.index(r, 0, head)) for r in range(panel.model.rowCount(head))]
        return out

    assert model_findings() == sorted([*session.comment_findings, *session.report.findings], key=lambda f: -f.severity.weight) == panel.shown
    session.perform(lambda ws: ws.update_unit(unit.id, staffing=4))
    wait_report(qtbot, window)
    assert model_findings() == sorted([*session.comment_findings, *session.report.findings], key=lambda f: -f.severity.weight) == panel.shown
    heads = [panel.model.index(g, 0).data() for g in range(panel.model.rowCount())]
    assert heads == [f"{s.label}（{sum(f.severity is s for f in panel.shown)}）" for s in Severity]
    index = panel.finding_index("plan.min_unit_size", unit.name)
    assert index.isValid() and index.data() == panel.finding_at(index).message
    assert index.siblingAtColumn(1).data() == unit.name
    assert unit.name in [panel.unit.itemText(i) for i in range(panel.unit.count())]
    window.undo()
    wait_report(qtbot, window)
    assert model_findings() == sorted([*session.comment_findings, *session.report.findings], key=lambda f: -f.severity.weight)
    assert not panel.finding_index("plan.min_unit_size", unit.name).isValid()


def test_units_table_edit_stays_in_place_under_sort_and_filter(qtbot, window) -> None:
    window.show_node(("after",), select=True)
    page = window.pages["after"]
    assert isinstance(page, UnitsPage)
    model, ws = page.model, window.session.ws
    col = model.column_of("staffing")
    page.view.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    values = [model.unit_at(r).staffing for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True)
    unit = model.unit_at(2)
    page.view.setCurrentIndex(page.proxy.index(2, col))
    assert page.proxy.setData(page.proxy.index(2, col), str(unit.staffing + 1000), Qt.ItemDataRole.EditRole)
    assert ws.unit(unit.id).staffing == unit.staffing + 1000
    assert model.unit_at(2).id == unit.id and model.unit_at(2).staffing == unit.staffing + 1000, "edited in place"
    assert page.proxy.index(2, col).data() == str(unit.staffing + 1000)
    page.view.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    assert model.unit_at(0).id == unit.id, "a new sort puts it first"
    assert page.view.currentIndex().row() == 0, "the current cell moves with its unit"

    page.search.setText(unit.name)
    assert model.rowCount() >= 1 and all(unit.name in model.unit_at(r).name for r in range(model.rowCount()))
    window.undo()
    assert model.row_of(unit.id) >= 0 and model.unit_at(model.row_of(unit.id)).staffing == unit.staffing
    page.search.clear()
    assert model.rowCount() == len(ws.units(Phase.AFTER))

    # adding a unit lays the table out again, with the new unit in it
    changes = window.session.perform(lambda w: w.add_unit(dataclasses.replace(unit, id=None, name="示例旗表格测试中心")))
    assert changes is not None
    assert model.rowCount() == len(ws.units(Phase.AFTER))
    assert model.row_of(int(changes.created[0])) >= 0
    assert page.select_cell(unit.id, "name") and page.current_unit().id == unit.id


def test_search_texts_are_built_in_the_background_and_kept_fresh(qtbot, window) -> None:
    window.show_node(("after",), select=True)
    page = window.pages["after"]
    model = page.model
    qtbot.waitUntil(lambda: len(model._haystacks) == len(model.all_units), timeout=10_000)
    unit = model.unit_at(0)
    window.session.perform(lambda ws: ws.update_unit(unit.id, remark="独一无二的备注"))
    page.search.setText("独一无二")
    assert [model.unit_at(r).id for r in range(model.rowCount())] == [unit.id]
