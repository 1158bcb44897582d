"""The explainer's widget in Chromium: its maths against Python, the keyboard, presets, no-JS, axe."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from page_waits import PALETTE, settle, to_dark, wait_for
from test_explainer import URL, plain, reference
from test_quality_pages import COLOUR_ONLY

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
POINTS = [(0.1, 0.05), (0.3, 0.1), (0.5, 0.2), (0.58, 0.1), (0.7, 0.01), (0.85, 0.3), (0.95, 0.1)]
POINTS += [(0.99, 0.5), (0.93, 0.08)]  # both sides of Genz's switch at |r| = 0.925
WIDGET = "#ns-explainer"


def _open(page, base_url):
    """The explainer in `page` (phone-sized), failing the test on any script error."""
    errors: list[str] = []

    def uncaught(error) -> None:
        errors.append(str(error))

    def console(message) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("pageerror", uncaught)
    page.on("console", console)
    page.goto(base_url + URL)
    yield page
    page.remove_listener("pageerror", uncaught)
    page.remove_listener("console", console)
    assert not errors, errors


@pytest.fixture
def explainer(tab, base_url):
    """The explainer, fresh for a test that moves its sliders."""
    yield from _open(tab(PHONE), base_url)


@pytest.fixture(scope="module")
def maths(browser, base_url):
    """The explainer, opened once for the tests that only ask its maths (they change nothing)."""
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    yield from _open(context.new_page(), base_url)
    context.close()


def _outcomes(page, r: float, a: float) -> tuple[float, float]:
    got = page.evaluate("([r, a]) => window.NoisySignalsExplainer.outcomes(r, a)", [r, a])
    return got["strongRejected"], got["rejectedStrong"]


def _results(page) -> tuple[str, str]:
    return tuple(plain(page.locator(f"#ns-{which}").inner_text()) for which in ("missed", "share"))


@pytest.mark.parametrize(("r", "a"), POINTS)
def test_computation_matches_independent_integration_to_3_decimals(maths, r, a) -> None:
    missed, share = _outcomes(maths, r, a)
    want_missed, want_share = reference(r, a)
    assert round(missed, 3) == round(want_missed, 3), (missed, want_missed)
    assert round(share, 3) == round(want_share, 3), (share, want_share)
    assert abs(missed - want_missed) < 1e-6 and abs(share - want_share) < 1e-6


def test_useless_score_rejects_strong_people_as_often_as_anyone(maths) -> None:
    for a in (0.01, 0.1, 0.25, 0.5):
        missed, share = _outcomes(maths, 0.0, a)
        assert abs(missed - (1 - a)) < 1e-9 and abs(share - 0.1) < 1e-9


def test_perfect_score_rejects_no_strong_person_when_a_tenth_is_accepted(explainer) -> None:
    for a in (0.1, 0.11, 0.25, 0.5):
        assert _outcomes(explainer, 1.0, a) == (0, 0)
    assert abs(_outcomes(explainer, 1.0, 0.05)[0] - 0.5) < 1e-9  # too few places for all of them
    explainer.locator("#ns-r").focus()
    explainer.keyboard.press("End")
    assert explainer.locator("#ns-r-out").inner_text() == "1.00"
    assert _results(explainer) == ("0 %", "0 %")
    assert explainer.locator("circle.ns-plot__missed").count() == 0


def test_sliders_work_by_keyboard(explainer) -> None:
    assert explainer.locator("#ns-explainer").is_visible()
    before = _results(explainer)
    explainer.locator("#ns-r").focus()
    explainer.keyboard.press("ArrowRight")
    assert explainer.locator("#ns-r-out").inner_text() == "0.51"
    assert explainer.locator("#ns-r").get_attribute("aria-valuetext") == "0.51"
    explainer.keyboard.press("Tab")
    assert explainer.evaluate("document.activeElement.id") == "ns-a"
    for _ in range(15):
        explainer.keyboard.press("ArrowRight")
    assert plain(explainer.locator("#ns-a-out").inner_text()) == "25 %"
    missed, share = reference(0.51, 0.25)
    assert _results(explainer) == (f"{round(missed * 100)} %", f"{round(share * 100)} %")
    assert _results(explainer) != before
    desc = plain(explainer.locator("svg.ns-plot desc").text_content())
    assert "0.51" in desc and f"{round(missed * 100)} %" in desc


def test_presets_set_both_sliders_and_show_their_result(explainer) -> None:
    explainer.get_by_role("button", name="A work trial").focus()
    explainer.keyboard.press("Enter")
    assert explainer.locator("#ns-r-out").inner_text() == "0.70"
    assert plain(explainer.locator("#ns-a-out").inner_text()) == "10 %"
    explainer.get_by_role("button", name="A short application form").click()
    missed, share = reference(0.3, 0.1)
    assert _results(explainer) == (f"{round(missed * 100)} %", f"{round(share * 100)} %")


def test_plot_rings_exactly_the_strong_people_left_of_the_cut_off(explainer) -> None:
    explainer.get_by_role("button", name="A short application form").click()
    dots = explainer.evaluate(
        """() => [...document.querySelectorAll('svg.ns-plot circle')].map(c => ({
            x: +c.getAttribute('cx'), y: +c.getAttribute('cy'),
            missed: c.classList.contains('ns-plot__missed')}))"""
    )
    line = explainer.evaluate(
        """() => ({x: +document.querySelector('.ns-plot__accept-line').getAttribute('x1'),
                   y: +document.querySelector('.ns-plot__strong-line').getAttribute('y1')})"""
    )
    assert len(dots) >= 100
    ringed = [d for d in dots if d["missed"]]
    assert ringed, "a weak score should leave some strong people rejected"
    for d in dots:
        inside = d["x"] <= line["x"] + 0.1 and d["y"] < line["y"] + 0.1
        if d["missed"]:
            assert inside, d
    share_ringed = len(ringed) / sum(d["y"] < line["y"] for d in dots)
    assert abs(share_ringed - reference(0.3, 0.1)[0]) < 0.15  # evenly spread dots follow the maths


def test_without_javascript_the_tables_stand_in(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + URL)
    assert not page.locator("#ns-explainer").is_visible()
    notice = page.locator("noscript p")  # Playwright's text search skips <noscript>
    assert notice.is_visible() and "sliders need JavaScript" in notice.inner_text()
    assert page.locator("table").count() == 2 and page.locator("table").first.is_visible()
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_page_passes_axe_in_light_and_dark_and_fits_the_screen(browser, base_url, viewport) -> None:
    """With a preset chosen: axe on the widget in the light palette, then its colour rules after
    the reader switches to dark (the switch changes only colours). The page as it loads, widget
    included, is checked whole by tests/test_quality_pages.py; here, what a preset changes."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=viewport, color_scheme="light")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + URL, wait_until="networkidle")
    settle(page)
    wait_for(page, PALETTE, "default")
    page.get_by_role("button", name="A short application form").click()
    light = Axe().run(page, context=WIDGET)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    to_dark(page)
    dark = Axe().run(page, context=WIDGET, options=COLOUR_ONLY)
    host = urlparse(base_url).netloc
    assert all(urlparse(u).netloc in (host, "") for u in requests), requests
    context.close()
    assert light.violations_count == 0, light.generate_report()
    assert dark.violations_count == 0, dark.generate_report()
