"""A problems panel that teaches: Chinese rule titles, 如何修改, search, grouping, export to work through."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from ui_helpers import open_window

from sydw_desktop.demo import write_demo
from sydw_desktop.rules.catalogue import load_catalogue
from sydw_desktop.rules.findings import Severity
from ui.problems import ProblemsPanel


@pytest.fixture()
def flawed_window(qtbot, tmp_path: Path):
    path = tmp_path / "示例旗（培训）.sydw"
    write_demo(path, flawed=True)
    window = open_window(qtbot, path, tmp_path)
    yield window
    window.close()


def test_every_rule_says_how_to_fix_it() -> None:
    missing = [r.id for r in load_catalogue().rules if len(r.fix) < 10]
    assert missing == []


def test_titles_fix_and_full_message(qtbot, flawed_window) -> None:
    panel: ProblemsPanel = flawed_window.problems
    titles = {r.id: r for r in load_catalogue().rules}
    first = panel.model.index(0, 0)
    finding_index = panel.model.index(0, 0, first)
    finding = panel.finding_at(finding_index)
    assert finding is not None and finding.severity is Severity.ERROR
    rule_cell = panel.model.index(0, 3, first).data()
    assert rule_cell == titles[finding.rule].title and "." not in rule_cell
    panel.tree.setCurrentIndex(finding_index)
    detail = panel.detail.text()
    assert titles[finding.rule].fix in detail and "如何修改" in detail
    assert finding.message.replace("“", "&ldquo;") in detail or finding.message in detail


def test_search_and_grouping(qtbot, flawed_window) -> None:
    panel: ProblemsPanel = flawed_window.problems
    everything = len(panel.shown)
    unit = next(f.unit for f in panel.shown if f.unit)
    panel.search.setText(unit)
    assert 0 < len(panel.shown) < everything
    assert all(unit in f.message or f.unit == unit for f in panel.shown)
    panel.search.clear()
    panel.grouping.setCurrentIndex(panel.grouping.findData("rule"))
    titles = {rule: title for rule, (title, _fix) in panel.model.titles.items()}
    heads = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert sorted(h.rsplit("（", 1)[0] for h in heads) == sorted({titles[f.rule] for f in panel.shown})
    assert len(panel.shown) == everything
    panel.grouping.setCurrentIndex(panel.grouping.findData("unit"))
    heads = [panel.model.index(r, 0).data().rsplit("（", 1)[0] for r in range(panel.model.rowCount())]
    assert set(heads) == {f.unit or "（全方案）" for f in panel.shown}


def test_export_the_list_and_read_it_back(qtbot, flawed_window, tmp_path: Path) -> None:
    panel: ProblemsPanel = flawed_window.problems
    panel.document.setCurrentIndex(panel.document.findData("plan"))
    shown = list(panel.shown)
    written = panel.export_list(tmp_path / "问题清单")
    assert written == tmp_path / "问题清单.xlsx"
    sheet = openpyxl.load_workbook(written).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "序号")
    assert rows[header][:8] == ["序号", "严重程度", "单位", "文书", "问题", "规则", "如何修改", "依据"]
    body = [r for r in rows[header + 1:] if isinstance(r[0], int)]
    assert [r[4] for r in body] == [f.message for f in shown]
    fixes = {rule: fix for rule, (_title, fix) in panel.model.titles.items()}
    assert [r[6] for r in body] == [fixes[f.rule] for f in shown]
    assert "已导出问题清单" in flawed_window.statusBar().currentMessage()


def test_a_new_organ_row_waits_until_the_clerk_leaves_it(qtbot, tmp_path: Path) -> None:
    from ui_helpers import type_chinese, wait_report

    from sydw_desktop.vocab import Phase

    path = tmp_path / "示例旗.sydw"
    write_demo(path)
    window = open_window(qtbot, path, tmp_path)
    ws = window.session.ws
    unit = next(u for u in ws.units(Phase.AFTER) if u.staffing >= 20 and ws.sanding(u.id) and ws.sanding(u.id).organs)
    window.show_node(("document", unit.id, "sanding"), select=True)
    organs = window.pages["document"].current_editor.organs
    type_chinese(organs.new_name, "新设股")
    organs.add_typed()
    qtbot.waitUntil(lambda: any(o.name == "新设股" for o in ws.sanding(unit.id).organs))
    wait_report(qtbot, window)
    in_report = [f for f in window.session.report.findings if f.unit == unit.name and f.field == "organs"]
    assert in_report, "a new organ without duties is a finding"
    assert window.session.held == (unit.name, "organs")
    assert not [f for f in window.problems.shown if f.unit == unit.name and f.field == "organs"]
    assert "离开该行后" in window.problems.counts.text()
    organs.view.setCurrentIndex(organs.model.index(0, 0))  # the clerk moves to another row
    assert window.session.held is None
    assert [f for f in window.problems.shown if f.unit == unit.name and f.field == "organs"]
    window.close()


def test_the_panel_can_be_made_tall(qtbot, flawed_window) -> None:
    dock = flawed_window.problems_dock
    before = dock.height()
    flawed_window.problems.tall_button.click()
    qtbot.waitUntil(lambda: dock.height() > before * 1.5)
    assert flawed_window.problems.tall_button.text() == "还原"
    flawed_window.problems.tall_button.click()
    qtbot.waitUntil(lambda: abs(dock.height() - before) < 20)
