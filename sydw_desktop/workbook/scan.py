"""A streaming look at the data sheets' cells before openpyxl reads them.

Two things openpyxl would get wrong, found cell by cell without holding the sheet in memory:

- a filled cell far to the right (column XFD …): openpyxl pads every row to its last cell, so
  100,000 rows with one cell each in XFD would cost gigabytes. Cells beyond :data:`MAX_COLUMNS`
  that hold a value are refused, naming them; empty formatted cells there are ignored.
- a formula into another workbook (``[1]Sheet1!A1``, ``'D:\\\\表\\\\[旧.xlsx]Sheet1'!A1``): the
  file only keeps the value it had when last saved, which the import would take silently.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import Element, iterparse

from ..vocab import normalize_name
from .layout import DATA_SHEETS, MAX_COLUMNS

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"([A-Z]{1,3})(\d+)$")
#: a reference into another workbook: ``[n]`` or ``[book.xlsx]`` before a sheet name
_EXTERNAL = re.compile(r"\[[^\]]+\][^!\s]*!|\[\d+\]")
#: problems listed per sheet and kind before the rest are only counted
_SHOWN = 5


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _cells(zf: zipfile.ZipFile, part: str) -> Iterator[Element]:
    """Each ``<c>`` of a sheet's XML, cleared of what came before so memory stays flat."""
    with zf.open(part) as stream:
        parents: list[Element] = []
        for event, elem in iterparse(stream, events=("start", "end")):
            if event == "start":
                if elem.tag == f"{_NS}row" or elem.tag == f"{_NS}sheetData":
                    parents.append(elem)
                continue
            if elem.tag == f"{_NS}c":
                yield elem
            elif elem.tag == f"{_NS}row":
                elem.clear()
                parents.pop()
                if parents:
                    parents[-1].clear()  # sheetData keeps no finished rows


def _external(formula: str) -> bool:
    text = re.sub(r'"[^"]*"', "", formula)  # not inside string literals
    return bool(_EXTERNAL.search(text))


def scan_sheet(zf: zipfile.ZipFile, part: str, sheet: str) -> list[str]:
    """Problems of one sheet: filled cells beyond the last column read, formulas into other workbooks."""
    too_far: list[str] = []
    linked: list[str] = []
    shared_external: set[str] = set()
    for cell in _cells(zf, part):
        match = _REF.match(cell.get("r", ""))
        if match is None:
            continue
        ref = match.group(0)
        formula = cell.find(f"{_NS}f")
        if formula is not None:
            shared = formula.get("si") if formula.get("t") == "shared" else None
            if _external(formula.text or "") or (shared is not None and shared in shared_external):
                linked.append(ref)
                if shared is not None:
                    shared_external.add(shared)
        filled = cell.find(f"{_NS}v") is not None or cell.find(f"{_NS}is") is not None
        if filled and _column_number(match.group(1)) > MAX_COLUMNS:
            too_far.append(ref)
        cell.clear()
    problems = []
    if too_far:
        problems.append(
            f"工作表“{sheet}”在导入范围（前 {MAX_COLUMNS} 列）以外有内容：单元格 {_listed(too_far)}；"
            "请删除这些单元格的内容后再导入"
        )
    if linked:
        problems.append(
            f"工作表“{sheet}”的单元格 {_listed(linked)} 的公式引用了另一个工作簿（外部链接），"
            "文件中只存有上次保存时的旧值；请把这些单元格改为数值（复制后“选择性粘贴—数值”）再导入"
        )
    return problems


def _listed(refs: list[str]) -> str:
    shown = "、".join(refs[:_SHOWN])
    return shown if len(refs) <= _SHOWN else f"{shown} 等 {len(refs)} 个"


def scan_data_sheets(zf: zipfile.ZipFile, parts: dict[str, str]) -> list[str]:
    """:func:`scan_sheet` for each data sheet among ``parts`` (sheet name → zip member)."""
    wanted = {normalize_name(name) for name in DATA_SHEETS}
    names = set(zf.namelist())
    problems: list[str] = []
    for sheet, part in parts.items():
        if normalize_name(sheet) in wanted and part in names:
            problems.extend(scan_sheet(zf, part, sheet))
    return problems
