"""The ``sydw`` command line: contracts of interfaces.md §1–2, run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from examples import ExampleBook, own_book

from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace


def sydw(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sydw_desktop", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def imported(book: ExampleBook, folder: Path) -> Path:
    """A new workspace for ``book``'s jurisdiction with ``book`` imported, made through the CLI."""
    ws = folder / f"{book.jurisdiction.name}.sydw"
    r = sydw("new", str(ws), *book.new_args())
    assert r.returncode == 0, r.stderr
    r = sydw("import-units", str(ws), str(book.path))
    assert r.returncode == 0, r.stderr
    assert "已导入" in r.stdout
    return ws


@pytest.fixture
def sample_ws(tmp_path: Path) -> Path:
    """The project's own example, imported (tests that need any imported workspace)."""
    return imported(own_book(), tmp_path)


def test_example_workbook_check_json_has_the_contract_shape(example_book: ExampleBook, tmp_path: Path) -> None:
    ws_path = imported(example_book, tmp_path)
    r = sydw("check", str(ws_path), "--json", "--as-of", example_book.as_of)
    assert r.returncode == 1, r.stderr  # the example carries an error on purpose
    report = json.loads(r.stdout)
    assert set(report) >= {"workspace", "as_of", "rules_version", "summary", "findings"}
    assert report["workspace"] == example_book.jurisdiction.name and report["as_of"] == example_book.as_of
    assert set(report["summary"]) == {"error", "warning", "info"}
    assert report["summary"]["error"] == sum(f["severity"] == "error" for f in report["findings"])
    for f in report["findings"]:
        assert set(f) >= {"rule", "severity", "message", "document", "unit", "field", "basis", "explanation"}
        assert f["severity"] in ("error", "warning", "info")
        assert f["document"] in ("plan", "unit", "sanding", "quanxian", "charter", "packet")
    found = {(f["rule"], f["unit"], f["severity"]) for f in report["findings"]}
    assert example_book.findings <= found
    fired = {f["rule"] for f in report["findings"]}
    assert not fired & example_book.absent_rules
    with Workspace.open(ws_path, readonly=True) as ws:
        before, after = ws.units(Phase.BEFORE), ws.units(Phase.AFTER)
    assert (len(before), sum(u.staffing for u in before)) == example_book.before
    assert (len(after), sum(u.staffing for u in after)) == example_book.after


def test_check_text_output_is_chinese_and_exit_code_follows_errors(sample_ws: Path) -> None:
    r = sydw("check", str(sample_ws))
    assert r.returncode == 1
    assert "【错误】" in r.stdout and own_book().too_small in r.stdout


def test_refused_import_exits_2_and_changes_nothing(sample_ws: Path, tmp_path: Path) -> None:
    book = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "改革前单位"
    wb.active.append(["单位名称", "主管部门"])
    wb.save(book)
    before = sample_ws.read_bytes()
    r = sydw("import-units", str(sample_ws), str(book))
    assert r.returncode == 2
    assert "改革后单位" in r.stderr and "Traceback" not in r.stderr
    assert sample_ws.read_bytes() == before


def test_new_refuses_existing_and_bad_code(tmp_path: Path) -> None:
    ws = tmp_path / "a.sydw"
    assert sydw("new", str(ws), "--name", "甲旗", "--code", "159901", "--level", "旗县").returncode == 0
    r = sydw("new", str(ws), "--name", "甲旗", "--code", "159901", "--level", "旗县")
    assert r.returncode == 2 and "已存在" in r.stderr
    r = sydw("new", str(tmp_path / "b.sydw"), "--name", "乙旗", "--code", "15990", "--level", "旗县")
    assert r.returncode == 2 and "6 位数字" in r.stderr
    assert not (tmp_path / "b.sydw").exists()


def test_unreadable_workspace_exits_2(tmp_path: Path) -> None:
    bogus = tmp_path / "x.sydw"
    bogus.write_text("hello", encoding="utf-8")
    r = sydw("check", str(bogus), "--json")
    assert r.returncode == 2
    assert "不是本程序的工作区文件" in r.stderr and "Traceback" not in r.stderr


def test_demo_is_packable_and_refuses_existing_path(tmp_path: Path) -> None:
    out = tmp_path / "demo.sydw"
    r = sydw("demo", str(out))
    assert r.returncode == 0, r.stderr
    report = json.loads(sydw("check", str(out), "--json").stdout)
    assert report["workspace"] == "示例旗"
    assert report["summary"]["error"] == 0, [f for f in report["findings"] if f["severity"] == "error"]
    unexplained = [f for f in report["findings"] if f["severity"] == "warning" and not f["explanation"]]
    assert unexplained == []
    r = sydw("demo", str(out))
    assert r.returncode == 2 and "已存在" in r.stderr


def test_flawed_demo_has_errors(tmp_path: Path) -> None:
    out = tmp_path / "flawed.sydw"
    assert sydw("demo", str(out), "--flawed").returncode == 0
    r = sydw("check", str(out), "--json")
    assert r.returncode == 1
    assert json.loads(r.stdout)["summary"]["error"] >= 1


def test_template_writes_a_workbook_and_refuses_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    assert sydw("template", str(out)).returncode == 0
    assert {"填写说明", "改革前单位", "改革后单位", "人员转隶"} <= set(openpyxl.load_workbook(out).sheetnames)
    r = sydw("template", str(out))
    assert r.returncode == 2 and "已存在" in r.stderr


def test_rules_lists_the_catalogue(tmp_path: Path) -> None:
    r = sydw("rules", "--json")
    assert r.returncode == 0
    ids = {rule["id"] for rule in json.loads(r.stdout)["rules"]}
    assert {"uscc.checksum", "plan.min_unit_size", "x.quanxian_units"} <= ids
    text = sydw("rules").stdout
    assert "plan.min_unit_size" in text


def test_params_override_is_logged_and_changes_check_as_of(sample_ws: Path) -> None:
    r = sydw("params", str(sample_ws), "--set", "plan.min_unit_size.T=2", "--from", "2026-12-01",
             "--doc-no", "样编发〔2026〕9号", "--reason", "试点旗县口径")
    assert r.returncode == 0, r.stderr

    def min_size_units(as_of: str) -> set[str]:
        report = json.loads(sydw("check", str(sample_ws), "--json", "--as-of", as_of).stdout)
        return {f["unit"] for f in report["findings"] if f["rule"] == "plan.min_unit_size"}

    too_small = own_book().too_small
    assert too_small in min_size_units("2026-11-30")
    assert too_small not in min_size_units("2026-12-01")
    log = sydw("log", str(sample_ws), "--json").stdout
    assert "样编发〔2026〕9号" in log and "plan.min_unit_size" in log


def test_bad_arguments_exit_2_without_traceback(tmp_path: Path) -> None:
    r = sydw("check")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = sydw("check", str(tmp_path / "x.sydw"), "--as-of", "明天")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr


def test_export_refuses_errors_and_drafts_on_request(tmp_path: Path) -> None:
    flawed = tmp_path / "flawed.sydw"
    assert sydw("demo", str(flawed), "--flawed").returncode == 0
    out = tmp_path / "out"
    r = sydw("export", str(flawed), "--out", str(out), "--quiet")
    assert r.returncode == 1 and "错误" in r.stderr and "草稿" in r.stderr
    assert not out.exists() or not any(out.iterdir())
    r = sydw("export", str(flawed), "--out", str(out), "--format", "xlsx", "--draft", "--quiet")
    assert r.returncode == 0, r.stderr
    assert "已导出草稿" in r.stdout
    book = openpyxl.load_workbook(out / "改革前后机构编制对照表.xlsx")
    assert "草稿" in book.worksheets[0].oddHeader.center.text


def test_export_tables_of_the_clean_demo(tmp_path: Path) -> None:
    demo = tmp_path / "demo.sydw"
    assert sydw("demo", str(demo)).returncode == 0
    out = tmp_path / "out"
    r = sydw("export", str(demo), "--out", str(out), "--format", "xlsx", "--quiet")
    assert r.returncode == 0, r.stderr
    assert "已导出正式材料" in r.stdout
    assert {p.name for p in out.glob("*.xlsx")} >= {"改革前后机构编制对照表.xlsx", "人员转隶情况表.xlsx"}
    r = sydw("export", str(demo), "--out", str(out), "--format", "odt")
    assert r.returncode == 2 and "不支持的导出格式" in r.stderr


def test_templates_list_and_bad_install(tmp_path: Path) -> None:
    env = {**__import__("os").environ, "XDG_DATA_HOME": str(tmp_path / "data"), "APPDATA": str(tmp_path / "data")}
    r = sydw("templates", "list", env=env)
    assert r.returncode == 0 and "内置默认" in r.stdout and "章程" in r.stdout
    bogus = tmp_path / "坏模板.docx"
    bogus.write_text("not a docx", encoding="utf-8")
    r = sydw("templates", "install", "charter", str(bogus), env=env)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = sydw("templates", "rollback", "charter", env=env)
    assert r.returncode == 2 and "没有可恢复的上一版" in r.stderr


def _bad_books(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Each refusal case of the foundation issue: (workbook, what the message must name)."""
    from tests.fixtures.workbooks.builders import (
        BEFORE_HEADERS,
        unit_row,
        valid_after,
        valid_before,
        write_book,
    )

    cases: dict[str, tuple[Path, str]] = {}
    cases["missing-sheet"] = (write_book(tmp / "a.xlsx", omit=["改革后单位"]), "改革后单位：")
    cases["missing-header"] = (
        write_book(tmp / "b.xlsx", before_headers=[h for h in BEFORE_HEADERS if h != "核定编制"]),
        "改革前单位 / 第1行 / 核定编制：",
    )
    rows = valid_before()
    rows[1]["核定编制"] = "十二"
    cases["text-in-number"] = (write_book(tmp / "c.xlsx", before=rows), "改革前单位 / 第3行 / 核定编制：")
    after = valid_after()
    after[0]["机构规格"] = "科级"
    cases["outside-list"] = (write_book(tmp / "d.xlsx", after=after), "改革后单位 / 第2行 / 机构规格：")
    rows = valid_before()
    rows[2]["去向单位"] = "测试旗文化中心"
    cases["dangling-destination"] = (write_book(tmp / "e.xlsx", before=rows), "改革前单位 / 第4行 / 去向单位：")
    cases["duplicate-names"] = (
        write_book(tmp / "f.xlsx", before=[*valid_before(), unit_row("测试旗畜牧工作站", 3, 改革方式="撤销")]),
        "改革前单位 / 第6行 / 单位名称：",
    )
    merged = write_book(tmp / "g.xlsx")
    book = openpyxl.load_workbook(merged)
    book["改革前单位"].merge_cells("H3:H4")
    book.save(merged)
    cases["merged-cells"] = (merged, "改革前单位 / 第3行 / 核定编制：合并单元格 H3:H4")
    empty = tmp / "h.xlsx"
    empty.write_bytes(b"")
    cases["empty-file"] = (empty, "文件：")
    corrupt = tmp / "i.xlsx"
    corrupt.write_bytes(write_book(tmp / "good.xlsx").read_bytes()[:3000])
    cases["corrupt-zip"] = (corrupt, "文件：文件已损坏")
    pdf = tmp / "j.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n%%EOF\n")
    cases["not-a-workbook"] = (pdf, "文件：这是 PDF 文件")
    return cases


BAD_CASES = ["missing-sheet", "missing-header", "text-in-number", "outside-list", "dangling-destination",
             "duplicate-names", "merged-cells", "empty-file", "corrupt-zip", "not-a-workbook"]


@pytest.mark.parametrize("case", BAD_CASES)
def test_each_refused_import_exits_2_names_the_place_and_changes_nothing(sample_ws: Path, tmp_path: Path,
                                                                         case: str) -> None:
    book, where = _bad_books(tmp_path)[case]
    before = sample_ws.read_bytes()
    with Workspace.open(sample_ws, readonly=True) as ws:
        snapshot, log = ws.snapshot(), ws.changelog()
    r = sydw("import-units", str(sample_ws), str(book))
    assert r.returncode == 2
    assert where in r.stderr and "工作区未作任何修改" in r.stderr and "Traceback" not in r.stderr
    assert sample_ws.read_bytes() == before
    with Workspace.open(sample_ws, readonly=True) as ws:
        assert ws.snapshot() == snapshot and ws.changelog() == log


def test_params_refuses_nan_infinite_and_out_of_range_values(tmp_path: Path) -> None:
    demo = tmp_path / "demo.sydw"
    assert sydw("demo", str(demo)).returncode == 0
    for setting, words in [("x.functions.threshold=NaN", "确定的数值"), ("x.functions.threshold=inf", "确定的数值"),
                           ("x.functions.threshold=-Infinity", "确定的数值"),
                           ("ch.change_registration.ratio=-5", "大于 0"), ("plan.min_unit_size.T=-3", "不小于 0")]:
        r = sydw("params", str(demo), "--set", setting)
        assert r.returncode == 2, (setting, r.stdout, r.stderr)
        assert words in r.stderr and "Traceback" not in r.stderr and "程序内部错误" not in r.stderr
    r = sydw("params", str(demo), "--json")
    assert r.returncode == 0 and "NaN" not in r.stdout
    data = json.loads(r.stdout, parse_constant=lambda c: pytest.fail(f"{c} in params --json"))
    assert data["overrides"] == [] and data["params"]["x.functions"]["threshold"] == 0.6


def test_export_names_the_file_a_folder_stands_in_the_way_of(tmp_path: Path) -> None:
    demo = tmp_path / "demo.sydw"
    assert sydw("demo", str(demo)).returncode == 0
    out = tmp_path / "out"
    (out / "改革方案.pdf").mkdir(parents=True)
    r = sydw("export", str(demo), "--out", str(out), "--format", "pdf", "--quiet")
    assert r.returncode == 2, r.stdout + r.stderr
    assert "改革方案.pdf" in r.stderr and "已有同名的文件夹" in r.stderr
    assert "Traceback" not in r.stderr and "程序内部错误" not in r.stderr
    assert [p.name for p in out.iterdir()] == ["改革方案.pdf"] and (out / "改革方案.pdf").is_dir()


def test_params_doc_no_is_repaired_or_refused_like_in_the_editors(sample_ws: Path) -> None:
    before = sample_ws.read_bytes()
    r = sydw("params", str(sample_ws), "--set", "plan.min_unit_size.T=2", "--from", "2026-12-01",
             "--doc-no", "自编发2026年9号", "--reason", "试点")
    assert r.returncode == 2 and "六角括号" in r.stderr and "Traceback" not in r.stderr
    assert sample_ws.read_bytes() == before
    r = sydw("params", str(sample_ws), "--set", "plan.min_unit_size.T=2", "--from", "2026-12-01",
             "--doc-no", "自编发[2026]９号", "--reason", "试点")
    assert r.returncode == 0, r.stderr
    with Workspace.open(sample_ws, readonly=True) as ws:
        assert [o.doc_no for o in ws.param_overrides()] == ["自编发〔2026〕9号"]
        assert ws.changelog(limit=1)[0].doc_no == "自编发〔2026〕9号"
