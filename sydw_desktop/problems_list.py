"""问题清单: the findings a clerk works through, exported to Excel from the problems panel.

Unlike the 检查结果表 of the filing packet (a record of the check), this list is a worksheet: each
finding with its rule's Chinese title, what to do (如何修改, from the catalogue), its basis, the 说明
written so far, and an empty 处理情况 column to tick off by hand. It is print-ready like the other
tables (same writer).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .documents.xlsx_tables import Column, TableSheet, save_workbook
from .rules.catalogue import Catalogue, load_catalogue
from .rules.findings import Finding, Severity


def rule_titles(catalogue: Catalogue | None = None) -> dict[str, tuple[str, str]]:
    """Rule id → (Chinese title, 如何修改)."""
    catalogue = catalogue or load_catalogue()
    return {r.id: (r.title, r.fix) for r in catalogue.rules}


def problems_sheet(findings: Sequence[Finding], titles: dict[str, tuple[str, str]]) -> TableSheet:
    items = list(enumerate(findings, 1))

    def title(f: Finding) -> str:
        return titles.get(f.rule, (f.rule, ""))[0]

    columns = [
        Column("序号", lambda it: it[0], "int"),
        Column("严重程度", lambda it: it[1].severity.label),
        Column("单位", lambda it: it[1].unit or "（全方案）", max_width=30),
        Column("文书", lambda it: it[1].document.label),
        Column("问题", lambda it: it[1].message, max_width=60),
        Column("规则", lambda it: title(it[1]), max_width=30),
        Column("如何修改", lambda it: titles.get(it[1].rule, ("", ""))[1], max_width=50),
        Column("依据", lambda it: it[1].basis, max_width=40),
        Column("说明", lambda it: (it[1].explanation or "") + ("（说明已过期）" if it[1].explanation_stale else ""),
               max_width=40),
        Column("处理情况", lambda it: "", max_width=16),
    ]
    counts = "；".join(f"{s.label}{sum(1 for f in findings if f.severity is s)}项" for s in Severity)
    totals = [["合计", None, None, None, counts, None, None, None, None, None]]
    return TableSheet("问题清单", columns, items, totals=totals)


def write_problems_list(findings: Sequence[Finding], target: Path,
                        titles: dict[str, tuple[str, str]] | None = None) -> Path:
    """Write the 问题清单 workbook to ``target`` (``.xlsx``); returns the path written.

    ``titles`` (rule id → title, 如何修改) default to the catalogue's."""
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    save_workbook(problems_sheet(findings, titles or rule_titles()), target)
    return target
