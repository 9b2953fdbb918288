"""``sydw-desktop [WS.sydw] [--demo] [--self-test]``: start the GUI.

``--demo`` writes a fresh copy of the bundled demo workspace (示例旗) into a temporary folder and
opens it; the copy is removed when the window closes. ``--self-test`` runs the self-test offscreen
(``ui/selftest.py``) and exits with its result.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

_STARTED = time.monotonic()


def process_age() -> float:
    """Seconds since this process started (from /proc where there is one, else since import)."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        with open("/proc/self/stat", encoding="ascii") as handle:
            start_ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return max(0.0, uptime - start_ticks / ticks)
    except (OSError, ValueError, IndexError, AttributeError):
        return time.monotonic() - _STARTED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sydw-desktop", description="事业单位改革材料编审系统（离线版）")
    parser.add_argument("workspace", nargs="?", help="要打开的工作区文件（.sydw）")
    parser.add_argument("--demo", action="store_true", help="打开一份新的示例工作区（示例旗）")
    parser.add_argument("--self-test", action="store_true",
                        help="自检（不显示窗口）：走一遍 示例→检查→导出→签名→打包→校验→渲染→主窗口，逐步报告结果")
    return parser


def demo_template() -> Path:
    """The pristine demo workspace, written once by ``write_demo`` per demo data and schema.

    It is kept in the user data folder, so that ``--demo`` only copies a file instead of building
    the workspace (one committed transaction per document) at every start.
    """
    from sydw_desktop.demo import demo_data, write_demo
    from sydw_desktop.paths import user_data_dir
    from sydw_desktop.store.schema import MIGRATIONS

    # keyed by the schema's text, not only its version: two builds with the same version number but
    # different tables (branches of one version) must not share a template
    payload = json.dumps([MIGRATIONS, demo_data()], ensure_ascii=False, sort_keys=True, default=str)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
    folder = user_data_dir() / "demo"
    template = folder / f"示例旗-{digest}.sydw"
    if not template.exists():
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="sydw-demo-build-"))
        try:
            write_demo(staging / template.name)
            os.replace(staging / template.name, template)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return template


def write_demo_copy() -> Path:
    """A fresh copy of the demo workspace in a new temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="sydw-demo-"))
    path = folder / "示例旗（示例）.sydw"
    from sydw_desktop.errors import SydwError

    try:
        shutil.copyfile(demo_template(), path)
    except (OSError, SydwError):  # no writable user data folder: build the copy in place
        from sydw_desktop.demo import write_demo

        path.unlink(missing_ok=True)
        write_demo(path)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    if args.self_test:
        from .selftest import main as self_test

        return self_test()
    demo: Future[Path] | None = None
    if args.demo:
        # Copy the demo (the first time: build its template, mostly waiting for the disk) while Qt
        # loads and the window is built.
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sydw-demo")
        demo = pool.submit(write_demo_copy)
        pool.shutdown(wait=False)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from sydw_desktop.logs import logger
    from ui.fonts import load_ui_font
    from ui.mainwindow import MainWindow

    # Checks and the opening run on worker threads; hand the interpreter back to the GUI thread
    # every millisecond (default 5 ms), so a timer or a key press never waits behind them.
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("sydw-desktop")
    app.setApplicationDisplayName("事业单位改革材料编审系统（离线版）")
    app.setOrganizationName("sydw")
    load_ui_font(app)

    window = MainWindow()
    sys.excepthook = lambda _t, value, _tb: window.show_unexpected(value)
    demo_folder: Path | None = None
    if demo is not None:
        try:
            path = demo.result()
        except Exception as err:  # shown, never a traceback
            window.show_unexpected(err)
        else:
            demo_folder = path.parent
            window.open_workspace(path, remember=False)
    window.show()
    if args.workspace:
        # the window first; the workspace opens on the worker, with its progress in the status bar
        window.open_in_background(Path(args.workspace))

    def shown() -> None:
        seconds = process_age()
        opened = window.session.ws.path if window.session else window.opening
        logger().info("sydw-desktop shown in %.3f s (workspace: %s)", seconds, opened or "-")
        ready = os.environ.get("SYDW_READY_FILE")
        if ready:
            # written whole, then renamed: a watcher never reads a half-written file
            part = Path(ready + ".part")
            part.write_text(json.dumps({
                "seconds": round(seconds, 3),
                "workspace": str(opened) if opened else None,
            }, ensure_ascii=False), encoding="utf-8")
            os.replace(part, ready)

    QTimer.singleShot(0, shown)
    code = app.exec()
    if demo_folder is not None:
        window.close_workspace()
        shutil.rmtree(demo_folder, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
