"""What every figure of the site looks like once drawn: marks that a reader can tell apart.

Each figure of the catalogue is drawn in both themes, as ``explainer figures`` draws it, and its
marks are read from the renderer (``tests/layout.py``): no two markers, labels or legend entries
overlap, every legend entry shows its symbol, and no curve runs along an asymptote line looking
like it.
"""

from __future__ import annotations

import matplotlib as mpl
import pytest

from explainer import render
from explainer.catalog import figures
from explainer.draw.style import rc
from layout import curves_along_asymptotes, legend_entries_without_symbol, overlaps, survey

CATALOG = {f.name: f for f in figures()}


@pytest.fixture(scope="module", params=sorted(CATALOG))
def drawn(request):
    """Each figure drawn in each theme (one module-scoped drawing per figure and theme)."""
    out = {}
    for theme in ("light", "dark"):
        with mpl.rc_context(rc(theme)):
            out[theme] = render.draw(CATALOG[request.param])
    return request.param, out


def test_no_two_marks_overlap(drawn):
    name, canvases = drawn
    for theme, canvas in canvases.items():
        problems = overlaps(survey(canvas))
        assert not problems, f"{name} ({theme}):\n" + "\n".join(problems)


def test_every_legend_entry_shows_its_symbol(drawn):
    name, canvases = drawn
    problems = legend_entries_without_symbol(canvases["light"])
    assert not problems, f"{name}: " + "; ".join(problems)


def test_no_curve_runs_along_an_asymptote_looking_like_it(drawn):
    name, canvases = drawn
    for theme, canvas in canvases.items():
        problems = curves_along_asymptotes(canvas)
        assert not problems, f"{name} ({theme}): " + "; ".join(problems)
