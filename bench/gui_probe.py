"""The one place where the GUI latency benchmark touches the window's internals.

:class:`Probe` drives a running ``sydw-desktop`` window the way a clerk would (edit a cell, undo,
sort, type in the search box) and answers the questions the benchmark waits on (is the workspace
open and checked, has the problems panel taken a new report). When ``ui/`` is restructured, only
this module needs to follow.

It relies on these objects of ``ui`` (as of the layout with ``ui/mainwindow.py``):

- the top-level :class:`ui.mainwindow.MainWindow`, found by its object name ``"main_window"``;
- ``window.session`` (:class:`ui.session.session.WorkspaceSession`): ``.report`` (the installed
  :class:`CheckReport`, ``None`` before the first check) and ``.checker.pending`` (a re-check is
  scheduled or running);
- ``window.problems`` (:class:`ui.problems.ProblemsPanel`): ``._report`` (the report it shows) and
  ``.shown`` (the findings listed);
- ``window.pages["after"]`` (:class:`ui.plan.units_page.UnitsPage` of the after-units): ``.model``
  (:class:`ui.plan.unit_model.UnitTableModel`, ``.columns``, ``.column_of(field)``, ``.unit_at(row)``),
  ``.proxy`` (:class:`ui.plan.unit_filter.UnitFilterProxy`), ``.view`` (the ``QTableView``) and
  ``.search`` (the search ``QLineEdit``);
- ``window.actions_.edit_undo`` (the 撤销 ``QAction``);
- ``window.show_node(("after",), select=True)`` to bring the after-units table up.

An edit goes in as the table's delegate commits it: ``proxy.setData(index, text, EditRole)``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

WINDOW_NAME = "main_window"


class ShownWatch(QObject):
    """Calls ``on_shown`` once, at the first paint of the main window (then removes itself)."""

    def __init__(self, app: QApplication, on_shown: Callable[[], None]) -> None:
        super().__init__()
        self._app = app
        self._on_shown = on_shown
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow)
                and watched.objectName() == WINDOW_NAME):
            self._app.removeEventFilter(self)
            self._on_shown()
        return False


class Probe:
    """Drives one main window; every method returns at once (the caller waits on the event loop)."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.edited: tuple[str, int, int] | None = None  # unit name, old and new 核定编制

    @classmethod
    def find(cls) -> Probe | None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == WINDOW_NAME:
                return cls(widget)
        return None

    # -- state --------------------------------------------------------------------------------------

    def _session(self):  # type: ignore[no-untyped-def]
        return getattr(self.window, "session", None)

    def open_ready(self) -> bool:
        """The workspace is open, its first check finished and the problems panel shows it."""
        session = self._session()
        return (session is not None and session.report is not None and not session.checker.pending
                and self.window.problems._report is session.report)  # type: ignore[attr-defined]

    def report_token(self) -> object:
        """Something that changes each time the problems panel takes a new report."""
        return self.window.problems._report  # type: ignore[attr-defined]

    def findings_updated(self, since: object) -> bool:
        """The problems panel shows a report newer than ``since`` and no re-check is pending."""
        session = self._session()
        return (session is not None and not session.checker.pending
                and self.report_token() is not since and self.report_token() is session.report)

    def findings_count(self) -> int:
        return len(self.window.problems.shown)  # type: ignore[attr-defined]

    # -- the after-units table ------------------------------------------------------------------------

    def _page(self):  # type: ignore[no-untyped-def]
        return self.window.pages["after"]  # type: ignore[attr-defined]

    def show_units(self) -> None:
        self.window.show_node(("after",), select=True)  # type: ignore[attr-defined]

    def edit_one_staffing(self, row: int = 0) -> tuple[str, int, int]:
        """Type 核定编制 + 1 into the after-unit shown at ``row`` and commit it (Enter)."""
        page = self._page()
        col = page.model.column_of("staffing")
        index = page.proxy.index(row, col)
        unit = page.model.unit_at(page.proxy.mapToSource(index).row())
        new = unit.staffing + 1
        page.view.setCurrentIndex(index)
        if not page.proxy.setData(index, str(new), Qt.ItemDataRole.EditRole):
            raise RuntimeError(f"editing 核定编制 of {unit.name} was refused")
        self.edited = (unit.name, unit.staffing, new)
        return self.edited

    def undo(self) -> None:
        self.window.actions_.edit_undo.trigger()  # type: ignore[attr-defined]

    def sort(self, field: str = "staffing", descending: bool = True) -> None:
        """Sort the table by ``field`` (a click on its column header)."""
        page = self._page()
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        page.view.sortByColumn(page.model.column_of(field), order)

    def search(self, text: str) -> None:
        """Type ``text`` into the table's search box (one key press per character)."""
        page = self._page()
        page.search.setFocus()
        for char in text:  # QTest.keyClicks takes ASCII only
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(page.search, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))

    def clear_search(self) -> None:
        self._page().search.clear()
