"""JSON Schema checks whose errors teach the schema: each names the field, the line and the fix."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .problems import Problem, did_you_mean
from .yamlfile import EXCERPT, YamlDoc, excerpt

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


def check(doc: YamlDoc, schema_name: str, file: str) -> list[Problem]:
    """Every schema problem in `doc`, each located at the line of the offending value."""
    problems = []
    for err in validator(schema_name).iter_errors(doc.data):
        field, path, message, fix = _explain(err, doc)
        problems.append(Problem(file, doc.line(path), field, message, fix))
    return problems
