"""Loads data/testimonials/<id>.yml: one contributor's file each, every problem in every file reported.

A contributor's whole job is one small YAML file, so every mistake must come back as
FILE:LINE: field: problem; fix: how, and one bad file must never hide the problems in another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import schema
from .model import GuidePage, SectionRef, Testimonial
from .problems import Problem, did_you_mean
from .safe_text import problems_in
from .yamlfile import YamlDoc, YamlProblem, date_problem, excerpt, guarded, load_yaml

DIR = "data/testimonials"
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/testimonial.schema.json"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
RESERVED = {"page"}
"""Ids that would collide with the listing's own URLs (/testimonials/page/<n>/)."""
TEXT_FIELDS = ("who", "role", "what_happened_next", "lesson", "quote")
"""Fields holding contributor text that ends up on the site (setbacks and consent are added below)."""


def _suggest_name(name: str) -> str:
    """A valid file name close to the one given: `Ada Story.yaml` -> `ada-story`."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return "-".join(re.findall(r"[a-z0-9]+", stem.lower())) or "your-testimonial"


def _name_problem(path: Path, rel: str) -> Problem | None:
    """The file name is the id and the page's address, so it must be a readable slug."""
    if path.suffix == ".yml" and ID.match(path.stem) and path.stem not in RESERVED:
        return None
    if path.suffix == ".yml" and path.stem in RESERVED:
        return Problem(
            rel,
            None,
            "(file name)",
            f"'{path.stem}' is reserved: /testimonials/{path.stem}/ is used by the listing's own "
            "pages, so no testimonial can have that id",
            f"rename it to {path.stem}-story.yml, or better, a few words about the story",
        )
    suggestion = _suggest_name(path.name)
    return Problem(
        rel,
        None,
        "(file name)",
        f"'{excerpt(path.name)}' is not a testimonial file name (lowercase letters, digits and "
        "hyphens, ending in .yml; the name is the testimonial's id and URL)",
        f"rename it to {suggestion}{'-story' if suggestion in RESERVED else ''}.yml",
    )


def _date_problem(doc: YamlDoc, rel: str) -> Problem | None:
    """`shared_on` written in quotes gets past YAML's own date reading; check it names a real day."""
    shared_on = doc.data.get("shared_on")
    why = date_problem(shared_on) if isinstance(shared_on, str) else None
    if why is None:
        return None
    return Problem(
        rel,
        doc.line(("shared_on",)),
        "shared_on",
        f"'{shared_on}' is not a real date: {why}",
        "write a date that exists, as YYYY-MM-DD",
    )


def _text_problems(doc: YamlDoc, rel: str) -> list[Problem]:
    """Markup in any text that reaches the page, located at the line of the offending value."""
    data = doc.data
    setbacks = data.get("setbacks")
    fields: list[tuple[str | int, ...]] = [(f,) for f in TEXT_FIELDS]
    fields += [("setbacks", i) for i in range(len(setbacks) if isinstance(setbacks, list) else 0)]
    fields.append(("consent", "statement"))
    found = []
    for path in fields:
        value: Any = data
        for key in path:
            if isinstance(value, dict):
                value = value.get(key)
            elif isinstance(value, list) and isinstance(key, int) and key < len(value):
                value = value[key]
            else:
                value = None
        if not isinstance(value, str):
            continue
        for message, fix in problems_in(value):
            found.append(Problem(rel, doc.line(path), ".".join(map(str, path)), message, fix))
    return found


def guide_headings(guides: dict[str, GuidePage]) -> dict[str, str]:
    """Every linkable guide heading as posts/<slug>#<id>, with its title."""
    return {f"posts/{g.slug}#{h.id}": h.title for g in guides.values() for h in g.headings if h.id}


def _guide_slug(ref: str) -> str:
    return ref.removeprefix("posts/").split("#")[0]


def check(
    doc: YamlDoc,
    rel: str,
    themes: Iterable[str],
    headings: dict[str, str],
    first_line: str,
    unchecked: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every problem in one parsed testimonial beyond the file name and the YAML syntax.

    `unchecked` names guide pages that exist but failed to load: their own problems are reported,
    and a link into them is not reported again as a missing heading.
    """
    found = schema.check(doc, "testimonial", rel)
    data = doc.data
    if not isinstance(data, dict):
        return found
    themes = set(themes)
    listed = data.get("themes")
    for i, theme in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(theme, str) and theme not in themes:
            found.append(
                Problem(
                    rel,
                    doc.line(("themes", i)),
                    "themes",
                    f"unknown theme '{excerpt(theme)}'",
                    did_you_mean(theme, themes),
                )
            )
    bad_date = _date_problem(doc, rel)
    if bad_date:
        found.append(bad_date)
    consent = data.get("consent")
    if isinstance(consent, dict) and len(consent) != 1:
        found.append(
            Problem(
                rel,
                doc.line(("consent",)),
                "consent",
                "give exactly one of public_url or statement"
                + (" (both given)" if consent else ""),
                "`public_url: https://...` where the person published it, or "
                "`statement: I am ... and agree to its publication on Noisy Signals.`",
            )
        )
    if "quote" in data and "source" not in data:
        found.append(
            Problem(
                rel,
                doc.line(("quote",)),
                "quote",
                "a quote needs the source it is copied from",
                "add `source: https://...`, or move the text into what_happened_next",
            )
        )
    ref = data.get("guide_section")
    if isinstance(ref, str) and ref not in headings and _guide_slug(ref) not in unchecked:
        found.append(
            Problem(
                rel,
                doc.line(("guide_section",)),
                "guide_section",
                f"'{excerpt(ref)}' is not a heading of a guide page",
                did_you_mean(ref, headings),
            )
        )
    found += _text_problems(doc, rel)
    if first_line.strip() != SCHEMA_LINE:
        found.append(
            Problem(
                rel,
                1,
                "(file)",
                "the first line is not the schema reference",
                f"make line 1 `{SCHEMA_LINE}` so editors can check the fields",
            )
        )
    return found


def load_one(
    path: Path,
    rel: str,
    themes: Iterable[str],
    headings: dict[str, str],
    unchecked: frozenset[str] = frozenset(),
) -> tuple[Testimonial | None, list[Problem]]:
    """Load and check one file; (testimonial, []) when it is good, (None, problems) otherwise."""
    bad_name = _name_problem(path, rel)
    try:
        doc = load_yaml(path, rel)
    except YamlProblem as err:
        return None, [p for p in (bad_name, err.problem) if p]
    with path.open(encoding="utf-8-sig") as fh:
        first_line = fh.readline()
    found = check(doc, rel, themes, headings, first_line, unchecked)
    if bad_name:
        found.insert(0, bad_name)
    if found:
        return None, found
    d = doc.data
    return Testimonial(
        path.stem,
        rel,
        d["who"].strip(),
        d["role"].strip(),
        tuple(d["themes"]),
        tuple(s.strip() for s in d["setbacks"]),
        d["what_happened_next"].strip(),
        d.get("lesson", "").strip(),
        d.get("quote", "").strip(),
        d.get("source", ""),
        SectionRef.parse(d.get("guide_section", "")),
        d.get("shared_on", ""),
    ), []


def load_all(
    root: Path, themes: Iterable[str], guides: dict[str, GuidePage]
) -> tuple[dict[str, Testimonial], list[Problem]]:
    """Every testimonial under data/testimonials/, and every problem in any of them."""
    folder = root / DIR
    themes = set(themes)
    headings = guide_headings(guides)
    unchecked = frozenset(p.stem for p in (root / "docs" / "posts").glob("*.md")) - set(guides)
    loaded: dict[str, Testimonial] = {}
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith(".") or path.is_dir():
            continue
        rel = path.relative_to(root).as_posix()
        (testimonial, found), crashed = guarded(
            rel, load_one, path, rel, themes, headings, unchecked, default=(None, [])
        )
        problems += found + crashed
        if testimonial:
            loaded[testimonial.id] = testimonial
    return loaded, problems
