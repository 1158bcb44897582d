"""What the build adds to a hand-written guide page: the source header and per-section theme chips."""

from __future__ import annotations

import re

from .model import GuidePage, Site
from .related import related_section
from .render import theme_chips

H1 = re.compile(r"^# .*$", re.M)
HEADING_ID = re.compile(r"^#{2,3} .*\{[^}]*#([a-z0-9-]+)[^}]*\}\s*$", re.M)


def source_header(site: Site, page: GuidePage) -> str:
    """Author, date, venue, link to the original, licence note and reading time, from sources.yml."""
    src = site.sources[page.source]
    date = src.published + (f" ({src.published_note})" if src.published_note else "")
    authors = " and ".join(src.authors)
    return (
        f"By **{authors}**, first published {date} on {src.venue}. "
        f"Our guide: about {page.reading_minutes} min read.  \n"
        f"[Read the original post]({src.url}){{ .ns-original }} · {src.licence}\n"
        "{: .ns-source }"
    )


def decorate(site: Site, page: GuidePage, markdown: str) -> str:
    """Add the source header under the H1, theme chips under described headings, related at the end."""
    here = f"posts/{page.slug}.md"
    themes = {s.id: s.themes for s in page.sections}

    def chips(match: re.Match[str]) -> str:
        ids = themes.get(match.group(1))
        return f"{match.group(0)}\n\n{theme_chips(site, here, ids)}\n" if ids else match.group(0)

    markdown = H1.sub(lambda m: f"{m.group(0)}\n\n{source_header(site, page)}\n", markdown, count=1)
    return f"{HEADING_ID.sub(chips, markdown).rstrip()}\n\n{related_section(site, page)}"
