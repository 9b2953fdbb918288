"""C. The "三定" rules (sd.*): each fires where it should and not at its near miss."""

from __future__ import annotations

import json

from rules_helpers import DEPT, PLATE, A, B, C, after, baseline, hits, where

from sydw_desktop.model import Organ, ParamOverride, UnitId
from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import Affiliation, Category, Level, Spec

SD_A, SD_B, SD_C = UnitId(1), UnitId(2), UnitId(3)


# --- sd.sections ---------------------------------------------------------------------------------

def test_missing_sanding_is_an_error_on_the_unit() -> None:
    snap = baseline()
    del snap.sanding[SD_B]
    found = hits(snap, "sd.sections")
    assert [(f.document.key, f.unit, f.field, f.severity) for f in found] == [("sanding", B, None, Severity.ERROR)]
    assert "尚无“三定”规定" in found[0].message


def test_empty_sections_are_named() -> None:
    snap = baseline()
    snap.sanding[SD_B].duties = ["  "]
    snap.sanding[SD_A].organs[1].duties = []
    after(snap, C).leaders_principal = after(snap, C).leaders_deputy = None
    found = hits(snap, "sd.sections")
    assert where(found) == {(B, "duties"), (A, "organs"), (C, "staffing")}
    assert any("技术推广股" in f.message for f in found)


def test_no_internal_organs_is_a_complete_section() -> None:
    snap = baseline()
    assert snap.sanding[SD_B].organs == []  # “不设内设机构”
    assert hits(snap, "sd.sections") == []


def test_sections_are_configurable() -> None:
    snap = baseline()
    snap.param_overrides = [ParamOverride("sd.sections", "sections", ["主要职责", "附则"], "2026-01-01")]
    snap.sanding[SD_A].supplementary = "本规定由示例旗委编办负责解释。"
    assert where(hits(snap, "sd.sections")) == {(B, "supplementary"), (C, "supplementary")}


# --- sd.spec_by_level ----------------------------------------------------------------------------

def test_spec_ceiling_by_level_is_inclusive() -> None:
    snap = baseline()
    after(snap, A).spec = Spec.ZHENG_KE
    assert hits(snap, "sd.spec_by_level") == []
    after(snap, A).spec = Spec.FU_CHU
    found = hits(snap, "sd.spec_by_level")
    assert where(found) == {(A, "spec")} and found[0].message == (
        f"旗县事业单位的机构规格不高于正科级：{A}为副处级")
    snap.jurisdiction.level = Level.LEAGUE
    assert hits(snap, "sd.spec_by_level") == []


# --- sd.spec_vs_parent ---------------------------------------------------------------------------

def test_unit_spec_strictly_below_its_department() -> None:
    snap = baseline()
    snap.settings["dept_specs"] = json.dumps({DEPT: "正科级"}, ensure_ascii=False)
    after(snap, A).spec = Spec.ZHENG_KE
    found = hits(snap, "sd.spec_vs_parent")
    assert where(found) == {(A, "spec")} and found[0].severity is Severity.WARNING
    after(snap, A).spec = Spec.FU_KE
    assert hits(snap, "sd.spec_vs_parent") == []
    after(snap, A).spec = Spec.ZHENG_KE
    snap.param_overrides = [ParamOverride("sd.spec_vs_parent", "strict", False, "2026-01-01")]
    assert hits(snap, "sd.spec_vs_parent") == []


def test_directly_affiliated_unit_not_above_level_department() -> None:
    snap = baseline()
    snap.sanding[SD_A].affiliation = Affiliation.GOVERNMENT
    after(snap, A).spec = Spec.FU_CHU
    assert where(hits(snap, "sd.spec_vs_parent")) == {(A, "spec")}
    after(snap, A).spec = Spec.ZHENG_KE
    assert hits(snap, "sd.spec_vs_parent") == []


def test_malformed_dept_specs_setting_is_reported_not_raised() -> None:
    snap = baseline()
    snap.settings["dept_specs"] = "{示例旗农牧局: 正科级"
    found = hits(snap, "sd.spec_vs_parent")
    assert [(f.severity, f.unit, f.document.key) for f in found] == [(Severity.INFO, None, "plan")]
    assert "dept_specs" in found[0].message


# --- sd.dept_spec --------------------------------------------------------------------------------

def test_internal_organs_one_step_below_the_unit() -> None:
    snap = baseline()
    after(snap, A).spec = Spec.ZHENG_KE
    for organ in snap.sanding[SD_A].organs:
        organ.spec = Spec.GU
    assert hits(snap, "sd.dept_spec") == []
    snap.sanding[SD_A].organs[0].spec = Spec.FU_KE
    found = hits(snap, "sd.dept_spec")
    assert where(found) == {(A, "organs")} and "综合股（副科级）" in found[0].message


def test_organs_of_a_gu_level_unit_have_no_rank() -> None:
    snap = baseline()  # A is 股级
    snap.sanding[SD_A].organs[0].spec = Spec.NONE
    assert hits(snap, "sd.dept_spec") == []
    snap.sanding[SD_A].organs[0].spec = Spec.GU
    assert "应为不定规格" in hits(snap, "sd.dept_spec")[0].message


# --- sd.leader_quota -----------------------------------------------------------------------------

def test_unit_leader_table_boundaries() -> None:
    snap = baseline()
    a = after(snap, A)  # 24 编制 → at most 3
    a.leaders_deputy = 2
    assert hits(snap, "sd.leader_quota") == []
    a.leaders_deputy = 3
    found = hits(snap, "sd.leader_quota")
    assert where(found) == {(A, "leaders_deputy")} and "超过上限3名" in found[0].message
    a.staffing, a.leaders_deputy = 10, 1  # ≤10 → 2
    assert hits(snap, "sd.leader_quota") == []
    a.leaders_deputy = 2
    assert "超过上限2名" in hits(snap, "sd.leader_quota")[0].message
    a.staffing = 1000  # from 1000 the table may be exceeded
    assert hits(snap, "sd.leader_quota") == []


def test_unit_needs_at_least_one_leader() -> None:
    snap = baseline()
    after(snap, B).leaders_principal, after(snap, B).leaders_deputy = 0, 0
    assert where(hits(snap, "sd.leader_quota")) == {(B, "leaders_principal")}


def test_organ_leader_table_and_unranked_technical_organs() -> None:
    snap = baseline()
    organ = snap.sanding[SD_A].organs[0]
    organ.staffing, organ.leaders = 5, 2
    assert hits(snap, "sd.leader_quota") == []
    organ.leaders = 3
    assert where(hits(snap, "sd.leader_quota")) == {(A, "organs")}
    organ.leaders, organ.spec = 1, Spec.NONE
    assert "不定规格的内设专业技术机构不设领导职数" in hits(snap, "sd.leader_quota")[0].message


# --- sd.dept_min_size ----------------------------------------------------------------------------

def test_small_units_have_no_internal_organs() -> None:
    snap = baseline()
    snap.sanding[SD_B].organs = [Organ("综合股", duties=["负责综合事务"])]  # B has 18 编制
    found = hits(snap, "sd.dept_min_size")
    assert where(found) == {(B, "organs")} and "不满20名" in found[0].message
    after(snap, B).staffing = 20  # the threshold is 不满 (exclusive)
    assert hits(snap, "sd.dept_min_size") == []


def test_organ_count_bounded_by_staffing() -> None:
    snap = baseline()
    organs = snap.sanding[SD_A].organs  # 24 编制 → at most 4
    organs += [Organ(f"第{i}股", duties=["负责业务"]) for i in range(2)]
    after(snap, A).depts = 4
    assert hits(snap, "sd.dept_min_size") == []
    organs.append(Organ("第五股", duties=["负责业务"]))
    assert where(hits(snap, "sd.dept_min_size")) == {(A, "organs")}


def test_organ_count_from_the_plan_without_a_sanding() -> None:
    snap = baseline()
    del snap.sanding[SD_B]
    after(snap, B).depts = 1
    found = hits(snap, "sd.dept_min_size")
    assert [(f.document.key, f.unit, f.field) for f in found] == [("plan", B, "depts")]


# --- sd.dept_staff_sum ---------------------------------------------------------------------------

def test_organ_staffing_plus_unit_leaders_within_the_unit() -> None:
    snap = baseline()
    organs = snap.sanding[SD_A].organs  # 24 编制, 2 unit leaders counted apart
    organs[0].staffing, organs[1].staffing = 11, 11
    assert hits(snap, "sd.dept_staff_sum") == []
    organs[1].staffing = 12
    found = hits(snap, "sd.dept_staff_sum")
    assert where(found) == {(A, "organs")} and "共25名，超过核定编制24名" in found[0].message
    snap.param_overrides = [ParamOverride("sd.dept_staff_sum", "leaders_inside_depts", True, "2026-01-01")]
    assert hits(snap, "sd.dept_staff_sum") == []


def test_stated_organ_leaders_equal_the_listed_posts() -> None:
    snap = baseline()
    snap.sanding[SD_A].organ_leaders = 3
    found = hits(snap, "sd.dept_staff_sum")
    assert where(found) == {(A, "organ_leaders")} and found[0].severity is Severity.ERROR


# --- sd.paizi_no_resources -----------------------------------------------------------------------

def test_nameplate_that_is_also_a_staffed_unit() -> None:
    snap = baseline()
    after(snap, C).paizi = [B]
    found = hits(snap, "sd.paizi_no_resources")
    assert where(found) == {(C, "paizi")} and "核定编制18名" in found[0].message


def test_nameplate_with_its_own_organ_or_quota_in_the_text() -> None:
    snap = baseline()
    snap.sanding[SD_C].organs = [Organ(PLATE, duties=["负责非遗保护"])]
    assert "以牌子名义设置了内设机构" in hits(snap, "sd.paizi_no_resources")[0].message
    snap.sanding[SD_C].organs = []
    snap.sanding[SD_C].other_matters = f"{PLATE}核定编制3名。"
    assert where(hits(snap, "sd.paizi_no_resources")) == {(C, "paizi")}


def test_nameplate_without_resources_near_miss() -> None:
    snap = baseline()  # “加挂…牌子，不单独核定编制”
    assert "不单独核定编制" in snap.sanding[SD_C].other_matters
    assert hits(snap, "sd.paizi_no_resources") == []


# --- sd.admin_power ------------------------------------------------------------------------------

def test_admin_power_without_basis_is_an_error_for_public_units() -> None:
    snap = baseline()
    snap.sanding[SD_B].duties.append("承担动物卫生监督行政执法")
    found = hits(snap, "sd.admin_power")
    assert [(f.unit, f.field, f.severity) for f in found] == [(B, "legal_basis", Severity.ERROR)]
    after(snap, B).category = Category.UNCLASSIFIED
    assert [f.severity for f in hits(snap, "sd.admin_power")] == [Severity.WARNING]


def test_admin_power_basis_must_name_the_law_and_article() -> None:
    snap = baseline()
    snap.sanding[SD_B].duties.append("承担动物卫生监督行政执法")
    snap.sanding[SD_B].legal_basis = "动物防疫法"
    assert [f.severity for f in hits(snap, "sd.admin_power")] == [Severity.WARNING]
    snap.sanding[SD_B].legal_basis = "《中华人民共和国动物防疫法》第八条"
    assert hits(snap, "sd.admin_power") == []


def test_assisting_enforcement_is_not_exercising_power() -> None:
    snap = baseline()
    snap.sanding[SD_B].duties.append("配合执法部门开展检查")
    assert hits(snap, "sd.admin_power") == []
