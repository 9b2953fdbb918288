"""上级意见 in the county's problems panel: beside their field, answered 已修改 / 已说明 from the panel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from ui_helpers import open_window

from sydw_desktop.demo import write_demo
from sydw_desktop.rules.findings import Severity
from sydw_desktop.workspace import Workspace
from ui.review.comment_findings import RULE


def test_received_comments_are_findings_beside_their_fields_answered_from_the_panel(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "示例旗.sydw"
    write_demo(path)  # the demo's round 1 came back 退回修改 with three comments, not yet answered
    with Workspace.open(path, readonly=True) as ws:
        received = ws.comments("in")
    window = open_window(qtbot, path, tmp_path)
    panel, session = window.problems, window.session
    shown = [f for f in panel.shown if f.rule == RULE]
    assert [f.message.split("：", 1)[1] for f in shown] == [c.text for c in received]
    assert {f.severity for f in shown} == {Severity.WARNING}
    assert RULE not in {f.rule for f in session.report.findings}  # the rules' report is untouched
    assert panel.model.rule_title(RULE) == "上级意见"
    # beside its field: the table cell is tinted and its tooltip says the comment
    staffing = next(c for c in received if c.field == "staffing")
    finding = next(f for f in shown if f.fingerprint == str(staffing.id))
    window.navigate(finding)
    page = window.stack.currentWidget()
    unit = next(u for u in page.model.all_units if u.name == staffing.unit)
    index = page.model.index(page.model.row_of(unit.id), page.model.column_of("staffing"))
    assert staffing.text in (index.data(Qt.ItemDataRole.ToolTipRole) or "")
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    # answer it from the panel
    panel.tree.setCurrentIndex(panel.model.index_of(panel.shown.index(finding)))
    assert panel.answer_status.isVisible() and panel.explain_save.text() == "保存答复"
    panel.answer_status.setCurrentText("已说明")
    panel.explain_edit.setPlainText("该单位承担法定职责，依据见备注。")
    panel.explain_save.click()
    assert [(c.status, c.reply) for c in session.ws.comments("in") if c.id == staffing.id] == [
        ("已说明", "该单位承担法定职责，依据见备注。")]
    answered = next(f for f in panel.shown if f.fingerprint == str(staffing.id))
    assert answered.severity is Severity.INFO and answered.explanation == "已说明：该单位承担法定职责，依据见备注。"
    assert window.actions_.edit_undo.text().startswith("撤销")
    window.close()
