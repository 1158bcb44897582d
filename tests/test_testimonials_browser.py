"""The testimonial listing in Chromium: theme chips filter with a mouse or a keyboard, and without
JavaScript every testimonial shows and no dead buttons do."""

from __future__ import annotations

import pytest
from conftest import ROOT
from noisy_signals.load import load_site

DESKTOP = {"width": 1280, "height": 720}

pytestmark = pytest.mark.browser

ITEMS = "ul.ns-testimonials > li"


def visible_ids(page) -> set[str]:
    links = page.locator(f"{ITEMS}:visible a.ns-t__who")
    return {h.strip("/") for h in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")}


def test_without_javascript_every_testimonial_shows_and_no_chip(browser, base_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "testimonials/")
    assert visible_ids(page) == set(load_site(ROOT).testimonials)
    assert page.locator(".ns-filter button").count() == 4
    assert not page.locator(".ns-filter").is_visible()
    context.close()


def test_chips_filter_by_theme_and_toggle_back(browser, base_url) -> None:
    data = load_site(ROOT).testimonials
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "testimonials/")
    chip = page.get_by_role("button", name="First impressions")
    assert chip.get_attribute("aria-pressed") == "false"
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true"
    assert visible_ids(page) == {i for i, t in data.items() if "first-impressions" in t.themes}
    status = page.locator(".ns-filter__status").inner_text()
    assert status.startswith("Showing ") and f"of {len(data)}" in status
    other = page.get_by_role("button", name="Job performance")
    other.click()
    wanted = {"first-impressions", "job-performance"}
    assert visible_ids(page) == {i for i, t in data.items() if wanted & set(t.themes)}
    chip.click()
    other.click()
    assert visible_ids(page) == set(data)
    assert page.locator(".ns-filter__status").inner_text() == ""
    assert not errors, errors
    context.close()


def test_chips_work_from_the_keyboard(tab, base_url) -> None:
    data = load_site(ROOT).testimonials
    page = tab(DESKTOP)
    page.goto(base_url + "testimonials/")
    first = page.locator(".ns-filter button").first
    first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('data-theme')")
    assert focused == "first-impressions"
    page.keyboard.press("Space")
    assert (
        page.locator("button[data-theme=first-impressions]").get_attribute("aria-pressed") == "true"
    )
    page.keyboard.press("Enter")
    assert (
        page.locator("button[data-theme=first-impressions]").get_attribute("aria-pressed")
        == "false"
    )
    assert visible_ids(page) == set(data)


def test_theme_page_link_opens_the_listing_filtered(tab, base_url) -> None:
    data = load_site(ROOT).testimonials
    page = tab(DESKTOP)
    page.goto(base_url + "themes/applications/")
    page.locator("a[href$='testimonials/?theme=applications']").click()
    page.wait_for_url("**/testimonials/?theme=applications")
    assert page.locator("button[data-theme=applications]").get_attribute("aria-pressed") == "true"
    assert visible_ids(page) == {i for i, t in data.items() if "applications" in t.themes}
