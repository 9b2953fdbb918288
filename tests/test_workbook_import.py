"""Importing the §3 workbook: the example workbooks (own and shared), every refusal case, and the reading tolerances."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from examples import ExampleBook, own_book

from sydw_desktop.errors import ImportRefused
from sydw_desktop.model import Jurisdiction
from sydw_desktop.vocab import Disposition, Level, Phase
from sydw_desktop.workbook import (
    import_workbook,
    import_workbook_with_notes,
    read_plan,
    read_plan_with_notes,
    read_workbook,
)
from sydw_desktop.workbook import sheets as sheets_module
from sydw_desktop.workspace import Workspace
from tests.fixtures.workbooks.builders import (
    AFTER_HEADERS,
    BEFORE_HEADERS,
    TRANSFER_HEADERS,
    fill_sheet,
    unit_row,
    valid_after,
    valid_before,
    valid_transfers,
    write_book,
)

FIXTURES = Path(__file__).parent / "fixtures" / "workbooks"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """A workspace that already holds a plan, so 'unchanged' means something."""
    workspace = Workspace.create(tmp_path / "w.sydw", Jurisdiction("测试旗", "150102", Level.BANNER, 10, 200))
    import_workbook(workspace, write_book(tmp_path / "good.xlsx"))
    yield workspace
    workspace.close()


def refused(ws: Workspace, path: Path) -> list[str]:
    """Import ``path``, expect a refusal, check nothing changed, return the problems."""
    before, log, undo = ws.snapshot(), len(ws.changelog()), ws.undo_name
    file_bytes = ws.path.read_bytes()
    with pytest.raises(ImportRefused) as caught:
        import_workbook(ws, path)
    assert ws.snapshot() == before
    assert len(ws.changelog()) == log
    assert ws.undo_name == undo
    assert ws.path.read_bytes() == file_bytes
    assert caught.value.source == path.name
    assert f"{len(caught.value.problems)} 处问题" in caught.value.message
    return caught.value.problems


# --- the example workbooks (own and shared) ------------------------------------------------------


def test_example_imports_with_its_totals(example_book: ExampleBook, tmp_path: Path) -> None:
    plan, notes = read_plan_with_notes(example_book.path)
    assert (len(plan.before), sum(u.staffing for u in plan.before)) == example_book.before
    assert (len(plan.after), sum(u.staffing for u in plan.after)) == example_book.after
    assert plan.jurisdiction == example_book.jurisdiction
    old, new = example_book.renamed
    assert plan.destinations[old] == new
    assert example_book.without_destination not in plan.destinations
    assert tuple(t.placement.label for t in plan.transfers if t.target is None) == \
        example_book.placements_without_target
    assert notes == []

    with Workspace.create(tmp_path / "s.sydw", example_book.jurisdiction) as ws:
        changes = import_workbook(ws, example_book.path)
        assert changes.operation == "导入 Excel" and changes.units
        assert len(ws.units(Phase.BEFORE)) == example_book.before[0]
        assert len(ws.units(Phase.AFTER)) == example_book.after[0]
        keep = ws.find_unit(Phase.BEFORE, example_book.too_small)
        assert keep is not None and keep.disposition is Disposition.KEEP
        assert keep.destination == ws.find_unit(Phase.AFTER, example_book.too_small).id  # type: ignore[union-attr]
        assert len(ws.transfers()) == example_book.transfers
        assert ws.undo_name == "导入 Excel"


def test_import_then_undo_restores_the_empty_workspace_in_one_step(tmp_path: Path) -> None:
    book = own_book()
    with Workspace.create(tmp_path / "u.sydw", Jurisdiction(book.jurisdiction.name, book.jurisdiction.code,
                                                            Level.BANNER)) as ws:
        empty = ws.snapshot()
        import_workbook(ws, book.path)
        assert ws.snapshot() != empty
        ws.undo()
        assert ws.snapshot() == empty
        assert ws.undo_name is None
        ws.redo()
        assert len(ws.units(Phase.BEFORE)) == book.before[0]
        assert ws.jurisdiction().staff_cap == book.jurisdiction.staff_cap


# --- refusals, one per case ----------------------------------------------------------------------


def test_missing_sheet(ws: Workspace, tmp_path: Path) -> None:
    problems = refused(ws, write_book(tmp_path / "b.xlsx", omit=["改革后单位"]))
    assert problems == ["改革后单位：工作簿中没有这张工作表（必需；工作表名称须为“改革后单位”）"]


def test_missing_required_header(ws: Workspace, tmp_path: Path) -> None:
    headers = [h for h in BEFORE_HEADERS if h != "核定编制"]
    problems = refused(ws, write_book(tmp_path / "b.xlsx", before_headers=headers))
    assert problems == ["改革前单位 / 第1行 / 核定编制：缺少必需的列"]


def test_text_in_a_number_column(ws: Workspace, tmp_path: Path) -> None:
    before = valid_before()
    before[1]["核定编制"] = "十二"
    problems = refused(ws, write_book(tmp_path / "b.xlsx", before=before))
    assert problems == ["改革前单位 / 第3行 / 核定编制：“十二”不是整数"]


def test_value_outside_its_list(ws: Workspace, tmp_path: Path) -> None:
    after = valid_after()
    after[0]["机构规格"] = "科级"
    problems = refused(ws, write_book(tmp_path / "b.xlsx", after=after))
    assert problems == [
        "改革后单位 / 第2行 / 机构规格：“科级”不在可选值中"
        "（可选：正厅级、副厅级、正处级、副处级、正科级、副科级、股级、不定规格）"
    ]


def test_destination_that_names_nothing(ws: Workspace, tmp_path: Path) -> None:
    before = valid_before()
    before[2]["去向单位"] = "测试旗文化中心"
    problems = refused(ws, write_book(tmp_path / "b.xlsx", before=before))
    assert problems == ["改革前单位 / 第4行 / 去向单位：“测试旗文化中心”不是“改革后单位”表中的单位"]


def test_duplicate_unit_names_list_both_rows(ws: Workspace, tmp_path: Path) -> None:
    before = [*valid_before(), unit_row("测试旗畜牧工作站", 3, 改革方式="撤销")]
    after = [*valid_after(), unit_row("测试旗（东区）服务站", 5, 来源="新设"), unit_row(" 测试旗(东区)服务站", 5, 来源="新设")]
    problems = refused(ws, write_book(tmp_path / "b.xlsx", before=before, after=after))
    assert problems == [
        "改革前单位 / 第6行 / 单位名称：单位名称“测试旗畜牧工作站”与第3行重复（第3行、第6行）",
        "改革后单位 / 第6行 / 单位名称：单位名称“测试旗(东区)服务站”与第5行重复（第5行、第6行）",
    ]


def test_merged_cells_in_the_data_area(ws: Workspace, tmp_path: Path) -> None:
    path = write_book(tmp_path / "b.xlsx")
    book = openpyxl.load_workbook(path)
    book["改革前单位"].merge_cells("H3:H4")
    book.save(path)
    problems = refused(ws, path)
    assert "改革前单位 / 第3行 / 核定编制：合并单元格 H3:H4 位于数据区，请取消合并并在每个单元格中分别填写" in problems
    assert "改革前单位 / 第4行 / 核定编制：必须填写，不能为空" in problems


def test_merged_title_above_the_header_is_accepted(tmp_path: Path) -> None:
    path = write_book(tmp_path / "b.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["改革前单位"]
    sheet.insert_rows(1, 2)
    sheet["A1"] = "测试旗事业单位改革前情况表"
    sheet.merge_cells("A1:R1")
    book.save(path)
    plan = read_plan(path)
    assert [u.name for u in plan.before] == [r["单位名称"] for r in valid_before()]


def test_empty_file(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert refused(ws, path) == ["文件：文件是空的（0 字节），不是 Excel 工作簿"]


def test_corrupt_zip(ws: Workspace, tmp_path: Path) -> None:
    good = write_book(tmp_path / "good2.xlsx").read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good[: len(good) // 2])
    [problem] = refused(ws, truncated)
    assert problem.startswith("文件：文件已损坏（不是完整的 zip 格式）")

    damaged = tmp_path / "damaged.xlsx"  # a member's compressed bytes overwritten: CRC mismatch
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        info = zf.getinfo("xl/worksheets/sheet2.xml")
    data = bytearray(good)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10 : start + 40] = b"\x00" * 30
    damaged.write_bytes(bytes(data))
    [problem] = refused(ws, damaged)
    assert problem.startswith("文件：") and "损坏" in problem


def test_files_that_are_not_workbooks(ws: Workspace, tmp_path: Path) -> None:
    pdf = tmp_path / "方案.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    assert refused(ws, pdf) == ["文件：这是 PDF 文件，不是 Excel 工作簿（.xlsx）"]

    text = tmp_path / "清单.xlsx"
    text.write_text("单位名称,主管部门\n测试旗文化馆,测试旗文旅局\n", encoding="utf-8")
    [problem] = refused(ws, text)
    assert problem.startswith("文件：文件不是 Excel 工作簿（.xlsx）") and "另存为" in problem

    docx = tmp_path / "报告.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    [problem] = refused(ws, docx)
    assert "不是 Excel 工作簿（.xlsx）" in problem


def test_other_spreadsheet_formats_ask_to_save_as_xlsx(ws: Workspace, tmp_path: Path) -> None:
    [xls] = refused(ws, FIXTURES / "legacy.xls")
    assert "Excel 97-2003" in xls and "另存为" in xls and ".xlsx" in xls

    csv = tmp_path / "units.csv"
    csv.write_text("单位名称,主管部门\n测试旗文化馆,测试旗文旅局\n", encoding="utf-8")
    [problem] = refused(ws, csv)
    assert "CSV" in problem and "另存为" in problem


def test_password_protected_workbook(ws: Workspace) -> None:
    [problem] = refused(ws, FIXTURES / "encrypted.xlsx")
    assert problem == "文件：工作簿设置了打开密码（已加密），无法读取；请取消密码后另存为 .xlsx 再导入"


def test_file_far_too_large(ws: Workspace, tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with big.open("wb") as fh:  # sparse: instant, takes no disk
        fh.truncate(51 * 1024 * 1024)
    [problem] = refused(ws, big)
    assert problem == "文件：文件过大（51.0 MB），导入文件不能超过 50 MB"


def test_zip_bomb_is_refused_before_parsing(ws: Workspace, tmp_path: Path) -> None:
    path = write_book(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/padding.bin", b"\x00" * (20 * 1024 * 1024))
    [problem] = refused(ws, path)
    assert problem.startswith("文件：工作簿内部文件“xl/media/padding.bin”压缩比异常")


def test_too_many_rows(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheets_module, "MAX_DATA_ROWS", 3)
    problems = refused(ws, write_book(tmp_path / "b.xlsx"))
    assert "改革前单位 / 第5行：数据行超过上限 3 行，工作簿过大，拒绝导入" in problems


def test_every_problem_is_reported(ws: Workspace, tmp_path: Path) -> None:
    before = valid_before()
    before[0]["核定编制"] = "十二"
    before[1]["经费形式"] = "全额"
    before[2]["去向单位"] = None
    before[3]["主管部门"] = None
    after = [*valid_after(), unit_row("测试旗文化馆", 1)]
    after[0]["实有人数"] = -2
    transfers = [
        *valid_transfers(),
        {"原单位": "测试旗不存在站", "去向": "退休", "人数": 1},
        {"原单位": "测试旗文化馆", "去向": "外地", "人数": 0},
    ]
    info = {"行政区划名称": "测试旗", "行政区划代码": "15010", "层级": "县"}
    problems = refused(ws, write_book(tmp_path / "b.xlsx", before=before, after=after,
                                      transfers=transfers, info=info))
    assert problems == [
        "基本信息 / 第2行 / 行政区划代码：“15010”不是 6 位数字的行政区划代码",
        "基本信息 / 第3行 / 层级：“县”不在可选值中（可选：自治区、盟市、旗县）",
        "改革前单位 / 第2行 / 核定编制：“十二”不是整数",
        "改革前单位 / 第3行 / 经费形式：“全额”不在可选值中（可选：财政全额拨款、财政差额拨款、经费自理）",
        "改革前单位 / 第4行 / 去向单位：改革方式为“保留”的单位必须填写去向单位（“改革后单位”表中的单位名称）",
        "改革前单位 / 第5行 / 主管部门：必须填写，不能为空",
        "改革后单位 / 第2行 / 实有人数：“-2”不能为负数",
        "改革后单位 / 第5行 / 单位名称：单位名称“测试旗文化馆”与第3行重复（第3行、第5行）",
        "人员转隶 / 第5行 / 原单位：“测试旗不存在站”不是“改革前单位”表中的单位",
        "人员转隶 / 第6行 / 去向：“外地”既不是“改革后单位”表中的单位，也不是转企、退休、其他安置、划入行政机关之一",
        "人员转隶 / 第6行 / 人数：“0”不能小于 1",
    ]


# --- tolerance ------------------------------------------------------------------------------------


def test_headers_tolerate_spaces_brackets_required_marks_and_order(tmp_path: Path) -> None:
    plain = read_plan(write_book(tmp_path / "plain.xlsx"))
    written = {"单位名称": " 单位名称（必填） ", "核定编制": "核定编制(必填)", "统一社会信用代码": "统一社会 信用代码",
               "改革方式": "改革方式（必填）", "去向单位": "＊去向单位", "实有人数": "实有人数 (必填)"}
    book = openpyxl.Workbook()
    book.remove(book.active)
    shuffled = list(reversed(BEFORE_HEADERS))
    fill_sheet(book, "改革前单位", shuffled, valid_before(), written)
    fill_sheet(book, "改革后单位", AFTER_HEADERS[::2] + AFTER_HEADERS[1::2], valid_after(), written)
    fill_sheet(book, " 人员转隶 ", TRANSFER_HEADERS, valid_transfers())
    path = tmp_path / "tolerant.xlsx"
    book.save(path)
    tolerant = read_plan(path)
    assert tolerant.before == plain.before
    assert tolerant.after == plain.after
    assert tolerant.destinations == plain.destinations
    assert tolerant.transfers == plain.transfers
    assert tolerant.jurisdiction is None  # no 基本信息 sheet


def test_unknown_columns_and_sheets_are_notes(tmp_path: Path) -> None:
    before = [dict(r, 序号=i) for i, r in enumerate(valid_before(), start=1)]
    before.append({"序号": 5})  # a pre-numbered but otherwise blank row
    book_path = write_book(tmp_path / "b.xlsx", before=before, before_headers=[*BEFORE_HEADERS, "序号"])
    book = openpyxl.load_workbook(book_path)
    book.create_sheet("草稿")
    book.save(book_path)
    plan, notes = read_plan_with_notes(book_path)
    assert len(plan.before) == 4
    assert notes == ["文件：工作表“草稿”不是导入用的工作表，已忽略", "改革前单位 / 第1行 / 序号：不认识的列（S列），已忽略"]


def test_header_row_below_a_title_and_blank_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    fill_sheet(book, "改革前单位", BEFORE_HEADERS, [*valid_before()[:2], {}, {}, *valid_before()[2:]], first_row=3)
    book["改革前单位"]["A1"] = "改革前单位情况表"
    fill_sheet(book, "改革后单位", AFTER_HEADERS, valid_after())
    path = tmp_path / "b.xlsx"
    book.save(path)
    assert len(read_plan(path).before) == 4
    before = valid_before()
    before[3]["核定编制"] = "6.5"
    book["改革前单位"]["H8"] = "6.5"
    book.save(path)
    with pytest.raises(ImportRefused) as caught:
        read_plan(path)
    assert caught.value.problems == ["改革前单位 / 第8行 / 核定编制：“6.5”不是整数"]


def test_number_forms(tmp_path: Path) -> None:
    before = valid_before()
    before[0].update({"核定编制": "12", "实有人数": 12.0, "党员人数": " １２ ", "正职领导职数": "1.0"})
    plan = read_plan(write_book(tmp_path / "ok.xlsx", before=before))
    unit = plan.before[0]
    assert (unit.staffing, unit.actual, unit.party_members, unit.leaders_principal) == (12, 12, 12, 1)

    before[0].update({"核定编制": 12.5, "实有人数": "-3", "党员人数": "12人"})
    with pytest.raises(ImportRefused) as caught:
        read_plan(write_book(tmp_path / "bad.xlsx", before=before))
    assert caught.value.problems == [
        "改革前单位 / 第2行 / 核定编制：“12.5”不是整数",
        "改革前单位 / 第2行 / 实有人数：“-3”不能为负数",
        "改革前单位 / 第2行 / 党员人数：“12人”不是整数",
    ]


def test_paizi_new_units_enums_and_uscc_are_parsed(tmp_path: Path) -> None:
    before = valid_before()
    before[2]["加挂牌子"] = "测试旗非遗保护中心、测试旗美术馆；测试旗书画院; 测试旗乌兰牧骑"
    before[2]["统一社会信用代码"] = " １２１５０１０２ｍａ００００００１ｘ"
    before[2]["单位类别"] = "　公益一类 "  # ideographic space
    plan, notes = read_plan_with_notes(write_book(tmp_path / "b.xlsx", before=before))
    unit = plan.before[2]
    assert unit.paizi == ["测试旗非遗保护中心", "测试旗美术馆", "测试旗书画院", "测试旗乌兰牧骑"]
    assert unit.uscc == "12150102MA0000001X"
    assert unit.category.label == "公益一类"
    assert [u.is_new for u in plan.after] == [False, False, True]
    assert plan.after[2].actual is None
    assert any(n.startswith("改革前单位 / 第4行 / 统一社会信用代码：已将") for n in notes)

    before[2]["统一社会信用代码"] = "12150102"
    with pytest.raises(ImportRefused) as caught:
        read_plan(write_book(tmp_path / "c.xlsx", before=before))
    assert caught.value.problems == ["改革前单位 / 第4行 / 统一社会信用代码：“12150102”应为 18 位，实为 8 位"]


def test_empty_transfer_sheet_counts_as_absent(tmp_path: Path) -> None:
    path = write_book(tmp_path / "b.xlsx", omit=["人员转隶"])
    book = openpyxl.load_workbook(path)
    book.create_sheet("人员转隶")
    book.save(path)
    assert read_plan(path).transfers == []


def test_jurisdiction_sheet_is_optional_and_may_be_partial(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "j.sydw", Jurisdiction("测试旗", "150102", Level.BANNER, 10, 200)) as ws:
        import_workbook(ws, write_book(tmp_path / "none.xlsx", info=None))
        assert ws.jurisdiction() == Jurisdiction("测试旗", "150102", Level.BANNER, 10, 200)

        _, notes = import_workbook_with_notes(ws, write_book(tmp_path / "part.xlsx", info={"机构限额": 12}))
        assert ws.jurisdiction() == Jurisdiction("测试旗", "150102", Level.BANNER, 12, 200)
        assert notes == ["基本信息 / 机构限额：工作区原为“10”，按工作簿改为“12”"]
    assert read_plan(tmp_path / "part.xlsx").jurisdiction is None


def test_callers_that_already_read_the_workbook_pass_what_they_got(tmp_path: Path) -> None:
    part = write_book(tmp_path / "part.xlsx", info={"事业编制总量": 300})
    full = write_book(tmp_path / "full.xlsx", info={"行政区划名称": "测试旗", "行政区划代码": "150102", "层级": "旗县"})
    with Workspace.create(tmp_path / "p.sydw", Jurisdiction("测试旗", "150102", Level.BANNER, 10, 200)) as ws:
        contents = read_workbook(part)
        changes = import_workbook(ws, part, contents=contents)
        assert changes.operation == "导入 Excel"
        assert ws.jurisdiction().staff_cap == 300 and ws.jurisdiction().unit_cap == 10
        plan, _ = read_plan_with_notes(full)
        import_workbook(ws, full, plan=plan)  # caps left blank in the workbook: kept as they were
        assert ws.jurisdiction() == Jurisdiction("测试旗", "150102", Level.BANNER, 10, 300)
        assert len(ws.units(Phase.BEFORE)) == len(plan.before)


def test_transfer_rows_are_checked(ws: Workspace, tmp_path: Path) -> None:
    transfers = [{"原单位": "测试旗招待所", "去向": "测试旗农牧业服务中心", "人数": "二"},
                 {"原单位": "测试旗招待所", "人数": 1}]
    problems = refused(ws, write_book(tmp_path / "b.xlsx", transfers=transfers))
    assert problems == ["人员转隶 / 第2行 / 人数：“二”不是整数", "人员转隶 / 第3行 / 去向：必须填写，不能为空"]


def test_the_workbook_and_the_rules_agree_on_what_is_the_same_name(ws: Workspace, tmp_path: Path) -> None:
    from sydw_desktop.rules.textutil import norm_name
    from sydw_desktop.vocab import normalize_name

    same = ("测试旗〔东区〕服务站", "测试旗 [东区] 服务站", "测试旗（东区）服务站", "测试旗【东区】服务站")
    assert len({normalize_name(n) for n in same}) == 1 and len({norm_name(n) for n in same}) == 1
    after = [*valid_after(), unit_row(same[0], 5, 来源="新设"), unit_row(same[1], 5, 来源="新设")]
    problems = refused(ws, write_book(tmp_path / "b.xlsx", after=after))
    assert problems == ["改革后单位 / 第6行 / 单位名称：单位名称“测试旗 [东区] 服务站”与第5行重复（第5行、第6行）"]
    # and a reference written with the other brackets finds the unit
    before = valid_before()
    before[0]["去向单位"] = "测试旗〔东区〕服务站"
    after = [*valid_after(), unit_row("测试旗(东区)服务站", 5, 来源="新设")]
    plan = read_plan(write_book(tmp_path / "c.xlsx", before=before, after=after))
    assert plan.destinations["测试旗农业技术推广中心"] == "测试旗(东区)服务站"


def test_uscc_is_checked_with_the_rules_character_set(tmp_path: Path) -> None:
    before = valid_before()
    before[2]["统一社会信用代码"] = "12150102MA000000IO"  # I and O are not in GB 32100's set
    with pytest.raises(ImportRefused) as caught:
        read_plan(write_book(tmp_path / "b.xlsx", before=before))
    (problem,) = caught.value.problems
    assert problem.startswith("改革前单位 / 第4行 / 统一社会信用代码：“12150102MA000000IO”含有代码中不使用的字符“I、O”")
    before[2]["统一社会信用代码"] = "12ABCDEFMA0000001X"  # positions 3–8 must be digits
    with pytest.raises(ImportRefused, match="第3–8位应为数字"):
        read_plan(write_book(tmp_path / "c.xlsx", before=before))
    before[2]["统一社会信用代码"] = "1215 0102 ma00 0000 1x"
    assert read_plan(write_book(tmp_path / "d.xlsx", before=before)).before[2].uscc == "12150102MA0000001X"
