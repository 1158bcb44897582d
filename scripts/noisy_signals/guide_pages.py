"""Reads docs/posts/<slug>.md: front matter, headings with their explicit ids, and word count."""

from __future__ import annotations

import re
from pathlib import Path

from . import schema
from .model import GuidePage, Heading, Section
from .problems import Problem, did_you_mean
from .yamlfile import YamlProblem, parse_yaml, read_text

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
ATTR_ID = re.compile(r"#([^\s}]+)")
READABLE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter YAML, body, line number where the body starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text, 1
    return match.group(1), text[match.end() :], match.group(0).count("\n") + 1


def scan_headings(body: str, first_line: int) -> tuple[str | None, list[Heading]]:
    """The page's H1 title and its `##`/`###` headings, skipping fenced code."""
    title, headings, in_fence = None, [], False
    for offset, line in enumerate(body.splitlines()):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING.match(line)
        if not match:
            continue
        level = len(match.group(1))
        ident = ATTR_ID.search(match.group(3) or "")
        if level == 1 and title is None:
            title = match.group(2)
        elif level in (2, 3):
            headings.append(
                Heading(
                    level, match.group(2), ident.group(1) if ident else None, first_line + offset
                )
            )
    return title, headings


def load_guide(
    path: Path, file: str, themes: set[str], sources: set[str]
) -> tuple[GuidePage | None, list[Problem]]:
    """Load one guide page and check it against the content model, both ways."""
    try:
        text = read_text(path, file, max_bytes=512 * 1024)
    except YamlProblem as err:
        return None, [err.problem]
    fm_text, body, body_line = split_front_matter(text)
    if not fm_text:
        return None, [
            Problem(
                file,
                1,
                "front matter",
                "missing",
                "start the page with --- source:, description:, sections: ---",
            )
        ]
    try:
        doc = parse_yaml(fm_text, file, line_offset=1)
    except YamlProblem as err:
        return None, [err.problem]
    problems = schema.check(doc, "guide-page", file)
    if problems:
        return None, problems
    fm = doc.data
    slug = path.stem
    if fm["source"] not in sources:
        problems.append(
            Problem(
                file,
                doc.line(("source",)),
                "source",
                f"unknown source '{fm['source']}'",
                f"use a key of data/sources.yml: {did_you_mean(fm['source'], sources)}",
            )
        )
    title, headings = scan_headings(body, body_line)
    if title is None:
        problems.append(
            Problem(
                file,
                body_line,
                "title",
                "the page has no `# Title` heading",
                "add one H1 with the post's title",
            )
        )
    seen: dict[str, int] = {}
    for h in headings:
        if h.id is None:
            problems.append(
                Problem(
                    file,
                    h.line,
                    "heading",
                    f"'{h.title}' has no explicit id",
                    f"write it as `{'#' * h.level} {h.title} {{ #{_suggest_id(h.title)} }}`",
                )
            )
            continue
        if not READABLE_ID.match(h.id):
            problems.append(
                Problem(
                    file,
                    h.line,
                    "heading",
                    f"id '{h.id}' is not lowercase words joined by hyphens",
                    f"use e.g. {{ #{_suggest_id(h.title)} }}",
                )
            )
        if h.id in seen:
            problems.append(
                Problem(
                    file,
                    h.line,
                    "heading",
                    f"id '{h.id}' is used twice (first on line {seen[h.id]})",
                    "give each heading its own id",
                )
            )
        seen.setdefault(h.id, h.line)
    by_id = {h.id: h for h in headings if h.id}
    described = fm["sections"]
    for h in headings:
        if h.level == 2 and h.id and h.id not in described:
            problems.append(
                Problem(
                    file,
                    h.line,
                    f"sections.{h.id}",
                    "this ## heading has no entry in the front matter",
                    f"add `{h.id}: {{themes: [...], gist: ...}}` under sections:",
                )
            )
    sections = []
    for sid, entry in described.items():
        line = doc.line(("sections", sid))
        heading = by_id.get(sid)
        if heading is None:
            problems.append(
                Problem(
                    file,
                    line,
                    f"sections.{sid}",
                    "no heading on the page has this id",
                    did_you_mean(sid, by_id),
                )
            )
        for i, theme in enumerate(entry["themes"]):
            if theme not in themes:
                problems.append(
                    Problem(
                        file,
                        doc.line(("sections", sid, "themes", i)),
                        f"sections.{sid}.themes",
                        f"unknown theme '{theme}'",
                        did_you_mean(theme, themes),
                    )
                )
        if heading:
            sections.append(
                Section(
                    slug,
                    sid,
                    _plain(heading.title),
                    heading.level,
                    tuple(entry["themes"]),
                    entry["gist"].strip(),
                )
            )
    order = {h.id: i for i, h in enumerate(headings)}
    sections.sort(key=lambda s: order[s.id])
    if problems:
        return None, problems
    return GuidePage(
        slug,
        file,
        _plain(title or slug),
        fm["description"],
        fm["source"],
        tuple(headings),
        tuple(sections),
        len(body.split()),
    ), []


def _plain(title: str) -> str:
    """A heading's text without Markdown emphasis or code marks, for listings."""
    return re.sub(r"[*_`]", "", title).strip()


def _suggest_id(title: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", title.lower())[:6]) or "section"
