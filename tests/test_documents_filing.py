"""Documents fit to file (issue 14): each defect a reviewer at the level above found, and the doc.* lint.

The documents are filled in memory (``render_all``) and read paragraph by paragraph, as the lint
does; the packet-level checks export or pack for real.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path

import pytest
from documents_helpers import approve, demo_snapshot, squash
from openpyxl import load_workbook
from packet_helpers import identity

from sydw_desktop.documents.export import ExportRefused, export_all, lint_snapshot, render_all
from sydw_desktop.documents.lint import Paragraph, RenderedDocument, lint_documents, lint_workspace
from sydw_desktop.documents.templates import TemplateStore
from sydw_desktop.model import Jurisdiction, Snapshot
from sydw_desktop.packets.errors import PackRefused
from sydw_desktop.packets.pack import pack_snapshot
from sydw_desktop.vocab import DocumentKind, Level, PartyOrg, Placement, SandingForm

_CACHE: dict[str, Snapshot] = {}


def demo(tmp_path_factory: pytest.TempPathFactory | None = None, *, issued: bool = False) -> Snapshot:
    key = "issued" if issued else "review"
    if key not in _CACHE:
        import tempfile

        snap = demo_snapshot(Path(tempfile.mkdtemp(prefix="sydw-filing-")))
        _CACHE[key] = approve(snap) if issued else snap
    return copy.deepcopy(_CACHE[key])


def texts(snap: Snapshot) -> dict[str, RenderedDocument]:
    """Every document filled, by file stem."""
    store = TemplateStore(root=Path("/nonexistent-sydw-templates"))
    return {r.job.stem: r.text for r in render_all(snap, templates=store)}


def body(doc: RenderedDocument) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def unit_id(snap: Snapshot, name: str) -> int:
    return next(u.id for u in snap.after if u.name == name)  # type: ignore[return-value]


def rules_of(findings: list) -> set[str]:  # type: ignore[type-arg]
    return {f.rule for f in findings}


# --- the demo as filed passes the lint -----------------------------------------------------------


@pytest.mark.parametrize("issued", [False, True])
def test_the_whole_demo_passes_the_lint_in_both_forms(issued: bool) -> None:
    snap = demo(issued=issued)
    for sd in snap.sanding.values():  # and with the other 三定 form too
        sd.form = SandingForm.REPLY if sd.form is SandingForm.NOTICE else SandingForm.NOTICE
    for variant in (demo(issued=issued), snap):
        report = lint_snapshot(variant)
        assert report.findings == [], [f.message for f in report.findings]


def test_an_empty_and_a_one_unit_workspace() -> None:
    empty = Snapshot(Jurisdiction("示例旗", "159901", Level.BANNER), [], [], [], {}, {}, {})
    assert rules_of(lint_workspace(empty)) == {"doc.empty_plan"}
    assert texts(empty) == {}  # an empty plan is a finding, not a document reading “由0个调整为0个”
    one = demo()
    keep = one.after[0]
    one.after = [keep]
    one.before = [u for u in one.before if u.destination == keep.id]
    one.transfers = [t for t in one.transfers if t.source in {u.id for u in one.before}]
    one.__post_init__()
    report = lint_snapshot(one)
    assert report.findings == [], [f.message for f in report.findings]


def test_the_flawed_demo_after_its_problems_are_fixed(tmp_path: Path) -> None:
    """The training variant, each planted problem fixed the way a clerk would (the unit's values put
    right), passes the check and the lint."""
    import json

    from sydw_desktop.paths import resources
    from sydw_desktop.rules import run_checks

    flawed = demo_snapshot(tmp_path, flawed=True)
    assert run_checks(flawed).has_errors
    clean = demo()
    by_name = {u.name: u for u in clean.after}
    problems = json.loads((resources() / "demo" / "flawed.json").read_text(encoding="utf-8"))["problems"]
    for problem in problems:
        for change in problem["changes"]:
            name = change["unit"]
            if change["op"] == "rename":  # the clerk renames the unit back
                next(u for u in flawed.after if u.name == change["value"]).name = name
                continue
            section = change["section"]
            if section in ("before", "after"):
                units = {u.name: u for u in getattr(flawed, section)}
                source = {u.name: u for u in getattr(clean, section)}[name]
                setattr(units[name], change["field"], copy.deepcopy(getattr(source, change["field"])))
            elif section == "transfers":
                unit = next(u for u in flawed.before if u.name == name)
                src = next(u for u in clean.before if u.name == name)
                theirs = [t for t in clean.transfers if t.source == src.id]
                flawed.transfers = [t for t in flawed.transfers if t.source != unit.id] + [
                    dataclasses.replace(t, source=unit.id) for t in theirs]
            else:
                uid = next(u.id for u in flawed.after if u.name == name)
                store = {"sanding": flawed.sanding, "charter": flawed.charters}[section]
                clean_uid = by_name[name].id
                source_doc = {"sanding": clean.sanding, "charter": clean.charters}[section][clean_uid]  # type: ignore[index]
                setattr(store[uid], change["field"], copy.deepcopy(getattr(source_doc, change["field"])))  # type: ignore[index]
    flawed.__post_init__()
    assert not run_checks(flawed).has_errors
    report = lint_snapshot(flawed)
    assert report.findings == [], [f.message for f in report.findings]


# --- 1. template code printed -------------------------------------------------------------------


def test_blank_approver_is_a_finding_and_prints_no_template_code() -> None:
    snap = demo(issued=True)
    uid = unit_id(snap, "示例旗融媒体中心")
    for form in SandingForm:
        snap.sanding[uid].form = form
        snap.sanding[uid].approver = ""
        doc = texts(snap)["三定规定-示例旗融媒体中心"]
        assert "{{" not in body(doc) and "}}" not in body(doc)
        assert "中共示例旗委员会机构编制委员会办公室文件" in body(doc)
    found = lint_workspace(snap)
    assert [(f.rule, f.unit, f.field) for f in found] == [("doc.approver", "示例旗融媒体中心", "approver")]


def test_leftover_template_syntax_refuses_export_and_pack(tmp_path: Path) -> None:
    snap = demo(issued=True)
    snap.sanding[unit_id(snap, "示例旗图书馆")].other_matters = "{{ unit.name }}按规定管理。"
    with pytest.raises(ExportRefused, match=r"doc\.template_syntax"):
        export_all(snap, tmp_path / "out", {"docx"}, templates=TemplateStore(root=tmp_path / "t"))
    assert not list((tmp_path / "out").glob("*"))
    with pytest.raises(PackRefused, match=r"doc\.template_syntax"):
        pack_snapshot(snap, identity(), tmp_path / "p.zip", formats={"docx"})
    assert not (tmp_path / "p.zip").exists()


def test_planted_duplicate_and_skipped_number_block_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A duplicated paragraph (in the data) and a skipped article number (in an installed template)."""
    from docx import Document

    from sydw_desktop.paths import templates_dir

    snap = demo(issued=True)
    uid = unit_id(snap, "示例旗图书馆")
    snap.charters[uid].assets = f"{snap.charters[uid].assets}\n{snap.charters[uid].assets}"
    with pytest.raises(PackRefused, match=r"doc\.duplicate_paragraph"):
        pack_snapshot(snap, identity(), tmp_path / "dup.zip", formats={"docx"})

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "data"))
    template = Document(str(templates_dir() / "章程.docx"))
    step = next(r for p in template.paragraphs for r in p.runs if "ns.a + 1" in r.text)
    step.text = step.text.replace("ns.a + 1", "ns.a + 2")  # one article number skips
    local = tmp_path / "章程.docx"
    template.save(str(local))
    TemplateStore().install("charter", local)
    with pytest.raises(PackRefused, match=r"doc\.numbering") as refused:
        pack_snapshot(demo(issued=True), identity(), tmp_path / "skip.zip", formats={"docx"})
    assert "跳号" in str(refused.value)
    assert not (tmp_path / "dup.zip").exists() and not (tmp_path / "skip.zip").exists()


def test_check_documents_adds_the_lint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from sydw_desktop.cli import main
    from sydw_desktop.demo import write_demo
    from sydw_desktop.workspace import Workspace

    path = tmp_path / "demo.sydw"
    write_demo(path)
    with Workspace.open(path) as ws:
        uid = next(u.id for u in ws.snapshot().after if u.name == "示例旗图书馆")
        sd = ws.sanding(uid)
        assert sd is not None
        sd.approver = ""
        ws.set_document(uid, sd)  # type: ignore[arg-type]
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0  # sydw check skips the doc.* rules
    assert not [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"].startswith("doc.")]
    assert main(["check", str(path), "--json", "--documents"]) == 1
    found = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"].startswith("doc.")]
    assert [(f["rule"], f["unit"], f["document"]) for f in found] == [("doc.approver", "示例旗图书馆", "sanding")]


# --- 2. the plan as a 公文, and its 请示 -------------------------------------------------------------


def test_issued_plan_has_doc_no_recipient_and_date() -> None:
    doc = texts(demo(issued=True))["改革方案"]
    styles = {p.style: p.text for p in doc.paragraphs}
    assert styles["发文字号"] == "示编委发〔2026〕16号"
    assert styles["主送机关"].endswith("：") and len(styles["主送机关"]) > 5
    assert styles["成文日期"] == "2026年11月30日"
    assert "年　月　日" not in body(doc)


def test_plan_without_doc_no_or_date_is_a_finding_when_issued() -> None:
    snap = demo(issued=True)
    snap.settings["doc.doc_no"] = "示编委发〔2026〕第016号"
    snap.settings["doc.date"] = ""
    docs = texts(snap)
    found = lint_documents(snap, [docs["改革方案"]])
    assert rules_of(found) == {"doc.head_doc_no", "doc.blank_field"}


def test_request_carries_the_plan_up() -> None:
    doc = texts(demo())["01-改革方案报送请示"]
    text = body(doc)
    head = next(p.text for p in doc.paragraphs if p.style == "发文字号上行")
    assert head == "示编委发〔2026〕15号\t签发人：巴特尔"
    assert next(p.text for p in doc.paragraphs if p.style == "主送机关") == "中共示例盟委员会机构编制委员会："
    assert "请示" in doc.title and "妥否，请批示。" in text and "附件：示例旗深化事业单位改革试点实施方案" in text
    assert "第2轮" in text  # the demo's round 1 came back
    snap = demo()
    snap.settings["doc.signatory"] = ""
    snap.settings["doc.upper"] = ""
    found = lint_documents(snap, [texts(snap)["01-改革方案报送请示"]])
    assert [f.rule for f in found] == ["doc.blank_field", "doc.blank_field"]


# --- 3. one name for the issuing body ---------------------------------------------------------------


def test_every_document_names_the_body_one_way() -> None:
    snap = demo(issued=True)
    names = re.compile(r"[^，。：、；《》（）\s]*机构编制委员会(?:办公室)?")
    for stem, doc in texts(snap).items():
        for found in names.findall(body(doc)):
            assert found.endswith(("中共示例旗委员会机构编制委员会", "中共示例旗委员会机构编制委员会办公室",
                                   "中共示例盟委员会机构编制委员会")), (stem, found)
    snap.sanding[unit_id(snap, "示例旗图书馆")].approver = "示例旗机构编制委员会"
    found = lint_documents(snap, [texts(snap)["三定规定-示例旗图书馆"]])
    assert rules_of(found) == {"doc.names"}


# --- 4. 三定 -------------------------------------------------------------------------------------------


def test_notice_other_matters_are_one_article_and_articles_run_on() -> None:
    doc = texts(demo())["三定规定-示例旗融媒体中心"]
    articles = [p.text for p in doc.paragraphs if re.match(r"^第.+?条", p.text)]
    assert [a.split("　")[0] for a in articles] == [f"第{n}条" for n in "一二三四五六七"]
    assert articles[5] == "第六条　其他事项："
    assert not any(re.match(r"^第.+?条　（", a) for a in articles)


def test_reply_speaks_of_itself_as_the_reply() -> None:
    snap = demo()
    uid = unit_id(snap, "示例旗融媒体中心")
    snap.sanding[uid].form = SandingForm.REPLY
    text = body(texts(snap)["三定规定-示例旗融媒体中心"])
    assert "本批复由" in text and "本规定" not in text


def test_affiliation_is_worded_alike_in_the_plan_and_the_sanding() -> None:
    docs = texts(demo())
    phrase = "旗委直属、归口示例旗委宣传部管理"
    assert phrase in body(docs["三定规定-示例旗融媒体中心"])
    assert f"为{phrase}的公益一类事业单位" in body(docs["改革方案"])
    assert "示例旗委宣传部所属公益一类" not in body(docs["改革方案"])


def test_affiliation_contradicting_the_department_is_a_warning() -> None:
    snap = demo()
    uid = unit_id(snap, "示例旗图书馆")  # 示例旗文化旅游体育局所属
    from sydw_desktop.vocab import Affiliation

    snap.sanding[uid].affiliation = Affiliation.PARTY_COMMITTEE
    found = [f for f in lint_workspace(snap) if f.rule == "doc.affiliation"]
    assert [(f.unit, f.severity.value) for f in found] == [("示例旗图书馆", "warning")]


def test_a_unit_with_a_party_committee_names_its_secretary() -> None:
    snap = demo()
    hospital = next(u for u in snap.after if u.name == "示例旗人民医院")
    assert hospital.party_org is PartyOrg.COMMITTEE
    text = body(texts(snap)["三定规定-示例旗人民医院"])
    assert "院长1名（兼任党委书记）" in text


# --- 5. 章程 -------------------------------------------------------------------------------------------


def test_charters_say_nothing_twice_and_word_leadership_after_the_party_organisation() -> None:
    snap = demo()
    docs = texts(snap)
    charters = {s: d for s, d in docs.items() if s.startswith("章程-")}
    assert charters
    assert lint_documents(snap, charters.values()) == []
    school = body(docs["章程-示例旗职业教育中心"])  # a 党总支, stored as “党委（党组）领导下…”
    assert "党委（党组）" not in school and "本单位实行行政领导人负责制" in school
    hospital = body(docs["章程-示例旗人民医院"])
    assert "党委领导下的行政领导人负责制" in hospital
    paragraphs = docs["章程-示例旗职业教育中心"].paragraphs
    assert sum("职工大会" in p.text for p in paragraphs) == 1
    assert sum("内设机构" in p.text and "综合办公室" in p.text for p in paragraphs) <= 1


def test_duplicate_paragraph_gives_its_finding() -> None:
    snap = demo()
    uid = unit_id(snap, "示例旗图书馆")
    text = snap.charters[uid].assets
    snap.charters[uid].assets = f"{text}\n{text}"
    found = lint_documents(snap, [texts(snap)["章程-示例旗图书馆"]])
    assert rules_of(found) == {"doc.duplicate_paragraph"}


def test_skipped_and_repeated_numbers_give_their_findings() -> None:
    snap = demo()
    doc = RenderedDocument(DocumentKind.CHARTER, "章程", None, [
        Paragraph("条文", "第一条　甲"), Paragraph("条文", "第三条　乙"), Paragraph("条文", "第三条　丙"),
        Paragraph("一级标题", "一、总则"), Paragraph("正文", "（一）甲"), Paragraph("正文", "（三）乙"),
        Paragraph("一级标题", "二、其他"), Paragraph("正文", "（一）丙"),
    ])
    found = lint_documents(snap, [doc])
    assert [f.rule for f in found] == ["doc.numbering"] * 3
    assert "跳号" in found[0].message and "重复" in found[1].message and "（三）" in found[2].message


# --- 6. 政事权限清单 ----------------------------------------------------------------------------------


def test_quanxian_is_issued_with_head_number_and_signature() -> None:
    snap = demo(issued=True)
    doc = texts(snap)["政事权限清单-示例旗人民医院"]
    styles = [p.style for p in doc.paragraphs]
    assert "发文机关标志" in styles and "署名" in styles and "成文日期" in styles
    number = next(p.text for p in doc.paragraphs if p.style == "发文字号")
    assert re.fullmatch(r"示编办发〔2026〕\d+号", number)
    text = body(doc)
    assert "相关综合部门职责" in text and "支部工作条例" not in text  # the hospital has a 党委


# --- 8. Excel tables -----------------------------------------------------------------------------------


def test_tables_are_titled_numbered_and_cite_only(tmp_path: Path) -> None:
    snap = demo()
    result = export_all(snap, tmp_path, {"xlsx"})
    books = sorted(p for p in result.files if p.suffix == ".xlsx")
    numbers = set()
    for path in books:
        ws = load_workbook(path).active
        assert str(ws["A1"].value).startswith("附件")
        numbers.add(ws["A1"].value)
        assert str(ws["A2"].value).startswith("示例旗")
        assert str(ws["A3"].value).startswith("填报单位：中共示例旗委员会机构编制委员会办公室") and "填报日期：" in ws["A3"].value
    assert len(numbers) == len(books) == 5
    findings = load_workbook(tmp_path / "检查结果表.xlsx").active
    cells = " ".join(str(c.value) for row in findings.iter_rows() for c in row if c.value)
    assert "本产品" not in cells and "类比" not in cells and "〔有明文依据" not in cells


# --- 9. draft vs issued ---------------------------------------------------------------------------------


def test_documents_under_review_print_as_drafts() -> None:
    docs = texts(demo())
    for stem in ("改革方案", "三定规定-示例旗融媒体中心", "政事权限清单-示例旗人民医院"):
        doc = docs[stem]
        styles = [p.style for p in doc.paragraphs]
        assert "送审稿标识" in styles and "发文机关标志" not in styles and "发文字号" not in styles, stem
        assert not any(p.style == "成文日期" and p.text for p in doc.paragraphs), stem
        assert not any(s.startswith("版记") for s in styles), stem
        assert not re.search(r"\d+年\d+月\d+日印发", squash(body(doc))), stem
    issued = texts(demo(issued=True))["三定规定-示例旗融媒体中心"]
    assert "送审稿" not in body(issued) and "2026年10月13日印发" in squash(body(issued))


def test_draft_plan_keeps_its_portrait_body_and_landscape_attachments(tmp_path: Path) -> None:
    import subprocess

    result = export_all(demo(), tmp_path, {"pdf"})
    plan = next(p for p in result.files if p.name == "改革方案.pdf")
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(plan)], capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    orientation = ["portrait" if float(w) < float(h) else "landscape" for w, h in sizes]
    assert orientation[0] == "portrait" and orientation[-1] == "landscape"
    assert orientation == sorted(orientation, key=lambda o: o == "landscape")
    text = squash(subprocess.run(["pdftotext", str(plan), "-"], capture_output=True, text=True, check=True).stdout)
    assert text.startswith("送审稿") and "中共示例旗委员会机构编制委员会文件" not in text


# --- 10. 人员转隶 to administrative organs ---------------------------------------------------------------


def test_people_moved_to_administrative_organs_are_said_so() -> None:
    snap = demo()
    admin = sum(t.count for t in snap.transfers if t.placement is Placement.ADMIN)
    other = sum(t.count for t in snap.transfers if t.placement is Placement.OTHER)
    assert admin == 83 and other == 2
    text = squash(body(texts(snap)["改革方案"]))
    assert f"随职能或者机构划入行政机关{admin}人" in text and f"以其他方式安置{other}人" in text
