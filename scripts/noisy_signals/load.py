"""Loads and validates everything under data/ and docs/posts/, collecting every problem at once."""

from __future__ import annotations

from pathlib import Path

from . import schema, testimonials
from .guide_pages import load_guide
from .lessons import FILE as LESSONS_FILE
from .lessons import load_lessons, page_failed
from .model import ReadingStep, Site, Source, Theme
from .problems import DataError, Problem, did_you_mean
from .yamlfile import YamlDoc, YamlProblem, load_yaml

REQUIRED_THEMES = ("applications", "first-impressions", "job-performance", "self-assessment")
"""Theme ids are part of published URLs (/themes/<id>/) and may never go away."""


def load_checked(root: Path, rel: str, schema_name: str, problems: list[Problem]) -> YamlDoc | None:
    """Read data file `rel` and check it against its schema; None (problems recorded) if it fails."""
    try:
        doc = load_yaml(root / rel, rel)
    except FileNotFoundError:
        problems.append(Problem(rel, None, "(file)", "file is missing", "restore it from git"))
        return None
    except YamlProblem as err:
        problems.append(err.problem)
        return None
    found = schema.check(doc, schema_name, rel)
    problems.extend(found)
    return None if found else doc


def _themes(doc: YamlDoc, rel: str, problems: list[Problem]) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for i, t in enumerate(doc.data["themes"]):
        if t["id"] in themes:
            problems.append(
                Problem(
                    rel,
                    doc.line(("themes", i, "id")),
                    f"themes.{i}.id",
                    f"theme id '{t['id']}' is defined twice",
                    "keep one",
                )
            )
        path = tuple(ReadingStep(s["ref"], s["why"].strip()) for s in t.get("reading_path", []))
        themes[t["id"]] = Theme(
            t["id"],
            t["title"],
            t["situation"],
            t["question"],
            t["intro"].strip(),
            tuple(t["keywords"]),
            path,
        )
    for required in REQUIRED_THEMES:
        if required not in themes:
            near = did_you_mean(required, set(themes) - set(REQUIRED_THEMES))
            problems.append(
                Problem(
                    rel,
                    doc.line(("themes",)),
                    "themes",
                    f"theme '{required}' is missing (its URL is published)",
                    f"restore `- id: {required}` ({near})",
                )
            )
    return themes


def _check_reading_paths(
    root: Path, site: Site, doc: YamlDoc, rel: str, problems: list[Problem]
) -> None:
    refs = {s.ref for s in site.sections()}
    for i, t in enumerate(doc.data["themes"]):
        for j, step in enumerate(t.get("reading_path", [])):
            if step["ref"] not in refs and not page_failed(root, site, step["ref"]):
                problems.append(
                    Problem(
                        rel,
                        doc.line(("themes", i, "reading_path", j, "ref")),
                        f"themes.{i}.reading_path.{j}.ref",
                        f"'{step['ref']}' is not a described guide section",
                        did_you_mean(step["ref"], refs),
                    )
                )


def load_site(root: Path) -> Site:
    """Load data/ and docs/posts/ under `root`; raise DataError listing every problem found."""
    problems: list[Problem] = []
    tax = load_checked(root, "data/taxonomy.yml", "taxonomy", problems)
    src = load_checked(root, "data/sources.yml", "sources", problems)
    themes = _themes(tax, "data/taxonomy.yml", problems) if tax else {}
    sources = {
        key: Source(
            key,
            s["title"],
            tuple(s["authors"]),
            s["published"],
            s["venue"],
            s["url"],
            s["licence"].strip(),
            s["summary"].strip(),
            s.get("published_note", ""),
        )
        for key, s in (src.data["sources"].items() if src else [])
    }
    site = Site(themes, sources)
    if tax is None or src is None:
        raise DataError(problems)
    for path in sorted((root / "docs" / "posts").glob("*.md")):
        rel = path.relative_to(root).as_posix()
        if path.stem not in sources:
            problems.append(
                Problem(
                    rel,
                    None,
                    "(file name)",
                    f"no source '{path.stem}' in data/sources.yml",
                    f"name the page after a source: {did_you_mean(path.stem, sources)}",
                )
            )
            continue
        page, found = load_guide(path, rel, set(themes), set(sources))
        problems.extend(found)
        if page:
            site.guides[page.slug] = page
    _check_reading_paths(root, site, tax, "data/taxonomy.yml", problems)
    site.testimonials, found = testimonials.load_all(root, themes, site.guides)
    problems.extend(found)
    lessons = load_checked(root, LESSONS_FILE, "lessons", problems)
    if lessons:
        missing = set(REQUIRED_THEMES) - set(themes)  # reported once, against the taxonomy
        site.lessons = load_lessons(root, site, lessons, problems, missing)
    if problems:
        raise DataError(problems)
    return site
