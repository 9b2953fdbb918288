"""Turning one cell's raw value (as openpyxl gives it) into a model value.

Each parser raises :class:`CellError` with a Chinese description of what is wrong; the reader adds
where (sheet, row, column).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from ..rules.uscc import format_problem, is_well_formed, normalize_uscc
from ..vocab import LabelEnum, normalize_text
from .layout import MAX_INT


class CellError(ValueError):
    """The cell's value cannot be used; ``str(err)`` says why, in Chinese."""


_INT_TEXT = re.compile(r"[+-]?\d+(\.0*)?")
_NAME_SEPARATORS = re.compile(r"[、；;\n]")
_SPACES = re.compile(r"\s+")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: object) -> str:
    """A raw value as quoted back to the clerk."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date().isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value).strip()


def to_text(value: object) -> str:
    """Any cell as text: numbers without a spurious ``.0``, dates as ISO dates."""
    return "" if value is None else shown(value)


def to_int(value: object, minimum: int = 0) -> int:
    """A whole number ≥ ``minimum``: an int, an integral float, or such a number as text."""
    if isinstance(value, bool):
        raise CellError(f"“{'TRUE' if value else 'FALSE'}”不是整数")
    if isinstance(value, (datetime, date, time)):
        raise CellError(f"“{shown(value)}”是日期或时间，不是整数")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"“{shown(value)}”不是整数")
        number = int(value)
    else:
        text = normalize_text(str(value)).replace(",", "")
        if not _INT_TEXT.fullmatch(text):
            raise CellError(f"“{shown(value)}”不是整数")
        number = int(text.split(".")[0])
    if number < minimum:
        if number < 0:
            raise CellError(f"“{shown(value)}”不能为负数")
        raise CellError(f"“{shown(value)}”不能小于 {minimum}")
    if number > MAX_INT:
        raise CellError(f"“{shown(value)}”过大（上限 {MAX_INT}）")
    return number


def to_enum(value: object, enum: type[LabelEnum]) -> LabelEnum:
    """A member of ``enum`` by its Chinese label (:meth:`LabelEnum.parse`)."""
    try:
        return enum.parse(to_text(value))
    except ValueError:
        raise CellError(f"“{shown(value)}”不在可选值中（可选：{'、'.join(enum.labels())}）") from None


def to_uscc(value: object) -> str:
    """A 统一社会信用代码 as the rules read it (:func:`~sydw_desktop.rules.uscc.normalize_uscc`:
    full-width → half-width, upper case; spaces inside are dropped too), of GB 32100 form.

    Length, character set and the digits of positions 3–8 are checked here; the check digit and
    the meaning of the parts are the rules' job.
    """
    code = normalize_uscc(_SPACES.sub("", to_text(value)))
    if len(code) != 18:
        raise CellError(f"“{shown(value)}”应为 18 位，实为 {len(code)} 位")
    if not is_well_formed(code):
        raise CellError(f"“{shown(value)}”{format_problem(code)}")
    return code


def to_names(value: object) -> list[str]:
    """A list of names separated by 、 ； ; or line breaks, each stripped, empties dropped."""
    return [part.strip() for part in _NAME_SEPARATORS.split(to_text(value)) if part.strip()]
