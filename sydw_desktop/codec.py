"""Dataclass ↔ JSON-ready dict conversion, driven by type hints.

Enums are written as their Chinese labels; dicts keyed by enums use the labels as keys. Unknown keys
in input are ignored and missing ones take the dataclass defaults, so documents written by an older
program still load.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


def to_data(value: Any) -> Any:
    """Convert a dataclass (or a container of them) to JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {to_data(k): to_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, raw: Any) -> Any:
    if raw is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], raw) if len(inner) == 1 else raw
    if origin is list:
        return [_convert(args[0], v) for v in raw]
    if origin is dict:
        return {_convert(args[0], k): _convert(args[1], v) for k, v in raw.items()}
    if isinstance(tp, type):
        if issubclass(tp, enum.Enum):
            return tp(raw)
        if dataclasses.is_dataclass(tp):
            return from_data(tp, raw)
        if tp is float and isinstance(raw, int):
            return float(raw)
    return raw


def from_data(cls: type[T], data: dict[str, Any]) -> T:
    """Build ``cls`` from data written by :func:`to_data`."""
    hints = _hints(cls)  # type: ignore[arg-type]  # a class is hashable; mypy loses that through type[T]
    kwargs = {
        f.name: _convert(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in data
    }
    return cls(**kwargs)
