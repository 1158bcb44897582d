"""Loads data/testimonials/<id>.yml: one contributor's file each, every problem in every file reported.

A contributor's whole job is one small YAML file, so every mistake must come back as
FILE:LINE: field: problem; fix: how, and one bad file must never hide the problems in another.
Their text is untrusted: `problems_in()` refuses markup and hidden characters at validation, and
`to_html()` renders it safely anyway (the second half of this module says how).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model import GuidePage, SectionRef, Testimonial
from .problems import Problem, Report, did_you_mean
from .yamlfile import YamlDoc, YamlProblem, check_schema, date_problem, excerpt, guarded, load_yaml

DIR = "data/testimonials"
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/testimonial.schema.json"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
RESERVED = {"page"}
"""Ids that would collide with the listing's own URLs (/testimonials/page/<n>/)."""
TEXT_FIELDS = ("who", "role", "what_happened_next", "lesson", "quote")
"""Fields holding contributor text that ends up on the site (setbacks and consent are added below)."""


def _suggest_name(name: str) -> str:
    """A valid file name close to the one given: `Ada Story.yaml` -> `ada-story`."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return "-".join(re.findall(r"[a-z0-9]+", stem.lower())) or "your-testimonial"


def _name_problems(path: Path, rel: str) -> list[Problem]:
    """The file name is the id and the page's address, so it must be a readable slug."""
    report = Report(rel)
    if path.suffix == ".yml" and path.stem in RESERVED:
        report.at(
            (),
            f"'{path.stem}' is reserved: /testimonials/{path.stem}/ is used by the listing's own "
            "pages, so no testimonial can have that id",
            f"rename it to {path.stem}-story.yml, or better, a few words about the story",
            field="(file name)",
        )
    elif not (path.suffix == ".yml" and ID.match(path.stem)):
        suggestion = _suggest_name(path.name)
        report.at(
            (),
            f"'{excerpt(path.name)}' is not a testimonial file name (lowercase letters, digits and "
            "hyphens, ending in .yml; the name is the testimonial's id and URL)",
            f"rename it to {suggestion}{'-story' if suggestion in RESERVED else ''}.yml",
            field="(file name)",
        )
    return report.problems


def _check_date(report: Report, data: dict[str, Any]) -> None:
    """`shared_on` written in quotes gets past YAML's own date reading; check it names a real day."""
    shared_on = data.get("shared_on")
    why = date_problem(shared_on) if isinstance(shared_on, str) else None
    if why is not None:
        report.at(
            ("shared_on",),
            f"'{shared_on}' is not a real date: {why}",
            "write a date that exists, as YYYY-MM-DD",
        )


def _check_text(report: Report, data: dict[str, Any]) -> None:
    """Markup in any text that reaches the page, located at the line of the offending value."""
    setbacks = data.get("setbacks")
    fields: list[tuple[str | int, ...]] = [(f,) for f in TEXT_FIELDS]
    fields += [("setbacks", i) for i in range(len(setbacks) if isinstance(setbacks, list) else 0)]
    fields.append(("consent", "statement"))
    for path in fields:
        value: Any = data
        for key in path:
            if isinstance(value, dict):
                value = value.get(key)
            elif isinstance(value, list) and isinstance(key, int) and key < len(value):
                value = value[key]
            else:
                value = None
        if isinstance(value, str):
            for message, fix in problems_in(value):
                report.at(path, message, fix)


def guide_headings(guides: dict[str, GuidePage]) -> dict[str, str]:
    """Every linkable guide heading as posts/<slug>#<id>, with its title."""
    return {f"posts/{g.slug}#{h.id}": h.title for g in guides.values() for h in g.headings if h.id}


def _guide_slug(ref: str) -> str:
    return ref.removeprefix("posts/").split("#")[0]


def check(
    doc: YamlDoc,
    rel: str,
    themes: Iterable[str],
    headings: dict[str, str],
    first_line: str,
    unchecked: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every problem in one parsed testimonial beyond the file name and the YAML syntax.

    `unchecked` names guide pages that exist but failed to load: their own problems are reported,
    and a link into them is not reported again as a missing heading.
    """
    report = Report(rel, doc, check_schema(doc, "testimonial", rel))
    data = doc.data
    if not isinstance(data, dict):
        return report.problems
    themes = set(themes)
    listed = data.get("themes")
    for i, theme in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(theme, str) and theme not in themes:
            why = f"unknown theme '{excerpt(theme)}'"
            report.at(("themes", i), why, did_you_mean(theme, themes), field="themes")
    _check_date(report, data)
    consent = data.get("consent")
    if isinstance(consent, dict) and len(consent) != 1:
        report.at(
            ("consent",),
            "give exactly one of public_url or statement" + (" (both given)" if consent else ""),
            "`public_url: https://...` where the person published it, or "
            "`statement: I am ... and agree to its publication on Noisy Signals.`",
        )
    if "quote" in data and "source" not in data:
        report.at(
            ("quote",),
            "a quote needs the source it is copied from",
            "add `source: https://...`, or move the text into what_happened_next",
        )
    ref = data.get("guide_section")
    if isinstance(ref, str) and ref not in headings and _guide_slug(ref) not in unchecked:
        why = f"'{excerpt(ref)}' is not a heading of a guide page"
        report.at(("guide_section",), why, did_you_mean(ref, headings))
    _check_text(report, data)
    if first_line.strip() != SCHEMA_LINE:
        report.at(
            (),
            "the first line is not the schema reference",
            f"make line 1 `{SCHEMA_LINE}` so editors can check the fields",
            line=1,
        )
    return report.problems


def load_one(
    path: Path,
    rel: str,
    themes: Iterable[str],
    headings: dict[str, str],
    unchecked: frozenset[str] = frozenset(),
) -> tuple[Testimonial | None, list[Problem]]:
    """Load and check one file; (testimonial, []) when it is good, (None, problems) otherwise."""
    bad_name = _name_problems(path, rel)
    try:
        doc = load_yaml(path, rel)
    except YamlProblem as err:
        return None, [*bad_name, err.problem]
    with path.open(encoding="utf-8-sig") as fh:
        first_line = fh.readline()
    found = bad_name + check(doc, rel, themes, headings, first_line, unchecked)
    if found:
        return None, found
    d = doc.data
    return Testimonial(
        path.stem,
        rel,
        d["who"].strip(),
        d["role"].strip(),
        tuple(d["themes"]),
        tuple(s.strip() for s in d["setbacks"]),
        d["what_happened_next"].strip(),
        d.get("lesson", "").strip(),
        d.get("quote", "").strip(),
        d.get("source", ""),
        SectionRef.parse(d.get("guide_section", "")),
        d.get("shared_on", ""),
    ), []


def load_all(
    root: Path, themes: Iterable[str], guides: dict[str, GuidePage]
) -> tuple[dict[str, Testimonial], list[Problem]]:
    """Every testimonial under data/testimonials/, and every problem in any of them."""
    folder = root / DIR
    themes = set(themes)
    headings = guide_headings(guides)
    unchecked = frozenset(p.stem for p in (root / "docs" / "posts").glob("*.md")) - set(guides)
    loaded: dict[str, Testimonial] = {}
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith(".") or path.is_dir():
            continue
        rel = path.relative_to(root).as_posix()
        (testimonial, found), crashed = guarded(
            rel, load_one, path, rel, themes, headings, unchecked, default=(None, [])
        )
        problems += found + crashed
        if testimonial:
            loaded[testimonial.id] = testimonial
    return loaded, problems


# Contributors' text ---------------------------------------------------------------------------
# Contributors' text is untrusted: check it for markup at validation, and render it safely anyway.
#
# Two independent defences. `problems_in()` rejects raw HTML, attribute lists, non-http(s) links and
# invisible control characters with a contributor-readable reason that names the character and
# where it is. `to_html()` renders a small
# Markdown subset (paragraphs, *emphasis*, **bold**, `code`, [links](https://...)) by escaping
# everything first and only then adding its own tags, so even text that slipped past validation can
# produce no element, attribute or URL scheme other than those. The HTML it returns is a single line
# that starts with a tag, so when it is placed in a page's Markdown as a raw HTML block no Markdown
# extension (attr_list, snippets, fences, abbreviations) ever sees the contributor's text.
#
# Real names need some invisible characters, so these are kept where real text uses them, and only
# there: the zero-width joiner (U+200D) inside emoji sequences (`👩‍🔬`), the zero-width joiner and
# non-joiner (U+200C) between letters of scripts that use them (Persian `نیک‌نام`, Indic scripts),
# emoji tag sequences (the flags of England, Scotland, Wales) and one variation selector after a
# visible character (`❤️`). Bidi overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069),
# zero-width spaces, other format and control characters, and joiners anywhere else are refused by
# `problems_in()` and stripped by the renderer.


RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][\w-]*")
ATTR_LIST = re.compile(r"\{\s*:|\{\s*[.#][A-Za-z_]|\{[^}\n]*\b[A-Za-z_-]+\s*=")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
REFERENCE_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S*?)>?\s*$", re.M)
SCRIPT_SCHEME = re.compile(r"(?:java|vb)\s*script\s*:|data\s*:\s*text/html", re.I)
INVISIBLE = re.compile(
    "["
    + "".join(
        re.escape(chr(c))
        for c in range(0x30000)
        if chr(c) not in "\n\t" and unicodedata.category(chr(c)) in ("Cc", "Cf")
    )
    + "\U000e0001\U000e0020-\U000e007f]"
)
"""Control and format characters (bidi overrides, zero-width, tag characters) but newline and tab."""
VARIATION_SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_CANDIDATE = re.compile(INVISIBLE.pattern[:-1] + "\ufe00-\ufe0f\U000e0100-\U000e01ef]")
ZWNJ, ZWJ, BLACK_FLAG, CANCEL_TAG = "\u200c", "\u200d", "\U0001f3f4", "\U000e007f"
JOINING_SCRIPTS = (
    (0x0600, 0x08FF),  # Arabic (Persian, Urdu, ...), Syriac, Thaana, N'Ko, Mandaic
    (0x0900, 0x0DFF),  # Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, ...
    (0x0F00, 0x109F),  # Tibetan, Myanmar
    (0x1780, 0x18AF),  # Khmer, Mongolian
    (0xA840, 0xA87F),  # Phags-pa
    (0xA8E0, 0xA8FF),  # Devanagari Extended
    (0xFB50, 0xFDFF),  # Arabic presentation forms A
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
    (0x10D00, 0x10D3F),  # Hanifi Rohingya
    (0x11000, 0x11FFF),  # Brahmi and the historic Indic scripts
)
"""Scripts whose writing uses U+200C/U+200D between letters (Unicode's joining and Indic scripts)."""
PICTOGRAPHIC = (
    (0x00A9, 0x00A9),
    (0x00AE, 0x00AE),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x21AA),
    (0x231A, 0x23FF),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25FE),
    (0x2600, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0x1F000, 0x1FAFF),
    (0x1FC00, 0x1FFFD),
)
"""Unicode's Extended_Pictographic characters (emoji and skin-tone modifiers), by range."""
BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
SAFE_URL = re.compile(r"^https?://[^\s\"'<>()\\]+$")
FIX_MARKUP = (
    "write plain text; *emphasis*, **bold**, `code` and [text](https://...) links are allowed"
)


def problems_in(text: str) -> list[tuple[str, str]]:
    """(problem, fix) for every kind of markup or hidden character this text must not carry."""
    found: list[tuple[str, str]] = []
    if RAW_HTML.search(text):
        tag = RAW_HTML.search(text).group(0)  # type: ignore[union-attr]
        found.append((f"raw HTML is not allowed (found `{excerpt(tag, 30)}`)", FIX_MARKUP))
    if ATTR_LIST.search(text):
        found.append(
            (
                "attribute lists such as `{: onclick=... }` or `{ .class }` are not allowed",
                "remove the braces and what is inside them",
            )
        )
    targets = LINK_TARGET.findall(text) + REFERENCE_DEF.findall(text)
    bad = [t for t in targets if not t.lower().startswith(("https://", "http://"))]
    for target in bad:
        found.append(
            (
                f"link target '{excerpt(target)}' is not an http(s) address",
                "link only to https:// addresses, or remove the link",
            )
        )
    if SCRIPT_SCHEME.search(text) and not bad:
        found.append(
            ("`javascript:`-style addresses are not allowed", "remove it; link only to https://")
        )
    hidden = hidden_characters(text)
    if hidden:
        found.append(_hidden_problem(text, hidden))
    return found


def _in(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in ranges)


def _joining_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM" and _in(char, JOINING_SCRIPTS)


def _emoji_before(text: str, i: int) -> bool:
    """Is the character before `i`, skipping one variation selector or tag sequence, an emoji?"""
    j = i - 1
    if j >= 0 and text[j] == CANCEL_TAG:
        while j > 0 and "\U000e0020" <= text[j - 1] <= "\U000e007e":
            j -= 1
        j -= 1
    elif j >= 0 and VARIATION_SELECTOR.match(text[j]):
        j -= 1
    return j >= 0 and _in(text[j], PICTOGRAPHIC)


def _tag_run_ok(text: str, i: int) -> bool:
    """Is the tag character at `i` part of an emoji tag sequence (U+1F3F4, tags, cancel tag)?"""
    start = i
    while start > 0 and "\U000e0020" <= text[start - 1] <= "\U000e007e":
        start -= 1
    end = i if text[i] == CANCEL_TAG else i + 1
    while end < len(text) and "\U000e0020" <= text[end] <= "\U000e007e":
        end += 1
    return (
        start > 0
        and text[start - 1] == BLACK_FLAG
        and end < len(text)
        and text[end] == CANCEL_TAG
        and 1 <= end - start <= 12
    )


def _allowed(text: str, i: int) -> bool:
    """Is the invisible character at `i` one that real text needs right there?"""
    char = text[i]
    after = text[i + 1] if i + 1 < len(text) else ""
    before = text[i - 1] if i > 0 else ""
    if char in (ZWJ, ZWNJ):
        if before and after and _joining_letter(before) and _joining_letter(after):
            return True
        return char == ZWJ and bool(after) and _in(after, PICTOGRAPHIC) and _emoji_before(text, i)
    if "\U000e0020" <= char <= "\U000e007f":
        return _tag_run_ok(text, i)
    if VARIATION_SELECTOR.match(char):
        return bool(before) and not (
            before.isspace() or VARIATION_SELECTOR.match(before) or _CANDIDATE.match(before)
        )
    return False


def hidden_characters(text: str) -> list[int]:
    """The positions of invisible characters `text` must not carry (the renderer drops them)."""
    return [m.start() for m in _CANDIDATE.finditer(text) if not _allowed(text, m.start())]


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    if VARIATION_SELECTOR.match(char):
        name += ", not right after a visible character"
    elif char in (ZWJ, ZWNJ):
        name += ", outside an emoji sequence or a word in a script that joins letters"
    return f"U+{ord(char):04X} ({name})" if name else f"U+{ord(char):04X}"


def _where(text: str, i: int, hidden: set[int]) -> str:
    line_start = text.rfind("\n", 0, i) + 1
    before = "".join(
        c
        for k, c in enumerate(text[line_start:i], line_start)
        if k not in hidden and not _CANDIDATE.match(c)
    )
    before = " ".join(before.split())
    if not before:
        return "at the start" if line_start == 0 else "at the start of a line"
    shown = before if len(before) <= 20 else "…" + before[-19:]
    return f"after '{shown}'"


def _hidden_problem(text: str, hidden: list[int]) -> tuple[str, str]:
    """One (problem, fix) naming each kind of refused character and where it first appears."""
    first: dict[str, int] = {}
    for i in hidden:
        first.setdefault(text[i], i)
    positions = set(hidden)
    listed = [f"{_describe(c)} {_where(text, i, positions)}" for c, i in list(first.items())[:3]]
    if len(first) > 3:
        listed.append(f"and {len(first) - 3} more kinds")
    plural = "s" if len(hidden) > 1 else ""
    message = f"invisible control character{plural}: " + "; ".join(listed)
    it, is_ = ("them", "they are") if plural else ("it", "it is")
    fix = (
        f"delete {it}: {is_} invisible, so delete and retype the characters right after the "
        "quoted text (such characters often come along when copying from a web page, PDF or chat)"
    )
    if any(text[i] in BIDI for i in hidden):
        fix = (
            f"delete {it}: a direction control can make text display differently from what it "
            "says; for right-to-left names just type the letters, browsers order them correctly"
        )
    return message, fix


_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_SLOT = re.compile(r"\x00(\d+)\x00")


def inline_html(text: str) -> str:
    """One paragraph of the Markdown subset as HTML; everything else is shown as typed."""
    text = " ".join(_strip_invisible(text).split())
    slots: list[str] = []

    def keep(fragment: str) -> str:
        slots.append(fragment)
        return f"\x00{len(slots) - 1}\x00"

    text = _CODE.sub(lambda m: keep(f"<code>{html.escape(m.group(1))}</code>"), text)
    text = _LINK.sub(lambda m: keep(_link(m.group(1), m.group(2))), text)
    out = html.escape(text, quote=True)
    out = _STRONG.sub(r"<strong>\1</strong>", out)
    out = _EM.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", out)
    return _SLOT.sub(lambda m: slots[int(m.group(1))], out)


def _link(label: str, url: str) -> str:
    """A link only for an http(s) URL without quotes or brackets; otherwise the text as typed."""
    if not SAFE_URL.match(url):
        return html.escape(f"[{label}]({url})", quote=True)
    text = html.escape(label, quote=True)
    return f'<a href="{html.escape(url, quote=True)}" rel="nofollow ugc noopener">{text}</a>'


def to_html(text: str) -> str:
    """Paragraphs (split on blank lines) of the Markdown subset, as one line of HTML."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(f"<p>{inline_html(p)}</p>" for p in paragraphs)


def plain(text: str) -> str:
    """Text for places that take no markup at all (names, roles): escaped, on one line."""
    return html.escape(" ".join(_strip_invisible(text).split()), quote=True)


def _strip_invisible(text: str) -> str:
    """`text` without the invisible characters problems_in() refuses; allowed joiners stay."""
    drop = hidden_characters(text)
    if not drop:
        return text
    keep = set(range(len(text))) - set(drop)
    return "".join(text[i] for i in sorted(keep))
