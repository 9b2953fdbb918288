"""Read a 三定, 政事权限清单 or 章程 DOCX back after a clerk edited it in Word, WPS or LibreOffice.

The program exported the document; the clerk changed some wording and saved it. ``read_edited``
finds the unit (by the title), fills the same document again from the workspace, and reads both
with the same structural parser (duties, 其他事项 and 附则 of a 三定; the 事项 of a 清单; the
chapters, 住所, 宗旨 and 业务范围 of a 章程). A
field whose text differs becomes a :class:`FieldChange`; edited paragraphs that belong to no field
(wording the template owns, such as 第一条) are listed as ``unplaced`` — never dropped silently.
``apply`` stores the changed fields as one undoable operation.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.exceptions import PackageNotFoundError

from ..errors import SydwError
from ..model import Charter, Quanxian, QuanxianItem, Sanding, Snapshot, Unit
from ..vocab import QuanxianSubject, normalize_name
from .context import clause

_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零]+条[\s\u3000]*")
_ITEM = re.compile(r"^（[一二三四五六七八九十]+）")
_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章[\s\u3000]*")
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


class ImportDocError(SydwError):
    """The file is not a document this program exported (or not readable)."""

    exit_code = 2


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str

    def paragraphs(self) -> list[tuple[str, str]]:
        """The changed paragraphs as (old, new) pairs; "" on one side for a paragraph added or removed."""
        a = [clause(t) for t in self.old.split("\n") if t.strip()]
        b = [clause(t) for t in self.new.split("\n") if t.strip()]
        pairs: list[tuple[str, str]] = []
        for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            olds, news = a[a0:a1], b[b0:b1]
            for i in range(max(len(olds), len(news))):
                pairs.append((olds[i] if i < len(olds) else "", news[i] if i < len(news) else ""))
        return pairs


@dataclass
class EditedDocument:
    """What an edited DOCX says differently from the workspace."""

    kind: str  # sanding | charter | quanxian
    unit: Unit
    changes: list[FieldChange] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    """Edited paragraphs that belong to no field: shown to the clerk, never applied."""
    updated: Sanding | Charter | Quanxian | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


Paragraphs = list[tuple[str, str]]  # (style, text)
Fields = dict[str, str]


def _paragraphs(document: Any) -> Paragraphs:
    return [(p.style.name if p.style is not None else "", p.text.strip()) for p in document.paragraphs if p.text.strip()]


def _body(text: str) -> str:
    return _ARTICLE.sub("", text).strip()


# --- the parsers: the same for the program's document and the clerk's ----------------------------


def parse_sanding(paras: Paragraphs) -> tuple[Fields, set[int]]:
    fields: dict[str, list[str]] = {"duties": [], "other_matters": [], "supplementary": []}
    used: set[int] = set()
    texts = [t for _s, t in paras]
    reply = any(_HEADING.match(t) and "主要职责" in t for t in texts)
    if reply:
        section = ""
        for i, t in enumerate(texts):
            if _HEADING.match(t):
                section = {"主要职责": "duties", "其他事项": "other_matters", "附则": "supplementary"}.get(
                    _HEADING.sub("", t), "")
                continue
            if section and not (section == "duties" and not _ITEM.match(t)):
                fields[section].append(_ITEM.sub("", t) if section == "duties" else t)
                used.add(i)
        return {k: "\n".join(v) for k, v in fields.items()}, used
    articles = [i for i, t in enumerate(texts) if _ARTICLE.match(t)]
    for n, i in enumerate(articles):
        end = articles[n + 1] if n + 1 < len(articles) else len(texts)
        text = _body(texts[i])
        if text.endswith("的主要职责是："):
            for j in range(i + 1, end):
                if _ITEM.match(texts[j]):
                    fields["duties"].append(_ITEM.sub("", texts[j]))
                    used.add(j)
        elif "核定事业编制" in text and n + 1 < len(articles):
            rest = articles[n + 1:]
            first = rest[0]
            first_end = rest[1] if len(rest) > 1 else len(texts)
            if _body(texts[first]) == "其他事项：":
                fields["other_matters"] += [texts[j] for j in range(first + 1, first_end)]
                used.update(range(first, first_end))
            else:
                fields["other_matters"].append(_body(texts[first]))
                used.add(first)
            for k, a in enumerate(rest[1:], 1):
                a_end = rest[k + 1] if k + 1 < len(rest) else len(texts)
                fields["supplementary"] += [_body(texts[a])] + [texts[j] for j in range(a + 1, a_end)]
                used.update(range(a, a_end))
            break
    return {k: "\n".join(v) for k, v in fields.items()}, used


_CHAPTERS = {"党的建设": "party_building", "组织机构": "organization", "资产": "assets", "信息公开": "disclosure",
             "修改": "amendment", "终止": "termination", "附则": "supplementary"}
_PREFIXED = {"本单位住所：": "address", "本单位宗旨：": "purpose", "本单位业务范围：": "scope"}


def parse_charter(paras: Paragraphs) -> tuple[Fields, set[int]]:
    fields: dict[str, list[str]] = {f: [] for f in (*_CHAPTERS.values(), *_PREFIXED.values())}
    used: set[int] = set()
    chapter = ""
    for i, (_style, t) in enumerate(paras):
        if _CHAPTER.match(t):
            name = _CHAPTER.sub("", t)
            chapter = next((f for key, f in _CHAPTERS.items() if key in name), "")
            continue
        text = _body(t)
        prefix = next((p for p in _PREFIXED if text.startswith(p)), None)
        if prefix is not None:
            value = clause(text[len(prefix):])
            fields[_PREFIXED[prefix]] += value.split("；") if _PREFIXED[prefix] == "scope" else [value]
            used.add(i)
        elif chapter:
            fields[chapter].append(text)
            used.add(i)
    return {k: "\n".join(v) for k, v in fields.items()}, used


def _side(heading: str) -> QuanxianSubject | None:
    """The 责任主体 a 清单 heading (一、二、…) introduces, by the subject's label; None for 总则 and the like."""
    text = _HEADING.sub("", heading)
    for subject in (QuanxianSubject.RELATED, QuanxianSubject.SHARED):  # “主管部门与事业单位共同…” is SHARED
        if subject.value in text:
            return subject
    return next((s for s in (QuanxianSubject.SUPERVISOR, QuanxianSubject.UNIT) if text.startswith(s.value)), None)

_ENTRY = re.compile(r"^\d+[.．]\s*")
_SEP = "\t"


def parse_quanxian(paras: Paragraphs) -> tuple[Fields, set[int]]:
    """Each 事项 as one line ``责任主体<TAB>类别<TAB>事项<TAB>依据`` in the order printed."""
    lines: list[str] = []
    used: set[int] = set()
    subject: QuanxianSubject | None = None
    category = ""
    for i, (_style, t) in enumerate(paras):
        if _HEADING.match(t):
            subject = _side(t)
            category = ""
            continue
        if subject is None:
            continue
        if _ITEM.match(t):
            category = _ITEM.sub("", t).strip()
            used.add(i)
        elif _ENTRY.match(t) and category:
            text = _ENTRY.sub("", t)
            content, _sep, basis = text.partition("。依据：")
            lines.append(_SEP.join((subject.value, category, clause(content), clause(basis))))
            used.add(i)
    return {"items": "\n".join(lines)}, used


def _quanxian_items(current: Quanxian, new: str, unplaced: list[str]) -> list[QuanxianItem]:
    """The 事项 read back, matched to the stored ones by 责任主体, 类别 and position; a new 事项 has no
    行权方式 in the printed 清单, so it is listed for the clerk instead of being guessed."""
    groups: dict[tuple[str, str], list[QuanxianItem]] = {}
    for item in current.items:
        groups.setdefault((item.subject.value, item.category.value), []).append(item)
    seen: dict[tuple[str, str], int] = {}
    updated: dict[int, QuanxianItem] = {}
    for line in new.split("\n"):
        parts = line.split(_SEP)
        if len(parts) != 4:
            continue
        subject, category, content, basis = parts
        key = (subject, category)
        n = seen.get(key, 0)
        seen[key] = n + 1
        stored = groups.get(key, [])
        if n >= len(stored):
            unplaced.append(f"新增事项（{subject}·{category}）：{content}。请在程序中添加并选定行权方式。")
            continue
        related = stored[n].related_dept
        if related and content.endswith(f"（{related}）"):
            content = content[: -len(related) - 2]
        updated[id(stored[n])] = dataclasses.replace(stored[n], content=content, basis=basis)
    # the stored order; a 事项 deleted in Word is deleted here too
    return [updated[id(item)] for item in current.items if id(item) in updated]


PARSERS: dict[str, Callable[[Paragraphs], tuple[Fields, set[int]]]] = {
    "sanding": parse_sanding, "charter": parse_charter, "quanxian": parse_quanxian,
}
KIND_LABELS = {"sanding": "“三定”规定", "charter": "章程", "quanxian": "政事权限清单"}


# --- reading and applying -------------------------------------------------------------------------


def _open(path: Path) -> Any:
    try:
        return Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportDocError(f"“{path.name}”不是可读取的 Word 文档（.docx）：{exc}") from exc
    except OSError as exc:
        raise ImportDocError(f"无法读取“{path}”：{exc}") from exc


def _identify(snap: Snapshot, paras: Paragraphs) -> tuple[str, Unit]:
    titles = [t for s, t in paras if s in ("标题", "另面标题")] or [t for _s, t in paras[:6]]
    for title in titles:
        flat = normalize_name(title)
        kind = ("charter" if flat.endswith("章程") else "quanxian" if flat.endswith("政事权限清单")
                else "sanding" if "机构职能编制规定" in flat else "")
        if not kind:
            continue
        for unit in sorted(snap.after, key=lambda u: -len(u.name)):
            if normalize_name(unit.name) in flat:
                return kind, unit
    raise ImportDocError("在文档标题中没有找到工作区中的改革后单位的“三定”规定、政事权限清单或章程"
                         "（应是本程序导出、标题未改的“××机构职能编制规定”“××政事权限清单”或“××章程”）。")


def _program_document(snap: Snapshot, kind: str, unit: Unit) -> Paragraphs:
    from .export import _check_templates, _jobs, _render
    from .templates import TemplateStore

    store = TemplateStore()
    for job in _jobs(snap, None):
        if job.unit == unit.name and job.doc_kind == kind:
            _check_templates(store, [job.kind])
            return [(p.style, p.text.strip()) for p in _render(store, job, None).text.paragraphs if p.text.strip()]
    raise ImportDocError(f"工作区中“{unit.name}”还没有{KIND_LABELS[kind]}，无法对照导入。")


def _labels(kind: str) -> dict[str, str]:
    from ..model import DOCUMENT_FIELD_LABELS

    return DOCUMENT_FIELD_LABELS[kind]


def read_edited(snap: Snapshot, path: Path) -> EditedDocument:
    """What the edited DOCX at ``path`` changes against ``snap`` (nothing is applied)."""
    edited = _paragraphs(_open(Path(path)))
    kind, unit = _identify(snap, edited)
    ours = _program_document(snap, kind, unit)
    parse = PARSERS[kind]
    old_fields, old_used = parse(ours)
    new_fields, new_used = parse(edited)
    result = EditedDocument(kind, unit)
    labels = _labels(kind)
    stored = {"sanding": snap.sanding, "charter": snap.charters, "quanxian": snap.quanxian}[kind]
    current: Any = copy.deepcopy(stored[unit.id])  # type: ignore[index]
    for name, new in new_fields.items():
        if new == old_fields.get(name, ""):
            continue
        old_value = getattr(current, name)
        if kind == "quanxian":
            items = _quanxian_items(current, new, result.unplaced)
            shown = _items_text(current.items), _items_text(items)
            if shown[0] != shown[1]:
                result.changes.append(FieldChange(name, labels.get(name, name), *shown))
            current.items = items
            continue
        result.changes.append(FieldChange(name, labels.get(name, name), _show(old_value), new))
        setattr(current, name, _value(old_value, new))
    result.updated = current
    rest_ours = [t for i, (_s, t) in enumerate(ours) if i not in old_used]
    rest_edited = [t for i, (_s, t) in enumerate(edited) if i not in new_used]
    matcher = difflib.SequenceMatcher(a=rest_ours, b=rest_edited, autojunk=False)
    for tag, _a0, _a1, b0, b1 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            result.unplaced += rest_edited[b0:b1]
    return result


def _items_text(items: list[QuanxianItem]) -> str:
    return "\n".join(f"{i.subject.value}·{i.category.value}：{i.content}" + (f"（依据：{i.basis}）" if i.basis else "")
                     for i in items)


def _show(value: Any) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value)


def _value(old: Any, new: str) -> Any:
    if isinstance(old, list):
        return [clause(line) for line in new.split("\n") if clause(line)]
    return new


def apply(ws: Any, edited: EditedDocument, doc_no: str = "") -> Any:
    """Store the changed fields of ``edited`` in the workspace ``ws`` as one undoable operation."""
    if not edited.changes or edited.updated is None or edited.unit.id is None:
        raise ImportDocError("文档与工作区相比没有可导入的改动。")
    return ws.set_document(edited.unit.id, edited.updated, doc_no)
