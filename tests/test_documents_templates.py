"""Format templates: the defaults, validation with paragraph texts, install and roll-back."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from documents_helpers import demo_export, pdftotext, squash
from docx import Document

from sydw_desktop.documents import context as C
from sydw_desktop.documents import export_all
from sydw_desktop.documents.fonts import FontBook
from sydw_desktop.documents.templates import KINDS, TemplateInvalid, TemplateStore, validate_template
from sydw_desktop.errors import SydwError
from sydw_desktop.paths import templates_dir

ROOT = Path(__file__).resolve().parent.parent


def _contexts():
    snap, _ = demo_export()
    uid = snap.after[0].id
    sc = C.sanding_context(snap, uid)
    return {
        "plan": C.plan_context(snap),
        "plan_request": C.plan_context(snap),
        "sanding_reply": sc,
        "sanding_notice": sc,
        "quanxian": C.quanxian_context(snap, uid),
        "charter": C.charter_context(snap, uid),
        "contents": C.contents_context(snap, [{"title": "甲", "kind": "改革方案", "file": "a.pdf", "pages": 3}],
                                       [{"title": "乙", "kind": "Excel", "file": "b.xlsx", "rows": 2}]),
    }


def test_default_templates_are_valid_and_complete_for_the_demo() -> None:
    contexts = _contexts()
    for kind, tk in KINDS.items():
        path = templates_dir() / tk.filename
        report = validate_template(path, kind, contexts[kind])
        assert report.ok and not report.problems, report.text()


def test_committed_templates_are_what_the_generator_makes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_templates
    finally:
        sys.path.pop(0)
    for filename, kind in make_templates.TEMPLATES.items():
        generated = tmp_path / filename
        make_templates.build(kind).save(generated)
        with zipfile.ZipFile(generated) as a, zipfile.ZipFile(templates_dir() / filename) as b:
            for part in ("word/document.xml", "word/styles.xml", "word/settings.xml"):
                assert a.read(part) == b.read(part), f"{filename} {part}: run scripts/make_templates.py"


def test_templates_hold_the_wording_and_python_only_data() -> None:
    """Spot-check: sentences of the documents are in the .docx files, not in the program."""
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "sydw_desktop" / "documents").glob("*.py"))
    for phrase in ("现批复如下", "本章程经举办单位审核", "深化事业单位改革试点实施方案", "举办监督职责"):
        assert phrase not in source
        assert any(phrase in "".join(p.text for p in Document(str(f)).paragraphs)
                   for f in templates_dir().glob("*.docx")), phrase


def _template(tmp_path: Path, *paragraphs: str) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = tmp_path / "t.docx"
    doc.save(path)
    return path


def test_syntax_errors_are_reported_with_the_paragraph_text(tmp_path: Path) -> None:
    path = _template(tmp_path, "第一段", "第二段 {% if unit.name %} 没有结束", "第三段")
    report = validate_template(path, "charter")
    assert not report.ok
    (problem,) = report.errors
    assert problem.kind == "语法错误"
    assert problem.paragraph == "第二段 {% if unit.name %} 没有结束"
    assert "所在段落" in report.text()


def test_unknown_fields_and_filters_are_reported(tmp_path: Path) -> None:
    path = _template(tmp_path, "名称：{{ unit.nmae }}", "{% for d in sanding.duties %}{{ d.foo }}{% endfor %}",
                     "{{ charter.address }}", "{{ bogus }}")
    report = validate_template(path, "charter")
    found = {(p.kind, p.message, p.paragraph) for p in report.errors}
    assert ("未知字段", "程序不提供字段“unit.nmae”", "名称：{{ unit.nmae }}") in found
    assert any("d.foo" in m for _k, m, _p in found)
    assert any("“bogus”" in m and p == "{{ bogus }}" for _k, m, p in found)
    assert not any("charter.address" in m for _k, m, _p in found)
    bad_filter = _template(tmp_path, "{{ unit.name|nosuch }}")
    assert validate_template(bad_filter, "charter").errors[0].kind == "语法错误"


def test_fields_the_data_lacks_are_reported_with_the_paragraph(tmp_path: Path) -> None:
    snap, _ = demo_export()
    uid = snap.after[0].id
    ctx = C.charter_context(snap, uid)
    ctx["charter"]["address"] = None
    path = _template(tmp_path, "本单位住所：{{ charter.address }}。", "名称：{{ unit.name }}")
    report = validate_template(path, "charter", ctx)
    assert report.ok
    (gap,) = report.warnings
    assert gap.kind == "数据缺少" and "charter.address" in gap.message
    assert gap.paragraph == "本单位住所：{{ charter.address }}。"


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a zip")
    report = validate_template(path, "plan")
    assert report.errors[0].kind == "无法读取"


def test_install_keeps_the_previous_template_for_roll_back(tmp_path: Path) -> None:
    store = TemplateStore(root=tmp_path / "installed")
    default = store.path("charter")
    assert default == templates_dir() / "章程.docx"
    first = tmp_path / "one.docx"
    doc = Document(str(default))
    doc.paragraphs[0].runs[0].text = "{{ unit.name }}章程（第一版）"
    doc.save(first)
    store.install("charter", first)
    assert store.path("charter") == store.installed_path("charter")
    second = tmp_path / "two.docx"
    doc.paragraphs[0].runs[0].text = "{{ unit.name }}章程（第二版）"
    doc.save(second)
    store.install("charter", second)
    title = lambda: Document(str(store.path("charter"))).paragraphs[0].text  # noqa: E731
    assert title().endswith("（第二版）")
    store.rollback("charter")
    assert title().endswith("（第一版）")
    store.rollback("charter")
    assert title().endswith("（第二版）")
    store.reset("charter")
    assert store.path("charter") == default
    broken = _template(tmp_path, "{% for x in %}")
    with pytest.raises(TemplateInvalid) as err:
        store.install("plan", broken)
    assert "语法错误" in str(err.value)
    assert not store.installed_path("plan").exists()
    with pytest.raises(SydwError):
        store.rollback("plan")


def test_an_installed_office_template_is_used_by_the_export(tmp_path: Path) -> None:
    snap, _ = demo_export()
    store = TemplateStore(root=tmp_path / "installed")
    doc = Document(str(store.default_path("charter")))
    doc.paragraphs[0].runs[0].text = "{{ unit.name }}章程（示例旗格式）"
    custom = tmp_path / "custom.docx"
    doc.save(custom)
    store.install("charter", custom)
    result = export_all(snap, tmp_path / "out", {"pdf", "docx"}, templates=store, fonts=FontBook({}))
    name = snap.after[0].name
    pdf = tmp_path / "out" / f"章程-{name}.pdf"
    assert f"{name}章程（示例旗格式）" in squash(pdftotext(pdf, "-raw"))
    assert f"{name}章程（示例旗格式）" in Document(str(pdf.with_suffix(".docx"))).paragraphs[0].text
    assert any(e.title.endswith("（示例旗格式）") for e in result.entries)


def test_context_matches_the_declared_schema() -> None:
    """Every key the context builders produce is declared, and every declared key is produced."""

    def check(value, schema, path):
        if isinstance(schema, dict):
            assert isinstance(value, dict) or value is None, path
            if value is None:
                return
            assert set(value) == set(schema), (path, set(value) ^ set(schema))
            for k in schema:
                assert k not in dir(dict), f"{path}.{k} hides a dict method in Jinja"
                check(value[k], schema[k], f"{path}.{k}")
        elif isinstance(schema, list):
            assert isinstance(value, list), path
            for i, item in enumerate(value):
                check(item, schema[0], f"{path}[{i}]")
        else:
            assert value is None or isinstance(value, schema) or (schema is float and isinstance(value, int)), (
                path, value, schema)

    contexts = _contexts()
    for kind, tk in KINDS.items():
        check(contexts[kind], C.SCHEMAS[tk.schema], kind)


def _page_streams(pdf: Path) -> str:
    from pyhanko.pdf_utils.reader import PdfFileReader

    def get(obj):
        return obj.get_object() if hasattr(obj, "get_object") else obj

    out = []
    with pdf.open("rb") as fh:
        reader = PdfFileReader(fh)
        for page in reader.root["/Pages"]["/Kids"]:
            contents = get(get(page)["/Contents"])
            for stream in contents if isinstance(contents, list) else [contents]:
                out.append(get(stream).data.decode("latin-1"))
    return "\n".join(out)


def test_local_habits_are_template_settings(tmp_path: Path) -> None:
    """Bold level-2 headings and the 红头 wording are changed in the template, not in the program."""
    snap, _ = demo_export()
    store = TemplateStore(root=tmp_path / "installed")
    doc = Document(str(store.default_path("plan")))
    doc.styles["二级标题"].font.bold = True
    doc.styles["二级标题字"].font.bold = True
    masthead = next(p for p in doc.paragraphs if p.style.name == "发文机关标志")
    masthead.runs[0].text = "示例旗委员会 示例旗人民政府文件"
    custom = tmp_path / "plan.docx"
    doc.save(custom)
    store.install("plan", custom)
    default = export_all(snap, tmp_path / "a", {"pdf"}, templates=TemplateStore(root=tmp_path / "none"),
                         fonts=FontBook({}))
    local = export_all(snap, tmp_path / "b", {"pdf"}, templates=store, fonts=FontBook({}))
    plain = _page_streams(next(p for p in default.files if p.name == "改革方案.pdf"))
    bold = _page_streams(next(p for p in local.files if p.name == "改革方案.pdf"))
    assert "2 Tr" not in plain and "2 Tr" in bold
    text = squash(pdftotext(tmp_path / "b" / "改革方案.pdf", "-raw", "-f", "1", "-l", "1"))
    assert text.startswith("示例旗委员会示例旗人民政府文件") or "示例旗委员会示例旗人民政府文件" in text


# --- templates are input, not code ------------------------------------------------------------

_ESCAPE = '{{ namespace.__init__.__globals__.__builtins__.__import__("os").system("touch MARKER") }}'


def _escape_template(tmp_path: Path, marker: Path) -> Path:
    doc = Document(str(templates_dir() / "章程.docx"))
    doc.add_paragraph("附则：" + _ESCAPE.replace("MARKER", str(marker)))
    path = tmp_path / "章程.docx"
    doc.save(path)
    return path


@pytest.mark.parametrize("expression", [
    "namespace.__init__.__globals__",
    "unit.name.__class__.__mro__",
    "unit['__class__']",
    "unit|attr('__class__')",
    "range.__self__",
])
def test_a_template_reaching_into_python_is_refused_naming_the_paragraph(tmp_path: Path, expression: str) -> None:
    path = _template(tmp_path, "第一段", f"危险段落 {{{{ {expression} }}}}")
    report = validate_template(path, "charter")
    assert not report.ok
    problem = report.errors[0]
    assert problem.kind == "不安全写法" and "下划线" in problem.message
    assert problem.paragraph.startswith("危险段落")
    assert len(report.errors) == 1  # one problem per expression, not one per attribute of the chain


def test_installing_a_code_running_template_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    evil = _escape_template(tmp_path, marker)
    store = TemplateStore(root=tmp_path / "installed")
    with pytest.raises(TemplateInvalid) as err:
        store.install("charter", evil)
    assert "不安全写法" in str(err.value) and "附则" in str(err.value)
    assert not store.installed_path("charter").exists()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "APPDATA": str(tmp_path / "data")}
    r = subprocess.run([sys.executable, "-m", "sydw_desktop", "templates", "install", "charter", str(evil)],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 2 and "不安全写法" in r.stderr and "Traceback" not in r.stderr
    assert not marker.exists()


def test_rendering_runs_in_a_sandbox(tmp_path: Path) -> None:
    """Even a template that skipped validation (copied into the folder by hand) cannot run code."""
    from sydw_desktop.documents.docx_render import RenderError, fill

    marker = tmp_path / "PWNED"
    evil = _escape_template(tmp_path, marker)
    snap, _ = demo_export()
    with pytest.raises(RenderError) as err:
        fill(evil, C.charter_context(snap, snap.after[0].id))
    assert "不能访问以下划线开头的内部属性" in err.value.message and "附则" in err.value.message
    assert not marker.exists()
    report = validate_template(_template(tmp_path, "{{ unit.name.format.__globals__ }}"), "charter",
                               C.charter_context(snap, snap.after[0].id))
    assert [p.kind for p in report.errors] == ["不安全写法"]


def test_installing_the_installed_template_again_keeps_it(tmp_path: Path) -> None:
    store = TemplateStore(root=tmp_path / "installed")
    one, two = tmp_path / "one.docx", tmp_path / "two.docx"
    for path, edition in ((one, "第一版"), (two, "第二版")):
        doc = Document(str(store.default_path("charter")))
        doc.paragraphs[0].runs[0].text = f"{{{{ unit.name }}}}章程（{edition}）"
        doc.save(path)
    store.install("charter", one)
    store.install("charter", two)
    title = lambda path: Document(str(path)).paragraphs[0].text  # noqa: E731
    with pytest.raises(SydwError, match="已经是当前安装的“章程”模板"):
        store.install("charter", store.installed_path("charter"))
    assert title(store.installed_path("charter")).endswith("（第二版）")
    assert title(store.previous_dir / "章程.docx").endswith("（第一版）")
    # Installing the kept previous one (the file the install itself moves) installs that one.
    store.install("charter", store.previous_dir / "章程.docx")
    assert title(store.installed_path("charter")).endswith("（第一版）")
    assert title(store.previous_dir / "章程.docx").endswith("（第二版）")


def test_a_docx_with_broken_xml_cannot_be_read_and_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "坏章程.docx"
    with zipfile.ZipFile(templates_dir() / "章程.docx") as src, zipfile.ZipFile(bad, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            out.writestr(info, data[: len(data) // 2] if info.filename == "word/document.xml" else data)
    report = validate_template(bad, "charter")
    assert [p.kind for p in report.errors] == ["无法读取"] and "XML" in report.errors[0].message
    no_body = tmp_path / "无正文.docx"
    with zipfile.ZipFile(templates_dir() / "章程.docx") as src, zipfile.ZipFile(no_body, "w") as out:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, src.read(info))
    assert [p.kind for p in validate_template(no_body, "charter").errors] == ["无法读取"]
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "APPDATA": str(tmp_path / "data")}
    for path in (bad, no_body):
        r = subprocess.run([sys.executable, "-m", "sydw_desktop", "templates", "install", "charter", str(path)],
                           capture_output=True, text=True, env=env, timeout=300)
        assert r.returncode == 2, r.stderr
        assert "无法读取" in r.stderr and path.name in r.stderr
        assert "Traceback" not in r.stderr and "程序内部错误" not in r.stderr
