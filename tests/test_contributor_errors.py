"""Contributors: every mistake gets a teaching error (FILE:LINE: field: problem; fix: ...), never a
traceback, never an echo of long input; and every real name fits, safely."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time
from dataclasses import astuple
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from data_edits import validate
from noisy_signals import testimonials
from noisy_signals.problems import DataError, Problem
from noisy_signals.testimonials import hidden_characters, load_one, plain, problems_in, to_html
from noisy_signals.yamlfile import MAX_DEPTH, YamlProblem, guarded, parse_yaml

SCHEMA_LINE = testimonials.SCHEMA_LINE
THEMES = {"applications", "first-impressions", "job-performance", "self-assessment"}
GOOD = f"""{SCHEMA_LINE}
who: Ada Example
role: Physics graduate applying to research programmes
consent:
  statement: I am the person in this testimonial and agree to its publication.
themes: [applications, self-assessment]
setbacks:
  - Rejected from two programmes in one month.
  - Froze in an interview.
what_happened_next: >-
  Applied again a year later with a finished project,
  and got in.
lesson: Keep going.
quote: Words copied from the source.
source: https://example.org/post
shared_on: 2024-05-01
"""
SHOWN_AT_MOST = 60
"""Characters of the contributor's own text a message may quote back."""


def load(tmp_path: Path, text: str | bytes, name: str = "ada.yml") -> tuple[object, list[Problem]]:
    """load_one on a file holding `text`, wrapped in the guard exactly as the loader wraps it."""
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    (found_t, found), crashed = guarded(
        f"data/testimonials/{name}",
        load_one,
        path,
        f"data/testimonials/{name}",
        THEMES,
        {},
        default=(None, []),
    )
    return found_t, found + crashed


def problems(tmp_path: Path, text: str | bytes, name: str = "ada.yml") -> list[str]:
    return [str(p) for p in load(tmp_path, text, name)[1]]


def with_line(field: str, value: str) -> str:
    """GOOD with `field:` replaced by (or, if absent, extended with) `field: value`."""
    pattern = re.compile(rf"^{field}:.*(\n  .*)*$", re.M)
    if pattern.search(GOOD):
        return pattern.sub(lambda _: f"{field}: {value}", GOOD, count=1)
    return GOOD + f"{field}: {value}\n"


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_valid_example_loads(tmp_path: Path) -> None:
    testimonial, found = load(tmp_path, GOOD)
    assert found == [] and testimonial is not None


# --- never a traceback ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2024-02-30", "February 2024 has 29 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2024-13-01", "there is no month 13"),
        ("2024-04-31", "April 2024 has 30 days"),
        ("'2024-02-30'", "February 2024 has 29 days"),
        ('"2024-13-01"', "there is no month 13"),
        ("'2024-00'", "there is no month 00"),
    ],
)
def test_impossible_dates_quoted_or_not_are_file_line_problems(
    tmp_path: Path, value: str, why: str
) -> None:
    text = with_line("shared_on", value)
    (found,) = problems(tmp_path, text)
    line = line_of(text, "shared_on:")
    shown = value.strip("'\"")
    assert found == (
        f"data/testimonials/ada.yml:{line}: shared_on: '{shown}' is not a real date: {why}; "
        "fix: write a date that exists, as YYYY-MM-DD"
    )


@pytest.mark.parametrize("value", ["2024-02-29", "'2024-02-29'", "2024-05", "'2024'", "2000-02-29"])
def test_real_dates_are_accepted(tmp_path: Path, value: str) -> None:
    testimonial, found = load(tmp_path, with_line("shared_on", value))
    assert found == [] and testimonial.shared_on == value.strip("'")


@pytest.mark.parametrize(
    ("field", "value", "tag"),
    [
        ("lesson", "!!int abc", "!!int"),
        ("lesson", "!!str plain", "!!str"),
        ("who", "!custom Ada", "!custom"),
        ("themes", "!!seq [applications]", "!!seq"),
        ("lesson", "!!python/object/apply:os.system [echo]", "!!python/object/apply"),
        ("lesson", "!!binary aGVsbG8=", "!!binary"),
    ],
)
def test_any_yaml_tag_is_refused_with_file_line_and_field(
    tmp_path: Path, field: str, value: str, tag: str
) -> None:
    text = with_line(field, value)
    (found,) = problems(tmp_path, text)
    assert found.startswith(f"data/testimonials/ada.yml:{line_of(text, field + ':')}: {field}: ")
    assert f"YAML tags such as `{tag}" in found and "; fix: remove the tag" in found


def test_a_tag_inside_a_list_names_the_item(tmp_path: Path) -> None:
    text = GOOD.replace("  - Froze in an interview.", "  - !!str Froze in an interview.")
    (found,) = problems(tmp_path, text)
    assert found.startswith(f"data/testimonials/ada.yml:{line_of(text, 'Froze')}: setbacks.1: ")


@pytest.mark.parametrize(
    "nesting",
    [
        "[" * 5000 + "]" * 5000,
        "[" * 5000,
        "{a: " * 3000 + "x" + "}" * 3000,
        "\n" + "".join("  " * i + f"- k{i}:\n" for i in range(1, 60)),
    ],
    ids=["brackets", "unclosed", "braces", "indented"],
)
def test_deep_nesting_is_refused_early_and_fast(tmp_path: Path, nesting: str) -> None:
    text = with_line("lesson", nesting)
    start = time.perf_counter()
    (found,) = problems(tmp_path, text)
    assert time.perf_counter() - start < 1
    line = int(found.split(":")[1])  # where the nesting gets too deep
    assert line_of(text, "lesson:") <= line <= line_of(text, "lesson:") + MAX_DEPTH
    assert found.startswith(f"data/testimonials/ada.yml:{line}: lesson: ")
    assert f"nested more than {MAX_DEPTH} levels deep" in found


def test_nesting_is_refused_before_composing() -> None:
    with pytest.raises(YamlProblem) as err:
        parse_yaml("[" * 100_000 + "]" * 100_000, "deep.yml")
    assert str(err.value).startswith("deep.yml:1: (file): lists and fields are nested")


def test_the_data_files_nest_far_less_than_the_limit() -> None:
    for path in [*(ROOT / "data").glob("*.yml"), *(ROOT / "data/testimonials").glob("*.yml")]:
        parse_yaml(path.read_text(encoding="utf-8"), path.name)  # raises if too deep


def test_guard_turns_any_exception_into_a_problem_naming_the_file() -> None:
    def boom(kind: type[BaseException]) -> None:
        raise kind("x" * 5000)

    for kind in (ValueError, KeyError, TypeError, RecursionError, MemoryError, OSError):
        result, found = guarded("data/testimonials/a.yml", boom, kind, default="fallback")
        assert result == "fallback"
        (problem,) = found
        assert str(problem).startswith("data/testimonials/a.yml: (file): ")
        assert "; fix: " in str(problem) and len(str(problem)) < 400


def test_guard_passes_results_and_known_problems_through() -> None:
    assert guarded("f.yml", lambda a, b: a + b, 1, 2) == (3, [])
    mine = Problem("f.yml", 3, "who", "bad", "fix it")

    def fails_with(err: Exception) -> None:
        raise err

    assert guarded("f.yml", fails_with, YamlProblem(*astuple(mine))) == (None, [mine])
    assert guarded("f.yml", fails_with, DataError([mine])) == (None, [mine])


def test_guard_lets_the_user_interrupt() -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        guarded("f.yml", interrupted)


def _mutate(rng: random.Random, data: bytes) -> bytes:
    kind = rng.choice(
        ["truncate", "flip", "tab", "tag", "deep", "nul", "delete-line", "indent", "control"]
    )
    at = rng.randrange(len(data) + 1)
    if kind == "truncate":
        return data[:at]
    if kind == "flip" and data:
        out = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
        return bytes(out)
    if kind == "tab":
        lines = data.split(b"\n")
        i = rng.randrange(len(lines))
        lines[i] = b"\t" + lines[i] if rng.random() < 0.7 else lines[i].replace(b" ", b"\t", 1)
        return b"\n".join(lines)
    if kind == "tag":
        tag = rng.choice([b"!!int ", b"!!str ", b"!x ", b"!!python/name:os.system ", b"!!map "])
        spots = [m.end() for m in re.finditer(rb": |- ", data)] or [at]
        i = rng.choice(spots)
        return data[:i] + tag + data[i:]
    if kind == "deep":
        n = rng.choice([15, 25, 300, 3000])
        return data[:at] + b"[" * n + b"]" * rng.choice([0, n]) + data[at:]
    if kind == "nul":
        return data[:at] + b"\x00" + data[at:]
    if kind == "control":
        extra = rng.choice([b"\x1b", b"\x07", b"\xc2\x85", b"\xef\xbf\xbe", b"\xe2\x80\xa8", b"\r"])
        return data[:at] + extra + data[at:]
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    if kind == "delete-line":
        del lines[i]
    else:
        lines[i] = b" " * rng.randint(1, 5) + lines[i]
    return b"\n".join(lines)


def test_random_mutations_never_escape_and_always_name_the_file(tmp_path: Path) -> None:
    rng = random.Random(20240501)
    base = GOOD.encode()
    rel = "data/testimonials/ada.yml"
    outcomes = {"loaded": 0, "refused": 0}
    start = time.perf_counter()
    for case in range(600):
        data = base
        for _ in range(rng.choice([1, 1, 2, 3])):
            data = _mutate(rng, data)
        testimonial, found = load(tmp_path, data)
        lines = len(re.split(rb"\r\n|\r|\n", data))
        for problem in found:
            text = str(problem)
            assert problem.file == rel and text.startswith(rel + ":"), (case, data, text)
            assert "; fix: " in text and problem.fix, (case, data, text)
            assert problem.line is None or 1 <= problem.line <= lines, (case, data, text)
            assert len(problem.message) < 400, (case, data, text)
            assert "the checker failed" not in text, (case, data, text)
        assert (testimonial is None) == bool(found), (case, data)
        outcomes["loaded" if testimonial else "refused"] += 1
    assert outcomes["refused"] > 300, outcomes
    assert time.perf_counter() - start < 30


def test_make_validate_reports_the_crashers_without_a_traceback(tree: Path) -> None:
    folder = tree / "data/testimonials"
    (folder / "bad-date.yml").write_text(with_line("shared_on", "2024-02-30"), encoding="utf-8")
    (folder / "bad-tag.yml").write_text(with_line("lesson", "!!int abc"), encoding="utf-8")
    (folder / "bad-deep.yml").write_text(with_line("lesson", "[" * 5000), encoding="utf-8")
    (folder / "bad-nul.yml").write_text(with_line("lesson", "a\x00b"), encoding="utf-8")
    result = validate(tree)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for name in ("bad-date", "bad-tag", "bad-deep", "bad-nul"):
        assert re.search(
            rf"^data/testimonials/{name}\.yml:\d+: \S+: .+; fix: ", result.stdout, re.M
        )


# --- messages a person can act on -------------------------------------------------------------


def test_too_long_field_states_limit_and_length_and_quotes_only_the_start(tmp_path: Path) -> None:
    lesson = "I kept going. " * 3072
    text = with_line("lesson", lesson.strip())
    (found,) = problems(tmp_path, text)
    assert found.startswith(f"data/testimonials/ada.yml:{line_of(text, 'lesson:')}: lesson: ")
    assert f"is {len(lesson.strip()):,} characters long, over the 600-character limit" in found
    assert "fix: shorten it to 600 characters or fewer" in found
    assert len(found) < 300


LONG = "x" * 5000


@pytest.mark.parametrize(
    "text",
    [
        with_line("who", LONG),
        with_line("role", LONG),
        with_line("themes", f"[{LONG}]"),
        with_line("themes", f"[applications, applications, {LONG}]"),
        with_line("source", f"https://{LONG}"),
        with_line("source", f"http://{LONG}"),
        with_line("guide_section", f"posts/{LONG}#x"),
        with_line("shared_on", LONG),
        with_line(LONG, "x"),
        with_line("who", f"[{LONG}]"),
        with_line("who", "1" * 4000),
        GOOD + f"{LONG}: 1\n{LONG}: 2\n",
        with_line("setbacks", f"[{LONG}]"),
        with_line("setbacks", LONG),
        with_line("lesson", f"<{LONG}>"),
        with_line("lesson", f"[x]({LONG})"),
        with_line("lesson", f"{LONG}\u202e{LONG}"),
        with_line("lesson", f"'{LONG}"),
        GOOD.replace("statement: I am", f"statement: {LONG} I am"),
    ],
)
def test_no_message_echoes_long_input(tmp_path: Path, text: str) -> None:
    found = problems(tmp_path, text)
    assert found
    for problem in found:
        assert "x" * (SHOWN_AT_MOST + 1) not in problem, problem[:300]
        assert len(problem) < 500, problem[:300]


def test_comma_separated_themes_are_one_problem_showing_the_list_to_write(tmp_path: Path) -> None:
    text = with_line("themes", "applications, self-assessment")
    (found,) = problems(tmp_path, text)
    assert found.startswith(f"data/testimonials/ada.yml:{line_of(text, 'themes:')}: themes: ")
    assert "should be a list, got text" in found
    assert "a list of theme ids, like [applications, self-assessment]" in found
    assert "`themes: [applications, self-assessment]`" in found


@pytest.mark.parametrize(
    ("field", "value", "reads_as"),
    [
        ("lesson", "no", "a yes/no value (false)"),
        ("lesson", "yes", "a yes/no value (true)"),
        ("role", "1984", "a number"),
        ("who", "3.14", "a number"),
        ("shared_on", "2024", "a number"),
    ],
)
def test_unquoted_values_yaml_misreads_say_to_add_quotes(
    tmp_path: Path, field: str, value: str, reads_as: str
) -> None:
    text = with_line(field, value)
    (found,) = problems(tmp_path, text)
    assert found == (
        f"data/testimonials/ada.yml:{line_of(text, field + ':')}: {field}: should be text, but "
        f'YAML reads the unquoted `{value}` as {reads_as}; fix: put it in quotes: `{field}: "{value}"`'
    )


def test_unquoted_yes_in_a_list_says_how_to_quote_the_item(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, GOOD.replace("  - Froze in an interview.", "  - off"))
    assert "setbacks.1: should be text" in found and 'put it in quotes: `- "off"`' in found


@pytest.mark.parametrize(
    "text",
    [with_line("lesson", "\n\t- x"), GOOD.replace("  - Froze", "\t- Froze"), "\t" + GOOD],
    ids=["tab-indent", "tab-item", "tab-first"],
)
def test_a_tab_says_indent_with_spaces(tmp_path: Path, text: str) -> None:
    (found,) = problems(tmp_path, text)
    line = line_of(text, "\t")
    assert found.startswith(f"data/testimonials/ada.yml:{line}: (file): a tab at column")
    assert "YAML cannot be indented with tabs; fix: indent with spaces" in found


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x00", "a NUL byte (U+0000)"),
        ("\x1b", "an escape character (U+001B)"),
        ("\x07", "an invisible control character (U+0007)"),
    ],
)
def test_control_bytes_give_line_and_column(tmp_path: Path, char: str, name: str) -> None:
    text = GOOD.replace("role: Physics", f"role: Phy{char}sics")
    (found,) = problems(tmp_path, text)
    assert found.startswith(f"data/testimonials/ada.yml:{line_of(text, 'role:')}: (file): ")
    assert f"{name} at column 10" in found and "; fix: delete it" in found


def test_reserved_id_is_named_as_reserved(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, GOOD, name="page.yml")
    assert found.startswith("data/testimonials/page.yml: (file name): 'page' is reserved: ")
    assert (
        "not a testimonial file name" not in found and "fix: rename it to page-story.yml" in found
    )


def test_other_mistakes_have_plain_messages(tmp_path: Path) -> None:
    assert any(
        "has 9 items, over the limit of 8; fix: keep the 8 that matter most" in p
        for p in problems(tmp_path, with_line("setbacks", "[" + ", ".join("abcdefghi") + "]"))
    )
    assert any(
        "themes: lists 'applications' more than once; fix: remove the repeat" in p
        for p in problems(tmp_path, with_line("themes", "[applications, applications]"))
    )
    (found,) = problems(tmp_path, with_line("who", ""))
    assert "who: is empty; fix: the name to show" in found
    (found,) = problems(tmp_path, re.sub("statement: .*", "statement: Yes, I agree.", GOOD))
    assert "consent.statement: is" in found and "at least 20 are needed" in found
    (found,) = problems(tmp_path, GOOD + "---\nwho: again\n")
    assert "keep one testimonial per file" in found


# --- every real name fits, safely -------------------------------------------------------------

REAL_NAMES = [
    "Dana 👩‍🔬 Kim",
    "مهرداد نیک‌نام",
    "नमस्‍ते Priya",
    "Sam 👨🏽‍💻 Lee",
    "Alex ❤️‍🔥",
    "Jo 🏳️‍🌈",
    "Rhys 🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",
    "Room 1️⃣",
    "Zoë Ōtsuka-Nguyễn",
    "李小龍",
]


@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_names_with_joiners_are_accepted_and_kept(tmp_path: Path, name: str) -> None:
    testimonial, found = load(tmp_path, with_line("who", f'"{name}"'))
    assert found == [] and testimonial.who == name
    assert plain(name) == name
    assert (
        BeautifulSoup(to_html(f"Thanks, {name}."), "html.parser").get_text() == f"Thanks, {name}."
    )


REFUSED = [
    ("Ada\u202eevil", "U+202E (RIGHT-TO-LEFT OVERRIDE) after 'Ada'"),
    ("Ada\u202aevil", "U+202A (LEFT-TO-RIGHT EMBEDDING) after 'Ada'"),
    ("Ada\u202bevil", "U+202B (RIGHT-TO-LEFT EMBEDDING) after 'Ada'"),
    ("Ada\u202cevil", "U+202C (POP DIRECTIONAL FORMATTING) after 'Ada'"),
    ("Ada\u202devil", "U+202D (LEFT-TO-RIGHT OVERRIDE) after 'Ada'"),
    ("\u2066Ada", "U+2066 (LEFT-TO-RIGHT ISOLATE) at the start"),
    ("Ada \u2067evil", "U+2067 (RIGHT-TO-LEFT ISOLATE) after 'Ada'"),
    ("Ada\u2068evil", "U+2068 (FIRST STRONG ISOLATE) after 'Ada'"),
    ("Ada\u2069evil", "U+2069 (POP DIRECTIONAL ISOLATE) after 'Ada'"),
    ("Ad\u200ba", "U+200B (ZERO WIDTH SPACE) after 'Ad'"),
    ("Ad\u200da", "U+200D (ZERO WIDTH JOINER, outside an emoji sequence"),
    ("Ad\u200ca", "U+200C (ZERO WIDTH NON-JOINER, outside an emoji sequence"),
    ("Ada\u2060", "U+2060 (WORD JOINER) after 'Ada'"),
    ("Ada\ufeff", "U+FEFF (ZERO WIDTH NO-BREAK SPACE) after 'Ada'"),
    ("Ada\U000e0041", "U+E0041 (TAG LATIN CAPITAL LETTER A) after 'Ada'"),
    ("😀" + "\U000e0100" * 4, "VARIATION SELECTOR-17, not right after a visible character"),
    ("A very long name indeed\u202e", "after '…ry long name indeed'"),
]


@pytest.mark.parametrize(("value", "shown"), REFUSED)
def test_hidden_controls_are_refused_naming_the_character_and_where(
    tmp_path: Path, value: str, shown: str
) -> None:
    text = with_line("who", f'"{value}"')
    (found,) = problems(tmp_path, text)
    assert found.startswith(f"data/testimonials/ada.yml:{line_of(text, 'who:')}: who: invisible")
    assert shown in found and "; fix: delete" in found
    assert not hidden_characters(plain(value)), "the renderer must strip what validation refuses"
    assert not hidden_characters(BeautifulSoup(to_html(value), "html.parser").get_text())


def test_joiners_outside_their_place_are_stripped_but_neighbours_kept() -> None:
    assert plain("Ad\u200da 👩\u200d🔬") == "Ada 👩\u200d🔬"
    assert plain("\u200dنیک\u200cنام") == "نیک\u200cنام"
    assert [m for m, _ in problems_in("Dana 👩\u200d🔬 Kim")] == []


# --- make new-testimonial -------------------------------------------------------------------------


class _Terminal:
    def isatty(self) -> bool:
        return True


def _scaffold(tree: Path, monkeypatch: pytest.MonkeyPatch, answers: list[str], *argv: str):
    """Run the scaffold in-process as if typed at a terminal; (exit code, prompts, stderr)."""
    import new_testimonial

    prompts: list[str] = []
    queue = list(answers)

    def typed(prompt: str) -> str:
        prompts.append(prompt)
        if not queue:
            raise EOFError
        return queue.pop(0)

    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("builtins.input", typed)
    code = new_testimonial.main(list(argv), root=tree)
    return code, prompts


def test_scaffold_checks_each_answer_as_it_is_given_and_asks_again(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = [
        "Rejected from MATS",  # not an id: the fix is offered
        "",  # Enter takes it
        "x" * 100,  # too long
        "Dana 👩‍🔬 Kim",
        "Engineer applying to programmes",
        "applications, self-asessment",  # typo
        "",  # Enter takes the corrected list
        "Rejected <b>twice</b>",  # markup
        "Rejected twice",
        "",
        "Got in on the third try.",
        "",  # no lesson
        "",  # the default consent
    ]
    code, prompts = _scaffold(tree, monkeypatch, answers)
    err = capsys.readouterr().err
    assert code == 0, err
    assert "'Rejected from MATS' is not lowercase words joined by hyphens" in err
    assert "fix: use 'rejected-from-mats'" in err and prompts[1].endswith("[rejected-from-mats]: ")
    assert "is 100 characters long, over the 80-character limit" in err
    assert "unknown theme 'self-asessment'; fix: did you mean 'self-assessment'?" in err
    assert prompts[6].endswith("[applications, self-assessment]: ")
    assert "raw HTML is not allowed" in err
    assert "fix the flags" not in err
    written = load_one(
        tree / "data/testimonials/rejected-from-mats.yml",
        "data/testimonials/rejected-from-mats.yml",
        THEMES,
        {},
    )[0]
    assert written.who == "Dana 👩‍🔬 Kim" and written.themes == ("applications", "self-assessment")
    assert written.setbacks == ("Rejected twice",)


def test_scaffold_offers_a_free_id_and_refuses_reserved_ones(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, prompts = _scaffold(tree, monkeypatch, ["page", "beth-barnes", ""])
    err = capsys.readouterr().err
    assert code == 2 and "nothing written" in err  # input ended after the id
    assert "'page' is reserved" in err and prompts[1].endswith("[page-story]: ")
    assert "data/testimonials/beth-barnes.yml already exists" in err
    assert prompts[2].endswith("[beth-barnes-2]: ")
    assert not (tree / "data/testimonials/page-story.yml").exists()


def test_scaffold_asks_again_for_a_bad_flag_on_a_terminal(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = ["", "Engineer", "applications", "One setback", "", "Then this.", "", ""]
    code, prompts = _scaffold(tree, monkeypatch, answers, "--id", "Bad Id", "--who", "anonymous")
    assert code == 0, capsys.readouterr().err
    assert prompts[0].endswith("[bad-id]: ")
    assert (tree / "data/testimonials/bad-id.yml").is_file()


def test_scaffold_flags_report_each_bad_flag_by_name(tree: Path) -> None:
    args = [
        sys.executable,
        "scripts/new_testimonial.py",
        "--id",
        "Bad Id",
        "--who",
        "A",
        "--role",
        "B",
        "--themes",
        "applications",
        "--setback",
        "C",
        "--next",
        "D",
        "--consent-statement",
        "I agree",
        "--shared-on",
        "2024-02-30",
    ]
    result = subprocess.run(
        args, cwd=tree, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 1
    assert "--id: 'Bad Id' is not lowercase words joined by hyphens" in result.stderr
    assert "fix: use 'bad-id'" in result.stderr
    assert "--consent-statement: is 7 characters long; at least 20 are needed" in result.stderr
    assert "--shared-on: '2024-02-30' is not a real date" in result.stderr
    assert "nothing written; fix the flags above" in result.stderr
    assert not list((tree / "data/testimonials").glob("bad*"))


# --- CONTRIBUTING.md ----------------------------------------------------------------------------


def test_contributing_gives_the_preview_address_make_serve_uses() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    served = re.search(r"^serve:.*Serve at (http://\S+/)", makefile, re.M).group(1)
    assert served == "http://127.0.0.1:8000/noisy-signals/"
    assert f"{served}testimonials/<id>/" in text
    assert "http://127.0.0.1:8000/testimonials/" not in text


def test_contributing_lists_every_length_limit_of_the_schema() -> None:
    import json

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    schema = json.loads((ROOT / "data/schemas/testimonial.schema.json").read_text())
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `(\w+)` \|.*$", text, re.M)}
    assert set(rows) == set(schema["properties"])
    for name, prop in schema["properties"].items():
        for sub in (prop, prop.get("items", {}), *prop.get("properties", {}).values()):
            if "maxLength" in sub and "minLength" in sub:
                assert f"{sub['minLength']} to {sub['maxLength']:,} characters" in rows[name], name
            elif "maxLength" in sub:
                assert f"at most {sub['maxLength']:,} characters" in rows[name], name
        if "maxItems" in prop:
            assert f"{prop['minItems']} to {prop['maxItems']} items" in rows[name], name
