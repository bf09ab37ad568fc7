"""Benchmarks (not tests) of the site's author loop: ``python benchmarks/bench_serve.py``.

- page edit to reload: ``mkdocs serve --livereload`` runs on a copy of the project, as it is
  and with ``--dirty`` (what ``make serve`` runs); a page is edited and the served HTML is polled
  until it shows the edit (goal: at most 1.0 s). The copy (docs, package, figures; the package
  imported from it) keeps the author's files untouched. A free port of 127.0.0.1 is used.
- an activation's description edited in the package, to reload, with ``--dirty`` (goal: at
  most 3 s): its figure is re-titled, not redrawn, and the notebook is not re-executed.
- warm ``mkdocs build --strict`` against a bare Material build of the same hand-written pages
  (a temporary ``mkdocs.yml`` with the Material theme only, no plugins) (goal: at most 2x).

:func:`main` prints one line per measurement.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PAGE, URL_PATH = "activation.md", "activation/"
SIGMOID = "reference/activations/sigmoid/"  # the page of sigmoid's description


def _copy_project(tmp: Path) -> Path:
    """The site's sources in ``tmp``: docs, config, the package and the figures copied (the
    package is imported from the copy: ``PYTHONPATH``), so that no edit reaches the author's."""
    shutil.copytree(ROOT / "docs", tmp / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "src", tmp / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "figures", tmp / "figures")
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


def edit_page(project: Path, marker: str) -> None:
    """A sentence added to a page."""
    page = project / "docs" / PAGE
    page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")


def edit_description(project: Path, marker: str) -> None:
    """Sigmoid's description (an activation's words, in presentation.py) changed."""
    path = project / "src" / "explainer" / "presentation.py"
    text = path.read_text(encoding="utf-8")
    old = re.compile(r'description="(bench-edit-\S+ )?Squashes any weighted sum')
    if not old.search(text):
        raise RuntimeError("edit_description: sigmoid's description is not in presentation.py")
    new = old.sub(f'description="{marker} Squashes any weighted sum', text, count=1)
    path.write_text(new, encoding="utf-8")


def serve_reload(
    *options: str,
    edit: Callable[[Path, str], None] = edit_page,
    url_path: str = URL_PATH,
    edits: int = 5,
    timeout: float = 300.0,
) -> list[float]:
    """Seconds from saving an edit (``edit``) until ``mkdocs serve`` serves it at ``url_path``."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        project = _copy_project(Path(tmp))
        port = _free_port()
        url = f"http://127.0.0.1:{port}/{url_path}"
        proc = subprocess.Popen(
            [*MKDOCS, "serve", "--livereload", *options, "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**ENV, "PYTHONPATH": str(project / "src")},
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
            for i in range(edits):
                time.sleep(1.0)  # let the watcher settle between edits
                marker = f"bench-edit-{i}-{time.time_ns()}"
                edit(project, marker)
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
    for options, what, edit, url, goal in (
        ((), "mkdocs serve, page edit", edit_page, URL_PATH, 1.0),
        (("--dirty",), "mkdocs serve --dirty (make serve), page edit", edit_page, URL_PATH, 1.0),
        (("--dirty",), "make serve, an activation's description", edit_description, SIGMOID, 3.0),
    ):
        t = serve_reload(*options, edit=edit, url_path=url, edits=3 if goal > 1 else 5)
        lines.append(
            f"{what} to reload: median {statistics.median(t):.2f} s "
            f"(max {max(t):.2f} s, {len(t)} edits; goal <= {goal} s)"
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
