"""Every generated page and fragment, as Markdown: what `generate` writes under docs/.

Generated pages (themes, lessons, testimonial listings) are ordinary Markdown files at their
published addresses. What the data adds to hand-written pages (a guide page's source header, the
themes of each section and its "Related in the other posts"; the home page's cards and reading
order) is written as snippet sections of one fragment file per page in docs/includes/generated/,
which the page pulls in with explicit `--8<--` lines, so no engine needs a hook to see it.
Contributor text only ever reaches a page through noisy_signals.testimonials, in raw HTML blocks.
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from .guides import HEADER, RELATED
from .model import WHEN, GuidePage, Lesson, Section, Site, Source, Testimonial, Theme
from .testimonials import inline_html, plain

HOME = "index.md"
LESSONS = "lessons.md"
THEMES = "themes/index.md"
TESTIMONIALS = "testimonials/index.md"
SHELL = "testimonials/_entry.md"
"""The one testimonial page the engine renders; the finish step stamps every testimonial into it."""
EXPLAINER = "explainers/one-evaluation.md"
FRAGMENTS = "includes/generated"
"""Snippet files under docs/, one per hand-written page that the data decorates."""
PAGE_SIZE = 100
THEME_LIMIT = 12
"""A theme page shows this many testimonials, newest first, then links to the filtered listing."""
RELATED_PER_THEME = 3
FILTER_JS = "assets/javascripts/testimonial-filter.js"
CONTRIBUTING = "CONTRIBUTING.md"
TITLE, DESCRIPTION, BODY = (
    "NS-TESTIMONIAL-TITLE",
    "NS-TESTIMONIAL-DESCRIPTION",
    "NS-TESTIMONIAL-BODY",
)
"""Markers in the rendered shell that the finish step replaces, one testimonial at a time."""
GROUP_INTROS = {
    "right-after": "For the first days: how much the verdict you just got can really have known.",
    "next-months": "For the weeks and months after: what to do instead of rereading the verdict.",
}


# Links ------------------------------------------------------------------------------------------


def url_of(doc: str) -> str:
    """The directory URL of a docs/ Markdown file: `themes/x.md` -> `themes/x/`, `index.md` -> ``."""
    stem = doc.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def relative(from_url: str, to: str) -> str:
    """A relative href between two site addresses (`themes/x/` -> `posts/y/#id`), for raw HTML."""
    page, hash_, anchor = to.partition("#")
    rel = posixpath.relpath(page.rstrip("/") or ".", from_url.rstrip("/") or ".")
    rel = rel + "/" if page.endswith("/") or not page else rel
    return f"{rel}{hash_}{anchor}"


def md_link(from_doc: str, to_doc: str, anchor: str = "") -> str:
    """A relative Markdown link between docs/ files, which the engine checks and turns into a URL."""
    rel = posixpath.relpath(to_doc, posixpath.dirname(from_doc) or ".")
    return f"{rel}#{anchor}" if anchor else rel


def section_link(from_doc: str, section: Section) -> str:
    """A Markdown link target for a guide section, from the page at docs/<from_doc>."""
    return md_link(from_doc, section.ref.doc, section.id)


def front_matter(description: str, search_tags: tuple[str, ...] = (), **extra: object) -> str:
    """Front matter of a generated page: its description (search, link previews) and `generated`.

    `generated: true` tells the templates there is no file to edit in the repository.
    `search_tags` become Material's `tags`, which its search weighs far above the text (without the
    tags plugin they are not shown), so a reader's own words find the page first.
    """
    meta = {"description": description, "generated": True, **extra}
    if search_tags:
        meta["tags"] = list(search_tags)
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def chips(site: Site, from_doc: str, theme_ids: tuple[str, ...], lead: str = "Themes:") -> str:
    """A paragraph of links to the theme pages, styled as chips."""
    links = " ".join(
        f"[{site.themes[t].title}]({md_link(from_doc, site.themes[t].doc)}){{ .ns-chip }}"
        for t in theme_ids
    )
    return f"{lead} {links}\n{{: .ns-chips }}"


def licence_credit(src: Source) -> str:
    """Credit for a post under an open licence: title, author, link, licence and its deed."""
    return (
        f"*[{src.title}]({src.url})* by {src.credit}: {src.licence} ([licence]({src.licence_url}))"
    )


def snippet(name: str, markdown: str) -> str:
    """One named section of a fragment file, for `--8<-- "<file>:<name>"`."""
    return f"<!-- --8<-- [start:{name}] -->\n{markdown.strip()}\n<!-- --8<-- [end:{name}] -->\n"


# Guide pages and the home page: fragments ----------------------------------------------------


def source_header(site: Site, guide: GuidePage) -> str:
    """Author, date, venue, link to the original, licence and reading time, from sources.yml."""
    src = site.sources[guide.source]
    date = src.published + (f" ({src.published_note})" if src.published_note else "")
    licence = f"[{src.licence}]({src.licence_url})" if src.licence_url else src.licence
    return (
        f"By **{' and '.join(src.authors)}**, first published {date} on {src.venue}. "
        f"Our guide: about {guide.reading_minutes} min read.  \n"
        f"[Read the original post]({src.url}){{ .ns-original }} · {licence}\n"
        "{: .ns-source }"
    )


def section_line(site: Site, guide: GuidePage, section: Section) -> str:
    """Under each described heading: whose post it is (for a reader who lands mid-page) and themes."""
    src = site.sources[guide.source]
    return chips(
        site, guide.file.removeprefix("docs/"), section.themes, f"From {src.credit}'s post ·"
    )


def _related_picks(site: Site, guide: GuidePage, theme: str, used: set) -> list[Section]:
    """At most RELATED_PER_THEME sections of other posts: one per post first, reading-path picks,
    then the most focused sections (fewest themes), then reading order."""
    path = {step.ref for step in site.themes[theme].reading_path}
    order = {s.ref: i for i, s in enumerate(site.sections())}

    def rank(s: Section) -> tuple[bool, int, int]:
        return (s.ref not in path, len(s.themes), order[s.ref])

    candidates = sorted(
        (
            s
            for s in site.sections()
            if s.page != guide.slug and theme in s.themes and s.ref not in used
        ),
        key=rank,
    )
    picks = [
        best
        for slug in site.sources
        if (best := next((s for s in candidates if s.page == slug), None))
    ]
    picks += [s for s in candidates if s not in picks]
    return sorted(picks[:RELATED_PER_THEME], key=rank)


def related(site: Site, guide: GuidePage) -> str:
    """ "Related in the other posts": a few sections of the other posts, grouped by theme."""
    here = guide.file.removeprefix("docs/")
    mine = {t for s in guide.sections for t in s.themes}
    used: set = set()
    out = [
        "## Related in the other posts { #related-in-other-posts }\n",
        "Where the other posts take up the same situations, a few sections each.\n",
    ]
    for theme in (t for t in site.themes if t in mine):
        picks = _related_picks(site, guide, theme, used)
        if not picks:
            continue
        used.update(s.ref for s in picks)
        title = site.themes[theme].title
        out.append(f"### {title} {{ #related-{theme} }}\n")
        out.extend(
            f"- [{s.title}]({section_link(here, s)}), in *{site.sources[s.page].title}*: {s.gist}"
            for s in picks
        )
        out.append(
            f"- [Every section on {title.lower()}]({md_link(here, site.themes[theme].doc, 'all-sections')})\n"
        )
    return "\n".join(out)


def guide_fragment(site: Site, guide: GuidePage) -> str:
    """docs/includes/generated/<slug>.md: the header, one line per described section, related."""
    parts = [snippet(HEADER, source_header(site, guide))]
    parts += [snippet(s.id, section_line(site, guide, s)) for s in guide.sections]
    parts.append(snippet(RELATED, related(site, guide)))
    return "\n".join(parts)


def home_fragment(site: Site) -> str:
    """docs/includes/generated/home.md: the home page's situation cards and reading order."""
    cards = ['<div class="grid cards" markdown>\n']
    for theme in site.themes.values():
        steps = len(theme.reading_path)
        start = (
            f"start with {steps} sections chosen from the posts."
            if steps
            else f"{sum(theme.id in s.themes for s in site.sections())} sections of the guide."
        )
        cards.append(
            f"-   [**{theme.situation}**]({md_link(HOME, theme.doc)})\n\n    ---\n\n"
            f"    {theme.title}: {start}\n"
        )
    cards.append("</div>\n")
    order = [
        f"1. [{source.title}]({md_link(HOME, f'posts/{slug}.md')}), "
        f"about {site.guides[slug].reading_minutes} min read: {source.summary}"
        for slug, source in site.sources.items()
        if slug in site.guides
    ]
    return (
        snippet("theme-cards", "\n".join(cards)) + "\n" + snippet("reading-order", "\n".join(order))
    )


@cache
def templates() -> Environment:
    """The HTML templates (templates/), autoescaped: text reaches them escaped unless already
    rendered safely (testimonials.plain, inline_html, to_html) and passed as Markup."""
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(default=True),
        keep_trailing_newline=True,
    )


def render(template: str, /, **values: object) -> str:
    """templates/<template>, filled in with `values` (which may include one called `name`)."""
    return templates().get_template(template).render(**values)


# Theme pages ------------------------------------------------------------------------------------


def send_block(theme: Theme, url: str) -> str:
    """ "Send this to someone": a visible, selectable message with the link, and a Copy button."""
    return render("send.html", text=Markup(plain(f"{theme.message}: {url}")))


def theme_description(theme: Theme) -> str:
    """The theme page's description: search results and link previews."""
    return f"{theme.question} {theme.title}: a reading guide to why this evaluation is noisy."


def theme_page(site: Site, theme: Theme, site_url: str) -> str:
    """/themes/<id>/: what a reader needs first (reading path, stories, lessons), then every section."""
    here = theme.doc
    out = [
        front_matter(theme_description(theme), search_tags=theme.keywords),
        f"# {theme.title}\n",
        f"**{theme.question}**\n{{: .ns-question }}\n",
        f"{theme.intro}\n",
        # The reader's own words, visible and indexed, so the search box finds this page by them.
        f"Also searched as: {', '.join(theme.keywords)}.\n{{: .ns-keywords }}\n",
        send_block(theme, site_url + url_of(here)),
    ]
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
    out.append(theme_testimonials(site, theme))
    out.append(theme_lessons(site, theme))
    if theme.explainer:
        out.append(
            "See it for yourself: [How much does one evaluation really say?]"
            f"({md_link(here, EXPLAINER)}), an interactive model of how often a noisy evaluation "
            "turns strong people away.\n"
        )
    tagged = [s for s in site.sections() if theme.id in s.themes]
    out.append("## Every section on this theme { #all-sections }\n")
    if not tagged:
        out.append("No guide section is tagged with this theme yet.\n")
    for slug, source in site.sources.items():
        mine = [s for s in tagged if s.page == slug]
        if mine:
            out.append(f"### {source.title} {{ #{slug} }}\n")
            out.append(
                f'??? info "{len(mine)} section{"s" if len(mine) != 1 else ""} of this post"\n'
            )
            out.extend(f"    - [{s.title}]({section_link(here, s)}): {s.gist}" for s in mine)
            out.append("")
    return "\n".join(out)


def themes_index(site: Site) -> str:
    """/themes/: the situations a reader can arrive in."""
    out = [
        front_matter(
            "Kinds of evaluation that feel decisive and are noisy: pick the one you just went through."
        ),
        "# Themes\n",
        "Pick the evaluation you just went through.\n",
    ]
    for theme in site.themes.values():
        count = sum(theme.id in s.themes for s in site.sections())
        out.append(
            f"- [**{theme.title}**]({md_link(THEMES, theme.doc)}): {theme.question} ({count} sections)"
        )
    return "\n".join(out) + "\n"


# Lessons ----------------------------------------------------------------------------------------


def supported_by(lesson: Lesson) -> str:
    """'Supported by N posts', counting distinct guide pages among the citations."""
    n = len(lesson.posts)
    return f"Supported by {n} post{'s' if n != 1 else ''}"


def _lesson(site: Site, lesson: Lesson) -> list[str]:
    out = [f"### {lesson.title} {{ #{lesson.id} }}\n", f"{lesson.text}\n"]
    out.append(f"{supported_by(lesson)}:\n{{: .ns-support }}\n")
    for slug in lesson.posts:
        links = "; ".join(
            f"[{site.heading_title(ref)}]({md_link(LESSONS, ref.doc, ref.id)})"
            for ref in lesson.rests_on
            if ref.slug == slug
        )
        out.append(f"- *{site.sources[slug].title}*: {links}")
    out.append("")
    if lesson.testimonials:
        stories = ", ".join(
            f'<a href="{relative(url_of(LESSONS), f"testimonials/{i}/")}">'
            f"<bdi>{plain(display_name(site.testimonials[i]))}</bdi></a>"
            for i in lesson.testimonials
        )
        out.append(f'<p class="ns-stories">Their stories: {stories}.</p>\n')
    out.append(f"{chips(site, LESSONS, lesson.themes)}\n")
    return out


def lessons_page(site: Site) -> str:
    """/lessons/: every lesson under its group, each citing the sections it rests on."""
    n, posts = len(site.lessons), len(site.guides)
    out = [
        front_matter(
            f"{n} short lessons from {posts} posts on noisy evaluations, for the days and months "
            "after a rejection, a brush-off, a bad job or self-doubt, each with its sources."
        ),
        "# Lessons\n",
        f"{n} short lessons drawn from the {posts} posts, in our words. Each one names the guide "
        "sections it rests on, so you can read the evidence and the authors' own words before you "
        "take it on, and send the one that fits to someone who needs it.\n",
    ]
    groups = [key for key in WHEN if any(lesson.when == key for lesson in site.lessons)]
    out.append(" · ".join(f"[{WHEN[key]}](#{key})" for key in groups) + "\n")
    for key in groups:
        out += [f"## {WHEN[key]} {{ #{key} }}\n", f"{GROUP_INTROS[key]}\n"]
        for lesson in site.lessons:
            if lesson.when == key:
                out.extend(_lesson(site, lesson))
    cited = {slug for lesson in site.lessons for slug in lesson.posts}
    licensed = [src for slug, src in site.sources.items() if slug in cited and src.licence_url]
    if licensed:
        out.append("## Credits { #credits }\n")
        out.extend(f"- {licence_credit(src)}." for src in licensed)
    return "\n".join(out) + "\n"


def theme_lessons(site: Site, theme: Theme) -> str:
    """The 'Lessons' section of a theme page: the digest's lessons tagged with this theme."""
    mine = [lesson for lesson in site.lessons if theme.id in lesson.themes]
    if not mine:
        return ""
    out = ["## Lessons for this situation { #lessons }\n"]
    out.extend(f"- [{lesson.title}]({md_link(theme.doc, LESSONS, lesson.id)})" for lesson in mine)
    out.append(f"\nAll lessons, for every situation: [Lessons]({md_link(theme.doc, LESSONS)}).\n")
    return "\n".join(out)


# Testimonials -----------------------------------------------------------------------------------


def ordered(testimonials: list[Testimonial]) -> list[Testimonial]:
    """Newest first (undated last), then by id, so listings are stable between builds."""
    by_id = sorted(testimonials, key=lambda t: t.id)
    return sorted(by_id, key=lambda t: t.shared_on or "0000", reverse=True)


def display_name(t: Testimonial) -> str:
    """The name shown on the site; an anonymous contributor's name never reaches the page at all."""
    return "Anonymous" if t.anonymous else t.who


def item_list(site: Site, testimonials: list[Testimonial], here: str) -> str:
    """The compact listing of these testimonials, as a raw HTML block (templates/)."""
    items = [
        {
            "themes": " ".join(t.themes),
            "href": relative(url_of(here), f"testimonials/{t.id}/"),
            "name": Markup(plain(display_name(t))),
            "role": Markup(plain(t.role)),
            "gist": Markup(inline_html(t.setbacks[0])),
            "theme_titles": Markup(" · ".join(plain(site.themes[i].title) for i in t.themes)),
        }
        for t in testimonials
    ]
    return render("testimonial-list.html", items=items).rstrip("\n")


def _filter(site: Site) -> str:
    chips = [{"id": t.id, "title": Markup(plain(t.title))} for t in site.themes.values()]
    return render("testimonial-filter.html", themes=chips).rstrip("\n")


def _pager(page: int, pages: int, here: str) -> str:
    if pages <= 1:
        return ""
    links = [
        (
            n,
            ""
            if n == page
            else relative(url_of(here), "testimonials/" if n == 1 else f"testimonials/page/{n}/"),
        )
        for n in range(1, pages + 1)
    ]
    return render("pager.html", pages=links).rstrip("\n")


def listing_pages(site: Site, repo_url: str) -> list[tuple[str, str]]:
    """/testimonials/ and /testimonials/page/<n>/: every testimonial, PAGE_SIZE per page."""
    everyone = ordered(list(site.testimonials.values()))
    chunks = [everyone[i : i + PAGE_SIZE] for i in range(0, len(everyone), PAGE_SIZE)] or [[]]
    contributing = f"{repo_url.rstrip('/')}/blob/main/{CONTRIBUTING}"
    out = []
    for n, chunk in enumerate(chunks, 1):
        here = TESTIMONIALS if n == 1 else f"testimonials/page/{n}.md"
        md = [
            front_matter(
                "Researchers' own setbacks and what came next: rejections, brush-offs, jobs that "
                "went badly and self-doubt, filterable by theme."
            ),
            "# Testimonials\n" if n == 1 else f"# Testimonials, page {n}\n",
            "Researchers' own setbacks, and what happened next. The ones from the posts are in our "
            "words with a short quote; the others are their contributors' own words. Anyone can add "
            f"one: [how to add yours]({contributing}).\n",
        ]
        if not everyone:
            md.append("No testimonials yet.\n")
        else:
            pages = f"; this is page {n} of {len(chunks)}." if len(chunks) > 1 else "."
            md.append(f"{len(everyone)} testimonials, newest first{pages}\n")
            md += [_filter(site) + "\n", item_list(site, chunk, here) + "\n"]
            md.append(_pager(n, len(chunks), here) + "\n")
            md.append(f'<script src="{relative(url_of(here), FILTER_JS)}" defer></script>\n')
        out.append((here, "\n".join(md)))
    return out


def theme_testimonials(site: Site, theme: Theme) -> str:
    """The "Testimonials" section of a theme page: the newest few, then the filtered listing."""
    here = theme.doc
    mine = ordered([t for t in site.testimonials.values() if theme.id in t.themes])
    out = ["## Testimonials { #testimonials }\n"]
    if not mine:
        out.append(
            f"No testimonials on this theme yet. [Read the others]({md_link(here, TESTIMONIALS)}), or add yours.\n"
        )
        return "\n".join(out)
    shown = mine[:THEME_LIMIT]
    out.append("People who went through this kind of evaluation, and what happened next.\n")
    out.append(item_list(site, shown, here) + "\n")
    more = f"All {len(mine)} on this theme" if len(mine) > len(shown) else "All testimonials"
    out.append(
        f'<p><a href="{relative(url_of(here), "testimonials/")}?theme={theme.id}">{more}</a></p>\n'
    )
    return "\n".join(out)


def shell_page() -> str:
    """The one testimonial page the engine renders; the finish step fills it in per testimonial."""
    return (
        f"---\ntitle: {TITLE}\ndescription: {DESCRIPTION}\ngenerated: true\nsearch:\n  exclude: true\n---\n\n"
        f"# {TITLE} {{ #testimonial }}\n\n"  # a Markdown H1, so the theme adds its skip link
        f'<div class="ns-t-page">{BODY}</div>\n'
    )


def all_pages(site: Site, site_url: str, repo_url: str) -> dict[str, str]:
    """docs/-relative path -> Markdown, for every generated page and fragment."""
    pages = {THEMES: themes_index(site), LESSONS: lessons_page(site), SHELL: shell_page()}
    pages |= {theme.doc: theme_page(site, theme, site_url) for theme in site.themes.values()}
    pages |= dict(listing_pages(site, repo_url))
    pages |= {f"{FRAGMENTS}/{g.slug}.md": guide_fragment(site, g) for g in site.guides.values()}
    pages[f"{FRAGMENTS}/home.md"] = home_fragment(site)
    return pages


def plain_line(text: str, limit: int = 200) -> str:
    """Text without Markdown marks, on one line, at most `limit` characters: for meta tags."""
    text = re.sub(r"[*_`\[\]]", "", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
