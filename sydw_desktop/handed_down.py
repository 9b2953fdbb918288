"""What a superior handed down (示范卷), read from an installed pack's ``handdown.json``, and the
guard that keeps a lower office from loosening it locally ("一把尺子量到底").

A handed-down rule parameter may not be changed locally to any other value (the pack's issuer is
the one ruler); an allocated 机构限额 or 编制总量 may be lowered but not raised.
"""

from __future__ import annotations

from typing import Any

from .model import Allocation, InstalledHanddown, Jurisdiction


def handed_down_params(payload: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """(rule, param) → the handed-down entry in force last (latest ``effective_from``)."""
    entries = sorted(payload.get("params", []), key=lambda e: str(e.get("effective_from", "")))
    return {(str(e["rule"]), str(e["param"])): e for e in entries}


def allocation_for(payload: dict[str, Any], region_code: str) -> Allocation | None:
    """The allocation a pack makes to ``region_code``, or None."""
    for a in payload.get("allocations", []):
        if a.get("region_code") == region_code:
            return Allocation(region_code, str(a.get("name", "")), a.get("unit_cap"), a.get("staff_cap"),
                              str(a.get("doc_no", "")))
    return None


def _issuer(h: InstalledHanddown, doc_no: str) -> str:
    cite = f"（{doc_no}）" if doc_no else ""
    return f"{h.issuer_name}第{h.number}号下发参数{cite}"


def param_change_problem(h: InstalledHanddown | None, rule: str, param: str, value: object,
                         effective_from: str = "") -> str | None:
    """Why setting ``rule.param`` to ``value`` (from ``effective_from``) locally is refused, or None.

    Allowed: a parameter the pack does not set, and an entry of the pack itself (same value and date).
    """
    if h is None:
        return None
    entry = handed_down_params(h.payload).get((rule, param))
    if entry is None:
        return None
    if any(e.get("rule") == rule and e.get("param") == param and e.get("value") == value
           and str(e.get("effective_from", "")) == effective_from for e in h.payload.get("params", [])):
        return None
    return (f"参数 {rule}.{param} 由{_issuer(h, str(entry.get('doc_no', '')))}统一规定为 {entry.get('value')!r}，"
            f"本级不能改为 {value!r}（一把尺子量到底：如需调整，请报{h.issuer_name}）。")


def caps_change_problem(h: InstalledHanddown | None, j: Jurisdiction) -> str | None:
    """Why ``j``'s 机构限额/编制总量 loosen what was allocated to it, or None."""
    if h is None:
        return None
    a = allocation_for(h.payload, j.code)
    if a is None:
        return None
    for label, mine, given in (("机构限额", j.unit_cap, a.unit_cap), ("事业编制总量", j.staff_cap, a.staff_cap)):
        if given is not None and (mine is None or mine > given):
            shown = "不设" if mine is None else str(mine)
            return (f"{label}由{_issuer(h, a.doc_no)}分配为 {given}，本级不能放宽为 {shown}"
                    f"（可以从严调低；如需调高，请报{h.issuer_name}重新分配）。")
    return None
