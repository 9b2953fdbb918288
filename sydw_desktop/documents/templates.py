"""Format templates: which file each document uses, installing an office's own, and validating one.

The defaults ship in ``templates_docx/``. An office installs its region's templates into the
per-user folder ``<user data>/templates/`` (``%APPDATA%\\sydw\\templates`` on Windows,
``~/.local/share/sydw/templates`` elsewhere); an installed template replaces the default of its
kind for every workspace on that account. Installing keeps the template it replaces in
``templates/previous/`` so :meth:`TemplateStore.rollback` can restore it.

A template is validated before it is installed and before every export: Jinja syntax errors,
fields the program does not provide (checked against :data:`context.SCHEMAS`) and — given data —
fields the data lacks are each reported with the text of the paragraph they are in.
"""

from __future__ import annotations

import io
import os
import traceback
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateError, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from lxml.etree import XMLSyntaxError

from ..errors import SydwError
from ..files import describe_os_error, write_bytes_atomic
from ..paths import templates_dir, user_data_dir
from .context import SCHEMAS
from .template_env import Audit, is_unsafe_name, jinja_source, make_environment, mark_missing, paragraph_lines


class TemplateInvalid(SydwError):
    """A template cannot be used; ``report`` lists every problem."""

    def __init__(self, report: TemplateReport) -> None:
        super().__init__(report.text())
        self.report = report


@dataclass(frozen=True)
class TemplateKind:
    key: str
    filename: str
    title: str
    schema: str


KINDS: dict[str, TemplateKind] = {
    k.key: k
    for k in (
        TemplateKind("plan", "改革方案.docx", "改革方案", "plan"),
        TemplateKind("plan_request", "改革方案-请示.docx", "改革方案报送请示", "plan"),
        TemplateKind("sanding_reply", "三定规定-批复.docx", "“三定”规定（批复）", "sanding"),
        TemplateKind("sanding_notice", "三定规定-通知.docx", "“三定”规定（印发通知）", "sanding"),
        TemplateKind("quanxian", "政事权限清单.docx", "政事权限清单", "quanxian"),
        TemplateKind("charter", "章程.docx", "章程", "charter"),
        TemplateKind("contents", "封面及目录.docx", "封面及报送材料目录", "contents"),
    )
}

ERROR_KINDS = ("无法读取", "语法错误", "未知字段", "不安全写法", "渲染错误")
UNSAFE_HINT = "模板不能访问以下划线开头的内部属性（这类写法可被用来在本机执行任意程序），请删除这段内容"
"""What every refused ``_``-attribute and every sandbox refusal tells the clerk."""


@dataclass(frozen=True)
class TemplateProblem:
    kind: str
    """无法读取 | 语法错误 | 未知字段 | 不安全写法 | 渲染错误 (errors) or 数据缺少 (a warning)."""
    message: str
    paragraph: str = ""
    """The text of the template paragraph the problem is in."""

    @property
    def is_error(self) -> bool:
        return self.kind in ERROR_KINDS

    def text(self) -> str:
        where = f"（所在段落：“{_clip(self.paragraph)}”）" if self.paragraph else ""
        return f"{self.kind}：{self.message}{where}"


@dataclass
class TemplateReport:
    path: Path
    kind: TemplateKind
    problems: list[TemplateProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[TemplateProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[TemplateProblem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def text(self) -> str:
        head = f"模板“{self.path.name}”（{self.kind.title}）"
        if not self.problems:
            return f"{head}检查通过。"
        lines = [f"{head}有 {len(self.errors)} 处错误、{len(self.warnings)} 处数据缺少："]
        lines += [f"  {p.text()}" for p in self.problems]
        return "\n".join(lines)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


# --- sources ------------------------------------------------------------------------------------


def template_sources(path: Path | BinaryIO) -> list[tuple[str, str]]:
    """(part name, Jinja source) of the body, headers and footers, as docxtpl renders them."""
    tpl = DocxTemplate(str(path) if isinstance(path, Path) else path)
    tpl.init_docx()
    sources = [("正文", jinja_source(tpl.patch_xml(tpl.get_xml())))]
    for uri, label in ((tpl.HEADER_URI, "页眉"), (tpl.FOOTER_URI, "页脚")):
        for _key, part in tpl.get_headers_footers(uri):
            sources.append((label, jinja_source(tpl.patch_xml(tpl.get_part_xml(part)))))
    return sources


def paragraph_at(lines: list[str], lineno: int) -> str:
    """The paragraph text at a Jinja line, or the next non-empty one."""
    for i in range(max(lineno - 1, 0), min(len(lines), lineno + 3)):
        if lines[i]:
            return lines[i]
    return ""


def template_lineno(exc: BaseException) -> int:
    """The template line an exception raised while rendering came from (0 if unknown)."""
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return int(lineno)
    for entry in reversed(traceback.extract_tb(exc.__traceback__)):
        if entry.filename == "<template>" and entry.lineno:
            return entry.lineno
    return 0


# --- schema walk: unknown fields ----------------------------------------------------------------

ANY = object()
UNSAFE = object()
"""The value of an expression that reached for a ``_`` attribute (reported once, at the first)."""
_LEAVES = (str, int, float, bool)
_BUILTIN_NAMES = {"loop", "none", "true", "false", "None", "True", "False", "varargs", "kwargs", "caller"}


class _SchemaWalker:
    """Finds names and attributes a template uses that the context schema does not declare."""

    def __init__(self, schema: dict[str, Any], env: Environment, lines: list[str]) -> None:
        self.schema = schema
        self.env = env
        self.lines = lines
        self.problems: list[TemplateProblem] = []
        self._seen: set[tuple[str, int]] = set()

    def report(self, name: str, lineno: int) -> None:
        key = (name, lineno)
        if key not in self._seen:
            self._seen.add(key)
            self.problems.append(
                TemplateProblem("未知字段", f"程序不提供字段“{name}”", paragraph_at(self.lines, lineno))
            )

    def report_unsafe(self, name: str, lineno: int) -> None:
        key = ("\0unsafe:" + name, lineno)
        if key not in self._seen:
            self._seen.add(key)
            self.problems.append(
                TemplateProblem("不安全写法", f"“{name}”：{UNSAFE_HINT}", paragraph_at(self.lines, lineno))
            )

    def resolve(self, node: nodes.Node, scope: dict[str, Any]) -> tuple[Any, str]:
        """(schema of the expression's value, dotted path) — ANY when not statically known."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name], node.name
            if node.name in self.schema:
                return self.schema[node.name], node.name
            if node.name not in self.env.globals and node.name not in _BUILTIN_NAMES:
                self.report(node.name, node.lineno)
            return ANY, node.name
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            if isinstance(node, nodes.Getitem):
                self.walk(node.arg, scope)
                if not (isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str | int)):
                    self.resolve(node.node, scope)
                    return ANY, ""
                attr = node.arg.value
            else:
                attr = node.attr
            base, path = self.resolve(node.node, scope)
            full = f"{path}.{attr}" if path else str(attr)
            if base is UNSAFE:  # already reported further in: one problem per chain
                return UNSAFE, full
            if is_unsafe_name(attr):
                self.report_unsafe(full, node.lineno)
                return UNSAFE, full
            if base is ANY:
                return ANY, full
            if isinstance(base, dict):
                if attr not in base:
                    self.report(full, node.lineno)
                    return ANY, full
                return base[attr], full
            if isinstance(base, list):
                if isinstance(attr, int):
                    return base[0], full
                if not hasattr(list, str(attr)):
                    self.report(full, node.lineno)
                return ANY, full
            if isinstance(base, type) and base in _LEAVES and not hasattr(base, str(attr)):
                self.report(full, node.lineno)
            return ANY, full
        if isinstance(node, nodes.Or):
            left, path = self.resolve(node.left, scope)
            self.walk(node.right, scope)
            return left, path
        self.walk(node, scope)
        return ANY, ""

    def walk(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            iter_schema, _ = self.resolve(node.iter, scope)
            inner = dict(scope)
            inner["loop"] = ANY
            elem = iter_schema[0] if isinstance(iter_schema, list) and iter_schema else ANY
            self._bind(node.target, elem, inner)
            if node.test is not None:
                self.walk(node.test, inner)
            for child in node.body:
                self.walk(child, inner)
            for child in node.else_:
                self.walk(child, scope)
            return
        if isinstance(node, nodes.Assign | nodes.AssignBlock):
            if isinstance(node, nodes.Assign):
                self.walk(node.node, scope)
            else:
                for child in node.body:
                    self.walk(child, scope)
            self._bind(node.target, ANY, scope)
            return
        if isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.walk(value, scope)
                self._bind(target, ANY, inner)
            for child in node.body:
                self.walk(child, inner)
            return
        if isinstance(node, nodes.Macro | nodes.CallBlock):
            inner = dict(scope)
            for arg in node.args:
                self._bind(arg, ANY, inner)
            inner["caller"] = ANY
            for child in node.body:
                self.walk(child, inner)
            return
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            self.resolve(node, scope)
            return
        if isinstance(node, nodes.Filter) and node.name == "attr":  # {{ x|attr("__class__") }}
            for filter_arg in node.args:
                if isinstance(filter_arg, nodes.Const) and is_unsafe_name(filter_arg.value):
                    self.report_unsafe(f"attr(\"{filter_arg.value}\")", node.lineno)
        for child in node.iter_child_nodes():
            self.walk(child, scope)

    def _bind(self, target: nodes.Node, schema: Any, scope: dict[str, Any]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = schema
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, ANY, scope)


# --- validation -----------------------------------------------------------------------------------


def _check_source(
    part: str, source: str, schema: dict[str, Any], context: dict[str, Any] | None
) -> list[TemplateProblem]:
    lines = paragraph_lines(source)
    audit = Audit()
    env = make_environment(audit)
    try:
        ast = env.parse(source)
        env.compile(ast)
    except TemplateSyntaxError as exc:
        detail = exc.message or "语法错误"
        return [TemplateProblem("语法错误", f"{part}：{_syntax_hint(detail)}", paragraph_at(lines, exc.lineno))]
    walker = _SchemaWalker(schema, env, lines)
    walker.walk(ast, {})
    problems = walker.problems
    if context is not None and not problems:
        try:
            env.from_string(source).render(mark_missing(context))
        except SecurityError as exc:
            problems.append(TemplateProblem("不安全写法", f"{part}：{UNSAFE_HINT}",
                                            paragraph_at(lines, template_lineno(exc))))
        except TemplateError as exc:
            problems.append(TemplateProblem("渲染错误", f"{part}：{exc}", paragraph_at(lines, template_lineno(exc))))
        except (TypeError, ValueError, ArithmeticError) as exc:
            problems.append(TemplateProblem("渲染错误", f"{part}：{exc}", paragraph_at(lines, template_lineno(exc))))
        seen: set[tuple[str, str]] = set()
        for gap in audit.gaps:
            para = paragraph_at(lines, gap.line)
            if (gap.field, para) not in seen:
                seen.add((gap.field, para))
                problems.append(TemplateProblem("数据缺少", f"“{gap.field}”没有数据，输出为空", para))
    return problems


def _syntax_hint(message: str) -> str:
    """Jinja's English message with a Chinese lead; the original is kept for exactness."""
    hints = {
        "unexpected end of template": "模板意外结束：缺少 {% endif %}、{% endfor %} 等结束标记",
        "Encountered unknown tag": "遇到未知的标记（结束标记不配对或拼写错误）",
        "unexpected '}'": "多余的“}”",
        "expected token": "表达式不完整",
        "No filter named": "未知的过滤器",
        "No test named": "未知的测试",
    }
    for needle, lead in hints.items():
        if needle.lower() in message.lower():
            return f"{lead}（{message}）"
    return f"Jinja 语法错误（{message}）"


def validate_template(
    path: Path, kind: str, context: dict[str, Any] | None = None, *, data: bytes | None = None
) -> TemplateReport:
    """Check a template file for ``kind``; with ``context``, also render it and list missing data.

    ``data``: the file's content when already read (what is checked is then exactly what is installed).
    """
    tk = KINDS[kind]
    report = TemplateReport(Path(path), tk)
    try:
        sources = template_sources(Path(path) if data is None else io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        report.problems.append(TemplateProblem("无法读取", f"不是有效的 Word（.docx）文件：{exc}"))
        return report
    except XMLSyntaxError as exc:
        report.problems.append(
            TemplateProblem("无法读取", f"不是有效的 Word（.docx）文件：文件内部的 XML 已损坏（{exc}）")
        )
        return report
    except OSError as exc:
        report.problems.append(TemplateProblem("无法读取", f"无法读取文件：{describe_os_error(exc)}"))
        return report
    for part, source in sources:
        report.problems += _check_source(part, source, SCHEMAS[tk.schema], context)
    return report


# --- store --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateStatus:
    kind: TemplateKind
    path: Path
    installed: bool
    has_previous: bool


class TemplateStore:
    """Default and installed templates. ``root`` defaults to the per-user ``templates`` folder."""

    def __init__(self, root: Path | None = None, defaults: Path | None = None) -> None:
        self.root = Path(root) if root is not None else user_data_dir() / "templates"
        self.defaults = Path(defaults) if defaults is not None else templates_dir()

    @property
    def previous_dir(self) -> Path:
        return self.root / "previous"

    def default_path(self, kind: str) -> Path:
        return self.defaults / KINDS[kind].filename

    def installed_path(self, kind: str) -> Path:
        return self.root / KINDS[kind].filename

    def path(self, kind: str) -> Path:
        """The template an export of ``kind`` uses: the installed one, else the default."""
        installed = self.installed_path(kind)
        return installed if installed.is_file() else self.default_path(kind)

    def status(self) -> Iterator[TemplateStatus]:
        for key, tk in KINDS.items():
            yield TemplateStatus(tk, self.path(key), self.installed_path(key).is_file(),
                                 (self.previous_dir / tk.filename).is_file())

    def install(self, kind: str, source: Path, context: dict[str, Any] | None = None) -> TemplateReport:
        """Validate ``source`` and make it the template of ``kind``; the replaced one is kept."""
        if kind not in KINDS:
            raise SydwError(f"未知的模板类型“{kind}”，可选：{'、'.join(KINDS)}。")
        source = Path(source)
        if not source.is_file():
            raise SydwError(f"模板文件不存在：{source}")
        target = self.installed_path(kind)
        if _same_file(source, target):
            raise SydwError(f"“{source}”已经是当前安装的“{KINDS[kind].title}”模板，无需重新安装。")
        try:  # read first: the source may be the file that is about to be moved to previous/
            data = source.read_bytes()
        except OSError as exc:
            raise SydwError(f"无法读取模板文件“{source}”：{describe_os_error(exc)}。") from exc
        report = validate_template(source, kind, context, data=data)
        if not report.ok:
            raise TemplateInvalid(report)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SydwError(f"无法创建模板文件夹“{self.root}”：{describe_os_error(exc)}。") from exc
        self._keep_previous(kind, move=False)  # a copy: a failed write below leaves the current one in place
        write_bytes_atomic(target, data, overwrite=True, what="模板")
        return report

    def rollback(self, kind: str) -> Path:
        """Swap the installed template of ``kind`` with the one it replaced."""
        previous = self.previous_dir / KINDS[kind].filename
        current = self.installed_path(kind)
        if not previous.is_file():
            raise SydwError(f"“{KINDS[kind].title}”没有可恢复的上一版模板。")
        swap = current.with_suffix(".swap")
        if current.is_file():
            os.replace(current, swap)
        os.replace(previous, current)
        if swap.is_file():
            os.replace(swap, previous)
        return current

    def reset(self, kind: str) -> None:
        """Go back to the bundled default (the installed one is kept as previous)."""
        self._keep_previous(kind)

    def _keep_previous(self, kind: str, *, move: bool = True) -> None:
        current = self.installed_path(kind)
        if current.is_file():
            previous = self.previous_dir / KINDS[kind].filename
            try:
                self.previous_dir.mkdir(parents=True, exist_ok=True)
                if move:
                    os.replace(current, previous)
                else:
                    write_bytes_atomic(previous, current.read_bytes(), overwrite=True, what="上一版模板")
            except OSError as exc:
                raise SydwError(
                    f"无法把当前模板“{current}”保存为上一版（{previous}）：{describe_os_error(exc)}。模板未作修改。"
                ) from exc


def _same_file(a: Path, b: Path) -> bool:
    try:
        return b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
