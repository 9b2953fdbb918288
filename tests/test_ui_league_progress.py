"""Progress between levels in the GUI: the county makes its 进度报送包 from the 报送 menu, the upper
office imports it, sets step dates in the small dialog, and sees who is behind in 下级进度 (a tab of
汇总与限额分配) and in the 调度和通报 preview. Every dialog fits a 1366×768 screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from league_helpers import banner, upper
from packet_helpers import PASSPHRASE, identity, write_identity
from ui_helpers import open_window

from sydw_desktop.method.upper import UpperRecords
from sydw_desktop.model import Allocation
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace
from ui.method.league_progress import ProgressImportDialog, ProgressPackDialog, StepDatesDialog
from ui.method.report_dialog import ReportDialog


def _fits(dialog) -> None:
    assert dialog.width() <= 1366 and dialog.height() <= 768, (dialog.objectName(), dialog.size())


def test_county_packs_upper_imports_sets_dates_and_sees_who_is_behind(qtbot, tmp_path: Path) -> None:
    county = banner(tmp_path, "159901", "示例旗")
    ident = identity("示例旗机构编制委员会办公室", "159901")
    p12, pem = write_identity(tmp_path, "示例旗编办", ident)
    packet = tmp_path / "示例旗进度.zip"

    window = open_window(qtbot, county, tmp_path / "county-settings")
    league_menu = window.packet_menu.league
    league_menu.update_action()
    assert league_menu.progress_pack_action.isEnabled() and not league_menu.progress_import_action.isEnabled()
    pack = league_menu.open_progress_pack()
    assert isinstance(pack, ProgressPackDialog)
    _fits(pack)
    pack.key.setText(str(p12))
    pack.passphrase.setText(PASSPHRASE)
    pack.out.setText(str(packet))
    pack.run()
    qtbot.waitUntil(lambda: pack.packed is not None or "失败" in pack.outcome.text() or "不" in pack.outcome.text(),
                    timeout=60_000)
    assert pack.packed is not None, pack.outcome.text()
    assert "已生成进度报送包" in pack.outcome.text() and packet.is_file()
    window.close()

    league = upper(tmp_path, "示例盟", "159900", Level.LEAGUE)
    with Workspace.open(league) as ws:
        ws.set_allocation(Allocation("159901", "示例旗"))
        ws.set_allocation(Allocation("159902", "示例右旗"))
    window = open_window(qtbot, league, tmp_path / "league-settings")
    league_menu = window.packet_menu.league
    league_menu.update_action()
    assert league_menu.progress_import_action.isEnabled() and league_menu.step_dates_action.isEnabled()
    dialog = league_menu.open_progress_import()
    assert isinstance(dialog, ProgressImportDialog)
    _fits(dialog)
    dialog.packet.setText(str(packet))
    dialog.run()  # the signer is not trusted yet: refused, shown in the dialog, nothing kept
    assert "签名证书不在信任列表中" in dialog.outcome.text() or "没有可信的证书" in dialog.outcome.text()
    assert UpperRecords(window.session.ws).progress() == {}
    dialog.cert.setText(str(pem))
    dialog.run()
    assert "已导入示例旗（159901）的进度报送包" in dialog.outcome.text()

    dates = league_menu.open_step_dates()
    assert isinstance(dates, StepDatesDialog)
    _fits(dates)
    dates.set_due(4, "2026-11-15")
    dates.doc_no.setText("示盟编办发〔2026〕8号")
    dates.accept()
    assert {n: d.due_on for n, d in UpperRecords(window.session.ws).step_dues().items()} == {4: "2026-11-15"}
    assert window.session.ws.undo_name == "设定各步骤完成时限"

    view = league_menu.open_view()
    assert view is not None
    _fits(view)
    tab = view.progress_tab
    view.tabs.setCurrentWidget(tab)
    behind = (dt.date.today() - dt.date(2026, 11, 15)).days  # 动员部署 is not done in the demo
    rows = [[tab.table.item(r, c).text() for c in range(tab.table.columnCount())] for r in range(tab.table.rowCount())]
    assert [r[0] for r in rows] == ["159901", "159902"]
    if behind > 0:
        assert rows[0][6] == str(behind) and f"第4步“动员部署”超期 {behind} 天" in rows[0][7]
    assert rows[1][7] == "未报送进度"
    assert "示盟编办发〔2026〕8号" in tab.dues.text()

    report = ReportDialog(window.session, window)
    qtbot.addWidget(report)
    _fits(report)
    assert "各旗县（市、区）进度：" in report.preview.toPlainText()
    assert "示例右旗（159902）：未报送进度。" in report.preview.toPlainText()
    report_dates = report.open_step_dates()
    report_dates.set_due(4, None)
    report_dates.accept()  # cleared: the preview follows
    assert "本级尚未设定各步骤的完成时限" in report.preview.toPlainText()
    view.close()
    window.close()
