"""The one "send this section" control on every heading, in Chromium.

MkDocs' permalink on each heading (a.headerlink) is the only control: a plain link to the section
without JavaScript; with it (overrides/assets/javascripts/permalinks.js) it sends a guide
section's share address, posts/<slug>/<id>/, and any other heading's page address with its #id.
A phone with a share sheet gets the sheet (title, a kind message, the address); anything else
gets the address copied and a "Link copied" toast. It is shown without hover, never wraps onto a
line of its own, is a Tab stop with a name and a focus ring.
"""

from __future__ import annotations

import pytest
from page_waits import wait_for

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
GUIDE = "posts/evaluations-are-noisy/"
H2, H3 = "in-one-minute", "rejection-not-about-you"
MESSAGE = "I thought this section might help"
HEADINGS = "article :is(h1, h2, h3, h4, h5, h6)[id]"
CLIPBOARD_IS = "async (text) => (await navigator.clipboard.readText()) === text"
STUB_SHARE = "navigator.share = async (data) => { window.nsShared = data; };"


def clipboard_context(browser, base_url: str, **options):
    context = browser.new_context(**options)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    return context


def test_each_heading_has_one_named_control_that_the_keyboard_reaches(browser, base_url) -> None:
    context = clipboard_context(browser, base_url, viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + GUIDE)
    counts = page.eval_on_selector_all(
        HEADINGS,
        "hs => hs.map(h => [h.querySelectorAll('a, button').length,"
        " h.querySelectorAll('a.headerlink.ns-copy-link').length])",
    )
    assert len(counts) > 20
    assert set(map(tuple, counts)) == {(1, 1)}, "a heading with other than one control"

    # Keyboard: the next Tab stop after "Read the original post" is the first h2's control.
    page.locator("article a.ns-original").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
        return {section: e.closest('h2')?.id, name: e.getAttribute('aria-label'),
                ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1,
                shown: e.checkVisibility({opacityProperty: true, visibilityProperty: true})}; }"""
    )
    assert focused == {
        "section": H2,
        "name": "Copy link to this section",
        "ring": True,
        "shown": True,
    }
    page.keyboard.press("Enter")
    status = page.locator("[role=status]")
    status.filter(has_text="Link copied").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    assert page.url == base_url + GUIDE, "the control navigated instead of copying"
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}{GUIDE}{H2}/"

    page.locator(f"#{H3} .ns-copy-link").click()  # an h3 has a share address too
    wait_for(page, CLIPBOARD_IS, f"{base_url}{GUIDE}{H3}/")
    context.close()


@pytest.mark.parametrize(
    ("path", "heading", "expected"),
    [
        ("themes/applications/", "#start-here", "themes/applications/#start-here"),
        ("lessons/", "article h2[id]", "lessons/#{id}"),
        ("lessons/", "article h3[id]", "lessons/{id}/"),  # a lesson: its share address
        (GUIDE, "article h1", GUIDE),
    ],
    ids=["theme-page", "lessons-group", "lesson", "guide-title"],
)
def test_elsewhere_it_copies_the_page_address_and_section(
    browser, base_url, path, heading, expected
) -> None:
    context = clipboard_context(browser, base_url, viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + path)
    target = page.locator(heading).first
    ident = target.get_attribute("id")
    target.locator(".ns-copy-link").click()
    page.locator("[role=status]", has_text="Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == base_url + expected.format(id=ident)
    context.close()


def test_on_a_phone_it_opens_the_share_sheet_with_a_kind_message(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.add_init_script(STUB_SHARE)
    page = context.new_page()
    page.goto(base_url + GUIDE)
    control = page.locator(f"#{H3} .ns-copy-link")
    assert control.get_attribute("aria-label") == "Share this section"
    control.tap()
    shared = page.evaluate("window.nsShared")
    title = page.locator(f"#{H3}").inner_text().strip()
    assert shared == {"title": title, "text": MESSAGE, "url": f"{base_url}{GUIDE}{H3}/"}
    assert page.locator(".ns-toast").inner_text() == "", "shared and copied both"
    context.close()


def test_on_a_phone_every_control_shows_without_hover_beside_its_last_word(
    browser, base_url
) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + GUIDE)
    problems = page.eval_on_selector_all(
        f"{HEADINGS} .ns-copy-link",
        """controls => controls.flatMap(c => {
          const id = c.closest('[id]').id, box = c.getBoundingClientRect();
          const line = c.parentElement;  // the heading's last word and the control, kept together
          const word = line.classList.contains('ns-nowrap') && line.textContent.trim();
          const found = [];
          if (!c.checkVisibility({opacityProperty: true, visibilityProperty: true}))
            found.push(`${id}: hidden`);
          if (box.width < 24 || box.height < 24) found.push(`${id}: ${box.width}x${box.height}`);
          if (box.right > innerWidth) found.push(`${id}: sticks out`);
          if (!word) found.push(`${id}: not kept with a word`);
          else if (line.getClientRects().length !== 1) found.push(`${id}: wraps`);
          return found;
        })""",
    )
    assert not problems, problems
    context.close()


def test_without_javascript_it_is_a_plain_link_to_the_section(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + GUIDE)
    link = page.locator(f"#{H2} > a.headerlink")
    assert link.get_attribute("href") == f"#{H2}"
    assert link.is_visible() and link.evaluate("a => getComputedStyle(a).opacity") == "1"
    link.click()
    page.wait_for_url(f"**/{GUIDE}#{H2}")
    context.close()
