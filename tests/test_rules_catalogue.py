"""The catalogue as data: ids match rules.md, entries are complete, parameters validate and apply
by level and by date, and docs/rules.md is generated from it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from examples import ROOT, SHARED_ABSENT, shared_dir
from rules_helpers import baseline, rebuild

from sydw_desktop.model import ParamOverride
from sydw_desktop.paths import resources
from sydw_desktop.rules import (
    CatalogueError,
    RuleParamError,
    catalogue_json,
    catalogue_markdown,
    catalogue_text,
    effective_params,
    load_catalogue,
    validate_override,
)
from sydw_desktop.rules.catalogue import read_catalogue
from sydw_desktop.rules.context import REGISTRY
from sydw_desktop.rules.engine import rules_in_force
from sydw_desktop.vocab import Level

SHARED = shared_dir()
SPEC_RULES = SHARED / "spec" / "rules.md" if SHARED else None


def spec_ids() -> list[str]:
    assert SPEC_RULES is not None
    text = SPEC_RULES.read_text(encoding="utf-8")
    return re.findall(r"^\| `([a-z0-9_.]+)` \|", text, flags=re.MULTILINE)


@pytest.mark.skipif(SPEC_RULES is None, reason=SHARED_ABSENT)
def test_catalogue_has_exactly_the_42_rules_of_the_spec() -> None:
    ids = spec_ids()
    assert len(ids) == 42 and len(set(ids)) == 42
    rules = load_catalogue().rules
    # the spec's 42, then the extras: the league rules (issue 13, resources/rules/league.toml) and the
    # doc.* lint over the rendered documents (issue 14), run by export and pack only
    assert [r.id for r in rules if r.stage == "check" and r.theme != "league"] == ids
    extras = [r for r in rules if r.stage == "export"]
    assert extras and all(r.id.startswith("doc.") for r in extras)


def test_every_rule_has_an_implementation_and_complete_data() -> None:
    from sydw_desktop.documents.lint import implemented

    cat = load_catalogue()
    assert set(REGISTRY) == {r.id for r in cat.rules if r.stage == "check"}
    assert implemented() == {r.id for r in cat.rules if r.stage == "export"}
    for r in cat.rules:
        assert re.search(r"[\u4e00-\u9fff]", r.title) and re.search(r"[\u4e00-\u9fff]", r.check), r.id
        league = r.theme == "league"  # rules of the level above (issue 13), added later
        assert r.levels == ((Level.REGION, Level.LEAGUE) if league else (Level.REGION, Level.LEAGUE, Level.BANNER)), r.id
        assert r.verified_on <= dt.date(2026, 12, 3), r.id
        assert r.effective_from <= r.verified_on, r.id
        assert r.basis.text() and r.effective_note, r.id
        assert r.default_caliber or r.basis.confidence in ("S", "S→I"), r.id
        for p in r.params:
            for level in Level:
                default = p.default_for(level)
                if default is None:
                    assert p.optional, f"{r.id}.{p.name}"
                    continue
                assert validate_override(r.id, p.name, default) == default, f"{r.id}.{p.name}"


def test_level_specific_defaults_and_severities() -> None:
    cat = load_catalogue()
    t = cat.require("plan.min_unit_size").param("T")
    assert t is not None and t.inclusive is True
    assert [t.default_for(lv) for lv in (Level.REGION, Level.LEAGUE, Level.BANNER)] == [10, 8, 5]
    cap = cat.require("plan.unit_cap")
    assert cap.severity_for(Level.REGION).value == "warning" and cap.severity_for(Level.BANNER).value == "error"
    assert cat.get("no.such") is None
    with pytest.raises(CatalogueError, match="no.such"):
        cat.require("no.such")


def test_validate_override_converts_typed_text_and_refuses_bad_values() -> None:
    assert validate_override("plan.min_unit_size", "T", "6") == 6
    assert validate_override("plan.min_unit_size", "inclusive", "否") is False
    assert validate_override("ch.change_registration", "ratio", "25%") == 0.25
    assert validate_override("sd.spec_by_level", "max_spec", " 正处级 ") == "正处级"
    assert validate_override("nm.suffix", "suffixes", "中心、站，所") == ["中心", "站", "所"]
    assert validate_override("sd.leader_quota", "unit_table", '[{"max": 20, "value": 2}, {"value": 3}]') == [
        {"max": 20, "value": 2}, {"value": 3}]
    assert validate_override("plan.unit_cap", "unit_limit", None) is None  # optional: back to the workspace's
    with pytest.raises(RuleParamError, match="没有编号为“plan.nope”"):
        validate_override("plan.nope", "T", 5)
    with pytest.raises(RuleParamError, match="没有参数“X”.*T、inclusive、measure"):
        validate_override("plan.min_unit_size", "X", 5)
    for rule, param, bad in [
        ("plan.min_unit_size", "T", "五"), ("plan.min_unit_size", "T", 5.5), ("plan.min_unit_size", "T", True),
        ("plan.min_unit_size", "T", None), ("plan.min_unit_size", "measure", "在编人数"),
        ("sd.spec_by_level", "max_spec", "处级"), ("sd.leader_quota", "unit_table", '[{"max": 20, "value": 2}, '
                                                     '{"max": 10, "value": 3}]'),
        ("sd.sections", "sections", ["主要职责", "附录"]), ("plan.support_units_1_2_x", "X", '{"局": "多"}'),
    ]:
        with pytest.raises(RuleParamError) as err:
            validate_override(rule, param, bad)
        assert re.search(r"[\u4e00-\u9fff]", str(err.value)) and param in str(err.value)


def _override(param: str, value: object, since: str, rule: str = "plan.min_unit_size", **kw: object) -> ParamOverride:
    return ParamOverride(rule, param, value, since, **kw)  # type: ignore[arg-type]


def test_effective_params_by_level_and_date_latest_wins() -> None:
    cat = load_catalogue()
    snap = baseline()
    day = dt.date(2026, 6, 1)
    assert effective_params(cat, snap, "plan.min_unit_size", day) == {"T": 5, "inclusive": True, "measure": "核定编制"}
    region = rebuild(snap, jurisdiction=type(snap.jurisdiction)("内蒙古自治区", "150000", Level.REGION))
    assert effective_params(cat, region, "plan.min_unit_size", day)["T"] == 10
    snap.param_overrides = [
        _override("T", 7, "2026-01-01", created_at="2026-01-01T09:00:00"),
        _override("T", 6, "2026-03-01", created_at="2025-12-01T09:00:00"),  # later date wins, not later entry
        _override("T", 3, "2026-09-01"),  # not yet in force on 6 June
        _override("T", "不是数", "2026-04-01"),  # no longer valid: ignored
        _override("gone", 1, "2026-01-01"),  # parameter not in the catalogue: ignored
        _override("max_paizi", 4, "2026-01-01", rule="plan.paizi_count"),
    ]
    assert effective_params(cat, snap, "plan.min_unit_size", day)["T"] == 6
    assert effective_params(cat, snap, "plan.min_unit_size", dt.date(2026, 9, 1))["T"] == 3
    assert effective_params(cat, snap, "plan.min_unit_size", dt.date(2025, 12, 31))["T"] == 5
    assert effective_params(cat, snap, "plan.paizi_count", day) == {"max_paizi": 4}
    # defaults are copied: a rule changing its value cannot change the catalogue
    effective_params(cat, snap, "nm.suffix", day)["suffixes"].append("组")
    assert "组" not in effective_params(cat, snap, "nm.suffix", day)["suffixes"]


def test_rules_in_force_follow_effective_dates() -> None:
    cat = load_catalogue()
    snap = baseline()
    old = {r.id for r in rules_in_force(cat, snap, dt.date(2016, 1, 1))}
    assert "uscc.checksum" in old and "plan.category_disposition" in old
    assert "plan.min_unit_size" not in old  # pilot rules start in 2020
    assert not rules_in_force(cat, snap, dt.date(2010, 1, 1))
    entry = cat.require("plan.min_unit_size")
    lapsed = dataclasses.replace(entry, effective_to=dt.date(2026, 6, 30))
    assert lapsed.in_force(dt.date(2026, 6, 30)) and not lapsed.in_force(dt.date(2026, 7, 1))


def test_catalogue_text_and_json_list_every_rule() -> None:
    cat = load_catalogue()
    text = catalogue_text(cat)
    data = json.loads(json.dumps(catalogue_json(cat), ensure_ascii=False))
    assert len(data) == len(cat.rules) == 42 + 4 + sum(1 for r in cat.rules if r.id.startswith("doc."))
    assert {r["id"] for r in data if r["stage"] == "export"} == {r.id for r in cat.rules if r.id.startswith("doc.")}
    assert "时机：导出和打包时检查填充后的文书" in text
    for rule in data:
        assert rule["id"] in text
        assert {"id", "title", "severity", "levels", "params", "basis", "verified_on", "effective_from"} <= set(rule)
    mus = next(r for r in data if r["id"] == "plan.min_unit_size")
    assert mus["params"][0] == {**mus["params"][0], "name": "T", "inclusive": True,
                                "by_level": {"自治区": 10, "盟市": 8, "旗县": 5}}
    assert "T〔最小规模〕= 自治区 10、盟市 8、旗县 5（名，含本数）" in text
    assert "中发〔2011〕5号" in text and "GB 32100-2015" in text
    assert any("https://" in u for r in data for s in r["basis"]["sources"] for u in s["urls"])


def test_docs_rules_md_is_generated_from_the_catalogue() -> None:
    doc = ROOT / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == catalogue_markdown(load_catalogue()), (
        "docs/rules.md is out of date: run scripts/gen_rules_doc.py")


def test_gen_rules_doc_script_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "rules.md"
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rules_doc.py"), "--out", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") == catalogue_markdown(load_catalogue())


def test_a_broken_catalogue_is_a_chinese_error(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(resources() / "rules", folder)
    plan = folder / "plan.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('severity = "error"', 'severity = "fatal"', 1),
                    encoding="utf-8")
    with pytest.raises(CatalogueError, match="规则目录.*格式有误"):
        read_catalogue(folder)
    plan.write_text("[[rule]\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="plan.toml"):
        read_catalogue(folder)
    (folder / "catalogue.toml").unlink()
    with pytest.raises(CatalogueError, match="无法读取"):
        read_catalogue(folder)


@pytest.mark.parametrize(("rule", "param", "bad", "words"), [
    ("x.functions", "threshold", "NaN", "确定的数值"),
    ("x.functions", "threshold", float("nan"), "确定的数值"),
    ("x.functions", "threshold", "inf", "确定的数值"),
    ("x.functions", "threshold", float("-inf"), "确定的数值"),
    ("x.functions", "threshold", "1e999", "确定的数值"),
    ("x.functions", "threshold", -0.1, "不小于 0"),
    ("x.functions", "threshold", 1.5, "不大于 1"),
    ("ch.change_registration", "ratio", -5, "大于 0"),
    ("ch.change_registration", "ratio", "0%", "大于 0"),
    ("ch.change_registration", "ratio", 11, "不大于 10"),
    ("plan.min_unit_size", "T", -1, "不小于 0"),
    ("ch.change_registration", "days", "-30", "不小于 0"),
    ("plan.support_units_1_2_x", "X", '{"示例旗教育局": -2}', "不小于 0"),
    ("sd.leader_quota", "unit_table", '[{"max": 10, "value": -1}, {"value": 3}]', "不小于 0"),
])
def test_parameters_that_would_silently_disable_a_rule_are_refused(rule: str, param: str, bad: object,
                                                                   words: str) -> None:
    with pytest.raises(RuleParamError) as err:
        validate_override(rule, param, bad)
    assert words in err.value.message and f"{rule}.{param}" in err.value.message


def test_parameter_bounds_admit_the_defaults_and_sensible_values() -> None:
    assert validate_override("x.functions", "threshold", "0.8") == 0.8
    assert validate_override("x.functions", "threshold", 1) == 1.0
    assert validate_override("ch.change_registration", "ratio", "150%") == 1.5
    assert validate_override("plan.min_unit_size", "T", 0) == 0
    cat = load_catalogue()
    for entry in cat.rules:
        for spec in entry.params:
            for default in [spec.default, *spec.by_level.values()]:
                if default is not None:
                    validate_override(entry.id, spec.name, default)  # raises if a default is out of bounds
    ratio = cat.require("ch.change_registration").param("ratio")
    assert (ratio.minimum, ratio.min_exclusive, ratio.maximum) == (0, True, 10)


def test_a_stored_non_finite_override_is_ignored() -> None:
    snap = baseline()
    snap.param_overrides = [ParamOverride("x.functions", "threshold", float("nan"), "2026-01-01")]
    assert effective_params(load_catalogue(), snap, "x.functions", dt.date(2026, 6, 1))["threshold"] == 0.6
