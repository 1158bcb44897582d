"""The page-weight budget: the first view of any page, everything the browser fetches, is at most
100 kB once gzipped as a host would serve it.

Bytes, not time: Chromium loads each built page with an empty cache and waits until the network is
quiet; every response it received is gzipped (text) or counted as is (images, fonts) and summed.
And the deployed site carries nothing a reader's browser never asks for: no source maps, no search
languages the site does not search in (noisy_signals/finish.py).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlparse

import pytest
from noisy_signals.finish import trim_site

BUDGET = 100_000  # bytes, gzipped
BATCH = 8  # pages loaded side by side, each in its own context, to overlap the network-idle waits
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


class FirstView:
    """A fresh browser context (empty cache) that loads one page and records what it fetched."""

    def __init__(self, browser, url: str) -> None:
        self.url = url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.finished: list = []
        self.page.on("requestfinished", lambda r: self.finished.append(r))
        self.page.goto(url, wait_until="commit")

    def sizes(self, host: str) -> dict[str, int]:
        """Once the network is quiet: wire bytes per URL fetched."""
        self.page.wait_for_load_state("networkidle")
        sizes: dict[str, int] = {}
        for request in self.finished:
            assert urlparse(request.url).netloc == host, f"{self.url} loads {request.url}"
            response = request.response()
            body = response.body() if response else b""
            sizes[request.url] = sizes.get(request.url, 0) + wire_size(request.url, body)
        self.context.close()
        return sizes


@pytest.mark.browser
def test_first_view_of_every_page_fits_the_budget(browser, hosted_url, page_paths) -> None:
    host = urlparse(hosted_url).netloc
    over: list[str] = []
    largest = (0, "")
    for start in range(0, len(page_paths), BATCH):
        batch = page_paths[start : start + BATCH]
        views = [FirstView(browser, hosted_url + path) for path in batch]  # load side by side
        for path, view in zip(batch, views, strict=True):
            sizes = view.sizes(host)
            total = sum(sizes.values())
            largest = max(largest, (total, path or "(home)"))
            if total > BUDGET:
                parts = ", ".join(
                    f"{urlparse(u).path.removeprefix(urlparse(hosted_url).path)} {n:,}"
                    for u, n in sorted(sizes.items(), key=lambda kv: -kv[1])
                )
                over.append(f"{path or '(home)'}: {total:,} bytes ({parts})")
    assert page_paths, "the build has no pages"
    assert not over, f"over the {BUDGET:,}-byte first-view budget:\n" + "\n".join(over)
    print(f"largest first view: {largest[1]}, {largest[0]:,} bytes gzipped")
