"""Small Markdown helpers shared by the generated pages, so links and chips look the same everywhere."""

from __future__ import annotations

import json
import posixpath

from .model import Section, Site


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link from one docs/ Markdown file to another, checked by MkDocs' validation."""
    rel = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{rel}#{anchor}" if anchor else rel


def section_link(from_page: str, section: Section) -> str:
    """A link to a guide section, from a page at docs/<from_page>."""
    return link(from_page, f"posts/{section.page}.md", section.id)


def theme_chips(site: Site, from_page: str, theme_ids: tuple[str, ...]) -> str:
    """A paragraph of links to the theme pages, styled as chips."""
    chips = " ".join(
        f"[{site.themes[t].title}]({link(from_page, f'themes/{t}.md')}){{ .ns-chip }}"
        for t in theme_ids
    )
    return f"Themes: {chips}\n{{: .ns-chips }}"


def front_matter(description: str, search_tags: tuple[str, ...] = ()) -> str:
    """YAML front matter for a generated page; the description feeds search and link previews.

    `search_tags` become Material's `tags`, which its search weighs far above the text (without
    the tags plugin they are not shown), so a reader's own words find the page first.
    """
    text = description.replace('"', "'")
    tags = f"tags: {json.dumps(list(search_tags))}\n" if search_tags else ""
    return f'---\ndescription: "{text}"\n{tags}---\n\n'
