"""The 新建工作区 dialog: the jurisdiction's name, code, level and caps, and where to save the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from sydw_desktop.model import Jurisdiction
from sydw_desktop.vocab import Level
from ui.browse_row import browse_row
from ui.dialog_buttons import ok_cancel
from ui.plan.delegates import NumberEdit


class NewWorkspaceDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建工作区")
        self.folder = folder or Path.home()
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：示例旗")
        self.code = QLineEdit()
        self.code.setPlaceholderText("6 位行政区划代码")
        self.code.setValidator(QRegularExpressionValidator(r"\d{0,6}", self.code))
        self.level = QComboBox()
        self.level.addItems(Level.labels())
        self.level.setCurrentText(Level.BANNER.value)
        self.unit_cap = NumberEdit(required=False)
        self.staff_cap = NumberEdit(required=False)
        self.path = QLineEdit()
        path_row = browse_row(self.path, self._browse, enter_stays_with_dialog=False)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        form = QFormLayout(self)
        form.addRow("行政区划名称：", self.name)
        form.addRow("行政区划代码：", self.code)
        form.addRow("层级：", self.level)
        form.addRow("机构限额：", self.unit_cap)
        form.addRow("事业编制总量：", self.staff_cap)
        form.addRow("保存到：", path_row)
        form.addRow(self.error)
        buttons = ok_cancel(self, "新建", self._accept)
        form.addRow(buttons)
        self.name.textChanged.connect(self._suggest_path)

    def _suggest_path(self, name: str) -> None:
        if not self.path.isModified():
            self.path.setText(str(self.folder / f"{name.strip() or '新工作区'}.sydw"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存工作区", self.path.text(), "工作区 (*.sydw)")
        if path:
            self.path.setText(path if path.endswith(".sydw") else path + ".sydw")
            self.path.setModified(True)

    def jurisdiction(self) -> Jurisdiction:
        return Jurisdiction(
            name=self.name.text().strip(),
            code=self.code.text().strip(),
            level=Level.parse(self.level.currentText()),
            unit_cap=int(self.unit_cap.text()) if self.unit_cap.text() else None,
            staff_cap=int(self.staff_cap.text()) if self.staff_cap.text() else None,
        )

    def target(self) -> Path:
        return Path(self.path.text().strip())

    def _accept(self) -> None:
        problems = []
        if not self.name.text().strip():
            problems.append("请填写行政区划名称")
        if len(self.code.text().strip()) != 6:
            problems.append("行政区划代码应为 6 位数字")
        if not self.path.text().strip():
            problems.append("请选择保存位置")
        elif self.target().exists():
            problems.append("该文件已存在，请换一个文件名")
        if problems:
            self.error.setText("；".join(problems) + "。")
            return
        self.accept()
