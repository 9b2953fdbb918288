"""The frame every document editor shares: sections, bound fields, finding marks, storing, jumping.

An editor shows one after-unit's 三定, 清单 or 章程. Each field widget is bound (``editor_fields``)
to a stored value — a field of the unit (one value shared with the plan) or of the document — and
every finished change is stored through ``session.perform`` as one undoable, logged operation. The
editor redraws from the workspace when an operation touches its unit (its own edits, undo, redo,
edits made elsewhere), and tints each field a finding names.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.model import DOCUMENT_CLASSES, Unit
from sydw_desktop.rules.findings import Finding
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import DocumentKind
from ui.editors.editor_fields import DOC, UNIT, Binding, FieldError
from ui.plan.unit_model import HIGHLIGHT_COLOR, SEVERITY_COLORS, finding_tooltip
from ui.screen import remember_splitter
from ui.session.session import WorkspaceSession

FINDING_ROLE = Qt.ItemDataRole.UserRole + 20


def tint(widget: QWidget, color: QColor | None) -> None:
    """Colour a field's background (None: the style's own)."""
    if color is None:
        widget.setPalette(QPalette())
        return
    palette = widget.palette()
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Button, QPalette.ColorRole.Window):
        palette.setColor(role, color)
    widget.setPalette(palette)


class DocumentEditor(QWidget):
    """Base of the three editors; subclasses build sections and bind fields in ``build()``."""

    kind = ""
    #: finding fields that have no widget of their own → the field whose widget shows them
    aliases: dict[str, str] = {}
    preview_requested = Signal(str, int)  # kind, unit id

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{self.kind}_editor")
        self.session = session
        self.unit_id: int | None = None
        self.unit: Unit | None = None
        self.document: Any = None
        self.highlight: str | None = None
        self.bindings: dict[str, Binding] = {}
        self._sections: list[QGroupBox] = []
        self._loading = False

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.preview_button = QPushButton("预览")
        self.preview_button.setObjectName("preview_document")
        self.preview_button.setToolTip("按格式模板生成这份文书的 PDF 并预览（可打印）")
        self.preview_button.clicked.connect(self._request_preview)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.preview_button)

        self.findings_list = QListWidget()
        self.findings_list.setObjectName("document_findings")
        self.findings_list.itemActivated.connect(self._finding_activated)
        self.findings_list.itemDoubleClicked.connect(self._finding_activated)

        self.nav = QListWidget()
        self.nav.setObjectName("sections")
        self.nav.setMaximumWidth(220)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.currentRowChanged.connect(self._scroll_to_section)
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.content)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.scroll_area)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 900])
        remember_splitter(splitter, "document_editor")

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.note)
        layout.addWidget(self.findings_list)
        layout.addWidget(splitter, 1)

        self.build()
        self.content_layout.addStretch(1)
        session.operation_did_execute.connect(self._on_operation)
        session.report_changed.connect(lambda _r: self.refresh_marks())

    # -- building ----------------------------------------------------------------------------------

    def build(self) -> None:
        raise NotImplementedError

    def section(self, title: str, *, name: str = "") -> QFormLayout:
        """A titled group of fields, listed in the section navigator."""
        box = QGroupBox(title)
        box.setObjectName(name or f"section_{len(self._sections)}")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.content_layout.addWidget(box)
        self._sections.append(box)
        self.nav.addItem(title)
        return form

    def bind(self, binding: Binding) -> Binding:
        binding.widget.setObjectName(binding.field)
        self.bindings[binding.field] = binding
        binding.changed.connect(lambda *_a, b=binding: self.commit(b))
        return binding

    def _scroll_to_section(self, row: int) -> None:
        if 0 <= row < len(self._sections):
            self.scroll_area.ensureWidgetVisible(self._sections[row], 0, 0)
            self.scroll_area.verticalScrollBar().setValue(self._sections[row].y())

    # -- showing -----------------------------------------------------------------------------------

    @property
    def title(self) -> str:
        return DocumentKind.from_key(self.kind).label

    def show_unit(self, unit_id: int, field: str | None = None) -> None:
        self.unit_id = unit_id
        self.highlight = self.aliases.get(field, field) if field else None
        self.reload()
        if self.highlight:
            self.focus_field(self.highlight)

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if self.unit_id is None:
            return
        if self.unit_id in changes.unit_ids or changes.jurisdiction:
            self.highlight = None
            self.reload()

    def reload(self) -> None:
        if self.unit_id is None:
            return
        ws = self.session.ws
        try:
            self.unit = ws.unit(self.unit_id)
        except SydwError:  # deleted (or undone away)
            self.unit, self.document = None, None
            self.heading.setText("该单位已不存在。")
            self.content.setEnabled(False)
            return
        self.document = ws.document(self.unit_id, self.kind)
        self.heading.setText(f"<b>{self.unit.name}　{self.title}</b>")
        self._loading = True
        try:
            doc = self.current_document()
            for b in self.bindings.values():
                b.write(getattr(self.unit if b.target == UNIT else doc, b.field))
            self.after_reload()
        finally:
            self._loading = False
        self.content.setEnabled(not ws.readonly)
        self.refresh_marks()

    def after_reload(self) -> None:
        """Derived displays (sums, capital numerals, hints); subclasses override."""

    def current_document(self) -> Any:
        """The stored document, or a blank one (the first edit creates it)."""
        return self.document if self.document is not None else DOCUMENT_CLASSES[self.kind]()

    # -- storing -----------------------------------------------------------------------------------

    def commit(self, binding: Binding) -> bool:
        """Store the value of ``binding``'s widget if it differs from the stored one."""
        if self._loading or self.unit is None:
            return False
        try:
            value = binding.read()
        except FieldError as err:
            self.session.failed.emit(str(err))
            return False
        holder = self.unit if binding.target == UNIT else self.current_document()
        if value == getattr(holder, binding.field):
            binding.write(value)  # show it as stored (normalised)
            return False
        return self.store(binding.target, **{binding.field: value})

    def store(self, target: str, **fields: Any) -> bool:
        """One operation: unit fields through ``update_unit``, document fields through ``set_document``."""
        uid = self.unit_id
        if uid is None:
            return False
        if target == UNIT:
            return self.session.perform(lambda ws: ws.update_unit(uid, **fields), initiator=self) is not None
        assert target == DOC
        new = dataclasses.replace(self.current_document(), **fields)
        return self.session.perform(lambda ws: ws.set_document(uid, new), initiator=self) is not None

    def store_both(self, name: str, document_fields: dict[str, Any], unit_fields: dict[str, Any]) -> bool:
        """Document and unit fields changed together, as ONE undoable operation."""
        uid = self.unit_id
        if uid is None:
            return False
        new = dataclasses.replace(self.current_document(), **document_fields)

        def mutation(ws: Any) -> OpChanges | None:
            with ws.batch(name):
                ws.set_document(uid, new)
                if unit_fields:
                    ws.update_unit(uid, **unit_fields)
            return ws.last_changes

        return self.session.perform(mutation, initiator=self) is not None

    # -- findings ----------------------------------------------------------------------------------

    def findings(self) -> list[Finding]:
        """Findings about this document, and about the unit's values this editor shows."""
        if self.unit is None:
            return []
        unit_fields = {b.field for b in self.bindings.values() if b.target == UNIT}
        return [f for f in self.session.index.unit(self.unit.name)
                if f.document.key == self.kind or (f.field in unit_fields)]

    def field_of(self, finding: Finding) -> str | None:
        field = finding.field or ""
        field = self.aliases.get(field, field)
        return field if field in self.bindings else None

    def refresh_marks(self) -> None:
        found = self.findings()
        by_field: dict[str, list[Finding]] = {}
        for f in found:
            field = self.field_of(f)
            if field is not None:
                by_field.setdefault(field, []).append(f)
        for name, b in self.bindings.items():
            here = by_field.get(name, [])
            worst = self.session.index.worst(here)
            color = HIGHLIGHT_COLOR if name == self.highlight else SEVERITY_COLORS[worst] if worst else None
            tint(b.marked, color)
            b.marked.setToolTip(finding_tooltip(here))
        self.findings_list.clear()
        for f in sorted(found, key=lambda f: -f.severity.weight):
            item = QListWidgetItem(f"【{f.severity.label}】{f.message}")
            item.setBackground(QBrush(SEVERITY_COLORS[f.severity]))
            item.setData(FINDING_ROLE, f.field or "")
            item.setToolTip(f.basis)
            self.findings_list.addItem(item)
        self.findings_list.setVisible(bool(found))
        rows = min(len(found), 4)
        if rows:  # as tall as its first few findings, so the form below does not jump about
            self.findings_list.setFixedHeight(rows * self.findings_list.sizeHintForRow(0) + 2 * self.findings_list.frameWidth() + 2)
        if self.unit is None:
            return
        if self.document is None:
            self.note.setText(f"尚未起草{self.title}：填写任一项即开始起草（可撤销）。")
        else:
            self.note.setText(f"相关问题 {len(found)} 条，标色的项目有问题（悬停查看，双击问题定位）。"
                              if found else "没有相关问题。")

    def _finding_activated(self, item: QListWidgetItem) -> None:
        field = item.data(FINDING_ROLE)
        field = self.aliases.get(field, field)
        if field:
            self.highlight = field
            self.refresh_marks()
            self.focus_field(field)

    def focus_field(self, field: str) -> bool:
        """Scroll to the field's widget, focus it and tint it as the jump target."""
        binding = self.bindings.get(field)
        if binding is None:
            return False
        self.scroll_area.ensureWidgetVisible(binding.widget, 40, 60)
        binding.widget.setFocus(Qt.FocusReason.OtherFocusReason)
        tint(binding.marked, HIGHLIGHT_COLOR)
        return True

    def _request_preview(self) -> None:
        if self.unit_id is not None:
            self.preview_requested.emit(self.kind, self.unit_id)
