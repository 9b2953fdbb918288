"""Small real workspaces for the store and CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sydw_desktop.model import Jurisdiction, PlanData, TransferLine, Unit
from sydw_desktop.vocab import Category, Disposition, Funding, Level, Phase, Placement, Spec
from sydw_desktop.workspace import Workspace

JURISDICTION = Jurisdiction("测试旗", "159999", Level.BANNER, unit_cap=10, staff_cap=200)


def unit(phase: Phase, name: str, staffing: int, **extra: object) -> Unit:
    values: dict[str, object] = {
        "phase": phase,
        "name": name,
        "dept": "测试旗农牧局",
        "spec": Spec.GU,
        "category": Category.PUBLIC_1,
        "funding": Funding.FULL,
        "staffing": staffing,
        "actual": staffing,
    }
    values.update(extra)
    return Unit(**values)  # type: ignore[arg-type]


def small_plan(n_before: int = 3) -> PlanData:
    """``n_before`` stations merged into one centre, plus an abolished guest house."""
    before = [unit(Phase.BEFORE, f"测试旗第{i}工作站", 8, disposition=Disposition.INTEGRATE) for i in range(n_before)]
    before.append(
        unit(Phase.BEFORE, "测试旗招待所", 6, category=Category.BUSINESS, disposition=Disposition.ABOLISH)
    )
    after = [unit(Phase.AFTER, "测试旗综合服务中心", 8 * n_before, actual=None)]
    destinations = {u.name: after[0].name for u in before[:n_before]}
    transfers = [TransferLine(u.name, 8, target=after[0].name) for u in before[:n_before]]
    transfers.append(TransferLine("测试旗招待所", 6, placement=Placement.ENTERPRISE))
    return PlanData(before=before, after=after, destinations=destinations, transfers=transfers)


def new_workspace(path: Path, plan: PlanData | None = None) -> Workspace:
    ws = Workspace.create(path, JURISDICTION)
    if plan is not None:
        ws.replace_plan(plan)
    return ws


def content(ws: Workspace) -> tuple[object, ...]:
    """Everything a user would call the workspace's content (not the 台账, which only grows)."""
    snap = ws.snapshot()
    return (
        snap.jurisdiction,
        snap.before,
        snap.after,
        snap.transfers,
        snap.sanding,
        snap.charters,
        snap.quanxian,
        snap.explanations,
        snap.param_overrides,
        snap.settings,
    )


_HOLDER = """
import sys
from sydw_desktop.workspace import Workspace
ws = Workspace.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
ws.close()
"""


@contextmanager
def holding_writer(path: Path, user: str = "张三") -> Iterator[subprocess.Popen[str]]:
    """Another program (a child process, as ``user``) holding ``path`` open for writing."""
    env = {**os.environ, "SYDW_USER": user}
    child = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                             cwd=Path(__file__).resolve().parent.parent)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "ready", child.stderr.read() if child.stderr else line
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(10)
