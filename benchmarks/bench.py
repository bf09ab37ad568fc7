"""Benchmarks (not tests): ``make bench``.

Figure pipeline, measured side by side in one run, each as a user runs it (a fresh process):

- no-op: ``explainer figures`` when everything is up to date, against the cost of
  ``python -c "import matplotlib.pyplot"`` (goal: at most 0.3x);
- cold: every figure drawn into an empty folder with one process per core, against the same work
  done sequentially in one process (``--jobs 1``) (goal: at most 0.65x).

Site build, paired the same way:

- warm ``mkdocs build --strict`` of the site (figures drawn, caches full), against a bare Material
  build of the same hand-written pages (no plugins, no figures, no notebook) (goal: at most 2x).

Then the network benchmarks of ``benchmarks/bench_networks.py`` (training against scikit-learn,
drawing the 64-16-16-10 diagram), when that module is present.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPLAINER = [sys.executable, "-m", "explainer"]


def wall(cmd: list[str], repeat: int = 1) -> float:
    """Median wall time of running ``cmd`` ``repeat`` times (output discarded, must succeed)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def figures_report() -> list[str]:
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        par, seq = Path(tmp, "parallel"), Path(tmp, "sequential")
        cold_par = wall([*EXPLAINER, "figures", "--out", str(par)])
        cold_seq = wall([*EXPLAINER, "figures", "--out", str(seq), "--jobs", "1"])
        n = len(list(par.glob("*.svg")))
        size = sum(p.stat().st_size for p in par.glob("*.svg"))
        noop = wall([*EXPLAINER, "figures", "--out", str(par)], repeat=7)
        mpl = wall([sys.executable, "-c", "import matplotlib.pyplot"], repeat=7)
        same = all((par / p.name).read_bytes() == p.read_bytes() for p in seq.glob("*.svg"))
    return [
        f"figure pipeline ({n} SVG files, {size / 1024:.0f} KB in all, {jobs} cores)",
        f"  {'measurement':<44}{'seconds':>9}{'ratio':>9}{'goal':>8}",
        f"  {'import matplotlib.pyplot (reference)':<44}{mpl:>9.3f}",
        f"  {'no-op `explainer figures`':<44}{noop:>9.3f}{noop / mpl:>9.2f}{'<= 0.30':>8}",
        f"  {'cold, sequential in one process (reference)':<44}{cold_seq:>9.3f}",
        f"  {'cold, parallel':<44}{cold_par:>9.3f}{cold_par / cold_seq:>9.2f}{'<= 0.65':>8}",
        f"  parallel and sequential output identical: {'yes' if same else 'NO'}",
    ]


ROOT = HERE.parent
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--quiet"]


def site_report(repeat: int = 3) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp, "bare")
        (bare / "docs").mkdir(parents=True)
        for page in (ROOT / "docs").rglob("*.md"):
            target = bare / "docs" / page.relative_to(ROOT / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
        (bare / "mkdocs.yml").write_text("site_name: bare\ntheme:\n  name: material\n")
        ours = [*MKDOCS, "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(Path(tmp, "a"))]
        theirs = [*MKDOCS, "-f", str(bare / "mkdocs.yml"), "-d", str(Path(tmp, "b"))]
        wall(ours), wall(theirs)  # warm the caches
        times: dict[str, list[float]] = {"ours": [], "bare": []}
        for _ in range(repeat):  # interleaved, so that both see the same machine
            times["ours"].append(wall(ours))
            times["bare"].append(wall(theirs))
    site, bare_s = statistics.median(times["ours"]), statistics.median(times["bare"])
    return [
        "site build (warm, median of interleaved runs)",
        f"  {'measurement':<44}{'seconds':>9}{'ratio':>9}{'goal':>8}",
        f"  {'bare Material, same pages (reference)':<44}{bare_s:>9.3f}",
        f"  {'mkdocs build --strict':<44}{site:>9.3f}{site / bare_s:>9.2f}{'<= 2.0':>8}",
    ]


def main() -> int:
    for line in site_report():
        print(line, flush=True)
    print()
    for line in figures_report():
        print(line, flush=True)
    if (HERE / "bench_networks.py").is_file():
        sys.path.insert(0, str(HERE))
        import bench_networks

        print()
        for line in bench_networks.run():
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
