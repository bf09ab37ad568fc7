"""What a site figure is: ``Figure``, one declaration of the catalogue.

A ``Figure`` names what draws it (a function in ``explainer.draw``, given as a
``"module:function"`` string so that reading a declaration never imports matplotlib), optionally
what computes the numbers it draws (a function in ``explainer.examples``), the parameters,
its size, and the words that stand in for it: the alt text a screen reader speaks and the caption
printed under it on the site. The declarations themselves live in ``explainer.catalog``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from html import escape
from typing import Any

THEMES = ("light", "dark")
#: The screens that get a figure's narrow variant (600 CSS px wide or less); wider ones get the
#: desktop variant.
NARROW_MEDIA = "(max-width: 600px)"

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
#: What draws a figure: a function of a module of ``explainer.draw``, nothing else (the
#: declaration may come back from a manifest on disk; it must not name any module to import).
_DRAW = re.compile(r"^explainer\.draw\.[a-z_][a-z0-9_]*:[a-z_][a-z0-9_]*$")
#: What computes the numbers a figure draws: a function of ``explainer.examples``, likewise.
_DATA = re.compile(r"^explainer\.examples:[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class Figure:
    """One site figure: what draws it, with which arguments, and what it says in words.

    Attributes:
        name: identifier used by pages and in file names (lower case, digits, ``_`` and ``-``).
        draw: ``"module:function"``; the function is called as ``function(ax=ax, **params)``.
        data: ``"explainer.examples:function"`` or ``None``; if given, the drawing function is
            called with what ``function(**params)`` returns instead of ``params``.
        alt: the alt text: what the figure shows, for a reader who cannot see it.
        caption: the caption printed under the figure on the site (Markdown allowed).
        params: keyword arguments for the drawing (or data) function; plain JSON values only.
        size: width and height in inches (the SVG is 72 points per inch).
        group: where the figure belongs ("activations", "networks", ...), for listings.
        narrow: width and height in inches of the variant drawn for phones, or ``None``. A phone
            shows it about 358 CSS px wide, so at 4.4 inches (317 points) a 10-point label is
            drawn 11 px high; the desktop variant, scaled down to the same width, would be 7 px.
            The drawing function draws it from the same numbers, called with ``narrow=True``
            as well: it lays them out for the narrow canvas (stacking what sits side by side).
    """

    name: str
    draw: str
    alt: str
    caption: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    size: tuple[float, float] = (7.0, 4.2)
    group: str = "misc"
    data: str | None = None
    narrow: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"figure name {self.name!r} must match {_NAME.pattern}")
        if not _DRAW.match(self.draw):
            raise ValueError(
                f"figure {self.name!r}: draw must be 'explainer.draw.MODULE:FUNCTION', "
                f"not {self.draw!r}"
            )
        if self.data is not None and not _DATA.match(self.data):
            raise ValueError(
                f"figure {self.name!r}: data must be 'explainer.examples:FUNCTION', "
                f"not {self.data!r}"
            )
        if not self.alt.strip():
            raise ValueError(f"figure {self.name!r} needs alt text")
        if "\n" in self.alt:
            raise ValueError(f"figure {self.name!r}: alt text is one line (it is also the title)")

    def files(self) -> dict[str, str]:
        """The file name of each variant: ``{"light": "relu.light.svg", "dark": ...}``, and for a
        figure with a narrow variant ``"narrow.light": "relu.narrow.light.svg"`` and its dark."""
        keys = [*THEMES, *(f"narrow.{t}" for t in THEMES)] if self.narrow else THEMES
        return {key: f"{self.name}.{key}.svg" for key in keys}

    def variant(self, key: str) -> Figure:
        """The figure that variant ``key`` (a key of ``files()``) draws, at its own size: the
        narrow size for a narrow one (``render`` also tells its drawing function so)."""
        if key not in self.files():
            raise ValueError(f"figure {self.name!r} has no variant {key!r}")
        narrow = key.startswith("narrow.")
        return replace(self, size=self.narrow if narrow and self.narrow else self.size, narrow=None)

    def declaration(self) -> dict[str, Any]:
        """The declaration as plain data (what the staleness hash covers)."""
        narrow = {"narrow": list(self.narrow)} if self.narrow else {}
        return {
            "name": self.name,
            "draw": self.draw,
            "data": self.data,
            "alt": self.alt,
            "caption": self.caption,
            "params": dict(self.params),
            "size": list(self.size),
            "group": self.group,
            **narrow,
        }

    def words(self) -> tuple[str, str]:
        """What the SVG says in words: its ``<title>`` (the alt text) and ``<desc>`` (the caption
        as plain text, or the alt text when there is no caption)."""
        caption = re.sub(r"[*_`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", self.caption))
        return self.alt, caption or self.alt

    @classmethod
    def from_declaration(cls, d: Mapping[str, Any]) -> Figure:
        narrow = {"narrow": tuple(d["narrow"])} if d.get("narrow") else {}
        return cls(**{**d, "size": tuple(d["size"]), **narrow})


_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")
_LABELLED = b' role="img" aria-labelledby="title desc"'
_WORDS = re.compile(rb'\n <title id="title">[^<]*</title>\n <desc id="desc">[^<]*</desc>')


def with_words(svg: bytes, title: str, desc: str) -> bytes:
    """``svg`` with ``title`` and ``desc`` as its first children and ``role="img"``, in place of
    the words it had: a figure whose words change is re-titled, not redrawn."""
    svg = _WORDS.sub(b"", svg, count=1).replace(_LABELLED, b"", 1)
    m = _SVG_OPEN.search(svg)
    if m is None:
        raise ValueError("not an SVG document")
    title, desc = escape(title, quote=False), escape(desc, quote=False)
    words = f'\n <title id="title">{title}</title>\n <desc id="desc">{desc}</desc>'
    return svg[: m.end() - 1] + _LABELLED + b">" + words.encode() + svg[m.end() :]
