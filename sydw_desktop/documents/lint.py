"""A lint over every rendered document: what a reviewer at the level above would send back.

The rules (``doc.*``, catalogued in ``resources/rules/documents.toml`` with ``stage = "export"``)
read the documents as they will be printed — the filled templates, paragraph by paragraph — and a
few facts of the workspace that only the documents make visible. ``sydw check`` does not run them
(they need the templates filled); export and pack do (``export.lint_snapshot`` fills and lints without
writing), and an ``error`` among them blocks a final export and the packet. Their problems are ordinary :class:`Finding` objects (document, unit, and
the paragraph's text in the message), so the GUI lists them with the others.

Checks: template syntax left in the text; 第X条 / 一、 / （一） numbering that skips or repeats; the
same paragraph (≥ 20 characters) twice in one document; names of the issuing body and of the unit
that differ from the workspace's; a 文件 head without a valid 文号; blanks a filed document may not
have (an empty 主送机关, 报送人 or 签发人, a date reading “年 月 日”); a blank 批准机关; an empty plan;
a 隶属类型 that contradicts the 主管部门.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..docno import DOC_NO_PATTERN
from ..model import Snapshot
from ..rules.catalogue import RuleEntry, load_catalogue
from ..rules.findings import Finding, Severity
from ..vocab import Affiliation, DocumentKind
from .context import is_issued, issuing_names
from .numerals import cnum_value

#: Smallest paragraph (in characters, spaces ignored) whose repetition is reported.
DUPLICATE_MIN = 20
_TEMPLATE_SYNTAX = ("{{", "}}", "{%", "%}")
_ARTICLE = re.compile(r"^第([一二三四五六七八九十百零〇]+)条")
_HEADING = re.compile(r"^([一二三四五六七八九十]+)、")
_ITEM = re.compile(r"^（([一二三四五六七八九十]+)）")
_BLANK_DATE = re.compile(r"(^|[^\d])\s*年\s*月\s*日")
_COMMITTEE_WORD = "机构编制委员会"
_SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Paragraph:
    style: str
    text: str


@dataclass
class RenderedDocument:
    """One filled document as the lint reads it: its body paragraphs (tables excluded) in order."""

    kind: DocumentKind
    title: str
    unit: str | None
    paragraphs: list[Paragraph]
    template: str = ""
    """The template kind (``sanding_reply`` …) it was filled from."""

    @property
    def is_draft(self) -> bool:
        """A 送审稿 (before the level above agrees) has no 版头 and no 文号 by design."""
        return any(p.style == "送审稿标识" for p in self.paragraphs)


def rendered(document: Any, kind: DocumentKind, title: str, unit: str | None, template: str = "") -> RenderedDocument:
    """Read a filled python-docx ``Document`` into a :class:`RenderedDocument`."""
    paragraphs = [Paragraph(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    return RenderedDocument(kind, title, unit, paragraphs, template)


@dataclass
class LintContext:
    snapshot: Snapshot
    entry: RuleEntry

    def finding(self, message: str, document: DocumentKind, unit: str | None = None, field_name: str | None = None,
                *, severity: Severity | None = None) -> Finding:
        level = self.snapshot.jurisdiction.level
        return Finding(
            rule=self.entry.id, severity=severity or self.entry.severity_for(level), message=message,
            document=document, unit=unit, field=field_name, basis=self.entry.basis.text(),
        )


DocumentRule = Callable[[LintContext, RenderedDocument], Iterable[Finding]]
WorkspaceRule = Callable[[LintContext], Iterable[Finding]]
DOCUMENT_RULES: dict[str, DocumentRule] = {}
WORKSPACE_RULES: dict[str, WorkspaceRule] = {}


def _document_rule(rule_id: str) -> Callable[[DocumentRule], DocumentRule]:
    def register(fn: DocumentRule) -> DocumentRule:
        DOCUMENT_RULES[rule_id] = fn
        return fn

    return register


def _workspace_rule(rule_id: str) -> Callable[[WorkspaceRule], WorkspaceRule]:
    def register(fn: WorkspaceRule) -> WorkspaceRule:
        WORKSPACE_RULES[rule_id] = fn
        return fn

    return register


def _clip(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "……"


def _where(doc: RenderedDocument, index: int) -> str:
    return f"{doc.title}第{index + 1}段"


# --- the rules over the text ----------------------------------------------------------------------


@_document_rule("doc.template_syntax")
def template_syntax(ctx: LintContext, doc: RenderedDocument) -> Iterator[Finding]:
    for i, p in enumerate(doc.paragraphs):
        if any(mark in p.text for mark in _TEMPLATE_SYNTAX):
            yield ctx.finding(f"{_where(doc, i)}仍有模板代码，未被替换为内容：“{_clip(p.text)}”", doc.kind, doc.unit)


def _sequence_problems(numbers: list[tuple[int, int, str]], what: str) -> Iterator[tuple[int, str]]:
    """(paragraph index, message) for each number that is not the previous one plus one."""
    previous = 0
    for index, value, label in numbers:
        if value == previous:
            yield index, f"{what}“{label}”重复"
        elif value != previous + 1:
            expected = f"应为第{previous + 1}个" if previous else "应从第1个开始"
            yield index, f"{what}“{label}”跳号（{expected}）"
        previous = value


@_document_rule("doc.numbering")
def numbering(ctx: LintContext, doc: RenderedDocument) -> Iterator[Finding]:
    articles: list[tuple[int, int, str]] = []
    headings: list[tuple[int, int, str]] = []
    items: list[list[tuple[int, int, str]]] = [[]]
    for i, p in enumerate(doc.paragraphs):
        text = p.text.strip()
        if p.style in ("表头", "表格文字", "表格文字左"):
            continue
        if m := _ARTICLE.match(text):
            articles.append((i, cnum_value(m.group(1)), m.group(0)))
            items.append([])
        elif m := _HEADING.match(text):
            headings.append((i, cnum_value(m.group(1)), m.group(0)))
            items.append([])
        elif m := _ITEM.match(text):
            value = cnum_value(m.group(1))
            if items[-1] and value == 1 and p.style == "二级标题":
                items.append([])
            items[-1].append((i, value, m.group(0)))
    runs = [(articles, "条号"), (headings, "标题序号")] + [(run, "序号") for run in items if run]
    for run, what in runs:
        for index, message in _sequence_problems(run, what):
            yield ctx.finding(f"{_where(doc, index)}：{message}", doc.kind, doc.unit)


def _norm(text: str) -> str:
    return _SPACES.sub("", text)


@_document_rule("doc.duplicate_paragraph")
def duplicate_paragraph(ctx: LintContext, doc: RenderedDocument) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, p in enumerate(doc.paragraphs):
        key = _norm(_ARTICLE.sub("", p.text.strip()))
        if len(key) < DUPLICATE_MIN:
            continue
        if key in seen:
            yield ctx.finding(
                f"{_where(doc, i)}与第{seen[key] + 1}段内容相同：“{_clip(p.text)}”", doc.kind, doc.unit,
            )
        else:
            seen[key] = i


@_document_rule("doc.names")
def names(ctx: LintContext, doc: RenderedDocument) -> Iterator[Finding]:
    committee, office = issuing_names(ctx.snapshot)
    allowed = sorted({committee, office, *_other_bodies(ctx.snapshot)}, key=len, reverse=True)
    for i, p in enumerate(doc.paragraphs):
        rest = p.text
        for name in allowed:
            rest = rest.replace(name, "")
        if _COMMITTEE_WORD in rest:
            yield ctx.finding(
                f"{_where(doc, i)}的发文机关名称与工作区设定的“{committee}”“{office}”不一致：“{_clip(p.text)}”",
                doc.kind, doc.unit,
            )
    if doc.unit is not None and doc.paragraphs:
        title = next((p.text for p in doc.paragraphs if p.style in ("标题", "另面标题")), "")
        if title and _norm(doc.unit) not in _norm(title):
            yield ctx.finding(f"{doc.title}的标题“{_clip(title)}”中没有单位名称“{doc.unit}”", doc.kind, doc.unit)


def _other_bodies(snap: Snapshot) -> list[str]:
    """Bodies other than our own that documents may name: the level above (请示的主送机关)."""
    upper = snap.settings.get("doc.upper", "").strip()
    return [upper] if upper else []


@_document_rule("doc.head_doc_no")
def head_doc_no(ctx: LintContext, doc: RenderedDocument) -> Iterator[Finding]:
    for i, p in enumerate(doc.paragraphs):
        if p.style != "发文机关标志":
            continue
        number = next((q for q in doc.paragraphs[i + 1 : i + 4] if q.style.startswith("发文字号")), None)
        text = number.text.split("\t")[0].strip() if number is not None else ""
        if not text:
            yield ctx.finding(f"{doc.title}有“{_clip(p.text)}”版头，但没有发文字号", doc.kind, doc.unit)
        elif not DOC_NO_PATTERN.match(text):
            yield ctx.finding(
                f"{doc.title}的发文字号“{text}”格式不对（应如“×编发〔2026〕3号”：年份用六角括号，序号不编虚位、不加“第”）",
                doc.kind, doc.unit,
            )


_BLANK_LABELS = ("报送人", "签发人", "联系人")


@_document_rule("doc.blank_field")
def blank_field(ctx: LintContext, doc: RenderedDocument) -> Iterator[Finding]:
    for p in doc.paragraphs:
        text = p.text.strip()
        if p.style == "主送机关" and not _norm(text).rstrip("：:"):
            yield ctx.finding(f"{doc.title}的主送机关是空的", doc.kind, doc.unit)
        if _BLANK_DATE.search(text) and p.style in ("成文日期", "封面信息", "版记印发", "版记印发单行"):
            yield ctx.finding(f"{doc.title}的日期没有填写（印出“年 月 日”）：“{_clip(text)}”", doc.kind, doc.unit)
        for label in _BLANK_LABELS:
            for part in re.split(r"\t", p.text):
                head, sep, value = part.partition(f"{label}：")
                if sep and not _norm(value).strip("）)"):
                    yield ctx.finding(f"{doc.title}的{label}没有填写", doc.kind, doc.unit)


# --- the rules over the workspace the documents print ----------------------------------------------


@_workspace_rule("doc.empty_plan")
def empty_plan(ctx: LintContext) -> Iterator[Finding]:
    snap = ctx.snapshot
    if not snap.before or not snap.after:
        missing = "改革前单位" if not snap.before else "改革后单位"
        yield ctx.finding(f"改革方案还没有{missing}，不能生成方案文书（将印出“由0个调整为0个”）", DocumentKind.PLAN)


@_workspace_rule("doc.approver")
def approver(ctx: LintContext) -> Iterator[Finding]:
    committee, office = issuing_names(ctx.snapshot)
    for unit in ctx.snapshot.after:
        sd = ctx.snapshot.sanding.get(unit.id) if unit.id is not None else None
        if sd is None:
            continue
        if not sd.approver.strip():
            yield ctx.finding(
                f"{unit.name}的“三定”规定未填写批准机关（应为“{committee}”或“{office}”）",
                DocumentKind.SANDING, unit.name, "approver",
            )


_PARTY_DEPT = ("委", "中共")


@_workspace_rule("doc.affiliation")
def affiliation(ctx: LintContext) -> Iterator[Finding]:
    suffix = ctx.snapshot.jurisdiction.name[-1:]
    for unit in ctx.snapshot.after:
        sd = ctx.snapshot.sanding.get(unit.id) if unit.id is not None else None
        if sd is None or not unit.dept:
            continue
        dept = unit.dept.removeprefix(ctx.snapshot.jurisdiction.name)
        party_dept = dept.startswith(f"{suffix}委") or unit.dept.startswith("中共")
        if sd.affiliation is Affiliation.GOVERNMENT and party_dept:
            yield ctx.finding(
                f"{unit.name}的隶属类型为政府直属，主管部门却是党委部门“{unit.dept}”：方案附表与“三定”的隶属说法会不一致",
                DocumentKind.SANDING, unit.name, "affiliation",
            )
        elif sd.affiliation is Affiliation.PARTY_COMMITTEE and not party_dept and dept.endswith(("局", "委员会", "政府办公室")):
            yield ctx.finding(
                f"{unit.name}的隶属类型为党委直属，主管部门却是政府部门“{unit.dept}”：方案附表与“三定”的隶属说法会不一致",
                DocumentKind.SANDING, unit.name, "affiliation",
            )


# --- running ----------------------------------------------------------------------------------------


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def refusal(self) -> str:
        lines = [f"  [{f.rule}] {f.message}" for f in self.errors[:20]]
        more = f"\n  ……另有 {len(self.errors) - 20} 项" if len(self.errors) > 20 else ""
        return (f"文书检查发现 {len(self.errors)} 项错误，不能导出正式材料或打包：\n" + "\n".join(lines) + more)


def lint_entries(as_of: dt.date | None = None) -> list[RuleEntry]:
    """The ``doc.*`` rules of the catalogue in force on ``as_of``."""
    as_of = as_of or dt.date.today()
    return [e for e in load_catalogue().rules if e.stage == "export" and e.in_force(as_of)]


def lint_workspace(snapshot: Snapshot, as_of: dt.date | None = None) -> list[Finding]:
    """The lint rules that read the workspace only (cheap: no template is filled)."""
    out: list[Finding] = []
    level = snapshot.jurisdiction.level
    for entry in lint_entries(as_of):
        fn = WORKSPACE_RULES.get(entry.id)
        if fn is not None and entry.applies_to(level):
            out.extend(fn(LintContext(snapshot, entry)))
    return out


def lint_documents(snapshot: Snapshot, documents: Iterable[RenderedDocument], as_of: dt.date | None = None) -> list[Finding]:
    """The lint rules that read the rendered text, over ``documents``."""
    level = snapshot.jurisdiction.level
    rules = [(e, DOCUMENT_RULES[e.id]) for e in lint_entries(as_of) if e.id in DOCUMENT_RULES and e.applies_to(level)]
    out: list[Finding] = []
    for doc in documents:
        for entry, fn in rules:
            out.extend(fn(LintContext(snapshot, entry), doc))
    return out


def implemented() -> set[str]:
    """Ids of every lint rule this module implements."""
    return set(DOCUMENT_RULES) | set(WORKSPACE_RULES)


__all__ = [
    "DUPLICATE_MIN",
    "LintReport",
    "Paragraph",
    "RenderedDocument",
    "implemented",
    "is_issued",
    "lint_documents",
    "lint_workspace",
    "rendered",
]
