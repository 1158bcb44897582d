"""The one pipeline from data to pages: load and validate, then list every page to generate."""

from __future__ import annotations

from pathlib import Path

from . import lessons_page, testimonial_pages, themes
from .load import load_site
from .model import Site


def generated_pages(site: Site) -> list[tuple[str, str]]:
    """(path under docs/, Markdown) for every generated page, in a stable order."""
    pages = themes.pages(site) + testimonial_pages.pages(site)
    pages.append((lessons_page.PATH, lessons_page.lessons_page(site)))
    return sorted(pages)


def build(root: Path) -> tuple[Site, list[tuple[str, str]]]:
    """Load `root` and return the site with its generated pages; raises DataError on bad data."""
    site = load_site(root)
    return site, generated_pages(site)
