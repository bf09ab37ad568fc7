"""The cost of an answer against the probability it gives the true digit.

The numbers come from ``explainer.examples.cost_curves``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..formatting import percent
from .style import LABEL, LINESTYLES, colors, legend_below, wrap


def cost_curves(
    ax: Axes,
    p: np.ndarray,
    cross_entropy: np.ndarray,
    quadratic_low: np.ndarray,
    quadratic_high: np.ndarray,
    points: Sequence[tuple[str, float, float, float]],
    narrow: bool = False,
) -> Axes:
    """The cross-entropy ``-log p`` as a line, the quadratic cost as the band it can take for
    each ``p``, and each of ``points`` (``label, p, cross-entropy, quadratic``) on both: a
    circle on the cross-entropy, a square on the quadratic cost when it stands clear of the
    circle, and its label. With ``narrow`` (a phone) the labels and the axis' name take two
    lines and the legend goes under the graph, off the curves."""
    c = colors()
    ce, quad = c.palette[0], c.palette[1]
    band = "quadratic cost: its range, by how the\nwrong digits share the rest"
    ax.fill_between(p, quadratic_low, quadratic_high, color=quad, alpha=0.25, lw=0, label=band)
    ax.plot(p, quadratic_high, color=quad, ls=LINESTYLES[1], lw=1.6)
    ax.plot(p, quadratic_low, color=quad, ls=LINESTYLES[1], lw=1.6)
    ax.plot(p, cross_entropy, color=ce, ls=LINESTYLES[0], label="cross-entropy  −log p")
    top = float(np.max(cross_entropy))
    for label, x, y_ce, y_quad in points:
        ax.plot([x], [y_ce], "o", ms=9, mfc=c.background, mec=ce, mew=2, zorder=4)
        if abs(y_ce - y_quad) > 0.08 * top:
            ax.plot([x], [y_quad], "s", ms=8, mfc=c.background, mec=quad, mew=2, zorder=4)
        left = x < 0.5  # the label goes up and toward the middle of the graph, with an arrow
        text = f"{label}, p = {percent(x)}"
        ax.annotate(wrap(text, 18) if narrow else text, (x, y_ce),
                    xytext=(x + 0.06 if left else x - 0.04, y_ce + (0.03 if left else 0.25) * top),
                    ha="left" if left else "right", va="bottom", fontsize=LABEL,
                    arrowprops={"arrowstyle": "-", "color": c.muted, "lw": 1,
                                "shrinkA": 2, "shrinkB": 6})  # fmt: skip
    ax.set_xlim(0, 1.02)
    ax.set_ylim(-0.06 * top, top * 1.05)  # the marks at cost 0 stand clear of the axis
    xlabel = "p, the probability the network gives the true digit"
    ax.set_xlabel(wrap(xlabel, 32) if narrow else xlabel)
    ax.set_ylabel("cost of the answer")
    handles, _ = ax.get_legend_handles_labels()
    marks = {"marker": "", "ls": "none", "ms": 8, "mfc": c.background, "mew": 2}
    handles += [
        Line2D([], [], **(marks | {"marker": "o", "mec": ce}), label="an image's cross-entropy"),
        Line2D([], [], **(marks | {"marker": "s", "mec": quad}), label="its quadratic cost"),
    ]
    if narrow:
        legend_below(ax, handles=handles, below=58.0)
    else:
        ax.legend(handles=handles, loc="upper right")
    return ax
