"""The data handed to a template: plain dicts built from a :class:`Snapshot`, no wording.

Every value a template can use is declared in :data:`SCHEMAS` (which ``templates.py`` checks
templates against and ``docs/documents.md`` documents). Missing values a document needs are
``None``; the renderer reports them with the paragraph that wanted them. Optional blanks are "".

Document-level settings are read from the workspace settings (``Snapshot.settings``) under the
keys of :data:`SETTING_KEYS`; all are optional.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from ..figures import headline_figures
from ..ledger import build_ledger
from ..model import Charter, Quanxian, Sanding, Snapshot, Unit, UnitId
from ..vocab import Category, Disposition, Funding, QuanxianSubject, Spec
from .numerals import wan_upper

#: Workspace settings read into ``doc`` (setting key → context key).
SETTING_KEYS: dict[str, str] = {
    "doc.issuer": "issuer",  # 发文机关 of the plan and the cover
    "doc.doc_no": "doc_no",  # 方案文号
    "doc.date": "date",  # 方案成文日期 (ISO)
    "doc.recipient": "recipient",  # 主送机关
    "doc.copy_to": "copy_to",  # 抄送 (版记)
    "doc.signer": "signer",  # 报送人 (cover)
}

DATE = {"year": int, "month": int, "day": int, "iso": str}
LABELLED = [{"label": str, "count": int, "staffing": int}]
UNIT = {
    "no": int, "name": str, "dept": str, "spec": str, "category": str, "funding": str,
    "staffing": int, "actual": int, "leaders": int, "leaders_principal": int, "leaders_deputy": int,
    "depts": int, "paizi": [str], "uscc": str, "service": str, "party_org": str, "party_members": int,
    "remark": str, "disposition": str, "destination": str, "is_new": bool,
    "by_funding": [{"label": str, "count": int}],
}
SUMMARY = {
    "count": int, "staffing": int, "actual": int, "leaders": int, "principals": int, "deputies": int,
    "depts": int, "overstaffed": int, "by_category": LABELLED, "by_funding": LABELLED, "by_spec": LABELLED,
}
FIGURE = {"label": str, "before": int, "after": int, "reduced": int, "ratio": str}
COMMON = {
    "jurisdiction": {"name": str, "code": str, "level": str, "suffix": str},
    "doc": {"issuer": str, "doc_no": str, "date": DATE, "recipient": str, "copy_to": str, "signer": str},
    "today": DATE,
}
SANDING = {
    "affiliation": str, "duties": [str], "other_tasks_given": bool, "legal_basis": str,
    "organs": [{"name": str, "spec": str, "duties": [str], "leaders": int, "staffing": int}],
    "principal_title": str, "deputy_title": str, "organ_leaders": int,
    "structure": [{"label": str, "count": int}], "other_matters": [str], "supplementary": [str],
    "form": str, "approver": str, "doc_no": str, "date": DATE,
}
QX_ITEM = {"no": int, "content": str, "mode": str, "basis": str, "related_dept": str, "subject": str}
QX_GROUPS = [{"category": str, "entries": [QX_ITEM]}]

#: The fields each template kind may use.
SCHEMAS: dict[str, dict[str, Any]] = {
    "plan": {
        **COMMON,
        "plan": {
            "before": SUMMARY, "after": SUMMARY,
            "figures": {"units": FIGURE, "staffing": FIGURE, "depts": FIGURE, "leaders": FIGURE},
            "functions_to_admin": [UNIT], "to_admin": [UNIT], "to_enterprise": [UNIT], "abolished": [UNIT],
            "integrations": [{"unit": UNIT, "sources": [UNIT]}],
            "mergers": [{"unit": UNIT, "sources": [UNIT]}],
            "renames": [{"unit": UNIT, "source": UNIT}],
            "dept_transfers": [{"unit": UNIT, "source": UNIT}],
            "kept": [UNIT], "new_units": [UNIT], "quanxian_units": [UNIT],
            "ledger": {"before_total": int, "after_total": int, "written_off": int, "moved_out": int,
                       "recovered": int, "added": int, "unplaced": int, "balanced": bool},
            "people": {"total": int, "to_units": int, "to_enterprise": int, "retire": int, "other": int},
            "comparison": [{
                "no": int, "dept": str, "name": str, "category": str, "spec": str, "funding": str,
                "staffing": int, "actual": int, "leaders": int, "disposition": str, "remark": str,
                "after": UNIT, "after_first": bool,
            }],
            "after_units": [UNIT],
            "changes": [{
                "no": int, "name": str, "dept": str, "disposition": str, "destination": str,
                "staffing": int, "actual": int, "people": [{"to": str, "count": int}], "remark": str,
            }],
        },
    },
    "sanding": {**COMMON, "unit": UNIT, "sanding": SANDING, "sources": [UNIT]},
    "quanxian": {
        **COMMON, "unit": UNIT, "sanding": SANDING,
        "quanxian": {
            "supervisor": str, "version": str, "date": DATE, "review_notes": str,
            "supervisor_groups": QX_GROUPS, "unit_groups": QX_GROUPS, "shared_groups": QX_GROUPS,
            "related_groups": QX_GROUPS,
        },
    },
    "charter": {
        **COMMON, "unit": UNIT, "sanding": SANDING,
        "charter": {
            "address": str, "funding_source": str, "capital": float, "capital_upper": str, "sponsors": [str],
            "supervisor": str, "registrar": str, "leadership": str, "purpose": str, "scope": [str],
            "party_building": [str], "legal_rep_title": str, "legal_rep_name": str, "organization": [str],
            "assets": [str], "disclosure": [str], "amendment": [str], "termination": [str],
            "supplementary": [str],
        },
    },
    "contents": {
        **COMMON,
        "cover": {"round": int, "date": DATE, "signer": str},
        "documents": [{"no": int, "title": str, "kind": str, "file": str, "pages": int}],
        "tables": [{"no": int, "title": str, "kind": str, "file": str, "rows": int}],
        "total_pages": int,
    },
}

_TRAILING = "。；;，,、 \t\r\n"


def date_value(iso: str | None) -> dict[str, Any] | None:
    """``2026-03-05`` → {year: 2026, month: 3, day: 5, iso}; None for a blank or unreadable date."""
    if not iso:
        return None
    try:
        d = date.fromisoformat(iso.strip()[:10])
    except ValueError:
        return None
    return {"year": d.year, "month": d.month, "day": d.day, "iso": d.isoformat()}


def clause(text: str) -> str:
    """A list item without its closing punctuation (the template adds it)."""
    return text.strip().rstrip(_TRAILING)


def paragraphs(text: str) -> list[str]:
    """Free text split into paragraphs."""
    return [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]


def _label(value: Any) -> str:
    return "" if value is None else str(value)


def unit_data(u: Unit, no: int = 0) -> dict[str, Any]:
    return {
        "no": no,
        "name": u.name,
        "dept": u.dept,
        "spec": _label(u.spec),
        "category": _label(u.category),
        "funding": _label(u.funding),
        "staffing": u.staffing,
        "actual": u.actual,
        "leaders": u.leaders,
        "leaders_principal": u.leaders_principal,
        "leaders_deputy": u.leaders_deputy,
        "depts": u.depts,
        "paizi": list(u.paizi),
        "uscc": u.uscc,
        "service": _label(u.service),
        "party_org": _label(u.party_org),
        "party_members": u.party_members,
        "remark": u.remark,
        "disposition": _label(u.disposition),
        "destination": "",
        "is_new": u.is_new,
        "by_funding": [{"label": str(k), "count": v} for k, v in u.staffing_by_funding.items()],
    }


def common(snap: Snapshot, today: date | None = None) -> dict[str, Any]:
    j = snap.jurisdiction
    doc: dict[str, Any] = {key: snap.settings.get(setting, "") for setting, key in SETTING_KEYS.items()}
    doc["date"] = date_value(doc["date"])
    return {
        "jurisdiction": {"name": j.name, "code": j.code, "level": str(j.level), "suffix": j.name[-1:]},
        "doc": doc,
        "today": date_value((today or date.today()).isoformat()),
    }


def _breakdown(units: list[Unit], attr: str, order: list[Any]) -> list[dict[str, Any]]:
    counts = Counter(getattr(u, attr) for u in units)
    staffing: Counter[Any] = Counter()
    for u in units:
        staffing[getattr(u, attr)] += u.staffing
    return [{"label": str(k), "count": counts[k], "staffing": staffing[k]} for k in order if counts[k]]


def _summary(units: list[Unit]) -> dict[str, Any]:
    return {
        "count": len(units),
        "staffing": sum(u.staffing for u in units),
        "actual": sum(u.actual or 0 for u in units),
        "leaders": sum(u.leaders for u in units),
        "principals": sum(u.leaders_principal or 0 for u in units),
        "deputies": sum(u.leaders_deputy or 0 for u in units),
        "depts": sum(u.depts or 0 for u in units),
        "overstaffed": sum(1 for u in units if u.actual is not None and u.actual > u.staffing),
        "by_category": _breakdown(units, "category", list(Category)),
        "by_funding": _breakdown(units, "funding", list(Funding)),
        "by_spec": _breakdown(units, "spec", list(Spec)),
    }


def plan_context(snap: Snapshot, today: date | None = None) -> dict[str, Any]:
    after_no = {u.id: i for i, u in enumerate(snap.after, 1)}
    after = {u.id: unit_data(u, after_no[u.id]) for u in snap.after}

    def dest(u: Unit) -> dict[str, Any] | None:
        return after.get(u.destination) if u.destination is not None else None

    before_rows = []
    for i, u in enumerate(snap.before, 1):
        row = unit_data(u, i)
        target = dest(u)
        row["destination"] = target["name"] if target else ""
        before_rows.append((u, row))

    def by_disp(*disps: Disposition) -> list[dict[str, Any]]:
        return [row for u, row in before_rows if u.disposition in disps]

    grouped: dict[tuple[UnitId, Disposition], list[dict[str, Any]]] = {}
    for u, row in before_rows:
        if u.destination is not None and u.destination in after and u.disposition is not None:
            grouped.setdefault((u.destination, u.disposition), []).append(row)

    def groups(disp: Disposition) -> list[dict[str, Any]]:
        return [{"unit": after[aid], "sources": rows} for (aid, d), rows in grouped.items() if d is disp]

    def singles(disp: Disposition) -> list[dict[str, Any]]:
        return [{"unit": g["unit"], "source": s} for g in groups(disp) for s in g["sources"]]

    kept_ids = {aid for (aid, d) in grouped if d is Disposition.KEEP}
    figures = {
        key: {"label": f.label, "before": f.before, "after": f.after, "reduced": f.reduced, "ratio": f.ratio_text()}
        for key, f in zip(("units", "staffing", "depts", "leaders"), headline_figures(snap), strict=True)
    }
    ledger = build_ledger(snap)
    people = {"total": 0, "to_units": 0, "to_enterprise": 0, "retire": 0, "other": 0}
    moves: dict[UnitId, list[dict[str, Any]]] = {}
    for t in snap.transfers:
        people["total"] += t.count
        if t.target is not None:
            people["to_units"] += t.count
            to = snap.unit(t.target).name
        else:
            key = {"转企": "to_enterprise", "退休": "retire"}.get(str(t.placement), "other")
            people[key] += t.count
            to = _label(t.placement)
        moves.setdefault(t.source, []).append({"to": to, "count": t.count})

    comparison = []
    ordered = sorted(before_rows, key=lambda p: (after_no.get(p[0].destination, 10**9), p[1]["no"]))
    seen: set[int] = set()
    for n, (u, row) in enumerate(ordered, 1):
        target = dest(u)
        first = target is not None and target["no"] not in seen
        if target is not None:
            seen.add(target["no"])
        comparison.append({
            "no": n, "dept": row["dept"], "name": row["name"], "category": row["category"], "spec": row["spec"],
            "funding": row["funding"], "staffing": row["staffing"], "actual": row["actual"],
            "leaders": row["leaders"], "disposition": row["disposition"], "remark": row["remark"],
            "after": target, "after_first": first,
        })
    changes = [
        {"no": n, "name": row["name"], "dept": row["dept"], "disposition": row["disposition"],
         "destination": row["destination"], "staffing": row["staffing"], "actual": row["actual"],
         "people": moves.get(u.id, []) if u.id is not None else [], "remark": row["remark"]}
        for n, (u, row) in enumerate(
            [(u, r) for u, r in before_rows if u.disposition is not Disposition.KEEP], 1)
    ]
    ctx = common(snap, today)
    ctx["plan"] = {
        "before": _summary(snap.before),
        "after": _summary(snap.after),
        "figures": figures,
        "functions_to_admin": by_disp(Disposition.FUNCTIONS_TO_ADMIN),
        "to_admin": by_disp(Disposition.TO_ADMIN),
        "to_enterprise": by_disp(Disposition.TO_ENTERPRISE),
        "abolished": by_disp(Disposition.ABOLISH),
        "integrations": groups(Disposition.INTEGRATE),
        "mergers": groups(Disposition.MERGE_INTO),
        "renames": singles(Disposition.RENAME),
        "dept_transfers": singles(Disposition.TRANSFER),
        "kept": [after[aid] for aid in after if aid in kept_ids],
        "new_units": [after[u.id] for u in snap.after if u.is_new],
        "quanxian_units": [after[aid] for aid in snap.quanxian if aid in after],
        "ledger": {
            "before_total": ledger.before_total, "after_total": ledger.after_total,
            "written_off": ledger.written_off, "moved_out": ledger.moved_out, "recovered": ledger.recovered,
            "added": ledger.added, "unplaced": ledger.unplaced, "balanced": ledger.balanced,
        },
        "people": people,
        "comparison": comparison,
        "after_units": list(after.values()),
        "changes": changes,
    }
    return ctx


def sanding_data(sd: Sanding | None) -> dict[str, Any]:
    sd = sd or Sanding()
    duties = [clause(d) for d in sd.duties if clause(d)]
    return {
        "affiliation": str(sd.affiliation),
        "duties": duties,
        # the closing "完成……交办的其他任务" is already written (the template adds it otherwise)
        "other_tasks_given": bool(duties) and "交办的其他" in duties[-1],
        "legal_basis": sd.legal_basis,
        "organs": [
            {"name": o.name, "spec": _label(o.spec), "duties": [clause(d) for d in o.duties if clause(d)],
             "leaders": o.leaders, "staffing": o.staffing}
            for o in sd.organs
        ],
        "principal_title": sd.principal_title,
        "deputy_title": sd.deputy_title,
        "organ_leaders": sd.organ_leaders,
        "structure": [{"label": str(k), "count": v} for k, v in sd.staffing_structure.items()],
        "other_matters": paragraphs(sd.other_matters),
        "supplementary": paragraphs(sd.supplementary),
        "form": str(sd.form),
        "approver": sd.approver,
        "doc_no": sd.doc_no,
        "date": date_value(sd.approved_on),
    }


def _unit_of(snap: Snapshot, unit_id: UnitId) -> dict[str, Any]:
    no = next((i for i, u in enumerate(snap.after, 1) if u.id == unit_id), 0)
    return unit_data(snap.unit(unit_id), no)


def sanding_context(snap: Snapshot, unit_id: UnitId, today: date | None = None) -> dict[str, Any]:
    ctx = common(snap, today)
    ctx["unit"] = _unit_of(snap, unit_id)
    ctx["sanding"] = sanding_data(snap.sanding.get(unit_id))
    ctx["sources"] = [unit_data(u) for u in snap.sources_of(unit_id)]
    return ctx


def _qx_groups(items: list[Any], subject: QuanxianSubject) -> list[dict[str, Any]]:
    picked = [i for i in items if i.subject is subject]
    order: list[str] = []
    for i in picked:
        if str(i.category) not in order:
            order.append(str(i.category))
    out = []
    no = 0
    for cat in order:
        rows = []
        for i in picked:
            if str(i.category) == cat:
                no += 1
                rows.append({"no": no, "content": clause(i.content), "mode": str(i.mode), "basis": clause(i.basis),
                             "related_dept": i.related_dept, "subject": str(i.subject)})
        out.append({"category": cat, "entries": rows})
    return out


def quanxian_context(snap: Snapshot, unit_id: UnitId, today: date | None = None) -> dict[str, Any]:
    unit = snap.unit(unit_id)
    qx = snap.quanxian.get(unit_id) or Quanxian()
    ctx = common(snap, today)
    ctx["unit"] = _unit_of(snap, unit_id)
    ctx["sanding"] = sanding_data(snap.sanding.get(unit_id))
    ctx["quanxian"] = {
        "supervisor": qx.supervisor or unit.dept,
        "version": qx.version,
        "date": date_value(qx.drafted_on),
        "review_notes": qx.review_notes,
        "supervisor_groups": _qx_groups(qx.items, QuanxianSubject.SUPERVISOR),
        "unit_groups": _qx_groups(qx.items, QuanxianSubject.UNIT),
        "shared_groups": _qx_groups(qx.items, QuanxianSubject.SHARED),
        "related_groups": _qx_groups(qx.items, QuanxianSubject.RELATED),
    }
    return ctx


def _text_or_none(value: str) -> str | None:
    return clause(value) or None


def charter_context(snap: Snapshot, unit_id: UnitId, today: date | None = None) -> dict[str, Any]:
    ch = snap.charters.get(unit_id) or Charter()
    ctx = common(snap, today)
    ctx["unit"] = _unit_of(snap, unit_id)
    ctx["sanding"] = sanding_data(snap.sanding.get(unit_id))
    ctx["charter"] = {
        "address": _text_or_none(ch.address),
        "funding_source": _label(ch.funding_source) or None,
        "capital": ch.capital,
        "capital_upper": wan_upper(ch.capital) if ch.capital is not None else None,
        "sponsors": list(ch.sponsors) or [ctx["unit"]["dept"]],
        "supervisor": ch.supervisor,
        "registrar": ch.registrar,
        "leadership": str(ch.leadership),
        "purpose": _text_or_none(ch.purpose),
        "scope": [clause(s) for s in ch.scope if clause(s)],
        "party_building": paragraphs(ch.party_building),
        "legal_rep_title": ch.legal_rep_title or ctx["sanding"]["principal_title"],
        "legal_rep_name": ch.legal_rep_name,
        "organization": paragraphs(ch.organization),
        "assets": paragraphs(ch.assets),
        "disclosure": paragraphs(ch.disclosure),
        "amendment": paragraphs(ch.amendment),
        "termination": paragraphs(ch.termination),
        "supplementary": paragraphs(ch.supplementary),
    }
    return ctx


def contents_context(
    snap: Snapshot,
    documents: list[dict[str, Any]],
    tables: list[dict[str, Any]],
    *,
    round_number: int | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """The cover and 报送材料目录: ``documents`` rows have title, kind, file, pages; ``tables`` title, kind, file, rows."""
    ctx = common(snap, today)
    if round_number is None and snap.rounds:
        round_number = snap.rounds[-1].number
    ctx["cover"] = {
        "round": round_number,
        "date": ctx["doc"]["date"] or ctx["today"],
        "signer": ctx["doc"]["signer"],
    }
    ctx["documents"] = [{"no": i, **d} for i, d in enumerate(documents, 1)]
    ctx["tables"] = [{"no": i, **t} for i, t in enumerate(tables, 1)]
    ctx["total_pages"] = sum(d["pages"] for d in documents)
    return ctx

