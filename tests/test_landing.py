"""The home page: entry cards per situation, the posts in reading order with reading times, links out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build
from site_html import page

TAXONOMY = yaml.safe_load((ROOT / "data/taxonomy.yml").read_text(encoding="utf-8"))["themes"]
SOURCES = yaml.safe_load((ROOT / "data/sources.yml").read_text(encoding="utf-8"))["sources"]


def minutes(root: Path, slug: str) -> int:
    """Reading time of a guide page at 200 words a minute, counted from its Markdown body."""
    text = (root / "docs/posts" / f"{slug}.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    return max(1, round(len(body.split()) / 200))


def test_one_entry_card_per_situation_leads_to_its_theme_page(site: Path) -> None:
    soup = page(site, "")
    heading = soup.find(id="where-to-start")
    assert heading.get_text().startswith("What just happened?")
    cards = heading.find_next("div", class_="grid").select("ul > li")
    assert "cards" in heading.find_next("div", class_="grid")["class"]
    assert len(cards) == len(TAXONOMY)
    for card, theme in zip(cards, TAXONOMY, strict=True):
        link = card.find("a")
        assert link["href"] == f"themes/{theme['id']}/"
        assert link.get_text(strip=True) == theme["situation"]
        assert theme["title"] in card.get_text()
        assert (site / "themes" / theme["id"] / "index.html").is_file()


def test_the_four_posts_in_reading_order_with_line_and_reading_time(site: Path) -> None:
    soup = page(site, "")
    items = soup.find(id="the-four-posts").find_next("ol").find_all("li", recursive=False)
    assert [li.a["href"] for li in items] == [f"posts/{slug}/" for slug in SOURCES]
    for li, (slug, source) in zip(items, SOURCES.items(), strict=True):
        text = " ".join(li.get_text().split())
        assert li.a.get_text() == source["title"]
        assert f"about {minutes(ROOT, slug)} min read" in text, text
        assert source["summary"] in text


def test_reading_times_come_from_the_build_not_the_page(tree: Path, tmp_path: Path) -> None:
    assert not re.search(r"\d+ min", (ROOT / "docs/index.md").read_text(encoding="utf-8"))
    slug = next(iter(SOURCES))
    guide = tree / "docs/posts" / f"{slug}.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n" + "word " * 2000 + "\n")
    before, after = minutes(ROOT, slug), minutes(tree, slug)
    assert after == before + 10
    result = build(tree, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    text = " ".join(page(tmp_path / "out", "").get_text().split())
    assert f"about {after} min read" in text


def test_home_links_lessons_testimonials_and_explains_sending_a_section(site: Path) -> None:
    soup = page(site, "")
    hrefs = {a["href"] for a in soup.select("article a[href]")}
    assert {"lessons/", "testimonials/"} <= hrefs
    assert (site / "lessons/index.html").is_file() and (site / "testimonials/index.html").is_file()
    send = soup.find(id="send-a-section").find_next("p").get_text()
    assert "¶" in send and "heading" in send


@pytest.mark.browser
@pytest.mark.parametrize(("width", "columns"), [(375, 1), (1280, 2)])
def test_cards_form_a_grid_that_fits_a_phone(tab, base_url, width, columns) -> None:
    page = tab({"width": width, "height": 900})
    page.goto(base_url)
    boxes = [c.bounding_box() for c in page.locator(".grid.cards > ul > li").all()]
    assert len(boxes) == len(TAXONOMY)
    assert len({round(b["x"]) for b in boxes}) == columns
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= width for b in boxes)
    page.locator(".grid.cards a").first.click()
    assert page.url.endswith(f"themes/{TAXONOMY[0]['id']}/")
