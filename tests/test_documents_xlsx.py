"""Excel tables: columns, totals, 精简数/精简比例, numbers as numbers, print set-up (openpyxl + LibreOffice)."""

from __future__ import annotations

from documents_helpers import convert, demo_export, pdf_pages, pdftotext, session_dir, squash
from openpyxl import load_workbook

from sydw_desktop.figures import headline_figures
from sydw_desktop.rules import run_checks

COMPARISON_HEADERS = ["序号", "主管部门", "单位名称", "类别", "规格", "经费形式", "编制", "实有", "领导职数", "改革方式",
                      "单位名称", "类别", "规格", "经费形式", "编制", "领导职数", "备注"]


def _book(name):
    _snap, result = demo_export()
    return load_workbook(next(p for p in result.files if p.name == name)).active


def test_comparison_table_columns_totals_and_reductions() -> None:
    snap, _ = demo_export()
    ws = _book("改革前后机构编制对照表.xlsx")
    # filed as an attachment: 附件N, the title with the jurisdiction's name, 填报单位 and 日期 (issue 14)
    assert ws["A1"].value == "附件1" and ws["A2"].value == "示例旗改革前后机构编制对照表"
    assert ws["A3"].value.startswith("填报单位：中共示例旗委员会机构编制委员会办公室　　填报日期：")
    assert ws["C4"].value == "改革前" and ws["K4"].value == "改革后"
    labels = [ws.cell(row=5, column=c).value or ws.cell(row=4, column=c).value for c in range(1, 18)]
    assert labels == COMPARISON_HEADERS
    rows = list(ws.iter_rows(min_row=6, values_only=True))
    data = rows[:len(snap.before)]
    assert [r[0] for r in data] == list(range(1, len(snap.before) + 1))
    assert sorted(r[2] for r in data) == sorted(u.name for u in snap.before)
    total = rows[len(snap.before)]
    assert total[0] == "合计"
    assert total[6] == sum(u.staffing for u in snap.before) and isinstance(total[6], int)
    assert total[14] == sum(u.staffing for u in snap.after)
    # merged after-unit cells carry each after-unit's 编制 once
    assert sum(r[14] or 0 for r in data) == sum(u.staffing for u in snap.after if snap.sources_of(u.id))
    summary = {r[0]: r for r in rows[len(snap.before) + 1:] if r[0]}
    for f in headline_figures(snap):
        row = summary[f.label]
        assert row[1:4] == (f.before, f.after, f.reduced)
        assert abs(row[4] - f.ratio) < 1e-9
        assert ws.cell(row=rows.index(row) + 6, column=5).number_format == "0.0%"


def test_every_table_is_print_ready() -> None:
    _snap, result = demo_export()
    for path in [p for p in result.files if p.suffix == ".xlsx"]:
        ws = load_workbook(path).active
        assert ws.page_setup.orientation == "landscape", path.name
        assert int(ws.page_setup.paperSize) == 9
        assert ws.print_title_rows and ws.print_title_rows.startswith("$4:$")
        assert ws.freeze_panes in ("A5", "A6")
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        numbers = [c for row in ws.iter_rows(min_row=5) for c in row if c.data_type == "n" and c.value is not None]
        assert numbers, path.name
        assert all(isinstance(c.value, int | float) for c in numbers)


def test_tables_hold_the_workspace_rows() -> None:
    snap, _ = demo_export()
    after = list(_book("改革后事业单位机构编制一览表.xlsx").iter_rows(min_row=5, values_only=True))
    assert [r[1] for r in after[:len(snap.after)]] == [u.name for u in snap.after]
    assert after[len(snap.after)][7] == sum(u.staffing for u in snap.after)
    moves = list(_book("人员转隶情况表.xlsx").iter_rows(min_row=5, values_only=True))
    assert moves[len(snap.transfers)][5] == sum(t.count for t in snap.transfers)
    qx = list(_book("政事权限清单表.xlsx").iter_rows(min_row=5, values_only=True))
    n_items = sum(len(q.items) for q in snap.quanxian.values())
    assert qx[n_items][0] == "合计" and qx[n_items][5] == f"{n_items}项"
    findings = list(_book("检查结果表.xlsx").iter_rows(min_row=5, values_only=True))
    report = run_checks(snap)
    assert len(findings) == len(report.findings) + 1
    for row, f in zip(findings, report.findings, strict=False):
        assert row[2] == f.rule and row[6] == f.message
        if f.explanation:
            assert f.explanation in row[8]


def test_libreoffice_prints_the_tables_with_page_footers() -> None:
    _snap, result = demo_export()
    xlsx = [p for p in result.files if p.name == "改革前后机构编制对照表.xlsx"]
    pdf = convert(xlsx, "pdf", session_dir() / "lo-xlsx-pdf")[xlsx[0]]
    pages = pdf_pages(pdf)
    assert pages >= 2
    for page in range(1, pages + 1):
        text = pdftotext(pdf, "-f", str(page), "-l", str(page))
        assert f"第{page}页共{pages}页" in squash(text)
        assert "主管部门" in text and "改革方式" in text, "header rows repeat on every page"
