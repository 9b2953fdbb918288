"""What an empty units page says: 尚未导入单位, with the way forward in view (从 Excel 导入)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sydw_desktop.vocab import Phase

TEXT = {
    Phase.BEFORE: "<h3>尚未导入单位</h3><p>按导入模板整理好改革前的事业单位清单（名称、主管部门、规格、类别、编制、"
                  "实有人数等），然后从 Excel 导入；也可以点上方的“新增单位”逐个录入。</p>",
    Phase.AFTER: "<h3>尚无改革后单位</h3><p>导入模板的“改革后单位”工作表可以一并导入；也可以点上方的“新增单位”"
                 "逐个录入，再在“改革方案”中确定改革前单位的去向。</p>",
}


class EmptyUnitsHint(QFrame):
    """Shown above an empty units table."""

    import_requested = Signal()
    template_requested = Signal()

    def __init__(self, phase: Phase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("empty_units")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        text = QLabel(TEXT[phase])
        text.setWordWrap(True)
        self.import_button = QPushButton("从 Excel 导入…")
        self.import_button.setObjectName("import_excel")
        self.import_button.setMinimumHeight(34)
        self.import_button.clicked.connect(self.import_requested)
        self.template_button = QPushButton("下载导入模板…")
        self.template_button.setObjectName("save_template")
        self.template_button.clicked.connect(self.template_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.template_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
