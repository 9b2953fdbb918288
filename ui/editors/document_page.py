"""The document page: the editor of one after-unit's “三定”规定, 政事权限清单 or 章程.

The workspace tree and the problems panel's jump open it with ``show_document(unit, kind, field)``;
it shows the matching editor (built the first time it is needed) and lands on the field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget

from ui.editors.charter_editor import CharterEditor
from ui.editors.document_editor import DocumentEditor
from ui.editors.quanxian_editor import QuanxianEditor
from ui.editors.sanding_editor import SandingEditor
from ui.session.session import WorkspaceSession

EDITORS: dict[str, type[DocumentEditor]] = {
    "sanding": SandingEditor, "quanxian": QuanxianEditor, "charter": CharterEditor,
}


class DocumentPage(QStackedWidget):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document_page")
        self.session = session
        self.editors: dict[str, DocumentEditor] = {}
        self.unit_id: int | None = None
        self.kind = "sanding"

    def editor(self, kind: str) -> DocumentEditor:
        editor = self.editors.get(kind)
        if editor is None:
            editor = self.editors[kind] = EDITORS[kind](self.session)
            editor.preview_requested.connect(self.preview)
            self.addWidget(editor)
        return editor

    @property
    def current_editor(self) -> DocumentEditor:
        return self.editor(self.kind)

    def show_document(self, unit_id: int, kind: str, field: str | None = None) -> None:
        self.unit_id, self.kind = unit_id, kind
        editor = self.editor(kind)
        self.setCurrentWidget(editor)
        editor.show_unit(unit_id, field)

    def preview(self, kind: str, unit_id: int) -> None:
        from ui.documents.pdf_preview import preview_document

        preview_document(self.window(), self.session, kind, unit_id)
