"""The tree follows: a jump from the problems panel highlights the node shown; search and menus."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from ui_helpers import demo_path_fixture, window_fixture  # noqa: F401

from sydw_desktop.vocab import Phase


def _highlighted(tree, node) -> bool:
    """The node's row is painted in the selection colour (looked at on screen, not only in the model)."""
    index = tree.model_.index_of(node)
    rect = tree.visualRect(index)
    QApplication.processEvents()  # let pending repaints happen: then read what is on screen
    window = tree.window()
    image = window.screen().grabWindow(window.winId()).toImage()
    rect.translate(tree.viewport().mapTo(window, rect.topLeft()) - rect.topLeft())
    point = rect.center()  # in window coordinates now
    point.setX(rect.left() + 4)
    colour = QColor(image.pixel(point))
    highlight = tree.palette().highlight().color()
    return abs(colour.hue() - highlight.hue()) < 20 and colour.saturation() > 60


def test_a_jump_from_the_problems_panel_moves_the_highlight(qtbot, window) -> None:
    tree = window.tree
    window.show_node(("plan",), select=True)
    assert tree.current_node() == ("plan",)
    finding = next(f for f in window.session.report.findings if f.unit)
    window.navigate(finding)
    node = tree.current_node()
    assert node is not None and node != ("plan",)
    qtbot.waitUntil(lambda: _highlighted(tree, node))
    tree.scrollTo(tree.model_.index_of(("plan",)))  # the old node, in view again: no longer highlighted
    assert not _highlighted(tree, ("plan",))


def test_find_a_unit_in_the_tree(qtbot, window) -> None:
    ws = window.session.ws
    target = ws.units(Phase.AFTER)[3]
    panel = window.tree_panel
    panel.search.setText(target.name[-4:])
    panel.search.textEdited.emit(panel.search.text())
    found = window.tree.current_node()
    assert found is not None and found[0] in ("before_unit", "after_unit")
    name = {u.id: u.name for u in ws.units(Phase.BEFORE) + ws.units(Phase.AFTER)}[found[1]]
    assert target.name[-4:] in name
    seen = {found}
    for _ in range(6):
        panel.search.returnPressed.emit()
        seen.add(window.tree.current_node())
    assert ("after_unit", target.id) in seen
    panel.search.setText("没有这个单位")
    panel.search.textEdited.emit(panel.search.text())
    assert "fde0e0" in panel.search.styleSheet()


def test_right_click_menus(qtbot, window) -> None:
    unit = window.session.ws.units(Phase.AFTER)[0]
    menu = window.tree.context_menu(("after_unit", unit.id))
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:4] == ["打开", "打开“三定”规定", "打开政事权限清单", "打开章程"]
    next(a for a in menu.actions() if a.text() == "打开章程").trigger()
    assert window.tree.current_node() == ("document", unit.id, "charter")
    finding = window.session.report.findings[0]
    entries = [a.text() for a in window.problems.context_menu(finding).actions() if a.text()]
    assert entries[:2] == ["定位到这里", "复制问题"] and entries[-1] == "导出清单…"
