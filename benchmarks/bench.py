"""Benchmarks (not tests): ``make bench``.

Figure pipeline, measured side by side in one run, each as a user runs it (a fresh process):

- no-op: ``explainer figures`` when everything is up to date, against the cost of
  ``python -c "import matplotlib.pyplot"`` (goal: at most 0.3x);
- cold: every figure drawn into an empty folder with one process per core, against the same work
  done sequentially in one process (``--jobs 1``) (goal: at most 0.65x).

Before them, the author's loop in ``mkdocs serve`` and the warm site build against bare Material
(``benchmarks/bench_serve.py``); after them, the network benchmarks of
``benchmarks/bench_networks.py`` (training against scikit-learn, drawing the 64-16-16-10 diagram).
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


def main() -> int:
    sys.path.insert(0, str(HERE))
    import bench_serve

    for line in bench_serve.report():
        print(line, flush=True)
    print()
    for line in figures_report():
        print(line, flush=True)
    if (HERE / "bench_networks.py").is_file():
        import bench_networks

        print()
        for line in bench_networks.run():
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
