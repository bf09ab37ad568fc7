"""What a drawn figure looks like to the reader: the boxes of its marks, as the renderer draws them.

:func:`survey` draws a matplotlib figure and lists every *mark* a reader must be able to tell
apart: each text (labels, tick labels, titles, legend texts; a text with a background box counts
as its box), each marker of a line (a dot, a diamond, ...), each point of a scatter (neurons,
bias squares), each circle patch, and each legend as a whole. :func:`overlaps` then names every
pair that overlaps, with the rules a designer would apply:

- a text that lies entirely inside a marker or a circle is that shape's label ("Σ" in the sum
  node, a pixel value inside an input circle): allowed;
- two markers with the same centre and the same size are one mark drawn twice (a highlight ring
  over a neuron): allowed; anything else that overlaps is not;
- the entries of a legend are checked against each other, and the legend as a whole against
  everything outside it.

:func:`outside_canvas` finds marks cut off by the edge of the figure, :func:`cut_off_by_axes`
shapes sliced by the edge of the Axes that clips them, and
:func:`legend_entries_without_symbol` finds legend entries whose handle draws nothing, and
:func:`curves_along_asymptotes` finds curves that run along an asymptote line (a line with
``gid="asymptote"``) without being told apart from it by colour, dash pattern and width.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass

import numpy as np
from matplotlib.axis import Tick
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Patch
from matplotlib.path import Path
from matplotlib.spines import Spine
from matplotlib.text import Text

#: Boxes closer than this (pixels at 100 dpi) do not count as overlapping: anti-aliasing.
SLACK = 0.75


@dataclass(frozen=True)
class Mark:
    kind: str  # "text", "marker", "legend"
    what: str  # for the report
    x0: float
    y0: float
    x1: float
    y1: float
    round: bool = False  # a circle (markers "o", scatter circles, Circle patches)
    legend: int = -1  # index of the legend the mark belongs to, -1 if none

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2

    @property
    def size(self) -> tuple[float, float]:
        return self.x1 - self.x0, self.y1 - self.y0

    def inside(self, other: Mark) -> bool:
        return (
            self.x0 >= other.x0 - SLACK
            and self.x1 <= other.x1 + SLACK
            and self.y0 >= other.y0 - SLACK
            and self.y1 <= other.y1 + SLACK
        )


def _box_overlap(a: Mark, b: Mark) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > SLACK and min(a.y1, b.y1) - max(a.y0, b.y0) > SLACK


def _overlap(a: Mark, b: Mark) -> bool:
    if not _box_overlap(a, b):
        return False
    if a.round and b.round:  # two circles: by the distance of their centres
        (ax, ay), (bx, by) = a.centre, b.centre
        return math.hypot(ax - bx, ay - by) < (a.size[0] + b.size[0]) / 2 - SLACK
    for c, other in ((a, b), (b, a)):  # a circle and a box: the nearest point of the box
        if c.round and other.kind != "legend":
            cx, cy = c.centre
            nx = min(max(cx, other.x0), other.x1)
            ny = min(max(cy, other.y0), other.y1)
            return math.hypot(cx - nx, cy - ny) < c.size[0] / 2 - SLACK
    return True


def _text_label(t: Text) -> str:
    return " ".join(t.get_text().split())[:40]


def _in_view(tick: Tick, axis) -> bool:
    lo, hi = sorted(axis.get_view_interval())
    loc = tick.get_loc()
    return loc is not None and lo - 1e-9 * (hi - lo) <= loc <= hi + 1e-9 * (hi - lo)


def survey(fig: Figure) -> list[Mark]:
    """Draw ``fig`` and list its marks (see the module docstring). It always draws: the checks
    that follow read that drawing (survey a figure again after changing it)."""
    _agg(fig)
    fig.canvas.draw()
    _DRAWN.add(fig)
    renderer = fig.canvas.get_renderer()
    dpi = fig.dpi
    legends = [a for a in fig.findobj(Legend)]
    in_legend: dict[int, int] = {}
    for k, leg in enumerate(legends):
        for artist in leg.findobj():
            if artist is not leg:
                in_legend[id(artist)] = k

    marks: list[Mark] = []
    for k, leg in enumerate(legends):
        if leg.get_visible():
            b = leg.get_window_extent(renderer)
            marks.append(Mark("legend", f"legend {k}", b.x0, b.y0, b.x1, b.y1, legend=-2 - k))

    ticks, tick_lines = {}, set()
    for ax in _all_axes(fig):
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                for t in (tick.label1, tick.label2):
                    ticks[id(t)] = _in_view(tick, axis)
                tick_lines |= {id(tick.tick1line), id(tick.tick2line), id(tick.gridline)}

    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text().strip() or not ticks.get(id(t), True):
            continue
        patch = t.get_bbox_patch()
        b = (patch if patch is not None else t).get_window_extent(renderer)
        if b.width <= 0 or b.height <= 0:
            continue
        marks.append(
            Mark(
                "text",
                f"text {_text_label(t)!r}",
                b.x0,
                b.y0,
                b.x1,
                b.y1,
                legend=in_legend.get(id(t), -1),
            )  # fmt: skip
        )

    for line in fig.findobj(Line2D):
        marker = line.get_marker()
        if not line.get_visible() or marker in (None, "", "None", " ", "none"):
            continue
        if id(line) in tick_lines:
            continue  # tick marks belong to the axis, not to the data
        legend = in_legend.get(id(line), -1)
        xy = line.get_transform().transform(np.column_stack(line.get_data()))
        every = line.get_markevery()
        if every is not None:  # a legend handle draws one marker of its three points
            if isinstance(every, int):
                xy = xy[::every]
            elif isinstance(every, tuple) and all(isinstance(v, int) for v in every):
                xy = xy[every[0] :: every[1]]  # (start, step)
            else:
                xy = xy[np.arange(len(xy))[every]]
        size = line.get_markersize() * dpi / 72 + line.get_markeredgewidth() * dpi / 72
        for x, y in xy:
            if not (np.isfinite(x) and np.isfinite(y)):
                continue
            marks.append(
                Mark(
                    "marker",
                    f"marker {marker!r} of {line.get_label()!r}",
                    x - size / 2,
                    y - size / 2,
                    x + size / 2,
                    y + size / 2,
                    round=marker == "o",
                    legend=legend,
                )  # fmt: skip
            )

    for coll in fig.findobj(PathCollection):
        if not coll.get_visible():
            continue
        offsets = coll.get_offset_transform().transform(coll.get_offsets())
        sizes = np.broadcast_to(coll.get_sizes(), (len(offsets),))
        round_ = len(coll.get_paths()) == 1 and len(coll.get_paths()[0].vertices) > 8
        for (x, y), s in zip(offsets, sizes, strict=True):
            d = math.sqrt(s) * dpi / 72
            marks.append(
                Mark(
                    "marker",
                    "scatter point",
                    x - d / 2,
                    y - d / 2,
                    x + d / 2,
                    y + d / 2,
                    round=round_,
                    legend=in_legend.get(id(coll), -1),
                )  # fmt: skip
            )

    for circle in fig.findobj(Circle):
        if circle.get_visible() and id(circle) not in in_legend:
            b = circle.get_window_extent(renderer)
            marks.append(Mark("marker", "circle", b.x0, b.y0, b.x1, b.y1, round=True))
    return marks


def _all_axes(fig: Figure) -> list:
    """The Axes of ``fig``, insets included (they are children of their Axes, not of ``fig``)."""
    from matplotlib.axes import Axes

    return [a for a in fig.findobj(Axes)]


def _agg(fig: Figure) -> None:
    """Give ``fig`` the Agg canvas ``explainer.render`` draws with (it makes no canvas itself)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)


#: Figures already drawn: the checks only read a drawing, so they share one (a draw of every
#: variant per check cost about 35 s of the suite per check).
_DRAWN: weakref.WeakSet[Figure] = weakref.WeakSet()


def _draw_once(fig: Figure) -> None:
    """Draw ``fig`` on the Agg canvas, unless ``survey`` or a check has drawn it already."""
    _agg(fig)
    if fig not in _DRAWN:
        fig.canvas.draw()
        _DRAWN.add(fig)


def _label_within(text: Mark, shape: Mark) -> bool:
    """Whether ``text`` lies inside ``shape``: inside its box, and for a circle inside the circle
    itself (a label whose corners cross a circle's outline is drawn over it)."""
    if not text.inside(shape):
        return False
    if not shape.round:
        return True
    (cx, cy), r = shape.centre, shape.size[0] / 2
    corners = ((x, y) for x in (text.x0, text.x1) for y in (text.y0, text.y1))
    return all(math.hypot(x - cx, y - cy) <= r + SLACK for x, y in corners)


def overlaps(marks: list[Mark]) -> list[str]:
    """Every pair of marks that overlaps, in words (see the module docstring for the rules)."""
    found = []
    for i, a in enumerate(marks):
        for b in marks[i + 1 :]:
            if a.legend != b.legend:
                # a legend is checked against the marks outside it as one box
                if a.legend >= 0 or b.legend >= 0:
                    continue
            if not _overlap(a, b):
                continue
            text, shape = (a, b) if a.kind == "text" else (b, a)
            if text.kind == "text" and shape.kind == "marker" and _label_within(text, shape):
                continue  # a label inside its shape
            if a.kind == b.kind == "marker" and a.centre == b.centre and a.size == b.size:
                continue  # the same mark drawn twice (a highlight)
            found.append(f"{a.what} overlaps {b.what}")
    return found


def outside_canvas(fig: Figure, marks: list[Mark]) -> list[str]:
    """Marks that reach past the edge of ``fig``: a reader sees them cut off, or not at all."""
    w, h = fig.bbox.width, fig.bbox.height
    return [
        f"{m.what} is cut off by the edge of the figure"
        for m in marks
        if m.x0 < -SLACK or m.y0 < -SLACK or m.x1 > w + SLACK or m.y1 > h + SLACK
    ]


def cut_off_by_axes(fig: Figure) -> list[str]:
    """Shapes (circles, boxes, arrows) that reach past the Axes that clips them: the reader sees
    them sliced flat where the Axes ends, though the figure has room around it."""
    _draw_once(fig)
    renderer = fig.canvas.get_renderer()
    skip = {id(a.patch) for a in _all_axes(fig)} | {id(fig.patch)}
    skip |= {id(a) for leg in fig.findobj(Legend) for a in leg.findobj()}
    found = []
    for patch in fig.findobj(Patch):
        if isinstance(patch, Spine) or id(patch) in skip or not patch.get_visible():
            continue
        clip = patch.get_clip_box() if patch.get_clip_on() else None
        if clip is None:
            continue
        b = patch.get_window_extent(renderer)
        if (
            b.x0 < clip.x0 - SLACK
            or b.y0 < clip.y0 - SLACK
            or b.x1 > clip.x1 + SLACK
            or b.y1 > clip.y1 + SLACK
        ):
            found.append(f"a {type(patch).__name__} is cut off by the edge of its Axes")
    return found


def hidden_arrowheads(fig: Figure) -> list[str]:
    """Arrows whose head, the mark that says which way they go, lies under a box or a label's
    background drawn over it (the middle of the head's triangle is what is tested)."""
    _draw_once(fig)
    covers = [p for p in fig.findobj(FancyBboxPatch) if p.get_visible()]
    covers += [t.get_bbox_patch() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    found = []
    for arrow in fig.findobj(FancyArrowPatch):
        path = arrow.get_path()
        starts = [k for k, code in enumerate(path.codes) if code == Path.MOVETO]
        head = path.vertices[starts[-1] : starts[-1] + 3]
        if len(starts) < 2 or len(head) < 3:
            continue  # no head
        middle = arrow.get_transform().transform(head).mean(axis=0)
        for cover in covers:
            if cover is None or cover is arrow or cover.zorder < arrow.zorder:
                continue
            if cover.contains_point(middle):
                found.append(f"an arrowhead at {middle.round()} is hidden under a box or label")
                break
    return found


def pale_texts(fig: Figure, background: str, least: float = 4.5) -> list[str]:
    """Texts whose colour contrasts less than ``least`` (WCAG 1.4.3: 4.5 for text under 18
    points) with what is behind them: their own box's face if they have one, else
    ``background``. The ratio is computed here from WCAG's definition."""

    def luminance(color) -> float:
        r, g, b = (
            v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in to_rgb(color)
        )
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    found = []
    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text().strip():
            continue
        box = t.get_bbox_patch()
        behind = box.get_facecolor() if box is not None else background
        hi, lo = sorted((luminance(t.get_color()), luminance(behind)), reverse=True)
        ratio = (hi + 0.05) / (lo + 0.05)
        if ratio < least:
            found.append(f"text {_text_label(t)!r} contrasts {ratio:.2f}:1 with its background")
    return found


def lines_under_legends(fig: Figure) -> list[str]:
    """Legends that a line of a ``LineCollection`` (a diagram's connections) runs under.

    ``overlaps`` sees texts and markers; a connection is a thin line anywhere between them, so
    each of its straight pieces is clipped against each legend's box (Liang-Barsky)."""
    from matplotlib.collections import LineCollection

    _draw_once(fig)
    renderer = fig.canvas.get_renderer()
    boxes = [leg.get_window_extent(renderer) for leg in fig.findobj(Legend) if leg.get_visible()]
    found = []
    for lines in fig.findobj(LineCollection):
        transform = lines.get_transform()
        for path in lines.get_paths():
            xy = transform.transform(path.vertices)
            start, end = xy[:-1], xy[1:]
            keep = np.isfinite(start).all(axis=1) & np.isfinite(end).all(axis=1)
            start, step = start[keep], (end - start)[keep]
            for k, box in enumerate(boxes):
                enter, leave = np.zeros(len(start)), np.ones(len(start))
                for axis, (lo, hi) in enumerate(((box.x0, box.x1), (box.y0, box.y1))):
                    p, d = start[:, axis], step[:, axis]
                    with np.errstate(divide="ignore", invalid="ignore"):
                        a, b = (lo + SLACK - p) / d, (hi - SLACK - p) / d
                    inside = (p > lo + SLACK) & (p < hi - SLACK)
                    flat = d == 0
                    enter = np.maximum(
                        enter, np.where(flat, np.where(inside, 0, 2), np.minimum(a, b))
                    )
                    leave = np.minimum(leave, np.where(flat, 1, np.maximum(a, b)))
                crossing = int(np.sum(enter < leave))
                if crossing:
                    found.append(f"{crossing} line pieces run under legend {k}")
    return found


def smallest_font(fig: Figure) -> float:
    """The smallest font size, in points, of the texts ``fig`` shows."""
    return min(
        t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
    )


def legend_entries_without_symbol(fig: Figure) -> list[str]:
    """Legend entries whose handle draws neither a line nor a marker."""
    found = []
    for leg in fig.findobj(Legend):
        for handle, text in zip(leg.legend_handles, leg.get_texts(), strict=True):
            parts = handle if isinstance(handle, tuple) else (handle,)
            if not any(_draws_something(p) for p in parts):
                found.append(f"legend entry {_text_label(text)!r} has no symbol")
    return found


def _draws_something(artist) -> bool:
    if artist is None or not artist.get_visible():
        return False
    if isinstance(artist, Line2D):
        has_line = artist.get_linestyle() not in ("None", "none", "", " ") and (
            artist.get_linewidth() > 0
        )
        has_marker = artist.get_marker() not in (None, "", "None", " ", "none")
        return has_line or has_marker
    return True  # patches, collections


def _pattern(line: Line2D) -> str:
    """The kind of a line's pattern, as a reader sees it: solid, dotted, dashed or dash-dotted."""
    _, dashes = line._unscaled_dash_pattern  # (offset, on-off lengths in points per linewidth)
    if not dashes:
        return "solid"
    on = dashes[0::2]
    if max(on) <= 1.5:
        return "dotted"
    return "dash-dotted" if min(on) <= 1.5 else "dashed"


def curves_along_asymptotes(fig: Figure, within_px: float = 2.0, run_px: float = 1.0) -> list[str]:
    """Curves that run along an asymptote line without a visible distinction.

    An asymptote is a line across the Axes at a constant height: one drawn with
    ``gid="asymptote"``, or any ``axhline`` (two points spanning the Axes). A curve of the same
    Axes that comes within ``within_px`` pixels of it (over ``run_px`` pixels of width or more:
    by default touching it is enough) must differ from it in colour, in dash pattern, and be at
    least 1.5 times as wide, or a reader cannot tell the curve from the line it never reaches.
    Patterns differ in kind, not in length: two dashed lines are alike (solid, dotted, dashed and
    dash-dotted are the kinds).
    """
    from matplotlib.colors import to_rgba

    _draw_once(fig)
    found = []
    for ax in _all_axes(fig):
        lines = [ln for ln in ax.get_lines() if ln.get_visible()]
        asymptotes = [ln for ln in lines if _is_asymptote(ln, ax)]
        for asym in asymptotes:
            y_value = float(np.asarray(asym.get_ydata(), dtype=float)[0])
            y_px = ax.transData.transform((0.0, y_value))[1]
            for curve in lines:
                if _is_asymptote(curve, ax) or curve.get_linestyle() in ("None", "none"):
                    continue
                xy = ax.transData.transform(np.column_stack(curve.get_data()))
                xy = xy[np.all(np.isfinite(xy), axis=1)]
                if len(xy) < 2:
                    continue
                # densify to one point per pixel of width
                xs = np.arange(xy[:, 0].min(), xy[:, 0].max(), 1.0)
                order = np.argsort(xy[:, 0])
                ys = np.interp(xs, xy[order, 0], xy[order, 1])
                near = np.abs(ys - y_px) < within_px
                longest = _longest_run(near)
                if longest < run_px:
                    continue
                distinct = (
                    to_rgba(curve.get_color()) != to_rgba(asym.get_color())
                    and _pattern(curve) != _pattern(asym)
                    and curve.get_linewidth() >= 1.5 * asym.get_linewidth()
                )
                if not distinct:
                    found.append(
                        f"{curve.get_label()!r} runs along the asymptote at {y_value:g} for "
                        f"{longest:.0f} px, drawn like it"
                    )
    return found


def _is_asymptote(line: Line2D, ax) -> bool:
    """A line marked as an asymptote, or an unmarked line across the Axes at one height."""
    if line.get_gid() is not None:
        return line.get_gid() == "asymptote"
    x, y = (np.asarray(v, dtype=float) for v in line.get_data())
    return (
        line.get_transform() == ax.get_yaxis_transform()
        and len(x) == 2
        and tuple(x) == (0.0, 1.0)
        and y[0] == y[1]
    )


def _longest_run(flags: np.ndarray) -> int:
    best = run = 0
    for f in flags:
        run = run + 1 if f else 0
        best = max(best, run)
    return best
