"""A first run that guides: the start page, a new workspace's empty units page, and F1 help at the right place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QGroupBox, QLabel
from ui_helpers import demo_path_fixture, ini_settings, window_fixture  # noqa: F401

from sydw_desktop.vocab import Phase, WorkflowStep
from ui.help import TOPICS, HelpWindow, headings
from ui.mainwindow import MainWindow
from ui.new_workspace_dialog import NewWorkspaceDialog
from ui.plan.units_page import UnitsPage


def test_start_page_lists_the_nine_steps_and_opens_the_demo(qtbot, tmp_path: Path) -> None:
    window = MainWindow(ini_settings(tmp_path), check_delay_ms=30)
    qtbot.addWidget(window)
    window.show()
    steps = window.welcome.findChild(QGroupBox, "nine_steps")
    labels = [w.text() for w in steps.findChildren(QLabel)]
    assert [t for t in labels if t.startswith("<b>")] == [f"<b>{s.value}</b>" for s in WorkflowStep]
    assert window.help_topic() == "welcome"
    window.welcome.demo_button.click()
    qtbot.waitUntil(lambda: window.session is not None, timeout=60_000)
    assert window.session.ws.unit_count(Phase.BEFORE) > 0
    assert "临时文件" in window.status_path.text()


def test_a_new_workspace_opens_on_its_empty_units_with_import_in_view(qtbot, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "新旗.sydw"

    def fill_and_accept(dialog: NewWorkspaceDialog) -> int:
        dialog.name.setText("新旗")
        dialog.code.setText("159902")
        dialog.path.setText(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewWorkspaceDialog, "exec", fill_and_accept)
    window = MainWindow(ini_settings(tmp_path), check_delay_ms=30)
    qtbot.addWidget(window)
    window.show()
    window.welcome.new_button.click()
    assert window.session is not None and window.session.ws.path == target
    page = window.stack.currentWidget()
    assert isinstance(page, UnitsPage) and page.phase is Phase.BEFORE
    assert page.empty.isVisible() and page.empty.import_button.isVisible()
    qtbot.waitUntil(lambda: window.session.report is not None and not window.session.checker.pending)
    assert window.status_check.text() == "尚未导入单位"
    imported: list[bool] = []
    monkeypatch.setattr(window, "import_excel", lambda path=None: imported.append(True))
    page.empty.import_button.click()
    assert imported == [True]
    help_window = window.show_help()
    assert help_window.isVisible() and window.help_topic() == "before"
    assert help_window.browser.textCursor().block().text() == "改革前单位"


def test_f1_opens_the_manual_at_the_editor_shown(qtbot, window) -> None:
    unit = window.session.ws.units(Phase.AFTER)[0]
    window.show_node(("document", unit.id, "charter"), select=True)
    assert window.help_topic() == "charter"
    window.actions_.help_manual.trigger()
    browser = window.help_window.browser
    assert browser.textCursor().block().text() == "章程"
    assert browser.verticalScrollBar().value() > 0  # scrolled down to the section, not left at the top


def test_every_topic_has_its_section_in_the_manual(qtbot) -> None:
    manual = HelpWindow()
    qtbot.addWidget(manual)
    sections = headings(manual.browser)
    assert set(TOPICS.values()) <= set(sections), set(TOPICS.values()) - set(sections)
    assert all(manual.show_topic(topic) for topic in TOPICS)
