"""Property: on any valid workspace the checker never raises, and every finding names a rule of
the catalogue, an existing unit (or none: plan-wide) and a field of the document it points at."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sydw_desktop.model import (
    Charter,
    Explanation,
    Jurisdiction,
    Organ,
    ParamOverride,
    Quanxian,
    QuanxianItem,
    Sanding,
    Snapshot,
    Transfer,
    TransferId,
    Unit,
    UnitId,
)
from sydw_desktop.rules import load_catalogue, run_checks
from sydw_desktop.rules.context import DOCUMENT_FIELDS
from sydw_desktop.rules.engine import RULE_FAILED
from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import (
    Affiliation,
    Category,
    Disposition,
    DocumentKind,
    ExerciseMode,
    Funding,
    FundingSource,
    Level,
    PartyOrg,
    Phase,
    Placement,
    QuanxianCategory,
    QuanxianSubject,
    ServiceTarget,
    Spec,
    StaffStructure,
)

WORDS = ["示例旗", "农牧", "技术", "推广", "中心", "站", "局", "办公室", "（", "）", "(", ")", " ", "数据",
         "公共资源交易", "检验", "国际", "草原", "经营", "执法", "审批", "核定编制3名", "加挂", "牌子", "原"]
CODES = ["", "12159901MB0000019J", "12159901MB0000027D", "91350100M000100Y4Z", "１２159901mb00000358",
         "11159901MB0000027G", "12159902MB0000027U", "12159901MB0000028G", "ABC", "12159901MB000006XM"]
SETTINGS = {
    "dept_specs": ['{"示例旗农牧局": "正科级"}', '{"示例旗农牧局": "不存在"}', "[1]", "{bad"],
    "registration_records": ['{"示例旗农牧中心": {"address": "x", "capital": "三十", "previous": {"legal_rep_name": 1},'
                             ' "decided_on": "2026-09-30", "applied_on": "2027-03-01"}}', '{"a": 1}', "null"],
    "quanxian_pilot_units": ['["示例旗农牧中心"]', '{"x": 1}', "[]"],
    "region_prefixes": ["示例、农牧", '["示例"]', "[oops"],
    "name_approvals": ['{"示例旗国际中心": "文号"}', "[]"],
    "recovered_staffing": ["3", "三", ""],
    "unit_cap_exception": ["示编发〔2026〕1号", ""],
}

text = st.lists(st.sampled_from(WORDS), max_size=5).map("".join)
texts = st.lists(text, max_size=4)
small = st.integers(min_value=0, max_value=60)
maybe_small = st.none() | small


def _units(phase: Phase, first_id: int, after_ids: list[UnitId]) -> st.SearchStrategy[list[Unit]]:
    unit = st.builds(
        Unit,
        phase=st.just(phase), name=text, dept=st.sampled_from(["示例旗农牧局", "示例旗文化局", ""]),
        spec=st.sampled_from(list(Spec)), category=st.sampled_from(list(Category)),
        funding=st.sampled_from(list(Funding)), staffing=small, actual=maybe_small, uscc=st.sampled_from(CODES),
        service=st.none() | st.sampled_from(list(ServiceTarget)), leaders_principal=maybe_small,
        leaders_deputy=maybe_small, depts=maybe_small, paizi=texts, party_org=st.none() | st.sampled_from(list(PartyOrg)),
        party_members=st.none() | st.integers(0, 150),
        staffing_by_funding=st.dictionaries(st.sampled_from(list(Funding)), small, max_size=2),
        disposition=st.none() | st.sampled_from(list(Disposition)) if phase is Phase.BEFORE else st.none(),
        destination=st.none() | st.sampled_from(after_ids) if phase is Phase.BEFORE and after_ids else st.none(),
        duties=texts, duties_elsewhere=texts, is_new=st.booleans(), exemption=st.sampled_from(["", "文号"]),
        domain_note=st.sampled_from(["", "说明"]), party_committee=st.booleans(),
        joint_branch_units=st.none() | st.integers(0, 9),
        overstaff_deadline=st.sampled_from(["", "2027-06-30", "2040-01-01", "明年"]),
    )

    def number(units: list[Unit]) -> list[Unit]:
        seen: set[str] = set()
        out = []
        for i, u in enumerate(units):
            name = u.name if u.name and u.name not in seen else f"示例旗单位{first_id + i}中心"
            seen.add(name)
            u.name, u.id = name, UnitId(first_id + i)
            out.append(u)
        return out

    return st.lists(unit, max_size=6).map(number)


documents = {
    "sanding": st.builds(
        Sanding, affiliation=st.sampled_from(list(Affiliation)), duties=texts, legal_basis=text,
        organs=st.lists(st.builds(Organ, name=text, spec=st.none() | st.sampled_from(list(Spec)), duties=texts,
                                  leaders=st.integers(0, 6), staffing=maybe_small), max_size=3),
        principal_title=st.sampled_from(["主任", "", "站长"]), deputy_title=st.sampled_from(["副主任", ""]),
        organ_leaders=st.integers(0, 6),
        staffing_structure=st.dictionaries(st.sampled_from(list(StaffStructure)), small, max_size=3),
        other_matters=text, supplementary=text, approved_on=st.sampled_from(["", "2026-10-01", "无效"]),
    ),
    "charters": st.builds(
        Charter, address=text, funding_source=st.none() | st.sampled_from(list(FundingSource)),
        capital=st.none() | st.floats(0, 500, allow_nan=False), previous_capital=st.none() | st.floats(0, 500),
        sponsors=texts, purpose=text, scope=texts, legal_rep_title=st.sampled_from(["主任", "", "副主任"]),
        legal_rep_name=st.sampled_from(["王某", ""]), organization=text, assets=text, disclosure=text,
        amendment=text, termination=text, change_materials=texts,
    ),
    "quanxian": st.builds(
        Quanxian, supervisor=st.sampled_from(["", "示例旗农牧局", "别的局"]),
        items=st.lists(st.builds(QuanxianItem, subject=st.sampled_from(list(QuanxianSubject)),
                                 category=st.sampled_from(list(QuanxianCategory)), content=text,
                                 mode=st.sampled_from(list(ExerciseMode)), basis=text), max_size=4),
    ),
}


@st.composite
def snapshots(draw: st.DrawFn) -> Snapshot:
    level = draw(st.sampled_from(list(Level)))
    jurisdiction = Jurisdiction("示例旗", "159901", level, unit_cap=draw(st.none() | small),
                                staff_cap=draw(st.none() | st.integers(0, 300)))
    after = draw(_units(Phase.AFTER, 1, []))
    after_ids = [u.id for u in after if u.id is not None]
    before = draw(_units(Phase.BEFORE, 100, after_ids))
    transfers = []
    for i, src in enumerate(draw(st.lists(st.sampled_from(before), max_size=6)) if before else []):
        to_unit = after_ids and draw(st.booleans())
        transfers.append(Transfer(
            source=src.id, count=draw(st.integers(1, 20)), id=TransferId(i + 1),  # type: ignore[arg-type]
            target=draw(st.sampled_from(after_ids)) if to_unit else None,
            placement=None if to_unit else draw(st.sampled_from(list(Placement))),
        ))
    docs = {kind: {uid: draw(strategy) for uid in after_ids if draw(st.booleans())} for kind, strategy in documents.items()}
    names = [u.name for u in (*before, *after)]
    rules = [r.id for r in load_catalogue().rules]
    explanations = {}
    for _ in range(draw(st.integers(0, 3))):
        key = (draw(st.sampled_from(rules)), draw(st.sampled_from(["", *names])),
               draw(st.sampled_from(["", "name", "staffing", "uscc"])))
        explanations[key] = Explanation(*key, text="说明", fingerprint=draw(st.sampled_from(["", "abc"])))
    overrides = [
        ParamOverride("plan.min_unit_size", "T", draw(st.integers(0, 20)), "2026-01-01"),
        ParamOverride("x.functions", "threshold", draw(st.floats(0, 1)), "2026-01-01"),
        ParamOverride("sd.leader_quota", "unit_table", [{"value": draw(st.integers(0, 9))}], "2026-01-01"),
    ][: draw(st.integers(0, 3))]
    chosen = draw(st.dictionaries(st.sampled_from(sorted(SETTINGS)), st.just(""), max_size=4))
    setting_values = {k: draw(st.sampled_from(SETTINGS[k])) for k in chosen}
    return Snapshot(jurisdiction=jurisdiction, before=before, after=after, transfers=transfers,
                    sanding=docs["sanding"], charters=docs["charters"], quanxian=docs["quanxian"],
                    explanations=explanations, param_overrides=overrides, settings=setting_values)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots(), st.dates(dt.date(2010, 1, 1), dt.date(2030, 12, 31)))
def test_checker_never_raises_and_every_finding_is_located(snap: Snapshot, as_of: dt.date) -> None:
    report = run_checks(snap, as_of=as_of)
    ids = {r.id for r in load_catalogue().rules}
    names = {u.name for u in (*snap.before, *snap.after)}
    for f in report.findings:
        assert RULE_FAILED not in f.message, f.message
        assert f.rule in ids and isinstance(f.document, DocumentKind)
        assert f.unit is None or f.unit in names, f
        assert f.field is None or f.field in DOCUMENT_FIELDS[f.document], f
        assert f.message and f.fingerprint and f.basis
        if f.severity is not Severity.WARNING:
            assert f.explanation is None
    order = [(-f.severity.weight, list(DocumentKind).index(f.document), f.unit or "") for f in report.findings]
    assert order == sorted(order)
    assert json.dumps(report.to_json(), ensure_ascii=False)
