"""Draw the site's one link-preview card, overrides/assets/images/social-card.png (1200×630).

Material's social plugin would draw a card per page, but it downloads its fonts from Google Fonts at
build time, which this project never does. So one static card, drawn once with Chromium from the
HTML below and committed; rerun this script only to change the design: `python scripts/social_card.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "overrides" / "assets" / "images" / "social-card.png"
CHROMIUM = "/usr/bin/chromium"
CARD = """<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: 1200px; height: 630px; }
  body { box-sizing: border-box; padding: 80px 96px; display: flex; flex-direction: column;
         justify-content: space-between; background: #3f51b5; color: #fff;
         font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
  h1 { margin: 0 0 20px; font-size: 96px; letter-spacing: -1px; }
  p { margin: 0; font-size: 40px; line-height: 1.35; max-width: 980px; }
  .bars { display: flex; gap: 14px; align-items: flex-end; height: 90px; }
  .bars span { width: 26px; background: rgba(255, 255, 255, .55); border-radius: 4px; }
  small { font-size: 28px; opacity: .85; }
</style></head><body>
  <div class="bars" aria-hidden="true">{bars}</div>
  <div><h1>Noisy Signals</h1>
  <p>Rejected, brushed off, let go, or doubting yourself? These evaluations are far noisier than they feel.</p></div>
  <small>A reading guide for anyone on their way into AI safety</small>
</body></html>"""
HEIGHTS = (30, 70, 45, 90, 20, 60, 85, 35, 55, 75, 25, 65)


def main() -> int:
    """Render the card and write it next to the stylesheet; print its size."""
    bars = "".join(f'<span style="height:{h}px"></span>' for h in HEIGHTS)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(CARD.replace("{bars}", bars))
        OUT.write_bytes(page.screenshot(type="png"))
        browser.close()
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
