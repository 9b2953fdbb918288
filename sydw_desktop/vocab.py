"""One vocabulary: every closed list of the domain, with its Chinese label in one place.

Each enum's *value* is the Chinese label exactly as it appears in the import workbook, the
documents and the GUI; the member *name* is the English identifier used in code. Parsing a label
goes through :meth:`LabelEnum.parse`, which tolerates surrounding spaces and full-width forms.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Self, cast


def normalize_text(text: str) -> str:
    """NFKC-normalise (full-width → half-width) and strip surrounding whitespace."""
    return unicodedata.normalize("NFKC", text).strip()


_PARSE_INDEX: dict[type, dict[str, LabelEnum]] = {}
"""Per enum class: normalised label → member (built on the first :meth:`LabelEnum.parse`)."""


class LabelEnum(StrEnum):
    """An enum whose value is its Chinese label."""

    @property
    def label(self) -> str:
        return str(self.value)

    @classmethod
    def labels(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def parse(cls, text: str) -> Self:
        """Return the member whose label is ``text``; raise ``ValueError`` otherwise."""
        member = cls._value2member_map_.get(text)  # the label exactly as written: no normalising
        if member is not None:
            return cast(Self, member)
        index = _PARSE_INDEX.get(cls)
        if index is None:
            index = _PARSE_INDEX[cls] = {normalize_text(m.value): m for m in cls}
        member = index.get(normalize_text(text))
        if member is None:
            raise ValueError(text)
        return cast(Self, member)

    def __str__(self) -> str:
        return str(self.value)


class Level(LabelEnum):
    """Administrative level of a jurisdiction (层级)."""

    REGION = "自治区"
    LEAGUE = "盟市"
    BANNER = "旗县"


class Phase(LabelEnum):
    BEFORE = "改革前"
    AFTER = "改革后"


class Spec(LabelEnum):
    """机构规格, ordered from highest to lowest rank (不定规格 last)."""

    ZHENG_TING = "正厅级"
    FU_TING = "副厅级"
    ZHENG_CHU = "正处级"
    FU_CHU = "副处级"
    ZHENG_KE = "正科级"
    FU_KE = "副科级"
    GU = "股级"
    NONE = "不定规格"

    @property
    def rank(self) -> int:
        """Higher is more senior; 不定规格 ranks 0."""
        order = list(Spec)
        return 0 if self is Spec.NONE else len(order) - 1 - order.index(self)


class Category(LabelEnum):
    """单位类别 (by social function, 中发〔2011〕5号)."""

    ADMIN = "承担行政职能"
    BUSINESS = "从事生产经营活动"
    PUBLIC_1 = "公益一类"
    PUBLIC_2 = "公益二类"
    UNCLASSIFIED = "未分类"


class ServiceTarget(LabelEnum):
    """服务对象."""

    ORGAN_SUPPORT = "为机关提供支持保障"
    PUBLIC = "面向社会提供公益服务"


class Funding(LabelEnum):
    """经费形式 (staffing view)."""

    FULL = "财政全额拨款"
    PARTIAL = "财政差额拨款"
    SELF = "经费自理"


class FundingSource(LabelEnum):
    """经费来源 (registration / charter view); kept separate from :class:`Funding`."""

    SUBSIDY_1 = "财政补助一类"
    SUBSIDY_2 = "财政补助二类"
    NON_SUBSIDY = "非财政补助"


#: Hint only (documents.md §1): the usual 经费形式 → 经费来源 correspondence. Never enforced.
FUNDING_SOURCE_HINT: dict[Funding, FundingSource] = {
    Funding.FULL: FundingSource.SUBSIDY_1,
    Funding.PARTIAL: FundingSource.SUBSIDY_2,
    Funding.SELF: FundingSource.NON_SUBSIDY,
}


class PartyOrg(LabelEnum):
    """党组织形式."""

    COMMITTEE = "党委"
    GENERAL_BRANCH = "党总支"
    BRANCH = "党支部"
    JOINT_BRANCH = "联合党支部"
    NONE = "无"


class Disposition(LabelEnum):
    """改革方式."""

    KEEP = "保留"
    RENAME = "更名"
    INTEGRATE = "整合"
    MERGE_INTO = "并入"
    TRANSFER = "划转"
    ABOLISH = "撤销"
    TO_ENTERPRISE = "转企改制"
    FUNCTIONS_TO_ADMIN = "职能划归行政机构"
    TO_ADMIN = "转为行政机构"

    @property
    def needs_destination(self) -> bool:
        """Whether the before-unit must name a 去向单位 on the after sheet."""
        return self in DISPOSITIONS_WITH_DESTINATION

    @property
    def keeps_people_in_place(self) -> bool:
        """保留 and 更名 keep the unit (and its people) as it is."""
        return self in (Disposition.KEEP, Disposition.RENAME)


DISPOSITIONS_WITH_DESTINATION = frozenset(
    {
        Disposition.KEEP,
        Disposition.RENAME,
        Disposition.INTEGRATE,
        Disposition.MERGE_INTO,
        Disposition.TRANSFER,
    }
)


class Placement(LabelEnum):
    """人员转隶 destinations that are not a unit after the reform."""

    ENTERPRISE = "转企"
    RETIRE = "退休"
    OTHER = "其他安置"
    ADMIN = "划入行政机关"  # with the functions or the unit, to an administrative organ (行政/参公)


class Origin(LabelEnum):
    """来源 of an after-unit: 新设 for a unit created from nothing."""

    NEW = "新设"


class Affiliation(LabelEnum):
    """隶属类型 of a unit (三定 第二条)."""

    PARTY_COMMITTEE = "党委直属"
    GOVERNMENT = "政府直属"
    DEPARTMENT = "部门所属"
    TOWNSHIP = "苏木乡镇所属"


class SandingForm(LabelEnum):
    """The two ways a 三定 is issued."""

    REPLY = "批复"
    NOTICE = "通知"


class StaffStructure(LabelEnum):
    """编制结构."""

    MANAGEMENT = "管理人员"
    PROFESSIONAL = "专业技术人员"
    WORKER = "工勤技能人员"


class LeaderKind(LabelEnum):
    PRINCIPAL = "正职"
    DEPUTY = "副职"


class QuanxianSubject(LabelEnum):
    """责任主体 of a 政事权限清单 item."""

    SUPERVISOR = "主管部门"
    UNIT = "事业单位"
    SHARED = "共同"
    RELATED = "相关综合部门"


class QuanxianCategory(LabelEnum):
    PARTY = "党建工作"
    PERSONNEL = "干部人事"
    PAY = "收入分配"
    FINANCE = "财务资产管理"
    ARCHIVES = "档案管理"
    OPERATIONS = "业务运行"
    OTHER = "其他"


class ExerciseMode(LabelEnum):
    """行权方式."""

    DECIDE = "决定"
    APPOINT = "任免"
    APPROVE = "审批"
    RATIFY = "核准"
    REVIEW = "审核"
    DELIBERATE = "审议"
    FILE = "备案"
    GUIDE = "指导"
    SUPERVISE = "监督"
    AUTONOMOUS = "自主决定"


class LeadershipSystem(LabelEnum):
    """领导体制 (章程)."""

    EXECUTIVE = "行政领导人负责制"
    PARTY_LED_EXECUTIVE = "党委（党组）领导下的行政领导人负责制"
    COUNCIL = "理事会决策"


class RoundDirection(LabelEnum):
    """A round's packet direction and outcome ("五上五下")."""

    UP = "上报"
    RETURNED = "退回修改"
    APPROVED = "同意"
    REOPENED = "开始新一轮"


class WorkflowStep(LabelEnum):
    """The pilot's 9-step method; a workspace is in exactly one step."""

    PREPARE = "前期准备"
    DESIGN = "方案设计"
    APPROVAL = "方案报批"
    MOBILISE = "动员部署"
    TRAINING = "培训指导"
    SANDING_REVIEW = "“三定”审理"
    TRANSFER = "人员转隶"
    OPERATION = "机构运行"
    EVALUATION = "督查评估"


class DocumentKind(LabelEnum):
    """Document identifiers of the findings JSON (interfaces.md §2) with their Chinese names."""

    PLAN = "改革方案"
    UNIT = "单位信息"
    SANDING = "“三定”规定"
    QUANXIAN = "政事权限清单"
    CHARTER = "章程"
    PACKET = "报送包"

    @property
    def key(self) -> str:
        """The identifier of the findings JSON and of the workspace's document rows: ``plan``, ``sanding`` …"""
        return self.name.lower()

    @classmethod
    def from_key(cls, key: str) -> DocumentKind:
        """The kind whose :attr:`key` is ``key``; raise ``ValueError`` otherwise."""
        member = cls.__members__.get(key.upper()) if key == key.lower() else None
        if member is None:
            raise ValueError(key)
        return member

    @property
    def per_unit(self) -> bool:
        """Whether each after-unit has its own document of this kind (三定, 清单, 章程)."""
        return self in UNIT_DOCUMENT_KINDS


#: The documents drafted per after-unit, in the order the workspace tree and the export list them.
UNIT_DOCUMENT_KINDS: tuple[DocumentKind, ...] = (DocumentKind.SANDING, DocumentKind.QUANXIAN, DocumentKind.CHARTER)


_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")", "{": "(", "}": ")"})
_SPACES = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """A unit name as compared for sameness: NFKC (full-width → half-width, “（）” → “()”),
    brackets unified, whitespace removed. Two names with the same key are the same unit."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name).translate(_BRACKETS))


def is_region_code(text: str) -> bool:
    """A 6-digit 行政区划代码 in ASCII digits (``str.isdigit`` also accepts ``１`` and ``٣``)."""
    return len(text) == 6 and all("0" <= c <= "9" for c in text)
