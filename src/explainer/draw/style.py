"""Light and dark themes as matplotlib rc contexts, with a colour-blind-safe palette.

The palette is Okabe & Ito's (2008), chosen so that readers with the common forms of colour
blindness can still tell the lines apart. Colour is never the only cue: the property cycle pairs
every colour with its own line style, so a figure also reads in greyscale.

The dark theme's background is the one Material for MkDocs uses for its ``slate`` scheme, so a
dark figure sits on the page without a visible box.

Drawing code reads the colours of the active theme with ``colors``; it never imports a theme
directly. That keeps the drawing functions free of global state::

    with matplotlib.rc_context(rc("dark")):
        fig, ax = plt.subplots()
        sigmoid_curve(ax=ax)   # picks up the dark colours
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.legend import Legend

#: Okabe-Ito colours, named.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Line styles that go with the colours of the cycle, in the same order (the second cue).
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3))]

#: Font size of labels written on a figure, in points: that of tick labels and legends.
LABEL = 11
#: One typographic point, in inches.
PT = 1 / 72


@dataclass(frozen=True)
class Theme:
    """The colours of a theme: background, text, de-emphasised text, grid and the line palette."""

    background: str
    foreground: str
    muted: str
    grid: str
    palette: tuple[str, ...]
    name: str = "active"

    @property
    def positive(self) -> str:
        """Colour for positive values (weights, contributions)."""
        return self.palette[0]

    @property
    def negative(self) -> str:
        """Colour for negative values; differs from ``positive`` in hue and in lightness."""
        return self.palette[1]


def _okabe_ito(*names: str) -> tuple[str, ...]:
    return tuple(OKABE_ITO[n] for n in names)


LIGHT = Theme(
    name="light",
    background="#ffffff",
    foreground="#1f2328",
    muted="#57606a",
    grid="#d8dee4",
    palette=_okabe_ito("blue", "vermillion", "bluish_green", "reddish_purple", "orange", "black"),
)

DARK = Theme(
    name="dark",
    background="#1e2129",  # Material for MkDocs "slate": hsl(225deg 15% 14%)
    foreground="#e3e6ec",
    muted="#a9afbb",
    grid="#3a3f4b",
    palette=(
        *_okabe_ito("sky_blue", "orange", "bluish_green", "reddish_purple", "yellow"),
        "#ffffff",
    ),
)

THEMES = {t.name: t for t in (LIGHT, DARK)}


def rc(theme: str) -> dict[str, Any]:
    """The rc parameters of ``theme`` ("light" or "dark"), for ``matplotlib.rc_context``.

    Besides colours this fixes what makes output reproducible byte for byte: a constant SVG hash
    salt and id, and text drawn as paths (so the picture does not depend on the reader's fonts).
    """
    from cycler import cycler  # matplotlib's own dependency; imported here to keep this light

    t = THEMES[theme]
    background = ("figure.facecolor", "axes.facecolor", "savefig.facecolor", "savefig.edgecolor")
    foreground = ("text.color", "axes.labelcolor", "axes.titlecolor", "legend.labelcolor")
    cycle = cycler(color=list(t.palette)) + cycler(linestyle=LINESTYLES[: len(t.palette)])
    return {
        **dict.fromkeys(background, t.background),
        **dict.fromkeys(foreground, t.foreground),
        **dict.fromkeys(("xtick.labelcolor", "ytick.labelcolor"), t.foreground),
        **dict.fromkeys(("axes.edgecolor", "xtick.color", "ytick.color"), t.muted),
        "grid.color": t.grid,
        "legend.frameon": False,
        "axes.grid": True,
        "grid.linewidth": 0.7,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycle,
        "lines.linewidth": 2.2,
        "patch.edgecolor": t.foreground,
        "font.family": "DejaVu Sans",
        "font.size": 12,
        "axes.titlesize": 13,
        "axes.labelsize": 12,
        **dict.fromkeys(("xtick.labelsize", "ytick.labelsize", "legend.fontsize"), LABEL),
        "mathtext.fontset": "dejavusans",
        "svg.fonttype": "path",
        "svg.hashsalt": "explainer",
        "svg.id": "explainer-figure",
        "path.simplify": True,
        "figure.dpi": 100,
    }


def recolor(svg: str, src: str = "light", dst: str = "dark") -> str:
    """``svg``, drawn in the theme ``src``, in the colours of the theme ``dst``.

    Each colour of ``src`` becomes the colour of the same role in ``dst``: background,
    text, muted text, grid, and each line of the cycle (blue becomes sky blue, black becomes
    white). Any other colour, and a bitmap inside the SVG, stays as it is. It gives a plot drawn
    once, in the light theme (a notebook's), its twin for the dark palette.
    """
    import re

    a, b = THEMES[src], THEMES[dst]
    roles = zip(
        (a.background, a.foreground, a.muted, a.grid, *a.palette),
        (b.background, b.foreground, b.muted, b.grid, *b.palette),
        strict=True,
    )
    swap = {x.lower(): y.lower() for x, y in roles}
    pattern = re.compile("(" + "|".join(swap) + ")(?![0-9a-f])", re.IGNORECASE)
    return pattern.sub(lambda m: swap[m.group(1).lower()], svg)


def colors() -> Theme:
    """The colours of the active matplotlib rc parameters."""
    import matplotlib as mpl

    p = mpl.rcParams
    return Theme(
        background=p["axes.facecolor"],
        foreground=p["text.color"],
        muted=p["axes.edgecolor"],
        grid=p["grid.color"],
        palette=tuple(p["axes.prop_cycle"].by_key()["color"]),
    )


def mix(color: str, background: str, amount: float) -> tuple[float, float, float]:
    """``color`` laid over ``background`` with opacity ``amount`` (0 to 1), as an RGB triple."""
    import numpy as np
    from matplotlib.colors import to_rgb

    c, b = np.array(to_rgb(color)), np.array(to_rgb(background))
    return tuple(b + (c - b) * float(np.clip(amount, 0, 1)))


def contrast(color, background) -> float:
    """The contrast ratio of two colours as WCAG defines it, from 1 (none) to 21."""
    from matplotlib.colors import to_rgb

    def luminance(c) -> float:
        r, g, b = (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in to_rgb(c))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(color), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


#: The least contrast a text needs with what is behind it (WCAG 1.4.3, text under 18 points).
TEXT_CONTRAST = 4.5


def legible(color: str, c: Theme) -> str:
    """``color`` for a text on the background of ``c``: itself where it contrasts enough with
    it, else deepened towards the text colour until it does (a line's colour, the palette's
    pink on white at 3.1:1, can be too pale for the words that name it)."""
    from matplotlib.colors import to_hex

    if contrast(color, c.background) >= TEXT_CONTRAST:
        return color
    for step in range(1, 21):
        shade = to_hex(mix(c.foreground, color, step / 20))
        if contrast(shade, c.background) >= TEXT_CONTRAST:
            return shade
    return c.foreground


# --------------------------------------------------------------------------- narrow figures

#: The most intervals the ticks of an axis divide it into on a narrow figure (for phones).
NARROW_BINS = 5


def narrow_ticks(axis: Axis, integer: bool = False, bins: int = NARROW_BINS) -> None:
    """Round ticks on ``axis``, few enough for a narrow figure: at most ``bins`` steps (whole
    numbers only with ``integer``), so that labels like "−4" never run into each other."""
    from matplotlib.ticker import MaxNLocator

    locator = MaxNLocator(nbins=bins, steps=[1, 2, 5, 10], integer=integer)
    axis.set_major_locator(locator)


def legend_below(ax: Axes, *args: Any, below: float = 42.0, **kw: Any) -> Legend:
    """``ax.legend(*args, **kw)`` centred under ``ax``, its top ``below`` points under the
    bottom edge of the axes: clear of the tick labels and the axis label (the default), or
    of the tick labels only (about 22). Where a narrow figure has no room beside the graph."""
    from matplotlib.transforms import offset_copy

    under = offset_copy(ax.transAxes, ax.figure, y=-below, units="points")
    return ax.legend(*args, loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=under,
                     borderaxespad=0.0, **kw)  # fmt: skip


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters, at spaces only."""
    import textwrap

    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)
