"""workspace.json: the schema agrees with the model, the demo round-trips, bad data is located."""

from __future__ import annotations

import copy
import dataclasses
import enum
import json
import typing
from pathlib import Path

import pytest

from sydw_desktop import model
from sydw_desktop.demo import write_demo
from sydw_desktop.packets import bag as B
from sydw_desktop.packets.errors import PacketError
from sydw_desktop.packets.workspace_json import (
    load_schema,
    reference_problems,
    schema_problems,
    workspace_from_json,
    workspace_to_json,
)
from sydw_desktop.workspace import Workspace

SCHEMA_CLASSES = [
    model.Jurisdiction, model.Unit, model.Transfer, model.Sanding, model.Organ, model.Quanxian,
    model.QuanxianItem, model.Charter, model.Explanation, model.ParamOverride, model.Round,
    model.ReviewComment, model.ChangeEntry,
]


@pytest.fixture(scope="module")
def demo_json(tmp_path_factory: pytest.TempPathFactory) -> tuple[model.Snapshot, dict]:
    path = tmp_path_factory.mktemp("wsjson") / "示例旗.sydw"
    write_demo(path)
    with Workspace.open(path, readonly=True) as ws:
        snap = ws.snapshot()
        data = workspace_to_json(snap, review_comments=ws.review_comments(), changelog=ws.changelog())
    # What a packet carries is text: go through JSON once.
    return snap, json.loads(json.dumps(data, ensure_ascii=False))


def test_schema_lists_exactly_the_model_fields_and_vocabulary() -> None:
    defs = load_schema()["$defs"]
    for cls in SCHEMA_CLASSES:
        assert set(defs[cls.__name__]["properties"]) == {f.name for f in dataclasses.fields(cls)}, cls.__name__
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            for arg in (hints[f.name], *typing.get_args(hints[f.name])):
                if isinstance(arg, type) and issubclass(arg, enum.Enum):
                    assert defs[arg.__name__]["enum"] == [m.value for m in arg], arg.__name__


def test_the_demo_round_trips_through_workspace_json(demo_json: tuple[model.Snapshot, dict]) -> None:
    snap, data = demo_json
    assert schema_problems(data) == [] and reference_problems(data) == []
    back = workspace_from_json(data)
    s = back.snapshot
    assert (s.jurisdiction, s.before, s.after, s.transfers) == (snap.jurisdiction, snap.before, snap.after, snap.transfers)
    assert (s.sanding, s.charters, s.quanxian) == (snap.sanding, snap.charters, snap.quanxian)
    assert (s.explanations, s.param_overrides, s.settings, s.rounds) == (
        snap.explanations, snap.param_overrides, snap.settings, snap.rounds)
    assert len(back.changelog) == len(data["changelog"]) > 0
    assert len(snap.sanding) > 0 and len(snap.explanations) > 0


def test_schema_problems_say_where(demo_json: tuple[model.Snapshot, dict]) -> None:
    _, data = demo_json
    bad = copy.deepcopy(data)
    bad["before"][2]["staffing"] = -3
    bad["after"][0]["category"] = "公益三类"
    del bad["jurisdiction"]["code"]
    bad["surprise"] = 1
    bad["transfers"][0]["count"] = "五"
    problems = schema_problems(bad)
    joined = "\n".join(problems)
    for where in ("/before/2/staffing", "/after/0/category", "/jurisdiction", "/transfers/0/count", "（根）"):
        assert where in joined
    with pytest.raises(PacketError, match="不符合格式要求"):
        workspace_from_json(bad)
    dangling = copy.deepcopy(data)
    dangling["before"][0]["destination"] = 999999
    assert any("999999" in p for p in reference_problems(dangling))
    with pytest.raises(PacketError):
        workspace_from_json(dangling)


def test_manifest_paths_and_bag_info_follow_rfc_8493(tmp_path: Path) -> None:
    odd = "data/百分号%与\n换行.txt"
    assert B.decode_manifest_path(B.encode_manifest_path(odd)) == odd
    assert "\n" not in B.encode_manifest_path(odd)
    text = B.bag_info_text([("Source-Organization", "示例旗编办"), ("Internal-Sender-Description", "第一行\n第二行")])
    fields, problems = B.parse_bag_info(text)
    assert problems == [] and fields["Internal-Sender-Description"] == "第一行 第二行"
    assert B.bag_name("159901", 2, "2026-11-29") == "159901_改革方案材料_第2轮_20261129"
    assert B.BAG_NAME_RE.match(B.bag_name("159901", 12, "2026-11-29"))
    lines, problems = B.parse_manifest("zz  data/a.pdf\n" + "a" * 64 + "  data/b.pdf\n")
    assert [line.path for line in lines] == ["data/b.pdf"] and "第 1 行" in problems[0]
