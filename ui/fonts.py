"""The bundled Chinese UI font, loaded at start so the UI renders on a machine with no CJK fonts."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from sydw_desktop.paths import resources

log = logging.getLogger(__name__)

UI_FONT_FILE = "NotoSansSC-Regular-GB2312.ttf"


def ui_font_path():
    return resources() / "fonts" / "ui" / UI_FONT_FILE


def load_ui_font(app: QApplication, point_size: int = 10) -> str | None:
    """Register the bundled Noto Sans SC subset and make it the application font.

    Returns the family name, or None when the font file is missing or unreadable (the UI then
    falls back to whatever the system has).
    """
    path = ui_font_path()
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("无法加载界面字体 %s", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    family = families[0]
    font = QFont(family, point_size)
    app.setFont(font)
    return family
