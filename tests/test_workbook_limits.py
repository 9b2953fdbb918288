"""Workbooks that used to cost gigabytes or import stale values (issue 15, problems 1 and 6)."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from sydw_desktop.errors import ImportRefused
from sydw_desktop.workbook import read_plan
from tests.fixtures.workbooks.builders import write_book

ROOT = Path(__file__).resolve().parent.parent
XFD = 16384


_MEASURED = """
import sys
from sydw_desktop.cli import main
try:
    code = main(sys.argv[1:])
finally:
    with open("/proc/self/status") as status:  # this program's own peak (ru_maxrss counts the forking parent's)
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    sys.stderr.write(f"\\nPEAK_KB {peak}\\n")
sys.exit(code)
"""


def _run_measured(args: list[str], tmp_path: Path) -> tuple[int, str, float]:
    """Run ``sydw args`` in a child limited to 2 GB of address space; exit code, stderr, peak MB."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    done = subprocess.run([sys.executable, "-c", _MEASURED, *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, preexec_fn=limit, check=False)
    stderr, _, peak = done.stderr.rpartition("PEAK_KB ")
    return done.returncode, stderr, int(peak.split()[0]) / 1024 if peak else float("inf")


def _workspace(tmp_path: Path) -> Path:
    path = tmp_path / "w.sydw"
    subprocess.run([sys.executable, "-m", "sydw_desktop", "new", str(path), "--name", "测试旗", "--code", "150102",
                    "--level", "旗县"], cwd=ROOT, check=True, capture_output=True)
    return path


def test_filled_cells_in_column_xfd_are_refused_early_and_cheaply(tmp_path: Path) -> None:
    book = write_book(tmp_path / "good.xlsx")
    wb = openpyxl.load_workbook(book)
    for row in range(20, 5020):
        wb["改革前单位"].cell(row, XFD, "x")
    wb.save(book)
    assert book.stat().st_size < 200_000
    code, stderr, peak = _run_measured(["import-units", str(_workspace(tmp_path)), str(book)], tmp_path)
    assert code == 2, stderr
    assert "改革前单位" in stderr and "XFD20、XFD21" in stderr and "等 5000 个" in stderr
    assert "Traceback" not in stderr
    assert peak < 250, f"{peak:.0f} MB"


def test_formatted_but_empty_cells_far_right_cost_nothing(tmp_path: Path) -> None:
    """Whole rows formatted out to XFD (common in real files): imported, memory by existing cells."""
    book = write_book(tmp_path / "good.xlsx")
    wb = openpyxl.load_workbook(book)
    for row in range(1, 5001):
        wb["改革后单位"].cell(row, XFD).font = Font(bold=True)
    wb.save(book)
    code, stderr, peak = _run_measured(["import-units", str(_workspace(tmp_path)), str(book)], tmp_path)
    assert code == 0, stderr
    assert peak < 250, f"{peak:.0f} MB"


def _with_cached_value(book: Path, out: Path, formula: str, value: str) -> None:
    """Copy ``book`` giving the formula cell its cached value, as Excel saves it."""
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                text = data.decode("utf-8")
                text = re.sub(r"(<f>" + re.escape(formula) + r"</f>)(<v\s*/>|<v></v>)?", rf"\1<v>{value}</v>", text)
                data = text.encode("utf-8")
            dst.writestr(info, data)


@pytest.mark.parametrize("formula", ["'D:\\旧表\\[去年.xlsx]Sheet1'!H2", "[1]Sheet1!H2"])
def test_formula_into_another_workbook_is_refused_naming_the_cell(tmp_path: Path, formula: str) -> None:
    book = write_book(tmp_path / "good.xlsx")
    wb = openpyxl.load_workbook(book)
    sheet = wb["改革前单位"]
    column = next(c.column_letter for c in sheet[1] if c.value == "核定编制")
    sheet[f"{column}2"] = f"={formula}"
    wb.save(book)
    linked = tmp_path / "linked.xlsx"
    _with_cached_value(book, linked, formula, "8")
    with zipfile.ZipFile(linked) as zf:
        assert any("<v>8</v>" in zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/"))
    with pytest.raises(ImportRefused) as caught:
        read_plan(linked)
    text = "\n".join(caught.value.problems)
    assert f"单元格 {column}2 的公式引用了另一个工作簿" in text and "改革前单位" in text


def test_formulas_inside_the_workbook_are_still_fine(tmp_path: Path) -> None:
    book = write_book(tmp_path / "good.xlsx")
    wb = openpyxl.load_workbook(book)
    sheet = wb["改革前单位"]
    column = next(c.column_letter for c in sheet[1] if c.value == "备注")
    sheet[f"{column}2"] = '="见[附件1]"&Sheet1!A1'  # brackets inside a string are no link
    wb.save(book)
    assert read_plan(book).before  # imported
