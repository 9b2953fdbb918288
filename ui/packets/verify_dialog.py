"""The 校验报送包 dialog (报送 → 校验报送包…): verify a packet and list every problem by file.

Verification is the core's ``verify_packet`` on the worker with a cancellable progress dialog. Trust
comes from certificate files the clerk picks (``.pem``, or a ``.sydw`` workspace's trust list) or, in
an upper-level workspace, from the open workspace's trust list; or it is not checked at all.
"""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.packets.results import VerifyResult
from sydw_desktop.packets.trust import load_trust_sources, trusted_certificates
from sydw_desktop.packets.verify import verify_packet
from ui.browse_row import browse_row
from ui.dialog_buttons import close_box
from ui.packets.cert_view import CertificateView
from ui.packets.packet_common import ERROR_STYLE, describe_error, is_upper_level, short_time
from ui.screen import fit_to_screen
from ui.session.operations import CancelToken, Task, TaskRunner, run_with_progress
from ui.session.session import WorkspaceSession

PROBLEM_HEADERS = ["文件", "问题"]
GOOD_STYLE = "color: #2e7d32; font-weight: bold; font-size: 15pt"
BAD_STYLE = "color: #c62828; font-weight: bold; font-size: 15pt"
PACKET_FILTER = "报送包 (*.zip);;所有文件 (*)"


def verdict_text(result: VerifyResult) -> str:
    valid = "报送包有效：结构完整，每个文件的校验值和签名都正确" if result.valid else "报送包无效"
    trust = {None: "签名者未经确认（未检查信任列表，请核对证书指纹）", True: "签名者可信（在信任列表中）",
             False: "签名者不可信（不在信任列表中）"}[result.trusted]
    return f"{valid}；{trust}。"


class VerifyResultView(QWidget):
    """A verification's verdict, signer and every problem as 文件 / 问题."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: VerifyResult | None = None
        self.verdict = QLabel("尚未校验。")
        self.verdict.setObjectName("verify_verdict")
        self.verdict.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("verify_details")
        self.details.setWordWrap(True)
        self.signer = CertificateView(caption="签名者证书指纹：")
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(PROBLEM_HEADERS)
        self.table = QTableView()
        self.table.setObjectName("verify_problems")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 300)
        self.copy_button = QPushButton("复制全部问题")
        self.copy_button.clicked.connect(self.copy_problems)
        self.copy_button.setEnabled(False)
        self.problems_label = QLabel("问题：")
        row = QHBoxLayout()
        row.addWidget(self.problems_label)
        row.addStretch()
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details)
        layout.addWidget(self.signer)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def set_result(self, result: VerifyResult) -> None:
        self.result = result
        self.verdict.setText(verdict_text(result))
        self.verdict.setStyleSheet(GOOD_STYLE if result.ok else BAD_STYLE)
        parts = [f"报送包：{result.packet}"]
        if result.bag_info.get("Source-Organization"):
            parts.append(f"报送机关：{result.bag_info['Source-Organization']}")
        parts.append(f"文件 {result.payload_files} 个，核对了 {result.pdfs_checked} 份文书的签名")
        if result.signed_at:
            parts.append(f"签名时间：{short_time(result.signed_at)}")
        self.details.setText("；".join(parts) + "。")
        self.signer.set_info(result.signer)
        self.model.removeRows(0, self.model.rowCount())
        for problem in result.problems:
            self.model.appendRow([QStandardItem(problem.file), QStandardItem(problem.message)])
        self.table.resizeRowsToContents()
        self.problems_label.setText(f"问题（{len(result.problems)}）：" if result.problems else "没有发现问题。")
        self.copy_button.setEnabled(bool(result.problems))

    def problems(self) -> list[tuple[str, str]]:
        return [(self.model.item(r, 0).text(), self.model.item(r, 1).text()) for r in range(self.model.rowCount())]

    def copy_problems(self) -> None:
        if self.result is not None:
            QGuiApplication.clipboard().setText("\n".join(str(p) for p in self.result.problems))


class VerifyDialog(QDialog):
    def __init__(self, runner: TaskRunner, session: WorkspaceSession | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verify_dialog")
        self.setWindowTitle("校验报送包")
        fit_to_screen(self, QSize(900, 760))
        self.runner = runner
        self.session = session
        self.packet = QLineEdit()
        self.packet.setObjectName("verify_packet_path")
        self.packet.setPlaceholderText("报送包（.zip）")
        packet_row = browse_row(self.packet, self.browse_packet)

        self.trust_none = QRadioButton("不检查签名者是否可信")
        self.trust_workspace = QRadioButton()
        self.trust_files = QRadioButton("使用指定的证书文件：")
        self.trust_group = QButtonGroup(self)
        for button in (self.trust_none, self.trust_workspace, self.trust_files):
            self.trust_group.addButton(button)
        self.cert_files = QLineEdit()
        self.cert_files.setObjectName("trust_files")
        self.cert_files.setPlaceholderText("下级编办的证书（.cert.pem），或上级工作区（.sydw），多个用分号隔开")
        self.cert_files.textEdited.connect(lambda _t: self.trust_files.setChecked(True))
        pick = QPushButton("选择…")
        pick.setAutoDefault(False)  # Enter belongs to the dialog's own button
        pick.clicked.connect(self.browse_certificates)
        files_row = QHBoxLayout()
        files_row.addWidget(self.trust_files)
        files_row.addWidget(self.cert_files, 1)
        files_row.addWidget(pick)
        trust_box = QGroupBox("信任")
        trust_layout = QVBoxLayout(trust_box)
        trust_layout.addWidget(self.trust_none)
        trust_layout.addWidget(self.trust_workspace)
        trust_layout.addLayout(files_row)
        self._setup_workspace_trust()

        self.verify_button = QPushButton("校验")
        self.verify_button.setObjectName("run_verify")
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.run)
        self.error = QLabel()
        self.error.setObjectName("verify_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.view = VerifyResultView()
        buttons = close_box(self)
        form = QFormLayout()
        form.addRow("报送包：", packet_row)
        run_row = QHBoxLayout()
        run_row.addWidget(self.error, 1)
        run_row.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(trust_box)
        layout.addLayout(run_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def _setup_workspace_trust(self) -> None:
        session = self.session
        count = len(session.ws.trusted_certificates()) if session is not None and is_upper_level(session) else 0
        if is_upper_level(self.session):
            self.trust_workspace.setText(f"使用本工作区的信任列表（{count} 张证书）")
        else:
            self.trust_workspace.setText("使用本工作区的信任列表（仅上级工作区有）")
        self.trust_workspace.setEnabled(count > 0)
        (self.trust_workspace if count else self.trust_none).setChecked(True)

    def browse_packet(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "选择报送包", self.packet.text() or str(Path.home()), PACKET_FILTER)
        if chosen:
            self.packet.setText(chosen)

    def browse_certificates(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, "选择可信证书", str(Path.home()), "证书或工作区 (*.pem *.crt *.sydw);;所有文件 (*)"
        )
        if chosen:
            self.cert_files.setText("; ".join(chosen))
            self.trust_files.setChecked(True)

    def trusted(self) -> list[x509.Certificate] | None:
        """The certificates to trust as chosen (read now), or None for no trust check."""
        if self.trust_workspace.isChecked() and self.session is not None:
            return trusted_certificates(self.session.ws)
        if self.trust_files.isChecked():
            paths = [Path(p.strip()) for p in self.cert_files.text().split(";") if p.strip()]
            if not paths:
                raise SydwError("请选择可信证书文件，或选择“不检查签名者是否可信”。")
            return load_trust_sources(paths)
        return None

    def run(self) -> None:
        text = self.packet.text().strip()
        if not text:
            self.error.setText("请选择要校验的报送包（.zip）。")
            return
        try:
            trusted = self.trusted()
        except SydwError as err:
            self.error.setText(err.message)
            return
        self.error.clear()
        packet = Path(text)
        self.verify_button.setEnabled(False)

        def work(token: CancelToken) -> VerifyResult:
            return verify_packet(packet, trusted=trusted, progress=token.progress, cancel=token.is_cancelled)

        def done(result: VerifyResult) -> None:
            self.verify_button.setEnabled(True)
            self.view.set_result(result)

        def failed(error: BaseException) -> None:
            self.verify_button.setEnabled(True)
            self.error.setText(describe_error(error))

        def cancelled() -> None:
            self.verify_button.setEnabled(True)
            self.error.setText("已取消校验。")

        task = Task(work=work, on_success=done, on_failure=failed, on_cancelled=cancelled)
        self._progress = run_with_progress(self, self.runner, task, "校验报送包", f"正在校验“{packet.name}”……")
