"""文书设置: the one name of the 编委 and the 编办, the plan's and the 请示's 文号, dates, 主送机关, the
签发人 and the 报送人 — the workspace settings ``doc.*`` every template reads (``documents/context.py``).

Each changed value is stored as its own operation (undoable, in the 台账); a malformed 文号 or date is
refused with the same message as ``sydw doc-settings``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from sydw_desktop.docno import doc_no_problem, normalize_doc_no
from sydw_desktop.documents.context import DATE_SETTINGS, SETTING_KEYS, SETTING_LABELS, date_value
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.workspace import Workspace
from ui.session.session import WorkspaceSession

_DOC_NOS = ("doc.doc_no", "doc.request_no")


class DocSettingsDialog(QDialog):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doc_settings_dialog")
        self.setWindowTitle("文书设置")
        self.session = session
        values = session.ws.settings()
        layout = QVBoxLayout(self)
        note = QLabel("这些设置用于全部文书：编委、编办只用一个名称；方案在上级“同意”后按文号和成文日期印发，此前为送审稿。")
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label in SETTING_LABELS.items():
            edit = QLineEdit(values.get(key, ""))
            edit.setObjectName(key)
            short, _, hint = label.partition("（")
            edit.setPlaceholderText(hint.rstrip("）"))
            form.addRow(f"{short}：", edit)
            self.edits[key] = edit
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def problem(self, key: str, value: str) -> str | None:
        label = SETTING_LABELS[key].split("（")[0]
        if SETTING_KEYS[key] in DATE_SETTINGS and value and date_value(value) is None:
            return f"{label}：“{value}”不是日期，应写作“2026-12-03”这样的年-月-日。"
        if key in _DOC_NOS and value:
            problem = doc_no_problem(value)
            return f"{label}：{problem}" if problem else None
        return None

    def save(self) -> None:
        current = self.session.ws.settings()
        changes: dict[str, str] = {}
        for key, edit in self.edits.items():
            value = edit.text().strip()
            if key in _DOC_NOS and value:
                value = normalize_doc_no(value)
                edit.setText(value)
            problem = self.problem(key, value)
            if problem:
                self.error.setText(problem)
                edit.setFocus()
                return
            if value != current.get(key, ""):
                changes[key] = value
        for key, value in changes.items():
            if self.session.perform(_setter(key, value)) is None:
                return
        self.accept()


def _setter(key: str, value: str) -> Callable[[Workspace], OpChanges]:
    label = SETTING_LABELS[key].split("（")[0]
    return lambda ws: ws.set_setting(key, value, label)
