"""Turn one catalogue declaration into the bytes of an SVG file, in one theme.

This is the only place that knows how a figure becomes a file: a matplotlib ``Figure`` (no pyplot,
so no global figure registry), the theme's rc context, a drawing function called with the ``Axes``,
and an SVG made reproducible byte for byte (no date, no creator, fixed ids and hash salt) and
accessible (a ``<title>`` and ``<desc>`` that screen readers announce, ``role="img"``).
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402

from .draw.style import rc  # noqa: E402
from .figure import Figure  # noqa: E402


def resolve(target: str) -> Callable[..., Any]:
    """The function named by ``"module:function"``."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def draw(fig: Figure, theme: str) -> MplFigure:
    """Draw ``fig`` onto a new matplotlib figure (call inside the rc context of ``theme``)."""
    canvas = MplFigure(figsize=fig.size, layout="constrained")
    ax = canvas.add_subplot()
    params = resolve(fig.data)(**fig.params) if fig.data else fig.params
    resolve(fig.draw)(ax=ax, **params)
    return canvas


def svg_bytes(canvas: MplFigure) -> bytes:
    """The SVG of ``canvas`` without anything that changes from run to run."""
    buf = io.BytesIO()
    canvas.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()


_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def add_title(svg: bytes, title: str, desc: str = "") -> bytes:
    """Give an SVG a ``<title>`` and ``<desc>`` as its first children, and ``role="img"``."""
    m = _SVG_OPEN.search(svg)
    if m is None:
        raise ValueError("not an SVG document")
    tag = m.group(0)
    labelled = tag[:-1] + b' role="img" aria-labelledby="title desc">'
    parts = [f'\n <title id="title">{escape(title)}</title>']
    parts.append(f'\n <desc id="desc">{escape(desc or title)}</desc>')
    return svg[: m.start()] + labelled + "".join(parts).encode() + svg[m.end() :]


def render(fig: Figure, theme: str) -> bytes:
    """The finished SVG file of ``fig`` in ``theme`` ("light" or "dark").

    Drawn under matplotlib's own defaults plus the theme, whatever ``matplotlibrc`` the user has
    (``MATPLOTLIBRC``, the home folder's or the current folder's): the same code gives the same
    bytes on every machine.
    """
    with mpl.rc_context():
        mpl.rcdefaults()
        with mpl.rc_context(rc(theme)):
            canvas = draw(fig, theme)
            data = svg_bytes(canvas)
    return add_title(data, fig.alt, _plain(fig.caption) if fig.caption else fig.alt)


def _plain(markdown: str) -> str:
    """Caption Markdown as plain text for ``<desc>``: drop emphasis, code ticks and link targets."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[*_`]", "", text)
