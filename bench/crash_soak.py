"""Soak: kill writers with SIGKILL at random moments, then check nothing was lost or half-written.

Each round starts writers on a real workspace and kills them (``kill -9``) after a random delay:

- ``edit``: two core writers race to open the workspace (exactly one may win: a second winner is a
  ``double_writers``), the winner adds units and bumps a counter, reporting each after it returns;
- ``import``: a core writer imports two workbooks in turn (plan A, plan B);
- ``export``: a core writer writes the plan workbook over and over to one file;
- ``pack``: a core writer packs the workspace into numbered packets;
- ``cli-import``, ``cli-pack``, ``cli-receive``: the ``sydw`` command itself, killed mid-run.

Core writers are forked from this process (no start-up cost, so the kill lands inside the work);
CLI writers are real ``python -m sydw_desktop`` processes. After each kill the workspace is opened
for writing (a lock left behind would be ``stuck_locks``), ``PRAGMA integrity_check`` must say ok
(``corrupt``), every edit reported done must be there and an import is all or nothing
(``lost_edits``), and every output under its real name must be complete — a workbook that reads,
a packet that verifies (``partial_outputs``).

Run: ``nice .venv/bin/python bench/crash_soak.py --kills 1000``. The last line printed is JSON:
``{"kills", "corrupt", "lost_edits", "partial_outputs", "double_writers", "stuck_locks", …}``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sydw_desktop.demo import write_demo  # noqa: E402
from sydw_desktop.errors import WorkspaceInUse  # noqa: E402
from sydw_desktop.model import Jurisdiction, PlanData, TransferLine, Unit  # noqa: E402
from sydw_desktop.packets.identity import generate_identity, load_identity, save_identity  # noqa: E402
from sydw_desktop.packets.pack import pack_workspace  # noqa: E402
from sydw_desktop.packets.verify import verify_packet  # noqa: E402
from sydw_desktop.vocab import Category, Disposition, Funding, Level, Phase, Spec  # noqa: E402
from sydw_desktop.workbook import import_workbook, read_plan, write_plan  # noqa: E402
from sydw_desktop.workspace import Workspace  # noqa: E402

PASSPHRASE = "浸泡测试口令-2026"
PACK_FORMATS = frozenset({"pdf"})
COUNTER = "soak_counter"
CORE_MODES = ("edit", "import", "export", "pack")
CLI_MODES = ("cli-import", "cli-pack", "cli-receive")
#: how often each mode is drawn (packing is slow, so it is drawn less)
WEIGHTS = {"edit": 12, "import": 6, "export": 3, "cli-import": 3, "cli-receive": 2, "pack": 1, "cli-pack": 1}
#: longest delay before the kill, seconds, by mode (packing: 1.1 × how long one pack took)
MAX_DELAY = {"edit": 0.6, "import": 1.2, "export": 1.0, "cli-import": 3.0, "cli-receive": 8.0}
PACKING_MODES = ("pack", "cli-pack", "cli-receive")
STEP_WORDS = {"unit", "counter", "import", "export", "pack"}


def _unit(phase: Phase, name: str, staffing: int) -> Unit:
    return Unit(phase=phase, name=name, dept="浸泡旗农牧局", spec=Spec.GU, category=Category.PUBLIC_1,
                funding=Funding.FULL, staffing=staffing, actual=staffing if phase is Phase.BEFORE else None,
                disposition=Disposition.INTEGRATE if phase is Phase.BEFORE else None)


def _plan(tag: str, n: int) -> PlanData:
    before = [_unit(Phase.BEFORE, f"浸泡旗{tag}站{i}", 5) for i in range(n)]
    centre = _unit(Phase.AFTER, f"浸泡旗{tag}中心", 5 * n)
    return PlanData(before=before, after=[centre], destinations={u.name: centre.name for u in before},
                    transfers=[TransferLine(u.name, 5, target=centre.name) for u in before])


@dataclass
class Stage:
    """The files the rounds work on. ``packing``: also the demo workspace (it passes the checks, so
    it can be packed), a signing identity, a packet of it and an upper-level workspace to receive it."""

    folder: Path
    packing: bool = False
    workspace: Path = field(init=False)
    book_a: Path = field(init=False)
    book_b: Path = field(init=False)
    names_a: frozenset[str] = field(init=False)
    names_b: frozenset[str] = field(init=False)
    demo: Path = field(init=False)
    p12: Path = field(init=False)
    pem: Path = field(init=False)
    packet: Path = field(init=False)
    league: Path = field(init=False)
    pack_seconds: float = 0.0

    def __post_init__(self) -> None:
        f = self.folder
        self.workspace = f / "浸泡旗.sydw"
        jurisdiction = Jurisdiction("浸泡旗", "159901", Level.BANNER, unit_cap=50, staff_cap=500)
        plan_a, plan_b = _plan("甲", 6), _plan("乙", 9)
        with Workspace.create(self.workspace, jurisdiction) as ws:
            ws.replace_plan(plan_a)
            self.book_a, self.book_b = f / "A.xlsx", f / "B.xlsx"
            write_plan(self.book_a, ws.snapshot())
        with Workspace.create(f / "b.sydw", jurisdiction) as other:
            other.replace_plan(plan_b)
            write_plan(self.book_b, other.snapshot())
        self.names_a = frozenset(u.name for u in [*plan_a.before, *plan_a.after])
        self.names_b = frozenset(u.name for u in [*plan_b.before, *plan_b.after])
        shutil.copy(self.workspace, f / "pristine.sydw")
        (f / "out").mkdir()
        if not self.packing:
            return
        self.demo = f / "示例旗.sydw"
        write_demo(self.demo)
        files = save_identity(generate_identity("示例旗机构编制委员会办公室", "159901"), f / "signer.p12", PASSPHRASE)
        self.p12, self.pem = files.p12, files.certificate_pem
        self.packet = f / "packet.zip"
        started = time.monotonic()
        pack_workspace(self.demo, load_identity(self.p12, PASSPHRASE), self.packet, note="浸泡", formats=PACK_FORMATS)
        self.pack_seconds = time.monotonic() - started
        self.league = f / "示例盟.sydw"
        Workspace.create(self.league, Jurisdiction("示例盟", "159900", Level.LEAGUE)).close()
        shutil.copy(self.league, f / "pristine-league.sydw")


# -- the writers (run in the forked child; they print one line per finished step) ----------------


def _say(fd: int, text: str) -> None:
    os.write(fd, (text + "\n").encode("utf-8"))


def _edit(stage: Stage, fd: int, token: str) -> None:
    try:
        ws = Workspace.open(stage.workspace)
    except WorkspaceInUse:
        _say(fd, "refused")
        return
    _say(fd, "opened")
    counter = int(ws.setting(COUNTER, "0"))
    for i in range(10_000):
        if i % 3 == 0:
            name = f"浸泡新单位{token}-{i}"
            ws.add_unit(_unit(Phase.AFTER, name, 1))
            _say(fd, f"unit {name}")
        else:
            counter += 1
            ws.set_setting(COUNTER, str(counter), "浸泡计数")
            _say(fd, f"counter {counter}")


def _import(stage: Stage, fd: int, token: str) -> None:
    with Workspace.open(stage.workspace) as ws:
        for i in range(10_000):
            book = stage.book_b if i % 2 == 0 else stage.book_a
            import_workbook(ws, book)
            _say(fd, f"import {'B' if book == stage.book_b else 'A'}")


def _export(stage: Stage, fd: int, token: str) -> None:
    with Workspace.open(stage.workspace, readonly=True) as ws:
        snapshot = ws.snapshot()
    for _ in range(10_000):
        write_plan(stage.folder / "out" / "plan.xlsx", snapshot)
        _say(fd, "export")


def _pack(stage: Stage, fd: int, token: str) -> None:
    identity = load_identity(stage.p12, PASSPHRASE)
    for i in range(10_000):
        pack_workspace(stage.demo, identity, stage.folder / "out" / f"p{token}-{i}.zip", note="浸泡",
                       formats=PACK_FORMATS)
        _say(fd, "pack")


CORE: dict[str, Callable[[Stage, int, str], None]] = {"edit": _edit, "import": _import, "export": _export,
                                                      "pack": _pack}


def _fork(stage: Stage, mode: str, token: str) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work until killed
        os.close(read)
        code = 0
        try:
            CORE[mode](stage, write, token)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                _say(write, f"error {type(exc).__name__}: {exc}".replace("\n", " "))
            code = 1
        os._exit(code)
    os.close(write)
    return pid, read


def _drain(fd: int) -> list[str]:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode("utf-8", "replace").splitlines()


def _cli(stage: Stage, mode: str) -> list[str]:
    out = stage.folder / "out"
    if mode == "cli-import":
        return ["import-units", str(stage.workspace), str(stage.book_b)]
    if mode == "cli-pack":
        return ["pack", str(stage.demo), "--key", str(stage.p12), "--out", str(out / f"cli-{time.time_ns()}.zip"),
                "--format", ",".join(sorted(PACK_FORMATS))]
    return ["receive", str(stage.packet), "--into", str(stage.league), "--trust", str(stage.pem)]


# -- the checks after each kill ----------------------------------------------------------------


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def bad(self, key: str, text: str) -> None:
        self.counts[key] += 1
        if len(self.problems) < 50:
            self.problems.append(f"{key}: {text}")


def _reopen(path: Path, tally: Tally, round_no: int) -> Workspace | None:
    try:
        ws = Workspace.open(path)
    except WorkspaceInUse as exc:
        tally.bad("stuck_locks", f"round {round_no}: {exc}")
        return None
    except Exception as exc:
        tally.bad("corrupt", f"round {round_no}: {type(exc).__name__}: {exc}")
        return None
    result = ws._conn.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        tally.bad("corrupt", f"round {round_no}: {result}")
    return ws


def _check_workspace(stage: Stage, mode: str, lines: list[str], tally: Tally, round_no: int,
                     before: frozenset[str]) -> None:
    ws = _reopen(stage.workspace, tally, round_no)
    if ws is None:
        return
    with ws:
        names = frozenset(u.name for u in [*ws.units(Phase.BEFORE), *ws.units(Phase.AFTER)])
        if mode == "edit":
            counters = [int(line.split()[1]) for line in lines if line.startswith("counter ")]
            stored = int(ws.setting(COUNTER, "0"))
            if counters and stored < counters[-1]:
                tally.bad("lost_edits", f"round {round_no}: counter {stored} < reported {counters[-1]}")
            for line in lines:
                if line.startswith("unit ") and line[5:] not in names:
                    tally.bad("lost_edits", f"round {round_no}: unit {line[5:]} reported but missing")
        elif mode in ("import", "cli-import"):
            # all or nothing; and once an import is reported, it (or the next one) is what is there
            reported = [line.split()[1] for line in lines if line.startswith("import ")]
            by_name = {"A": stage.names_a, "B": stage.names_b}
            allowed = {by_name["A"], by_name["B"]} if reported else {before, stage.names_b}
            if mode == "cli-import" and reported:
                allowed = {stage.names_b}
            if names not in allowed:
                tally.bad("lost_edits", f"round {round_no}: {len(names)} units after import(s) {reported[-3:]}")


def _check_outputs(stage: Stage, tally: Tally, round_no: int) -> None:
    for path in sorted((stage.folder / "out").iterdir()):
        if path.name.endswith(".sydw-part") or path.name.startswith("."):
            path.unlink()  # a temporary name: never taken for a finished file
            continue
        if path.is_dir():
            shutil.rmtree(path)
            continue
        try:
            if path.suffix == ".xlsx":
                read_plan(path)
            elif path.suffix == ".zip":
                result = verify_packet(path)
                if not result.valid:
                    raise ValueError("; ".join(str(p) for p in result.problems[:3]))
        except Exception as exc:
            tally.bad("partial_outputs", f"round {round_no}: {path.name}: {exc}")
        path.unlink()


def _check_league(stage: Stage, tally: Tally, round_no: int) -> None:
    ws = _reopen(stage.league, tally, round_no)
    if ws is None:
        return
    with ws:
        for filing in ws.subordinate_filings():
            data = ws.subordinate_data(filing.region_code, filing.round)
            try:
                assert data is not None
                json.loads(data[0]), json.loads(data[1])
            except Exception as exc:
                tally.bad("partial_outputs", f"round {round_no}: received data unreadable: {exc}")


def _backup_leftovers(stage: Stage) -> None:
    for path in stage.folder.glob("*-备份"):
        for part in path.glob("*.sydw-part"):
            part.unlink()


def soak(kills: int, *, seed: int = 1, modes: tuple[str, ...] | None = None, folder: Path | None = None,
         progress: Callable[[int, dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Run ``kills`` rounds; returns the counts (all zero when nothing was lost)."""
    rng = random.Random(seed)
    chosen = modes or tuple(WEIGHTS)
    weights = [WEIGHTS[m] for m in chosen]
    tally = Tally()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sydw-soak-", dir=folder) as tmp:
        stage = Stage(Path(tmp), packing=any(m in PACKING_MODES for m in chosen))
        for round_no in range(1, kills + 1):
            mode = rng.choices(chosen, weights)[0]
            delay = rng.uniform(0.0, MAX_DELAY.get(mode, 1.1 * stage.pack_seconds + 2.0))
            with Workspace.open(stage.workspace, readonly=True) as ws:
                before = frozenset(u.name for u in [*ws.units(Phase.BEFORE), *ws.units(Phase.AFTER)])
            if mode in CORE:
                racers = 2 if mode == "edit" else 1
                children = [_fork(stage, mode, f"{round_no}.{k}") for k in range(racers)]
                time.sleep(delay)
                for pid, _ in children:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                outputs = []
                for pid, fd in children:
                    os.waitpid(pid, 0)
                    outputs.append(_drain(fd))
                errors = [line for lines in outputs for line in lines if line.startswith("error ")]
                for line in errors:
                    tally.bad("writer_errors", f"round {round_no} {mode}: {line}")
                if mode == "edit" and sum("opened" in lines for lines in outputs) > 1:
                    tally.bad("double_writers", f"round {round_no}: both writers opened the workspace")
                lines = [line for out in outputs for line in out]
            else:
                child = subprocess.Popen([sys.executable, "-m", "sydw_desktop", *_cli(stage, mode)], cwd=ROOT,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         env={**os.environ, "SYDW_PASSPHRASE": PASSPHRASE})
                time.sleep(delay)
                child.kill()
                out, err = child.communicate()
                lines = out.decode("utf-8", "replace").splitlines()
                if child.returncode not in (0, -signal.SIGKILL):
                    tally.bad("writer_errors", f"round {round_no} {mode}: exit {child.returncode}: "
                              f"{err.decode('utf-8', 'replace')[-300:]}")
                if mode == "cli-import" and child.returncode == 0:
                    lines.append("import B")
            tally.counts["kills"] += 1
            tally.counts["steps_reported"] += sum(1 for line in lines if line.split(" ")[0] in STEP_WORDS)
            tally.counts[f"mode_{mode}"] += 1
            _check_workspace(stage, mode, lines, tally, round_no, before)
            _check_outputs(stage, tally, round_no)
            if mode == "cli-receive":
                _check_league(stage, tally, round_no)
                shutil.copy(stage.folder / "pristine-league.sydw", stage.league)
            _backup_leftovers(stage)
            with contextlib.suppress(sqlite3.Error):
                if round_no % 25 == 0:  # keep the file small: back to the pristine copy now and then
                    shutil.copy(stage.folder / "pristine.sydw", stage.workspace)
            if progress is not None:
                progress(round_no, dict(tally.counts))
    result: dict[str, Any] = {key: tally.counts.get(key, 0) for key in
                              ("kills", "corrupt", "lost_edits", "partial_outputs", "double_writers",
                               "stuck_locks", "writer_errors", "steps_reported")}
    result["modes"] = {k[5:]: v for k, v in sorted(tally.counts.items()) if k.startswith("mode_")}
    result["seconds"] = round(time.monotonic() - started, 1)
    result["problems"] = tally.problems
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=int(date.today().strftime("%Y%m%d")))
    parser.add_argument("--modes", default=",".join(WEIGHTS), help="comma-separated: " + ",".join(WEIGHTS))
    args = parser.parse_args()

    def show(done: int, counts: dict[str, Any]) -> None:
        if done % 50 == 0:
            print(f"{done} kills: {counts}", file=sys.stderr, flush=True)

    result = soak(args.kills, seed=args.seed, modes=tuple(args.modes.split(",")), progress=show)
    for problem in result["problems"]:
        print(problem)
    print(json.dumps({k: v for k, v in result.items() if k != "problems"}, ensure_ascii=False))
    bad = ("corrupt", "lost_edits", "partial_outputs", "double_writers", "stuck_locks", "writer_errors")
    return 0 if all(result[k] == 0 for k in bad) else 1


if __name__ == "__main__":
    sys.exit(main())
