"""The 签名身份 dialog (报送 → 签名身份…): create the office's identity or open an existing one.

Creating makes the key pair and self-signed certificate on the worker (RSA takes a moment) and
writes ``NAME.p12`` with ``NAME.cert.pem`` beside it (the core's ``save_identity``: atomic, never
overwrites). Either way the certificate is shown with its fingerprint in groups, to be read out to
the level above over the phone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.model import Jurisdiction
from sydw_desktop.packets.identity import (
    Identity,
    IdentityFiles,
    KeyAlgorithm,
    certificate_path_for,
    generate_identity,
    save_identity,
)
from sydw_desktop.packets.passphrase import MIN_LENGTH
from ui.browse_row import browse_row
from ui.dialog_buttons import close_box
from ui.packets.cert_view import CertificateView, password_edit
from ui.packets.identity_form import P12_FILTER, OpenIdentityForm, last_identity_path, remember_identity_path
from ui.packets.packet_common import ERROR_STYLE, describe_error
from ui.screen import fit_to_screen
from ui.session.operations import CancelToken, Task, TaskRunner, run_with_progress
from ui.settings import AppSettings

OFFICE_SUFFIX = "机构编制委员会办公室"


def default_office(jurisdiction: Jurisdiction | None) -> str:
    """``示例旗`` → ``示例旗机构编制委员会办公室``."""
    return f"{jurisdiction.name}{OFFICE_SUFFIX}" if jurisdiction is not None else ""


def passphrase_problem(first: str, second: str) -> str | None:
    """Why a new passphrase is not acceptable, or None."""
    if len(first) < MIN_LENGTH:
        return f"口令太短：至少 {MIN_LENGTH} 个字符。"
    if first != second:
        return "两次输入的口令不一致。"
    return None


class CreateIdentityForm(QWidget):
    """机关名称, 行政区划代码, algorithm, passphrase twice, and where to save ``NAME.p12``."""

    def __init__(self, jurisdiction: Jurisdiction | None, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = QLineEdit(default_office(jurisdiction))
        self.office.setObjectName("office")
        self.office.setPlaceholderText("如：示例旗机构编制委员会办公室")
        self.region_code = QLineEdit(jurisdiction.code if jurisdiction is not None else "")
        self.region_code.setObjectName("region_code")
        self.region_code.setPlaceholderText("6 位行政区划代码")
        self.region_code.setMaxLength(6)
        if jurisdiction is not None:
            self.region_code.setReadOnly(True)
            self.region_code.setToolTip("取自当前工作区")
        self.algorithm = QComboBox()
        self.algorithm.setObjectName("algorithm")
        self.algorithm.addItem("椭圆曲线密钥（推荐）", KeyAlgorithm.ECDSA_P256.value)
        self.algorithm.addItem("RSA 密钥（2048 位，供只认 RSA 的旧系统）", KeyAlgorithm.RSA_2048.value)
        self.passphrase = password_edit(f"至少 {MIN_LENGTH} 个字符")
        self.passphrase.setObjectName("new_passphrase")
        self.repeat = password_edit("再输入一次")
        self.repeat.setObjectName("repeat_passphrase")
        self.passphrase_state = QLabel()
        self.passphrase_state.setObjectName("passphrase_state")
        name = f"{jurisdiction.name}编办.p12" if jurisdiction is not None else "本机关签名身份.p12"
        self.path = QLineEdit(str(folder / name))
        self.path.setObjectName("p12_path")
        self.pem_note = QLabel()
        self.pem_note.setWordWrap(True)
        row = browse_row(self.path, self.browse)
        row.setContentsMargins(0, 0, 0, 0)
        self.error = QLabel()
        self.error.setObjectName("create_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.create_button = QPushButton("生成签名身份")
        self.create_button.setObjectName("create_identity")
        form = QFormLayout(self)
        form.addRow("机关名称：", self.office)
        form.addRow("行政区划代码：", self.region_code)
        form.addRow("密钥算法：", self.algorithm)
        form.addRow("口令：", self.passphrase)
        form.addRow("再次输入口令：", self.repeat)
        form.addRow("", self.passphrase_state)
        form.addRow("保存到：", row)
        form.addRow("", self.pem_note)
        form.addRow(self.error)
        create_row = QHBoxLayout()
        create_row.addStretch()
        create_row.addWidget(self.create_button)
        form.addRow(create_row)
        for edit in (self.passphrase, self.repeat):
            edit.textChanged.connect(self._update_state)
        self.path.textChanged.connect(self._update_pem_note)
        self._update_state()
        self._update_pem_note()

    def browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "保存签名身份", self.path.text(), P12_FILTER)
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".p12") else chosen + ".p12")

    def target(self) -> Path:
        text = self.path.text().strip()
        return Path(text if text.lower().endswith(".p12") else text + ".p12")

    def _update_pem_note(self) -> None:
        if self.path.text().strip():
            self.pem_note.setText(f"证书另存为“{certificate_path_for(self.target()).name}”，交上级加入信任列表。")
        else:
            self.pem_note.clear()

    def _update_state(self) -> None:
        first, second = self.passphrase.text(), self.repeat.text()
        if not first and not second:
            self.passphrase_state.setText(f"口令至少 {MIN_LENGTH} 个字符。请牢记：口令丢失后无法找回，只能重新生成。")
            self.passphrase_state.setStyleSheet("")
            return
        problem = passphrase_problem(first, second) if second or len(first) < MIN_LENGTH else None
        self.passphrase_state.setText(problem or ("两次输入一致。" if second else "请再输入一次。"))
        self.passphrase_state.setStyleSheet(ERROR_STYLE if problem else "color: #2e7d32")

    def problems(self) -> list[str]:
        found = []
        if not self.office.text().strip():
            found.append("请填写机关名称")
        code = self.region_code.text().strip()
        if code and not (len(code) == 6 and code.isdigit()):
            found.append("行政区划代码应为 6 位数字")
        problem = passphrase_problem(self.passphrase.text(), self.repeat.text())
        if problem:
            found.append(problem.rstrip("。"))
        if not self.path.text().strip():
            found.append("请选择保存位置")
        else:
            target = self.target()
            if not target.parent.is_dir():
                found.append(f"文件夹“{target.parent}”不存在")
            for path in (target, certificate_path_for(target)):
                if path.exists():
                    found.append(f"文件“{path.name}”已存在，不会覆盖，请换一个文件名")
        return found

    def clear_passphrases(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()


class IdentityDialog(QDialog):
    """Create or open the office's identity and show its certificate."""

    def __init__(self, settings: AppSettings, runner: TaskRunner, jurisdiction: Jurisdiction | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identity_dialog")
        self.setWindowTitle("签名身份")
        fit_to_screen(self, QSize(720, 640))
        self.settings = settings
        self.runner = runner
        self.identity: Identity | None = None
        self.files: IdentityFiles | None = None
        remembered = last_identity_path(settings)
        folder = remembered.parent if remembered is not None and remembered.parent.is_dir() else Path.home()

        self.open_form = OpenIdentityForm(settings)
        open_button = QPushButton("打开")
        open_button.setObjectName("open_identity")
        open_button.clicked.connect(self.open_identity)
        self.open_button = open_button
        open_tab = QWidget()
        open_layout = QVBoxLayout(open_tab)
        open_layout.addWidget(QLabel("打开本机关已有的签名身份文件，查看证书和指纹。"))
        open_layout.addWidget(self.open_form)
        open_row = QHBoxLayout()
        open_row.addStretch()
        open_row.addWidget(open_button)
        open_layout.addLayout(open_row)
        open_layout.addStretch()

        self.create_form = CreateIdentityForm(jurisdiction, folder)
        self.create_form.create_button.clicked.connect(self.create_identity)

        self.tabs = QTabWidget()
        self.tabs.addTab(open_tab, "打开已有身份")
        self.tabs.addTab(self.create_form, "新建签名身份")
        self.tabs.currentChanged.connect(self._on_tab)
        if remembered is None:
            self.tabs.setCurrentIndex(1)

        self.status = QLabel("尚未打开签名身份。")
        self.status.setObjectName("identity_status")
        self.status.setWordWrap(True)
        self.certificate = CertificateView()
        buttons = close_box(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status)
        layout.addWidget(self.certificate)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self._on_tab(self.tabs.currentIndex())

    def _on_tab(self, index: int) -> None:
        """Enter opens on the first tab and creates on the second."""
        (self.open_button if index == 0 else self.create_form.create_button).setDefault(True)

    # -- opening --------------------------------------------------------------------------------

    def open_identity(self) -> None:
        identity = self.open_form.try_open()
        if identity is not None:
            self.files = None
            self._show(identity, f"已打开：{self.open_form.path.text().strip()}")

    # -- creating -------------------------------------------------------------------------------

    def create_identity(self) -> None:
        form = self.create_form
        problems = form.problems()
        if problems:
            form.error.setText("；".join(problems) + "。")
            return
        form.error.clear()
        office, code = form.office.text().strip(), form.region_code.text().strip() or None
        algorithm = KeyAlgorithm(form.algorithm.currentData())
        target = form.target()
        passphrase = form.passphrase.text()
        form.clear_passphrases()
        form.create_button.setEnabled(False)

        def work(_token: CancelToken) -> tuple[Identity, IdentityFiles]:
            # Not cancellable: RSA keygen takes a second at most, and the files must not be half made.
            identity = generate_identity(office, code, algorithm=algorithm)
            return identity, save_identity(identity, target, passphrase)

        def done(result: tuple[Identity, IdentityFiles]) -> None:
            form.create_button.setEnabled(True)
            identity, files = result
            self.files = files
            remember_identity_path(self.settings, files.p12)
            self.open_form.path.setText(str(files.p12))
            self._show(identity, f"已生成签名身份：{files.p12}\n证书（交上级加入信任列表）：{files.certificate_pem}")

        def failed(error: BaseException) -> None:
            form.create_button.setEnabled(True)
            form.error.setText(describe_error(error))

        task = Task(work=work, on_success=done, on_failure=failed)
        self._progress = run_with_progress(self, self.runner, task, "签名身份", f"正在生成 {algorithm.label} 密钥……",
                                           cancellable=False)

    def _show(self, identity: Identity, status: str) -> None:
        self.identity = identity
        self.status.setText(status)
        self.certificate.set_info(identity.info)
