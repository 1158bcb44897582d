"""Safe YAML loading that remembers line numbers and refuses what PyYAML lets through silently.

PyYAML accepts duplicate keys (last wins) and expands aliases without limit; contributors' files
must do neither. Every value's line is recorded so schema errors can point at it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 64 * 1024
"""Largest data file accepted: a testimonial is a few hundred words; 64 KiB is far beyond honest use."""

JsonPath = tuple[str | int, ...]

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LOADER = yaml.SafeLoader("")


@dataclass
class YamlDoc:
    """A loaded YAML document with the 1-based line of every node, keyed by its JSON path."""

    data: Any
    lines: dict[JsonPath, int] = field(default_factory=dict)

    def line(self, path: JsonPath) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class YamlProblem(Exception):
    """The file cannot be read as data at all; carries the one problem that says why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def _build(node: yaml.Node, path: JsonPath, doc: YamlDoc, file: str, offset: int) -> Any:
    doc.lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(
                    Problem(
                        file,
                        key_node.start_mark.line + 1 + offset,
                        _dotted(path),
                        "a key must be plain text",
                        "write the key as a simple word such as `who:`",
                    )
                )
            key = key_node.value
            if key in out:
                first = doc.lines[(*path, key)]
                raise YamlProblem(
                    Problem(
                        file,
                        key_node.start_mark.line + 1 + offset,
                        _dotted((*path, key)),
                        f"duplicate key (first set on line {first})",
                        "keep one of the two; YAML would silently drop the first",
                    )
                )
            doc.lines[(*path, key)] = key_node.start_mark.line + 1 + offset
            out[key] = _build(value_node, (*path, key), doc, file, offset)
            doc.lines[(*path, key)] = key_node.start_mark.line + 1 + offset
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, file, offset) for i, item in enumerate(node.value)]
    return _scalar(node, file, offset)


def _scalar(node: yaml.Node, file: str, offset: int) -> Any:
    """Construct one scalar the safe way; dates become ISO strings so schemas see plain JSON."""
    construct = _LOADER.yaml_constructors.get(node.tag)
    if construct is None:
        raise YamlProblem(
            Problem(
                file,
                node.start_mark.line + 1 + offset,
                "(file)",
                f"unsupported YAML tag {node.tag}",
                "remove the tag and write a plain value",
            )
        )
    value = construct(_LOADER, node)
    return value.isoformat() if isinstance(value, datetime.date) else value


def _dotted(path: JsonPath) -> str:
    return ".".join(str(p) for p in path) or "(file)"


def parse_yaml(text: str, file: str, *, line_offset: int = 0) -> YamlDoc:
    """Parse `text` (already decoded) into a YamlDoc, refusing aliases and duplicate keys."""
    try:
        for event in yaml.parse(text, Loader=_FAST):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise YamlProblem(
                    Problem(
                        file,
                        mark.line + 1 + line_offset,
                        "(file)",
                        "YAML anchors and aliases (& and *) are not allowed",
                        "write the value out in full where it is needed",
                    )
                )
        node = yaml.compose(text, Loader=_FAST)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 + line_offset if mark else None
        col = f", column {mark.column + 1}" if mark else ""
        raise YamlProblem(
            Problem(
                file,
                line,
                "(file)",
                f"invalid YAML{col}: {err.problem or err}",
                "check indentation and quote text that contains a colon followed by a space",
            )
        ) from None
    except yaml.YAMLError as err:
        raise YamlProblem(
            Problem(file, None, "(file)", f"invalid YAML: {err}", "fix the YAML syntax")
        ) from None
    doc = YamlDoc(None)
    if node is None:
        return doc
    doc.data = _build(node, (), doc, file, line_offset)
    return doc


def read_text(path: Path, file: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Read a data file as UTF-8 text, refusing oversized, empty or non-UTF-8 files."""
    size = path.stat().st_size
    if size > max_bytes:
        raise YamlProblem(
            Problem(
                file,
                None,
                "(file)",
                f"file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                "shorten it; a data file this large is almost certainly a mistake",
            )
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlProblem(
            Problem(
                file,
                line,
                "(file)",
                f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start})",
                "save the file as UTF-8",
            )
        ) from None
    if not text.strip():
        raise YamlProblem(Problem(file, None, "(file)", "file is empty", "fill in the fields"))
    return text.removeprefix("\ufeff")


def load_yaml(path: Path, file: str, *, max_bytes: int = MAX_BYTES) -> YamlDoc:
    """Read and parse one YAML data file; raises YamlProblem with FILE:LINE when it cannot."""
    doc = parse_yaml(read_text(path, file, max_bytes=max_bytes), file)
    if doc.data is None:
        raise YamlProblem(Problem(file, None, "(file)", "file holds no data", "fill in the fields"))
    return doc
