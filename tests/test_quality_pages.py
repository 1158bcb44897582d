"""Every built page in Chromium, as readers get it: on a 375 px phone and a 1280 px desktop.

Each page is opened once per width, as a first-time reader opens it (no cache, no stored palette),
and that one visit is checked for everything a page owes its reader:
- axe-core finds no violation in the light palette, and its colour rules none after the reader
  switches to dark (the colour rules once per page, at the widest width it is visited at);
- nothing is requested from another site, nothing fails to load, the console stays free of
  errors, and the Content-Security-Policy is present and never violated;
- the page never scrolls sideways;
- its first view weighs at most 100 kB gzipped (test_budget.py says how bytes are counted);
- the first Tab stop is a skip link that moves focus past the navigation into the content;
- printed, it shows none of its navigation (test_quality_print.py prints the guide to PDF).

Opening a page costs more than all of its checks together, so they share the visit, and each
problem is reported with the check it fails. The pages come from the build (`page_paths`), so a
new page is checked without being listed here. At 1280 px, one testimonial page stands for all:
the finish step stamps each one into the same rendered shell (scripts/noisy_signals/finish.py),
so they differ only in the testimonial's own text, and the phone visit checks every one of them.

axe's colour rules (COLOUR_RULES) judge each page once in each palette, on the desktop where the
page is visited there; the phone visit runs every other rule. No colour of the site depends on
the width, and every text a phone shows, the desktop shows too (the sidebars add more), so the
phone would judge the same colours again. Checked on 2026-12-05, in both palettes: the colour
rules examined no element at 375 px that they did not examine, in the same colours, at 1280 px.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT
from noisy_signals.load import load_site
from page_waits import PALETTE, active, settle, to_dark, wait_for
from test_budget import BUDGET, wire_size
from test_quality_print import SCREEN_ONLY, SHOWN

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORTS = {375: {"width": 375, "height": 740}, 1280: {"width": 1280, "height": 900}}
AXE = Axe()
LISTEN = """window.nsViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.nsViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`
  + (e.sample ? ` (${e.sample})` : '')), true);"""
"""Records every Content-Security-Policy violation in the page, from before its first script."""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
COLOUR_ONLY = {"runOnly": {"type": "rule", "values": COLOUR_RULES}}
"""axe's options for the rules that read colours: all a switch of palette can change (Material's
palettes differ only in CSS custom properties under [data-md-color-scheme])."""
ABORTED = "net::ERR_ABORTED"
"""How Chromium reports a request cut off by leaving the page."""


class Reader:
    """One tab at one width that reads page after page as a first-time reader would: Chromium's
    cache is off and the stored palette choice is cleared, so every load is a first view."""

    def __init__(self, browser, base: str, width: int) -> None:
        self.base, self.width, self.host = base, width, urlparse(base).netloc
        self.context = browser.new_context(viewport=VIEWPORTS[width], color_scheme="light")
        self.context.add_init_script(LISTEN)
        self.page = page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(page)  # kept: a dropped session lets the cache back
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.problems, self.finished = [], []
        say = self.say
        page.on("request", self._started)
        page.on("requestfailed", self._failed)
        page.on("requestfinished", self._finished)
        page.on("response", self._status)
        page.on(
            "console", lambda m: say(f"console {m.type}: {m.text}") if m.type == "error" else None
        )
        page.on("pageerror", lambda e: say(f"uncaught: {e}"))

    def say(self, problem: str) -> None:
        self.problems.append(problem)

    def _started(self, request) -> None:
        if _off(request.url, self.host):
            self.say(f"off-site: {request.url}")

    def _failed(self, request) -> None:
        """A request that could not load, but one aborted because the reader left (Chromium
        asks for the favicon some time after the load; leaving aborts it: net::ERR_ABORTED).
        A missing file still shows as its HTTP status, a refused or blocked request as its
        own error."""
        if request.failure != ABORTED:
            self.say(f"failed request: {request.url} ({request.failure})")

    def _finished(self, request) -> None:
        self.finished.append(request)

    def visit(self, path: str, colours: bool) -> tuple[list[str], int]:
        """Open `path` in the light palette and check it (without the colour rules unless
        `colours`); with `colours`, switch to dark and check the colours again. Returns what is
        wrong, each line naming its check, and the first view's bytes."""
        page, say, height = self.page, self.say, VIEWPORTS[self.width]["height"]
        self.problems, self.finished = [], []
        page.goto(self.base + path, wait_until="load")
        settle(page)
        wait_for(page, PALETTE, "default")
        page.evaluate(AXE.axe_script)
        light = None if colours else {"rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
        self.problems += [f"axe, light: {v}" for v in _axe(page, light)]
        page.wait_for_load_state("networkidle")
        weight = self._first_view()
        if page.locator('meta[http-equiv="Content-Security-Policy"]').count() != 1:
            say("no Content-Security-Policy, or more than one")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > self.width:
            say(f"scrolls sideways: {scroll}px wide; sticking out: {_widest(page, self.width)}")
        if path != "404.html":  # a one-line page with no navigation to skip
            self.problems += _skip_link_problems(page, height)

        page.emulate_media(media="print")
        if printed := page.evaluate(SHOWN, list(SCREEN_ONLY)):
            say(f"prints its navigation: {', '.join(printed)}")
        if not page.locator(".md-content").is_visible():
            say("prints without its content")
        page.emulate_media(media="screen")

        if colours:  # the switch changes only colours: the rules that read colours run again
            to_dark(page)
            page.mouse.move(0, height - 1)  # no hover left on the header
            self.problems += [f"axe, dark: {v}" for v in _axe(page, COLOUR_ONLY)]
            page.evaluate("localStorage.clear(); sessionStorage.clear()")  # forget the choice
        self.problems += [f"policy violation: {v}" for v in page.evaluate("window.nsViolations")]
        # Leave before the next visit starts counting: what this page still has in flight (the
        # favicon, asked for after the load) ends here, and is not taken for the next page's.
        page.goto("about:blank")
        return self.problems, weight

    def _first_view(self) -> int:
        """Wire bytes of everything loaded so far; over the budget is a problem, by file."""
        sizes: dict[str, int] = {}
        for request in self.finished:
            response = request.response()
            body = response.body() if response and not 300 <= response.status < 400 else b""
            sizes[request.url] = sizes.get(request.url, 0) + wire_size(request.url, body)
        if (total := sum(sizes.values())) > BUDGET:
            parts = ", ".join(
                f"{urlparse(u).path} {n:,}" for u, n in sorted(sizes.items(), key=lambda kv: -kv[1])
            )
            self.say(f"first view over {BUDGET:,} bytes: {total:,} ({parts})")
        return total

    def _status(self, response) -> None:
        """Any HTTP error, but the 404 the error page is served with, as on any host."""
        if response.status >= 400 and response.url != self.base + "404.html":
            self.say(f"HTTP {response.status} {response.url}")


def visits(width: int, page_paths: list[str]) -> list[tuple[str, bool]]:
    """The pages read at `width`, each with whether the colour rules judge it there: on a
    desktop, every page but the stamped testimonial pages after the first, all with colours; on
    a phone, every page, with colours only for those the desktop skips."""
    later = set(sorted(f"testimonials/{ident}/" for ident in load_site(ROOT).testimonials)[1:])
    if width == max(VIEWPORTS):
        return [(path, True) for path in page_paths if path not in later]
    return [(path, path in later) for path in page_paths]


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_every_page_passes_axe_stays_on_site_fits_and_skips_to_content(
    browser, hosted_url, page_paths, width
) -> None:
    reader = Reader(browser, hosted_url, width)
    failures: dict[str, list[str]] = {}
    weights: dict[str, int] = {}
    for path, colours in visits(width, page_paths):
        found, weights[path or "(home)"] = reader.visit(path, colours)
        if found:
            failures[path or "(home)"] = found
    reader.context.close()
    assert page_paths, "the build has no pages"
    report = "\n".join(f"{p}:\n  " + "\n  ".join(f) for p, f in failures.items())
    assert not failures, f"{len(failures)} page(s) fail at {width}px:\n{report}"
    heaviest = max(weights, key=weights.__getitem__)
    print(f"largest first view at {width}px: {heaviest}, {weights[heaviest]:,} bytes gzipped")


def _axe(page, options: dict | None = None) -> list[str]:
    """axe-core's violations on the page as it is now (with these options), one line per element."""
    found = []
    run = "(options) => axe.run({resultTypes: ['violations'], ...options})"
    for violation in page.evaluate(run, options or {})["violations"]:
        for node in violation["nodes"]:
            why = "; ".join(c["message"] for c in node["any"] + node["all"] + node["none"])
            found.append(f"{violation['id']} at {', '.join(node['target'])}: {why}")
    return found


def _skip_link_problems(page, height: int) -> list[str]:
    """Tab once, follow the skip link, Tab again: focus must land in the content, in view."""
    page.keyboard.press("Tab")
    if not active(page, "e.classList.contains('md-skip')"):
        return ["skip link: the first Tab stop is not one"]
    wait_for(page, "() => getComputedStyle(document.activeElement).opacity === '1'")
    target = active(page, "e.hash")
    page.keyboard.press("Enter")
    wait_for(page, "(hash) => location.hash === hash", target)
    top = page.evaluate(
        "(id) => document.getElementById(decodeURIComponent(id)).getBoundingClientRect().top",
        target[1:],
    )
    page.keyboard.press("Tab")
    if not (0 <= top < height and active(page, "!!e.closest('.md-content')")):
        return [f"skip link: to {target}, it leaves focus outside the content"]
    return []


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
