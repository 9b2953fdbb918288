"""Build hook: the wheel carries ``resources/`` and ``templates_docx/`` as ``sydw_desktop/_data/``.

The two folders stay at the top of the checkout (the project's layout); building the package copies
them into the built ``sydw_desktop`` package, where ``sydw_desktop.paths`` looks for them first. An
editable install copies nothing: it runs from the checkout, whose own folders are then read.
Everything else about the package is declared in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA_FOLDERS = ("resources", "templates_docx")


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "sydw_desktop" / "_data"
        shutil.rmtree(target, ignore_errors=True)  # no stale files from an earlier build
        for name in DATA_FOLDERS:
            shutil.copytree(HERE / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))


setup(cmdclass={"build_py": BuildPyWithData})
