"""Importing a workbook into a workspace, as one undoable operation."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from ..errors import ImportRefused, ModelError
from ..model import JURISDICTION_FIELD_LABELS, Jurisdiction, PlanData
from ..store import backups
from ..store.undo import OpChanges
from ..vocab import UNIT_DOCUMENT_KINDS, Phase, normalize_name
from ..workspace import Workspace
from .reader import WorkbookContents, read_workbook

IMPORT_OPERATION = "导入 Excel"


def import_workbook(ws: Workspace, path: str | Path, *, plan: PlanData | None = None,
                    contents: WorkbookContents | None = None) -> OpChanges:
    """Replace the workspace's inventory and plan with the workbook's (operation "导入 Excel").

    The workbook is read and checked completely before the workspace is touched; on any problem
    :class:`ImportRefused` is raised and the workspace stays exactly as it was. A caller that has
    already read the workbook passes what it got (``contents`` from :func:`read_workbook`, or
    ``plan`` from :func:`read_plan`) so it is not read twice; ``contents`` also carries a partly
    filled 基本信息, which a bare ``plan`` cannot.
    """
    return import_workbook_with_notes(ws, path, plan=plan, contents=contents)[0]


def import_workbook_with_notes(ws: Workspace, path: str | Path, *, plan: PlanData | None = None,
                               contents: WorkbookContents | None = None) -> tuple[OpChanges, list[str]]:
    """As :func:`import_workbook`, also returning the notes (ignored columns, changed 基本信息 …)."""
    if contents is None:
        contents = read_workbook(path) if plan is None else WorkbookContents(plan, _given(plan.jurisdiction))
    notes = list(contents.notes)
    current = ws.jurisdiction()
    given = contents.jurisdiction_values
    if given:
        # 基本信息 may give only some values: the others stay as the workspace has them.
        merged = dataclasses.replace(current, **given)
        for name, label in JURISDICTION_FIELD_LABELS.items():
            old, new = getattr(current, name), getattr(merged, name)
            if name in given and old != new:
                notes.append(f"基本信息 / {label}：工作区原为“{_show(old)}”，按工作簿改为“{_show(new)}”")
        wanted = dataclasses.replace(contents.plan, jurisdiction=merged)
    else:
        wanted = dataclasses.replace(contents.plan, jurisdiction=None)
    notes += _dropped_documents(ws, wanted)
    ws.backup(backups.BEFORE_IMPORT)  # checked before anything is written; refused if it cannot be made
    try:
        changes = ws.replace_plan(wanted, IMPORT_OPERATION)
    except ModelError as err:  # the model refused something the workbook checks let through
        raise ImportRefused(Path(path).name, [f"文件：{err.message}"]) from err
    return changes, notes


def _dropped_documents(ws: Workspace, plan: PlanData) -> list[str]:
    """Notes for after-units the import removes together with their drafted documents."""
    kept = {normalize_name(u.name) for u in plan.after}
    notes = []
    for unit in ws.units(Phase.AFTER):
        if normalize_name(unit.name) in kept or unit.id is None:
            continue
        drafted = [kind.label for kind in UNIT_DOCUMENT_KINDS if ws.document(unit.id, kind.key) is not None]
        if drafted:
            notes.append(f"改革后单位“{unit.name}”不在工作簿中，已连同其{'、'.join(drafted)}一并删除（可撤销）")
    return notes


def _given(jurisdiction: Jurisdiction | None) -> dict[str, Any]:
    """The values of a jurisdiction read by :func:`read_plan`: None means "not filled in"."""
    if jurisdiction is None:
        return {}
    return {f.name: getattr(jurisdiction, f.name) for f in dataclasses.fields(jurisdiction)
            if getattr(jurisdiction, f.name) is not None}


def _show(value: object) -> str:
    return "" if value is None else str(value)
