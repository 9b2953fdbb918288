"""The blank import template: sheets, headers, drop-down lists, and that it can be filled and imported."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sydw_desktop.errors import ImportRefused
from sydw_desktop.vocab import LabelEnum
from sydw_desktop.workbook import read_plan, write_template
from sydw_desktop.workbook.book import Lists
from tests.fixtures.workbooks.builders import (
    AFTER_HEADERS,
    BEFORE_HEADERS,
    TRANSFER_HEADERS,
    valid_after,
    valid_before,
    valid_transfers,
)

# The value lists of interfaces.md §3, spelled out independently of the program.
SPEC_LISTS = {
    "机构规格": ["正厅级", "副厅级", "正处级", "副处级", "正科级", "副科级", "股级", "不定规格"],
    "单位类别": ["承担行政职能", "从事生产经营活动", "公益一类", "公益二类", "未分类"],
    "服务对象": ["为机关提供支持保障", "面向社会提供公益服务"],
    "经费形式": ["财政全额拨款", "财政差额拨款", "经费自理"],
    "党组织形式": ["党委", "党总支", "党支部", "联合党支部", "无"],
    "改革方式": ["保留", "更名", "整合", "并入", "划转", "撤销", "转企改制", "职能划归行政机构", "转为行政机构"],
    "来源": ["新设"],
}
NUMBER_HEADERS = ["核定编制", "实有人数", "正职领导职数", "副职领导职数", "内设机构数", "党员人数"]
REQUIRED_BEFORE = ["单位名称", "主管部门", "机构规格", "单位类别", "经费形式", "核定编制", "实有人数", "改革方式"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(tmp_path_factory.mktemp("tpl") / "导入模板.xlsx")


def headers(sheet: Worksheet) -> list[str]:
    return [c.value for c in sheet[1] if c.value is not None]


def bare(header: str) -> str:
    return header.removesuffix("（必填）")


def validation_at(sheet: Worksheet, cell: str) -> DataValidation:
    found = [dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, f"{sheet.title}!{cell} has {len(found)} validations"
    return found[0]


def list_values(book: Workbook, dv: DataValidation) -> list[str]:
    """The choices of a list validation, inline or by reference to a range."""
    assert dv.type == "list"
    formula = dv.formula1
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_name, ref = formula.split("!")
    return [c.value for (c,) in book[sheet_name.strip("'")][ref.replace("$", "")]]


def test_template_sheets_and_headers(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["填写说明", "基本信息", "改革前单位", "改革后单位", "人员转隶", "_lists"]
    assert book["_lists"].sheet_state == "hidden"
    assert book.active.title == "填写说明"
    assert [bare(h) for h in headers(book["改革前单位"])] == BEFORE_HEADERS
    assert [bare(h) for h in headers(book["改革后单位"])] == AFTER_HEADERS
    assert [bare(h) for h in headers(book["人员转隶"])] == TRANSFER_HEADERS
    marked = [bare(h) for h in headers(book["改革前单位"]) if h.endswith("（必填）")]
    assert marked == REQUIRED_BEFORE
    assert "实有人数" not in [bare(h) for h in headers(book["改革后单位"]) if h.endswith("（必填）")]
    assert [c.value for (c,) in book["基本信息"]["A1:A5"]] == ["行政区划名称", "行政区划代码", "层级", "机构限额", "事业编制总量"]
    for name in ("改革前单位", "改革后单位", "人员转隶"):
        sheet = book[name]
        assert sheet.freeze_panes == "B2"
        assert all(c.font.b for c in sheet[1] if c.value)
        assert sheet.column_dimensions["A"].width >= 30  # unit names are long
        assert sheet.max_row == 1  # no data


def test_template_drop_down_lists_and_number_validation(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    for name in ("改革前单位", "改革后单位"):
        sheet = book[name]
        columns = {bare(c.value): c.column_letter for c in sheet[1] if c.value}
        for header, values in SPEC_LISTS.items():
            if header not in columns:
                continue
            dv = validation_at(sheet, f"{columns[header]}2")
            assert list_values(book, dv) == values, (name, header)
            assert f"{columns[header]}1048576" in dv.sqref and f"{columns[header]}1" not in dv.sqref
        for header in NUMBER_HEADERS:
            dv = validation_at(sheet, f"{columns[header]}500")
            assert (dv.type, dv.operator, dv.formula1) == ("whole", "between", "0")
    assert "改革方式" in {bare(c.value) for c in book["改革前单位"][1]}
    assert "来源" not in {bare(c.value) for c in book["改革前单位"][1]}
    count = validation_at(book["人员转隶"], "C2")
    assert (count.type, count.formula1) == ("whole", "1")
    assert list_values(book, validation_at(book["基本信息"], "B3")) == ["自治区", "盟市", "旗县"]
    assert validation_at(book["基本信息"], "B4").type == "whole"


def test_guide_explains_every_column(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    guide = book["填写说明"]
    rows = [[c.value or "" for c in row] for row in guide.iter_rows()]
    text = "\n".join("|".join(str(v) for v in row) for row in rows)
    for sheet, names in (("改革前单位", BEFORE_HEADERS), ("改革后单位", AFTER_HEADERS), ("人员转隶", TRANSFER_HEADERS)):
        described = {bare(r[1]) for r in rows if r[0] == sheet}
        assert described == set(names), sheet
    described_info = {r[1] for r in rows if r[0] == "基本信息"}
    assert described_info == {"行政区划名称", "行政区划代码", "层级", "机构限额", "事业编制总量"}
    assert "必填" in text and "示例" in text and "另存为 .xlsx" in text
    assert "保留、更名、整合、并入、划转" in text
    change_row = next(r for r in rows if r[0] == "改革前单位" and bare(r[1]) == "改革方式")
    assert change_row[4] == "、".join(SPEC_LISTS["改革方式"])


def test_blank_template_is_refused_clearly(template: Path) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_plan(template)
    assert caught.value.problems == ["改革前单位：没有任何单位，请从表头下一行起每行填写一个改革前单位"]


def test_filled_template_imports(template: Path, tmp_path: Path) -> None:
    """A clerk's workflow: open the template, type rows under the marked headers, save, import."""
    book = openpyxl.load_workbook(template)
    for name, rows in (("改革前单位", valid_before()), ("改革后单位", valid_after()), ("人员转隶", valid_transfers())):
        sheet = book[name]
        order = [bare(c.value) for c in sheet[1]]
        for r, row in enumerate(rows, start=2):
            for col, header in enumerate(order, start=1):
                sheet.cell(r, col, row.get(header))
    for r, value in enumerate(["测试旗", "150102", "旗县", 10, 200], start=1):
        book["基本信息"].cell(r, 2, value)
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    plan = read_plan(filled)
    assert [u.name for u in plan.before] == [r["单位名称"] for r in valid_before()]
    assert [u.is_new for u in plan.after] == [False, False, True]
    assert len(plan.transfers) == 3
    assert plan.jurisdiction is not None and plan.jurisdiction.code == "150102"


class _ShortList(LabelEnum):
    ONE = "一"
    TWO = "二"


class _LongList(LabelEnum):
    """A list whose inline form exceeds Excel's 255 characters."""

    A = "甲" * 60
    B = "乙" * 60
    C = "丙" * 60
    D = "丁" * 60
    E = "戊" * 60


def test_long_lists_refer_to_the_hidden_lists_sheet(tmp_path: Path) -> None:
    book = Workbook()
    lists = Lists(book)
    short = lists.formula(_ShortList, "短")
    long = lists.formula(_LongList, "长")
    assert short.startswith('"')
    assert long == "'_lists'!$B$2:$B$6"
    sheet = book.active
    dv = DataValidation(type="list", formula1=long)
    sheet.add_data_validation(dv)
    dv.add("A2:A10")
    path = tmp_path / "long.xlsx"
    book.save(path)
    reopened = openpyxl.load_workbook(path)
    assert list_values(reopened, reopened.active.data_validations.dataValidation[0]) == _LongList.labels()
