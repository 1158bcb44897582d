"""The home page in a real browser, on a phone and a desktop, for a reader whose system is dark."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from page_waits import PALETTE, to_dark, wait_for

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_home_page_follows_a_dark_system_and_stays_on_the_site(browser, base_url, viewport) -> None:
    """A reader whose system is dark gets the dark palette at once. (In light, the default, every
    page is checked on its visit in test_quality_pages.py, and switched to dark there by hand.)"""
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme="dark")
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url, wait_until="networkidle")

    assert page.locator("h1").first.inner_text().removesuffix("¶") == "Noisy Signals"
    assert page.title().startswith("Noisy Signals")
    wait_for(page, PALETTE, "slate")  # or a TimeoutError
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"], "the page scrolls sideways"
    host = urlparse(base_url).netloc
    off_site = [u for u in requests if urlparse(u).netloc not in (host, "")]
    assert not off_site, off_site
    assert not errors, errors
    context.close()


def test_palette_toggle_switches_to_dark_mode(browser, base_url) -> None:
    context = browser.new_context(viewport=VIEWPORTS["desktop"], color_scheme="light")
    page = context.new_page()
    page.goto(base_url)
    to_dark(page)
    context.close()
