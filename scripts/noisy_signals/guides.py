"""Reads docs/posts/<slug>.md: front matter, headings with their explicit ids, includes, word count.

A guide page is hand-written prose. What the data adds to it (the source header under the title,
the themes of each section, "Related in the other posts") is generated into
docs/includes/generated/<slug>.md and pulled in by explicit snippet lines, so every engine that
reads our mkdocs.yml renders the same page: `--8<-- "<slug>.md:header"` after the title,
`--8<-- "<slug>.md:<id>"` under each described heading, `--8<-- "<slug>.md:related"` at the end.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import GuidePage, Heading, Section
from .problems import Problem, Report, did_you_mean
from .yamlfile import YamlProblem, check_schema, parse_yaml, read_text

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
ATTR_ID = re.compile(r"#([^\s}]+)")
READABLE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FENCE = re.compile(r"^\s*(```|~~~)")
INCLUDE = re.compile(r'^--8<-- "([^"]+)"\s*$')
HEADER, RELATED = "header", "related"
"""Snippet sections of a page's generated file that are not headings (reserved as heading ids)."""


def part(slug: str, name: str) -> str:
    """The snippet target of one generated part of a guide page: `<slug>.md:<name>`."""
    return f"{slug}.md:{name}"


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter YAML, body, line number where the body starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text, 1
    return match.group(1), text[match.end() :], match.group(0).count("\n") + 1


def scan(body: str, first_line: int) -> tuple[Heading | None, list[Heading], dict[int, str]]:
    """The page's H1, its `##`/`###` headings, and its include lines by line number; skips code."""
    title, headings, includes, in_fence = None, [], {}, False
    for offset, line in enumerate(body.splitlines()):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if found := INCLUDE.match(line):
            includes[first_line + offset] = found.group(1)
            continue
        match = HEADING.match(line)
        if not match:
            continue
        level = len(match.group(1))
        ident = ATTR_ID.search(match.group(3) or "")
        heading = Heading(
            level, match.group(2), ident.group(1) if ident else None, first_line + offset
        )
        if level == 1 and title is None:
            title = heading
        elif level in (2, 3):
            headings.append(heading)
    return title, headings, includes


def _next_include(includes: dict[int, str], after: int, body_lines: list[str], first: int) -> str:
    """The include on the first non-blank line after line `after`, or ''."""
    for number in range(after + 1, first + len(body_lines)):
        if body_lines[number - first].strip():
            return includes.get(number, "")
    return ""


def _check_headings(report: Report, headings: list[Heading]) -> None:
    seen: dict[str, int] = {}
    for h in headings:
        if h.id is None:
            fix = f"write it as `{'#' * h.level} {h.title} {{ #{_suggest_id(h.title)} }}`"
            report.at((), f"'{h.title}' has no explicit id", fix, line=h.line, field="heading")
            continue
        if h.id in (HEADER, RELATED):
            report.at(
                (),
                f"id '{h.id}' is reserved for the page's generated parts",
                f"use e.g. {{ #{h.id}-{_suggest_id(h.title)} }}",
                line=h.line,
                field="heading",
            )
        elif not READABLE_ID.match(h.id):
            report.at(
                (),
                f"id '{h.id}' is not lowercase words joined by hyphens",
                f"use e.g. {{ #{_suggest_id(h.title)} }}",
                line=h.line,
                field="heading",
            )
        if h.id in seen:
            report.at(
                (),
                f"id '{h.id}' is used twice (first on line {seen[h.id]})",
                "give each heading its own id",
                line=h.line,
                field="heading",
            )
        seen.setdefault(h.id, h.line)


def _check_includes(
    report: Report,
    slug: str,
    body: str,
    first: int,
    title: Heading | None,
    headings: list[Heading],
    includes: dict[int, str],
    described: set[str],
) -> None:
    """Each generated part is pulled in once, where it belongs, and nothing else is."""
    lines = body.splitlines()
    wanted = {part(slug, HEADER): title.line if title else first}
    wanted |= {part(slug, h.id): h.line for h in headings if h.id in described}
    for target, after in wanted.items():
        if _next_include(includes, after, lines, first) != target:
            report.at(
                (),
                f'`--8<-- "{target}"` is missing on the line after line {after}',
                f'add the line `--8<-- "{target}"` (with a blank line around it) there',
                line=after,
                field="includes",
            )
    related = part(slug, RELATED)
    known = set(wanted) | {related}
    for number, target in includes.items():
        if target not in known:
            report.at(
                (),
                f'`--8<-- "{target}"` names no generated part of this page',
                f"remove the line, or {did_you_mean(target, known)}",
                line=number,
                field="includes",
            )
    if related not in includes.values():
        report.at(
            (),
            f'`--8<-- "{related}"` is missing at the end of the page',
            f'end the page with the line `--8<-- "{related}"`',
            line=first + len(lines),
            field="includes",
        )


def load_guide(
    path: Path, file: str, themes: set[str] | None, sources: set[str] | None
) -> tuple[GuidePage | None, list[Problem]]:
    """Load one guide page and check it against the content model, both ways.

    `themes` or `sources` is None when that data file failed to load: it is reported on its own,
    and checking against it would only bury that one line under a problem per section.
    """
    try:
        text = read_text(path, file, max_bytes=512 * 1024)
    except YamlProblem as err:
        return None, [err.problem]
    fm_text, body, body_line = split_front_matter(text)
    report = Report(file)
    if not fm_text:
        report.at(
            (),
            "missing",
            "start the page with --- source:, description:, sections: ---",
            line=1,
            field="front matter",
        )
        return None, report.problems
    try:
        doc = parse_yaml(fm_text, file, line_offset=1)
    except YamlProblem as err:
        return None, [err.problem]
    problems = check_schema(doc, "guide-page", file)
    if problems:
        return None, problems
    report.doc = doc
    fm = doc.data
    slug = path.stem
    if sources is not None and fm["source"] not in sources:
        report.at(
            ("source",),
            f"unknown source '{fm['source']}'",
            f"use a key of data/sources.yml: {did_you_mean(fm['source'], sources)}",
        )
    title, headings, includes = scan(body, body_line)
    if title is None:
        report.at(
            (),
            "the page has no `# Title` heading",
            "add one H1 with the post's title",
            line=body_line,
            field="title",
        )
    _check_headings(report, headings)
    by_id = {h.id: h for h in headings if h.id}
    described = fm["sections"]
    for h in headings:
        if h.level == 2 and h.id and h.id not in described:
            report.at(
                (),
                "this ## heading has no entry in the front matter",
                f"add `{h.id}: {{themes: [...], gist: ...}}` under sections:",
                line=h.line,
                field=f"sections.{h.id}",
            )
    sections = []
    for sid, entry in described.items():
        heading = by_id.get(sid)
        if heading is None:
            report.at(
                ("sections", sid), "no heading on the page has this id", did_you_mean(sid, by_id)
            )
        for i, theme in enumerate(entry["themes"]):
            if themes is not None and theme not in themes:
                report.at(
                    ("sections", sid, "themes", i),
                    f"unknown theme '{theme}'",
                    did_you_mean(theme, themes),
                    field=f"sections.{sid}.themes",
                )
        if heading:
            sections.append(
                Section(
                    slug,
                    sid,
                    plain_title(heading.title),
                    heading.level,
                    tuple(entry["themes"]),
                    entry["gist"].strip(),
                )
            )
    _check_includes(
        report, slug, body, body_line, title, headings, includes, set(by_id) & set(described)
    )
    order = {h.id: i for i, h in enumerate(headings)}
    sections.sort(key=lambda s: order[s.id])
    if report.problems:
        return None, report.problems
    return GuidePage(
        slug,
        file,
        plain_title(title.title if title else slug),
        fm["description"],
        fm["source"],
        tuple(headings),
        tuple(sections),
        len(body.split()),
    ), []


def plain_title(title: str) -> str:
    """A heading's text without Markdown emphasis or code marks, for listings."""
    return re.sub(r"[*_`]", "", title).strip()


def _suggest_id(title: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", title.lower())[:6]) or "section"
