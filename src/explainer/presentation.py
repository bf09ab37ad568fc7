"""How each activation is presented: the words about it and the frame of its figure.

The registry (``explainer.activations``) holds the mathematics only. What the site says about
a function and how its figure frames the curve live here, read by the catalogue (the figure's
parameters and alt text), the reference page (the description) and ``explainer curve``. Editing a
description therefore changes no module that drawing code imports: the figure's words change,
not its drawing.

Adding an activation is one entry in the registry and one entry in ``WORDS`` (README.md,
"Adding an activation function").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .activations import Activation, Extremum, get
from .draw import SAMPLES
from .formatting import number


class MissingWords(LookupError):
    """An activation of the registry that ``WORDS`` says nothing about."""


@dataclass(frozen=True)
class Words:
    """What the site says about one activation, and how its figure frames it.

    Attributes:
        description: one line saying what it is and why it is used (the reference page).
        shape: the curve in words, for alt text ("rises from 0 towards 1 in an S").
        x_range: the stretch of ``z`` its figure shows.
        notes: short extra facts printed on its figure (and said in its alt text).
        zoom: ``(z0, z1, y0, y1)`` of an inset that magnifies a detail (Leaky ReLU's slope).
        zoom_note: that detail as a note, said like ``notes`` after them; where the inset is
            drawn, the note says so ("(magnified in the inset)").
        minimum_also, maximum_also: where else the extremum is taken, in words (``{-x}`` is
            replaced by minus its position).
    """

    description: str
    shape: str
    x_range: tuple[float, float] = (-5.0, 5.0)
    notes: tuple[str, ...] = ()
    zoom: tuple[float, float, float, float] | None = None
    zoom_note: str = ""
    minimum_also: str = ""
    maximum_also: str = ""

    def also(self, ext: Extremum, digits: int = 4) -> str:
        """Where else ``ext`` is taken, in words, positions to ``digits`` significant digits."""
        text = self.minimum_also if ext.kind == "minimum" else self.maximum_also
        return text.replace("{-x}", number(-ext.x, digits, relation=True))

    def inset(self, act: Activation, lo: float, hi: float) -> bool:
        """Whether the figure of ``act`` over ``[lo, hi]`` gets the inset ``zoom``: when the
        stretch of ``z`` it magnifies is inside the range, and its detail would be too small to
        see in the panel (the curve spans at least ten times the inset's height)."""
        if self.zoom is None:
            return False
        z0, z1, y0, y1 = self.zoom
        if not lo <= z0 < z1 <= hi:
            return False
        y = act(np.linspace(lo, hi, SAMPLES))  # as many samples as its graph has
        y = y[np.isfinite(y)]
        return bool(y.size) and float(y.max() - y.min()) >= 10 * (y1 - y0)

    def shown_notes(self, inset: bool) -> list[str]:
        """The notes a figure prints: ``notes``, then ``zoom_note``, which says where the detail
        is magnified when the figure has the ``inset``."""
        if not self.zoom_note:
            return list(self.notes)
        return [*self.notes, self.zoom_note + (" (magnified in the inset)" if inset else "")]

    def figure_params(self, name: str, x_range: Sequence[float] | None = None) -> dict:
        """The parameters of ``explainer.draw.curves.activation_curve`` for the figure of
        ``name`` over ``x_range`` (by default ``self.x_range``): the inset only where it shows
        something (``inset``), and the notes saying whether it is there."""
        lo, hi = (float(v) for v in x_range or self.x_range)
        inset = self.inset(get(name), lo, hi)
        params: dict = {"name": name, "x_range": [lo, hi]}
        if notes := self.shown_notes(inset):
            params["notes"] = notes
        if inset:
            params["zoom"] = list(self.zoom)
        return params


def alt_text(
    act: Activation, x_range: tuple[float, float] | None = None, derivative: bool = True
) -> str:
    """What the figure of ``act`` shows, in sentences: its alt text.

    Over the figure's own stretch of ``z`` (``x_range`` None, or ``words.x_range``) it is the
    prose of ``WORDS``; over another one, a description generated for what is drawn there.
    """
    words = words_of(act.name)
    lo, hi = (float(v) for v in x_range or words.x_range)
    if (lo, hi) != words.x_range:
        return _alt_text_for_range(act, lo, hi, derivative)
    parts = [f"Graph of {act.label} for z from {number(lo, 3)} to {number(hi, 3)}: {words.shape}."]
    if derivative:
        parts.append(_DERIVATIVE_BELOW)
    parts.append(f"Range {_range_words(act)}.")
    for value, side in act.asymptotes:
        where = {"-inf": "as z goes to −∞", "+inf": "as z goes to +∞"}.get(side, "at both ends")
        parts.append(f"It approaches {_bound_words(act, value)} {where} but never reaches it.")
    parts.append(_at_zero(act, derivative))
    for ext in (act.minimum, act.maximum):
        if ext is not None and ext.x != 0.0:
            side = "low" if ext.kind == "minimum" else "high"
            also = words.also(ext)
            parts.append(
                f"Its {ext.kind} is {number(ext.value, outward=side)} at z "
                f"{number(ext.x, 4, relation=True)}" + (f", {also}." if also else ".")
            )
    notes = words.shown_notes(words.inset(act, lo, hi))
    parts += [n if n.endswith(".") else f"{n}." for n in notes]
    return " ".join(parts)


#: The sentence about the lower panel of a figure drawn with its derivative.
_DERIVATIVE_BELOW = "Below it, its derivative (the slope) is drawn dashed."


def _at_zero(act: Activation, derivative: bool) -> str:
    """The sentence about ``f(0)``, and with the ``derivative`` about ``f′(0)`` too (the value
    used by convention where the derivative is undefined)."""
    text = f"f(0) {number(act.f0, 4, relation=True)}"
    if derivative:
        text += f"; f′(0) {number(act.df0, 4, relation=True)}"
        if 0.0 in act.breaks:
            text += " by convention (the derivative is undefined at 0)"
    return text + "."


def _range_words(act: Activation) -> str:
    """``act``'s range as the description says it: "(0, 1)", or "(−π/2, π/2), in decimals …"."""
    r = act.range
    return f"{r}, in decimals {r.approx}" if str(r) != r.approx else str(r)


def _bound_words(act: Activation, value: float) -> str:
    """An end of ``act``'s range that it only approaches: as the registry writes it (π/2), or
    the number."""
    symbol = act.range.symbol(value)
    return symbol.text if symbol else number(value, approx=True)


def _alt_text_for_range(act: Activation, lo: float, hi: float, derivative: bool) -> str:
    """What ``explainer curve --range LO HI`` draws, in sentences: the curve over ``[lo, hi]``
    piece by piece (values at the ends, rising or falling), the jumps, the marks and the inset
    that are drawn there, and nothing about parts of the curve outside it."""
    from .draw.curves import curve_jumps, curve_pieces, extremum_places, listed_places

    words = words_of(act.name)

    def n(v: float) -> str:
        # values a hair inside a break (the one-sided limits) are written as their limit
        v = 0.0 if abs(v) < 1e-8 * max(1.0, abs(lo), abs(hi)) else float(f"{v:.8g}")
        return number(v, max(4, math.floor(math.log10(abs(v))) + 3) if v else 4, approx=True)

    shape = []
    for x, y in curve_pieces(act, lo, hi, act.breaks):
        a, b = n(x[0]), n(x[-1])
        dy = np.diff(y)
        if np.all(dy == 0):
            shape.append(f"constant at {n(y[0])} from z = {a} to {b}")
        elif np.all(dy >= 0) or np.all(dy <= 0):
            how = "rising" if y[-1] > y[0] else "falling"
            shape.append(f"{how} from {n(y[0])} at z = {a} to {n(y[-1])} at z = {b}")
        else:
            shape.append(
                f"rising and falling between {n(np.nanmin(y))} and {n(np.nanmax(y))} "
                f"from z = {a} to {b}"
            )
    parts = [f"Graph of {act.label} for z from {number(lo, 3)} to {number(hi, 3)}: "
             + "; then ".join(shape) + "."]  # fmt: skip
    for b, value, missed in curve_jumps(act, lo, hi, act.breaks):
        skipped = " and ".join(n(v) for v in missed)
        parts.append(
            f"At z = {n(b)} it jumps: a filled dot marks its value {n(value)}, an open dot "
            f"the value {skipped} it only approaches."
        )
    if derivative:
        parts.append(_DERIVATIVE_BELOW)
    parts.append(f"Range of the function {_range_words(act)}.")
    for value, _ in act.asymptotes:
        shown = _bound_words(act, value)
        parts.append(f"A dotted line marks {shown}, which it approaches but never reaches.")
    if lo <= 0.0 <= hi:
        parts.append(_at_zero(act, derivative))
    for ext in (act.minimum, act.maximum):
        places = extremum_places(act, ext, lo, hi)
        if places:
            side = "low" if ext.kind == "minimum" else "high"
            listed = listed_places(places)
            more = len(places) - len(listed)
            at = ", ".join(n(x) for x in listed)
            again = f"; it is taken at {more:,} more places in the range" if more else ""
            parts.append(
                f"Its {ext.kind} {number(ext.value, outward=side)} is marked at z {at}{again}."
            )
    inset = words.inset(act, lo, hi)
    parts += [n if n.endswith(".") else f"{n}." for n in words.shown_notes(inset)]
    if inset:
        z0, z1 = words.zoom[:2]
        parts.append(f"An inset magnifies z from {number(z0)} to {number(z1)}.")
    return " ".join(parts)


def words_of(name: str) -> Words:
    """The words and frame of the registry's activation ``name``; ``MissingWords`` saying what to
    add when ``WORDS`` has none (an activation just added to the registry)."""
    try:
        return WORDS[name]
    except KeyError:
        raise MissingWords(
            f"the activation {name!r} has no words: add an entry {name!r}: Words(description=..., "
            "shape=..., x_range=...) to WORDS in src/explainer/presentation.py"
        ) from None


#: Every activation's words and frame, by its name in the registry.
WORDS: dict[str, Words] = {
    "step": Words(
        description="The perceptron's all-or-nothing activation: 1 when the weighted sum z is 0 "
        "or more, that is when the weighted input reaches the threshold; 0 otherwise.",
        shape="0 for every negative z, jumping to 1 at z = 0 and staying 1; the value at 0 is 1 "
        "(filled dot), the open dot at height 0 marks the limit from the left",
        x_range=(-3.0, 3.0),
        notes=("threshold at z = 0: step(0) = 1",),
    ),
    "identity": Words(
        description="No activation at all: a network of identity neurons is one affine map (a "
        "linear map plus a constant, from the biases), however many layers it has.",
        shape="the straight line f(z) = z through the origin",
        x_range=(-3.0, 3.0),
    ),
    "sigmoid": Words(
        description="Squashes any weighted sum into (0, 1), read as a probability; its gradient "
        "is at most 1/4 and vanishes for large |z|.",
        shape="an S-shaped curve rising from near 0 on the left to near 1 on the right, "
        "crossing 0.5 at z = 0",
        x_range=(-6.0, 6.0),
    ),
    "tanh": Words(
        description="A sigmoid stretched to (−1, 1) and centred on 0 (tanh z = 2σ(2z) − 1), so "
        "its outputs average near zero.",
        shape="an S-shaped curve through the origin, rising from near −1 on the left to near 1 "
        "on the right",
        x_range=(-4.0, 4.0),
    ),
    "relu": Words(
        description="The rectified linear unit: negative sums are cut to 0, positive ones pass "
        "unchanged; cheap, and its gradient does not vanish for z > 0.",
        shape="0 for negative z, then the straight line f(z) = z for positive z, with a corner "
        "at the origin; it grows without bound",
        x_range=(-4.0, 4.0),
    ),
    "leaky_relu": Words(
        description="ReLU with a small slope a = 0.01 for negative sums, so a neuron that is "
        "switched off still passes a gradient.",
        shape="the line f(z) = 0.01 z for negative z, almost flat but sloping down to −0.05 at "
        "z = −5, then the line f(z) = z for positive z; an inset magnifies the negative side",
        x_range=(-5.0, 5.0),
        zoom=(-5.0, 0.0, -0.065, 0.025),
        zoom_note="slope 0.01 for z < 0",
    ),
    "elu": Words(
        description="The exponential linear unit: like ReLU for z > 0, but smoothly saturating "
        "to −α for negative z, which pushes mean activations towards zero.",
        shape="an exponential curve flattening towards −1 for negative z, joining the line "
        "f(z) = z smoothly at the origin",
        x_range=(-5.0, 3.0),
    ),
    "selu": Words(
        description="The scaled ELU whose constants λ and α make activations keep mean 0 and "
        "variance 1 from layer to layer (self-normalising networks).",
        shape="an exponential curve flattening towards −1.758 for negative z, then a line of "
        "slope 1.0507 for positive z; the slope jumps at the origin",
        x_range=(-5.0, 3.0),
    ),
    "celu": Words(
        description="ELU rescaled so that its derivative is continuous for every α (C¹); "
        "with the default α = 1 it is exactly ELU.",
        shape="an exponential curve flattening towards −1 for negative z, joining the line "
        "f(z) = z smoothly at the origin (identical to ELU for α = 1)",
        x_range=(-5.0, 3.0),
        notes=("with α = 1 (the default) CELU is exactly ELU",),
    ),
    "gelu": Words(
        description="The Gaussian error linear unit: z weighted by the probability Φ(z) that a "
        "standard normal variable is below z; common in transformers (BERT and the GPT models "
        "use its tanh approximation, below).",
        shape="close to 0 for very negative z, dipping slightly below zero to a minimum near "
        "z = −0.75, then curving up to follow the line f(z) = z",
        x_range=(-4.0, 3.0),
    ),
    "gelu_tanh": Words(
        description="The cheaper tanh form of GELU (PyTorch's approximate='tanh', GPT-2); it "
        "differs from the exact GELU by less than 0.0005.",
        shape="indistinguishable from the exact GELU at this scale: close to 0 for very "
        "negative z, a shallow dip to a minimum near z = −0.75, then following f(z) = z",
        x_range=(-4.0, 3.0),
        notes=("within 0.0005 of the exact GELU everywhere",),
    ),
    "silu": Words(
        description="The sigmoid-weighted linear unit, z·σ(z), found again by automated search "
        "as 'swish'; smooth and non-monotonic.",
        shape="close to 0 for very negative z, dipping below zero to a minimum near z = −1.28, "
        "then curving up to follow the line f(z) = z",
        x_range=(-6.0, 3.0),
    ),
    "mish": Words(
        description="z times the tanh of softplus(z): smooth, non-monotonic, close to SiLU "
        "with a slightly deeper dip.",
        shape="close to 0 for very negative z, dipping below zero to a minimum near z = −1.19, "
        "then curving up to follow the line f(z) = z",
        x_range=(-6.0, 3.0),
    ),
    "softplus": Words(
        description="A smooth ReLU: always positive, its derivative is the sigmoid.",
        shape="a smooth curve rising from near 0 on the left, through ln 2 ≈ 0.693 at z = 0, "
        "to follow the line f(z) = z on the right",
        x_range=(-5.0, 5.0),
    ),
    "softsign": Words(
        description="A tanh-like S-curve that approaches ±1 polynomially, much more slowly than "
        "tanh.",
        shape="an S-shaped curve through the origin approaching −1 and 1 slowly, with a sharp "
        "peak in its derivative at 0",
        x_range=(-8.0, 8.0),
    ),
    "hard_sigmoid": Words(
        description="A piecewise-linear sigmoid (PyTorch's Hardsigmoid, from MobileNetV3): 0 "
        "below −3, 1 above 3, a straight ramp between.",
        shape="0 up to z = −3, a straight ramp to 1 at z = 3, then 1; it reaches both 0 and 1",
        x_range=(-5.0, 5.0),
    ),
    "hard_tanh": Words(
        description="tanh replaced by three straight pieces: −1, the identity, 1.",
        shape="−1 up to z = −1, the line f(z) = z between −1 and 1, then 1; it reaches −1 and 1",
        x_range=(-2.5, 2.5),
    ),
    "hard_swish": Words(
        description="SiLU made of a parabola and two lines (MobileNetV3), cheap on phones.",
        shape="0 up to z = −3, a parabola dipping to its minimum −0.375 at z = −1.5 and rising "
        "to 3 at z = 3, then the line f(z) = z",
        x_range=(-5.0, 4.0),
    ),
    "relu6": Words(
        description="ReLU capped at 6, which keeps activations small enough for low-precision "
        "arithmetic.",
        shape="0 for negative z, the line f(z) = z from 0 to 6, then flat at 6",
        x_range=(-3.0, 9.0),
    ),
    "log_sigmoid": Words(
        description="The logarithm of the sigmoid, always negative: the log-likelihood term of "
        "logistic regression, computed without underflow.",
        shape="the line f(z) = z far to the left, bending near the origin (f(0) = −ln 2) and "
        "flattening towards 0 on the right",
        x_range=(-5.0, 5.0),
    ),
    "tanhshrink": Words(
        description="What is left of z after tanh has taken its share: flat (like z³/3) near 0, "
        "close to z − 1 far to the right and to z + 1 far to the left.",
        shape="flat around the origin, where it behaves like z³/3, then growing like z − 1 on "
        "the right and z + 1 on the left",
        x_range=(-4.0, 4.0),
    ),
    "softshrink": Words(
        description="Soft thresholding: values within λ = 0.5 of zero become 0, the rest move "
        "λ towards zero; continuous, with kinks at ±λ.",
        shape="0 between z = −0.5 and 0.5, and lines of slope 1 outside, shifted towards zero "
        "by 0.5; the function is continuous, its derivative jumps at ±0.5",
        x_range=(-2.0, 2.0),
    ),
    "hardshrink": Words(
        description="Hard thresholding: values within λ = 0.5 of zero become 0, the rest pass "
        "unchanged; it jumps at ±λ.",
        shape="0 between z = −0.5 and 0.5 (including both ends, filled dots), and the line "
        "f(z) = z outside; it jumps by 0.5 at z = ±0.5 (open dots mark the values not taken)",
        x_range=(-2.0, 2.0),
    ),
    "gaussian": Words(
        description="A bell curve: largest when z is 0 and fading on both sides; the unit of "
        "radial basis function networks.",
        shape="a bell curve with its peak 1 at z = 0, falling towards 0 on both sides",
        x_range=(-3.0, 3.0),
    ),
    "arctan": Words(
        description="An S-curve like tanh with range (−π/2, π/2), approaching its bounds "
        "slowly, like 1/z.",
        shape="an S-shaped curve through the origin, approaching −π/2 and π/2 slowly",
        x_range=(-8.0, 8.0),
    ),
    "bent_identity": Words(
        description="The identity bent smoothly: slope 1/2 far to the left, 3/2 far to the "
        "right, 1 at the origin.",
        shape="a gently bent line through the origin, with slope 1/2 far to the left and 3/2 "
        "far to the right",
        x_range=(-4.0, 4.0),
    ),
    "isru": Words(
        description="The inverse square root unit: a tanh-like S-curve with bounds ±1/√α that "
        "needs only a square root.",
        shape="an S-shaped curve through the origin approaching −1 and 1",
        x_range=(-6.0, 6.0),
    ),
    "sinusoid": Words(
        description="A periodic activation: it reaches −1 and 1 again and again (used in SIREN "
        "networks for signals and images).",
        shape="a sine wave through the origin, between −1 and 1, with period 2π",
        x_range=(-7.0, 7.0),
        minimum_also="and again every 2π",
        maximum_also="and again every 2π",
    ),
    "sinc": Words(
        description="sin z / z: a peak of 1 at 0 and ever smaller ripples that cross zero at "
        "every multiple of π except 0.",
        shape="a central peak of 1 at z = 0 with decaying ripples on both sides, crossing zero "
        "at ±π, ±2π, ±3π and so on",
        x_range=(-15.0, 15.0),
        minimum_also="and at z {-x} (sinc is even)",
    ),
}
