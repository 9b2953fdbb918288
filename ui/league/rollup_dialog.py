"""生成汇总报送包 (盟市): the league's own filing with its subordinates' packets, signed (on the worker)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from sydw_desktop.league.rollup import pack_rollup
from sydw_desktop.packets.identity import load_identity
from ui.league.handdown_dialogs import ActionDialog
from ui.session.session import WorkspaceSession


class RollupDialog(ActionDialog):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "生成汇总报送包", "生成汇总报送包", parent)
        self.setObjectName("league_rollup")
        self.signing_rows("汇总报送包")
        self.packed: tuple[str, int, int] | None = None

    def run(self) -> None:
        key, passphrase, out = Path(self.key.text()), self.passphrase.text(), Path(self.out.text())
        workspace = self.session.ws.path  # read-only: packing changes nothing in the workspace
        self.packed = None

        def done(result: tuple[str, int, int]) -> str:
            self.packed = result
            digest, number, count = result
            return (f"已生成汇总报送包（第{number}轮）：{out}\n附下级报送包 {count} 个（原签名保留），"
                    f"已读回校验。校验码：{digest}")

        self.on_worker(lambda: pack_rollup(workspace, load_identity(key, passphrase), out),
                       "正在检查、汇总、签名并读回校验……", done)
