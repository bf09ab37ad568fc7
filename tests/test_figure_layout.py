"""What every figure of the site looks like once drawn: marks that a reader can tell apart.

Each figure of the catalogue is drawn in both themes, as ``explainer figures`` draws it, in its
desktop variant and in its narrow one (for phones), and its marks are read from the renderer
(``tests/layout.py``): no two markers, labels or legend entries overlap, none is cut off by the
edge of the figure, no shape by the edge of its Axes, no arrowhead is hidden, every text
contrasts enough with its background, every legend entry shows its symbol, and no curve runs
along an asymptote line looking like it.
"""

from __future__ import annotations

import matplotlib as mpl
import pytest

from explainer import render
from explainer.catalog import figures
from explainer.draw.style import THEMES, rc
from layout import (
    curves_along_asymptotes,
    cut_off_by_axes,
    hidden_arrowheads,
    legend_entries_without_symbol,
    outside_canvas,
    overlaps,
    pale_texts,
    smallest_font,
    survey,
)

CATALOG = {f.name: f for f in figures()}
#: Each figure's desktop variant, and its narrow one when it has one ("relu", "relu.narrow").
VARIANTS = sorted([*CATALOG, *(f"{name}.narrow" for name, f in CATALOG.items() if f.narrow)])
#: The width at which a phone of 390 CSS px shows a figure: Material's content column.
PHONE_PX = 358
#: The smallest text a reader should have to read, in CSS px.
READABLE_PX = 10


@pytest.fixture(scope="module", params=VARIANTS)
def drawn(request):
    """Each variant drawn in each theme, and the marks of each drawing (one module-scoped
    drawing and survey per variant and theme)."""
    name, _, narrow = request.param.partition(".")
    canvases, marks = {}, {}
    for theme in ("light", "dark"):
        with mpl.rc_context(rc(theme)):
            key = f"narrow.{theme}" if narrow else theme
            canvases[theme] = render.draw(CATALOG[name].variant(key), narrow=bool(narrow))
            marks[theme] = survey(canvases[theme])
    return request.param, canvases, marks


def test_no_two_marks_overlap(drawn):
    name, _, marks = drawn
    for theme, found in marks.items():
        problems = overlaps(found)
        assert not problems, f"{name} ({theme}):\n" + "\n".join(problems)


def test_nothing_is_cut_off_by_the_edge(drawn):
    name, canvases, marks = drawn
    for theme, canvas in canvases.items():
        problems = outside_canvas(canvas, marks[theme])
        assert not problems, f"{name} ({theme}):\n" + "\n".join(problems)


def test_no_shape_is_cut_off_by_its_axes(drawn):
    """A circle or box that pokes out of its Axes is drawn sliced flat (the wide neuron diagram's
    x₃ circle was, below the diagram's Axes)."""
    name, canvases, _ = drawn
    for theme, canvas in canvases.items():
        problems = cut_off_by_axes(canvas)
        assert not problems, f"{name} ({theme}): " + "; ".join(problems)


def test_every_arrow_shows_which_way_it_goes(drawn):
    """An arrow's head is not under a box or a label (on a phone the computation graph's
    arrows into the hidden layer had none to see: under their weights' names, or under the
    rim that a box draws around its size)."""
    name, canvases, _ = drawn
    for theme, canvas in canvases.items():
        problems = hidden_arrowheads(canvas)
        assert not problems, f"{name} ({theme}): " + "; ".join(problems)


def test_every_text_contrasts_enough_with_its_background(drawn):
    """Words drawn in a line's colour stay readable: 4.5:1 at least (the home figure's pink
    aᵢ, wᵢⱼ, aⱼ, bⱼ were 3.1:1 on white, the worked neuron's orange w₂ 3.9:1)."""
    name, canvases, _ = drawn
    for theme, canvas in canvases.items():
        problems = pale_texts(canvas, THEMES[theme].background)
        assert not problems, f"{name} ({theme}): " + "; ".join(problems)


def test_every_figure_is_readable_on_a_phone(drawn):
    """A phone shows a figure's narrow variant 358 CSS px wide: its smallest text must be 10 px
    or more there (the browser test measures the same on the built pages). A desktop variant
    is never shown on a phone, so it needs a narrow one."""
    name, canvases, _ = drawn
    if not name.endswith(".narrow"):
        assert CATALOG[name].narrow, f"{name} has no narrow variant for phones"
        return
    canvas = canvases["light"]
    width_pt = canvas.get_figwidth() * 72
    drawn_px = smallest_font(canvas) * PHONE_PX / width_pt
    assert drawn_px >= READABLE_PX, f"{name}: smallest text {drawn_px:.1f} px on a phone"


def test_every_legend_entry_shows_its_symbol(drawn):
    name, canvases, _ = drawn
    problems = legend_entries_without_symbol(canvases["light"])
    assert not problems, f"{name}: " + "; ".join(problems)


def test_no_curve_runs_along_an_asymptote_looking_like_it(drawn):
    name, canvases, _ = drawn
    for theme, canvas in canvases.items():
        problems = curves_along_asymptotes(canvas)
        assert not problems, f"{name} ({theme}): " + "; ".join(problems)
