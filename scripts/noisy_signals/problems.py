"""One shape for every data problem, so contributors always read FILE:LINE: field: problem; fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


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


class DataError(Exception):
    """Raised with every problem found, so one bad file never hides another."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(
            set(problems), key=lambda p: (p.file, p.line or 0, p.field, p.message)
        )
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A near-match hint for an unknown id, or the list of valid ids when nothing is close."""
    choices = sorted(choices)
    close = difflib.get_close_matches(str(value), choices, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return "use one of: " + ", ".join(choices)
