"""'Send this to someone' on theme pages: a kind message with the page's link, ready to copy.

The message is plain text in the page, so it can be selected and copied without JavaScript; the
Copy button (hidden until permalinks.js wires it up) only saves the selecting.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from .load import load_checked
from .problems import DataError, Problem, did_you_mean

SHARE = "data/share.yml"
FIRST_H2 = re.compile(r"^## ", re.M)


def load(root: Path, themes: Iterable[str]) -> dict[str, str]:
    """The message for each theme id; raise DataError when one is missing or unknown."""
    problems: list[Problem] = []
    doc = load_checked(root, SHARE, "share", problems)
    if doc is None:
        raise DataError(problems)
    messages: dict[str, str] = doc.data["messages"]
    known = set(themes)
    for theme in messages:
        if theme not in known:
            problems.append(
                Problem(
                    SHARE,
                    doc.line(("messages", theme)),
                    f"messages.{theme}",
                    f"unknown theme '{theme}'",
                    did_you_mean(theme, known),
                )
            )
    for theme in sorted(known - set(messages)):
        problems.append(
            Problem(
                SHARE,
                doc.line(("messages",)),
                f"messages.{theme}",
                "this theme has no message",
                f"add `{theme}: I thought this might help ...`",
            )
        )
    if problems:
        raise DataError(problems)
    return messages


def send_block(message: str, url: str) -> str:
    """The block's HTML: a visible, selectable message with the link, and a Copy button."""
    text = html.escape(f"{message}: {url}")
    return (
        '<div class="ns-send">\n'
        '<p class="ns-send__title"><strong>Send this to someone</strong> who is going through '
        "this. Copy the message, or select it:</p>\n"
        f'<p class="ns-send__message" id="ns-send-message">{text}</p>\n'
        '<button type="button" class="md-button ns-send__copy" data-ns-copy="ns-send-message" '
        "hidden>Copy message</button>\n"
        "</div>\n"
    )


def add_send_block(markdown: str, message: str, url: str) -> str:
    """Put the block after the page's introduction, before its first `##` section."""
    block = send_block(message, url)
    match = FIRST_H2.search(markdown)
    if not match:
        return f"{markdown.rstrip()}\n\n{block}"
    return f"{markdown[: match.start()]}{block}\n{markdown[match.start() :]}"
