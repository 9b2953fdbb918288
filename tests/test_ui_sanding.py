"""The “三定”规定 editor: duties list, organs, shared staffing, 文号, finding marks, PDF, undo."""

from __future__ import annotations

from document_ui_helpers import (
    after_unit,
    leave,
    needs_poppler,
    open_document,
    pdf_text,
    preview_from,
    type_line,
)
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDropEvent, QPalette
from PySide6.QtWidgets import QApplication
from ui_helpers import demo_path_fixture, findings, type_chinese, wait_report, window_fixture  # noqa: F401

from sydw_desktop.documents.numerals import cnum
from sydw_desktop.figures import headline_figures
from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import Spec
from ui.editors.duties_list import CLOSING_MARK, DutiesModel, default_closing, join_duties, split_duties
from ui.editors.sanding_editor import SandingEditor
from ui.plan.comparison import ComparisonPage
from ui.plan.plan_page import PlanPage
from ui.plan.unit_model import HIGHLIGHT_COLOR, SEVERITY_COLORS

UNIT = "示例旗融媒体中心"


def base_color(widget) -> str:
    return widget.palette().color(QPalette.ColorRole.Base).name()


def test_split_and_join_keep_the_closing_duty_last() -> None:
    duties = ["甲。", "完成旗委交办的其他任务。", "乙。"]
    items, closing = split_duties(duties)
    assert items == ["甲。", "乙。"] and closing == "完成旗委交办的其他任务。"
    assert join_duties(items, closing)[-1] == closing
    assert split_duties(["甲。"]) == (["甲。"], None)
    assert default_closing("旗农牧局") == f"完成旗农牧局{CLOSING_MARK}。"


def test_duties_model_never_moves_the_closing_duty(qtbot) -> None:
    model = DutiesModel()
    seen: list[list[str]] = []
    model.edited.connect(seen.append)
    model.edited.connect(lambda duties: model.set_duties(duties, "旗委"))  # what storing does
    model.set_duties(["一。", "二。", "三。", "完成旗委交办的其他任务。"], "旗委")
    assert model.rowCount() == 4 and model.closing_row == 3
    assert not model.moveRows(QModelIndex(), 3, 1, QModelIndex(), 0)  # the closing duty cannot move
    assert not bool(model.flags(model.index(3)) & Qt.ItemFlag.ItemIsDragEnabled)
    assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 4)  # past the end: stops above the closing duty
    assert seen[-1] == ["二。", "三。", "一。", "完成旗委交办的其他任务。"]
    # a drop (the path a drag from another view takes) moves as well and never removes the source
    mime = model.mimeData([model.index(2)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False
    assert seen[-1] == ["一。", "二。", "三。", "完成旗委交办的其他任务。"]
    assert not model.setData(model.index(3), "随便写一句")  # the last row must stay a closing duty
    model.set_duties(["一。"], "旗委")
    assert CLOSING_MARK in model.data(model.index(1)) and "自动补齐" in model.data(model.index(1))


def test_dropping_a_duty_on_the_list_moves_it(qtbot, window) -> None:
    """A drop on the list view (what a drag ends in) moves the duty; the closing duty stays last."""
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    original = ws.sanding(unit.id).duties
    editor = open_document(window, unit.id, "sanding")
    view, model = editor.duties.view, editor.duties.model
    view.scrollTo(model.index(0))
    target = view.visualRect(model.index(1))
    mime = model.mimeData([model.index(0)])
    drop = QDropEvent(QPointF(target.center().x(), target.bottom() - 1), Qt.DropAction.MoveAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    view.dropEvent(drop)
    assert ws.sanding(unit.id).duties == [original[1], original[0], *original[2:]]
    closing = view.visualRect(model.index(model.closing_row))
    mime = model.mimeData([model.index(0)])  # kept referenced: the event does not own it
    drop = QDropEvent(QPointF(closing.center().x(), closing.bottom() - 1), Qt.DropAction.MoveAction,
                      mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    view.dropEvent(drop)  # below the closing duty: it lands just above it
    stored = ws.sanding(unit.id).duties
    assert stored[-1] == original[-1] and stored[-2] == original[1]
    window.undo()
    window.undo()
    assert ws.sanding(unit.id).duties == original


@needs_poppler
def test_add_reorder_duty_stored_in_pdf_and_undone(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    original = ws.sanding(unit.id).duties
    editor = open_document(window, unit.id, "sanding")
    assert isinstance(editor, SandingEditor)
    duties = editor.duties

    new = "负责全旗网络视听节目的审听和安全播出监测工作。"
    type_line(qtbot, duties.new_duty, new)
    stored = ws.sanding(unit.id).duties
    assert stored == [*original[:-1], new, original[-1]], "a new duty goes above the closing duty"
    assert window.actions_.edit_undo.text() == "撤销 修改“三定”规定（主要职责）"

    # reorder with the keyboard: Ctrl+↑ twice, and the closing duty stays last
    duties.view.setCurrentIndex(duties.model.index(len(original) - 1))
    duties.view.setFocus()
    qtbot.keyClick(duties.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(duties.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    stored = ws.sanding(unit.id).duties
    position = len(original) - 3
    assert stored[position] == new and stored[-1] == original[-1] and len(stored) == len(original) + 1
    assert duties.view.currentIndex().row() == position
    qtbot.keyClick(duties.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(duties.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(duties.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # refused: closing is last
    assert ws.sanding(unit.id).duties[-2:] == [new, original[-1]]
    qtbot.keyClick(duties.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert ws.sanding(unit.id).duties[position + 1] == new

    # the document says it, numbered where it now stands
    preview = preview_from(qtbot, window, editor.preview_button)
    text = pdf_text(preview.bundle.sources[0].path)
    assert f"（{cnum(position + 2)}）{new}" in text
    assert f"（{cnum(len(original) + 1)}）{original[-1]}" in text
    preview.close()

    window.undo()
    assert ws.sanding(unit.id).duties[-2:] == [new, original[-1]]
    for _ in range(5):  # ↓ ↓ ↑ ↑ and the added duty
        window.undo()
    assert ws.sanding(unit.id).duties == original
    assert duties.model.duties() == original


def test_staffing_is_one_value_with_the_plan_and_figures(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    window.show_node(("comparison",), select=True)
    comparison = window.pages["comparison"]
    assert isinstance(comparison, ComparisonPage)
    before = headline_figures(ws.snapshot())[1].after
    editor = open_document(window, unit.id, "sanding")
    staffing = editor.bindings["staffing"].widget
    assert staffing.text() == str(unit.staffing)

    type_line(qtbot, staffing, str(unit.staffing + 3), chinese=False)
    assert ws.unit(unit.id).staffing == unit.staffing + 3
    assert window.actions_.edit_undo.text() == "撤销 修改核定编制"
    # the plan's preview and the before/after figures show the same value
    window.show_node(("plan",), select=True)
    plan = window.pages["plan"]
    assert isinstance(plan, PlanPage)
    row = next(r for r in range(plan.preview_model.rowCount()) if plan.preview_model.item(r, 0).text() == unit.name)
    assert plan.preview_model.item(row, 3).data(Qt.ItemDataRole.DisplayRole) == unit.staffing + 3
    window.show_node(("comparison",), select=True)
    assert comparison.figures_model.item(1, 2).data(Qt.ItemDataRole.DisplayRole) == before + 3

    # edited in the unit table, the 三定 editor follows
    window.session.perform(lambda w: w.update_unit(unit.id, staffing=unit.staffing + 5))
    editor = open_document(window, unit.id, "sanding")
    assert staffing.text() == str(unit.staffing + 5)
    assert "与核定编制" in editor.structure.total.text()  # the structure no longer adds up
    window.undo()
    window.undo()
    assert ws.unit(unit.id).staffing == unit.staffing and staffing.text() == str(unit.staffing)


def test_organs_added_with_the_plan_count_in_one_operation(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    organs = ws.sanding(unit.id).organs
    assert unit.depts == len(organs)
    editor = open_document(window, unit.id, "sanding")
    table = editor.organs
    type_line(qtbot, table.new_name, "网络安全部")
    stored = ws.sanding(unit.id).organs
    assert [o.name for o in stored] == [*(o.name for o in organs), "网络安全部"]
    assert stored[-1].spec is Spec.GU, "one step below the unit's 正科级"
    assert ws.unit(unit.id).depts == len(organs) + 1
    # edit its duties and 领导职数 in the table
    model = table.model
    assert model.setData(model.index(len(organs), 2), "负责网络安全保障。\n负责数据备份。")
    assert model.setData(model.index(len(organs), 3), "1")
    assert not model.setData(model.index(len(organs), 3), "x")
    assert ws.sanding(unit.id).organs[-1].duties == ["负责网络安全保障。", "负责数据备份。"]
    assert ws.sanding(unit.id).organs[-1].leaders == 1
    table.view.setCurrentIndex(model.index(len(organs), 0))
    assert table.move_current(-1)
    assert ws.sanding(unit.id).organs[-2].name == "网络安全部"
    for _ in range(3):
        window.undo()
    assert ws.sanding(unit.id).organs[-1].name == "网络安全部" and ws.unit(unit.id).depts == len(organs) + 1
    window.undo()  # adding the organ and the plan's 内设机构数: one step
    assert ws.sanding(unit.id).organs == organs and ws.unit(unit.id).depts == len(organs)


def test_doc_no_repaired_or_refused(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    editor = open_document(window, unit.id, "sanding")
    doc_no = editor.bindings["doc_no"].widget
    type_line(qtbot, doc_no, "示编发[2026]15号")
    assert ws.sanding(unit.id).doc_no == "示编发〔2026〕15号"
    assert doc_no.text() == "示编发〔2026〕15号"
    type_line(qtbot, doc_no, "示编发2026年第15号")
    assert ws.sanding(unit.id).doc_no == "示编发〔2026〕15号", "an invalid 文号 is not stored"
    assert window.last_error and "六角括号" in window.last_error
    assert doc_no.property("invalid") is True
    date = editor.bindings["approved_on"].widget
    type_line(qtbot, date, "2026年11月3日")
    assert ws.sanding(unit.id).approved_on == "2026-11-03"
    window.undo()
    window.undo()
    assert ws.sanding(unit.id).doc_no == "示编发〔2026〕12号"


def test_findings_tint_fields_and_the_jump_lands_there(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    editor = open_document(window, unit.id, "sanding")
    basis = editor.bindings["legal_basis"].widget
    neutral = base_color(basis)
    type_line(qtbot, editor.duties.new_duty, "负责广播电视领域的行政执法工作。")
    wait_report(qtbot, window)
    found = findings(window, "sd.admin_power", unit.name)
    assert found and found[0].field == "legal_basis" and found[0].severity is Severity.ERROR
    assert base_color(basis) == SEVERITY_COLORS[Severity.ERROR].name()
    assert found[0].message in basis.toolTip()
    assert editor.findings_list.count() >= 1

    # from another page, the problems panel's jump opens the editor on that field
    window.show_node(("comparison",), select=True)
    window.navigate(found[0])
    assert window.stack.currentWidget() is window.pages["document"]
    assert editor.isVisible() and editor.highlight == "legal_basis"
    assert base_color(basis) == HIGHLIGHT_COLOR.name()
    QApplication.processEvents()
    assert basis.hasFocus() or QApplication.focusWidget() is basis

    basis.setFocus()
    basis.selectAll()
    type_chinese(basis, "《中华人民共和国广播电视管理条例》第四十七条")
    leave(basis)
    assert ws.sanding(unit.id).legal_basis.startswith("《中华人民共和国")
    wait_report(qtbot, window)
    assert not findings(window, "sd.admin_power", unit.name)
    assert base_color(basis) == neutral
    window.undo()
    window.undo()
    wait_report(qtbot, window)
    assert not findings(window, "sd.admin_power", unit.name)


def test_shared_spec_finding_marks_the_combo(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    editor = open_document(window, unit.id, "sanding")
    combo = editor.bindings["spec"].widget
    combo.setCurrentIndex(combo.findData(Spec.ZHENG_CHU.value))
    combo.activated.emit(combo.currentIndex())
    assert ws.unit(unit.id).spec is Spec.ZHENG_CHU
    wait_report(qtbot, window)
    assert findings(window, "sd.spec_by_level", unit.name)
    assert combo.palette().color(QPalette.ColorRole.Button).name() == SEVERITY_COLORS[Severity.ERROR].name()
    window.undo()
    assert ws.unit(unit.id).spec is unit.spec and combo.currentData() == unit.spec.value


def test_new_document_started_by_the_first_edit(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    window.session.perform(lambda w: w.delete_document(unit.id, "sanding"))
    editor = open_document(window, unit.id, "sanding")
    assert "尚未起草" in editor.note.text()
    assert "自动补齐" in editor.duties.model.data(editor.duties.model.index(0))
    type_line(qtbot, editor.duties.new_duty, "负责全旗新闻宣传工作。")
    assert ws.sanding(unit.id).duties == ["负责全旗新闻宣传工作。"]
    assert window.actions_.edit_undo.text() == "撤销 起草“三定”规定"
    window.undo()
    assert ws.sanding(unit.id) is None


def test_the_list_editors_buttons_move_and_remove_the_current_item(qtbot, window) -> None:
    """上移 / 下移 / 删除 under the duties list and the organs table act on the current row."""
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    editor = open_document(window, unit.id, "sanding")
    assert isinstance(editor, SandingEditor)
    duties, organs = editor.duties, editor.organs
    assert [b.toolTip() for b in (duties.up_button, duties.down_button, duties.remove_button)] == [
        "Ctrl+↑", "Ctrl+↓", "Delete"]
    original = ws.sanding(unit.id).duties
    duties.view.setCurrentIndex(duties.model.index(1))
    duties.up_button.click()
    assert ws.sanding(unit.id).duties[:2] == [original[1], original[0]]
    duties.down_button.click()
    assert ws.sanding(unit.id).duties == original
    duties.remove_button.click()
    assert ws.sanding(unit.id).duties == [original[0], *original[2:]]

    names = [o.name for o in ws.sanding(unit.id).organs]
    organs.view.setCurrentIndex(organs.model.index(1, 0))
    organs.up_button.click()
    assert [o.name for o in ws.sanding(unit.id).organs][:2] == [names[1], names[0]]
    organs.down_button.click()
    assert [o.name for o in ws.sanding(unit.id).organs] == names
    organs.remove_button.click()
    assert [o.name for o in ws.sanding(unit.id).organs] == [names[0], *names[2:]]
