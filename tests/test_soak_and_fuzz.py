"""Small runs of the soak and the fuzzer (the benchmarks run 1,000 kills and 10,000 cases of each)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import crash_soak, fuzz
from bench.fuzz import BAD


def test_fifty_kills_lose_nothing(tmp_path: Path) -> None:
    result = crash_soak.soak(50, seed=7, modes=("edit", "import", "export", "cli-import"), folder=tmp_path)
    assert result["kills"] == 50
    counts = {k: result[k] for k in ("corrupt", "lost_edits", "partial_outputs", "double_writers", "stuck_locks",
                                     "writer_errors")}
    assert counts == dict.fromkeys(counts, 0), result["problems"]
    assert result["steps_reported"] > 50  # the kills landed in the middle of real work


def test_the_soak_checks_can_fail(tmp_path: Path) -> None:
    stage = crash_soak.Stage(tmp_path)
    tally = crash_soak.Tally()
    names = stage.names_a
    crash_soak._check_workspace(stage, "edit", ["counter 5", "unit 从未写入的单位"], tally, 1, names)
    crash_soak._check_workspace(stage, "cli-import", ["import B"], tally, 2, names)  # B reported, A is there
    (stage.folder / "out" / "plan.xlsx").write_bytes(stage.book_a.read_bytes()[:3000])
    crash_soak._check_outputs(stage, tally, 3)
    assert tally.counts["lost_edits"] == 2 + 1 and tally.counts["partial_outputs"] == 1


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("fuzz-seeds")
    return {"workbook": fuzz.SEED_BOOK.read_bytes(), "packet": fuzz.seed_packet(folder).read_bytes()}


def _case(kind: str, seeds: dict[str, bytes], index: int, folder: Path) -> dict[str, object]:
    path = folder / f"case{index}{'.xlsx' if kind == 'workbook' else '.zip'}"
    path.write_bytes(fuzz.case_bytes(kind, seeds[kind], 15, index))
    workspace = fuzz.seed_workspace(folder) if kind == "workbook" else None
    result = fuzz.judge(kind, path, workspace)
    if kind == "packet" and result["code"] == 0 and _contents(path.read_bytes()) != _contents(seeds["packet"]):
        result["accepted_changed"] = 1  # a packet whose files changed must never verify
    return {k: v for k, v in result.items() if k in (*BAD, "accepted_changed") or k == "detail"}


def _contents(data: bytes) -> dict[str, bytes] | None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(min_value=0, max_value=2**31))
def test_mutated_workbooks_get_a_message_never_a_crash(seeds: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory,
                                                       index: int) -> None:
    assert _case("workbook", seeds, index, tmp_path_factory.mktemp("wb")) == {}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(min_value=0, max_value=2**31))
def test_mutated_packets_get_findings_never_a_crash(seeds: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory,
                                                    index: int) -> None:
    assert _case("packet", seeds, index, tmp_path_factory.mktemp("pk")) == {}


def test_the_fuzz_judge_sees_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that blows up is counted, so the zero counts above mean something."""
    from sydw_desktop.packets import verify as verify_module

    def broken(*args: object, **kwargs: object) -> object:
        raise NotImplementedError("zip file version 6.4")

    monkeypatch.setattr(verify_module, "inspect_zip", broken)
    path = tmp_path / "p.zip"
    path.write_bytes(b"PK\x03\x04 not much")
    assert fuzz.judge("packet", path, None).get("internal_errors") == 1
