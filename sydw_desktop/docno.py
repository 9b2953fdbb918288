"""文号 (document numbers) as GB/T 9704 writes them: 机关代字〔年份〕序号号, e.g. 示编发〔2026〕12号.

The year is written in full inside 六角括号 〔〕; the number has no leading zeros and no 第
(documents.md §6). :func:`normalize_doc_no` repairs the usual typing slips (half-width or other
brackets, full-width digits, spaces) before :func:`doc_no_problem` judges the result.
"""

from __future__ import annotations

import re
import unicodedata

#: The accepted form (documents.md §6): some issuer code, a four-digit year in 〔〕, a number ≥ 1, 号.
DOC_NO_PATTERN = re.compile(r"^\S+〔\d{4}〕[1-9]\d*号$")

_YEAR_IN_BRACKETS = re.compile(r"[\[【（(〔［｛{<《]\s*(\d{4})\s*[\]】）)〕］｝}>》]")
_SPACES = re.compile(r"\s+")


def normalize_doc_no(text: str) -> str:
    """``示编发[2026]１２号`` → ``示编发〔2026〕12号``; anything else is left as typed (stripped)."""
    value = _SPACES.sub("", text or "")
    value = "".join(unicodedata.normalize("NFKC", ch) if ch.isdigit() else ch for ch in value)
    return _YEAR_IN_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", value)


def doc_no_problem(text: str) -> str | None:
    """Why ``text`` (already normalised) is not a valid 文号, in Chinese; None when it is (or is empty)."""
    if not text:
        return None
    if DOC_NO_PATTERN.match(text):
        return None
    if "〔" not in text or "〕" not in text:
        return f"文号“{text}”的年份应写在六角括号〔〕内，如“示编发〔2026〕3号”。"
    if not re.search(r"〔\d{4}〕", text):
        return f"文号“{text}”的年份应写全四位，如〔2026〕。"
    if not text.endswith("号"):
        return f"文号“{text}”应以“号”结尾，如“示编发〔2026〕3号”。"
    if re.search(r"〕第", text):
        return f"文号“{text}”的序号前不加“第”，如“示编发〔2026〕3号”。"
    if re.search(r"〕0", text):
        return f"文号“{text}”的序号不编虚位（1 不写成 01）。"
    if text.startswith("〔"):
        return f"文号“{text}”缺少机关代字，如“示编发〔2026〕3号”。"
    return f"文号“{text}”的格式应为“机关代字〔年份〕序号号”，如“示编发〔2026〕3号”。"
