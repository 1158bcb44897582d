"""Theme pages and guide-page cross-links, checked against the data they are generated from.

Expectations come from the YAML and the guide pages' front matter, read here with PyYAML, not from
the generator; bad references must fail `make validate` and the build with FILE:LINE and a hint.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from conftest import ROOT, build
from data_edits import edit, line_of, validate
from site_html import heading_text, page

TAXONOMY = yaml.safe_load((ROOT / "data/taxonomy.yml").read_text(encoding="utf-8"))["themes"]
SOURCES = yaml.safe_load((ROOT / "data/sources.yml").read_text(encoding="utf-8"))["sources"]


def sections(slug: str) -> dict[str, dict]:
    """The `sections:` map of a guide page's front matter."""
    text = (ROOT / "docs/posts" / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])["sections"]


def resolve(site: Path, from_url: str, href: str) -> tuple[str, str]:
    """(site-relative page URL, fragment) for a relative link on the page at `from_url`."""
    parsed = urlparse(urljoin(f"http://x/{from_url}", href))
    return parsed.path.lstrip("/"), parsed.fragment


def ids_on(site: Path, url: str) -> set[str]:
    return {tag["id"] for tag in page(site, url).find_all(id=True)}


@pytest.mark.parametrize("theme", TAXONOMY, ids=lambda t: t["id"])
def test_every_tagged_section_is_listed_under_its_post(site: Path, theme: dict) -> None:
    url = f"themes/{theme['id']}/"
    soup = page(site, url)
    listed = soup.find(id="all-sections")
    assert listed is not None
    for slug in SOURCES:
        tagged = [sid for sid, s in sections(slug).items() if theme["id"] in s["themes"]]
        group = soup.find(id=slug)
        if not tagged:
            assert group is None
            continue
        links = [resolve(site, url, a["href"]) for a in group.find_next("ul").find_all("a")]
        assert links == [(f"posts/{slug}/", sid) for sid in tagged], slug


@pytest.mark.parametrize("theme", TAXONOMY, ids=lambda t: t["id"])
def test_start_here_follows_the_reading_path_in_order(site: Path, theme: dict) -> None:
    url = f"themes/{theme['id']}/"
    soup = page(site, url)
    path = theme["reading_path"]
    assert 3 <= len(path) <= 6
    items = soup.find(id="start-here").find_next("ol").find_all("li", recursive=False)
    assert len(items) == len(path)
    for item, step in zip(items, path, strict=True):
        target, fragment = resolve(site, url, item.a["href"])
        assert f"{target.removesuffix('/')}#{fragment}" == step["ref"]
        assert fragment in ids_on(site, target), step["ref"]
        assert " ".join(step["why"].split()) in " ".join(item.get_text().split())


@pytest.mark.parametrize("theme", TAXONOMY, ids=lambda t: t["id"])
def test_theme_page_shows_the_readers_words_and_its_lessons(site: Path, theme: dict) -> None:
    url = f"themes/{theme['id']}/"
    soup = page(site, url)
    line = soup.select_one(".ns-keywords").get_text()
    assert all(word in line for word in theme["keywords"]), line
    lessons = yaml.safe_load((ROOT / "data/lessons.yml").read_text(encoding="utf-8"))["lessons"]
    mine = [lesson["id"] for lesson in lessons if theme["id"] in lesson["themes"]]
    items = soup.find(id="lessons").find_next("ul").find_all("a")
    assert [resolve(site, url, a["href"]) for a in items] == [("lessons/", i) for i in mine]


GUIDES = list(SOURCES)


@pytest.mark.parametrize("slug", GUIDES)
def test_related_links_go_to_other_posts_sharing_the_theme(site: Path, slug: str) -> None:
    url = f"posts/{slug}/"
    soup = page(site, url)
    related = soup.find(id="related-in-other-posts")
    assert related is not None and heading_text(related) == "Related in the other posts"
    assert related.find_all_next("h2") == [], "the related links are not at the end of the page"
    mine = {t for s in sections(slug).values() for t in s["themes"]}
    seen: list[str] = []
    groups = related.find_all_next("h3")
    assert [g["id"] for g in groups] == [f"related-{t['id']}" for t in TAXONOMY if t["id"] in mine]
    for group in groups:
        theme = group["id"].removeprefix("related-")
        links = [resolve(site, url, a["href"]) for a in group.find_next("ul").find_all("a")]
        *picked, everything = links
        assert everything == (f"themes/{theme}/", "all-sections")
        assert 1 <= len(picked) <= 3
        for target, fragment in picked:
            other = target.removeprefix("posts/").strip("/")
            assert other != slug
            assert theme in sections(other)[fragment]["themes"], (other, fragment)
            assert fragment in ids_on(site, target)
            seen.append(f"{other}#{fragment}")
        assert len({t.split("/")[1] for t, _ in picked}) == len(picked), "one per other post first"
    assert len(seen) == len(set(seen)), "a section is listed twice"


def test_related_links_and_theme_pages_are_generated_the_same_way_twice() -> None:
    from noisy_signals.generate import outputs
    from noisy_signals.load import load_site

    first, second = outputs(load_site(ROOT), ROOT), outputs(load_site(ROOT), ROOT)
    assert first == second
    assert any(path.startswith("docs/themes/") for path in first)


# Bad input: a reading path pointing nowhere, an unknown theme.


def test_reading_path_pointing_nowhere_fails_validate_and_build(tree: Path, tmp_path: Path) -> None:
    taxonomy = tree / "data/taxonomy.yml"
    good = TAXONOMY[0]["reading_path"][0]["ref"]
    bad = good + "s"
    edit(taxonomy, f"- ref: {good}", f"- ref: {bad}")
    line = line_of(taxonomy, f"- ref: {bad}")
    result = validate(tree)
    assert result.returncode == 1
    expected = f"data/taxonomy.yml:{line}: themes.0.reading_path.0.ref: '{bad}'"
    assert expected in result.stdout, result.stdout
    assert f"'{good}'" in result.stdout  # the nearest existing reference
    built = build(tree, tmp_path / "out")
    assert built.returncode != 0 and expected in built.stdout + built.stderr


def test_unknown_theme_on_a_lesson_fails_validate_and_build(tree: Path, tmp_path: Path) -> None:
    lessons = tree / "data/lessons.yml"
    edit(lessons, "    themes: [first-impressions]\n", "    themes: [first-impresions]\n")
    line = line_of(lessons, "themes: [first-impresions]")
    result = validate(tree)
    assert result.returncode == 1
    lines = [p for p in result.stdout.splitlines() if p.startswith(f"data/lessons.yml:{line}:")]
    assert lines, result.stdout
    assert "unknown theme 'first-impresions'" in lines[0]
    assert "did you mean 'first-impressions'?" in lines[0]
    built = build(tree, tmp_path / "out")
    assert built.returncode != 0 and lines[0] in built.stdout + built.stderr


@pytest.mark.parametrize("theme", TAXONOMY, ids=lambda t: t["id"])
def test_theme_page_puts_the_path_then_stories_then_lessons_before_the_folded_list(
    site: Path, theme: dict
) -> None:
    """At 375 px a theme page is many screens long: what a reader needs first comes first."""
    soup = page(site, f"themes/{theme['id']}/")
    order = [h["id"] for h in soup.select("article h2[id]")]
    wanted = ["start-here", "testimonials", "lessons", "all-sections"]
    assert [i for i in order if i in wanted] == [i for i in wanted if i in order], order
    assert order[-1] == "all-sections", order
    for post in soup.find(id="all-sections").find_all_next("h3"):
        folded = post.find_next_sibling()
        assert folded.name == "details" and not folded.has_attr("open"), post["id"]
        assert folded.select("li a"), post["id"]
