"""Undo/redo of named operations and the 台账, through the façade."""

from __future__ import annotations

from pathlib import Path

from workspace_helpers import content, new_workspace, small_plan

from sydw_desktop.errors import ModelError
from sydw_desktop.model import Charter, Sanding, Transfer, TrustedCertificate
from sydw_desktop.store.schema import PRIMARY_KEYS
from sydw_desktop.store.undo import ChangeKind
from sydw_desktop.vocab import Phase, Placement, WorkflowStep
from sydw_desktop.workspace import Workspace


def test_undo_redo_of_a_single_field_edit(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        centre = ws.units(Phase.AFTER)[0]
        changes = ws.update_unit(centre.id, staffing=4, doc_no="示编发〔2026〕3号")
        assert changes.operation == "修改核定编制"
        assert changes.kinds == {ChangeKind.UNIT} and changes.units and changes.unit_ids == {centre.id}
        assert ws.unit(centre.id).staffing == 4
        assert ws.undo_name == "修改核定编制"
        undone = ws.undo()
        assert undone is not None and undone.unit_ids == {centre.id}
        assert ws.unit(centre.id).staffing == 24
        assert ws.redo_name == "修改核定编制"
        ws.redo()
        assert ws.unit(centre.id).staffing == 4
        entry = next(e for e in ws.changelog() if e.operation == "修改核定编制")
        assert (entry.entity_name, entry.field, entry.old, entry.new) == (centre.name, "核定编制", "24", "4")
        assert entry.user == "测试员" and entry.doc_no == "示编发〔2026〕3号"
        assert [e.operation for e in ws.changelog(limit=2)] == ["重做：修改核定编制", "撤销：修改核定编制"]


def test_undo_of_a_unit_deletion_restores_its_documents_transfers_and_references(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        centre = ws.units(Phase.AFTER)[0]
        ws.set_document(centre.id, Sanding(duties=["负责全旗农牧业技术推广工作。", "完成旗农牧局交办的其他任务。"]))
        ws.set_document(centre.id, Charter(address="测试旗巴彦镇团结路16号", capital=50.0))
        before = content(ws)
        changes = ws.delete_unit(centre.id)
        assert changes.operation == f"删除单位“{centre.name}”"
        assert {ChangeKind.UNIT, ChangeKind.DOCUMENT, ChangeKind.TRANSFER} <= changes.kinds
        assert ws.units(Phase.AFTER) == []
        assert all(u.destination is None for u in ws.units(Phase.BEFORE))
        assert [t.placement for t in ws.transfers()] == [Placement.ENTERPRISE]
        ws.undo()
        assert content(ws) == before
        assert ws.sanding(centre.id).duties[0] == "负责全旗农牧业技术推广工作。"
        ws.redo()
        assert ws.units(Phase.AFTER) == []


def test_undo_of_an_import_is_one_step(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw") as ws:
        empty = content(ws)
        ws.replace_plan(small_plan(5))
        assert len(ws.units(Phase.BEFORE)) == 6
        assert ws.undo_name == "导入 Excel"
        ws.undo()
        assert content(ws) == empty
        assert ws.undo_name is None
        ws.redo()
        assert len(ws.units(Phase.BEFORE)) == 6 and len(ws.transfers()) == 6


def test_reimport_keeps_documents_of_units_that_stay(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        centre = ws.units(Phase.AFTER)[0]
        ws.set_document(centre.id, Sanding(duties=["负责技术推广。"]))
        plan = small_plan()
        plan.after[0].staffing = 20
        ws.replace_plan(plan)
        assert ws.unit(centre.id).staffing == 20
        assert ws.sanding(centre.id).duties == ["负责技术推广。"]
        line = next(e for e in ws.changelog() if e.field == "核定编制")
        assert (line.old, line.new) == ("24", "20")


def test_new_edit_clears_redo_and_history_survives_reopen_as_taizhang(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan()) as ws:
        station = ws.units(Phase.BEFORE)[0]
        ws.update_unit(station.id, remark="站房老旧")
        ws.undo()
        ws.set_workflow_step(WorkflowStep.DESIGN)
        assert ws.redo_name is None
        assert ws.workflow_step() is WorkflowStep.DESIGN
    with Workspace.open(path) as ws:
        assert ws.undo_name is None  # undo history belongs to a session; the 台账 is permanent
        operations = [e.operation for e in ws.changelog()]
        assert operations[:3] == ["修改工作步骤", "撤销：修改备注", "修改备注"]
        assert operations[-1] == "新建工作区"


def test_transfer_edits_are_undoable(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        guest_house = ws.find_unit(Phase.BEFORE, "测试旗招待所")
        t = next(t for t in ws.transfers() if t.source == guest_house.id)
        ws.update_transfer(Transfer(guest_house.id, 4, placement=Placement.RETIRE, id=t.id))
        assert ws.transfers()[-1].placement is Placement.RETIRE
        ws.undo()
        assert ws.transfers()[-1].placement is Placement.ENTERPRISE
        ws.delete_transfer(t.id)
        assert len(ws.transfers()) == 3
        ws.undo()
        assert len(ws.transfers()) == 4


def test_batch_is_one_operation_and_all_or_nothing(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        centre = ws.units(Phase.AFTER)[0]
        with ws.batch("调整综合服务中心", doc_no="测编发〔2026〕5号"):
            inner = ws.update_unit(centre.id, staffing=20)
            ws.set_document(centre.id, Sanding(duties=["负责技术推广。"]))
        assert inner.operation == "修改核定编制" and inner.kinds == {ChangeKind.UNIT}
        assert ws.last_changes.operation == "调整综合服务中心"
        assert ws.last_changes.kinds == {ChangeKind.UNIT, ChangeKind.DOCUMENT}
        assert ChangeKind.DOCUMENT in ws.last_changes and not ws.last_changes.transfers
        assert ws.undo_name == "调整综合服务中心"
        assert {e.operation for e in ws.changelog(limit=2)} == {"调整综合服务中心"}
        assert all(e.doc_no == "测编发〔2026〕5号" for e in ws.changelog(limit=2))
        ws.undo()
        assert ws.unit(centre.id).staffing == 24 and ws.sanding(centre.id) is None
        before = content(ws)
        try:
            with ws.batch("半途失败"):
                ws.update_unit(centre.id, staffing=10)
                ws.update_unit(centre.id, staffing=-1)
        except ModelError:
            pass
        assert content(ws) == before and ws.undo_name != "半途失败"


def test_every_table_an_operation_writes_has_a_change_kind(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        tables = {r[0] for r in ws._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {k.value for k in ChangeKind} == tables - {"changelog"} == set(PRIMARY_KEYS)


def test_each_kind_of_operation_reports_its_kind(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        assert ws.set_workflow_step(WorkflowStep.DESIGN).kinds == {ChangeKind.SETTING}
        assert ws.set_explanation("R01", None, None, "已说明。").explanations
        assert ws.undo().kinds == {ChangeKind.EXPLANATION}
        cert = TrustedCertificate("ab" * 32, "测试旗机构编制委员会办公室", "159901", "2030-01-01", "PEM")
        changes = ws.add_trusted_certificate(cert)
        assert changes.kinds == {ChangeKind.TRUSTED_CERTIFICATE} and changes.trusted_certificates
        assert ChangeKind.TRUSTED_CERTIFICATE in ws.remove_trusted_certificate(cert.fingerprint)
