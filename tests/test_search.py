"""Search by the reader's own words: every taxonomy keyword, typed into the site's search box,
brings up its theme page among the first five results (Material's search, in Chromium); and so
do the same words mistyped, as readers type them (lazy-search.js retries a query that finds
nothing with fuzzy terms, then against the themes' keywords in previews.json)."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT
from page_waits import wait_for
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

THEMES = yaml.safe_load((ROOT / "data/taxonomy.yml").read_text(encoding="utf-8"))["themes"]
QUERIES = [(t["id"], word) for t in THEMES for word in t["keywords"]]
# Readers' typos: a letter dropped, letters swapped, a hyphen left out.
TYPOS = [
    ("applications", "rejcted"),
    ("applications", "interveiw"),
    ("self-assessment", "selfdoubt"),
    ("self-assessment", "burnuot"),
]
FIRST_PAGES = (
    "() => [...document.querySelectorAll('ol.md-search-result__list > li.md-search-result__item')]"
    ".slice(0, 5).map(li => li.querySelector('a.md-search-result__link').href)"
)
NO_RESULTS = "() => !document.querySelector('ol.md-search-result__list > li')"
RESULTS = "() => !!document.querySelector('ol.md-search-result__list > li')"
STATE = """() => ({
  typed: document.querySelector('input.md-search__input').value,
  meta: document.querySelector('.md-search-result__meta')?.textContent,
  note: document.querySelector('.ns-search-note')?.textContent ?? null,
})"""
"""What the search box shows, to say where a search that brings nothing stopped."""


def search(tab, box, words: str, base_url: str) -> list[str]:
    """Type `words` into the open search box, over what it held; the pages of the first five
    results."""
    box.fill("")
    wait_for(tab, NO_RESULTS)
    # Material searches on keyup: one key press, so the results that appear are this query's.
    box.fill(words[:-1])
    box.press(words[-1])
    try:
        wait_for(tab, RESULTS, timeout=10000)
    except PlaywrightTimeout:
        pytest.fail(f"no results for {words!r}; the search box shows {tab.evaluate(STATE)}")
    return first_pages(tab, base_url)


def first_pages(tab, base_url: str) -> list[str]:
    """The pages of the first five results shown, as site paths."""
    return [url.removeprefix(base_url).split("?")[0] for url in tab.evaluate(FIRST_PAGES)]


def test_queries_come_from_the_taxonomy() -> None:
    assert len(QUERIES) >= 4 * 3
    assert {theme for theme, _ in QUERIES} == {t["id"] for t in THEMES}
    assert {theme for theme, _ in TYPOS} <= {t["id"] for t in THEMES}


@pytest.mark.slow
def test_every_keyword_finds_its_theme_page_in_the_first_five(tab, base_url) -> None:
    page = tab({"width": 1280, "height": 900})
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    missed = []
    for theme, word in QUERIES:
        first = search(page, box, word, base_url)
        if f"themes/{theme}/" not in first:
            missed.append((word, theme, first))
    assert not missed, missed


def test_typos_find_the_theme_page_and_say_what_was_searched(tab, base_url) -> None:
    page = tab({"width": 375, "height": 740})
    page.goto(base_url)
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    missed = []
    for theme, words in TYPOS:
        first = search(page, box, words, base_url)
        note = page.locator(".ns-search-note")
        if f"themes/{theme}/" not in first:
            missed.append((words, theme, first))
        elif not (note.is_visible() and f"“{words}”" in note.inner_text()):
            missed.append((words, "no note saying what was searched instead"))
    # A query that finds something as typed is left alone, and says nothing.
    assert f"themes/{THEMES[0]['id']}/" in search(page, box, THEMES[0]["keywords"][0], base_url)
    assert not page.locator(".ns-search-note").is_visible()
    assert not missed, missed


def test_an_answer_that_comes_late_never_replaces_the_newest_query(tab, base_url) -> None:
    """search-typos.js loads when a query first finds nothing; a reader who types on meanwhile
    keeps the results of what they typed last, not the old query's "nothing" on top of them."""
    page = tab({"width": 1280, "height": 900})
    held = []  # the module's request, answered when the newer query's results are shown
    page.route("**/search-typos.js", lambda route: held.append(route))
    try:
        page.goto(base_url)
        box = page.locator("input.md-search__input")
        box.click()
        with page.expect_request("**/search-typos.js"):
            box.fill("zzqx")
            box.press("*")  # lunr syntax that finds nothing: shown as nothing, once loaded
        theme, word = QUERIES[0]
        search(page, box, word, base_url)
        held[0].continue_()
        # The module has run, and what it did at once is done, when a second import of it
        # resolves and a task has passed.
        page.evaluate(
            "async (url) => { await import(url); await new Promise((r) => setTimeout(r)); }",
            base_url + "assets/javascripts/search-typos.js",
        )
        shown = first_pages(page, base_url)
        assert f"themes/{theme}/" in shown, f"{word!r} now shows {page.evaluate(STATE)}"
    finally:
        page.unroute("**/search-typos.js")
