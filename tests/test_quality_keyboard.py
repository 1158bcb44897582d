"""The site from the keyboard alone, and its search, in Chromium.

A skip link on every page that takes focus past the navigation into the content; a focus ring that
can be seen on every stop the Tab key reaches; search reachable with "/" and usable with the arrow
keys and Enter, on a phone and a desktop; and the search panel, and a page reached from it with
its matches marked, pass axe in both palettes. (The taxonomy's words finding their theme pages is
tests/test_search.py.)
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
GUIDE = "posts/evaluations-are-noisy/"
QUERY = "brushed off"
RESULT_LINK = ".md-search-result__link"


def active(page, script: str):
    """Evaluate `script` as a function of the focused element."""
    return page.evaluate(f"(() => {{ const e = document.activeElement; return ({script}); }})()")


def test_skip_link_on_every_page_moves_focus_into_the_content(
    browser, hosted_url, page_paths
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = []
    for path in page_paths:
        if path == "404.html":  # a one-line page with no navigation to skip
            continue
        page.goto(hosted_url + path)
        page.keyboard.press("Tab")
        if not active(page, "e.classList.contains('md-skip')"):
            problems.append(f"{path or '(home)'}: the first Tab stop is not a skip link")
            continue
        page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
        target = active(page, "e.hash")
        page.keyboard.press("Enter")
        page.wait_for_function("(hash) => location.hash === hash", arg=target)
        top = page.evaluate(
            "(id) => document.getElementById(decodeURIComponent(id)).getBoundingClientRect().top",
            target[1:],
        )
        page.keyboard.press("Tab")
        in_content = active(page, "!!e.closest('.md-content')")
        if not (0 <= top < DESKTOP["height"] and in_content):
            problems.append(
                f"{path or '(home)'}: skip link to {target} leaves focus outside the content"
            )
    context.close()
    assert not problems, "\n".join(problems)


NO_TRANSITIONS = "*, ::before, ::after { transition: none !important; animation: none !important; }"
FOCUS_RING = """() => {
  let e = document.activeElement;
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
  return {
    again,
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_tab_stop_shows_a_focus_ring(browser, hosted_url, scheme) -> None:
    """On a guide page: header, navigation, table of contents, content and footer."""
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(hosted_url + GUIDE)
    page.add_style_tag(content=NO_TRANSITIONS)  # judge each stop as it looks once settled
    problems, stops = [], 0
    for _ in range(1000):
        page.keyboard.press("Tab")
        if active(page, "e === document.body"):
            break
        stop = page.evaluate(FOCUS_RING)
        if stop["again"]:  # wrapped around to the start
            break
        stops += 1
        ratio = contrast(stop["ring"], stop["behind"])
        if not stop["visible"]:
            problems.append(f"{stop['name']}: focused but not visible")
        elif stop["style"] in ("none", "hidden") or stop["width"] < 1 or ratio < 3:
            problems.append(f"{stop['name']}: ring {stop['style']} {stop['width']}px {ratio:.1f}:1")
    context.close()
    assert stops > 50, f"only {stops} Tab stops on {GUIDE}"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_search_works_from_the_keyboard(browser, hosted_url, viewport) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
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
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_panel_and_highlighted_results_pass_axe(browser, hosted_url, scheme) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(hosted_url + GUIDE)
    page.keyboard.press("/")
    page.keyboard.type(QUERY)
    page.wait_for_selector(RESULT_LINK)
    page.wait_for_timeout(300)  # let the panel finish opening
    panel = Axe().run(page)
    href = page.locator(RESULT_LINK).first.get_attribute("href")
    page.goto(href)  # lands with ?h=, which marks the query's words in the page
    page.wait_for_selector("article mark")
    landing = Axe().run(page)
    context.close()
    assert panel.violations_count == 0, panel.generate_report()
    assert landing.violations_count == 0, landing.generate_report()
