"""The 三定 审理: six steps with dates, 征求意见 and 协商 records, the table as a view and as Excel."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from method_helpers import answer, demo_file_fixture, ws_fixture  # noqa: F401
from PySide6.QtCore import QDate
from ui_helpers import demo_path_fixture, wait_report, window_fixture  # noqa: F401

from sydw_desktop.errors import ModelError
from sydw_desktop.method.model import Consultation, ConsultationKind, SandingStage
from sydw_desktop.method.records import MethodRecords
from sydw_desktop.method.review_table import review_rows, stage_counts, write_review_workbook
from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace
from ui.method.review_dialog import ConsultationDialog, ReviewDialog, StageDialog

MEDIA = "示例旗融媒体中心"


def test_the_review_table_as_excel_matches_the_records(ws: Workspace, tmp_path: Path) -> None:
    records = MethodRecords(ws)
    rows = review_rows(records)
    assert [r.unit.name for r in rows] == [u.name for u in ws.units(Phase.AFTER)]
    assert stage_counts(rows) == {"未开始": 0, "前期设计": 0, "培训指导": 0, "酝酿起草": 13, "审核协调": 22,
                                  "审定发布": 0, "执行监督": 0}
    target = tmp_path / "审理.xlsx"
    assert write_review_workbook(records, target) == 35
    book = openpyxl.load_workbook(target)
    table = book["审理情况"]
    assert table.cell(1, 1).value == "示例旗“三定”审理情况表"
    headers = [c.value for c in table[2]]
    assert headers[:9] == ["序号", "单位名称", "当前步骤", "前期设计", "培训指导", "酝酿起草", "审核协调", "审定发布",
                           "执行监督"]
    media = next(r for r in table.iter_rows(min_row=3, values_only=True) if r[1] == MEDIA)
    assert media[2:7] == ("审核协调", "2026-09-15", "2026-09-25", "2026-10-08", "2026-10-20")
    assert media[9:12] == (2, 0, 1)  # 征求意见 2, none unanswered, 协商会议 1
    consultations = list(book["征求意见和协商"].iter_rows(min_row=3, values_only=True))
    written = [r for r in consultations if isinstance(r[0], int)]
    assert len(written) == len(records.consultations()) == 9
    refused = next(r for r in written if r[3] == "示例旗人力资源和社会保障局" and r[1] == MEDIA)
    assert refused[7] == "未采纳" and refused[8].startswith("新媒体承担网评")


def test_consultations_are_checked_and_logged(ws: Workspace) -> None:
    records = MethodRecords(ws)
    unit = ws.find_unit(Phase.AFTER, "示例旗档案史志馆")
    base = Consultation(unit.id, ConsultationKind.OPINION, "示例旗档案局", "2026-10-20")
    with pytest.raises(ModelError, match="未采纳，请写明理由"):
        records.add_consultation(Consultation(**{**base.__dict__, "adopted": False}))
    with pytest.raises(ModelError, match="回复日期 2026-10-19 早于发出日期 2026-10-20"):
        records.add_consultation(Consultation(**{**base.__dict__, "answered_on": "2026-10-19"}))
    with pytest.raises(ModelError, match="请填写征求意见的部门"):
        records.add_consultation(Consultation(**{**base.__dict__, "party": " "}))
    before = ws.find_unit(Phase.BEFORE, ws.units(Phase.BEFORE)[0].name)
    with pytest.raises(ModelError, match="是改革前单位"):
        records.add_consultation(Consultation(**{**base.__dict__, "unit": before.id}))
    records.add_consultation(Consultation(**{**base.__dict__, "answered_on": "2026-10-25", "opinion": "同意",
                                             "adopted": True}))
    entry = ws.changelog(1)[0]
    assert (entry.operation, entry.entity, entry.entity_name, entry.field) == (
        "登记征求意见", "征求意见", "示例旗档案史志馆", "示例旗档案局")
    assert entry.new == "2026-10-20 同意 采纳"
    [saved] = records.consultations(unit.id)
    records.update_consultation(Consultation(**{**saved.__dict__, "opinion": "同意，建议补充馆藏数字化职责"}))
    assert records.consultations(unit.id)[0].opinion == "同意，建议补充馆藏数字化职责"
    ws.undo()
    ws.undo()
    assert records.consultations(unit.id) == []


def test_the_review_window_records_a_step_and_a_consultation(qtbot, window, tmp_path: Path) -> None:
    dialog = window.method_menu.open_dialog("review")
    assert isinstance(dialog, ReviewDialog)
    assert dialog.table.rowCount() == 35
    assert "审核协调 22 个" in dialog.summary.text()
    dialog.select_unit(MEDIA)
    assert dialog.consultations.rowCount() == 3

    def stage(d: StageDialog) -> None:
        d.stage.setCurrentIndex(d.stage.findData(SandingStage.PUBLISHED.value))
        d.day.setDate(QDate(2026, 11, 30))

    answer(StageDialog, stage)
    dialog.stage_button.click()
    row = next(i for i, r in enumerate(dialog.rows) if r.unit.name == MEDIA)
    assert dialog.table.item(row, 1).text() == "审定发布"
    assert dialog.table.item(row, 6).text() == "2026-11-30"

    def opinion(d: ConsultationDialog) -> None:
        d.party.setText("示例旗审计局")
        d.sent.setDate(QDate(2026, 11, 28))
        d.opinion.setPlainText("无意见")
        d.answered.set_value("2026-12-01")
        d.adopted.setCurrentIndex(1)

    answer(ConsultationDialog, opinion)
    dialog.opinion_button.click()
    assert dialog.consultations.rowCount() == 4
    assert [dialog.consultations.item(3, c).text() for c in (0, 1, 3, 5)] == [
        "征求意见", "示例旗审计局", "2026-12-01", "采纳"]
    assert window.session.ws.changelog(1)[0].operation == "登记征求意见"
    target = dialog.export(tmp_path / "审理.xlsx")
    assert target is not None
    book = openpyxl.load_workbook(target)
    media = next(r for r in book["审理情况"].iter_rows(min_row=3, values_only=True) if r[1] == MEDIA)
    assert media[2] == "审定发布" and media[9] == 3
    window.session.undo()
    assert dialog.consultations.rowCount() == 3
