"""JSON Schema checks whose errors teach the schema: each names the field, the line and the fix."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .problems import Problem, did_you_mean
from .yamlfile import YamlDoc

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"


@cache
def validator(name: str) -> Draft202012Validator:
    """The compiled validator for data/schemas/<name>.schema.json."""
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _field(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


def _explain(err: ValidationError) -> tuple[str, tuple[Any, ...], str, str]:
    """(field path, json path, message, fix) for one schema error, in a contributor's words."""
    path = tuple(err.absolute_path)
    schema = err.schema if isinstance(err.schema, dict) else {}
    hint = schema.get("description", "")
    kind = err.validator
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
            f"unknown field '{name}'",
            f"remove it or rename it: {did_you_mean(name, allowed)}",
        )
    if kind == "type":
        want = err.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        got = type(err.instance).__name__.replace("NoneType", "nothing").replace("str", "text")
        return _field(path), path, f"should be {want}, got {got}", hint or f"write a {want}"
    if kind == "enum":
        return (
            _field(path),
            path,
            f"'{err.instance}' is not allowed",
            did_you_mean(err.instance, [str(v) for v in err.validator_value]),
        )
    if kind in ("maxLength", "minLength", "maxItems", "minItems"):
        return _field(path), path, err.message, hint or "see the schema"
    if kind == "pattern":
        return (
            _field(path),
            path,
            f"'{err.instance}' does not have the expected form",
            hint or f"match the pattern {err.validator_value}",
        )
    return _field(path), path, err.message, hint or "see the schema"


def check(doc: YamlDoc, schema_name: str, file: str) -> list[Problem]:
    """Every schema problem in `doc`, each located at the line of the offending value."""
    problems = []
    for err in validator(schema_name).iter_errors(doc.data):
        field, path, message, fix = _explain(err)
        problems.append(Problem(file, doc.line(path), field, message, fix))
    return problems
