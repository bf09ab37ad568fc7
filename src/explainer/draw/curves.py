"""Graphs of activation functions, drawn from the registry in ``explainer.activations``.

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
from typing import NamedTuple

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.ticker import MaxNLocator

from ..activations import Activation, Extremum, get
from ..formatting import number
from . import SAMPLES
from .style import LABEL, LINESTYLES, colors, legend_below, narrow_ticks, wrap

#: Points inside each gap between samples where a curve swings faster than its samples.
DENSE = 64
#: How many places of an extremum a legend lists by position; beyond it, "and N more".
LISTED_PLACES = 3
#: How many places of an extremum are marked; beyond it (a periodic function over a wide range,
#: where the marks would merge into a bar), only those the legend lists.
MARKED_PLACES = 12


# --------------------------------------------------------------------------- sampling


@dataclass
class Drawn:
    """What was drawn for one curve: its samples and whether it jumps anywhere."""

    x: np.ndarray
    y: np.ndarray
    jumps: list[float]
    #: The heights of the jumps' dots (which the y limits must hold too).
    dots: list[float]

    @property
    def heights(self) -> np.ndarray:
        """Every height drawn: the samples and the dots."""
        return np.concatenate([self.y, self.dots])


def _at_ends(breaks: Sequence[float], lo: float, hi: float) -> tuple[list[float], set[float]]:
    """The ``breaks`` inside ``(lo, hi)``, sorted, and the ends of ``[lo, hi]`` where a break is.

    A break within numerical tolerance of an end (``_eps``) counts as at that end: the curve
    then stops there with its one-sided limit, as at any other break, instead of running a
    vertical segment from the value at the break to the rest of the piece.
    """
    inner, ends = [], set()
    for b in breaks:
        end = next((e for e in (lo, hi) if abs(b - e) <= _eps(e)), None)
        if end is not None:
            ends.add(end)
        elif lo < b < hi:
            inner.append(b)
    return sorted(inner), ends


class Outline(NamedTuple):
    """A piece of curve that swings faster than its samples, as ``curve_pieces`` gives it (see
    ``_resolved``): at the middle of each gap between samples, the lowest and the highest value
    the curve takes in the gap. As ``(x, y)`` it is that outline traced down and up, each ``z``
    twice, which holds every value the curve takes."""

    x: np.ndarray
    y: np.ndarray

    @property
    def band(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(z, lowest, highest)``: the band to fill."""
        return self.x[::2], self.y[::2], self.y[1::2]


def curve_pieces(
    g: Callable[[np.ndarray], np.ndarray], lo: float, hi: float, breaks: Sequence[float]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Sample ``g`` on ``[lo, hi]`` piece by piece, split at ``breaks``.

    The ends of a piece at a break carry the one-sided limit (``g`` a hair inside the piece), so
    a curve with a jump stops exactly at the jump instead of being joined across it; so does an
    end of ``[lo, hi]`` where a break is. A piece that swings faster than its samples comes as
    its ``Outline`` instead (``_resolved``).
    """
    inner, at_ends = _at_ends(breaks, lo, hi)
    edges = [lo, *inner, hi]
    cut = set(inner) | at_ends
    out = []
    for a, b in zip(edges, edges[1:], strict=False):
        n = max(3, round(SAMPLES * (b - a) / (hi - lo)))
        x = np.linspace(a, b, n)
        probe = x.copy()
        if a in cut:
            probe[0] = a + _eps(a)
        if b in cut:
            probe[-1] = b - _eps(b)
        out.append(_resolved(g, x, np.asarray(g(probe), dtype=float)))
    return out


def _resolved(
    g: Callable[[np.ndarray], np.ndarray], x: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The samples ``(x, y)`` of ``g``, or, where ``g`` swings between them, its true outline.

    A curve that turns many times between two samples (the sinusoid over ``±1000``: 2.5 samples
    a period) would be traced through points of arbitrary phase, a slow wave that is not there.
    Then each gap between samples gives, at its middle, the lowest and the highest value ``g``
    takes in it (``DENSE`` points), and the curve is drawn as the band between them, as an
    oscilloscope draws a fast signal. A curve its samples follow (every curve on the site)
    stays as sampled: its midpoints lie within 2% of its height of the straight segments.
    """
    if len(x) < 3 or not np.isfinite(y).all():
        return x, y
    mid = (x[:-1] + x[1:]) / 2
    height = float(np.ptp(y))
    if not height > 0 or np.max(np.abs(g(mid) - (y[:-1] + y[1:]) / 2)) <= 0.02 * height:
        return x, y
    inside = np.asarray(g(np.linspace(x[:-1], x[1:], DENSE, axis=1)), dtype=float)
    low_high = np.column_stack([inside.min(axis=1), inside.max(axis=1)]).ravel()
    return Outline(np.repeat(mid, 2), low_high)


def _eps(x: float) -> float:
    return 1e-9 * max(1.0, abs(x))


def curve_jumps(
    g: Callable[[np.ndarray], np.ndarray], lo: float, hi: float, breaks: Sequence[float]
) -> list[tuple[float, float, list[float]]]:
    """For each break in ``[lo, hi]`` where ``g`` jumps: ``(x, g(x), [limits not taken])``.

    At an end of ``[lo, hi]`` only the limit from inside counts: the other side is not drawn.
    """
    inner, at_ends = _at_ends(breaks, lo, hi)
    found = []
    for b in sorted({*inner, *at_ends}):
        value = float(g(np.array(b)))
        left = float(g(np.array(b - _eps(b)))) if b != lo else value
        right = float(g(np.array(b + _eps(b)))) if b != hi else value
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
    zorder: float,
    label: str | None = None,
    dot: float = 9.0,
    **style,
) -> Drawn:
    """Draw ``g`` on ``[lo, hi]`` in ``style`` (its ``color``, ``linestyle`` and ``linewidth``)
    without joining its jumps; mark each jump with two dots."""
    pieces = curve_pieces(g, lo, hi, breaks)
    for i, piece in enumerate(pieces):
        line = {"label": label if i == 0 else None, "zorder": zorder, **style}
        x, y = piece
        if isinstance(piece, Outline):  # a band, edged as thick as the line of its legend entry
            width = style.get("linewidth", mpl.rcParams["lines.linewidth"])
            ax.fill_between(*piece.band, color=style["color"], lw=width, zorder=zorder)
            x, y = [], []
        ax.plot(x, y, solid_capstyle="butt", dash_capstyle="butt", **line)
    jumps = curve_jumps(g, lo, hi, breaks)
    color = style["color"]
    dots = {"marker": "o", "markersize": dot, "color": color, "markeredgecolor": color,
            "linestyle": "none", "zorder": zorder + 2}  # fmt: skip
    for b, value, missed in jumps:
        for v in missed:  # open dot: the limit from one side, a value the function skips
            ax.plot([b], [v], markerfacecolor=colors().background, markeredgewidth=2, **dots)
        ax.plot([b], [value], markerfacecolor=color, **dots)  # filled: the value at the jump
    x, y = (np.concatenate(a) for a in zip(*pieces, strict=True))
    dotted = [v for _, value, missed in jumps for v in (value, *missed)]
    return Drawn(x, y, [b for b, _, _ in jumps], dotted)


# --------------------------------------------------------------------------- one activation


def activation_curve(
    ax: Axes,
    name: str,
    derivative: bool = True,
    x_range: Sequence[float] = (-5.0, 5.0),
    title: bool = False,
    notes: Sequence[str] = (),
    zoom: Sequence[float] | None = None,
    narrow: bool = False,
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
        zoom: ``(z0, z1, y0, y1)`` of an inset that magnifies a detail (Leaky ReLU's slope);
            ``explainer.presentation`` gives one only where it shows something.
        narrow: lay out for a narrow figure (a phone): each panel's legend under it instead of
            beside it, both panels with their ``z`` tick labels, fewer ticks and the notes
            wrapped.
    """
    act = get(name)
    lo, hi = (float(v) for v in x_range)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"x_range must be two finite numbers, low < high: {x_range!r}")
    c = colors()
    w, h = ax.figure.get_size_inches()
    # the legends go beside the panels, or on a narrow figure under each, as far below it as
    # its tick labels (and under the last panel its axis label) reach; they take the room of
    # the panels (estimated in inches, for the labels of the asymptotes)
    f_below, axes_width = None, w - 3.2
    if narrow:
        f_below, axes_width = (22.0 if derivative else 42.0), w - 1.0
        h -= 3.0 if derivative else 1.5
    bottom, f_height = ax, h - 1.3  # the panel with the z axis, and the height of f's panel
    if derivative:
        grid = ax.get_subplotspec().subgridspec(2, 1, height_ratios=(3, 2))
        ax.set_subplotspec(grid[0])
        bottom = ax.figure.add_subplot(grid[1], sharex=ax)
        ax.tick_params(labelbottom=narrow)
        f_height = (h - 1.6) * 0.6
    _function_panel(ax, act, lo, hi, c, (axes_width, f_height), zoom, below=f_below)
    heading = f"{act.label}, range {act.range}" if title else f"Range: {act.range}"
    if narrow:
        notes = [wrap(n, 34) for n in notes]
    ax.set_title("\n".join([heading, *notes]), loc="left")
    ax.set_ylabel("f(z)")
    if narrow:
        narrow_ticks(ax.xaxis)
    else:
        _z_ticks(ax, lo, hi, axes_width)
    if derivative:
        _slope_panel(bottom, act, lo, hi, c, below=42.0 if narrow else None)
    bottom.set_xlabel("z, the weighted sum")
    _room_for_marks([ax, bottom] if derivative else [ax], lo, hi, axes_width)
    return ax


def _z_ticks(ax: Axes, lo: float, hi: float, axes_inches: float) -> None:
    """Round ``z`` ticks, up to 9 of them, fewer when neighbouring labels would touch in a panel
    ``axes_inches`` wide (the long labels of a wide or far-off range: "−0.75" with "1e6")."""
    steps = [1, 2, 2.5, 5, 10]
    formatter = ax.xaxis.get_major_formatter()
    for bins in (9, 7, 5, 4, 3):
        ticks = [
            t for t in MaxNLocator(nbins=bins, steps=steps).tick_values(lo, hi) if lo <= t <= hi
        ]
        formatter.set_locs(ticks)
        widths = [_label_points(formatter(t)) for t in ticks]
        spacing = axes_inches * 72 * (ticks[1] - ticks[0]) / (hi - lo) if len(ticks) > 1 else 1e9
        if all((u + v) / 2 + 4.0 <= spacing for u, v in zip(widths, widths[1:], strict=False)):
            break
    ax.xaxis.set_major_locator(MaxNLocator(nbins=bins, steps=steps))


def _label_points(text: str) -> float:
    """Width of a tick label in points at 11 pt (DejaVu Sans: digits 7.2, "−" 9.4, "." 3.6)."""
    return sum(9.4 if ch == "−" else 3.6 if ch in ".," else 7.2 for ch in text)


def _room_for_marks(axes: Sequence[Axes], lo: float, hi: float, axes_inches: float) -> None:
    """Widen the ``z`` limits just enough that a mark near an end of ``[lo, hi]`` (a jump's
    dot, ``f(0)``, an extremum) is drawn whole, not cut in half by the edge of the axes.

    ``axes_inches`` is the estimated width of the panels. Nothing changes when no mark is that
    close to an end.
    """
    per_point = (hi - lo) / (axes_inches * 72)
    left = right = 0.0
    for a in axes:
        for line in a.lines:
            if (
                line.get_marker() in (None, "None", "", " ")
                or line.get_transform() is not a.transData
            ):
                continue
            r = (line.get_markersize() / 2 + line.get_markeredgewidth() + 1.0) * per_point
            x = np.asarray(line.get_xdata(), dtype=float)
            left = max(left, float(np.max(r - (x - lo))))
            right = max(right, float(np.max(r - (hi - x))))
    if left > 0 or right > 0:
        axes[0].set_xlim(lo - max(left, 0.0), hi + max(right, 0.0))


def _legend(ax: Axes, handles: list, labels: list[str], below: float | None = None) -> None:
    """The legend of a panel, outside it on the right; or, ``below`` points under it, in two
    columns when every line of its labels is short enough for half the width of a phone."""
    style = {"handlelength": 2.4, "handler_map": {tuple: HandlerTuple(ndivide=None, pad=0.6)}}
    if below is not None:
        longest = max(len(line) for label in labels for line in label.split("\n"))
        columns = 2 if longest <= 18 else 1
        legend_below(ax, handles, labels, below=below, ncols=columns, columnspacing=1.2, **style)
        return
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0,
              **style)  # fmt: skip


def _mark_zero(ax: Axes, value: float, drawn: Drawn, marker: str, color: str, c) -> Line2D:
    """Mark a curve's value at 0 with ``marker``; return the legend's handle for it.

    Where the curve jumps at 0, the filled dot of the jump marks the value already: the handle
    is that dot and nothing more is drawn.
    """
    if 0.0 in drawn.jumps:
        return Line2D([], [], marker="o", color=color, linestyle="none", markersize=8)
    mark = {"marker": marker, "markersize": 7, "color": color, "linestyle": "none"}
    ax.plot([0], [value], markeredgecolor=c.background, markeredgewidth=0.8, zorder=9, **mark)
    return Line2D([], [], **mark)


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
    ax: Axes,
    act: Activation,
    lo: float,
    hi: float,
    c,
    axes_inches,
    zoom: Sequence[float] | None,
    below: float | None = None,
) -> None:
    """``f`` with ``f(0)``, its extrema, its jumps and its asymptotes, and the legend (beside
    the panel, or ``below`` points under it)."""
    color = c.palette[0]
    style = {"color": color, "linestyle": "-", "linewidth": 2.6}
    handles: list = [Line2D([], [], **style)]
    labels = ["f(z)"]
    f = _draw_curve(ax, act, lo, hi, act.breaks, zorder=3, **style)
    if lo <= 0.0 <= hi:
        at_max = act.maximum is not None and act.maximum.x == 0.0
        label = f"f(0) {number(act.f0, 4, relation=True)}" + ("\n(maximum)" if at_max else "")
        handles.append(_mark_zero(ax, act.f0, f, "D", color, c))
        labels.append(label)
    for ext, marker, side in ((act.minimum, "v", "low"), (act.maximum, "^", "high")):
        places = extremum_places(act, ext, lo, hi)
        if not places:
            continue
        # a periodic function over a wide range takes it thousands of times: the legend lists
        # the places nearest 0 and counts the others, which are marked only while they are few
        listed = listed_places(places)
        marked = places if len(places) <= MARKED_PLACES else listed
        mark = {"marker": marker, "markersize": 10, "color": color, "linestyle": "none"}
        mark["markeredgecolor"] = c.foreground
        ax.plot(marked, [ext.value] * len(marked), zorder=7, **mark)
        handles.append(Line2D([], [], **mark))
        # the value as the range prints it (rounded the same way), and every place it is taken
        at = [number(x, _place_digits(x), approx=True) for x in listed]
        where = ", ".join(x.removeprefix("≈") for x in at)
        equals = "≈" if any(x.startswith("≈") for x in at) else "="
        label = f"{ext.kind} {number(ext.value, outward=side)}\nat z {equals} {where}"
        if len(listed) < len(places):
            label += f"\nand {len(places) - len(listed):,} more"
            label += "" if marked is places else "\n(not marked)"
        labels.append(label)
    _explain_jumps(ax, f, c, handles, labels)

    ax.set_xlim(lo, hi)
    ax.set_ylim(_y_limits(f.heights, act.asymptotes, pad=0.07, bound_pad=0.25))
    for value, side in act.asymptotes:
        symbol = act.range.symbol(value)  # an end the registry writes symbolically: π/2
        bound = symbol.text if symbol else number(value, 4)
        where = {"-inf": "−∞", "+inf": "∞"}.get(side, "±∞")
        text = f"f → {bound} as z → {where},\nnever reached"
        _asymptote(ax, value, side, f, text, axes_inches)
    if act.asymptotes:
        handles.append(Line2D([], [], **ASYMPTOTE_STYLE, color=c.muted))
        labels.append("asymptote,\nnever reached")
    if zoom is not None:
        _zoom(ax, act, zoom)
    _legend(ax, handles, labels, below)


def extremum_places(act: Activation, ext: Extremum | None, lo: float, hi: float) -> list[float]:
    """Where in ``[lo, hi]`` the graph marks the extremum ``ext`` (if any): every place it is
    taken but 0, where the mark of ``f(0)`` stands already."""
    return [x for x in act.places(ext, lo, hi) if x != 0.0] if ext is not None else []


def listed_places(places: Sequence[float]) -> list[float]:
    """The places of an extremum that the legend and the description name: all of them up to
    ``LISTED_PLACES``, else the ``LISTED_PLACES - 1`` nearest 0 (the others are counted)."""
    if len(places) <= LISTED_PLACES:
        return list(places)
    return sorted(sorted(places, key=abs)[: LISTED_PLACES - 1])


def _place_digits(x: float) -> int:
    """Significant digits that tell apart places of an extremum a period apart: 5, more for
    places beyond ±1000."""
    return max(5, math.floor(math.log10(abs(x))) + 3) if x else 5


def _y_limits(
    y: np.ndarray, asymptotes: Sequence[tuple[float, str]], pad: float, bound_pad: float
) -> tuple[float, float]:
    """y limits holding every finite sample, 0 and every asymptote, padded by ``pad`` of the span,
    or by ``bound_pad`` on a side where an asymptote is (to leave room for its label)."""
    bounds = [v for v, _ in asymptotes]
    ys = y[np.isfinite(y)]
    y_lo = min(float(ys.min()), *bounds, 0.0)
    y_hi = max(float(ys.max()), *bounds, 0.0)
    span = (y_hi - y_lo) or 1.0
    return (
        y_lo - (bound_pad if y_lo in bounds else pad) * span,
        y_hi + (bound_pad if y_hi in bounds else pad) * span,
    )


def _slope_panel(
    ax: Axes, act: Activation, lo: float, hi: float, c, below: float | None = None
) -> None:
    """``f'``, the slope, with ``f'(0)`` (and the convention where it does not exist), and the
    legend (beside the panel, or ``below`` points under it)."""
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
    ys = d.heights[np.isfinite(d.heights)]
    y_lo, y_hi = min(float(ys.min()), 0.0), max(float(ys.max()), 0.0)
    span = (y_hi - y_lo) or 1.0
    ax.set_ylim(y_lo - 0.1 * span, y_hi + 0.12 * span)
    # a slope too small to see at this scale (Leaky ReLU's 0.01) is written out, not left as "0"
    first = min(act.breaks, default=hi)
    if lo < first <= hi:
        left = float(act.derivative(lo))
        constant = left == float(act.derivative(0.5 * (lo + first)))
        if constant and 0 < abs(left) < 0.03 * span:
            a, b = number(left, approx=True), number(first, approx=True)
            _note(ax, f"f′(z) = {a} for z < {b}, not 0", (lo, left), (6, 6), "left", "bottom")
    ax.set_ylabel("f′(z)")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    _legend(ax, handles, labels, below)


#: How a line at a value that a function approaches but never reaches is drawn: thin, grey and
#: dotted, so that no curve (solid, dashed or dash-dotted, and thicker) can be taken for it.
ASYMPTOTE_STYLE = {"linestyle": (0, (1, 2)), "linewidth": 1.4}


def asymptote_line(ax: Axes, value: float):
    """A horizontal line at ``value``, across ``ax``, in ``ASYMPTOTE_STYLE``."""
    return ax.axhline(value, color=colors().muted, zorder=2, gid="asymptote", **ASYMPTOTE_STYLE)


def _asymptote(
    ax: Axes, value: float, side: str, f: Drawn, text: str, axes_inches: tuple[float, float]
) -> None:
    """An asymptote line at ``value``, and ``text`` beside it wherever the curve ``f`` is not.

    The label goes just above or below the line. Spots are tried in order: on the side of the
    line away from the function, at the end where the function approaches the line, then the
    other end, then the other side of the line, then anywhere along it; the first spot whose
    box (estimated from the text's length and the size of the axes, ``axes_inches``) holds no
    sample of ``f`` wins. The limits of ``ax`` must be set.
    """
    (lo, hi), (y_min, y_max) = ax.get_xlim(), ax.get_ylim()
    asymptote_line(ax, value)
    lines = text.split("\n")
    # 11 pt text: about 0.085 in per character and 0.19 in per line, plus the 4 pt offset
    width = (max(map(len, lines)) * 0.085 + 0.1) / axes_inches[0] * (hi - lo)
    height = (len(lines) * 0.19 + 0.08) / axes_inches[1] * (y_max - y_min)
    outside_up = value >= float(np.nanmax(f.y))  # the function stays below an upper bound
    ends = {"-inf": ["left", "right"], "+inf": ["right", "left"]}.get(side, ["right", "left"])
    candidates: list[tuple[float, bool]] = []  # (left edge of the box, box above the line)
    for up in (outside_up, not outside_up):
        candidates += [(lo if e == "left" else hi - width, up) for e in ends]
        candidates += [(x, up) for x in np.linspace(lo, hi - width, 21)[1:-1]]

    def free(x0: float, up: bool) -> bool:
        y0, y1 = (value, value + height) if up else (value - height, value)
        ys = f.y[(f.x >= x0) & (f.x <= x0 + width)]
        return not np.any((ys > y0) & (ys < y1)) and y_min <= y0 and y1 <= y_max

    x0, up = next((cand for cand in candidates if free(*cand)), candidates[0])
    if x0 + width >= hi - 1e-9 * (hi - lo):  # at the right end: aligned with it
        x, dx, ha = hi, -4, "right"
    else:
        x, dx, ha = x0, 4, "left"
    _note(ax, text, (x, value), (dx, 4 if up else -4), ha, "bottom" if up else "top", zorder=8)


def _note(ax: Axes, text: str, xy, offset, ha: str, va: str, color: str | None = None, **kw):
    """``text`` at ``offset`` points from the point ``xy`` (data coordinates), at label size."""
    ax.annotate(text, xy=xy, xytext=offset, textcoords="offset points", ha=ha, va=va,
                fontsize=LABEL, color=color or colors().foreground, **kw)  # fmt: skip


def _zoom(ax: Axes, act: Activation, zoom: Sequence[float]) -> None:
    """An inset magnifying ``zoom`` of ``act``, with ReLU's 0 for comparison, joined to the axes.

    It sits in the upper left, where the curves of this kind of function leave room, with its
    tick labels on its right: on its left they would stand next to the main axis' own labels.
    """
    c = colors()
    z0, z1, y0, y1 = zoom
    ins = ax.inset_axes([0.06, 0.4, 0.4, 0.48])
    for x, y in curve_pieces(act, z0, z1, act.breaks):
        ins.plot(x, y, color=c.palette[0], linestyle="-", linewidth=2.4)
    ins.axhline(0.0, color=c.muted, linestyle="-", linewidth=1.0, gid="reference")  # ReLU's 0
    ins.yaxis.tick_right()
    slope = act.params.get("negative_slope")
    if slope is not None:
        xm = z0 + 0.45 * (z1 - z0)
        _note(ins, f"slope {number(slope, 4)}", (xm, slope * xm), (0, -16), "center", "top")
        _note(ins, "ReLU: 0", (z0, 0.0), (3, -3), "left", "top", c.muted)
    ins.set_xlim(z0, z1)
    ins.set_ylim(y0, y1)
    ins.xaxis.set_major_locator(MaxNLocator(nbins=3))
    ins.yaxis.set_major_locator(MaxNLocator(nbins=3))
    ins.set_title("z < 0 magnified", fontsize=LABEL, pad=3)
    ax.indicate_inset_zoom(ins, edgecolor=c.foreground, alpha=0.6)


# --------------------------------------------------------------------------- several at once


def comparison(
    ax: Axes, names: Sequence[str], x_range: Sequence[float], narrow: bool = False
) -> Axes:
    """Several activations on one set of axes, each with its own colour *and* line style, named
    in a legend over the graph (``narrow``: under it, where a phone has room for it)."""
    c = colors()
    lo, hi = (float(v) for v in x_range)
    drawn: list[Drawn] = []
    by_value: dict[float, list[str]] = {}  # each asymptote, and which functions approach it
    for i, name in enumerate(names):
        act = get(name)
        label = f"{act.label}: range {act.range}"
        drawn.append(_draw_curve(ax, act, lo, hi, act.breaks, linewidth=2.6, zorder=3 + i,
                                 label=label, **_nth_style(c, i)))  # fmt: skip
        for v, _ in act.asymptotes:
            by_value.setdefault(v, []).append(act.label.split(" (")[0])
    ys = np.concatenate([d.y for d in drawn])
    y_lo, y_hi = min(float(ys.min()), 0.0), float(ys.max())
    span = y_hi - y_lo or 1.0
    # one dotted line per asymptote, unless a curve lies flat along it (ReLU's 0)
    for v, who in sorted(by_value.items()):
        if any(np.mean(d.y == v) > 0.05 for d in drawn):
            continue
        asymptote_line(ax, v)
        upper = v > 0
        # on a narrow canvas, on two lines: on one, it would reach the middle, where a rising
        # curve crosses the bound
        text = f"{' and '.join(who)} → {number(v, 4)},{chr(10) if narrow else ' '}never reached"
        _note(ax, text, (lo, v), (4, 4 if upper else -4), "left", "bottom" if upper else "top")
        y_lo = min(y_lo, v - (0.12 * span if not upper else 0))
    ax.set_xlim(lo, hi)
    ax.set_ylim(y_lo - 0.05 * span, y_hi + 0.05 * span)
    ax.set_xlabel("z, the weighted sum")
    ax.set_ylabel("f(z)")
    if narrow:
        legend_below(ax)
    else:
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.84))
    return ax


def _nth_style(c, i: int) -> dict:
    """The colour and line style of the ``i``-th curve, paired as in the theme's cycle."""
    return {"color": c.palette[i % len(c.palette)], "linestyle": LINESTYLES[i % len(LINESTYLES)]}


def activation_function(ax: Axes, names: Sequence[str], narrow: bool = False) -> Axes:
    """A neuron: inputs, weights and bias make ``z = w·x + b``; ``f`` turns it into ``a = f(z)``.

    The diagram fills ``ax``; below it, one small graph per activation in ``names``, with its
    range: side by side, or with ``narrow`` (a phone) one under another, the full width of the
    figure, on the same ``z`` axis. (The figure's grid is split with a sub-gridspec; ``ax`` is
    the diagram.)
    """
    fig = ax.figure
    n = len(names)
    w, h = fig.get_size_inches()
    if narrow:
        grid = ax.get_subplotspec().subgridspec(n + 1, 1, height_ratios=(1.25, *[1.0] * n))
        ax.set_subplotspec(grid[0])
        panels = [fig.add_subplot(grid[i + 1]) for i in range(n)]
        panel_inches = (w - 1.0, h / (n + 1.25) - 0.6)
    else:
        grid = ax.get_subplotspec().subgridspec(2, n, height_ratios=(1.0, 1.15))
        ax.set_subplotspec(grid[0, :])
        panels = [fig.add_subplot(grid[1, i]) for i in range(n)]
        panel_inches = (w / n - 0.7, h * 0.3)
    _neuron(ax, narrow)
    c = colors()
    lo, hi = -3.0, 3.0
    for i, (panel, name) in enumerate(zip(panels, names, strict=True)):
        act = get(name)
        d = _draw_curve(panel, act, lo, hi, act.breaks, linewidth=2.4, zorder=3, **_nth_style(c, i))
        panel.set_xlim(lo, hi)
        panel.set_ylim(_y_limits(d.y, act.asymptotes, pad=0.06, bound_pad=0.2))
        for v, side in act.asymptotes:
            _asymptote(panel, v, side, d, "never reached", panel_inches)
        label, shown = act.label.split(" (")[0], f"range {act.range}"
        panel.set_title(f"{label}, {shown}" if narrow else f"{label}\n{shown}", fontsize=12)
        panel.set_xticks([-3, 0, 3])
        panel.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 5, 10]))
        if not narrow or i == n - 1:  # stacked, the graphs share the z axis under the last
            panel.set_xlabel("z")
        if narrow or i == 0:
            panel.set_ylabel("a = f(z)")
    return ax


def _neuron(ax: Axes, narrow: bool = False) -> None:
    """The diagram: three inputs, weights, the sum with bias, the activation, the output, and
    the weighted sum written out under the sum (``narrow``: under the whole diagram, the width
    of a phone being too little for it beside the inputs)."""
    c = colors()
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.75 if narrow else -0.1, 3.2)  # the lowest input circle reaches y = -0.08
    ax.set_aspect("equal")
    ax.axis("off")
    fg = c.foreground
    node, box = (4.3, 1.5), (6.7, 1.5)  # centres of the sum and of the activation's box

    def arrow(p, q):
        ax.add_patch(FancyArrowPatch(p, q, arrowstyle="-|>", mutation_scale=14, color=fg, lw=1.6,
                                     shrinkA=0, shrinkB=0))  # fmt: skip

    def text(x, y, s, ha="center", va="center", fontsize=13):
        ax.text(x, y, s, ha=ha, va=va, fontsize=fontsize, color=fg)

    R = 0.38  # the inputs' circles: their labels x₁, x₂, x₃ fit inside at a phone's width too
    for k, y in enumerate((2.7, 1.5, 0.3), start=1):
        ax.add_patch(Circle((0.7, y), R, facecolor=c.background, edgecolor=fg, lw=1.6))
        text(0.7, y, f"$x_{k}$")
        # from the input's edge to the sum's edge
        dx, dy = node[0] - 0.7, node[1] - y
        n = math.hypot(dx, dy)
        start = (0.7 + R * dx / n, y + R * dy / n)
        end = (node[0] - 0.55 * dx / n, node[1] - 0.55 * dy / n)
        arrow(start, end)
        mid = (start[0] + 0.45 * (end[0] - start[0]), start[1] + 0.45 * (end[1] - start[1]))
        text(mid[0], mid[1] + 0.14, f"$w_{k}$", va="bottom")
    ax.add_patch(Circle(node, 0.55, facecolor=c.background, edgecolor=fg, lw=1.8))
    text(*node, "Σ", fontsize=20)
    arrow((node[0], 3.05), (node[0], node[1] + 0.55))
    text(node[0] + 0.12, 2.95, "bias $b$", ha="left")
    arrow((node[0] + 0.55, node[1]), (box[0] - 0.5, box[1]))
    text((node[0] + box[0]) / 2 + 0.02, node[1] + 0.12, "$z$", va="bottom")
    ax.add_patch(FancyBboxPatch((box[0] - 0.5, box[1] - 0.42), 1.0, 0.84, lw=2.2,
                                boxstyle="round,pad=0.02,rounding_size=0.12",
                                facecolor=c.background, edgecolor=c.palette[0]))  # fmt: skip
    text(*box, "$f$", fontsize=18)
    arrow((box[0] + 0.5, box[1]), (8.6, box[1]))
    text(8.7, box[1], "$a = f(z)$", ha="left")
    formula = r"$z = w_1 x_1 + w_2 x_2 + w_3 x_3 + b = \mathbf{w}\cdot\mathbf{x} + b$"
    text(*((5.0, -0.4) if narrow else (node[0], 0.25)), formula)
