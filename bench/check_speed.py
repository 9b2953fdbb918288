#!/usr/bin/env python3
"""Benchmark: the whole rule catalogue on a 150-unit banner and on a synthetic region.

The banner goes through a real `.sydw` workspace (import, documents, snapshot); the region
(≥ 26,000 units before, ≥ 17,000 after, a 三定 with ~8 duties and ~3 internal organs, a 章程 and a
政事权限清单 for every unit after) is built as a Snapshot in memory. Peak memory is the process's
peak resident set size from ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` (it includes building the
data). The last line printed is one JSON object:

    {"banner_units", "banner_s", "region_units_before", "region_units_after", "region_s", "region_peak_mb"}

Targets: banner ≤ 0.2 s, region ≤ 5 s and ≤ 1 GB.    Usage: python bench/check_speed.py [--seed N]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter
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
from sydw_desktop.rules import load_catalogue, run_checks  # noqa: E402
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


def banner_workspace(folder: Path, rng: random.Random) -> Workspace:
    """A 150-unit banner written into a real workspace."""
    b = Builder(rng, "159901")
    b.jurisdiction("示例旗", 100, 1.5)
    jur = Jurisdiction("示例旗", "159901", Level.BANNER, unit_cap=120, staff_cap=5000)
    names = {u.id: u.name for u in (*b.before, *b.after)}
    ws = Workspace.create(folder / "banner.sydw", jur)
    ws.replace_plan(PlanData(
        before=[dataclasses.replace(u, destination=None, id=None) for u in b.before],
        after=[dataclasses.replace(u, id=None) for u in b.after],
        destinations={u.name: names[u.destination] for u in b.before if u.destination is not None},
        transfers=[TransferLine(names[t.source], t.count, names.get(t.target) if t.target else None, t.placement)
                   for t in b.transfers],
    ))
    ids = {u.name: u.id for u in ws.units(Phase.AFTER)}
    for docs in (b.sanding, b.charters, b.quanxian):
        for unit_id, doc in docs.items():
            ws.set_document(ids[names[unit_id]], doc)  # type: ignore[arg-type]
    return ws


def region_snapshot(rng: random.Random) -> Snapshot:
    b = Builder(rng, "150000")
    prefixes = [f"第{i + 1}旗" for i in range(103)]
    for prefix in prefixes:
        b.jurisdiction(prefix, 167, 1.56)
    snap = b.snapshot(Jurisdiction("内蒙古自治区", "150000", Level.REGION))
    snap.settings["region_prefixes"] = json.dumps(prefixes, ensure_ascii=False)
    return snap


def timed_check(snap: Snapshot, runs: int) -> tuple[float, float, int, Counter[str]]:
    """Best wall-clock time of ``runs`` checks, its CPU time, and the findings."""
    best, cpu = float("inf"), 0.0
    severities: Counter[str] = Counter()
    for _ in range(runs):
        wall, proc = time.perf_counter(), time.process_time()
        report = run_checks(snap, as_of=AS_OF)
        wall, proc = time.perf_counter() - wall, time.process_time() - proc
        if wall < best:
            best, cpu = wall, proc
        severities = Counter(f.severity.value for f in report.findings)
    return best, cpu, sum(severities.values()), severities


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    load_catalogue()
    with tempfile.TemporaryDirectory() as tmp:
        with banner_workspace(Path(tmp), random.Random(args.seed)) as ws:
            start = time.perf_counter()
            banner = ws.snapshot()
            snap_s = time.perf_counter() - start
        banner_s, banner_cpu, banner_n, banner_sev = timed_check(banner, runs=5)
    print(f"banner: {len(banner.before)} before / {len(banner.after)} after; snapshot {snap_s:.3f} s; "
          f"check {banner_s:.3f} s wall, {banner_cpu:.3f} s CPU (best of 5); findings {banner_n} {dict(banner_sev)}")
    start = time.perf_counter()
    region = region_snapshot(random.Random(args.seed + 1))
    build_s = time.perf_counter() - start
    region_s, region_cpu, region_n, region_sev = timed_check(region, runs=1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    print(f"region: {len(region.before)} before / {len(region.after)} after / {len(region.sanding)} 三定; "
          f"built in {build_s:.1f} s; check {region_s:.2f} s wall, {region_cpu:.2f} s CPU; findings {region_n} {dict(region_sev)}; "
          f"peak RSS {peak_mb:.0f} MB (getrusage ru_maxrss, whole process)")
    print(json.dumps({
        "banner_units": len(banner.before), "banner_s": round(banner_s, 4),
        "region_units_before": len(region.before), "region_units_after": len(region.after),
        "region_s": round(region_s, 3), "region_peak_mb": round(peak_mb, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
