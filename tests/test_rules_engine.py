"""The engine: the clean baseline, ordering, explanations that survive re-checking in a real
workspace, parameters as of a date, and the example workbooks' expected findings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from examples import ExampleBook
from rules_helpers import AS_OF, A, C, after, baseline, check, to_workspace

from sydw_desktop.model import ParamOverride
from sydw_desktop.rules import load_catalogue, run_checks
from sydw_desktop.rules.context import REGISTRY
from sydw_desktop.rules.engine import RULE_FAILED
from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import DocumentKind, Phase


def test_the_baseline_reform_is_clean() -> None:
    report = check(baseline())
    assert report.findings == ()
    assert report.workspace == "示例旗" and report.as_of == AS_OF.isoformat()
    assert report.rules_version == load_catalogue().version


def test_the_baseline_is_clean_through_a_real_workspace_too(tmp_path: Path) -> None:
    with to_workspace(tmp_path / "w.sydw", baseline()) as ws:
        snap = ws.snapshot()
    assert len(snap.before) == 5 and len(snap.after) == 3 and len(snap.sanding) == 3
    assert run_checks(snap, as_of=AS_OF).findings == ()


def test_as_of_defaults_to_today() -> None:
    assert run_checks(baseline()).as_of == dt.date.today().isoformat()


def test_findings_are_sorted_by_severity_document_unit() -> None:
    snap = baseline()
    after(snap, C).staffing = 4  # plan error + overstaff warning
    after(snap, A).leaders_principal = 2  # warning
    del snap.charters[next(iter(snap.charters))]  # charter error
    snap.charters[next(iter(snap.charters))].funding_source = None
    after(snap, A).name = "示例旗国际农牧业技术推广中心"  # info
    findings = check(snap).findings
    keys = [(-f.severity.weight, list(DocumentKind).index(f.document), f.unit or "") for f in findings]
    assert keys == sorted(keys)
    assert {f.severity for f in findings} == set(Severity)
    data = check(snap).to_json()
    assert set(data) == {"workspace", "as_of", "rules_version", "summary", "findings"}
    assert data["summary"] == {s.value: sum(f.severity is s for f in findings) for s in Severity}
    assert json.dumps(data, ensure_ascii=False)


def test_explanation_survives_recheck_and_goes_stale_when_values_change(tmp_path: Path) -> None:
    snap = baseline()
    after(snap, A).leaders_principal = 2  # plan.dual_principal warning
    with to_workspace(tmp_path / "w.sydw", snap) as ws:
        [finding] = [f for f in run_checks(ws.snapshot(), as_of=AS_OF).findings if f.rule == "plan.dual_principal"]
        assert finding.explanation is None
        ws.set_explanation(finding.rule, finding.unit, finding.field, "经旗委编委同意设党委书记和主任双正职",
                           finding.fingerprint)
        again = [f for f in run_checks(ws.snapshot(), as_of=AS_OF).findings if f.rule == "plan.dual_principal"]
        assert [(f.explanation, f.explanation_stale) for f in again] == [("经旗委编委同意设党委书记和主任双正职", False)]
        assert run_checks(ws.snapshot(), as_of=AS_OF).unexplained_warnings == []
        unit = ws.find_unit(Phase.AFTER, A)
        assert unit is not None and unit.id is not None
        ws.update_unit(unit.id, leaders_principal=3)
        stale = [f for f in run_checks(ws.snapshot(), as_of=AS_OF).findings if f.rule == "plan.dual_principal"]
        assert stale[0].explanation is not None and stale[0].explanation_stale is True
        assert stale[0] in run_checks(ws.snapshot(), as_of=AS_OF).unexplained_warnings
        assert stale[0].to_json()["explanation_stale"] is True


def test_errors_cannot_be_explained_away(tmp_path: Path) -> None:
    snap = baseline()
    after(snap, C).staffing = 4
    with to_workspace(tmp_path / "w.sydw", snap) as ws:
        [finding] = [f for f in run_checks(ws.snapshot(), as_of=AS_OF).findings if f.rule == "plan.min_unit_size"]
        ws.set_explanation(finding.rule, finding.unit, finding.field, "编制少但很重要", finding.fingerprint)
        [again] = [f for f in run_checks(ws.snapshot(), as_of=AS_OF).findings if f.rule == "plan.min_unit_size"]
        assert again.severity is Severity.ERROR and again.explanation is None
        assert run_checks(ws.snapshot(), as_of=AS_OF).has_errors


def test_fingerprint_depends_on_values_not_on_wording() -> None:
    snap = baseline()
    after(snap, A).leaders_principal = 2
    first = [f for f in check(snap).findings if f.rule == "plan.dual_principal"][0]
    after(snap, C).staffing = 11  # an unrelated change
    assert [f for f in check(snap).findings if f.rule == "plan.dual_principal"][0].fingerprint == first.fingerprint
    after(snap, A).leaders_principal = 3
    assert [f for f in check(snap).findings if f.rule == "plan.dual_principal"][0].fingerprint != first.fingerprint


def test_check_as_of_before_and_after_a_dated_parameter_change(tmp_path: Path) -> None:
    with to_workspace(tmp_path / "w.sydw", baseline()) as ws:
        ws.add_param_override(ParamOverride("plan.min_unit_size", "T", 12, "2026-12-01", doc_no="示编发〔2026〕7号",
                                            reason="本旗口径"))
        snap = ws.snapshot()
        log = ws.changelog()
    before_change = [f.unit for f in run_checks(snap, as_of=dt.date(2026, 11, 30)).findings
                     if f.rule == "plan.min_unit_size"]
    after_change = [f.unit for f in run_checks(snap, as_of=dt.date(2026, 12, 1)).findings
                    if f.rule == "plan.min_unit_size"]
    assert before_change == [] and after_change == [C]  # C has 12 编制
    assert any(e.doc_no == "示编发〔2026〕7号" and e.entity_name == "plan.min_unit_size" and e.user for e in log)


def test_catalogue_dates_apply_to_as_of() -> None:
    snap = baseline()
    after(snap, C).staffing = 4
    assert not [f for f in check(snap, dt.date(2019, 12, 31)).findings if f.rule == "plan.min_unit_size"]
    assert [f for f in check(snap, dt.date(2020, 1, 1)).findings if f.rule == "plan.min_unit_size"]


def test_a_failing_rule_is_reported_and_the_others_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: object) -> list[object]:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(REGISTRY, "nm.suffix", broken)
    snap = baseline()
    after(snap, C).staffing = 4
    findings = check(snap).findings
    failed = [f for f in findings if f.rule == "nm.suffix"]
    assert [(f.severity, f.document.key) for f in failed] == [(Severity.ERROR, "packet")]
    assert RULE_FAILED in failed[0].message
    assert any(f.rule == "plan.min_unit_size" for f in findings)


# --- the example workbooks (own and shared) ------------------------------------------------------

def test_example_workbook_gives_the_expected_findings(tmp_path: Path, example_book: ExampleBook) -> None:
    from sydw_desktop.workbook import read_plan
    from sydw_desktop.workspace import Workspace

    with Workspace.create(tmp_path / "W.sydw", example_book.jurisdiction) as ws:
        ws.replace_plan(read_plan(example_book.path))
        findings = list(run_checks(ws.snapshot(), as_of=dt.date.fromisoformat(example_book.as_of)).findings)
    got = {(f.rule, f.unit, f.severity.value) for f in findings}
    assert example_book.findings <= got
    assert not {f.rule for f in findings} & example_book.absent_rules
    message = next(f.message for f in findings if f.rule == "plan.min_unit_size")
    assert message == example_book.too_small_message


def test_a_finding_names_its_document_by_kind_and_its_json_by_key() -> None:
    snap = baseline()
    after(snap, C).staffing = 4
    del snap.charters[next(iter(snap.charters))]
    report = check(snap)
    assert {f.document for f in report.findings} >= {DocumentKind.PLAN, DocumentKind.CHARTER}
    for f in report.findings:
        assert isinstance(f.document, DocumentKind)
        assert f.to_json()["document"] == f.document.key
        assert DocumentKind.from_key(f.document.key) is f.document
    assert [k.key for k in DocumentKind] == ["plan", "unit", "sanding", "quanxian", "charter", "packet"]
    for wrong in ("改革方案", "PLAN", "sandings", ""):
        with pytest.raises(ValueError):
            DocumentKind.from_key(wrong)
