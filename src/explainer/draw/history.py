"""How a training run went, epoch by epoch: lines of a loss or an accuracy.

The numbers come from ``explainer.examples.learning_curves``.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from .style import LINESTYLES, colors, legend_below, narrow_ticks

#: One marker shape per line, so that lines differ in shape as well as colour and dash.
MARKERS = ("o", "s", "^", "D", "v")


def learning_curves(
    ax: Axes,
    lines: Sequence[tuple[str, Sequence[float], Sequence[float]]],
    ylabel: str,
    log: bool = False,
    level: float | None = None,
    narrow: bool = False,
) -> Axes:
    """One line per ``(label, epochs, values)``, epochs along the bottom, ``ylabel`` up the side
    (on a logarithmic scale with ``log``), named in a legend; ``level``, a value the text talks
    about (95 % right), is a thin dotted line across with its own tick. With ``narrow`` (a
    phone) the legend goes under the graph, in one row, and the epochs have fewer ticks.

    Lines that end close together would hide each other's markers, so they take turns: with
    ``n`` lines, line ``k`` has a marker at epochs ``k``, ``k + n``, ``k + 2n``, ...
    """
    c = colors()
    for k, (label, epochs, values) in enumerate(lines):
        ax.plot(epochs, values, color=c.palette[k], ls=LINESTYLES[k], marker=MARKERS[k], ms=6,
                markevery=(k, len(lines)), mfc=c.background, mew=1.5, label=label)  # fmt: skip
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch (passes over the training images)")
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.02)
    if level is not None:
        ax.axhline(level, color=c.muted, lw=0.9, ls=(0, (1, 2.5)), zorder=0.5)
        ax.set_yticks(sorted({*(t for t in ax.get_yticks() if abs(t - level) > 8), level}))
        ax.set_ylim(bottom=0, top=101)
    if narrow:
        narrow_ticks(ax.xaxis, integer=True)
        legend_below(ax, ncols=len(lines), columnspacing=1.2)
    else:
        ax.legend(loc="best")
    return ax
