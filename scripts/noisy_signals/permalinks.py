"""Links that never break: the registry of published links, the redirects, and the check of a build.

A mentor's link to one section may sit in a chat for years. data/permalinks.yml lists every link we
have published; data/redirects.yml says where moved pages and renamed headings went, and holds the
short links. After each build, check() proves that every registered link still opens its page and
section, so a renamed heading fails the build instead of silently breaking someone's bookmark.

Links are written relative to the site root with directory URLs: `posts/evaluations-are-noisy/` is
a page, `posts/evaluations-are-noisy/#first-impressions` one of its sections, `./` the home page.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .model import Links, Site
from .problems import Problem, Report, did_you_mean

REGISTRY = "data/permalinks.yml"
REDIRECTS = "data/redirects.yml"
LESSONS_FILE = "data/lessons.yml"
HOME = "./"
PUBLISHED = ("posts/", "themes/", "lessons/", "testimonials/", "explainers/")
"""Pages under these paths, and the home page, are published: each page and every heading in it."""
REDIRECT_PAGE = "noisy-signals redirect"
"""Marks the redirect pages this module writes, so a later scan never mistakes one for a real page."""
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
HEADER = """\
# yaml-language-server: $schema=schemas/permalinks.schema.json
# Every link the site has published: a page (`posts/evaluations-are-noisy/`) or one of its sections
# (`posts/evaluations-are-noisy/#first-impressions`), relative to the site root; `./` is the home page.
# People keep these links in chats and bookmarks for years, so the build fails when one of them no
# longer opens its page and section. `make permalinks` adds the links of new pages and headings.
# Never remove or edit a line: when a page or heading moves, say where it went in data/redirects.yml.
"""


def split(link: str) -> tuple[str, str]:
    """('posts/x/', 'anchor') for 'posts/x/#anchor'; ('posts/x/', '') for a whole page."""
    page, _, anchor = link.partition("#")
    return page, anchor


def with_anchor(page: str, anchor: str) -> str:
    """The link to `anchor` on `page`, or to the page itself when there is no anchor."""
    return f"{page}#{anchor}" if anchor else page


@dataclass
class PageInfo:
    """What the check needs from one built page: its ids, its section headings, its preview tags."""

    ids: set[str] = field(default_factory=set)
    headings: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


class _Scanner(HTMLParser):
    """Collects every id, the ids of h2–h6 inside the article, and the <meta> tags of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        ident = attr.get("id")
        if ident:
            self.info.ids.add(ident)
        if tag == "article":
            self._in_article += 1
        elif tag in HEADINGS and ident and self._in_article:
            self.info.headings.append(ident)
        elif tag == "meta" and attr.get("content") is not None:
            key = attr.get("property") or attr.get("name")
            if key:
                self.info.meta[key] = attr["content"] or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1


def scan_page(text: str) -> PageInfo:
    """Parse one built HTML page."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.info


def scan_site(site_dir: Path) -> dict[str, PageInfo]:
    """Every page of a built site by its link (`posts/x/`, `./` for the home page)."""
    pages = {}
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.parent.relative_to(site_dir).as_posix()
        info = scan_page(path.read_text(encoding="utf-8"))
        if info.meta.get("generator") != REDIRECT_PAGE:
            pages[HOME if rel == "." else f"{rel}/"] = info
    return pages


def published_links(pages: dict[str, PageInfo]) -> list[str]:
    """The links a reader can be sent: each published page and each of its section headings."""
    links = []
    for page, info in pages.items():
        if page == HOME or page.startswith(PUBLISHED):
            links.append(page)
            links.extend(f"{page}#{ident}" for ident in info.headings)
    return links


def check(p: Links, pages: dict[str, PageInfo], sources: dict[str, str]) -> list[Problem]:
    """Every registered link and redirect that does not resolve in the built site.

    `sources` maps a page to the file it is built from, so each problem names the file to fix.
    """
    registry, rules = Report(REGISTRY), Report(REDIRECTS)

    def opens(link: str) -> bool:
        page, anchor = split(link)
        return page in pages and (not anchor or anchor in pages[page].ids)

    def missing(link: str) -> str | None:
        """Why `link` does not open in the built site, or None when it does."""
        if opens(link):
            return None
        page, anchor = split(link)
        if page not in pages:
            return f"there is no page {page}{_near(page, pages)}"
        source = sources.get(page, page)
        return f"{source} has no heading with id '{anchor}'{_near(anchor, pages[page].ids)}"

    for link, line in p.links.items():
        page, anchor = split(link)
        if p.resolve(link) != link:  # the rule's own target is checked below
            if link in p.renamed_anchors and opens(link):
                registry.at(
                    (),
                    "this section exists, but a rule in data/redirects.yml sends readers away from it",
                    f"remove `{link}` from renamed_anchors in {REDIRECTS}, or rename the heading",
                    line=line,
                    field=link,
                )
            continue
        why = missing(link)
        if why is None:
            continue
        if page not in pages:
            fix = f"restore the page, or add `{page}: <new path>/` under moved_pages in {REDIRECTS}"
        else:
            near = difflib.get_close_matches(anchor, sorted(pages[page].ids), n=1)
            fix = (
                f"give the heading its id back in {sources.get(page, 'its source file')} "
                f"(`{{ #{anchor} }}`), or add `{link}: {page}#{near[0] if near else '<new-id>'}` "
                f"under renamed_anchors in {REDIRECTS}"
            )
        registry.at(
            (),
            f"this published link no longer resolves: {why}",
            f"{fix}; never remove the line from {REGISTRY}",
            line=line,
            field=link,
        )
    for kind in ("moved_pages", "renamed_anchors", "short_links"):
        for old, new in getattr(p, kind).items():
            line = p.rule_lines.get((kind, old))
            if why := missing(new):
                rules.at(
                    (),
                    f"the target '{new}' does not resolve: {why}",
                    "point the rule at a page or section that exists",
                    line=line,
                    field=f"{kind}.{old}",
                )
            if kind != "renamed_anchors" and old in pages:
                rules.at(
                    (),
                    f"a real page exists at {old}, so its redirect page cannot be written",
                    f"remove the rule, or move the page built from {sources.get(old, old)}",
                    line=line,
                    field=f"{kind}.{old}",
                )
    return sorted(registry.problems + rules.problems, key=lambda q: (q.file, q.line or 0))


def _near(value: str, choices: Iterable[str]) -> str:
    """' (did you mean ...?)' when something close exists, else nothing."""
    hint = did_you_mean(value, choices)
    return f" ({hint})" if hint.startswith("did you mean") else ""


def check_share_pages(site: Site, pages: dict[str, PageInfo]) -> list[Problem]:
    """Every share address exists and leads to a heading the built page really has."""
    report = Report("")
    wanted = [
        (guide.file, heading.line, f"posts/{guide.slug}/", heading.id or "")
        for guide in site.guides.values()
        for heading in guide.headings
    ]
    wanted += [(LESSONS_FILE, None, "lessons/", lesson.id) for lesson in site.lessons]
    for file, line, page, ident in wanted:
        if f"{page}{ident}/" not in pages or ident not in pages.get(page, PageInfo()).ids:
            report.file = file
            report.at(
                (),
                f"the share address {page}{ident}/ does not lead to #{ident} on the built page",
                "check that the engine kept the heading's explicit id",
                line=line,
                field="heading" if line else f"lessons.{ident}",
            )
    return report.problems


def merge(registered: Iterable[str], found: Iterable[str]) -> list[str]:
    """The registry with the newly found links added: nothing is ever removed; sorted for diffs."""
    return sorted(set(registered) | set(found))


def registry_text(links: Iterable[str]) -> str:
    """data/permalinks.yml as `make permalinks` writes it."""
    return HEADER + "".join(f"- {link}\n" for link in links)
