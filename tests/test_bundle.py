"""The PyInstaller one-folder bundle (build.spec) runs offline with everything inside.

Builds the bundle once into a temporary folder (about a minute), then runs its two programs with
an empty environment — no virtualenv, no source tree on the path — as a clerk's PC would: both
self-tests with the network unavailable (``unshare -rn``), from a folder named in Chinese with a
space. The self-tests' lines are printed to the test log (past pytest's capture).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES = 250 * 1024 * 1024

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
    data = folder / "_internal" / "sydw_desktop" / "_data"
    assert (data / "resources" / "rules").is_dir()
    assert (data / "templates_docx" / "章程.docx").is_file()
    assert list((data / "resources" / "fonts").glob("OFL-*.txt")), "font licences are shipped"
    return folder


def _offline() -> tuple[list[str], str]:
    """The command prefix that takes the network away, and a note saying whether it could."""
    if shutil.which("unshare"):
        probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, text=True)
        if probe.returncode == 0:
            return ["unshare", "-rn"], "网络已断开（unshare -rn）"
        reason = probe.stderr.strip() or f"退出码 {probe.returncode}"
    else:
        reason = "没有 unshare 命令"
    return [], f"注意：无法断开网络（{reason}），自检在联网环境下运行"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


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
    rules = json.loads(run("rules", "--json").stdout)["rules"]
    assert len([r for r in rules if not r["id"].startswith(("doc.", "league."))]) == 42  # the spec's
    assert len([r for r in rules if r["id"].startswith("league.")]) == 4
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


def test_the_bundle_is_at_most_250_mb(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    size = _size(bundle)
    with capsys.disabled():
        print(f"\nbundle size: {size / 1024 / 1024:.0f} MB ({size} bytes)")
    assert size <= MAX_BYTES, f"{size / 1024 / 1024:.0f} MB"


@pytest.mark.parametrize("program", ["sydw", "sydw-desktop"])
def test_bundled_self_test_passes_offline(bundle: Path, tmp_path: Path, program: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "报送 材料"
    work.mkdir()
    prefix, note = _offline()
    env = _clean_env(tmp_path / "家 目录", TMPDIR=str(work))
    result = subprocess.run([*prefix, _exe(bundle, program), "--self-test"], cwd=work, env=env,
                            capture_output=True, text=True, timeout=600)
    lines = result.stdout.splitlines()
    with capsys.disabled():
        print(f"\n{program} --self-test（{note}）:", *lines, sep="\n  ")
    assert lines and lines[-1] == f"self-test: {len(lines) - 1} passed, 0 failed", result.stderr[-3000:]
    assert result.returncode == 0
    assert len(lines) - 1 == (7 if program == "sydw" else 9)
    assert not any(work.iterdir()), "the self-test leaves nothing behind"
