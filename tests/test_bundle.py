"""The PyInstaller one-folder bundle (build.spec) runs offline with everything inside.

Builds the bundle into a temporary folder (about a minute), then runs its two programs with an
empty environment — no virtualenv, no source tree on the path — as a clerk's PC would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), "build.spec"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    folder = work / "dist" / "sydw-desktop"
    assert (folder / "_internal" / "resources" / "rules").is_dir()
    assert (folder / "_internal" / "templates_docx" / "章程.docx").is_file()
    assert list((folder / "_internal" / "resources" / "fonts").glob("OFL-*.txt")), "font licences are shipped"
    return folder


def _clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    env.update(extra)
    return env


def _exe(folder: Path, name: str) -> str:
    return str(folder / (name + (".exe" if os.name == "nt" else "")))


def test_bundled_cli_writes_checks_and_exports_the_demo(bundle: Path, tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    sydw = _exe(bundle, "sydw")
    run = lambda *args: subprocess.run([sydw, *args], cwd=tmp_path, env=env, capture_output=True,  # noqa: E731
                                       text=True, timeout=300)
    assert run("demo", "demo.sydw").returncode == 0
    checked = run("check", "demo.sydw", "--json")
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["summary"]["error"] == 0 and report["rules_version"]
    assert len(json.loads(run("rules", "--json").stdout)["rules"]) == 42
    exported = run("export", "demo.sydw", "--out", "out", "--format", "pdf,xlsx", "--quiet")
    assert exported.returncode == 0, exported.stderr
    pdf = tmp_path / "out" / "改革方案.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # every font embedded
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "示例旗深化事业单位改革试点实施方案" in text


def test_bundled_gui_starts_with_the_demo(bundle: Path, tmp_path: Path) -> None:
    ready = tmp_path / "ready.json"
    env = _clean_env(tmp_path, QT_QPA_PLATFORM="offscreen", SYDW_READY_FILE=str(ready))
    proc = subprocess.Popen([_exe(bundle, "sydw-desktop"), "--demo"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert proc.poll() is None, proc.communicate()[1].decode(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "the bundled window never came up"
            time.sleep(0.05)
    finally:
        proc.terminate()
        proc.wait(20)
    shown = json.loads(ready.read_text(encoding="utf-8"))
    assert shown["workspace"].endswith(".sydw")
