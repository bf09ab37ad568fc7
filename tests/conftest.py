"""Shared test helpers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def under_ci() -> bool:
    """Whether ``CI`` is set: there a check whose tool is missing fails instead of skipping."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes (to prove that nothing changed)."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run_cli(*args: str, cwd: Path | None = None, extra_env: dict | None = None):
    """Run ``python -m explainer ARGS`` in a subprocess, as a user would."""
    env = {**os.environ, **(extra_env or {})}
    env.pop("EXPLAINER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "explainer", *args],
        cwd=cwd or ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def one_line_error(err: str, *needles: str) -> None:
    """Assert that ``err`` is one line, no traceback, containing every needle."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], f"{needle!r} not in {lines[0]!r}"


@pytest.fixture
def root() -> Path:
    return ROOT
