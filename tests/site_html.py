"""Helpers for reading the built site: every page, parsed, with what a reader's browser would load."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup


def pages(site: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    """(URL path relative to the site root, parsed HTML) for every built page."""
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        yield rel.removesuffix("index.html"), parsed(path)


def page(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at `url` (e.g. 'posts/evaluations-are-noisy/')."""
    return parsed(site / url / "index.html")


def parsed(path: Path) -> BeautifulSoup:
    """The page at `path`, parsed once per version of the file: many tests read the same build,
    and parsing is most of what they cost. Tests only read the tree; none may change it."""
    stat = path.stat()
    return _parse(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=512)
def _parse(path: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def meta(soup: BeautifulSoup, key: str) -> str | None:
    """The content of <meta name=key> or <meta property=key>."""
    tag = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
    return tag.get("content") if tag else None


def loaded_urls(soup: BeautifulSoup) -> list[str]:
    """URLs the browser fetches on its own: scripts, stylesheets, images, icons, frames."""
    urls = [t["src"] for t in soup.find_all(["script", "img", "iframe", "source"]) if t.get("src")]
    urls += [t["href"] for t in soup.find_all("link") if t.get("href") and _fetched(t)]
    return urls


def _fetched(link: object) -> bool:
    rel = set(link.get("rel") or [])  # type: ignore[attr-defined]
    return bool(rel & {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"})


def heading_text(tag: object) -> str:
    """A heading's visible text without the ¶ permalink MkDocs' toc adds."""
    return "".join(
        t.get_text() if hasattr(t, "get_text") else str(t)
        for t in tag.children  # type: ignore[attr-defined]
        if not (getattr(t, "get", None) and "headerlink" in (t.get("class") or []))
    ).strip()
