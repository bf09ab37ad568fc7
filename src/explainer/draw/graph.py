"""Computation graphs: a small network drawn as the chain of operations backpropagation follows.

A computation graph has one node per quantity the forward pass computes: the inputs, each
neuron's weighted sum ``z`` and activation ``a``, and the cost ``C``; an arrow runs from each
quantity to those computed from it. Backpropagation walks the same arrows in reverse and finds,
for every node, the gradient ``dC/d(node)``: how much the cost changes per unit change of that
node. Each node here shows both, its value on the first line and its gradient on the second.

The numbers come from ``explainer.examples.backprop_graph``. Like ``explainer.draw.diagrams``,
whose helpers it uses, the function stretches its ``Axes`` over the whole figure, with data
coordinates in inches.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ..formatting import formatted
from .diagrams import SMALL, _canvas, _snap, _sub
from .style import LABEL, colors, mix

#: How the figure writes a value (4 decimals) and a gradient (4 significant digits): the same
#: formats the page uses, so that a number in the figure and in the text read the same.
VALUE, GRADIENT = ".4f", ".4g"


def _name(text: str) -> str:
    """``"w5"`` written ``w₅``, ``"h1"`` ``h₁``."""
    head = text.rstrip("0123456789")
    return head + _sub(int(text[len(head) :])) if text != head else text


def computation_graph(
    ax: Axes,
    x: Sequence[float],
    y: Sequence[float],
    z: Sequence[Sequence[float]],
    a: Sequence[Sequence[float]],
    dz: Sequence[Sequence[float]],
    da: Sequence[Sequence[float]],
    cost: float,
    weight_names: Sequence[Sequence[Sequence[str]]],
    symbol: str = "σ",
    narrow: bool = False,
) -> Axes:
    """A 2-2-2 network as a computation graph, with every node's value and gradient.

    Left to right: the inputs ``x``; for each neuron of the hidden layer (``h₁``, ``h₂``) and of
    the output layer (``o₁``, ``o₂``), its weighted sum ``z`` above its activation ``a =
    symbol(z)``; the cost ``C`` with the targets ``y`` under it. A node's box reads its value,
    then the gradient of the cost with respect to it (``dz`` and ``da`` per layer; the cost's own
    is 1). Arrows go the way the values flow; the arrows into each weighted sum are labelled
    with the names in ``weight_names[k][i][j]`` (the weight from neuron ``i`` of layer ``k`` to
    neuron ``j`` of the next), whose values and gradients the page lists in a table.

    ``narrow`` (a phone's 4.4 inches) keeps the layers left to right, closer together, and puts
    the cost under the output layer: the second output reaches it straight down, the first
    round the right of the layer. The key under the graph takes three lines.
    """
    c = colors()
    width, height = _canvas(ax)
    if len(x) != 2 or len(z) != 2 or any(len(layer) != 2 for layer in (*z, *a, *dz, *da)):
        raise ValueError("computation_graph draws a 2-2-2 network")

    if narrow:
        col_x = [0.43, 1.85, 3.55, 3.55]  # centres: inputs, hidden, output, cost (under it)
        box_w = [0.74, 1.3, 1.3, 1.1]
    else:
        col_x = [0.5, 2.55, 4.6, width - 0.65]  # centres: inputs, hidden, output, cost
        box_w = [0.8, 1.42, 1.42, 1.1]
    box_h, line = 0.5, 0.19  # a two-line box, and the distance between its lines
    rows_z, rows_a = [height - 0.9, height - 3.0], [height - 1.8, height - 3.9]
    mid_cost = rows_a[1] - 0.95 if narrow else (rows_a[0] + rows_a[1]) / 2 + 0.2
    face = {"input": c.palette[2], "hidden": c.palette[0], "output": c.palette[1]}
    pad = 0.02  # a box is drawn this far around its size: arrows end at what is drawn
    frame = {"boxstyle": f"round,pad={pad},rounding_size=0.08", "lw": 1.2, "zorder": 3}

    def box(cx: float, cy: float, w: float, h: float, tint: str, lines: list[str]) -> None:
        cx, cy = float(_snap(cx)), float(_snap(cy))
        ax.add_patch(FancyBboxPatch((cx - w / 2, cy - h / 2), w, h,
                                    fc=mix(tint, c.background, 0.14), ec=tint,
                                    **frame))  # fmt: skip
        top = cy + line * (len(lines) - 1) / 2
        for k, text in enumerate(lines):
            ax.text(cx, top - line * k, text, ha="center", va="center", fontsize=SMALL, zorder=4)

    def arrow(start, end, **kw) -> None:
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=11,
                                     color=c.muted, lw=1.1, shrinkA=0, shrinkB=0, zorder=2,
                                     **kw))  # fmt: skip

    # column headers
    for cx, text in zip(col_x, ("inputs", "hidden layer", "output layer", "cost"), strict=True):
        if narrow and text == "cost":  # left of its box, under the output layer
            ax.text(cx - box_w[3] / 2 - 0.15, mid_cost, text, ha="right", va="center",
                    fontsize=LABEL, color=c.muted)  # fmt: skip
            continue
        ax.text(cx, height - 0.3, text, ha="center", va="center", fontsize=LABEL, color=c.muted)

    # the inputs, level with the weighted sums they feed
    for i, (xi, cy) in enumerate(zip(x, rows_z, strict=True)):
        box(col_x[0], cy, box_w[0], 0.32, face["input"], [f"x{_sub(i + 1)} = {formatted(xi, 'g')}"])

    # each neuron: z above a, joined by the activation function
    letters = ("h", "o")
    for k in range(2):
        cx, w, tint = col_x[k + 1], box_w[k + 1], face["hidden" if k == 0 else "output"]
        for j in range(2):
            z_text = [
                f"z = {formatted(z[k][j], VALUE)}",
                f"∂C/∂z = {formatted(dz[k][j], GRADIENT)}",
            ]
            a_text = [
                f"a = {formatted(a[k][j], VALUE)}",
                f"∂C/∂a = {formatted(da[k][j], GRADIENT)}",
            ]
            box(cx, rows_z[j], w, box_h, tint, z_text)
            box(cx, rows_a[j], w, box_h, tint, a_text)
            arrow((cx, rows_z[j] - box_h / 2 - pad), (cx, rows_a[j] + box_h / 2 + pad))
            gap_y = (rows_z[j] + rows_a[j]) / 2
            ax.text(cx - 0.12, gap_y, f"{letters[k]}{_sub(j + 1)}", ha="right", va="center",
                    fontsize=LABEL + 1, fontweight="bold")  # fmt: skip
            ax.text(cx + 0.12, gap_y, symbol, ha="left", va="center", fontsize=LABEL)

    # the weighted connections, into the left side of each weighted sum, named near their end
    # (a short straight one, between a phone's close columns, halfway: clear of its head)
    backing = {"boxstyle": "round,pad=0.12", "fc": c.background, "ec": "none"}
    for k in range(2):
        starts = rows_z if k == 0 else rows_a
        x0 = col_x[k] + box_w[k] / 2 + pad
        x1 = col_x[k + 1] - box_w[k + 1] / 2 - pad
        for i in range(2):
            for j in range(2):
                y0, y1 = starts[i], rows_z[j]
                arrow((x0, y0), (x1, y1))
                t = 0.45 if narrow and y0 == y1 else 0.68
                ax.text(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, _name(weight_names[k][i][j]),
                        ha="center", va="center", fontsize=SMALL, bbox=backing,
                        zorder=3)  # fmt: skip

    # the cost, fed by both outputs, with the targets under it
    cx = col_x[3]
    x0 = col_x[2] + box_w[2] / 2 + pad
    if narrow:
        arrow((cx, rows_a[1] - box_h / 2 - pad), (cx, mid_cost + box_h / 2 + pad))
        arrow((x0, rows_a[0]), (cx + box_w[3] / 2 + pad, mid_cost),
              connectionstyle="bar,fraction=-0.04")  # fmt: skip
    else:
        for j in range(2):
            arrow((x0, rows_a[j]), (cx - box_w[3] / 2 - pad, mid_cost))
    box(cx, mid_cost, box_w[3], box_h, c.muted, [f"C = {formatted(cost, VALUE)}", "∂C/∂C = 1"])
    targets = "\n".join(f"y{_sub(j + 1)} = {formatted(v, 'g')}" for j, v in enumerate(y))
    ax.text(cx, mid_cost - box_h / 2 - 0.15, f"targets\n{targets}", ha="center", va="top",
            fontsize=SMALL, linespacing=1.35)  # fmt: skip

    # the key: what the two lines of a box are
    gradient = ("bottom line: the gradient of the cost,", "computed from right to left")
    key = ("top line: the value, computed from left to right",
           *(gradient if narrow else [" ".join(gradient)]))  # fmt: skip
    first = 0.64 if narrow else 0.42
    for k, text in enumerate(key):
        ax.text(width / 2, first - 0.22 * k, text, ha="center", va="center", fontsize=SMALL,
                color=c.muted)  # fmt: skip
    return ax
