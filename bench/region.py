"""Synthetic reform data at banner and region scale, shared by the benchmarks.

:class:`Builder` generates one jurisdiction's reform (before units, after units with 1–3 sources
each, abolished and admin units, transfers, and for every after-unit a 三定 with 8 duties and 3
internal organs, a 章程 and a 政事权限清单). :func:`region_snapshot` makes a region of 103 banners
(26,805 units before / 17,201 after) as an in-memory :class:`Snapshot`; :func:`write_workspace`
stores a snapshot in a real ``.sydw`` file in one transaction; :func:`cached_region_workspace`
keeps such a file in a cache folder, keyed by the generator's source, the schema version, the
seed and the size, so a benchmark builds it once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sydw_desktop.model import (  # noqa: E402
    Charter,
    Jurisdiction,
    Organ,
    PlanData,
    Quanxian,
    QuanxianItem,
    Sanding,
    Snapshot,
    Transfer,
    TransferId,
    TransferLine,
    Unit,
    UnitId,
)
from sydw_desktop.rules.uscc import org_check_char, uscc_check_char  # noqa: E402
from sydw_desktop.vocab import (  # noqa: E402
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
from sydw_desktop.workspace import Workspace  # noqa: E402

AS_OF = dt.date(2026, 11, 29)
FIELDS = ["农牧业", "林业草原", "水利", "文化", "旅游", "体育", "卫生健康", "医疗保障", "教育", "科技", "自然资源",
          "生态环境", "住房建设", "交通运输", "商务", "应急管理", "市场监管", "统计", "档案", "地方志", "社会保险",
          "就业服务", "退役军人服务", "乡村振兴", "民族事务", "融媒体", "机关事务", "政务服务", "审计", "供销"]
KINDS = ["服务中心", "技术推广中心", "发展中心", "保障中心", "工作站", "研究所", "管理站", "事务中心"]
VERBS = ["负责", "承担", "组织开展", "协助做好", "指导", "参与"]
OBJECTS = ["技术推广", "业务培训", "数据统计", "监测预警", "宣传教育", "信息化建设", "标准实施", "质量评价", "项目申报",
           "资料整理", "咨询服务", "应急保障", "示范推广", "调查研究", "档案管理", "公共服务"]


def code_for(region: str, n: int) -> str:
    body = f"{n:08d}"
    first17 = "12" + region + body + org_check_char(body)
    return first17 + uscc_check_char(first17)


class Builder:
    """Generates one jurisdiction's reform: before units, after units and their documents."""

    def __init__(self, rng: random.Random, region_code: str) -> None:
        self.rng = rng
        self.region_code = region_code
        self.next_id = 1
        self.serial = 0
        self.before: list[Unit] = []
        self.after: list[Unit] = []
        self.transfers: list[Transfer] = []
        self.sanding: dict[UnitId, Sanding] = {}
        self.charters: dict[UnitId, Charter] = {}
        self.quanxian: dict[UnitId, Quanxian] = {}

    def _id(self) -> UnitId:
        self.next_id += 1
        return UnitId(self.next_id)

    def duty(self, field: str) -> str:
        r = self.rng
        return f"{r.choice(VERBS)}全旗{field}{r.choice(OBJECTS)}{r.choice(['工作', '服务', '任务', ''])}{r.randrange(99)}"

    def unit(self, phase: Phase, name: str, dept: str, staffing: int, **extra: object) -> Unit:
        r = self.rng
        self.serial += 1
        values: dict[str, object] = dict(
            phase=phase, name=name, dept=dept, spec=r.choice([Spec.GU, Spec.GU, Spec.ZHENG_KE, Spec.FU_KE]),
            category=r.choice([Category.PUBLIC_1, Category.PUBLIC_1, Category.PUBLIC_2]), funding=Funding.FULL,
            staffing=staffing, actual=max(0, staffing - r.randrange(3)), uscc=code_for(self.region_code, self.serial),
            service=ServiceTarget.PUBLIC, leaders_principal=1, leaders_deputy=r.choice([1, 2]),
            depts=3, party_org=PartyOrg.BRANCH, party_members=r.randrange(3, 12), party_committee=True, id=self._id(),
        )
        values.update(extra)
        return Unit(**values)  # type: ignore[arg-type]

    def documents(self, unit: Unit, field: str, duties: list[str]) -> None:
        r = self.rng
        assert unit.id is not None
        while len(duties) < 8:
            duties.append(self.duty(field))
        if len(duties) > 8:  # a merged unit's 三定 sums its sources' duties up in eight items
            duties = ["；".join(duties[k::8]) for k in range(8)]
        per_organ = max(1, (unit.staffing - unit.leaders) // 3 - 1)
        organs = [Organ(n, duties=[self.duty(field), self.duty(field)], leaders=1, staffing=per_organ)
                  for n in ("综合股", "业务股", "技术股")]
        self.sanding[unit.id] = Sanding(
            duties=duties[:8], organs=organs, organ_leaders=3,
            staffing_structure={StaffStructure.MANAGEMENT: 2, StaffStructure.PROFESSIONAL: unit.staffing - 3,
                                StaffStructure.WORKER: 1},
            other_matters=f"本单位核定事业编制{unit.staffing}名。", approved_on="2026-06-30",
        )
        self.charters[unit.id] = Charter(
            address=f"{unit.dept}大院{r.randrange(1, 99)}号", funding_source=FundingSource.SUBSIDY_1,
            capital=float(r.randrange(10, 200)), sponsors=[unit.dept], purpose=f"为{field}发展提供公益服务",
            scope=[f"{field}{o}" for o in r.sample(OBJECTS, 3)], legal_rep_title="主任", legal_rep_name="某某",
            organization="行政领导人负责制", assets="依法管理", disclosure="年度报告公开", amendment="报核准",
            termination="依法清算",
        )
        self.quanxian[unit.id] = Quanxian(items=[
            QuanxianItem(QuanxianSubject.SUPERVISOR, QuanxianCategory.PERSONNEL, "任免领导班子", ExerciseMode.APPOINT,
                         basis="《事业单位人事管理条例》"),
            QuanxianItem(QuanxianSubject.SUPERVISOR, QuanxianCategory.FINANCE, "审核预决算", ExerciseMode.REVIEW,
                         basis="《预算法》"),
            QuanxianItem(QuanxianSubject.UNIT, QuanxianCategory.OPERATIONS, "自主开展业务", ExerciseMode.AUTONOMOUS,
                         basis="“三定”规定"),
            QuanxianItem(QuanxianSubject.UNIT, QuanxianCategory.PAY, "制定内部分配办法", ExerciseMode.DECIDE,
                         basis="绩效工资政策"),
        ])

    def jurisdiction(self, prefix: str, n_after: int, ratio: float) -> None:
        """One banner's units: each after-unit from 1–3 sources, plus abolished and admin units."""
        r = self.rng
        n_before_target = int(n_after * ratio)
        made_before = 0
        for i in range(n_after):
            field = r.choice(FIELDS)
            dept = f"{prefix}{field}局"
            name = f"{prefix}{field}{i}号{r.choice(KINDS)}"
            sources = 1 if made_before >= n_before_target - (n_after - i) else r.choice([1, 1, 2, 2, 3])
            staffing_each = [r.randrange(10, 24) for _ in range(sources)]
            total = sum(staffing_each)
            keep = sources == 1 or r.random() < 0.3
            unit = self.unit(Phase.AFTER, name, dept, total - (r.randrange(3) if sources > 1 else 0))
            if not keep:
                unit = dataclasses.replace(unit, uscc="")
            self.after.append(unit)
            duties: list[str] = []
            for k, staffing in enumerate(staffing_each):
                src_name = name if keep and k == 0 else f"{prefix}{field}{i}-{k}号{r.choice(KINDS)}"
                way = Disposition.KEEP if keep and k == 0 else Disposition.INTEGRATE
                src_duties = [self.duty(field) for _ in range(r.randrange(3, 6))]
                src = self.unit(Phase.BEFORE, src_name, dept, staffing, disposition=way, destination=unit.id,
                                duties=src_duties, uscc=unit.uscc if keep and k == 0 else "")
                if not src.uscc:
                    src = dataclasses.replace(src, uscc=code_for(self.region_code, self.serial + 500000))
                self.before.append(src)
                made_before += 1
                for d in src_duties:  # most duties carried verbatim, some reworded, ~1 % lost
                    roll = r.random()
                    if roll < 0.85:
                        duties.append(d)
                    elif roll < 0.99:
                        duties.append(d.replace("全旗", "全旗范围内"))
                if way is not Disposition.KEEP and src.actual:
                    self.transfers.append(Transfer(src.id, src.actual, target=unit.id,  # type: ignore[arg-type]
                                                   id=TransferId(len(self.transfers) + 1)))
            self.documents(unit, field, duties)
        while made_before < n_before_target:  # abolished, 转企 and admin units
            field = r.choice(FIELDS)
            way = r.choice([Disposition.ABOLISH, Disposition.TO_ENTERPRISE, Disposition.FUNCTIONS_TO_ADMIN])
            category = {Disposition.FUNCTIONS_TO_ADMIN: Category.ADMIN}.get(way, Category.BUSINESS)
            src = self.unit(Phase.BEFORE, f"{prefix}{field}{made_before}号撤并所", f"{prefix}{field}局",
                            r.randrange(3, 12), disposition=way, category=category, duties=[self.duty(field)],
                            duties_elsewhere=["相关职责 → 划归主管部门"])
            src = dataclasses.replace(src, duties_elsewhere=[d + " → 划归主管部门" for d in src.duties])
            self.before.append(src)
            made_before += 1
            if src.actual:
                placement = Placement.ENTERPRISE if way is Disposition.TO_ENTERPRISE else Placement.OTHER
                self.transfers.append(Transfer(src.id, src.actual, placement=placement,  # type: ignore[arg-type]
                                               id=TransferId(len(self.transfers) + 1)))

    def snapshot(self, jurisdiction: Jurisdiction) -> Snapshot:
        return Snapshot(jurisdiction=jurisdiction, before=self.before, after=self.after, transfers=self.transfers,
                        sanding=self.sanding, charters=self.charters, quanxian=self.quanxian)


def write_workspace(path: Path, snap: Snapshot) -> None:
    """Store ``snap`` (units, transfers, documents, settings) in a new workspace file at ``path``.

    Everything goes in as one batch (one transaction) through the façade, as an import and the
    document editors would store it.
    """
    names = {u.id: u.name for u in (*snap.before, *snap.after)}
    with Workspace.create(path, snap.jurisdiction) as ws, ws.batch("生成测试数据"):
        ws.replace_plan(PlanData(
            before=[dataclasses.replace(u, destination=None, id=None) for u in snap.before],
            after=[dataclasses.replace(u, id=None) for u in snap.after],
            destinations={u.name: names[u.destination] for u in snap.before if u.destination is not None},
            transfers=[TransferLine(names[t.source], t.count, names.get(t.target) if t.target else None, t.placement)
                       for t in snap.transfers],
        ))
        ids = {u.name: u.id for u in ws.units(Phase.AFTER)}
        for docs in (snap.sanding, snap.charters, snap.quanxian):
            for unit_id, doc in docs.items():
                ws.set_document(ids[names[unit_id]], doc)  # type: ignore[arg-type]
        for key, value in snap.settings.items():
            ws.set_setting(key, value, key)


def banner_workspace(folder: Path, rng: random.Random) -> Workspace:
    """A 150-unit banner written into a real workspace."""
    b = Builder(rng, "159901")
    b.jurisdiction("示例旗", 100, 1.5)
    path = folder / "banner.sydw"
    write_workspace(path, b.snapshot(Jurisdiction("示例旗", "159901", Level.BANNER, unit_cap=120, staff_cap=5000)))
    return Workspace.open(path)


#: units of one banner of the region: 167 after, int(167 × 1.56) = 260 before
BANNER_AFTER, BANNER_RATIO = 167, 1.56
REGION_BANNERS = 103
# the size asked for (103 banners × 260); merged sources push the count made to 26,805
REGION_UNITS_BEFORE = REGION_BANNERS * int(BANNER_AFTER * BANNER_RATIO)


def region_snapshot(rng: random.Random, units_before: int = REGION_UNITS_BEFORE) -> Snapshot:
    """A region of banners with about ``units_before`` units before (103 banners by default)."""
    per_banner = int(BANNER_AFTER * BANNER_RATIO)
    if units_before >= per_banner:
        banners, n_after = max(1, round(units_before / per_banner)), BANNER_AFTER
    else:
        banners, n_after = 1, max(2, round(units_before / BANNER_RATIO))
    b = Builder(rng, "150000")
    prefixes = [f"第{i + 1}旗" for i in range(banners)]
    for prefix in prefixes:
        b.jurisdiction(prefix, n_after, BANNER_RATIO)
    snap = b.snapshot(Jurisdiction("内蒙古自治区", "150000", Level.REGION))
    snap.settings["region_prefixes"] = json.dumps(prefixes, ensure_ascii=False)
    return snap


def cached_region_workspace(cache: Path, seed: int, units_before: int = REGION_UNITS_BEFORE) -> Path:
    """The region workspace for ``seed`` and size from ``cache``, built (minutes at full scale) if missing."""
    from sydw_desktop.store.schema import SCHEMA_VERSION

    key = hashlib.sha256(Path(__file__).read_bytes() + f"|{SCHEMA_VERSION}|{seed}|{units_before}".encode()).hexdigest()
    target = cache / f"region-{units_before}-{key[:12]}.sydw"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="region-build-", dir=cache))
    try:
        write_workspace(staging / target.name, region_snapshot(random.Random(seed), units_before))
        os.replace(staging / target.name, target)  # whole or not at all
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
