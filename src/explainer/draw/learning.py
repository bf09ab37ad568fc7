"""How a neuron learns: the cost over its weight and bias, and the path gradient descent takes.

The numbers come from ``explainer.examples``: the cost on a grid, the runs step by step.

Conventions
    - The cost map is filled contours: the lower the cost, the deeper the colour, in steps that
      shrink toward the minimum (a geometric ladder of levels, so the valley floor shows).
    - A run is a line through its steps with a dot on each step; where steps are so short that
      their dots would cover each other, the line goes on without dots. The start is a square,
      the lowest point of the cost a star.
    - The Axes are placed by hand (in inches, like the diagrams), so the dots can be spaced on
      the page before the figure is drawn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap

from ..formatting import number
from .style import LABEL, LINESTYLES, PT, Theme, colors, legend_below, mix, narrow_ticks, wrap

DOT = 5.0  # a step's dot (points)


def _place(ax: Axes, left: float, bottom: float, width: float, height: float) -> None:
    """Put ``ax`` at a position given in inches (out of the constrained layout)."""
    fw, fh = ax.figure.get_size_inches()
    ax.set_position((left / fw, bottom / fh, width / fw, height / fh))


def _cost_map(ax: Axes, w_grid, b_grid, cost, c: Theme) -> None:
    """``cost`` over ``(w, b)``: shaded, deeper where the cost is lower (a picture, smoothed
    between the grid points), with contour lines at costs that shrink toward the minimum."""
    cost = np.asarray(cost, dtype=float)
    levels = np.geomspace(cost.min(), cost.max(), 13)[1:-1]
    # 0.6 at most: the start, the star and the path stay readable on the deepest shade
    shades = [mix(c.positive, c.background, t) for t in np.linspace(0.6, 0.03, 64)]
    cmap = LinearSegmentedColormap.from_list("cost", shades)
    w0, w1, b0, b1 = w_grid[0], w_grid[-1], b_grid[0], b_grid[-1]
    ax.imshow(np.log(cost), cmap=cmap, origin="lower", extent=(w0, w1, b0, b1), aspect="auto",
              interpolation="none", zorder=0)  # fmt: skip
    ax.contour(w_grid, b_grid, cost, levels=levels, colors=[c.muted], linewidths=0.6,
               zorder=1)  # fmt: skip
    ax.set_xlim(w0, w1)
    ax.set_ylim(b0, b1)
    ax.grid(False)


def _spaced(points_in: np.ndarray, taken: list[tuple[float, float, float]], size: float):
    """Which of ``points_in`` (inches on the page) get a dot of ``size`` inches: each in turn,
    unless its box would touch the box of a dot already placed or of a mark of ``taken``
    ``(x, y, diameter)`` (boxes, not circles: the star is no circle)."""
    placed = list(taken)
    chosen = []
    for k, (x, y) in enumerate(points_in):
        if all(max(abs(x - px), abs(y - py)) > (size + d) / 2 + PT for px, py, d in placed):
            chosen.append(k)
            placed.append((x, y, size))
    return chosen


def _inches(ax: Axes, x, y) -> np.ndarray:
    return ax.transData.transform(np.column_stack([x, y])) / ax.figure.dpi


def _run(
    ax: Axes, run: Mapping, minimum: Sequence[float], color: str, label: str | None, c: Theme
) -> None:
    """One run on its cost map: its start (a square), the lowest point (a star), and its path,
    a line through every step with a dot on the steps where one has room (clear of the other
    dots, the square and the star)."""
    w, b = np.asarray(run["w"], dtype=float), np.asarray(run["b"], dtype=float)
    size_start, size_min = 8.0, 13.0
    ax.plot([w[0]], [b[0]], marker="s", markersize=size_start, color=c.foreground,
            linestyle="none", zorder=5, label="start")  # fmt: skip
    ax.plot([minimum[0]], [minimum[1]], marker="*", markersize=size_min, color=c.foreground,
            markeredgecolor=c.background, markeredgewidth=0.8, linestyle="none", zorder=5,
            label="lowest cost")  # fmt: skip
    (s,), (m,) = _inches(ax, w[:1], b[:1]), _inches(ax, [minimum[0]], [minimum[1]])
    taken = [(*s, size_start * PT * 1.1), (*m, size_min * PT * 1.1)]
    every = _spaced(_inches(ax, w, b)[1:], taken, DOT * PT)
    ax.plot(w, b, color=color, linestyle="-", linewidth=1.4, marker="o", markersize=DOT,
            markevery=[k + 1 for k in every], markeredgewidth=0, zorder=3, label=label,
            clip_on=True)  # fmt: skip


def descent_map(
    ax: Axes,
    w_grid: Sequence[float],
    b_grid: Sequence[float],
    cost: Sequence[Sequence[float]],
    runs: Sequence[Mapping],
    minimum: Sequence[float],
    narrow: bool = False,
) -> Axes:
    """The cost over the weight ``w`` and the bias ``b`` (``cost[i][j]`` at ``b_grid[i]``,
    ``w_grid[j]``), with the path of the first run of ``runs`` (each a mapping with its
    ``rate`` and the arrays ``w``, ``b``, ``cost`` of its steps) and the ``minimum`` ``(w, b)``.
    The legend is beside the map, or with ``narrow`` (a phone) under it, the map taking the
    whole width."""
    c = colors()
    width, height = ax.figure.get_size_inches()
    if narrow:
        _place(ax, 0.75, 1.3, width - 0.95, height - 1.45)
    else:
        _place(ax, 0.75, 0.65, width - 3.05, height - 0.85)
    _cost_map(ax, w_grid, b_grid, cost, c)
    label = f"a step of gradient descent (η = {number(runs[0]['rate'])})"
    _run(ax, runs[0], minimum, c.negative, label, c)
    ax.set_xlabel("w, the weight")
    ax.set_ylabel("b, the bias")
    handles, labels = ax.get_legend_handles_labels()
    order = [2, 0, 1]  # the path, then the start and the lowest point
    handles, labels = [handles[k] for k in order], [wrap(labels[k], 20) for k in order]
    if narrow:
        legend_below(ax, handles, labels, ncols=2, columnspacing=1.5)
    else:
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.03, 1.0),
                  borderaxespad=0.0, labelspacing=1.0)  # fmt: skip
    return ax


def learning_rates(
    ax: Axes,
    w_grid: Sequence[float],
    b_grid: Sequence[float],
    cost: Sequence[Sequence[float]],
    runs: Sequence[Mapping],
    names: Sequence[str],
    minimum: Sequence[float],
    narrow: bool = False,
) -> Axes:
    """The runs side by side, each on its own cost map (``names`` say what each rate is), and
    under them the cost after each step of every run, with the lowest cost ``minimum[2]``.
    With ``narrow`` (a phone) the maps are stacked, on one ``w`` axis, and each graph takes the
    whole width, the legend of the costs under them."""
    c = colors()
    width, height = ax.figure.get_size_inches()
    fig = ax.figure
    n = len(runs)
    left, gap, top_h, bottom_h = 0.75, 0.25, 2.0, 2.0
    panel_w = (width - left - 0.2 - gap * (n - 1)) / n
    if narrow:  # map k's left and bottom edges; the steps' graph at the foot of the figure
        top_h, bottom_h, panel_w = 0.95, 1.35, width - left - 0.2
        corners = [(left, height - 0.35 - top_h - k * (top_h + 0.3)) for k in range(n)]
        steps_box = (left, 1.25, panel_w, bottom_h)
    else:
        corners = [(left + k * (panel_w + gap), height - 0.4 - top_h) for k in range(n)]
        steps_box = (left, 0.65, width - left - 2.35, bottom_h)
    maps = [ax] + [fig.add_subplot() for _ in range(n - 1)]
    run_colors = [c.palette[k] for k in (2, 0, 1)]
    for k, (m, run, name) in enumerate(zip(maps, runs, names, strict=True)):
        _place(m, *corners[k], panel_w, top_h)
        _cost_map(m, w_grid, b_grid, cost, c)
        _run(m, run, minimum, run_colors[k], None, c)
        m.set_title(f"η = {number(run['rate'])}, {name}", fontsize=LABEL)
        if not narrow or k == n - 1:
            m.set_xlabel("w")
        else:
            m.tick_params(labelbottom=False)
        if k == 0 or narrow:
            m.set_ylabel("b")
        else:
            m.tick_params(labelleft=False)
        if narrow:  # a map is short when stacked: three values of b are enough
            narrow_ticks(m.yaxis, integer=True, bins=2)
    steps = fig.add_subplot()
    _place(steps, *steps_box)
    for k, (run, name) in enumerate(zip(runs, names, strict=True)):
        cost_k = np.asarray(run["cost"], dtype=float)
        steps.plot(np.arange(len(cost_k)), cost_k, color=run_colors[k], linestyle=LINESTYLES[k],
                   label=f"η = {number(run['rate'])}, {name}")  # fmt: skip
    steps.axhline(minimum[2], color=c.muted, linestyle=":", linewidth=1.0, gid="asymptote",
                  label="lowest cost")  # fmt: skip
    steps.set_yscale("log")
    steps.set_xlim(0, max(len(r["cost"]) for r in runs) - 1)
    steps.set_xlabel("step")
    steps.set_ylabel("cost C")
    if narrow:
        legend_below(steps, handlelength=2.0, ncols=2, columnspacing=1.0)
    else:
        steps.legend(loc="upper left", bbox_to_anchor=(1.03, 1.0), borderaxespad=0.0,
                     handlelength=2.4)  # fmt: skip
    return ax
