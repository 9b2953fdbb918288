"""The end-to-end scenario, run in its own process on a real (Xvfb) display.

``python tests/e2e/scenario_demo.py OUT_DIR`` opens a fresh demo, sets a unit's 核定编制 to 4 through
the table's editor, waits for ``plan.min_unit_size`` in the problems panel, double-clicks it, checks
it landed on that cell, undoes with Ctrl+Z and waits for the finding to go. It saves a screenshot of
the screen after each step (and of each editor) and writes what it saw to ``OUT_DIR/result.json``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402
from scenario_window import open_demo_window, take_shot  # noqa: E402

from sydw_desktop.vocab import Phase  # noqa: E402
from tests.eventloop import wait  # noqa: E402
from ui.fonts import load_ui_font  # noqa: E402
from ui.plan.units_page import UnitsPage  # noqa: E402

RULE = "plan.min_unit_size"




def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    family = load_ui_font(app)
    result: dict[str, object] = {"platform": QGuiApplication.platformName(), "font": family, "shots": []}

    def shot(name: str) -> None:
        take_shot(out, name, result["shots"], pause=0.15)  # type: ignore[arg-type]

    window = open_demo_window(out, timeout=20.0)
    session = window.session
    assert session is not None
    ws = session.ws
    demo = ws.path

    def findings() -> list:
        return [f for f in session.report.findings if f.rule == RULE and f.unit == unit.name]  # type: ignore[union-attr]

    # 1. the demo is open
    window.show_node(("after",), select=True)
    page = window.pages["after"]
    assert isinstance(page, UnitsPage)
    unit = next(u for u in ws.units(Phase.AFTER) if u.staffing > 5 and not u.exemption)
    result.update(unit=unit.name, original=unit.staffing, before=len(findings()))
    shot("01-demo-opened")

    # 2. type 4 into its 核定编制 cell
    source = page.model.index(page.model.row_of(unit.id), page.model.column_of("staffing"))
    index = page.proxy.mapFromSource(source)
    page.view.scrollTo(index)
    centre = page.view.visualRect(index).center()
    QTest.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    wait("单元格编辑框", lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=20.0)
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "4")
    shot("02-typing-4")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    wait("保存核定编制", lambda: ws.unit(unit.id).staffing == 4, timeout=20.0)
    result["stored"] = ws.unit(unit.id).staffing
    result["undo_text"] = window.actions_.edit_undo.text()

    # 3. the problem appears in the panel
    wait("问题面板出现 plan.min_unit_size", lambda: bool(findings()) and not session.checker.pending, timeout=20.0)
    panel_index = window.problems.finding_index(RULE, unit.name)
    result["panel_shows"] = panel_index.isValid()
    result["message"] = findings()[0].message
    window.problems.tree.scrollTo(panel_index)
    window.problems.tree.setCurrentIndex(panel_index)
    shot("03-problem-appears")

    # 4. double-click it (from another page) and land on the cell
    window.show_node(("comparison",), select=True)
    rect = window.problems.tree.visualRect(panel_index)
    QTest.mouseClick(window.problems.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(window.problems.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait("跳转到单元格", lambda: window.stack.currentWidget() is page, timeout=20.0)
    current = page.proxy.mapToSource(page.view.currentIndex())
    result["landed"] = {
        "page": window.stack.currentWidget().objectName(),
        "unit": page.model.unit_at(current.row()).name,
        "field": page.model.columns[current.column()].field,
        "highlight": list(page.model.highlight or ()),
    }
    shot("04-jumped-to-cell")

    # 5. undo with the keyboard and see the problem go
    QTest.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait("撤销", lambda: ws.unit(unit.id).staffing == unit.staffing, timeout=20.0)
    wait("问题消失", lambda: not findings() and not session.checker.pending, timeout=20.0)
    result["undone"] = ws.unit(unit.id).staffing
    result["after_undo"] = len(findings())
    result["panel_after_undo"] = window.problems.finding_index(RULE, unit.name).isValid()
    page.model.set_highlight(None, None)
    shot("05-undone")

    # the editors, for the documentation
    first_before = ws.units(Phase.BEFORE)[0]
    for node, name in (
        (("before_unit", first_before.id), "editor-plan"),
        (("before",), "editor-before-units"),
        (("after",), "editor-after-units"),
        (("comparison",), "view-comparison"),
        (("changelog",), "view-changelog"),
        (("document", unit.id, "sanding"), "view-sanding"),
    ):
        window.show_node(node, select=True)
        shot(name)

    (out / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    window.close()
    shutil.rmtree(demo.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
