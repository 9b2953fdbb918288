"""Running a scenario script in its own process on the Xvfb display (no Qt imported here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from xdisplay import xcb_env


def run_scenario(script: Path, out: Path, display: str, data_home: Path, timeout: float) -> dict[str, Any]:
    """Run ``script OUT`` on ``display``; return the ``result.json`` it wrote (it must exit 0)."""
    proc = subprocess.run(
        [sys.executable, str(script), str(out)],
        env=xcb_env(display, XDG_DATA_HOME=str(data_home)),
        capture_output=True, text=True, timeout=timeout,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads((out / "result.json").read_text(encoding="utf-8"))
