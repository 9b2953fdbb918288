"""模板管理 (validate, install, keep the previous, roll back) and 规则参数 (basis, override with 文号, 台账)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from document_ui_helpers import needs_poppler, open_document, pdf_text, preview_from
from docx import Document
from ui_helpers import demo_path_fixture, findings, type_chinese, wait_report, window_fixture  # noqa: F401

from sydw_desktop.paths import templates_dir
from sydw_desktop.vocab import Phase
from ui.documents.params_dialog import ParamsDialog, typed_value
from ui.documents.template_dialog import TemplateDialog, sample_context


def charter_template(folder: Path, name: str, extra: str) -> Path:
    """The bundled 章程 template with one more paragraph after the title."""
    document = Document(str(templates_dir() / "章程.docx"))
    title = document.paragraphs[0]
    paragraph = title.insert_paragraph_before(extra)
    title._p.addnext(paragraph._p)  # after the title, not before it
    path = folder / name
    document.save(str(path))
    return path


def run_job(qtbot, dialog: TemplateDialog, action) -> str:
    texts: list[str] = []
    dialog.finished_job.connect(texts.append)
    action()
    qtbot.waitUntil(lambda: bool(texts), timeout=30_000)
    return texts[0]


@pytest.fixture(name="user_data")
def user_data_fixture(tmp_path: Path, monkeypatch) -> Path:
    """Installed templates go to a per-test user folder (as on a clerk's PC, %APPDATA%\\sydw)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "data"))
    return tmp_path / "data" / "sydw"


def test_sample_context_uses_this_workspace(window) -> None:
    snap = window.session.ws.snapshot()
    assert sample_context(snap, "charter")["unit"]["name"] == snap.after[0].name
    assert sample_context(snap, "sanding_notice")["sanding"]["form"] == "通知"
    assert sample_context(snap, "plan")["jurisdiction"]["name"] == "示例旗"


@needs_poppler
def test_invalid_template_refused_valid_one_installed_and_rolled_back(qtbot, window, user_data, tmp_path) -> None:
    dialog = TemplateDialog(window.session, parent=window)
    qtbot.addWidget(dialog)
    store = dialog.store
    assert store.root == user_data / "templates"
    dialog.select_kind("charter")
    assert dialog.current_kind() == "charter"

    for extra, kind in (("本单位{{ unit.name }}应当{% endfor %}依法运行", "语法错误"),
                        ("本单位的{{ unit.nickname }}应当依法运行", "未知字段")):
        broken = charter_template(tmp_path, f"坏模板-{kind}.docx", extra)
        text = run_job(qtbot, dialog, lambda b=broken: dialog.install("charter", b))
        assert "未安装" in text and not store.installed_path("charter").exists()
        rows = [(dialog.problems.item(r, 0).text(), dialog.problems.item(r, 2).text())
                for r in range(dialog.problems.rowCount())]
        assert any(k == kind and "依法运行" in paragraph for k, paragraph in rows), rows

    first = charter_template(tmp_path, "本地区章程.docx", "（本地区格式）")
    text = run_job(qtbot, dialog, lambda: dialog.install("charter", first))
    assert "已安装" in text and store.installed_path("charter").read_bytes() == first.read_bytes()
    status = {s.kind.key: s for s in store.status()}["charter"]
    assert status.installed and not status.has_previous
    row = next(r for r in range(dialog.kinds.rowCount()) if dialog.kinds.item(r, 0).text() == "章程")
    assert dialog.kinds.item(row, 1).text() == "本地安装的模板"

    # the preview uses the installed template
    unit = window.session.ws.units(Phase.AFTER)[0]
    editor = open_document(window, unit.id, "charter")
    preview = preview_from(qtbot, window, editor.preview_button)
    assert "（本地区格式）" in pdf_text(preview.bundle.sources[0].path)
    preview.close()

    second = charter_template(tmp_path, "第二版.docx", "（第二版）")
    run_job(qtbot, dialog, lambda: dialog.install("charter", second))
    assert {s.kind.key: s for s in store.status()}["charter"].has_previous
    assert dialog.rollback_button.isEnabled()
    dialog.rollback_button.click()
    assert store.installed_path("charter").read_bytes() == first.read_bytes()
    dialog.reset_button.click()
    assert store.path("charter") == store.default_path("charter")
    text = run_job(qtbot, dialog, lambda: dialog.check("charter"))
    assert "检查通过" in text or "数据缺少" in text


def test_params_dialog_shows_basis_and_overrides_with_doc_no(qtbot, window) -> None:
    ws = window.session.ws
    unit = next(u for u in ws.units(Phase.AFTER) if u.staffing == 6 and not u.exemption)
    assert not findings(window, "plan.min_unit_size", unit.name)
    dialog = ParamsDialog(window.session, window)
    qtbot.addWidget(dialog)
    assert dialog.select_rule("plan.min_unit_size")
    html = dialog.detail.toPlainText()
    assert "不再保留规模过小的事业单位" in html and "依据" in html and "最近核对" in html
    names = [dialog.params.item(r, 0).text() for r in range(dialog.params.rowCount())]
    assert names == ["T", "inclusive", "measure"]
    assert dialog.params.item(0, 2).text() == "5" and dialog.params.item(0, 3).text() == "5"

    dialog.param.setCurrentIndex(dialog.param.findData("T"))
    dialog.value.setText("6")
    assert not dialog.apply()  # no 文号 yet
    assert "文号" in dialog.message.text()
    type_chinese(dialog.doc_no, "示编发〔2026〕20号")
    assert not dialog.apply()  # no reason yet
    type_chinese(dialog.reason, "本旗按上级批复口径执行")
    dialog.value.setText("六")
    assert not dialog.apply() and "整数" in dialog.message.text()
    dialog.value.setText("6")
    assert dialog.apply()
    override = ws.param_overrides()[-1]
    assert (override.rule, override.param, override.value, override.doc_no) == \
        ("plan.min_unit_size", "T", 6, "示编发〔2026〕20号")
    entry = ws.changelog(limit=1)[0]
    assert entry.entity == "规则参数" and entry.doc_no == "示编发〔2026〕20号" and "6" in entry.new
    assert dialog.params.item(0, 3).text() == "6"
    assert dialog.overrides.rowCount() == 1 and dialog.overrides.item(0, 3).text() == "示编发〔2026〕20号"
    wait_report(qtbot, window)
    assert findings(window, "plan.min_unit_size", unit.name), "the checker uses the new value"

    window.undo()
    assert not ws.param_overrides()
    assert dialog.params.item(0, 3).text() == "5" and dialog.overrides.rowCount() == 0
    wait_report(qtbot, window)
    assert not findings(window, "plan.min_unit_size", unit.name)


def test_typed_values() -> None:
    assert typed_value("6") == 6 and typed_value("[1, 2]") == [1, 2] and typed_value("正科级") == "正科级"


def test_templates_menu_opens_one_dialog(qtbot, window, user_data) -> None:
    window.actions_.doc_templates.trigger()
    first = window.document_menu.template_dialog
    assert first is not None and first.isVisible()
    window.actions_.doc_templates.trigger()
    assert window.document_menu.template_dialog is first
    window.actions_.doc_params.trigger()
    assert window.document_menu.params_dialog is not None and window.document_menu.params_dialog.isVisible()
    shutil.rmtree(user_data, ignore_errors=True)
