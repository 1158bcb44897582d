"""Thin MkDocs adapter for the generator in noisy_signals/: events in, generated files out.

Everything that knows about the content lives in noisy_signals; this file only hands its results
to MkDocs, so another engine reading the same mkdocs.yml needs a new adapter, not a new generator.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from noisy_signals.generate import build
from noisy_signals.guide_decoration import decorate
from noisy_signals.model import Site
from noisy_signals.problems import DataError

# Two builds of the same tree must be byte-identical: pin the date MkDocs writes into sitemap.xml.
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

_site: Site | None = None
_pages: list[tuple[str, str]] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate data/ once per build; bad data aborts with every problem listed."""
    global _site, _pages
    root = Path(config.config_file_path).parent
    try:
        site, pages = build(root)
    except DataError as err:
        raise Abort(
            f"{len(err.problems)} problem(s) in the site's data:\n{err}\n"
            "Run `make validate` to see them without building."
        ) from None
    _site, _pages = site, pages
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages as in-memory files: nothing generated is written into docs/."""
    for path, markdown in _pages:
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Decorate guide pages with their source header and per-section theme chips."""
    src = page.file.src_uri
    guide = _site.guides.get(Path(src).stem) if _site and src.startswith("posts/") else None
    return decorate(_site, guide, markdown) if guide else markdown
