"""Testimonials: every kind of bad file is reported as FILE:LINE, hostile text renders inert,
the listing, permalinks and theme pages show them, and the scaffold writes a valid file."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build
from data_edits import validate
from noisy_signals.load import load_site
from noisy_signals.problems import DataError
from noisy_signals.testimonials import to_html
from site_html import heading_text, page

DIR = "data/testimonials"
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/testimonial.schema.json\n"
GOOD = {
    "who": "Ada Example",
    "role": "Physics graduate applying to research programmes",
    "consent": {"statement": "I am the person in this testimonial and agree to its publication."},
    "themes": ["applications"],
    "setbacks": ["Rejected from two programmes in one month."],
    "what_happened_next": "Applied again a year later with a finished project, and got in.",
    "shared_on": "2024-05-01",
}
SHARED = ROOT.parent / "shared"  # the source texts sit beside the repository, never inside it
SEEDS = SHARED / "seeds"
CHECK_QUOTES = SHARED / "tools/check_quotes.py"


def write(tree: Path, name: str, data: dict | None = None, text: str | None = None) -> Path:
    """Write data/testimonials/<name> from a dict (schema line first) or from raw text."""
    path = tree / DIR / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        text = SCHEMA_LINE + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")
    return path


def good(**changes: object) -> dict:
    data = {**GOOD, **changes}
    return {k: v for k, v in data.items() if v is not None}


def problems(tree: Path) -> list[str]:
    with pytest.raises(DataError) as err:
        load_site(tree)
    return [str(p) for p in err.value.problems]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


# --- the real data ----------------------------------------------------------------------------


def test_seed_testimonials_link_their_source_and_guide_section() -> None:
    site = load_site(ROOT)
    by_url = {s.url: key for key, s in site.sources.items()}
    expected = {
        "lawrence-chan",
        "beth-barnes",
        "scott-emmons",
        "senior-researcher-first-impressions",
        "jay-bailey",
        "george-wang",
        "three-internships-before-a-fit",
    }
    assert expected <= set(site.testimonials)
    for ident in expected:
        t = site.testimonials[ident]
        assert t.source in by_url, ident
        slug = t.guide_section.slug
        assert slug == by_url[t.source], ident
        assert t.themes
    assert site.testimonials["senior-researcher-first-impressions"].anonymous
    assert site.testimonials["three-internships-before-a-fit"].who == "a commenter"


def _check_quotes_module():
    if not (SEEDS.is_dir() and CHECK_QUOTES.is_file()):
        pytest.skip("the source texts are not on this machine")
    spec = importlib.util.spec_from_file_location("check_quotes", CHECK_QUOTES)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_seed_quotes_are_short_and_verbatim_in_the_sources() -> None:
    check = _check_quotes_module()
    corpus = " " + " ".join(
        " ".join(check.tokens(p.read_text(encoding="utf-8"))) for p in SEEDS.glob("*.txt")
    )
    quoted = [t for t in load_site(ROOT).testimonials.values() if t.quote]
    assert len(quoted) >= 7
    for t in quoted:
        words = check.tokens(t.quote)
        assert 3 <= len(words) <= 40, t.id
        assert " " + " ".join(words) + " " in corpus + " ", f"{t.id}: not verbatim: {t.quote}"


# --- validation: one test per kind of bad input -----------------------------------------------


def test_invalid_yaml_reports_line_and_column(tree: Path) -> None:
    write(tree, "broken.yml", text=SCHEMA_LINE + "who: [Ada\nrole: x\n")
    (found,) = problems(tree)
    assert re.match(r"data/testimonials/broken\.yml:\d+: \(file\): invalid YAML, column \d+", found)
    assert "; fix: " in found


def test_duplicate_key_is_caught(tree: Path) -> None:
    path = write(tree, "dup.yml", good())
    path.write_text(path.read_text() + "who: Someone Else\n")
    (found,) = problems(tree)
    assert found.startswith(f"data/testimonials/dup.yml:{line_of(path, 'Someone Else')}: who:")
    assert "duplicate key (first set on line 2)" in found


def test_unknown_field_is_an_error_with_suggestion(tree: Path) -> None:
    path = write(tree, "extra.yml", good(lesons="typo"))
    (found,) = problems(tree)
    assert found.startswith(f"data/testimonials/extra.yml:{line_of(path, 'lesons')}: lesons:")
    assert "unknown field 'lesons'" in found and "did you mean 'lesson'?" in found


def test_unknown_theme_suggests_the_near_match(tree: Path) -> None:
    path = write(tree, "theme.yml", good(themes=["aplications"]))
    (found,) = problems(tree)
    assert found.startswith(
        f"data/testimonials/theme.yml:{line_of(path, '- aplications')}: themes:"
    )
    assert "unknown theme 'aplications'" in found and "did you mean 'applications'?" in found


def test_wrong_type_is_named(tree: Path) -> None:
    path = write(tree, "types.yml", good(setbacks="Rejected twice"))
    (found,) = problems(tree)
    assert found.startswith(f"data/testimonials/types.yml:{line_of(path, 'setbacks:')}: setbacks:")
    assert "should be a list, got text" in found


def test_missing_consent_says_what_to_add(tree: Path) -> None:
    write(tree, "noconsent.yml", good(consent=None))
    (found,) = problems(tree)
    assert found.startswith("data/testimonials/noconsent.yml:")
    assert "consent: required field is missing; fix: add `consent:`" in found


def test_consent_needs_exactly_one_way(tree: Path) -> None:
    both = {"statement": GOOD["consent"]["statement"], "public_url": "https://example.org/p"}
    path = write(tree, "both.yml", good(consent=both))
    (found,) = problems(tree)
    assert found.startswith(f"data/testimonials/both.yml:{line_of(path, 'consent:')}: consent:")
    assert "exactly one of public_url or statement (both given)" in found


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("Ada Story.yml", "ada-story.yml"), ("ada.yaml", "ada.yml"), ("page.yml", "page-story.yml")],
)
def test_bad_file_name_suggests_a_good_one(tree: Path, name: str, suggestion: str) -> None:
    write(tree, name, good())
    (found,) = problems(tree)
    problem = "'page' is reserved" if name == "page.yml" else f"'{name}' is not a testimonial"
    assert found.startswith(f"data/testimonials/{name}: (file name): {problem}")
    assert f"fix: rename it to {suggestion}" in found


def test_empty_file(tree: Path) -> None:
    write(tree, "empty.yml", text="\n  \n")
    assert problems(tree) == [
        "data/testimonials/empty.yml: (file): file is empty; fix: fill in the fields"
    ]


def test_non_utf8_bytes_give_the_line(tree: Path) -> None:
    path = tree / DIR / "latin1.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SCHEMA_LINE.encode() + b"who: Ren\xe9e\n")
    (found,) = problems(tree)
    assert found.startswith("data/testimonials/latin1.yml:2: (file): not valid UTF-8 (byte 0xe9")
    assert "save the file as UTF-8" in found


def test_file_over_64_kib_is_refused(tree: Path) -> None:
    write(tree, "huge.yml", good(what_happened_next="word " * 14000))
    (found,) = problems(tree)
    assert found.startswith("data/testimonials/huge.yml: (file): file is ")
    assert "over the 65,536-byte limit" in found


def test_alias_bomb_fails_fast(tree: Path) -> None:
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    bomb += [
        f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    write(tree, "bomb.yml", text=SCHEMA_LINE + "\n".join(bomb) + "\n")
    start = time.perf_counter()
    (found,) = problems(tree)
    assert time.perf_counter() - start < 5
    assert found.startswith("data/testimonials/bomb.yml:2: a: YAML anchors and aliases")


def test_source_must_be_https(tree: Path) -> None:
    path = write(tree, "http.yml", good(source="http://example.org/post"))
    (found,) = problems(tree)
    assert found.startswith(f"data/testimonials/http.yml:{line_of(path, 'source:')}: source:")
    assert "'http://example.org/post' does not have the expected form" in found
    assert "must start with https://" in found


def test_quote_without_source_and_unknown_guide_section(tree: Path) -> None:
    path = write(
        tree,
        "refs.yml",
        good(quote="Words.", guide_section="posts/evaluations-are-noisy#beth-barns"),
    )
    found = problems(tree)
    assert (
        f"data/testimonials/refs.yml:{line_of(path, 'quote:')}: quote: a quote needs the source"
        in found[0]
    )
    assert "'posts/evaluations-are-noisy#beth-barns' is not a heading" in found[1]
    assert "did you mean 'posts/evaluations-are-noisy#beth-barnes'" in found[1]


def test_missing_schema_line_is_reported(tree: Path) -> None:
    write(tree, "noschema.yml", text=yaml.safe_dump(GOOD, sort_keys=False))
    (found,) = problems(tree)
    assert found.startswith(
        "data/testimonials/noschema.yml:1: (file): the first line is not the schema"
    )


HOSTILE_REJECTED = [
    ("who", "Eve <script>alert(1)</script>", "raw HTML is not allowed (found `<script`)"),
    (
        "role",
        'Intern <iframe src="https://evil.example">',
        "raw HTML is not allowed (found `<iframe`)",
    ),
    ("what_happened_next", 'Fine.\n\n{: onclick="alert(1)" }', "attribute lists such as"),
    ("what_happened_next", "Then *this*{ .evil }", "attribute lists such as"),
    (
        "lesson",
        "[click](javascript:alert(1))",
        "link target 'javascript:alert(1' is not an http(s)",
    ),
    ("lesson", "[click](data:text/html;base64,xx)", "is not an http(s) address"),
    ("lesson", "[x]: javascript:alert(1)", "link target 'javascript:alert(1)' is not an http(s)"),
    ("role", "Visit javascript:alert(1) now", "`javascript:`-style addresses are not allowed"),
    (
        "who",
        "Ada\u202eevil",
        "invisible control character: U+202E (RIGHT-TO-LEFT OVERRIDE) after 'Ada'",
    ),
]


@pytest.mark.parametrize(("field", "value", "message"), HOSTILE_REJECTED)
def test_hostile_text_is_rejected_at_validation(
    tree: Path, field: str, value: str, message: str
) -> None:
    path = write(tree, "hostile.yml", good(**{field: value}))
    found = problems(tree)
    line = line_of(path, f"{field}:")
    assert any(
        p.startswith(f"data/testimonials/hostile.yml:{line}: {field}: ") and message in p
        for p in found
    ), found


def test_hostile_setback_is_located_by_index(tree: Path) -> None:
    path = write(tree, "setback.yml", good(setbacks=["Fine.", "Bad <img src=x onerror=alert(1)>"]))
    (found,) = problems(tree)
    assert found.startswith(
        f"data/testimonials/setback.yml:{line_of(path, '<img')}: setbacks.1: raw HTML"
    )


def test_every_bad_file_is_reported_in_one_run(tree: Path) -> None:
    write(tree, "a-good-one.yml", good())
    write(tree, "bad-theme.yml", good(themes=["aplications"]))
    write(tree, "bad-yaml.yml", text=SCHEMA_LINE + "who: [\n")
    write(tree, "Bad_Name.yml", good())
    write(tree, "empty.yml", text="")
    write(tree, "html.yml", good(role="<b>x</b>"))
    found = problems(tree)
    files = {p.split(":")[0] for p in found}
    assert files == {
        f"{DIR}/{n}"
        for n in ("bad-theme.yml", "bad-yaml.yml", "Bad_Name.yml", "empty.yml", "html.yml")
    }, found


def test_make_validate_and_the_build_reject_a_bad_testimonial(tree: Path, tmp_path: Path) -> None:
    write(tree, "bad-theme.yml", good(themes=["aplications"]))
    result = validate(tree)
    assert result.returncode == 1
    assert (
        "data/testimonials/bad-theme.yml:" in result.stdout
        and "did you mean 'applications'?" in result.stdout
    )
    built = build(tree, tmp_path / "out")
    assert built.returncode != 0
    assert "data/testimonials/bad-theme.yml:" in built.stdout + built.stderr


# --- rendering: sanitised even when validation is bypassed ------------------------------------

ALLOWED_TAGS = {"p", "em", "strong", "code", "a"}


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<iframe src="https://evil.example"></iframe>',
        'Hello\n\n{: onclick="alert(1)" }',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        '[click](https://example.org/"onmouseover="alert(1))',
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        '**<b onclick="x">bold</b>** `<script>` &lt;script&gt;',
    ],
)
def test_renderer_never_emits_markup_from_the_text(text: str) -> None:
    soup = BeautifulSoup(to_html(text), "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS, tag
        allowed = {"href", "rel"} if tag.name == "a" else set()
        assert set(tag.attrs) <= allowed, tag
        if tag.name == "a":
            assert tag["href"].startswith(("https://", "http://")) and '"' not in tag["href"], tag
    assert "\n" not in to_html(text)


def test_renderer_keeps_the_allowed_subset() -> None:
    soup = BeautifulSoup(
        to_html("**bold**, *em*, `code` and [a link](https://example.org/x)"), "html.parser"
    )
    assert soup.strong.text == "bold" and soup.em.text == "em" and soup.code.text == "code"
    assert soup.a["href"] == "https://example.org/x" and "nofollow" in soup.a["rel"]


HOSTILE_BUT_VALID = {
    "who": 'Mallory &lt;script&gt;alert(1)&lt;/script&gt; "q" NS-TESTIMONIAL-BODY',
    "role": "Intern {not an attribute list} & more testimonials/_entry/",
    "consent": {"statement": "I am the person in this testimonial and agree to its publication."},
    "themes": ["applications"],
    "setbacks": [
        '--8<-- "mkdocs.yml"',
        "```",
        '[click](https://example.org/"onmouseover="alert(1))',
        "*[HTML]: Hyper Text",
    ],
    "what_happened_next": "&#106;avascript &lt;iframe&gt; [^1] NS-TESTIMONIAL-TITLE",
    "shared_on": "2099-01-01",
}


def test_hostile_testimonial_that_passes_validation_renders_inert(
    tree: Path, tmp_path: Path
) -> None:
    write(tree, "mallory.yml", HOSTILE_BUT_VALID)
    assert "mallory" in load_site(tree).testimonials
    out = tmp_path / "site"
    result = build(tree, out)
    assert result.returncode == 0, result.stdout + result.stderr
    for url in ("testimonials/mallory/", "testimonials/", "themes/applications/"):
        soup = page(out, url)
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (url, tag)
        article = soup.select_one("article")
        for tag in article.find_all(True):
            for attr in ("href", "src"):
                assert not str(tag.get(attr, "")).lower().startswith(("javascript:", "data:")), tag
        assert not article.find_all(["iframe", "img", "object", "embed"]), url
        scripts = [s.get("src", "") for s in article.find_all("script")]
        assert all(s.endswith("assets/javascripts/testimonial-filter.js") for s in scripts), scripts
        assert "site_name:" not in soup.get_text(), f"{url}: a snippet was included"
        assert HOSTILE_BUT_VALID["who"] in soup.get_text(), f"{url}: the name is not shown as typed"
    permalink = page(out, "testimonials/mallory/")
    assert permalink.title.get_text().startswith(HOSTILE_BUT_VALID["who"])
    assert heading_text(permalink.select_one("article h1")) == HOSTILE_BUT_VALID["who"]
    assert permalink.find("link", rel="canonical")["href"].endswith("/testimonials/mallory/")
    text = permalink.select_one("article").get_text()
    assert HOSTILE_BUT_VALID["role"] in text and '--8<-- "mkdocs.yml"' in text
    assert HOSTILE_BUT_VALID["what_happened_next"] in text


# --- the built site -----------------------------------------------------------------------------


def test_listing_shows_every_testimonial_with_its_permalink(site: Path) -> None:
    data = load_site(ROOT)
    soup = page(site, "testimonials/")
    items = soup.select("ul.ns-testimonials > li")
    links = {li.select_one("a.ns-t__who")["href"] for li in items}
    assert links == {f"{i}/" for i in data.testimonials}
    for li in items:
        ident = li.select_one("a.ns-t__who")["href"].rstrip("/")
        assert li["data-themes"].split() == list(data.testimonials[ident].themes)
        assert (site / "testimonials" / ident / "index.html").is_file()
    chips = soup.select(".ns-filter button[data-theme]")
    assert [c["data-theme"] for c in chips] == list(data.themes)
    assert all(c["aria-pressed"] == "false" and c.name == "button" for c in chips)
    assert soup.select_one(".ns-filter").has_attr("hidden"), "chips are hidden until JS shows them"


def test_permalink_page_has_the_whole_testimonial_and_its_own_address(site: Path) -> None:
    soup = page(site, "testimonials/beth-barnes/")
    assert heading_text(soup.select_one("article h1")) == "Beth Barnes"
    assert soup.title.get_text().startswith("Beth Barnes")
    assert soup.find("link", rel="canonical")["href"].endswith("/testimonials/beth-barnes/")
    assert soup.find("meta", property="og:url")["content"].endswith("/testimonials/beth-barnes/")
    text = soup.select_one("article").get_text(" ")
    assert "very junior operations assistant role" in text
    hrefs = [a["href"] for a in soup.select("article a")]
    assert "../../posts/evaluations-are-noisy/#beth-barnes" in hrefs
    assert any(h.startswith("https://www.alignmentforum.org/") for h in hrefs)
    quote = soup.select_one("article blockquote")
    assert quote.find_all("p")[-1].get_text() == "— Beth Barnes"
    assert not (site / "testimonials" / "_entry").exists()
    assert "testimonials/beth-barnes/" in (site / "sitemap.xml").read_text()
    assert "_entry" not in (site / "sitemap.xml").read_text()


def test_anonymous_testimonial_shows_no_name(site: Path) -> None:
    soup = page(site, "testimonials/senior-researcher-first-impressions/")
    assert heading_text(soup.select_one("article h1")).startswith("Anonymous: A senior")
    assert soup.select_one("article blockquote").find_all("p")[-1].get_text() == "— Anonymous"


def test_theme_pages_list_exactly_their_testimonials(site: Path) -> None:
    data = load_site(ROOT)
    for theme in data.themes:
        soup = page(site, f"themes/{theme}/")
        section = soup.find("h2", id="testimonials")
        assert section is not None, theme
        listed = set()
        for sibling in section.find_next_siblings():
            if sibling.name == "h2":
                break
            listed |= {a["href"].split("/")[-2] for a in sibling.select("a.ns-t__who")}
        mine = {i for i, t in data.testimonials.items() if theme in t.themes}
        assert listed == mine, theme
        more = section.find_next("a", href=re.compile(r"testimonials/\?theme="))
        assert more["href"] == f"../../testimonials/?theme={theme}"


def test_testimonial_pages_stay_out_of_the_navigation(site: Path) -> None:
    soup = page(site, "testimonials/")
    nav = soup.select_one("nav.md-nav--primary")
    hrefs = [a["href"] for a in nav.find_all("a", href=True)]
    assert any(h.rstrip("/").endswith("testimonials") or h in ("./", ".") for h in hrefs)
    assert not [h for h in hrefs if re.search(r"testimonials/[a-z0-9-]+/?$", h)], hrefs


def test_listings_paginate_and_the_navigation_does_not_grow(
    site: Path, tree: Path, tmp_path: Path
) -> None:
    for n in range(230):
        write(
            tree,
            f"synthetic-{n:03d}.yml",
            good(who=f"Person {n}", shared_on=f"2020-01-{n % 28 + 1:02d}"),
        )
    out = tmp_path / "site"
    result = build(tree, out)
    assert result.returncode == 0, result.stdout + result.stderr
    total = len(load_site(tree).testimonials)
    seen: list[str] = []
    for number, url in enumerate(
        ("testimonials/", "testimonials/page/2/", "testimonials/page/3/"), 1
    ):
        soup = page(out, url)
        items = soup.select("ul.ns-testimonials > li a.ns-t__who")
        assert 0 < len(items) <= 100, url
        seen += [a["href"].rstrip("/").split("/")[-1] for a in items]
        assert all((out / url / a["href"] / "index.html").is_file() for a in items), url
        assert soup.select_one("nav.ns-pages [aria-current=page]").get_text() == str(number)
    assert len(seen) == total == len(set(seen))
    assert not (out / "testimonials/page/4").exists()
    for url in ("", "testimonials/"):
        big, small = page(out, url), page(site, url)
        assert len(big.select("nav.md-nav--primary a")) == len(
            small.select("nav.md-nav--primary a")
        )


# --- contributing -----------------------------------------------------------------------------


def test_scaffold_writes_a_file_that_validates(tree: Path) -> None:
    args = [
        sys.executable,
        "scripts/new_testimonial.py",
        "--id",
        "rejected-twice",
        "--who",
        "anonymous",
        "--role",
        "Engineer applying to programmes",
        "--themes",
        "applications,self-assessment",
        "--setback",
        "Rejected from MATS twice",
        "--setback",
        "Decided I was not smart enough",
        "--next",
        "Got in on the third try.",
        "--consent-statement",
        "I am the person in this testimonial and agree to its publication.",
    ]
    result = subprocess.run(
        args, cwd=tree, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 0, result.stderr
    path = tree / DIR / "rejected-twice.yml"
    assert path.read_text().splitlines()[0] == SCHEMA_LINE.strip()
    t = load_site(tree).testimonials["rejected-twice"]
    assert t.anonymous and t.setbacks == (
        "Rejected from MATS twice",
        "Decided I was not smart enough",
    )


def test_scaffold_refuses_bad_flags_and_writes_nothing(tree: Path) -> None:
    args = [
        sys.executable,
        "scripts/new_testimonial.py",
        "--id",
        "typo",
        "--who",
        "A",
        "--role",
        "B",
        "--themes",
        "aplications",
        "--setback",
        "C",
        "--next",
        "D",
        "--consent-statement",
        "I am the person in this testimonial and agree to it.",
    ]
    result = subprocess.run(
        args, cwd=tree, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 1
    assert "unknown theme 'aplications'; fix: did you mean 'applications'?" in result.stderr
    assert not (tree / DIR / "typo.yml").exists()
    missing = subprocess.run(
        args[:4], cwd=tree, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert missing.returncode == 2 and "missing --who" in missing.stderr


def test_contributing_example_is_a_valid_testimonial(tree: Path) -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text()
    name = re.search(r"`data/testimonials/([a-z0-9-]+\.yml)`:\n\n```yaml\n", text)
    example = text[name.end() : text.index("```", name.end())]
    write(tree, name.group(1), text=example)
    assert name.group(1).removesuffix(".yml") in load_site(tree).testimonials
    assert "64 KiB" in text


def test_issue_form_asks_for_every_required_field() -> None:
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/testimonial.yml").read_text())
    ids = {item.get("id") for item in form["body"]}
    schema = yaml.safe_load((ROOT / "data/schemas/testimonial.schema.json").read_text())
    assert set(schema["required"]) <= ids
    assert (ROOT / ".github/PULL_REQUEST_TEMPLATE.md").read_text().count("- [ ]") >= 3


def test_names_and_roles_are_direction_isolated_everywhere_they_are_listed(site: Path) -> None:
    """A right-to-left name must not run into the role or the next entry beside it."""
    for url in ("testimonials/", "themes/applications/", "testimonials/beth-barnes/"):
        soup = page(site, url)
        for who in soup.select(".ns-t__who"):
            assert who.find("bdi"), f"{url}: {who}"
        for role in soup.select(".ns-t__role"):
            assert role.name == "bdi" or role.find("bdi"), f"{url}: {role}"
    quote = page(site, "testimonials/jay-bailey/").select_one("article blockquote")
    assert quote.find("bdi") and quote.find("p", dir="auto")


def test_a_summarised_testimonial_keeps_their_words_and_ours_apart(site: Path) -> None:
    article = page(site, "testimonials/jay-bailey/").select_one("article")
    voices = [p.get_text(" ", strip=True) for p in article.select(".ns-voice")]
    assert voices[0].startswith("In our words") and voices[-1] == "In their words:"
    assert heading_text(article.find(id="lesson")) == "Our note"
    meta_line = article.select_one(".ns-t__meta").get_text(" ", strip=True)
    assert meta_line.startswith("First published 2024-01-09"), meta_line


def test_cc_by_post_is_credited_with_its_licence_wherever_it_is_summarised(site: Path) -> None:
    deed = "https://creativecommons.org/licenses/by/4.0/"
    sources = yaml.safe_load((ROOT / "data/sources.yml").read_text(encoding="utf-8"))["sources"]
    post = sources["reflections-on-my-first-year"]
    header = page(site, "posts/reflections-on-my-first-year/").select_one(".ns-source")
    testimonial = page(site, "testimonials/jay-bailey/").select_one("article")
    credits = page(site, "lessons/").find(id="credits").find_next("ul")
    for where in (header, testimonial, credits):
        text = " ".join(where.get_text(" ").split())
        assert where.find("a", href=deed), where
        assert where.find("a", href=post["url"]), where
        assert "adapts" in text or "adapted" in text, text
    assert "Jay Bailey" in credits.get_text() and post["title"] in credits.get_text()
