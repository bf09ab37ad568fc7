"""The activation registry checked against independent references.

Every claim an entry makes is tested here against something the module did not compute itself:
closed forms written with :mod:`math` on Python floats, central finite differences, dense
sampling, :func:`math.erf`, and known constants (the Lambert W value behind SiLU's minimum).
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from explainer import activations as A
from explainer.activations import Interval, IntervalUnion, UnknownActivation
from explainer.presentation import WORDS

NAMES = A.names()
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
SQRT2 = math.sqrt(2.0)


# --------------------------------------------------------------------------- references

# Each activation written again, independently, on Python floats with the math module.
REFERENCE = {
    "step": lambda x: 1.0 if x >= 0 else 0.0,
    "identity": lambda x: x,
    "sigmoid": lambda x: 1.0 / (1.0 + math.exp(-x)),
    "tanh": math.tanh,
    "relu": lambda x: max(0.0, x),
    "leaky_relu": lambda x: x if x > 0 else 0.01 * x,
    "elu": lambda x: x if x > 0 else math.exp(x) - 1.0,
    "selu": lambda x: SELU_SCALE * (x if x > 0 else SELU_ALPHA * (math.exp(x) - 1.0)),
    "celu": lambda x: max(0.0, x) + min(0.0, math.exp(x) - 1.0),
    "gelu": lambda x: 0.5 * x * math.erfc(-x / SQRT2),
    "gelu_tanh": lambda x: (
        0.5 * x * (1.0 + math.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))
    ),
    "silu": lambda x: x / (1.0 + math.exp(-x)),
    "mish": lambda x: x * math.tanh(math.log(1.0 + math.exp(x))),
    "softplus": lambda x: math.log(1.0 + math.exp(x)),
    "softsign": lambda x: x / (1.0 + abs(x)),
    "hard_sigmoid": lambda x: min(max(x + 3.0, 0.0), 6.0) / 6.0,
    "hard_tanh": lambda x: max(-1.0, min(1.0, x)),
    "hard_swish": lambda x: x * min(max(x + 3.0, 0.0), 6.0) / 6.0,
    "relu6": lambda x: min(max(0.0, x), 6.0),
    "log_sigmoid": lambda x: -math.log(1.0 + math.exp(-x)),
    "tanhshrink": lambda x: x - math.tanh(x),
    "softshrink": lambda x: x - 0.5 if x > 0.5 else (x + 0.5 if x < -0.5 else 0.0),
    "hardshrink": lambda x: x if abs(x) > 0.5 else 0.0,
    "gaussian": lambda x: math.exp(-x * x),
    "arctan": math.atan,
    "bent_identity": lambda x: (math.sqrt(x * x + 1.0) - 1.0) / 2.0 + x,
    "isru": lambda x: x / math.sqrt(1.0 + x * x),
    "sinusoid": math.sin,
    "sinc": lambda x: math.sin(x) / x if x != 0 else 1.0,
}

POINTS = [-7.5, -3.0, -1.3, -0.75, -0.5, -0.2, 0.0, 0.3, 0.5, 1.0, 2.5, 6.0]


def test_every_activation_has_a_reference_and_the_issue_s_names_are_there():
    assert set(REFERENCE) == set(NAMES)
    assert len(NAMES) == len(set(NAMES))  # the names come from the registry; none twice


@pytest.mark.parametrize("name", NAMES)
def test_values_match_closed_forms(name):
    f, ref = A.get(name), REFERENCE[name]
    got = f(np.array(POINTS))
    want = np.array([ref(x) for x in POINTS])
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    for x in POINTS:  # and one at a time, as Python scalars
        assert float(f(x)) == pytest.approx(ref(x), rel=1e-12, abs=1e-15)


def test_spot_values_known_by_heart():
    g = A.get
    assert g("sigmoid")(0.0) == 0.5
    assert g("step")(0.0) == 1.0 and g("step")(-1e-300) == 0.0  # step(0) = 1
    assert g("softplus")(0.0) == pytest.approx(math.log(2.0), rel=1e-15)
    assert g("log_sigmoid")(0.0) == pytest.approx(-math.log(2.0), rel=1e-15)
    assert g("gelu")(1.0) == pytest.approx(0.8413447460685429, rel=1e-15)
    assert g("relu")(-3.0) == 0.0 and g("relu")(3.0) == 3.0
    assert g("relu6")(7.0) == 6.0
    assert g("hardshrink")(0.5) == 0.0 and g("hardshrink")(0.5000001) == 0.5000001
    assert g("sinc")(0.0) == 1.0 and g("sinc")(math.pi) == pytest.approx(0.0, abs=1e-16)
    assert g("arctan")(1.0) == pytest.approx(math.pi / 4, rel=1e-15)


# --------------------------------------------------------------------------- derivatives


def _grid_away_from_breaks(f: A.Activation, margin: float = 1e-3) -> np.ndarray:
    lo, hi = WORDS[f.name].x_range  # the stretch its figure shows
    x = np.linspace(lo, hi, 2001)
    for b in f.breaks:
        x = x[np.abs(x - b) > margin]
    return x


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_central_differences(name):
    f = A.get(name)
    x = _grid_away_from_breaks(f)
    h = 1e-6 * np.maximum(1.0, np.abs(x))
    numeric = (f(x + h) - f(x - h)) / (2 * h)
    np.testing.assert_allclose(f.derivative(x), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(
    ("name", "x", "expected"),
    [
        ("relu", 0.0, 0.0),
        ("leaky_relu", 0.0, 0.01),
        ("step", 0.0, 0.0),
        ("elu", 0.0, 1.0),
        ("selu", 0.0, SELU_SCALE * SELU_ALPHA),
        ("celu", 0.0, 1.0),
        ("hard_tanh", -1.0, 0.0),
        ("hard_tanh", 1.0, 0.0),
        ("relu6", 0.0, 0.0),
        ("relu6", 6.0, 0.0),
        ("hard_sigmoid", -3.0, 0.0),
        ("hard_sigmoid", 3.0, 0.0),
        ("hard_swish", -3.0, 0.0),
        ("hard_swish", 3.0, 1.0),
        ("softshrink", 0.5, 0.0),
        ("softshrink", -0.5, 0.0),
        ("hardshrink", 0.5, 0.0),
        ("hardshrink", -0.5, 0.0),
        ("softsign", 0.0, 1.0),
        ("sinc", 0.0, 0.0),
    ],
)
def test_derivative_conventions_where_undefined_follow_pytorch(name, x, expected):
    assert float(A.get(name).derivative(x)) == pytest.approx(expected, rel=1e-15, abs=0)


@pytest.mark.parametrize("name", [n for n in NAMES if A.get(n).breaks])
def test_breaks_have_a_documented_convention_or_a_continuous_derivative(name):
    f = A.get(name)
    for b in f.breaks:
        left, right = f.derivative(b - 1e-9), f.derivative(b + 1e-9)
        if abs(left - right) > 1e-6:  # the derivative does not exist at b
            assert f.convention, f"{name}: no convention documented for f'({b})"
            # the convention picks one of the one-sided values
            assert min(abs(f.derivative(b) - left), abs(f.derivative(b) - right)) < 1e-6


@pytest.mark.parametrize("name", [n for n in NAMES if A.get(n).breaks])
def test_a_convention_writes_the_derivative_it_takes_where_there_is_none(name):
    """Where f' does not exist, the convention says so as "name'(b) = ...", the value the package
    takes (step's said "the derivative is 0 everywhere, also at the jump, where it does not
    exist": a value it cannot have)."""
    f = A.get(name)

    def jumps(g, b: float) -> bool:
        return abs(float(g(b - 1e-9)) - float(g(b + 1e-9))) > 1e-6

    if any(jumps(f, b) or jumps(f.derivative, b) for b in f.breaks):  # no f'(b)
        assert re.search(rf"\b{name}'\([^)]*\) = ", f.convention), f.convention


# --------------------------------------------------------------------------- range


def _dense(f: A.Activation) -> np.ndarray:
    tails = np.logspace(1.5, 8, 400)
    extra = [e.x for e in (f.minimum, f.maximum) if e is not None]
    x = np.concatenate([np.linspace(-30, 30, 120001), tails, -tails, f.breaks, extra])
    return np.sort(x)


@pytest.mark.parametrize("name", NAMES)
def test_range_is_exact(name):
    f = A.get(name)
    r = f.range
    # strictly inside the range where float64 has not saturated (tanh(20) == 1.0 exactly)
    lo, hi = WORDS[f.name].x_range  # the stretch its figure shows
    near = np.linspace(lo, hi, 20001)
    inside = r.contains(f(near))
    assert inside.all(), f"{name}: {f(near)[~inside][:5]} outside {r}"
    # far out, within its closure; and every finite end is reached (closed) or approached (open)
    y = f(_dense(f))
    assert np.all((y >= r.low - 1e-12) & (y <= r.high + 1e-12))
    for part in r.parts:
        for end, closed in ((part.low, part.closed_low), (part.high, part.closed_high)):
            if math.isinf(end):
                reach = np.max(y) if end > 0 else np.min(y)
                assert abs(reach) > 1e5 and np.sign(reach) == np.sign(end)
                continue
            gap = np.min(np.abs(y - end))
            if closed:
                assert gap < 1e-7, f"{name}: closed end {end} is not attained"
            else:
                assert gap < 1e-3, f"{name}: open end {end} is not approached"
                assert not np.any(r.contains(np.array([end]))), "open end must be excluded"
    assert f.bounded == (math.isfinite(r.low) and math.isfinite(r.high))
    assert f.bounded == bool(np.max(np.abs(y)) < 1e5)


@pytest.mark.parametrize("name", NAMES)
def test_limits_at_infinity_are_the_declared_ones(name):
    f = A.get(name)
    for sign, limit, dlimit in zip((-1, 1), f.limits, f.derivative_limits, strict=True):
        big = sign * 1e8
        for lim, g in ((limit, f), (dlimit, f.derivative)):
            if math.isnan(lim):  # the sinusoid: no limit; sin(1e8) is just some number
                assert name == "sinusoid"
                continue
            if math.isinf(lim):
                assert np.sign(g(big)) == np.sign(lim) and abs(g(big)) > 1e5
            else:
                assert g(big) == pytest.approx(lim, abs=1e-6)


# --------------------------------------------------------------------------- properties


def _one_sign(d: np.ndarray, tol: float) -> bool:
    return bool(np.all(d >= -tol) or np.all(d <= tol))


@pytest.mark.parametrize("name", NAMES)
def test_properties_against_dense_sampling(name):
    f = A.get(name)
    x = np.linspace(-30, 30, 120001)
    y, dy = f(x), f.derivative(x)
    assert f.monotonic == _one_sign(np.diff(y), 1e-12), "monotonic"
    assert f.monotonic_derivative == _one_sign(np.diff(dy), 1e-12), "monotonic derivative"
    # zero-centred: the mean output for standard normal z, here by the midpoint rule (cells of
    # 1e-5, whose edges fall on every break, so no kink or jump is inside a cell)
    h = 1e-5
    z = -12 + h * (np.arange(2_400_000) + 0.5)
    mean = float(np.sum(f(z) * np.exp(-0.5 * z * z)) * h / math.sqrt(2 * math.pi))
    assert f.mean_output == pytest.approx(mean, abs=1e-9), "mean output"
    assert f.zero_centred == (abs(mean) < 1e-9), "zero-centred"
    h = 1e-6
    slope0 = (f(h) - f(-h)) / (2 * h)
    identity = abs(f(0.0)) < 1e-15 and abs(slope0 - 1.0) < 1e-6
    assert f.identity_near_zero == identity, "identity near 0"


_PHI0 = 1 / math.sqrt(2 * math.pi)  # the standard normal density at 0


def _Phi(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2))


#: E[f(Z)] for standard normal Z in closed form (integrate f(z)φ(z) by hand).
MEAN_OUTPUTS = {
    "identity": 0.0,
    "tanh": 0.0,
    "selu": 0.0,  # the point of SELU's constants: mean 0 and variance 1 for N(0, 1) input
    "sigmoid": 0.5,  # σ(z) + σ(−z) = 1
    "step": 0.5,
    "hard_sigmoid": 0.5,
    "relu": _PHI0,
    "leaky_relu": 0.99 * _PHI0,
    "relu6": _PHI0 - math.exp(-18) * _PHI0 + 6 * _Phi(-6),
    "elu": _PHI0 + math.exp(0.5) * _Phi(-1) - 0.5,
    "gelu": 1 / (2 * math.sqrt(math.pi)),  # E[Z Φ(Z)] = E[φ(Z)]
    "gaussian": 1 / math.sqrt(3),
    "sinc": math.sqrt(math.pi / 2) * math.erf(1 / math.sqrt(2)),
}


@pytest.mark.parametrize("name", sorted(MEAN_OUTPUTS))
def test_mean_output_against_closed_forms(name):
    assert A.get(name).mean_output == pytest.approx(MEAN_OUTPUTS[name], rel=1e-14, abs=1e-15)


def test_zero_centred_means_outputs_centred_on_zero():
    """Taking both signs is not enough: leaky ReLU's outputs average 0.395, ReLU's 0.399."""
    assert A.get("tanh").zero_centred and A.get("selu").zero_centred
    for name in ("leaky_relu", "elu", "gelu", "silu", "mish", "hard_swish", "bent_identity"):
        assert not A.get(name).zero_centred, name
    assert A.get("log_sigmoid").mean_output == pytest.approx(-A.get("softplus").mean_output)


def _printed_ends(text: str) -> list[tuple[str, str, str, str]]:
    """``[(bracket, low, high, bracket)]`` of a printed range; a point set gives one per point."""
    if text.startswith("{"):
        return [("[", v, v, "]") for v in text.strip("{}").split(", ")]
    parts = []
    for part in text.split(" ∪ "):
        if part.startswith("{"):
            parts += _printed_ends(part)
        else:
            low, high = part[1:-1].split(", ")
            parts.append((part[0], low, high, part[-1]))
    return parts


def _value(text: str, symbols: dict[str, float]) -> tuple[float, bool]:
    """A printed end as a number, and whether it was marked as rounded."""
    rounded = text.startswith("≈")
    text = text.removeprefix("≈")
    if text in symbols:
        return symbols[text], rounded
    return float(text.replace("−", "-").replace("∞", "inf")), rounded


@pytest.mark.parametrize("name", NAMES)
def test_a_printed_range_contains_the_true_range(name):
    """Ends are exact, or marked ≈ and rounded outwards: what is printed always contains the range.

    (GELU's minimum −0.1699712 printed as "[−0.16997, ∞)" would leave the minimum out.)
    """
    r = A.get(name).range
    symbols = {}
    for part in r.parts:
        for value in (part.low, part.high):
            s = r.symbol(value) or part.symbol(value)
            if s is not None:
                symbols[s.text] = value
    for text in (str(r), r.approx):
        printed = _printed_ends(text)
        assert len(printed) == len(r.parts), text
        for (left, low, high, right), part in zip(printed, r.parts, strict=True):
            lo, lo_rounded = _value(low, symbols)
            hi, hi_rounded = _value(high, symbols)
            assert lo <= part.low and hi >= part.high, text
            # an end printed without ≈ is the end itself, open or closed as it is
            if not lo_rounded:
                assert lo == part.low and (left == "[") == part.closed_low, text
            if not hi_rounded:
                assert hi == part.high and (right == "]") == part.closed_high, text
            if lo_rounded:
                assert lo < part.low, text
            if hi_rounded:
                assert hi > part.high, text
    # the LaTeX form rounds the same way
    assert r.latex.count(r"\approx") == str(r).count("≈")


def test_tan_is_not_tanh():
    """The tangent is another function: "tan" is not a name for the hyperbolic tangent."""
    with pytest.raises(A.UnknownActivation, match="did you mean 'tanh'"):
        A.get("tan")


@pytest.mark.parametrize("name", NAMES)
def test_continuity_class_at_the_breaks(name):
    f = A.get(name)
    k = f.continuity
    d = 1e-9

    def jump(g, b):
        return abs(float(g(b + d)) - float(g(b - d)))

    def second(b, side):  # f'' a little to one side of b, by central differences of f'
        x, h = b + side * 1e-3, 1e-5
        return (f.derivative(x + h) - f.derivative(x - h)) / (2 * h)

    if math.isinf(k):
        assert f.breaks == (), "a C^∞ function has no breaks"
        return
    assert f.breaks, "a function that is not C^∞ must declare where it breaks"
    f_jumps = [jump(f, b) for b in f.breaks]
    d_jumps = [jump(f.derivative, b) for b in f.breaks]
    dd_jumps = [abs(second(b, 1) - second(b, -1)) for b in f.breaks]
    if k == A.DISCONTINUOUS:
        assert max(f_jumps) > 1e-3
        return
    assert max(f_jumps) < 1e-6, "f is continuous"
    if k == 0:
        assert max(d_jumps) > 1e-3, "C^0 exactly: the derivative jumps somewhere"
        return
    assert max(d_jumps) < 1e-6, "f' is continuous"
    assert k == 1 and max(dd_jumps) > 0.1, "C^1 exactly: the second derivative jumps"


def test_the_properties_table_of_the_issue():
    g = A.get
    assert str(g("relu").range) == "[0, ∞)"  # not "between 0 and 1", as the post says
    assert str(g("sigmoid").range) == "(0, 1)"
    assert str(g("tanh").range) == "(−1, 1)"
    assert g("relu").range.latex == r"[0, \infty)"
    assert str(g("step").range) == "{0, 1}"
    assert str(g("hardshrink").range) == "(−∞, −0.5) ∪ {0} ∪ (0.5, ∞)"
    assert g("tanh").zero_centred and not g("sigmoid").zero_centred
    assert not g("relu").zero_centred and not g("leaky_relu").zero_centred
    assert g("tanh").identity_near_zero and not g("relu").identity_near_zero
    assert g("relu").continuity == 0 and g("step").continuity == A.DISCONTINUOUS
    assert g("celu").continuity == 1 and math.isinf(g("gelu").continuity)


# --------------------------------------------------------------------------- extrema


def _golden_min(fn, a: float, b: float, tol: float = 1e-12) -> float:
    """Golden-section search for the minimum of ``fn`` on ``[a, b]`` (independent of the module)."""
    r = (math.sqrt(5) - 1) / 2
    c, d = b - r * (b - a), a + r * (b - a)
    while b - a > tol:
        if fn(c) < fn(d):
            b, d = d, c
            c = b - r * (b - a)
        else:
            a, c = c, d
            d = a + r * (b - a)
    return (a + b) / 2


W_1_OVER_E = 0.27846454276107379510535045982  # Lambert W(1/e)
SINC_FIRST_MIN = 4.4934094579090641753  # the first positive root of tan x = x


@pytest.mark.parametrize(
    ("name", "x", "value"),
    [
        ("silu", -1.0 - W_1_OVER_E, -W_1_OVER_E),  # at the minimum, x σ(x) = x + 1
        ("hard_swish", -1.5, -0.375),
        ("sinusoid", -math.pi / 2, -1.0),
        ("sinc", SINC_FIRST_MIN, math.cos(SINC_FIRST_MIN)),  # sin x / x = cos x where tan x = x
    ],
)
def test_minimum_equals_known_constants(name, x, value):
    m = A.get(name).minimum
    assert m.kind == "minimum"
    assert m.x == pytest.approx(x, abs=1e-12)
    assert m.value == pytest.approx(value, abs=1e-15)


@pytest.mark.parametrize("name", [n for n in NAMES if A.get(n).minimum is not None])
def test_minimum_is_where_the_derivative_changes_sign_and_is_global(name):
    f = A.get(name)
    m = f.minimum
    assert f.derivative(m.x - 1e-6) < 0 < f.derivative(m.x + 1e-6)
    assert m.value <= f(_dense(f)).min() + 1e-15
    assert m.value == f(m.x)
    # independently: golden-section search on the math-module formula
    ref = REFERENCE[name]
    x = _golden_min(ref, m.x - 0.5, m.x + 0.5)
    assert m.x == pytest.approx(x, abs=1e-6)  # golden section finds x only to ~sqrt(eps)
    assert m.value == pytest.approx(ref(x), abs=1e-13)


def test_the_dips_of_gelu_silu_and_mish():
    for name, x, value in (
        ("gelu", -0.7517916, -0.1699712),
        ("silu", -1.2784645, -0.2784645),
        ("mish", -1.1924, -0.30884),
    ):
        m = A.get(name).minimum
        assert m.x == pytest.approx(x, abs=1e-4) and m.value == pytest.approx(value, abs=1e-5)
        assert A.get(name).range == Interval(m.value, math.inf, True, False)


@pytest.mark.parametrize("name", [n for n in NAMES if A.get(n).maximum is not None])
def test_maximum(name):
    f = A.get(name)
    m = f.maximum
    assert m.value >= f(_dense(f)).max() - 1e-15
    assert f.derivative(m.x - 1e-6) > 0 > f.derivative(m.x + 1e-6)


def test_gelu_tanh_is_within_its_stated_distance_of_gelu():
    x = np.linspace(-10, 10, 200001)
    assert np.max(np.abs(A.get("gelu")(x) - A.get("gelu_tanh")(x))) < 5e-4


# --------------------------------------------------------------------------- erf


def test_erf_against_its_integral_and_its_asymptotic_series():
    # erf(x) = 2/sqrt(pi) * integral of exp(-t^2) from 0 to x, by Gauss-Legendre on [0, x]
    t, w = np.polynomial.legendre.leggauss(60)
    for x in (-3.0, -0.7, 0.1, 0.5, 1.0, 2.5, 5.0):
        integral = 0.5 * x * np.sum(w * np.exp(-((0.5 * x * (t + 1)) ** 2)))
        assert math.isclose(A.erf(x), 2 / math.sqrt(math.pi) * integral, rel_tol=1e-13)
        assert math.isclose(A.erfc(x), 1 - 2 / math.sqrt(math.pi) * integral, abs_tol=1e-13)
    # far out, erfc(x) ~ exp(-x^2)/(x sqrt(pi)) (1 - 1/(2x^2) + 3/(4x^4) - 15/(8x^6))
    for x in (10.0, 15.0, 26.0):  # the next term, 105/(16x^8), is below 1e-7
        series = 1 - 1 / (2 * x**2) + 3 / (4 * x**4) - 15 / (8 * x**6)
        assert math.isclose(A.erfc(x), math.exp(-x * x) / (x * math.sqrt(math.pi)) * series,
                            rel_tol=1e-6)  # fmt: skip
    x = np.linspace(-6, 6, 1201)
    np.testing.assert_array_equal(A.erf(-x), -A.erf(x))
    assert A.erf(math.inf) == 1.0 and A.erf(-math.inf) == -1.0 and math.isnan(A.erf(math.nan))
    assert A.erfc(math.inf) == 0.0 and A.erfc(-math.inf) == 2.0


# --------------------------------------------------------------------------- numerics


EXTREMES = [
    -1e4, -1e3, -88.8, -50.0, -20.0, -1e-30, -0.0, 0.0, 1e-30, 20.0, 50.0, 88.8, 1e3, 1e4,
    math.inf, -math.inf, math.nan,
]  # fmt: skip


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", NAMES)
def test_extremes_no_warning_no_nan_limits_at_infinity(name, dtype):
    f = A.get(name)
    x = np.array(EXTREMES, dtype=dtype)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        y, dy = f(x), f.derivative(x)
    for out, limits in ((y, f.limits), (dy, f.derivative_limits)):
        assert out.dtype == dtype and out.shape == x.shape
        finite = np.isfinite(x)
        assert np.isfinite(out[finite]).all()
        assert np.isnan(out[np.isnan(x)]).all()
        np.testing.assert_array_equal(out[x == -np.inf], np.array([limits[0]], dtype=dtype))
        np.testing.assert_array_equal(out[x == np.inf], np.array([limits[1]], dtype=dtype))


@pytest.mark.parametrize("name", NAMES)
def test_huge_finite_inputs_give_finite_values_without_a_warning(name):
    """Finite in, finite out, quietly: also where a series or a power of z would overflow."""
    f = A.get(name)
    x = np.array([-1e300, -3e38, -1e100, 1e100, 3e38, 1e300])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        y, dy = f(x), f.derivative(x)
    assert np.isfinite(y).all() and np.isfinite(dy).all()


_floats = st.one_of(
    st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from([math.inf, -math.inf, math.nan, 0.0, -0.0, 1e-38, -1e-38, 1e4, -1e4]),
)


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(NAMES),
    dtype=st.sampled_from([np.float32, np.float64]),
    data=st.data(),
)
def test_any_shape_and_dtype_property(name, dtype, data):
    f = A.get(name)
    x = data.draw(arrays(dtype, array_shapes(min_dims=0, max_dims=3, max_side=4), elements=_floats))
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        y, dy = f(x), f.derivative(x)
    for out, limits in ((y, f.limits), (dy, f.derivative_limits)):
        assert isinstance(out, np.ndarray) and out.dtype == dtype and out.shape == x.shape
        assert not np.isnan(out[np.isfinite(x)]).any()
        assert np.isnan(out[np.isnan(x)]).all()
        assert np.array_equal(
            out[x == np.inf], np.full((x == np.inf).sum(), limits[1], dtype), True
        )
        assert np.array_equal(
            out[x == -np.inf], np.full((x == -np.inf).sum(), limits[0], dtype), True
        )
    # the values agree with float64 evaluation of the same inputs
    ref = f(x.astype(np.float64))
    np.testing.assert_allclose(y, ref.astype(dtype), rtol=1e-6, atol=1e-30, equal_nan=True)


def test_scalars_and_other_inputs():
    f = A.get("relu")
    assert isinstance(f(2), float) and f(2) == 2.0  # a Python int gives a float
    assert f(np.float32(-1.5)).dtype == np.float32
    assert f([[1, -1]]).shape == (1, 2)
    assert f(np.array(3.0)).shape == ()  # a 0-d array stays an array
    assert f(np.array([1.0], dtype=np.float16)).dtype == np.float32
    with pytest.raises(TypeError):
        f(np.array([1 + 2j]))
    with pytest.raises(TypeError):
        f("relu")


# --------------------------------------------------------------------------- registry


def test_unknown_names_raise_one_line_listing_the_valid_ones():
    with pytest.raises(UnknownActivation) as info:
        A.get("rleu")
    exc = info.value
    assert isinstance(exc, ValueError) and isinstance(exc, KeyError)
    message = str(exc)
    assert "\n" not in message and message.startswith("unknown activation 'rleu'")
    assert "did you mean 'relu'?" in message
    assert all(name in message for name in NAMES)


def test_names_are_forgiving_about_case_dashes_and_aliases():
    assert A.get("ReLU").name == "relu"
    assert A.get("leaky-relu").name == "leaky_relu"
    assert A.get("swish").name == "silu"
    assert A.get("Heaviside").name == "step"
    assert A.get("hardtanh").name == "hard_tanh"
    assert str(_msg(lambda: A.get("swsh"))).count("did you mean 'silu'") == 1


def _msg(fn) -> str:
    try:
        fn()
    except UnknownActivation as exc:
        return str(exc)
    raise AssertionError("no error")


@pytest.mark.parametrize("name", NAMES)
def test_every_entry_is_complete(name):
    f = A.get(name)
    assert f.label and f.origin and f.formula and f.derivative_formula
    assert all(side in ("-inf", "+inf", "both") for _, side in f.asymptotes)
    assert f.year is None or 1800 < f.year < 2030


def test_formulas_convert_to_mathml():
    converter = pytest.importorskip("latex2mathml.converter")
    for f in A.all_activations():
        for tex in (f.formula_latex(), f.derivative_latex(), f.range.latex):
            assert "<math" in converter.convert(tex)
    for tex in (A.SOFTMAX_FORMULA, A.SOFTMAX_JACOBIAN_FORMULA):
        assert "<math" in converter.convert(tex)


def test_intervals():
    assert str(Interval(0, 1)) == "(0, 1)"
    assert str(Interval(0, math.inf, closed_low=True)) == "[0, ∞)"
    assert str(Interval(-1, 1)) == "(−1, 1)"
    assert str(Interval(-1, 1, True, True)) == "[−1, 1]"
    assert Interval(-math.inf, 0).latex == r"(-\infty, 0)"
    assert str(Interval(0, 0, True, True)) == "{0}"
    assert Interval(0, 1).bounded
    assert not Interval(0, math.inf).bounded
    np.testing.assert_array_equal(Interval(0, 1, True).contains([0, 0.5, 1]), [True, True, False])
    for bad in ((1, 0), (0, math.inf, False, True), (0, 0)):
        with pytest.raises(ValueError):
            Interval(*bad)
    with pytest.raises(ValueError):
        IntervalUnion((Interval(0, 2), Interval(1, 3)))


# --------------------------------------------------------------------------- softmax


def test_softmax_is_found_like_an_activation_but_is_not_elementwise():
    assert A.get(" SoftMax") is A.softmax and A.softmax.name not in NAMES
    assert not A.softmax.elementwise and all(A.get(n).elementwise for n in NAMES)
    assert "did you mean 'softmax'?" in _msg(lambda: A.get("sofmax"))
    z = np.random.default_rng(2).normal(size=(20, 6)) * 5
    assert A.softmax.range.contains(A.softmax(z)).all()


def test_softmax_sums_to_one_and_is_stable():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(50, 7)) * 10
    s = A.softmax(z)
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=1e-14)
    assert (s > 0).all()
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        big = A.softmax(np.array([1000.0, 1001.0, 1002.0]))
        huge = A.softmax(np.array([1e308, -1e308, 0.0]))
        mixed = A.softmax(np.vstack([z[:1], [[np.inf, 0, 0, 0, 0, 0, 0]]]))
    np.testing.assert_allclose(big, A.softmax(np.array([0.0, 1.0, 2.0])), rtol=1e-14)
    np.testing.assert_array_equal(huge, [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(mixed[0], s[0])  # a row with an inf changes no other row
    e = np.exp([0.0, 1.0, 2.0])
    np.testing.assert_allclose(A.softmax([0.0, 1.0, 2.0]), e / e.sum(), rtol=1e-15)
    np.testing.assert_allclose(A.softmax(z.T, axis=0), s.T, rtol=1e-15)
    assert A.softmax(np.zeros(3, dtype=np.float32)).dtype == np.float32
    np.testing.assert_array_equal(A.softmax([0.0, -np.inf]), [1.0, 0.0])
    np.testing.assert_array_equal(A.softmax([np.inf, 0.0, np.inf]), [0.5, 0.0, 0.5])
    assert np.isnan(A.softmax([np.nan, 0.0])).all()
    assert np.isnan(A.softmax([-np.inf, -np.inf])).all()


@pytest.mark.parametrize("scale", [1.0, 30.0])
def test_softmax_derivative_is_the_jacobian_by_finite_differences(scale):
    rng = np.random.default_rng(1)
    z = rng.normal(size=5) * scale
    jac = A.softmax.derivative(z)
    h = 1e-6
    numeric = np.empty((5, 5))
    for j in range(5):
        dz = np.zeros(5)
        dz[j] = h
        numeric[:, j] = (A.softmax(z + dz) - A.softmax(z - dz)) / (2 * h)
    np.testing.assert_allclose(jac, numeric, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(jac, jac.T, atol=1e-17)
    np.testing.assert_allclose(jac.sum(axis=1), 0.0, atol=1e-16)
    assert A.softmax.derivative(rng.normal(size=(3, 4))).shape == (3, 4, 4)
    assert A.softmax.derivative(np.zeros(3, dtype=np.float32)).dtype == np.float32
