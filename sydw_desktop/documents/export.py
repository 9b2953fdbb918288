"""Export every document and table of a workspace: DOCX, PDF (GB/T 9704) and Excel.

``export_all`` fills each template, saves the DOCX, lays the same filled document out as PDF,
writes the Excel tables and finally the cover with the 报送材料目录 (page counts known by then).
Files are written atomically. With ``error`` findings the export is refused unless ``draft`` is
set; a draft carries a 草稿 watermark on every page of every PDF and DOCX (and in the Excel header).

File names: ``改革方案``, ``三定规定-<单位名称>``, ``政事权限清单-<单位名称>``, ``章程-<单位名称>``
(one file per unit and document), the tables by their titles (``改革前后机构编制对照表.xlsx`` …,
``检查结果表.xlsx``), and ``00-封面及报送材料目录.pdf``, which sorts first.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document

from ..errors import SydwError
from ..files import atomic_path
from ..model import Snapshot, UnitId
from ..progress import CancelCheck, Progress, check_cancel, report_progress
from ..rules.findings import CheckReport, Finding, Severity
from ..vocab import DocumentKind, SandingForm
from . import context as ctx
from .contents import ListedDocument, ListedTable, build_contents, document_title
from .docx_render import fill, finish
from .docx_styles import StyleResolver
from .fonts import FontBook
from .lint import LintReport, RenderedDocument, lint_documents, lint_workspace, rendered
from .pdf_glyphs import FontIssue, Substitution
from .pdf_render import render_pdf
from .templates import TemplateInvalid, TemplateProblem, TemplateStore, validate_template
from .xlsx_tables import TABLES, findings_table, for_filing, save_workbook

FORMATS = frozenset({"pdf", "docx", "xlsx"})
WATERMARK = "草稿"
CONTENTS_NAME = "00-封面及报送材料目录"
FINDINGS_NAME = "检查结果表"
REQUEST_NAME = "01-改革方案报送请示"
REQUEST_LABEL = "请示"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class ExportRefused(SydwError):
    """The workspace has ``error`` findings and a final (non-draft) export was asked for."""

    exit_code = 1


@dataclass(frozen=True)
class ExportedFile:
    path: Path
    format: str  # pdf | docx | xlsx
    kind: str  # plan | sanding | quanxian | charter | contents | table | findings
    title: str
    unit: str | None = None
    pages: int | None = None
    rows: int | None = None


@dataclass
class ExportResult:
    """What an export wrote and what the clerk should know about it."""

    out_dir: Path
    draft: bool
    entries: list[ExportedFile] = field(default_factory=list)
    font_issues: list[FontIssue] = field(default_factory=list)
    """Characters a chosen font lacked, with the font that drew them instead."""
    substitutions: list[Substitution] = field(default_factory=list)
    """Template fonts not installed here, and the face used instead."""
    data_gaps: list[str] = field(default_factory=list)
    """Values the templates wanted and the workspace lacks (printed empty)."""
    notes: list[str] = field(default_factory=list)
    """Other things the clerk should know (a file name changed so two units do not share it)."""
    lint: list[Finding] = field(default_factory=list)
    """The ``doc.*`` findings over the documents as printed (errors refuse a final export)."""

    @property
    def files(self) -> list[Path]:
        """Every file written; the cover-and-contents PDF first."""
        return [e.path for e in self.entries]

    @property
    def pages(self) -> int:
        return sum(e.pages or 0 for e in self.entries if e.format == "pdf")

    def warnings(self) -> list[str]:
        """Everything worth telling the clerk, in Chinese."""
        return (
            self.notes
            + [s.text() for s in self.substitutions]
            + [i.text() for i in self.font_issues]
            + self.data_gaps
            + [f"文书检查（{f.severity.label}）：{f.message}" for f in self.lint]
        )


def safe_name(text: str) -> str:
    """A unit name made safe for a file name on Windows and Linux."""
    return _UNSAFE.sub("_", text).strip().rstrip(".") or "未命名"


@dataclass
class _Job:
    kind: str  # template kind
    doc_kind: str  # plan | sanding | quanxian | charter
    stem: str
    label: str
    unit: str | None
    build: Callable[[], dict[str, Any]]


def _jobs(snap: Snapshot, today: date | None) -> list[_Job]:
    jobs: list[_Job] = []
    if snap.before and snap.after:  # an empty plan is a finding (doc.empty_plan), not a document
        plan = _memo(lambda: ctx.plan_context(snap, today))
        jobs += [  # the 请示 is listed first (the cover document of the submission), written after the plan
            _Job("plan", "plan", "改革方案", str(DocumentKind.PLAN), None, plan),
            _Job("plan_request", "plan", REQUEST_NAME, REQUEST_LABEL, None, plan),
        ]
    per_kind: list[list[_Job]] = [[], [], []]
    for unit in snap.after:
        uid = unit.id
        if uid is None:
            continue
        name = safe_name(unit.name)
        sd = snap.sanding.get(uid)
        if sd is not None:
            kind = "sanding_notice" if sd.form is SandingForm.NOTICE else "sanding_reply"
            per_kind[0].append(_Job(kind, "sanding", f"三定规定-{name}", str(DocumentKind.SANDING), unit.name,
                                    _bind(ctx.sanding_context, snap, uid, today)))
        if uid in snap.quanxian:
            per_kind[1].append(_Job("quanxian", "quanxian", f"政事权限清单-{name}", str(DocumentKind.QUANXIAN),
                                    unit.name, _bind(ctx.quanxian_context, snap, uid, today)))
        if uid in snap.charters:
            per_kind[2].append(_Job("charter", "charter", f"章程-{name}", str(DocumentKind.CHARTER), unit.name,
                                    _bind(ctx.charter_context, snap, uid, today)))
    for group in per_kind:
        jobs += group
    return jobs


@dataclass
class RenderedJob:
    """One document filled in memory (nothing written yet): the finished DOCX as bytes (a filled
    python-docx tree costs megabytes; a packet has hundreds of documents), its text for the lint."""

    job: _Job
    data: bytes
    title: str
    text: RenderedDocument
    gaps: list[TemplateProblem]

    @property
    def document(self) -> Any:
        """The filled document, read again from its bytes."""
        return Document(io.BytesIO(self.data))

    @property
    def kind(self) -> DocumentKind:
        return DocumentKind.from_key(self.job.doc_kind)

    @property
    def unit(self) -> str | None:
        return self.job.unit

    @property
    def template(self) -> str:
        return self.job.kind


def _render(store: TemplateStore, job: _Job, watermark: str | None) -> RenderedJob:
    filled = fill(store.path(job.kind), job.build())
    finish(filled.document, watermark=watermark, resolver=filled.resolver)
    title = document_title(filled.document, filled.resolver) or job.stem
    buffer = io.BytesIO()
    filled.document.save(buffer)
    text = rendered(filled.document, DocumentKind.from_key(job.doc_kind), title, job.unit, job.kind)
    return RenderedJob(job, buffer.getvalue(), title, text, filled.gaps)


def render_all(
    snapshot: Snapshot, *, today: date | None = None, templates: TemplateStore | None = None,
    cancel: CancelCheck | None = None,
) -> list[RenderedJob]:
    """Every document of ``snapshot`` filled in memory, as an export would write it (for the lint)."""
    store = templates or TemplateStore()
    jobs = _jobs(snapshot, today)
    _check_templates(store, [j.kind for j in jobs])
    filled = []
    for job in jobs:
        check_cancel(cancel)
        filled.append(_render(store, job, None))
    return filled


def lint_snapshot(snapshot: Snapshot, *, today: date | None = None,
                  cancel: CancelCheck | None = None) -> LintReport:
    """Fill every document of ``snapshot`` (no file is written) and lint them with the workspace."""
    docs = [job.text for job in render_all(snapshot, today=today, cancel=cancel)]
    return LintReport(lint_workspace(snapshot) + lint_documents(snapshot, docs))


def _unique_stems(jobs: list[_Job]) -> list[str]:
    """Give every job its own file stem; returns a note for each one renamed.

    Different unit names can make one file name once the characters Windows forbids are replaced
    (“甲/乙服务中心” and “甲:乙服务中心” both give “甲_乙服务中心”); Windows also ignores case. The
    later one gets “-2” (“-3” …) so that no file overwrites another, in the export and the packet.
    """
    owners: dict[str, _Job] = {}
    notes: list[str] = []
    for job in jobs:
        stem, n = job.stem, 1
        while (key := unicodedata.normalize("NFC", stem).casefold()) in owners:
            n += 1
            stem = f"{job.stem}-{n}"
        if n > 1:
            first = owners[unicodedata.normalize("NFC", job.stem).casefold()]
            notes.append(
                f"“{job.unit}”与“{first.unit}”的{job.label}文件名相同（替换文件名中不能使用的字符后都是“{job.stem}”），"
                f"为免互相覆盖，“{job.unit}”的{job.label}文件名改为“{stem}”。"
            )
            job.stem = stem
        owners[key] = job
    return notes


def _memo(build: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    """One context built once for the documents that share it (the plan and its 请示)."""
    cache: list[dict[str, Any]] = []

    def get() -> dict[str, Any]:
        if not cache:
            cache.append(build())
        return cache[0]

    return get


def _bind(func: Callable[..., dict[str, Any]], snap: Snapshot, uid: UnitId, today: date | None) -> Callable[[], dict[str, Any]]:
    return lambda: func(snap, uid, today)


def _check_templates(store: TemplateStore, kinds: Iterable[str]) -> None:
    for kind in sorted(set(kinds)):
        report = validate_template(store.path(kind), kind)
        if not report.ok:
            raise TemplateInvalid(report)


def _default_report(snap: Snapshot) -> CheckReport:
    from ..rules import run_checks

    return run_checks(snap)


def export_all(
    snapshot: Snapshot,
    out_dir: Path,
    formats: Iterable[str] = FORMATS,
    *,
    draft: bool = False,
    report: CheckReport | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    templates: TemplateStore | None = None,
    fonts: FontBook | None = None,
    today: date | None = None,
    round_number: int | None = None,
    signer: str | None = None,
) -> ExportResult:
    """Write the documents (DOCX, PDF) and tables (XLSX) of ``snapshot`` into ``out_dir``.

    ``round_number`` and ``signer`` go on the cover (defaults: the workspace's latest round and the
    ``doc.signer`` setting); ``templates`` and ``fonts`` default to the installed templates and fonts.

    Raises :class:`ExportRefused` when ``report`` has errors and ``draft`` is false,
    :class:`TemplateInvalid` when a template is broken, :class:`Cancelled` on ``cancel()``.
    ``progress`` gets the share of items done and a text that counts them (``3/12：改革方案：…``).
    """
    wanted = {f.strip().lower() for f in formats if f.strip()}
    unknown = wanted - FORMATS
    if unknown or not wanted:
        raise SydwError(f"不支持的导出格式：{'、'.join(sorted(unknown)) or '（空）'}；可选 pdf、docx、xlsx。")
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SydwError(f"无法创建导出文件夹“{out_dir}”：{exc}") from exc
    report = report if report is not None else _default_report(snapshot)
    if report.has_errors and not draft:
        raise ExportRefused(
            f"检查发现 {report.count(Severity.ERROR)} 项错误，不能导出正式材料；"
            "请先修改，或以草稿方式导出（每页加“草稿”水印）。"
        )
    store = templates or TemplateStore()
    fonts = fonts or FontBook()
    watermark = WATERMARK if draft else None
    result = ExportResult(out_dir, draft)
    jobs = _jobs(snapshot, today) if wanted & {"pdf", "docx"} else []
    result.notes += _unique_stems(jobs)
    _check_templates(store, [j.kind for j in jobs] + (["contents"] if "pdf" in wanted else []))
    tables = list(TABLES.items()) if "xlsx" in wanted else []
    total = 2 * len(jobs) + (len(tables) + 1 if tables else 0) + (1 if "pdf" in wanted else 0)
    done = 0

    def step(label: str) -> None:
        nonlocal done
        check_cancel(cancel, f"导出已取消（已完成 {done}/{total} 项，已写出的文件保留在“{out_dir}”）。")
        report_progress(progress, done / total if total else 0.0, f"{done}/{total}：{label}")

    issues: dict[tuple[str, str, str], str] = {}
    subs: dict[str, Substitution] = {}
    listed: list[ListedDocument] = []
    listed_tables: list[ListedTable] = []
    pdf_entries: list[ExportedFile] = []

    # fill every document first and read them as a reviewer would: a final export with lint errors
    # is refused before anything is written
    filled_jobs: list[RenderedJob] = []
    for job in jobs:
        step(f"填充{job.label}：{job.unit or snapshot.jurisdiction.name}")
        filled_jobs.append(_render(store, job, watermark))
        done += 1
    texts = [r.text for r in filled_jobs]
    if "pdf" in wanted:
        cover = build_contents(snapshot, [], [], store=store, today=today, round_number=round_number, signer=signer)
        texts.append(rendered(cover.document, DocumentKind.PACKET, "封面", None, "contents"))
    lint = LintReport(lint_workspace(snapshot) + lint_documents(snapshot, texts))
    result.lint = lint.findings
    if lint.has_errors and not draft:
        raise ExportRefused(lint.refusal() + "\n请先修改，或以草稿方式导出（每页加“草稿”水印）。")

    while filled_jobs:
        rendered_job = filled_jobs.pop(0)  # let each document go once it is written
        job, title = rendered_job.job, rendered_job.title
        step(f"{job.label}：{job.unit or snapshot.jurisdiction.name}")
        _collect_gaps(result, job.stem, rendered_job.gaps)
        if "docx" in wanted:
            path = out_dir / f"{job.stem}.docx"
            with atomic_path(path, overwrite=True) as tmp:
                tmp.write_bytes(rendered_job.data)
            result.entries.append(ExportedFile(path, "docx", job.doc_kind, title, job.unit))
        if "pdf" in wanted:
            path = out_dir / f"{job.stem}.pdf"
            document = rendered_job.document
            pdf = render_pdf(document, path, fonts=fonts, watermark=watermark, title=title,
                             resolver=StyleResolver(document))
            _collect_fonts(issues, subs, pdf.issues, pdf.substitutions)
            entry = ExportedFile(path, "pdf", job.doc_kind, title, job.unit, pages=pdf.pages)
            pdf_entries.append(entry)
            listed.append(ListedDocument(title, job.label, path.name, pdf.pages))
        done += 1

    committee_office = ctx.issuing_names(snapshot)[1]
    filed_on = ctx.date_value((today or date.today()).isoformat()) or {}
    when = f"{filed_on.get('year')}年{filed_on.get('month')}月{filed_on.get('day')}日"
    for number, (stem, builder) in enumerate(tables, 1):
        step(stem)
        path = out_dir / f"{stem}.xlsx"
        sheet = for_filing(builder(snapshot), snapshot.jurisdiction.name, committee_office, when, number)
        rows = save_workbook(sheet, path, draft=draft)
        result.entries.append(ExportedFile(path, "xlsx", "table", sheet.title, rows=rows))
        listed_tables.append(ListedTable(sheet.title, path.name, rows))
        done += 1
    if tables:
        step(FINDINGS_NAME)
        path = out_dir / f"{FINDINGS_NAME}.xlsx"
        sheet = for_filing(findings_table(report), snapshot.jurisdiction.name, committee_office, when,
                           len(tables) + 1)
        rows = save_workbook(sheet, path, draft=draft)
        result.entries.append(ExportedFile(path, "xlsx", "findings", sheet.title, rows=rows))
        listed_tables.append(ListedTable(sheet.title, path.name, rows))
        done += 1

    listed.sort(key=lambda d: d.kind != REQUEST_LABEL)
    pdf_entries.sort(key=lambda e: e.path.stem != REQUEST_NAME)
    if "pdf" in wanted:
        step("封面及报送材料目录")
        filled = build_contents(snapshot, listed, listed_tables, store=store, today=today, watermark=watermark,
                                round_number=round_number, signer=signer)
        _collect_gaps(result, CONTENTS_NAME, filled.gaps)
        path = out_dir / f"{CONTENTS_NAME}.pdf"
        pdf = render_pdf(filled.document, path, fonts=fonts, watermark=watermark, title="报送材料目录",
                         resolver=filled.resolver)
        _collect_fonts(issues, subs, pdf.issues, pdf.substitutions)
        pdf_entries.insert(0, ExportedFile(path, "pdf", "contents", "封面及报送材料目录", pages=pdf.pages))
        done += 1
    result.entries = pdf_entries + result.entries
    result.font_issues = [FontIssue(req, face, chars, fb) for (req, face, fb), chars in issues.items()]
    result.substitutions = list(subs.values())
    report_progress(progress, 1.0, f"{done}/{total}：完成")
    return result


def _collect_gaps(result: ExportResult, stem: str, gaps: list[TemplateProblem]) -> None:
    for gap in gaps:
        result.data_gaps.append(f"{stem}：{gap.text()}")


def _collect_fonts(
    issues: dict[tuple[str, str, str], str],
    subs: dict[str, Substitution],
    found: list[FontIssue],
    substituted: list[Substitution],
) -> None:
    for issue in found:
        key = (issue.requested, issue.face, issue.fallback)
        issues[key] = "".join(dict.fromkeys(issues.get(key, "") + issue.chars))
    for s in substituted:
        subs.setdefault(s.requested, s)


__all__ = [
    "CONTENTS_NAME",
    "FORMATS",
    "ExportRefused",
    "ExportResult",
    "ExportedFile",
    "RenderedJob",
    "export_all",
    "lint_snapshot",
    "render_all",
    "safe_name",
]
