"""Screenshots of the 报送 dialogs for docs/gui.md, on a real display (Xvfb + xcb).

    .venv/bin/python scripts/packet_screenshots.py OUT_DIR

(on an Xvfb display of its own unless ``QT_QPA_PLATFORM=xcb`` and ``DISPLAY`` name one: scripts/shot_run.py).

Builds the flawed and the clean demo, an identity, packs the clean demo through the wizard (PDF
only, to be quick), verifies a tampered copy, and receives the packet into a 盟市 workspace. Writes
``packet-*.png`` to OUT_DIR; look at them, then copy the good ones to ``docs/screenshots/``. The
wizard's U 盘 list is filled with one made-up stick pointing at a temporary folder (Xvfb has none).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from PySide6.QtWidgets import QWizard
from shot_run import ShotRun, run_on_display

from sydw_desktop.demo import write_demo
from sydw_desktop.model import Jurisdiction
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace
from tests.eventloop import wait
from ui.packets.drives import Mount
from ui.packets.pack_wizard import RESULT

PASSPHRASE = "screenshot-pass-2026"


def main(out: Path) -> int:
    run = ShotRun(out, "packet")
    shot, window, tmp, open_ws = run.shot, run.window, run.tmp, run.open

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
    sys.exit(run_on_display(main, "tests/artifacts/packet-shots"))
