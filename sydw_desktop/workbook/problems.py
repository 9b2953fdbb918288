"""Problems and notes found while reading a workbook, each located as 工作表 / 行 / 列."""

from __future__ import annotations

from dataclasses import dataclass, field

from .layout import DATA_SHEETS


@dataclass(frozen=True)
class Problem:
    """One problem (or note) at a place in the workbook. Missing parts are left out of the text."""

    text: str
    sheet: str | None = None
    row: int | None = None  # Excel row number
    column: str | None = None  # the column's header, or a cell range
    order: int = 0  # column position, for sorting within a row

    def __str__(self) -> str:
        parts = [p for p in (self.sheet, f"第{self.row}行" if self.row else None, self.column) if p]
        return f"{' / '.join(parts) if parts else '文件'}：{self.text}"

    def sort_key(self) -> tuple[int, int, int]:
        sheet = DATA_SHEETS.index(self.sheet) + 1 if self.sheet in DATA_SHEETS else len(DATA_SHEETS) + 1
        return (0 if self.sheet is None else sheet, self.row or 0, self.order)


@dataclass
class Findings:
    """Problems (which refuse the import) and notes (information only), in reading order."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def problem(self, text: str, sheet: str | None = None, row: int | None = None,
                column: str | None = None, order: int = 0) -> None:
        self.problems.append(Problem(text, sheet, row, column, order))

    def note(self, text: str, sheet: str | None = None, row: int | None = None,
             column: str | None = None, order: int = 0) -> None:
        self.notes.append(Problem(text, sheet, row, column, order))

    def problem_texts(self) -> list[str]:
        return [str(p) for p in sorted(self.problems, key=Problem.sort_key)]

    def note_texts(self) -> list[str]:
        return [str(p) for p in sorted(self.notes, key=Problem.sort_key)]
