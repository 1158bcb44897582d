"""The Content-Security-Policy of every page (scripts/noisy_signals/finish.py): the pure function that
writes it, and the built site carrying it, with nothing in our templates that it would refuse."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from noisy_signals.finish import add_policy, inline_scripts, policy
from site_html import pages

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>t</title>
    <script>var a = 1;</script>
    <script src="x.js"></script>
    <script id="__config" type="application/json">{"a": 1}</script>
    <script type="module">import "./m.js";</script>
  </head>
  <body><p>Hello</p><script>
    console.log("two lines");
  </script></body>
</html>
"""
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(page_html: str) -> dict[str, list[str]]:
    match = META.search(page_html)
    assert match, "no policy"
    out = {}
    for part in match.group(1).split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def test_policy_is_the_first_element_of_head_after_the_charset() -> None:
    out = add_policy(PAGE)
    head = out[out.index("<head>") + len("<head>") :].lstrip()
    first, second = head.splitlines()[:2]
    assert first == '<meta charset="utf-8">'
    assert second.startswith('<meta http-equiv="Content-Security-Policy"')
    assert out.replace(second + "\n", "", 1) == PAGE, "anything else was changed"


def test_without_a_charset_the_policy_opens_head() -> None:
    out = add_policy("<html><head><title>t</title></head><body></body></html>")
    assert out.startswith('<html><head>\n<meta http-equiv="Content-Security-Policy"')


def test_scripts_allowed_are_exactly_the_inline_scripts_that_run() -> None:
    got = directives(add_policy(PAGE))
    runs = ["var a = 1;", 'import "./m.js";', '\n    console.log("two lines");\n  ']
    assert inline_scripts(PAGE) == runs  # not the src= one, not the JSON data block
    assert got["script-src"] == ["'self'", *(sha(s) for s in runs)]


def test_nothing_unsafe_and_nothing_off_the_site() -> None:
    got = directives(add_policy(PAGE))
    text = " ".join(v for values in got.values() for v in values)
    assert "'unsafe-inline'" not in text and "'unsafe-eval'" not in text
    assert got["default-src"] == ["'self'"]
    assert got["object-src"] == ["'none'"]
    assert got["base-uri"] == ["'self'"]
    assert got["img-src"] == ["'self'", "data:"]
    assert got["style-src"] == ["'self'"]
    assert not re.search(r"https?:|\*", text), text


def test_inline_styles_are_allowed_by_hash_only_where_the_page_has_them() -> None:
    assert "style-src-attr" not in directives(add_policy(PAGE))
    table = PAGE.replace("<p>Hello</p>", '<th style="text-align: right;">a</th><style>p{}</style>')
    got = directives(add_policy(table))
    assert got["style-src-attr"] == ["'unsafe-hashes'", sha("text-align: right;")]
    assert got["style-src"] == ["'self'", sha("p{}")]


def test_same_input_same_policy_and_applying_twice_changes_nothing() -> None:
    once = add_policy(PAGE)
    assert add_policy(PAGE) == once
    assert add_policy(once) == once
    assert policy(PAGE) == policy(once)


def test_a_carriage_return_is_hashed_as_the_browser_parses_it() -> None:
    assert policy(PAGE.replace("\n", "\r\n")) == policy(PAGE)


def test_a_document_without_head_is_left_alone() -> None:
    assert add_policy("<p>fragment</p>") == "<p>fragment</p>"


def test_every_built_page_carries_its_policy_first(site: Path) -> None:
    checked = 0
    for url, soup in pages(site):
        if url.startswith("assets/"):
            continue
        head = [t for t in soup.head.children if getattr(t, "name", None)]
        first = head[1] if head[0].get("charset") else head[0]
        assert first.get("http-equiv") == "Content-Security-Policy", url
        text = (site / (url if url.endswith(".html") else f"{url}index.html")).read_text("utf-8")
        allowed = re.findall(r"'sha256-[^']+'", first["content"].split(";")[1])
        assert allowed == list(dict.fromkeys(sha(s) for s in inline_scripts(text))), url
        checked += 1
    assert checked > 20


def test_built_pages_have_no_inline_handlers_or_javascript_urls(site: Path) -> None:
    problems = []
    for url, soup in pages(site):
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                if name.lower().startswith("on"):
                    problems.append(f"{url}: <{tag.name} {name}>")
                text = " ".join(value) if isinstance(value, list) else str(value)
                if text.strip().lower().startswith("javascript:"):
                    problems.append(f"{url}: <{tag.name} {name}={text!r}>")
    assert not problems, problems
