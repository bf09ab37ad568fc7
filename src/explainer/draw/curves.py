"""Graphs of activation functions, drawn from the registry in ``explainer.activations``.

Each public function takes a matplotlib ``Axes`` and plain parameters, draws, and returns the
``Axes``. Colours come from the active theme (``explainer.draw.style.colors``), so the same
call draws the light and the dark figure.

What these graphs take care to get right (the borrowed pictures of activation functions often
do not):

- A jump is drawn as a jump: the curve stops, a filled dot marks the value the function takes
  and an open dot the value it only approaches. No vertical line joins the two pieces, and the
  vertical grid is switched off on such graphs so that no grid line can pass for one.
- A bound that is only approached (sigmoid's 0 and 1) is a thin dotted line labelled "never
  reached", drawn unlike any curve (curves are thicker, and solid, dashed or dash-dotted).
- The axes always contain the whole curve over the chosen ``z`` range, nothing clipped.
- The derivative has a panel of its own under the function, on the same ``z`` axis, so that no
  mark of one covers a mark of the other; it differs in colour *and* line style too, and key
  values (``f(0)``, ``f'(0)``, a minimum) have their own marker shapes, explained in the legends.
- A detail that would vanish at the scale of the graph (Leaky ReLU's slope of 0.01) gets a
  magnified inset.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.ticker import MaxNLocator

from ..activations import Activation, get
from ..formatting import number
from .style import LINESTYLES, colors

#: Samples per curve across the whole z range (a piece gets its share of them).
SAMPLES = 801
#: Font size of labels written on the plot (points; the rc sizes are 11-13).
LABEL_SIZE = 11


# --------------------------------------------------------------------------- sampling


@dataclass
class Drawn:
    """What was drawn for one curve: its samples and whether it jumps anywhere."""

    x: np.ndarray
    y: np.ndarray
    jumps: list[float]


def _pieces(
    g: Callable[[np.ndarray], np.ndarray], lo: float, hi: float, breaks: Sequence[float]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Sample ``g`` on ``[lo, hi]`` piece by piece, split at ``breaks``.

    The ends of a piece at a break carry the one-sided limit (``g`` a hair inside the piece), so
    a curve with a jump stops exactly at the jump instead of being joined across it.
    """
    edges = [lo, *sorted(b for b in breaks if lo < b < hi), hi]
    inner = set(edges[1:-1])
    out = []
    for a, b in zip(edges, edges[1:], strict=False):
        n = max(3, round(SAMPLES * (b - a) / (hi - lo)))
        x = np.linspace(a, b, n)
        probe = x.copy()
        if a in inner:
            probe[0] = a + _eps(a)
        if b in inner:
            probe[-1] = b - _eps(b)
        out.append((x, np.asarray(g(probe), dtype=float)))
    return out


def _eps(x: float) -> float:
    return 1e-9 * max(1.0, abs(x))


def _jumps(
    g: Callable[[np.ndarray], np.ndarray], breaks: Sequence[float], lo: float, hi: float
) -> list[tuple[float, float, list[float]]]:
    """For each break in ``(lo, hi)`` where ``g`` jumps: ``(x, g(x), [limits not taken])``."""
    found = []
    for b in breaks:
        if not lo < b < hi:
            continue
        value = float(g(np.array(b)))
        left, right = float(g(np.array(b - _eps(b)))), float(g(np.array(b + _eps(b))))
        tol = 1e-6 * max(1.0, abs(value), abs(left), abs(right))
        missed = sorted({v for v in (left, right) if abs(v - value) > tol})
        if missed:
            found.append((b, value, missed))
    return found


def _draw_curve(
    ax: Axes,
    g: Callable[[np.ndarray], np.ndarray],
    lo: float,
    hi: float,
    breaks: Sequence[float],
    *,
    color: str,
    linestyle,
    linewidth: float,
    zorder: float,
    label: str | None = None,
    dot: float = 9.0,
) -> Drawn:
    """Draw ``g`` on ``[lo, hi]`` without joining its jumps; mark each jump with two dots."""
    background = colors().background
    xs, ys = [], []
    for i, (x, y) in enumerate(_pieces(g, lo, hi, breaks)):
        ax.plot(
            x,
            y,
            color=color,
            linestyle=linestyle,
            linewidth=linewidth,
            zorder=zorder,
            solid_capstyle="butt",
            dash_capstyle="butt",
            label=label if (i == 0 and label) else "_nolegend_",
        )
        xs.append(x)
        ys.append(y)
    jumps = _jumps(g, breaks, lo, hi)
    for b, value, missed in jumps:
        for v in missed:  # open dot: the limit from one side, a value the function skips
            ax.plot(
                [b], [v], marker="o", markersize=dot, color=color, markerfacecolor=background,
                markeredgecolor=color, markeredgewidth=2, linestyle="none", zorder=zorder + 2,
            )  # fmt: skip
        ax.plot(  # filled dot: the value the function takes at the jump
            [b], [value], marker="o", markersize=dot, color=color, markerfacecolor=color,
            markeredgecolor=color, linestyle="none", zorder=zorder + 2,
        )  # fmt: skip
    return Drawn(np.concatenate(xs), np.concatenate(ys), [b for b, _, _ in jumps])


# --------------------------------------------------------------------------- one activation


def activation_curve(
    ax: Axes,
    name: str,
    derivative: bool = True,
    x_range: Sequence[float] = (-5.0, 5.0),
    title: bool = False,
    notes: Sequence[str] = (),
    zoom: Sequence[float] | None = None,
) -> Axes:
    """Graph of the activation ``name`` (and its derivative), with its range and key values.

    With ``derivative``, the space of ``ax`` is split in two panels on the same ``z`` axis: the
    function above (``ax``, which is returned) and its derivative, the slope, below. Kept apart,
    their marks never cover each other: ReLU's ``f(0)`` and ``f'(0)`` are both 0, Hardshrink's
    jumps are at the same places, and a slope never lies on a line the function only approaches.

    Args:
        ax: where to draw.
        name: a name from ``explainer.activations.names``.
        derivative: also draw ``f'(z)``, in a panel of its own under ``f``.
        x_range: ``(z_min, z_max)``.
        title: write the activation's name above the graph (for stand-alone files; the site
            has captions instead).
        notes: short extra facts printed under the heading.
        zoom: ``(z0, z1, y0, y1)`` of an inset that magnifies a detail (Leaky ReLU's slope).
    """
    act = get(name)
    lo, hi = (float(v) for v in x_range)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"x_range must be two finite numbers, low < high: {x_range!r}")
    c = colors()
    w, h = ax.figure.get_size_inches()
    slope_ax = None
    if derivative:
        grid = ax.get_subplotspec().subgridspec(2, 1, height_ratios=(3, 2))
        ax.set_subplotspec(grid[0])
        slope_ax = ax.figure.add_subplot(grid[1], sharex=ax)
        ax.tick_params(labelbottom=False)
        f_height = (h - 1.6) * 0.6
    else:
        f_height = h - 1.3
    _function_panel(ax, act, lo, hi, c, axes_inches=(w - 3.2, f_height), zoom=zoom)
    heading = f"{act.label}, range {act.range}" if title else f"Range: {act.range}"
    ax.set_title("\n".join([heading, *notes]), loc="left")
    ax.set_ylabel("f(z)")
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=9, steps=[1, 2, 2.5, 5, 10]))
    if slope_ax is None:
        ax.set_xlabel("z, the weighted sum")
    else:
        _slope_panel(slope_ax, act, lo, hi, c)
        slope_ax.set_xlabel("z, the weighted sum")
    return ax


def _legend(ax: Axes, handles: list, labels: list[str]) -> None:
    """The legend of a panel, outside it on the right."""
    ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        borderaxespad=0.0,
        handlelength=2.4,
        fontsize=LABEL_SIZE,
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0.6)},
    )


def _mark_zero(ax: Axes, value: float, drawn: Drawn, marker: str, color: str, c) -> Line2D:
    """Mark a curve's value at 0 with ``marker``; return the legend's handle for it.

    Where the curve jumps at 0, the filled dot of the jump marks the value already: the handle
    is that dot and nothing more is drawn.
    """
    if 0.0 in drawn.jumps:
        return Line2D([], [], marker="o", color=color, linestyle="none", markersize=8)
    ax.plot([0], [value], marker=marker, markersize=7, color=color, linestyle="none",
            markeredgecolor=c.background, markeredgewidth=0.8, zorder=9)  # fmt: skip
    return Line2D([], [], marker=marker, color=color, linestyle="none", markersize=7)


def _explain_jumps(ax: Axes, drawn: Drawn, c, handles: list, labels: list[str]) -> None:
    """Where a curve jumps: a legend entry for its dots, and no vertical grid line to mislead."""
    if not drawn.jumps:
        return
    taken = Line2D([], [], marker="o", color=c.foreground, linestyle="none", markersize=8)
    skipped = Line2D(
        [], [], marker="o", markerfacecolor=c.background, markeredgecolor=c.foreground,
        markeredgewidth=2, linestyle="none", markersize=8,
    )  # fmt: skip
    handles.append((taken, skipped))
    labels.append("jump: value taken,\nvalue not taken")
    ax.grid(False, axis="x")  # no vertical grid line may pass for a joined jump


def _function_panel(
    ax: Axes, act: Activation, lo: float, hi: float, c, axes_inches, zoom: Sequence[float] | None
) -> None:
    """``f`` with ``f(0)``, its extrema, its jumps and its asymptotes, and the legend."""
    color = c.palette[0]
    handles: list = [Line2D([], [], color=color, linestyle="-", linewidth=2.6)]
    labels = ["f(z)"]
    f = _draw_curve(ax, act, lo, hi, act.breaks, color=color, linestyle="-", linewidth=2.6,
                    zorder=3)  # fmt: skip
    if lo <= 0.0 <= hi:
        at_max = act.maximum is not None and act.maximum.x == 0.0
        label = f"f(0) {number(act.f0, 4, relation=True)}" + ("\n(maximum)" if at_max else "")
        handles.append(_mark_zero(ax, act.f0, f, "D", color, c))
        labels.append(label)
    for ext, marker, side in ((act.minimum, "v", "low"), (act.maximum, "^", "high")):
        places = [x for x in act.places(ext, lo, hi) if x != 0.0] if ext is not None else []
        if not places:
            continue
        ax.plot(places, [ext.value] * len(places), marker=marker, markersize=10, color=color,
                markeredgecolor=c.foreground, linestyle="none", zorder=7)  # fmt: skip
        handles.append(Line2D([], [], marker=marker, color=color, markeredgecolor=c.foreground,
                              linestyle="none", markersize=10))  # fmt: skip
        # the value as the range prints it (rounded the same way), and every place it is taken
        where = ", ".join(number(x, approx=True).removeprefix("≈") for x in places)
        exact = all(not number(x, approx=True).startswith("≈") for x in places)
        labels.append(
            f"{ext.kind} {number(ext.value, outward=side)}\nat z {'=' if exact else '≈'} {where}"
        )
    _explain_jumps(ax, f, c, handles, labels)

    # y limits: every sample and every asymptote inside, with room for the asymptote labels
    ys = f.y[np.isfinite(f.y)]
    asymptotes = list(act.asymptotes)
    y_lo = min(float(ys.min()), *(v for v, _ in asymptotes), 0.0)
    y_hi = max(float(ys.max()), *(v for v, _ in asymptotes), 0.0)
    span = (y_hi - y_lo) or 1.0
    pad_lo = 0.25 * span if any(v == y_lo for v, _ in asymptotes) else 0.07 * span
    pad_hi = 0.25 * span if any(v == y_hi for v, _ in asymptotes) else 0.07 * span
    ax.set_ylim(y_lo - pad_lo, y_hi + pad_hi)
    for value, side in asymptotes:
        where = {"-inf": "−∞", "+inf": "∞"}.get(side, "±∞")
        text = f"f → {_bound_text(act, value)} as z → {where},\nnever reached"
        _asymptote(ax, value, side, [f], lo, hi, y_lo - pad_lo, y_hi + pad_hi, text,
                   axes_inches=axes_inches)  # fmt: skip
    if asymptotes:
        handles.append(Line2D([], [], **ASYMPTOTE_STYLE, color=c.muted))
        labels.append("asymptote,\nnever reached")
    if zoom is not None:
        _zoom(ax, act, zoom)
    _legend(ax, handles, labels)


def _slope_panel(ax: Axes, act: Activation, lo: float, hi: float, c) -> None:
    """``f'``, the slope, with ``f'(0)`` (and the convention where it does not exist)."""
    color = c.palette[1]
    style = {"color": color, "linestyle": (0, (4, 2)), "linewidth": 2.2}
    handles: list = [Line2D([], [], **style)]
    labels = ["f′(z), the slope"]
    d = _draw_curve(ax, act.derivative, lo, hi, act.breaks, zorder=4, dot=8, **style)
    if lo <= 0.0 <= hi:
        label = f"f′(0) {number(act.df0, 4, relation=True)}"
        if 0.0 in act.breaks:
            label += "\n(by convention)"
        handles.append(_mark_zero(ax, act.df0, d, "s", color, c))
        labels.append(label)
    _explain_jumps(ax, d, c, handles, labels)
    ys = d.y[np.isfinite(d.y)]
    y_lo, y_hi = min(float(ys.min()), 0.0), max(float(ys.max()), 0.0)
    span = (y_hi - y_lo) or 1.0
    ax.set_ylim(y_lo - 0.1 * span, y_hi + 0.12 * span)
    # a slope too small to see at this scale (Leaky ReLU's 0.01) is written out, not left as "0"
    first = min(act.breaks, default=hi)
    if lo < first <= hi:
        left = float(act.derivative(lo))
        constant = left == float(act.derivative(0.5 * (lo + first)))
        if constant and 0 < abs(left) < 0.03 * span:
            ax.annotate(
                f"f′(z) = {number(left, approx=True)} for z < {number(first, approx=True)}, not 0",
                xy=(lo, left), xytext=(6, 6), textcoords="offset points", ha="left",
                va="bottom", fontsize=LABEL_SIZE, color=c.foreground,
            )  # fmt: skip
    ax.set_ylabel("f′(z)")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    _legend(ax, handles, labels)


#: How a line at a value that a function approaches but never reaches is drawn: thin, grey and
#: dotted, so that no curve (solid, dashed or dash-dotted, and thicker) can be taken for it.
ASYMPTOTE_STYLE = {"linestyle": (0, (1, 2)), "linewidth": 1.4}


def asymptote_line(ax: Axes, value: float):
    """A horizontal line at ``value``, across ``ax``, in ``ASYMPTOTE_STYLE``."""
    return ax.axhline(value, color=colors().muted, zorder=2, gid="asymptote", **ASYMPTOTE_STYLE)


def _bound_text(act: Activation, value: float) -> str:
    """An end of the range as text, symbolic where the registry writes it so (π/2)."""
    symbol = act.range.symbol(value)
    return symbol.text if symbol else number(value, 4)


def _asymptote(
    ax: Axes,
    value: float,
    side: str,
    drawn: Sequence[Drawn],
    lo: float,
    hi: float,
    y_min: float,
    y_max: float,
    text: str,
    axes_inches: tuple[float, float],
) -> None:
    """An asymptote line at ``value``, and ``text`` beside it wherever no curve is in the way.

    The label goes just above or below the line. Spots are tried in order: on the side of the
    line away from the function, at the end where the function approaches the line, then the
    other end, then the other side of the line, then anywhere along it; the first spot whose
    box (estimated from the text's length and the size of the axes, ``axes_inches``) holds no
    sample of any drawn curve wins.
    """
    c = colors()
    asymptote_line(ax, value)
    lines = text.split("\n")
    # 11 pt text: about 0.085 in per character and 0.19 in per line, plus the 4 pt offset
    width = (max(map(len, lines)) * 0.085 + 0.1) / axes_inches[0] * (hi - lo)
    height = (len(lines) * 0.19 + 0.08) / axes_inches[1] * (y_max - y_min)
    f_top = float(np.nanmax(drawn[0].y))
    outside_up = value >= f_top  # the function stays below an upper bound
    ends = {"-inf": ["left", "right"], "+inf": ["right", "left"]}.get(side, ["right", "left"])
    candidates: list[tuple[float, bool]] = []  # (left edge of the box, box above the line)
    for up in (outside_up, not outside_up):
        candidates += [(lo if e == "left" else hi - width, up) for e in ends]
        candidates += [(x, up) for x in np.linspace(lo, hi - width, 21)[1:-1]]

    def free(x0: float, up: bool) -> bool:
        y0, y1 = (value, value + height) if up else (value - height, value)
        for d in drawn:
            m = (d.x >= x0) & (d.x <= x0 + width)
            if np.any((d.y[m] > y0) & (d.y[m] < y1)):
                return False
        return y_min <= y0 and y1 <= y_max

    x0, up = next((cand for cand in candidates if free(*cand)), candidates[0])
    at_right = x0 + width >= hi - 1e-9 * (hi - lo)
    ax.annotate(
        text,
        xy=(hi if at_right else x0, value),
        xytext=(-4 if at_right else 4, 4 if up else -4),
        textcoords="offset points",
        ha="right" if at_right else "left",
        va="bottom" if up else "top",
        fontsize=LABEL_SIZE,
        color=c.foreground,
        zorder=8,
    )


def _zoom(ax: Axes, act: Activation, zoom: Sequence[float]) -> None:
    """An inset magnifying ``zoom`` of ``act``, with ReLU's 0 for comparison, joined to the axes.

    It sits in the upper left, where the curves of this kind of function leave room, with its
    tick labels on its right: on its left they would stand next to the main axis' own labels.
    """
    c = colors()
    z0, z1, y0, y1 = zoom
    ins = ax.inset_axes([0.06, 0.4, 0.4, 0.48])
    ins.set_facecolor(c.background)
    for x, y in _pieces(act, z0, z1, act.breaks):
        ins.plot(x, y, color=c.palette[0], linestyle="-", linewidth=2.4)
    ins.axhline(0.0, color=c.muted, linestyle="-", linewidth=1.0, gid="reference")  # ReLU's 0
    ins.yaxis.tick_right()
    slope = act.params.get("negative_slope")
    if slope is not None:
        xm = z0 + 0.45 * (z1 - z0)
        ins.annotate(
            f"slope {number(slope, 4)}",
            xy=(xm, slope * xm),
            xytext=(0, -16),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=LABEL_SIZE,
            color=c.foreground,
        )
        ins.annotate(
            "ReLU: 0",
            xy=(z0, 0.0),
            xytext=(3, -3),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=LABEL_SIZE,
            color=c.muted,
        )
    ins.set_xlim(z0, z1)
    ins.set_ylim(y0, y1)
    ins.xaxis.set_major_locator(MaxNLocator(nbins=3))
    ins.yaxis.set_major_locator(MaxNLocator(nbins=3))
    ins.tick_params(labelsize=LABEL_SIZE)
    ins.set_title("z < 0 magnified", fontsize=LABEL_SIZE, color=c.foreground, pad=3)
    ins.grid(True)
    ax.indicate_inset_zoom(ins, edgecolor=c.foreground, alpha=0.6)


# --------------------------------------------------------------------------- several at once


def comparison(ax: Axes, names: Sequence[str], x_range: Sequence[float]) -> Axes:
    """Several activations on one set of axes, each with its own colour *and* line style."""
    c = colors()
    lo, hi = (float(v) for v in x_range)
    drawn: list[Drawn] = []
    for i, name in enumerate(names):
        act = get(name)
        d = _draw_curve(
            ax, act, lo, hi, act.breaks,
            color=c.palette[i % len(c.palette)], linestyle=LINESTYLES[i % len(LINESTYLES)],
            linewidth=2.6, zorder=3 + i, label=f"{act.label}: range {act.range}",
        )  # fmt: skip
        drawn.append(d)
    ys = np.concatenate([d.y for d in drawn])
    y_lo, y_hi = min(float(ys.min()), 0.0), float(ys.max())
    span = y_hi - y_lo or 1.0
    # asymptotes: one dotted line per value, unless a curve lies flat along it (ReLU's 0)
    by_value: dict[float, list[str]] = {}
    for name in names:
        act = get(name)
        for v, _ in act.asymptotes:
            by_value.setdefault(v, []).append(act.label.split(" (")[0])
    for v, who in sorted(by_value.items()):
        if any(np.mean(d.y == v) > 0.05 for d in drawn):
            continue
        asymptote_line(ax, v)
        upper = v > 0
        ax.annotate(
            f"{' and '.join(who)} → {number(v, 4)}, never reached",
            xy=(lo, v),
            xytext=(4, 4 if upper else -4),
            textcoords="offset points",
            ha="left",
            va="bottom" if upper else "top",
            fontsize=LABEL_SIZE,
            color=c.foreground,
        )
        y_lo = min(y_lo, v - (0.12 * span if not upper else 0))
    ax.set_xlim(lo, hi)
    ax.set_ylim(y_lo - 0.05 * span, y_hi + 0.05 * span)
    ax.set_xlabel("z, the weighted sum")
    ax.set_ylabel("f(z)")
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.84), fontsize=LABEL_SIZE)
    return ax


def activation_function(ax: Axes, names: Sequence[str]) -> Axes:
    """A neuron: inputs, weights and bias make ``z = w·x + b``; ``f`` turns it into ``a = f(z)``.

    The diagram fills ``ax``; below it, one small graph per activation in ``names``, with its
    range. (The figure's grid is split with a sub-gridspec; ``ax`` is the diagram.)
    """
    fig = ax.figure
    grid = ax.get_subplotspec().subgridspec(2, len(names), height_ratios=(1.0, 1.15))
    ax.set_subplotspec(grid[0, :])
    panels = [fig.add_subplot(grid[1, i]) for i in range(len(names))]
    _neuron(ax)
    c = colors()
    for i, (panel, name) in enumerate(zip(panels, names, strict=True)):
        act = get(name)
        lo, hi = -3.0, 3.0
        d = _draw_curve(
            panel, act, lo, hi, act.breaks,
            color=c.palette[i % len(c.palette)], linestyle=LINESTYLES[i % len(LINESTYLES)],
            linewidth=2.4, zorder=3,
        )  # fmt: skip
        y_lo = min(float(d.y.min()), 0.0, *(v for v, _ in act.asymptotes))
        y_hi = max([float(d.y.max()), *(v for v, _ in act.asymptotes)])
        span = y_hi - y_lo
        pad_lo = 0.2 * span if any(v == y_lo for v, _ in act.asymptotes) else 0.06 * span
        pad_hi = 0.2 * span if any(v == y_hi for v, _ in act.asymptotes) else 0.06 * span
        panel.set_xlim(lo, hi)
        panel.set_ylim(y_lo - pad_lo, y_hi + pad_hi)
        for v, side in act.asymptotes:
            w, h = fig.get_size_inches()
            _asymptote(
                panel, v, side, [d], lo, hi, y_lo - pad_lo, y_hi + pad_hi, "never reached",
                axes_inches=(w / len(names) - 0.7, h * 0.3),
            )  # fmt: skip
        panel.set_title(f"{act.label.split(' (')[0]}\nrange {act.range}", fontsize=12)
        panel.set_xlabel("z")
        panel.set_xticks([-3, 0, 3])
        panel.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 5, 10]))
        if i == 0:
            panel.set_ylabel("a = f(z)")
    return ax


def _neuron(ax: Axes) -> None:
    """The diagram: three inputs, weights, the sum with bias, the activation, the output."""
    c = colors()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 3.2)
    ax.set_aspect("equal")
    ax.axis("off")
    fg, accent = c.foreground, c.palette[0]
    node = (4.3, 1.5)

    def arrow(p, q, color=fg, lw=1.6):
        ax.add_patch(
            FancyArrowPatch(
                p, q, arrowstyle="-|>", mutation_scale=14, color=color, lw=lw, shrinkA=0, shrinkB=0
            )  # fmt: skip
        )

    for k, y in enumerate((2.7, 1.5, 0.3), start=1):
        ax.add_patch(Circle((0.7, y), 0.28, facecolor=c.background, edgecolor=fg, lw=1.6))
        ax.text(0.7, y, f"$x_{k}$", ha="center", va="center", fontsize=13, color=fg)
        # from the input's edge to the sum's edge
        dx, dy = node[0] - 0.7, node[1] - y
        n = math.hypot(dx, dy)
        start = (0.7 + 0.28 * dx / n, y + 0.28 * dy / n)
        end = (node[0] - 0.55 * dx / n, node[1] - 0.55 * dy / n)
        arrow(start, end)
        mid = (start[0] + 0.45 * (end[0] - start[0]), start[1] + 0.45 * (end[1] - start[1]))
        ax.text(mid[0], mid[1] + 0.14, f"$w_{k}$", ha="center", va="bottom", fontsize=13,
                color=fg)  # fmt: skip
    ax.add_patch(Circle(node, 0.55, facecolor=c.background, edgecolor=fg, lw=1.8))
    ax.text(*node, "Σ", ha="center", va="center", fontsize=20, color=fg)
    arrow((node[0], 3.05), (node[0], node[1] + 0.55))
    ax.text(node[0] + 0.12, 2.95, "bias $b$", ha="left", va="center", fontsize=13, color=fg)
    box = (6.7, 1.5)
    arrow((node[0] + 0.55, node[1]), (box[0] - 0.5, box[1]))
    ax.text((node[0] + box[0]) / 2 + 0.02, node[1] + 0.12, "$z$", ha="center", va="bottom",
            fontsize=13, color=fg)  # fmt: skip
    ax.add_patch(
        FancyBboxPatch(
            (box[0] - 0.5, box[1] - 0.42),
            1.0,
            0.84,
            boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor=c.background,
            edgecolor=accent,
            lw=2.2,
        )  # fmt: skip
    )
    ax.text(*box, "$f$", ha="center", va="center", fontsize=18, color=fg)
    arrow((box[0] + 0.5, box[1]), (8.6, box[1]))
    ax.text(8.7, box[1], "$a = f(z)$", ha="left", va="center", fontsize=13, color=fg)
    ax.text(
        node[0],
        0.25,
        r"$z = w_1 x_1 + w_2 x_2 + w_3 x_3 + b = \mathbf{w}\cdot\mathbf{x} + b$",
        ha="center",
        va="center",
        fontsize=13,
        color=fg,
    )
