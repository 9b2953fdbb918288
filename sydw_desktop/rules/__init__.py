"""The rules engine and the bundled rule catalogue (rules.md).

``run_checks(snapshot)`` evaluates every rule in force on a date at the jurisdiction's level and
returns a :class:`CheckReport`; the catalogue itself is data under ``resources/rules/``.
"""

from __future__ import annotations

from .catalogue import Catalogue, CatalogueError, ParamSpec, RuleEntry, load_catalogue
from .engine import run_checks
from .findings import CheckReport, Finding, Severity
from .listing import catalogue_json, catalogue_markdown, catalogue_text
from .params import RuleParamError, effective_params, validate_override

__all__ = [
    "Catalogue",
    "CatalogueError",
    "CheckReport",
    "Finding",
    "ParamSpec",
    "RuleEntry",
    "RuleParamError",
    "Severity",
    "catalogue_json",
    "catalogue_markdown",
    "catalogue_text",
    "effective_params",
    "load_catalogue",
    "run_checks",
    "validate_override",
]
