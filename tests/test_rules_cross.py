"""F. Consistency between the documents, people, quota and duties (x.*)."""

from __future__ import annotations

import dataclasses

from rules_helpers import CODE_CAOYUAN, A, B, C, after, baseline, before, hits, rebuild, where

from sydw_desktop.model import ParamOverride, Transfer, UnitId
from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import (
    Disposition,
    ExerciseMode,
    Funding,
    FundingSource,
    QuanxianCategory,
    QuanxianSubject,
    StaffStructure,
)

XUMU, CAOYUAN, ZHAODAI = "示例旗畜牧工作站", "示例旗草原工作站", "示例旗招待所"
U_A, U_B, U_C = UnitId(1), UnitId(2), UnitId(3)


# --- x.name --------------------------------------------------------------------------------------

def test_old_name_left_in_the_documents() -> None:
    snap = baseline()
    snap.sanding[U_B].duties.append(f"负责{XUMU}承担的动物防疫技术服务")
    snap.charters[U_C].purpose = "示例旗文化馆繁荣群众文化"
    found = hits(snap, "x.name")
    assert {(f.document.key, f.unit, f.field) for f in found} == {("sanding", B, "duties"), ("charter", C, "purpose")}
    assert all(f.severity is Severity.ERROR for f in found)


def test_old_name_written_as_yuan_is_allowed() -> None:
    snap = baseline()  # C's 三定 says “由原示例旗文化馆更名”
    snap.sanding[U_B].duties.append(f"承接原{XUMU}的动物防疫技术服务")
    assert hits(snap, "x.name") == []


def test_nameplate_in_the_sanding_text_must_be_the_plans() -> None:
    snap = baseline()
    snap.sanding[U_C].other_matters = "加挂“示例旗文物保护中心”牌子。"
    found = hits(snap, "x.name")
    assert where(found) == {(C, "paizi")} and "示例旗文物保护中心" in found[0].message


# --- x.staffing ----------------------------------------------------------------------------------

def test_staffing_split_by_funding_must_add_up() -> None:
    snap = baseline()
    after(snap, A).staffing_by_funding = {Funding.FULL: 20, Funding.PARTIAL: 3}
    found = hits(snap, "x.staffing")
    assert [(f.document.key, f.unit, f.field) for f in found] == [("plan", A, "staffing_by_funding")]
    after(snap, A).staffing_by_funding = {Funding.FULL: 20, Funding.PARTIAL: 4}
    assert hits(snap, "x.staffing") == []


def test_sanding_structure_and_text_must_match_the_plan() -> None:
    snap = baseline()
    snap.sanding[U_A].staffing_structure[StaffStructure.WORKER] = 1
    snap.sanding[U_A].other_matters = "本单位核定事业编制25名。"
    found = hits(snap, "x.staffing")
    assert {(f.document.key, f.field) for f in found} == {("sanding", "staffing_structure"), ("sanding", "staffing")}
    assert any("写明核定编制25名，方案中核定编制为24名" in f.message for f in found)


# --- x.attributes --------------------------------------------------------------------------------

def test_organ_count_in_plan_and_sanding() -> None:
    snap = baseline()
    after(snap, A).depts = 3
    found = hits(snap, "x.attributes")
    assert [(f.document.key, f.unit, f.field) for f in found] == [("sanding", A, "organs")]
    after(snap, A).depts = 2
    assert hits(snap, "x.attributes") == []


def test_sponsor_supervisor_and_titles_agree_with_the_plan() -> None:
    snap = baseline()
    snap.charters[U_A].sponsors = ["示例旗人民政府", "示例旗农牧局"]
    snap.quanxian[U_B].supervisor = "示例旗林草局"
    snap.sanding[U_C].deputy_title = ""
    found = hits(snap, "x.attributes")
    assert {(f.document.key, f.unit, f.field) for f in found} == {
        ("charter", A, "sponsors"), ("quanxian", B, "supervisor"), ("sanding", C, "deputy_title")}
    snap.quanxian[U_B].supervisor = "示例旗农牧局"
    assert ("quanxian", B, "supervisor") not in {(f.document.key, f.unit, f.field) for f in hits(snap, "x.attributes")}


def test_funding_source_hint_is_info_only() -> None:
    snap = baseline()
    snap.charters[U_A].funding_source = FundingSource.SUBSIDY_2  # 全额 usually ↔ 财政补助一类
    found = hits(snap, "x.attributes")
    assert [(f.field, f.severity) for f in found] == [("funding_source", Severity.INFO)]


# --- x.uscc --------------------------------------------------------------------------------------

def test_retained_unit_keeps_its_code() -> None:
    snap = baseline()
    after(snap, A).uscc = "12159901MB000006XM"
    after(snap, C).uscc = ""
    found = hits(snap, "x.uscc")
    assert where(found) == {(A, "uscc"), (C, "uscc")}
    assert any("应沿用原代码“12159901MB0000051X”" in f.message for f in found)


def test_unit_formed_by_integration_may_wait_or_carry_on_a_code() -> None:
    snap = baseline()
    assert after(snap, B).uscc == ""
    assert hits(snap, "x.uscc") == []
    after(snap, B).uscc = CODE_CAOYUAN
    assert hits(snap, "x.uscc") == []


# --- x.people ------------------------------------------------------------------------------------

def test_people_of_a_merged_unit_must_all_be_placed() -> None:
    snap = baseline()
    snap.transfers[0].count = 7  # 畜牧工作站 has 8
    found = hits(snap, "x.people")
    assert where(found) == {(XUMU, "actual")} and "还有1人未落实去向" in found[0].message
    snap.transfers[0].count = 9
    assert "多出1人" in hits(snap, "x.people")[0].message
    snap.transfers[0].count = 8
    assert hits(snap, "x.people") == []


def test_transfer_to_a_unit_that_is_not_after_the_reform() -> None:
    snap = baseline()
    snap = rebuild(snap, transfers=[*snap.transfers[:1], dataclasses.replace(snap.transfers[1], target=UnitId(11))])
    assert (CAOYUAN, "destination") in where(hits(snap, "x.people"))


def test_abolished_unit_without_any_transfer() -> None:
    snap = baseline()
    snap = rebuild(snap, transfers=snap.transfers[:2])
    assert where(hits(snap, "x.people")) == {(ZHAODAI, "actual")}
    before(snap, ZHAODAI).actual = 0
    assert hits(snap, "x.people") == []


# --- x.overstaff ---------------------------------------------------------------------------------

def test_destination_over_its_quota_needs_a_deadline() -> None:
    snap = baseline()
    after(snap, B).staffing = 16  # 17 people come in
    found = hits(snap, "x.overstaff")
    assert [(f.unit, f.field, f.severity) for f in found] == [(B, "overstaff_deadline", Severity.WARNING)]
    assert "预计实有17人，核定编制16名，超编1人" in found[0].message
    after(snap, B).overstaff_deadline = "2026-11-28"  # the day before the check: already passed
    assert [f.severity for f in hits(snap, "x.overstaff")] == [Severity.WARNING]
    after(snap, B).overstaff_deadline = "2028-12-31"
    assert [f.severity for f in hits(snap, "x.overstaff")] == [Severity.INFO]
    snap.param_overrides = [ParamOverride("x.overstaff", "grace_years", 1, "2026-01-01")]
    assert [f.severity for f in hits(snap, "x.overstaff")] == [Severity.WARNING]
    after(snap, B).staffing = 17
    assert hits(snap, "x.overstaff") == []


def test_people_staying_in_a_kept_unit_count() -> None:
    snap = baseline()
    after(snap, A).staffing = 21  # 22 stay in place
    assert where(hits(snap, "x.overstaff")) == {(A, "overstaff_deadline")}
    snap.transfers.append(Transfer(source=UnitId(11), count=1, target=U_B, id=9))  # type: ignore[arg-type]
    after(snap, B).staffing = 18
    assert where(hits(snap, "x.overstaff")) == set()


# --- x.ledger ------------------------------------------------------------------------------------

def test_quota_without_a_destination_is_unplaced() -> None:
    snap = baseline()
    before(snap, XUMU).destination = None
    before(snap, "示例旗文化馆").disposition = None
    found = hits(snap, "x.ledger")
    assert where(found) == {(XUMU, "destination"), ("示例旗文化馆", "disposition")}
    assert any("核定编制8名未落实" in f.message for f in found)


def test_stated_recovered_quota_matches_the_ledger() -> None:
    snap = baseline()
    snap.settings["recovered_staffing"] = "0"
    assert hits(snap, "x.ledger") == []
    after(snap, B).staffing = 16  # 18 came in: 2 recovered
    snap.settings["recovered_staffing"] = "0"
    found = hits(snap, "x.ledger")
    assert where(found) == {(None, None)} and "编制台账收回2名" in found[0].message
    snap.settings["recovered_staffing"] = "2"
    assert hits(snap, "x.ledger") == []


# --- x.functions ---------------------------------------------------------------------------------

def test_duty_of_a_merged_unit_found_nowhere() -> None:
    snap = baseline()
    before(snap, CAOYUAN).duties.append("负责草原防火宣传")
    found = hits(snap, "x.functions")
    assert [(f.unit, f.field, f.severity) for f in found] == [(CAOYUAN, "duties", Severity.WARNING)]
    assert "负责草原防火宣传" in found[0].message


def test_duty_listed_as_going_elsewhere_or_found_in_another_unit() -> None:
    snap = baseline()
    before(snap, CAOYUAN).duties.append("负责草原防火宣传")
    before(snap, CAOYUAN).duties_elsewhere.append("负责草原防火宣传 → 划归示例旗应急管理局")
    before(snap, CAOYUAN).duties.append("承担全旗农牧业技术推广服务")  # in A's 三定, not the destination's
    assert hits(snap, "x.functions") == []


def test_other_departments_three_ding_must_carry_the_duty_word_for_word() -> None:
    snap = baseline()
    snap.sanding[U_C].duties.append("负责全旗草原防火宣传工作")  # C belongs to another department
    before(snap, CAOYUAN).duties.append("负责草原防火宣传")
    assert where(hits(snap, "x.functions")) == {(CAOYUAN, "duties")}  # reworded there: not accepted
    snap.sanding[U_C].duties.append("组织群众文化活动；负责草原防火宣传")
    assert hits(snap, "x.functions") == []  # word for word, as one clause of a merged item


def test_fuzzy_match_threshold_is_a_parameter() -> None:
    snap = baseline()  # “负责草原监测” is covered by “负责全旗草原监测工作” (4 of 5 bigrams)
    assert hits(snap, "x.functions") == []
    snap.param_overrides = [ParamOverride("x.functions", "threshold", 0.9, "2026-01-01")]
    found = hits(snap, "x.functions")
    assert where(found) == {(CAOYUAN, "duties")} and "负责草原监测" in found[0].message


def test_kept_units_are_not_traced() -> None:
    snap = baseline()
    before(snap, A).duties.append("负责一项不再存在的工作")
    assert hits(snap, "x.functions") == []
    before(snap, A).disposition = Disposition.ABOLISH
    assert where(hits(snap, "x.functions")) == {(A, "duties")}


# --- x.quanxian_units ----------------------------------------------------------------------------

def test_every_retained_unit_with_a_supervisor_has_a_list() -> None:
    snap = baseline()
    del snap.quanxian[U_A]
    found = hits(snap, "x.quanxian_units")
    assert [(f.document.key, f.unit, f.field) for f in found] == [("quanxian", A, "items")]


def test_pilot_units_setting_limits_the_scope() -> None:
    snap = baseline()
    del snap.quanxian[U_A]
    snap.settings["quanxian_pilot_units"] = f'["{B}", "{C}"]'
    assert hits(snap, "x.quanxian_units") == []
    snap.settings["quanxian_pilot_units"] = f'["{B}"]'
    found = hits(snap, "x.quanxian_units")
    assert where(found) == {(C, "items")} and "不是政事权限清单试点单位" in found[0].message


def test_items_need_a_known_category_owner_and_basis() -> None:
    snap = baseline()
    items = snap.quanxian[U_B].items
    items[0].category = QuanxianCategory.OTHER
    items[1].basis = ""
    items.append(dataclasses.replace(items[1], subject=QuanxianSubject.RELATED, basis="文件"))
    found = hits(snap, "x.quanxian_units")
    assert where(found) == {(B, "items")}
    assert "第1项类别为“其他”" in found[0].message and "第2项未写依据" in found[0].message
    assert "第3项责任主体为“相关综合部门”" in found[0].message


def test_one_matter_decided_by_both_sides() -> None:
    snap = baseline()
    items = snap.quanxian[U_C].items
    items.append(dataclasses.replace(items[1], subject=QuanxianSubject.SUPERVISOR, mode=ExerciseMode.DECIDE))
    assert "由主管部门和事业单位同时决定" in hits(snap, "x.quanxian_units")[0].message


def test_autonomy_over_internal_organs_is_flagged_for_review() -> None:
    snap = baseline()
    items = snap.quanxian[U_A].items
    items.append(dataclasses.replace(items[1], content="自主设置内设机构"))
    found = hits(snap, "x.quanxian_units")
    assert [(f.unit, f.severity) for f in found] == [(A, Severity.INFO)]
