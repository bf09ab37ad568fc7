"""The built site, served on 127.0.0.1, and Debian's Chromium driven by Playwright.

The site is built once per test session (``mkdocs build --strict`` into a temporary folder, as a
user would run it) and shared by the tests of the built HTML and the browser tests.

Chromium is never downloaded: the tests use the system's ``chromium`` (Debian's package, which
``make browser`` installs as root). Without it, or without the npm tools (axe-core), the tests
that need them are skipped with the reason, and the end of the run says so in capitals. Under CI
(``CI`` set), a missing tool is a failure instead: CI must run every test.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NPM_DIR = ROOT / ".cache" / "npm" / "node_modules"
AXE_JS = NPM_DIR / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

_missing: list[str] = []


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(condition: bool, reason: str) -> None:
    """Skip (locally) or fail (under CI) when a tool the test needs is missing."""
    if condition:
        return
    if under_ci():
        pytest.fail(f"{reason} (CI must run every test: install it, see `make browser`)")
    if reason not in _missing:
        _missing.append(reason)
    pytest.skip(reason)


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if _missing:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        for reason in _missing:
            terminalreporter.write_line(f"WARNING: {reason}", red=True, bold=True)
        terminalreporter.write_line(
            "The site was NOT checked in a browser. As root on Debian, `make browser` installs "
            "Chromium and the npm tools.",
            red=True,
        )


# --------------------------------------------------------------------------- the built site


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str  # what mkdocs printed (stderr and stdout)

    def pages(self) -> list[Path]:
        """Every HTML page of the site, the 404 page last."""
        found = sorted(self.path.rglob("*.html"))
        return [p for p in found if p.name != "404.html"] + [
            p for p in found if p.name == "404.html"
        ]

    def url_path(self, page: Path) -> str:
        """The path a browser asks for, e.g. ``activation/`` for ``activation/index.html``."""
        rel = page.relative_to(self.path).as_posix()
        return rel.removesuffix("index.html")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """``mkdocs build --strict`` into a temporary folder, once per session."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    log = proc.stderr + proc.stdout
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {proc.returncode}):\n{log[-4000:]}")
    return BuiltSite(out, log)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    """The built site served by Python's own static server on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, launched by Playwright (never a downloaded browser)."""
    path = chromium_path()
    require(path is not None, "no chromium on PATH: browser tests need Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright Python package is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed from the npm registry by `make browser` (not committed)."""
    require(
        AXE_JS.is_file(),
        f"axe-core is not installed in {AXE_JS.parent.relative_to(ROOT)}: run `make browser`",
    )
    return AXE_JS.read_text(encoding="utf-8")
