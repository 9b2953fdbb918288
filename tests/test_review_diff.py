"""Round diff and 作废: fields, documents paragraph by paragraph, transfers, parameters; void records."""

from __future__ import annotations

from pathlib import Path

import pytest
from workspace_helpers import new_workspace, small_plan

from sydw_desktop.errors import ModelError, ReviewStateError
from sydw_desktop.model import Comment, ParamOverride, Sanding, Submission
from sydw_desktop.packets.round_diff import round_diff
from sydw_desktop.packets.workspace_json import workspace_to_json
from sydw_desktop.review.diff import diff_workspaces
from sydw_desktop.vocab import Phase

CENTRE = "测试旗综合服务中心"


def test_fields_documents_transfers_and_parameters_each_show(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        centre = ws.units(Phase.AFTER)[0]
        assert centre.id is not None
        ws.set_document(centre.id, Sanding(duties=["负责技术推广。", "负责动物防疫。", "完成交办的其他任务。"]))
        old = workspace_to_json(ws.snapshot())
        ws.update_unit(centre.id, staffing=20, remark="按批复调整")
        ws.set_document(centre.id, Sanding(duties=["负责技术推广。", "负责动物疫病预防控制。", "完成交办的其他任务。"]))
        ws.add_param_override(ParamOverride("plan.min_unit_size", "T", 2, "2026-12-01", "", "试点"))
        changes = diff_workspaces(old, workspace_to_json(ws.snapshot()), "第1轮", "当前").changes
    fields = [(c.kind, c.field, c.old, c.new) for c in changes if c.kind == "修改"]
    assert fields == [("修改", "核定编制", "24", "20"), ("修改", "备注", "", "按批复调整")]
    [doc] = [c for c in changes if c.kind == "文书"]
    assert (doc.unit, doc.document, doc.old, doc.new) == (CENTRE, "sanding", "负责动物防疫。", "负责动物疫病预防控制。")
    assert "主要职责" in doc.field
    [param] = [c for c in changes if c.kind == "参数"]
    assert param.new.startswith("plan.min_unit_size.T = 2")


def test_after_a_submission_deletions_are_voided_with_the_reason(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        ws.delete_unit(ws.units(Phase.BEFORE)[0].id or 0, reason="试删")  # before any submission: no record
        assert ws.voided_items() == []
        ws.record_submission(Submission("urn:uuid:1", 1, "bag", "0" * 64, ""), workspace_to_json(ws.snapshot()))
        guest = ws.find_unit(Phase.BEFORE, "测试旗招待所")
        assert guest is not None and guest.id is not None
        ws.delete_unit(guest.id, reason="已整体转企，不再列入")
        [item] = ws.voided_items()
        assert (item.entity, item.name, item.reason, item.round) == ("改革前单位", "测试旗招待所", "已整体转企，不再列入", 1)
        assert '"staffing": 6' in item.body
        diff = round_diff(ws, 1)
        assert [(c.kind, c.unit, c.new) for c in diff.changes if c.unit == "测试旗招待所"] == [
            ("作废", "测试旗招待所", "已整体转企，不再列入")]
        assert any(e.entity == "作废" and e.new == "已整体转企，不再列入" for e in ws.changelog())
        ws.undo()
        assert ws.voided_items() == [] and ws.find_unit(Phase.BEFORE, "测试旗招待所") is not None


def test_comments_need_a_filing_and_new_round_needs_a_locked_round(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        with pytest.raises(ModelError, match="没有收到 159901 第1轮"):
            ws.add_comment(Comment(1, "意见", region_code="159901"))
        with pytest.raises(ReviewStateError, match="没有已批准锁定的轮次"):
            ws.new_round("无事")
        with pytest.raises(ModelError, match="只能答复上级的审核意见|不存在"):
            ws.answer_comment(99, "已修改", "改了")
