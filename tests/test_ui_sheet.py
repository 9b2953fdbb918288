"""The units table works like a spreadsheet: frozen 单位名称, 合计 row, selection sum, copy and paste with
Excel (a 3×5 block written by openpyxl, copied as tab-separated text), fill down, set for many rows."""

from __future__ import annotations

from pathlib import Path

from excel_clipboard import excel_copy
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from ui_helpers import demo_path_fixture, window_fixture  # noqa: F401

from sydw_desktop.vocab import Funding, Phase
from sydw_desktop.workbook.cells import CellError, to_int
from ui.plan.units_page import UnitsPage


def _page(window, phase: Phase = Phase.BEFORE) -> UnitsPage:
    window.show_node(("before",) if phase is Phase.BEFORE else ("after",), select=True)
    page = window.stack.currentWidget()
    assert isinstance(page, UnitsPage)
    return page


def _select(page: UnitsPage, top: int, left: int, bottom: int, right: int) -> None:
    model = page.view.model()
    page.view.setCurrentIndex(model.index(top, left))
    selection = QItemSelection(model.index(top, left), model.index(bottom, right))
    page.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_name_column_stays_in_view_and_totals_follow(qtbot, window) -> None:
    page = _page(window)
    model = page.model
    last = model.column_of("remark")
    page.select_cell(model.unit_at(5).id, "remark")
    assert page.view.horizontalScrollBar().value() > 0  # scrolled sideways …
    frozen = page.view.frozen
    assert frozen.isVisible() and frozen.geometry().left() <= page.view.verticalHeader().width() + 2
    rect = frozen.visualRect(frozen.model().index(5, 0))
    assert frozen.viewport().rect().intersects(rect)  # … and the unit's name is still shown
    assert page.view.columnViewportPosition(last) >= page.view.columnWidth(0)  # the cell is not under it
    staffing = sum(model.unit_at(r).staffing for r in range(model.rowCount()))
    assert page.totals.sum_of("staffing") == staffing
    assert page.totals.totals.data(page.totals.totals.index(0, 0)) == f"合计（{model.rowCount()} 个单位）"
    page.search.setText(model.unit_at(0).name)
    assert page.totals.sum_of("staffing") == sum(model.unit_at(r).staffing for r in range(model.rowCount()))
    assert model.rowCount() < 10


def test_selection_sum_in_the_status_bar(qtbot, window) -> None:
    page = _page(window)
    col = page.model.column_of("staffing")
    _select(page, 0, col, 2, col)
    expected = sum(page.model.unit_at(r).staffing for r in range(3))
    assert window.status_selection.text() == f"已选 3 个单元格　数值 3 个　求和 {expected}"


def test_copy_gives_excel_its_cells(qtbot, window) -> None:
    page = _page(window)
    col = page.model.column_of("staffing")
    _select(page, 1, col - 1, 2, col)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    units = [page.model.unit_at(r) for r in (1, 2)]
    assert QGuiApplication.clipboard().text() == "".join(
        f"{u.funding.label}\t{u.staffing}\n" for u in units)


def test_paste_a_block_from_excel_bad_cell_then_good(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    page = _page(window)
    ws = window.session.ws
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    left = page.model.column_of("spec")
    targets = [page.model.unit_at(r) for r in range(3)]
    before = ws.snapshot()
    QGuiApplication.clipboard().setText(excel_copy(tmp_path, [
        ["股级", "公益一类", "面向社会提供公益服务", "财政全额拨款", 12],
        ["股级", "公益一类", "", "财政全额拨款", "十二"],
        ["股级", "公益二类", "", "财政差额拨款", 6],
    ]))
    _select(page, 0, left, 0, left)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    try:
        to_int("十二")
    except CellError as error:
        expected = f"“{targets[1].name}”的核定编制：{error}"
    assert len(warned) == 1 and "表格未作任何修改" in warned[0] and expected in warned[0]
    assert ws.snapshot() == before

    QGuiApplication.clipboard().setText(excel_copy(tmp_path, [
        ["股级", "公益一类", "面向社会提供公益服务", "财政全额拨款", 12],
        ["副科级", "公益一类", "", "财政全额拨款", 8],
        ["股级", "公益二类", "", "财政差额拨款", 6],
    ]))
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [ws.unit(u.id).staffing for u in targets] == [12, 8, 6]
    assert [page.model.unit_at(r).staffing for r in range(3)] == [12, 8, 6]  # the table shows it
    assert window.actions_.edit_undo.text() == "撤销 粘贴 15 个单元格"
    window.undo()
    assert ws.snapshot() == before


def test_fill_down_and_set_for_rows_are_one_step_each(qtbot, window) -> None:
    page = _page(window, Phase.AFTER)
    ws = window.session.ws
    col = page.model.column_of("funding")
    second = page.model.unit_at(1)
    window.session.perform(lambda w: w.update_unit(second.id, funding=Funding.parse("经费自理")))
    _select(page, 0, col, 3, col)
    page.view.setFocus()
    top = page.model.unit_at(0).funding
    assert top != Funding.parse("经费自理")
    qtbot.keyClick(page.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert {ws.unit(page.model.unit_at(r).id).funding for r in range(4)} == {top}
    assert window.actions_.edit_undo.text() == "撤销 向下填充"
    menu = page.sheet.menu()
    assert [a.text() for a in menu.actions() if a.text()] == [
        "复制", "粘贴", "向下填充", "为所选行设置“经费形式”…", "新增单位", "删除单位…"]
    assert page.sheet.set_for_rows("财政差额拨款")
    assert {ws.unit(page.model.unit_at(r).id).funding for r in range(4)} == {Funding.parse("财政差额拨款")}
    assert window.actions_.edit_undo.text() == "撤销 批量设置经费形式"
