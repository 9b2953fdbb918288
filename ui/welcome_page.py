"""The page shown when no workspace is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    open_requested = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_page")
        title = QLabel("<h2>事业单位改革材料编审系统（离线版）</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel("新建一个工作区（Ctrl+N），打开已有的工作区（Ctrl+O），或从下面的最近打开列表中选择。"
                      "每次修改都会立即自动保存。")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.new_button = QPushButton("新建工作区…")
        self.open_button = QPushButton("打开工作区…")
        self.recent = QListWidget()
        self.recent.setObjectName("recent_files")
        self.recent.itemActivated.connect(lambda item: self.open_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole))))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 40, 120, 40)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.new_button)
        layout.addWidget(self.open_button)
        layout.addWidget(QLabel("最近打开："))
        layout.addWidget(self.recent, 1)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.stem}　—　{path}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent.addItem(item)
