"""帮助 → 使用说明 (F1): the manual, offline, rendered in the app, opened at the section for the page shown.

The manual is ``resources/help/使用说明.md`` (shipped with the program like the rules and templates).
Context help is a page's section title: :data:`TOPICS` maps the main window's pages and the document
editors to the heading F1 scrolls to.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QMainWindow, QTextBrowser, QToolBar, QWidget

from sydw_desktop.paths import resources
from ui.screen import fit_to_screen

MANUAL = "使用说明.md"

#: Section of the manual for each page or editor (the main window's page keys and document kinds).
TOPICS: dict[str, str] = {
    "welcome": "开始使用",
    "plan": "改革方案",
    "before": "改革前单位",
    "after": "改革后单位",
    "comparison": "改革前后对照",
    "changelog": "台账",
    "sanding": "“三定”规定",
    "quanxian": "政事权限清单",
    "charter": "章程",
    "problems": "检查和问题面板",
}


def manual_text() -> str:
    return (resources() / "help" / MANUAL).read_text(encoding="utf-8")


def headings(browser: QTextBrowser) -> list[str]:
    """The manual's section titles, in order."""
    found = []
    block = browser.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            found.append(block.text())
        block = block.next()
    return found


class HelpWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_window")
        self.setWindowTitle("使用说明")
        self.browser = QTextBrowser()
        self.browser.setObjectName("manual")
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(manual_text())
        self.browser.document().setDocumentMargin(24)
        self.find_box = QLineEdit()
        self.find_box.setObjectName("help_find")
        self.find_box.setPlaceholderText("在说明中查找，回车查找下一处")
        self.find_box.returnPressed.connect(self.find_next)
        bar = QToolBar()
        bar.setMovable(False)
        bar.addWidget(self.find_box)
        self.addToolBar(bar)
        self.setCentralWidget(self.browser)
        fit_to_screen(self, QSize(820, 900))

    def show_topic(self, topic: str | None) -> bool:
        """Show the window with the section titled ``TOPICS[topic]`` at the top; True when it was found."""
        self.show()  # laid out at the window's width first: positions depend on it
        self.raise_()
        self.activateWindow()
        document = self.browser.document()
        title = TOPICS.get(topic or "", "")
        block = document.begin()
        while block.isValid() and not (title and block.blockFormat().headingLevel() > 0 and block.text() == title):
            block = block.next()
        found = block.isValid()
        cursor = QTextCursor(document)
        cursor.setPosition(block.position() if found else 0)
        self.browser.setTextCursor(cursor)
        top = document.documentLayout().blockBoundingRect(block).top() if found else 0.0
        self.browser.verticalScrollBar().setValue(int(top))
        return found

    def find_next(self) -> None:
        text = self.find_box.text().strip()
        if text and not self.browser.find(text):
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)  # wrap round
            self.browser.find(text)
