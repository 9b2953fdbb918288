"""导入 Word 文书: read back a 三定, 政事权限清单 or 章程 the clerk edited in Word, WPS or LibreOffice.

The dialog shows what the file changes against the workspace (field by field, the new wording in
full) and the paragraphs it cannot place (template wording, listed and not applied); 导入 stores the
changes as one undoable operation (``sydw_desktop.documents.docx_import``).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.documents.docx_import import EditedDocument, apply, read_edited
from ui.dialog_buttons import ok_cancel
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
        self.changes = QTextBrowser()
        self.changes.setObjectName("changes")
        self.changes.setHtml(changes_html(e))
        layout.addWidget(self.changes, 3)
        if e.unplaced:
            note = QLabel(f"以下 {len(e.unplaced)} 段文字是模板固定的措辞，不能从 Word 导入（不会写入，请在程序中修改或换用本地模板）：")
            note.setWordWrap(True)
            layout.addWidget(note)
            self.unplaced = QPlainTextEdit("\n\n".join(e.unplaced))
            self.unplaced.setObjectName("unplaced")
            self.unplaced.setReadOnly(True)
            layout.addWidget(self.unplaced, 1)
        buttons = ok_cancel(self, "导入", self.accept_import)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(e.changes))
        layout.addWidget(buttons)

    def accept_import(self) -> None:
        edited = self.edited
        if self.session.perform(lambda ws: apply(ws, edited), initiator=self) is not None:
            self.accept()


def changes_html(edited: EditedDocument) -> str:
    """Each changed field with its changed paragraphs: 原文 struck through, 修改后 underneath."""
    parts: list[str] = []
    for change in edited.changes:
        parts.append(f"<h4>{escape(change.label)}</h4>")
        for before, after in change.paragraphs():
            old = f"<span style='color:#8a1c1c'>原：{escape(before)}</span>" if before else "原：（无）"
            new = f"<span style='color:#1b5e20'>改：{escape(after)}</span>" if after else "改：（删去）"
            parts.append(f"<p>{old}<br/>{new}</p>")
    return "".join(parts)
