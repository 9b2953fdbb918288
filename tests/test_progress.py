"""The one progress/cancel vocabulary: clamping, stage ranges, the cancel check and its error."""

from __future__ import annotations

import pytest

from sydw_desktop.errors import SydwError
from sydw_desktop.progress import NOTHING_WRITTEN, Cancelled, check_cancel, report_progress, sub_range


def test_cancelled_is_a_sydw_error_with_a_chinese_message() -> None:
    assert issubclass(Cancelled, SydwError)
    assert Cancelled().message == NOTHING_WRITTEN
    assert Cancelled("已取消校验。").message == "已取消校验。"


def test_check_cancel_raises_only_when_asked() -> None:
    check_cancel(None)
    check_cancel(lambda: False)
    with pytest.raises(Cancelled, match="已取消校验"):
        check_cancel(lambda: True, "已取消校验。")


def test_report_progress_clamps_and_tolerates_no_callback() -> None:
    seen: list[tuple[float, str]] = []
    report_progress(None, 0.5, "无人接收")
    for fraction in (-0.2, 0.25, 1.7):
        report_progress(lambda f, t: seen.append((f, t)), fraction, "签名")
    assert seen == [(0.0, "签名"), (0.25, "签名"), (1.0, "签名")]


def test_sub_range_maps_a_stage_onto_its_share() -> None:
    seen: list[float] = []
    stage = sub_range(lambda f, _t: seen.append(f), 0.2, 0.6)
    assert stage is not None and sub_range(None, 0.2, 0.6) is None
    for fraction in (0.0, 0.5, 1.0, 2.0):
        stage(fraction, "导出")
    assert seen == pytest.approx([0.2, 0.4, 0.6, 0.6])
