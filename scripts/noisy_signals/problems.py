"""One shape for every data problem, so contributors always read FILE:LINE: field: problem; fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True, order=True)
class Problem:
    """A single thing wrong in one file, with the fix spelled out."""

    file: str
    line: int | None
    field: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}; fix: {self.fix}"

    def annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on the pull request's diff."""
        line = f",line={self.line}" if self.line else ""

        def clean(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        title = clean(self.field).replace(",", "%2C").replace("::", "%3A%3A")
        return f"::error file={clean(self.file)}{line},title={title}::{clean(f'{self.message}; fix: {self.fix}')}"


class DataError(Exception):
    """Raised with every problem found, so one bad file never hides another."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(
            set(problems), key=lambda p: (p.file, p.line or 0, p.field, p.message)
        )
        super().__init__("\n".join(str(p) for p in self.problems))


class _Located(Protocol):
    def line(self, path: tuple[Any, ...]) -> int | None: ...


@dataclass
class Report:
    """The problems of one file, each placed at the line of the value at fault.

    `report.at(("themes", 2, "id"), "theme id 'x' is defined twice", "keep one")` records
    `data/taxonomy.yml:14: themes.2.id: ...`: the field and line follow from the value's path.
    """

    file: str
    doc: _Located | None = None
    problems: list[Problem] = field(default_factory=list)

    def at(
        self,
        path: tuple[Any, ...],
        message: str,
        fix: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        """Record a problem with the value at `path` (or at an explicit line and field)."""
        if line is None and self.doc is not None:
            line = self.doc.line(path)
        name = field or (".".join(str(p) for p in path) or "(file)")
        self.problems.append(Problem(self.file, line, name, message, fix))


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A near-match hint for an unknown id, or the list of valid ids when nothing is close."""
    choices = sorted(choices)
    close = difflib.get_close_matches(str(value), choices, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return "use one of: " + ", ".join(choices)
