"""Loads and validates everything under data/ and docs/posts/ in one pass, collecting every problem.

One bad file never hides another: each file is read and checked on its own, and whatever could be
loaded is still cross-checked (a lesson citing a missing heading is reported even while a testimonial
is broken), so `make validate` lists every problem of every file in one run.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path

from . import testimonials
from .guides import load_guide
from .model import WHEN, Lesson, Links, ReadingStep, SectionRef, Site, Source, Theme
from .problems import DataError, Problem, Report, did_you_mean
from .yamlfile import YamlDoc, check_schema, guarded, load_yaml

TAXONOMY, SOURCES, LESSONS = "data/taxonomy.yml", "data/sources.yml", "data/lessons.yml"
REGISTRY, REDIRECTS = "data/permalinks.yml", "data/redirects.yml"
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def load_checked(root: Path, rel: str, schema_name: str, problems: list[Problem]) -> YamlDoc | None:
    """Read data file `rel` and check it against its schema; None (problems recorded) if it fails."""
    if not (root / rel).is_file():
        problems.append(Problem(rel, None, "(file)", "file is missing", "restore it from git"))
        return None
    doc, found = guarded(rel, load_yaml, root / rel, rel)
    if doc is not None:
        checked, crashed = guarded(rel, check_schema, doc, schema_name, rel, default=[])
        found = checked + crashed
    problems.extend(found)
    return None if found else doc


def _themes(doc: YamlDoc, report: Report) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for i, t in enumerate(doc.data["themes"]):
        if t["id"] in themes:
            report.at(("themes", i, "id"), f"theme id '{t['id']}' is defined twice", "keep one")
        themes[t["id"]] = Theme(
            t["id"],
            t["title"],
            t["situation"],
            t["question"],
            t["intro"].strip(),
            tuple(t["keywords"]),
            t["message"],
            (),
            t.get("explainer", False),
        )
    return themes


def _sources(doc: YamlDoc) -> dict[str, Source]:
    return {
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
            s.get("licence_url", ""),
        )
        for key, s in doc.data["sources"].items()
    }


def _ref(
    site: Site, root: Path, text: str, report: Report, path: tuple, what: str
) -> SectionRef | None:
    """The section `text` names, or None with a problem (unless its page failed on its own)."""
    ref = SectionRef.parse(text)
    if ref and site.heading_title(ref) is not None:
        return ref
    if ref and ref.slug not in site.guides and (root / "docs" / ref.doc).is_file():
        return None  # the page itself failed to load: its problems are reported already
    if ref is None:
        hint = "write it as posts/<slug>#<heading-id>"
    elif ref.slug not in site.guides:
        hint = f"no guide page '{ref.slug}': {did_you_mean(ref.slug, site.guides)}"
    else:
        ids = [h.id for h in site.guides[ref.slug].headings if h.id]
        hint = f"no heading '#{ref.id}' on posts/{ref.slug}: {did_you_mean(ref.id, ids)}"
        if close := difflib.get_close_matches(ref.id, ids, n=1):
            hint += f" Write it as '{SectionRef(ref.slug, close[0])}'"
    report.at(path, f"'{text}' is not {what}", hint)
    return None


def _reading_paths(root: Path, site: Site, doc: YamlDoc, report: Report) -> None:
    described = {s.ref for s in site.sections()}
    for i, t in enumerate(doc.data["themes"]):
        steps = []
        for j, step in enumerate(t.get("reading_path", [])):
            where = ("themes", i, "reading_path", j, "ref")
            ref = _ref(site, root, step["ref"], report, where, "a described guide section")
            if ref and ref not in described:
                report.at(
                    where,
                    f"'{step['ref']}' is not a described guide section",
                    f"describe it under sections: in docs/{ref.doc}",
                )
            elif ref:
                steps.append(ReadingStep(ref, step["why"].strip()))
        theme = site.themes.get(t["id"])
        if theme:
            site.themes[t["id"]] = replace(theme, reading_path=tuple(steps))


def _lessons(
    root: Path, site: Site, doc: YamlDoc, report: Report, themes: set[str] | None
) -> list[Lesson]:
    """Lessons from a schema-valid data/lessons.yml, checked against the themes and the guides."""
    lessons: list[Lesson] = []
    seen: dict[str, int | None] = {}
    for i, entry in enumerate(doc.data["lessons"]):
        before = len(report.problems)
        ident = entry["id"]
        if ident in seen:
            report.at(
                ("lessons", i, "id"),
                f"lesson id '{ident}' is used twice (first on line {seen[ident]})",
                "give each lesson its own id: it is the lesson's link",
            )
        elif ident in WHEN:
            report.at(
                ("lessons", i, "id"),
                f"'{ident}' is the id of a group heading on the lessons page",
                "choose an id that describes the lesson",
            )
        seen.setdefault(ident, doc.line(("lessons", i, "id")))
        sentences = len(SENTENCE_END.findall(entry["text"].strip()))
        if sentences > 3:
            report.at(
                ("lessons", i, "text"),
                f"{sentences} sentences; a lesson has one to three",
                "shorten it, and leave the detail to the sections it cites",
            )
        for j, theme in enumerate(entry["themes"]):
            if themes is not None and theme not in themes:
                report.at(
                    ("lessons", i, "themes", j),
                    f"unknown theme '{theme}'",
                    did_you_mean(theme, site.themes),
                    field=f"lessons.{i}.themes",
                )
        refs = [
            _ref(
                site, root, text, report, ("lessons", i, "rests_on", j), "a heading of a guide page"
            )
            for j, text in enumerate(entry["rests_on"])
        ]
        for j, story in enumerate(entry.get("testimonials", [])):
            failed = (root / testimonials.DIR / f"{story}.yml").is_file()  # reported there
            if story not in site.testimonials and not failed:
                report.at(
                    ("lessons", i, "testimonials", j),
                    f"no testimonial '{story}' in data/testimonials/",
                    did_you_mean(story, site.testimonials),
                    field=f"lessons.{i}.testimonials",
                )
        if len(report.problems) == before and all(refs):
            lessons.append(
                Lesson(
                    ident,
                    entry["title"].strip(),
                    " ".join(entry["text"].split()),
                    entry["when"],
                    tuple(entry["themes"]),
                    tuple(r for r in refs if r),
                    tuple(entry.get("testimonials", [])),
                )
            )
    return lessons


def _links(registry: YamlDoc, rules: YamlDoc) -> tuple[Links, list[Problem]]:
    """The registry and the redirects, with the rules that cannot work whatever the build holds."""
    data = rules.data
    links = Links(
        {link: registry.line((i,)) or 0 for i, link in enumerate(registry.data)},
        dict(data["moved_pages"]),
        dict(data["renamed_anchors"]),
        dict(data["short_links"]),
        {
            (kind, old): rules.line((kind, old))
            for kind in ("moved_pages", "renamed_anchors", "short_links")
            for old in data[kind]
        },
    )
    report = Report(REDIRECTS, rules)
    for kind in ("moved_pages", "renamed_anchors", "short_links"):
        for old, new in data[kind].items():
            if old == new:
                report.at((kind, old), "the rule points at itself", "remove it")
            elif new.partition("#")[0] in links.moved_pages or new in links.renamed_anchors:
                report.at(
                    (kind, old),
                    f"'{new}' is itself redirected",
                    f"point it at '{links.resolve(new)}'",
                )
    for short in links.short_links:
        if short in links.moved_pages:
            report.at(
                ("short_links", short),
                "the same path is also under moved_pages",
                "keep one of the two rules",
            )
    return links, report.problems


def _published_themes(links: Links | None) -> set[str]:
    """Theme ids whose page is a published link: they may never disappear from the taxonomy."""
    found = (re.fullmatch(r"themes/([a-z0-9-]+)/", link) for link in (links.links if links else ()))
    return {match.group(1) for match in found if match}


def load_site(root: Path) -> Site:
    """Load data/ and docs/posts/ under `root`; raise DataError listing every problem found."""
    problems: list[Problem] = []
    registry = load_checked(root, REGISTRY, "permalinks", problems)
    rules = load_checked(root, REDIRECTS, "redirects", problems)
    links = None
    if registry and rules:
        (links, found), crashed = guarded(REDIRECTS, _links, registry, rules, default=(None, []))
        problems.extend(found + crashed)
    tax = load_checked(root, TAXONOMY, "taxonomy", problems)
    src = load_checked(root, SOURCES, "sources", problems)
    taxonomy = Report(TAXONOMY, tax)
    site = Site(_themes(tax, taxonomy) if tax else {}, _sources(src) if src else {}, links=links)
    published = _published_themes(links)
    for missing in sorted(published - set(site.themes)) if tax else ():
        taxonomy.at(
            ("themes",),
            f"theme '{missing}' is missing: its page themes/{missing}/ is a published link",
            f"restore `- id: {missing}` ({did_you_mean(missing, set(site.themes) - published)})",
        )
    # Ids that other files may name: a missing published theme is reported once, above.
    themes = set(site.themes) | published if tax else None
    for path in sorted((root / "docs" / "posts").glob("*.md")):
        rel = path.relative_to(root).as_posix()
        if src and path.stem not in site.sources:
            problems.append(
                Problem(
                    rel,
                    None,
                    "(file name)",
                    f"no source '{path.stem}' in {SOURCES}",
                    f"name the page after a source: {did_you_mean(path.stem, site.sources)}",
                )
            )
            continue
        (page, found), crashed = guarded(
            rel,
            load_guide,
            path,
            rel,
            themes,
            set(site.sources) if src else None,
            default=(None, []),
        )
        problems.extend(found + crashed)
        if page:
            site.guides[page.slug] = page
    if tax:
        problems.extend(guarded(TAXONOMY, _reading_paths, root, site, tax, taxonomy)[1])
    site.testimonials, found = testimonials.load_all(
        root, themes if themes is not None else published, site.guides
    )
    problems.extend(found)
    lessons = load_checked(root, LESSONS, "lessons", problems)
    if lessons:
        report = Report(LESSONS, lessons)
        site.lessons, crashed = guarded(
            LESSONS, _lessons, root, site, lessons, report, themes, default=[]
        )
        problems.extend(crashed)
        problems.extend(report.problems)
    problems.extend(taxonomy.problems)
    if problems:
        raise DataError(problems)
    return site
