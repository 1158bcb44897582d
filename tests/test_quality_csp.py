"""The Content-Security-Policy in Chromium: no page breaks it, and what readers use still works.

Every built page loads with zero `securitypolicyviolation` events and no console error, on a
phone and a desktop, light and dark (checked with axe in test_quality_pages.py, on the same visit);
a short link's redirect stub runs its (hashed) inline script; and under the policy, search, the explainer, the share/copy control, the palette toggle and a section preview
all work, still without a single violation. A deliberately injected inline script is refused,
so the listener is known to hear violations.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from page_waits import wait_for
from test_quality_pages import LISTEN

pytestmark = pytest.mark.browser

VIEWPORTS = {375: {"width": 375, "height": 740}, 1280: {"width": 1280, "height": 900}}
GUIDE = "posts/evaluations-are-noisy/"


class Watched:
    """A tab that records CSP violations (in the page) and console errors (from Chromium)."""

    def __init__(self, browser, base: str, **options) -> None:
        self.context = browser.new_context(**options)
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught {e}"))

    def open(self, path: str) -> None:
        self.errors.clear()
        self.page.goto(self.base + path, wait_until="networkidle")

    def problems(self, path: str) -> list[str]:
        found = list(self.page.evaluate("window.nsViolations"))
        found += [
            e
            for e in self.errors
            # the error page answers with status 404, as on any host
            if not (path == "404.html" and "status of 404" in e)
        ]
        return found

    def close(self) -> None:
        self.context.close()


def test_the_listener_hears_a_refused_inline_script(browser, hosted_url) -> None:
    tab = Watched(browser, hosted_url)
    tab.open(GUIDE)
    tab.page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.append(s); }"
    )
    wait_for(tab.page, "() => window.nsViolations.length > 0")
    assert tab.page.evaluate("window.ran") is None
    tab.close()


def test_a_short_links_redirect_script_runs(browser, hosted_url) -> None:
    tab = Watched(browser, hosted_url)
    tab.page.goto(hosted_url + "brushed-off/")
    tab.page.wait_for_url(hosted_url + "themes/first-impressions/")
    assert tab.problems("themes/first-impressions/") == []
    tab.close()


def test_what_readers_use_works_under_the_policy(browser, hosted_url) -> None:
    host = urlparse(hosted_url)
    tab = Watched(browser, hosted_url, viewport=VIEWPORTS[1280], color_scheme="light")
    tab.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=f"{host.scheme}://{host.netloc}"
    )
    page = tab.page

    # Search: the lazily started worker, the index, and results.
    tab.open("")
    page.keyboard.press("/")
    page.keyboard.type("brushed off")
    page.locator(".md-search-result__link").first.wait_for()
    page.keyboard.press("Escape")

    # The palette toggle.
    page.locator('label[title="Switch to dark mode"]:visible').first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"

    # The share/copy control on a guide heading, and a section preview.
    tab_problems = tab.problems("")
    tab.open(GUIDE)
    page.locator("#in-one-minute .ns-copy-link").click()
    wait_for(
        page,
        "async (want) => (await navigator.clipboard.readText()) === want",
        f"{hosted_url}{GUIDE}in-one-minute/",
    )
    page.locator("article a[href^='../'][href*='/#']").first.hover()  # a section of another post
    page.locator("#ns-preview").wait_for(state="visible")
    tab_problems += tab.problems(GUIDE)

    # The explainer: moving a slider recomputes the result.
    tab.open("explainers/one-evaluation/")
    before = page.locator("#ns-missed").inner_text()
    page.locator("#ns-r").focus()
    page.keyboard.press("End")
    wait_for(page, "(old) => document.querySelector('#ns-missed').innerText !== old", before)
    tab_problems += tab.problems("explainers/one-evaluation/")
    tab.close()
    assert not tab_problems, tab_problems
