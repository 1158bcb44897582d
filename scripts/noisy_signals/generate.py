"""The generate step: load and validate everything, then write every generated file for the engine.

Generated files are ordinary files at today's addresses, all gitignored: the theme, lessons and
testimonial pages under docs/, the guide and home fragments under docs/includes/generated/, the
section previews under docs/assets/generated/, and mkdocs.generated.yml, the engine's config: it
INHERITs the hand-written mkdocs.yml and adds the navigation (so a new theme or post needs no hand
edit) and the data templates read (`extra.noisy`). A file is rewritten only when its text changes,
so a live-reloading server that watches docs/ settles after one rebuild.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from . import pages
from .load import load_site
from .model import Site

CONFIG = "mkdocs.yml"
GENERATED_CONFIG = "mkdocs.generated.yml"
PARTIAL = ".site.partial"
"""Where a build is made and finished (the engines' site_dir); it replaces site/ only on success."""
PREVIEWS = "assets/generated/previews.json"
OWNED = ("themes", "testimonials", pages.FRAGMENTS, "assets/generated")
"""Folders under docs/ that generate owns entirely: anything there it did not write is removed."""
OWNED_FILES = (pages.LESSONS,)
HAND_WRITTEN_SECTIONS = {"explainers": "Explainers", "about": "About"}
"""Folders of hand-written pages listed at the end of the navigation, each page by its own title."""


def read_config(root: Path) -> dict[str, Any]:
    """The hand-written mkdocs.yml, as plain data (it uses no YAML tags)."""
    return yaml.safe_load((root / CONFIG).read_text(encoding="utf-8"))


def nav(site: Site, root: Path) -> list[Any]:
    """The navigation, from the data: posts in reading order, then every theme, then the rest."""
    out: list[Any] = [
        {"Home": pages.HOME},
        {"The posts": [f"posts/{slug}.md" for slug in site.sources if slug in site.guides]},
        {"Themes": [pages.THEMES, *(t.doc for t in site.themes.values())]},
        {"Lessons": pages.LESSONS},
        {"Testimonials": pages.TESTIMONIALS},
    ]
    for folder, title in HAND_WRITTEN_SECTIONS.items():
        docs = sorted(
            p.relative_to(root / "docs").as_posix() for p in (root / "docs" / folder).glob("*.md")
        )
        if docs:
            out.append({title: docs})
    return out


def previews(site: Site) -> dict[str, Any]:
    """What the hover previews and the search's typo help read: each section, each theme."""
    sections = {
        s.ref.url: {
            "title": s.title,
            "gist": s.gist,
            "post": site.sources[s.page].title,
            "author": site.sources[s.page].credit,
        }
        for s in site.sections()
    }
    themes = [
        {"id": t.id, "title": t.title, "url": pages.url_of(t.doc), "keywords": list(t.keywords)}
        for t in site.themes.values()
    ]
    return {"sections": sections, "themes": themes}


def moved_anchors_by_page(site: Site) -> dict[str, dict[str, str]]:
    """Renamed sections by the page they were on (keyed as templates see `page.url`, home ""),
    so each page carries only its own few for permalinks.js to follow."""
    out: dict[str, dict[str, str]] = {}
    for old, new in sorted(site.links.renamed_anchors.items() if site.links else ()):
        page = old.partition("#")[0]
        out.setdefault("" if page == "./" else page, {})[old] = new
    return out


def engine_config(site: Site, root: Path) -> str:
    """mkdocs.generated.yml: mkdocs.yml plus the navigation and the data templates need."""
    extra = {
        "noisy": {
            "moved_anchors": moved_anchors_by_page(site),
            "themes": [
                {"title": t.title, "url": pages.url_of(t.doc)} for t in site.themes.values()
            ],
            "short_links": dict(sorted(site.links.short_links.items())) if site.links else {},
        }
    }
    body = yaml.safe_dump(
        {"INHERIT": CONFIG, "site_dir": PARTIAL, "nav": nav(site, root), "extra": extra},
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return f"# Written by `python -m noisy_signals generate` from data/: edit mkdocs.yml instead.\n{body}"


def outputs(site: Site, root: Path) -> dict[str, str]:
    """Every generated file: path relative to `root` -> text."""
    config = read_config(root)
    docs = pages.all_pages(site, config["site_url"], config.get("repo_url", ""))
    files = {f"docs/{path}": text for path, text in docs.items()}
    files[f"docs/{PREVIEWS}"] = (
        json.dumps(previews(site), ensure_ascii=False, sort_keys=True) + "\n"
    )
    files[GENERATED_CONFIG] = engine_config(site, root)
    return files


def write(root: Path, files: dict[str, str]) -> int:
    """Write what changed, remove what generate no longer makes; the number of files touched."""
    touched = 0
    for rel, text in files.items():
        path = root / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        touched += 1
    owned = [p for folder in OWNED for p in (root / "docs" / folder).rglob("*") if p.is_file()]
    owned += [root / "docs" / name for name in OWNED_FILES]
    for path in owned:
        if path.is_file() and path.relative_to(root).as_posix() not in files:
            path.unlink()
            touched += 1
    return touched


def generate(root: Path) -> Site:
    """Load and validate `root`, then write every generated file; raises DataError on bad data."""
    site = load_site(root)
    write(root, outputs(site, root))
    return site


def sources(root: Path) -> dict[str, str]:
    """Page address -> the file to fix when one of its published links breaks."""
    found = {}
    for path in (root / "docs").rglob("*.md"):
        rel = path.relative_to(root / "docs").as_posix()
        owned = rel in OWNED_FILES or rel.startswith(tuple(f"{folder}/" for folder in OWNED))
        found[pages.url_of(rel) or "./"] = (
            f"docs/{rel} (generated from data/ by scripts/noisy_signals/)"
            if owned
            else f"docs/{rel}"
        )
    return found
