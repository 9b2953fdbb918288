"""The check report as people read it on a terminal."""

from __future__ import annotations

from .rules.findings import CheckReport, Severity


def format_report(report: CheckReport) -> str:
    counts = "，".join(f"{s.label} {report.count(s)} 项" for s in Severity)
    lines = [f"{report.workspace}：检查日期 {report.as_of}，规则版本 {report.rules_version}。{counts}。"]
    for severity in Severity:
        group = [f for f in report.findings if f.severity is severity]
        if not group:
            continue
        lines.append("")
        lines.append(f"【{severity.label}】")
        for f in group:
            where = f.document.label
            lines.append(f"  [{f.rule}] {where}：{f.message}")
            if f.explanation is not None:
                stale = "（数据已变化，说明需复核）" if f.explanation_stale else ""
                lines.append(f"      说明{stale}：{f.explanation}")
    if not report.findings:
        lines.append("未发现问题。")
    return "\n".join(lines)
