"""Screenshots of the 报送 dialogs for docs/gui.md, on a real display (Xvfb + xcb).

    Xvfb :97 -screen 0 1600x1000x24 &
    QT_QPA_PLATFORM=xcb DISPLAY=:97 .venv/bin/python scripts/packet_screenshots.py OUT_DIR

Builds the flawed and the clean demo, an identity, packs the clean demo through the wizard (PDF
only, to be quick), verifies a tampered copy, and receives the packet into a 盟市 workspace. Writes
``packet-*.png`` to OUT_DIR; look at them, then copy the good ones to ``docs/screenshots/``. The
wizard's U 盘 list is filled with one made-up stick pointing at a temporary folder (Xvfb has none).
"""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget, QWizard  # noqa: E402

from sydw_desktop.demo import write_demo  # noqa: E402
from sydw_desktop.model import Jurisdiction  # noqa: E402
from sydw_desktop.vocab import Level  # noqa: E402
from sydw_desktop.workspace import Workspace  # noqa: E402
from tests.eventloop import wait  # noqa: E402
from ui.fonts import load_ui_font  # noqa: E402
from ui.mainwindow import MainWindow  # noqa: E402
from ui.packets.drives import Mount  # noqa: E402
from ui.packets.pack_wizard import RESULT  # noqa: E402
from ui.settings import AppSettings  # noqa: E402

PASSPHRASE = "screenshot-pass-2026"




def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    load_ui_font(app)
    tmp = Path(tempfile.mkdtemp(prefix="sydw-shots-"))

    def shot(widget: QWidget, name: str) -> None:
        widget.move(40, 40)
        widget.raise_()
        for _ in range(3):
            QApplication.processEvents()
            time.sleep(0.1)
        widget.grab().save(str(out / f"packet-{name}.png"))
        print("saved", name)

    settings = AppSettings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, check_delay_ms=100)
    window.resize(1400, 900)
    window.show()

    def open_ws(path: Path) -> None:
        assert window.open_workspace(path, remember=False), window.last_error
        session = window.session
        assert session is not None
        wait("检查", lambda: session.report is not None and not session.checker.pending, timeout=180.0)

    # the identity: created in the dialog
    flawed, clean = tmp / "flawed" / "示例旗.sydw", tmp / "clean" / "示例旗.sydw"
    for path, is_flawed in ((flawed, True), (clean, False)):
        path.parent.mkdir()
        write_demo(path, flawed=is_flawed)
    open_ws(clean)
    dialog = window.packet_menu.open_identity()
    form = dialog.create_form
    form.path.setText(str(tmp / "示例旗编办.p12"))
    form.passphrase.setText(PASSPHRASE)
    form.repeat.setText(PASSPHRASE)
    shot(dialog, "identity-new")
    form.create_button.click()
    wait("生成签名身份", lambda: dialog.identity is not None, timeout=180.0)
    shot(dialog, "identity")
    dialog.close()

    # the wizard, blocked on the flawed demo
    open_ws(flawed)
    wizard = window.packet_menu.open_pack_wizard()
    wait("向导检查", lambda: wizard.check_page.report is not None, timeout=180.0)
    wizard.check_page.view.setCurrentIndex(wizard.check_page.model.index(0, 0))
    shot(wizard, "wizard-blocked")
    wizard.close()

    # the wizard on the clean demo, page by page
    open_ws(clean)
    wizard = window.packet_menu.open_pack_wizard()
    wait("向导检查", lambda: wizard.check_page.isComplete(), timeout=180.0)
    shot(wizard, "wizard-check")
    wizard.next()
    wizard.round_page.note.setPlainText("第二轮上报，已按盟编办意见修改。")
    wizard.round_page.xlsx.setChecked(False)
    wizard.round_page.docx.setChecked(False)
    shot(wizard, "wizard-round")
    wizard.next()
    form = wizard.identity_page.form
    form.passphrase.setText("wrong-passphrase")
    wizard.next()
    shot(wizard, "wizard-identity-wrong")
    form.passphrase.setText(PASSPHRASE)
    wizard.next()
    stick = tmp / "KINGSTON"
    stick.mkdir()
    page = wizard.destination_page
    page.refresh_drives = lambda: None  # keep the made-up stick when the page initialises
    page.set_drives([Mount(str(stick), "/dev/sdb1", "KINGSTON", free=7_300_000_000, total=7_700_000_000)])
    page.drives.setCurrentRow(0)
    page.folder.setText(str(stick))
    shot(wizard, "wizard-destination")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    wait("进度过半", lambda: wizard.generate_page.bar.value() > 300 or wizard.currentId() == RESULT, timeout=180.0)
    if wizard.currentId() != RESULT:
        shot(wizard, "wizard-generate")
    wait("生成报送包", lambda: wizard.currentId() == RESULT, timeout=300)
    shot(wizard, "wizard-result")
    packet = wizard.result_page.result.path
    wizard.button(QWizard.WizardButton.FinishButton).click()

    # verifying a tampered copy
    tampered = tmp / "被改动的报送包.zip"
    with zipfile.ZipFile(packet) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("改革方案.pdf"):
                data = data[:2000] + bytes([data[2000] ^ 1]) + data[2001:]
            target.writestr(info, data)
    verify = window.packet_menu.open_verify()
    verify.resize(1000, 800)
    verify.packet.setText(str(tampered))
    verify.cert_files.setText(str(tmp / "示例旗编办.cert.pem"))
    verify.trust_files.setChecked(True)
    verify.verify_button.click()
    wait("校验", lambda: verify.view.result is not None, timeout=180.0)
    shot(verify, "verify-tampered")
    verify.close()

    # the upper level: trust list, receiving, subordinates
    league = tmp / "示例盟.sydw"
    Workspace.create(league, Jurisdiction("示例盟", "159900", Level.LEAGUE)).close()
    open_ws(league)
    trust = window.packet_menu.open_trust_list()
    trust.add_from_file(tmp / "示例旗编办.cert.pem")
    trust.confirm.checked.setChecked(True)
    shot(trust.confirm, "trust-confirm")
    trust.confirm.add_button.click()
    shot(trust, "trust-list")
    trust.close()
    outcome = window.packet_menu.receive(packet)
    wait("接收", outcome.isVisible, timeout=180.0)
    shot(outcome, "receive")
    outcome.close()
    listing = window.packet_menu.open_subordinates()
    shot(listing, "subordinates")
    listing.close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/artifacts/packet-shots")))
