"""`make permalinks`: add the links of new pages and headings to data/permalinks.yml; never remove one.

Builds the site into a temporary directory (the ids that readers link to are the ones in the built
HTML, whichever Markdown, template or generator produced them), lists every published page and its
h2–h6 headings, and merges them into the registry. Run it after adding headings; commit the file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from noisy_signals import permalinks
from noisy_signals.problems import DataError

ROOT = Path(__file__).resolve().parents[1]


def main(root: Path = ROOT) -> int:
    """Build, scan, merge; print what was added."""
    try:
        registered = list(permalinks.load(root).links)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="permalinks-") as out:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", out],
            cwd=root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            print("permalinks: the build failed; fix it first (nothing changed)", file=sys.stderr)
            return 1
        found = permalinks.published_links(permalinks.scan_site(Path(out)))
    merged = permalinks.merge(registered, found)
    added = sorted(set(merged) - set(registered))
    (root / permalinks.REGISTRY).write_text(permalinks.registry_text(merged), encoding="utf-8")
    for link in added:
        print(f"  + {link}")
    print(
        f"permalinks: {len(merged)} links registered, {len(added)} new; commit {permalinks.REGISTRY}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT))
