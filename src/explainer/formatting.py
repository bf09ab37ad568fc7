"""How the site writes a number: the one formatter of figures, pages, alt text and formulas.

``number`` writes a value for people (``0.5``, ``−3``, ``∞``, ``≈0.16998``), or for LaTeX with
``tex=True`` (``-3``, ``\\infty``, ``\\approx 0.16998``); the minus sign is chosen once, here, at
output. ``formatted`` writes a value in a format of Python's (``".4f"``: four decimals) where
every value must have the same form; ``percent`` writes a probability.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal


def number(
    v: float,
    digits: int = 5,
    *,
    approx: bool = False,
    relation: bool = False,
    outward: str = "",
    tex: bool = False,
) -> str:
    """``v`` written for people: a whole number plainly, others to ``digits`` significant digits.

    Args:
        v: the number; ``±inf`` is written ``∞`` (``\\infty``).
        digits: significant digits of a number that is not whole.
        approx: mark with ``≈`` a number that ``digits`` digits do not write exactly.
        relation: prefix ``"= "``, or ``"≈ "`` when the digits do not write ``v`` exactly.
        outward: ``"low"`` or ``"high"``: an inexact end of a range, rounded down (or up) so
            that the printed interval always contains the true one (GELU's minimum −0.169971...
            is ``≈−0.16998``, never ``−0.16997``); marked ``≈``.
        tex: LaTeX (ASCII minus, ``\\infty``, ``\\approx``) instead of text (``−``, ``∞``, ``≈``).
    """
    v = float(v) + 0.0  # no "−0"
    if math.isinf(v):
        text, exact = ("inf" if v > 0 else "-inf"), True
    else:
        text = str(int(v)) if v == int(v) and abs(v) < 1e15 else f"{v:.{digits}g}"
        exact = float(text) == v
    if not exact and outward:
        d = Decimal(v)
        step = Decimal(1).scaleb(d.adjusted() - (digits - 1))
        q = d.quantize(step, rounding=ROUND_FLOOR if outward == "low" else ROUND_CEILING)
        text = format(q.normalize(), "f")
    if tex:
        text = text.replace("inf", r"\infty")
    else:
        text = text.replace("-", "−").replace("inf", "∞")
    if exact or not (approx or relation or outward):
        return "= " + text if relation else text
    return (r"\approx " if tex else "≈ " if relation else "≈") + text


def formatted(v: float, spec: str) -> str:
    """``v`` in Python's format ``spec`` (``".4f"``, ``".4g"``), with the true minus sign: for a
    column of values written alike, as the backpropagation graph writes its nodes'."""
    return format(float(v) + 0.0, spec).replace("-", "−")


def percent(p: float) -> str:
    """A probability as a percentage to 0.1 %: "99.9%"; never "100.0%" nor "0.0%" unless exact.

    Figures and pages print probabilities with this one function, so a bar's label, the
    heading above it and the sentence about it always agree.
    """
    text = f"{100 * p:.1f}"
    if text == "100.0" and p < 1:
        return ">99.9%"
    if text == "0.0" and p > 0:
        return "<0.1%"
    return f"{text}%"
