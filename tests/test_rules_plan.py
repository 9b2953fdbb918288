"""B. The plan-level rules (plan.*): each fires where it should and not at its near miss."""

from __future__ import annotations

import dataclasses

from rules_helpers import DEPT, A, B, C, after, baseline, before, hits, rebuild, where

from sydw_desktop.model import Jurisdiction, ParamOverride, Unit, UnitId
from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import Category, Disposition, Level, PartyOrg, ServiceTarget

ZHAODAI = "示例旗招待所"
XUMU = "示例旗畜牧工作站"


def _new_after(snap_units: list[Unit], name: str, unit_id: int, **extra: object) -> Unit:
    template = next(u for u in snap_units if u.name == B)
    values = dict(name=name, id=UnitId(unit_id), uscc="", is_new=True, paizi=[], party_members=None)
    values.update(extra)
    return dataclasses.replace(template, **values)  # type: ignore[arg-type]


# --- plan.unit_cap -------------------------------------------------------------------------------

def test_unit_cap_fires_above_the_limit_and_not_at_it() -> None:
    snap = baseline()
    snap.jurisdiction.unit_cap = 2
    found = hits(snap, "plan.unit_cap")
    assert where(found) == {(None, "unit_cap")} and "超过机构限额2个" in found[0].message
    assert found[0].severity is Severity.ERROR and found[0].document.key == "plan"
    snap.jurisdiction.unit_cap = 3  # three units after: exactly at the cap is allowed
    assert hits(snap, "plan.unit_cap") == []


def test_unit_cap_parameter_overrides_the_workspace_limit() -> None:
    snap = baseline()
    snap.param_overrides = [ParamOverride("plan.unit_cap", "unit_limit", 2, "2026-01-01")]
    assert where(hits(snap, "plan.unit_cap")) == {(None, "unit_cap")}


def test_unit_cap_more_after_than_before_needs_an_approval() -> None:
    snap = baseline()
    snap = rebuild(snap, before=[before(snap, A), before(snap, XUMU)])
    found = hits(snap, "plan.unit_cap")
    assert where(found) == {(None, None)} and "多于改革前的2个" in found[0].message
    snap.settings["unit_cap_exception"] = "内机编委发〔2026〕1号"
    assert hits(snap, "plan.unit_cap") == []


def test_unit_cap_is_a_warning_at_region_level() -> None:
    snap = baseline()
    snap.jurisdiction = Jurisdiction("内蒙古自治区", "150000", Level.REGION, unit_cap=2)
    assert [f.severity for f in hits(snap, "plan.unit_cap")] == [Severity.WARNING]


# --- plan.staff_cap ------------------------------------------------------------------------------

def test_staff_cap_control_total_is_inclusive() -> None:
    snap = baseline()  # 54 after
    snap.jurisdiction.staff_cap = 53
    found = hits(snap, "plan.staff_cap")
    assert where(found) == {(None, "staff_cap")} and "超过事业编制控制总量53名（多1名）" in found[0].message
    snap.jurisdiction.staff_cap = 54
    assert hits(snap, "plan.staff_cap") == []


def test_staff_cap_after_may_not_exceed_before() -> None:
    snap = baseline()  # 60 before
    after(snap, A).staffing = 31  # 61 after
    found = hits(snap, "plan.staff_cap")
    assert where(found) == {(None, None)}
    assert "改革后核定编制合计61名，超过改革前的60名" in found[0].message and "核销6名" in found[0].message
    after(snap, A).staffing = 30
    assert hits(snap, "plan.staff_cap") == []


# --- plan.min_unit_size --------------------------------------------------------------------------

def test_min_unit_size_banner_5_is_inclusive() -> None:
    snap = baseline()
    after(snap, C).staffing = 5
    found = hits(snap, "plan.min_unit_size")
    assert [(f.unit, f.field, f.severity) for f in found] == [(C, "staffing", Severity.ERROR)]
    assert found[0].message == "旗县不再保留核定编制5名以下的事业单位：示例旗文化艺术馆（核定编制5名）"
    after(snap, C).staffing = 6
    assert hits(snap, "plan.min_unit_size") == []


def test_min_unit_size_exclusive_reading_and_exemption() -> None:
    snap = baseline()
    after(snap, C).staffing = 5
    snap.param_overrides = [ParamOverride("plan.min_unit_size", "inclusive", False, "2026-01-01")]
    assert hits(snap, "plan.min_unit_size") == []
    after(snap, C).staffing = 4
    found = hits(snap, "plan.min_unit_size")
    assert "不满5名" in found[0].message
    after(snap, C).exemption = "中编办发〔2020〕9号"
    assert [f.severity for f in hits(snap, "plan.min_unit_size")] == [Severity.WARNING]


def test_min_unit_size_league_threshold_and_head_count_measure() -> None:
    snap = baseline()
    snap.jurisdiction = Jurisdiction("示例盟", "159900", Level.LEAGUE)
    after(snap, C).staffing = 8
    found = hits(snap, "plan.min_unit_size")
    assert found[0].message.startswith("盟市不再保留核定编制8名以下的事业单位")
    after(snap, C).staffing = 9
    assert hits(snap, "plan.min_unit_size") == []
    snap.param_overrides = [ParamOverride("plan.min_unit_size", "measure", "实有人数", "2026-01-01")]
    assert where(hits(snap, "plan.min_unit_size")) == set()  # 实有 11 > 8
    after(snap, C).actual = 7
    assert where(hits(snap, "plan.min_unit_size")) == {(C, "actual")}


# --- plan.category_assigned ----------------------------------------------------------------------

def test_category_assigned_needs_category_and_disposition() -> None:
    snap = baseline()
    before(snap, XUMU).category = Category.UNCLASSIFIED
    before(snap, "示例旗文化馆").disposition = None
    found = hits(snap, "plan.category_assigned")
    assert where(found) == {(XUMU, "category"), ("示例旗文化馆", "disposition")}
    assert all(f.severity is Severity.ERROR for f in found)


def test_category_assigned_near_miss_admin_unit_going_to_an_organ() -> None:
    snap = baseline()
    before(snap, XUMU).category = Category.ADMIN
    before(snap, XUMU).disposition = Disposition.TO_ADMIN
    before(snap, XUMU).destination = None
    assert hits(snap, "plan.category_assigned") == []


# --- plan.category_disposition -------------------------------------------------------------------

def test_business_unit_must_go_to_an_enterprise_or_be_abolished() -> None:
    snap = baseline()
    before(snap, ZHAODAI).disposition = Disposition.MERGE_INTO
    before(snap, ZHAODAI).destination = UnitId(1)
    assert where(hits(snap, "plan.category_disposition")) == {(ZHAODAI, "disposition")}
    before(snap, ZHAODAI).disposition = Disposition.ABOLISH
    before(snap, ZHAODAI).destination = None
    assert hits(snap, "plan.category_disposition") == []


def test_business_unit_people_must_be_placed() -> None:
    snap = baseline()
    snap = rebuild(snap, transfers=[t for t in snap.transfers if t.source != UnitId(14)])
    found = hits(snap, "plan.category_disposition")
    assert where(found) == {(ZHAODAI, "actual")} and "实有5人" in found[0].message
    before(snap, ZHAODAI).actual = 0
    assert hits(snap, "plan.category_disposition") == []


def test_admin_unit_must_leave_the_public_institutions() -> None:
    snap = baseline()
    before(snap, XUMU).category = Category.ADMIN
    assert where(hits(snap, "plan.category_disposition")) == {(XUMU, "disposition")}
    before(snap, XUMU).disposition = Disposition.FUNCTIONS_TO_ADMIN
    before(snap, XUMU).destination = None
    assert hits(snap, "plan.category_disposition") == []
    after(snap, A).category = Category.ADMIN
    assert where(hits(snap, "plan.category_disposition")) == {(A, "category")}


# --- plan.no_new_admin_or_business ---------------------------------------------------------------

def test_new_units_must_be_public_service() -> None:
    snap = baseline()
    snap = rebuild(snap, after=[*snap.after, _new_after(snap.after, "示例旗新设服务中心", 4,
                                                        category=Category.PUBLIC_2)])
    assert hits(snap, "plan.no_new_admin_or_business") == []
    after(snap, "示例旗新设服务中心").category = Category.BUSINESS
    found = hits(snap, "plan.no_new_admin_or_business")
    assert where(found) == {("示例旗新设服务中心", "category")} and found[0].severity is Severity.ERROR


# --- plan.gongyi1_no_business --------------------------------------------------------------------

def test_gongyi1_scope_with_business_items_warns() -> None:
    snap = baseline()
    snap.charters[UnitId(1)].scope.append("农资销售")
    snap.sanding[UnitId(1)].duties.append("开展有偿服务")
    found = hits(snap, "plan.gongyi1_no_business")
    assert {(f.document.key, f.unit, f.field) for f in found} == {("charter", A, "scope"), ("sanding", A, "duties")}
    assert all(f.severity is Severity.WARNING for f in found)


def test_gongyi1_negations_and_gongyi2_do_not_warn() -> None:
    snap = baseline()
    snap.charters[UnitId(1)].scope.append("提供非营利性技术咨询")
    assert hits(snap, "plan.gongyi1_no_business") == []
    snap.charters[UnitId(1)].scope.append("农资销售")
    after(snap, A).category = Category.PUBLIC_2
    assert hits(snap, "plan.gongyi1_no_business") == []


# --- plan.central_domains ------------------------------------------------------------------------

def test_central_domain_unit_needs_a_reform_note() -> None:
    snap = baseline()
    unit = after(snap, B)
    unit.name = "示例旗农畜产品质量检验检测中心"
    found = hits(snap, "plan.central_domains")
    assert where(found) == {("示例旗农畜产品质量检验检测中心", "domain_note")}
    assert "检验检测认证" in found[0].message
    unit.domain_note = "按国办发〔2014〕8号整合检验检测机构"
    assert hits(snap, "plan.central_domains") == []


def test_at_most_one_public_resource_trading_unit() -> None:
    snap = baseline()
    b, c = after(snap, B), after(snap, C)
    b.name, b.domain_note = "示例旗公共资源交易中心", "统一平台"
    assert hits(snap, "plan.central_domains") == []
    c.name, c.domain_note = "示例旗公共资源交易服务中心", "统一平台"
    found = hits(snap, "plan.central_domains")
    assert where(found) == {(None, None)} and "公共资源交易类单位2个" in found[0].message


def test_central_domain_before_unit_needs_a_disposition() -> None:
    snap = baseline()
    before(snap, ZHAODAI).disposition = None
    assert where(hits(snap, "plan.central_domains")) == {(ZHAODAI, "disposition")}


# --- plan.support_units_1_2_x --------------------------------------------------------------------

def test_support_units_per_department_1_2_x() -> None:
    snap = baseline()
    extra = [_new_after(snap.after, f"示例旗农牧保障{i}中心", 20 + i, category=Category.PUBLIC_1) for i in range(3)]
    snap = rebuild(snap, after=[*snap.after, *extra])
    for u in (after(snap, A), *extra):
        u.service = ServiceTarget.ORGAN_SUPPORT
    found = hits(snap, "plan.support_units_1_2_x")
    assert where(found) == {("示例旗农牧保障2中心", "service")}
    assert "超过“1+2+X”上限3个（X=0）" in found[0].message
    snap.param_overrides = [ParamOverride("plan.support_units_1_2_x", "X", {DEPT: 1}, "2026-01-01")]
    assert hits(snap, "plan.support_units_1_2_x") == []


def test_at_most_one_comprehensive_support_unit() -> None:
    snap = baseline()
    a, b = after(snap, A), after(snap, B)
    a.name, b.name = "示例旗农牧综合保障中心", "示例旗农牧综合保障服务中心"
    a.service = b.service = ServiceTarget.ORGAN_SUPPORT
    assert where(hits(snap, "plan.support_units_1_2_x")) == {("示例旗农牧综合保障服务中心", "name")}
    b.service = ServiceTarget.PUBLIC
    assert hits(snap, "plan.support_units_1_2_x") == []


# --- plan.dual_principal -------------------------------------------------------------------------

def test_dual_principal_only_for_whitelisted_types() -> None:
    snap = baseline()
    unit = after(snap, A)
    unit.leaders_principal = 2
    found = hits(snap, "plan.dual_principal")
    assert where(found) == {(A, "leaders_principal")} and found[0].severity is Severity.WARNING
    unit.name = "示例旗人民医院"
    assert hits(snap, "plan.dual_principal") == []


# --- plan.paizi_count ----------------------------------------------------------------------------

def test_paizi_per_unit_and_in_total() -> None:
    snap = baseline()
    after(snap, C).paizi.append("示例旗美术馆")
    found = hits(snap, "plan.paizi_count")
    assert where(found) == {(C, "paizi"), (None, None)}
    assert any("改革后加挂牌子共2块，多于改革前的1块" in f.message for f in found)
    after(snap, C).paizi.pop()
    assert hits(snap, "plan.paizi_count") == []


# --- plan.party_org ------------------------------------------------------------------------------

def test_party_branch_committee_from_7_members() -> None:
    snap = baseline()
    after(snap, A).party_committee = False  # 9 members
    assert where(hits(snap, "plan.party_org")) == {(A, "party_committee")}
    after(snap, A).party_members = 6
    assert hits(snap, "plan.party_org") == []


def test_three_members_need_their_own_branch_and_fewer_join_a_joint_one() -> None:
    snap = baseline()
    after(snap, C).party_members = 3  # still in a 联合党支部
    assert where(hits(snap, "plan.party_org")) == {(C, "party_org")}
    after(snap, C).party_members = 2
    assert hits(snap, "plan.party_org") == []
    after(snap, C).joint_branch_units = 6
    assert where(hits(snap, "plan.party_org")) == {(C, "joint_branch_units")}
    after(snap, C).joint_branch_units = 5
    assert hits(snap, "plan.party_org") == []
    after(snap, C).party_org = PartyOrg.BRANCH
    assert where(hits(snap, "plan.party_org")) == {(C, "party_org")}


def test_branch_of_more_than_50_and_committee_info_over_100() -> None:
    snap = baseline()
    after(snap, A).party_members = 50
    assert hits(snap, "plan.party_org") == []
    after(snap, A).party_members = 51
    assert where(hits(snap, "plan.party_org")) == {(A, "party_members")}
    after(snap, A).party_org = PartyOrg.GENERAL_BRANCH
    assert hits(snap, "plan.party_org") == []
    after(snap, A).party_members = 101
    assert [(f.field, f.severity) for f in hits(snap, "plan.party_org")] == [("party_org", Severity.INFO)]


def test_before_units_are_not_judged_on_party_organisation() -> None:
    snap = baseline()
    before(snap, ZHAODAI).party_members = 30  # in a 联合党支部, but it no longer exists after the reform
    assert hits(snap, "plan.party_org") == []
