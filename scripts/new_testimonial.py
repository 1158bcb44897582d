"""`make new-testimonial`: write a valid data/testimonials/<id>.yml from flags, or by asking.

Every flag left out is asked for when the terminal is interactive; otherwise a missing required
field is an error. The file is checked exactly as `make validate` checks it before it is kept.

  make new-testimonial
  python scripts/new_testimonial.py --id rejected-twice --who anonymous \\
      --role "Software engineer applying to AI safety programmes" --themes applications \\
      --setback "Rejected from MATS twice" --next "Got in on the third try." \\
      --consent-statement "I am the person in this testimonial and agree to its publication."
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

import yaml
from noisy_signals.load import load_site
from noisy_signals.problems import DataError
from noisy_signals.testimonials import DIR, ID, RESERVED, SCHEMA_LINE, guide_headings, load_one

ROOT = Path(__file__).resolve().parents[1]
CONSENT = "I am the person in this testimonial and agree to its publication on Noisy Signals."


def _ask(prompt: str, default: str = "") -> str:
    suffix = f" [{default}]" if default else ""
    answer = input(f"{prompt}{suffix}: ").strip()
    return answer or default


def _fill(args: argparse.Namespace, themes: list[str], interactive: bool) -> list[str]:
    """Ask for what the flags left out; the list of still-missing required flags."""
    questions = [
        ("id", "File name / id (lowercase words joined by hyphens, no real name if anonymous)"),
        ("who", "Your name as it should appear, or 'anonymous'"),
        ("role", "Your role or situation at the time"),
        ("next", "What happened next (a few sentences)"),
    ]
    if interactive:
        for name, prompt in questions:
            if not getattr(args, name):
                setattr(args, name, _ask(prompt))
        if not args.themes:
            args.themes = _ask(f"Themes, comma-separated ({', '.join(themes)})")
        while not args.setback:
            args.setback = [s for s in [_ask("A setback, one line")] if s]
        while True:
            more = _ask("Another setback (Enter to finish)")
            if not more:
                break
            args.setback.append(more)
        if not args.lesson:
            args.lesson = _ask("Optional: a lesson for someone in your place")
        if not (args.consent_url or args.consent_statement):
            args.consent_statement = _ask("Consent", CONSENT)
    missing = [f"--{n}" for n, _ in questions if not getattr(args, n)]
    missing += [] if args.themes else ["--themes"]
    missing += [] if args.setback else ["--setback"]
    missing += [] if (args.consent_url or args.consent_statement) else ["--consent-statement"]
    return missing


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
    missing = _fill(args, sorted(site.themes), sys.stdin.isatty())
    if missing:
        print(f"new-testimonial: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    if not ID.match(args.id) or args.id in RESERVED:
        print(
            f"new-testimonial: '{args.id}' is not lowercase words joined by hyphens",
            file=sys.stderr,
        )
        return 2
    path = args.root / DIR / f"{args.id}.yml"
    if path.exists():
        print(f"new-testimonial: {path.relative_to(args.root)} already exists", file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document(args), encoding="utf-8")
    rel = path.relative_to(args.root).as_posix()
    _, problems = load_one(path, rel, site.themes, guide_headings(site.guides))
    if problems:
        path.unlink()
        for problem in problems:
            print(problem, file=sys.stderr)
        print("new-testimonial: nothing written; fix the flags above", file=sys.stderr)
        return 1
    print(f"new-testimonial: wrote {rel}; check it, then `make validate` and open a pull request")
    return 0


if __name__ == "__main__":
    sys.exit(main())
