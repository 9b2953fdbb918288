"""The example import workbooks the tests run against, and where the shared contract lives.

Two workbooks play the same part: the project's own ``tests/fixtures/examples/自检旗-改革方案.xlsx``
(always present, its expectations in ``自检旗-expected.json`` beside it) and the contract's
``shared/examples/样例旗-改革方案.xlsx`` (present only where ``shared/`` lies beside the checkout, as in
CI; its expectations are those of ``shared/examples/README.md``). Tests that take the ``example_book``
fixture run against both and skip the shared one, with a reason, when it is absent.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from sydw_desktop.model import Jurisdiction
from sydw_desktop.vocab import Level

ROOT = Path(__file__).resolve().parent.parent
OWN_DIR = ROOT / "tests" / "fixtures" / "examples"
SHARED_ABSENT = "shared/ (the read-only contract and its examples) is not beside the checkout"


def shared_dir() -> Path | None:
    """The shared contract folder: ``$SYDW_SHARED``, else ``../shared`` beside the checkout; None if absent."""
    configured = os.environ.get("SYDW_SHARED")
    path = Path(configured) if configured else ROOT.parent / "shared"
    return path if (path / "spec").is_dir() else None


@dataclass(frozen=True)
class ExampleBook:
    """An example workbook and what importing and checking it must give."""

    label: str
    path: Path
    jurisdiction: Jurisdiction
    as_of: str
    before: tuple[int, int]  # units, 编制
    after: tuple[int, int]
    transfers: int
    renamed: tuple[str, str]  # a 更名 unit before → its name after
    without_destination: str  # a before-unit that leaves the plan (转企改制)
    placements_without_target: tuple[str, ...]  # 转企 / 其他安置 lines, in sheet order
    too_small: str  # the unit kept below the minimum size
    too_small_message: str
    findings: frozenset[tuple[str, str, str]]  # (rule, unit, severity) that must be among the findings
    absent_rules: frozenset[str]  # rules that must not fire

    def new_args(self) -> list[str]:
        """The ``sydw new`` arguments that make the empty workspace this workbook is imported into."""
        j = self.jurisdiction
        return ["--name", j.name, "--code", j.code, "--level", j.level.value,
                "--unit-cap", str(j.unit_cap), "--staff-cap", str(j.staff_cap)]


def own_book() -> ExampleBook:
    spec = json.loads((OWN_DIR / "自检旗-expected.json").read_text(encoding="utf-8"))
    j = spec["jurisdiction"]
    return ExampleBook(
        label="own",
        path=OWN_DIR / spec["workbook"],
        jurisdiction=Jurisdiction(j["name"], j["code"], Level(j["level"]), j["unit_cap"], j["staff_cap"]),
        as_of=spec["as_of"],
        before=(spec["before"]["units"], spec["before"]["staffing"]),
        after=(spec["after"]["units"], spec["after"]["staffing"]),
        transfers=spec["transfers"],
        renamed=tuple(spec["renamed"]),  # type: ignore[arg-type]
        without_destination=spec["without_destination"],
        placements_without_target=tuple(spec["placements_without_target"]),
        too_small=spec["too_small"]["unit"],
        too_small_message=spec["too_small"]["message"],
        findings=frozenset((f["rule"], f["unit"], f["severity"]) for f in spec["findings"]),
        absent_rules=frozenset(spec["absent_rules"]),
    )


def shared_book() -> ExampleBook | None:
    """The contract's example (shared/examples/README.md), or None where shared/ is absent."""
    shared = shared_dir()
    if shared is None:
        return None
    return ExampleBook(
        label="shared",
        path=shared / "examples" / "样例旗-改革方案.xlsx",
        jurisdiction=Jurisdiction("样例旗", "159902", Level.BANNER, 8, 120),
        as_of="2026-11-29",
        before=(8, 79),
        after=(5, 55),
        transfers=4,
        renamed=("样例旗政府信息中心", "样例旗政务数据服务局"),
        without_destination="样例旗招待所",
        placements_without_target=("转企", "其他安置"),
        too_small="样例旗地方志办公室",
        too_small_message="旗县不再保留核定编制5名以下的事业单位：样例旗地方志办公室（核定编制3名）",
        findings=frozenset({
            ("plan.min_unit_size", "样例旗地方志办公室", "error"),
            ("nm.suffix", "样例旗政务数据服务局", "warning"),
            ("nm.suffix", "样例旗地方志办公室", "warning"),
        }),
        absent_rules=frozenset({"plan.unit_cap", "plan.staff_cap", "plan.category_disposition", "x.people",
                                "uscc.checksum"}),
    )
