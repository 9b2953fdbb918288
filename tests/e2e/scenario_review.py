"""The review cycle end to end, in its own process on a real (Xvfb) display: a county window and a league window.

``python tests/e2e/scenario_review.py OUT_DIR``: the county packs round 1 through the pack wizard; the
league receives it, opens the filing (read-only), comments on a unit's 备注 and on a 三定, and makes a
signed 退回修改 in the return dialog; the county imports it, fixes one comment and explains the other,
packs round 2 (with the 修改说明); the league receives it, sees exactly the fix in 与上一轮比较, and
sends 同意; the county imports it, an edit is refused with the lock message, and 开始新一轮 unlocks.
Screenshots after each step; what it saw goes to ``OUT_DIR/result.json``.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QWizard  # noqa: E402
from scenario_window import take_shot  # noqa: E402

from sydw_desktop.demo import write_demo  # noqa: E402
from sydw_desktop.model import Jurisdiction, TrustedCertificate  # noqa: E402
from sydw_desktop.packets.identity import certificate_info, certificate_pem, generate_identity, save_identity  # noqa: E402
from sydw_desktop.vocab import Level, Phase  # noqa: E402
from sydw_desktop.workspace import Workspace  # noqa: E402
from tests.eventloop import settle, wait  # noqa: E402
from ui.fonts import load_ui_font  # noqa: E402
from ui.mainwindow import MainWindow  # noqa: E402
from ui.packets.pack_wizard import DESTINATION, IDENTITY, RESULT, ROUND, PackWizard  # noqa: E402
from ui.settings import AppSettings  # noqa: E402

PASS = "review-e2e-2026"
FIELD_UNIT = "示例旗烈士陵园管理所"
FIX = "保留依据：示编发〔2026〕3号"


def trust(ws_path: Path, pem: bytes, office: str, code: str) -> None:
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(pem)
    info = certificate_info(cert)
    with Workspace.open(ws_path) as ws:
        ws.add_trusted_certificate(TrustedCertificate(info.fingerprint, office, code,
                                                      info.not_after.isoformat(), pem.decode()))


def window_for(path: Path, out: Path, name: str, x: int) -> MainWindow:
    settings = AppSettings(QSettings(str(out / f"{name}.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, check_delay_ms=250)
    assert window.open_workspace(path, remember=False), window.last_error
    window.move(x, 0)
    window.resize(1000, 900)
    window.show()
    session = window.session
    assert session is not None
    wait("第一次检查", lambda: session.report is not None and not session.checker.pending, timeout=60)
    return window


def pack(window: MainWindow, p12: Path, stick: Path) -> Path:
    wizard = window.packet_menu.open_pack_wizard()
    assert isinstance(wizard, PackWizard)
    wait("检查", lambda: wizard.check_page.settled, timeout=90)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == ROUND
    wizard.round_page.docx.setChecked(False)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == IDENTITY
    wizard.identity_page.form.path.setText(str(p12))
    wizard.identity_page.form.passphrase.setText(PASS)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == DESTINATION, wizard.identity_page.form.error.text()
    wizard.destination_page.folder.setText(str(stick))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    wait("打包", lambda: wizard.currentId() == RESULT, timeout=300)
    result = wizard.result_page.result
    assert result is not None
    wizard.button(QWizard.WizardButton.FinishButton).click()
    return result.path


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    load_ui_font(app)
    shots: list[str] = []
    result: dict[str, object] = {"platform": QGuiApplication.platformName(), "shots": shots}
    base = out / "work"
    if base.exists():
        import shutil

        shutil.rmtree(base)
    base.mkdir()
    stick = base / "U盘"
    stick.mkdir()
    county, league = base / "示例旗.sydw", base / "示例盟.sydw"
    write_demo(county)
    with sqlite3.connect(county) as conn:  # the demo's story has rounds; this county has not filed yet
        conn.execute("DELETE FROM round")
        conn.execute("DELETE FROM review_comment")
    Workspace.create(league, Jurisdiction("示例盟", "159900", Level.LEAGUE)).close()
    county_id = generate_identity("示例旗机构编制委员会办公室", "159901")
    league_id = generate_identity("示例盟机构编制委员会办公室", "159900")
    county_p12 = save_identity(county_id, base / "示例旗编办.p12", PASS).p12
    league_p12 = save_identity(league_id, base / "示例盟编办.p12", PASS).p12
    trust(league, certificate_pem(county_id.certificate), "示例旗机构编制委员会办公室", "159901")
    trust(county, certificate_pem(league_id.certificate), "示例盟机构编制委员会办公室", "159900")

    cw = window_for(county, out, "county", 0)
    lw = window_for(league, out, "league", 600)
    assert cw.session is not None and lw.session is not None
    # -- round 1 up, received
    r1 = pack(cw, county_p12, stick)
    result["round1"] = [s.round for s in cw.session.ws.submissions()]
    lw.raise_()
    outcome = lw.packet_menu.receive(r1)
    wait("接收第1轮", lambda: outcome is not None and outcome.isVisible(), timeout=120)
    assert outcome is not None
    outcome.close()
    # -- the filing view, two comments
    review = lw.review_menu.open_filing_review()
    assert review is not None
    review.move(0, 0)
    wait("报送材料", lambda: review.units.rowCount() > 0)
    take_shot(out, "01-filing-view", shots)
    row = next(r for r in range(review.units.rowCount()) if review.units.row_value(r) == FIELD_UNIT)
    review.units.selectRow(row)
    review.form.field.setCurrentIndex(review.form.field.findData("remark"))
    review.form.text.setPlainText("请在备注中写明保留该单位的依据文号。")
    review.findChild(type(review.return_button), "add_comment").click()
    snap = review.snapshot
    assert snap is not None
    sanding_unit = next(u.name for u in snap.after if u.id in snap.sanding)
    review.form.choose(sanding_unit, "sanding")
    review.form.text.setPlainText("主要职责第三条表述与主管部门职责交叉，请说明。")
    review.findChild(type(review.return_button), "add_comment").click()
    result["comments"] = review.comments.rowCount()
    result["review_error"] = review.error.text()
    take_shot(out, "02-comments", shots)
    # -- a document of the filing in the preview (the filing's data, laid out here)
    review.form.choose(sanding_unit, "sanding")
    assert review.preview_document(), review.error.text()
    wait("预览", lambda: getattr(review, "preview_window", None) is not None and review.preview_window.isVisible(),
         timeout=120)
    review.preview_window.move(100, 0)
    settle(1.0)
    result["preview"] = {"title": review.preview_window.windowTitle(), "pages": review.preview_window.bundle.pages}
    take_shot(out, "02b-document-preview", shots)
    review.preview_window.close()
    # -- 退回修改 through the return dialog
    review.compose_return()
    dialog = review.return_dialog
    dialog.move(200, 100)
    assert dialog.returned.isChecked()
    dialog.opinion.setPlainText("方案总体可行，请按具体意见修改后重新报送。")
    dialog.doc_no.setText("示编办函〔2026〕12号")
    dialog.identity.path.setText(str(league_p12))
    dialog.identity.passphrase.setText(PASS)
    dialog.out.setText(str(stick / "退回修改.zip"))
    take_shot(out, "03-return-dialog", shots)
    dialog.make()
    wait("审核意见包", lambda: dialog.pack_result is not None or "失败" in dialog.status.text()
         or dialog.status.styleSheet().startswith("color: #c62828"), timeout=120)
    result["return_status"] = dialog.status.text()
    take_shot(out, "04-return-made", shots)
    dialog.close()
    # -- the county imports it and answers
    county_view = cw.review_menu.open_county_review()
    assert county_view is not None
    county_view.move(0, 0)
    county_view.raise_()
    county_view.import_packet(stick / "退回修改.zip")
    wait("导入审核意见", lambda: "已导入" in county_view.message.text() or "未导入" in county_view.message.text(),
         timeout=120)
    result["import1"] = county_view.message.text()
    take_shot(out, "05-county-comments", shots)
    ws = cw.session.ws
    unit = ws.find_unit(Phase.AFTER, FIELD_UNIT) or ws.find_unit(Phase.BEFORE, FIELD_UNIT)
    assert unit is not None and unit.id is not None
    unit_id = unit.id
    cw.session.perform(lambda w: w.update_unit(unit_id, remark=FIX))
    for row, (status, text) in enumerate((("已修改", "已在备注中写明依据文号。"),
                                          ("已说明", "该条职责为技术支撑，与主管部门行政职责不交叉。"))):
        county_view.comments.selectRow(row)
        county_view.status.setCurrentText(status)
        county_view.reply.setPlainText(text)
        assert county_view.save_reply(), county_view.message.text()
    take_shot(out, "06-county-replied", shots)
    county_view.comments.selectRow(0)
    assert county_view.go_to_selected(), county_view.message.text()
    result["navigated"] = type(cw.stack.currentWidget()).__name__
    cw.raise_()
    take_shot(out, "06b-went-to-field", shots)
    county_view.raise_()
    county_view.hide()
    # -- round 2
    r2 = pack(cw, county_p12, stick)
    result["round2_name"] = r2.name
    result["rounds_after_2"] = sorted({s.round for s in ws.submissions()})
    outcome = lw.packet_menu.receive(r2)
    wait("接收第2轮", lambda: outcome is not None and outcome.isVisible(), timeout=120)
    assert outcome is not None
    outcome.close()
    review.reload_filings(("159901", 2))
    review.tabs.setCurrentIndex(3)
    review.raise_()
    settle(0.3)
    result["diff_rows"] = [review.diff.item(r, 1).text() for r in range(review.diff.rowCount())]
    take_shot(out, "07-round-diff", shots)
    review.tabs.setCurrentIndex(2)
    result["replies_rows"] = review.replies.rowCount()
    take_shot(out, "08-change-notes", shots)
    # -- 同意
    review.compose_return()
    dialog = review.return_dialog
    dialog.approved.setChecked(True)
    dialog.opinion.setPlainText("同意。")
    dialog.identity.path.setText(str(league_p12))
    dialog.identity.passphrase.setText(PASS)
    dialog.out.setText(str(stick / "同意.zip"))
    dialog.make()
    wait("同意包", lambda: dialog.pack_result is not None or dialog.status.styleSheet().startswith("color: #c62828"),
         timeout=120)
    result["approve_status"] = dialog.status.text()
    dialog.close()
    county_view.show()
    county_view.raise_()
    county_view.import_packet(stick / "同意.zip")
    wait("导入同意", lambda: "同意" in county_view.message.text() or "未导入" in county_view.message.text(), timeout=120)
    result["import2"] = county_view.message.text()
    take_shot(out, "09-approved-locked", shots)
    errors: list[str] = []
    cw.session.failed.connect(errors.append)
    cw.session.perform(lambda w: w.update_unit(unit_id, remark="再改"))
    result["locked_error"] = errors[-1] if errors else ""
    result["replay"] = ""
    county_view.import_packet(stick / "同意.zip")
    wait("重复导入", lambda: "已经导入过" in county_view.message.text() or "未导入" in county_view.message.text(),
         timeout=120)
    result["replay"] = county_view.message.text()
    assert county_view.new_round("盟编办通知调整两家单位名称"), county_view.message.text()
    result["unlocked"] = cw.session.perform(lambda w: w.update_unit(unit_id, remark="再改")) is not None
    take_shot(out, "10-new-round", shots)
    (out / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    for window in (cw, lw):
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
