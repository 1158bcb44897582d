"""`make testimonial-from-issue`: the body of a "Share a testimonial" issue -> data/testimonials/<id>.yml.

GitHub renders an issue form as Markdown: `### <label>`, a blank line, the answer (`_No response_`
for an empty optional field, `- [X]` / `- [ ]` for checkboxes, a multi-select dropdown's choices
comma-separated). The labels are read from .github/ISSUE_TEMPLATE/testimonial.yml itself, so the
converter follows the form. The file is written to a temporary name, checked by the project's own
validator (`validate()`), and only then moved into place; an existing file is never overwritten.

A bad submission writes nothing and exits 1, printing each problem by the form field's label with
what to change, in words for the person who filled in the form (a workflow posts them on the issue).

  python -m noisy_signals.issue_form --body issue.md [--title "Testimonial: ..."] [--id ID]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .load import load_site
from .problems import DataError, Problem
from .testimonials import DIR, ID, RESERVED, SCHEMA_LINE, guide_headings, load_one
from .yamlfile import FAST_LOADER, MAX_BYTES

REPO = Path(__file__).resolve().parents[2]
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "testimonial.yml"
SCHEMA = REPO / "data" / "schemas" / "testimonial.schema.json"
NO_RESPONSE = "_No response_"
MAX_BODY_BYTES = 1_000_000
"""GitHub caps an issue body at 65,536 characters; anything far beyond is not an issue body."""
PROVENANCE = (
    '# From the "Share a testimonial" issue form; consent.statement is the sentence the submitter'
    " ticked there."
)
WHOLE_FORM = "The whole form"
TITLE = "Issue title"
CHECKBOX = re.compile(r"^\s*[-*]\s*\[([ xX])\]\s*(.*?)\s*$")
BULLET = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Field:
    """One answerable element of the issue form."""

    id: str
    label: str
    kind: str  # input, textarea, dropdown or checkboxes
    required: bool
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ask:
    """One thing the submitter should change, named by the form field's label."""

    label: str
    problem: str
    fix: str

    def __str__(self) -> str:
        return " ".join(f"- {self.label}: {self.problem}; {self.fix}".split())


class Refused(Exception):
    """The submission cannot become a file; carries what to tell the submitter."""

    def __init__(self, asks: list[Ask]) -> None:
        self.asks = asks
        super().__init__("\n".join(map(str, asks)))


@cache
def _read(path: Path) -> Any:
    """A file of the repository's own (the form, the schema), parsed once: one conversion asks
    for its fields, labels and limits many times over."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=FAST_LOADER)


def form_fields() -> list[Field]:
    """The form's answerable fields in order, from the issue template."""
    spec = _read(FORM)
    fields = []
    for element in spec["body"]:
        if element["type"] == "markdown":
            continue
        attrs = element["attributes"]
        options = attrs.get("options", ())
        labels = tuple(o["label"] if isinstance(o, dict) else str(o) for o in options)
        required = bool(element.get("validations", {}).get("required")) or any(
            isinstance(o, dict) and o.get("required") for o in options
        )
        fields.append(Field(element["id"], attrs["label"], element["type"], required, labels))
    return fields


def form_title_prefix() -> str:
    """The title the form pre-fills ('Testimonial:'), stripped from titles before making an id."""
    return str(_read(FORM).get("title", "")).strip()


def sections(body: str, fields: list[Field]) -> dict[str, str | None]:
    """Each field's raw answer by id; None when its `### <label>` heading is not in the body.

    Headings are looked for in form order, each after the previous one, so an answer that happens
    to contain a later field's heading can only confuse its own submission.
    """
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[tuple[Field, int]] = []
    start = 0
    for field in fields:
        heading = f"### {field.label}".strip()
        for i in range(start, len(lines)):
            if lines[i].strip() == heading:
                found.append((field, i))
                start = i + 1
                break
    answers: dict[str, str | None] = {f.id: None for f in fields}
    for n, (field, i) in enumerate(found):
        end = found[n + 1][1] if n + 1 < len(found) else len(lines)
        text = "\n".join(line.rstrip() for line in lines[i + 1 : end]).strip()
        answers[field.id] = "" if text == NO_RESPONSE else text
    return answers


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _normalise(text: str) -> str:
    """A textarea answer: trailing spaces gone, at most one blank line between paragraphs."""
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _themes(answer: str) -> list[str]:
    """Theme ids from the dropdown's comma-separated choices: `applications (I was rejected)`.

    An edited choice the taxonomy lacks is kept as typed, for the validator to name."""
    ids: list[str] = []
    for choice in (c.strip() for c in answer.split(",")):
        if not choice:
            continue
        theme = choice.split(" (", 1)[0].strip().lower()
        if theme and theme not in ids:
            ids.append(theme)
    return ids


def _setbacks(answer: str) -> list[str]:
    """One setback per non-empty line, list bullets and numbers removed."""
    return [s for s in (_one_line(BULLET.sub("", line)) for line in answer.split("\n")) if s]


def _consent(answer: str, field: Field) -> str | None:
    """The ticked consent sentence, taken from the form (never from edited issue text)."""
    ticked = {
        _one_line(m.group(2))
        for m in map(CHECKBOX.match, answer.split("\n"))
        if m and m.group(1) in "xX"
    }
    for option in field.options:
        if _one_line(option) in ticked:
            return _one_line(option)
    return None


def to_data(body: str, fields: list[Field], today: str) -> tuple[dict[str, Any], list[Ask]]:
    """The testimonial's fields from the issue body, and what cannot be read at all.

    An empty answer becomes an absent field: the validator then says it is required.
    """
    by_id = {f.id: f for f in fields}
    answers = sections(body, fields)
    if all(a is None for a in answers.values()):
        raise Refused(
            [
                Ask(
                    WHOLE_FORM,
                    "this issue was not written with the 'Share a testimonial' form "
                    "(none of its headings, such as '### " + fields[0].label + "', are there)",
                    "open a new issue and choose 'Share a testimonial'",
                )
            ]
        )
    asks = [
        Ask(
            f.label,
            f"the heading '### {f.label}' is missing from the issue",
            "edit the issue so that this heading and your answer below it are back as the form "
            "wrote them",
        )
        for f in fields
        if f.required and answers[f.id] is None
    ]
    text = {k: (v or "") for k, v in answers.items()}
    data: dict[str, Any] = {}
    who = _one_line(text.get("who", ""))
    data["who"] = "anonymous" if who.lower() == "anonymous" else who
    data["role"] = _one_line(text.get("role", ""))
    if "consent" in by_id:
        statement = _consent(text["consent"], by_id["consent"])
        if statement:
            data["consent"] = {"statement": statement}
        elif answers["consent"] is not None:
            asks.append(
                Ask(
                    by_id["consent"].label,
                    "the consent box is not ticked, so the testimonial cannot be published",
                    "tick it if you are the person in this testimonial and agree to its "
                    "publication on Noisy Signals (edit the issue and tick the box)",
                )
            )
    if "themes" in by_id:
        data["themes"] = _themes(text["themes"])
    data["setbacks"] = _setbacks(text.get("setbacks", ""))
    data["what_happened_next"] = _normalise(text.get("what_happened_next", ""))
    data["lesson"] = _normalise(text.get("lesson", ""))
    data["source"] = _one_line(text.get("source", ""))
    data = {k: v for k, v in data.items() if v}
    data["shared_on"] = today
    return data, asks


class _Dumper(yaml.SafeDumper):
    """Multi-line answers as `|` blocks, so the file reads like the issue did."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def document(data: dict[str, Any]) -> str:
    """The file's text: the schema line the loader requires, where it came from, then the fields."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"{SCHEMA_LINE}\n{PROVENANCE}\n{body}"


def slug(text: str, words: int = 6) -> str:
    """Lowercase ASCII words joined by hyphens ('José Müller' -> 'jose-muller'); '' if none."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    parts = re.findall(r"[a-z0-9]+", text.lower())[:words]
    return "-".join(parts)[:60].strip("-")


def choose_id(title: str, data: dict[str, Any], folder: Path) -> tuple[str, str]:
    """(id, label of what it came from): the title, else the name (the role when anonymous).

    A derived id takes the first free `-2`, `-3`, ... suffix instead of touching an existing file.
    """
    prefix = form_title_prefix()
    rest = title.strip()
    if prefix and rest.lower().startswith(prefix.lower()):
        rest = rest[len(prefix) :]
    base, origin = slug(rest), TITLE
    if not base:
        who = str(data.get("who", ""))
        fields = {f.id: f.label for f in form_fields()}
        if who == "anonymous":
            role = slug(str(data.get("role", "")), words=5)
            base, origin = (f"anonymous-{role}" if role else "anonymous"), fields["role"]
        else:
            base, origin = slug(who), fields["who"]
    base = base or "testimonial"
    if base in RESERVED:
        base += "-story"
    candidate, n = base, 2
    while (folder / f"{candidate}.yml").exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate, origin


def validate(root: Path, path: Path) -> list[Problem]:
    """Every problem the project's validator finds in `path`, checked as data/testimonials/<name>.

    The one place that calls the loader: when the loader's API changes, only this changes. A
    problem in another file means the repository's own data is broken, not the submission.
    """
    try:
        site = load_site(root)
    except DataError as err:
        return list(err.problems)
    rel = f"{DIR}/{path.name}"
    _, problems = load_one(path, rel, site.themes, guide_headings(site.guides))
    return problems


def _spec(parts: list[str]) -> dict[str, Any]:
    """The schema of one field (`setbacks.2`: of one setback)."""
    spec = _read(SCHEMA)["properties"].get(parts[0], {})
    for part in parts[1:]:
        spec = spec.get("items", {}) if part.isdigit() else spec.get("properties", {}).get(part, {})
    return spec


def _schema_limit(field: str, key: str) -> int | None:
    return _spec([field, "0"] if field == "setbacks" and key.endswith("Length") else [field]).get(
        key
    )


def _value(data: dict[str, Any], parts: list[str]) -> Any:
    value: Any = data
    for part in parts:
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def _limits(label: str, parts: list[str], value: Any) -> Ask | None:
    """The answer against the schema's limits, in the form's words; None when within them.

    Worded from the data and the schema rather than from the validator's message, which may
    change; the validator alone decides that something is wrong.
    """
    spec = _spec(parts)
    if isinstance(value, list):
        least, most = spec.get("minItems", 0), spec.get("maxItems")
        if len(value) < least or (most is not None and len(value) > most):
            return Ask(
                label,
                f"has {len(value)} entries; the form takes {least} to {most}",
                "keep the most important ones, one per line",
            )
    if isinstance(value, str):
        least, most = spec.get("minLength", 0), spec.get("maxLength")
        if most is not None and len(value) > most:
            return Ask(
                label, f"is {len(value):,} characters long; at most {most:,} fit", "shorten it"
            )
        if len(value) < least:
            return Ask(
                label,
                f"is {len(value):,} characters long; at least {least:,} are needed",
                "write a little more",
            )
        pattern = spec.get("pattern")
        if pattern and parts[0] == "source" and not re.search(pattern, value):
            return Ask(
                label,
                "is not a web address starting with https://",
                "give the full address, starting with https://, or leave the field empty",
            )
    return None


def explain(problem: Problem, data: dict[str, Any], labels: dict[str, str], origin: str) -> Ask:
    """One validator problem in the submitter's words, named by the form field's label."""
    parts = problem.field.split(".")
    head = parts[0]
    if head == "(file name)":
        return Ask(origin, problem.message, problem.fix)
    if head not in labels:
        return Ask(WHOLE_FORM, _short(problem.message), problem.fix)
    label = labels[head]
    if head == "setbacks" and len(parts) > 1 and parts[1].isdigit():
        label = f"{label}, setback {int(parts[1]) + 1}"
    value = _value(data, parts)
    if value is None and len(parts) == 1:
        if head == "themes":
            return Ask(label, "no theme is chosen", "pick at least one theme from the list")
        return Ask(label, "this required field is empty", "answer it")
    within = _limits(label, parts, value)
    if within:
        return within
    if problem.message.startswith("unknown theme"):
        return Ask(label, _short(problem.message), "pick themes from the list only")
    return Ask(label, _short(problem.message), problem.fix)


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _too_large(problem: Problem, data: dict[str, Any], labels: dict[str, str]) -> Ask:
    """The file-size limit, pointing at the longest answer (the one to shorten first)."""
    sizes = {
        k: len(v) if isinstance(v, str) else sum(len(s) for s in v)
        for k, v in data.items()
        if k in labels and isinstance(v, str | list)
    }
    longest = max(sizes, key=sizes.get) if sizes else None
    detail = problem.message.removeprefix("file is ")
    if not longest:
        return Ask(WHOLE_FORM, f"all answers together are too long ({detail})", "shorten them")
    limit = _schema_limit(longest, "maxLength") if isinstance(data[longest], str) else None
    within = f"; this field takes at most {limit:,} characters" if limit else ""
    return Ask(
        labels[longest],
        f"is the longest answer ({sizes[longest]:,} characters{within}), and all answers "
        f"together are too long ({detail})",
        "shorten it",
    )


def _place(candidate: Path, dest: Path) -> None:
    """Move the checked file into place; FileExistsError rather than overwrite anything."""
    try:
        os.link(candidate, dest)
    except FileExistsError:
        raise
    except OSError:  # a filesystem without hard links: exclusive creation still never overwrites
        with dest.open("xb") as fh:
            fh.write(candidate.read_bytes())


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _read_body(path: Path) -> str:
    if path.stat().st_size > MAX_BODY_BYTES:
        raise Refused(
            [Ask(WHOLE_FORM, "the issue is far longer than a testimonial", "shorten the answers")]
        )
    try:
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise Refused(
            [Ask(WHOLE_FORM, "the issue text is not UTF-8", "open the issue again with the form")]
        ) from None


def convert(body_file: Path, root: Path, explicit_id: str, title: str, today: str) -> Path:
    """Write data/testimonials/<id>.yml from the issue body; Refused says why nothing was written."""
    fields = form_fields()
    labels = {f.id: f.label for f in fields}
    data, asks = to_data(_read_body(body_file), fields, today)
    folder = root / DIR
    folder.mkdir(parents=True, exist_ok=True)
    if explicit_id:
        if not ID.match(explicit_id) or explicit_id in RESERVED:
            raise Refused(
                [
                    Ask(
                        "--id",
                        f"'{_short(explicit_id, 60)}' is not lowercase words joined by hyphens",
                        "give an id such as rejected-three-times",
                    )
                ]
            )
        if (folder / f"{explicit_id}.yml").exists():
            raise Refused(
                [Ask("--id", f"{DIR}/{explicit_id}.yml already exists", "choose another id")]
            )
        ident, origin = explicit_id, "--id"
    else:
        ident, origin = choose_id(title, data, folder)
    dest = folder / f"{ident}.yml"
    with tempfile.TemporaryDirectory(prefix=".issue-form-", dir=folder) as tmp:
        candidate = Path(tmp) / dest.name
        text = document(data)
        candidate.write_text(text, encoding="utf-8")
        too_big = len(text.encode("utf-8")) > MAX_BYTES
        problems = validate(root, candidate)
        rel = f"{DIR}/{dest.name}"
        others = [p for p in problems if p.file != rel]
        if others:
            raise DataError(others)
        already = {a.label for a in asks}
        for problem in problems:
            if problem.field == "(file)" and too_big:
                ask = _too_large(problem, data, labels)
            else:
                ask = explain(problem, data, labels, origin)
            if ask.label.split(", setback")[0] not in already and ask not in asks:
                asks.append(ask)
        if asks:
            order = {f.label: i for i, f in enumerate(fields)}
            raise Refused(sorted(asks, key=lambda a: order.get(a.label.split(", setback")[0], -1)))
        try:
            _place(candidate, dest)
        except FileExistsError:
            raise Refused([Ask(origin, f"{rel} appeared meanwhile", "run it again")]) from None
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m noisy_signals.issue_form", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--body", type=Path, required=True, help="file holding the issue's body")
    parser.add_argument("--id", default="", help="the file name without .yml (default: derived)")
    parser.add_argument("--title", default="", help="the issue's title, to derive the id from")
    parser.add_argument(
        "--root", type=Path, default=REPO, help="the repository (default: this one)"
    )
    args = parser.parse_args(argv)
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    try:
        path = convert(args.body, args.root, args.id.strip(), args.title, today)
    except Refused as err:
        print(
            "The testimonial was not added and nothing was written. Please edit the issue:",
            file=sys.stderr,
        )
        for ask in err.asks:
            print(ask, file=sys.stderr)
        return 1
    except DataError as err:
        print(
            "The repository's own data has problems (not your submission); a maintainer must fix"
            " them first:",
            file=sys.stderr,
        )
        for problem in err.problems:
            print(f"- {problem}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"issue-form: cannot read or write a file: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # untrusted input must never end in a traceback
        print(
            f"issue-form: unexpected error, nothing written ({type(err).__name__})", file=sys.stderr
        )
        return 2
    print(_shown(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
