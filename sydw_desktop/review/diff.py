"""Round diff: what changed between two states of a workspace, as a clerk reads it.

Both states are ``workspace.json`` documents (what a packet carries, or what :func:`workspace_to_json`
makes of the current state), so the same function serves the county (its recorded submissions) and
the upper office (the filings it received). Compared: units added / removed (作废 with the reason
when the workspace recorded one), every changed unit field (old → new), transfers, the 三定 / 清单
/ 章程 paragraph by paragraph, and parameter overrides. Settings, explanations, the 台账 and
rounds are bookkeeping, not content, and are left out.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import DOCUMENT_FIELD_LABELS, UNIT_FIELD_LABELS, VoidedItem
from ..vocab import DocumentKind

#: workspace.json's list of each per-unit document kind → its key.
_DOCUMENT_LISTS = {"sanding": "sanding", "quanxian": "quanxian", "charters": "charter"}


@dataclass(frozen=True)
class Change:
    """One change: ``kind`` 新增 / 作废 / 删除 / 修改 / 文书 / 人员转隶 / 参数."""

    kind: str
    unit: str = ""
    """The unit's name (with its phase in ``phase``), or "" for the plan as a whole."""
    phase: str = ""
    field: str = ""
    """The field's or document's label."""
    old: str = ""
    new: str = ""
    document: str = ""
    """The document key (plan / sanding / quanxian / charter) for 文书 changes; "" otherwise."""
    field_key: str = ""
    """The field's name in the model (``staffing`` …), to match a comment's target."""

    def text(self) -> str:
        who = f"{self.phase}单位“{self.unit}”" if self.unit and self.phase else (f"“{self.unit}”" if self.unit else "")
        if self.kind in ("新增", "作废", "删除"):
            return f"{self.kind}{who}" + (f"（{self.new}）" if self.kind == "作废" and self.new else "")
        if self.kind == "文书":
            if self.old and self.new:
                return f"{who}{self.field}：“{_clip(self.old)}”改为“{_clip(self.new)}”"
            return f"{who}{self.field}：" + (f"删去“{_clip(self.old)}”" if self.old else f"增加“{_clip(self.new)}”")
        return f"{who}{self.field}：{self.old or '（空）'} → {self.new or '（空）'}"

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "unit": self.unit, "phase": self.phase, "field": self.field, "old": self.old,
                "new": self.new, "document": self.document, "field_key": self.field_key, "text": self.text()}


@dataclass(frozen=True)
class RoundDiff:
    """The changes from one state (``from_label``) to another (``to_label``)."""

    from_label: str
    to_label: str
    changes: list[Change] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"from": self.from_label, "to": self.to_label, "changes": [c.to_json() for c in self.changes]}

    def about(self, unit: str | None, field_key: str | None = None, document: str | None = None) -> list[Change]:
        """The changes touching a comment's target (a unit, optionally a field or a document)."""
        found = []
        for c in self.changes:
            if unit and c.unit != unit:
                continue
            if field_key and c.field_key and c.field_key != field_key and not c.document:
                continue
            if document and document != "plan" and c.document and c.document != document:
                continue
            found.append(c)
        return found


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return str(value)


def _units(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {u["id"]: u for phase in ("before", "after") for u in data.get(phase, []) if u.get("id") is not None}


def _by_name(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(u["phase"], u["name"]): u for phase in ("before", "after") for u in data.get(phase, [])}


def _unit_changes(old: dict[str, Any], new: dict[str, Any], voided: Sequence[VoidedItem]) -> list[Change]:
    old_units, new_units = _by_name(old), _by_name(new)
    old_ids, new_ids = _units(old), _units(new)
    void_reasons = {(v.entity, v.name): v.reason for v in voided}
    changes: list[Change] = []
    for key in old_units:
        if key not in new_units:
            reason = void_reasons.get((f"{key[0]}单位", key[1]))
            changes.append(Change("作废" if reason else "删除", key[1], key[0], new=reason or ""))
    for key in new_units:
        if key not in old_units:
            changes.append(Change("新增", key[1], key[0]))
    for key, unit in new_units.items():
        before = old_units.get(key)
        if before is None:
            continue
        for name, label in UNIT_FIELD_LABELS.items():
            a, b = before.get(name), unit.get(name)
            if name == "destination":
                a = old_ids.get(a, {}).get("name") if a is not None else None
                b = new_ids.get(b, {}).get("name") if b is not None else None
            if a != b:
                changes.append(Change("修改", key[1], key[0], label, _show(a), _show(b), field_key=name))
    return changes


def _transfer_lines(data: dict[str, Any]) -> set[str]:
    units = _units(data)
    lines = set()
    for t in data.get("transfers", []):
        source = units.get(t["source"], {}).get("name", "?")
        target = units.get(t["target"], {}).get("name", "?") if t.get("target") is not None else t.get("placement")
        lines.add(f"{source} → {target} {t['count']}人" + (f"（{t['remark']}）" if t.get("remark") else ""))
    return lines


def _paragraphs(value: Any, label: str) -> Iterable[tuple[str, str]]:
    """(field label, paragraph text) of every text in a document, recursively."""
    if isinstance(value, str):
        if value.strip():
            yield label, value.strip()
    elif isinstance(value, list):
        for item in value:
            yield from _paragraphs(item, label)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _paragraphs(item, label if label else key)
    elif value is not None and not isinstance(value, bool):
        yield label, str(value)


def _documents(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    units = _units(data)
    found = {}
    for listing, kind in _DOCUMENT_LISTS.items():
        for entry in data.get(listing, []):
            name = units.get(entry["unit"], {}).get("name", "?")
            found[(kind, name)] = entry["document"]
    return found


def _document_changes(old: dict[str, Any], new: dict[str, Any], voided: Sequence[VoidedItem]) -> list[Change]:
    before, after = _documents(old), _documents(new)
    void_reasons = {(v.kind, v.name): v.reason for v in voided}
    changes: list[Change] = []
    for key in sorted(set(before) | set(after)):
        kind, unit = key
        label = DocumentKind.from_key(kind).label
        names = DOCUMENT_FIELD_LABELS[kind]
        if key not in after:
            reason = void_reasons.get(key, "")
            changes.append(Change("文书", unit, "改革后", label, f"整份{label}", "", kind) if not reason else
                           Change("作废", unit, "", label, new=reason, document=kind))
            continue
        a_doc, b_doc = before.get(key, {}), after[key]
        for fname in sorted(set(a_doc) | set(b_doc)):
            if a_doc.get(fname) == b_doc.get(fname):
                continue
            flabel = f"{label}·{names.get(fname, fname)}"
            a = [t for _, t in _paragraphs(a_doc.get(fname), fname)]
            b = [t for _, t in _paragraphs(b_doc.get(fname), fname)]
            matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op == "equal":
                    continue
                olds, news = a[i1:i2], b[j1:j2]
                for k in range(max(len(olds), len(news))):
                    changes.append(Change("文书", unit, "改革后", flabel, olds[k] if k < len(olds) else "",
                                          news[k] if k < len(news) else "", kind, fname))
    return changes


def _param_lines(data: dict[str, Any]) -> set[str]:
    return {
        f"{p['rule']}.{p['param']} = {json.dumps(p['value'], ensure_ascii=False)}（自 {p['effective_from']} 起"
        + (f"，{p['doc_no']}" if p.get("doc_no") else "") + "）"
        for p in data.get("param_overrides", [])
    }


def diff_workspaces(old: dict[str, Any], new: dict[str, Any], from_label: str, to_label: str,
                    voided: Sequence[VoidedItem] = ()) -> RoundDiff:
    """The changes from ``old`` to ``new`` (both ``workspace.json`` documents)."""
    changes = _unit_changes(old, new, voided)
    a, b = _transfer_lines(old), _transfer_lines(new)
    changes += [Change("人员转隶", field="人员转隶", old=line) for line in sorted(a - b)]
    changes += [Change("人员转隶", field="人员转隶", new=line) for line in sorted(b - a)]
    changes += _document_changes(old, new, voided)
    a, b = _param_lines(old), _param_lines(new)
    changes += [Change("参数", field="规则参数", old=line) for line in sorted(a - b)]
    changes += [Change("参数", field="规则参数", new=line) for line in sorted(b - a)]
    return RoundDiff(from_label, to_label, changes)
