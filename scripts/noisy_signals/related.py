"""The "Related in the other posts" ending of each guide page, generated from the theme tags.

Every post tags dozens of sections, so listing all matches would bury the useful ones. Per theme
the page touches, this picks at most PER_THEME sections from the other posts: one from each post
first, so the reader sees every other voice, preferring the editors' reading-path picks, then the
most focused sections (fewest themes), then reading order. A section is listed once per page.
"""

from __future__ import annotations

from .model import GuidePage, Section, Site
from .render import link, section_link

PER_THEME = 3
HEADING_ID = "related-in-other-posts"


def _picks(site: Site, page: GuidePage, theme: str, used: set[str]) -> list[Section]:
    path = {step.ref for step in site.themes[theme].reading_path}
    order = {s.ref: i for i, s in enumerate(site.sections())}

    def rank(s: Section) -> tuple[bool, int, int]:
        return (s.ref not in path, len(s.themes), order[s.ref])

    candidates = sorted(
        (
            s
            for s in site.sections()
            if s.page != page.slug and theme in s.themes and s.ref not in used
        ),
        key=rank,
    )
    picks: list[Section] = []
    for slug in site.sources:
        best = next((s for s in candidates if s.page == slug), None)
        if best:
            picks.append(best)
    picks += [s for s in candidates if s not in picks]
    return sorted(picks[:PER_THEME], key=rank)


def related_section(site: Site, page: GuidePage) -> str:
    """Markdown for the end of a guide page: a few sections of the other posts, grouped by theme."""
    here = f"posts/{page.slug}.md"
    mine = {t for s in page.sections for t in s.themes}
    used: set[str] = set()
    out = [
        f"## Related in the other posts {{ #{HEADING_ID} }}\n",
        "Where the other posts take up the same situations, a few sections each.\n",
    ]
    for theme in (t for t in site.themes if t in mine):
        picks = _picks(site, page, theme, used)
        if not picks:
            continue
        used.update(s.ref for s in picks)
        title = site.themes[theme].title
        out.append(f"### {title} {{ #related-{theme} }}\n")
        out.extend(
            f"- [{s.title}]({section_link(here, s)}), in *{site.sources[s.page].title}*: {s.gist}"
            for s in picks
        )
        theme_page = link(here, f"themes/{theme}.md", "all-sections")
        out.append(f"- [Every section on {title.lower()}]({theme_page})\n")
    return "\n".join(out)
