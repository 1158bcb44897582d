"""Shared fixtures: a strict build of the real tree, a scratch copy to break, and a browser."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("mkdocs.yml", "data", "docs", "overrides", "scripts")
CHROMIUM = "/usr/bin/chromium"
FORWARD_STUB = '<meta name="generator" content="noisy-signals '
"""Marks the pages the finish step writes that only forward the reader: redirects, share addresses."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build(root: Path, site_dir: Path, engine: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """Run the pipeline on the tree at `root` the way `make build` does: generate, engine, finish.

    One build of a tree at a time: pytest-xdist's workers share the real tree, and a build writes
    its generated files and its scratch site there.
    """
    env = {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    command = ["-m", "noisy_signals", "--root", str(root), "build", "--engine", engine]
    with open(root / ".site.partial.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return subprocess.run(
            [sys.executable, *command, "--out", str(site_dir)],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first: started last, one of them keeps a worker busy while the other waits."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def built_once(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Path:
    """The real tree built by `engine` once per run: pytest-xdist's workers share the first build."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's directory, above each worker's own
    out = shared / f"built-{engine}" / "site"
    log = out.parent / "build.log"
    with open(shared / f"built-{engine}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists():
            out.parent.mkdir(exist_ok=True)
            result = build(ROOT, out, engine)
            log.write_text(f"{result.returncode}\n{result.stdout}{result.stderr}", encoding="utf-8")
    code, _, output = log.read_text(encoding="utf-8").partition("\n")
    assert code == "0", output
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real tree, built by the pipeline with MkDocs into a temporary directory, once per run."""
    return built_once(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def zensical_site(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same tree built by the second engine, Zensical, once per run."""
    return built_once(tmp_path_factory, "zensical")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A scratch copy of the project's sources, for tests that break the data on purpose."""
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, tmp_path / name)
    return tmp_path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _served(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served over HTTP on a free loopback port, as a host would serve it."""
    yield from _served(site)


@pytest.fixture(scope="session")
def zensical_url(zensical_site: Path) -> Iterator[str]:
    """The second engine's build, served the same way."""
    yield from _served(zensical_site)


def site_url_path() -> str:
    """The path part of mkdocs.yml's site_url ('/noisy-signals/'): where a host serves the site."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(\S+)", text, re.M)
    return urlparse(match.group(1)).path if match else "/"


@pytest.fixture(scope="session")
def page_paths(site: Path) -> list[str]:
    """Every built page, relative to the site root ('' is home, '404.html' the error page).

    Found in the build, not listed by hand, so browser checks cover pages as they are added.
    Forwarding stubs (short links, moved pages, share addresses; tests/test_permalinks.py and
    tests/test_share.py cover them) are left out: they navigate away before a check could run.
    """
    paths = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith("assets/") and FORWARD_STUB not in path.read_text(encoding="utf-8"):
            paths.append(rel.removesuffix("index.html"))
    return paths


@pytest.fixture(scope="session")
def hosted_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The build served as GitHub Pages serves it: under site_url's path, 404.html for unknown URLs.

    404.html links its assets from the site root, so only this serves it as readers see it.
    """
    root = tmp_path_factory.mktemp("host")
    mount = root / site_url_path().strip("/")
    mount.parent.mkdir(parents=True, exist_ok=True)
    mount.symlink_to(site, target_is_directory=True)

    class Host(_QuietHandler):
        def send_error(self, code: int, message: str | None = None, explain: str | None = None):
            if code != 404 or not (site / "404.html").is_file():
                return super().send_error(code, message, explain)
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return None

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Host, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{site_url_path()}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Chromium driven by Playwright: Debian's CHROMIUM where it is installed, else Playwright's own
    (`python -m playwright install --with-deps chromium`, as CI does on GitHub's runners)."""
    playwright = pytest.importorskip("playwright.sync_api")
    executable = CHROMIUM if Path(CHROMIUM).exists() else None  # None: Playwright's own Chromium
    with playwright.sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except playwright.Error as err:
            pytest.fail(
                "no Chromium for the browser tests: run `make browser` (Debian's chromium) or "
                f"`python -m playwright install --with-deps chromium`\n{err}"
            )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _worker_tab(browser) -> Iterator[object]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def tab(_worker_tab) -> Iterator[Callable[..., object]]:
    """`tab(viewport, color_scheme="light", reduced_motion="no-preference")`: this worker's one
    browser tab, blank, at that size and with those preferences, as a first-time reader opens it.

    Opening a tab costs Chromium about 0.4 s, more than most tests' checks, so the tests that need
    nothing else of a browser context (a touch screen, a permission, an init script, JavaScript
    off) share one; a test that listens to its events stops before it ends. After each test what
    the page stored is cleared, while the page is still on its site, and the tab goes back to a
    blank page; the next test sets its size and preferences.
    """
    page = _worker_tab

    def open_tab(viewport, color_scheme="light", reduced_motion="no-preference"):
        page.set_viewport_size(viewport)
        page.emulate_media(media="screen", color_scheme=color_scheme, reduced_motion=reduced_motion)
        return page

    yield open_tab
    if page.url.startswith("http"):
        with contextlib.suppress(Exception):  # a page a failed test left broken is left anyway
            page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.goto("about:blank")
    page.mouse.move(-1, -1)  # no hover carried over
