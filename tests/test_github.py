"""The GitHub side: workflows pass zizmor with no findings, the issue form passes GitHub's schema,
and no untrusted `${{ }}` expression is ever pasted into a shell script."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "testimonial.yml"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+)*$")


def tool(name: str) -> str:
    """An executable installed beside the running Python; skip the test when it is not there."""
    path = Path(sys.executable).parent / name
    if not path.exists():
        pytest.skip(
            f"{name} is not installed in {Path(sys.executable).parent} "
            "(pip install zizmor==1.32.0 check-jsonschema==0.39.0)"
        )
    return str(path)


def workflows() -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in WORKFLOWS.glob("*.yml")}


def steps(flow: dict) -> list[dict]:
    return [step for job in flow["jobs"].values() for step in job.get("steps", [])]


def test_zizmor_reports_no_findings() -> None:
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--format", "json", ".github/workflows/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    findings = json.loads(result.stdout or "null")
    if findings:
        plain = subprocess.run(
            [tool("zizmor"), "--offline", ".github/workflows/"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        pytest.fail(f"zizmor found {len(findings)} problem(s):\n{plain.stdout}")
    assert findings == [] and result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("schema", "paths"),
    [
        ("vendor.github-issue-forms", [FORM]),
        ("vendor.github-workflows", sorted(WORKFLOWS.glob("*.yml"))),
    ],
)
def test_files_match_githubs_schemas(schema: str, paths: list[Path]) -> None:
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", schema, *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_run_step_contains_an_expression() -> None:
    """Values reach scripts through `env:`, so no text can be spliced into the shell."""
    for name, flow in workflows().items():
        for step in steps(flow):
            assert "${{" not in step.get("run", ""), f"{name}: {step.get('name', step['run'])}"


def test_actions_are_pinned_to_a_commit_with_the_version_in_a_comment() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^\s*(?:- )?uses:\s*(.+?)\s*$", line)
            if match:
                assert PINNED.match(match.group(1)), f"{path.name}: {line.strip()}"


def test_least_privilege_and_no_persisted_credentials() -> None:
    for name, flow in workflows().items():
        triggers = flow.get("on") or flow.get(True)  # PyYAML reads a bare `on:` as True
        assert "pull_request_target" not in triggers, name
        assert flow.get("permissions") == {}, f"{name}: top-level permissions must be {{}}"
        for job_name, job in flow["jobs"].items():
            assert "permissions" in job, f"{name}: job {job_name} declares no permissions"
        for step in steps(flow):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, name


def test_issue_text_reaches_make_only_through_the_environment() -> None:
    """make expands $(...) in values on its command line, never in the environment it inherits."""
    flow = workflows()["testimonial-from-issue.yml"]
    convert = flow["jobs"]["convert"]
    assert convert["permissions"] == {"contents": "read"}  # untrusted text meets no write token
    step = next(s for s in convert["steps"] if "testimonial-from-issue" in s.get("run", ""))
    untrusted = {k for k, v in step["env"].items() if "github.event.issue." in v}
    assert untrusted == {"ISSUE_BODY", "TITLE"}
    make_lines = [line for line in step["run"].splitlines() if "make " in line]
    assert make_lines and not any(f"{name}=" in "".join(make_lines) for name in untrusted)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '--title "$$TITLE"' in makefile and "$(TITLE)" not in makefile
