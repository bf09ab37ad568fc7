"""Network diagrams: the layers of a network, one neuron's arithmetic, a perceptron, a digit.

The numbers come from ``explainer.examples``. The functions take over the whole figure: the
Axes is stretched over it and its data coordinates are *inches* from the bottom-left corner, so
that sizes and gaps can be read off the code (a 7-inch figure is a page wide; 12 pt of text is
1/6 inch).

Conventions shared by all diagrams
    - Neurons are circles, drawn with one ``scatter`` for the whole figure. A bias is not a
      neuron: it is a small square, with its own connections to the neurons it feeds.
    - A layer too big to draw neuron by neuron shows its first and last neurons with a vertical
      ellipsis between them, and its label gives its true size.
    - When connections carry values (weights, or contributions ``a_i * w_ij``), colour tells the
      sign and so does the line style: positive is solid, negative is dashed. Width and opacity
      tell the size, in four steps.
    - All connections are drawn as one ``LineCollection``. Each style (sign and size step) is a
      single path whose pieces are separated by ``nan`` points, which matplotlib treats as "lift
      the pen": an SVG then holds one short ``<path>`` per style instead of an element per line.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import chain

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.transforms import Bbox

from .. import activations
from ..formatting import number, percent
from ..network import layer_activations
from .style import LABEL, PT, Theme, colors, legible, mix

SMALL = 10  # the smallest text we draw (points)
BIAS_SIDE = 0.24  # a bias square's side (inches)


# --------------------------------------------------------------------------- shared helpers


def _canvas(ax: Axes) -> tuple[float, float]:
    """Stretch ``ax`` over its figure with data coordinates in inches; return (width, height)."""
    width, height = ax.figure.get_size_inches()
    ax.set_position((0, 0, 1, 1))
    ax.figure.set_layout_engine(None)  # nothing to lay out: spare savefig its extra draw
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    return float(width), float(height)


def _extent(artist, renderer=None) -> Bbox:
    """The box ``artist`` covers, in inches from the figure's bottom-left corner (the data
    coordinates of ``_canvas``): measured as matplotlib lays it out, not guessed. Measuring
    many texts with one ``renderer`` (``_measurer``) lets matplotlib reuse what it measured."""
    fig = artist.get_figure(root=True)
    box = artist.get_window_extent(renderer or _measurer(fig))
    return box.transformed(fig.dpi_scale_trans.inverted())


def _measurer(fig):
    """A renderer that measures text for ``fig`` without drawing anything. It is kept for as
    long as the settings that shape text stay the same, so that what matplotlib measured for
    one figure serves the next: the same layer labels come back in every variant of a diagram."""
    import matplotlib as mpl

    settings = dict.items(mpl.rcParams)  # as they are: no checks, no copies
    shaping = repr([(k, v) for k, v in settings if k.startswith(("font.", "text."))])
    return _renderer(fig.dpi, shaping)


@cache
def _renderer(dpi: float, shaping: str):
    """A renderer at ``dpi``, one for each set of text settings ``shaping`` (see ``_measurer``)."""
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, dpi)


def _sub(n: int) -> str:
    """``n`` in subscript digits: ``x`` + ``_sub(12)`` reads x₁₂ (plain text draws fast)."""
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _slots(n: int, max_neurons: int) -> list[int | None]:
    """Which neurons of a layer of ``n`` to draw, top to bottom; ``None`` marks the ellipsis."""
    if n <= max_neurons:
        return list(range(n))
    head = max_neurons // 2
    tail = max_neurons - head - 1
    return list(range(head)) + [None] + list(range(n - tail, n))


def _snap(v):
    """``v`` (inches) rounded to whole points: an SVG then writes "68 46", not "68.4 46.125"."""
    return np.round(np.asarray(v, dtype=float) / PT) * PT


def _column(slots: Sequence[int | None], x: float, top: float, bottom: float, pitch: float):
    """Positions ``(index, x, y)`` of the slots of one layer, centred between top and bottom."""
    middle = (top + bottom) / 2
    ys = _snap(middle + _snap(pitch) * ((len(slots) - 1) / 2 - np.arange(len(slots))))
    x = float(_snap(x))
    return [(index, x, y) for index, y in zip(slots, ys.tolist(), strict=True)]


#: Size steps for valued connections: (upper bound of |value| / largest |value|, width, opacity).
_STEPS = ((0.15, 0.5, 0.25), (0.4, 0.9, 0.45), (0.7, 1.5, 0.7), (1.0, 2.2, 0.95))
#: The dash pattern of a negative value's connection.
_DASHED = (0, (3, 2))


def _add_edges(ax: Axes, groups: dict[tuple, list]) -> None:
    """Draw connections as one ``LineCollection``: one nan-separated path per style group.

    ``groups`` maps a style ``(color, width, linestyle)`` to a list of segments
    ``((x0, y0), (x1, y1))``.
    """
    paths, styles = [], []
    for style, segments in groups.items():
        if not segments:
            continue
        coordinates = chain.from_iterable(chain.from_iterable(segments))  # x0, y0, x1, y1, ...
        points = np.fromiter(coordinates, dtype=float).reshape(-1, 2, 2)  # (segments, ends, xy)
        gaps = np.full((len(points), 1, 2), np.nan)
        paths.append(np.concatenate([points, gaps], axis=1).reshape(-1, 2)[:-1])
        styles.append(style)
    lines = LineCollection(paths, colors=[s[0] for s in styles], linewidths=[s[1] for s in styles],
                           linestyles=[s[2] for s in styles], capstyle="butt", zorder=1,
                           clip_on=False)  # fmt: skip
    ax.add_collection(lines, autolim=False)  # the limits are set: no need to measure the lines


def _add_valued(
    groups: dict[tuple, list], segments: list, values, c: Theme, steps=_STEPS, floor=0.0
) -> None:
    """Add ``segments`` to ``groups`` (see ``_add_edges``) by the sign and size step of ``values``.

    Sizes are relative to the largest ``|value|``; those at or under ``floor`` are left out.
    """
    values = np.asarray(values, dtype=float)
    scale = float(np.max(np.abs(values), initial=0.0)) or 1.0
    for positive, color, style in ((True, c.positive, "-"), (False, c.negative, _DASHED)):
        for k, (upper, width, alpha) in enumerate(steps):
            lower = steps[k - 1][0] if k else floor
            groups.setdefault((mix(color, c.background, alpha), width, style), []).extend(
                seg
                for seg, v in zip(segments, values, strict=True)
                if v != 0 and (v > 0) == positive and lower < abs(v) / scale <= upper + 1e-12
            )


def _sign_legend(ax: Axes, c: Theme, positive: str, negative: str, more=(), **kw) -> Legend:
    """A legend: ``positive`` a solid line in one colour, ``negative`` dashed in the other, then
    the handles ``more``."""
    handles = [
        Line2D([], [], color=c.positive, lw=2, ls="-", label=positive),
        Line2D([], [], color=c.negative, lw=2, ls=_DASHED, label=negative),
        *more,
    ]
    return ax.legend(handles=handles, fontsize=SMALL, handlelength=2.4, **kw)


def _neurons(ax: Axes, xs, ys, diameter: float, face, edge, width: float = 1.2, dashed=None):
    """A scatter of circles ``diameter`` inches wide (optionally some with a dashed outline)."""
    styles = ["-" if not d else (0, (2, 1.5)) for d in dashed] if dashed is not None else "-"
    faces = [face] if isinstance(face, str) or np.ndim(face) == 1 else face
    return ax.scatter(xs, ys, s=(diameter / PT) ** 2, facecolors=faces, edgecolors=edge,
                      linewidths=width, linestyles=styles, zorder=3, clip_on=False)  # fmt: skip


def _activation_fill(values, c: Theme) -> tuple[list, list, list]:
    """Faces, rims and dashed outlines of neurons filled by their activations ``values`` (in
    [-1, 1]): blue for positive, orange dashed for negative, deeper for larger."""
    rims = [c.positive if v >= 0 else c.negative for v in values]
    faces = [
        mix(rim, c.background, 0.12 + 0.88 * abs(v)) for rim, v in zip(rims, values, strict=True)
    ]
    return faces, rims, [v < 0 for v in values]


def _activation_handles(c: Theme, positive: str, negative: str, size: float) -> list[Line2D]:
    """Legend entries for neurons filled by their activation, ``positive`` and ``negative``."""
    neuron = {"marker": "o", "ms": size, "ls": "none", "mew": 1.3}
    return [
        Line2D([], [], color=color, mfc=mix(color, c.background, 0.8), label=text, **neuron)
        for color, text in ((c.positive, positive), (c.negative, negative))
    ]


def _bias_squares(ax: Axes, xs, ys, size: float, c: Theme, text: str = "+1") -> None:
    """Biases: small squares (not circles; they are not neurons), each holding ``text``."""
    ax.scatter(xs, ys, s=(size / PT) ** 2, marker="s", c=[c.background], edgecolors=c.foreground,
               linewidths=1.0, zorder=3, clip_on=False)  # fmt: skip
    for x, y in zip(xs, ys, strict=True):
        ax.text(x, y, text, ha="center", va="center", fontsize=SMALL, zorder=4)


def _layer_labels(
    fig, sizes: Sequence[int], names: Sequence[str] | None, xs, broken: bool = False
) -> tuple[list[tuple[str, float]], float]:
    """The label under each layer centred at ``xs`` with how far under the others' top it
    starts, all in one form: the longest in which every label fits between its neighbours and
    inside the figure, as matplotlib measures it; and how far below that top they reach, in
    inches. With ``broken`` a long name may also take a line more ("hidden\nlayer 1\n6
    neurons") before it is shortened. When even the bare sizes are too wide ("1,000,000" under
    twelve layers), they take turns on two lines or more."""
    from matplotlib.text import Text

    last, width = len(sizes) - 1, fig.get_figwidth()

    def forms(k: int, n: int) -> list[str]:
        unit = "neuron" if n == 1 else "neurons"
        act = f" · {names[k - 1]}" if names and k else ""
        if k == 0:
            unit = "input" if n == 1 else "inputs"
            long = [f"input layer\n{n:,} {unit}", f"input\n{n:,}"]
        elif k == last:
            long = [f"output layer\n{n:,} {unit}{act}", f"output\n{n:,}{act}"]
        else:
            long = [f"hidden layer {k}\n{n:,} {unit}{act}", f"hidden {k}\n{n:,}{act}"]
        broke = [long[0].replace(" layer", "\nlayer", 1)] if broken else []
        return [long[0], *broke, long[1], f"{n:,}"]

    options = [forms(k, n) for k, n in enumerate(sizes)]
    room = [min(0.95 * (xs[1] - xs[0]), 2 * (x - 0.05), 2 * (width - 0.05 - x)) for x in xs]
    probe = Text(fontsize=LABEL, linespacing=1.2, figure=fig)  # measures, is never drawn
    renderer = _measurer(fig)

    @cache
    def extent(text: str) -> Bbox:
        probe.set_text(text)
        return _extent(probe, renderer)

    drops = [0.0] * len(sizes)
    for level in range(len(options[0])):
        labels = [texts[level] for texts in options]
        if all(extent(t).width < r for t, r in zip(labels, room, strict=True)):
            break
    else:  # neighbours take turns on as many lines as the widest needs
        rows = int(np.ceil(max(extent(t).width for t in labels) / (0.95 * (xs[1] - xs[0]))))
        drops = [1.2 * LABEL * PT * (k % rows) for k in range(len(sizes))]
    placed = list(zip(labels, drops, strict=True))
    return placed, max(extent(t).height + drop for t, drop in placed)


# --------------------------------------------------------------------------- network structure


def network_diagram(
    ax: Axes,
    sizes: Sequence[int],
    activation: str | Sequence[str] | None = None,
    weights: Sequence[np.ndarray] | None = None,
    weights_title: str = "weights",
    max_neurons: int = 16,
    bias: bool = True,
    highlight: bool = False,
    values: Sequence[np.ndarray] | None = None,
    narrow: bool = False,
) -> Axes:
    """The layers of a network with ``sizes`` neurons and every connection between them.

    Layers bigger than ``max_neurons`` are drawn collapsed (see the module docstring). With
    ``activation`` the labels name each layer's activation; with ``weights`` (one ``(n_in, n_out)``
    matrix per layer, such as ``explainer.examples.initial_weights``) the connections show
    their sign and size, and a legend titled ``weights_title`` takes a band of its own above
    the drawing; otherwise they are plain lines. ``bias`` draws each layer's bias as a square
    above the layer before it. ``highlight`` marks one connection ``w_ij`` with its neurons
    ``a_i``, ``a_j`` and bias ``b_j``, to introduce the notation. ``values`` (one array per
    layer, the input first, such as a forward pass's activations) fills every neuron by its
    value, as ``digit_flow`` does: blue for positive, orange with a dashed outline for
    negative, deeper for larger (relative to 1, or to the largest of its layer when that is
    larger). ``narrow`` (for a phone) draws the layers closer to the edges and lets a layer's
    name take a line more.
    """
    c = colors()
    width, height = _canvas(ax)
    sizes = [int(n) for n in sizes]
    if len(sizes) < 2 or min(sizes) < 1 or max_neurons < 3:
        raise ValueError(f"cannot draw a network with sizes {sizes} (max_neurons {max_neurons})")
    names = layer_activations(activation, len(sizes) - 1) if activation is not None else None

    # the legend, if any, first: in a band of its own at the top, so that it covers nothing;
    # its entries in one row, or in two where one is wider than the figure
    shaded = [] if values is None else _activation_handles(c, "a > 0", "a < 0", 9)

    def key(ncols: int) -> Legend | None:
        kw = {"loc": "upper right", "borderaxespad": 0.2, "ncols": ncols}
        if weights is not None:
            return _sign_legend(ax, c, "weight > 0", "weight < 0", shaded, title=weights_title,
                                title_fontsize=SMALL, **kw)  # fmt: skip
        return ax.legend(handles=shaded, fontsize=SMALL, **kw) if shaded else None

    legend = key(2 + len(shaded))
    if legend is not None and _extent(legend).width > width:
        legend = key(2)
    band = height - _extent(legend).y0 if legend is not None else 0.0

    margin = 0.4 if narrow else 0.75
    left, right = margin, width - margin
    xs = np.linspace(left + 0.2, right - 0.2, len(sizes))
    labels, label_height = _layer_labels(ax.figure, sizes, names, xs, broken=narrow)
    # room under the lowest neuron for the labels (and the notation of the highlight)
    notation = 0.3 if highlight else 0.0
    bottom = max(0.65 + notation, label_height + 0.15 + notation)
    top = height - band - (0.55 if bias else 0.2)
    slots = [_slots(n, max_neurons) for n in sizes]
    most = max(len(s) for s in slots)
    pitch = min(0.55, (top - bottom) / most)
    diameter = min(0.34, 0.72 * pitch, 0.5 * (xs[1] - xs[0]))  # room for the lines between
    columns = [_column(s, x, top, bottom, pitch) for s, x in zip(slots, xs, strict=True)]

    tints = [c.palette[2], c.palette[0], c.palette[1]]  # input, hidden, output
    # plain connections: the more there are, the fainter each one, so that a dense layer stays grey
    most_edges = max(len(a) * len(b) for a, b in zip(slots[:-1], slots[1:], strict=True))
    plain = (mix(c.muted, c.background, min(1.0, (60 / most_edges) ** 0.5 + 0.2)), 0.7, "-")
    edge_groups: dict[tuple, list] = {plain: []}
    accent = c.palette[3]
    chosen = None
    if highlight and len(sizes) >= 3:
        # the connection from the last neuron of layer 1 to the last of layer 2: at the bottom
        # of the drawing, where its labels have free space below it and cover no other line
        last = [column[-1][0] for column in columns[1:3]]
        chosen = (2, last[0], last[1])
    for k in range(len(sizes) - 1):
        segments, strengths = [], []
        for i, x0, y0 in columns[k]:
            for j, x1, y1 in columns[k + 1]:
                if i is None or j is None:
                    continue
                if chosen and (k + 1, i, j) == chosen:
                    edge_groups[(accent, 2.4, "-")] = [((x0, y0), (x1, y1))]
                    continue
                segments.append(((x0, y0), (x1, y1)))
                strengths.append(weights[k][i, j] if weights is not None else 0.0)
        if weights is None:
            edge_groups[plain].extend(segments)
        else:
            _add_valued(edge_groups, segments, strengths, c)

    # biases: a square above layer k feeding every neuron of layer k + 1
    bias_at = []
    if bias:
        for k in range(len(sizes) - 1):
            bx, by = float(_snap(xs[k])), float(_snap(top + 0.3))
            bias_at.append((bx, by))
            segs = [((bx, by), (x1, y1)) for j, x1, y1 in columns[k + 1] if j is not None]
            edge_groups.setdefault((c.muted, 0.7, (0, (1, 2.5))), []).extend(segs)
        _bias_squares(ax, *zip(*bias_at, strict=True), BIAS_SIDE, c)
        x0, y0 = bias_at[0]
        ax.text(x0 - BIAS_SIDE / 2 - 0.08, y0, "bias", ha="right", va="center", fontsize=SMALL,
                color=c.muted)  # fmt: skip
    _add_edges(ax, edge_groups)

    y_low = min(y for column in columns for _, _, y in column) - diameter / 2 - 0.1
    if chosen:
        y_low -= notation  # room for the notation under the highlighted connection
    drawn = []  # (x, y, face, rim, dashed) of every neuron drawn, for one scatter
    for k, column in enumerate(columns):
        tint = tints[0 if k == 0 else 2 if k == len(sizes) - 1 else 1]
        if values is None:
            face = mix(tint, c.background, 0.22)
            drawn += [(x, y, face, tint, False) for i, x, y in column if i is not None]
        else:
            layer = np.asarray(values[k], dtype=float)
            scale = max(1.0, float(np.max(np.abs(layer))))
            shown = [(i, x, y) for i, x, y in column if i is not None]
            faces, rims, dashed = _activation_fill([layer[i] / scale for i, _, _ in shown], c)
            drawn += [(x, y, face, rim, dash) for (_, x, y), face, rim, dash
                      in zip(shown, faces, rims, dashed, strict=True)]  # fmt: skip
        for i, x, y in column:
            if i is None:
                ax.text(x, y, "⋮", ha="center", va="center", color=c.muted,
                        fontsize=min(LABEL + 3, 1.1 * pitch / PT))  # fmt: skip
        label, drop = labels[k]
        ax.text(xs[k], y_low - drop, label, ha="center", va="top", fontsize=LABEL, linespacing=1.2)
    x, y, faces, rims, dashed = zip(*drawn, strict=True)
    _neurons(ax, x, y, diameter, list(faces), list(rims), width=1.3, dashed=list(dashed))

    # names of the inputs and outputs: x_i on the left, a_j on the right (of a collapsed layer,
    # only the first and the last)
    if pitch >= 0.17:
        for column, letter, side in ((columns[0], "x", -1), (columns[-1], "a", 1)):
            named = [(i, x, y) for i, x, y in column if i is not None]
            if None in (i for i, _, _ in column):
                named = [named[0], named[-1]]
            dx, ha = side * (diameter / 2 + 0.06), "right" if side < 0 else "left"
            for i, x, y in named:
                ax.text(x + dx, y, f"{letter}{_sub(i + 1)}", ha=ha, va="center", fontsize=SMALL)
    if chosen:
        _label_notation(ax, columns, chosen, diameter, bias_at, c, accent)
    return ax


def _label_notation(ax, columns, chosen, diameter, bias_at, c: Theme, accent: str) -> None:
    """Name the highlighted connection and its neurons with the text's notation.

    The connection runs along the bottom of the drawing: ``wᵢⱼ`` goes under its middle and
    ``aᵢ``, ``aⱼ`` under their neurons, where no other line or neuron is; ``bⱼ`` goes left of
    the bias square its dotted line starts from (the lines of that square leave to the right).
    """
    layer, i, j = chosen
    (_, x0, y0) = next(p for p in columns[layer - 1] if p[0] == i)
    (_, x1, y1) = next(p for p in columns[layer] if p[0] == j)
    below = min(y0, y1) - diameter / 2 - 0.04
    for x, text in ((x0, "aᵢ"), ((x0 + x1) / 2, "wᵢⱼ"), (x1, "aⱼ")):
        ax.text(x, below, text, ha="center", va="top", fontsize=LABEL + 1, color=legible(accent, c))
    _neurons(ax, [x0, x1], [y0, y1], diameter, "none", accent, width=2.4)
    if bias_at:
        bx, by = bias_at[layer - 1]
        dotted = {"arrowstyle": "-", "color": accent, "lw": 1.6, "ls": (0, (1, 1.5))}
        # from the square's lower right into neuron j's upper left, clear of the neurons beside
        # it: one to j's top grazed the neuron above j, one to its left would end on wᵢⱼ's end
        h, s = diameter / 2 / 2**0.5, BIAS_SIDE / 2
        ax.annotate("", xy=(x1 - h, y1 + h), xytext=(bx + s, by - s), arrowprops=dotted, zorder=2)
        ax.text(bx - 0.2, by, "bⱼ", ha="right", va="center", fontsize=LABEL + 1,
                color=legible(accent, c))  # fmt: skip


# --------------------------------------------------------------------------- one neuron


def neuron(
    ax: Axes,
    x: Sequence[float],
    w: Sequence[float],
    b: float,
    z: float,
    a: float,
    activation: str = "sigmoid",
    narrow: bool = False,
) -> Axes:
    """One neuron at work: inputs ``x_i``, weights ``w_i``, the sum ``z``, the bias, ``f``, ``a``.

    The numbers come from ``explainer.examples.neuron``, which computes them with a one-neuron
    ``explainer.network.Network``. ``narrow`` (for a phone) turns the picture's corner under the
    sum and breaks the arithmetic onto more lines (see ``_single_neuron``).
    """
    f = activations.get(activation)
    symbol = "σ" if activation == "sigmoid" else "f"
    _single_neuron(
        ax,
        x,
        w,
        f,
        into_f=f"z = {number(z, 3)}",
        curve_at=z,
        bias=f"bias b = {number(b, 3)}",
        box=f"{symbol}(z), {f.label}" if symbol == "f" else f"{symbol}(z): {f.label}",
        output=f"a {number(a, 3, relation=True)}",  # "≈" where 3 digits round it
        lines=[
            ["z = Σᵢ wᵢxᵢ + b", f"= {_products(w, x)} + {_term(b)}", number(z, 3, relation=True)],
            [f"a = {symbol}(z) = {symbol}({number(z, 3)}) {number(a, 3, relation=True)}"],
        ],
        narrow=narrow,
    )
    return ax


def perceptron(
    ax: Axes,
    weights: Sequence[float],
    threshold: float,
    b: float,
    x: Sequence[float],
    total: float,
    output: int,
    narrow: bool = False,
) -> Axes:
    """A perceptron: it outputs 1 when ``sum_i w_i x_i >= threshold`` and 0 otherwise.

    The figure shows the threshold test as the step function of the weighted sum, and that the
    threshold is the bias with its sign flipped (``theta = -b``). The numbers, the weighted sum
    ``total`` and the ``output``, come from ``explainer.examples.perceptron``. ``narrow`` (for a
    phone) lays it out as ``neuron`` does.
    """
    verdict = "≥" if total >= threshold else "<"
    _single_neuron(
        ax,
        x,
        weights,
        activations.get("step"),
        into_f=f"Σ = {number(total, 3)}",
        curve_at=total + b,
        bias=f"threshold θ = {number(threshold, 3)}\n(bias b = −θ = {number(b, 3)})",
        threshold=True,
        box="Σ ≥ θ ?  (step)",
        output=f"output {output}",
        lines=[
            [
                f"Σᵢ wᵢxᵢ = {_products(weights, x)}",
                f"= {number(total, 3)} {verdict} θ = {number(threshold, 3)}, "
                f"so the output is {output}",
            ],
            ["the same test as step(Σᵢ wᵢxᵢ + b)", f"with the bias b = −θ = {number(b, 3)}"],
        ],
        narrow=narrow,
    )
    return ax


def _term(v: float) -> str:
    """A number inside a sum: negatives in brackets, ``0.8·(−0.5)``."""
    return f"({number(v, 3)})" if v < 0 else number(v, 3)


def _products(w: Sequence[float], x: Sequence[float]) -> str:
    """The weighted sum's terms written out: ``0.8·0.5 + (−0.3)·1``."""
    return " + ".join(f"{_term(wi)}·{_term(xi)}" for wi, xi in zip(w, x, strict=True))


def _single_neuron(
    ax: Axes,
    x: Sequence[float],
    w: Sequence[float],
    f,
    into_f: str,
    curve_at: float,
    bias: str,
    box: str,
    output: str,
    lines: list[list[str]],
    threshold: bool = False,
    narrow: bool = False,
) -> None:
    """The picture ``neuron`` and ``perceptron`` share, left to right.

    Inputs (the value in the circle, ``x_i`` beside it) -> connections labelled with ``w_i``
    (solid positive, dashed negative) -> the sum, fed also by the bias square above it ->
    ``into_f`` on the arrow -> a box with the curve of ``f`` and a dot at ``f(curve_at)`` ->
    ``output``. ``lines`` (the arithmetic written out) go underneath, each given as the pieces
    a narrow figure puts on lines of their own (a wide one joins them with spaces). A
    perceptron's threshold (``threshold``, its square marked θ) goes into the box, where it is
    compared with the sum, which is then named its weighted input: the bias is not in it.

    ``narrow`` (a phone's 4.4 inches) turns the corner under the sum: the arrow goes down into
    the box, the output leaves it to the right, the sum is named on its right and a threshold
    comes into the box from the left, named above its square. A piece of a line that starts
    with "=" then has its "=" under the first "=" of the line.
    """
    c = colors()
    width, height = _canvas(ax)
    n = len(x)
    rows = sum(len(pieces) for pieces in lines) if narrow else len(lines)
    text_h = 0.32 * rows + 0.25
    if narrow:
        mid = height - 1.4
        pitch = 0.7
        x_in, x_sum, x_box = 0.75, 2.45, 2.45
        y_box = mid - 1.8
    else:
        mid = text_h + (height - text_h) / 2 - 0.15
        pitch = min(0.8, (height - text_h - 0.5) / max(n, 1))
        x_in, x_sum, x_box = 1.0, 3.2, 4.9
        y_box = mid
    ys = mid + pitch * ((n - 1) / 2 - np.arange(n))
    d_in, d_sum, bw, bh = 0.46, 0.62, 1.0, 0.8
    left = x_box - bw / 2
    x_out = left + bw + 0.3 if narrow else 5.85

    def arrow(start, end) -> None:
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14,
                                     color=c.foreground, lw=1.4, shrinkA=0, shrinkB=0,
                                     zorder=2))  # fmt: skip

    # connections, coloured and dashed by the sign of their weight, each labelled with it
    groups: dict[tuple, list] = {}
    for y, wi in zip(ys, w, strict=True):
        style = (c.positive, 2.0, "-") if wi >= 0 else (c.negative, 2.0, (0, (4, 2.5)))
        groups.setdefault(style, []).append(((x_in, y), (x_sum, mid)))
    _add_edges(ax, groups)
    pad = {"boxstyle": "round,pad=0.2", "fc": c.background, "ec": "none"}
    t = 0.45  # where along its connection a weight is written
    for k, (y, wi) in enumerate(zip(ys, w, strict=True)):
        ax.text(x_in + (x_sum - x_in) * t, y + (mid - y) * t, f"w{_sub(k + 1)} = {number(wi, 3)}",
                ha="center", va="center", fontsize=LABEL, bbox=pad, zorder=4,
                color=legible(c.positive if wi >= 0 else c.negative, c))  # fmt: skip

    # inputs: the value inside the circle, the name beside it
    _neurons(ax, [x_in] * n, ys, d_in, mix(c.palette[2], c.background, 0.15), c.palette[2])
    for k, (y, xi) in enumerate(zip(ys, x, strict=True)):
        ax.text(x_in, y, number(xi, 3), ha="center", va="center", fontsize=SMALL, zorder=4)
        ax.text(x_in - d_in / 2 - 0.1, y, f"x{_sub(k + 1)}", ha="right", va="center",
                fontsize=LABEL + 1)  # fmt: skip
    ax.text(x_in, ys[0] + d_in / 2 + 0.12, "inputs", ha="center", va="bottom", fontsize=LABEL,
            color=c.muted)  # fmt: skip

    # the bias: a square of its own above the sum (or the threshold, above the test), with an arrow
    by = min(height - 0.3, mid + 1.0)
    if threshold and narrow:  # left of the test, named above its square
        bx, by = left - 1.0, y_box
        _bias_squares(ax, [bx], [by], 0.26, c, text="θ")
        ax.text(bx, by + 0.24, bias, ha="center", va="bottom", fontsize=LABEL, linespacing=1.3)
        arrow((bx + 0.13, by), (left - 0.04, by))
    else:
        if threshold:
            bx, target, dx, ha, symbol = x_box, mid + bh / 2 + 0.04, -0.22, "right", "θ"
        else:
            bx, target, dx, ha, symbol = x_sum, mid + d_sum / 2, 0.22, "left", "b"
        _bias_squares(ax, [bx], [by], 0.26, c, text=symbol)
        ax.text(bx + dx, by, bias, ha=ha, va="center", fontsize=LABEL, linespacing=1.3)
        arrow((bx, by - 0.13), (bx, target))

    # the weighted sum; a perceptron's Σ holds no bias: its weighted input, as the pages say
    _neurons(ax, [x_sum], [mid], d_sum, mix(c.palette[0], c.background, 0.15), c.foreground)
    ax.text(x_sum, mid, "Σ", ha="center", va="center", fontsize=LABEL + 7, zorder=4)
    name = "weighted input" if threshold else "weighted sum"
    if narrow:
        ax.text(x_sum + d_sum / 2 + 0.08, mid, name, ha="left", va="center",
                fontsize=SMALL, color=c.muted)  # fmt: skip
    else:
        ax.text(x_sum, mid - d_sum / 2 - 0.08, name, ha="center", va="top",
                fontsize=SMALL, color=c.muted)  # fmt: skip

    # the activation function: its curve, with a dot where this neuron is
    if narrow:
        top = y_box + bh / 2 + 0.04
        arrow((x_sum, mid - d_sum / 2), (x_sum, top))
        ax.text(x_sum + 0.1, (mid - d_sum / 2 + top) / 2, into_f, ha="left", va="center",
                fontsize=LABEL)  # fmt: skip
    else:
        arrow((x_sum + d_sum / 2, mid), (left, mid))
        ax.text((x_sum + d_sum / 2 + left) / 2, mid + 0.07, into_f, ha="center", va="bottom",
                fontsize=LABEL)  # fmt: skip
    ax.add_patch(FancyBboxPatch((left, y_box - bh / 2), bw, bh, boxstyle="round,pad=0.04",
                                fc=mix(c.palette[2], c.background, 0.12), ec=c.foreground,
                                lw=1.2))  # fmt: skip
    zs = np.linspace(-4, 4, 81)
    fz = np.asarray(f(zs), dtype=float)
    lo, hi = float(fz.min()), float(fz.max())

    def inside(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Curve coordinates (z in [-4, 4], f(z) in [lo, hi]) to inches inside the box."""
        return (
            left + 0.1 + (u + 4) / 8 * (bw - 0.2),
            y_box - bh / 2 + 0.12 + (v - lo) / (hi - lo or 1) * (bh - 0.24),
        )

    # a jump (the step at 0) is left as a gap: a vertical line would claim values f never takes
    jumps = np.flatnonzero(np.abs(np.diff(fz)) > 0.25 * (hi - lo)) + 1
    gz, gf = np.insert(zs, jumps, np.nan), np.insert(fz, jumps, np.nan)
    ax.plot(*inside(gz, gf), color=c.palette[2], lw=1.8, ls="-", zorder=4, clip_on=False)
    dot = np.array([np.clip(curve_at, -4, 4)])
    dot_at = inside(dot, np.asarray(f(dot), dtype=float))
    ax.plot(*dot_at, "o", color=c.foreground, ms=5.5, zorder=5, clip_on=False)
    ax.text(x_box, y_box - bh / 2 - 0.1, box, ha="center", va="top", fontsize=LABEL)

    # the output
    arrow((left + bw, y_box), (x_out, y_box))
    ax.text(x_out + 0.06, y_box, output, ha="left", va="center", fontsize=LABEL + 1,
            fontweight="bold")  # fmt: skip

    # the arithmetic, written out
    row = 0
    for pieces in lines if narrow else [[" ".join(pieces)] for pieces in lines]:
        aligned = any(piece.startswith("= ") for piece in pieces[1:])
        head, _, rest = pieces[0].partition(" = ")
        if not aligned:
            for piece in pieces:
                ax.text(0.3, text_h - 0.3 - 0.32 * row, piece, ha="left", va="center",
                        fontsize=LABEL)  # fmt: skip
                row += 1
            continue
        # "= ..." pieces start where the text before the first "=" ends, as matplotlib sets it
        anchor = ax.text(0.3, text_h - 0.3 - 0.32 * row, head, ha="left", va="center",
                         fontsize=LABEL)  # fmt: skip
        for k, piece in enumerate([f"= {rest}", *pieces[1:]]):
            ax.annotate(piece, xy=(1, 0.5), xycoords=anchor, xytext=(0.3 * LABEL, -0.32 / PT * k),
                        textcoords="offset points", ha="left", va="center",
                        fontsize=LABEL)  # fmt: skip
        row += len(pieces)


# --------------------------------------------------------------------------- a digit flowing


def digit_flow(
    ax: Axes,
    image: np.ndarray,
    a: Sequence[np.ndarray],
    contributions: Sequence[np.ndarray],
    biases: Sequence[np.ndarray],
    functions: Sequence[str],
    label: int,
    predicted: int,
    narrow: bool = False,
) -> Axes:
    """A test image flowing through a trained 64-n-n-10 network.

    The numbers come from ``explainer.examples.digit_flow``: ``a[l]`` the activations of layer
    ``l`` (``a[0]`` the 64 pixels), ``contributions[k][i, j] = a_i * w_ij`` into layer ``k + 1``,
    each layer's ``biases`` and activation ``functions``, the true ``label`` and the ``predicted``
    digit. From left to right: the 8x8 image; the same 64 pixels as the input layer, a thin cell
    each, row after row; the hidden and output layers with every neuron filled by its activation
    ``a_j`` (blue positive, orange negative with a dashed outline, deeper colour for larger size);
    the output probabilities, the predicted digit in bold.

    Each connection shows what it carries for this image: its contribution ``a_i * w_ij`` to the
    next neuron's weighted sum (solid adds, dashed subtracts; wider and more opaque is larger,
    relative to the largest of its layer). A bias ``b_j`` is the contribution of the ``+1``
    square above each layer. Inputs that are 0 contribute nothing, so they have no lines, and
    contributions under 5 % of their layer's largest are left out.

    ``narrow`` (a phone's 4.4 inches) stacks it: the image and the legend on top, the pixels
    running down from the image into the network, the probabilities under it in two columns,
    headed by the prediction.
    """
    c = colors()
    width, height = _canvas(ax)
    sizes = [len(layer) for layer in a]
    if narrow:
        top, bottom = height - 2.2, 2.2
        xs = [0.55, 1.7, 2.85, 3.9]
    else:
        top, bottom = height - 0.95, 0.95
        xs = [2.0, 3.2, 4.3, 5.3]
    if len(sizes) != len(xs) or sizes[0] != 64:
        raise ValueError(f"digit_flow draws a 64-n-n-10 network, not {sizes}")
    ink = LinearSegmentedColormap.from_list("ink", [c.background, c.foreground])

    # the image, and the same pixels unrolled into a strip of 64 inputs
    if narrow:
        img, ix = 1.0, 0.25
        iy = height - 0.4 - img
    else:
        img, ix = 1.3, 0.2
        iy = (top + bottom) / 2 - img / 2
    strip_w = 0.16
    strip_left = xs[0] - strip_w / 2
    for pixels, extent in (
        (image, (ix, ix + img, iy, iy + img)),
        (a[0].reshape(64, 1), (strip_left, strip_left + strip_w, bottom, top)),
    ):
        ax.imshow(pixels, cmap=ink, vmin=0, vmax=1, extent=extent, aspect="auto",
                  interpolation="nearest", zorder=2)  # fmt: skip
        x0, x1, y0, y1 = extent
        ax.add_patch(FancyBboxPatch((x0, y0), x1 - x0, y1 - y0, boxstyle="square,pad=0", fc="none",
                                    ec=c.muted, lw=0.8, zorder=3))  # fmt: skip
    truth = f"true digit: {label}"
    if narrow:  # the pixels run down from the bottom of the image to the top of the strip
        for corner, end in ((ix, strip_left), (ix + img, strip_left + strip_w)):
            ax.plot([corner, end], [iy, top], color=c.muted, lw=0.8, ls=(0, (2, 2)))
        ax.text(ix + img + 0.15, iy, truth, ha="left", va="bottom", fontsize=LABEL,
                fontweight="bold")  # fmt: skip
    else:
        for corner, end in ((iy + img, top), (iy, bottom)):
            ax.plot([ix + img, strip_left], [corner, end], color=c.muted, lw=0.8, ls=(0, (2, 2)))
    ax.text(ix + img / 2, iy + img + 0.1, "test image", ha="center", va="bottom", fontsize=LABEL)
    if not narrow:
        ax.text(ix + img / 2, iy - 0.1, truth, ha="center", va="top", fontsize=LABEL,
                fontweight="bold")  # fmt: skip

    # where the neurons are
    cell = (top - bottom) / 64
    columns = [[(i, xs[0], top - cell * (i + 0.5)) for i in range(64)]]
    for k in range(1, len(sizes)):
        pitch = min(0.3, (top - bottom) / sizes[k])
        columns.append(_column(list(range(sizes[k])), xs[k], top, bottom, pitch))
    d = min(0.19, 0.8 * (top - bottom) / 16)

    # connections: a_i * w_ij into each layer, and b_j from the bias square above the layer before
    bias_y = top + 0.4
    steps = ((0.2, 0.45, 0.3), (0.45, 0.8, 0.5), (0.7, 1.2, 0.75), (1.0, 1.8, 0.95))
    groups: dict[tuple, list] = {}
    bias_xs = []
    for k, contrib in enumerate(contributions):  # row i, column j: a_i * w_ij
        start = strip_left + strip_w if k == 0 else xs[k]
        bx = xs[k] + ((0.65 if narrow else 0.45) if k == 0 else 0.0)
        segments, values = [], []
        for j, x1, y1 in columns[k + 1]:
            for i, _, y0 in columns[k]:
                segments.append(((start, y0), (x1, y1)))
                values.append(contrib[i, j])
            segments.append(((bx, bias_y), (x1, y1)))
            values.append(biases[k][j])
        _add_valued(groups, segments, values, c, steps=steps, floor=0.05)
        bias_xs.append(bx)
    _add_edges(ax, groups)
    _bias_squares(ax, bias_xs, [bias_y] * len(bias_xs), BIAS_SIDE, c)
    if narrow:  # left of the first square run the pixels
        ax.text(bias_xs[-1] + 0.2, bias_y, "bias", ha="left", va="center", fontsize=SMALL,
                color=c.muted)  # fmt: skip
    else:
        ax.text(bias_xs[0] - 0.2, bias_y, "bias", ha="right", va="center", fontsize=SMALL,
                color=c.muted)  # fmt: skip

    # neurons, filled by their activation (one scatter for them all)
    shade = np.clip(np.concatenate(a[1:]), -1, 1)
    _, cx, cy = zip(*[p for column in columns[1:] for p in column], strict=True)
    faces, rims, dashed = _activation_fill(shade, c)
    _neurons(ax, cx, cy, d, faces, rims, width=1.3, dashed=dashed)

    # layer names
    names = ["64 inputs\nx₁ … x₆₄"] + [
        f"{'output' if k == len(sizes) - 1 else f'hidden {k}'}\n{sizes[k]} · {functions[k - 1]}"
        for k in range(1, len(sizes))
    ]
    for x, name in zip(xs, names, strict=True):
        ax.text(x, bottom - 0.1, name, ha="center", va="top", fontsize=LABEL, linespacing=1.2)

    # the output: digit, probability bar and value (beside each output neuron, or, narrow, the
    # digit beside it and the bars under the network in two columns of five)
    probs = a[-1]

    def probability(j: int, x: float, bar_x: float, y: float, length: float) -> None:
        """Digit ``j`` at ``x``, its bar of ``length`` inches at ``bar_x`` and its value."""
        weight = "bold" if j == predicted else "normal"
        ax.text(x, y, str(j), ha="left", va="center", fontsize=LABEL, fontweight=weight)
        ax.add_patch(FancyBboxPatch((bar_x, y - 0.06), length * probs[j], 0.12,
                                    boxstyle="square,pad=0", fc=c.positive, ec="none"))  # fmt: skip
        ax.text(bar_x + (length + 0.05), y, percent(probs[j]), ha="left", va="center",
                fontsize=SMALL, fontweight=weight,
                color=c.foreground if j == predicted else c.muted)  # fmt: skip

    prediction = f"prediction: {predicted} ({percent(probs[predicted])})"
    neurons = _activation_handles(c, "aⱼ > 0", "aⱼ < 0", 10)
    if narrow:
        for j, x, y in columns[-1]:
            ax.text(x + d / 2 + 0.1, y, str(j), ha="left", va="center", fontsize=LABEL,
                    fontweight="bold" if j == predicted else "normal")  # fmt: skip
        heading = bottom - 0.8
        ax.text(width / 2, heading, prediction, ha="center", va="center", fontsize=LABEL + 1,
                fontweight="bold")  # fmt: skip
        for j in range(len(probs)):
            x, y = 0.45 + 2.0 * (j // 5), heading - 0.3 - 0.21 * (j % 5)
            probability(j, x, x + 0.2, y, 0.9)
        _sign_legend(ax, c, "aᵢwᵢⱼ > 0: adds", "aᵢwᵢⱼ < 0: subtracts", neurons,
                     loc="upper right", borderaxespad=0.25)  # fmt: skip
        return ax
    for j, x, y in columns[-1]:
        bar_x = x + d / 2 + 0.3
        probability(j, x + d / 2 + 0.1, bar_x, y, 0.7)
    ax.text(width - 0.1, height - 0.1, prediction, ha="right", va="top", fontsize=LABEL + 1,
            fontweight="bold")  # fmt: skip
    _sign_legend(ax, c, "aᵢwᵢⱼ > 0: adds", "aᵢwᵢⱼ < 0: subtracts", neurons,
                 loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=4, columnspacing=1.6,
                 borderaxespad=0.25)  # fmt: skip
    return ax
