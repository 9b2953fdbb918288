"""The core and the CLI run on a machine where PySide6 cannot be imported."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import sydw_desktop

ROOT = Path(__file__).resolve().parent.parent

# Runs a snippet with an import hook that makes any PySide6/shiboken import fail.
BLOCKER = """
import importlib.abc, sys
class _NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('PySide6 is blocked for this test')
        return None
sys.meta_path.insert(0, _NoQt())
"""


def _run(code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKER + code, *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_every_core_module_imports_without_qt(tmp_path: Path) -> None:
    modules = [m.name for m in pkgutil.walk_packages(sydw_desktop.__path__, "sydw_desktop.")]
    modules = [m for m in modules if not m.endswith("__main__")]
    assert "sydw_desktop.workspace" in modules and "sydw_desktop.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "import PySide6\n"
    )
    result = _run(code, cwd=tmp_path)
    assert "PySide6 is blocked for this test" in result.stderr  # the blocker works…
    assert result.stderr.count("Traceback") == 1  # …and only the final deliberate import failed


def test_cli_runs_without_qt(tmp_path: Path) -> None:
    cli = "import sys; from sydw_desktop.cli import main; sys.exit(main(sys.argv[1:]))"
    ws = tmp_path / "w.sydw"
    created = _run(cli, "new", str(ws), "--name", "无界面旗", "--code", "159997", "--level", "旗县", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert "已新建工作区" in created.stdout
    checked = _run(cli, "check", str(ws), "--json", cwd=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr
    assert json.loads(checked.stdout)["workspace"] == "无界面旗"
    demo = _run(cli, "demo", str(tmp_path / "demo.sydw"), cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
