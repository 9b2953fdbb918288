"""The start page, shown when no workspace is open: what to do first, the nine steps, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.method.steps import STEPS


class WelcomePage(QWidget):
    open_requested = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_page")
        title = QLabel("<h2>事业单位改革材料编审系统（离线版）</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel("第一次使用，可以先打开示例练习；正式工作请新建工作区，按导入模板整理单位清单后导入。"
                      "每次修改都会立即自动保存，按 F1 查看使用说明。")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_button = QPushButton("打开示例")
        self.demo_button.setObjectName("open_demo")
        self.demo_button.setToolTip("打开一份示例旗的工作区（临时副本），可以随意修改、练习")
        self.new_button = QPushButton("新建工作区…")
        self.new_button.setObjectName("new_workspace")
        self.open_button = QPushButton("打开工作区…")
        self.open_button.setObjectName("open_workspace")
        self.template_button = QPushButton("下载导入模板…")
        self.template_button.setObjectName("save_template")
        self.template_button.setToolTip("保存一份空白的 Excel 导入模板（含填写说明和下拉列表）")
        buttons = QHBoxLayout()
        for button in (self.demo_button, self.new_button, self.open_button, self.template_button):
            button.setMinimumHeight(36)
            buttons.addWidget(button)

        steps = QGroupBox("改革工作的九个步骤")
        steps.setObjectName("nine_steps")
        grid = QGridLayout(steps)
        grid.setColumnStretch(2, 1)
        for row, definition in enumerate(STEPS):  # what each step needs: one text, in the core
            number = QLabel(f"{definition.number}.")
            name = QLabel(f"<b>{definition.step.value}</b>")
            what = QLabel(definition.needs)
            what.setWordWrap(True)
            grid.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(name, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(what, row, 2)

        self.recent = QListWidget()
        self.recent.setObjectName("recent_files")
        self.recent.setMinimumHeight(90)
        self.recent.itemActivated.connect(lambda item: self.open_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole))))

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(60, 24, 60, 24)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(steps)
        layout.addWidget(QLabel("最近打开："))
        layout.addWidget(self.recent, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.stem}　—　{path}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent.addItem(item)
        if not paths:
            item = QListWidgetItem("（还没有打开过工作区）")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)
