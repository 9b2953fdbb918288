"""Exporting a workspace in the import format and reading it back gives the same data."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import openpyxl
import pytest
from examples import ExampleBook

from sydw_desktop.model import Jurisdiction, Snapshot, Transfer, Unit, UnitId
from sydw_desktop.vocab import (
    Category,
    Disposition,
    Funding,
    Level,
    PartyOrg,
    Phase,
    Placement,
    ServiceTarget,
    Spec,
)
from sydw_desktop.workbook import WorkbookWriteError, import_workbook, read_plan, write_plan
from sydw_desktop.workspace import Workspace

#: The Unit attributes the workbook carries (interfaces.md §3); 去向单位 is compared by name.
SECTION3_FIELDS = (
    "phase", "name", "uscc", "dept", "spec", "category", "service", "funding", "staffing", "actual",
    "leaders_principal", "leaders_deputy", "depts", "paizi", "party_org", "party_members",
    "disposition", "remark", "is_new",
)


def attributes(unit: Unit) -> dict[str, object]:
    return {f: getattr(unit, f) for f in SECTION3_FIELDS}


def destinations(snapshot: Snapshot) -> dict[str, str]:
    return {u.name: snapshot.unit(u.destination).name for u in snapshot.before if u.destination is not None}


def transfer_lines(snapshot: Snapshot) -> list[tuple[str, str, int, str]]:
    return [
        (snapshot.unit(t.source).name,
         snapshot.unit(t.target).name if t.target is not None else t.placement.label,  # type: ignore[union-attr]
         t.count, t.remark)
        for t in snapshot.transfers
    ]


def assert_same_as_snapshot(path: Path, snapshot: Snapshot) -> None:
    plan = read_plan(path)
    assert [attributes(u) for u in plan.before] == [attributes(u) for u in snapshot.before]
    assert [attributes(u) for u in plan.after] == [attributes(u) for u in snapshot.after]
    assert plan.destinations == destinations(snapshot)
    assert [(t.source, t.target or t.placement.label, t.count, t.remark)  # type: ignore[union-attr]
            for t in plan.transfers] == transfer_lines(snapshot)
    assert plan.jurisdiction == snapshot.jurisdiction


def test_example_round_trip(example_book: ExampleBook, tmp_path: Path) -> None:
    original = read_plan(example_book.path)
    with Workspace.create(tmp_path / "s.sydw", example_book.jurisdiction) as ws:
        import_workbook(ws, example_book.path)
        snapshot = ws.snapshot()
    out = write_plan(tmp_path / "导出.xlsx", snapshot)
    assert_same_as_snapshot(out, snapshot)
    assert read_plan(out) == original  # the whole PlanData, as read from the clerk's own workbook


def built_workspace(path: Path) -> Workspace:
    """A workspace made through the API with 新设 units, several 牌子, placements and odd text."""
    ws = Workspace.create(path, Jurisdiction("测试市", "150100", Level.LEAGUE, 40, 2000))

    def add(unit: Unit) -> UnitId:
        return UnitId(ws.add_unit(unit).created[0])

    centre = add(Unit(Phase.AFTER, "测试市检验检测中心", "测试市市场监督管理局", Spec.ZHENG_KE, Category.PUBLIC_2,
                      Funding.PARTIAL, 40, actual=38, uscc="12150100MA0000001X", service=ServiceTarget.PUBLIC,
                      leaders_principal=1, leaders_deputy=3, depts=5, party_org=PartyOrg.GENERAL_BRANCH,
                      party_members=21, paizi=["测试市计量测试所", "测试市食品检验所", "测试市纤维检验所"]))
    new = add(Unit(Phase.AFTER, "测试市数据服务中心（测试市大数据中心）", "测试市人民政府办公室", Spec.FU_CHU,
                   Category.PUBLIC_1, Funding.FULL, 15, is_new=True, remark="=新设，待赋码"))
    add(Unit(Phase.AFTER, "测试市空编单位", "测试市人民政府", Spec.NONE, Category.UNCLASSIFIED, Funding.SELF, 0,
             is_new=True))
    lab = add(Unit(Phase.BEFORE, "测试市计量测试所", "测试市市场监督管理局", Spec.FU_KE, Category.PUBLIC_2,
                   Funding.PARTIAL, 22, actual=20, uscc="12150100MA0000002Y", disposition=Disposition.INTEGRATE,
                   destination=centre, remark="第一行\n第二行"))
    food = add(Unit(Phase.BEFORE, "测试市食品检验所", "测试市市场监督管理局", Spec.GU, Category.PUBLIC_2,
                    Funding.FULL, 18, actual=18, disposition=Disposition.MERGE_INTO, destination=centre,
                    party_org=PartyOrg.JOINT_BRANCH, party_members=0, leaders_principal=0))
    hotel = add(Unit(Phase.BEFORE, "测试市第一招待所", "测试市机关事务管理局", Spec.GU, Category.BUSINESS,
                     Funding.SELF, 9, actual=11, disposition=Disposition.TO_ENTERPRISE))
    ws.add_transfer(Transfer(source=lab, count=20, target=centre))
    ws.add_transfer(Transfer(source=food, count=17, target=centre, remark="1人调出"))
    ws.add_transfer(Transfer(source=food, count=1, placement=Placement.RETIRE))
    ws.add_transfer(Transfer(source=hotel, count=11, placement=Placement.ENTERPRISE))
    assert new
    return ws


def test_round_trip_with_new_units_paizi_and_placements(tmp_path: Path) -> None:
    with built_workspace(tmp_path / "b.sydw") as ws:
        snapshot = ws.snapshot()
    out = write_plan(tmp_path / "plan.xlsx", snapshot)
    assert_same_as_snapshot(out, snapshot)
    cell = openpyxl.load_workbook(out)["改革后单位"]["Q3"]
    assert (cell.value, cell.data_type) == ("=新设，待赋码", "s")  # text, never a formula

    with Workspace.create(tmp_path / "copy.sydw", Jurisdiction("别处", "150200", Level.LEAGUE)) as copy:
        import_workbook(copy, out)
        again = copy.snapshot()
    assert [attributes(u) for u in again.before + again.after] == [
        attributes(u) for u in snapshot.before + snapshot.after
    ]
    assert destinations(again) == destinations(snapshot)
    assert transfer_lines(again) == transfer_lines(snapshot)
    assert again.jurisdiction == snapshot.jurisdiction


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with built_workspace(tmp_path / "b.sydw") as ws:
        snapshot = ws.snapshot()
    target = tmp_path / "out" / "plan.xlsx"
    with pytest.raises(WorkbookWriteError, match="文件夹.*不存在"):
        write_plan(target, snapshot)

    target.parent.mkdir()
    fresh = write_plan(target.parent / "fresh.xlsx", snapshot)
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # not the 0600 of a temporary file
    fresh.unlink()
    target.write_bytes(b"previous export")
    write_plan(target, snapshot)
    assert read_plan(target).after[0].name == "测试市检验检测中心"
    assert os.listdir(target.parent) == ["plan.xlsx"]

    previous = target.read_bytes()

    def fail(self: object, filename: str) -> None:
        Path(filename).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", fail)
    with pytest.raises(WorkbookWriteError, match="无法写入"):
        write_plan(target, snapshot)
    assert target.read_bytes() == previous
    assert os.listdir(target.parent) == ["plan.xlsx"]
