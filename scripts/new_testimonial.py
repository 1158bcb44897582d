"""`make new-testimonial`: write a valid data/testimonials/<id>.yml from flags, or by asking.

Asked interactively (a terminal, no flags), every answer is checked as soon as it is given, with
the same rules and messages as `make validate`; a bad answer is explained, a fix is suggested
(press Enter to take it) and the question is asked again, so no answer is ever thrown away.
Flags that are given are checked the same way: on a terminal a bad one is asked again, otherwise
every bad or missing flag is reported and nothing is written.

  make new-testimonial
  python scripts/new_testimonial.py --id rejected-twice --who anonymous \\
      --role "Software engineer applying to AI safety programmes" --themes applications \\
      --setback "Rejected from MATS twice" --next "Got in on the third try." \\
      --consent-statement "I am the person in this testimonial and agree to its publication."
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import sys
from collections.abc import Callable
from pathlib import Path

import yaml
from noisy_signals.load import load_site
from noisy_signals.problems import DataError, did_you_mean
from noisy_signals.testimonials import (
    DIR,
    ID,
    RESERVED,
    SCHEMA_LINE,
    _suggest_name,
    guide_headings,
    load_one,
    problems_in,
)
from noisy_signals.yamlfile import YamlDoc, check_schema, date_problem, excerpt

ROOT = Path(__file__).resolve().parents[1]
CONSENT = "I am the person in this testimonial and agree to its publication on Noisy Signals."

Issues = list[tuple[str, str]]
"""(problem, fix) pairs for one answer."""
Checked = tuple[Issues, str]
"""An answer's problems, and a corrected answer to offer ('' when there is none)."""


class Cancelled(Exception):
    """Input ended or the contributor pressed Ctrl-C: stop without writing anything."""


def _ask(prompt: str, default: str = "") -> str:
    suffix = f" [{default}]" if default else ""
    try:
        answer = input(f"{prompt}{suffix}: ").strip()
    except (EOFError, KeyboardInterrupt):
        print()
        raise Cancelled from None
    return answer or default


def field_issues(path: tuple[str | int, ...], value: object) -> Issues:
    """What `make validate` would say about `value` as field `path`, and nothing about others."""
    data: object = value
    for key in reversed(path):
        data = [data] if isinstance(key, int) else {key: data}
    name = ".".join(map(str, path))
    issues = [
        (p.message, p.fix)
        for p in check_schema(YamlDoc(data), "testimonial", "answer")
        if p.field == name or p.field.startswith(f"{name}.")
    ]
    if isinstance(value, str):
        issues += problems_in(value)
        if path == ("shared_on",) and date_problem(value):
            issues.append(
                (f"'{value}' is not a real date: {date_problem(value)}", "write it as YYYY-MM-DD")
            )
    return issues


def _text(path: tuple[str | int, ...], required: bool = True) -> Callable[[str], Checked]:
    def check(value: str) -> Checked:
        if not value:
            return ([("an answer is needed", "type it, in one line")] if required else []), ""
        return field_issues(path, value), ""

    return check


class Checks:
    """One check per answer, each returning (problems, suggested answer)."""

    def __init__(self, root: Path, themes: list[str]) -> None:
        self.root = root
        self.themes = themes

    def id(self, value: str) -> Checked:
        if not value:
            return [("an id is needed", "a few words about the story, e.g. rejected-twice")], ""
        suggestion = _suggest_name(value)
        if suggestion in RESERVED:
            suggestion += "-story"
        if value in RESERVED:
            why = f"'{value}' is reserved: /testimonials/{value}/ is used by the listing's pages"
            return [(why, f"use '{suggestion}'")], suggestion
        if not ID.match(value):
            why = (
                f"'{excerpt(value)}' is not lowercase words joined by hyphens (the id becomes the "
                "file name and the address /testimonials/<id>/)"
            )
            return [(why, f"use '{suggestion}'")], suggestion
        if (self.root / DIR / f"{value}.yml").exists():
            n = 2
            while (self.root / DIR / f"{value}-{n}.yml").exists():
                n += 1
            taken = f"{DIR}/{value}.yml already exists"
            return [(taken, f"choose another id, e.g. '{value}-{n}'")], f"{value}-{n}"
        return [], ""

    def themes_answer(self, value: str) -> Checked:
        given = [t.strip() for t in value.split(",") if t.strip()]
        if not given:
            return [("give at least one theme", "one or more of: " + ", ".join(self.themes))], ""
        issues, fixed = [], []
        for theme in given:
            if theme in self.themes:
                fixed.append(theme)
                continue
            issues.append((f"unknown theme '{excerpt(theme)}'", did_you_mean(theme, self.themes)))
            close = difflib.get_close_matches(theme, self.themes, n=1, cutoff=0.6)
            fixed += close
        suggestion = ", ".join(dict.fromkeys(fixed)) if len(fixed) == len(given) else ""
        return issues, suggestion

    def consent(self, value: str) -> Checked:
        if value.startswith(("http://", "https://")):
            return field_issues(("consent", "public_url"), value), ""
        return _text(("consent", "statement"))(value)

    def shared_on(self, value: str) -> Checked:
        return _text(("shared_on",), required=False)(value)


def _answer(
    prompt: str, check: Callable[[str], Checked], given: str = "", default: str = ""
) -> str:
    """Ask until the answer passes `check`; a flag's value `given` is checked first."""
    answer = given or _ask(prompt, default)
    while True:
        issues, suggestion = check(answer)
        if not issues:
            return answer
        for problem, fix in issues:
            print(f"  {problem}; fix: {fix}", file=sys.stderr)
        if suggestion:
            print("  (press Enter to use the suggestion in brackets)", file=sys.stderr)
        answer = _ask(prompt, suggestion or default)


def _interactive(args: argparse.Namespace, checks: Checks) -> None:
    """Fill in every answer, checking each as it is given; flags already given are checked too."""
    args.id = _answer(
        "File name / id (lowercase words joined by hyphens; no real name if anonymous)",
        checks.id,
        args.id or "",
    )
    args.who = _answer("Your name as it should appear, or 'anonymous'", _text(("who",)), args.who)
    args.role = _answer("Your role or situation at the time", _text(("role",)), args.role)
    args.themes = _answer(
        f"Themes, comma-separated ({', '.join(checks.themes)})", checks.themes_answer, args.themes
    )
    setbacks = [_answer("A setback, one line", _text(("setbacks", 0)), s) for s in args.setback]
    if not setbacks:
        setbacks.append(_answer("A setback, one line", _text(("setbacks", 0))))
    while len(setbacks) < 8:
        more = _answer("Another setback (Enter to finish)", _text(("setbacks", 0), required=False))
        if not more:
            break
        setbacks.append(more)
    args.setback = setbacks
    args.next = _answer(
        "What happened next (a few sentences)", _text(("what_happened_next",)), args.next
    )
    args.lesson = _answer(
        "Optional: a lesson for someone in your place (Enter to skip)",
        _text(("lesson",), required=False),
        args.lesson,
    )
    if args.source:
        args.source = _answer("Source address", _text(("source",)), args.source)
    if args.consent_url:
        args.consent_url = _answer("Consent address", checks.consent, args.consent_url)
    else:
        consent = _answer(
            "Consent: one sentence saying you are the person and agree, or the https:// address "
            "where the person published it",
            checks.consent,
            args.consent_statement,
            CONSENT,
        )
        is_url = consent.startswith("https://")
        args.consent_url, args.consent_statement = (consent, "") if is_url else ("", consent)
    if args.shared_on:
        args.shared_on = _answer("Shared on (YYYY-MM-DD)", checks.shared_on, args.shared_on)


def _flag_issues(args: argparse.Namespace, checks: Checks) -> list[str]:
    """Every missing or bad flag, as `--flag: problem; fix: how` (no terminal to ask on)."""
    required = ("id", "who", "role", "themes", "next")
    missing = [f"--{n}" for n in required if not getattr(args, n)]
    missing += [] if args.setback else ["--setback"]
    missing += [] if (args.consent_url or args.consent_statement) else ["--consent-statement"]
    if missing:
        return [f"missing {', '.join(missing)}"]
    answers: list[tuple[str, str, Callable[[str], Checked]]] = [
        ("--id", args.id, checks.id),
        ("--who", args.who, _text(("who",))),
        ("--role", args.role, _text(("role",))),
        ("--themes", args.themes, checks.themes_answer),
        *(("--setback", s, _text(("setbacks", 0))) for s in args.setback),
        ("--next", args.next, _text(("what_happened_next",))),
        ("--lesson", args.lesson, _text(("lesson",), required=False)),
        ("--source", args.source, _text(("source",), required=False)),
        ("--consent-url", args.consent_url, _text(("consent", "public_url"), required=False)),
        (
            "--consent-statement",
            args.consent_statement,
            _text(("consent", "statement"), required=False),
        ),
        ("--shared-on", args.shared_on, checks.shared_on),
    ]
    found = []
    for flag, value, check in answers:
        issues, _ = check(value)
        for problem, fix in issues:
            found.append(f"{flag}: {problem}; fix: {fix}")
    if len(args.setback) > 8:
        found.append(
            f"--setback: given {len(args.setback)} times; fix: keep the 8 that matter most"
        )
    if args.consent_url and args.consent_statement:
        found.append(
            "--consent-url: given with --consent-statement; fix: give exactly one of the two"
        )
    return found


def document(args: argparse.Namespace) -> str:
    """The YAML text of the new file, schema line first."""
    data: dict[str, object] = {
        "who": args.who,
        "role": args.role,
        "consent": {"public_url": args.consent_url}
        if args.consent_url
        else {"statement": args.consent_statement},
        "themes": [t.strip() for t in args.themes.split(",") if t.strip()],
        "setbacks": list(args.setback),
        "what_happened_next": args.next,
    }
    for key, value in (("lesson", args.lesson), ("source", args.source)):
        if value:
            data[key] = value
    data["shared_on"] = args.shared_on or datetime.date.today().isoformat()
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"{SCHEMA_LINE}\n{body}"


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--id", help="the file name without .yml; also the page's address")
    parser.add_argument("--who", help="your name as shown, or 'anonymous'")
    parser.add_argument("--role", help="your role or situation at the time")
    parser.add_argument("--themes", help="comma-separated theme ids from data/taxonomy.yml")
    parser.add_argument("--setback", action="append", default=[], help="one setback (repeat)")
    parser.add_argument("--next", help="what happened next")
    parser.add_argument("--lesson", default="", help="optional lesson")
    parser.add_argument("--source", default="", help="optional https address it was published at")
    parser.add_argument(
        "--consent-url", default="", help="public https address you published it at"
    )
    parser.add_argument("--consent-statement", default="", help="your consent, in one sentence")
    parser.add_argument("--shared-on", default="", help="YYYY-MM-DD (default: today)")
    parser.add_argument("--root", type=Path, default=root, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        site = load_site(args.root)
    except DataError as err:
        print(f"new-testimonial: fix the existing data first:\n{err}", file=sys.stderr)
        return 1
    checks = Checks(args.root, sorted(site.themes))
    interactive = sys.stdin.isatty()
    if interactive:
        try:
            _interactive(args, checks)
        except Cancelled:
            print("new-testimonial: stopped; nothing written", file=sys.stderr)
            return 2
    else:
        found = _flag_issues(args, checks)
        if found:
            for line in found:
                print(f"new-testimonial: {line}", file=sys.stderr)
            missing = found[0].startswith("missing ")
            if not missing:
                print("new-testimonial: nothing written; fix the flags above", file=sys.stderr)
            return 2 if missing else 1
    path = args.root / DIR / f"{args.id}.yml"
    text = document(args)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    rel = path.relative_to(args.root).as_posix()
    _, problems = load_one(path, rel, site.themes, guide_headings(site.guides))
    if problems:  # every answer was checked, so this is a gap in the checks above
        path.unlink()
        for problem in problems:
            print(problem, file=sys.stderr)
        print(
            f"new-testimonial: nothing written; here is the draft, so no answer is lost: fix the "
            f"problems above, then save it as {rel}\n\n{text}",
            file=sys.stderr,
        )
        return 1
    print(f"new-testimonial: wrote {rel}; check it, then `make validate` and open a pull request")
    return 0


if __name__ == "__main__":
    sys.exit(main())
