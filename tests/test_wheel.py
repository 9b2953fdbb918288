"""The installed package works, not only the checkout: wheel → fresh virtualenv → the whole chain.

Builds the wheel from a copy of the project's files (the checkout is left untouched), installs it
into a new virtualenv and runs ``sydw demo / check / export / keygen / pack / verify`` and
``sydw-desktop --demo`` from an unrelated folder whose name has Chinese characters and a space,
with a clean environment (no PYTHONPATH, a fresh HOME). The wheel itself is installed with
``--no-deps``; its dependencies come from the test virtualenv through a ``.pth`` line (they are
big, e.g. PySide6, and already installed) — the ``.pth`` adds that folder to ``sys.path`` without
running its own ``.pth`` files, so the editable install of the checkout stays invisible. The test
checks that the program really ran from the new virtualenv and read its data from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md",
           "sydw_desktop", "ui", "resources", "templates_docx")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "_data"))
        else:
            shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(out), str(src)],
        capture_output=True, text=True, timeout=600,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    (path,) = out.glob("sydw_desktop-*.whl")
    return path


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("venv") / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120)
    python = folder / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "test-dependencies.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True, text=True, timeout=600,
    )
    assert installed.returncode == 0, installed.stderr[-4000:]
    return folder


def test_the_wheel_carries_the_data_folders(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for relative in [*(p.relative_to(ROOT) for p in (ROOT / "resources").rglob("*") if p.is_file()),
                     *(p.relative_to(ROOT) for p in (ROOT / "templates_docx").glob("*.docx"))]:
        if "__pycache__" not in relative.parts:
            assert f"sydw_desktop/_data/{relative.as_posix()}" in names
    assert {"ui/app.py", "ui/session/session.py", "sydw_desktop/cli/__init__.py"} <= names


def _env(venv: Path, home: Path, **extra: str) -> dict[str, str]:
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "SYDW_USER": "测试员", "SYDW_PASSPHRASE": "自检口令 123"}
    env.update(extra)
    return env


def test_the_installed_program_runs_the_whole_chain(venv: Path, tmp_path: Path) -> None:
    work = tmp_path / "报送 材料"
    work.mkdir()
    env = _env(venv, tmp_path / "home")

    def sydw(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(venv / "bin" / "sydw"), *args], cwd=work, env=env,
                              capture_output=True, text=True, timeout=600)

    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import sydw_desktop.paths as p, ui.app as a; print(p.__file__); print(a.__file__); print(p.resources())"],
        cwd=work, env=env, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    assert all(Path(line).is_relative_to(venv) for line in where), where
    assert ROOT not in Path(where[0]).parents
    assert Path(where[2]).match("site-packages/sydw_desktop/_data/resources") and Path(where[2]).is_dir()

    assert sydw("demo", "示例 旗.sydw").returncode == 0
    checked = sydw("check", "示例 旗.sydw", "--json")
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["summary"]["error"] == 0
    exported = sydw("export", "示例 旗.sydw", "--out", "导出 文书", "--quiet")
    assert exported.returncode == 0, exported.stderr
    assert (work / "导出 文书" / "改革方案.pdf").stat().st_size > 10_000
    assert (work / "导出 文书" / "改革方案.docx").is_file()
    keygen = sydw("keygen", "--org", "示例旗机构编制委员会办公室", "--workspace", "示例 旗.sydw", "--out", "本机关 身份.p12")
    assert keygen.returncode == 0, keygen.stderr
    packed = sydw("pack", "示例 旗.sydw", "--key", "本机关 身份.p12", "--out", "报送 包.zip")
    assert packed.returncode == 0, packed.stderr
    verified = sydw("verify", "报送 包.zip", "--trust", "本机关 身份.cert.pem", "--json")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert json.loads(verified.stdout)["trusted"] is True


def test_the_installed_desktop_program_opens_the_demo(venv: Path, tmp_path: Path) -> None:
    ready = tmp_path / "ready.json"
    env = _env(venv, tmp_path / "home", QT_QPA_PLATFORM="offscreen", SYDW_READY_FILE=str(ready))
    proc = subprocess.Popen([str(venv / "bin" / "sydw-desktop"), "--demo"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert proc.poll() is None, proc.communicate()[1].decode(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "the installed program's window never came up"
            time.sleep(0.05)
    finally:
        proc.terminate()
        proc.wait(20)
    assert json.loads(ready.read_text(encoding="utf-8"))["workspace"].endswith(".sydw")
    assert os.listdir(tmp_path / "home" / ".local" / "share" / "sydw" / "demo")  # user data under HOME
