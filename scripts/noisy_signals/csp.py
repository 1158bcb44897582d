"""A Content-Security-Policy for each built page, as a <meta> tag (GitHub Pages sets no headers).

Defence in depth: testimonials are untrusted text, rendered escaped (safe_text.py); if something
ever slipped through, the browser would still refuse to run it. The policy lets a page load
only from the site itself, and run only the site's script files plus the inline scripts the page
was built with, each allowed by its SHA-256 hash ('unsafe-inline' and 'unsafe-eval' never appear).
Inline style attributes (Markdown's aligned table cells) are allowed the same way, by hash.

`add_policy` is a pure function of the page's HTML; `add_policy_to_site` applies it to every
.html file of a built site and must run last, after anything else that writes pages.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

# Script types a browser executes; any other type (application/json, ld+json) is inert data.
_SCRIPT_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
}
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"\s*<meta\s+charset=[^>]*>", re.I)
_EXISTING = re.compile(r"\s*<meta\s+http-equiv=[\"']?Content-Security-Policy[\"']?[^>]*>", re.I)


class _Inline(HTMLParser):
    """Collects what a policy must allow by hash: inline scripts, <style> blocks, style=""."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attrs: list[str] = []
        self._into: list[str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("style") is not None:
            self.style_attrs.append(found["style"] or "")
        runs = "src" not in found and (found.get("type") or "").strip().lower() in _SCRIPT_TYPES
        if tag == "script" and runs:
            self._into, self._text = self.scripts, []
        elif tag == "style":
            self._into, self._text = self.styles, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("style") is not None:
            self.style_attrs.append(found["style"] or "")

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._into is not None and tag in ("script", "style"):
            self._into.append("".join(self._text))
            self._into = None


def _inline(page_html: str) -> _Inline:
    parser = _Inline()
    parser.feed(page_html)
    parser.close()
    return parser


def _hash(text: str) -> str:
    """A CSP hash source for `text` as the browser sees it (the parser turns CRLF into LF)."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return "'sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii") + "'"


def inline_scripts(page_html: str) -> list[str]:
    """The text of every inline script the browser would run, in page order."""
    return _inline(page_html).scripts


def style_attributes(page_html: str) -> list[str]:
    """The value of every style="..." attribute in the page's markup, in page order."""
    return _inline(page_html).style_attrs


def policy(page_html: str) -> str:
    """The page's Content-Security-Policy, allowing exactly what the page itself carries."""
    found = _inline(page_html)
    scripts = _unique(found.scripts)
    styles = _unique(found.styles)
    attrs = _unique(found.style_attrs)
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        " ".join(["style-src 'self'", *styles]),
    ]
    if attrs:
        directives.append(" ".join(["style-src-attr 'unsafe-hashes'", *attrs]))
    directives += [
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def _unique(texts: list[str]) -> list[str]:
    """Their hashes, each once, in first-seen order."""
    return list(dict.fromkeys(_hash(t) for t in texts))


def add_policy(page_html: str) -> str:
    """`page_html` with its Content-Security-Policy <meta> as the first element of <head>, right
    after <meta charset> (the policy covers only what comes after it). A policy already there is
    replaced, so applying this twice changes nothing. A document without <head> is returned as is."""
    head = _HEAD.search(page_html)
    if head is None:
        return page_html
    page_html = page_html[: head.end()] + _EXISTING.sub("", page_html[head.end() :], count=1)
    head = _HEAD.search(page_html)
    assert head is not None
    at = head.end()
    charset = _CHARSET.match(page_html, at)
    if charset:
        at = charset.end()
    tag = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(page_html), quote=False)}">'
    return f"{page_html[:at]}\n{tag}{page_html[at:]}"


def add_policy_to_site(site_dir: Path) -> int:
    """Add the policy to every .html file under `site_dir`; return how many were written."""
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        new = add_policy(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            count += 1
    return count
