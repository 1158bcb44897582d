"""The repository's own contracts: CI and deploy call the make targets, versions are pinned."""

from __future__ import annotations

import re
import tomllib

import yaml
from conftest import ROOT


def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text())


def run_steps(flow: dict) -> str:
    return "\n".join(
        step.get("run", "") for job in flow["jobs"].values() for step in job.get("steps", [])
    )


def test_ci_workflow_runs_make_test_and_validate_on_pull_requests() -> None:
    flow = workflow("ci.yml")
    triggers = flow.get("on") or flow.get(True)  # PyYAML reads a bare `on:` as True
    assert "pull_request" in triggers
    steps = run_steps(flow)
    assert re.search(r"^make test\b", steps, re.M)
    assert re.search(r"^make validate\b", steps, re.M)


def test_deploy_workflow_builds_with_make_and_publishes_pages_from_main() -> None:
    flow = workflow("deploy.yml")
    triggers = flow.get("on") or flow.get(True)
    assert triggers["push"]["branches"] == ["main"]
    assert re.search(r"^make build\b", run_steps(flow), re.M)
    uses = [s.get("uses", "") for job in flow["jobs"].values() for s in job.get("steps", [])]
    assert any(u.startswith("actions/deploy-pages") for u in uses)


def _pinned(lock: str) -> set[str]:
    return {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / lock).read_text().splitlines()
        if "==" in line
    }


def _name(requirement: str) -> str:
    return re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower().replace("_", "-")


def test_every_dependency_is_pinned_and_validating_needs_no_test_tools() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    site, tests = _pinned("requirements.lock"), _pinned("requirements-test.lock")
    for requirement in project["dependencies"]:
        assert _name(requirement) in site, f"{requirement} is not pinned in requirements.lock"
    for requirement in (d for ds in project["optional-dependencies"].values() for d in ds):
        assert _name(requirement) in site | tests, f"{requirement} is pinned in no lock file"
    assert not site & {"playwright", "pytest", "axe-playwright-python"}, "validate needs no browser"
    assert not site & tests, f"pinned twice: {sorted(site & tests)}"
    assert re.search(r"^mkdocs==1\.", (ROOT / "requirements.lock").read_text(), re.M)


def test_readme_quick_start_is_the_two_make_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^\s*(make \w[\w-]*)", quick, re.M)
    assert commands == ["make serve", "make test"]
