"""Helpers for tests that break a scratch copy of the data on purpose and read the verdict."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in `path` with `new`, failing loudly if the data moved on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line of `path` containing `needle`."""
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def validate(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run `make validate` (python -m noisy_signals validate) on the tree at `tree`."""
    env = {**os.environ, "PYTHONPATH": str(tree / "scripts")}
    return subprocess.run(
        [sys.executable, "-m", "noisy_signals", "validate"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
