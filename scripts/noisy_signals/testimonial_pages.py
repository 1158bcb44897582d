"""The testimonials on the site: paginated listings with theme filters, theme-page lists, permalinks.

Scale decides the design (see `make bench`). Listings are ordinary generated pages, PAGE_SIZE
testimonials each, outside the navigation. Each testimonial also gets a permalink page,
/testimonials/<id>/, with the full site around it; building 10,000 of those through MkDocs took
about 45 s of the 60 s budget on two cores before any listing was built. So MkDocs renders one
*shell* page, testimonials/_entry/ (an id can never start with "_"), and `publish()` stamps each
testimonial into a copy of it after the build: same depth, so every relative link in the shell
stays right, and only the title, description, address and body change.

All contributor text goes through noisy_signals.safe_text and into raw HTML blocks, so no Markdown
extension sees it; titles and descriptions are escaped here, after Jinja, never by templates.
"""

from __future__ import annotations

import gzip
import html
import io
import posixpath
import re
import shutil
from pathlib import Path

from .model import Site, Testimonial, Theme
from .render import front_matter, link
from .safe_text import inline_html, plain, to_html

PAGE_SIZE = 100
THEME_LIMIT = 12
"""A theme page shows this many testimonials, newest first, then links to the filtered listing."""
INDEX = "testimonials/index.md"
SHELL = "testimonials/_entry.md"
SHELL_URL = "testimonials/_entry/"
TITLE, DESCRIPTION, BODY = (
    "NS-TESTIMONIAL-TITLE",
    "NS-TESTIMONIAL-DESCRIPTION",
    "NS-TESTIMONIAL-BODY",
)
FILTER_JS = "assets/javascripts/testimonial-filter.js"


def ordered(testimonials: list[Testimonial]) -> list[Testimonial]:
    """Newest first (undated last), then by id, so listings are stable between builds."""
    by_id = sorted(testimonials, key=lambda t: t.id)
    return sorted(by_id, key=lambda t: t.shared_on or "0000", reverse=True)


def display_name(t: Testimonial) -> str:
    """The name shown on the site; an anonymous contributor's name never reaches the data at all."""
    return "Anonymous" if t.anonymous else t.who


def title(t: Testimonial) -> str:
    """The permalink page's title: the name, or for anonymous testimonials the role."""
    if not t.anonymous:
        return t.who[:1].upper() + t.who[1:]  # "a commenter" heads its page as "A commenter"
    role = t.role if len(t.role) <= 60 else t.role[:59].rstrip() + "…"
    return f"Anonymous: {role}"


def description(t: Testimonial) -> str:
    """One plain line for search results and link previews."""
    text = f"{display_name(t)}, {t.role}. {t.setbacks[0]}"
    text = re.sub(r"[*_`\[\]]", "", " ".join(text.split()))
    return text if len(text) <= 200 else text[:199].rstrip() + "…"


def _url(page: str) -> str:
    """The directory URL of a docs/ Markdown file (use_directory_urls)."""
    stem = page.removesuffix(".md")
    return "" if stem == "index" else (stem.removesuffix("/index") + "/")


def href(from_page: str, to: str) -> str:
    """A relative href from the page built from docs/<from_page> to a site path ('themes/x/')."""
    rel = posixpath.relpath(to.rstrip("/") or ".", _url(from_page) or ".")
    return rel + "/" if to.endswith("/") else rel


def _item(site: Site, t: Testimonial, here: str) -> str:
    """One compact listing entry, on one line."""
    themes = " · ".join(plain(site.themes[i].title) for i in t.themes)
    return (
        f'<li class="ns-t" data-themes="{" ".join(t.themes)}">'
        f'<a class="ns-t__who" href="{href(here, f"testimonials/{t.id}/")}">'
        f"{plain(display_name(t))}</a> "
        f'<span class="ns-t__role">{plain(t.role)}</span> '
        f'<span class="ns-t__gist">{inline_html(t.setbacks[0])}</span> '
        f'<span class="ns-t__themes">{themes}</span></li>'
    )


def item_list(site: Site, testimonials: list[Testimonial], here: str) -> str:
    """A raw HTML list block: every line starts with a tag, so Markdown passes it through."""
    lines = ['<ul class="ns-testimonials">']
    lines += [_item(site, t, here) for t in testimonials]
    lines.append("</ul>")
    return "\n".join(lines)


def _filter(site: Site) -> str:
    """Theme chips: toggle buttons, hidden until the script shows them (no JS, no dead buttons)."""
    chips = "".join(
        f'<button type="button" class="ns-filter__chip" aria-pressed="false" '
        f'data-theme="{theme.id}">{plain(theme.title)}</button>'
        for theme in site.themes.values()
    )
    return (
        '<div class="ns-filter" role="group" aria-label="Show only testimonials about" hidden>'
        f'<span class="ns-filter__label">Show only:</span> {chips}</div>\n\n'
        '<p class="ns-filter__status" role="status" aria-live="polite"></p>'
    )


def _pager(page: int, pages: int, here: str) -> str:
    if pages <= 1:
        return ""
    links = []
    for n in range(1, pages + 1):
        target = "testimonials/" if n == 1 else f"testimonials/page/{n}/"
        if n == page:
            links.append(f'<span aria-current="page">{n}</span>')
        else:
            links.append(f'<a href="{href(here, target)}">{n}</a>')
    return f'<nav class="ns-pages" aria-label="Pages of testimonials">Page: {" ".join(links)}</nav>'


def listing_pages(site: Site) -> list[tuple[str, str]]:
    """/testimonials/ and /testimonials/page/<n>/: every testimonial, PAGE_SIZE per page."""
    everyone = ordered(list(site.testimonials.values()))
    chunks = [everyone[i : i + PAGE_SIZE] for i in range(0, len(everyone), PAGE_SIZE)] or [[]]
    out = []
    for n, chunk in enumerate(chunks, 1):
        here = INDEX if n == 1 else f"testimonials/page/{n}.md"
        md = [
            front_matter(
                "Researchers' own setbacks and what came next: rejections, brush-offs, jobs that "
                "went badly and self-doubt, filterable by theme."
            ),
            "# Testimonials\n" if n == 1 else f"# Testimonials, page {n}\n",
            "Researchers' own setbacks, and what happened next. The ones from the four posts are "
            "in our words with a short quote; the others are their contributors' own words. "
            "Anyone can add one: CONTRIBUTING.md in the site's repository says how.\n",
        ]
        if not everyone:
            md.append("No testimonials yet.\n")
        else:
            md.append(
                f"{len(everyone)} testimonials, newest first"
                + (f"; this is page {n} of {len(chunks)}." if len(chunks) > 1 else ".")
                + "\n"
            )
            md.append(_filter(site) + "\n")
            md.append(item_list(site, chunk, here) + "\n")
            md.append(_pager(n, len(chunks), here) + "\n")
            md.append(f'<script src="{href(here, FILTER_JS)}" defer></script>\n')
        out.append((here, "\n".join(md)))
    return out


def theme_section(site: Site, theme: Theme, here: str) -> str:
    """The "Testimonials" section of a theme page: the newest few, then the filtered listing."""
    mine = ordered([t for t in site.testimonials.values() if theme.id in t.themes])
    out = ["## Testimonials { #testimonials }\n"]
    if not mine:
        out.append(
            "No testimonials on this theme yet. "
            f"[Read the others]({link(here, INDEX)}), or add yours.\n"
        )
        return "\n".join(out)
    shown = mine[:THEME_LIMIT]
    out.append("People who went through this kind of evaluation, and what happened next.\n")
    out.append(item_list(site, shown, here) + "\n")
    more = f"All {len(mine)} on this theme" if len(mine) > len(shown) else "All testimonials"
    out.append(f'<p><a href="{href(here, "testimonials/")}?theme={theme.id}">{more}</a></p>\n')
    return "\n".join(out)


def shell_page() -> tuple[str, str]:
    """The one page MkDocs renders for every permalink; `publish` fills it in."""
    md = (
        f"---\ntitle: {TITLE}\ndescription: {DESCRIPTION}\nsearch:\n  exclude: true\n---\n\n"
        f"# {TITLE} {{ #testimonial }}\n\n"  # a Markdown H1, so Material adds its skip link
        f'<div class="ns-t-page">{BODY}</div>\n'
    )
    return SHELL, md


def body(site: Site, t: Testimonial) -> str:
    """The permalink page's content as HTML (the H1 is the shell's)."""
    here = f"testimonials/{t.id}.md"
    chips = " ".join(
        f'<a class="ns-chip" href="{href(here, f"themes/{i}/")}">{plain(site.themes[i].title)}</a>'
        for i in t.themes
    )
    parts = [
        f'<p class="ns-t__role">{plain(t.role)}</p>',
        f'<p class="ns-chips">Themes: {chips}</p>',
        '<h2 id="setbacks">Setbacks</h2>',
        "<ul>" + "".join(f"<li>{inline_html(s)}</li>" for s in t.setbacks) + "</ul>",
        '<h2 id="what-happened-next">What happened next</h2>',
        to_html(t.what_happened_next),
    ]
    if t.lesson:
        parts += ['<h2 id="lesson">Lesson</h2>', to_html(t.lesson)]
    if t.quote:
        parts.append(
            f"<blockquote><p>{plain(t.quote)}</p><p>— {plain(display_name(t))}</p></blockquote>"
        )
    meta = []
    if t.shared_on:
        meta.append(f"Shared {plain(t.shared_on)}")
    if t.source:
        meta.append(
            f'<a href="{html.escape(t.source, quote=True)}" rel="nofollow ugc noopener">'
            "Where it was first published</a>"
        )
    if t.guide_section:
        slug, anchor = t.guide_section.removeprefix("posts/").split("#")
        heading = next(h for h in site.guides[slug].headings if h.id == anchor)
        meta.append(
            f'In the guide: <a href="{href(here, f"posts/{slug}/")}#{anchor}">'
            f"{plain(re.sub(r'[*_`]', '', heading.title))}</a>"
        )
    if meta:
        parts.append(f'<p class="ns-t__meta">{" · ".join(meta)}</p>')
    parts.append(f'<p><a href="{href(here, "testimonials/")}">All testimonials</a></p>')
    return "".join(parts)


_MARKERS = re.compile("|".join(re.escape(m) for m in (SHELL_URL, TITLE, DESCRIPTION, BODY)))


def stamp(shell: str, site: Site, t: Testimonial) -> str:
    """One permalink page: the rendered shell with this testimonial's address, title and body.

    One pass over the shell, so a contributor who types a marker into their text cannot have it
    replaced in turn (their body inside the <title>, say).
    """
    values = {
        SHELL_URL: f"testimonials/{t.id}/",
        TITLE: html.escape(title(t), quote=True),
        DESCRIPTION: html.escape(description(t), quote=True),
        BODY: body(site, t),
    }
    return _MARKERS.sub(lambda m: values[m.group(0)], shell)


def _sitemap(xml: str, site: Site) -> str:
    """Replace the shell's <url> entry with one per testimonial."""
    entry = re.search(
        r"[ \t]*<url>\s*<loc>[^<]*" + re.escape(SHELL_URL) + r"</loc>.*?</url>\n", xml, re.S
    )
    if not entry:
        return xml
    urls = "".join(
        entry.group(0).replace(SHELL_URL, f"testimonials/{i}/") for i in sorted(site.testimonials)
    )
    return xml[: entry.start()] + urls + xml[entry.end() :]


def publish(site_dir: Path, site: Site) -> int:
    """After the build: write every permalink page from the shell, then remove the shell."""
    shell_dir = site_dir / SHELL_URL
    shell = (shell_dir / "index.html").read_text(encoding="utf-8")
    for t in site.testimonials.values():
        out = site_dir / "testimonials" / t.id
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text(stamp(shell, site, t), encoding="utf-8")
    shutil.rmtree(shell_dir)
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        xml = _sitemap(sitemap.read_text(encoding="utf-8"), site)
        sitemap.write_text(xml, encoding="utf-8")
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", fileobj=buf, mode="wb", mtime=0) as gz:
            gz.write(xml.encode("utf-8"))
        (site_dir / "sitemap.xml.gz").write_bytes(buf.getvalue())
    return len(site.testimonials)


def pages(site: Site) -> list[tuple[str, str]]:
    """(path under docs/, Markdown) for the listings and the permalink shell."""
    return [*listing_pages(site), shell_page()]
