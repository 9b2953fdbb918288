"""End-to-end: the document editors and the packet preview on an Xvfb display, with screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import run_scenario

SCENARIO = Path(__file__).with_name("scenario_documents.py")

pytestmark = pytest.mark.slow


def test_edit_documents_and_preview_the_packet(xvfb_display: str, artifacts: Path, tmp_path: Path) -> None:
    out = artifacts / "documents-scenario"
    result = run_scenario(SCENARIO, out, xvfb_display, tmp_path / "data", timeout=300)
    assert result["platform"] == "xcb"
    added, moved = result["added"], result["moved"]
    assert added["closing_last"] and added["index"] == added["count"] - 2, "added above the closing duty"
    assert moved["index"] == added["index"] - 2 and moved["closing_last"]
    assert moved["undo_text"] == "撤销 修改“三定”规定（主要职责）"
    assert result["figures"]["after"] == result["figures"]["before"] + 3
    assert result["plan_staffing"] is not None
    assert result["capital"] == {"stored": 63.0, "words": "人民币陆拾叁万元"}
    packet = result["packet"]
    assert packet["first"] == "封面及报送材料目录" and packet["documents"] > 10
    assert packet["thumbnails"] == packet["pages"] > 100
    assert packet["duty_in_pdf"] and packet["capital_in_pdf"]
    assert "未安装" in result["template_refused"]
    assert result["override_applied"] and result["override_logged"] == "示编发〔2026〕20号"
    for name in result["shots"]:
        assert (out / name).stat().st_size > 10_000, f"{name} looks empty"
