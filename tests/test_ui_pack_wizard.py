"""The 生成报送包 wizard: blocked by errors, 说明 written in the wizard, cancel, and the real demo packed."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from packet_helpers import identity
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from ui_helpers import open_window, type_chinese, wait_report

from sydw_desktop.demo import write_demo
from sydw_desktop.packets.identity import fingerprint_groups, save_identity
from sydw_desktop.packets.pack import default_round
from sydw_desktop.packets.safe_write import TEMP_SUFFIX
from sydw_desktop.packets.verify import verify_packet
from sydw_desktop.rules.findings import Severity
from ui.packets.drives import Mount
from ui.packets.pack_run_pages import destination_state
from ui.packets.pack_wizard import CHECK, DESTINATION, GENERATE, IDENTITY, RESULT, ROUND, PackWizard

PASS = "pack-pass-2026"
NOTE = "第二轮上报，按批复意见修改。"
Next = QWizard.WizardButton.NextButton
Commit = QWizard.WizardButton.CommitButton
Back = QWizard.WizardButton.BackButton


def open_demo(qtbot, tmp_path: Path, *, flawed: bool = False):
    path = tmp_path / "示例旗.sydw"
    write_demo(path, flawed=flawed)
    return open_window(qtbot, path, tmp_path)


def start_wizard(qtbot, window) -> PackWizard:
    wizard = window.packet_menu.open_pack_wizard()
    assert wizard is not None and wizard.isVisible() and wizard.currentId() == CHECK
    qtbot.waitUntil(lambda: wizard.check_page.settled, timeout=60_000)
    return wizard


def click(wizard: PackWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{button.text()} is not clickable"
    button.click()


def to_destination(qtbot, wizard: PackWizard, tmp_path: Path) -> Path:
    """Walk the happy path to 保存位置 (xlsx/docx left out to keep the test quick)."""
    click(wizard, Next)
    assert wizard.currentId() == ROUND
    wizard.round_page.xlsx.setChecked(False)
    wizard.round_page.docx.setChecked(False)
    wizard.round_page.note.setFocus()
    type_chinese(wizard.round_page.note, NOTE)
    click(wizard, Next)
    assert wizard.currentId() == IDENTITY
    p12 = save_identity(identity(), tmp_path / "示例旗编办.p12", PASS).p12
    wizard.identity_page.form.path.setText(str(p12))
    qtbot.keyClicks(wizard.identity_page.form.passphrase, PASS)
    click(wizard, Next)
    assert wizard.currentId() == DESTINATION
    stick = tmp_path / "U盘"
    stick.mkdir()
    wizard.destination_page.folder.setText(str(stick))
    return stick


def test_flawed_demo_is_blocked_with_every_error_listed(qtbot, tmp_path: Path) -> None:
    window = open_demo(qtbot, tmp_path, flawed=True)
    wizard = start_wizard(qtbot, window)
    page = wizard.check_page
    report = page.report
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert len(errors) == 11
    assert page.verdict.text().startswith("不能报送：检查发现 11 项“错误”，须先改正。")
    assert "sydw" not in page.verdict.text()  # the GUI names its own ways, not the CLI
    levels = [page.model.item(r, 0).text() for r in range(page.model.rowCount())]
    assert levels.count("错误") == len(errors) and levels[: len(errors)] == ["错误"] * len(errors)
    assert {page.model.item(r, 1).text() for r in range(len(errors))} == {f.message for f in errors}
    assert levels.count("警告") == report.count(Severity.WARNING)
    assert not page.isComplete() and not wizard.button(Next).isEnabled()

    # jump to the first error through the main window's problems navigation
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert page.locate_button.isEnabled() and not page.explain_save.isEnabled()
    page.locate_button.click()
    assert window.statusBar().currentMessage() == f"定位到：{page.shown[0].message}"
    window.close()


def test_warning_explained_in_the_wizard_unblocks_it(qtbot, tmp_path: Path) -> None:
    window = open_demo(qtbot, tmp_path)
    warning = next(f for f in window.session.report.findings if f.severity is Severity.WARNING)
    window.session.perform(lambda ws: ws.set_explanation(warning.rule, warning.unit, warning.field, ""))
    wizard = start_wizard(qtbot, window)
    page = wizard.check_page
    assert not page.isComplete() and "还没有填写说明" in page.verdict.text()
    assert not wizard.button(Next).isEnabled()
    row = next(r for r, f in enumerate(page.shown) if f.key == warning.key)
    assert page.model.item(row, 4).text() == "未填写"
    page.view.setCurrentIndex(page.model.index(row, 0))
    assert page.explain_edit.isEnabled()
    page.explain_edit.setFocus()
    type_chinese(page.explain_edit, "经旗委编委批复同意，保留现名称。")
    page.explain_save.click()
    assert window.session.ws.undo_name == "填写说明"
    qtbot.waitUntil(page.isComplete, timeout=60_000)  # re-checked after the operation, documents read
    assert "检查通过" in page.verdict.text() and wizard.button(Next).isEnabled()
    assert page.model.item(row, 4).text() == "已填写"
    window.close()


def test_a_document_error_blocks_the_wizard_before_anything_is_asked(qtbot, tmp_path: Path) -> None:
    """The rules pass but the 请示 would print without its 签发人: the check page reads the documents
    (the doc.* lint ``pack`` runs) and holds the wizard at 检查, naming the document and the fix."""
    window = open_demo(qtbot, tmp_path)
    window.session.perform(lambda ws: ws.set_setting("doc.signatory", "", "签发人"))
    wizard = start_wizard(qtbot, window)
    page = wizard.check_page
    assert page.lint is not None and page.lint.has_errors
    assert page.verdict.text().startswith("不能报送：文书检查发现")
    assert not page.isComplete() and not wizard.button(Next).isEnabled()
    row = next(r for r, f in enumerate(page.shown) if f.rule == "doc.blank_field")
    assert page.model.item(row, 0).text() == "错误" and page.model.item(row, 4).text() == "文书须改正"
    assert "签发人" in page.model.item(row, 1).text()
    page.view.setCurrentIndex(page.model.index(row, 0))
    assert not page.explain_save.isEnabled()  # an error is mended, not explained

    window.session.perform(lambda ws: ws.set_setting("doc.signatory", "巴特尔", "签发人"))
    qtbot.waitUntil(page.isComplete, timeout=60_000)  # re-checked, documents read again
    assert "文书检查通过" in page.verdict.text() and wizard.button(Next).isEnabled()
    wizard.reject()
    window.close()


def test_a_large_workspace_leaves_the_documents_to_pack(qtbot, tmp_path: Path, monkeypatch) -> None:
    """Above the page's limit (a league's own workspace) the documents are read once, by pack."""
    import ui.packets.pack_check_page as page_module

    monkeypatch.setattr(page_module, "LINT_ON_PAGE_MAX_UNITS", 10)  # the demo has 35 改革后单位
    window = open_demo(qtbot, tmp_path)
    wizard = start_wizard(qtbot, window)
    page = wizard.check_page
    assert page.isComplete() and page.lint is not None and page.lint.findings == []
    assert "生成报送包时会逐份检查文书" in page.verdict.text()
    wizard.reject()
    window.close()


def test_wrong_passphrase_stays_and_cancel_leaves_nothing(qtbot, tmp_path: Path) -> None:
    window = open_demo(qtbot, tmp_path)
    wizard = start_wizard(qtbot, window)
    click(wizard, Next)
    assert wizard.round_page.round.value() == default_round(window.session.ws.rounds())
    click(wizard, Next)
    form = wizard.identity_page.form
    p12 = save_identity(identity(), tmp_path / "示例旗编办.p12", PASS).p12
    form.path.setText(str(p12))
    qtbot.keyClicks(form.passphrase, "not-the-passphrase")
    click(wizard, Next)
    assert wizard.currentId() == IDENTITY and "口令不正确" in form.error.text()
    assert form.passphrase.text() == ""
    qtbot.keyClicks(form.passphrase, PASS)
    click(wizard, Next)
    assert wizard.currentId() == DESTINATION

    page = wizard.destination_page
    stick = tmp_path / "U盘"
    page.folder.setText(str(tmp_path / "gone"))
    assert "不存在" in page.error.text() and not wizard.button(Commit).isEnabled()
    stick.mkdir()
    page.set_drives([Mount(str(stick), label="KINGSTON", free=2 * 1024**3, total=8 * 1024**3),
                     Mount(str(tmp_path / "ro"), label="RO", read_only=True)])
    item = page.drives.item(0)
    assert item.text().startswith("KINGSTON") and "可用 2.0 GB" in item.text()
    assert not page.drives.item(1).flags() & Qt.ItemFlag.ItemIsEnabled
    page.drives.itemClicked.emit(item)
    assert Path(page.folder.text()) == stick
    round_number = wizard.round_page.round.value()
    name = f"159901_改革方案材料_第{round_number}轮_{date.today():%Y%m%d}.zip"
    assert page.file_name.text() == name
    assert page.free.text() not in ("", "—") and page.error.text() == ""

    assert wizard.button(Commit).text() == "生成报送包"
    click(wizard, Commit)
    assert wizard.currentId() == GENERATE and wizard.running
    assert not wizard.button(Back).isEnabled()
    wizard.generate_page.cancel()
    qtbot.waitUntil(lambda: not wizard.running, timeout=30_000)
    gen = wizard.generate_page
    assert gen.stage.text() == "已取消。" and "未写入任何文件" in gen.error.text()
    assert gen.left_behind.text() == "没有生成报送包，目标文件夹中没有留下任何文件。"
    assert list(stick.iterdir()) == []
    assert wizard.button(Back).isEnabled() and gen.retry_button.isVisible()
    click(wizard, Back)
    assert wizard.currentId() == DESTINATION
    window.close()


def test_destination_state_reports_what_is_left(tmp_path: Path) -> None:
    out = tmp_path / "159901_改革方案材料_第1轮_20261129.zip"
    assert destination_state(out) == "没有生成报送包，目标文件夹中没有留下任何文件。"
    part = tmp_path / f".{out.name}.1a2b3c4d{TEMP_SUFFIX}"
    part.write_bytes(b"half")
    assert part.name in destination_state(out) and "不是报送包" in destination_state(out)
    pulled = tmp_path / "pulled" / out.name
    assert destination_state(pulled) == f"无法查看文件夹“{pulled.parent}”（U 盘是否已拔出？）。没有生成报送包。"
    out.write_bytes(b"not verified")
    assert destination_state(out).startswith(f"注意：文件夹中有“{out.name}”")


@pytest.mark.slow
def test_demo_packed_through_the_wizard_verifies(qtbot, tmp_path: Path) -> None:
    window = open_demo(qtbot, tmp_path)
    wizard = start_wizard(qtbot, window)
    assert wizard.check_page.isComplete()
    stick = to_destination(qtbot, wizard, tmp_path)
    click(wizard, Commit)
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=180_000)

    result = wizard.result_page.result
    assert result is not None
    files = list(stick.iterdir())
    assert files == [result.path] and result.path.name == wizard.destination_page.file_name.text()
    assert not any(p.name.endswith(TEMP_SUFFIX) for p in files)
    page = wizard.result_page
    assert "已读回核对" in page.verdict.text()
    assert page.path.text() == str(result.path)
    assert f"{result.size:,} 字节" in page.size_label.text()
    assert page.signer.fingerprint.groups() == fingerprint_groups(identity().certificate)
    assert not wizard.button(Back).isVisible() or not wizard.button(Back).isEnabled()

    check = verify_packet(result.path, trusted=[identity().certificate])
    assert check.ok, check.problems
    assert check.bag_info["X-Sydw-Round"] == str(wizard.round_page.round.value())
    assert check.bag_info["Internal-Sender-Description"] == NOTE
    with zipfile.ZipFile(result.path) as z:
        names = z.namelist()
    assert any(n.endswith(".pdf") for n in names)
    assert not any(n.endswith((".docx", ".xlsx")) for n in names)  # left out on the 轮次和说明 page
    assert check.pdfs_checked == result.pdfs > 0
    # the office's method state goes up with the filing (issue 17 item 4), the nine steps as computed
    assert check.method is not None and [s["step"] for s in check.method["steps"]] == list(range(1, 10))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible() and wizard.identity_page.identity is None
    wait_report(qtbot, window)
    window.close()
