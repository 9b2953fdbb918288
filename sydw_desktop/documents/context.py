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
from ..vocab import (
    Affiliation,
    Category,
    Disposition,
    Funding,
    LeadershipSystem,
    PartyOrg,
    Placement,
    QuanxianSubject,
    RoundDirection,
    SandingForm,
    Spec,
)
from .numerals import wan_upper

#: Workspace settings read into ``doc`` (setting key → context key).
SETTING_KEYS: dict[str, str] = {
    "doc.issuer": "issuer",  # 发文机关 of the plan and the cover
    "doc.doc_no": "doc_no",  # 方案文号
    "doc.date": "date",  # 方案成文日期 (ISO)
    "doc.recipient": "recipient",  # 主送机关
    "doc.copy_to": "copy_to",  # 抄送 (版记)
    "doc.signer": "signer",  # 报送人 (cover)
    "doc.committee": "committee",  # 编委: the one name of the 机构编制委员会 (default: <辖区>机构编制委员会)
    "doc.office": "office",  # 编办: the one name of its 办公室 (default: <编委>办公室)
    "doc.upper": "upper",  # 请示 主送: the level above (上级编委)
    "doc.request_no": "request_no",  # 请示 文号
    "doc.request_date": "request_date",  # 请示 成文日期 (ISO; default today)
    "doc.signatory": "signatory",  # 请示 签发人
}
#: What each document setting is, for the CLI and the GUI (文书设置).
SETTING_LABELS: dict[str, str] = {
    "doc.committee": "编委名称（发文机关；留空为“<辖区>机构编制委员会”）",
    "doc.office": "编办名称（解释机关、印发机关、报送单位；留空为“<编委>办公室”）",
    "doc.issuer": "改革方案发文机关（留空用编委名称）",
    "doc.doc_no": "改革方案文号（同意后印发时用）",
    "doc.date": "改革方案成文日期（年-月-日，如 2026-12-03）",
    "doc.recipient": "改革方案主送机关（留空用通行写法）",
    "doc.copy_to": "抄送（版记）",
    "doc.upper": "请示主送机关（上级编委）",
    "doc.request_no": "请示文号",
    "doc.request_date": "请示成文日期（年-月-日；留空为导出当天）",
    "doc.signatory": "请示签发人",
    "doc.signer": "报送人（封面、请示附注的联系人）",
}
#: Workspace settings that hold a date (ISO) rather than text.
DATE_SETTINGS = ("date", "request_date")

DATE = {"year": int, "month": int, "day": int, "iso": str}
LABELLED = [{"label": str, "count": int, "staffing": int}]
UNIT = {
    "no": int, "name": str, "dept": str, "spec": str, "category": str, "funding": str,
    "staffing": int, "actual": int, "leaders": int, "leaders_principal": int, "leaders_deputy": int,
    "depts": int, "paizi": [str], "uscc": str, "service": str, "party_org": str, "party_members": int,
    "remark": str, "disposition": str, "destination": str, "is_new": bool,
    "by_funding": [{"label": str, "count": int}], "affiliation": str,
}
SUMMARY = {
    "count": int, "staffing": int, "actual": int, "leaders": int, "principals": int, "deputies": int,
    "depts": int, "overstaffed": int, "by_category": LABELLED, "by_funding": LABELLED, "by_spec": LABELLED,
}
FIGURE = {"label": str, "before": int, "after": int, "reduced": int, "ratio": str}
COMMON = {
    "jurisdiction": {"name": str, "code": str, "level": str, "suffix": str},
    "doc": {"issuer": str, "doc_no": str, "date": DATE, "recipient": str, "copy_to": str, "signer": str,
            "committee": str, "office": str, "upper": str, "request_no": str, "request_date": DATE,
            "signatory": str},
    "status": {"issued": bool, "round": int},
    "today": DATE,
}
SANDING = {
    "affiliation": str, "duties": [str], "other_tasks_given": bool, "legal_basis": str,
    "organs": [{"name": str, "spec": str, "duties": [str], "leaders": int, "staffing": int}],
    "principal_title": str, "deputy_title": str, "organ_leaders": int,
    "structure": [{"label": str, "count": int}], "other_matters": [str], "supplementary": [str],
    "form": str, "approver": str, "doc_no": str, "date": DATE,
    "leaders_text": str, "interpreter": str,
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
            "people": {"total": int, "to_units": int, "to_enterprise": int, "retire": int, "other": int,
                       "to_admin": int},
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
            "supervisor": str, "version": str, "date": DATE, "review_notes": str, "doc_no": str,
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


def unit_data(u: Unit, no: int = 0, affiliation: str = "") -> dict[str, Any]:
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
        "affiliation": affiliation or f"{u.dept}所属",
    }


def issuing_names(snap: Snapshot) -> tuple[str, str]:
    """The one name of the 编委 and of its 办公室 (settings ``doc.committee`` / ``doc.office``)."""
    committee = snap.settings.get("doc.committee", "").strip() or f"{snap.jurisdiction.name}机构编制委员会"
    office = snap.settings.get("doc.office", "").strip() or f"{committee}办公室"
    return committee, office


def is_issued(snap: Snapshot) -> bool:
    """Whether the level above has agreed (同意) the latest round: only then are documents printed as issued."""
    return bool(snap.rounds) and snap.rounds[-1].direction is RoundDirection.APPROVED


def current_round(snap: Snapshot) -> int:
    """The round a packet made now belongs to (after 退回修改, the next one)."""
    if not snap.rounds:
        return 1
    last = snap.rounds[-1]
    return last.number + 1 if last.direction is RoundDirection.RETURNED else last.number


def common(snap: Snapshot, today: date | None = None) -> dict[str, Any]:
    j = snap.jurisdiction
    doc: dict[str, Any] = {key: snap.settings.get(setting, "").strip() for setting, key in SETTING_KEYS.items()}
    for key in DATE_SETTINGS:
        doc[key] = date_value(doc[key])
    doc["committee"], doc["office"] = issuing_names(snap)
    doc["issuer"] = doc["issuer"] or doc["committee"]
    today_value = date_value((today or date.today()).isoformat())
    doc["request_date"] = doc["request_date"] or today_value
    return {
        "jurisdiction": {"name": j.name, "code": j.code, "level": str(j.level), "suffix": j.name[-1:]},
        "doc": doc,
        "status": {"issued": is_issued(snap), "round": current_round(snap)},
        "today": today_value,
    }


def affiliation_text(snap: Snapshot, unit: Unit) -> str:
    """隶属 as every document words it, from the one field (the 三定's 隶属类型) and the 主管部门."""
    sd = snap.sanding.get(unit.id) if unit.id is not None else None
    kind = sd.affiliation if sd is not None else Affiliation.DEPARTMENT
    suffix = snap.jurisdiction.name[-1:]
    if kind is Affiliation.PARTY_COMMITTEE:
        return f"{suffix}委直属、归口{unit.dept}管理" if unit.dept else f"{suffix}委直属"
    if kind is Affiliation.GOVERNMENT:
        return f"{suffix}人民政府直属、归口{unit.dept}管理" if unit.dept else f"{suffix}人民政府直属"
    return f"{unit.dept}所属"


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
    after = {u.id: unit_data(u, after_no[u.id], affiliation_text(snap, u)) for u in snap.after}

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
    people = {"total": 0, "to_units": 0, "to_enterprise": 0, "retire": 0, "other": 0, "to_admin": 0}
    moves: dict[UnitId, list[dict[str, Any]]] = {}
    for t in snap.transfers:
        people["total"] += t.count
        if t.target is not None:
            people["to_units"] += t.count
            to = snap.unit(t.target).name
        else:
            key = {Placement.ENTERPRISE: "to_enterprise", Placement.RETIRE: "retire",
                   Placement.ADMIN: "to_admin"}.get(t.placement, "other") if t.placement else "other"
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


def _own_name(text: str, form: SandingForm) -> str:
    """A 附则 speaks of the document itself: “本规定” in the 规定 (通知 form), “本批复” in a 批复."""
    if form is SandingForm.REPLY:
        return text.replace("本规定", "本批复")
    return text.replace("本批复", "本规定")


def leaders_text(sd: Sanding, unit: Unit | None) -> str:
    """领导职数 wording: 正职 and 副职 by title; a unit with a 党委 names its 党委书记."""
    principal = (unit.leaders_principal or 0) if unit else 0
    deputy = (unit.leaders_deputy or 0) if unit else 0
    parts: list[str] = []
    if unit is not None and unit.party_org is PartyOrg.COMMITTEE and principal >= 2:
        parts += ["党委书记1名", f"{sd.principal_title}{principal - 1}名"]
    elif unit is not None and unit.party_org is PartyOrg.COMMITTEE and principal == 1:
        parts.append(f"{sd.principal_title}1名（兼任党委书记）")
    else:
        parts.append(f"{sd.principal_title}{principal}名")
    if deputy:
        parts.append(f"{sd.deputy_title}{deputy}名")
    return "、".join(parts)


def sanding_data(sd: Sanding | None, unit: Unit | None = None, office: str = "") -> dict[str, Any]:
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
        "supplementary": [_own_name(t, sd.form) for t in paragraphs(sd.supplementary)],
        "form": str(sd.form),
        "approver": sd.approver.strip(),
        "doc_no": sd.doc_no,
        "date": date_value(sd.approved_on),
        "leaders_text": leaders_text(sd, unit),
        "interpreter": office,
    }


def _unit_of(snap: Snapshot, unit_id: UnitId) -> dict[str, Any]:
    no = next((i for i, u in enumerate(snap.after, 1) if u.id == unit_id), 0)
    unit = snap.unit(unit_id)
    return unit_data(unit, no, affiliation_text(snap, unit))


def _sanding_of(snap: Snapshot, unit_id: UnitId) -> dict[str, Any]:
    return sanding_data(snap.sanding.get(unit_id), snap.unit(unit_id), issuing_names(snap)[1])


def sanding_context(snap: Snapshot, unit_id: UnitId, today: date | None = None) -> dict[str, Any]:
    ctx = common(snap, today)
    ctx["unit"] = _unit_of(snap, unit_id)
    ctx["sanding"] = _sanding_of(snap, unit_id)
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
    ctx["sanding"] = _sanding_of(snap, unit_id)
    ctx["quanxian"] = {
        "supervisor": qx.supervisor or unit.dept,
        "version": qx.version,
        "date": date_value(qx.drafted_on),
        "review_notes": qx.review_notes,
        "doc_no": qx.doc_no,
        "supervisor_groups": _qx_groups(qx.items, QuanxianSubject.SUPERVISOR),
        "unit_groups": _qx_groups(qx.items, QuanxianSubject.UNIT),
        "shared_groups": _qx_groups(qx.items, QuanxianSubject.SHARED),
        "related_groups": _qx_groups(qx.items, QuanxianSubject.RELATED),
    }
    return ctx


def _text_or_none(value: str) -> str | None:
    return clause(value) or None


def leadership_text(system: LeadershipSystem, party_org: PartyOrg | None) -> str:
    """领导体制 as printed: a 党委-led system is worded after the unit's own party organisation."""
    if system is LeadershipSystem.PARTY_LED_EXECUTIVE:
        if party_org is PartyOrg.COMMITTEE:
            return "党委领导下的行政领导人负责制"
        return LeadershipSystem.EXECUTIVE.value
    return str(system)


def charter_context(snap: Snapshot, unit_id: UnitId, today: date | None = None) -> dict[str, Any]:
    ch = snap.charters.get(unit_id) or Charter()
    ctx = common(snap, today)
    ctx["unit"] = _unit_of(snap, unit_id)
    ctx["sanding"] = _sanding_of(snap, unit_id)
    ctx["charter"] = {
        "address": _text_or_none(ch.address),
        "funding_source": _label(ch.funding_source) or None,
        "capital": ch.capital,
        "capital_upper": wan_upper(ch.capital) if ch.capital is not None else None,
        "sponsors": list(ch.sponsors) or [ctx["unit"]["dept"]],
        "supervisor": ch.supervisor,
        "registrar": ch.registrar,
        "leadership": leadership_text(ch.leadership, snap.unit(unit_id).party_org),
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
    if round_number is None:
        round_number = current_round(snap)
    ctx["cover"] = {
        "round": round_number,
        "date": ctx["doc"]["request_date"],  # the day it is sent up (doc.request_date, default today)
        "signer": ctx["doc"]["signer"],
    }
    ctx["documents"] = [{"no": i, **d} for i, d in enumerate(documents, 1)]
    ctx["tables"] = [{"no": i, **t} for i, t in enumerate(tables, 1)]
    ctx["total_pages"] = sum(d["pages"] for d in documents)
    return ctx

