"""The data-driven parts of the hand-written home page, filled in at build time.

docs/index.md stays prose an editor can rewrite; where it holds a marker comment, the build puts
the entry cards (from data/taxonomy.yml) and the posts in reading order with their reading times
(from data/sources.yml and the guide pages), so neither can drift from the data.
"""

from __future__ import annotations

from .model import Site
from .render import link

HOME = "index.md"
CARDS = "<!-- noisy:theme-cards -->"
READING_ORDER = "<!-- noisy:reading-order -->"


def theme_cards(site: Site) -> str:
    """Material grid cards, one per evaluation type, each leading to its theme page."""
    out = ['<div class="grid cards" markdown>\n']
    for theme in site.themes.values():
        steps = len(theme.reading_path)
        start = (
            f"start with {steps} sections chosen from the four posts."
            if steps
            else f"{sum(theme.id in s.themes for s in site.sections())} sections of the guide."
        )
        out.append(
            f"-   [**{theme.situation}**]({link(HOME, f'themes/{theme.id}.md')})\n\n"
            "    ---\n\n"
            f"    {theme.title}: {start}\n"
        )
    out.append("</div>\n")
    return "\n".join(out)


def reading_order(site: Site) -> str:
    """The guide pages in reading order (sources.yml's order): title, reading time, one line."""
    lines = []
    for slug, source in site.sources.items():
        guide = site.guides.get(slug)
        if guide is None:
            continue
        lines.append(
            f"1. [{source.title}]({link(HOME, f'posts/{slug}.md')}), "
            f"about {guide.reading_minutes} min read: {source.summary}"
        )
    return "\n".join(lines) + "\n"


def fill(site: Site, markdown: str) -> str:
    """The home page's Markdown with its marker comments replaced by the generated parts."""
    return markdown.replace(CARDS, theme_cards(site)).replace(READING_ORDER, reading_order(site))
