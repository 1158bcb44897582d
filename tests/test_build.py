"""The strictly built site, parsed: every page is titled, described, previewable and self-contained."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlparse

from conftest import ROOT, build
from noisy_signals.load import load_site
from site_html import heading_text, loaded_urls, meta, page, pages


def test_every_page_has_title_description_and_link_preview_tags(site: Path) -> None:
    checked = 0
    for url, soup in pages(site):
        if url == "404.html":
            continue
        title = soup.title.string.strip() if soup.title and soup.title.string else ""
        assert title, f"{url}: no <title>"
        description = meta(soup, "description")
        assert description and len(description) <= 300, f"{url}: description {description!r}"
        for key in ("og:title", "og:description", "og:url", "og:site_name", "twitter:card"):
            assert meta(soup, key), f"{url}: no {key}"
        assert meta(soup, "og:description") == description
        assert meta(soup, "og:url").startswith("https://"), url
        assert soup.find("link", rel="canonical"), f"{url}: no canonical link"
        checked += 1
    assert checked >= 10


def test_nothing_is_loaded_from_another_site(site: Path) -> None:
    for url, soup in pages(site):
        for src in loaded_urls(soup):
            assert not urlparse(src).netloc, f"{url} loads {src}"
            assert not src.startswith("//"), f"{url} loads {src}"
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, css


def test_every_theme_and_guide_page_is_built_from_data(site: Path) -> None:
    data = load_site(ROOT)
    for theme in data.themes.values():
        soup = page(site, f"themes/{theme.id}/")
        assert heading_text(soup.h1) == theme.title
        assert theme.question in soup.get_text()
    for slug, guide in data.guides.items():
        soup = page(site, f"posts/{slug}/")
        source = data.sources[guide.source]
        assert any(a.get("href") == source.url for a in soup.find_all("a")), slug


def test_glossary_acronyms_get_tooltips(site: Path) -> None:
    soup = page(site, "posts/evaluations-are-noisy/")
    titles = {abbr.get_text(): abbr.get("title") for abbr in soup.find_all("abbr")}
    assert "MATS" in titles or "SERI" in titles, sorted(titles)
    assert all(titles.values())


def _digest(directory: Path) -> dict[str, str]:
    return {
        p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_same_tree_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = build(ROOT, again)
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = _digest(site), _digest(again)
    assert first.keys() == second.keys()
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, differ
