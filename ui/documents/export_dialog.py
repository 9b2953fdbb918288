"""导出文书和表格: the documents (PDF, Word) and tables (Excel) written to a folder, 正式 or 草稿.

The same export as ``sydw export``: a final export is refused while the workspace has errors (the
dialog then offers a draft, every page watermarked 草稿). It runs on the worker with progress and
cancel; the result says what was written and what the clerk should know (fonts, missing data).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from ui.browse_row import browse_row
from ui.packets import drives
from ui.screen import fit_to_screen
from ui.session.operations import CancelToken, Task, TaskRunner, run_with_progress
from ui.session.session import WorkspaceSession
from ui.settings import AppSettings

FOLDER_KEY = "export/folder"
FORMATS = (("pdf", "PDF 文书（打印、报送用）"), ("docx", "Word 文书（可在 Word/WPS 中修改）"),
           ("xlsx", "Excel 表格（对照表、一览表、转隶表、清单表、检查结果表）"))


def default_folder(settings: AppSettings, name: str) -> str:
    """A new folder named for the workspace, in the last folder used or on the only U 盘; else empty."""
    remembered = settings.store.value(FOLDER_KEY, "")
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return str(Path(remembered) / name)
    sticks = [m for m in drives.list_removable() if not m.read_only]
    return str(Path(sticks[0].root) / name) if len(sticks) == 1 else ""


class ExportDialog(QDialog):
    """Choose what to export, where, and 正式 or 草稿; then export on the worker."""

    def __init__(self, session: WorkspaceSession, runner: TaskRunner, settings: AppSettings,
                 parent: QWidget | None = None, *, formats: tuple[str, ...] = ("pdf", "docx", "xlsx")) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle("导出文书和表格")
        self.session, self.runner, self.settings = session, runner, settings
        self.written: Path | None = None
        self.boxes: dict[str, QCheckBox] = {}
        what = QVBoxLayout()
        for key, text in FORMATS:
            box = QCheckBox(text)
            box.setObjectName(f"format_{key}")
            box.setChecked(key in formats)
            box.toggled.connect(self._update)
            self.boxes[key] = box
            what.addWidget(box)
        self.final = QRadioButton("正式材料（有“错误”时不能导出）")
        self.final.setObjectName("final")
        self.draft = QRadioButton("草稿（每页加“草稿”水印，供内部讨论）")
        self.draft.setObjectName("draft")
        self.final.setChecked(True)
        kind = QVBoxLayout()
        kind.addWidget(self.final)
        kind.addWidget(self.draft)
        name = f"{session.ws.jurisdiction().name}改革材料"
        self.folder = QLineEdit(default_folder(settings, name))
        self.folder.setObjectName("export_folder")
        self.folder.setPlaceholderText("选择或输入一个文件夹（不存在时自动新建）")
        self.folder.textChanged.connect(self._update)
        folder_row = browse_row(self.folder, self.browse)
        self.problem = QLabel()
        self.problem.setObjectName("export_problem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("导出内容：", what)
        form.addRow("材料性质：", kind)
        form.addRow("导出到文件夹：", folder_row)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("导出", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        fit_to_screen(self, QSize(640, 360))
        self._update()

    def chosen_formats(self) -> set[str]:
        return {key for key, box in self.boxes.items() if box.isChecked()}

    def why_not(self) -> str | None:
        if not self.chosen_formats():
            return "请至少选择一种导出内容。"
        text = self.folder.text().strip()
        if not text:
            return "请选择导出到的文件夹。"
        target = Path(text)
        if target.exists() and not target.is_dir():
            return f"“{target}”是一个文件，不是文件夹。"
        if target.is_dir() and any(target.iterdir()):
            return f"文件夹“{target}”里已有文件。为免混淆，请选择一个空文件夹或新的文件夹名。"
        if not target.parent.is_dir():
            return f"文件夹“{target.parent}”不存在（U 盘是否已拔出？）。"
        return None

    def _update(self) -> str | None:
        """Say what is in the way (checked again on 导出: the stick may come or go meanwhile)."""
        problem = self.why_not()
        self.problem.setText(problem or "")
        return problem

    def browse(self) -> None:
        start = self.folder.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "选择导出到的文件夹", str(Path(start).parent))
        if chosen:
            self.folder.setText(str(Path(chosen) / Path(start).name) if Path(chosen).is_dir() and any(
                Path(chosen).iterdir()) else chosen)

    def start(self) -> None:
        if self._update() is not None:
            return
        from sydw_desktop.documents.export import ExportRefused, ExportResult, export_all

        target, formats, draft = Path(self.folder.text().strip()), self.chosen_formats(), self.draft.isChecked()
        snapshot = self.session.ws.snapshot()

        def work(token: CancelToken) -> ExportResult:
            return export_all(snapshot, target, formats, draft=draft,
                              progress=lambda _f, text: token.report(text), cancel=token.is_cancelled)

        existed = target.exists()

        def tidy() -> None:  # a refused or cancelled export leaves no empty folder behind
            if not existed and target.is_dir() and not any(target.iterdir()):
                target.rmdir()

        def failed(error: BaseException) -> None:
            tidy()
            if isinstance(error, ExportRefused):
                QMessageBox.warning(self, "不能导出正式材料", f"{error.message}\n\n可以先导出草稿供内部讨论：选择“草稿”后再点“导出”。")
                self.draft.setChecked(True)
                return
            QMessageBox.warning(self, "导出失败", error.message if isinstance(error, SydwError) else f"导出失败：{error}")

        task = Task(work=work, on_success=self.finished_export, on_failure=failed, on_cancelled=tidy)
        self.settings.store.setValue(FOLDER_KEY, str(target.parent))
        self._progress = run_with_progress(self, self.runner, task, "导出文书和表格", "正在导出……")

    def finished_export(self, result: object) -> None:
        from sydw_desktop.documents.export import ExportResult

        assert isinstance(result, ExportResult)
        self.written = result.out_dir
        kind = "草稿" if result.draft else "正式材料"
        text = f"已导出{kind} {len(result.files)} 个文件（PDF 共 {result.pages} 页）到：\n{result.out_dir}"
        notes = result.warnings()
        if notes:
            text += "\n\n请留意：\n" + "\n".join(f"· {n}" for n in notes[:12])
            if len(notes) > 12:
                text += f"\n……另有 {len(notes) - 12} 条"
        self.result_box = box = QMessageBox(QMessageBox.Icon.Information, "导出完成", text, parent=self.parentWidget())
        box.setObjectName("export_result")
        open_folder = box.addButton("打开文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton("关闭", QMessageBox.ButtonRole.AcceptRole)
        folder = QUrl.fromLocalFile(str(result.out_dir))
        box.buttonClicked.connect(lambda b: b is open_folder and QDesktopServices.openUrl(folder))
        box.open()
        self.accept()
