"""The unit table editors: edit → stored → finding appears/disappears → undo restores."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from ui_helpers import (  # noqa: F401  (*_fixture: pytest fixtures)
    commit_editor,
    demo_path_fixture,
    findings,
    open_line_editor,
    open_window,
    pick_unit,
    table_index,
    type_chinese,
    wait_report,
    window_fixture,
)

from sydw_desktop.vocab import Phase, Spec
from ui.plan.delegates import NumberEdit
from ui.plan.unit_model import SEVERITY_ROLE
from ui.plan.units_page import UnitsPage


def after_page(window) -> UnitsPage:
    window.show_node(("after",), select=True)
    page = window.pages["after"]
    assert isinstance(page, UnitsPage)
    return page


def test_staffing_edit_stored_flagged_and_undone(qtbot, window) -> None:
    ws = window.session.ws
    unit = pick_unit(ws, Phase.AFTER)
    assert not findings(window, "plan.min_unit_size", unit.name)
    page = after_page(window)

    editor = open_line_editor(page.view, table_index(page, unit.id, "staffing"))
    assert isinstance(editor, NumberEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "4")
    commit_editor(qtbot, editor)

    assert ws.unit(unit.id).staffing == 4
    assert window.actions_.edit_undo.text() == "撤销 修改核定编制"
    wait_report(qtbot, window)
    found = findings(window, "plan.min_unit_size", unit.name)
    assert found and found[0].field == "staffing"
    index = table_index(page, unit.id, "staffing")
    assert index.data(SEVERITY_ROLE) == "error"
    assert found[0].message in index.data(Qt.ItemDataRole.ToolTipRole)

    window.actions_.edit_undo.trigger()
    assert ws.unit(unit.id).staffing == unit.staffing
    assert table_index(page, unit.id, "staffing").data() == str(unit.staffing)
    wait_report(qtbot, window)
    assert not findings(window, "plan.min_unit_size", unit.name)
    assert window.actions_.edit_redo.text() == "重做 修改核定编制"


def test_number_editor_rejects_text_as_typed(qtbot, window) -> None:
    ws = window.session.ws
    unit = pick_unit(ws, Phase.AFTER)
    page = after_page(window)
    editor = open_line_editor(page.view, table_index(page, unit.id, "staffing"))
    editor.selectAll()
    qtbot.keyClicks(editor, "1a-2")
    assert editor.text() == "12"  # the validator refuses letters and signs as they are typed
    editor.clear()
    assert not editor.is_acceptable() and "border" in editor.styleSheet()
    commit_editor(qtbot, editor)
    assert editor.isVisible(), "Enter on an unusable number keeps the editor open"
    assert ws.unit(unit.id).staffing == unit.staffing
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    # anything that still reaches the model is parsed and refused with a Chinese message
    source = page.model.index(page.model.row_of(unit.id), page.model.column_of("staffing"))
    assert not page.model.setData(source, "")
    assert window.last_error == "核定编制必须填写。"
    assert not page.model.setData(source, "三")
    assert ws.unit(unit.id).staffing == unit.staffing


def test_chinese_name_typed_through_input_method(qtbot, window) -> None:
    ws = window.session.ws
    unit = pick_unit(ws, Phase.AFTER)
    page = after_page(window)
    new_name = unit.name[:2] + "测试管理局"
    editor = open_line_editor(page.view, table_index(page, unit.id, "name"))
    editor.selectAll()
    type_chinese(editor, new_name)
    assert editor.text() == new_name
    commit_editor(qtbot, editor)

    assert ws.unit(unit.id).name == new_name
    wait_report(qtbot, window)
    assert findings(window, "nm.suffix", new_name), "a 事业单位 name ending in 局 must be warned about"

    window.undo()
    assert ws.unit(unit.id).name == unit.name
    wait_report(qtbot, window)
    assert not findings(window, "nm.suffix", new_name)


def test_enum_column_edited_with_drop_down(qtbot, window) -> None:
    ws = window.session.ws
    unit = pick_unit(ws, Phase.AFTER)
    page = after_page(window)
    index = table_index(page, unit.id, "spec")
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    combos = [c for c in page.view.viewport().findChildren(QComboBox) if c.isVisible()]
    assert combos
    combo = combos[0]
    assert [combo.itemText(i) for i in range(combo.count())] == Spec.labels()
    target = Spec.ZHENG_CHU if unit.spec is not Spec.ZHENG_CHU else Spec.FU_CHU
    combo.setCurrentIndex(combo.findText(target.value))
    combo.activated.emit(combo.currentIndex())
    assert ws.unit(unit.id).spec is target
    assert window.actions_.edit_undo.text() == "撤销 修改机构规格"
    wait_report(qtbot, window)
    assert findings(window, "sd.spec_by_level", unit.name), "正处级 is above a 旗县 unit's ceiling"
    window.undo()
    assert ws.unit(unit.id).spec is unit.spec


def test_search_filter_and_sort(qtbot, window) -> None:
    page = after_page(window)
    total = page.proxy.rowCount()
    assert total == len(window.session.ws.units(Phase.AFTER)) > 2
    name = page.model.unit_at(1).name
    page.search.setText(name)
    assert page.proxy.rowCount() >= 1
    assert all(name in page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount()))
    page.search.clear()
    assert page.proxy.rowCount() == total

    staffing_col = page.model.column_of("staffing")
    page.view.sortByColumn(staffing_col, Qt.SortOrder.DescendingOrder)
    values = [int(page.proxy.index(r, staffing_col).data()) for r in range(page.proxy.rowCount())]
    assert values == sorted(values, reverse=True)

    dept = page.model.unit_at(0).dept
    page.dept.setCurrentText(dept)
    assert 1 <= page.proxy.rowCount() < total or all(
        page.model.unit_at(r).dept == dept for r in range(page.model.rowCount())
    )
    assert all(page.proxy.index(r, page.model.column_of("dept")).data() == dept for r in range(page.proxy.rowCount()))


def test_add_and_delete_unit_undoable(qtbot, window, monkeypatch) -> None:
    ws = window.session.ws
    page = after_page(window)
    before = len(ws.units(Phase.AFTER))
    page.add_button.click()
    assert len(ws.units(Phase.AFTER)) == before + 1
    assert page.model.rowCount() == before + 1
    new = page.current_unit()
    assert new is not None and new.name.startswith("新单位")
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_selected()
    assert len(ws.units(Phase.AFTER)) == before
    window.undo()
    assert len(ws.units(Phase.AFTER)) == before + 1
    window.undo()
    assert len(ws.units(Phase.AFTER)) == before
