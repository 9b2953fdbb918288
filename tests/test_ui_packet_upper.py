"""Verifying packets, the trust list (add / remove / undo) and receiving at the upper level."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from packet_helpers import bag_prefix, build_small_packet, flip_byte, identity, rewrite
from PySide6.QtWidgets import QMessageBox, QWidget
from ui_helpers import ini_settings, open_window

from sydw_desktop.model import Jurisdiction
from sydw_desktop.packets.identity import (
    certificate_pem,
    fingerprint_groups,
    format_fingerprint,
    generate_identity,
)
from sydw_desktop.packets.trust import trust_entry
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace
from ui.mainwindow import MainWindow
from ui.packets.cert_view import CertificateView
from ui.packets.verify_dialog import VerifyDialog
from ui.session.operations import TaskRunner

LEAGUE = Jurisdiction("示例盟", "159900", Level.LEAGUE)
SMALL_OFFICE = "测试旗机构编制委员会办公室"


@pytest.fixture(scope="module")
def packets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A small real signed packet of 测试旗 (159999), a copy with one PDF byte changed, its PEM."""
    base = tmp_path_factory.mktemp("packets")
    ident = identity(SMALL_OFFICE, "159999")
    good = build_small_packet(base, ident)
    prefix = bag_prefix(good)

    def tamper(entries):
        return [(info, flip_byte(data) if info.filename == prefix + "data/改革方案.pdf" else data)
                for info, data in entries]

    bad = rewrite(good, base / "tampered.zip", tamper)
    pem = base / "测试旗编办.cert.pem"
    pem.write_bytes(certificate_pem(ident.certificate))
    return {"good": good, "bad": bad, "pem": pem}


@pytest.fixture
def league_window(qtbot, tmp_path: Path) -> MainWindow:
    path = tmp_path / "示例盟.sydw"
    Workspace.create(path, LEAGUE).close()
    window = open_window(qtbot, path, tmp_path)
    yield window
    window.close()


def run_verify(qtbot, dialog: VerifyDialog, packet: Path) -> None:
    dialog.packet.setText(str(packet))
    before = dialog.view.result
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.view.result is not before and dialog.verify_button.isEnabled(), timeout=30_000)


def test_verify_dialog_lists_the_tampered_file(qtbot, tmp_path: Path, packets) -> None:
    runner = TaskRunner()
    host = QWidget()  # owns the dialog as the main window does (Qt deletes it, not Python's GC)
    qtbot.addWidget(host)
    dialog = VerifyDialog(runner, None, host)
    dialog.show()
    assert dialog.trust_none.isChecked() and not dialog.trust_workspace.isEnabled()

    run_verify(qtbot, dialog, packets["good"])
    view = dialog.view
    assert view.result.valid and view.result.trusted is None
    assert view.verdict.text() == "报送包有效：结构完整，每个文件的校验值和签名都正确；签名者未经确认（未检查信任列表，请核对证书指纹）。"
    assert view.problems() == [] and view.problems_label.text() == "没有发现问题。"
    assert view.signer.office.text() == SMALL_OFFICE
    assert view.signer.fingerprint.groups() == fingerprint_groups(identity(SMALL_OFFICE, "159999").certificate)

    dialog.cert_files.setText(str(packets["pem"]))
    dialog.trust_files.setChecked(True)
    run_verify(qtbot, dialog, packets["bad"])
    result = view.result
    assert not result.valid and result.trusted is True
    assert view.verdict.text().startswith("报送包无效；签名者可信")
    rows = view.problems()
    assert len(rows) == len(result.problems) >= 1
    assert [(p.file, p.message) for p in result.problems] == rows
    assert any(file == "data/改革方案.pdf" and "校验值" in message for file, message in rows)

    other = tmp_path / "other.pem"
    other.write_bytes(certificate_pem(generate_identity("别的编办").certificate))
    dialog.cert_files.setText(str(other))
    run_verify(qtbot, dialog, packets["good"])
    assert view.result.valid and view.result.trusted is False
    assert ("signer.cert.pem", "签名证书不在信任列表中（不是已登记的下级机关的证书）") in view.problems()

    dialog.packet.setText(str(tmp_path / "missing.zip"))
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert "找不到报送包" in dialog.error.text()
    runner.shutdown()
    host.close()


def test_trust_list_add_remove_undo(qtbot, league_window: MainWindow, packets, tmp_path: Path) -> None:
    window = league_window
    ws = window.session.ws
    window.packet_menu.update_actions()
    assert window.actions_.packet_trust.isEnabled() and window.actions_.packet_receive.isEnabled()
    dialog = window.packet_menu.open_trust_list()
    assert dialog is not None and dialog.model.rowCount() == 0

    dialog.add_from_file(packets["pem"])
    confirm = dialog.confirm
    assert confirm is not None and confirm.isVisible()
    cert = identity(SMALL_OFFICE, "159999").certificate
    shown = confirm.findChild(CertificateView)
    assert shown.fingerprint.groups() == fingerprint_groups(cert) and shown.office.text() == SMALL_OFFICE
    assert not confirm.add_button.isEnabled()  # not before the phone check is ticked
    confirm.checked.setChecked(True)
    confirm.add_button.click()
    assert [e.office for e in ws.trusted_certificates()] == [SMALL_OFFICE]
    assert dialog.model.rowCount() == 1
    assert dialog.model.item(0, 0).text() == SMALL_OFFICE and dialog.model.item(0, 1).text() == "159999"
    assert dialog.model.item(0, 3).text() == format_fingerprint(cert)
    assert dialog.model.item(0, 5).text() == "测试员"
    assert ws.changelog(limit=1)[0].operation == "添加信任证书"
    assert dialog.undo_button.text() == "撤销 添加信任证书"
    assert window.actions_.edit_undo.text() == "撤销 添加信任证书"

    dialog.add_from_file(packets["pem"])  # already there
    assert "已在信任列表中" in dialog.error.text()

    dialog.undo_button.click()
    assert ws.trusted_certificates() == [] and dialog.model.rowCount() == 0
    window.redo()
    assert dialog.model.rowCount() == 1

    dialog.table.selectRow(0)
    assert dialog.remove_button.isEnabled()
    dialog.remove_selected()
    box = dialog.confirm_remove
    assert box is not None and "测试旗机构编制委员会办公室" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert dialog.model.rowCount() == 1
    dialog.table.selectRow(0)
    dialog.remove_selected()
    dialog.confirm_remove.button(QMessageBox.StandardButton.Yes).click()
    assert ws.trusted_certificates() == [] and dialog.model.rowCount() == 0
    assert ws.changelog(limit=1)[0].operation == "移除信任证书"
    window.undo()
    assert dialog.model.rowCount() == 1 and ws.trusted_certificates()[0].office == SMALL_OFFICE

    expired = generate_identity("过期编办", "159902", now=datetime.now(UTC) - timedelta(days=800), years=1)
    old_pem = tmp_path / "过期.cert.pem"
    old_pem.write_bytes(certificate_pem(expired.certificate))
    dialog.add_from_file(old_pem)
    assert "已于" in dialog.error.text() and "过期" in dialog.error.text()
    assert dialog.model.rowCount() == 1


def test_receive_then_subordinates_and_undo(qtbot, league_window: MainWindow, packets) -> None:
    window = league_window
    menu = window.packet_menu
    ws = window.session.ws
    assert menu.receive(packets["good"]) is None
    assert "信任列表是空的" in window.last_error

    entry = trust_entry(identity(SMALL_OFFICE, "159999").certificate)
    assert window.session.perform(lambda w: w.add_trusted_certificate(entry)) is not None
    listing = menu.open_subordinates()
    assert listing is not None and listing.model.rowCount() == 0

    outcome = menu.receive(packets["bad"])
    qtbot.waitUntil(outcome.isVisible, timeout=30_000)
    assert "未通过校验，未导入任何数据" in outcome.verdict.text()
    assert any(file == "data/改革方案.pdf" for file, _ in outcome.verification.problems())
    assert ws.subordinate_filings() == [] and not window.session.busy
    outcome.close()

    outcome = menu.receive(packets["good"])
    qtbot.waitUntil(outcome.isVisible, timeout=30_000)
    assert outcome.verdict.text() == "已接收测试旗第1轮报送材料（可撤销）。"
    assert not window.session.busy
    [filing] = ws.subordinate_filings()
    assert (filing.region_code, filing.round, filing.name) == ("159999", 1, "测试旗")
    assert listing.model.rowCount() == 1
    row = [listing.model.item(0, c).text() for c in range(listing.model.columnCount())]
    assert row[:3] == ["159999", "测试旗", "第1轮"]
    figures = {f["label"]: f for f in filing.summary["figures"]}
    assert row[4].startswith(f"{figures['事业单位数']['before']} → {figures['事业单位数']['after']}")
    assert row[-1] == "测试员" and "已接收 1 个下级编办的 1 份报送材料" in listing.summary.text()
    assert window.actions_.edit_undo.text() == "撤销 接收测试旗第1轮报送材料"
    outcome.close()

    again = menu.receive(packets["good"])
    qtbot.waitUntil(again.isVisible, timeout=30_000)
    assert "已经接收过" in again.verdict.text()
    again.close()

    window.undo()
    assert ws.subordinate_filings() == [] and listing.model.rowCount() == 0


def test_packet_menu_sits_after_check_and_follows_the_workspace(qtbot, tmp_path: Path) -> None:
    window = MainWindow(ini_settings(tmp_path), check_delay_ms=30)
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[titles.index("检查(&C)") + 1] == "报送(&B)"
    menu = window.packet_menu
    menu.update_actions()
    a = window.actions_
    assert a.packet_identity.isEnabled() and a.packet_verify.isEnabled()
    assert not a.packet_pack.isEnabled() and not a.packet_trust.isEnabled()
    assert menu.open_pack_wizard() is None and window.last_error == "请先打开工作区。"
    banner = tmp_path / "示例旗.sydw"
    Workspace.create(banner, Jurisdiction("示例旗", "159901", Level.BANNER)).close()
    assert window.open_workspace(banner)
    menu.update_actions()
    assert a.packet_pack.isEnabled() and not a.packet_trust.isEnabled() and not a.packet_receive.isEnabled()
    assert menu.open_trust_list() is None and "旗县工作区没有下级报送" in window.last_error
    dialog = menu.open_identity()
    assert dialog.create_form.office.text() == "示例旗机构编制委员会办公室"
    dialog.close()
    window.close()
