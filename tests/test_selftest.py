"""``sydw --self-test`` and ``sydw-desktop --self-test`` from the source tree.

The full runs go through real processes started in a folder whose name has Chinese characters and
a space (also the temporary folder they work in); the tally and the exit code are checked, and
that a failing step makes the self-test fail.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from sydw_desktop import selftest
from sydw_desktop.cli import main as sydw_main
from sydw_desktop.selftest import Chain, StepFailed, pdf_page_step

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], work: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(work), "PYTHONPATH": str(ROOT), **extra}
    return subprocess.run([sys.executable, *args], cwd=work, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "报送 材料"
    folder.mkdir()
    return folder


@pytest.mark.slow
def test_cli_self_test_passes_in_a_chinese_folder_with_a_space(work: Path) -> None:
    result = _run(["-m", "sydw_desktop", "--self-test"], work)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert lines[-1] == "self-test: 7 passed, 0 failed"
    assert [line.split("：")[0] for line in lines[:-1]] == [
        f"[{i}/7] {name}" for i, (name, _) in enumerate(selftest.CORE_STEPS, start=1)
    ]
    assert "文件 160 个" in lines[2] and "字体" in lines[6]
    assert not any(work.iterdir()), "the self-test leaves nothing behind"


@pytest.mark.slow
def test_gui_self_test_passes_offscreen(work: Path) -> None:
    result = _run(["-c", "import sys; from ui.app import main; sys.exit(main(['--self-test']))"], work,
                  QT_QPA_PLATFORM="xcb")  # the self-test itself switches to offscreen
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert lines[-1] == "self-test: 9 passed, 0 failed"
    assert "用 QtPdf 渲染 PDF 页面：通过" in lines[7] and "打开并关闭主窗口：通过" in lines[8]


def test_a_failing_step_fails_the_self_test_and_stops_the_chain(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    def fine(chain: Chain) -> str:
        assert chain.folder.is_dir() and chain.folder.name == selftest.FOLDER_NAME
        return "好"

    def broken(_chain: Chain) -> str:
        raise StepFailed("坏了")

    def crashing(_chain: Chain) -> str:
        raise ZeroDivisionError("除以零")

    monkeypatch.setattr(selftest, "CORE_STEPS", [("第一步", fine), ("第二步", broken), ("第三步", fine)])
    out = io.StringIO()
    assert selftest.run([("第四步", fine)], out=out, folder=tmp_path) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[1/4] 第一步：通过 — 好")
    assert lines[1] == "[2/4] 第二步：失败 — 坏了"
    assert lines[2] == "[3/4] 第三步：未运行（“第二步”失败）"
    assert lines[3] == "[4/4] 第四步：未运行（“第二步”失败）"
    assert lines[-1] == "self-test: 1 passed, 3 failed"
    assert list(tmp_path.iterdir()) == [], "the temporary folder is removed"

    monkeypatch.setattr(selftest, "CORE_STEPS", [("第一步", crashing)])
    out = io.StringIO()
    assert selftest.run(out=out, folder=tmp_path) == 1
    assert out.getvalue().splitlines() == ["[1/1] 第一步：失败 — ZeroDivisionError: 除以零",
                                           "self-test: 0 passed, 1 failed"]


def test_the_pdf_step_refuses_a_page_whose_font_is_not_embedded(tmp_path: Path) -> None:
    pdf = tmp_path / "改革方案.pdf"
    canvas = Canvas(str(pdf), pagesize=(595.28, 841.89))
    canvas.setFont("Helvetica", 12)  # one of the 14 standard fonts: never embedded
    canvas.drawString(72, 720, "not embedded")
    canvas.save()
    with pytest.raises(StepFailed, match="字体未嵌入：/Helvetica"):
        pdf_page_step(Chain(tmp_path, first_pdf=pdf))

    letter = tmp_path / "letter.pdf"
    canvas = Canvas(str(letter), pagesize=(612, 792))
    canvas.drawString(72, 720, "US Letter")
    canvas.save()
    with pytest.raises(StepFailed, match="不是 A4"):
        pdf_page_step(Chain(tmp_path, first_pdf=letter))


def test_self_test_goes_alone(capsys: pytest.CaptureFixture[str]) -> None:
    assert sydw_main(["--self-test", "rules"]) == 2
    assert "--self-test 要单独使用" in capsys.readouterr().err
