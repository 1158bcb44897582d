"""The four guide pages as a reader gets them: linkable headings, theme chips, credit to the original."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from site_html import heading_text, page

SLUGS = [
    "evaluations-are-noisy",
    "what-mentors-value",
    "reflections-on-my-first-year",
    "so-you-want-to-work-on-technical-ai-safety",
]


def source_ids(slug: str) -> dict[str, int]:
    """Heading id -> level, read from the hand-written Markdown (not from our parser)."""
    text = (ROOT / "docs/posts" / f"{slug}.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    ids = {}
    for hashes, ident in re.findall(r"^(#{2,3}) .*\{\s*#([\w-]+)\s*\}\s*$", body, re.M):
        ids[ident] = len(hashes)
    return ids


def front_matter(slug: str) -> dict:
    text = (ROOT / "docs/posts" / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.mark.parametrize("slug", SLUGS)
def test_every_heading_has_the_explicit_id_from_the_markdown(site: Path, slug: str) -> None:
    soup = page(site, f"posts/{slug}/")
    built = {h["id"]: int(h.name[1]) for h in soup.select("article h2[id], article h3[id]")}
    headings = soup.select("article h2, article h3")
    assert len(built) == len(headings), "a heading has no id"
    wanted = source_ids(slug)
    assert built.keys() >= wanted.keys()
    assert all(built[i] == wanted[i] for i in wanted), slug
    # Ids MkDocs would invent from a title ("_1", "section-2") mean a heading lost its explicit id.
    assert not [i for i in built if re.fullmatch(r"_\d+|.*_\d+", i)], sorted(built)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_h2_links_at_least_one_theme_page(site: Path, slug: str) -> None:
    soup = page(site, f"posts/{slug}/")
    ids = source_ids(slug)
    for h2 in soup.select("article h2[id]"):
        if h2["id"] not in ids:
            continue  # generated sections such as "Related in the other posts"
        chips = h2.find_next_sibling()
        links = [a["href"] for a in chips.select("a.ns-chip")] if chips else []
        assert links, f"{slug}#{h2['id']} ({heading_text(h2)}) links no theme"
        assert all(re.fullmatch(r"\.\./\.\./themes/[a-z-]+/", href) for href in links), links


@pytest.mark.parametrize("slug", SLUGS)
def test_page_credits_the_author_and_links_the_original(site: Path, slug: str) -> None:
    sources = yaml.safe_load((ROOT / "data/sources.yml").read_text())["sources"]
    source = sources[front_matter(slug)["source"]]
    soup = page(site, f"posts/{slug}/")
    header = soup.select_one("article .ns-source")
    assert header is not None
    text = header.get_text(" ")
    assert all(author in text for author in source["authors"])
    assert header.find("a", href=source["url"])
    assert re.search(r"\d+ min read", text)
    assert heading_text(soup.h1) == source["title"]


@pytest.mark.parametrize("slug", SLUGS)
def test_sections_map_and_headings_agree(slug: str) -> None:
    described = front_matter(slug)["sections"]
    ids = source_ids(slug)
    assert set(described) <= set(ids), set(described) - set(ids)
    assert {i for i, level in ids.items() if level == 2} <= set(described)
    for entry in described.values():
        assert entry["themes"] and entry["gist"].strip()


@pytest.mark.parametrize("slug", SLUGS)
def test_quotations_are_short_attributed_and_a_small_share(site: Path, slug: str) -> None:
    soup = page(site, f"posts/{slug}/")
    article = soup.select_one("article")
    quotes = article.select("blockquote")
    assert quotes, "a guide page quotes its post at least once"
    quoted = 0
    for quote in quotes:
        paragraphs = [p.get_text(" ", strip=True) for p in quote.find_all("p")]
        assert re.match(r"^[—–-]\s*\S", paragraphs[-1]), f"unattributed quote: {paragraphs}"
        words = sum(len(p.split()) for p in paragraphs[:-1])
        assert words <= 60, paragraphs
        quoted += words
    assert quoted / len(article.get_text(" ").split()) <= 0.20


@pytest.mark.parametrize("slug", SLUGS)
def test_in_one_minute_is_at_most_120_words(site: Path, slug: str) -> None:
    soup = page(site, f"posts/{slug}/")
    h2 = soup.select_one("h2#in-one-minute")
    words = 0
    for sibling in h2.find_next_siblings():
        if sibling.name == "h2":
            break
        if "ns-chips" in (sibling.get("class") or []):
            continue
        words += len(sibling.get_text(" ").split())
    assert 20 <= words <= 120, words


def test_every_quotation_on_the_site_is_verbatim_from_the_sources(site: Path) -> None:
    """The shared checker, run on the built site: quotes verbatim, short, a small share of a page."""
    checker = ROOT.parent / "shared/tools/check_quotes.py"
    if not checker.is_file():
        pytest.skip("the source texts are not beside this checkout")
    result = subprocess.run(
        [sys.executable, str(checker), str(site)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith(": ok")
