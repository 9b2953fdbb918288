"""Word/WPS round trip (issue 14): a 三定 and a 章程 exported by the program, edited, saved through
LibreOffice, read back with ``sydw import-doc`` and applied as one undoable operation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from documents_helpers import convert, pdftotext, squash
from docx import Document

from sydw_desktop.cli import main
from sydw_desktop.demo import write_demo
from sydw_desktop.documents.docx_import import apply, read_edited
from sydw_desktop.documents.export import export_all
from sydw_desktop.model import Snapshot
from sydw_desktop.workspace import Workspace

needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                       reason="LibreOffice is not installed")


def _edit(source: Path, target: Path, change: dict[str, str], append: dict[str, str]) -> None:
    doc = Document(str(source))
    for p in doc.paragraphs:
        for old, new in change.items():
            if old in p.text:
                for r in p.runs:
                    r.text = r.text.replace(old, new)
        for marker, extra in append.items():
            if marker in p.text:
                p.runs[-1].text += extra
    doc.save(str(target))


def _exported_demo(tmp_path: Path) -> tuple[Path, Snapshot]:
    """The demo workspace and its documents exported as DOCX into ``tmp_path / "out"``."""
    ws_path = tmp_path / "demo.sydw"
    write_demo(ws_path)
    with Workspace.open(ws_path, readonly=True) as ws:
        snap = ws.snapshot()
    export_all(snap, tmp_path / "out", {"docx"})
    return ws_path, snap


def test_every_unedited_document_reads_back_unchanged(tmp_path: Path) -> None:
    _ws, snap = _exported_demo(tmp_path)
    per_unit = [p for p in (tmp_path / "out").iterdir() if p.suffix == ".docx" and p.name.startswith(("三定", "章程", "政事"))]
    assert len(per_unit) == 2 * len(snap.after) + len(snap.quanxian)
    for path in per_unit:
        edited = read_edited(snap, path)
        assert edited.changes == [] and edited.unplaced == [], path.name


def test_quanxian_item_edited_in_word(tmp_path: Path) -> None:
    _ws, snap = _exported_demo(tmp_path)
    edited = tmp_path / "qx.docx"
    _edit(tmp_path / "out" / "政事权限清单-示例旗人民医院.docx", edited,
          {"审核单位岗位设置方案": "审核单位岗位设置方案、人员聘用结果"}, {})
    found = read_edited(snap, edited)
    assert [c.field for c in found.changes] == ["items"]
    assert found.changes[0].paragraphs() == [(
        "主管部门·干部人事：审核单位岗位设置方案和公开招聘方案（依据：《事业单位人事管理条例》第八条、第九条）",
        "主管部门·干部人事：审核单位岗位设置方案、人员聘用结果和公开招聘方案（依据：《事业单位人事管理条例》第八条、第九条）",
    )]
    hospital = next(u for u in snap.after if u.name == "示例旗人民医院")
    before = snap.quanxian[hospital.id].items  # type: ignore[index]
    after = found.updated.items  # type: ignore[union-attr]
    assert len(after) == len(before) and [i.mode for i in after] == [i.mode for i in before]


@needs_libreoffice
def test_sanding_and_charter_edited_through_libreoffice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws_path, snap = _exported_demo(tmp_path)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    sanding = drafts / "三定规定-示例旗融媒体中心.docx"
    charter = drafts / "章程-示例旗图书馆.docx"
    _edit(tmp_path / "out" / sanding.name, sanding, {"负责广播电视节目的制作": "负责广播电视和网络视听节目的制作"}, {})
    _edit(tmp_path / "out" / charter.name, charter, {}, {"每年按时向登记管理机关报送年度报告": "本单位网站同步公开。",
                                                          "第一条": "（此句为模板措辞）"})
    saved = convert([sanding, charter], "docx:MS Word 2007 XML", tmp_path / "lo")  # saved by LibreOffice
    assert set(saved) == {sanding, charter}

    edited = read_edited(snap, saved[sanding])
    assert [c.field for c in edited.changes] == ["duties"] and not edited.unplaced
    assert "负责广播电视和网络视听节目的制作" in edited.changes[0].new
    edited = read_edited(snap, saved[charter])
    assert [c.field for c in edited.changes] == ["disclosure"]
    assert len(edited.unplaced) == 1 and "（此句为模板措辞）" in edited.unplaced[0]  # listed, not dropped

    assert main(["import-doc", str(ws_path), str(saved[charter]), "--dry-run"]) == 0
    assert "（此句为模板措辞）" in capsys.readouterr().err
    assert main(["import-doc", str(ws_path), str(saved[sanding])]) == 0
    with Workspace.open(ws_path) as ws:
        apply(ws, read_edited(ws.snapshot(), saved[charter]))
        after = ws.snapshot()
        library = next(u for u in after.after if u.name == "示例旗图书馆")
        assert after.charters[library.id].disclosure.endswith("本单位网站同步公开。")  # type: ignore[index]
        ws.undo()  # the import is one operation
        assert ws.snapshot().charters[library.id].disclosure == snap.charters[library.id].disclosure  # type: ignore[index]
        ws.redo()
        final = ws.snapshot()
    export_all(final, tmp_path / "again", {"docx"})
    pdf = convert([tmp_path / "again" / sanding.name], "pdf", tmp_path / "pdf")[tmp_path / "again" / sanding.name]
    assert "负责广播电视和网络视听节目的制作" in squash(pdftotext(pdf))
