"""统一社会信用代码 (GB 32100-2015) and 组织机构代码 (GB 11714-1997) algorithms."""

from __future__ import annotations

import functools
import operator
import re
import unicodedata

#: The 31 characters of GB 32100, valued 0…30 in this order (no I, O, Z, S, V).
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VALUES = {c: i for i, c in enumerate(USCC_CHARS)}
#: W_i = 3^(i-1) mod 31 for i = 1…17.
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
USCC_PATTERN = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")

#: GB 11714: digits 0–9, letters A–Z valued 10–35; weights of the 8-character body.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@functools.lru_cache(maxsize=1 << 17)
def normalize_uscc(code: str) -> str:
    """Strip, full-width → half-width (NFKC), upper-case."""
    return unicodedata.normalize("NFKC", code).strip().upper()


def is_well_formed(code: str) -> bool:
    """18 characters of the GB 32100 set with digits in positions 3–8 (``code`` already normalised)."""
    return USCC_PATTERN.fullmatch(code) is not None


def format_problem(code: str) -> str:
    """Why the normalised ``code`` is not of GB 32100 form, as a predicate (“应为18位，现为8位”)."""
    if len(code) != 18:
        return f"应为18位，现为{len(code)}位"
    bad = sorted({c for c in code if c not in USCC_CHARS})
    if bad:
        return f"含有代码中不使用的字符“{'、'.join(bad)}”（不使用 I、O、Z、S、V 及汉字、符号）"
    return "第3–8位应为数字（登记管理机关行政区划码）"


def uscc_check_char(first17: str) -> str:
    """The check character (position 18) for the first 17 characters.

    ``C18 = 31 − (Σ C_i·W_i mod 31)``; a result of 31 (remainder 0) maps to ``'0'``.
    Raises ``ValueError`` for a character outside the set.
    """
    if len(first17) != 17:
        raise ValueError(first17)
    try:
        total = sum(map(operator.mul, map(USCC_VALUES.__getitem__, first17), USCC_WEIGHTS))
    except KeyError as exc:
        raise ValueError(first17) from exc
    return USCC_CHARS[(31 - total % 31) % 31]


def _org_value(char: str) -> int:
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    raise ValueError(char)


def org_check_char(body: str) -> str:
    """GB 11714 check character of an 8-character organisation-code body: 10 → 'X', 11 → '0'."""
    if len(body) != 8:
        raise ValueError(body)
    total = sum(map(operator.mul, map(_org_value, body), ORG_WEIGHTS))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)
