"""Network benchmarks (not tests), side by side in one run; ``run()`` returns the report lines.

- Training: our ``Network`` (backpropagation, minibatch Adam, the defaults of
  ``explainer train``) against scikit-learn's ``MLPClassifier`` with the same hidden sizes
  (16, 16) and otherwise default parameters, on the same digits splits (seeds 0 to 4): mean test
  accuracy and mean fit time (goals: accuracy at least scikit-learn's, time at most 0.5x).
- Plain gradient descent against Adam on the tutorial network (seeds 0 to 4): epochs and
  seconds until the test accuracy first reaches 95 %.
- Drawing the 64-16-16-10 structure diagram to SVG: time and size (goals: 60 ms, 60 KB), against
  the same diagram with every connection drawn as its own ``ax.plot`` line.

Run standalone with ``.venv/bin/python benchmarks/bench_networks.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

SEEDS = range(5)
HIDDEN = (16, 16)


def _train_ours(seed: int) -> tuple[float, float]:
    from explainer.training import train_digits

    result = train_digits(HIDDEN, seed=seed)
    return result.test_accuracy, result.seconds


def _train_sklearn(seed: int) -> tuple[float, float, bool]:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    from explainer.training import load_digits

    d = load_digits(seed)
    model = MLPClassifier(hidden_layer_sizes=HIDDEN, random_state=seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        start = time.perf_counter()
        model.fit(d.x_train, d.y_train)
        seconds = time.perf_counter() - start
    warned = any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return float(model.score(d.x_test, d.y_test)), seconds, warned


def training_report() -> list[str]:
    _train_ours(0), _train_sklearn(0)  # warm up: imports, data loading, caches
    ours = [_train_ours(s) for s in SEEDS]
    theirs = [_train_sklearn(s) for s in SEEDS]
    acc_ours, t_ours = statistics.mean(a for a, _ in ours), statistics.mean(t for _, t in ours)
    acc_sk = statistics.mean(a for a, _, _ in theirs)
    t_sk = statistics.mean(t for _, t, _ in theirs)
    warned = sum(w for _, _, w in theirs)
    from explainer.training import TUTORIAL, tutorial_network

    tutorial = tutorial_network().test_accuracy
    row = "  {:<40}{:>10}{:>10}{:>10}"
    return [
        f"training on the 8x8 digits, hidden {HIDDEN}, seeds {SEEDS.start}-{SEEDS.stop - 1} "
        "(mean over seeds; fit time only)",
        row.format("", "accuracy", "fit s", "ratio"),
        row.format("scikit-learn MLPClassifier (reference)", f"{acc_sk:.4f}", f"{t_sk:.3f}", ""),
        row.format(
            f"explainer ({TUTORIAL['activation']}, Adam, 20 epochs)",
            f"{acc_ours:.4f}",
            f"{t_ours:.3f}",
            f"{t_ours / t_sk:.2f}",
        ),
        f"  goals: accuracy >= scikit-learn's: {'yes' if acc_ours >= acc_sk else 'NO'}; "
        f"time <= 0.5x: {'yes' if t_ours <= 0.5 * t_sk else 'NO'}",
        "  per seed, ours: "
        + " ".join(f"{a:.4f}" for a, _ in ours)
        + "; scikit-learn: "
        + " ".join(f"{a:.4f}" for a, _, _ in theirs),
        f"  scikit-learn ConvergenceWarning (max_iter=200 reached): {warned} of {len(SEEDS)} fits",
        f"  the tutorial's network (seed {TUTORIAL['seed']}): test accuracy {tutorial:.4f} "
        f"(goal >= 0.97: {'yes' if tutorial >= 0.97 else 'NO'})",
    ]


def optimizers_report() -> list[str]:
    """Plain gradient descent against Adam on the tutorial network: epochs and seconds until the
    test accuracy first reaches 95 %."""
    from explainer.training import LEARNING_RATES, OPTIMIZERS, TUTORIAL, train_digits

    row = "  {:<34}{:>14}{:>14}{:>12}{:>10}"
    lines = [
        f"plain gradient descent vs Adam, {TUTORIAL['hidden']} {TUTORIAL['activation']}, "
        f"{TUTORIAL['epochs']} epochs, seeds {SEEDS.start}-{SEEDS.stop - 1}: first epoch with "
        ">= 95 % test accuracy (median), seconds to it (time per epoch x epochs)",
        row.format("", "epochs to 95%", "s to 95%", "final acc", "run s"),
    ]
    train_digits(**TUTORIAL)  # warm up
    for optimizer in OPTIMIZERS:
        epochs, seconds, final, total = [], [], [], []
        for seed in SEEDS:
            r = train_digits(**(TUTORIAL | {"optimizer": optimizer, "seed": seed}))
            first = next((e.epoch for e in r.history if e.test_accuracy >= 0.95), None)
            epochs.append(first if first is not None else float("inf"))
            seconds.append(r.seconds * epochs[-1] / r.epochs)
            final.append(r.test_accuracy)
            total.append(r.seconds)
        name = f"{OPTIMIZERS[optimizer]} (rate {LEARNING_RATES[optimizer]})"
        lines.append(
            row.format(
                name,
                f"{statistics.median(epochs):g}",
                f"{statistics.median(seconds):.3f}",
                f"{statistics.mean(final):.4f}",
                f"{statistics.mean(total):.3f}",
            )
        )
        lines.append("    per seed, epochs to 95 %: " + " ".join(f"{e:g}" for e in epochs))
    return lines


# --------------------------------------------------------------------------- drawing


@contextmanager
def _one_plot_per_edge() -> Iterator[None]:
    """Temporarily draw every connection with its own ``ax.plot`` call (the naive way)."""
    from explainer.draw import diagrams

    original = diagrams._add_edges

    def per_edge(ax, groups, zorder=1):
        for (color, width, style), segments in groups.items():
            for (x0, y0), (x1, y1) in segments:
                ax.plot([x0, x1], [y0, y1], color=color, lw=width, ls=style, zorder=zorder)
        return None

    diagrams._add_edges = per_edge
    try:
        yield
    finally:
        diagrams._add_edges = original


def _median_time(fn: Callable[[], bytes], repeat: int = 9) -> tuple[float, int]:
    data = fn()  # warm up: imports, fonts, glyph cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        data = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(data)


def drawing_report() -> list[str]:
    from explainer.figure import Figure
    from explainer.render import render

    fig = Figure(
        name="structure",
        draw="explainer.draw.diagrams:network_diagram",
        params={"sizes": [64, 16, 16, 10]},
        size=(7.0, 4.25),
        alt="A 64-16-16-10 network.",
    )
    t_ours, size_ours = _median_time(lambda: render(fig, "light"))
    with _one_plot_per_edge():
        t_naive, size_naive = _median_time(lambda: render(fig, "light"))
    row = "  {:<40}{:>10}{:>10}{:>10}"
    return [
        "drawing the 64-16-16-10 diagram to SVG (median of 9, light theme)",
        row.format("", "ms", "KB", "ratio"),
        row.format(
            "one ax.plot per edge (reference)",
            f"{1000 * t_naive:.1f}",
            f"{size_naive / 1024:.1f}",
            "",
        ),
        row.format(
            "one LineCollection",
            f"{1000 * t_ours:.1f}",
            f"{size_ours / 1024:.1f}",
            f"{t_ours / t_naive:.2f}",
        ),
        f"  goals: <= 60 ms: {'yes' if t_ours <= 0.060 else 'NO'}; "
        f"<= 60 KB: {'yes' if size_ours <= 60 * 1024 else 'NO'}",
    ]


def run() -> list[str]:
    """The reports, one line per string."""
    return training_report() + [""] + optimizers_report() + [""] + drawing_report()


if __name__ == "__main__":
    for line in run():
        print(line, flush=True)
    sys.exit(0)
