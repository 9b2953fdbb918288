"""No English or internals in the GUI's own strings (the running windows are checked end to end too)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.plain_words import english_words, is_user_text

UI = Path(__file__).resolve().parents[1] / "ui"
#: The GUI self-test reports to a technician (its lines name the components it checks).
TECHNICAL = {"selftest.py"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def gui_strings() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted(UI.rglob("*.py")):
        if path.name in TECHNICAL:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                    and is_user_text(node.value)):
                out.append((str(path.relative_to(UI.parent)), node.lineno, node.value))
    return out


def test_the_checker_catches_internals_and_lets_names_pass() -> None:
    assert english_words("如：第一轮上报。（写入 bag-info.txt 的 Internal-Sender-Description）") == [
        "bag-info", "txt", "Internal-Sender-Description"]
    assert english_words("证书指纹（SHA-256）") == ["SHA"]
    assert english_words("PDF 使用内置字体“NotoSerifSC-Bold-GB2312”代替") == ["NotoSerifSC-Bold-GB"]
    assert english_words("导入 Excel 工作簿 (*.xlsx)；按 Ctrl+F 搜索；文件(&F)；<b>U 盘</b>：{path}") == []


def test_no_english_in_the_gui_strings() -> None:
    strings = gui_strings()
    assert len(strings) > 500  # the scan sees the GUI's strings
    offending = [f"{where}:{line}: {text!r} → {english_words(text)}"
                 for where, line, text in strings if english_words(text)]
    assert offending == []
