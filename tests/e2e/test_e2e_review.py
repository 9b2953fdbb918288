"""End-to-end: the review cycle between a county window and a league window on Xvfb, with screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import run_scenario

SCENARIO = Path(__file__).with_name("scenario_review.py")

pytestmark = pytest.mark.slow


def test_review_cycle_through_the_gui(xvfb_display: str, artifacts: Path, tmp_path: Path) -> None:
    out = artifacts / "review-scenario"
    result = run_scenario(SCENARIO, out, xvfb_display, tmp_path / "data", timeout=900)
    assert result["platform"] == "xcb"
    assert result["round1"] == [1]
    assert result["comments"] == 2 and result["review_error"] == ""
    assert "机构职能编制规定" in result["preview"]["title"] and result["preview"]["pages"] >= 1
    assert "已生成审核意见包（退回修改，具体意见 2 条）" in result["return_status"]
    assert "退回修改" in result["import1"] and "具体意见 2 条" in result["import1"]
    assert result["navigated"] in ("UnitsPage", "PlanPage")
    assert "_第2轮_" in result["round2_name"] and result["rounds_after_2"] == [1, 2]
    assert len(result["diff_rows"]) == 1 and "备注" in result["diff_rows"][0] and "示编发〔2026〕3号" in result["diff_rows"][0]
    assert result["replies_rows"] == 2
    assert "同意" in result["approve_status"]
    assert "已锁定" in result["import2"]
    assert "已经上级同意并锁定" in result["locked_error"]
    assert "已经导入过" in result["replay"]
    assert result["unlocked"] is True
    for name in result["shots"]:
        assert (out / name).stat().st_size > 10_000, f"{name} looks empty"
