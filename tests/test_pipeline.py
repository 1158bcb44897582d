"""The pipeline as a maintainer meets it: generate -> engine -> finish, for MkDocs and Zensical alike.

Both engines must publish the same pages with the same heading ids; a new theme or post needs its
data and nothing else; a build leaves the working tree as git had it; `make serve` shows an edit to
the generator on the next reload.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build
from data_edits import edit
from site_html import heading_text, page, pages

GENERATED = ["docs/themes/", "docs/lessons.md", "docs/testimonials/", "mkdocs.generated.yml"]


def ids_by_page(site: Path) -> dict[str, set[str]]:
    """Every built page (redirect stubs aside) with the ids of its article's headings."""
    out = {}
    for url, soup in pages(site):
        if soup.find("meta", attrs={"name": "generator", "content": "noisy-signals redirect"}):
            continue
        article = soup.find("article")
        headings = article.find_all(re.compile("^h[1-6]$")) if article else []
        out[url] = {h["id"] for h in headings if h.get("id")}
    return out


def test_both_engines_publish_the_same_pages_and_heading_ids(
    site: Path, zensical_site: Path
) -> None:
    mkdocs, zensical = ids_by_page(site), ids_by_page(zensical_site)
    pages_only_one = sorted(set(mkdocs) ^ set(zensical))
    assert not pages_only_one, pages_only_one
    differ = {url: mkdocs[url] ^ zensical[url] for url in mkdocs if mkdocs[url] != zensical[url]}
    assert not differ, differ
    assert len(mkdocs) > 100


def test_zensical_build_carries_the_generated_parts(zensical_site: Path) -> None:
    soup = page(zensical_site, "posts/evaluations-are-noisy/")
    assert soup.select_one("article .ns-source a.ns-original")
    assert soup.select("article .ns-chips a.ns-chip")
    assert soup.find(id="related-in-other-posts")
    assert page(zensical_site, "testimonials/beth-barnes/").select_one("article h1")
    assert (zensical_site / "rejected/index.html").is_file()


def test_generated_pages_offer_no_edit_link_and_written_pages_do(site: Path) -> None:
    for url in ("themes/applications/", "lessons/", "testimonials/", "testimonials/beth-barnes/"):
        assert not page(site, url).select("a[rel=edit]"), url
    edit_link = page(site, "posts/evaluations-are-noisy/").select_one("a[rel=edit]")
    assert edit_link["href"].endswith("docs/posts/evaluations-are-noisy.md")


def test_a_build_leaves_git_status_clean(site: Path) -> None:
    """The session's build wrote every generated file into the tree: git must ignore them all."""
    status = subprocess.run(
        [
            "git",
            "status",
            "--porcelain",
            "--untracked-files=all",
            *GENERATED,
            "docs/includes",
            "docs/assets",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert status.returncode == 0, status.stderr
    assert (ROOT / "mkdocs.generated.yml").is_file()
    assert status.stdout == "", f"generated files git would see:\n{status.stdout}"


NEW_THEME = """\
  - id: feedback
    title: Feedback on your work
    situation: My draft was torn apart
    question: My draft was torn apart. Does that mean I cannot do research?
    message: I thought this might help after the feedback on your draft
    intro: >-
      A short test theme added by the test suite.
    keywords: [feedback, torn apart]
"""


def test_a_fifth_theme_is_one_entry_in_the_taxonomy(tree: Path) -> None:
    (tree / "data/taxonomy.yml").write_text(
        (tree / "data/taxonomy.yml").read_text(encoding="utf-8") + NEW_THEME, encoding="utf-8"
    )
    guide = tree / "docs/posts/evaluations-are-noisy.md"
    edit(guide, "themes: [self-assessment", "themes: [feedback, self-assessment")
    out = tree / "out"
    result = build(tree, out)
    assert result.returncode == 0, result.stdout + result.stderr
    theme = page(out, "themes/feedback/")
    assert heading_text(theme.h1) == "Feedback on your work"
    assert "I thought this might help after the feedback on your draft" in theme.get_text()
    assert theme.select('a[href^="../../posts/evaluations-are-noisy/#"]')
    home = page(out, "")
    assert home.select_one('.grid.cards a[href="themes/feedback/"]')
    assert home.select_one('nav.md-nav a[href="themes/feedback/"]'), "not in the navigation"


def test_a_fifth_post_is_its_page_and_its_source_entry(tree: Path) -> None:
    sources = tree / "data/sources.yml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + """
  a-fifth-post:
    title: A fifth post
    authors: [Test Author]
    published: "2025"
    venue: the test suite
    url: https://example.org/a-fifth-post
    licence: No open licence found.
    summary: A post added by the test suite.
""",
        encoding="utf-8",
    )
    (tree / "docs/posts/a-fifth-post.md").write_text(
        """---
source: a-fifth-post
description: A guide page added by the test suite.
sections:
  the-point:
    themes: [applications]
    gist: The one point of this test post.
---

# A fifth post

--8<-- "a-fifth-post.md:header"

## The point { #the-point }

--8<-- "a-fifth-post.md:the-point"

One short section in our words.

--8<-- "a-fifth-post.md:related"
""",
        encoding="utf-8",
    )
    out = tree / "out"
    result = build(tree, out)
    assert result.returncode == 0, result.stdout + result.stderr
    post = page(out, "posts/a-fifth-post/")
    assert post.select_one(".ns-source a.ns-original")["href"] == "https://example.org/a-fifth-post"
    assert (out / "posts/a-fifth-post/the-point/index.html").is_file(), "no share address"
    home = page(out, "")
    assert home.select_one('nav.md-nav a[href="posts/a-fifth-post/"]'), "not in the navigation"
    order = home.find(id="the-four-posts").find_next("ol").find_all("a")
    assert order[-1]["href"] == "posts/a-fifth-post/"
    applications = page(out, "themes/applications/")
    assert applications.find(id="a-fifth-post"), "its sections are not listed on the theme page"


def test_a_missing_include_line_is_reported_with_the_line_to_add(tree: Path) -> None:
    guide = tree / "docs/posts/what-mentors-value.md"
    edit(guide, '--8<-- "what-mentors-value.md:in-one-minute"\n', "")
    result = build(tree, tree / "out")
    assert result.returncode == 1
    assert re.search(
        r'docs/posts/what-mentors-value.md:\d+: includes: `--8<-- "what-mentors-value.md:in-one-minute"` is missing',
        result.stdout,
    ), result.stdout
    assert not (tree / "out").exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, what: str, limit: float = 90.0) -> None:
    """Poll until `predicate()` holds; the limit only ends a hung server, it measures nothing."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gave up waiting: {what}")


def test_serve_shows_an_edit_to_the_generator_on_the_next_rebuild(tree: Path) -> None:
    port = _free_port()
    path = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"].split(
        "/", 3
    )[3]
    url = f"http://127.0.0.1:{port}/{path}themes/applications/"
    env = {**os.environ, "PYTHONPATH": str(tree / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--livereload",
        ],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: "Send this to someone" in _fetch(url), "the first build")
        assert (tree / "docs/themes/applications.md").is_file(), "serve did not generate"
        edit(
            tree / "scripts/noisy_signals/pages.py",
            "People who went through this kind of evaluation",
            "Others who went through this kind of evaluation",
        )
        _wait_for(lambda: "Others who went through" in _fetch(url), "the edit to scripts/ to show")
    finally:
        server.terminate()
        server.wait(timeout=30)
