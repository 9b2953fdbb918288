"""Every kind of record a workspace keeps comes back as it was stored, after closing the file,
and goes again on undo (the row ↔ model conversions of ``store/rows.py``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from workspace_helpers import new_workspace, small_plan

from sydw_desktop.model import ParamOverride, ReviewComment, Round, SubordinateFiling, TrustedCertificate
from sydw_desktop.store.undo import ChangeKind
from sydw_desktop.vocab import RoundDirection
from sydw_desktop.workspace import Workspace

CERT = TrustedCertificate("0f" * 32, "测试盟机构编制委员会办公室", "159900", "2031-06-30T00:00:00", "-----PEM-----",
                          "2026-01-02T03:04:05", "张三")
FILING = SubordinateFiling(
    region_code="159901", round=2, name="样例旗", level="旗县", packet_id="urn:uuid:1234", bag="sydw-159901-r2",
    packet_sha256="ab" * 32, signer_fingerprint="cd" * 32, signer_office="样例旗机构编制委员会办公室",
    bagging_date="2026-03-04", signed_at="2026-03-04T10:00:00", note="第二轮", rules_version="2026.1",
    summary={"事业单位数": [8, 5], "警告": 3}, received_at="2026-03-05T09:00:00", received_by="李四",
)


def test_records_read_back_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    rnd = Round(1, RoundDirection.RETURNED, "2026-02-01", "请补充章程", locked=True)
    comment = ReviewComment(1, "核定编制偏多。", "sanding", "测试旗农牧业综合服务中心", "staffing", "王五")
    override = ParamOverride("R07", "max_ratio", {"旗县": 0.25}, "2026-01-01", "内编办发〔2026〕1号", "试点",
                             "赵六", "2026-01-01T08:00:00")
    with new_workspace(path, small_plan()) as ws:
        ws.add_param_override(override)  # before the round: an approved, locked round refuses it
        ws.add_round(rnd)
        ws.add_review_comment(comment)
        ws.set_explanation("R12", "测试旗招待所", None, "已报盟编办同意。", "fp1")
        ws.add_trusted_certificate(CERT)
        changes = ws.store_subordinate_filing(FILING, '{"units": []}', '{"findings": []}')
        assert changes.kinds == {ChangeKind.SUBORDINATE_FILING}
    with Workspace.open(path, readonly=True) as ws:
        [stored_round] = ws.rounds()
        assert stored_round == dataclasses.replace(rnd, id=stored_round.id) and stored_round.id is not None
        [stored_comment] = ws.review_comments()
        assert stored_comment == dataclasses.replace(comment, id=stored_comment.id)
        [stored_override] = ws.param_overrides()
        assert stored_override == dataclasses.replace(override, id=stored_override.id)
        explanation = ws.explanations()[("R12", "测试旗招待所", "")]
        assert (explanation.text, explanation.fingerprint, explanation.author) == ("已报盟编办同意。", "fp1", "测试员")
        assert ws.trusted_certificates() == [CERT]
        assert ws.subordinate_filings() == [FILING]
        assert ws.subordinate_data("159901", 2) == ('{"units": []}', '{"findings": []}')
        assert ws.is_locked()
        newest = ws.changelog(limit=1)[0]
        assert (newest.operation, newest.entity, newest.entity_name, newest.old, newest.new) == (
            "接收样例旗第2轮报送材料", "下级报送", "样例旗", "", "urn:uuid:1234")


def test_undo_takes_each_record_away_again(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        ws.add_trusted_certificate(CERT)
        ws.store_subordinate_filing(FILING, "{}", "{}")
        again = dataclasses.replace(FILING, packet_id="urn:uuid:5678", received_at="")
        ws.store_subordinate_filing(again, "{}", "{}")
        assert ws.subordinate_filings()[0].packet_id == "urn:uuid:5678"
        assert ws.subordinate_filings()[0].received_at != ""
        assert ws.changelog(limit=1)[0].old == "urn:uuid:1234"
        assert ws.undo().subordinate_filings
        assert ws.subordinate_filings() == [FILING]
        ws.undo()
        assert ws.subordinate_filings() == []
        assert ws.undo().trusted_certificates and ws.trusted_certificates() == []
        assert ws.redo().kinds == {ChangeKind.TRUSTED_CERTIFICATE} and ws.trusted_certificates() == [CERT]
