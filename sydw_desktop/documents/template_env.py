"""The Jinja environment templates render in, and the audit that says which paragraph lacked data.

docxtpl turns a template's body XML into one Jinja source with every ``<w:p>`` on its own line,
so a Jinja line number names a paragraph. :class:`Audit` records outputs whose value is missing
(``None`` in the context, or an undefined name) with that line, and :func:`paragraph_lines` turns
the line back into the paragraph's text — Word has no useful line numbers of its own.

A template is input an office installs, not trusted code: it renders in Jinja's immutable sandbox
(no access to ``_``-prefixed attributes, no calling of unsafe methods, no mutating of the data),
and validation refuses a template that reaches for such attributes before it is ever installed.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, cast

from jinja2 import Environment, Template, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .numerals import cnum

_TAG = re.compile(r"<[^>]+>")
_PARA = re.compile(r"<w:p([ >])")


def jinja_source(patched_xml: str) -> str:
    """The source docxtpl hands to Jinja: one ``<w:p>`` per line."""
    return _PARA.sub(r"\n<w:p\1", patched_xml)


def paragraph_lines(source: str) -> list[str]:
    """The visible text of each line of a Jinja source (1-based index = Jinja line number − 1)."""
    return [html.unescape(_TAG.sub("", line)).strip() for line in source.split("\n")]


def _template_line() -> tuple[Template | None, int]:
    """The template and template line currently being rendered (read from the call stack)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template, template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return None, 0


@dataclass
class Gap:
    """A value a paragraph wanted and the data did not have."""

    field: str
    line: int
    template: Template | None = None


@dataclass
class Audit:
    """Collects :class:`Gap` records while templates render."""

    gaps: list[Gap] = field(default_factory=list)

    def finalize(self, value: Any) -> Any:
        if value is None or isinstance(value, Undefined):
            name = getattr(value, "_undefined_name", None) if value is not None else None
            template, line = _template_line()
            self.gaps.append(Gap(name or "（空值）", line, template))
            return ""
        return value


class MissingValue(Undefined):
    """A context value the data does not have; prints as "" and is reported by the audit."""

    __slots__ = ()


def _none_to_missing(value: Any, path: str) -> Any:
    if value is None:
        return MissingValue(name=path)
    if isinstance(value, dict):
        return {k: _none_to_missing(v, f"{path}.{k}" if path else k) for k, v in value.items()}
    if isinstance(value, list):
        return [_none_to_missing(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


def mark_missing(context: dict[str, Any]) -> dict[str, Any]:
    """Replace every ``None`` by a :class:`MissingValue` named by its path (``charter.address``)."""
    return cast(dict[str, Any], _none_to_missing(context, ""))


def is_unsafe_name(name: object) -> bool:
    """An attribute or key a template may not reach for: anything starting with ``_``
    (``__class__``, ``__globals__``, ``_private`` …), which the sandbox refuses anyway."""
    return isinstance(name, str) and name.startswith("_")


def make_environment(audit: Audit | None = None) -> Environment:
    """The (sandboxed) environment of every template render and every validation."""
    audit = audit or Audit()
    env = ImmutableSandboxedEnvironment(autoescape=True, finalize=audit.finalize, keep_trailing_newline=True)
    env.filters["cnum"] = cnum
    env.globals.pop("lipsum", None)
    env.globals.pop("cycler", None)
    env.globals.pop("joiner", None)
    env.audit = audit  # type: ignore[attr-defined]
    return env

