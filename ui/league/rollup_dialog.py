"""生成汇总报送包 (盟市): the league's own filing with its subordinates' packets, signed (on the worker)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QWidget

from sydw_desktop.league.rollup import pack_rollup
from sydw_desktop.packets.identity import load_identity
from ui.league.handdown_dialogs import ActionDialog, file_row
from ui.packets.cert_view import password_edit
from ui.packets.packet_common import describe_error
from ui.session.operations import CancelToken, Task
from ui.session.session import WorkspaceSession


class RollupDialog(ActionDialog):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "生成汇总报送包", "生成汇总报送包", parent)
        self.setObjectName("league_rollup")
        self.key, self.passphrase, self.out = QLineEdit(), password_edit("签名身份的口令"), QLineEdit()
        self.form.addRow("签名身份（.p12）", file_row(self.key, "选择签名身份", "签名身份 (*.p12)"))
        self.form.addRow("口令", self.passphrase)
        self.form.addRow("保存为", file_row(self.out, "保存汇总报送包", "汇总报送包 (*.zip)", save=True))
        self.packed: tuple[str, int, int] | None = None

    def run(self) -> None:
        key, passphrase, out = Path(self.key.text()), self.passphrase.text(), Path(self.out.text())
        workspace = self.session.ws.path  # read-only: packing changes nothing in the workspace
        self.passphrase.clear()
        self.run_button.setEnabled(False)
        self.outcome.setText("正在检查、汇总、签名并读回校验……")
        self.packed = None

        def work(_token: CancelToken) -> tuple[str, int, int]:
            return pack_rollup(workspace, load_identity(key, passphrase), out)

        def finished(result: tuple[str, int, int]) -> None:
            self.run_button.setEnabled(True)
            self.packed = result
            digest, number, count = result
            self.outcome.setText(f"已生成汇总报送包（第{number}轮）：{out}\n附下级报送包 {count} 个（原签名保留），"
                                 f"已读回校验。校验码：{digest}")

        def failed(error: BaseException) -> None:
            self.run_button.setEnabled(True)
            self.outcome.setText(describe_error(error))

        self.session.runner.submit(Task(work=work, on_success=finished, on_failure=failed))
