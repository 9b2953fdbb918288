"""The rule catalogue as data: entries read from ``resources/rules/*.toml``.

Each :class:`RuleEntry` says what a rule checks, its default severity (per level where it differs),
the levels it applies to, its parameters with per-level defaults, its 依据 and its dates. The code
that implements a rule lives beside its theme (``identity.py``, ``plan_*.py`` …) and is found by id.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SydwError
from ..paths import resources
from ..vocab import Level
from .findings import Severity

CONFIDENCE_LABELS = {
    "S": "有明文依据",
    "S→I": "有明文依据，计算口径为本系统推定",
    "Pilot": "试点口径",
    "I": "推定口径",
}
PARAM_TYPES = ("int", "float", "bool", "str", "spec", "list", "table", "map_int", "map_list")


class CatalogueError(SydwError):
    """The bundled rule catalogue is missing or malformed."""


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of a rule: its type, default (per level where it differs) and meaning."""

    name: str
    label: str
    type: str
    default: Any = None
    by_level: Mapping[Level, Any] = field(default_factory=dict)
    inclusive: bool | None = None
    """For thresholds: whether the number itself is allowed (以上、以下、以内 include it)."""
    optional: bool = False
    choices: tuple[str, ...] = ()
    unit: str = ""
    note: str = ""
    minimum: float | None = None
    """Smallest number allowed (for ``int``/``float``, every number of a ``table`` or ``map_int``)."""
    maximum: float | None = None
    """Largest number allowed."""
    min_exclusive: bool = False
    """The minimum itself is not allowed (a ratio must be more than 0)."""

    def default_for(self, level: Level) -> Any:
        return self.by_level.get(level, self.default)


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    doc_no: str = ""
    urls: tuple[str, ...] = ()
    note: str = ""

    def cite(self) -> str:
        return f"《{self.title}》" + (f"（{self.doc_no}）" if self.doc_no else "")


@dataclass(frozen=True)
class Basis:
    """A rule's 依据: the documents, the article, and how confident the mapping is."""

    sources: tuple[Source, ...]
    article: str
    confidence: str
    note: str = ""

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(u for s in self.sources for u in s.urls)

    def text(self) -> str:
        """One line for showing beside a finding."""
        cited = "；".join(s.cite() for s in self.sources) or "（无直接来源）"
        article = f" {self.article}" if self.article else ""
        return f"{cited}{article}〔{CONFIDENCE_LABELS[self.confidence]}〕"


@dataclass(frozen=True)
class RuleEntry:
    id: str
    title: str
    theme: str
    severity: Severity
    levels: tuple[Level, ...]
    check: str
    basis: Basis
    verified_on: dt.date
    effective_from: dt.date
    effective_to: dt.date | None = None
    effective_note: str = ""
    params: tuple[ParamSpec, ...] = ()
    severity_by_level: Mapping[Level, Severity] = field(default_factory=dict)
    severity_note: str = ""
    default_caliber: bool = False
    """Defaults are 默认口径 (Pilot or inferred): shown as such and meant to be confirmed locally."""
    fix: str = ""
    """如何修改: what the clerk does to resolve a finding of this rule, in plain Chinese."""
    reads: frozenset[str] | None = None
    """What the rule reads (``unit.<field>``, ``sanding``, ``charter``, ``quanxian``, ``transfer``,
    ``round``, ``setting.<key>``; the jurisdiction and parameters are read by every rule), so that a
    re-check after an edit re-runs only the rules the edit can affect; None: everything."""
    stage: str = "check"
    """``check``: run by ``sydw check`` over the data; ``export``: a ``doc.*`` lint over the rendered
    documents, run by export and pack (``sydw_desktop.documents.lint``)."""

    def in_force(self, as_of: dt.date) -> bool:
        """In force from ``effective_from`` up to and including ``effective_to``."""
        return self.effective_from <= as_of and (self.effective_to is None or as_of <= self.effective_to)

    def applies_to(self, level: Level) -> bool:
        return level in self.levels

    def severity_for(self, level: Level) -> Severity:
        return self.severity_by_level.get(level, self.severity)

    def param(self, name: str) -> ParamSpec | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass(frozen=True)
class Catalogue:
    version: str
    title: str
    rules: list[RuleEntry]
    sources: Mapping[str, Source]
    themes: Mapping[str, str] = field(default_factory=dict)  # theme id → Chinese title

    def get(self, rule_id: str) -> RuleEntry | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def require(self, rule_id: str) -> RuleEntry:
        entry = self.get(rule_id)
        if entry is None:
            raise CatalogueError(f"规则目录中没有编号为“{rule_id}”的规则。")
        return entry


@functools.cache
def load_catalogue() -> Catalogue:
    """The bundled catalogue (read once per process)."""
    return read_catalogue(resources() / "rules")


def read_catalogue(folder: Path) -> Catalogue:
    main = _read_toml(folder / "catalogue.toml")
    try:
        sources = {key: _source(key, raw) for key, raw in main.get("sources", {}).items()}
        rules: list[RuleEntry] = []
        themes: dict[str, str] = {}
        for name in main["files"]:
            data = _read_toml(folder / name)
            themes[data["theme"]] = data.get("theme_title", data["theme"])
            rules.extend(_entry(data["theme"], raw, sources) for raw in data.get("rule", []))
        version, title = str(main["version"]), str(main.get("title", ""))
    except (KeyError, ValueError, TypeError) as exc:
        raise CatalogueError(f"规则目录（{folder}）格式有误：{exc}") from exc
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CatalogueError(f"规则目录中规则编号重复：{'、'.join(duplicates)}")
    return Catalogue(version=version, title=title, rules=rules, sources=sources, themes=themes)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise CatalogueError(f"无法读取规则目录文件“{path}”：{exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"规则目录文件“{path.name}”格式有误：{exc}") from exc


def _source(key: str, raw: Mapping[str, Any]) -> Source:
    return Source(key, raw["title"], raw.get("doc_no", ""), tuple(raw.get("urls", ())), raw.get("note", ""))


def _levels(raw: Mapping[str, Any]) -> dict[Level, Any]:
    return {Level(k): v for k, v in raw.items()}


def _entry(theme: str, raw: Mapping[str, Any], sources: Mapping[str, Source]) -> RuleEntry:
    basis_raw = raw.get("basis", {})
    unknown = [k for k in basis_raw.get("sources", []) if k not in sources]
    if unknown:
        raise ValueError(f"{raw['id']} 引用了未定义的来源 {unknown}")
    if raw["confidence"] not in CONFIDENCE_LABELS:
        raise ValueError(f"{raw['id']} 的 confidence 无效")
    basis = Basis(
        sources=tuple(sources[k] for k in basis_raw.get("sources", [])),
        article=basis_raw.get("article", ""),
        confidence=raw["confidence"],
        note=basis_raw.get("note", ""),
    )
    params = tuple(_param(raw["id"], p) for p in raw.get("params", []))
    return RuleEntry(
        id=raw["id"],
        title=raw["title"],
        theme=theme,
        severity=Severity(raw["severity"]),
        levels=tuple(Level(x) for x in raw["levels"]),
        check=raw["check"],
        basis=basis,
        verified_on=dt.date.fromisoformat(raw["verified_on"]),
        effective_from=dt.date.fromisoformat(raw["effective_from"]),
        effective_to=dt.date.fromisoformat(raw["effective_to"]) if raw.get("effective_to") else None,
        effective_note=raw.get("effective_note", ""),
        params=params,
        severity_by_level={k: Severity(v) for k, v in _levels(raw.get("severity_by_level", {})).items()},
        severity_note=raw.get("severity_note", ""),
        default_caliber=bool(raw.get("default_caliber", raw["confidence"] in ("Pilot", "I"))),
        reads=frozenset(raw["reads"]) if "reads" in raw else None,
        fix=raw.get("fix", ""),
        stage=_stage(raw),
    )


STAGES = ("check", "export")


def _stage(raw: Mapping[str, Any]) -> str:
    stage = str(raw.get("stage", "check"))
    if stage not in STAGES:
        raise ValueError(f"{raw['id']} 的 stage 无效（可选 {'、'.join(STAGES)}）")
    return stage


def _param(rule_id: str, raw: Mapping[str, Any]) -> ParamSpec:
    if raw["type"] not in PARAM_TYPES:
        raise ValueError(f"{rule_id}.{raw['name']} 的类型 {raw['type']} 无效")
    return ParamSpec(
        name=raw["name"],
        label=raw["label"],
        type=raw["type"],
        default=raw.get("default"),
        by_level=_levels(raw.get("by_level", {})),
        inclusive=raw.get("inclusive"),
        optional=bool(raw.get("optional", False)),
        choices=tuple(raw.get("choices", ())),
        unit=raw.get("unit", ""),
        note=raw.get("note", ""),
        minimum=_bound(rule_id, raw, "min"),
        maximum=_bound(rule_id, raw, "max"),
        min_exclusive=bool(raw.get("min_exclusive", False)),
    )


def _bound(rule_id: str, raw: Mapping[str, Any], key: str) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{rule_id}.{raw['name']} 的 {key} 应为有限的数值")
    if raw["type"] not in ("int", "float", "table", "map_int"):
        raise ValueError(f"{rule_id}.{raw['name']} 的类型 {raw['type']} 不能有 {key}")
    return value
