"""What makes the units table work like a spreadsheet: copy and paste with Excel/WPS, fill down, set a
value for many rows, a right-click menu, and the sum / count of the selected cells.

Pasted cells are checked by :func:`sydw_desktop.paste.plan_paste` with the workbook import's messages;
a block with any bad cell changes nothing, a good block is one operation (one undo step).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QTableView

from sydw_desktop.paste import apply_paste, fill_block, parse_tsv, plan_paste, to_tsv
from ui.plan.columns import Kind

if TYPE_CHECKING:
    from sydw_desktop.model import Unit
    from sydw_desktop.paste import PastePlan
    from ui.plan.unit_model import UnitTableModel
    from ui.session.session import WorkspaceSession

NUMERIC = (Kind.INT, Kind.OPT_INT)
MAX_SHOWN_PROBLEMS = 15


def selection_box(view: QTableView) -> tuple[int, int, int, int] | None:
    """(top, left, bottom, right) of the selected cells, or of the current cell; None with neither."""
    indexes = view.selectionModel().selectedIndexes() if view.selectionModel() is not None else []
    if not indexes:
        current = view.currentIndex()
        if not current.isValid():
            return None
        indexes = [current]
    rows = [i.row() for i in indexes]
    cols = [i.column() for i in indexes]
    return min(rows), min(cols), max(rows), max(cols)


def selection_summary(view: QTableView, model: UnitTableModel) -> str:
    """What a spreadsheet's status bar says of the selection: count, and sum of the numbers in it."""
    indexes = view.selectionModel().selectedIndexes() if view.selectionModel() is not None else []
    if len(indexes) < 2:
        return ""
    total, numbers = Decimal(0), 0
    for index in indexes:
        if model.columns[index.column()].kind not in NUMERIC:
            continue
        try:
            total += Decimal(str(model.data(index) or ""))
            numbers += 1
        except InvalidOperation:
            continue
    text = f"已选 {len(indexes)} 个单元格"
    if numbers:
        text += f"　数值 {numbers} 个　求和 {total}"
    return text


class SheetTools(QObject):
    """Copy, paste, fill down, set for many rows and the context menu of one units table."""

    summary_changed = Signal(str)
    message = Signal(str)

    def __init__(self, view: QTableView, model: UnitTableModel, session: WorkspaceSession) -> None:
        super().__init__(view)
        self.view, self.model, self.session = view, model, session
        self.copy_action = self._action("复制", QKeySequence.StandardKey.Copy, self.copy)
        self.paste_action = self._action("粘贴", QKeySequence.StandardKey.Paste, self.paste)
        self.fill_action = self._action("向下填充", QKeySequence("Ctrl+D"), self.fill_down)
        self.set_action = self._action("为所选行设置…", None, self.set_for_rows)
        self.extra: list[QAction] = []  # the page's own entries (新增单位, 删除单位)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.show_menu)
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        model.modelReset.connect(self._selection_changed)

    def _action(self, text: str, keys: QKeySequence | QKeySequence.StandardKey | None,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.view)
        if keys is not None:
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())  # not the checked flag as an argument
        self.view.addAction(action)
        return action

    def _selection_changed(self, *_args: object) -> None:
        self.summary_changed.emit(selection_summary(self.view, self.model))

    # -- copy ------------------------------------------------------------------------------------

    def copy(self) -> str:
        """The selected cells (their bounding box) as tab-separated text on the clipboard."""
        box = selection_box(self.view)
        if box is None:
            return ""
        top, left, bottom, right = box
        rows = [[str(self.model.data(self.model.index(r, c)) or "") for c in range(left, right + 1)]
                for r in range(top, bottom + 1)]
        text = to_tsv(rows)
        QGuiApplication.clipboard().setText(text)
        return text

    # -- paste, fill, set ------------------------------------------------------------------------

    def _after_ids(self) -> dict[str, int]:
        return {u.name: u.id for u in self.model.after_units if u.id is not None}

    def _fields(self, left: int, right: int | None = None) -> list[str]:
        end = len(self.model.columns) if right is None else right + 1
        return [self.model.columns[c].field for c in range(left, end)]

    def _apply(self, plan: PastePlan, name: str, operation: str = "") -> bool:
        if self.session.ws.readonly:
            self.message.emit("工作区以只读方式打开，不能修改。")
            return False
        if not plan.ok:
            shown = plan.problems[:MAX_SHOWN_PROBLEMS]
            more = len(plan.problems) - len(shown)
            text = "\n".join(f"· {p}" for p in shown) + (f"\n……另有 {more} 处" if more > 0 else "")
            QMessageBox.warning(self.view, f"{name}未完成", f"有 {len(plan.problems)} 处问题，表格未作任何修改：\n\n{text}")
            return False
        changes = self.session.perform(lambda ws: apply_paste(ws, plan, operation or name), initiator=self)
        if changes is not None:
            note = f"（来源单位由改革方案得出，已跳过 {plan.skipped} 格）" if plan.skipped else ""
            self.message.emit(f"已{name} {plan.cells} 个单元格{note}，可撤销。")
        return changes is not None

    def paste(self, text: str | None = None) -> bool:
        """Paste the clipboard's cells at the selection (a single value fills the whole selection)."""
        box = selection_box(self.view)
        if box is None:
            return False
        top, left, bottom, right = box
        block = parse_tsv(QGuiApplication.clipboard().text() if text is None else text)
        if len(block) == 1 and len(block[0]) == 1 and (bottom > top or right > left):
            block = fill_block(block[0][0], bottom - top + 1, right - left + 1)
        targets = [self.model.unit_at(r) for r in range(top, self.model.rowCount())]
        plan = plan_paste(self.model.phase, targets, self._fields(left), block, self._after_ids())
        return self._apply(plan, "粘贴", f"粘贴 {plan.cells} 个单元格")

    def fill_down(self) -> bool:
        """Copy the top row of the selection into the selected rows below it (Ctrl+D)."""
        box = selection_box(self.view)
        if box is None or box[2] == box[0]:
            self.message.emit("请先选中要填充的几行（第一行是要向下复制的值）。")
            return False
        top, left, bottom, right = box
        values = [str(self.model.data(self.model.index(top, c)) or "") for c in range(left, right + 1)]
        targets = [self.model.unit_at(r) for r in range(top + 1, bottom + 1)]
        plan = plan_paste(self.model.phase, targets, self._fields(left, right), [values] * len(targets), self._after_ids())
        return self._apply(plan, "向下填充")

    def selected_units(self) -> list[Unit]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()} or {self.view.currentIndex().row()})
        return [self.model.unit_at(r) for r in rows if r >= 0]

    def set_for_rows(self, value: str | None = None) -> bool:
        """Give the current column one value in every selected row (asked for when not given)."""
        column = self.view.currentIndex().column()
        units = self.selected_units()
        if column < 0 or not units:
            return False
        col = self.model.columns[column]
        if not col.editable:
            self.message.emit(f"{col.label}由改革方案得出，不能设置。")
            return False
        if value is None:
            title, label = f"设置{col.label}", f"为所选的 {len(units)} 个单位设置{col.label}："
            choices = [name for name, _ in self.model.choices(col)] if col.kind not in (Kind.TEXT, *NUMERIC, Kind.LIST) else []
            if choices:
                value, ok = QInputDialog.getItem(self.view, title, label, choices, 0, False)
            else:
                value, ok = QInputDialog.getText(self.view, title, label)
            if not ok:
                return False
        plan = plan_paste(self.model.phase, units, [col.field], fill_block(value, len(units)), self._after_ids())
        return self._apply(plan, f"批量设置{col.label}")

    # -- menu ------------------------------------------------------------------------------------

    def menu(self) -> QMenu:
        menu = QMenu(self.view)
        column = self.view.currentIndex().column()
        label = self.model.columns[column].label if column >= 0 else ""
        self.set_action.setText(f"为所选行设置“{label}”…" if label else "为所选行设置…")
        writable = not self.session.ws.readonly
        for action in (self.paste_action, self.fill_action, self.set_action):
            action.setEnabled(writable)
        menu.addActions([self.copy_action, self.paste_action, self.fill_action])
        menu.addSeparator()
        menu.addAction(self.set_action)
        if self.extra:
            menu.addSeparator()
            menu.addActions(self.extra)
        return menu

    def show_menu(self, pos: QPoint) -> None:
        self.menu().popup(self.view.viewport().mapToGlobal(pos))
