"""Waiting on a page that has a Content-Security-Policy.

Playwright's `page.wait_for_function` compiles its predicate inside the page with `new Function`,
which the site's policy (no 'unsafe-eval', scripts/noisy_signals/finish.py) refuses. `page.evaluate`
compiles its code outside the page's policy, so `wait_for` runs the whole polling loop, one check
per animation frame, inside one evaluate call: the tests see the pages exactly as readers get
them, policy included.
"""

from __future__ import annotations

import json

from playwright.sync_api import TimeoutError as PlaywrightTimeout

LOOP = """async (arg) => {
  const test = (%s);
  const until = performance.now() + %d;
  for (;;) {
    const value = await test(arg);
    if (value) return {value};
    if (performance.now() > until) return null;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}"""


def wait_for(page, predicate: str, arg: object = None, timeout: int = 5000) -> object:
    """Wait until the JavaScript function `predicate(arg)` returns something truthy; return it.

    Raises Playwright's TimeoutError after `timeout` milliseconds, like `page.wait_for_function`.
    """
    result = page.evaluate(LOOP % (predicate, timeout), arg)
    if result is None:
        raise PlaywrightTimeout(f"{timeout} ms passed waiting for {predicate} ({json.dumps(arg)})")
    return result["value"]


PALETTE = """(scheme) => document.body.getAttribute('data-md-color-scheme') === scheme
  && document.getAnimations().length === 0"""
"""The palette shows `scheme` ('default' or 'slate') and its colour transitions have ended.

Material applies the palette a reader's system prefers, or the one they toggle to, from its
bundle after the page loads; contrast can be judged only once the colours stop moving."""


NO_TRANSITIONS = "*, ::before, ::after { transition: none !important; animation: none !important; }"


def settle(page) -> None:
    """Turn transitions off, to judge each stop as it looks once settled. A constructed stylesheet,
    not a <style> tag, which the page's Content-Security-Policy (style-src 'self') would refuse."""
    page.evaluate(
        """(css) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""",
        NO_TRANSITIONS,
    )


def to_dark(page) -> None:
    """Switch to the dark palette as a reader does, with the header's toggle; wait until applied."""
    page.locator('label[title="Switch to dark mode"]:visible').first.click()
    wait_for(page, PALETTE, "slate")


def active(page, script: str):
    """Evaluate `script` as a function of the focused element."""
    return page.evaluate(f"(() => {{ const e = document.activeElement; return ({script}); }})()")
