"""Print what a reader downloads: first-view bytes by kind for three pages, and Lighthouse's scores.

For the home page, a guide page and a theme page, Chromium loads the page with an empty cache and
every response is sized as a host would send it (gzip level 6 for text, images as they are), by
kind: HTML, CSS, JS, search index, other. Then it presses "/" and adds what search costs once a
reader reaches for it. Then Lighthouse (npm, pinned; needs npx and CHROME_PATH, default
/usr/bin/chromium) scores performance and accessibility, if it runs here.

    python scripts/bench_pages.py [--site DIR] [--no-lighthouse]

Without --site it builds the current tree strictly into a temporary directory first.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from noisy_signals.site_trim import LUNR  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"  # the last major that runs on Node 20 (Debian's)
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PAGES = {
    "home": "",
    "guide page": "posts/evaluations-are-noisy/",
    "theme page": "themes/applications/",
}
KINDS = ("HTML", "CSS", "JS", "search index", "other")
COMPRESSED = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".woff", ".woff2", ".ico")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def wire(url: str, body: bytes) -> int:
    """Bytes on the wire: text gzipped, images and fonts as they are."""
    return len(body) if urlparse(url).path.lower().endswith(COMPRESSED) else gz(body)


def kind(url: str, resource_type: str) -> str:
    path = urlparse(url).path
    if path.endswith("search_index.json"):
        return "search index"
    if resource_type == "document" or path.endswith((".html", "/")):
        return "HTML"
    if resource_type == "stylesheet" or path.endswith(".css"):
        return "CSS"
    if resource_type == "script" or path.endswith(".js"):
        return "JS"
    return "other"


def site_path() -> str:
    """The path part of site_url, where a host serves the site ('/noisy-signals/')."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(\S+)", text, re.M)
    return urlparse(match.group(1)).path if match else "/"


def build(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    cmd = [sys.executable, "-m", "noisy_signals", "build", "--out", str(out)]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site on loopback under site_url's path, as GitHub Pages would serve it."""
    with tempfile.TemporaryDirectory() as tmp:
        mount = Path(tmp) / site_path().strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(site.resolve(), target_is_directory=True)

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Quiet, directory=tmp)
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{site_path()}"
        finally:
            server.shutdown()


def weigh(browser, url: str) -> tuple[dict[str, int], dict[str, int]]:
    """Wire bytes by kind: the first view, then what opening search adds."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    done: list = []
    page.on("requestfinished", lambda r: done.append(r))

    def tally(requests: list) -> dict[str, int]:
        sizes = dict.fromkeys(KINDS, 0)
        for request in requests:
            response = request.response()
            body = response.body() if response else b""
            sizes[kind(request.url, request.resource_type)] += wire(request.url, body)
        return sizes

    page.goto(url, wait_until="networkidle")
    first = tally(done)
    seen = len(done)
    page.keyboard.press("/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    later = tally(done[seen:])
    context.close()
    return first, later


def lighthouse(url: str) -> str:
    """Lighthouse's performance and accessibility scores, or why they could not be had."""
    npx = shutil.which("npx")
    if not npx or not Path(CHROMIUM).exists():
        return "Lighthouse skipped (needs npx and Chromium)"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [
            npx,
            "--yes",
            LIGHTHOUSE,
            url,
            "--only-categories=performance,accessibility",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        try:
            subprocess.run(cmd, env=env, capture_output=True, timeout=300, check=True)
            scores = json.loads(report.read_text())["categories"]
        except (subprocess.SubprocessError, OSError, ValueError, KeyError) as err:
            return f"Lighthouse failed: {type(err).__name__}"
    return "  ".join(f"{k} {round(v['score'] * 100)}" for k, v in scores.items())


def material_waste() -> tuple[int, int]:
    """Bytes of source maps and lunr language files in Material's package: what the build drops."""
    import material

    assets = Path(material.__file__).parent / "templates" / "assets"
    maps = sum(p.stat().st_size for p in assets.rglob("*.map"))
    lunr = sum(p.stat().st_size for p in (assets.parent / LUNR).rglob("*.js"))
    return maps, lunr


def report(site: Path, run_lighthouse: bool) -> None:
    from playwright.sync_api import sync_playwright

    width = max(map(len, PAGES)) + 2
    header = "".join(f"{k:>14}" for k in (*KINDS, "first view", "+ search"))
    print(
        f"First view, bytes over the wire (gzip -6; budget 100,000 per page)\n{'':{width}}{header}"
    )
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, path in PAGES.items():
            first, later = weigh(browser, base + path)
            cells = [*(first[k] for k in KINDS), sum(first.values()), sum(later.values())]
            print(f"{name:{width}}" + "".join(f"{c:>14,}" for c in cells))
        browser.close()
        if run_lighthouse:
            print("\nLighthouse (mobile, simulated throttling)")
            for name, path in PAGES.items():
                print(f"{name:{width}}{lighthouse(base + path)}")

    index = site / "search" / "search_index.json"
    if index.exists():
        data = index.read_bytes()
        docs = len(json.loads(data)["docs"])
        print(f"\nSearch index: {len(data):,} bytes, {gz(data):,} gzipped, {docs} entries")
    files = [p for p in site.rglob("*") if p.is_file()]
    print(f"Deployed site: {sum(p.stat().st_size for p in files):,} bytes in {len(files)} files")
    maps, lunr = material_waste()
    print(
        f"Not deployed: Material's source maps {maps:,} bytes, unused lunr languages {lunr:,} bytes"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the tree now)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse runs")
    args = parser.parse_args()
    if args.site:
        report(args.site, not args.no_lighthouse)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "site")
        report(Path(tmp) / "site", not args.no_lighthouse)


if __name__ == "__main__":
    main()
