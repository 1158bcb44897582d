"""The finish step: one pass over the built HTML of either engine, after the engine is done.

It trims what no reader downloads, stamps each testimonial into the rendered shell page, writes the
share address of every guide section, the redirect pages of moved pages and short links, and then
checks that every published link (data/permalinks.yml) still opens its page and section; last, it
gives every page its Content-Security-Policy. Nothing is written when a link would break: the
caller keeps the previous site.

Testimonial pages are stamped rather than built by the engine because of scale (`make bench`):
10,000 engine-rendered pages took about 45 s on two cores; one rendered shell, copied, takes a second.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import io
import json
import re
import shutil
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import Markup

from . import pages, permalinks
from .model import SectionRef, Site, Testimonial
from .pages import BODY, DESCRIPTION, SHELL, TITLE, display_name, plain_line, relative, url_of
from .problems import Problem
from .testimonials import inline_html, plain, to_html

LUNR = Path("assets/javascripts/lunr")
MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")
SHELL_URL = url_of(SHELL)
CARD = "assets/images/social-card.png"
CARD_ALT = "Noisy Signals: a reading guide for anyone told no on the way into AI safety"
SHARE_PAGE = "noisy-signals share"
"""`generator` of the share pages this step writes (redirect pages use permalinks.REDIRECT_PAGE)."""


# Trimming ---------------------------------------------------------------------------------------


def lunr_files_needed(languages: Iterable[str]) -> set[Path]:
    """The lunr files Material's search worker imports for these languages (mirrors its loader)."""
    langs = list(languages)
    needed: set[Path] = set()
    for lang in langs:
        if lang == "ja":
            needed.add(Path("tinyseg.js"))
        elif lang in ("hi", "th"):
            needed.add(Path("wordcut.js"))
        if lang != "en":
            needed.add(Path(f"min/lunr.{lang}.min.js"))
    if len(langs) > 1:
        needed.add(Path("min/lunr.multi.min.js"))
    if needed:
        needed.add(Path("min/lunr.stemmer.support.min.js"))
    return needed


def trim_site(site_dir: Path, search_languages: Iterable[str]) -> int:
    """Delete source maps (and the comments pointing at them) and unused lunr files; bytes freed.

    Readers' browsers request neither: maps only when developer tools are open, and the search
    worker loads a language file only for a language the site searches in.
    """
    freed = 0
    for map_file in sorted(site_dir.rglob("*.map")):
        freed += map_file.stat().st_size
        map_file.unlink()
        target = map_file.with_suffix("")
        if target.is_file():
            text = target.read_bytes()
            stripped = MAP_COMMENT.sub(b"\n", text)
            freed += len(text) - len(stripped)
            target.write_bytes(stripped)
    lunr = site_dir / LUNR
    keep = lunr_files_needed(search_languages)
    for path in sorted(lunr.rglob("*.js")) if lunr.is_dir() else []:
        if path.relative_to(lunr) not in keep:
            freed += path.stat().st_size
            path.unlink()
    for folder in sorted((p for p in lunr.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if lunr.is_dir() and not any(lunr.iterdir()):
        lunr.rmdir()
    return freed


# Testimonial pages ------------------------------------------------------------------------------


def testimonial_title(t: Testimonial) -> str:
    """The page's title: the name, or for anonymous testimonials the role."""
    if not t.anonymous:
        return t.who[:1].upper() + t.who[1:]  # "a commenter" heads its page as "A commenter"
    role = t.role if len(t.role) <= 60 else t.role[:59].rstrip() + "…"
    return f"Anonymous: {role}"


def testimonial_description(t: Testimonial) -> str:
    """One plain line for search results and link previews."""
    return plain_line(f"{display_name(t)}, {t.role}. {t.setbacks[0]}")


def testimonial_body(site: Site, t: Testimonial) -> str:
    """The testimonial page's content as HTML (the H1 is the shell's)."""
    here = f"testimonials/{t.id}/"
    section = t.guide_section
    return pages.render(
        "testimonial.html",
        role=t.role,
        themes=[
            {"href": relative(here, f"themes/{i}/"), "title": site.themes[i].title}
            for i in t.themes
        ],
        source=t.source,
        post=next((s for s in site.sources.values() if s.url == t.source), None),
        setbacks=[Markup(inline_html(s)) for s in t.setbacks],
        what_happened_next=Markup(to_html(t.what_happened_next)),
        lesson=Markup(to_html(t.lesson)) if t.lesson else "",
        quote=Markup(plain(t.quote)) if t.quote else "",
        name=display_name(t),
        shared_on=t.shared_on,
        guide={"href": relative(here, section.url), "title": site.heading_title(section)}
        if section
        else None,
        all_href=relative(here, "testimonials/"),
    )


_MARKERS = re.compile("|".join(re.escape(m) for m in (SHELL_URL, TITLE, DESCRIPTION, BODY)))


def stamp(shell: str, site: Site, t: Testimonial) -> str:
    """One testimonial page: the rendered shell with this testimonial's address, title and body.

    One pass over the shell, so a contributor who types a marker into their text cannot have it
    replaced in turn (their body inside the <title>, say).
    """
    values = {
        SHELL_URL: f"testimonials/{t.id}/",
        TITLE: html.escape(testimonial_title(t), quote=True),
        DESCRIPTION: html.escape(testimonial_description(t), quote=True),
        BODY: testimonial_body(site, t),
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


def publish_testimonials(site_dir: Path, site: Site) -> int:
    """Write every testimonial page from the shell, then remove the shell; pages written."""
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


# Share addresses and redirects -----------------------------------------------------------------


def _forward(
    config: dict,
    from_url: str,
    to: str,
    title: str,
    description: str,
    *,
    generator: str,
    canonical: str,
    lead: str,
    keep_hash: bool = False,
    anchors: dict[str, str] | None = None,
    shared: bool = False,
) -> str:
    """A forwarding page at `from_url` (site-relative) that previews as `title` and goes to `to`.

    A share address (`shared`) is its own og:url, so chat apps keep the section's preview; a moved
    page or short link gives its target's, as a canonical redirect should.
    """
    site_url = config["site_url"]
    target = relative(from_url, to)
    script = (
        f"var a={json.dumps(anchors or {}, sort_keys=True)};"
        f"location.replace(a[location.hash]||{json.dumps(target)}{'+location.hash' if keep_hash else ''})"
    ).replace("<", "\\u003c")
    return pages.render(
        "forward.html",
        generator=generator,
        title=title,
        description=description,
        canonical=canonical,
        url=site_url + from_url if shared else canonical,
        site_name=config["site_name"],
        card=site_url + CARD,
        card_alt=CARD_ALT,
        script=Markup(script),
        target=target,
        lead=lead,
        link_text=title,
    )


def _gist(site: Site, ref: SectionRef) -> str:
    """What a section holds: its own gist, else (a `###` without one) that of its `##` section."""
    enclosing = ""
    for heading in site.guides[ref.slug].headings:
        section = site.section(SectionRef(ref.slug, heading.id or ""))
        if heading.level == 2:
            enclosing = section.gist if section else ""
        if heading.id == ref.id:
            return section.gist if section else enclosing
    return enclosing


def share_pages(site: Site, config: dict) -> dict[str, str]:
    """Path in the site -> HTML of the share address of every `##`/`###` section of every guide
    (`posts/<slug>/<id>/`) and of every lesson (`lessons/<id>/`)."""
    out = {}
    for guide in site.guides.values():
        post = site.sources[guide.source]
        for heading in guide.headings:
            ref = SectionRef(guide.slug, heading.id or "")
            title = f"{site.heading_title(ref)} · {post.title}"
            out[f"{ref.share_url}index.html"] = _forward(
                config,
                ref.share_url,
                ref.url,
                title,
                plain_line(_gist(site, ref), 300),
                generator=SHARE_PAGE,
                shared=True,
                canonical=config["site_url"] + ref.url,
                lead=f"A section of our guide to {post.credit}'s post:",
            )
    for lesson in site.lessons:  # a lesson previews as itself too: its title and its text
        url = f"{url_of(pages.LESSONS)}{lesson.id}/"
        out[f"{url}index.html"] = _forward(
            config,
            url,
            f"{url_of(pages.LESSONS)}#{lesson.id}",
            f"{lesson.title} · Lessons · {config['site_name']}",
            plain_line(lesson.text, 300),
            generator=SHARE_PAGE,
            shared=True,
            lead="A lesson from our guide:",
            canonical=f"{config['site_url']}{url_of(pages.LESSONS)}#{lesson.id}",
        )
    for old, new in site.links.renamed_anchors.items() if site.links else ():
        page, _, ident = old.partition("#")
        guide = next(
            (g for g in site.guides.values() if SectionRef(g.slug, ident).page_url == page), None
        )
        # A renamed section keeps its share address, once that address has been published.
        if (
            guide
            and not guide.heading(ident)
            and SectionRef(guide.slug, ident).share_url in site.links.links
        ):
            ref = SectionRef(guide.slug, ident)
            title, description = preview(site, config, new)
            out[f"{ref.share_url}index.html"] = _forward(
                config,
                ref.share_url,
                new,
                title,
                description,
                generator=SHARE_PAGE,
                shared=True,
                canonical=config["site_url"] + new,
                lead="This section is now at",
            )
    return out


def preview(site: Site, config: dict, link: str) -> tuple[str, str]:
    """(title, description) a link previews with, from the data rather than from built HTML."""
    page, _, anchor = link.partition("#")
    theme = next((t for t in site.themes.values() if url_of(t.doc) == page), None)
    guide = next(
        (g for g in site.guides.values() if url_of(g.file.removeprefix("docs/")) == page), None
    )
    if theme:
        return f"{theme.title} · {config['site_name']}", pages.theme_description(theme)
    if guide and anchor:
        ref = SectionRef(guide.slug, anchor)
        return f"{site.heading_title(ref)} · {guide.title}", plain_line(_gist(site, ref), 300)
    if guide:
        return f"{guide.title} · {config['site_name']}", guide.description
    return config["site_name"], config["site_description"]


def redirect_pages(site: Site, config: dict) -> dict[str, str]:
    """Path in the site -> HTML of a small redirect page for every moved page and short link."""
    links = site.links
    out = {}
    for old, new in sorted({**links.moved_pages, **links.short_links}.items()):
        anchors = {
            f"#{k.partition('#')[2]}": relative(old, v)
            for k, v in links.renamed_anchors.items()
            if k.partition("#")[0] == old
        }
        title, description = preview(site, config, new)
        out[f"{old}index.html"] = _forward(
            config,
            old,
            new,
            title,
            description,
            generator=permalinks.REDIRECT_PAGE,
            canonical=config["site_url"] + new.removeprefix("./"),
            lead="This page is now at",
            keep_hash="#" not in new,
            anchors=anchors,
        )
    return out


# The step ---------------------------------------------------------------------------------------


def finish(
    site_dir: Path, site: Site, config: dict, sources: dict[str, str], *, policy: bool = True
) -> list[Problem]:
    """Finish a built site in place; the problems, if any published link would break.

    `sources` maps a page's address to the file it is built from, so problems name the file to fix.
    The Content-Security-Policy goes on last, over every page written (`policy=False` while
    serving: `mkdocs serve` injects an inline live-reload script no policy may allow).
    """
    search = next(
        (p for p in config.get("plugins") or [] if "search" in (p if isinstance(p, str) else p)),
        None,
    )
    languages = (search.get("search", {}).get("lang") if isinstance(search, dict) else None) or [
        config.get("theme", {}).get("language", "en")
    ]
    trim_site(site_dir, languages)
    if (site_dir / SHELL_URL).is_dir():
        publish_testimonials(site_dir, site)
    written = share_pages(site, config)
    for path, text in written.items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(text, encoding="utf-8")
    found = permalinks.scan_site(site_dir)
    problems = permalinks.check(site.links, found, sources)
    problems += permalinks.check_share_pages(site, found)
    if problems:
        return problems
    for path, text in redirect_pages(site, config).items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(text, encoding="utf-8")
    if policy:
        add_policy_to_site(site_dir)
    return []


# The Content-Security-Policy ------------------------------------------------------------------
# A Content-Security-Policy for each built page, as a <meta> tag (GitHub Pages sets no headers).
#
# Defence in depth: testimonials are untrusted text, rendered escaped (testimonials.py); if something
# ever slipped through, the browser would still refuse to run it. The policy lets a page load
# only from the site itself, and run only the site's script files plus the inline scripts the page
# was built with, each allowed by its SHA-256 hash ('unsafe-inline' and 'unsafe-eval' never appear).
# Inline style attributes (Markdown's aligned table cells) are allowed the same way, by hash.
#
# `add_policy` is a pure function of the page's HTML; `add_policy_to_site` applies it to every
# .html file of a built site and must run last, after anything else that writes pages.


# Script types a browser executes; any other type (application/json, ld+json) is inert data.
_SCRIPT_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
}
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"\s*<meta\s+charset=[^>]*>", re.I)
_EXISTING = re.compile(r"\s*<meta\s+http-equiv=[\"']?Content-Security-Policy[\"']?[^>]*>", re.I)


class _Inline(HTMLParser):
    """Collects what a policy must allow by hash: inline scripts, <style> blocks, style=""."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attrs: list[str] = []
        self._into: list[str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("style") is not None:
            self.style_attrs.append(found["style"] or "")
        runs = "src" not in found and (found.get("type") or "").strip().lower() in _SCRIPT_TYPES
        if tag == "script" and runs:
            self._into, self._text = self.scripts, []
        elif tag == "style":
            self._into, self._text = self.styles, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("style") is not None:
            self.style_attrs.append(found["style"] or "")

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._into is not None and tag in ("script", "style"):
            self._into.append("".join(self._text))
            self._into = None


def _inline(page_html: str) -> _Inline:
    parser = _Inline()
    parser.feed(page_html)
    parser.close()
    return parser


def _hash(text: str) -> str:
    """A CSP hash source for `text` as the browser sees it (the parser turns CRLF into LF)."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return "'sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii") + "'"


def inline_scripts(page_html: str) -> list[str]:
    """The text of every inline script the browser would run, in page order."""
    return _inline(page_html).scripts


def style_attributes(page_html: str) -> list[str]:
    """The value of every style="..." attribute in the page's markup, in page order."""
    return _inline(page_html).style_attrs


def policy(page_html: str) -> str:
    """The page's Content-Security-Policy, allowing exactly what the page itself carries."""
    found = _inline(page_html)
    scripts = _unique(found.scripts)
    styles = _unique(found.styles)
    attrs = _unique(found.style_attrs)
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        " ".join(["style-src 'self'", *styles]),
    ]
    if attrs:
        directives.append(" ".join(["style-src-attr 'unsafe-hashes'", *attrs]))
    directives += [
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def _unique(texts: list[str]) -> list[str]:
    """Their hashes, each once, in first-seen order."""
    return list(dict.fromkeys(_hash(t) for t in texts))


def add_policy(page_html: str) -> str:
    """`page_html` with its Content-Security-Policy <meta> as the first element of <head>, right
    after <meta charset> (the policy covers only what comes after it). A policy already there is
    replaced, so applying this twice changes nothing. A document without <head> is returned as is."""
    head = _HEAD.search(page_html)
    if head is None:
        return page_html
    page_html = page_html[: head.end()] + _EXISTING.sub("", page_html[head.end() :], count=1)
    head = _HEAD.search(page_html)
    assert head is not None
    at = head.end()
    charset = _CHARSET.match(page_html, at)
    if charset:
        at = charset.end()
    tag = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(page_html), quote=False)}">'
    return f"{page_html[:at]}\n{tag}{page_html[at:]}"


def add_policy_to_site(site_dir: Path) -> int:
    """Add the policy to every .html file under `site_dir`; return how many were written."""
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        new = add_policy(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            count += 1
    return count
