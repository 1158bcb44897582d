"""Previews of cross-references between sections, in Chromium (previews.js).

A link to a guide section (reading paths, "Related in the other posts", editor's notes, lessons'
citations) shows the target's heading, post and gist from assets/generated/previews.json: on
mouse hover and on keyboard focus, fetched on first use and not in the first view; Escape hides
it; it never covers the link; it passes axe in both palettes; touch screens never get one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT
from test_quality_keyboard import contrast

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
PREVIEWS = "assets/generated/previews.json"
TIP = "#ns-preview"
# Cross-references on three kinds of page: a theme's reading path, the lessons' citations, and a
# guide page's links to other sections (editor's notes, "Related in the other posts").
PAGES = ["themes/applications/", "lessons/", "posts/evaluations-are-noisy/"]
# Records each fetch() as it is called, so "never asked for" needs no waiting.
RECORD_FETCHES = """window.nsFetched = []; const realFetch = window.fetch;
window.fetch = (url, ...rest) => { window.nsFetched.push(String(url)); return realFetch(url, ...rest); };"""
# A link to a guide section, however its href is written (#id, ../other/#id, ../../posts/x/#id).
IS_XREF = """(a) => a instanceof HTMLAnchorElement && !a.classList.contains('headerlink') &&
  !!a.closest('article.md-content__inner') && /\\/posts\\/[^/]+\\/#./.test(a.href)"""


def sections(site: Path) -> dict:
    return json.loads((site / PREVIEWS).read_text(encoding="utf-8"))["sections"]


def first_xref(page, other_page: bool = False):
    """The first cross-reference in the article (on a guide page, optionally to another post)."""
    page.evaluate(
        f"""(other) => {{
          const isXref = {IS_XREF};
          const here = location.pathname;
          const link = [...document.querySelectorAll('article a[href]')].find(
            (a) => isXref(a) && (!other || new URL(a.href).pathname !== here));
          link.dataset.testXref = '';
        }}""",
        other_page,
    )
    return page.locator("[data-test-xref]")


def target(page, link) -> str:
    """The previews.json key of a link: posts/<slug>/#<id>."""
    url = link.evaluate("a => a.href")
    return url.split("/posts/", 1)[1].join(["posts/", ""])


def no_overlap(page, link) -> bool:
    return page.evaluate(
        """([link, tip]) => {
          const t = tip.getBoundingClientRect();
          return [...link.getClientRects()].every(r =>
            r.bottom <= t.top || r.top >= t.bottom || r.right <= t.left || r.left >= t.right);
        }""",
        [link.element_handle(), page.locator(TIP).element_handle()],
    )


def test_previews_json_follows_the_contract(site: Path) -> None:
    data = json.loads((site / PREVIEWS).read_text(encoding="utf-8"))
    described = {
        f"posts/{path.stem}/#{ident}"
        for path in (ROOT / "docs/posts").glob("*.md")
        for ident in yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])[
            "sections"
        ]
    }
    assert set(data["sections"]) == described
    for key, section in data["sections"].items():
        assert key.startswith("posts/") and "/#" in key, key
        assert set(section) == {"title", "gist", "post", "author"}, key
        assert all(isinstance(v, str) and v for v in section.values()), key
    assert {t["url"] for t in data["themes"]} == {
        f"themes/{p.parent.name}/" for p in (site / "themes").glob("*/index.html")
    }


@pytest.mark.parametrize("path", PAGES)
def test_hover_shows_the_linked_sections_heading_post_and_gist(
    browser, hosted_url, site, path
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(RECORD_FETCHES)
    page = context.new_page()
    page.goto(hosted_url + path, wait_until="networkidle")
    assert page.evaluate("window.nsFetched") == [], "previews.json in the first view"

    link = first_xref(page, other_page=True)
    expected = sections(site)[target(page, link)]
    link.hover()
    tip = page.locator(TIP)
    tip.wait_for(state="visible")
    assert tip.locator(".ns-preview__title").inner_text() == expected["title"]
    assert expected["post"] in tip.locator(".ns-preview__post").inner_text()
    assert tip.locator(".ns-preview__gist").inner_text() == expected["gist"]
    assert tip.get_attribute("role") == "tooltip"
    assert link.get_attribute("aria-describedby") == "ns-preview"
    assert no_overlap(page, link), "the preview covers its link"
    assert [u for u in page.evaluate("window.nsFetched") if u.endswith(PREVIEWS)]

    page.mouse.move(0, DESKTOP["height"] - 1)  # away: the preview goes
    tip.wait_for(state="hidden")
    assert link.get_attribute("aria-describedby") is None
    context.close()


def tab_to_next_section_link(page, limit: int = 400):
    """Press Tab until a cross-reference has focus; return it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"({IS_XREF})(document.activeElement)"):
            return page.locator(":focus")
    raise AssertionError("Tab never reached a link to a guide section")


def test_keyboard_focus_shows_it_and_escape_hides_it(tab, hosted_url, site) -> None:
    page = tab(DESKTOP)
    page.goto(hosted_url + "lessons/")
    tip = page.locator(TIP)
    for _ in range(2):  # the first cross-reference, then the next one after Escape
        link = tab_to_next_section_link(page)
        tip.wait_for(state="visible")
        title = sections(site)[target(page, link)]["title"]
        assert tip.locator(".ns-preview__title").inner_text() == title
        assert link.get_attribute("aria-describedby") == "ns-preview"
        assert no_overlap(page, link), "the preview covers its link"
        page.keyboard.press("Escape")
        tip.wait_for(state="hidden")
        assert link.get_attribute("aria-describedby") is None


TEXT_COLOURS = """(tip) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const behind = parse(getComputedStyle(tip).backgroundColor);
  return [...tip.children].map((p) => {
    const [r, g, b, a = 1] = parse(getComputedStyle(p).color);
    return {line: p.className, text: [r, g, b].map((v, i) => v * a + behind[i] * (1 - a)), behind};
  });
}"""
"""Each line of the preview: its text colour laid over the preview's own (opaque) background."""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_shown_preview_passes_axe(tab, hosted_url, scheme) -> None:
    """axe on the preview and the link it describes; the page itself is checked whole in
    tests/test_quality_pages.py. axe leaves the contrast of the preview's text undecided (a
    fixed box over the page), so it is worked out here: at least 4.5:1, as for body text."""
    page = tab(DESKTOP, color_scheme=scheme)
    page.goto(hosted_url + "themes/self-assessment/")
    first_xref(page).hover()
    tip = page.locator(TIP)
    tip.wait_for(state="visible")
    result = Axe().run(page, context={"include": [[TIP], ["[data-test-xref]"]]})
    lines = tip.evaluate(TEXT_COLOURS)
    assert result.violations_count == 0, result.generate_report()
    assert len(lines) == 3
    low = {line["line"]: round(contrast(line["text"], line["behind"]), 2) for line in lines}
    assert all(ratio >= 4.5 for ratio in low.values()), low


def test_touch_screens_get_no_preview(browser, hosted_url) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.add_init_script(RECORD_FETCHES)
    page = context.new_page()
    page.goto(hosted_url + "themes/applications/")
    link = first_xref(page)
    link.scroll_into_view_if_needed()
    link.hover()  # a touch screen has no hover; a stray mouse event must not bring one either
    page.keyboard.press("Tab")
    link.focus()
    assert page.evaluate("window.nsFetched") == [], "a touch screen asked for previews"
    assert not page.locator(TIP).is_visible()
    context.close()
