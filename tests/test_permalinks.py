"""Links that never break: the registry covers every published heading, every registered link opens
its section below the header, and renaming a heading fails the build unless a redirect says where."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from conftest import ROOT, build
from data_edits import validate
from noisy_signals import permalinks
from noisy_signals.model import Links
from page_waits import wait_for
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from site_html import pages

REGISTRY = yaml.safe_load((ROOT / "data/permalinks.yml").read_text(encoding="utf-8"))
RULES = yaml.safe_load((ROOT / "data/redirects.yml").read_text(encoding="utf-8"))
PUBLISHED = ("posts/", "themes/", "lessons/", "testimonials/", "explainers/")
DESKTOP = {"width": 1280, "height": 900}
OLD, NEW = "pitch-not-idea", "pitch-not-the-idea"
OLD_LINK = f"posts/evaluations-are-noisy/#{OLD}"

IN_VIEW = """(id) => {
  const target = document.getElementById(id);
  if (!target) return "no element with this id";
  const top = target.getBoundingClientRect().top;
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  if (top < header - 1) return `hidden under the header (top ${top}, header ends at ${header})`;
  if (top > innerHeight - 20) return `below the viewport (top ${top} of ${innerHeight})`;
  return "";
}"""


def _settles_in_view(page, anchor: str, timeout: int = 5000) -> bool:
    """Whether the section ends up in view below the header (the browser scrolls a frame later)."""
    try:
        wait_for(page, f"(id) => !({IN_VIEW})(id)", anchor, timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True


def _url(base: str, link: str) -> str:
    return urljoin(base, link.removeprefix("./"))


@contextlib.contextmanager
def _serve(directory: Path) -> Iterator[str]:
    """A scratch build served on loopback, for the browser tests on a broken-on-purpose tree."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def _rename_heading(tree: Path) -> None:
    """Rename one heading id everywhere a contributor would: the page, its front matter, links to it."""
    for path in [*tree.glob("docs/**/*.md"), *tree.glob("data/*.yml")]:
        if path.name in ("permalinks.yml", "redirects.yml"):
            continue
        text = path.read_text(encoding="utf-8")
        if OLD in text:
            path.write_text(re.sub(rf"\b{OLD}\b", NEW, text), encoding="utf-8")


def _add_rule(tree: Path, kind: str, old: str, new: str) -> None:
    """Add `old: new` under `kind` in data/redirects.yml, whether that mapping is empty or not."""
    path = tree / "data/redirects.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"^{kind}: \{{\}}$", f"{kind}:", text, flags=re.M)
    text = re.sub(rf"^{kind}:$", f"{kind}:\n  {old}: {new}", text, count=1, flags=re.M)
    assert f"{old}: {new}" in text, f"could not add the rule under {kind}"
    path.write_text(text, encoding="utf-8")


# The registry, against the built HTML (read with BeautifulSoup, not the module's own scanner).


def test_every_published_page_and_heading_is_registered(site: Path) -> None:
    registered = set(REGISTRY)
    unregistered = []
    for url, soup in pages(site):
        if soup.find("meta", attrs={"name": "generator", "content": "noisy-signals redirect"}):
            continue
        if not (url == "" or url.startswith(PUBLISHED)) or url.endswith(".html"):
            continue
        if re.fullmatch(r"testimonials/(?!page/)[a-z0-9-]+/", url):
            # A contributor's whole job is one YAML file: a testimonial's own page is registered
            # by a maintainer's `make permalinks` after merging, not demanded of the pull request.
            continue
        page = url or "./"
        article = soup.find("article")  # a section's share address is a page without one
        headings = article.find_all(re.compile("^h[2-6]$")) if article else []
        ids = [h["id"] for h in headings if h.get("id")]
        unregistered += [
            link for link in [page, *(f"{page}#{i}" for i in ids)] if link not in registered
        ]
    assert not unregistered, (
        f"{len(unregistered)} published link(s) are not in data/permalinks.yml, so nothing "
        f"protects them: run `make permalinks` and commit it. First: {unregistered[:5]}"
    )


def test_registry_covers_every_guide_heading_and_theme_page() -> None:
    for path in (ROOT / "docs/posts").glob("*.md"):
        ids = re.findall(r"^#{2,6} .*\{ #([a-z0-9-]+) \}", path.read_text(encoding="utf-8"), re.M)
        assert ids, path
        missing = [i for i in ids if f"posts/{path.stem}/#{i}" not in REGISTRY]
        assert not missing, f"{path.name}: {missing}"
    for theme in ("applications", "first-impressions", "job-performance", "self-assessment"):
        assert f"themes/{theme}/" in REGISTRY


def test_check_follows_moved_pages_and_names_what_breaks() -> None:
    p = Links(
        {"old/": 7, "old/#a": 8, "page/#gone": 9}, {"old/": "new/"}, {"new/#a": "new/#b"}, {}, {}
    )
    built = {
        "new/": permalinks.PageInfo(ids={"b"}, headings=["b"]),
        "page/": permalinks.PageInfo(ids={"gonne"}),
    }
    problems = permalinks.check(p, built, {"page/": "docs/page.md"})
    assert [(q.file, q.line, q.field) for q in problems] == [
        ("data/permalinks.yml", 9, "page/#gone")
    ]
    assert "docs/page.md" in problems[0].message and "'gonne'" in problems[0].message
    assert "data/redirects.yml" in problems[0].fix


def test_redirect_rules_that_point_at_a_redirect_are_refused(tree: Path) -> None:
    _add_rule(tree, "moved_pages", "lessons-old/", "lessons-older/")
    path = tree / "data/redirects.yml"
    text = path.read_text(encoding="utf-8").replace(
        "lessons-old/: lessons-older/", "lessons-old/: lessons-older/\n  lessons-older/: themes/"
    )
    path.write_text(text, encoding="utf-8")
    result = validate(tree)
    assert result.returncode == 1
    assert re.search(
        r"data/redirects.yml:\d+: moved_pages.lessons-old/: .*'themes/'", result.stdout
    )


# Breaking a published link on purpose.


def test_renamed_heading_without_a_redirect_fails_the_build_naming_it(tree: Path) -> None:
    _rename_heading(tree)
    result = build(tree, tree / "out")
    assert result.returncode != 0, "the build accepted a renamed heading"
    message = result.stdout + result.stderr
    line = next((ln for ln in message.splitlines() if OLD_LINK in ln), "")
    assert line.startswith("data/permalinks.yml:"), message
    assert "docs/posts/evaluations-are-noisy.md" in line and f"'{NEW}'" in line, line
    assert "data/redirects.yml" in line, line


@pytest.mark.browser
def test_with_a_redirect_the_old_link_lands_on_the_renamed_heading(tree: Path, tab) -> None:
    _rename_heading(tree)
    _add_rule(tree, "renamed_anchors", OLD_LINK, f"posts/evaluations-are-noisy/#{NEW}")
    result = build(tree, tree / "out")
    assert result.returncode == 0, result.stderr
    with _serve(tree / "out") as base:
        page = tab(DESKTOP)
        page.goto(_url(base, OLD_LINK))
        page.wait_for_url(f"**/#{NEW}")
        assert _settles_in_view(page, NEW), page.evaluate(IN_VIEW, NEW)
        assert page.evaluate(f"document.getElementById('{NEW}').matches(':target')")


@pytest.mark.browser
def test_moved_page_keeps_the_section_of_the_old_link(tree: Path, tab) -> None:
    _add_rule(tree, "moved_pages", "posts/noisy-evaluations/", "posts/evaluations-are-noisy/")
    result = build(tree, tree / "out")
    assert result.returncode == 0, result.stderr
    with _serve(tree / "out") as base:
        page = tab(DESKTOP)
        page.goto(base + "posts/noisy-evaluations/#first-impressions")
        page.wait_for_url("**/posts/evaluations-are-noisy/#first-impressions")
        assert _settles_in_view(page, "first-impressions")


# Every registered link in a real browser.


WALK = """async ([anchors, timeout]) => {
  const inView = IN_VIEW;
  const failed = [];
  for (const [i, [hash, id]] of anchors.entries()) {
    location.hash = hash;
    const until = performance.now() + timeout;
    let why = inView(id);  // the browser scrolls to a fragment at once, unless a script moves it
    while (why && performance.now() < until) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      why = inView(id);
    }
    if (why) failed.push(i);
  }
  return failed;
}""".replace("IN_VIEW", IN_VIEW)
"""Follows each of one page's links in turn, as a reader clicking from section to section does,
and returns the indexes of those whose section did not settle in view."""


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_registered_link_opens_its_section_below_the_header(browser, request, engine) -> None:
    """On either engine's build: the two draw headers of different heights."""
    base_url = request.getfixturevalue("base_url" if engine == "mkdocs" else "zensical_url")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = []
    by_page: dict[str, list[tuple[str, str]]] = {}
    for link in REGISTRY:
        # A renamed section's old link is followed to its new home by permalinks.js.
        anchor = permalinks.split((RULES["renamed_anchors"] or {}).get(link, link))[1]
        if not anchor:  # a whole page (or a share address, tested in test_share.py): it is served
            status = context.request.get(_url(base_url, link)).status
            if status != 200:
                problems.append(f"{link}: HTTP {status}")
            continue
        by_page.setdefault(permalinks.split(link)[0], []).append((link, anchor))
    for links in by_page.values():
        first, anchor = links[0]
        response = page.goto(_url(base_url, first))
        if response is not None and response.status != 200:
            problems.append(f"{first}: HTTP {response.status}")
            continue
        rest = links[1:]
        walk = [["#" + permalinks.split(link)[1], anchor] for link, anchor in rest]
        late = [] if _settles_in_view(page, anchor, timeout=1000) else [first]
        late += [rest[i][0] for i in page.evaluate(WALK, [walk, 1000])]
        anchor_of = dict(links)
        # Chromium sometimes skips the scroll when the previous one is under a second old
        # (Material's toc.follow is still scrolling the sidebar). A reader opens the link
        # afresh: do that before judging.
        if len(late) > 3:  # not a skipped scroll: the page is wrong; say so without retrying
            problems += [f"{link}: {page.evaluate(IN_VIEW, anchor_of[link])}" for link in late]
            continue
        for link in late:
            anchor = anchor_of[link]
            page.goto("about:blank")
            page.goto(_url(base_url, link))
            if not _settles_in_view(page, anchor):
                problems.append(f"{link}: {page.evaluate(IN_VIEW, anchor)}")
    context.close()
    assert len(REGISTRY) > 100
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_short_links_open_their_page_and_keep_the_section(tab, base_url) -> None:
    assert len(RULES["short_links"]) == 4
    page = tab(DESKTOP)
    for short, target in RULES["short_links"].items():
        page.goto(base_url + short)
        page.wait_for_url(_url(base_url, target))
        assert page.locator("h1").count() == 1
    page.goto(base_url + "rejected/#all-sections")
    page.wait_for_url(base_url + "themes/applications/#all-sections")
    assert _settles_in_view(page, "all-sections")


@pytest.mark.browser
def test_reached_section_is_marked_briefly_or_still_with_reduced_motion(tab, base_url) -> None:
    link = _url(base_url, "posts/evaluations-are-noisy/#first-impressions")
    style = "getComputedStyle(document.getElementById('first-impressions'))"
    for motion, animation in (("no-preference", "ns-reached"), ("reduce", "none")):
        page = tab(DESKTOP, reduced_motion=motion)
        page.goto("about:blank")  # a fresh load, not a jump within the page
        page.goto(link)
        assert page.evaluate(f"{style}.animationName") == animation, motion
        if motion == "reduce":
            assert page.evaluate(f"{style}.boxShadow") != "none"
