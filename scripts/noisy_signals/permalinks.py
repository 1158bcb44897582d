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
import html
import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .load import load_checked
from .problems import DataError, Problem, did_you_mean
from .yamlfile import YamlDoc

REGISTRY = "data/permalinks.yml"
REDIRECTS = "data/redirects.yml"
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


def page_sources(files: Iterable[Any]) -> dict[str, str]:
    """Page link -> the file it is built from, for MkDocs' documentation pages (duck-typed)."""
    return {
        (f.url or HOME): f"docs/{f.src_uri}"
        if f.generated_by is None
        else f"{f.src_uri} (generated from data/ by scripts/noisy_signals/)"
        for f in files
    }


def published_links(pages: dict[str, PageInfo]) -> list[str]:
    """The links a reader can be sent: each published page and each of its section headings."""
    links = []
    for page, info in pages.items():
        if page == HOME or page.startswith(PUBLISHED):
            links.append(page)
            links.extend(f"{page}#{ident}" for ident in info.headings)
    return links


@dataclass
class Permalinks:
    """data/permalinks.yml and data/redirects.yml, loaded and checked for consistency."""

    links: dict[str, int]  # link -> its line in data/permalinks.yml
    moved_pages: dict[str, str]
    renamed_anchors: dict[str, str]
    short_links: dict[str, str]
    rules: YamlDoc  # data/redirects.yml, for line numbers

    def rule_line(self, kind: str, key: str) -> int | None:
        """The line of one rule in data/redirects.yml."""
        return self.rules.line((kind, key))

    def resolve(self, link: str) -> str:
        """Where `link` leads once moved pages and renamed anchors are followed."""
        if link in self.renamed_anchors:
            return self.renamed_anchors[link]
        page, anchor = split(link)
        if page not in self.moved_pages:
            return link
        moved = with_anchor(self.moved_pages[page], anchor)
        return self.renamed_anchors.get(moved, moved)

    def anchor_map(self) -> dict[str, str]:
        """old page/#id -> new page/#id, for the few lines of JavaScript that follow renamed anchors."""
        return dict(sorted(self.renamed_anchors.items()))


def load(root: Path) -> Permalinks:
    """Load the registry and the redirects; raise DataError listing every problem found."""
    problems: list[Problem] = []
    registry = load_checked(root, REGISTRY, "permalinks", problems)
    rules = load_checked(root, REDIRECTS, "redirects", problems)
    if registry is None or rules is None:
        raise DataError(problems)
    found = Permalinks(
        {link: registry.line((i,)) or 0 for i, link in enumerate(registry.data)},
        dict(rules.data["moved_pages"]),
        dict(rules.data["renamed_anchors"]),
        dict(rules.data["short_links"]),
        rules,
    )
    problems.extend(_rule_problems(found))
    if problems:
        raise DataError(problems)
    return found


def _rule_problems(p: Permalinks) -> list[Problem]:
    """Rules that cannot work whatever the build contains: loops, chains and clashes."""
    problems = []

    def problem(kind: str, key: str, message: str, fix: str) -> None:
        problems.append(Problem(REDIRECTS, p.rule_line(kind, key), f"{kind}.{key}", message, fix))

    for kind, rules in (
        ("moved_pages", p.moved_pages),
        ("renamed_anchors", p.renamed_anchors),
        ("short_links", p.short_links),
    ):
        for old, new in rules.items():
            if old == new:
                problem(kind, old, "the rule points at itself", "remove it")
            elif split(new)[0] in p.moved_pages or new in p.renamed_anchors:
                final = p.resolve(new)
                problem(kind, old, f"'{new}' is itself redirected", f"point it at '{final}'")
    for short in p.short_links:
        if short in p.moved_pages:
            problem(
                "short_links",
                short,
                "the same path is also under moved_pages",
                "keep one of the two rules",
            )
    return problems


def check(p: Permalinks, pages: dict[str, PageInfo], sources: dict[str, str]) -> list[Problem]:
    """Every registered link and redirect that does not resolve in the built site.

    `sources` maps a page to the file it is built from, so each problem names the file to fix.
    """
    problems = []

    def missing(link: str) -> str | None:
        """Why `link` does not open in the built site, or None when it does."""
        page, anchor = split(link)
        if page not in pages:
            return f"there is no page {page}{_near(page, pages)}"
        if anchor and anchor not in pages[page].ids:
            source = sources.get(page, page)
            return f"{source} has no heading with id '{anchor}'{_near(anchor, pages[page].ids)}"
        return None

    for link, line in p.links.items():
        target = p.resolve(link)
        page, anchor = split(link)
        if target != link:
            if missing(link) is None and link in p.renamed_anchors:
                problems.append(
                    Problem(
                        REGISTRY,
                        line,
                        link,
                        "this section exists, but a rule in data/redirects.yml sends readers away from it",
                        f"remove `{link}` from renamed_anchors in {REDIRECTS}, or rename the heading",
                    )
                )
            continue  # the rule's own target is checked below
        why = missing(link)
        if why is None:
            continue
        source = sources.get(page, "its source file")
        if page not in pages:
            fix = f"restore the page, or add `{page}: <new path>/` under moved_pages in {REDIRECTS}"
        else:
            near = difflib.get_close_matches(anchor, sorted(pages[page].ids), n=1)
            fix = (
                f"give the heading its id back in {source} (`{{ #{anchor} }}`), or add "
                f"`{link}: {page}#{near[0] if near else '<new-id>'}` under renamed_anchors "
                f"in {REDIRECTS}"
            )
        problems.append(
            Problem(
                REGISTRY,
                line,
                link,
                f"this published link no longer resolves: {why}",
                f"{fix}; never remove the line from {REGISTRY}",
            )
        )
    for kind in ("moved_pages", "renamed_anchors", "short_links"):
        for old, new in getattr(p, kind).items():
            why = missing(new)
            if why:
                problems.append(
                    Problem(
                        REDIRECTS,
                        p.rule_line(kind, old),
                        f"{kind}.{old}",
                        f"the target '{new}' does not resolve: {why}",
                        "point the rule at a page or section that exists",
                    )
                )
            if kind != "renamed_anchors" and old in pages:
                problems.append(
                    Problem(
                        REDIRECTS,
                        p.rule_line(kind, old),
                        f"{kind}.{old}",
                        f"a real page exists at {old}, so its redirect page cannot be written",
                        f"remove the rule, or move the page built from {sources.get(old, old)}",
                    )
                )
    return sorted(problems, key=lambda q: (q.file, q.line or 0))


def _near(value: str, choices: Iterable[str]) -> str:
    """' (did you mean ...?)' when something close exists, else nothing."""
    hint = did_you_mean(value, choices)
    return f" ({hint})" if hint.startswith("did you mean") else ""


def redirect_pages(
    p: Permalinks, pages: dict[str, PageInfo], site_url: str
) -> list[tuple[str, str]]:
    """(path in the site, HTML) of a small redirect page for every moved page and short link."""
    out = []
    for old, new in sorted({**p.moved_pages, **p.short_links}.items()):
        anchors = {
            f"#{split(k)[1]}": _relative(old, v)
            for k, v in p.renamed_anchors.items()
            if split(k)[0] == old
        }
        out.append((f"{old}index.html", _redirect_html(old, new, anchors, pages, site_url)))
    return out


def _relative(from_page: str, to_link: str) -> str:
    """The URL of `to_link` relative to the directory URL of `from_page`."""
    page, anchor = split(to_link)
    rel = posixpath.relpath(page.rstrip("/") or ".", from_page.rstrip("/") or ".")
    return with_anchor(f"{rel}/", anchor)


def _redirect_html(
    old: str, new: str, anchors: dict[str, str], pages: dict[str, PageInfo], site_url: str
) -> str:
    """A redirect that keeps the #section, with the target's preview tags for chat apps."""
    target = _relative(old, new)
    absolute = site_url + new.removeprefix(HOME)
    meta = pages.get(split(new)[0], PageInfo()).meta
    title = meta.get("og:title", "Noisy Signals")
    tags = [f'<meta name="description" content="{html.escape(meta.get("description", title))}">']
    tags += [
        f'<meta {"property" if key.startswith("og:") else "name"}="{key}" content="{html.escape(value)}">'
        for key, value in sorted(meta.items())
        if key.startswith(("og:", "twitter:")) and key != "og:url"
    ]
    tags.append(f'<meta property="og:url" content="{html.escape(absolute)}">')
    # A target with its own #section wins over the one in the old link; otherwise keep the reader's.
    keep_hash = "" if "#" in new else "+location.hash"
    script = (
        f"var a={json.dumps(anchors, sort_keys=True)};"
        f"location.replace(a[location.hash]||{json.dumps(target)}{keep_hash})"
    ).replace("<", "\\u003c")
    head = "\n".join(
        [
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width,initial-scale=1">',
            '<meta name="color-scheme" content="light dark">',
            '<meta name="robots" content="noindex">',
            f'<meta name="generator" content="{REDIRECT_PAGE}">',
            f"<title>{html.escape(title)}</title>",
            f'<link rel="canonical" href="{html.escape(absolute)}">',
            *tags,
            f"<script>{script}</script>",
            f'<noscript><meta http-equiv="refresh" content="0; url={html.escape(target)}"></noscript>',
        ]
    )
    body = f'<main><p>This page is now at <a href="{html.escape(target)}">{html.escape(title)}</a>.</p></main>'
    return f'<!doctype html>\n<html lang="en">\n<head>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n'


def finish(p: Permalinks, site_dir: Path, sources: dict[str, str], site_url: str) -> list[Problem]:
    """After a build: check every link and rule against the site, then write the redirect pages.

    Returns the problems; nothing is written when there is any.
    """
    pages = scan_site(site_dir)
    problems = check(p, pages, sources)
    if not problems:
        for path, text in redirect_pages(p, pages, site_url):
            out = site_dir / path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    return problems


def merge(registered: Iterable[str], found: Iterable[str]) -> list[str]:
    """The registry with the newly found links added: nothing is ever removed; sorted for diffs."""
    return sorted(set(registered) | set(found))


def registry_text(links: Iterable[str]) -> str:
    """data/permalinks.yml as `make permalinks` writes it."""
    return HEADER + "".join(f"- {link}\n" for link in links)
