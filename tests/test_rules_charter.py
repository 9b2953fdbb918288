"""D. 章程 and registration (ch.*), and the working-day count behind the 30-day limit."""

from __future__ import annotations

import datetime as dt
import json

from rules_helpers import A, B, C, after, baseline, hits, where

from sydw_desktop.model import UnitId
from sydw_desktop.rules.findings import Severity
from sydw_desktop.rules.workdays import working_days_after
from sydw_desktop.vocab import Category, FundingSource

CH_A, CH_B, CH_C = UnitId(1), UnitId(2), UnitId(3)


def _records(**by_unit: dict[str, object]) -> str:
    names = {"a": A, "b": B, "c": C}
    return json.dumps({names[k]: v for k, v in by_unit.items()}, ensure_ascii=False)


# --- ch.required_items ---------------------------------------------------------------------------

def test_missing_charter_is_an_error() -> None:
    snap = baseline()
    del snap.charters[CH_B]
    found = hits(snap, "ch.required_items")
    assert [(f.document.key, f.unit, f.field, f.severity) for f in found] == [("charter", B, None, Severity.ERROR)]


def test_each_missing_item_points_at_its_field() -> None:
    snap = baseline()
    ch = snap.charters[CH_A]
    ch.address, ch.capital, ch.sponsors, ch.purpose = "", 0.0, [], " "
    snap.charters[CH_C].funding_source = None
    after(snap, B).category = Category.UNCLASSIFIED
    found = hits(snap, "ch.required_items")
    assert where(found) == {(A, "address"), (A, "capital"), (A, "sponsors"), (A, "purpose"),
                            (C, "funding_source"), (B, "category")}
    assert all(f.severity is Severity.ERROR for f in found)
    assert any(f.message == f"{A}的章程未载明宗旨" for f in found)


def test_optional_charter_parts_may_be_empty() -> None:
    snap = baseline()
    ch = snap.charters[CH_A]
    ch.supervisor, ch.party_building, ch.supplementary, ch.registrar = "", "", "", ""
    assert hits(snap, "ch.required_items") == []
    # the chapters the 章程 template words by default when left blank (the editor says so) are not missing
    ch.organization, ch.assets, ch.disclosure, ch.amendment, ch.termination = "   ", "", "", "", ""
    assert hits(snap, "ch.required_items") == []


def test_scope_unrelated_to_purpose_is_only_info() -> None:
    snap = baseline()
    snap.charters[CH_A].scope.append("承办各类演出")
    found = hits(snap, "ch.required_items")
    assert [(f.unit, f.field, f.severity) for f in found] == [(A, "scope", Severity.INFO)]
    assert "承办各类演出" in found[0].message


# --- ch.registration_match -----------------------------------------------------------------------

def test_charter_differs_from_the_registration_record() -> None:
    snap = baseline()
    snap.settings["registration_records"] = _records(
        a={"address": "示例旗新华街2号", "capital": 30, "sponsors": ["示例旗农牧局"]},
        c={"type": "公益二类", "funding_source": "财政补助一类"},
    )
    found = hits(snap, "ch.registration_match")
    assert where(found) == {(A, "address"), (C, "category")}
    assert any("住所“示例旗新华街1号”与登记事项“示例旗新华街2号”不一致" in f.message for f in found)


def test_charter_matching_the_record_after_normalisation() -> None:
    snap = baseline()
    snap.settings["registration_records"] = _records(
        a={"name": A, "address": "示例旗新华街１号", "capital": 30.0, "funding_source": "财政补助一类"})
    assert hits(snap, "ch.registration_match") == []
    snap.charters[CH_A].address = ""  # missing, not different: ch.required_items says so
    assert hits(snap, "ch.registration_match") == []
    assert where(hits(snap, "ch.required_items")) == {(A, "address")}


def test_malformed_records_setting_is_reported_once() -> None:
    snap = baseline()
    snap.settings["registration_records"] = "[1, 2"
    found = hits(snap, "ch.registration_match")
    assert [(f.severity, f.unit) for f in found] == [(Severity.INFO, None)]


# --- ch.legal_rep --------------------------------------------------------------------------------

def test_legal_representative_is_the_units_principal() -> None:
    snap = baseline()
    snap.charters[CH_A].legal_rep_title = "副主任"
    found = hits(snap, "ch.legal_rep")
    assert where(found) == {(A, "legal_rep_title")} and "“三定”规定的单位正职“主任”" in found[0].message
    snap.sanding[CH_A].principal_title = "副主任"  # an odd 三定, but the two documents agree
    assert hits(snap, "ch.legal_rep") == []


def test_legal_representative_must_be_named() -> None:
    snap = baseline()
    snap.charters[CH_B].legal_rep_name = ""
    assert where(hits(snap, "ch.legal_rep")) == {(B, "legal_rep_name")}


# --- ch.change_registration ----------------------------------------------------------------------

def test_capital_change_over_20_percent_needs_verification() -> None:
    snap = baseline()
    ch = snap.charters[CH_A]  # 30 万元 now
    ch.previous_capital = 25.0  # +20 %: not over
    assert hits(snap, "ch.change_registration") == []
    ch.previous_capital = 24.0  # +25 %
    found = hits(snap, "ch.change_registration")
    assert where(found) == {(A, "change_materials")} and "变动25%，超过20%" in found[0].message
    ch.change_materials = ["验资证明"]
    assert hits(snap, "ch.change_registration") == []


def test_renamed_unit_needs_the_approval_document() -> None:
    snap = baseline()
    snap.charters[CH_C].change_materials = []
    found = hits(snap, "ch.change_registration")
    assert where(found) == {(C, "change_materials")} and "原名称示例旗文化馆" in found[0].message


def test_changed_legal_representative_and_funding_source_need_documents() -> None:
    snap = baseline()
    snap.settings["registration_records"] = _records(
        b={"previous": {"legal_rep_name": "李某", "funding_source": "财政补助二类"}})
    found = hits(snap, "ch.change_registration")
    assert len(found) == 1  # two warnings on one identity are one finding
    assert "法定代表人有变更" in found[0].message and "经费来源有变更" in found[0].message
    snap.charters[CH_B].change_materials = ["法定代表人任免文件", "经费来源证明"]
    assert hits(snap, "ch.change_registration") == []
    snap.charters[CH_B].funding_source = FundingSource.SUBSIDY_2
    snap.charters[CH_B].change_materials = ["法定代表人任免文件"]
    assert hits(snap, "ch.change_registration") == []  # funding source back as registered


def test_national_day_week_counts_as_holidays() -> None:
    # 2026: 1–7 October are holidays, Saturday 10 October is a working day (调休).
    assert working_days_after(dt.date(2026, 9, 30), dt.date(2026, 10, 10)).days == 3
    assert working_days_after(dt.date(2026, 9, 30), dt.date(2026, 9, 30)).days == 0


def test_years_past_the_calendar_are_counted_monday_to_friday_and_said() -> None:
    count = working_days_after(dt.date(2026, 12, 31), dt.date(2027, 1, 8))
    assert count.days == 6 and count.approximated_years == (2027,)  # 1 Jan 2027 counted as a Friday
    assert "2027年的节假日安排未收录" in count.note()
    assert working_days_after(dt.date(2026, 1, 5), dt.date(2026, 1, 9)).approximated_years == ()


def test_application_later_than_30_working_days_after_the_decision() -> None:
    snap = baseline()
    decided = dt.date(2026, 9, 30)
    day = decided
    while working_days_after(decided, day).days < 30:
        day += dt.timedelta(days=1)
    snap.settings["registration_records"] = _records(a={"decided_on": decided.isoformat(), "applied_on": day.isoformat()})
    assert hits(snap, "ch.change_registration") == []  # the 30th working day is in time
    late = day + dt.timedelta(days=1)
    while working_days_after(decided, late).days == 30:
        late += dt.timedelta(days=1)
    snap.settings["registration_records"] = _records(a={"decided_on": decided.isoformat(), "applied_on": late.isoformat()})
    found = hits(snap, "ch.change_registration")
    assert where(found) == {(A, None)} and "已31个工作日，超过30个工作日" in found[0].message
    assert day > decided + dt.timedelta(days=42)  # the National Day week pushed the limit out


def test_decision_date_defaults_to_the_sanding_approval_and_notes_unknown_years() -> None:
    snap = baseline()
    snap.sanding[CH_A].approved_on = "2026-12-01"
    snap.settings["registration_records"] = _records(a={"applied_on": "2027-03-01"})
    found = hits(snap, "ch.change_registration")
    assert where(found) == {(A, None)} and "2027年的节假日安排未收录" in found[0].message
