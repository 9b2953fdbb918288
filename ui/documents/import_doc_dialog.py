"""导入 Word 文书: read back a 三定 or 章程 the clerk edited in Word, WPS or LibreOffice.

The dialog shows what the file changes against the workspace (field by field, the new wording in
full) and the paragraphs it cannot place (template wording, listed and not applied); 导入 stores the
changes as one undoable operation (``sydw_desktop.documents.docx_import``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.documents.docx_import import EditedDocument, apply, read_edited
from ui.session.session import WorkspaceSession


class ImportDocDialog(QDialog):
    def __init__(self, session: WorkspaceSession, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_doc_dialog")
        self.session = session
        self.edited: EditedDocument = read_edited(session.ws.snapshot(), path)
        e = self.edited
        self.setWindowTitle(f"导入 Word 文书 — {path.name}")
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        head = QLabel(f"{e.unit.name}的{e.label}：与工作区相比改动 {len(e.changes)} 处。"
                      + ("确认后作为一次操作写入工作区，可以撤销。" if e.changes else "没有可导入的改动。"))
        head.setWordWrap(True)
        layout.addWidget(head)
        self.changes = QTreeWidget()
        self.changes.setObjectName("changes")
        self.changes.setHeaderLabels(["内容", "修改后"])
        self.changes.setColumnWidth(0, 140)
        self.changes.setWordWrap(True)
        for change in e.changes:
            item = QTreeWidgetItem([change.label, change.new])
            item.setToolTip(1, f"原文：\n{change.old}")
            self.changes.addTopLevelItem(item)
        layout.addWidget(self.changes, 3)
        if e.unplaced:
            note = QLabel(f"以下 {len(e.unplaced)} 段文字是模板固定的措辞，不能从 Word 导入（不会写入，请在程序中修改或换用本地模板）：")
            note.setWordWrap(True)
            layout.addWidget(note)
            self.unplaced = QPlainTextEdit("\n\n".join(e.unplaced))
            self.unplaced.setObjectName("unplaced")
            self.unplaced.setReadOnly(True)
            layout.addWidget(self.unplaced, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("导入")
        ok.setEnabled(bool(e.changes))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept_import)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept_import(self) -> None:
        edited = self.edited
        if self.session.perform(lambda ws: apply(ws, edited), initiator=self) is not None:
            self.accept()
