"""Sending one section to someone: "Send this to someone" on theme pages (with and without
JavaScript), link previews with the static card, and instant navigation. (The one share/copy
control on every heading: tests/test_share_browser.py.)"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build
from page_waits import wait_for
from site_html import heading_text, meta, page, pages
from test_permalinks import DESKTOP, IN_VIEW, _serve, _settles_in_view

MESSAGES = {
    theme["id"]: theme["message"]
    for theme in yaml.safe_load((ROOT / "data/taxonomy.yml").read_text(encoding="utf-8"))["themes"]
}
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
GUIDE = "posts/evaluations-are-noisy/"
PHONE = {"width": 375, "height": 740}


def test_theme_pages_offer_a_kind_message_with_their_link_as_plain_text(site: Path) -> None:
    for theme, message in MESSAGES.items():
        soup = page(site, f"themes/{theme}/")
        shown = soup.select_one(".ns-send .ns-send__message")
        assert shown is not None, theme
        assert shown.get_text() == f"{message}: {SITE_URL}themes/{theme}/"
        button = soup.select_one(".ns-send button")
        assert button.get("type") == "button" and button.has_attr("hidden"), theme


def test_every_page_previews_with_the_static_card(site: Path) -> None:
    card = site / "assets/images/social-card.png"
    width, height = struct.unpack(">II", card.read_bytes()[16:24])
    assert (width, height) == (1200, 630)
    assert card.stat().st_size < 150_000
    checked = 0
    for url, soup in pages(site):
        if url == "404.html":
            continue
        assert meta(soup, "og:image") == f"{SITE_URL}assets/images/social-card.png", url
        assert meta(soup, "og:image:alt"), url
        assert meta(soup, "twitter:card") == "summary_large_image", url
        checked += 1
    assert checked >= 10


def test_short_links_preview_like_their_target(site: Path) -> None:
    short = page(site, "rejected/")
    target = page(site, "themes/applications/")
    for key in ("og:title", "og:description", "og:image"):
        assert meta(short, key) == meta(target, key), key
    assert meta(short, "og:url") == f"{SITE_URL}themes/applications/"
    assert short.find("a", href="../themes/applications/"), "no link for readers without JavaScript"


@pytest.mark.browser
def test_send_this_to_someone_copies_the_message(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page_ = context.new_page()
    page_.goto(base_url + "themes/applications/")
    message = f"{MESSAGES['applications']}: {SITE_URL}themes/applications/"
    assert page_.locator(".ns-send__message").inner_text() == message
    page_.get_by_role("button", name="Copy message").click()
    page_.locator("[role=status]", has_text="Message copied").wait_for()
    assert page_.evaluate("navigator.clipboard.readText()") == message
    width = page_.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the message makes the page scroll sideways"
    context.close()


@pytest.mark.browser
def test_without_javascript_the_message_is_selectable_text(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page_ = context.new_page()
    page_.goto(base_url + "themes/self-assessment/")
    assert page_.locator(".ns-send__message").is_visible()
    assert MESSAGES["self-assessment"] in page_.locator(".ns-send__message").inner_text()
    assert not page_.locator(".ns-send button").is_visible(), "a button that cannot work is shown"
    context.close()


@pytest.mark.browser
def test_with_instant_navigation_sections_open_below_the_header(tree: Path, tab) -> None:
    with _serve(tree / "out") as base:
        # Material navigates instantly only to URLs under site_url, as `mkdocs serve` arranges.
        config = tree / "mkdocs.yml"
        text = config.read_text(encoding="utf-8").replace(
            "  features:\n", "  features:\n    - navigation.instant\n"
        )
        config.write_text(re.sub(r"^site_url: .*$", f"site_url: {base}", text, flags=re.M))
        result = build(tree, tree / "out")
        assert result.returncode == 0, result.stderr
        page_ = tab(DESKTOP)
        page_.goto(base + "themes/applications/")
        page_.evaluate("window.sameDocument = true")
        link = page_.locator(".md-content a[href*='evaluations-are-noisy/#']").first
        anchor = link.get_attribute("href").split("#")[1]
        link.click()
        page_.wait_for_url(f"**/posts/evaluations-are-noisy/#{anchor}")
        wait_for(
            page_, "(id) => document.getElementById(id)?.querySelector('.ns-copy-link')", anchor
        )
        assert page_.evaluate("window.sameDocument === true"), "instant navigation was off"
        assert _settles_in_view(page_, anchor), page_.evaluate(IN_VIEW, anchor)
        assert page_.locator(".ns-toast").count() == 1


# A share address for every section: /posts/<slug>/<id>/ previews as that section.


def _gists(slug: str) -> dict[str, str]:
    text = (ROOT / "docs/posts" / f"{slug}.md").read_text(encoding="utf-8")
    return {k: v["gist"] for k, v in yaml.safe_load(text.split("---\n", 2)[1])["sections"].items()}


def test_every_section_has_a_share_address_that_previews_as_that_section(site: Path) -> None:
    sources = yaml.safe_load((ROOT / "data/sources.yml").read_text(encoding="utf-8"))["sources"]
    checked = 0
    for slug, source in sources.items():
        guide = page(site, f"posts/{slug}/")
        gists = _gists(slug)
        description = meta(guide, "description")
        section_gist = ""
        for heading in guide.select("article h2[id], article h3[id]"):
            ident = heading["id"]
            if ident.startswith("related-"):
                continue  # generated, not a section of the post
            if heading.name == "h2":
                section_gist = gists[ident]  # every ## is described
            gist = gists.get(ident, section_gist)  # a ### without its own gist: its section's
            share = page(site, f"posts/{slug}/{ident}/")
            title = meta(share, "og:title")
            assert title.startswith(heading_text(heading)) and title.endswith(source["title"]), (
                title
            )
            assert meta(share, "twitter:title") == title
            assert meta(share, "og:description") == " ".join(gist.split()), ident
            assert meta(share, "og:description") != description
            assert meta(share, "og:url") == f"{SITE_URL}posts/{slug}/{ident}/"
            assert meta(share, "og:image") == f"{SITE_URL}assets/images/social-card.png"
            assert share.find("link", rel="canonical")["href"] == f"{SITE_URL}posts/{slug}/#{ident}"
            refresh = share.find("meta", attrs={"http-equiv": "refresh"})
            assert refresh["content"] == f"0; url=../#{ident}"
            assert share.find("a", href=f"../#{ident}"), "no visible link for readers"
            checked += 1
    assert checked >= 40


def test_a_section_sent_alone_says_whose_post_it_is(site: Path) -> None:
    soup = page(site, "posts/evaluations-are-noisy/")
    line = soup.select_one("article h2#in-one-minute").find_next_sibling()
    assert "ns-chips" in line["class"]
    assert line.get_text().startswith("From Lawrence Chan's post")


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_share_address_lands_on_its_section_below_the_header(
    browser, base_url, javascript: bool
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    tab = context.new_page()
    anchor = "in-one-minute"
    tab.goto(f"{base_url}{GUIDE}{anchor}/")
    tab.wait_for_url(re.compile(rf"/{GUIDE}#{anchor}$"))
    assert _settles_in_view(tab, anchor), "the section is not in view below the header"
    context.close()


def test_a_renamed_sections_share_address_still_leads_to_it(tree: Path) -> None:
    from test_permalinks import NEW, OLD, OLD_LINK, _add_rule, _rename_heading

    _rename_heading(tree)
    _add_rule(tree, "renamed_anchors", OLD_LINK, f"posts/evaluations-are-noisy/#{NEW}")
    out = tree / "out"
    result = build(tree, out)
    assert result.returncode == 0, result.stdout + result.stderr
    old = page(out, f"{GUIDE}{OLD}/")
    assert old.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url=../#{NEW}"
    assert meta(old, "og:title").startswith(heading_text(page(out, GUIDE).find(id=NEW)))


def test_every_lesson_has_a_share_address_that_previews_as_that_lesson(site: Path) -> None:
    lessons = yaml.safe_load((ROOT / "data/lessons.yml").read_text(encoding="utf-8"))["lessons"]
    for lesson in lessons:
        share = page(site, f"lessons/{lesson['id']}/")
        assert meta(share, "og:title").startswith(lesson["title"]), lesson["id"]
        text, shown = " ".join(lesson["text"].split()), meta(share, "og:description")
        assert shown == text or (shown.endswith("…") and text.startswith(shown[:-1].rstrip()))
        assert meta(share, "og:url") == f"{SITE_URL}lessons/{lesson['id']}/"
        canonical = share.find("link", rel="canonical")["href"]
        assert canonical == f"{SITE_URL}lessons/#{lesson['id']}"
        assert share.find("a", href=f"../#{lesson['id']}")
