"""`python -m noisy_signals COMMAND`: the pipeline's commands, one per step, and the checks around it.

    generate              load and validate data/ and docs/, write every generated file
    finish SITE_DIR       trim, stamp testimonials, write share and redirect pages, check links
    build [--engine E]    generate -> engine (mkdocs or zensical) -> finish, swapped into --out
    validate              print every problem in data/ and the guide pages
    permalinks            add the links of new pages and headings to data/permalinks.yml

Every problem is printed as FILE:LINE: field: problem; fix: ..., and with GITHUB_ACTIONS=true also as
a workflow command, so it shows on the pull request's diff.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from . import finish, generate, permalinks
from .load import load_site
from .problems import DataError, Problem

ENGINES = {
    "mkdocs": ["-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", "{out}"],
    "zensical": ["-m", "zensical", "build", "--strict"],
}


def report(problems: Iterable[Problem], what: str) -> int:
    """Print every problem (and its annotation on GitHub Actions); exit status 1."""
    problems = list(problems)
    for problem in problems:
        print(problem)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(problem.annotation())
    print(f"{what}: {len(problems)} problem(s) found", file=sys.stderr)
    return 1


def run_engine(root: Path, engine: str, out: Path) -> subprocess.CompletedProcess[str]:
    """Build the generated tree with one engine into `out` (Zensical writes the config's site_dir)."""
    args = [a.format(out=out) for a in ENGINES[engine]]
    args += ["-f", generate.GENERATED_CONFIG]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True
    )


def build(root: Path, engine: str, out: Path) -> int:
    """generate -> engine -> finish into a scratch folder, then swap it in; 0 on success."""
    try:
        site = generate.generate(root)
    except DataError as err:
        return report(err.problems, "build")
    partial = root / generate.PARTIAL
    shutil.rmtree(partial, ignore_errors=True)
    result = run_engine(root, engine, partial)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or not partial.is_dir():
        print(output or f"{engine} failed", file=sys.stderr)
        print(f"build: {engine} failed; the previous site is untouched", file=sys.stderr)
        shutil.rmtree(partial, ignore_errors=True)
        return 1
    problems = finish.finish(partial, site, generate.read_config(root), generate.sources(root))
    if problems:
        shutil.rmtree(partial, ignore_errors=True)
        report(problems, "build")
        print("Published links may never break: see data/redirects.yml.", file=sys.stderr)
        return 1
    shutil.rmtree(out, ignore_errors=True)
    shutil.move(partial, out)
    return 0


def finish_only(root: Path, site_dir: Path, serving: bool = False) -> int:
    """The finish step alone, over a site an engine built from the generated tree."""
    try:
        site = load_site(root)
    except DataError as err:
        return report(err.problems, "finish")
    config, sources = generate.read_config(root), generate.sources(root)
    problems = finish.finish(site_dir, site, config, sources, policy=not serving)
    return report(problems, "finish") if problems else 0


def validate(root: Path) -> int:
    """Every problem in data/ and the guide pages, in one run."""
    try:
        site = load_site(root)
    except DataError as err:
        return report(err.problems, "validate")
    print(
        f"validate: ok: {len(site.themes)} themes, {len(site.sources)} sources, "
        f"{len(site.guides)} guide pages, {len(site.sections())} sections, "
        f"{len(site.lessons)} lessons, {len(site.testimonials)} testimonials, "
        f"{len(site.links.links) if site.links else 0} published links "
        "(the build checks that each resolves)"
    )
    return 0


def register(root: Path) -> int:
    """Build into a temporary folder and add every published page and heading to the registry."""
    with tempfile.TemporaryDirectory(prefix="permalinks-") as tmp:
        if build(root, "mkdocs", Path(tmp) / "site") != 0:
            print("permalinks: the build failed; fix it first (nothing changed)", file=sys.stderr)
            return 1
        found = permalinks.published_links(permalinks.scan_site(Path(tmp) / "site"))
    registered = list(load_site(root).links.links)
    merged = permalinks.merge(registered, found)
    (root / permalinks.REGISTRY).write_text(permalinks.registry_text(merged), encoding="utf-8")
    for link in sorted(set(merged) - set(registered)):
        print(f"  + {link}")
    print(
        f"permalinks: {len(merged)} links registered, {len(merged) - len(registered)} new; "
        f"commit {permalinks.REGISTRY}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m noisy_signals", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="the project folder (default: the current one)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("generate", help="write every generated file")
    done = commands.add_parser("finish", help="finish a built site in place")
    done.add_argument("site_dir", type=Path)
    done.add_argument(
        "--serving", action="store_true", help="for mkdocs serve: no Content-Security-Policy"
    )
    made = commands.add_parser("build", help="generate, build with an engine, finish")
    made.add_argument("--engine", choices=sorted(ENGINES), default="mkdocs")
    made.add_argument(
        "--out", type=Path, default=None, help="where the site goes (default: <root>/site)"
    )
    commands.add_parser("validate", help="print every problem in data/ and the guide pages")
    commands.add_parser("permalinks", help="register the links of new pages and headings")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "generate":
        try:
            generate.generate(root)
        except DataError as err:
            return report(err.problems, "generate")
        return 0
    if args.command == "finish":
        return finish_only(root, args.site_dir, args.serving)
    if args.command == "build":
        return build(root, args.engine, (args.out or root / "site").resolve())
    if args.command == "validate":
        return validate(root)
    return register(root)


def run() -> int:
    """main(), with a last guard: a bug in the pipeline is reported in one line, not a traceback
    (NOISY_SIGNALS_DEBUG=1 shows it). Data problems never get here: each file's load is guarded."""
    try:
        return main()
    except Exception as err:  # noqa: BLE001 - no input may produce a traceback
        if os.environ.get("NOISY_SIGNALS_DEBUG"):
            raise
        print(
            f"noisy_signals: internal error ({type(err).__name__}: {err}); please report it, "
            "with NOISY_SIGNALS_DEBUG=1 for the details",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(run())
