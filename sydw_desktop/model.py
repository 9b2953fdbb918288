"""The domain model: plain dataclasses, no storage and no Qt.

A workspace holds one jurisdiction's reform: the units before and after, the reform action of each
before-unit (改革方式 and 去向单位), people transfers, and per after-unit the three documents that
hang on it (三定, 政事权限清单, 章程). Values shared between the plan and the documents (name, 规格,
类别, 编制, 领导职数, 加挂牌子) live once, on :class:`Unit`; the documents hold only what is theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NewType

from .vocab import (
    Affiliation,
    Category,
    Disposition,
    DocumentKind,
    ExerciseMode,
    Funding,
    FundingSource,
    LeadershipSystem,
    Level,
    PartyOrg,
    Phase,
    Placement,
    QuanxianCategory,
    QuanxianSubject,
    RoundDirection,
    SandingForm,
    ServiceTarget,
    Spec,
    StaffStructure,
)

UnitId = NewType("UnitId", int)
TransferId = NewType("TransferId", int)


@dataclass
class Jurisdiction:
    """The 行政区划 a workspace belongs to."""

    name: str
    code: str  # 6-digit 行政区划代码 (GB/T 2260)
    level: Level
    unit_cap: int | None = None  # 机构限额
    staff_cap: int | None = None  # 事业编制总量 (control total)


@dataclass
class Unit:
    """A 事业单位 before or after the reform.

    Before-units carry ``disposition`` and ``destination``; after-units carry ``is_new``.
    """

    phase: Phase
    name: str
    dept: str  # 主管部门 / 举办单位
    spec: Spec
    category: Category
    funding: Funding
    staffing: int  # 核定编制
    actual: int | None = None  # 实有人数
    uscc: str = ""  # 统一社会信用代码; empty = 待赋码
    service: ServiceTarget | None = None
    leaders_principal: int | None = None  # 正职领导职数
    leaders_deputy: int | None = None  # 副职领导职数
    depts: int | None = None  # 内设机构数
    paizi: list[str] = field(default_factory=list)  # 加挂牌子
    party_org: PartyOrg | None = None
    party_members: int | None = None
    remark: str = ""
    #: 核定编制 split by 经费形式, where a unit has more than one (sums to ``staffing``).
    staffing_by_funding: dict[Funding, int] = field(default_factory=dict)
    # before-only
    disposition: Disposition | None = None
    destination: UnitId | None = None  # an after-unit
    duties: list[str] = field(default_factory=list)  # 原主要职责 (inventory), for 职责去向 checks
    #: duties not carried into an after-unit, each "职责 → 去向" (划归机关/取消/转企承接)
    duties_elsewhere: list[str] = field(default_factory=list)
    # after-only
    is_new: bool = False  # 来源 = 新设
    exemption: str = ""  # 文号 of an approved exemption (e.g. kept below minimum size by law)
    domain_note: str = ""  # 中央部署领域改革说明 (数据信息, 检验检测认证 …)
    party_committee: bool = False  # 党支部 has a 支部委员会
    joint_branch_units: int | None = None  # units covered by its 联合党支部
    overstaff_deadline: str = ""  # 超编消化期限 (ISO date)
    sort_key: int = 0
    id: UnitId | None = None

    @property
    def leaders(self) -> int:
        return (self.leaders_principal or 0) + (self.leaders_deputy or 0)


@dataclass
class Transfer:
    """人员转隶: ``count`` people of a before-unit go to an after-unit or a placement."""

    source: UnitId
    count: int
    target: UnitId | None = None
    placement: Placement | None = None
    remark: str = ""
    id: TransferId | None = None


# --- "三定"规定 (documents.md §3) -------------------------------------------------------------


@dataclass
class Organ:
    """内设机构."""

    name: str
    spec: Spec | None = None
    duties: list[str] = field(default_factory=list)
    leaders: int = 0
    staffing: int | None = None


@dataclass
class Sanding:
    """The 三定 of an after-unit. Name, 规格, 类别, 经费形式, 编制, 领导职数 and 挂牌 are the unit's."""

    affiliation: Affiliation = Affiliation.DEPARTMENT
    duties: list[str] = field(default_factory=list)  # 主要职责, in order
    legal_basis: str = ""  # 法律/法规授权 for administrative powers in the duties
    organs: list[Organ] = field(default_factory=list)
    principal_title: str = "主任"
    deputy_title: str = "副主任"
    organ_leaders: int = 0  # 内设机构领导职数
    staffing_structure: dict[StaffStructure, int] = field(default_factory=dict)
    other_matters: str = ""  # 其他事项
    supplementary: str = ""  # 附则
    form: SandingForm = SandingForm.REPLY
    approver: str = ""  # 批准机关
    doc_no: str = ""  # 文号
    approved_on: str = ""  # ISO date


# --- 政事权限清单 (documents.md §4) -----------------------------------------------------------


@dataclass
class QuanxianItem:
    subject: QuanxianSubject
    category: QuanxianCategory
    content: str
    mode: ExerciseMode
    basis: str = ""
    related_dept: str = ""  # for 相关综合部门


@dataclass
class Quanxian:
    """The 政事权限清单 of a (pilot) after-unit."""

    supervisor: str = ""  # 主管部门; defaults to the unit's
    version: str = "1"
    drafted_on: str = ""
    review_notes: str = ""  # 审核意见 (初核/初审/复审)
    items: list[QuanxianItem] = field(default_factory=list)
    doc_no: str = ""  # 文号 of the issued 清单


# --- 章程 (documents.md §5) -------------------------------------------------------------------


@dataclass
class Charter:
    """The 章程 of an after-unit. Its 名称 and 类型 are the unit's."""

    address: str = ""  # 住所
    funding_source: FundingSource | None = None  # 经费来源
    capital: float | None = None  # 开办资金, 万元
    previous_capital: float | None = None  # 开办资金 before the change (变更登记)
    sponsors: list[str] = field(default_factory=list)  # 举办单位, in order
    supervisor: str = ""  # 业务主管单位
    registrar: str = ""  # 登记管理机关
    leadership: LeadershipSystem = LeadershipSystem.EXECUTIVE
    purpose: str = ""  # 宗旨
    scope: list[str] = field(default_factory=list)  # 业务范围
    party_building: str = ""  # 党的建设
    legal_rep_title: str = ""  # 法定代表人职务
    legal_rep_name: str = ""
    organization: str = ""  # 组织机构
    assets: str = ""  # 资产管理和使用的原则
    disclosure: str = ""  # 信息公开
    amendment: str = ""  # 修改程序
    termination: str = ""  # 终止程序和终止后资产的处理
    supplementary: str = ""  # 附则
    change_materials: list[str] = field(default_factory=list)  # 变更登记 materials enclosed


#: The model class of each per-unit document, by :attr:`DocumentKind.key` (the workspace's ``kind`` column).
DOCUMENT_CLASSES: dict[str, type] = {
    DocumentKind.SANDING.key: Sanding,
    DocumentKind.QUANXIAN.key: Quanxian,
    DocumentKind.CHARTER.key: Charter,
}


# --- rounds, comments, change log --------------------------------------------------------------


@dataclass
class Round:
    """One round of 上报 / 退回 / 同意 between this office and the level above."""

    number: int
    direction: RoundDirection
    date: str
    note: str = ""
    locked: bool = False
    id: int | None = None


@dataclass
class ReviewComment:
    """A review comment of the level above, attached to a round and optionally a unit/field."""

    round_number: int
    text: str
    document: str = "plan"
    unit: str | None = None
    field: str | None = None
    author: str = ""
    id: int | None = None


@dataclass
class Comment(ReviewComment):
    """A review comment with its side, target, status and reply (what ``workspace.json`` does not carry).

    ``direction`` ``in``: received from the level above (``region_code`` is its code), answered
    here with ``status`` 已修改 / 已说明 and a ``reply``. ``out``: written here on a subordinate's
    filing (``region_code`` is the subordinate's); a draft until ``record`` names the return packet
    (:class:`ReviewRecord`) that carried it. ``uid`` identifies the comment on both sides.
    """

    direction: str = "in"
    region_code: str = ""
    uid: str = ""
    status: str = ""
    reply: str = ""
    record: int | None = None
    created_at: str = ""

    def plain(self) -> ReviewComment:
        """The comment as ``workspace.json`` carries it."""
        return ReviewComment(self.round_number, self.text, self.document, self.unit, self.field, self.author, self.id)


@dataclass(frozen=True)
class Submission:
    """A filing packet this workspace packed and recorded (round, packet id, the workspace as packed)."""

    packet_id: str
    round: int
    bag: str
    packet_sha256: str
    submitted_at: str
    to_code: str = ""
    submitted_by: str = ""


@dataclass(frozen=True)
class ReviewRecord:
    """A review decision: sent down (``out``, the upper side) or received (``in``, the county side)."""

    direction: str
    region_code: str
    """The other office: the subordinate for ``out``, the reviewing office for ``in``."""
    round: int
    decision: str
    """退回修改 | 同意"""
    opinion: str
    packet_id: str
    """The return packet's External-Identifier."""
    answers: str
    """The External-Identifier of the filing packet it answers."""
    issued_at: str
    doc_no: str = ""
    office: str = ""
    """The reviewing office's name (as on its certificate)."""
    recorded_at: str = ""
    recorded_by: str = ""
    id: int | None = None


@dataclass(frozen=True)
class VoidedItem:
    """A unit or document deleted after a round was submitted: kept as 作废 with the reason."""

    round: int
    entity: str
    """单位 | a document label (“三定”规定 …)"""
    name: str
    reason: str
    kind: str = ""
    body: str = "{}"
    voided_at: str = ""
    voided_by: str = ""
    id: int | None = None


@dataclass(frozen=True)
class ReceivedPacket:
    """A packet taken in (filing or review), for refusing replays and older copies."""

    packet_id: str
    kind: str
    issuer: str
    round: int
    signed_at: str
    sha256: str
    received_at: str = ""


@dataclass(frozen=True)
class ChangeEntry:
    """One line of the 台账 (change log)."""

    at: str
    user: str
    operation: str
    entity: str
    entity_name: str
    field: str
    old: str
    new: str
    doc_no: str = ""
    id: int | None = None


#: Chinese label of each :class:`Unit` field: the import workbook's header and the 台账's wording.
UNIT_FIELD_LABELS: dict[str, str] = {
    "name": "单位名称",
    "uscc": "统一社会信用代码",
    "dept": "主管部门",
    "spec": "机构规格",
    "category": "单位类别",
    "service": "服务对象",
    "funding": "经费形式",
    "staffing": "核定编制",
    "actual": "实有人数",
    "leaders_principal": "正职领导职数",
    "leaders_deputy": "副职领导职数",
    "depts": "内设机构数",
    "paizi": "加挂牌子",
    "party_org": "党组织形式",
    "party_members": "党员人数",
    "disposition": "改革方式",
    "destination": "去向单位",
    "remark": "备注",
    "is_new": "来源",
    "duties": "原主要职责",
    "duties_elsewhere": "职责去向说明",
    "exemption": "保留依据文号",
    "domain_note": "领域改革说明",
    "party_committee": "设支部委员会",
    "joint_branch_units": "联合党支部覆盖单位数",
    "overstaff_deadline": "超编消化期限",
    "staffing_by_funding": "分经费形式编制",
    "sort_key": "排序",
}

#: Chinese label of each document field (三定, 政事权限清单, 章程): the editors' and the 台账's wording.
DOCUMENT_FIELD_LABELS: dict[str, dict[str, str]] = {
    "sanding": {
        "affiliation": "隶属类型", "duties": "主要职责", "legal_basis": "法律法规授权", "organs": "内设机构",
        "principal_title": "正职职务名称", "deputy_title": "副职职务名称", "organ_leaders": "内设机构领导职数",
        "staffing_structure": "编制结构", "other_matters": "其他事项", "supplementary": "附则",
        "form": "印发形式", "approver": "批准机关", "doc_no": "文号", "approved_on": "批准日期",
    },
    "quanxian": {
        "supervisor": "主管部门", "version": "版本", "drafted_on": "制定日期", "review_notes": "审核意见",
        "items": "权限事项", "doc_no": "文号",
    },
    "charter": {
        "address": "住所", "funding_source": "经费来源", "capital": "开办资金（万元）",
        "previous_capital": "变更前开办资金（万元）", "sponsors": "举办单位", "supervisor": "业务主管单位",
        "registrar": "登记管理机关", "leadership": "领导体制", "purpose": "宗旨", "scope": "业务范围",
        "party_building": "党的建设", "legal_rep_title": "法定代表人职务", "legal_rep_name": "法定代表人",
        "organization": "组织机构", "assets": "资产管理和使用的原则", "disclosure": "信息公开",
        "amendment": "修改程序", "termination": "终止程序和终止后资产的处理", "supplementary": "附则",
        "change_materials": "变更登记材料",
    },
}

#: The :class:`Unit` fields the import workbook carries (interfaces.md §3). An import replaces these
#: and keeps the rest (分经费形式编制, 原主要职责, 保留依据文号 …), which only the program edits.
WORKBOOK_FIELDS: tuple[str, ...] = (
    "name", "uscc", "dept", "spec", "category", "service", "funding", "staffing", "actual",
    "leaders_principal", "leaders_deputy", "depts", "paizi", "party_org", "party_members", "remark",
    "disposition", "destination", "is_new",
)

JURISDICTION_FIELD_LABELS: dict[str, str] = {
    "name": "行政区划名称",
    "code": "行政区划代码",
    "level": "层级",
    "unit_cap": "机构限额",
    "staff_cap": "事业编制总量",
}


@dataclass(frozen=True)
class Explanation:
    """A clerk's 说明 of a warning, stored against the finding's identity (rule + unit + field).

    ``fingerprint`` captures the values the warning was about when it was explained; when the
    values change the explanation is shown as stale.
    """

    rule: str
    unit: str
    field: str
    text: str
    fingerprint: str = ""
    author: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class ParamOverride:
    """An office's override of a rule parameter for its jurisdiction, effective from a date."""

    rule: str
    param: str
    value: object
    effective_from: str
    doc_no: str = ""
    reason: str = ""
    author: str = ""
    created_at: str = ""
    id: int | None = None


@dataclass
class Snapshot:
    """Everything in a workspace at one moment, as plain data: what rules and exporters read."""

    jurisdiction: Jurisdiction
    before: list[Unit]
    after: list[Unit]
    transfers: list[Transfer]
    sanding: dict[UnitId, Sanding]
    charters: dict[UnitId, Charter]
    quanxian: dict[UnitId, Quanxian]
    explanations: dict[tuple[str, str, str], Explanation] = field(default_factory=dict)
    param_overrides: list[ParamOverride] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    rounds: list[Round] = field(default_factory=list)
    league: LeagueFacts | None = None
    """An upper office's subordinates as its league rules see them (league/facts.py), or None."""

    def __post_init__(self) -> None:
        self._by_id: dict[UnitId, Unit] = {
            u.id: u for u in (*self.before, *self.after) if u.id is not None
        }

    def unit(self, unit_id: UnitId) -> Unit:
        return self._by_id[unit_id]

    def sources_of(self, after_id: UnitId) -> list[Unit]:
        """Before-units whose 去向单位 is ``after_id``."""
        return [u for u in self.before if u.destination == after_id]


@dataclass(frozen=True)
class TransferLine:
    """A 人员转隶 row by names, as an import gives it."""

    source: str
    count: int
    target: str | None = None
    placement: Placement | None = None
    remark: str = ""


@dataclass
class PlanData:
    """An inventory and plan by names (what the import workbook holds), before it has ids."""

    before: list[Unit]
    after: list[Unit]
    destinations: dict[str, str] = field(default_factory=dict)  # before name → after name
    transfers: list[TransferLine] = field(default_factory=list)
    jurisdiction: Jurisdiction | None = None


# --- the upper level's side of filing packets (schema version 3) --------------------------------


@dataclass(frozen=True)
class TrustedCertificate:
    """A subordinate office's certificate on the upper level's trust list."""

    fingerprint: str
    """SHA-256 of the DER certificate, 64 lowercase hex digits."""
    office: str
    """The office named on the certificate."""
    region_code: str
    """The 行政区划代码 on the certificate, or "" when it names none."""
    not_after: str
    """End of validity (ISO 8601)."""
    pem: str
    """The certificate itself, PEM."""
    added_at: str = ""
    added_by: str = ""


@dataclass(frozen=True)
class SubordinateFiling:
    """A verified packet received from a subordinate office: one per region code and round.

    The packet's ``workspace.json`` and ``check-report.json`` are kept whole beside this record
    (:meth:`Workspace.subordinate_data`); ``summary`` holds the headline figures and finding counts.
    """

    region_code: str
    round: int
    name: str
    """行政区划名称 of the subordinate jurisdiction."""
    level: str
    packet_id: str
    """The packet's External-Identifier."""
    bag: str
    """The bag folder's name."""
    packet_sha256: str
    signer_fingerprint: str
    signer_office: str
    bagging_date: str
    signed_at: str = ""
    note: str = ""
    rules_version: str = ""
    summary: dict[str, Any] = field(default_factory=dict)
    received_at: str = ""
    received_by: str = ""


# --- the league's side: allocations and hand-down packs (schema step _V5_LEAGUE) -----------------


@dataclass(frozen=True)
class Allocation:
    """The share of the upper office's 机构限额 and 编制总量 allocated to one subordinate.

    The allocation table is also the list of the subordinates an upper office expects filings from.
    """

    region_code: str
    name: str
    unit_cap: int | None = None
    staff_cap: int | None = None
    doc_no: str = ""
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True)
class InstalledHanddown:
    """The hand-down pack (示范卷) a lower office installed from its superior."""

    issuer_code: str
    issuer_name: str
    number: int
    """The pack's sequence number at its issuer (X-Sydw-Round): a newer pack has a higher one."""
    signed_at: str
    packet_sha256: str
    signer_fingerprint: str
    signer_office: str
    payload: dict[str, Any] = field(default_factory=dict)
    """The pack's ``handdown.json``."""
    installed_at: str = ""
    installed_by: str = ""


@dataclass(frozen=True)
class SubordinatePlan:
    """What the league rules read of a subordinate's latest received round."""

    code: str
    name: str
    round: int
    units_after: int
    staff_after: int
    unit_cap: int | None
    """The subordinate's own 机构限额 as set in its workspace."""
    staff_cap: int | None
    params: dict[str, Any] = field(default_factory=dict)
    """Its effective values of the handed-down parameters, by ``rule.param``."""


@dataclass(frozen=True)
class LeagueFacts:
    """An upper office's subordinates: allocations, latest received plans, what it hands down."""

    allocations: list[Allocation] = field(default_factory=list)
    plans: list[SubordinatePlan] = field(default_factory=list)
    handed_down: dict[str, Any] = field(default_factory=dict)
    """The parameter values the office hands down (its overrides in force), by ``rule.param``."""
