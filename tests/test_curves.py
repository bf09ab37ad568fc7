"""The activation figures: in the catalogue, valid and accessible SVG, and drawn honestly.

"Honestly" is checked on the matplotlib objects themselves, for every activation: no vertical
segment joins a jump, a bound that is only approached is never touched by the curve, nothing is
clipped by the axes, no label sits on a curve, and no text is smaller than 11 pt.
"""

from __future__ import annotations

import functools
import math
import xml.etree.ElementTree as ET

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure
from matplotlib.text import Text

from explainer import activations, render
from explainer.catalog import figures
from explainer.draw import curves
from explainer.draw.style import DARK, LIGHT, rc
from explainer.presentation import WORDS

SVG = "{http://www.w3.org/2000/svg}"


@functools.cache
def catalogue() -> dict:
    """The catalogue by figure name, expanded once, on first use (not when the tests load)."""
    return {f.name: f for f in figures()}


def draw(name: str, theme: str = "light", **params) -> tuple[MplFigure, object]:
    """Draw the catalogue figure ``name`` (or an activation curve with ``params``)."""
    with mpl.rc_context(rc(theme)):
        if params:
            canvas = MplFigure(figsize=(7.0, 4.2), layout="constrained")
            ax = curves.activation_curve(canvas.add_subplot(), name, **params)
        else:
            canvas = render.draw(catalogue()[name])
            ax = canvas.axes[0]
        FigureCanvasAgg(canvas).draw()  # lays out and renders: text extents are final
    return canvas, ax


def data_lines(ax):
    """The lines drawn in data coordinates (curves and dots, not axhline asymptotes)."""
    return [line for line in ax.lines if line.get_transform() is ax.transData]


def panels(canvas):
    """Every Axes of a drawn figure: the function, the slope below it, and insets."""
    return [a for top in canvas.axes for a in (top, *top.child_axes)]


# --------------------------------------------------------------------------- catalogue


def test_every_activation_has_its_figure_named_after_it():
    for name in activations.names():
        fig = catalogue()[name]
        assert fig.draw == "explainer.draw.curves:activation_curve"
        assert fig.params["name"] == name
        assert fig.group == "activations"
        assert str(activations.get(name).range) in fig.alt
        assert activations.get(name).label in fig.alt
        assert str(activations.get(name).range) in fig.caption.replace("\u00a0", " ")
    assert {"activation_function", "comparison"} <= set(catalogue())


def test_alt_text_says_the_key_values_in_words():
    relu = catalogue()["relu"].alt
    assert "Range [0, ∞)" in relu and "f′(0) = 0 by convention" in relu
    sigmoid = catalogue()["sigmoid"].alt
    assert "approaches 1 as z goes to +∞ but never reaches it" in sigmoid
    # the minimum as the range prints it (rounded down, like its end), its place to 4 digits
    assert "Its minimum is ≈−0.16998 at z ≈ −0.7518" in catalogue()["gelu"].alt
    assert "0.01" in catalogue()["leaky_relu"].alt
    overview = catalogue()["activation_function"].alt
    assert "z = w·x + b" in overview and "ReLU, range [0, ∞)" in overview


@pytest.mark.parametrize(
    "name", ["relu", "step", "leaky_relu", "gelu", "activation_function", "comparison"]
)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_rendered_svg_parses_and_is_labelled(name, theme):
    data = render.render(catalogue()[name], theme)
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == catalogue()[name].alt
    assert desc is not None and desc.text


def test_rendering_gives_the_committed_bytes():
    """Same code, same bytes: this process draws exactly the file `make figures` committed."""
    from pathlib import Path

    from explainer import build

    fig = catalogue()["hardshrink"]
    folder = Path(__file__).resolve().parents[1] / "figures"
    recorded = build.load_manifest(folder)["files"]["hardshrink.dark.svg"]["inputs"]
    if recorded != build.input_key(fig, "dark"):  # other library versions (unpinned CI)
        pytest.skip("the committed figures were drawn with other code or library versions")
    assert render.render(fig, "dark") == (folder / "hardshrink.dark.svg").read_bytes()


def test_the_theme_palette_is_used():
    for theme, palette in (("light", LIGHT.palette), ("dark", DARK.palette)):
        canvas, ax = draw("relu", theme)
        f, slope = canvas.axes
        assert {mpl.colors.to_hex(line.get_color()) for line in data_lines(f)} == {
            palette[0].lower()
        }
        assert {mpl.colors.to_hex(line.get_color()) for line in data_lines(slope)} == {
            palette[1].lower()
        }


def test_the_slope_has_a_panel_of_its_own_on_the_same_axis():
    """f above, f' below: ReLU's f(0) and f'(0), both 0, are no longer drawn on one spot."""
    canvas, ax = draw("relu")
    f, slope = canvas.axes
    assert f is ax and slope.get_shared_x_axes().joined(f, slope)
    assert f.get_ylabel() == "f(z)" and slope.get_ylabel() == "f′(z)"
    assert slope.get_xlabel() == "z, the weighted sum" and f.get_xlabel() == ""


# --------------------------------------------------------------------------- honesty


@pytest.fixture(scope="module")
def every_curve():
    return {name: draw(name) for name in activations.names()}


def test_no_vertical_segment_joins_a_jump(every_curve):
    for name, (canvas, _) in every_curve.items():
        for a in panels(canvas):
            for line in data_lines(a):
                x, y = (np.asarray(v, dtype=float) for v in line.get_data())
                if len(x) < 2:
                    continue
                vertical = (np.abs(np.diff(x)) < 1e-12) & (np.abs(np.diff(y)) > 1e-9)
                assert not vertical.any(), f"{name}: a vertical segment in {line}"


def test_jumps_have_a_filled_and_an_open_dot():
    _, ax = draw("step")
    background = mpl.colors.to_hex(LIGHT.background)
    dots = [line for line in data_lines(ax) if line.get_marker() == "o"]
    at = {
        (float(d.get_xdata()[0]), float(d.get_ydata()[0])): mpl.colors.to_hex(d.get_mfc())
        for d in dots
    }
    assert at[(0.0, 0.0)] == background  # open: step(0-) = 0 is a limit, not a value
    assert at[(0.0, 1.0)] != background  # filled: step(0) = 1


def test_nothing_is_clipped(every_curve):
    for name, (canvas, _) in every_curve.items():
        for ax in canvas.axes:
            (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
            for line in data_lines(ax):
                x, y = (np.asarray(v, dtype=float) for v in line.get_data())
                assert x.min() >= x0 - 1e-9 and x.max() <= x1 + 1e-9, name
                assert y.min() >= y0 and y.max() <= y1, f"{name}: curve outside the y limits"


def test_bounds_only_approached_are_never_touched(every_curve):
    for name, (_, ax) in every_curve.items():
        act = activations.get(name)
        for value, _ in act.asymptotes:
            dashed = [
                line
                for line in ax.lines
                if line.get_transform() is not ax.transData and np.allclose(line.get_ydata(), value)
            ]
            assert dashed and dashed[0].get_linestyle() == "--", name  # dotted, (1, 2)
            assert dashed[0].get_gid() == "asymptote", name
            f_line = data_lines(ax)[0]
            assert not np.any(np.asarray(f_line.get_ydata()) == value), name
        labels = [t.get_text() for t in ax.texts]
        assert sum("never reached" in t for t in labels) == len(act.asymptotes), name


def test_labels_sit_inside_the_axes_and_off_the_curves(every_curve):
    for name, (canvas, ax) in every_curve.items():
        renderer = canvas.canvas.get_renderer()
        box = ax.get_window_extent(renderer)
        points = np.concatenate(
            [ax.transData.transform(np.column_stack(line.get_data())) for line in data_lines(ax)]
        )
        for text in ax.texts:
            bb = text.get_window_extent(renderer)
            assert box.x0 <= bb.x0 and bb.x1 <= box.x1 and box.y0 <= bb.y0 and bb.y1 <= box.y1
            inside = (
                (points[:, 0] > bb.x0 + 1)
                & (points[:, 0] < bb.x1 - 1)
                & (points[:, 1] > bb.y0 + 1)
                & (points[:, 1] < bb.y1 - 1)
            )
            assert not inside.any(), f"{name}: label {text.get_text()!r} covers a curve"


def test_legend_does_not_cover_the_axes(every_curve):
    for name, (canvas, _) in every_curve.items():
        renderer = canvas.canvas.get_renderer()
        for ax in canvas.axes:
            legend = ax.get_legend().get_window_extent(renderer)
            assert legend.x0 >= ax.get_window_extent(renderer).x1, name
            assert legend.x1 <= canvas.bbox.x1 + 0.5, f"{name}: legend cut off at the right"


def test_text_is_at_least_11_points(every_curve):
    for name in ("leaky_relu", "gelu", "step", "activation_function", "comparison"):
        canvas = every_curve[name][0] if name in every_curve else draw(name)[0]
        for text in canvas.findobj(Text):
            if text.get_visible() and text.get_text().strip():
                assert text.get_fontsize() >= 11, f"{name}: {text.get_text()!r} too small"


def test_leaky_relu_slope_is_visible_in_an_inset():
    _, ax = draw("leaky_relu")
    (inset,) = ax.child_axes
    y0, y1 = inset.get_ylim()
    assert y1 - y0 < 0.2 and y0 < -0.05  # the 0.01 slope spans a visible part of the inset
    assert any("slope 0.01" in t.get_text() for t in inset.texts)
    f = data_lines(inset)[0]
    assert np.asarray(f.get_ydata()).min() == pytest.approx(-0.05)


def test_minimum_and_key_values_are_labelled():
    canvas, ax = draw("gelu")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    slope_labels = [t.get_text() for t in canvas.axes[1].get_legend().get_texts()]
    assert "f(0) = 0" in labels and "f′(0) = 0.5" in slope_labels
    assert "minimum ≈−0.16998\nat z ≈ −0.75179" in labels  # as the range prints it
    assert ax.get_title(loc="left") == "Range: [≈−0.16998, ∞)"  # rounded outwards
    canvas, relu = draw("relu")
    assert relu.get_title(loc="left") == "Range: [0, ∞)"
    slope_legend = canvas.axes[1].get_legend()
    assert "f′(0) = 0\n(by convention)" in [t.get_text() for t in slope_legend.get_texts()]


def test_custom_range_and_no_derivative():
    _, ax = draw("relu", x_range=(-1.0, 10.0), derivative=False, title=True)
    assert ax.get_xlim() == (-1.0, 10.0)
    assert len({mpl.colors.to_hex(line.get_color()) for line in data_lines(ax)}) == 1
    assert ax.get_title(loc="left") == "ReLU, range [0, ∞)"
    with pytest.raises(ValueError):
        draw("relu", x_range=(1.0, 1.0))
    with pytest.raises(ValueError):
        draw("relu", x_range=(0.0, math.nan))


def test_overview_has_a_diagram_and_three_panels():
    canvas, ax = draw("activation_function")
    assert len(canvas.axes) == 4
    assert not ax.axison  # the diagram
    titles = [a.get_title() for a in canvas.axes[1:]]
    assert titles == ["Sigmoid\nrange (0, 1)", "tanh\nrange (−1, 1)", "ReLU\nrange [0, ∞)"]
    texts = " ".join(t.get_text() for t in ax.texts)
    assert r"\mathbf{w}\cdot\mathbf{x} + b" in texts and "Σ" in texts


def test_a_curve_without_its_derivative_draws_into_the_given_axes():
    with mpl.rc_context(rc("light")):
        canvas = MplFigure(figsize=(7.0, 4.2), layout="constrained")
        ax = canvas.add_subplot()
        assert curves.activation_curve(ax, "tanh", derivative=False) is ax
    assert canvas.axes == [ax]
    assert len(data_lines(ax)) == 2  # the curve and f(0)'s marker


def test_every_place_of_an_extremum_is_marked():
    """Sinc is even: its minimum is taken at ±4.4934; the sinusoid repeats every 2π."""
    canvas, ax = draw("sinc")
    (minimum,) = [line for line in data_lines(ax) if line.get_marker() == "v"]
    x = minimum.get_xdata()
    assert len(x) == 2 and x[0] == pytest.approx(-x[1]) and abs(x[1]) == pytest.approx(4.4934, 1e-4)
    _, ax = draw("sinusoid")
    (maximum,) = [line for line in data_lines(ax) if line.get_marker() == "^"]
    assert list(maximum.get_xdata()) == pytest.approx([-1.5 * math.pi, 0.5 * math.pi])


def test_a_slope_too_small_to_see_is_written_out():
    canvas, _ = draw("leaky_relu")
    slope = canvas.axes[1]
    assert any("f′(z) = 0.01 for z < 0" in t.get_text() for t in slope.texts)
    canvas, _ = draw("relu")  # a slope that is really 0 gets no such note
    assert not canvas.axes[1].texts


# --------------------------------------------------------------------------- custom ranges


def dots_at(ax) -> dict:
    """The jump dots of ``ax``: ``{(x, y): "filled" or "open"}``."""
    background = mpl.colors.to_hex(LIGHT.background)
    return {
        (round(float(d.get_xdata()[0]), 6), round(float(d.get_ydata()[0]), 6)): (
            "open" if mpl.colors.to_hex(d.get_mfc()) == background else "filled"
        )
        for d in data_lines(ax)
        if d.get_marker() == "o" and len(d.get_xdata()) == 1
    }


def no_vertical_segment(canvas) -> None:
    for a in panels(canvas):
        for line in data_lines(a):
            x, y = (np.asarray(v, dtype=float) for v in line.get_data())
            if len(x) < 2:
                continue
            dx, dy = np.abs(np.diff(x)), np.abs(np.diff(y))
            steep = dy > 50 * dx * (np.ptp(y) or 1.0) / np.ptp(x)  # far steeper than the curve
            assert not (steep & (dy > 1e-6)).any(), f"a vertical segment in {line}"


@pytest.mark.parametrize(
    ("name", "x_range", "derivative"),
    [("step", (-1.0, 0.0), False), ("hardshrink", (0.5, 2.0), True), ("relu", (0.0, 5.0), True)],
)
def test_a_jump_at_an_end_of_the_range_is_a_jump(name, x_range, derivative):
    canvas, ax = draw(name, x_range=x_range, derivative=derivative)
    no_vertical_segment(canvas)
    for a in canvas.axes:  # every mark is drawn whole, inside the axes
        (x0, x1), (y0, y1) = a.get_xlim(), a.get_ylim()
        for line in data_lines(a):
            x, y = (np.asarray(v, dtype=float) for v in line.get_data())
            assert y.min() >= y0 and y.max() <= y1, f"{name}: {line} outside the y limits"
            if line.get_marker() not in ("None", None, ""):
                assert x.min() > x0 and x.max() < x1, f"{name}: a mark cut by the edge"
    if name == "step":
        assert dots_at(ax) == {(0.0, 0.0): "open", (0.0, 1.0): "filled"}
    if name == "hardshrink":
        assert dots_at(ax) == {(0.5, 0.5): "open", (0.5, 0.0): "filled"}
        assert dots_at(canvas.axes[1]) == {(0.5, 1.0): "open", (0.5, 0.0): "filled"}
    if name == "relu":
        assert dots_at(canvas.axes[1]) == {(0.0, 1.0): "open", (0.0, 0.0): "filled"}


@pytest.mark.parametrize(
    ("x_range", "derivative"), [((1.0, 2.0), False), ((-1000, -500), True), ((-5.0, 0.0), False)]
)
def test_the_inset_is_drawn_only_where_its_stretch_is_drawn(x_range, derivative):
    """The figure's words (``explainer.presentation``) give the inset, and the note saying it is
    there, only where the stretch it magnifies is drawn and the slope is too small to see."""
    words = WORDS["leaky_relu"]
    params = words.figure_params("leaky_relu", x_range)
    _, ax = draw(**params, derivative=derivative)
    assert ax.child_axes == [] and not ax.patches
    assert ax.get_title(loc="left").endswith("\nslope 0.01 for z < 0")
    params = words.figure_params("leaky_relu", (-10.0, 5.0))
    _, ax = draw(**params, derivative=derivative)
    assert len(ax.child_axes) == 1
    assert ax.get_title(loc="left").endswith("\nslope 0.01 for z < 0 (magnified in the inset)")


def test_many_places_of_an_extremum_are_counted_not_listed():
    canvas, ax = draw("sinusoid", x_range=(-1000.0, 1000.0), derivative=False)
    marks = [line for line in data_lines(ax) if line.get_marker() in ("v", "^")]
    assert all(len(line.get_xdata()) <= curves.MARKED_PLACES for line in marks)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    maximum = next(t for t in labels if t.startswith("maximum"))
    assert maximum == "maximum 1\nat z ≈ −4.7124, 1.5708\nand 316 more\n(not marked)"
    assert len(maximum) < 80
    renderer = canvas.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.x1 <= canvas.bbox.x1 + 0.5  # not cut off at the right
    assert ax.get_window_extent(renderer).width > canvas.bbox.width / 2  # not squeezed


@pytest.mark.parametrize(
    ("name", "width"), [("sinusoid", 1000.0), ("sinusoid", 1e6), ("sinc", 300.0)]
)
def test_a_curve_faster_than_its_samples_is_drawn_as_what_it_spans(name, width):
    """Every value the function takes lies within what is drawn over its gap between samples.

    801 samples of the sinusoid over ±1000 (2.5 a period) traced a slow wave that is not there;
    its outline (each gap's lowest and highest value) holds every value it takes."""
    act = activations.get(name)
    lo, hi = -width, width
    grid = np.linspace(lo, hi, curves.SAMPLES)
    (x, y), *rest = curves.curve_pieces(act, lo, hi, act.breaks)
    assert not rest
    z = np.random.default_rng(0).uniform(lo, hi, 100_000)
    gap = np.clip(np.searchsorted(grid, z) - 1, 0, len(grid) - 2)
    # what is drawn over each gap: the points with their z in it (its ends, or its outline)
    where = np.clip(np.searchsorted(grid, x, side="right") - 1, 0, len(grid) - 2)
    low = np.full(len(grid) - 1, np.inf)
    high = np.full(len(grid) - 1, -np.inf)
    np.minimum.at(low, where, y)
    np.maximum.at(high, where, y)
    ends = x == grid[where]  # a sample at a gap's start also ends the gap before
    np.minimum.at(low, np.maximum(where[ends] - 1, 0), y[ends])
    np.maximum.at(high, np.maximum(where[ends] - 1, 0), y[ends])
    value = act(z)
    slack = 0.02 * float(np.ptp(y))  # as near as a curve drawn from its samples is held
    assert np.all(value >= low[gap] - slack) and np.all(value <= high[gap] + slack)


def test_a_curve_its_samples_follow_is_drawn_as_sampled():
    for name in activations.names():
        act = activations.get(name)
        if act.elementwise:
            for x, _ in curves.curve_pieces(act, -5.0, 5.0, act.breaks):
                assert np.all(np.diff(x) > 0), name
