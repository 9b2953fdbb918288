"""Where the program finds its data and keeps the user's: one module, ``sydw_desktop.paths``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sydw_desktop import logs, paths

ROOT = Path(__file__).resolve().parent.parent

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")


def test_a_source_checkout_reads_its_top_level_folders() -> None:
    assert not (ROOT / "sydw_desktop" / "_data").exists(), "a stale build copy would shadow the checkout"
    assert paths.resources() == ROOT / "resources" and (paths.resources() / "rules").is_dir()
    assert paths.templates_dir() == ROOT / "templates_docx" and (paths.templates_dir() / "章程.docx").is_file()


def test_packaged_data_beside_the_package_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "sydw_desktop"
    (package / "_data" / "resources").mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE", package)
    assert paths.resources() == package / "_data" / "resources"
    assert paths.templates_dir() == package / "_data" / "templates_docx"


@linux_only
def test_user_data_and_settings_follow_the_xdg_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "数据 目录"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "配置"))
    monkeypatch.delenv("SYDW_LOG", raising=False)
    assert paths.user_data_dir() == tmp_path / "数据 目录" / "sydw"
    assert logs.log_file() == tmp_path / "数据 目录" / "sydw" / "logs" / "sydw.log"
    assert paths.settings_file() == tmp_path / "配置" / "sydw" / "sydw-desktop.ini"
    for path in (paths.user_data_dir(), paths.settings_file()):
        assert ROOT not in path.parents, "never the program folder"


@linux_only
def test_the_gui_settings_are_the_ini_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.settings import AppSettings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "配置"))
    settings = AppSettings()
    settings.add_recent(tmp_path / "示例 旗.sydw")
    settings.sync()
    assert Path(settings.store.fileName()) == paths.settings_file()
    assert "recent_files" in paths.settings_file().read_text(encoding="utf-8")
