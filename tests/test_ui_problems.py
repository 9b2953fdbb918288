"""The problems panel: grouping, counts, filters, basis, 说明, and jumping to the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_helpers import (  # noqa: F401
    commit_editor,
    demo_path_fixture,
    findings,
    open_line_editor,
    pick_unit,
    table_index,
    type_chinese,
    wait_report,
    window_fixture,
)

from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import Phase
from ui.plan.units_page import UnitsPage


def set_staffing(window, unit_id: int, value: int) -> None:
    window.session.perform(lambda ws: ws.update_unit(unit_id, staffing=value))


def test_groups_counts_and_basis(qtbot, window) -> None:
    ws = window.session.ws
    unit = pick_unit(ws, Phase.AFTER)
    set_staffing(window, unit.id, 4)
    wait_report(qtbot, window)
    report = window.session.report
    panel = window.problems
    for s in Severity:
        assert f"{s.label} {report.count(s)}" in panel.counts.text()
    heads = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert heads == [f"{s.label}（{sum(f.severity is s for f in panel.shown)}）" for s in Severity]  # 上级意见 too
    index = panel.finding_index("plan.min_unit_size", unit.name)
    assert index.isValid()
    finding = panel.finding_at(index)
    assert finding.severity is Severity.ERROR and index.parent().row() == 0
    assert finding.basis and finding.basis in index.data(Qt.ItemDataRole.ToolTipRole)


def test_filter_by_document_and_unit(qtbot, window) -> None:
    ws = window.session.ws
    unit = pick_unit(ws, Phase.AFTER)
    set_staffing(window, unit.id, 4)
    wait_report(qtbot, window)
    panel = window.problems
    panel.document.setCurrentIndex(panel.document.findData("plan"))
    assert panel.findings and all(f.document.key == "plan" for f in panel.findings)
    panel.unit.setCurrentIndex(panel.unit.findData(unit.name))
    assert panel.findings and all(f.unit == unit.name and f.document.key == "plan" for f in panel.findings)
    shown = sum(panel.model.rowCount(panel.model.index(r, 0)) for r in range(panel.model.rowCount()))
    assert shown == len(panel.findings)
    panel.document.setCurrentIndex(0)
    panel.unit.setCurrentIndex(0)
    assert len(panel.findings) == len(window.session.report.findings) + len(window.session.comment_findings)


def test_double_click_lands_on_the_field_highlighted(qtbot, window) -> None:
    ws = window.session.ws
    unit = pick_unit(ws, Phase.AFTER)
    window.show_node(("comparison",), select=True)
    set_staffing(window, unit.id, 4)
    wait_report(qtbot, window)
    panel = window.problems
    index = panel.finding_index("plan.min_unit_size", unit.name)
    panel.tree.scrollTo(index)
    rect = panel.tree.visualRect(index)
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.pages["after"]
    assert isinstance(page, UnitsPage)
    assert window.stack.currentWidget() is page
    current = page.proxy.mapToSource(page.view.currentIndex())
    assert page.model.unit_at(current.row()).id == unit.id
    assert page.model.columns[current.column()].field == "staffing"
    assert page.model.highlight == (unit.id, "staffing")


def test_explanation_written_in_the_panel(qtbot, window) -> None:
    ws = window.session.ws
    unit = pick_unit(ws, Phase.AFTER)
    page = window.pages["after"]
    window.show_node(("after",), select=True)
    new_name = unit.name[:2] + "测试事务局"
    editor = open_line_editor(page.view, table_index(page, unit.id, "name"))
    editor.selectAll()
    type_chinese(editor, new_name)
    commit_editor(qtbot, editor)
    wait_report(qtbot, window)
    warning = findings(window, "nm.suffix", new_name)
    assert warning and warning[0].severity is Severity.WARNING and warning[0].explanation is None

    panel = window.problems
    panel.tree.setCurrentIndex(panel.finding_index("nm.suffix", new_name))
    assert panel.explain_edit.isEnabled()
    text = "该单位名称沿用上级批复名称，示编发〔2026〕3号。"
    panel.explain_edit.setFocus()
    type_chinese(panel.explain_edit, text)
    panel.explain_save.click()

    assert ws.explanations()[("nm.suffix", new_name, warning[0].field or "")].text == text
    wait_report(qtbot, window)
    explained = findings(window, "nm.suffix", new_name)[0]
    assert explained.explanation == text
    row = panel.finding_index("nm.suffix", new_name)
    assert row.siblingAtColumn(4).data() == "已填写"
    assert any(e.operation == "填写说明" for e in ws.changelog(limit=5))

    window.undo()
    assert ("nm.suffix", new_name, warning[0].field or "") not in ws.explanations()
    wait_report(qtbot, window)
    assert findings(window, "nm.suffix", new_name)[0].explanation is None


def test_errors_need_no_explanation(qtbot, window) -> None:
    ws = window.session.ws
    unit = pick_unit(ws, Phase.AFTER)
    set_staffing(window, unit.id, 4)
    wait_report(qtbot, window)
    panel = window.problems
    panel.tree.setCurrentIndex(panel.finding_index("plan.min_unit_size", unit.name))
    assert not panel.explain_edit.isEnabled() and not panel.explain_save.isEnabled()
