"""Pasting a block copied from Excel/WPS: checked cell by cell like the workbook import, one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from excel_clipboard import excel_copy

from sydw_desktop.demo import write_demo
from sydw_desktop.paste import apply_paste, fill_block, parse_tsv, plan_paste, to_tsv
from sydw_desktop.vocab import Category, Funding, Phase, Spec
from sydw_desktop.workbook.cells import CellError, to_enum
from sydw_desktop.workspace import Workspace

FIELDS = ["spec", "category", "service", "funding", "staffing"]


@pytest.fixture()
def ws(tmp_path: Path):
    path = tmp_path / "示例旗.sydw"
    write_demo(path)
    with Workspace.open(path) as opened:
        yield opened


def _after_ids(ws: Workspace) -> dict[str, int]:
    return {u.name: u.id for u in ws.units(Phase.AFTER) if u.id is not None}


def test_a_bad_cell_refuses_the_whole_block_with_the_import_message(ws: Workspace, tmp_path: Path) -> None:
    targets = ws.units(Phase.BEFORE)[2:5]
    before = ws.snapshot()
    block = parse_tsv(excel_copy(tmp_path, [
        ["股级", "公益一类", "面向社会提供公益服务", "财政全额拨款", 12],
        ["处级", "公益一类", "", "财政全额拨款", 8],  # 处级 is no 机构规格
        ["股级", "公益二类", "", "财政差额拨款", 6],
    ]))
    plan = plan_paste(Phase.BEFORE, targets, FIELDS, block, _after_ids(ws))
    with pytest.raises(CellError) as expected:
        to_enum("处级", Spec)
    assert plan.problems == [f"“{targets[1].name}”的机构规格：{expected.value}"]
    assert apply_paste(ws, plan) is None
    assert ws.snapshot() == before


def test_a_good_block_is_one_undo_step(ws: Workspace, tmp_path: Path) -> None:
    targets = ws.units(Phase.BEFORE)[2:5]
    block = parse_tsv(excel_copy(tmp_path, [
        ["股级", "公益一类", "面向社会提供公益服务", "财政全额拨款", 12],
        ["副科级", "公益一类", "", "财政全额拨款", 8],
        ["股级", "公益二类", "", "财政差额拨款", 6],
    ]))
    plan = plan_paste(Phase.BEFORE, targets, FIELDS, block, _after_ids(ws))
    assert plan.ok and plan.cells == 15
    before = ws.snapshot()
    changes = apply_paste(ws, plan)
    assert changes is not None and ws.undo_name == "粘贴 15 个单元格"
    pasted = [ws.unit(u.id) for u in targets]
    assert [u.staffing for u in pasted] == [12, 8, 6]
    assert [u.spec for u in pasted] == [Spec.parse("股级"), Spec.parse("副科级"), Spec.parse("股级")]
    assert pasted[2].category is Category.parse("公益二类") and pasted[2].funding is Funding.parse("财政差额拨款")
    assert pasted[1].service is None  # an empty optional cell clears the value
    ws.undo()
    assert ws.snapshot() == before


def test_the_block_must_fit_and_names_must_exist(ws: Workspace) -> None:
    targets = ws.units(Phase.BEFORE)[-2:]
    plan = plan_paste(Phase.BEFORE, targets, ["staffing"], [["1"], ["2"], ["3"]], {})
    assert plan.problems == ["粘贴的内容有 3 行，从所选单元格往下只有 2 行。请先新增单位，或少选几行再复制。"]
    plan = plan_paste(Phase.BEFORE, targets[:1], ["destination"], [["不存在的单位"]], _after_ids(ws))
    assert plan.problems == [f"“{targets[0].name}”的去向单位：“不存在的单位”不是改革后单位中的单位名称"]
    plan = plan_paste(Phase.BEFORE, targets[:1], ["staffing"], [[""]], {})
    assert plan.problems == [f"“{targets[0].name}”的核定编制：必须填写，不能为空"]


def test_fill_down_sets_many_rows_at_once(ws: Workspace) -> None:
    targets = ws.units(Phase.AFTER)[:4]
    plan = plan_paste(Phase.AFTER, targets, ["funding"], fill_block("财政差额拨款", 4), _after_ids(ws))
    apply_paste(ws, plan, "向下填充经费形式")
    assert {ws.unit(u.id).funding for u in targets} == {Funding.parse("财政差额拨款")}
    assert ws.undo_name == "向下填充经费形式"


def test_quoted_cells_survive_the_clipboard() -> None:
    rows = [["第一行\n第二行", "带\t制表符", '带"引号"'], ["", "x", ""]]
    assert parse_tsv(to_tsv(rows)) == rows
    assert parse_tsv("a\tb\r\nc\td\r\n") == [["a", "b"], ["c", "d"]]


def test_a_computed_column_is_skipped_not_refused(ws: Workspace) -> None:
    target = ws.units(Phase.AFTER)[0]
    plan = plan_paste(Phase.AFTER, [target], ["remark", "sort_key"], [["备注文字", "甲、乙"]], _after_ids(ws))
    assert plan.ok and plan.cells == 1 and plan.skipped == 1
    apply_paste(ws, plan)
    assert ws.unit(target.id).remark == "备注文字"
