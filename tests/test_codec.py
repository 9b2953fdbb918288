"""``codec``: data ↔ dataclasses through type hints, with converters made once per type."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sydw_desktop.codec import from_data, to_data
from sydw_desktop.model import Charter, Quanxian, Sanding, Unit
from sydw_desktop.vocab import Category, Funding, Phase, Spec


def test_round_trip_of_every_demo_document_and_unit(tmp_path: Path) -> None:
    from sydw_desktop.demo import write_demo
    from sydw_desktop.workspace import Workspace

    write_demo(tmp_path / "d.sydw")
    with Workspace.open(tmp_path / "d.sydw", readonly=True) as ws:
        snap = ws.snapshot()
    for cls, docs in ((Sanding, snap.sanding), (Charter, snap.charters), (Quanxian, snap.quanxian)):
        assert docs
        for doc in docs.values():
            assert from_data(cls, to_data(doc)) == doc
    for unit in (*snap.before, *snap.after):
        assert from_data(Unit, to_data(unit)) == unit


def test_conversions_by_type_hint() -> None:
    data = to_data(Unit(Phase.AFTER, "某中心", "某局", Spec.GU, Category.PUBLIC_1, Funding.FULL, staffing=3,
                        staffing_by_funding={Funding.FULL: 3}))
    data["actual"] = None
    data["paizi"] = ["甲", "乙"]
    data["unknown_key"] = "ignored"
    del data["remark"]
    unit = from_data(Unit, data)
    assert unit.spec is Spec.GU and unit.phase is Phase.AFTER and unit.actual is None
    assert unit.staffing_by_funding == {Funding.FULL: 3} and isinstance(next(iter(unit.staffing_by_funding)), Funding)
    assert unit.paizi == ["甲", "乙"] and unit.paizi is not data["paizi"], "lists are copied"
    assert unit.remark == "", "a missing key takes the default"
    charter = from_data(Charter, {"capital": 30, "funding_source": None})
    assert charter.capital == 30.0 and isinstance(charter.capital, float)
    with pytest.raises(ValueError):
        from_data(Unit, {**data, "spec": "不存在的规格"})


def test_random_documents_round_trip() -> None:
    rng = random.Random(7)
    for _ in range(50):
        sanding = Sanding(duties=[f"职责{rng.randrange(99)}" for _ in range(rng.randrange(4))],
                          organ_leaders=rng.randrange(5))
        assert from_data(Sanding, to_data(sanding)) == sanding
