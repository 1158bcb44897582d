"""The page-weight budget: the first view of any page, everything the browser fetches, is at most
100 kB once gzipped as a host would serve it.

Bytes, not time: Chromium loads each built page with an empty cache and waits until the network is
quiet; every response it received is gzipped (text) or counted as is (images, fonts) and summed
(on the same visit as the other per-page checks: test_quality_pages.py). And the deployed site
carries nothing a reader's browser never asks for: no source maps, no search languages the site
does not search in (noisy_signals/finish.py).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlparse

from noisy_signals.finish import trim_site

BUDGET = 100_000  # bytes, gzipped
COMPRESSED = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".woff", ".woff2", ".ico")


def wire_size(url: str, body: bytes) -> int:
    """Bytes on the wire: hosts gzip text, and send images and fonts as they are."""
    if urlparse(url).path.lower().endswith(COMPRESSED):
        return len(body)
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def test_deployed_site_carries_no_source_maps_or_unused_search_languages(site: Path) -> None:
    assert not list(site.rglob("*.map"))
    for asset in [*site.rglob("*.js"), *site.rglob("*.css")]:
        assert b"sourceMappingURL" not in asset.read_bytes(), asset
    assert not (site / "assets/javascripts/lunr").exists()  # the site searches in English only
    assert list(site.glob("assets/javascripts/workers/search.*.js")), "search worker missing"


def test_trimming_keeps_the_files_another_search_language_needs(tmp_path: Path) -> None:
    lunr = tmp_path / "assets/javascripts/lunr"
    names = ["min/lunr.de.min.js", "min/lunr.fr.min.js", "min/lunr.multi.min.js"]
    names += ["min/lunr.stemmer.support.min.js", "tinyseg.js", "wordcut.js"]
    for name in names:
        (lunr / name).parent.mkdir(parents=True, exist_ok=True)
        (lunr / name).write_text("x")
    bundle = tmp_path / "assets/javascripts/bundle.js"
    bundle.write_text("code();\n//# sourceMappingURL=bundle.js.map\n")
    (tmp_path / "assets/javascripts/bundle.js.map").write_text("{}")

    trim_site(tmp_path, ["en", "de"])

    left = sorted(p.relative_to(lunr).as_posix() for p in lunr.rglob("*.js"))
    assert left == [
        "min/lunr.de.min.js",
        "min/lunr.multi.min.js",
        "min/lunr.stemmer.support.min.js",
    ]
    assert bundle.read_text() == "code();\n"
    assert not list(tmp_path.rglob("*.map"))


def test_gzip_counts_text_compressed_and_images_as_they_are() -> None:
    text = b"noisy signals " * 1000
    assert wire_size("http://h/a.css", text) < len(text) / 10
    assert wire_size("http://h/favicon.png", text) == len(text)
