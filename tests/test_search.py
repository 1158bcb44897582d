"""Search by the reader's own words: every taxonomy keyword, typed into the site's search box,
brings up its theme page among the first five results (Material's search, in Chromium)."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

pytestmark = pytest.mark.browser

THEMES = yaml.safe_load((ROOT / "data/taxonomy.yml").read_text(encoding="utf-8"))["themes"]
QUERIES = [(t["id"], word) for t in THEMES for word in t["keywords"]]
FIRST_PAGES = (
    "[...document.querySelectorAll('ol.md-search-result__list > li.md-search-result__item')]"
    ".slice(0, 5).map(li => li.querySelector('a.md-search-result__link').href)"
)


def test_queries_come_from_the_taxonomy() -> None:
    assert len(QUERIES) >= 4 * 3
    assert {theme for theme, _ in QUERIES} == {t["id"] for t in THEMES}


def test_every_keyword_finds_its_theme_page_in_the_first_five(browser, base_url) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(base_url)
    box = tab.locator("input.md-search__input")
    missed = []
    for theme, word in QUERIES:
        box.click()
        box.fill("")
        tab.wait_for_function(
            "!document.querySelector('ol.md-search-result__list > li')", timeout=5000
        )
        # Material searches on keyup: one key press, so the results that appear are this query's.
        box.fill(word[:-1])
        box.press(word[-1])
        tab.wait_for_function(
            "document.querySelector('ol.md-search-result__list > li')", timeout=10000
        )
        first = [url.removeprefix(base_url).split("?")[0] for url in tab.evaluate(FIRST_PAGES)]
        if f"themes/{theme}/" not in first:
            missed.append((word, theme, first))
    assert not missed, missed
    context.close()
