"""`make bench`: build time of both engines and site size with 0, 1,000 and 10,000 testimonials.

The budget (issue 6): 10,000 testimonials build in at most 60 s on the project's 2-core machine,
and the 10k site is at most 12 times the 1k site. Everything happens in a temporary copy of the
sources, where N synthetic files join the real testimonials (lessons and the permalink registry
refer to those, so they stay).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("mkdocs.yml", "data", "docs", "overrides", "scripts")
THEMES = ("applications", "first-impressions", "job-performance", "self-assessment")
WORDS = [
    "rejected",
    "interview",
    "application",
    "programme",
    "mentor",
    "internship",
    "manager",
    "project",
    "research",
    "paper",
    "reviewers",
    "conference",
    "senior",
    "junior",
    "feedback",
    "confidence",
    "months",
    "skills",
    "coding",
    "evaluation",
    "trial",
    "fellowship",
    "grant",
    "team",
    "lab",
    "work",
    "career",
    "doubt",
]
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/testimonial.schema.json\n"


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def synthetic(rng: random.Random, n: int) -> dict:
    """One plausible-sized testimonial: what a real contributor's file would weigh."""
    data = {
        "who": "anonymous" if rng.random() < 0.3 else f"Researcher {n}",
        "role": sentence(rng, 10),
        "consent": {"statement": "I am the person in this testimonial and agree to publish it."},
        "themes": rng.sample(THEMES, rng.randint(1, 3)),
        "setbacks": [sentence(rng, rng.randint(10, 25)) for _ in range(rng.randint(1, 4))],
        "what_happened_next": " ".join(sentence(rng, 12) for _ in range(4)),
        "shared_on": f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    }
    if rng.random() < 0.5:
        data["lesson"] = sentence(rng, 20)
    if rng.random() < 0.3:
        data["source"] = f"https://example.org/posts/{n}"
    return data


def populate(tree: Path, count: int) -> None:
    """Exactly `count` synthetic files next to the real ones (other data links to those)."""
    folder = tree / "data" / "testimonials"
    for old in folder.glob("synthetic-*.yml"):
        old.unlink()
    rng = random.Random(count)
    for n in range(count):
        text = yaml.safe_dump(synthetic(rng, n), sort_keys=False, allow_unicode=True, width=100)
        (folder / f"synthetic-{n:05d}.yml").write_text(SCHEMA_LINE + text, encoding="utf-8")


def build(tree: Path, out: Path, engine: str) -> float:
    """Seconds for the whole pipeline (generate -> engine -> finish), as `make build` runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(tree / "scripts")}
    cmd = [sys.executable, "-m", "noisy_signals", "build", "--engine", engine, "--out", str(out)]
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bench: build failed:\n{result.stdout}{result.stderr}")
    return elapsed


def size(site: Path) -> tuple[int, int]:
    """(bytes, HTML pages) of a built site."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(p.suffix == ".html" for p in files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[0, 1000, 10000])
    parser.add_argument("--engines", nargs="+", default=["mkdocs", "zensical"])
    args = parser.parse_args()
    results: dict[tuple[str, int], tuple[float, int]] = {}
    with tempfile.TemporaryDirectory(prefix="noisy-bench-") as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        for name in COPIED:
            src = ROOT / name
            ignore = shutil.ignore_patterns("__pycache__")
            if src.is_dir():
                shutil.copytree(src, tree / name, ignore=ignore)
            else:
                shutil.copy2(src, tree / name)
        real = len(list((tree / "data" / "testimonials").glob("*.yml")))
        print(f"synthetic testimonials, added to the {real} real ones")
        print(
            f"{'engine':>9}  {'synthetic':>10}  {'build s':>8}  {'site MB':>8}  {'HTML pages':>10}"
        )
        for count in args.sizes:
            populate(tree, count)
            for engine in args.engines:
                out = Path(tmp) / f"site-{count}"
                seconds = build(tree, out, engine)
                nbytes, html_pages = size(out)
                results[engine, count] = (seconds, nbytes)
                print(
                    f"{engine:>9}  {count:>10,}  {seconds:>8.1f}  {nbytes / 1e6:>8.1f}  {html_pages:>10,}"
                )
                shutil.rmtree(out)
    for engine in args.engines:
        if (engine, 1000) in results and (engine, 10000) in results:
            ratio = results[engine, 10000][1] / results[engine, 1000][1]
            seconds = results[engine, 10000][0]
            print(
                f"{engine}: 10k site / 1k site {ratio:.1f}x (budget 12x); 10k build {seconds:.1f} s "
                f"(budget 60 s, {os.cpu_count()} cores)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
