"""The explainer page as built: the model in words, the no-JS tables and the presets' arithmetic.

The reference numbers come from a one-dimensional numerical integral written here with the
standard library, independently of the page's JavaScript (Genz's bivariate normal algorithm).
"""

from __future__ import annotations

import re
from pathlib import Path
from statistics import NormalDist

from site_html import page, pages

URL = "explainers/one-evaluation/"
SCRIPT = "one-evaluation.js"
STRONG = 0.1
NORMAL = NormalDist()


def strong_and_rejected(r: float, a: float) -> float:
    """P(ability in the top 10 %, score below the top-a cut-off), by Simpson's rule.

    P = integral over ability x above t of phi(x) * Phi((c - r x) / sqrt(1 - r^2)) dx, which needs
    only one-dimensional normal functions; at r = 1 score equals ability and it is exact.
    """
    t, c = NORMAL.inv_cdf(1 - STRONG), NORMAL.inv_cdf(1 - a)
    if r >= 1:
        return max(0.0, NORMAL.cdf(c) - NORMAL.cdf(t))
    spread = (1 - r * r) ** 0.5
    steps, width = 2000, 12.0
    h = width / steps

    def f(x: float) -> float:
        return NORMAL.pdf(x) * NORMAL.cdf((c - r * x) / spread)

    inner = sum((4 if i % 2 else 2) * f(t + i * h) for i in range(1, steps))
    return (f(t) + inner + f(t + width)) * h / 3


def reference(r: float, a: float) -> tuple[float, float]:
    """(P(rejected | strong), P(strong | rejected)) for correlation r and accepted share a."""
    joint = strong_and_rejected(r, a)
    return joint / STRONG, joint / (1 - a)


def test_reference_integral_has_the_known_edge_values() -> None:
    for a in (0.01, 0.1, 0.3, 0.5):
        missed, share = reference(0.0, a)
        assert abs(missed - (1 - a)) < 1e-9 and abs(share - STRONG) < 1e-9
    assert reference(0.999999, 0.2)[0] < 1e-6  # the integral approaches the r = 1 limit
    assert abs(reference(1.0, 0.05)[0] - 0.5) < 1e-12


def plain(text: str) -> str:
    """Text with the page's no-break spaces (which keep "%" by its number) as plain spaces."""
    return text.replace("\xa0", " ")


def _tables(site: Path) -> list[tuple[list[float], list[tuple[float, list[str]]]]]:
    """(accepted shares from the header, [(r, cells)]) for each table on the page."""
    out = []
    for table in page(site, URL).find_all("table"):
        header = [plain(th.get_text(" ", strip=True)) for th in table.find("thead").find_all("th")]
        shares = [float(re.search(r"(\d+) %", h).group(1)) / 100 for h in header[1:]]
        rows = []
        for tr in table.find("tbody").find_all("tr"):
            cells = [plain(td.get_text(" ", strip=True)) for td in tr.find_all("td")]
            rows.append((float(cells[0]), cells[1:]))
        out.append((shares, rows))
    return out


def test_no_js_tables_are_exact_to_the_displayed_percent(site: Path) -> None:
    tables = _tables(site)
    assert len(tables) == 2
    checked = 0
    for which, (shares, rows) in enumerate(tables):
        assert len(shares) >= 3 and len(rows) >= 5
        assert rows[0][0] == 0 and rows[-1][0] == 1
        for r, cells in rows:
            for a, cell in zip(shares, cells, strict=True):
                true = reference(r, a)[which]
                if cell == "0 %":
                    assert true < 1e-9, (which, r, a, cell, true)
                elif cell == "under 1 %":
                    assert 1e-9 < true < 0.005, (which, r, a, cell, true)
                else:
                    shown = int(re.fullmatch(r"(\d+) %", cell).group(1))
                    assert abs(true * 100 - shown) <= 0.5 + 1e-9, (which, r, a, cell, true)
                checked += 1
    assert checked >= 40


def test_page_states_the_model_and_offers_labelled_controls(site: Path) -> None:
    soup = page(site, URL)
    text = plain(soup.get_text(" ", strip=True))
    assert soup.h1.get_text(strip=True).startswith("How much does one evaluation really say?")
    for phrase in ("bell curve", "correlation", "top share", "top 10 %", "not a simulation"):
        assert phrase in text, phrase
    sliders = {i["id"]: i for i in soup.select("input[type=range]")}
    assert (sliders["ns-r"]["min"], sliders["ns-r"]["max"]) == ("0", "1")
    assert (sliders["ns-a"]["min"], sliders["ns-a"]["max"]) == ("1", "50")
    for slider_id in sliders:
        assert soup.find("label", attrs={"for": slider_id}).get_text(strip=True)
        output = soup.find("output", attrs={"for": slider_id})
        assert output and output.get("aria-live") == "polite"
    assert soup.select_one(".ns-results[aria-live=polite]")
    svg = soup.select_one("svg.ns-plot")
    assert svg.find("title").get_text(strip=True) and svg.find("desc")
    presets = soup.select("button[data-r][data-a]")
    names = [b.get_text(strip=True) for b in presets]
    assert names[:2] == ["A short application form", "A work trial"]
    assert len(names) == 3 and "senior researcher" in names[2]
    group = soup.find(attrs={"role": "group"})
    assert "illustrations, not data" in plain(group.get_text(" ", strip=True))


def test_widget_script_loads_on_the_explainer_page_only(site: Path) -> None:
    loaders = [
        url
        for url, soup in pages(site)
        if any(SCRIPT in (s.get("src") or "") for s in soup.find_all("script"))
    ]
    assert loaders == [URL]
    assert (site / "assets/javascripts" / SCRIPT).is_file()


def test_senior_researcher_preset_follows_from_the_reported_numbers(site: Path) -> None:
    soup = page(site, URL)
    text = plain(soup.get_text(" ", strip=True))
    for reported in ("60 junior people", "0.05", "1.37", "between 5 and 8", "10-point scale"):
        assert reported in text, reported
    assert "What we assume" in text and "does not report" in text

    def implied_r(spread: float) -> float:
        return 1 - 1.37**2 / (2 * spread**2)

    button = soup.find("button", string=re.compile("senior researcher"))
    assert float(button["data-r"]) == round(implied_r(1.5), 2)
    assert f"{implied_r(2.0):.2f}" in text and f"{implied_r(1.2):.2f}" in text
    assert f"{(1.37**2 / 2) ** 0.5:.2f} points" in text  # the spread at which r would be 0
    missed = reference(round(implied_r(1.5), 2), float(button["data-a"]) / 100)[0]
    assert f"miss {round(missed * 100)} %" in text


def test_explainer_is_linked_from_home_and_two_theme_pages(site: Path) -> None:
    for url in ("", "themes/applications/", "themes/first-impressions/"):
        hrefs = [a.get("href", "") for a in page(site, url).select("article a")]
        assert any(h.rstrip("/").endswith("explainers/one-evaluation") for h in hrefs), url
