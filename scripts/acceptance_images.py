"""Screenshots of 检查验收 for docs/acceptance.md (run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python
scripts/acceptance_images.py docs/screenshots``): the league's 检查验收 dialog with two problem items,
and the banner's problems panel after importing the signed packet, one item answered."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from sydw_desktop.demo import write_demo
from sydw_desktop.method.acceptance import catalogue
from sydw_desktop.model import Allocation, Jurisdiction
from sydw_desktop.packets.identity import generate_identity, save_identity
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace
from tests.eventloop import wait
from ui.fonts import load_ui_font
from ui.mainwindow import MainWindow
from ui.review.comment_findings import ACCEPTANCE_RULE
from ui.settings import AppSettings

PASSPHRASE = "截图用口令-2026"


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    load_ui_font(app)
    tmp = Path(tempfile.mkdtemp(prefix="sydw-acceptance-shots-"))

    def shot(widget: QWidget, name: str) -> None:
        for _ in range(3):
            QApplication.processEvents()
            time.sleep(0.1)
        widget.grab().save(str(out / f"acceptance-{name}.png"))
        print("saved", name)

    def window_on(path: Path) -> MainWindow:
        settings = AppSettings(QSettings(str(tmp / f"{path.stem}.ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings, check_delay_ms=100)
        window.resize(1366, 728)
        window.open_workspace(path)
        window.show()
        session = window.session
        assert session is not None
        wait("the first check", lambda: session.report is not None)
        return window

    league = tmp / "示例盟.sydw"
    with Workspace.create(league, Jurisdiction("示例盟", "159900", Level.LEAGUE)) as ws:
        ws.set_allocation(Allocation("159901", "示例旗", 40, 1200))
    files = save_identity(generate_identity("示例盟机构编制委员会办公室", "159900"), tmp / "示例盟编办.p12", PASSPHRASE)
    window = window_on(league)
    dialog = window.review_menu.open_acceptance()
    assert dialog is not None
    rows = [k.key for k in catalogue()]
    dialog.held_on.setText("2026-12-01")
    dialog.team.setText("示例盟委编办检查验收组")
    dialog.doc_no.setText("示编办发〔2026〕31号")
    dialog.verdict.setCurrentText("限期整改")
    dialog.opinion.setPlainText("改革总体按方案推进，机构撤并到位，个别事项需限期整改。")
    dialog.items.set_problem(rows.index("institutions"), "示例旗烈士陵园管理所仍挂原牌子，未按方案撤销。",
                             "按方案撤销原牌子，报送撤销文件。", "2027-03-31", "示例旗烈士陵园管理所")
    dialog.items.set_problem(rows.index("archives"), "“三定”审理过程的征求意见记录不全。", "补齐征求意见和协商会议记录并归档。",
                             "2027-02-28")
    assert dialog.save(), dialog.message.text()
    shot(dialog, "dialog")
    pack = dialog.open_pack()
    assert pack is not None
    packet = tmp / "验收.zip"
    pack.identity.path.setText(str(files.p12))
    pack.identity.passphrase.setText(PASSPHRASE)
    pack.out.setText(str(packet))
    pack.make()
    wait("the packet", lambda: getattr(pack, "pack_result", None) is not None or "失败" in pack.status.text())
    window.close()

    county = tmp / "示例旗.sydw"
    write_demo(county)
    window = window_on(county)
    review = window.review_menu.open_county_review()
    assert review is not None
    review.import_acceptance(packet, files.certificate_pem)
    wait("the import", lambda: "已导入" in review.message.text() or "未导入" in review.message.text())
    review.close()
    panel = window.problems
    items = [f for f in panel.shown if f.rule == ACCEPTANCE_RULE]
    panel.tree.setCurrentIndex(panel.model.index_of(panel.shown.index(items[1])))
    panel.answer_status.setCurrentText("已整改")
    panel.explain_edit.setPlainText("已补齐征求意见和协商会议记录，归入档案第12卷。")
    panel.explain_save.click()
    items = [f for f in panel.shown if f.rule == ACCEPTANCE_RULE]
    panel.tree.setCurrentIndex(panel.model.index_of(panel.shown.index(items[0])))
    shot(window, "county-problems")
    window.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")))
