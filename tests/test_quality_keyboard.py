"""The site from the keyboard alone, and its search, in Chromium, on a 375 px phone and a desktop.

On a phone, the closed navigation drawer and search panel take no focus, so the first Tab stops
are ones that can be seen, and the drawer opens, is walked and closes from the keyboard; a focus
ring that can be seen on every stop the Tab key reaches; search reachable with "/" and usable with the arrow keys
and Enter; and the search panel, and a page reached from it with its matches marked, pass axe in
both palettes. (The skip link on every page is checked in test_quality_pages.py, the taxonomy's
words finding their theme pages is tests/test_search.py.)
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from page_waits import active, settle, to_dark, wait_for
from test_quality_pages import COLOUR_ONLY

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
GUIDE = "posts/evaluations-are-noisy/"
QUERY = "brushed off"
RESULT_LINK = ".md-search-result__link"
PANEL, MARKS = ".md-search", "article mark"


FOCUS_RING = """() => {
  let e = document.activeElement;
  if (e === document.body) return null;  // focus left the page
  const again = e.dataset.nsFocused === 'yes';
  e.dataset.nsFocused = 'yes';
  // Material's palette switch: the radio button is hidden, the label that shows is the control
  if (e.matches('input.md-option')) e = e.closest('form').querySelector('label:not([hidden])');
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const over = (top, [r, g, b]) => {
    const a = top.length > 3 ? top[3] : 1;
    return [0, 1, 2].map((i) => top[i] * a + [r, g, b][i] * (1 - a));
  };
  const s = getComputedStyle(e);
  const chain = [];  // an inset ring is drawn over the element itself, any other around it
  const start = parseFloat(s.outlineOffset) < 0 ? e : e.parentElement;
  for (let n = start; n; n = n.parentElement) chain.push(parse(getComputedStyle(n).backgroundColor));
  let behind = [255, 255, 255];
  for (const c of chain.reverse()) behind = over(c, behind);
  e.scrollIntoView({block: 'nearest'});
  const box = e.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return {
    again,
    front: !!hit && (e.contains(hit) || hit.contains(e)),
    name: (e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40)),
    visible: e.checkVisibility({opacityProperty: true, visibilityProperty: true}) &&
      e.getBoundingClientRect().width > 0,
    style: s.outlineStyle, width: parseFloat(s.outlineWidth),
    ring: over(parse(s.outlineColor), behind), behind,
  };
}"""


def contrast(a: list[float], b: list[float]) -> float:
    """WCAG contrast ratio of two sRGB colours given as 0-255 triples."""

    def luminance(rgb: list[float]) -> float:
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ring_problem(stop: dict) -> str:
    """What is wrong with a focused element's ring, or ''."""
    ratio = contrast(stop["ring"], stop["behind"])
    if not stop["visible"]:
        return f"{stop['name']}: focused but not visible"
    if stop["style"] in ("none", "hidden") or stop["width"] < 1 or ratio < 3:
        return f"{stop['name']}: ring {stop['style']} {stop['width']}px {ratio:.1f}:1"
    if not stop["front"]:
        return f"{stop['name']}: focused but covered by something else"
    return ""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_every_tab_stop_shows_a_focus_ring(tab, hosted_url, scheme, viewport) -> None:
    """On a guide page: header, navigation (on a desktop), table of contents, content, footer."""
    page = tab(viewport, color_scheme=scheme)
    page.goto(hosted_url + GUIDE)
    settle(page)
    problems, stops = [], 0
    for _ in range(1000):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_RING)
        if stop is None or stop["again"]:  # left the page, or wrapped around to the start
            break
        stops += 1
        if problem := ring_problem(stop):
            problems.append(problem)
    assert stops > 50, f"only {stops} Tab stops on {GUIDE}"
    assert not problems, "\n".join(problems)


def test_on_a_phone_the_first_tab_stops_after_the_skip_link_can_be_seen(tab, hosted_url) -> None:
    """The closed drawer (~60 links off-screen) and the closed search field take no focus: from
    the skip link, a few header buttons, each visible and named, then the content."""
    page = tab(PHONE)
    page.goto(hosted_url + GUIDE)
    settle(page)
    page.keyboard.press("Tab")
    assert active(page, "e.classList.contains('md-skip')")
    header = []
    for _ in range(10):
        page.keyboard.press("Tab")
        if active(page, "!!e.closest('.md-content')"):
            break
        stop = page.evaluate(FOCUS_RING)
        assert not ring_problem(stop), ring_problem(stop)
        header.append(active(page, "e.getAttribute('aria-label') || e.closest('form')?.ariaLabel"))
    else:
        raise AssertionError(f"no content after 10 Tab stops: {header}")
    assert header[0] == "Navigation menu" and "Search" in header, header
    assert page.locator(".md-sidebar--primary").evaluate("e => e.inert")


def test_on_a_phone_the_drawer_opens_walks_and_closes_from_the_keyboard(tab, hosted_url) -> None:
    page = tab(PHONE)
    page.goto(hosted_url + GUIDE)
    settle(page)
    menu = page.get_by_role("button", name="Navigation menu")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    assert active(page, "!!e.closest('.md-sidebar--primary')"), "focus stayed outside the drawer"

    # Every stop in the drawer can be seen and is in front; a section opens and closes by keyboard.
    problems, names = [], []
    while active(page, "!!e.closest('.md-sidebar--primary')"):
        stop = page.evaluate(FOCUS_RING)
        if problem := ring_problem(stop):
            problems.append(problem)
        names.append(stop["name"])
        if len(names) > 40:
            break
        page.keyboard.press("Tab")
    assert not problems, "\n".join(problems)
    assert 3 <= len(names) <= 40, names
    assert page.evaluate("!document.getElementById('__drawer').checked"), "Tab out left it open"

    menu.focus()
    page.keyboard.press("Enter")
    back = wait_for(
        page,
        "() => document.activeElement.matches('label.md-nav__title')"
        " && document.activeElement.htmlFor",
    )
    assert back, "the drawer did not open on the current section's panel"
    page.keyboard.press("Enter")  # back to the top level, where the section's label has focus
    wait_for(
        page,
        "(id) => document.activeElement.matches(`label[for=${id}]`) &&"
        " !document.activeElement.closest('[inert]')",
        back,
    )
    page.keyboard.press("Escape")
    assert active(page, "e.matches('.ns-menu')"), "Escape did not hand focus back to the menu"
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.locator(".md-sidebar--primary").evaluate("e => e.inert")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_search_works_from_the_keyboard(tab, hosted_url, viewport) -> None:
    page = tab(viewport)
    page.goto(hosted_url + GUIDE)
    page.keyboard.press("/")
    assert active(page, "e.matches('[data-md-component=search-query]')"), "'/' does not open search"
    page.keyboard.type(QUERY)
    page.wait_for_selector(RESULT_LINK)
    box = page.locator("[data-md-component=search-query]").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
    page.keyboard.press("ArrowDown")
    href = active(page, "e.matches('.md-search-result__link') && e.href")
    assert href, "ArrowDown does not move to the first result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == href
    assert page.locator("h1").first.is_visible()


def test_search_panel_and_highlighted_results_pass_axe(tab, hosted_url) -> None:
    """The open search panel, and the words a result marks in the page it opens: in light, then
    the dark palette's colour rules once the reader switches (the switch changes only colours).
    The rest of the page is the guide page tests/test_quality_pages.py checks whole."""
    page = tab(DESKTOP, color_scheme="light")
    page.goto(hosted_url + GUIDE)
    settle(page)

    def search() -> None:
        page.keyboard.press("/")
        page.locator("[data-md-component=search-query]").fill("")
        page.keyboard.type(QUERY)
        page.wait_for_selector(RESULT_LINK)

    search()
    results = {"panel, light": Axe().run(page, context=PANEL)}
    href = page.locator(RESULT_LINK).first.get_attribute("href")
    page.goto(href)  # lands with ?h=, which marks the query's words in the page
    page.wait_for_selector("article mark")
    settle(page)
    results["page with marks, light"] = Axe().run(page, context=MARKS)
    to_dark(page)
    results["page with marks, dark"] = Axe().run(page, context=MARKS, options=COLOUR_ONLY)
    search()
    results["panel, dark"] = Axe().run(page, context=PANEL, options=COLOUR_ONLY)
    failed = {k: r.generate_report() for k, r in results.items() if r.violations_count}
    assert not failed, failed
