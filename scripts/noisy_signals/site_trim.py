"""Remove what no reader's browser ever asks for from a built site, so the deployed site stays small.

Material ships source maps (1.3 MB, for debugging Material itself) and lunr's stemmers for 30
languages (0.9 MB) with every build. Readers' browsers request neither: maps only when developer
tools are open, and the search worker loads a language file only for a language the site searches in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

LUNR = Path("assets/javascripts/lunr")
MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def lunr_files_needed(languages: Iterable[str]) -> set[Path]:
    """The lunr files Material's search worker imports for these languages (mirrors its loader)."""
    langs = list(languages)
    needed: set[Path] = set()
    for lang in langs:
        if lang == "ja":
            needed.add(Path("tinyseg.js"))
        elif lang in ("hi", "th"):
            needed.add(Path("wordcut.js"))
        if lang != "en":
            needed.add(Path(f"min/lunr.{lang}.min.js"))
    if len(langs) > 1:
        needed.add(Path("min/lunr.multi.min.js"))
    if needed:
        needed.add(Path("min/lunr.stemmer.support.min.js"))
    return needed


def trim_site(site_dir: Path, search_languages: Iterable[str]) -> int:
    """Delete source maps (and the comments pointing at them) and unused lunr files; bytes freed."""
    freed = 0
    for map_file in sorted(site_dir.rglob("*.map")):
        freed += map_file.stat().st_size
        map_file.unlink()
        target = map_file.with_suffix("")
        if target.is_file():
            text = target.read_bytes()
            stripped = MAP_COMMENT.sub(b"\n", text)
            freed += len(text) - len(stripped)
            target.write_bytes(stripped)
    lunr = site_dir / LUNR
    keep = lunr_files_needed(search_languages)
    for path in sorted(lunr.rglob("*.js")) if lunr.is_dir() else []:
        if path.relative_to(lunr) not in keep:
            freed += path.stat().st_size
            path.unlink()
    for folder in sorted((p for p in lunr.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if lunr.is_dir() and not any(lunr.iterdir()):
        lunr.rmdir()
    return freed
