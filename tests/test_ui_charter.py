"""The 章程 editor: 开办资金 with capital numerals, 经费来源 apart from 经费形式, chapters, PDF, undo."""

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
from PySide6.QtGui import QPalette
from ui_helpers import demo_path_fixture, findings, type_chinese, wait_report, window_fixture  # noqa: F401

from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import FUNDING_SOURCE_HINT, Funding, FundingSource
from ui.editors.charter_editor import CharterEditor, capital_words
from ui.plan.unit_model import SEVERITY_COLORS

UNIT = "示例旗融媒体中心"


def test_capital_words() -> None:
    assert capital_words("63") == "人民币陆拾叁万元"
    assert capital_words("63.5") == "人民币陆拾叁万伍仟元"
    assert capital_words("1005") == "人民币壹仟零伍万元"
    assert capital_words("") == "（未填写开办资金）"
    assert "不是数字" in capital_words("六十三")


@needs_poppler
def test_capital_stored_shown_in_numerals_printed_and_undone(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    old = ws.charter(unit.id).capital
    editor = open_document(window, unit.id, "charter")
    assert isinstance(editor, CharterEditor)
    capital = editor.bindings["capital"].widget
    assert editor.capital_upper.text() == capital_words(f"{old:g}")

    capital.setFocus()
    capital.selectAll()
    qtbot.keyClicks(capital, "63")
    assert editor.capital_upper.text() == "人民币陆拾叁万元", "shown while typing"
    qtbot.keyClick(capital, "\r")
    assert ws.charter(unit.id).capital == 63.0
    assert window.actions_.edit_undo.text() == "撤销 修改章程（开办资金（万元））"
    entry = ws.changelog(limit=1)[0]
    assert entry.field == "开办资金（万元）" and entry.old == f"{old}" and entry.new == "63.0"

    preview = preview_from(qtbot, window, editor.preview_button)
    assert "本单位开办资金：人民币陆拾叁万元。" in pdf_text(preview.bundle.sources[0].path)
    preview.close()

    window.undo()
    assert ws.charter(unit.id).capital == old
    assert capital.text() == f"{old:g}" and editor.capital_upper.text() == capital_words(f"{old:g}")


def test_funding_source_is_its_own_field_with_a_hint(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    assert unit.funding is Funding.FULL
    editor = open_document(window, unit.id, "charter")
    combo = editor.bindings["funding_source"].widget
    combo.setCurrentIndex(combo.findData(FundingSource.SUBSIDY_2.value))
    combo.activated.emit(combo.currentIndex())
    assert ws.charter(unit.id).funding_source is FundingSource.SUBSIDY_2
    assert ws.unit(unit.id).funding is Funding.FULL, "经费形式 does not follow"
    assert "财政补助一类" in editor.funding_hint.text() and "不同" in editor.funding_hint.text()
    wait_report(qtbot, window)
    hint = [f for f in findings(window, "x.attributes", unit.name) if f.field == "funding_source"]
    assert hint and hint[0].severity is Severity.INFO, "a hint, never an error"
    on_field = [f for f in window.session.report.findings if f.unit == unit.name and f.field == "funding_source"]
    worst = window.session.index.worst(on_field)
    assert combo.palette().color(QPalette.ColorRole.Button).name() == SEVERITY_COLORS[worst].name()
    assert hint[0].message in combo.toolTip()
    assert editor.use_hint.isEnabled()
    editor.use_hint.click()
    assert ws.charter(unit.id).funding_source is FUNDING_SOURCE_HINT[Funding.FULL]
    assert not editor.use_hint.isEnabled()
    window.undo()
    window.undo()
    assert ws.charter(unit.id).funding_source is FundingSource.SUBSIDY_1


def test_chapters_edit_lists_and_required_items(qtbot, window) -> None:
    ws = window.session.ws
    unit = after_unit(ws, UNIT)
    charter = ws.charter(unit.id)
    editor = open_document(window, unit.id, "charter")
    assert [editor.nav.item(i).text() for i in range(3)] == ["第一章　总则", "第二章　党的建设", "第三章　宗旨和业务范围"]
    assert editor.nav.count() == 11  # ten chapters and 变更登记
    scope = editor.bindings["scope"].widget
    scope.setFocus()
    scope.moveCursor(scope.textCursor().MoveOperation.End)
    type_chinese(scope, "\n应急广播体系建设")
    leave(scope)
    assert ws.charter(unit.id).scope == [*charter.scope, "应急广播体系建设"]
    type_line(qtbot, editor.bindings["address"].widget, "")
    assert ws.charter(unit.id).address == ""
    wait_report(qtbot, window)
    missing = [f for f in findings(window, "ch.required_items", unit.name) if f.field == "address"]
    assert missing and missing[0].message in editor.bindings["address"].widget.toolTip()
    window.undo()
    window.undo()
    assert ws.charter(unit.id) == charter
