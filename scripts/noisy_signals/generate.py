"""The one pipeline from data to pages: load and validate, then list every page to generate."""

from __future__ import annotations

from pathlib import Path

from . import themes
from .load import load_site
from .model import Site


def generated_pages(site: Site) -> list[tuple[str, str]]:
    """(path under docs/, Markdown) for every generated page, in a stable order."""
    pages = themes.pages(site)
    return sorted(pages)


def build(root: Path) -> tuple[Site, list[tuple[str, str]]]:
    """Load `root` and return the site with its generated pages; raises DataError on bad data."""
    site = load_site(root)
    return site, generated_pages(site)
