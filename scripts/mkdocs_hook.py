"""MkDocs glue for `mkdocs serve` only: run the pipeline's generate and finish steps around a rebuild.

`make build` runs generate -> engine -> finish itself (python -m noisy_signals build), for MkDocs and
Zensical alike; Zensical ignores hooks. While serving, MkDocs rebuilds on every change to docs/,
data/, scripts/ or overrides/: each step runs as a fresh Python process, so an edit to the generator
shows on the next reload instead of running the module imported at start-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    """Only `mkdocs serve` needs the hook; builds run the pipeline's own steps."""
    global _serving
    _serving = command == "serve"


def _step(config: MkDocsConfig, *args: str) -> None:
    root = Path(config.config_file_path).parent
    result = subprocess.run(
        [sys.executable, "-m", "noisy_signals", "--root", str(root), *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root / "scripts")},
    )
    if result.returncode != 0:
        raise Abort((result.stdout + result.stderr).strip())


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Regenerate, then take the navigation and template data from the generated config."""
    if _serving:
        _step(config, "generate")
        root = Path(config.config_file_path).parent
        generated = yaml.safe_load((root / "mkdocs.generated.yml").read_text(encoding="utf-8"))
        config.nav = generated["nav"]
        config.extra["noisy"] = generated["extra"]["noisy"]
    return config


def on_post_build(config: MkDocsConfig) -> None:
    """Finish the served site: testimonial pages, share addresses, redirects, the link check."""
    if _serving:
        _step(config, "finish", "--serving", config.site_dir)
