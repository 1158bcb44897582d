"""The lessons digest at /lessons/: every lesson linkable, cited, counted, printable; bad data caught."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from conftest import ROOT, build
from data_edits import edit, line_of, validate
from site_html import heading_text, page

LESSONS = yaml.safe_load((ROOT / "data/lessons.yml").read_text(encoding="utf-8"))["lessons"]
URL = "lessons/"


def resolve(href: str) -> tuple[str, str]:
    parsed = urlparse(urljoin(f"http://x/{URL}", href))
    return parsed.path.lstrip("/"), parsed.fragment


def lesson_block(soup, ident: str) -> list:
    """The elements between a lesson's heading and the next heading."""
    heading = soup.find(id=ident)
    out = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        out.append(sibling)
    return out


def test_there_are_at_least_15_lessons_with_short_titles() -> None:
    assert len(LESSONS) >= 15
    assert len({lesson["id"] for lesson in LESSONS}) == len(LESSONS)
    for lesson in LESSONS:
        assert len(lesson["title"]) <= 70
        sentences = re.findall(r"[.!?](?:\s|$)", " ".join(lesson["text"].split()))
        assert 1 <= len(sentences) <= 3, lesson["id"]
        assert lesson["rests_on"], lesson["id"]


def test_every_lesson_has_its_own_heading_under_its_group(site: Path) -> None:
    soup = page(site, URL)
    headings = soup.select("article h3[id]")
    assert [h["id"] for h in headings] == [
        lesson["id"]
        for group in ("right-after", "next-months")
        for lesson in LESSONS
        if lesson["when"] == group
    ]
    for lesson in LESSONS:
        heading = soup.find(id=lesson["id"])
        assert heading_text(heading) == lesson["title"]
        group = heading.find_previous("h2")
        assert group["id"] == lesson["when"]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["id"])
def test_citations_resolve_to_headings_and_posts_are_counted(site: Path, lesson: dict) -> None:
    soup = page(site, URL)
    block = lesson_block(soup, lesson["id"])
    text = " ".join(" ".join(el.get_text() for el in block).split())
    assert " ".join(lesson["text"].split()) in text
    cited = []
    for link in (
        a for el in block for a in el.find_all("a") if "ns-chip" not in a.get("class", [])
    ):
        target, fragment = resolve(link["href"])
        if target.startswith("posts/"):
            assert page(site, target).find(id=fragment) is not None, link["href"]
            cited.append(f"{target.removesuffix('/')}#{fragment}")
    assert sorted(cited) == sorted(lesson["rests_on"])
    posts = {ref.split("#")[0] for ref in lesson["rests_on"]}
    noun = "post" if len(posts) == 1 else "posts"
    assert f"Supported by {len(posts)} {noun}" in text
    stories = [resolve(a["href"]) for el in block for a in el.select(".ns-stories a")]
    assert stories == [(f"testimonials/{i}/", "") for i in lesson.get("testimonials", [])]
    for target, _ in stories:
        assert (site / target / "index.html").is_file()


def test_lessons_page_is_in_the_navigation(site: Path) -> None:
    soup = page(site, "")
    assert any(a.get("href") == "lessons/" for a in soup.select("nav.md-nav a"))


@pytest.mark.browser
def test_lessons_print_without_navigation_and_with_link_targets(tab, hosted_url) -> None:
    page = tab({"width": 900, "height": 1000})
    page.goto(hosted_url + URL)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".headerlink"):
        shown = page.eval_on_selector_all(
            selector, "els => els.filter(e => getComputedStyle(e).display !== 'none').length"
        )
        assert shown == 0, f"{selector} is printed"
    first = LESSONS[0]["rests_on"][0]
    slug, _, ident = first.removeprefix("posts/").partition("#")
    after = page.eval_on_selector(
        f'article a[href$="posts/{slug}/#{ident}"]', "a => getComputedStyle(a, '::after').content"
    )
    assert f"/posts/{slug}/#{ident}" in after and "https://" in after, after


# Bad input: a lesson citing a section that does not exist, or an unknown testimonial.


def test_citing_a_missing_section_names_file_line_and_nearest_id(
    tree: Path, tmp_path: Path
) -> None:
    lessons = tree / "data/lessons.yml"
    edit(
        lessons,
        "      - posts/evaluations-are-noisy#pitch-not-idea\n",
        "      - posts/evaluations-are-noisy#pitch-not-the-idea\n",
    )
    line = line_of(lessons, "#pitch-not-the-idea")
    result = validate(tree)
    assert result.returncode == 1
    (problem,) = [p for p in result.stdout.splitlines() if p.startswith("data/lessons.yml")]
    assert problem.startswith(f"data/lessons.yml:{line}: lessons.")
    assert "'posts/evaluations-are-noisy#pitch-not-the-idea'" in problem
    assert "did you mean 'pitch-not-idea'" in problem
    built = build(tree, tmp_path / "out")
    assert built.returncode != 0 and problem in built.stdout + built.stderr


def test_citing_a_missing_post_suggests_the_post(tree: Path) -> None:
    lessons = tree / "data/lessons.yml"
    edit(
        lessons,
        "      - posts/what-mentors-value#research-communication\n",
        "      - posts/what-mentor-values#research-communication\n",
    )
    line = line_of(lessons, "posts/what-mentor-values#")
    result = validate(tree)
    assert f"data/lessons.yml:{line}:" in result.stdout
    assert "did you mean 'what-mentors-value'" in result.stdout


def test_unknown_testimonial_is_named_with_the_nearest_id(tree: Path) -> None:
    lessons = tree / "data/lessons.yml"
    edit(lessons, "    testimonials: [beth-barnes]\n", "    testimonials: [beth-barns]\n")
    line = line_of(lessons, "[beth-barns]")
    result = validate(tree)
    assert result.returncode == 1
    assert f"data/lessons.yml:{line}: lessons." in result.stdout
    assert "no testimonial 'beth-barns'" in result.stdout and "'beth-barnes'" in result.stdout


def test_too_few_lessons_and_a_fourth_sentence_are_refused(tree: Path) -> None:
    lessons = tree / "data/lessons.yml"
    text = lessons.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("    text:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("      "))
    four = "    text: One short sentence. Two. Three. And a fourth.\n"
    lessons.write_text("".join(lines[:start] + [four] + lines[end:]), encoding="utf-8")
    result = validate(tree)
    assert re.search(r"\d sentences; a lesson has one to three", result.stdout), result.stdout
    head, *_ = text.split("\n  - id: do-not-supply-the-reason")
    lessons.write_text(head + "\n", encoding="utf-8")
    result = validate(tree)
    assert result.returncode == 1
    line = line_of(lessons, "lessons:")
    assert f"data/lessons.yml:{line}: lessons: " in result.stdout, result.stdout
    assert "at least 15 lessons" in result.stdout
