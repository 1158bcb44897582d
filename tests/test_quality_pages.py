"""Every built page in Chromium, as readers get it: phone and desktop, light and dark.

On each page: axe-core finds no violation, nothing is requested from another site, nothing fails to
load, the console stays free of errors, and a 375 px phone never scrolls sideways. The pages come
from the build (the `page_paths` fixture), so a new page is checked without being listed here.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

VIEWPORTS = {375: {"width": 375, "height": 740}, 1280: {"width": 1280, "height": 900}}
SCHEMES = {"light": "default", "dark": "slate"}
LANES = 2  # each browser context renders in its own process: two pages are checked at once
AXE = Axe()
LISTEN = """window.nsViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.nsViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`
  + (e.sample ? ` (${e.sample})` : '')), true);"""
"""Records every Content-Security-Policy violation in the page, from before its first script."""


class Lane:
    """One browser tab that opens a page, starts axe on it, and later collects what went wrong."""

    def __init__(self, browser, hosted_url: str, width: int, scheme: str) -> None:
        self.context = browser.new_context(viewport=VIEWPORTS[width], color_scheme=scheme)
        self.context.add_init_script(LISTEN)
        self.page = page = self.context.new_page()
        self.base, self.width, self.scheme = hosted_url, width, scheme
        host = urlparse(hosted_url).netloc
        self.seen: list[str] = []
        say = self.seen.append
        page.on(
            "request", lambda r: say(f"off-site request {r.url}") if _off(r.url, host) else None
        )
        page.on("requestfailed", lambda r: say(f"failed request {r.url}"))
        page.on("response", lambda r: say(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
        page.on(
            "console", lambda m: say(f"console {m.type}: {m.text}") if m.type == "error" else None
        )
        page.on("pageerror", lambda e: say(f"uncaught {e}"))

    def open(self, path: str) -> None:
        """Load the page and start axe on it without waiting for its verdict."""
        self.path = path
        self.seen.clear()
        self.page.goto(self.base + path, wait_until="load")
        self.page.evaluate(AXE.axe_script)
        self.page.evaluate("() => { window.nsAxe = axe.run({resultTypes: ['violations']}); }")

    def problems(self) -> list[str]:
        """Everything wrong with the page opened last, axe's violations included."""
        page, found = self.page, list(self.seen)
        if self.path == "404.html":  # the error page answers with status 404, as on any host
            found = [f for f in found if not f.startswith(f"HTTP 404 {self.base}404.html")]
        found += [f"policy violation: {v}" for v in page.evaluate("window.nsViolations")]
        if page.locator('meta[http-equiv="Content-Security-Policy"]').count() != 1:
            found.append("no Content-Security-Policy, or more than one")
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        if shown != SCHEMES[self.scheme]:
            found.append(f"palette is {shown!r}, not {SCHEMES[self.scheme]!r}")
        if self.width == 375:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > self.width:
                found.append(f"scrolls sideways: {scroll}px wide; {_widest(page, self.width)}")
        for violation in page.evaluate("() => window.nsAxe")["violations"]:
            for node in violation["nodes"]:
                why = "; ".join(c["message"] for c in node["any"] + node["all"] + node["none"])
                found.append(f"{violation['id']} at {', '.join(node['target'])}: {why}")
        return found


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_every_page_passes_axe_stays_on_site_and_fits(
    browser, hosted_url, page_paths, width, scheme
) -> None:
    lanes = [Lane(browser, hosted_url, width, scheme) for _ in range(LANES)]
    problems: dict[str, list[str]] = {}
    for start in range(0, len(page_paths), LANES):
        batch = list(zip(lanes, page_paths[start : start + LANES], strict=False))
        for lane, path in batch:
            lane.open(path)
        for lane, path in batch:
            if found := lane.problems():
                problems[path or "(home)"] = found
    for lane in lanes:
        lane.context.close()

    assert page_paths, "the build has no pages"
    report = "\n".join(f"{p}:\n  " + "\n  ".join(f) for p, f in problems.items())
    assert not problems, f"{len(problems)} page(s) fail at {width}px, {scheme}:\n{report}"


def _off(url: str, host: str) -> bool:
    parts = urlparse(url)
    return parts.scheme not in ("data", "blob", "about") and parts.netloc != host


def _widest(page, width: int) -> str:
    """The elements that stick out to the right, to say what to fix."""
    return page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
             .filter((e) => e.getBoundingClientRect().right > width + 1)
             .slice(0, 5)
             .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))
             .join(', ')""",
        width,
    )
