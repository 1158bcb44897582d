"""Bad data fails with FILE:LINE: field: problem; fix: how — one test per kind of mistake."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build
from data_edits import edit, line_of, validate
from noisy_signals.load import load_site
from noisy_signals.problems import DataError


def problems(root: Path) -> list[str]:
    """Every problem load_site reports for the tree at `root`, as printed."""
    with pytest.raises(DataError) as err:
        load_site(root)
    return [str(p) for p in err.value.problems]


def test_real_tree_is_valid() -> None:
    site = load_site(ROOT)
    assert set(site.themes) >= {
        "applications",
        "first-impressions",
        "job-performance",
        "self-assessment",
    }
    assert set(site.guides) <= set(site.sources)


def test_misspelt_theme_id_in_taxonomy_names_file_line_and_suggestion(tree: Path) -> None:
    taxonomy = tree / "data/taxonomy.yml"
    edit(taxonomy, "- id: applications", "- id: aplications")
    found = problems(tree)
    line = line_of(taxonomy, "- id: aplications")
    assert any(
        p.startswith("data/taxonomy.yml:") and "theme 'applications' is missing" in p for p in found
    ), found
    # Reported once, at its cause: not again on every section, lesson and testimonial that uses it.
    assert not [p for p in found if "unknown theme 'applications'" in p], found
    assert any("did you mean 'aplications'?" in p for p in found)
    assert line > 0


def test_unknown_theme_on_a_section_suggests_the_near_match(tree: Path) -> None:
    page = tree / "docs/posts/evaluations-are-noisy.md"
    text = page.read_text()
    first = text.index("themes: [") + len("themes: [")
    page.write_text(text[:first] + "aplications, " + text[first:])
    found = problems(tree)
    line = text[:first].count("\n") + 1
    assert any(
        p.startswith(f"docs/posts/evaluations-are-noisy.md:{line}: sections.")
        and "unknown theme 'aplications'" in p
        and "did you mean 'applications'?" in p
        for p in found
    ), found


def test_invalid_yaml_reports_line_and_column(tree: Path) -> None:
    taxonomy = tree / "data/taxonomy.yml"
    edit(taxonomy, "    situation: I was rejected", "    situation: [I was rejected")
    found = problems(tree)
    assert len(found) == 1
    assert found[0].startswith("data/taxonomy.yml:")
    assert "invalid YAML, column" in found[0] and "fix:" in found[0]


def test_duplicate_key_is_an_error_not_silently_dropped(tree: Path) -> None:
    taxonomy = tree / "data/taxonomy.yml"
    edit(
        taxonomy,
        "    situation: I was rejected\n",
        "    situation: I was rejected\n    situation: again\n",
    )
    (found,) = problems(tree)
    line = line_of(taxonomy, "situation: again")
    assert found.startswith(f"data/taxonomy.yml:{line}: themes.0.situation: duplicate key")


def test_unknown_field_names_the_allowed_ones(tree: Path) -> None:
    taxonomy = tree / "data/taxonomy.yml"
    edit(
        taxonomy, "    situation: I was rejected\n", "    situation: I was rejected\n    titel: x\n"
    )
    (found,) = problems(tree)
    assert found.startswith(f"data/taxonomy.yml:{line_of(taxonomy, 'titel: x')}: themes.0.titel:")
    assert "unknown field 'titel'" in found and "did you mean 'title'?" in found


def test_missing_required_field_says_what_to_add(tree: Path) -> None:
    edit(
        tree / "data/taxonomy.yml",
        "    question: I was rejected. What does that say about me?\n",
        "",
    )
    (found,) = problems(tree)
    assert "themes.0.question: required field is missing; fix: add `question:`" in found


def test_wrong_type_is_named(tree: Path) -> None:
    edit(tree / "data/sources.yml", "    authors: [Jay Bailey]", "    authors: Jay Bailey")
    (found,) = problems(tree)
    assert "sources.reflections-on-my-first-year.authors: should be a list, got text" in found


def test_aliases_are_refused(tree: Path) -> None:
    edit(
        tree / "data/taxonomy.yml",
        "    title: Applications and interviews",
        "    title: &t Applications",
    )
    (found,) = problems(tree)
    assert "anchors and aliases" in found


def test_heading_without_id_and_undescribed_section_are_both_reported(tree: Path) -> None:
    page = tree / "docs/posts/evaluations-are-noisy.md"
    page.write_text(page.read_text() + "\n## A new heading\n\n## Another { #another-new-one }\n")
    found = problems(tree)
    assert any(
        "'A new heading' has no explicit id" in p and "{ #a-new-heading }" in p for p in found
    )
    assert any("sections.another-new-one: this ## heading has no entry" in p for p in found)


def test_section_entry_without_heading_is_reported(tree: Path) -> None:
    page = tree / "docs/posts/evaluations-are-noisy.md"
    edit(
        page,
        "sections:\n",
        "sections:\n  no-such-heading:\n    themes: [applications]\n    gist: x\n",
    )
    (found,) = problems(tree)
    assert found.startswith("docs/posts/evaluations-are-noisy.md:")
    assert "sections.no-such-heading: no heading on the page has this id" in found


def test_description_over_160_characters(tree: Path) -> None:
    page = tree / "docs/posts/what-mentors-value.md"
    text = page.read_text()
    start = text.index("description:")
    end = text.index("\n", start)
    page.write_text(text[:start] + "description: " + "x" * 161 + text[end:])
    (found,) = problems(tree)
    assert (
        f"docs/posts/what-mentors-value.md:{text[:start].count(chr(10)) + 1}: description:" in found
    )


def test_every_problem_is_reported_in_one_run(tree: Path) -> None:
    edit(tree / "data/sources.yml", "    authors: [Jay Bailey]", "    authors: Jay Bailey")
    page = tree / "docs/posts/evaluations-are-noisy.md"
    page.write_text(page.read_text() + "\n## A new heading\n")
    edit(tree / "data/redirects.yml", "  rejected/: themes/applications/", "  rejected/: [themes]")
    edit(
        tree / "data/lessons.yml",
        "    when: right-after",
        "    when: soon",
    )
    edit(
        tree / "data/taxonomy.yml",
        "    situation: I was rejected",
        "    situation: [I was rejected",
    )
    files = {p.split(":")[0] for p in problems(tree)}
    assert files >= {
        "data/sources.yml",
        "data/redirects.yml",
        "data/lessons.yml",
        "data/taxonomy.yml",
        "docs/posts/evaluations-are-noisy.md",
    }, files


def test_make_validate_prints_problems_and_exits_1(tree: Path) -> None:
    edit(tree / "data/taxonomy.yml", "- id: applications", "- id: aplications")
    result = validate(tree)
    assert result.returncode == 1
    assert "data/taxonomy.yml:" in result.stdout and "'applications'" in result.stdout


def test_build_fails_on_bad_data_and_writes_nothing(tree: Path, tmp_path: Path) -> None:
    edit(tree / "data/taxonomy.yml", "- id: applications", "- id: aplications")
    out = tmp_path / "out"
    result = build(tree, out)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/taxonomy.yml:" in output and "did you mean" in output
    assert not out.exists() or not any(out.iterdir())


def test_on_github_actions_each_problem_is_also_an_annotation_on_its_line(tree: Path) -> None:
    path = tree / "data/testimonials/beth-barnes.yml"
    edit(path, "themes: [", "themes: [aplications, ")
    line = line_of(path, "aplications")
    env = {**os.environ, "PYTHONPATH": str(tree / "scripts"), "GITHUB_ACTIONS": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "noisy_signals", "validate"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    plain, annotation = result.stdout.splitlines()[:2]
    assert plain.startswith(f"data/testimonials/beth-barnes.yml:{line}: themes")
    assert annotation.startswith(
        f"::error file=data/testimonials/beth-barnes.yml,line={line},title=themes::"
        "unknown theme 'aplications'; fix: did you mean"
    ), annotation
    quiet = validate(tree)  # elsewhere: the plain lines only
    assert "::error" not in quiet.stdout
