"""Benchmarks (not tests) of the site's author loop: ``python benchmarks/bench_serve.py``.

- page edit to reload: ``mkdocs serve --livereload`` runs on a copy of the project's pages, as
  it is and with ``--dirty`` (what ``make serve`` runs); a page is edited and the served HTML is
  polled until it shows the edit (goal: at most 1.0 s). The copy keeps the author's ``docs/``
  untouched; ``src/`` and ``figures/`` are linked, not copied. A free port of 127.0.0.1 is used.
- warm ``mkdocs build --strict`` against a bare Material build of the same hand-written pages
  (a temporary ``mkdocs.yml`` with the Material theme only, no plugins) (goal: at most 2x).

:func:`main` prints one line per measurement.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PAGE, URL_PATH = "activation.md", "activation/"


def _copy_project(tmp: Path) -> Path:
    """The site's sources in ``tmp``: docs and config copied, the package and figures linked."""
    shutil.copytree(ROOT / "docs", tmp / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    for name in ("src", "figures"):
        (tmp / name).symlink_to(ROOT / name)
    if (ROOT / ".cache").is_dir():  # the notebook's executed outputs and the math font
        shutil.copytree(ROOT / ".cache", tmp / ".cache", ignore=shutil.ignore_patterns("npm"))
    return tmp


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode()
    except OSError:
        return None


def serve_reload(*options: str, edits: int = 5, timeout: float = 300.0) -> list[float]:
    """Seconds from saving an edit to ``docs/activation.md`` until ``mkdocs serve`` serves it."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        project = _copy_project(Path(tmp))
        port = _free_port()
        url = f"http://127.0.0.1:{port}/{URL_PATH}"
        proc = subprocess.Popen(
            [*MKDOCS, "serve", "--livereload", *options, "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            while _get(url) is None:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"mkdocs serve did not start (exit {proc.returncode})")
                time.sleep(0.2)
            page = project / "docs" / PAGE
            original = page.read_text(encoding="utf-8")
            for i in range(edits):
                time.sleep(1.0)  # let the watcher settle between edits
                marker = f"bench-edit-{i}-{time.time_ns()}"
                page.write_text(original + f"\n{marker}\n", encoding="utf-8")
                start = time.perf_counter()
                while marker not in (_get(url) or ""):
                    if time.perf_counter() - start > 60:
                        raise RuntimeError("the edit never reached the served page")
                    time.sleep(0.01)
                times.append(time.perf_counter() - start)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return times


def _bare_material(tmp: Path) -> Path:
    """A ``mkdocs.yml`` with the Material theme and no plugins, over the hand-written pages."""
    docs = tmp / "docs"
    for page in (ROOT / "docs").rglob("*.md"):
        target = docs / page.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page, target)
    config = tmp / "mkdocs.yml"
    config.write_text("site_name: bare\ntheme:\n  name: material\nplugins: []\n", encoding="utf-8")
    return config


def _build(args: list[str], cwd: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [*MKDOCS, "build", "-q", *args],
            cwd=cwd,
            env=ENV,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def builds(repeat: int = 3) -> tuple[float, float]:
    """Median seconds of a warm strict build of the site, and of a bare Material build."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "site")
        _build(["--strict", "-d", str(out)], ROOT, 1)  # warm the caches
        site = _build(["--strict", "-d", str(out)], ROOT, repeat)
        bare_dir = Path(tmp, "bare")
        bare_dir.mkdir()
        config = _bare_material(bare_dir)
        _build(["-f", str(config), "-d", str(bare_dir / "site")], bare_dir, 1)
        bare = _build(["-f", str(config), "-d", str(bare_dir / "site")], bare_dir, repeat)
    return site, bare


def report() -> list[str]:
    lines = []
    for options, what in (
        ((), "mkdocs serve"),
        (("--dirty",), "mkdocs serve --dirty (make serve)"),
    ):
        t = serve_reload(*options)
        lines.append(
            f"{what}, page edit to reload: median {statistics.median(t):.2f} s "
            f"(max {max(t):.2f} s, {len(t)} edits; goal <= 1.0 s)"
        )
    site, bare = builds()
    lines.append(
        f"warm mkdocs build --strict: {site:.2f} s; bare Material, same pages: {bare:.2f} s; "
        f"ratio {site / bare:.1f}x (goal <= 2x)"
    )
    return lines


def main() -> int:
    for line in report():
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
