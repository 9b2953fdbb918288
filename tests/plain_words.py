"""What counts as English in a GUI string: the check behind "plain words" (no internals shown to clerks).

A clerk reads Chinese. Latin letters are allowed only for proper names of things a clerk knows
(Excel, WPS, Word, PDF, U 盘, Ctrl+…), file types in file dialogs, keyboard accelerators, and
markup and placeholders that never reach the screen as such.
"""

from __future__ import annotations

import re

#: Words a clerk knows as names: products, formats, keys.
PROPER_NAMES = frozenset({
    "Excel", "WPS", "Word", "PDF", "DOCX", "XLSX", "U", "Ctrl", "Shift", "Alt", "Enter", "Tab", "Esc",
    "Delete", "Del", "F1", "F2", "F5", "OK", "Noto", "Sans", "SC", "SIL", "Open", "Font", "License",
    "OFL", "GB", "T", "RSA", "ECDSA",
})
#: File name extensions as they appear in file dialogs and file names (``*.xlsx``, ``.cert.pem``).
EXTENSIONS = frozenset({"xlsx", "docx", "pdf", "zip", "sydw", "pem", "crt", "cer", "p12", "ini", "cert", "png", "md"})

_MARKUP = re.compile(r"<[^>]+>|&\w+;|\{[^}]*\}|%[sd]|\\[dswDSW]|\(&\w\)|&(?=\w)")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_CJK = re.compile(r"[\u3400-\u9fff]")


def english_words(text: str) -> list[str]:
    """The Latin words in ``text`` a clerk should not have to read (markup and placeholders removed)."""
    text = _MARKUP.sub(" ", text)
    text = re.sub(r"\.(?:" + "|".join(EXTENSIONS) + r")\b", " ", text)  # 样例.xlsx, （.cert.pem）
    words = []
    for word in _WORD.findall(text):
        parts = [p for p in word.split("-") if p]
        if all(p in PROPER_NAMES or p in EXTENSIONS or len(p) == 1 and p.isupper() for p in parts):
            continue
        words.append(word)
    return words


def is_user_text(text: str) -> bool:
    """Strings with Chinese in them are what a clerk reads; the rest are identifiers and formats."""
    return bool(_CJK.search(text))
