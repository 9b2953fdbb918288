"""A small, complete and clean reform for the rule tests, as a Snapshot or a real workspace.

``baseline()`` returns a fresh :class:`Snapshot` of 示例旗 that produces **no finding at all**: five
units before, three after, with every document drafted. Each rule test changes one thing in it and
looks for exactly the finding that change should cause (and, near the threshold, for its absence).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sydw_desktop.model import (
    Charter,
    Jurisdiction,
    Organ,
    PlanData,
    Quanxian,
    QuanxianItem,
    Sanding,
    Snapshot,
    Transfer,
    TransferLine,
    Unit,
    UnitId,
)
from sydw_desktop.rules import run_checks
from sydw_desktop.rules.findings import CheckReport, Finding
from sydw_desktop.vocab import (
    Category,
    Disposition,
    ExerciseMode,
    Funding,
    FundingSource,
    Level,
    PartyOrg,
    Phase,
    Placement,
    QuanxianCategory,
    QuanxianSubject,
    ServiceTarget,
    Spec,
    StaffStructure,
)
from sydw_desktop.workspace import Workspace

AS_OF = dt.date(2026, 11, 29)
DEPT = "示例旗农牧局"
CULTURE = "示例旗文化旅游体育局"
# Valid GB 32100 codes registered by 示例旗 (159901); computed once and written out here.
CODE_TUIGUANG = "12159901MB0000019J"
CODE_XUMU = "12159901MB0000027D"
CODE_CAOYUAN = "12159901MB00000358"
CODE_ZHAODAI = "12159901MB00000433"
CODE_WENHUA = "12159901MB0000051X"

A = "示例旗农牧业技术推广中心"  # kept, with two internal organs
B = "示例旗畜牧草原服务中心"  # formed by 整合 of two stations
C = "示例旗文化艺术馆"  # renamed from 示例旗文化馆
PLATE = "示例旗非物质文化遗产保护中心"


def _unit(phase: Phase, name: str, staffing: int, **extra: object) -> Unit:
    values: dict[str, object] = dict(
        phase=phase, name=name, dept=DEPT, spec=Spec.GU, category=Category.PUBLIC_1, funding=Funding.FULL,
        staffing=staffing, actual=staffing, service=ServiceTarget.PUBLIC, leaders_principal=1,
        leaders_deputy=1, depts=0, party_org=PartyOrg.BRANCH, party_members=5,
    )
    values.update(extra)
    return Unit(**values)  # type: ignore[arg-type]


def _charter(dept: str, purpose: str, scope: list[str], **extra: object) -> Charter:
    values: dict[str, object] = dict(
        address="示例旗新华街1号", funding_source=FundingSource.SUBSIDY_1, capital=30.0, sponsors=[dept],
        registrar="示例旗事业单位登记管理局", purpose=purpose, scope=scope, party_building="设立党支部",
        legal_rep_title="主任", legal_rep_name="王某", organization="实行行政领导人负责制，设主任1名、副主任1名",
        assets="资产管理遵守国家有关规定", disclosure="按规定公开年度报告", amendment="章程修改经举办单位审核后报登记管理机关核准",
        termination="终止后资产按规定处理",
    )
    values.update(extra)
    return Charter(**values)  # type: ignore[arg-type]


def _quanxian() -> Quanxian:
    return Quanxian(items=[
        QuanxianItem(QuanxianSubject.SUPERVISOR, QuanxianCategory.PERSONNEL, "任免单位领导班子成员",
                     ExerciseMode.APPOINT, basis="《事业单位人事管理条例》"),
        QuanxianItem(QuanxianSubject.UNIT, QuanxianCategory.OPERATIONS, "自主开展技术推广业务",
                     ExerciseMode.AUTONOMOUS, basis="“三定”规定第三条"),
    ])


def baseline() -> Snapshot:
    """A fresh clean reform (no finding of any severity)."""
    a = _unit(Phase.AFTER, A, 24, actual=22, uscc=CODE_TUIGUANG, depts=2, party_members=9,
              party_committee=True, id=UnitId(1))
    b = _unit(Phase.AFTER, B, 18, actual=17, party_members=6, id=UnitId(2))
    c = _unit(Phase.AFTER, C, 12, actual=11, uscc=CODE_WENHUA, dept=CULTURE, paizi=[PLATE],
              party_org=PartyOrg.JOINT_BRANCH, party_members=2, joint_branch_units=3, id=UnitId(3))
    before = [
        _unit(Phase.BEFORE, A, 24, actual=22, uscc=CODE_TUIGUANG, depts=2, disposition=Disposition.KEEP,
              destination=UnitId(1), id=UnitId(11)),
        _unit(Phase.BEFORE, "示例旗畜牧工作站", 8, uscc=CODE_XUMU, disposition=Disposition.INTEGRATE,
              destination=UnitId(2), duties=["负责畜牧技术推广", "承担动物疫病防治技术服务"], id=UnitId(12)),
        _unit(Phase.BEFORE, "示例旗草原工作站", 10, actual=9, uscc=CODE_CAOYUAN, disposition=Disposition.INTEGRATE,
              destination=UnitId(2), duties=["负责草原监测", "承担草原保护技术服务", "完成旗农牧局交办的其他任务"],
              id=UnitId(13)),
        _unit(Phase.BEFORE, "示例旗招待所", 6, actual=5, uscc=CODE_ZHAODAI, category=Category.BUSINESS,
              funding=Funding.SELF, service=None, party_org=PartyOrg.JOINT_BRANCH, party_members=1,
              disposition=Disposition.TO_ENTERPRISE, duties=["承担机关接待服务"],
              duties_elsewhere=["承担机关接待服务 → 由转制后的企业承接"], id=UnitId(14)),
        _unit(Phase.BEFORE, "示例旗文化馆", 12, actual=11, uscc=CODE_WENHUA, dept=CULTURE, paizi=[PLATE],
              disposition=Disposition.RENAME, destination=UnitId(3), id=UnitId(15)),
    ]
    transfers = [
        Transfer(source=UnitId(12), count=8, target=UnitId(2), id=1),  # type: ignore[arg-type]
        Transfer(source=UnitId(13), count=9, target=UnitId(2), id=2),  # type: ignore[arg-type]
        Transfer(source=UnitId(14), count=5, placement=Placement.ENTERPRISE, id=3),  # type: ignore[arg-type]
    ]
    sanding = {
        UnitId(1): Sanding(
            duties=["承担全旗农牧业技术推广服务", "完成旗农牧局交办的其他任务"],
            organs=[Organ("综合股", duties=["负责综合事务"], leaders=1, staffing=8),
                    Organ("技术推广股", duties=["负责技术推广"], leaders=1, staffing=8)],
            organ_leaders=2,
            staffing_structure={StaffStructure.MANAGEMENT: 4, StaffStructure.PROFESSIONAL: 18,
                                StaffStructure.WORKER: 2},
            other_matters="本单位核定事业编制24名。",
        ),
        UnitId(2): Sanding(duties=["负责畜牧技术推广", "承担动物疫病防治技术服务", "负责全旗草原监测工作",
                                   "承担草原保护技术服务"]),
        UnitId(3): Sanding(
            affiliation=Sanding().affiliation,
            duties=["组织开展群众文化活动", "承担非物质文化遗产保护工作"],
            other_matters=f"由原示例旗文化馆更名。加挂{PLATE}牌子，不单独核定编制。",
        ),
    }
    charters = {
        UnitId(1): _charter(DEPT, "为农牧业发展提供技术推广服务", ["农牧业技术推广", "农牧业技术培训"]),
        UnitId(2): _charter(DEPT, "为畜牧和草原保护提供技术服务", ["畜牧技术推广", "草原保护技术服务"]),
        UnitId(3): _charter(CULTURE, "繁荣群众文化，保护非物质文化遗产", ["群众文化活动", "非物质文化遗产保护"],
                            change_materials=["名称变更的审批机关批准文件"]),
    }
    return Snapshot(
        jurisdiction=Jurisdiction("示例旗", "159901", Level.BANNER, unit_cap=10, staff_cap=200),
        before=before, after=[a, b, c], transfers=transfers, sanding=sanding, charters=charters,
        quanxian={UnitId(i): _quanxian() for i in (1, 2, 3)},
    )


def rebuild(snap: Snapshot, **changes: object) -> Snapshot:
    """The snapshot with ``changes`` (and its id index rebuilt, e.g. after adding units)."""
    return dataclasses.replace(snap, **changes)  # type: ignore[arg-type]


def after(snap: Snapshot, name: str) -> Unit:
    return next(u for u in snap.after if u.name == name)


def before(snap: Snapshot, name: str) -> Unit:
    return next(u for u in snap.before if u.name == name)


def check(snap: Snapshot, as_of: dt.date = AS_OF) -> CheckReport:
    return run_checks(snap, as_of=as_of)


def hits(snap: Snapshot, rule: str, as_of: dt.date = AS_OF) -> list[Finding]:
    return [f for f in check(snap, as_of).findings if f.rule == rule]


def where(findings: list[Finding]) -> set[tuple[str | None, str | None]]:
    """(unit, field) of each finding."""
    return {(f.unit, f.field) for f in findings}


def to_workspace(path: Path, snap: Snapshot) -> Workspace:
    """Write ``snap`` into a new real workspace (units, transfers, documents, settings)."""
    ws = Workspace.create(path, snap.jurisdiction)
    names = {u.id: u.name for u in (*snap.before, *snap.after)}
    ws.replace_plan(PlanData(
        before=[dataclasses.replace(u, destination=None, id=None) for u in snap.before],
        after=[dataclasses.replace(u, id=None) for u in snap.after],
        destinations={u.name: names[u.destination] for u in snap.before if u.destination is not None},
        transfers=[TransferLine(names[t.source], t.count, names.get(t.target) if t.target else None, t.placement)
                   for t in snap.transfers],
    ))
    for docs in (snap.sanding, snap.charters, snap.quanxian):
        for unit_id, doc in docs.items():
            found = ws.find_unit(Phase.AFTER, names[unit_id])
            assert found is not None and found.id is not None
            ws.set_document(found.id, doc)
    for key, value in snap.settings.items():
        ws.set_setting(key, value, key)
    return ws
