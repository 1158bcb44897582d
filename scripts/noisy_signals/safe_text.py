"""Contributors' text is untrusted: check it for markup at validation, and render it safely anyway.

Two independent defences. `problems_in()` rejects raw HTML, attribute lists, non-http(s) links and
invisible control characters with a contributor-readable reason. `to_html()` renders a small
Markdown subset (paragraphs, *emphasis*, **bold**, `code`, [links](https://...)) by escaping
everything first and only then adding its own tags, so even text that slipped past validation can
produce no element, attribute or URL scheme other than those. The HTML it returns is a single line
that starts with a tag, so when it is placed in a page's Markdown as a raw HTML block no Markdown
extension (attr_list, snippets, fences, abbreviations) ever sees the contributor's text.
"""

from __future__ import annotations

import html
import re
import unicodedata

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
SAFE_URL = re.compile(r"^https?://[^\s\"'<>()\\]+$")
FIX_MARKUP = (
    "write plain text; *emphasis*, **bold**, `code` and [text](https://...) links are allowed"
)


def problems_in(text: str) -> list[tuple[str, str]]:
    """(problem, fix) for every kind of markup or hidden character this text must not carry."""
    found: list[tuple[str, str]] = []
    if RAW_HTML.search(text):
        tag = RAW_HTML.search(text).group(0)  # type: ignore[union-attr]
        found.append((f"raw HTML is not allowed (found `{tag}`)", FIX_MARKUP))
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
                f"link target '{target}' is not an http(s) address",
                "link only to https:// addresses, or remove the link",
            )
        )
    if SCRIPT_SCHEME.search(text) and not bad:
        found.append(
            ("`javascript:`-style addresses are not allowed", "remove it; link only to https://")
        )
    hidden = sorted(set(INVISIBLE.findall(text)))
    if hidden:
        names = ", ".join(f"U+{ord(c):04X}" for c in hidden)
        found.append((f"invisible control characters ({names})", "retype the text without them"))
    return found


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
    return INVISIBLE.sub("", text)
