"""The 文件 menu's outputs: 导出文书和表格, 导出单位清单, 另存为 and 备份到….

另存为 and 备份到… write a verified copy through SQLite's backup API (:meth:`Workspace.save_copy`);
另存为 then goes on in the copy, 备份到… stays in the workspace. All run on the worker with progress.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from sydw_desktop.errors import SydwError
from ui.packets import drives
from ui.session.operations import CancelToken, Task, run_with_progress

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from ui.actions import MainActions
    from ui.session.operations import TaskRunner
    from ui.session.session import WorkspaceSession
    from ui.settings import AppSettings

FOLDER_KEY = "copy/folder"


class OutputHost(Protocol):
    """What the 文件 menu's outputs need of the main window."""

    session: WorkspaceSession | None
    runner: TaskRunner
    settings: AppSettings
    actions_: MainActions

    def show_error(self, message: str) -> None: ...
    def open_workspace(self, path: Path, *, remember: bool = True) -> bool: ...
    def statusBar(self) -> QStatusBar: ...


def start_folder(host: OutputHost) -> Path:
    """Where a save dialog starts: the last folder used, the only U 盘, or the workspace's folder."""
    remembered = host.settings.store.value(FOLDER_KEY, "")
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    sticks = [m for m in drives.list_removable() if not m.read_only]
    if len(sticks) == 1:
        return Path(sticks[0].root)
    assert host.session is not None
    return host.session.ws.path.parent


class FileOutputs(QObject):
    def __init__(self, window: QMainWindow, host: OutputHost) -> None:
        super().__init__(window)
        self.window, self.host = window, host
        a = host.actions_
        a.file_export_docs.triggered.connect(lambda: self.export_documents())
        a.file_export_tables.triggered.connect(lambda: self.export_documents(("xlsx",)))
        a.file_export_units.triggered.connect(lambda: self.export_units())
        a.file_save_as.triggered.connect(lambda: self.copy_workspace(switch=True))
        a.file_backup.triggered.connect(lambda: self.copy_workspace(switch=False))

    def actions(self) -> list[QAction]:
        a = self.host.actions_
        return [a.file_export_docs, a.file_export_tables, a.file_export_units, a.file_save_as, a.file_backup]

    def _session(self) -> WorkspaceSession | None:
        if self.host.session is None:
            self.host.show_error("请先打开一个工作区。")
        return self.host.session

    def _failed(self, error: BaseException) -> None:
        self.host.show_error(error.message if isinstance(error, SydwError) else f"操作失败：{error}")

    def export_documents(self, formats: tuple[str, ...] = ("pdf", "docx", "xlsx")) -> None:
        session = self._session()
        if session is None:
            return
        from ui.documents.export_dialog import ExportDialog

        self.export_dialog = ExportDialog(session, self.host.runner, self.host.settings, self.window, formats=formats)
        self.export_dialog.open()

    def export_units(self, target: Path | None = None) -> None:
        session = self._session()
        if session is None:
            return
        if target is None:
            name = f"{session.ws.jurisdiction().name}单位清单和改革方案.xlsx"
            chosen, _ = QFileDialog.getSaveFileName(self.window, "导出单位清单（导入格式）",
                                                    str(start_folder(self.host) / name), "Excel 工作簿 (*.xlsx)")
            if not chosen:
                return
            target = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        from sydw_desktop.workbook import write_plan

        snapshot, path = session.ws.snapshot(), target
        task = Task(work=lambda token: write_plan(path, snapshot),
                    on_success=lambda written: self.host.statusBar().showMessage(f"已导出单位清单：{written}", 10_000),
                    on_failure=self._failed)
        self._progress = run_with_progress(self.window, self.host.runner, task, "导出单位清单", "正在写入工作簿……",
                                           cancellable=False)

    def copy_workspace(self, *, switch: bool, target: Path | None = None) -> None:
        """另存为 (``switch``: go on in the copy) or 备份到… (stay here)."""
        session = self._session()
        if session is None:
            return
        ws = session.ws
        if target is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M")
            name = f"{ws.path.stem}.sydw" if switch else f"{ws.path.stem}-备份-{stamp}.sydw"
            title = "另存为" if switch else "备份到"
            chosen, _ = QFileDialog.getSaveFileName(self.window, title, str(start_folder(self.host) / name),
                                                    "工作区 (*.sydw)")
            if not chosen:
                return
            target = Path(chosen)
        chosen_target = target

        def work(token: CancelToken) -> Path:
            return ws.save_copy(chosen_target, progress=lambda _f, text: token.report(text),
                                cancel=token.is_cancelled)

        def done(written: Path) -> None:
            self.host.settings.store.setValue(FOLDER_KEY, str(written.parent))
            if switch:
                if self.host.open_workspace(written):
                    self.host.statusBar().showMessage(f"已另存为“{written}”，现在编辑的是这个文件。", 10_000)
            else:
                self.host.statusBar().showMessage(f"已备份到“{written}”（已校验）。", 10_000)

        task = Task(work=work, on_success=done, on_failure=self._failed)
        self._progress = run_with_progress(self.window, self.host.runner, task, "另存为" if switch else "备份到",
                                           "正在复制并校验工作区……")


def build_file_outputs(window: QMainWindow, file_menu: QMenu) -> FileOutputs:
    """Add the outputs to ``file_menu`` (where the call is made in the menu's order)."""
    outputs = FileOutputs(window, window)  # type: ignore[arg-type]  # MainWindow satisfies OutputHost
    a = outputs.host.actions_
    file_menu.addActions([a.file_export_docs, a.file_export_tables, a.file_export_units])
    file_menu.addSeparator()
    file_menu.addActions([a.file_save_as, a.file_backup])
    return outputs
