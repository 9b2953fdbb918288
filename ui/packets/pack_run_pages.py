"""The packet wizard's last two pages: 生成 (packing on the worker, cancellable) and 结果.

Packing is the core's ``pack_snapshot``: it writes under a temporary name, reads back, verifies and
only then renames. The page passes it a cancel flag of its own (not the task's token), so a cancel
that comes too late — after the packet was already being written and verified — does not hide a
packet that exists: the result is shown instead. After a failure the page looks at the destination
folder and says what, if anything, was left there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from sydw_desktop.method.state_json import MethodState
from sydw_desktop.model import ChangeEntry, ReviewComment, Snapshot
from sydw_desktop.packets.identity import Identity
from sydw_desktop.packets.pack import pack_snapshot
from sydw_desktop.packets.results import PackResult
from sydw_desktop.packets.safe_write import TEMP_SUFFIX
from sydw_desktop.progress import Cancelled
from sydw_desktop.review.change_notes import ChangeNotes
from ui.packets.cert_view import CertificateView
from ui.packets.drives import format_bytes
from ui.packets.packet_common import ERROR_STYLE, OK_STYLE, describe_error
from ui.session.operations import Task
from ui.session.session import WorkspaceSession

STEPS = 1000


@dataclass(frozen=True)
class PackRequest:
    """Everything ``pack_snapshot`` needs, read on the GUI thread."""

    snapshot: Snapshot
    review_comments: Sequence[ReviewComment]
    changelog: Sequence[ChangeEntry]
    identity: Identity
    out: Path
    round_number: int
    note: str
    formats: frozenset[str]
    visible_signature: bool
    change_notes: ChangeNotes | None = None
    method: MethodState | None = None
    """The office's method records (data/method.json), read with the snapshot."""
    acceptance_replies: dict[str, Any] | None = None  # 整改结果 of 检查验收 from above: acceptance-replies.json


def destination_state(out: Path) -> str:
    """What a failed or cancelled pack left at ``out``'s folder, said plainly."""
    unreachable = f"无法查看文件夹“{out.parent}”（U 盘是否已拔出？）。没有生成报送包。"
    try:
        if not out.parent.is_dir():
            return unreachable
        leftovers = sorted(out.parent.glob(f".{out.name}.*{TEMP_SUFFIX}"))
        exists = out.exists()
    except OSError:
        return unreachable
    if exists:
        return f"注意：文件夹中有“{out.name}”，但它没有通过写入后的检查，请删除后重试。"
    if leftovers:
        names = "、".join(p.name for p in leftovers)
        return f"没有生成报送包。文件夹中留下了临时文件 {names}（不是报送包，可以删除）。"
    return "没有生成报送包，目标文件夹中没有留下任何文件。"


class _Progress(QObject):
    changed = Signal(float, str)


class GeneratePage(QWizardPage):
    finished = Signal(bool)  # True: packed; False: failed or cancelled

    def __init__(self, session: WorkspaceSession, request: Callable[[], PackRequest]) -> None:
        super().__init__()
        self.setObjectName("generate_page")
        self.setTitle("生成")
        self.setSubTitle("导出文书、签名、压缩、写入、读回校验。请不要拔出 U 盘。")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "下一步")
        self.session = session
        self._request = request
        self.result: PackResult | None = None
        self.running = False
        self.close_requested = False
        self.out: Path | None = None
        self._stop = threading.Event()
        self._bridge = _Progress(self)
        self._bridge.changed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

        self.stage = QLabel()
        self.stage.setObjectName("pack_stage")
        self.stage.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("pack_progress")
        self.bar.setRange(0, STEPS)
        self.cancel_button = QPushButton("取消生成")
        self.cancel_button.setObjectName("cancel_pack")
        self.cancel_button.clicked.connect(lambda: self.cancel())
        self.error = QLabel()
        self.error.setObjectName("pack_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.left_behind = QLabel()
        self.left_behind.setObjectName("pack_left_behind")
        self.left_behind.setWordWrap(True)
        self.retry_button = QPushButton("重试")
        self.retry_button.setObjectName("retry_pack")
        self.retry_button.clicked.connect(self.start)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.retry_button)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.left_behind)
        layout.addStretch()

    def initializePage(self) -> None:
        self.start()

    def isComplete(self) -> bool:
        return self.result is not None

    def start(self) -> None:
        if self.running:
            return
        request = self._request()
        self.out = request.out
        self.result = None
        self.close_requested = False
        self._stop = stop = threading.Event()
        self.running = True
        self.bar.setValue(0)
        self.stage.setText(f"正在生成“{request.out.name}”……")
        self.error.clear()
        self.left_behind.clear()
        self.retry_button.setVisible(False)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.completeChanged.emit()
        emit = self._bridge.changed.emit

        def work(_token: object) -> PackResult:
            return pack_snapshot(
                request.snapshot, request.identity, request.out,
                review_comments=request.review_comments, changelog=request.changelog,
                round_number=request.round_number, note=request.note, formats=request.formats,
                visible_signature=request.visible_signature, progress=emit, cancel=stop.is_set,
                change_notes=request.change_notes, method=request.method,
                acceptance_replies=request.acceptance_replies,
            )

        self.session.runner.submit(Task(work=work, on_success=self._done, on_failure=self._failed))

    def cancel(self, *, close_when_done: bool = False) -> None:
        """Ask the running pack to stop at its next step; nothing is left behind when it does."""
        if not self.running:
            return
        self.close_requested = self.close_requested or close_when_done
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self.stage.setText("正在取消……（当前这一步结束后停止）")

    def _on_progress(self, fraction: float, message: str) -> None:
        if not self.running:
            return
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * STEPS))
        if not self._stop.is_set():
            self.stage.setText(message)

    def _finish(self) -> None:
        self.running = False
        self.cancel_button.setVisible(False)

    def _done(self, result: PackResult) -> None:
        self._finish()
        self.result = result
        # the round is recorded in the open workspace (the CLI records it in the file)
        self.session.perform(lambda ws: ws.record_submission(result.submission(), result.workspace_json or {}))
        self.bar.setValue(STEPS)
        late = "（取消时报送包已在写入，已完成。）" if self._stop.is_set() else ""
        self.stage.setText(f"已生成并回读校验：{result.path}{late}")
        self.completeChanged.emit()
        self.finished.emit(True)

    def _failed(self, error: BaseException) -> None:
        self._finish()
        if isinstance(error, Cancelled):
            self.stage.setText("已取消。")
            self.error.setText(error.message)
        else:
            self.stage.setText("未能生成报送包。")
            self.error.setText(describe_error(error))
        assert self.out is not None
        self.left_behind.setText(destination_state(self.out))
        self.retry_button.setVisible(True)
        self.completeChanged.emit()
        self.finished.emit(False)


class ResultPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("result_page")
        self.setTitle("结果")
        self.setSubTitle("把 U 盘交给上级；上级加入信任列表前，会请您在电话里读出下面的证书指纹。")
        self.result: PackResult | None = None
        self.verdict = QLabel()
        self.verdict.setObjectName("pack_verdict")
        self.verdict.setWordWrap(True)
        self.path = QLabel()
        self.path.setObjectName("packet_path")
        self.path.setWordWrap(True)
        self.size_label = QLabel()
        self.size_label.setObjectName("packet_size")
        self.contents = QLabel()
        self.sha256 = QLabel()
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        for label in (self.path, self.size_label, self.contents, self.sha256, self.notes):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.signer = CertificateView(caption="签名者证书指纹：")
        open_folder = QPushButton("打开所在文件夹")
        open_folder.clicked.connect(self.open_folder)
        copy_path = QPushButton("复制路径")
        copy_path.clicked.connect(lambda: self.result and QGuiApplication.clipboard().setText(str(self.result.path)))
        form = QFormLayout()
        form.addRow("报送包：", self.path)
        form.addRow("大小：", self.size_label)
        form.addRow("内容：", self.contents)
        form.addRow("报送包校验码：", self.sha256)
        form.addRow("提示：", self.notes)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(copy_path)
        buttons.addWidget(open_folder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addLayout(form)
        layout.addWidget(self.signer)
        layout.addLayout(buttons)

    def set_result(self, result: PackResult) -> None:
        self.result = result
        check = result.verification
        if check.ok:
            self.verdict.setText(f"报送包已生成，写入后已读回核对：{check.pdfs_checked} 份文书的签名有效，"
                                 "全部内容与生成时一致。")
            self.verdict.setStyleSheet(OK_STYLE)
        else:  # pack_snapshot refuses to finish otherwise; shown plainly if it ever does
            self.verdict.setText(f"报送包已写入，但回读校验发现 {len(check.problems)} 处问题。")
            self.verdict.setStyleSheet(ERROR_STYLE)
        self.path.setText(str(result.path))
        self.size_label.setText(f"{format_bytes(result.size)}（{result.size:,} 字节）")
        self.contents.setText(f"第{result.round_number}轮，{result.payload_files} 个文件，其中 {result.pdfs} 份签名的 PDF 文书")
        self.sha256.setText(result.sha256)
        self.notes.setText("\n".join(result.notes) if result.notes else "无")
        self.signer.set_info(result.signer)

    def open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))
