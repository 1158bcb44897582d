"""The generated lessons digest at /lessons/, and the lessons section of each theme page."""

from __future__ import annotations

import re

from .lessons import WHEN
from .model import Lesson, Site, Theme
from .render import front_matter, link, theme_chips
from .safe_text import plain
from .testimonial_pages import display_name, href

PATH = "lessons.md"

GROUP_INTROS = {
    "right-after": "For the first days: how much the verdict you just got can really have known.",
    "next-months": "For the weeks and months after: what to do instead of rereading the verdict.",
}


def heading_titles(site: Site) -> dict[str, str]:
    """Every guide heading as posts/<slug>#<id> with its plain title, for citations."""
    return {
        f"posts/{g.slug}#{h.id}": re.sub(r"[*_`]", "", h.title).strip()
        for g in site.guides.values()
        for h in g.headings
        if h.id
    }


def supported_by(lesson: Lesson) -> str:
    """'Supported by N posts', counting distinct guide pages among the citations."""
    n = len(lesson.posts)
    return f"Supported by {n} post{'s' if n != 1 else ''}"


def _citations(site: Site, titles: dict[str, str], lesson: Lesson) -> list[str]:
    """One list item per cited post, in citation order, with links to its cited sections."""
    out = []
    for slug in lesson.posts:
        refs = [r for r in lesson.rests_on if r.removeprefix("posts/").partition("#")[0] == slug]
        links = "; ".join(
            f"[{titles[r]}]({link(PATH, f'posts/{slug}.md', r.partition('#')[2])})" for r in refs
        )
        out.append(f"- *{site.sources[slug].title}*: {links}")
    return out


def _stories(site: Site, lesson: Lesson) -> str:
    """A raw HTML line linking the lesson's testimonials: names are contributor text."""
    links = ", ".join(
        f'<a href="{href(PATH, f"testimonials/{i}/")}">'
        f"{plain(display_name(site.testimonials[i]))}</a>"
        for i in lesson.testimonials
    )
    return f'<p class="ns-stories">Their stories: {links}.</p>'


def _lesson(site: Site, titles: dict[str, str], lesson: Lesson) -> list[str]:
    out = [f"### {lesson.title} {{ #{lesson.id} }}\n", f"{lesson.text}\n"]
    out.append(f"{supported_by(lesson)}:\n{{: .ns-support }}\n")
    out.extend(_citations(site, titles, lesson))
    out.append("")
    if lesson.testimonials:
        out.append(f"{_stories(site, lesson)}\n")
    out.append(f"{theme_chips(site, PATH, lesson.themes)}\n")
    return out


def lessons_page(site: Site) -> str:
    """Markdown for /lessons/: every lesson under its group, each citing the sections it rests on."""
    titles = heading_titles(site)
    out = [
        front_matter(
            f"{len(site.lessons)} short lessons from four posts on noisy evaluations, for the days "
            "and months after a rejection, a brush-off, a bad job or self-doubt, each with its sources."
        ),
        "# Lessons\n",
        f"{len(site.lessons)} short lessons drawn from the four posts, in our words. Each one names "
        "the guide sections it rests on, so you can read the evidence and the authors' own words "
        "before you take it on, and send the one that fits to someone who needs it.\n",
    ]
    groups = [key for key in WHEN if any(lesson.when == key for lesson in site.lessons)]
    out.append(" · ".join(f"[{WHEN[key]}](#{key})" for key in groups) + "\n")
    for key in groups:
        out.append(f"## {WHEN[key]} {{ #{key} }}\n")
        out.append(f"{GROUP_INTROS[key]}\n")
        for lesson in site.lessons:
            if lesson.when == key:
                out.extend(_lesson(site, titles, lesson))
    return "\n".join(out)


def theme_section(site: Site, theme: Theme) -> str:
    """The 'Lessons' section of a theme page: the digest's lessons tagged with this theme."""
    mine = [lesson for lesson in site.lessons if theme.id in lesson.themes]
    if not mine:
        return ""
    here = f"themes/{theme.id}.md"
    out = ["## Lessons for this situation { #lessons }\n"]
    out.extend(f"- [{lesson.title}]({link(here, PATH, lesson.id)})" for lesson in mine)
    out.append(f"\nAll lessons, for every situation: [Lessons]({link(here, PATH)}).\n")
    return "\n".join(out)
