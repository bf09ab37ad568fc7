"""The network diagrams: what they draw, in both themes, and how big and fast the SVG is."""

from __future__ import annotations

import math

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure as MplFigure
from matplotlib.text import Annotation

from explainer import examples
from explainer.catalog import PHONE, Figure, figures
from explainer.draw import diagrams
from explainer.draw.style import THEMES, rc
from explainer.render import render
from layout import lines_under_legends, outside_canvas, overlaps, survey


def draw(function, theme: str = "light", size=(7.0, 4.2), **params):
    with mpl.rc_context(rc(theme)):
        canvas = MplFigure(figsize=size, layout="constrained")
        ax = canvas.add_subplot()
        assert function(ax=ax, **params) is ax
        canvas.canvas.draw()  # lay out and rasterise: catches errors that only show when drawn
    return ax


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def edge_count(ax) -> int:
    """Segments in the Axes' one LineCollection (pieces between nan gaps)."""
    (lines,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    total = 0
    for path in lines.get_paths():
        finite = np.isfinite(path.vertices).all(axis=1)
        total += int(np.sum(finite[1:] & finite[:-1]))
    return total


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_structure_draws_every_edge_in_one_line_collection(theme):
    ax = draw(diagrams.network_diagram, theme, sizes=[4, 6, 6, 3], bias=False)
    assert edge_count(ax) == 4 * 6 + 6 * 6 + 6 * 3
    labels = texts(ax)
    for needle in ("input layer\n4 inputs", "hidden layer 1\n6 neurons", "output layer\n3 neurons"):
        assert needle in labels
    assert {"x₁", "x₄", "a₁", "a₃"} <= set(labels)


def test_bias_is_a_square_with_its_own_connections():
    ax = draw(diagrams.network_diagram, sizes=[4, 6, 3], bias=True)
    assert edge_count(ax) == 4 * 6 + 6 * 3 + (6 + 3)
    assert texts(ax).count("+1") == 2


def test_highlight_names_the_notation():
    ax = draw(diagrams.network_diagram, sizes=[4, 6, 6, 3], highlight=True)
    assert {"wᵢⱼ", "aᵢ", "aⱼ", "bⱼ"} <= set(texts(ax))


@pytest.mark.parametrize("size", [(7.0, 4.2), (PHONE, 4.0)])
def test_the_highlighted_bias_line_passes_no_other_neuron(size):
    """bⱼ's dashed line runs from its +1 to neuron j and clear of every other circle (a line to
    j's top grazed the neuron above it: a reader took the bias for that neuron's)."""
    from matplotlib.collections import PathCollection
    from matplotlib.text import Annotation

    ax = draw(diagrams.network_diagram, size=size, sizes=examples.ANN, highlight=True)
    to_px = ax.transData.transform
    (line,) = [t for t in ax.texts if isinstance(t, Annotation) and t.arrow_patch is not None]
    a, b = to_px(line.xyann), to_px(line.xy)
    px_per_pt = ax.figure.dpi / 72
    for dots in [c for c in ax.collections if isinstance(c, PathCollection)]:
        radius = np.sqrt(dots.get_sizes()[0]) / 2 * px_per_pt
        for centre in to_px(dots.get_offsets()):
            if min(np.hypot(*(centre - a)), np.hypot(*(centre - b))) <= radius + 1:
                continue  # the +1 it starts from, and neuron j, on whose edge it ends
            t = np.clip(np.dot(centre - a, b - a) / np.dot(b - a, b - a), 0, 1)
            assert np.hypot(*(centre - (a + t * (b - a)))) > radius + 1, (size, centre)


def test_big_layers_are_collapsed_with_their_true_size():
    ax = draw(diagrams.network_diagram, sizes=[100, 5, 40], max_neurons=10, bias=False)
    labels = texts(ax)
    assert labels.count("⋮") == 2
    assert "input layer\n100 inputs" in labels and "output layer\n40 neurons" in labels
    assert edge_count(ax) == 9 * 5 + 5 * 9
    assert {"x₁", "x₁₀₀", "a₁", "a₄₀"} <= set(labels)


def test_weights_are_shown_by_sign():
    initial = examples.initial_weights([3, 4, 2], "tanh", seed=3)
    ax = draw(diagrams.network_diagram, **initial, bias=False)
    (lines,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    positive = sum(int((w > 0).sum()) for w in initial["weights"])
    dashed = [ls[1] is not None for ls in lines.get_linestyles()]
    counts = [int(np.isnan(p.vertices[:, 0]).sum()) + 1 for p in lines.get_paths()]
    assert sum(n for n, d in zip(counts, dashed, strict=True) if not d) == positive
    assert sum(counts) == 3 * 4 + 4 * 2
    assert "hidden layer 1\n4 neurons · tanh" in texts(ax)
    assert ax.get_legend().get_title().get_text() == "initial weights, seed 3"


def test_labels_get_shorter_when_layers_are_close():
    labels = texts(draw(diagrams.network_diagram, sizes=[3] * 6, bias=False))
    assert "hidden 1\n3" in labels and "hidden layer 1\n3 neurons" not in labels
    labels = texts(draw(diagrams.network_diagram, sizes=[3] * 12, bias=False))
    assert labels.count("3") == 12


def test_labels_are_measured_in_the_font_in_force():
    """What was measured for one diagram serves the next, but not once the font has changed."""

    def labels(font: str) -> list[str]:
        with mpl.rc_context({"font.family": "sans-serif", "font.sans-serif": [font]}):
            ax = MplFigure(figsize=(7.0, 4.25)).add_subplot()
            return texts(diagrams.network_diagram(ax, sizes=[3] * 5, bias=False))

    long = "hidden layer 1\n3 neurons"
    assert long in labels("DejaVu Sans")
    assert long not in labels("DejaVu Sans Mono")  # wider letters: the labels take a shorter form
    assert long in labels("DejaVu Sans")


#: Layer sizes at the ends of what `explainer network` accepts: one neuron, a million, the
#: most layers (12), wide and narrow layers side by side.
EXTREMES = [[1, 1], [1_000_000, 3], [3, 1_000_000], [3] * 12, [1_000_000] * 12,
            [1, 1_000_000] * 6, [16, 16], [999_999, 999_999], [64, 16, 16, 10]]  # fmt: skip


def _extreme_cases():
    """Each size drawn plain, with an activation named in its labels, with weights (under a
    legend; as `--seed` does, only where the CLI would initialise them) and with weights and
    activations (`--load --input`: a second legend row)."""
    for sizes in EXTREMES:
        name = ",".join(map(str, sizes))
        yield pytest.param(sizes, "plain", id=f"{name}-plain")
        yield pytest.param(sizes, "activation", id=f"{name}-activation")
        if sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=False)) <= 5_000_000:
            yield pytest.param(sizes, "weights", id=f"{name}-weights")
            yield pytest.param(sizes, "values", id=f"{name}-values")


@pytest.mark.parametrize(("sizes", "shown"), list(_extreme_cases()))
def test_no_mark_hides_another_at_extreme_sizes(sizes, shown):
    """What the CLI draws, at the dpi of its SVG (72) and of its PNG (150): no text leaves the
    figure, no two texts or neurons overlap, and the legend covers no text, neuron or line."""
    rng = np.random.default_rng(0)
    params = {"sizes": sizes}
    if shown == "activation":
        params["activation"] = "sigmoid"
    if shown in ("weights", "values"):
        params["weights"] = [
            rng.normal(size=(a, b)) for a, b in zip(sizes[:-1], sizes[1:], strict=True)
        ]
    if shown == "values":
        params["values"] = [rng.uniform(-1, 1, size=n) for n in sizes]
    ax = draw(diagrams.network_diagram, size=(7.0, 4.25), **params)
    canvas = ax.figure
    for dpi in (72, 150):
        canvas.set_dpi(dpi)
        marks = survey(canvas)
        problems = overlaps(marks) + outside_canvas(canvas, marks) + lines_under_legends(canvas)
        assert not problems, f"at {dpi} dpi:\n" + "\n".join(problems)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_neuron_shows_the_worked_example(theme):
    ax = draw(diagrams.neuron, theme, size=(7.0, 3.6), **examples.neuron(**examples.NEURON))
    labels = "\n".join(texts(ax))
    for needle in (
        "x₁",
        "0.9",
        "w₂ = −0.5",
        "bias b = −0.3",
        "z = 0.56",
        "a ≈ 0.636",
        "σ(0.56) ≈ 0.636",
    ):
        assert needle in labels
    assert "0.8·0.9 + (−0.5)·0.2 + 0.4·0.6 + (−0.3) = 0.56" in labels


def test_neuron_with_other_numbers():
    computed = examples.neuron(x=[1, 2], w=[0.5, -1.0], b=0.25, activation="relu")
    ax = draw(diagrams.neuron, size=(7.0, 3.6), **computed)
    labels = "\n".join(texts(ax))
    assert "z = −1.25" in labels and "a = 0" in labels


@pytest.mark.parametrize(("x", "out"), [((1, 0, 1), 1), ((0, 1, 0), 0), ((0, 0, 1), 0)])
def test_perceptron_output_and_threshold(x, out):
    computed = examples.perceptron(**{**examples.PERCEPTRON, "x": list(x)})
    ax = draw(diagrams.perceptron, size=(7.0, 3.6), **computed)
    labels = "\n".join(texts(ax))
    assert f"output {out}" in labels
    assert "θ = 0.6" in labels and "b = −θ = −0.6" in labels


@pytest.mark.parametrize("narrow", [False, True])
def test_the_perceptrons_sum_is_named_its_weighted_input(narrow):
    """A perceptron's Σ adds the weighted inputs only (the bias is the threshold, in the box):
    the site calls that its weighted input and z, bias included, the weighted sum, so the
    perceptron's Σ is named "weighted input" and the neuron's "weighted sum" (both were
    "weighted sum")."""
    size = (PHONE, 5.5) if narrow else (7.0, 3.6)
    perceptron = examples.perceptron(**examples.PERCEPTRON)
    ax = draw(diagrams.perceptron, size=size, narrow=narrow, **perceptron)
    assert "weighted input" in texts(ax) and "weighted sum" not in texts(ax)
    ax = draw(diagrams.neuron, size=size, narrow=narrow, **examples.neuron(**examples.NEURON))
    assert "weighted sum" in texts(ax)


def test_perceptron_step_is_not_joined_by_a_vertical_line():
    ax = draw(diagrams.perceptron, size=(7.0, 3.6), **examples.perceptron(**examples.PERCEPTRON))
    curves = [line for line in ax.lines if len(line.get_xdata()) > 10]
    assert curves, "the step function's curve is drawn"
    for line in curves:
        y = np.asarray(line.get_ydata(), float)
        span = np.nanmax(y) - np.nanmin(y)
        # a joined jump shows as one segment rising by most of the height
        rises = np.abs(np.diff(y)) > 0.5 * span
        assert not rises[np.isfinite(np.diff(y))].any()
        assert np.isnan(y).sum() == 1  # one gap, at the threshold


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_digit_flow_shows_image_prediction_and_probabilities(theme):
    ex = examples.classify_test_digit(12)
    ax = draw(diagrams.digit_flow, theme, size=(7.0, 4.8), **examples.digit_flow(12))
    labels = texts(ax)
    assert f"true digit: {ex.label}" in labels
    assert f"prediction: {ex.predicted} ({100 * ex.probability:.1f}%)" in labels
    # the bars say the same as the heading: the predicted digit's label is the same percentage
    bar_labels = [t for t in labels if t.endswith("%") and not t.startswith("prediction")]
    assert len(bar_labels) == 10 and f"{100 * ex.probability:.1f}%" in bar_labels
    assert [str(d) for d in range(10)] == [t for t in labels if t.isdigit() and len(t) == 1]
    assert len(ax.images) == 2  # the 8x8 image and the strip of 64 inputs
    assert len([c for c in ax.collections if isinstance(c, LineCollection)]) == 1


@pytest.fixture(scope="module")
def by_name():
    return {f.name: f for f in figures()}


def test_catalogue_declares_the_network_figures(by_name):
    for name in ("ann", "activation_value", "perceptron", "digit_flow"):
        assert by_name[name].group == "networks"
    assert "0.56" in by_name["activation_value"].alt and "0.636" in by_name["activation_value"].alt
    assert "predicts" in by_name["digit_flow"].alt and "%" in by_name["digit_flow"].alt


def test_the_worked_neurons_words_say_its_output_is_rounded(by_name):
    """σ(0.56) = 0.63645...: three digits round it, so the alt text and the caption write
    "a ≈ 0.636", as the figure and the page do (the alt text said "a = 0.636")."""
    a = 1 / (1 + math.exp(-0.56))
    assert abs(a - 0.636) > 1e-4
    fig = by_name["activation_value"]
    for words in (fig.alt, fig.caption):
        assert "≈ 0.636" in words and "= 0.636" not in words, words


def test_the_structure_captions_name_the_bias_lines_style_as_drawn(by_name):
    """The home figure's bias connection is drawn dotted (dashes no longer than the line is
    wide); its caption called it dashed, and the structure page calls it dotted."""
    ax = draw(diagrams.network_diagram, sizes=examples.ANN, highlight=True)
    (bias,) = [t.arrow_patch for t in ax.texts if isinstance(t, Annotation) and t.arrow_patch]
    _, (on, _) = bias.get_linestyle()  # in line widths (matplotlib scales dashes by the width)
    assert on <= 1  # dashes no longer than the line is wide: dots
    caption = by_name["ann"].caption
    assert "dotted connection" in caption and "dashed" not in caption


def test_drawings_take_their_numbers_from_a_data_step_in_examples_only(by_name):
    assert by_name["digit_flow"].data == "explainer.examples:digit_flow"
    # a declaration can come back from a manifest on disk: its data step imports nothing else
    for bad in ("os:system", "explainer.training:train_digits", "explainer.examples"):
        with pytest.raises(ValueError, match="explainer.examples:FUNCTION"):
            Figure(name="ok", draw="explainer.draw.diagrams:neuron", data=bad, alt="x")


def structure_figure() -> Figure:
    return Figure(
        name="structure",
        draw="explainer.draw.diagrams:network_diagram",
        params={"sizes": [64, 16, 16, 10]},
        size=(7.0, 4.25),
        alt="A 64-16-16-10 network.",
    )


def test_structure_svg_is_small_titled_and_reproducible():
    first = render(structure_figure(), "dark")
    assert len(first) <= 60 * 1024
    assert b"<title" in first and b"<desc" in first
    assert render(structure_figure(), "dark") == first
    assert render(structure_figure(), "light") != first
