"""The 政事权限清单 editor: grouped and table views of one list, the wording library, PDF, undo."""

from __future__ import annotations

from document_ui_helpers import after_unit, needs_poppler, open_document, pdf_text, preview_from, type_line
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from ui_helpers import demo_path_fixture, findings, wait_report, window_fixture  # noqa: F401

from sydw_desktop.model import QuanxianItem
from sydw_desktop.quanxian_library import common_items, matching
from sydw_desktop.vocab import ExerciseMode, QuanxianCategory, QuanxianSubject
from ui.editors.quanxian_editor import QuanxianEditor
from ui.editors.quanxian_items import (
    G_CONTENT,
    G_MODE,
    ITEM_ROLE,
    T_CONTENT,
    T_MODE,
    groups,
    insert_position,
    move_in_group,
)

UNIT = "示例旗融媒体中心"


def item(subject: QuanxianSubject, category: QuanxianCategory, content: str) -> QuanxianItem:
    return QuanxianItem(subject, category, content, ExerciseMode.REVIEW)


def test_library_has_wordings_for_each_side_and_category() -> None:
    items = common_items()
    assert len(items) >= 40
    subjects = {c.subject for c in items}
    assert {QuanxianSubject.SUPERVISOR, QuanxianSubject.UNIT, QuanxianSubject.RELATED} <= subjects
    for category in (QuanxianCategory.PARTY, QuanxianCategory.PERSONNEL, QuanxianCategory.PAY,
                     QuanxianCategory.FINANCE, QuanxianCategory.ARCHIVES, QuanxianCategory.OPERATIONS):
        assert matching(QuanxianSubject.SUPERVISOR, category), category
        assert matching(QuanxianSubject.UNIT, category), category
    wanted = ["任免", "岗位设置方案和岗位聘用结果", "公开招聘方案", "绩效工资分配方案和绩效工资总量", "预算、决算", "国有资产",
              "章程草案"]
    supervisor = " ".join(c.content for c in matching(QuanxianSubject.SUPERVISOR))
    for words in wanted:
        assert words in supervisor, words
    assert all(c.related_dept for c in matching(QuanxianSubject.RELATED))
    assert matching(text="绩效工资") and all("绩效工资" in c.content + c.basis for c in matching(text="绩效工资"))


def test_groups_follow_the_document_order() -> None:
    S, U = QuanxianSubject.SUPERVISOR, QuanxianSubject.UNIT
    P, F = QuanxianCategory.PERSONNEL, QuanxianCategory.FINANCE
    items = [item(S, P, "甲"), item(U, P, "乙"), item(S, F, "丙"), item(S, P, "丁")]
    assert groups(items, S) == [(P, [0, 3]), (F, [2])]
    assert insert_position(items, S, P) == 4 and insert_position(items, S, F) == 3
    assert insert_position(items, U, F) == 2 and insert_position(items, QuanxianSubject.RELATED, F) == 4
    moved, other = move_in_group(items, 3, -1)
    assert [i.content for i in moved] == ["丁", "乙", "丙", "甲"] and other == 0
    assert move_in_group(items, 2, 1) is None


@needs_poppler
def test_both_views_edit_one_list_stored_in_pdf_and_undone(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    original = ws.quanxian(unit.id).items
    editor = open_document(window, unit.id, "quanxian")
    assert isinstance(editor, QuanxianEditor)
    tree, table = editor.grouped, editor.table_model
    assert table.rowCount() == len(original)

    # the table view edits the content; the grouped view shows it
    assert table.setData(table.index(0, T_CONTENT), "领导单位党组织建设，落实全面从严治党主体责任")
    assert ws.quanxian(unit.id).items[0].content == "领导单位党组织建设，落实全面从严治党主体责任"
    cell = tree.index_of_item(0)
    assert cell.data(Qt.ItemDataRole.DisplayRole) == "1. 领导单位党组织建设，落实全面从严治党主体责任"
    # the grouped view edits the 行权方式; the table shows it
    mode = cell.siblingAtColumn(G_MODE)
    assert tree.setData(mode, ExerciseMode.SUPERVISE.value)
    qtbot.waitUntil(lambda: ws.quanxian(unit.id).items[0].mode is ExerciseMode.SUPERVISE)
    assert table.index(0, T_MODE).data() == ExerciseMode.SUPERVISE.value
    assert not table.setData(table.index(0, T_CONTENT), "  ")  # empty content refused
    assert window.last_error and "不能为空" in window.last_error

    # a typed item goes to the end of its group
    editor.subject.setCurrentIndex(editor.subject.findData(QuanxianSubject.UNIT.value))
    editor.category.setCurrentIndex(editor.category.findData(QuanxianCategory.ARCHIVES.value))
    editor.mode.setCurrentIndex(editor.mode.findData(ExerciseMode.AUTONOMOUS.value))
    type_line(qtbot, editor.new_content, "自主确定本单位档案数字化工作计划")
    items = ws.quanxian(unit.id).items
    pos = next(i for i, it in enumerate(items) if it.content == "自主确定本单位档案数字化工作计划")
    assert items[pos].subject is QuanxianSubject.UNIT and items[pos].category is QuanxianCategory.ARCHIVES
    members = dict(groups(items, QuanxianSubject.UNIT))[QuanxianCategory.ARCHIVES]
    assert members[-1] == pos
    assert editor.tree.currentIndex().data(ITEM_ROLE) == pos, "the new item is selected"

    # a wording from the library, for the chosen side and category
    editor.subject.setCurrentIndex(editor.subject.findData(QuanxianSubject.SUPERVISOR.value))
    editor.subject.activated.emit(editor.subject.currentIndex())
    editor.category.setCurrentIndex(editor.category.findData(QuanxianCategory.PAY.value))
    editor.category.activated.emit(editor.category.currentIndex())
    wording = matching(QuanxianSubject.SUPERVISOR, QuanxianCategory.PAY)[-1]
    row = next(r for r in range(editor.library.count()) if wording.content in editor.library.item(r).text())
    editor.library.setCurrentRow(row)
    editor.findChild(QPushButton, "insert_common").click()
    items = ws.quanxian(unit.id).items
    inserted = next(i for i, it in enumerate(items) if it.content == wording.content)
    assert items[inserted].basis == wording.basis and items[inserted].mode is wording.mode

    # move within its group in the grouped view; delete from the table
    editor.views.setCurrentWidget(editor.tree)
    editor.select_item(inserted)
    assert editor.move_current(-1)
    items = ws.quanxian(unit.id).items
    assert dict(groups(items, QuanxianSubject.SUPERVISOR))[QuanxianCategory.PAY][-2] == \
        next(i for i, it in enumerate(items) if it.content == wording.content)

    preview = preview_from(qtbot, window, editor.preview_button)
    text = pdf_text(preview.bundle.sources[0].path)
    assert "自主确定本单位档案数字化工作计划" in text and wording.content.replace(" ", "") in text
    assert "领导单位党组织建设，落实全面从严治党主体责任" in text
    preview.close()

    for _ in range(5):
        window.undo()
    assert ws.quanxian(unit.id).items == original
    assert table.items == original and tree.items == original
    assert tree.index_of_item(0).data(Qt.ItemDataRole.DisplayRole) == f"1. {original[0].content}"
    assert editor.tree.model().rowCount() == 6  # 总则, four sides, 运行与监督
    assert tree.index_of_item(0).siblingAtColumn(G_CONTENT).isValid()


def test_remove_and_supervisor_mark(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    original = ws.quanxian(unit.id).items
    editor = open_document(window, unit.id, "quanxian")
    editor.views.setCurrentWidget(editor.table)
    editor.table.setCurrentIndex(editor.table_model.index(0, T_CONTENT))
    assert editor.remove_current()
    assert ws.quanxian(unit.id).items == original[1:]
    type_line(qtbot, editor.bindings["supervisor"].widget, "示例旗文化旅游体育局")
    wait_report(qtbot, window)
    assert findings(window, "x.attributes", unit.name)
    assert "主管部门" in editor.bindings["supervisor"].widget.toolTip()
    window.undo()
    window.undo()
    assert ws.quanxian(unit.id).items == original
