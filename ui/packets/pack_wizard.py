"""The 生成报送包 wizard (报送 → 生成报送包…): 检查 → 轮次和说明 → 签名身份 → 保存位置 → 生成 → 结果.

The wizard gathers the choices; ``pack_snapshot`` (the core) does the work on the worker —
exporting, signing, zipping, writing USB-safely, reading back and verifying. The snapshot, the review
comments and the 台账 are read on the GUI thread when 生成 starts. Non-modal, so a finding can be
fixed in the main window while the wizard waits on its first page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.method.acceptance_records import AcceptanceRecords
from sydw_desktop.method.state_json import method_state
from sydw_desktop.packets.bag import bag_name
from sydw_desktop.packets.identity import Identity, check_usable
from sydw_desktop.packets.pack import default_round
from sydw_desktop.packets.workspace_json import workspace_to_json
from sydw_desktop.review.change_notes import build_change_notes
from sydw_desktop.vocab import RoundDirection
from ui.packets.cert_view import CertificateView
from ui.packets.identity_form import OpenIdentityForm
from ui.packets.pack_check_page import CheckPage
from ui.packets.pack_run_pages import GeneratePage, PackRequest, ResultPage
from ui.packets.packet_common import ERROR_STYLE
from ui.screen import fit_to_screen
from ui.session.session import WorkspaceSession
from ui.settings import AppSettings

from . import drives

CHECK, ROUND, IDENTITY, DESTINATION, GENERATE, RESULT = range(6)
FOLDER_KEY = "packets/last_folder"
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 1


def packet_file_name(region_code: str, round_number: int, on: date | None = None) -> str:
    """The packet's file name: its bag's name (docs/packets.md §3) with ``.zip``."""
    return bag_name(region_code, round_number, (on or date.today()).isoformat()) + ".zip"


def round_rule_text(rounds: list) -> str:
    """Why the suggested round is what it is, in the clerk's words."""
    if not rounds:
        return "工作区还没有轮次记录：第 1 轮。"
    last = rounds[-1]
    if last.direction is RoundDirection.RETURNED:
        return f"上一轮（第{last.number}轮）上级“{last.direction.value}”：报第 {last.number + 1} 轮。"
    return f"上一轮记录为第{last.number}轮“{last.direction.value}”：仍报第 {last.number} 轮。"


class RoundPage(QWizardPage):
    def __init__(self, session: WorkspaceSession) -> None:
        super().__init__()
        self.setObjectName("round_page")
        self.setTitle("轮次和说明")
        self.setSubTitle("报送的是第几轮材料，以及随包报给上级的说明。")
        rounds = session.ws.rounds()
        self.round = QSpinBox()
        self.round.setObjectName("round_number")
        self.round.setRange(1, 99)
        self.round.setPrefix("第 ")
        self.round.setSuffix(" 轮")
        self.round.setValue(default_round(rounds))
        rule = QLabel(round_rule_text(rounds))
        rule.setStyleSheet("color: #555")
        self.note = QPlainTextEdit()
        self.note.setObjectName("packet_note")
        self.note.setPlaceholderText("如：第一轮上报。（随报送包一起交给上级）")
        self.note.setMaximumHeight(110)
        self.xlsx = QCheckBox("Excel 表格（.xlsx）")
        self.xlsx.setObjectName("format_xlsx")
        self.docx = QCheckBox("文书的 Word 可编辑副本（.docx）")
        self.docx.setObjectName("format_docx")
        for box in (self.xlsx, self.docx):
            box.setChecked(True)
        pdf = QCheckBox("PDF 文书（逐个签名，必须包含）")
        pdf.setChecked(True)
        pdf.setEnabled(False)
        self.stamp = QCheckBox("在每个 PDF 末页加可见签名块（机关名称和签名时间）")
        self.stamp.setObjectName("visible_signature")
        formats = QVBoxLayout()
        for box in (pdf, self.xlsx, self.docx):
            formats.addWidget(box)
        self.round.setMaximumWidth(140)
        form = QFormLayout()
        form.addRow("轮次：", self.round)
        form.addRow("", rule)
        form.addRow("报送说明：", self.note)
        form.addRow("包含：", formats)
        form.addRow("", self.stamp)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch()

    def formats(self) -> set[str]:
        return {"pdf"} | {name for name, box in (("xlsx", self.xlsx), ("docx", self.docx)) if box.isChecked()}


class IdentityPage(QWizardPage):
    """The ``.p12`` and its passphrase; Next opens it and stays here with the error if it fails."""

    def __init__(self, session: WorkspaceSession, settings: AppSettings) -> None:
        super().__init__()
        self.setObjectName("identity_page")
        self.setTitle("签名身份")
        self.setSubTitle("用本机关的签名身份对报送包签名。口令只用于这一次，不会保存。")
        self.session = session
        self.identity: Identity | None = None
        self._opened_path = ""
        self.form = OpenIdentityForm(settings)
        self.certificate = CertificateView(caption="签名证书指纹：")
        self.certificate.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.certificate)
        layout.addStretch()
        self.form.path.textChanged.connect(self._path_changed)

    def _path_changed(self) -> None:
        if self.form.path.text().strip() != self._opened_path:
            self.identity = None
            self.certificate.setVisible(False)

    def initializePage(self) -> None:
        self.form.passphrase.setFocus()

    def validatePage(self) -> bool:
        if self.identity is not None and not self.form.passphrase.text():
            return True  # opened before (came back to this page); nothing new typed
        identity = self.form.try_open()
        if identity is None:
            return False
        jurisdiction = self.session.ws.jurisdiction()
        info = identity.info
        try:
            if info.region_code and info.region_code != jurisdiction.code:
                raise SydwError(f"这个签名身份属于行政区划代码 {info.region_code}（{info.office}），而工作区是 "
                                f"{jurisdiction.code}（{jurisdiction.name}）。请使用本机关的签名身份。")
            check_usable(identity.certificate)
        except SydwError as err:
            self.form.error.setText(err.message)
            return False
        self.identity = identity
        self._opened_path = self.form.path.text().strip()
        self.certificate.set_info(info)
        self.certificate.setVisible(True)
        return True


class DestinationPage(QWizardPage):
    """The folder (a USB stick, usually), the file name the packet will get, and the free space."""

    def __init__(self, session: WorkspaceSession, settings: AppSettings) -> None:
        super().__init__()
        self.setObjectName("destination_page")
        self.setTitle("保存位置")
        self.setSubTitle("选择报送包保存的文件夹。插入的 U 盘列在下面，点一下即可选用。")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "生成报送包")
        self.session = session
        self.settings = settings
        self.drives = QListWidget()
        self.drives.setObjectName("removable_drives")
        self.drives.setMaximumHeight(120)
        self.drives.itemClicked.connect(self._pick_drive)
        refresh = QPushButton("刷新")
        refresh.setAutoDefault(False)  # Enter belongs to the dialog's own button
        refresh.setObjectName("refresh_drives")
        refresh.clicked.connect(self.refresh_drives)
        self.folder = QLineEdit()
        self.folder.setObjectName("destination_folder")
        # The last folder used, while it still exists; never a guess such as the home folder: with no
        # stick and nothing remembered the field stays empty and the page asks.
        remembered = settings.store.value(FOLDER_KEY, "")
        if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
            self.folder.setText(remembered)
        browse = QPushButton("浏览…")
        browse.setAutoDefault(False)  # Enter belongs to the dialog's own button
        browse.clicked.connect(self.browse)
        self.file_name = QLabel()
        self.file_name.setObjectName("packet_file_name")
        self.file_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.free = QLabel()
        self.free.setObjectName("free_space")
        self.error = QLabel()
        self.error.setObjectName("destination_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        drive_row = QHBoxLayout()
        drive_row.addWidget(self.drives, 1)
        drive_row.addWidget(refresh, 0, Qt.AlignmentFlag.AlignTop)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("U 盘：", drive_row)
        form.addRow("保存到文件夹：", folder_row)
        form.addRow("文件名：", self.file_name)
        form.addRow("可用空间：", self.free)
        form.addRow(self.error)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch()
        self.folder.textChanged.connect(self._update)

    def initializePage(self) -> None:
        self.refresh_drives()
        self._update()

    def refresh_drives(self) -> None:
        mounts = drives.list_removable()
        self.set_drives(mounts)
        writable = [m for m in mounts if not m.read_only]
        if not self.folder.text().strip() and len(writable) == 1:
            self.folder.setText(str(Path(writable[0].root)))

    def set_drives(self, mounts: list[drives.Mount]) -> None:
        self.drives.clear()
        for mount in mounts:
            item = QListWidgetItem(drives.describe(mount))
            item.setData(FOLDER_ROLE, mount.root)
            if mount.read_only:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.drives.addItem(item)
        if not mounts:
            item = QListWidgetItem("没有发现 U 盘。插入后点“刷新”，或点“浏览…”选择保存的文件夹。")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.drives.addItem(item)

    def _pick_drive(self, item: QListWidgetItem) -> None:
        root = item.data(FOLDER_ROLE)
        if root:
            self.folder.setText(str(Path(root)))

    def browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择保存报送包的文件夹", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def target(self) -> Path:
        wizard = self.wizard()
        assert isinstance(wizard, PackWizard)
        code = self.session.ws.jurisdiction().code
        return Path(self.folder.text().strip()) / packet_file_name(code, wizard.round_page.round.value())

    def _update(self) -> None:
        folder = Path(self.folder.text().strip()) if self.folder.text().strip() else None
        self.file_name.setText(self.target().name)
        free = drives.free_space(folder) if folder is not None and folder.is_dir() else None
        self.free.setText("—" if free is None else drives.format_bytes(free))
        self.error.setText(self.problem() or "")
        self.completeChanged.emit()

    def problem(self) -> str | None:
        text = self.folder.text().strip()
        if not text:
            return "请选择保存报送包的文件夹：点上面的 U 盘，或点“浏览…”。"
        folder = Path(text)
        if not folder.is_dir():
            return f"文件夹“{folder}”不存在（U 盘是否已拔出？）。"
        if self.target().exists():
            return f"“{self.target().name}”已存在，不会覆盖。请换一个文件夹，或先把旧文件移走。"
        return None

    def isComplete(self) -> bool:
        return self.problem() is None

    def validatePage(self) -> bool:
        self._update()  # the stick may have gone since the last look
        if self.problem() is not None:
            return False
        self.settings.store.setValue(FOLDER_KEY, self.folder.text().strip())
        return True


class PackWizard(QWizard):
    navigate_requested = Signal(object)  # Finding, from the check page

    def __init__(self, session: WorkspaceSession, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pack_wizard")
        self.setWindowTitle("生成报送包")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in ((QWizard.WizardButton.BackButton, "上一步"), (QWizard.WizardButton.NextButton, "下一步"),
                             (QWizard.WizardButton.CancelButton, "取消"), (QWizard.WizardButton.FinishButton, "完成")):
            self.setButtonText(button, text)
        fit_to_screen(self, QSize(880, 640))
        self.session = session
        self.check_page = CheckPage(session)
        self.check_page.navigate_requested.connect(self.navigate_requested)
        self.round_page = RoundPage(session)
        self.identity_page = IdentityPage(session, settings)
        self.destination_page = DestinationPage(session, settings)
        self.generate_page = GeneratePage(session, self.request)
        self.result_page = ResultPage()
        for page_id, page in ((CHECK, self.check_page), (ROUND, self.round_page), (IDENTITY, self.identity_page),
                              (DESTINATION, self.destination_page), (GENERATE, self.generate_page),
                              (RESULT, self.result_page)):
            self.setPage(page_id, page)
        self.round_page.round.valueChanged.connect(lambda _v: self.destination_page._update())
        self.generate_page.finished.connect(self._on_generated)
        self.currentIdChanged.connect(self._on_page)

    def request(self) -> PackRequest:
        """What to pack, read now (on the GUI thread) from the pages and the workspace."""
        identity = self.identity_page.identity
        assert identity is not None
        ws = self.session.ws
        snapshot = ws.snapshot()
        return PackRequest(
            snapshot=snapshot,
            review_comments=ws.review_comments(),
            changelog=ws.changelog(),
            identity=identity,
            out=self.destination_page.target(),
            round_number=self.round_page.round.value(),
            note=self.round_page.note.toPlainText().strip(),
            formats=frozenset(self.round_page.formats()),
            visible_signature=self.round_page.stamp.isChecked(),
            change_notes=build_change_notes(ws, workspace_to_json(snapshot)),
            method=method_state(ws),
            acceptance_replies=AcceptanceRecords(ws).replies_json(),
        )

    def _on_page(self, page_id: int) -> None:
        # Back from a failed 生成 to 保存位置 makes it the commit page again.
        if page_id == DESTINATION:
            self.destination_page.setCommitPage(True)

    def _on_generated(self, ok: bool) -> None:
        if not ok and self.generate_page.close_requested:
            self.reject()  # cancelled through 取消 / the close button: now it may close
            return
        if ok:  # even when cancel came too late: the packet exists, so show it
            result = self.generate_page.result
            assert result is not None
            self.result_page.set_result(result)
            self.next()
        else:  # let the clerk go back and pick another folder or stick
            self.destination_page.setCommitPage(False)
            self.generate_page.completeChanged.emit()

    @property
    def running(self) -> bool:
        return self.generate_page.running

    def reject(self) -> None:
        """Cancel (or the window's close button): a running pack is cancelled first."""
        if self.generate_page.running:
            self.generate_page.cancel(close_when_done=True)
            return
        super().reject()

    def done(self, result: int) -> None:
        self.identity_page.identity = None  # drop the decrypted key with the wizard
        self.check_page.stop()
        super().done(result)
