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
from collections.abc import Callable
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


Converter = Callable[[Any], Any]


def _identity(raw: Any) -> Any:
    return raw


@functools.cache
def _converter(tp: Any) -> Converter:
    """The function turning JSON data into a value of type ``tp``, made once per type.

    Reading a region's 51,603 documents converts about two million values; deciding what to do
    from the type hint each time cost most of the read.
    """
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else _identity
    if origin is list:
        item = _converter(args[0])
        if item is _identity:
            return lambda raw: None if raw is None else list(raw)
        return lambda raw: None if raw is None else [item(v) for v in raw]
    if origin is dict:
        key, value = _converter(args[0]), _converter(args[1])
        return lambda raw: None if raw is None else {key(k): value(v) for k, v in raw.items()}
    if isinstance(tp, type):
        if issubclass(tp, enum.Enum):
            return _enum_converter(tp)
        if dataclasses.is_dataclass(tp):
            cls = tp
            return lambda raw: None if raw is None else from_data(cls, raw)
        if tp is float:
            return lambda raw: float(raw) if isinstance(raw, int) else raw
    return _identity


def _enum_converter(tp: type[enum.Enum]) -> Converter:
    members = tp._value2member_map_

    def convert(raw: Any) -> Any:
        if raw is None:
            return None
        try:
            return members[raw]
        except (KeyError, TypeError):
            return tp(raw)  # aliases, _missing_, or the error an unknown value gives

    return convert


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Converter], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


def from_data(cls: type[T], data: dict[str, Any]) -> T:
    """Build ``cls`` from data written by :func:`to_data`."""
    fields = _fields(cls)  # type: ignore[arg-type]  # a class is hashable; mypy loses that through type[T]
    return cls(**{name: convert(data[name]) for name, convert in fields if name in data})
