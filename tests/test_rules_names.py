"""E. Names (nm.*): 区域名, 格级名, uniqueness."""

from __future__ import annotations

import dataclasses
import json

from rules_helpers import DEPT, PLATE, A, B, C, after, baseline, hits, rebuild, where

from sydw_desktop.model import ParamOverride, UnitId
from sydw_desktop.rules.findings import Severity


def _rename(snap: object, old: str, new: str) -> None:
    after(snap, old).name = new  # type: ignore[arg-type]


# --- nm.region_prefix ----------------------------------------------------------------------------

def test_name_without_the_region_prefix() -> None:
    snap = baseline()
    _rename(snap, A, "农牧业技术推广中心")
    found = hits(snap, "nm.region_prefix")
    assert [(f.document.key, f.unit, f.field, f.severity) for f in found] == [
        ("plan", "农牧业技术推广中心", "name", Severity.WARNING)]


def test_department_name_or_configured_prefix_is_accepted() -> None:
    snap = baseline()
    _rename(snap, A, f"{DEPT}农牧业技术推广中心")
    _rename(snap, B, "内蒙古示例旗畜牧草原服务中心")
    assert where(hits(snap, "nm.region_prefix")) == {("内蒙古示例旗畜牧草原服务中心", "name")}
    snap.settings["region_prefixes"] = "内蒙古示例旗、示例"
    assert hits(snap, "nm.region_prefix") == []
    snap.settings.clear()
    snap.param_overrides = [ParamOverride("nm.region_prefix", "prefixes", ["内蒙古"], "2026-01-01")]
    assert hits(snap, "nm.region_prefix") == []


# --- nm.suffix -----------------------------------------------------------------------------------

def test_organ_suffixes_warn() -> None:
    snap = baseline()
    _rename(snap, A, "示例旗政务数据服务局")
    _rename(snap, C, "示例旗地方志办公室")
    found = hits(snap, "nm.suffix")
    assert where(found) == {("示例旗政务数据服务局", "name"), ("示例旗地方志办公室", "name")}
    assert any("机关格级名“办公室”" in f.message for f in found)


def test_name_without_an_institution_suffix_warns() -> None:
    snap = baseline()
    _rename(snap, A, "示例旗农牧业技术推广组")
    found = hits(snap, "nm.suffix")
    assert where(found) == {("示例旗农牧业技术推广组", "name")} and "未以事业机构格级名结尾" in found[0].message


def test_longer_institution_suffix_and_trailing_brackets_near_miss() -> None:
    snap = baseline()
    _rename(snap, A, "示例旗融媒体中心（示例旗广播电视台）")
    _rename(snap, B, "示例旗委党校")
    _rename(snap, C, "示例旗农牧科学研究院")
    assert hits(snap, "nm.suffix") == []


def test_reserved_words_need_an_approval_number_info() -> None:
    snap = baseline()
    _rename(snap, A, "示例旗国际交流中心")
    found = hits(snap, "nm.suffix")
    assert [(f.unit, f.severity) for f in found] == [("示例旗国际交流中心", Severity.INFO)]
    snap.settings["name_approvals"] = json.dumps({"示例旗国际交流中心": "内编发〔2026〕2号"}, ensure_ascii=False)
    assert hits(snap, "nm.suffix") == []


# --- nm.unique -----------------------------------------------------------------------------------

def test_names_equal_after_normalisation_are_duplicates() -> None:
    snap = baseline()
    twin = dataclasses.replace(after(snap, B), name="示例旗畜牧草原服务中心 ", id=UnitId(9))
    snap = rebuild(snap, after=[*snap.after, twin])
    found = hits(snap, "nm.unique")
    assert where(found) == {("示例旗畜牧草原服务中心 ", "name")} and found[0].severity is Severity.ERROR


def test_bracket_widths_are_unified() -> None:
    snap = baseline()
    _rename(snap, A, "示例旗农牧中心（站）")
    _rename(snap, B, "示例旗农牧中心(站)")
    assert where(hits(snap, "nm.unique")) == {("示例旗农牧中心(站)", "name")}


def test_name_equal_to_another_units_nameplate() -> None:
    snap = baseline()
    _rename(snap, B, PLATE)
    found = hits(snap, "nm.unique")
    assert where(found) == {(PLATE, "name")} and C in found[0].message
    after(snap, A).paizi = ["示例旗美术馆"]
    after(snap, PLATE).paizi = ["示例旗美术馆"]
    assert (PLATE, "paizi") in where(hits(snap, "nm.unique"))


def test_same_name_before_and_after_is_the_same_unit() -> None:
    snap = baseline()  # 示例旗农牧业技术推广中心 is on both sides
    assert hits(snap, "nm.unique") == []
