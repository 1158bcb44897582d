"""Thin MkDocs adapter for the generator in noisy_signals/: events in, generated files out.

Everything that knows about the content lives in noisy_signals; this file only hands its results
to MkDocs, so another engine reading the same mkdocs.yml needs a new adapter, not a new generator.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from noisy_signals import csp, landing, permalinks, print_links, share
from noisy_signals.generate import build
from noisy_signals.guide_decoration import decorate
from noisy_signals.model import Site
from noisy_signals.problems import DataError
from noisy_signals.site_trim import trim_site
from noisy_signals.testimonial_pages import publish

# Two builds of the same tree must be byte-identical: pin the date MkDocs writes into sitemap.xml.
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

_site: Site | None = None
_pages: list[tuple[str, str]] = []
_links: permalinks.Permalinks | None = None
_messages: dict[str, str] = {}
_sources: dict[str, str] = {}  # page URL -> the file it is built from, to name in problems
_serving = False  # DEV ONLY: set by on_startup


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate data/ once per build; bad data aborts with every problem listed."""
    global _site, _pages, _links, _messages
    root = Path(config.config_file_path).parent
    try:
        site, pages = build(root)
        _links, _messages = permalinks.load(root), share.load(root, site.themes)
    except DataError as err:
        raise Abort(
            f"{len(err.problems)} problem(s) in the site's data:\n{err}\n"
            "Run `make validate` to see them without building."
        ) from None
    _site, _pages = site, pages
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages as in-memory files: nothing generated is written into docs/."""
    for path, markdown in _pages:
        files.append(File.generated(config, path, content=markdown))
    _sources.update(permalinks.page_sources(files.documentation_pages()))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give overrides/main.html the renamed-anchor map that permalinks.js follows."""
    env.globals["ns_moved_anchors"] = _links.anchor_map() if _links else {}
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill in what hand-written pages leave to the data: guide headers and chips, the home page's
    cards and reading times, and each theme page's "Send this to someone" message."""
    src = page.file.src_uri
    guide = _site.guides.get(Path(src).stem) if _site and src.startswith("posts/") else None
    if src.startswith("themes/") and Path(src).stem in _messages:
        return share.add_send_block(markdown, _messages[Path(src).stem], page.canonical_url)
    if src == landing.HOME and _site:
        return landing.fill(_site, markdown)
    return decorate(_site, guide, markdown) if guide else markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """On guide pages and the lessons page, give links their full address for printing."""
    if print_links.wanted(page.file.src_uri) and page.canonical_url:
        return print_links.add_print_urls(html, page.canonical_url)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    """Finish the site: trim what readers never download, publish testimonial pages, then check
    that every published link still resolves (failing the build if one would break)."""
    search = config.plugins.get("material/search")
    languages = (search.config.lang if search else None) or [config.theme["language"]]
    trim_site(Path(config.site_dir), languages)
    if _site:
        publish(Path(config.site_dir), _site)  # one permalink page per testimonial, from the shell
    if _links:  # last: the check reads the finished site, then adds the redirect pages
        problems = permalinks.finish(_links, Path(config.site_dir), _sources, config.site_url or "")
        if problems:
            raise Abort(
                f"{len(problems)} published link(s) would break:\n{DataError(problems)}\n"
                "Published links may never break: see data/redirects.yml."
            )
    if _site:  # DEV ONLY, moves to the pipeline's finish step
        _dev_write_previews(Path(config.site_dir), _site)
    if not _serving:  # DEV ONLY, moves to the pipeline's finish step: the policy goes on last
        csp.add_policy_to_site(Path(config.site_dir))


def on_startup(command: str, dirty: bool) -> None:
    """DEV ONLY: `mkdocs serve` injects an inline live-reload script the policy would refuse."""
    global _serving
    _serving = command == "serve"


def _dev_write_previews(site_dir: Path, site: Site) -> None:
    """DEV ONLY (replaced by the pipeline): assets/generated/previews.json as the contract says."""
    out = site_dir / "assets/generated/previews.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    sections = {
        f"posts/{s.page}/#{s.id}": {
            "title": s.title,
            "gist": s.gist,
            "post": site.sources[s.page].title,
            "author": ", ".join(site.sources[s.page].authors),
        }
        for s in site.sections()
    }
    themes = [
        {"id": t.id, "title": t.title, "url": f"themes/{t.id}/", "keywords": list(t.keywords)}
        for t in site.themes.values()
    ]
    out.write_text(json.dumps({"sections": sections, "themes": themes}), encoding="utf-8")
