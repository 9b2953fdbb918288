"""接收报送包 (upper level): verify a subordinate's packet against the trust list, then keep its data.

The core's ``receive_into`` runs on the worker with the open workspace (edits and checks are held
back meanwhile, as for an Excel import). It refuses — writing nothing — when the packet does not
verify, its signer is not trusted or it is not from this jurisdiction's area; otherwise it stores
the filing as one undoable operation, which the session then announces.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.packets.errors import PacketInvalid
from sydw_desktop.packets.identity import format_fingerprint
from sydw_desktop.packets.receive import ReceiveResult, receive_into
from ui.dialog_buttons import close_box
from ui.packets.packet_common import BLOCK_STYLE, OK_STYLE, describe_error
from ui.packets.verify_dialog import PACKET_FILTER, VerifyResultView
from ui.screen import fit_to_screen
from ui.session.operations import CancelToken, Task, run_with_progress
from ui.session.session import WorkspaceSession


def figures_text(summary: dict[str, Any]) -> str:
    """``事业单位数 60 → 40（精简 33.3%）`` lines from a filing's summary."""
    lines = []
    for figure in summary.get("figures", []) or []:
        ratio = figure.get("ratio")
        ratio_text = "—" if ratio is None else f"{ratio * 100:.1f}%"
        lines.append(f"{figure['label']} {figure['before']} → {figure['after']}（精简 {figure['reduced']}，{ratio_text}）")
    return "\n".join(lines)


class ReceiveOutcomeDialog(QDialog):
    """What receiving did: the filing taken in, or why the packet was refused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receive_outcome")
        self.setWindowTitle("接收报送包")
        fit_to_screen(self, QSize(900, 640))
        self.verdict = QLabel()
        self.verdict.setObjectName("receive_verdict")
        self.verdict.setWordWrap(True)
        self.facts = QFormLayout()
        self.verification = VerifyResultView()
        self.verification.setVisible(False)
        self.progress: QProgressDialog | None = None
        buttons = close_box(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addLayout(self.facts)
        layout.addWidget(self.verification, 1)
        layout.addWidget(buttons)

    def show_received(self, result: ReceiveResult) -> None:
        f = result.filing
        if result.unchanged:
            text = f"这个报送包已经接收过（{f.name}第{f.round}轮），工作区未作修改。"
        elif result.replaced:
            text = f"已接收{f.name}第{f.round}轮报送材料，替换了此前收到的同一轮材料（可撤销）。"
        else:
            text = f"已接收{f.name}第{f.round}轮报送材料（可撤销）。"
        self.verdict.setText(text)
        self.verdict.setStyleSheet(OK_STYLE)
        counts = f.summary.get("findings", {}) or {}
        for label, value in (
            ("下级：", f"{f.name}（{f.region_code}，{f.level}）"),
            ("包名：", f.bag),
            ("签名机关：", f.signer_office),
            ("签名者指纹：", format_fingerprint(f.signer_fingerprint)),
            ("打包日期：", f.bagging_date),
            ("报送说明：", f.note or "（无）"),
            ("改革前后：", figures_text(f.summary)),
            ("检查结果：", f"错误 {counts.get('error', 0)} 项，警告 {counts.get('warning', 0)} 项（均有说明），"
                        f"提示 {counts.get('info', 0)} 项"),
        ):
            label_widget = QLabel(value)
            label_widget.setWordWrap(True)
            label_widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(label, label_widget)
        cast(QVBoxLayout, self.layout()).insertStretch(2, 1)  # no problem table: keep the facts at the top
        fit_to_screen(self, QSize(820, 460))

    def show_refused(self, error: BaseException) -> None:
        self.verdict.setStyleSheet(BLOCK_STYLE)
        if isinstance(error, PacketInvalid) and error.verification is not None:
            self.verdict.setText(f"报送包未通过校验，未导入任何数据。发现 {len(error.problems)} 处问题：")
            self.verification.set_result(error.verification)
            self.verification.setVisible(True)
        else:
            self.verdict.setText(describe_error(error))


def receive_packet(parent: QWidget, session: WorkspaceSession, path: Path | None = None) -> ReceiveOutcomeDialog | None:
    """Ask for a packet (unless given) and receive it into the open upper-level workspace.

    Returns the outcome dialog, which opens when the work is done (keep a reference to it).
    """
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(parent, "接收报送包", str(Path.home()), PACKET_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
    packet = path
    outcome = ReceiveOutcomeDialog(parent)
    session.begin_collection_op()

    def work(token: CancelToken) -> ReceiveResult:
        def progress(fraction: float, message: str) -> None:
            token.report(message)
            if fraction >= 1.0:
                # verify_packet reports 1.0 when it is done; storing follows and is not cancelled half-way
                token.commit()

        return receive_into(session.ws, packet, progress=progress, cancel=token.is_cancelled)

    def done(result: ReceiveResult) -> None:
        session.end_collection_op()
        if result.changes is not None:
            session.did_execute(result.changes, parent)
        outcome.show_received(result)
        outcome.open()

    def failed(error: BaseException) -> None:
        session.end_collection_op()
        outcome.show_refused(error)
        outcome.open()

    def cancelled() -> None:
        session.end_collection_op()

    task = Task(work=work, on_success=done, on_failure=failed, on_cancelled=cancelled)
    outcome.progress = run_with_progress(parent, session.runner, task, "接收报送包", f"正在校验“{packet.name}”……")
    return outcome
