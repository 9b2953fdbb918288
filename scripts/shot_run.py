"""What the screenshot scripts share: a display, the app with the UI font, a scratch folder, the main
window, opening a workspace and waiting for its check, and saving a widget as ``OUT/PREFIX-NAME.png``.

A script's ``main(out)`` runs through :func:`run_on_display`: on the display the environment names
when ``QT_QPA_PLATFORM=xcb`` and ``DISPLAY`` are set, otherwise again in a child process on an Xvfb
display of its own (tests/xdisplay.py, as the end-to-end tests use), stopped when the child is done.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from tests.eventloop import wait  # noqa: E402
from tests.xdisplay import xcb_env, xvfb  # noqa: E402
from ui.fonts import load_ui_font  # noqa: E402
from ui.mainwindow import MainWindow  # noqa: E402
from ui.session.session import WorkspaceSession  # noqa: E402
from ui.settings import AppSettings  # noqa: E402


def run_on_display(main: Callable[[Path], int], default_out: str) -> int:
    """``main(OUT)`` with OUT the first argument (else ``default_out``), on a real X display."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else default_out)
    if os.environ.get("QT_QPA_PLATFORM") == "xcb" and os.environ.get("DISPLAY"):
        return main(out)
    with xvfb("1600x1000") as display:
        return subprocess.run([sys.executable, *sys.argv[:1], str(out)], env=xcb_env(display), check=False).returncode


class ShotRun:
    """The app and a 1400×900 main window; :meth:`shot` saves ``OUT/PREFIX-NAME.png``."""

    def __init__(self, out: Path, prefix: str) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out, self.prefix = out, prefix
        self.app = QApplication(sys.argv[:1])
        load_ui_font(self.app)
        self.tmp = Path(tempfile.mkdtemp(prefix=f"sydw-{prefix}-shots-"))
        settings = AppSettings(QSettings(str(self.tmp / "settings.ini"), QSettings.Format.IniFormat))
        self.window = MainWindow(settings, check_delay_ms=100)
        self.window.resize(1400, 900)
        self.window.show()

    def shot(self, widget: QWidget, name: str) -> None:
        """Let ``widget`` settle and paint, then save what it shows."""
        widget.move(40, 40)
        widget.raise_()
        for _ in range(5):
            QApplication.processEvents()
            time.sleep(0.1)
        widget.grab().save(str(self.out / f"{self.prefix}-{name}.png"))
        print("saved", name)

    def open(self, path: Path, timeout: float = 180.0) -> WorkspaceSession:
        """Open ``path`` in the window and wait for its first check."""
        assert self.window.open_workspace(path, remember=False), self.window.last_error
        session = self.window.session
        assert session is not None
        wait("检查", lambda: session.report is not None and not session.checker.pending, timeout=timeout)
        return session
