"""Printing: the guide pages and the lessons digest, printed to PDF by Chromium and read back, hold
their text without the menus and with their links' addresses. (That no page prints its navigation
is checked on each page's visit in test_quality_pages.py, with these selectors.)
"""

from __future__ import annotations

import re

import pypdfium2
import pytest

pytestmark = pytest.mark.browser

SCREEN_ONLY = (
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".md-skip",
    ".md-top",
    ".md-footer",
)
SHOWN = """(selectors) => selectors.flatMap((s) => [...document.querySelectorAll(s)]
    .filter((e) => e.checkVisibility({visibilityProperty: true}))
    .map(() => s))"""


def printed_pages(paths: list[str]) -> list[str]:
    """The pages readers print: the guide pages and the lessons digest."""
    return [p for p in paths if p.startswith("posts/") or re.match(r"lessons?/", p)]


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, page after page, as PDFium (the PDF reader built into Chromium) reads it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def squash(text: str) -> str:
    """Text without whitespace: PDF extraction breaks lines and words where the printer did."""
    return re.sub(r"\s+", "", text)


@pytest.mark.slow
def test_guide_pages_and_lessons_print_as_plain_documents(browser, hosted_url, page_paths) -> None:
    printed = printed_pages(page_paths)
    assert len([p for p in printed if p.startswith("posts/")]) >= 4, printed
    context = browser.new_context()
    page = context.new_page()
    page.emulate_media(media="print")
    problems = []
    for path in printed:
        page.goto(hosted_url + path)
        title = page.locator("article h1").first.evaluate("h => h.firstChild.textContent")
        article = squash(page.locator("article").inner_text())
        menu = page.evaluate(
            "[...document.querySelectorAll('.md-nav__link, .md-skip')].map(a => a.textContent)"
        )
        menu_only = {m.strip() for m in menu if squash(m) and squash(m) not in article}
        targets = page.evaluate(
            "[...document.querySelectorAll('article a[href^=\"http\"]')]"
            ".filter(a => a.checkVisibility()).map(a => a.href)"
        )
        text = squash(pdf_text(page.pdf()))
        if squash(title) not in text:
            problems.append(f"{path}: the title {title!r} is not in the PDF")
        if len(menu_only) < 3:
            problems.append(f"{path}: too few menu entries to tell whether menus print")
        if printed_menu := sorted(m for m in menu_only if squash(m) in text):
            problems.append(f"{path}: menu entries on paper: {printed_menu[:5]}")
        if missing := [t for t in targets if squash(t) not in text]:
            problems.append(f"{path}: link addresses not on paper: {missing[:3]}")
    context.close()
    assert not problems, "\n".join(problems)
