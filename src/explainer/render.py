"""Turn one catalogue declaration into the bytes of an SVG file, in one theme.

This is the only place that knows how a figure becomes a file: a matplotlib ``Figure`` (no pyplot,
so no global figure registry), the theme's rc context, a drawing function called with the ``Axes``,
and an SVG made reproducible byte for byte (no date, no creator, fixed ids and hash salt) and
accessible (a ``<title>`` and ``<desc>`` that screen readers announce, ``role="img"``).
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402

from .draw.style import rc  # noqa: E402
from .figure import Figure, with_words  # noqa: E402


def resolve(target: str) -> Callable[..., Any]:
    """The function named by ``"module:function"``."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def draw(fig: Figure, narrow: bool = False) -> MplFigure:
    """Draw ``fig`` onto a new matplotlib figure (call inside ``fixed_rc``); ``narrow``: the
    drawing function lays it out for a phone (it is called with ``narrow=True``)."""
    canvas = MplFigure(figsize=fig.size, layout="constrained")
    ax = canvas.add_subplot()
    params = resolve(fig.data)(**fig.params) if fig.data else fig.params
    resolve(fig.draw)(ax=ax, **params, **({"narrow": True} if narrow else {}))
    return canvas


def svg_bytes(canvas: MplFigure) -> bytes:
    """The SVG of ``canvas`` without anything that changes from run to run."""
    buf = io.BytesIO()
    canvas.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()


@contextmanager
def fixed_rc(theme: str) -> Iterator[None]:
    """matplotlib's own defaults plus the theme, whatever ``matplotlibrc`` the user has
    (``MATPLOTLIBRC``, the home folder's or the current folder's)."""
    with mpl.rc_context():
        mpl.rcdefaults()
        with mpl.rc_context(rc(theme)):
            yield


#: Settings that ``rcdefaults()`` leaves as the user set them and that draw nothing.
_NOT_DRAWN = ("backend", "interactive", "toolbar", "timezone", "date.epoch", "savefig.directory")


def rc_fingerprint(theme: str) -> str:
    """SHA-256 of the settings ``render`` draws under: a figure drawn where they differ
    (a ``matplotlibrc`` that leaks through) differs, and ``explainer figures --check`` says so."""
    with fixed_rc(theme):
        drawn = {
            k: repr(v)
            for k, v in mpl.rcParams.items()
            if not k.startswith(_NOT_DRAWN) and k.partition(".")[0] not in ("webagg", "tk")
        }
    return hashlib.sha256(json.dumps(drawn, sort_keys=True).encode()).hexdigest()


def render(fig: Figure, variant: str) -> bytes:
    """The finished SVG file of ``fig``'s ``variant`` (a key of ``fig.files()``: "light", "dark",
    "narrow.light" or "narrow.dark"), drawn under ``fixed_rc``: the same code gives the same
    bytes on every machine."""
    with fixed_rc(variant.rpartition(".")[2]):
        data = svg_bytes(draw(fig.variant(variant), narrow=variant.startswith("narrow.")))
    return with_words(data, *fig.words())
