"""Every window on a 1366×768 laptop screen, in its own process on a real (Xvfb) display.

``python tests/e2e/scenario_small_screen.py OUT_DIR`` starts the main window as on a first run (no
saved layout), opens the demo, shows each page and document editor, then opens each dialog and
window the menus open. For each it records whether the window and every visible button lie inside
the screen's available area, saves a screenshot, and collects every text the clerk can see (labels,
buttons, titles, headers, tooltips, placeholders, menu entries) into ``OUT_DIR/result.json``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QRect, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)
from scenario_window import take_shot  # noqa: E402

from sydw_desktop.vocab import Phase  # noqa: E402
from tests.eventloop import settle, wait  # noqa: E402
from ui.app import write_demo_copy  # noqa: E402
from ui.documents.doc_settings_dialog import DocSettingsDialog  # noqa: E402
from ui.documents.export_dialog import ExportDialog  # noqa: E402
from ui.documents.params_dialog import ParamsDialog  # noqa: E402
from ui.documents.pdf_preview import PreviewWindow  # noqa: E402
from ui.documents.template_dialog import TemplateDialog  # noqa: E402
from ui.fonts import load_ui_font  # noqa: E402
from ui.mainwindow import MainWindow  # noqa: E402
from ui.method.method_menu import DIALOGS  # noqa: E402
from ui.new_workspace_dialog import NewWorkspaceDialog  # noqa: E402
from ui.packets.identity_dialog import IdentityDialog  # noqa: E402
from ui.packets.pack_wizard import PackWizard  # noqa: E402
from ui.packets.receive_dialog import ReceiveOutcomeDialog  # noqa: E402
from ui.packets.subordinates_dialog import SubordinatesDialog  # noqa: E402
from ui.packets.trust_dialog import TrustListDialog  # noqa: E402
from ui.packets.verify_dialog import VerifyDialog  # noqa: E402
from ui.plan.import_dialog import ImportResultsDialog  # noqa: E402
from ui.settings import AppSettings  # noqa: E402

UNIT = "示例旗融媒体中心"


def texts_of(widget: QWidget) -> list[str]:
    """Every text of ``widget`` and its visible children that a clerk can read."""
    seen: list[str] = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget:
            continue
        seen.append(child.toolTip())
        if isinstance(child, (QLabel, QAbstractButton)):
            seen.append(child.text())
        elif isinstance(child, QGroupBox):
            seen.append(child.title())
        elif isinstance(child, (QLineEdit, QTextEdit)):
            seen.append(child.placeholderText())
        elif isinstance(child, QTabWidget):
            seen += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            seen += headers(child.model())
        elif isinstance(child, QWizard):
            page = child.currentPage()
            if page is not None:
                seen += [page.title(), page.subTitle()]
    if isinstance(widget, QMainWindow):
        for menu in widget.menuBar().findChildren(QMenu):
            seen.append(menu.title())
            seen += [a.text() for a in menu.actions()] + [a.toolTip() for a in menu.actions()]
    return [t for t in seen if t]


def headers(model: QAbstractItemModel) -> list[str]:
    horizontal = Qt.Orientation.Horizontal
    try:
        model.columnCount(QModelIndex())
    except TypeError:  # a list model: no header to read
        return []
    values = [model.headerData(c, horizontal, Qt.ItemDataRole.DisplayRole)
              for c in range(min(model.columnCount(QModelIndex()), 60))]
    return [v for v in values if isinstance(v, str)]


def scrolled(widget: QWidget, window: QWidget) -> QAbstractScrollArea | None:
    """The outermost scroll area ``widget`` sits in (inside ``window``), if any: it is reached by scrolling."""
    found = None
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            found = parent
        parent = parent.parentWidget()
    return found


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def outside(window: QWidget, area: QRect) -> list[str]:
    """What of ``window`` lies outside ``area``: its frame, a visible button, a scroll area holding some."""
    problems = []
    frame = window.frameGeometry()
    if not area.contains(frame):
        problems.append(f"窗口 {frame.getRect()} 超出屏幕可用区域 {area.getRect()}")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or button.width() == 0:
            continue
        holder = scrolled(button, window)
        rect = global_rect(holder if holder is not None else button)
        if not area.contains(rect):
            what = "所在的滚动区域" if holder is not None else ""
            problems.append(f"按钮“{button.text() or button.objectName()}”{what} {rect.getRect()} 超出屏幕")
    return problems


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    load_ui_font(app)
    screen = QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    result: dict[str, object] = {"platform": QGuiApplication.platformName(), "shots": [],
                                 "screen": [screen.geometry().width(), screen.geometry().height()],
                                 "windows": {}, "texts": []}
    windows: dict[str, list[str]] = result["windows"]  # type: ignore[assignment]
    texts: list[str] = result["texts"]  # type: ignore[assignment]

    settings = AppSettings(QSettings(str(out / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, check_delay_ms=250)  # a first run: nothing remembered

    def look(name: str, widget: QWidget) -> None:
        settle(0.3)
        windows[name] = outside(widget, area)
        texts.extend(texts_of(widget))
        take_shot(out, name, result["shots"], pause=0.2)  # type: ignore[arg-type]

    window.show()
    window.activateWindow()
    look("start-page", window)
    assert window.open_workspace(write_demo_copy(), remember=False), window.last_error
    session = window.session
    assert session is not None
    wait("第一次检查", lambda: session.report is not None and not session.checker.pending, timeout=60)

    ws = session.ws
    unit = ws.find_unit(Phase.AFTER, UNIT)
    assert unit is not None and unit.id is not None
    before = ws.units(Phase.BEFORE)[0]
    for name, node in (
        ("main-after", ("after",)), ("main-before", ("before",)), ("main-plan", ("plan",)),
        ("main-comparison", ("comparison",)), ("main-changelog", ("changelog",)),
        ("main-unit", ("after_unit", unit.id)), ("main-before-unit", ("before_unit", before.id)),
        ("editor-sanding", ("document", unit.id, "sanding")), ("editor-charter", ("document", unit.id, "charter")),
        ("editor-quanxian", ("document", unit.id, "quanxian")),
    ):
        window.show_node(node, select=True)
        look(name, window)

    window.show_node(("after",), select=True)
    units = window.stack.currentWidget()
    units.select_cell(unit.id, "remark")  # scrolled sideways: the name column stays
    look("main-after-scrolled", window)

    def dialog(name: str, make: Callable[[], QWidget]) -> None:
        widget = make()
        widget.show()
        widget.raise_()
        look(name, widget)
        widget.close()
        if isinstance(widget, QDialog):
            widget.done(0)
        widget.deleteLater()

    dialog("dialog-new-workspace", lambda: NewWorkspaceDialog(window, out))
    dialog("dialog-import-result", lambda: ImportResultsDialog(
        "导入完成", "已导入 36 个单位。\n另有 2 条提示：", ["第 3 行：主管部门为空，已按“未填写”导入。"] * 2, window))
    dialog("dialog-export", lambda: ExportDialog(session, window.runner, settings, window))
    dialog("dialog-params", lambda: ParamsDialog(session, window))
    dialog("dialog-doc-settings", lambda: DocSettingsDialog(session, window))
    dialog("dialog-templates", lambda: TemplateDialog(session, parent=window))
    dialog("dialog-identity", lambda: IdentityDialog(settings, window.runner, ws.jurisdiction(), window))
    dialog("dialog-verify", lambda: VerifyDialog(window.runner, session, window))
    dialog("dialog-receive", lambda: ReceiveOutcomeDialog(window))
    dialog("dialog-trust", lambda: TrustListDialog(session, window))
    dialog("dialog-subordinates", lambda: SubordinatesDialog(session, window))
    for name in ("review", "progress", "decisions", "evaluations", "report"):  # 改革工作 (ui/method/)
        dialog(f"dialog-method-{name}", lambda n=name: DIALOGS[n](session, window))
    window.method_menu.open_steps()
    look("dialog-method-steps", window.method_menu.steps_dialog)
    window.method_menu.steps_dialog.close()

    window.show_node(("document", unit.id, "sanding"), select=True)
    manual = window.show_help()
    look("window-help", manual)
    manual.close()

    wizard = PackWizard(session, settings, window)
    wizard.show()
    look("wizard-pack-1", wizard)
    for step in range(2, 6):
        if wizard.currentPage() is None or wizard.currentPage().isCommitPage() or not wizard.currentPage().isComplete():
            break
        wizard.next()
        look(f"wizard-pack-{step}", wizard)
    wizard.reject()

    before_windows = set(QApplication.topLevelWidgets())
    window.document_menu.preview_current()
    wait("预览窗口", lambda: any(isinstance(w, PreviewWindow) and w.isVisible()
                                 for w in set(QApplication.topLevelWidgets()) - before_windows), timeout=120)
    preview = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PreviewWindow) and w.isVisible())
    look("window-preview", preview)
    preview.close()

    (out / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
