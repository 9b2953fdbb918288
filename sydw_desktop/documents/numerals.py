"""Number formats of official documents: Chinese ordinals (一、二十一) and upper-case amounts (陆拾叁万元)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_DIGITS = "零一二三四五六七八九"
_UPPER = "零壹贰叁肆伍陆柒捌玖"
_UPPER_UNITS = ("", "拾", "佰", "仟")
_UPPER_GROUPS = ("", "万", "亿", "万亿")


def cnum(value: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (for （一） and 第一条)."""
    n = int(value)
    if n < 0:
        return "负" + cnum(-n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _DIGITS[tens] + "十" + (_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            return _DIGITS[hundreds] + "百"
        middle = "零" if rest < 10 else ""
        tail = cnum(rest) if rest >= 20 or rest < 10 else "一" + cnum(rest)
        return _DIGITS[hundreds] + "百" + middle + tail
    return str(n)


def cnum_value(text: str) -> int:
    """The inverse of :func:`cnum` for 一 … 九百九十九 (一 → 1, 十 → 10, 二十一 → 21, 一百零五 → 105); 0 if unreadable."""
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS or ch == "〇":
            current = 0 if ch == "〇" else _DIGITS.index(ch)
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return 0
    return total + current


def _group_upper(n: int) -> str:
    """0 < n < 10000 in upper-case digits, with 零 for inner gaps."""
    out = ""
    zero = False
    for pos in range(3, -1, -1):
        digit = n // 10**pos % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _UPPER[digit] + _UPPER_UNITS[pos]
    return out


def yuan_upper(amount: Decimal) -> str:
    """An amount in 元 as on a cheque: 630000 → 陆拾叁万元, 1234.5 → 壹仟贰佰叁拾肆元伍角."""
    cents = int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if cents < 0:
        raise ValueError(amount)
    whole, frac = divmod(cents, 100)
    text = ""
    if whole:
        groups = []
        g = 0
        while whole:
            whole, part = divmod(whole, 10000)
            groups.append((g, part))
            g += 1
        need_zero = False
        for g, part in reversed(groups):
            if part == 0:
                need_zero = bool(text)
                continue
            if text and (need_zero or part < 1000):
                text += "零"
            text += _group_upper(part) + _UPPER_GROUPS[g]
            need_zero = False
        text += "元"
    jiao, fen = divmod(frac, 10)
    if jiao:
        text += _UPPER[jiao] + "角"
    if fen:
        if not jiao and text:
            text += "零"
        text += _UPPER[fen] + "分"
    if not text:
        text = "零元"
    return text


def wan_upper(amount_wan: float) -> str:
    """开办资金 given in 万元, written in upper case: 63 → 陆拾叁万元."""
    return yuan_upper(Decimal(str(amount_wan)) * 10000)
