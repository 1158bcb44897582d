"""The generated theme pages: one per evaluation type, built from the taxonomy and the guide pages."""

from __future__ import annotations

from . import lessons_page
from .model import Site, Theme
from .render import front_matter, link, section_link
from .testimonial_pages import theme_section

INDEX = "themes/index.md"
# The interactive explainer (docs/explainers/), linked from the themes it illustrates.
EXPLAINER = "explainers/one-evaluation.md"
EXPLAINER_THEMES = ("applications", "first-impressions")


def theme_page(site: Site, theme: Theme) -> str:
    """Markdown for /themes/<id>/: the reader's question, the reading path and every tagged section."""
    here = f"themes/{theme.id}.md"
    out = [
        front_matter(
            f"{theme.question} {theme.title}: a reading guide to why this evaluation is noisy.",
            search_tags=theme.keywords,
        )
    ]
    out.append(f"# {theme.title}\n")
    out.append(f"**{theme.question}**\n{{: .ns-question }}\n")
    out.append(f"{theme.intro}\n")
    # The reader's own words, visible and indexed, so the search box finds this page by them.
    out.append(f"Also searched as: {', '.join(theme.keywords)}.\n{{: .ns-keywords }}\n")
    if theme.reading_path:
        out.append("## Start here { #start-here }\n")
        for step in theme.reading_path:
            section = site.section(step.ref)
            assert section is not None  # checked by load_site
            post = site.sources[section.page].title
            out.append(
                f"1. [{section.title}]({section_link(here, section)}), in *{post}*: {step.why}"
            )
        out.append("")
    out.append(lessons_page.theme_section(site, theme))
    tagged = [s for s in site.sections() if theme.id in s.themes]
    out.append("## Every section on this theme { #all-sections }\n")
    if not tagged:
        out.append("No guide section is tagged with this theme yet.\n")
    for slug, source in site.sources.items():
        mine = [s for s in tagged if s.page == slug]
        if not mine:
            continue
        out.append(f"### {source.title} {{ #{slug} }}\n")
        out.extend(f"- [{s.title}]({section_link(here, s)}): {s.gist}" for s in mine)
        out.append("")
    if theme.id in EXPLAINER_THEMES:
        out.append(
            "See it for yourself: [How much does one evaluation really say?]"
            f"({link(here, EXPLAINER)}), an interactive model of how often a noisy evaluation "
            "turns strong people away.\n"
        )
    out.append(theme_section(site, theme, here))
    return "\n".join(out)


def themes_index(site: Site) -> str:
    """Markdown for /themes/: the four situations a reader can arrive in."""
    out = [
        front_matter(
            "Four kinds of evaluation that feel decisive and are noisy: pick the one you just went through."
        )
    ]
    out.append("# Themes\n")
    out.append("Pick the evaluation you just went through.\n")
    for theme in site.themes.values():
        count = sum(theme.id in s.themes for s in site.sections())
        out.append(
            f"- [**{theme.title}**]({link(INDEX, f'themes/{theme.id}.md')}): "
            f"{theme.question} ({count} sections)"
        )
    return "\n".join(out) + "\n"


def pages(site: Site) -> list[tuple[str, str]]:
    """(path under docs/, Markdown) for every theme page."""
    out = [(INDEX, themes_index(site))]
    out += [(f"themes/{t.id}.md", theme_page(site, t)) for t in site.themes.values()]
    return out
