"""The 签名身份 dialog: a real .p12 + PEM the core loads, fingerprint groups, wrong passphrase, retry."""

from __future__ import annotations

from pathlib import Path

import pytest
from packet_helpers import identity
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from ui_helpers import ini_settings

from sydw_desktop.model import Jurisdiction
from sydw_desktop.packets.identity import (
    fingerprint_groups,
    format_fingerprint,
    load_certificate,
    load_identity,
    save_identity,
)
from sydw_desktop.vocab import Level
from ui.packets.identity_dialog import IdentityDialog
from ui.packets.identity_form import SETTINGS_KEY
from ui.session.operations import TaskRunner
from ui.settings import AppSettings

DEMO = Jurisdiction("示例旗", "159901", Level.BANNER)
PASS = "correct-horse-2026"


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def host(qtbot):
    """A window to own the dialog, as the main window does in the app (Qt deletes it, not Python's GC)."""
    window = QWidget()
    qtbot.addWidget(window)
    yield window
    window.close()


def make_dialog(host: QWidget, settings: AppSettings, runner: TaskRunner) -> IdentityDialog:
    dialog = IdentityDialog(settings, runner, DEMO, host)
    dialog.show()
    return dialog


def test_create_identity_writes_a_p12_and_pem_the_core_loads(qtbot, tmp_path: Path, runner, host) -> None:
    dialog = make_dialog(host, ini_settings(tmp_path), runner)
    form = dialog.create_form
    assert dialog.tabs.currentWidget() is form  # nothing remembered yet: start with 新建
    assert form.office.text() == "示例旗机构编制委员会办公室"
    assert form.region_code.text() == "159901" and form.region_code.isReadOnly()
    assert form.passphrase.echoMode() == form.passphrase.EchoMode.Password
    target = tmp_path / "示例旗编办.p12"
    form.path.setText(str(target))
    form.algorithm.setCurrentIndex(form.algorithm.findData("rsa"))

    qtbot.keyClicks(form.passphrase, "short")
    assert "太短" in form.passphrase_state.text()
    form.passphrase.clear()
    qtbot.keyClicks(form.passphrase, PASS)
    qtbot.keyClicks(form.repeat, PASS + "x")
    assert "不一致" in form.passphrase_state.text()
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    assert "不一致" in form.error.text() and not target.exists()

    form.repeat.clear()
    qtbot.keyClicks(form.repeat, PASS)
    assert "一致" in form.passphrase_state.text()
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.identity is not None, timeout=20_000)

    pem = tmp_path / "示例旗编办.cert.pem"
    assert target.is_file() and pem.is_file()
    loaded = load_identity(target, PASS)
    assert loaded.info.office == "示例旗机构编制委员会办公室" and loaded.info.region_code == "159901"
    assert loaded.info.algorithm == "RSA-2048"
    assert load_certificate(pem) == loaded.certificate
    shown = dialog.certificate
    assert shown.fingerprint.groups() == fingerprint_groups(loaded.certificate)
    assert len(shown.fingerprint.groups()) == 16
    assert shown.office.text() == "示例旗机构编制委员会办公室" and shown.region_code.text() == "159901"
    assert shown.algorithm.text() == "RSA-2048"
    assert str(pem) in dialog.status.text()
    assert form.passphrase.text() == "" and form.repeat.text() == ""  # cleared after use

    shown.fingerprint.copy_button.click()
    assert QGuiApplication.clipboard().text() == format_fingerprint(loaded.certificate)

    settings = dialog.settings
    settings.sync()
    assert Path(settings.store.value(SETTINGS_KEY)) == target.resolve()
    assert PASS not in (tmp_path / "settings.ini").read_text(encoding="utf-8")

    # never overwrites: a second identity to the same name is refused before any work
    qtbot.keyClicks(form.passphrase, PASS)
    qtbot.keyClicks(form.repeat, PASS)
    before = target.read_bytes()
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    assert "已存在" in form.error.text() and target.read_bytes() == before


def test_open_identity_wrong_passphrase_then_retry(qtbot, tmp_path: Path, runner, host) -> None:
    p12 = save_identity(identity(), tmp_path / "示例旗编办.p12", PASS).p12
    settings = ini_settings(tmp_path)
    settings.store.setValue(SETTINGS_KEY, str(p12))
    dialog = make_dialog(host, settings, runner)
    form = dialog.open_form
    assert dialog.tabs.currentIndex() == 0 and form.path.text() == str(p12)  # the path was remembered

    qtbot.keyClicks(form.passphrase, "wrong-passphrase")
    qtbot.keyClick(form.passphrase, Qt.Key.Key_Return)
    assert dialog.identity is None
    assert "口令不正确" in form.error.text() and "示例旗编办.p12" in form.error.text()
    assert form.passphrase.text() == ""  # cleared: typed again, not edited
    assert dialog.certificate.fingerprint.groups() == ["····"] * 16

    qtbot.keyClicks(form.passphrase, PASS)
    qtbot.keyClick(form.passphrase, Qt.Key.Key_Return)
    assert dialog.identity is not None and form.error.text() == ""
    assert dialog.certificate.fingerprint.groups() == fingerprint_groups(identity().certificate)
    assert dialog.certificate.algorithm.text() == "ECDSA P-256"
    assert form.passphrase.text() == ""

    form.path.setText(str(tmp_path / "missing.p12"))
    qtbot.keyClicks(form.passphrase, PASS)
    dialog.open_identity()
    assert "找不到" in form.error.text()
