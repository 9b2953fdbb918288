"""从备份恢复: pick one of a workspace's backups and put it in place of the file.

Works from the file's path alone (:mod:`sydw_desktop.store.backups`), so it helps exactly when the
workspace no longer opens. The window closes the workspace first when it is the one open, and
opens the restored file afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.store import backups as B


class RestoreDialog(QDialog):
    """The backups of ``workspace``, newest first; 恢复 replaces the file with the one chosen.

    ``before_restore`` runs first (the window closes the workspace if it is open); ``restored``
    gets the workspace path after a successful restore.
    """

    def __init__(self, workspace: Path, parent: QWidget | None = None, *,
                 before_restore: Callable[[], None] | None = None,
                 restored: Callable[[Path], object] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle(f"从备份恢复 — {workspace.name}")
        self.workspace = workspace
        self._before = before_restore
        self._restored = restored
        self.kept: Path | None = None
        intro = QLabel(
            f"选择一份备份替换工作区“{workspace.name}”。当前的文件（即使已损坏）会先另存为“恢复前”备份，不会丢失。\n"
            f"备份文件夹：{B.backup_folder(workspace)}"
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backups")
        self.message = QLabel()
        self.message.setObjectName("restore_message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("恢复")
        self.restore_button.setObjectName("restore")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("关闭")
        close.clicked.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 380)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for backup in B.list_backups(self.workspace):
            item = QListWidgetItem(backup.describe())
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.message.setText("这个工作区还没有备份。导入、接收、打包前和每天第一次打开时会自动备份。")
        self.restore_button.setEnabled(self.list.count() > 0)

    def restore_selected(self) -> bool:
        item = self.list.currentItem()
        if item is None:
            return False
        backup = Path(item.data(Qt.ItemDataRole.UserRole))
        if self._before is not None:
            self._before()
        try:
            self.kept = B.restore(self.workspace, backup)
        except SydwError as err:
            self.message.setText(err.message)
            return False
        self.accept()
        if self._restored is not None:
            self._restored(self.workspace)
        return True
