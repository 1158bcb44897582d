"""Loads data/lessons.yml: short, cited lessons, each resting on sections of the guide pages.

A lesson is only as good as the sections it cites, so every citation is checked against the
headings the guide pages actually have, with the nearest existing ids when one is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from .model import Lesson, Site
from .problems import Problem, did_you_mean
from .yamlfile import YamlDoc

FILE = "data/lessons.yml"

WHEN = {
    "right-after": "Right after a setback",
    "next-months": "Over the next months",
}
"""The digest's groups, in page order: `when:` in data/lessons.yml names one of these keys."""

SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def ref_hint(ref: str, site: Site) -> str:
    """Nearest existing ids for a bad posts/<slug>#<id> reference: the page first, then the heading."""
    slug, _, ident = ref.removeprefix("posts/").partition("#")
    page = site.guides.get(slug)
    if page is None:
        return f"no guide page '{slug}': {did_you_mean(slug, site.guides)}"
    ids = [h.id for h in page.headings if h.id]
    return f"no heading '#{ident}' on posts/{slug}: {did_you_mean(ident, ids)}"


def page_failed(root: Path, site: Site, ref: str) -> bool:
    """True when the cited page exists but failed to load: its own problems are reported already."""
    slug = ref.removeprefix("posts/").partition("#")[0]
    return slug not in site.guides and (root / "docs" / "posts" / f"{slug}.md").is_file()


def load_lessons(
    root: Path,
    site: Site,
    doc: YamlDoc,
    problems: list[Problem],
    missing_themes: Collection[str] = (),
) -> list[Lesson]:
    """Lessons from a schema-valid data/lessons.yml, checked against the themes and the guide pages.

    Themes in `missing_themes` are already reported against the taxonomy; repeating that for every
    lesson would bury the one line that matters.
    """
    headings = {f"posts/{g.slug}#{h.id}" for g in site.guides.values() for h in g.headings if h.id}
    lessons: list[Lesson] = []
    seen: dict[str, int | None] = {}
    for i, entry in enumerate(doc.data["lessons"]):
        where = ("lessons", i)
        found: list[Problem] = []
        ident = entry["id"]
        if ident in seen:
            found.append(
                Problem(
                    FILE,
                    doc.line((*where, "id")),
                    f"lessons.{i}.id",
                    f"lesson id '{ident}' is used twice (first on line {seen[ident]})",
                    "give each lesson its own id: it is the lesson's link",
                )
            )
        elif ident in WHEN:
            found.append(
                Problem(
                    FILE,
                    doc.line((*where, "id")),
                    f"lessons.{i}.id",
                    f"'{ident}' is the id of a group heading on the lessons page",
                    "choose an id that describes the lesson",
                )
            )
        seen.setdefault(ident, doc.line((*where, "id")))
        sentences = len(SENTENCE_END.findall(entry["text"].strip()))
        if sentences > 3:
            found.append(
                Problem(
                    FILE,
                    doc.line((*where, "text")),
                    f"lessons.{i}.text",
                    f"{sentences} sentences; a lesson has one to three",
                    "shorten it, and leave the detail to the sections it cites",
                )
            )
        for j, theme in enumerate(entry["themes"]):
            if theme not in site.themes and theme not in missing_themes:
                found.append(
                    Problem(
                        FILE,
                        doc.line((*where, "themes", j)),
                        f"lessons.{i}.themes",
                        f"unknown theme '{theme}'",
                        did_you_mean(theme, site.themes),
                    )
                )
        for j, ref in enumerate(entry["rests_on"]):
            if ref not in headings and not page_failed(root, site, ref):
                found.append(
                    Problem(
                        FILE,
                        doc.line((*where, "rests_on", j)),
                        f"lessons.{i}.rests_on",
                        f"'{ref}' is not a heading of a guide page",
                        ref_hint(ref, site),
                    )
                )
        for j, story in enumerate(entry.get("testimonials", [])):
            failed = (root / "data/testimonials" / f"{story}.yml").is_file()  # reported there
            if story not in site.testimonials and not failed:
                found.append(
                    Problem(
                        FILE,
                        doc.line((*where, "testimonials", j)),
                        f"lessons.{i}.testimonials",
                        f"no testimonial '{story}' in data/testimonials/",
                        did_you_mean(story, site.testimonials),
                    )
                )
        problems.extend(found)
        if not found:
            lessons.append(
                Lesson(
                    ident,
                    entry["title"].strip(),
                    " ".join(entry["text"].split()),
                    entry["when"],
                    tuple(entry["themes"]),
                    tuple(entry["rests_on"]),
                    tuple(entry.get("testimonials", [])),
                )
            )
    return lessons
