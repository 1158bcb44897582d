"""`make validate`: check data/ and the guide pages, print every problem, exit 1 if there is any."""

from __future__ import annotations

import sys
from pathlib import Path

from noisy_signals import permalinks, share
from noisy_signals.generate import build
from noisy_signals.problems import DataError

ROOT = Path(__file__).resolve().parents[1]


def main(root: Path = ROOT) -> int:
    """Print each problem as FILE:LINE: field: problem; fix: how, then a one-line verdict."""
    try:
        site, pages = build(root)
        # Only the data here: whether each link still resolves needs the built HTML (see permalinks.py).
        links = permalinks.load(root)
        share.load(root, site.themes)
    except DataError as err:
        for problem in err.problems:
            print(problem)
        print(f"validate: {len(err.problems)} problem(s) found", file=sys.stderr)
        return 1
    sections = len(site.sections())
    print(
        f"validate: ok: {len(site.themes)} themes, {len(site.sources)} sources, "
        f"{len(site.guides)} guide pages, {sections} sections, {len(pages)} generated pages"
    )
    print(f"validate: ok: {len(links.links)} published links; the build checks that each resolves")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT))
