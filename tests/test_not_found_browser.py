"""The error page served as GitHub Pages serves it (the `hosted_url` fixture: under site_url's
path, 404.html with status 404 for any unknown address), in Chromium.

A mistyped short link (wrong case, no closing slash) arrives at its page; any other unknown
address stays on a page that offers the situations (the theme pages, as the navigation lists
them) and a search that works, never a bare "404 - Not found", and never redirects in a loop.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from page_waits import wait_for
from site_html import page as built_page

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
SHORT = yaml.safe_load((ROOT / "data/redirects.yml").read_text(encoding="utf-8"))["short_links"]
MISTYPED = {
    "Rejected/": SHORT["rejected/"],
    "SELF-DOUBT": SHORT["self-doubt/"],
    "Let-Go/": SHORT["let-go/"],
    "Brushed-Off": SHORT["brushed-off/"],
}


@pytest.fixture
def phone(tab):
    """A phone's tab, and every address it is sent to while the test runs."""
    page = tab(PHONE)
    went: list[str] = []

    def record(frame) -> None:
        if frame == page.main_frame:
            went.append(frame.url)

    page.on("framenavigated", record)
    yield page, went
    page.remove_listener("framenavigated", record)


def visit(phone, url: str):
    """Open `url` on the phone; the page, every address the tab was sent to on the way, and the
    response."""
    page, went = phone
    response = page.goto(url)
    page.wait_for_load_state("load")
    return page, went, response


@pytest.mark.parametrize("typed", sorted(MISTYPED))
def test_a_mistyped_short_link_arrives(phone, hosted_url, typed) -> None:
    page, went, _ = visit(phone, hosted_url + typed)
    page.wait_for_url(hosted_url + MISTYPED[typed])
    assert page.locator("h1").count() == 1
    assert len(went) <= 3, went  # the typo, the short link, its page


def test_an_unknown_address_offers_the_situations_and_search(phone, hosted_url, site) -> None:
    # What the navigation lists under themes/, read from a built page, not from the template.
    nav = built_page(site, "")
    themes = sorted(
        {
            a["href"].removeprefix("./")
            for a in nav.select("nav.md-nav--primary a.md-nav__link[href^='themes/']")
            if a["href"] != "themes/"
        }
    )
    assert len(themes) >= 4

    page, went, response = visit(phone, hosted_url + "posts/no-such-post/")
    assert response is not None and response.status == 404
    assert page.url == hosted_url + "posts/no-such-post/" and len(went) == 1, went
    assert "404 - Not found" not in page.locator("article").inner_text()
    offered = page.eval_on_selector_all(
        "article .ns-situations a", "links => links.map(a => a.href)"
    )
    assert offered == [hosted_url + t for t in themes]

    # Search: prefilled with the address's words, and it runs the site's search on submit.
    query = page.get_by_label("Words to search for")
    assert query.input_value() == "posts no such post"
    query.fill("rejcted")
    with page.expect_navigation():
        page.locator(".ns-search-form button[type=submit]").click()
    wait_for(
        page, "() => !!document.querySelector('ol.md-search-result__list > li')", timeout=10000
    )
    first = page.locator("a.md-search-result__link").first.get_attribute("href")
    assert first.split("?")[0].endswith("themes/applications/")


def test_an_unknown_lower_case_address_gets_its_slash_and_stays(phone, hosted_url) -> None:
    page, went, response = visit(phone, hosted_url + "nothing-here")
    assert page.url == hosted_url + "nothing-here/"
    assert went == [hosted_url + "nothing-here", hosted_url + "nothing-here/"], "a loop"
    assert page.locator("article .ns-situations a").count() >= 4


def test_the_error_page_is_not_a_bare_404(site: Path) -> None:
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "404 - Not found" not in text
    assert "not-found.js" in text and 'name="q"' in text
