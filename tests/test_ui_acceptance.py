"""检查验收 in the GUI (issue 17 item 5): the league records an acceptance in its dialog (the checklist
with two problem items), makes the signed 检查验收意见包; the banner imports it beside 导入审核意见包,
sees the problems in its problems panel and answers them there."""

from __future__ import annotations

from pathlib import Path

from packet_helpers import PASSPHRASE, identity, write_identity
from ui_helpers import open_window

from sydw_desktop.demo import write_demo
from sydw_desktop.method.acceptance import PROBLEM, catalogue
from sydw_desktop.method.acceptance_records import AcceptanceRecords
from sydw_desktop.model import Allocation, Jurisdiction
from sydw_desktop.packets.verify import verify_packet
from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace
from ui.review.acceptance_dialog import AcceptanceDialog
from ui.review.acceptance_pack_dialog import AcceptancePackDialog
from ui.review.comment_findings import ACCEPTANCE_RULE, acceptance_finding

LEAGUE_OFFICE = "示例盟机构编制委员会办公室"


def _row(key: str) -> int:
    return [k.key for k in catalogue()].index(key)


def test_the_league_records_and_sends_the_banner_imports_and_answers(qtbot, tmp_path: Path) -> None:
    league = tmp_path / "示例盟.sydw"
    with Workspace.create(league, Jurisdiction("示例盟", "159900", Level.LEAGUE)) as ws:
        ws.set_allocation(Allocation("159901", "示例旗", 40, 1200))
    league_id = identity(LEAGUE_OFFICE, "159900")
    key, pem = write_identity(tmp_path, "示例盟编办", league_id)
    window = open_window(qtbot, league, tmp_path)
    menu = window.review_menu
    menu.update_actions()
    assert menu.acceptance.isEnabled()
    dialog = menu.open_acceptance()
    assert isinstance(dialog, AcceptanceDialog) and dialog.code() == "159901"
    hint = dialog.minimumSizeHint()  # fits a 1366×768 laptop, less the taskbar and the frame
    assert hint.width() <= 1366 - 16 and hint.height() <= 728 - 48, hint
    dialog.held_on.setText("2026-12-01")
    dialog.team.setText("示例盟委编办检查验收组")
    dialog.doc_no.setText("示编办发〔2026〕31号")
    dialog.verdict.setCurrentText("限期整改")
    dialog.items.set_problem(_row("archives"), "征求意见记录不全。", "补齐并归档。")  # no deadline yet
    assert not dialog.save()
    assert "写明整改期限" in dialog.message.text() and dialog.list.rowCount() == 0
    dialog.items.set_problem(_row("archives"), "征求意见记录不全。", "补齐并归档。", "2027-02-28")
    dialog.items.set_problem(_row("institutions"), "仍挂原牌子。", "撤销原牌子。", "2027-03-31", "示例旗烈士陵园管理所")
    assert dialog.save() and dialog.list.rowCount() == 1
    saved = dialog.selected()
    assert saved is not None and not saved.sent and [i.label for i in saved.problems] == ["机构设置与撤并", "档案资料"]
    assert dialog.pack_button.isEnabled() and dialog.delete_button.isEnabled()
    assert window.actions_.edit_undo.text().startswith("撤销")
    dialog.resize(1350, 680)
    dialog.grab().save(str(tmp_path / "acceptance_dialog.png"))
    # -- 生成检查验收意见包
    pack = dialog.open_pack()
    assert isinstance(pack, AcceptancePackDialog)
    out = tmp_path / "验收.zip"
    pack.identity.path.setText(str(key))
    pack.identity.passphrase.setText(PASSPHRASE)
    pack.out.setText(str(out))
    pack.make()
    qtbot.waitUntil(lambda: pack.pack_result is not None or "失败" in pack.status.text(), timeout=60_000)
    assert pack.pack_result is not None, pack.status.text()
    assert verify_packet(out, trusted=[league_id.certificate]).kind == "acceptance"
    qtbot.waitUntil(lambda: dialog.list.rowCount() == 1 and dialog.list.item(0, 7).text() == "已发出")
    dialog.list.selectRow(0)
    assert not dialog.pack_button.isEnabled() and not dialog.save_button.isEnabled()
    window.close()

    # -- the banner takes it in, beside 导入审核意见包
    county = tmp_path / "示例旗.sydw"
    write_demo(county)
    county_dir = tmp_path / "county"
    county_dir.mkdir()
    window = open_window(qtbot, county, county_dir)
    assert not window.review_menu.acceptance.isEnabled() or window.session.ws.jurisdiction().level is Level.BANNER
    review = window.review_menu.open_county_review()
    assert review is not None
    assert review.minimumSizeHint().height() <= 728 - 48  # the added table keeps it within a laptop's screen
    review.import_acceptance(out, pem)
    qtbot.waitUntil(lambda: "已导入" in review.message.text() or "未导入" in review.message.text(), timeout=60_000)
    assert "限期整改" in review.message.text() and "存在问题 2 项" in review.message.text()
    assert review.acceptances.rowCount() == 1 and review.acceptances.item(0, 4).text() == "限期整改"
    panel = window.problems
    shown = [f for f in panel.shown if f.rule == ACCEPTANCE_RULE]
    assert [f.severity for f in shown] == [Severity.WARNING, Severity.WARNING]
    assert shown[0].unit == "示例旗烈士陵园管理所" and "整改期限 2027-03-31" in shown[0].message
    assert panel.model.rule_title(ACCEPTANCE_RULE) == "上级检查验收"
    a, item = AcceptanceRecords(window.session.ws).open_items()[0]
    assert "（整改期限 2027-03-31，已逾期）" in acceptance_finding(a, item, today="2027-04-01").message
    assert "（整改期限 2027-03-31）" in acceptance_finding(a, item, today="2027-03-31").message
    # answer one from the panel
    panel.tree.setCurrentIndex(panel.model.index_of(panel.shown.index(shown[1])))
    assert panel.answer_status.isVisible() and [panel.answer_status.itemText(i) for i in range(2)] == ["已整改", "已说明"]
    panel.answer_status.setCurrentText("已整改")
    panel.explain_edit.setPlainText("已补齐征求意见记录并归档。")
    panel.explain_save.click()
    with_answer = [f for f in panel.shown if f.rule == ACCEPTANCE_RULE]
    assert [f.severity for f in with_answer] == [Severity.WARNING, Severity.INFO]
    assert with_answer[1].explanation == "已整改：已补齐征求意见记录并归档。"
    assert review.acceptances.item(0, 6).text() == "1"  # the window follows the answer
    [(acceptance, item)] = AcceptanceRecords(window.session.ws).open_items()
    assert item.label == "机构设置与撤并" and acceptance.result == "限期整改"
    items = AcceptanceRecords(window.session.ws).acceptances("in")[0].items
    assert [(i.label, i.status) for i in items if i.conclusion == PROBLEM] == [("机构设置与撤并", ""), ("档案资料", "已整改")]
    window.close()

