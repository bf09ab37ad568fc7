"""The widgets' JavaScript (docs/javascripts/) passes ESLint's recommended rules.

The widgets are plain scripts with no build step, so a misspelt name is found only when a reader's
browser runs that line. ESLint (``eslint.config.cjs``) finds it first: an undefined or unused name,
unreachable code, a duplicate key. It runs with the packages that ``make npm-tools`` installs into
``.cache/npm``. Without node or the packages the test is skipped, loudly; under CI it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import under_ci

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / ".cache" / "npm" / "node_modules"
ESLINT = MODULES / ".bin" / "eslint"
SCRIPTS = ROOT / "docs" / "javascripts"


def _eslint(folder: Path) -> subprocess.CompletedProcess:
    """ESLint over ``folder``'s docs/javascripts, with ``folder``'s eslint.config.cjs."""
    if not (shutil.which("node") and ESLINT.is_file()):
        reason = (
            "ESLINT NOT INSTALLED: the widgets' JavaScript was NOT linted "
            "(needs node and `make npm-tools`, which installs eslint)"
        )
        if under_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return subprocess.run(
        [str(ESLINT), "--max-warnings", "0", "docs/javascripts"],
        cwd=folder,
        env=os.environ | {"NODE_PATH": str(MODULES)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_widgets_pass_eslint():
    proc = _eslint(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_eslint_reports_a_misspelt_name(tmp_path):
    """The check is not a no-op: a widget that uses a name it never defines fails it."""
    scripts = tmp_path / "docs" / "javascripts"
    scripts.mkdir(parents=True)
    shutil.copy(ROOT / "eslint.config.cjs", tmp_path)
    source = (SCRIPTS / "neuron.js").read_text(encoding="utf-8")
    assert "document.querySelector(" in source
    (scripts / "neuron.js").write_text(
        source.replace("document.querySelector(", "documnet.querySelector(", 1), encoding="utf-8"
    )
    proc = _eslint(tmp_path)
    assert proc.returncode == 1
    assert "'documnet' is not defined" in proc.stdout
