"""The bundled demo workspace 示例旗 and its flawed training variant."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from sydw_desktop.codec import to_data
from sydw_desktop.demo import demo_data, flaw_descriptions, planted_problems, write_demo
from sydw_desktop.errors import SydwError, WorkspaceError
from sydw_desktop.model import Snapshot
from sydw_desktop.rules import run_checks
from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import (
    Category,
    Disposition,
    Level,
    Phase,
    QuanxianCategory,
    QuanxianSubject,
    Spec,
    WorkflowStep,
)
from sydw_desktop.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("demo")
    paths = {"clean": folder / "示例旗.sydw", "flawed": folder / "示例旗-培训.sydw"}
    write_demo(paths["clean"])
    write_demo(paths["flawed"], flawed=True)
    return paths


def _snapshot(path: Path) -> Snapshot:
    with Workspace.open(path, readonly=True) as ws:
        return ws.snapshot()


@pytest.fixture(scope="module")
def clean(demo_paths: dict[str, Path]) -> Snapshot:
    return _snapshot(demo_paths["clean"])


@pytest.fixture(scope="module")
def flawed(demo_paths: dict[str, Path]) -> Snapshot:
    return _snapshot(demo_paths["flawed"])


# --- the clean demo ------------------------------------------------------------------------------


def test_demo_opens_clean_with_nothing_to_undo(demo_paths: dict[str, Path]) -> None:
    with Workspace.open(demo_paths["clean"]) as ws:
        j = ws.jurisdiction()
        assert (j.name, j.code, j.level) == ("示例旗", "159901", Level.BANNER)
        assert ws.undo_name is None and ws.redo_name is None
        assert ws.workflow_step() is WorkflowStep.SANDING_REVIEW
        assert not ws.is_locked()
        assert ws.changelog(limit=5), "building the demo is recorded in the 台账"


def test_counts_and_the_two_caps(clean: Snapshot) -> None:
    before, after = clean.before, clean.after
    assert 55 <= len(before) <= 70
    assert 30 <= len(after) <= 40
    assert len({u.dept for u in before}) >= 12
    assert len({u.dept for u in after}) >= 12
    j = clean.jurisdiction
    assert j.unit_cap is not None and j.staff_cap is not None
    assert len(after) <= j.unit_cap and len(after) <= len(before)
    total_before = sum(u.staffing for u in before)
    total_after = sum(u.staffing for u in after)
    assert total_after < total_before <= j.staff_cap


def test_every_disposition_and_a_new_unit(clean: Snapshot) -> None:
    used = Counter(u.disposition for u in clean.before)
    assert set(used) == set(Disposition)
    assert used[Disposition.INTEGRATE] >= 6
    assert [u.name for u in clean.after if u.is_new] == ["示例旗退役军人服务中心"]
    assert not clean.sources_of(next(u for u in clean.after if u.is_new).id)  # type: ignore[arg-type]
    integrated = [a for a in clean.after
                  if [s.disposition for s in clean.sources_of(a.id)].count(Disposition.INTEGRATE) >= 2]  # type: ignore[arg-type]
    assert len(integrated) >= 5
    assert all(2 <= len(clean.sources_of(a.id)) <= 4 for a in integrated)  # type: ignore[arg-type]


def test_categories_get_the_right_disposition(clean: Snapshot) -> None:
    for u in clean.before:
        assert u.category is not Category.UNCLASSIFIED
        if u.category is Category.ADMIN:
            assert u.disposition in (Disposition.FUNCTIONS_TO_ADMIN, Disposition.TO_ADMIN), u.name
        if u.category is Category.BUSINESS:
            assert u.disposition in (Disposition.TO_ENTERPRISE, Disposition.ABOLISH), u.name
    assert all(u.category in (Category.PUBLIC_1, Category.PUBLIC_2) for u in clean.after)
    assert all(u.spec.rank <= Spec.ZHENG_KE.rank for u in clean.after)


def test_transfers_balance(clean: Snapshot) -> None:
    out: Counter[int] = Counter()
    for t in clean.transfers:
        out[t.source] += t.count
    for u in clean.before:
        assert u.disposition is not None
        if u.disposition.keeps_people_in_place:
            assert out[u.id] == 0, u.name  # type: ignore[index]
        else:
            assert out[u.id] == u.actual, u.name  # type: ignore[index]
    placements = {t.placement for t in clean.transfers if t.placement is not None}
    assert len(placements) == 4  # 转企, 退休, 其他安置, 划入行政机关 all used


def test_every_after_unit_has_its_documents(clean: Snapshot) -> None:
    for u in clean.after:
        sd, ch = clean.sanding.get(u.id), clean.charters.get(u.id)  # type: ignore[arg-type]
        assert sd is not None and ch is not None, u.name
        assert 6 <= len(sd.duties) <= 10 and sd.duties[-1].endswith("交办的其他任务。"), u.name
        assert re.fullmatch(r"\S+〔\d{4}〕[1-9]\d*号", sd.doc_no) and sd.approved_on and sd.approver
        assert u.depts == len(sd.organs)
        assert sum(sd.staffing_structure.values()) == u.staffing
        assert ch.sponsors == [u.dept] and ch.legal_rep_title == sd.principal_title and ch.legal_rep_name
    names = "".join(c.legal_rep_name for c in clean.charters.values())
    assert "喆" in names or "堃" in names  # a name outside GB2312 for the font-coverage check
    assert len(clean.quanxian) >= 5
    for q in clean.quanxian.values():
        assert 15 <= len(q.items) <= 25
        covered = {(i.subject, i.category) for i in q.items}
        for cat in QuanxianCategory:
            if cat is QuanxianCategory.OTHER:
                continue
            assert (QuanxianSubject.SUPERVISOR, cat) in covered and (QuanxianSubject.UNIT, cat) in covered


# GB 32100 / GB 11714 written out independently of the rules engine (rules.md §A).
_USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _uscc_valid(code: str) -> bool:
    if len(code) != 18 or any(c not in _USCC for c in code):
        return False
    s = sum(_USCC.index(c) * pow(3, i, 31) for i, c in enumerate(code[:17]))
    org = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(code[8:16], [3, 7, 9, 10, 5, 8, 4, 2], strict=True))
    org_char = {10: "X", 11: "0"}.get(11 - org % 11, str(11 - org % 11))
    return code[17] == _USCC[(31 - s % 31) % 31] and code[16] == org_char


def test_uscc_codes(clean: Snapshot) -> None:
    assert _uscc_valid("121500004600000011") and _uscc_valid("121500004600001910")
    assert all(_uscc_valid(u.uscc) and u.uscc.startswith("12159901") for u in clean.before)
    coded = [u.uscc for u in clean.after if u.uscc]
    assert len(coded) == len(set(coded))
    for u in clean.after:
        continuing = [s for s in clean.sources_of(u.id)  # type: ignore[arg-type]
                      if s.disposition in (Disposition.KEEP, Disposition.RENAME, Disposition.TRANSFER)]
        assert u.uscc == (continuing[0].uscc if continuing else ""), u.name


def test_refuses_an_existing_path(tmp_path: Path) -> None:
    target = tmp_path / "已有.sydw"
    target.write_bytes(b"clerk's own file")
    with pytest.raises(WorkspaceError, match="已存在"):
        write_demo(target)
    assert target.read_bytes() == b"clerk's own file"
    with pytest.raises(WorkspaceError):
        write_demo(tmp_path)  # a folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["已有.sydw"]


def test_unwritable_path_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "没有这个文件夹" / "demo.sydw"
    with pytest.raises(SydwError):
        write_demo(target)
    assert not target.parent.exists()


def test_write_demo_is_fast(tmp_path: Path) -> None:
    start = time.perf_counter()
    write_demo(tmp_path / "fast.sydw")
    assert time.perf_counter() - start < 1.0


def test_json_is_what_the_authoring_script_writes() -> None:
    script = ROOT / "scripts" / "make_demo_data.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the checker on the clean demo ------------------------------------------------------------------


def test_clean_demo_is_packable(clean: Snapshot) -> None:
    report = run_checks(clean)
    errors = [f"{f.rule} {f.unit} {f.message}" for f in report.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert [f"{f.rule} {f.unit}" for f in report.unexplained_warnings] == []
    assert report.count(Severity.WARNING) >= 1  # the demo shows what an explained warning looks like


def test_every_shipped_explanation_answers_a_finding(clean: Snapshot) -> None:
    keys = {f.key for f in run_checks(clean).findings if f.severity is Severity.WARNING}
    shipped = {(e["rule"], e["unit"] or "", e["field"] or "") for e in demo_data()["explanations"]}
    assert shipped and shipped == set(clean.explanations) == keys


# --- the flawed variant ---------------------------------------------------------------------------


def test_planted_problems_are_distinct() -> None:
    planted = planted_problems()
    assert len(planted) >= 8
    assert len({rule for rule, _ in planted}) == len(planted)
    assert len({unit for _, unit in planted}) == len(planted)
    assert all(p["description"] and p["changes"] for p in flaw_descriptions())


def test_flawed_demo_reports_every_planted_problem(clean: Snapshot, flawed: Snapshot) -> None:
    found = {(f.rule, f.unit) for f in run_checks(flawed).findings if f.severity is not Severity.INFO}
    before = {(f.rule, f.unit) for f in run_checks(clean).findings}
    for rule, unit in planted_problems():
        assert (rule, unit) in found, (rule, unit)
        assert (rule, unit) not in before, (rule, unit)
    assert run_checks(flawed).has_errors


def _by_names(snap: Snapshot) -> dict[tuple[str, ...], Any]:
    """Everything in a snapshot keyed by names instead of ids: (section, unit[, extra]) → field → value."""
    out: dict[tuple[str, ...], Any] = {}
    name = {u.id: u.name for u in (*snap.before, *snap.after)}
    for phase, units in (("before", snap.before), ("after", snap.after)):
        for u in units:
            data = to_data(u)
            data.pop("id")
            data["destination"] = name.get(u.destination) if u.destination else None
            out[(phase, u.name)] = data
    for kind, docs in (("sanding", snap.sanding), ("charter", snap.charters), ("quanxian", snap.quanxian)):
        for uid, doc in docs.items():
            out[(kind, name[uid])] = to_data(doc)
    transfers: dict[tuple[str, ...], Any] = defaultdict(list)
    for t in snap.transfers:
        to = name[t.target] if t.target is not None else t.placement.value  # type: ignore[union-attr]
        transfers[("transfers", name[t.source], to)].append({"count": t.count, "remark": t.remark})
    out.update(transfers)
    settings = {k: v for k, v in snap.settings.items() if k != "created_at"}
    out[("settings", "")] = settings
    out[("jurisdiction", "")] = to_data(snap.jurisdiction)
    out[("rounds", "")] = {"rounds": [to_data(r) | {"id": None} for r in snap.rounds]}
    return out


def test_flawed_differs_from_clean_exactly_by_the_planted_changes(clean: Snapshot, flawed: Snapshot) -> None:
    changes = [c for p in flaw_descriptions() for c in p["changes"]]
    renames = {c["unit"]: c["value"] for c in changes if c.get("op") == "rename"}
    expected: set[tuple[tuple[str, ...], str]] = set()
    for c in changes:
        if c.get("op") == "rename":
            continue
        key = ("transfers", c["unit"], c["to"]) if c["section"] == "transfers" else (c["section"], c["unit"])
        expected.add((key, c["field"]))

    ours = _by_names(clean)
    theirs = _by_names(flawed)
    # Apply the renames to the clean side: the same unit under its planted name.
    for old, new in renames.items():
        assert ("after", old) in ours and ("after", old) not in theirs and ("after", new) in theirs
        for key in list(ours):
            if len(key) >= 2 and key[1] == old:
                ours[(key[0], new, *key[2:])] = ours.pop(key)
        for key in list(ours):
            if key[0] == "before" and ours[key].get("destination") == old:
                ours[key]["destination"] = new
            if key[0] == "transfers" and key[2] == old:
                ours[(key[0], key[1], new)] = ours.pop(key)
        ours[("after", new)]["name"] = new

    assert set(ours) == set(theirs)
    diffs: set[tuple[tuple[str, ...], str]] = set()
    for key, data in ours.items():
        other = theirs[key]
        if isinstance(data, list):
            if data != other:
                diffs.add((key, "count"))
            continue
        for field in set(data) | set(other):
            if data.get(field) != other.get(field):
                diffs.add((key, field))
    assert diffs == expected

    # and the planted values are the ones stored
    for c in changes:
        if c.get("op") == "rename":
            continue
        if c["section"] == "transfers":
            assert [t["count"] for t in theirs[("transfers", c["unit"], c["to"])]] == [c["value"]]
        elif c.get("op") == "append":
            assert c["value"] in theirs[(c["section"], c["unit"])][c["field"]]
        else:
            assert theirs[(c["section"], c["unit"])][c["field"]] == c["value"]


def test_flawed_explanations_are_never_stale(flawed: Snapshot) -> None:
    report = run_checks(flawed)
    assert not [f for f in report.findings if f.explanation is not None and f.explanation_stale]
    assert set(flawed.explanations) <= {f.key for f in report.findings}


def test_demo_data_is_not_shared_between_calls() -> None:
    first = demo_data()
    first["after"].clear()
    assert demo_data()["after"]
    assert json.dumps(demo_data(flawed=True)) != json.dumps(demo_data())
    assert Phase.AFTER.value in {u["phase"] for u in demo_data()["after"]}


def test_a_failure_midway_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Workspace, *args: object, **kwargs: object) -> None:
        raise OSError("磁盘已满")

    monkeypatch.setattr(Workspace, "set_document", broken)
    target = tmp_path / "半成品.sydw"
    with pytest.raises(OSError):
        write_demo(target)
    assert list(tmp_path.iterdir()) == []
