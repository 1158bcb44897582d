"""Safe YAML loading that remembers line numbers and refuses what PyYAML lets through silently.

PyYAML accepts duplicate keys (last wins), expands aliases without limit, obeys tags such as
`!!int`, recurses once per nesting level and turns `2024-02-30` into a crash; contributors' files
must do none of that. Every value's line is recorded so schema errors can point at it, and every
refusal is a Problem naming the file and line, never a traceback. `guarded()` is the last line of
defence: it turns anything unexpected while loading one file into a Problem naming that file.
Then `check_schema()` checks the data against its JSON Schema and says each error in the
contributor's words, at the line of the value at fault.
"""

from __future__ import annotations

import calendar
import datetime
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .problems import DataError, Problem, did_you_mean

MAX_BYTES = 64 * 1024
"""Largest data file accepted: a testimonial is a few hundred words; 64 KiB is far beyond honest use."""
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted; the data files need four levels at most."""
EXCERPT = 60
"""Most characters of a contributor's value quoted back in any message."""

JsonPath = tuple[str | int, ...]

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader, libyaml's when the wheel has it: the same parse, several times faster."""
_LOADER = yaml.SafeLoader("")
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_NOT_YAML = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""Characters refused anywhere in a file: those YAML refuses (NUL and the other C0/C1 controls,
U+FFFE, U+FFFF), and the line breaks editors do not show (U+0085, U+2028, U+2029), which would
make YAML's line numbers differ from the editor's."""
_CONTROL_NAMES = {
    0: "a NUL byte",
    0x1B: "an escape character",
    0x7F: "a delete character",
    0x85: "an invisible line break",
    0x2028: "an invisible line break",
    0x2029: "an invisible paragraph break",
}
_BREAK = re.compile("\r\n|\r|\n")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
T = TypeVar("T")


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """`value` on one line, cut to `limit` characters with an ellipsis: never echo long input."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def date_problem(text: str) -> str | None:
    """Why YYYY, YYYY-MM or YYYY-MM-DD `text` names no real date, or None when it does."""
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
        if not 1 <= day <= last:
            return f"{_MONTHS[month - 1]} {year} has {last} days"
    return None


def _char_problem(text: str, index: int, file: str, offset: int) -> YamlProblem:
    """A character YAML refuses, located by line and column and named so it can be found."""
    char = text[index]
    breaks = list(_BREAK.finditer(text, 0, index))
    line = len(breaks) + 1 + offset
    column = index - (breaks[-1].end() if breaks else 0) + 1
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or (
        f"the control character {unicodedata.name(char, '')}".rstrip()
        if unicodedata.name(char, "")
        else "an invisible control character"
    )
    return YamlProblem(
        file,
        line,
        "(file)",
        f"{name} (U+{code:04X}) at column {column}",
        "delete it; it is invisible in most editors, so delete and retype the text around that "
        "column (it often comes from copying out of a PDF or a word processor)",
    )


@dataclass
class YamlDoc:
    """A loaded YAML document with the 1-based line of every node, keyed by its JSON path."""

    data: Any
    lines: dict[JsonPath, int] = field(default_factory=dict)
    raw: dict[JsonPath, str] = field(default_factory=dict)
    """The source text of every unquoted value YAML read as something other than text."""

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

    def __init__(self, file: str, line: int | None, field: str, message: str, fix: str) -> None:
        self.problem = Problem(file, line, field, message, fix)
        super().__init__(str(self.problem))


def _build(node: yaml.Node, path: JsonPath, doc: YamlDoc, file: str, offset: int) -> Any:
    doc.lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(
                    file,
                    key_node.start_mark.line + 1 + offset,
                    _dotted(path),
                    "a key must be plain text",
                    "write the key as a simple word such as `who:`",
                )
            key = key_node.value
            if key in out:
                first = doc.lines[(*path, key)]
                raise YamlProblem(
                    file,
                    key_node.start_mark.line + 1 + offset,
                    _dotted((*path, key)),
                    f"duplicate key (first set on line {first})",
                    "keep one of the two; YAML would silently drop the first",
                )
            doc.lines[(*path, key)] = key_node.start_mark.line + 1 + offset
            out[key] = _build(value_node, (*path, key), doc, file, offset)
            doc.lines[(*path, key)] = key_node.start_mark.line + 1 + offset
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, file, offset) for i, item in enumerate(node.value)]
    value = _scalar(node, path, file, offset)
    if not isinstance(value, str):
        doc.raw[path] = node.value
    return value


def _scalar(node: yaml.Node, path: JsonPath, file: str, offset: int) -> Any:
    """Construct one scalar the safe way; dates become ISO strings so schemas see plain JSON."""
    line = node.start_mark.line + 1 + offset
    construct = _LOADER.yaml_constructors.get(node.tag)
    if construct is None:  # explicit tags are refused while parsing; this is a second fence
        raise YamlProblem(file, line, _dotted(path), f"unsupported YAML tag {node.tag}", _FIX_TAG)
    try:
        value = construct(_LOADER, node)
    except (ValueError, OverflowError, TypeError) as err:
        if node.tag != _TIMESTAMP:
            raise
        why = date_problem(node.value) or excerpt(err)
        raise YamlProblem(
            file,
            line,
            _dotted(path),
            f"'{excerpt(node.value)}' is not a real date: {why}",
            "write a date that exists, as YYYY-MM-DD",
        ) from None
    return value.isoformat() if isinstance(value, datetime.date) else value


_FIX_TAG = "remove the tag; write plain text, in quotes if it could be read as a number or yes/no"


def _dotted(path: JsonPath) -> str:
    return excerpt(".".join(str(p) for p in path), 80) or "(file)"


def _open_path(stack: list[list[Any]]) -> str:
    """The dotted field of the node being read, worked out only when a refusal names it."""
    return _dotted(tuple(excerpt(key, 40) if isinstance(key, str) else key for key, *_ in stack))


def _check_events(text: str, file: str, offset: int) -> None:
    """Refuse aliases, tags and deep nesting from the event stream, before anything is built.

    The parser is iterative, so even 5,000 nested brackets stop here at the first level too deep,
    long before composing (which recurses once per level) could run out of stack. The path of
    each node is tracked so a refusal can name the field.
    """
    stack: list[list[Any]] = []  # per open collection: [key or index, is_mapping, expecting_key]
    for event in yaml.parse(text, Loader=FAST_LOADER):
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        if stack:
            top = stack[-1]
            if not top[1]:
                top[0] = 0 if top[0] is None else top[0] + 1
            elif top[2]:
                top[0] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
            top[2] = top[1] and not top[2]
        line = event.start_mark.line + 1 + offset
        if isinstance(event, yaml.AliasEvent) or event.anchor:
            raise YamlProblem(
                file,
                line,
                _open_path(stack),
                "YAML anchors and aliases (& and *) are not allowed",
                "write the value out in full where it is needed",
            )
        tag = getattr(event, "tag", None)
        if tag:
            shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise YamlProblem(
                file,
                line,
                _open_path(stack),
                f"YAML tags such as `{excerpt(shown, 30)}` are not allowed",
                _FIX_TAG,
            )
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(
                    file,
                    line,
                    _open_path(stack[:1] if stack[0][1] else []),
                    f"lists and fields are nested more than {MAX_DEPTH} levels deep",
                    "the fields nest a level or two at most; look for stray or unclosed "
                    "[ and { brackets, or lines indented too far",
                )
            stack.append([None, isinstance(event, yaml.MappingStartEvent), True])


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, file: str, offset: int) -> YamlProblem:
    """A YAML syntax error in a contributor's words, with the line and column it was found at."""
    mark = err.problem_mark or err.context_mark
    if mark is None:
        return YamlProblem(file, None, "(file)", f"invalid YAML: {excerpt(err, 200)}", "fix it")
    lines = text.splitlines()
    line = min(mark.line + 1, max(len(lines), 1)) + offset  # end of file: its last line
    here = lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""
    problem = str(err.problem or err)
    if here == "\t" or "tab character" in problem:
        return YamlProblem(
            file,
            line,
            "(file)",
            f"a tab at column {mark.column + 1}; YAML cannot be indented with tabs",
            "indent with spaces (two per level, as in the example in CONTRIBUTING.md)",
        )
    if "single document" in problem or "another document" in problem:
        fix = "keep one testimonial per file; remove the `---` line and what follows it"
    elif "mapping values are not allowed" in problem:
        fix = 'text containing ": " (a colon and a space) must be in quotes, or written with >-'
    else:
        fix = "check indentation and quote text that contains a colon followed by a space"
    return YamlProblem(
        file, line, "(file)", f"invalid YAML, column {mark.column + 1}: {excerpt(problem)}", fix
    )


def parse_yaml(text: str, file: str, *, line_offset: int = 0) -> YamlDoc:
    """Parse `text` (already decoded) into a YamlDoc, refusing aliases and duplicate keys."""
    bad = _NOT_YAML.search(text)
    if bad:
        raise _char_problem(text, bad.start(), file, line_offset)
    try:
        _check_events(text, file, line_offset)
        node = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.reader.ReaderError as err:
        at = max(0, min(err.position, len(text) - 1))
        raise _char_problem(text, at, file, line_offset) from None
    except yaml.MarkedYAMLError as err:
        raise _syntax_problem(err, text, file, line_offset) from None
    except yaml.YAMLError as err:
        raise YamlProblem(
            file, None, "(file)", f"invalid YAML: {excerpt(err)}", "fix the YAML syntax"
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
            file,
            None,
            "(file)",
            f"file is {size:,} bytes, over the {max_bytes:,}-byte limit",
            "shorten it; a data file this large is almost certainly a mistake",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlProblem(
            file,
            line,
            "(file)",
            f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start})",
            "save the file as UTF-8",
        ) from None
    if not text.strip():
        raise YamlProblem(file, None, "(file)", "file is empty", "fill in the fields")
    return text.removeprefix("\ufeff")


def load_yaml(path: Path, file: str, *, max_bytes: int = MAX_BYTES) -> YamlDoc:
    """Read and parse one YAML data file; raises YamlProblem with FILE:LINE when it cannot."""
    doc = parse_yaml(read_text(path, file, max_bytes=max_bytes), file)
    if doc.data is None:
        raise YamlProblem(file, None, "(file)", "file holds no data", "fill in the fields")
    return doc


def guarded(
    file: str, fn: Callable[..., T], *args: Any, default: T | None = None
) -> tuple[T | None, list[Problem]]:
    """`(fn(*args), [])`, or `(default, problems)` naming `file` when it raises anything at all.

    The loader wraps each file's load in this, so no file, however broken, can stop the run with
    a traceback or hide the problems of other files:

        (testimonial, found), crashed = guarded(rel, load_one, path, rel, ..., default=(None, []))
        problems += found + crashed

    YamlProblem and DataError become their own problems; anything else becomes one problem that
    names the file (and the line, when the error carries one) and says it is the checker's fault.
    """
    try:
        return fn(*args), []
    except YamlProblem as err:
        return default, [err.problem]
    except DataError as err:
        return default, list(err.problems) or [_crash(file, err)]
    except RecursionError:
        why = "nested too deeply to read"
        return default, [_whole(file, why, "look for stray or unclosed [ and { brackets")]
    except OSError as err:
        why = f"cannot be read ({excerpt(err.strerror or type(err).__name__)})"
        fix = "check that it is a readable file, not a folder or a broken link"
        return default, [_whole(file, why, fix)]
    except Exception as err:  # noqa: BLE001 - the whole point: nothing escapes
        return default, [_crash(file, err)]


def _crash(file: str, err: BaseException) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "start_mark", None)
    line = mark.line + 1 if getattr(mark, "line", None) is not None else None
    return _whole(
        file,
        f"the checker failed on this file ({type(err).__name__}: {excerpt(err)})",
        "this is a bug in the checker, not your fault; look for an unusual mistake near that "
        "line and please open an issue with the file attached",
        line,
    )


def _whole(file: str, message: str, fix: str, line: int | None = None) -> Problem:
    """A problem with the file as a whole (or at a line no field can be named for)."""
    return Problem(file, line, "(file)", message, fix)


# Schema checks --------------------------------------------------------------------------------
# JSON Schema checks whose errors teach the schema: each names the field, the line and the fix.


SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"


@cache
def validator(name: str) -> Draft202012Validator:
    """The compiled validator for data/schemas/<name>.schema.json."""
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _field(path: tuple[Any, ...]) -> str:
    return excerpt(".".join(str(p) for p in path), 80) or "(top level)"


WANT = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields (`name: value` lines indented below it)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}
GOT = {
    str: "text",
    list: "a list",
    dict: "a group of fields",
    bool: "a yes/no value",
    int: "a number",
    float: "a number",
    type(None): "nothing",
}


def _written(path: tuple[Any, ...], value: str) -> str:
    """How the value is written in the file: `key: value`, or `- value` for a list item."""
    key = path[-1] if path else None
    return f"- {value}" if isinstance(key, int) or key is None else f"{key}: {value}"


def _type(err: ValidationError, doc: YamlDoc, path: tuple[Any, ...], hint: str) -> tuple[str, str]:
    """(message, fix) for a value of the wrong kind, saying how YAML misread it when it did."""
    want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
    value = err.instance
    got = GOT.get(type(value), type(value).__name__)
    raw = doc.raw.get(path)
    if want == ["string"] and raw is not None and isinstance(value, bool | int | float):
        return (
            f"should be text, but YAML reads the unquoted `{excerpt(raw, 30)}` as {got}"
            + (f" ({str(value).lower()})" if isinstance(value, bool) else ""),
            f"put it in quotes: `{_written(path, excerpt(chr(34) + raw + chr(34), 40))}`",
        )
    if want == ["string"] and value is None:
        return "is empty", hint or "write the text after the colon"
    if want == ["array"] and isinstance(value, str):
        items = [i.strip() for i in value.split(",") if i.strip()] or [value]
        example = _written(path, "[" + ", ".join(items) + "]")
        fix = f"{hint}; here: `{excerpt(example)}`" if hint else f"`{excerpt(example)}`"
        return "should be a list, got text", fix
    wanted = " or ".join(WANT.get(w, w) for w in want)
    return f"should be {wanted}, got {got}", hint or f"write {wanted}"


def _explain(err: ValidationError, doc: YamlDoc) -> tuple[str, tuple[Any, ...], str, str]:
    """(field path, json path, message, fix) for one schema error, in a contributor's words.

    Messages state the limit and the actual size, and quote at most EXCERPT characters of what
    the contributor wrote: a 43 KB lesson must not come back as a 43 KB error.
    """
    path = tuple(err.absolute_path)
    schema = err.schema if isinstance(err.schema, dict) else {}
    hint = schema.get("description", "")
    kind = err.validator
    value = err.instance
    limit = err.validator_value
    if kind == "required":
        missing = err.message.split("'")[1]
        sub = err.schema.get("properties", {}).get(missing, {})
        return (
            _field((*path, missing)),
            path,
            "required field is missing",
            f"add `{missing}:` ({sub.get('description', 'see the schema')})",
        )
    if kind == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = sorted(set(err.instance) - set(allowed))
        name = extra[0] if extra else "?"
        return (
            _field((*path, name)),
            (*path, name),
            f"unknown field '{excerpt(name, 40)}'",
            f"remove it or rename it: {did_you_mean(name, allowed)}",
        )
    if kind == "type":
        return _field(path), path, *_type(err, doc, path, hint)
    if kind == "enum":
        return (
            _field(path),
            path,
            f"'{excerpt(value)}' is not allowed",
            did_you_mean(value, [str(v) for v in err.validator_value]),
        )
    if kind == "maxLength":
        return (
            _field(path),
            path,
            f"is {len(value):,} characters long, over the {limit:,}-character limit "
            f"('{excerpt(value)}')",
            f"shorten it to {limit:,} characters or fewer",
        )
    if kind == "minLength":
        if not value.strip():
            return _field(path), path, "is empty", hint or "fill it in"
        return (
            _field(path),
            path,
            f"is {len(value):,} characters long; at least {limit:,} are needed",
            hint or "say a little more",
        )
    if kind == "maxItems":
        return (
            _field(path),
            path,
            f"has {len(value)} items, over the limit of {limit}",
            f"keep the {limit} that matter most",
        )
    if kind in ("minItems", "minProperties"):
        return _field(path), path, "is empty" if not value else err.message, hint or "fill it in"
    if kind == "uniqueItems":
        seen: list[Any] = []
        for i, item in enumerate(value):
            if item in seen:
                return (
                    _field(path),
                    (*path, i),
                    f"lists '{excerpt(item)}' more than once",
                    "remove the repeat",
                )
            seen.append(item)
    if kind == "pattern":
        return (
            _field(path),
            path,
            f"'{excerpt(value)}' does not have the expected form",
            hint or f"match the pattern {err.validator_value}",
        )
    message = err.message if len(err.message) <= 2 * EXCERPT else f"fails the `{kind}` rule"
    return _field(path), path, message, hint or "see the schema"


def check_schema(doc: YamlDoc, schema_name: str, file: str) -> list[Problem]:
    """Every schema problem in `doc`, each located at the line of the offending value."""
    problems = []
    for err in validator(schema_name).iter_errors(doc.data):
        field, path, message, fix = _explain(err, doc)
        problems.append(Problem(file, doc.line(path), field, message, fix))
    return problems
