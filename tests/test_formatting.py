"""The one number formatter: what it writes must be true of the number it writes."""

from __future__ import annotations

import math
import random

import pytest

from explainer.formatting import formatted, number, percent


def _value(text: str) -> float:
    """Read back what number() wrote (text or LaTeX)."""
    for mark in ("= ", "≈ ", "≈", r"\approx "):
        text = text.removeprefix(mark)
    return float(text.replace("−", "-").replace("∞", "inf").replace(r"\infty", "inf"))


VALUES = [0.0, -0.0, 1.0, -3.0, 0.5, -0.169971, 1e-7, math.pi, 1e20, math.inf, -math.inf]
VALUES += [random.Random(7).uniform(-50, 50) for _ in range(300)]


@pytest.mark.parametrize("digits", [3, 5, 10])
def test_an_outward_bound_contains_the_number_and_says_when_it_is_rounded(digits):
    for v in VALUES:
        low, high = number(v, digits, outward="low"), number(v, digits, outward="high")
        assert _value(low) <= v <= _value(high), (v, low, high)
        exact = _value(number(v, digits)) == v
        assert low.startswith("≈") is high.startswith("≈") is (not exact)


def test_approximate_numbers_are_marked_and_exact_ones_are_not():
    for v in VALUES:
        text = number(v, 5, approx=True)
        assert text.startswith("≈") is (_value(text) != v)
        relation = number(v, 5, relation=True)
        assert relation[:2] == ("= " if _value(relation) == v else "≈ ")
        assert math.isclose(_value(text), v, rel_tol=1e-4) or math.isinf(v)


def test_text_has_a_real_minus_and_latex_an_ascii_one():
    assert number(-2.5) == "−2.5" and number(-2.5, tex=True) == "-2.5"
    assert number(-0.0) == "0"  # never "−0"
    assert number(-math.inf) == "−∞" and number(math.inf, tex=True) == r"\infty"
    assert number(-1 / 3, 3, approx=True, tex=True) == r"\approx -0.333"
    assert number(-1 / 3, 3, relation=True) == "≈ −0.333"
    assert number(12.0) == "12" and number(0.125, 2) == "0.12"


def test_a_formatted_value_keeps_its_format_with_a_real_minus():
    assert formatted(-0.05, ".4f") == "−0.0500" and formatted(0.3775, ".4f") == "0.3775"
    assert formatted(-1.23456e-5, ".4g") == "−1.235e−05"  # the exponent's sign too
    assert formatted(-0.0, ".3f") == "0.000"  # never "−0.000"


def test_percent_never_rounds_to_certainty():
    assert percent(1.0) == "100.0%" and percent(0.0) == "0.0%"
    assert percent(0.99996) == ">99.9%" and percent(0.00004) == "<0.1%"
    assert percent(0.5) == "50.0%"
