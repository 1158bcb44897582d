"""Full addresses for links on paper: a printed lesson or guide page must say where each link goes.

Print CSS can only show an attribute as written, and links inside the site are relative
(`../what-mentors-value/#qualities`), meaningless on paper. This adds `data-print-url` with the
absolute address to each link that leaves the page, for noisy.css to print after the link text.
Links within the same page, permalinks, footnote marks and theme chips are left alone.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlparse

PRINTED = ("posts/", "lessons.md")
"""Source files (docs/-relative prefixes) whose printed copy shows link targets."""
ANCHOR = re.compile(r"<a\b([^>]*)>")
HREF = re.compile(r'\bhref="([^"]*)"')
CLASS = re.compile(r'\bclass="([^"]*)"')
SKIP_CLASSES = {"headerlink", "footnote-ref", "footnote-backref", "ns-chip", "md-content__button"}


def wanted(src_uri: str) -> bool:
    """True for the pages readers print: the guide pages and the lessons digest."""
    return src_uri.startswith(PRINTED)


def add_print_urls(page_html: str, page_url: str) -> str:
    """`page_html` with data-print-url on every relative link that points off this page."""

    def mark(match: re.Match[str]) -> str:
        attrs = match.group(1)
        href = HREF.search(attrs)
        cls = CLASS.search(attrs)
        classes = set(cls.group(1).split()) if cls else set()
        if not href or classes & SKIP_CLASSES or "data-print-url" in attrs:
            return match.group(0)
        target = html.unescape(href.group(1))
        if target.startswith("#") or urlparse(target).scheme:
            return match.group(0)
        url = html.escape(urljoin(page_url, target), quote=True)
        return f'<a{attrs} data-print-url="{url}">'

    return ANCHOR.sub(mark, page_html)
