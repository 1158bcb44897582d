"""The issue-form converter: recorded issue bodies either become a file the validator accepts, or
nothing is written and every problem names the form field by its label."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from noisy_signals import issue_form
from noisy_signals.issue_form import form_fields, main, validate

BODIES = ROOT / "tests" / "issue_bodies"
DIR = "data/testimonials"
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "testimonial.yml"
SCHEMA = json.loads((ROOT / "data/schemas/testimonial.schema.json").read_text(encoding="utf-8"))
LABELS = {f.id: f.label for f in form_fields()}


def files(tree: Path) -> set[str]:
    """Everything under data/testimonials, hidden temporary folders included."""
    return {p.relative_to(tree).as_posix() for p in (tree / DIR).rglob("*")}


def run(tree: Path, body: Path | str, *args: str, capsys: pytest.CaptureFixture[str]):
    """(exit code, stdout, stderr) of the converter on a recorded body or on body text."""
    if isinstance(body, str):
        path = tree / "issue-body.md"
        path.write_text(body, encoding="utf-8")
        body = path
    code = main(["--body", str(body), "--root", str(tree), *args])
    out, err = capsys.readouterr()
    return code, out, err


def written(tree: Path, out: str) -> Path:
    path = Path(out.strip())
    path = path if path.is_absolute() else Path.cwd() / path
    assert path.parent == tree / DIR, out
    return path


def assert_valid(tree: Path, path: Path) -> dict:
    """The produced file passes the project's validator and starts with the schema line."""
    assert validate(tree, path) == []
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == issue_form.SCHEMA_LINE
    return yaml.safe_load(text)


def refused(tree: Path, before: set[str], code: int, out: str, err: str) -> list[str]:
    """Nothing written, exit 1, no traceback; the problem lines for further checks."""
    assert code == 1, (out, err)
    assert out == ""
    assert files(tree) == before
    assert "Traceback" not in err
    assert "nothing was written" in err
    return [line for line in err.splitlines() if line.startswith("- ")]


def body_with(field: str, answer: str) -> str:
    """valid.md with one field's answer replaced."""
    text = (BODIES / "valid.md").read_text(encoding="utf-8")
    labels = [f.label for f in form_fields()]
    i = labels.index(LABELS[field])
    start = text.index(f"### {labels[i]}\n") + len(f"### {labels[i]}\n")
    end = text.index(f"### {labels[i + 1]}\n") if i + 1 < len(labels) else len(text)
    return text[:start] + "\n" + answer + "\n\n" + text[end:]


def test_valid_body_becomes_a_valid_file(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(tree, BODIES / "valid.md", capsys=capsys)
    assert code == 0, err
    path = written(tree, out)
    assert path.name == "ada-example.yml"
    data = assert_valid(tree, path)
    assert data["who"] == "Ada Example"
    assert data["themes"] == ["applications", "self-assessment"]
    assert data["setbacks"][1].startswith("Froze in a coding interview")
    assert data["what_happened_next"].count("\n\n") == 1  # paragraphs kept
    assert data["source"] == "https://example.org/my-story"
    assert data["consent"] == {
        "statement": "I am the person in this testimonial and agree to its publication on "
        "Noisy Signals."
    }
    text = path.read_text(encoding="utf-8")
    assert "_No response_" not in text and "###" not in text and "[X]" not in text


def test_windows_line_endings_and_an_empty_optional_field(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = body_with("lesson", "_No response_").replace("\n", "\r\n")
    code, out, err = run(tree, body, capsys=capsys)
    assert code == 0, err
    data = assert_valid(tree, written(tree, out))
    assert "lesson" not in data
    assert "\r" not in written(tree, out).read_text(encoding="utf-8")


def test_non_latin_name_passes(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(tree, BODIES / "non_latin_minimal.md", capsys=capsys)
    assert code == 0, err
    data = assert_valid(tree, written(tree, out))
    assert data["who"] == "山田 花子"
    assert set(data) == {"who", "role", "consent", "themes", "setbacks", "what_happened_next"} | {
        "shared_on"
    }


@pytest.mark.parametrize("name", ["Ольга Петрова", "José Müller"])
def test_other_scripts_and_accents(
    tree: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, out, err = run(tree, body_with("who", name), capsys=capsys)
    assert code == 0, err
    assert assert_valid(tree, written(tree, out))["who"] == name


def test_yaml_and_shell_lookalikes_are_kept_as_plain_text(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(tree, BODIES / "yaml_lookalike.md", capsys=capsys)
    assert code == 0, err
    data = assert_valid(tree, written(tree, out))
    assert data["who"] == '"no": &anchor *alias'
    assert data["role"].startswith("!!python/object/apply:os.system")
    assert data["themes"] == ["applications"]
    assert data["setbacks"][:2] == ["---", "key: value: another"]
    assert "$(shell touch /tmp/pwned)" in data["what_happened_next"]
    assert data["what_happened_next"].startswith("### Not a heading of the form")


def test_missing_required_fields_are_named(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(tree)
    lines = refused(tree, before, *run(tree, BODIES / "missing_required.md", capsys=capsys))
    for field in ("role", "themes", "setbacks", "what_happened_next"):
        assert any(line.startswith(f"- {LABELS[field]}:") for line in lines), (field, lines)
    assert any("pick at least one theme" in line for line in lines)
    assert not any(LABELS["who"] in line or LABELS["lesson"] in line for line in lines)


def test_every_checkbox_off_is_refused(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(tree)
    lines = refused(tree, before, *run(tree, BODIES / "checkboxes_off.md", capsys=capsys))
    assert lines == [line for line in lines if line.startswith(f"- {LABELS['consent']}:")]
    assert "not ticked" in lines[0]


def test_an_edited_consent_sentence_is_not_consent(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(tree)
    body = body_with("consent", "- [X] I agree to nothing at all, but tick this box anyway.")
    lines = refused(tree, before, *run(tree, body, capsys=capsys))
    assert any(line.startswith(f"- {LABELS['consent']}:") for line in lines)


def test_hostile_text_is_refused_field_by_field(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(tree)
    code, out, err = run(tree, BODIES / "hostile.md", capsys=capsys)
    lines = refused(tree, before, code, out, err)
    text = "\n".join(lines)
    for field in ("who", "role", "setbacks", "what_happened_next", "lesson", "source"):
        assert f"- {LABELS[field]}" in text, (field, text)
    assert "raw HTML is not allowed" in text
    assert "not an http(s) address" in text
    assert "setback 1" in text and "setback 2" in text
    assert "(file)" not in text and "fix:" not in text  # the submitter's words, not the loader's


def test_a_very_long_answer_names_the_field_and_the_limit(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(tree)
    lines = refused(tree, before, *run(tree, BODIES / "long_answer.md", capsys=capsys))
    assert len(lines) == 1
    assert lines[0].startswith(f"- {LABELS['what_happened_next']}:")
    limit = SCHEMA["properties"]["what_happened_next"]["maxLength"]
    assert f"at most {limit:,}" in lines[0]
    assert len(lines[0]) < 300  # the answer itself is not echoed back


def test_an_answer_over_the_file_size_limit(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(tree)
    body = body_with("what_happened_next", "Долго. " * 12000)  # ~150 kB of UTF-8
    lines = refused(tree, before, *run(tree, body, capsys=capsys))
    assert any(LABELS["what_happened_next"] in line for line in lines), lines


def test_too_many_setbacks(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(tree)
    most = SCHEMA["properties"]["setbacks"]["maxItems"]
    body = body_with("setbacks", "\n".join(f"- Setback number {i}" for i in range(most + 1)))
    lines = refused(tree, before, *run(tree, body, capsys=capsys))
    assert lines[0].startswith(f"- {LABELS['setbacks']}:") and f"to {most}" in lines[0]


def test_a_body_not_from_the_form(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(tree)
    lines = refused(tree, before, *run(tree, BODIES / "not_a_form.md", capsys=capsys))
    assert "Share a testimonial" in lines[0]


def test_an_unreadable_body_is_refused_without_a_traceback(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(tree)
    path = tree / "binary.md"
    path.write_bytes(b"\xff\xfe\x00### Name to show (who)\n\n\x80\x81")
    refused(tree, before, *run(tree, path, capsys=capsys))
    code, _, err = run(tree, tree / "missing.md", capsys=capsys)
    assert code == 2 and "Traceback" not in err


def test_id_from_title_then_name_and_anonymous_uses_the_role(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    titled = "--title", "Testimonial: Rejected three times!"
    code, out, _ = run(tree, BODIES / "valid.md", *titled, capsys=capsys)
    assert code == 0 and written(tree, out).name == "rejected-three-times.yml"
    code, out, _ = run(tree, BODIES / "valid.md", "--title", "Testimonial: ", capsys=capsys)
    assert code == 0 and written(tree, out).name == "ada-example.yml"
    body = body_with("who", "Anonymous")
    code, out, _ = run(tree, body, capsys=capsys)
    path = written(tree, out)
    assert code == 0 and path.name == "anonymous-physics-graduate-applying-to-ai.yml"
    assert assert_valid(tree, path)["who"] == "anonymous"


def test_an_existing_file_is_never_overwritten(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tree / DIR / "jay-bailey.yml"
    original = existing.read_bytes()
    before = files(tree)
    refused(tree, before, *run(tree, BODIES / "valid.md", "--id", "jay-bailey", capsys=capsys))
    assert existing.read_bytes() == original
    code, out, _ = run(tree, BODIES / "valid.md", capsys=capsys)
    first = written(tree, out)
    code, out, _ = run(tree, BODIES / "valid.md", capsys=capsys)
    assert code == 0 and written(tree, out).name == "ada-example-2.yml"
    assert first.name == "ada-example.yml"
    for bad in ("../escape", "Not An Id", "page"):
        refused(tree, files(tree), *run(tree, BODIES / "valid.md", "--id", bad, capsys=capsys))


def test_random_bodies_never_end_in_a_traceback(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Form headings and valid answers shuffled with hostile fragments: exit 0 or 1, never more."""
    rng = random.Random(20240501)
    labels = [f"### {f.label}" for f in form_fields()]
    valid = (BODIES / "valid.md").read_text(encoding="utf-8").splitlines()
    noise = [
        "_No response_",
        "- [X] I am the person in this testimonial and agree to its publication on Noisy Signals.",
        "- [ ]",
        "applications (I was rejected), nonsense",
        ",,,",
        "\x00\x1b[31m\u202e\u200b\ufeff",
        "&a *a !!binary |",
        "\ud7ff\U0010fffd" * 40,
        "x" * 5000,
        "",
        "   ",
    ]
    codes = set()
    for i in range(80):
        if i % 2:
            lines = [rng.choice(labels + valid + noise) for _ in range(rng.randint(0, 30))]
            body = "\n".join(lines)
        else:
            answer = " ".join(
                rng.choice(noise + ["Rejected twice.", "*Plain* words"]) for _ in "ab"
            )
            body = body_with(rng.choice(list(LABELS)), answer)
        code, out, err = run(tree, body, capsys=capsys)
        assert code in (0, 1), err
        assert "Traceback" not in err
        codes.add(code)
        if code == 0:
            assert_valid(tree, written(tree, out))
    assert codes == {0, 1}


def test_the_converter_follows_the_form_and_the_form_the_schema() -> None:
    """Field ids are schema fields, theme choices are taxonomy ids, limits are in the text."""
    fields = {f.id: f for f in form_fields()}
    properties = SCHEMA["properties"]
    assert set(fields) <= set(properties)
    assert {f for f in SCHEMA["required"] if f in fields} == set(SCHEMA["required"])
    taxonomy = yaml.safe_load((ROOT / "data/taxonomy.yml").read_text(encoding="utf-8"))
    theme_ids = {t["id"] for t in taxonomy["themes"]}
    themes = fields["themes"]
    assert themes.kind == "dropdown" and themes.required
    assert "," not in "".join(themes.options)  # a multi-select renders its choices comma-separated
    assert {o.split(" (")[0] for o in themes.options} == theme_ids
    consent = fields["consent"]
    assert consent.kind == "checkboxes" and len(consent.options) == 1
    statement = properties["consent"]["properties"]["statement"]
    assert statement["minLength"] <= len(consent.options[0]) <= statement["maxLength"]
    for f in fields.values():
        assert f.required == (f.id in SCHEMA["required"]), f.id
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    descriptions = {
        e["id"]: e["attributes"].get("description", "") for e in form["body"] if "id" in e
    }
    for field, spec in properties.items():
        if field not in fields:
            continue
        spec = spec.get("items", spec) if field == "setbacks" else spec
        for key in ("maxLength",):
            if key in spec:
                assert re.search(rf"\b{spec[key]:,}\b|\b{spec[key]}\b", descriptions[field]), field
    most = properties["setbacks"]["maxItems"]
    assert f"1 to {most}" in descriptions["setbacks"]
    assert "https://" in descriptions["source"]
