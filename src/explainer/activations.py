"""Activation functions: what a neuron does with its weighted sum.

A neuron adds up its inputs, each multiplied by a weight, adds a bias, and passes the total
``z = w·x + b`` through an *activation function* ``f``. Its output ``a = f(z)`` is what the next
layer sees. This module is the registry of those functions: each one is an
[`Activation`][explainer.activations.Activation] that knows how to compute itself and its
derivative, and knows the facts a reader wants next to its graph: its exact range, its formula,
whether it is monotonic, bounded or zero-centred, how smooth it is, where its minimum is, and
where it comes from.

    >>> from explainer import activations
    >>> relu = activations.get("relu")
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    >>> relu.derivative(0.0)   # undefined at the kink; PyTorch's convention, documented below
    np.float64(0.0)
    >>> str(relu.range)
    '[0, ∞)'

The registry holds the mathematics only; what the site says about a function and how its figure
frames it are in ``explainer.presentation``. Everything else (each activation's figure, its
row and section on the reference page, the ``explainer curve`` command) is generated from the
two. **Adding an activation is one entry** in ``_ENTRIES`` and one in its words.

How values are computed
:   Inputs may be Python numbers or numpy arrays of any shape. ``float32`` and ``float64`` keep
    their dtype (``float16`` gives ``float32``, integers and booleans give ``float64``). Internally
    everything is evaluated in ``float64`` with formulas that cannot overflow: ``exp`` only ever
    sees arguments ``<= 0`` or clipped ones, differences of nearly equal numbers are rewritten
    (``x - tanh x`` uses its Taylor series near 0, ``sqrt(z²+1) - 1`` is computed as
    ``z²/(sqrt(z²+1)+1)``), so finite inputs give finite results without a numpy warning.
    ``NaN`` gives ``NaN``; ``±inf`` gives the limit of the function there (declared in each
    entry as ``limits`` and checked by the tests). The sinusoid has no limit at ``±inf``, so
    ``sin(±inf)`` is ``NaN``, returned quietly.

Where a derivative does not exist
:   At a kink (ReLU at 0) or a jump (the step at 0) the derivative is undefined. We return what
    PyTorch's autograd returns, so gradients computed here match a PyTorch model: ``relu'(0) = 0``,
    ``leaky_relu'(0) = 0.01``, ``hard_tanh'(±1) = 0``, ``relu6'(0) = relu6'(6) = 0``,
    ``hard_sigmoid'(±3) = 0``, ``hard_swish'(-3) = 0``, ``hard_swish'(3) = 1``, ``softshrink'(±λ)
    = hardshrink'(±λ) = 0``, ``selu'(0) = λα``. The step function has no autograd rule in PyTorch;
    its derivative is 0 wherever it exists, and we return 0 at the jump too (the true "derivative"
    there is a Dirac delta). Each entry states its convention in ``convention``.

Properties, defined
:   - *monotonic*: never decreases, or never increases (weakly: ReLU's flat part counts).
    - *monotonic derivative*: the same, for the derivative where it exists (the points where it
      does not, kinks and jumps, are left out: the step's derivative is 0 wherever it exists, so
      it counts as monotonic).
    - *bounded*: the range has a finite lower and upper end.
    - *zero-centred*: the outputs are centred on 0: for standard normal input ``z`` the mean
      output [`Activation.mean_output`][explainer.activations.Activation.mean_output] is 0 (tanh
      yes; sigmoid, ReLU and leaky ReLU no: 0.5, 0.399, 0.395). Inputs centred on 0 make
      gradient descent better conditioned (LeCun et al., "Efficient BackProp", 1998, sections
      4.3 and 4.4), so the next layer wants them.
    - *identity near 0*: ``f(0) = 0`` and ``f'(0) = 1``, so ``f(z) ≈ z`` for small ``z``.
    - *continuity* ``C^k``: the function and its first ``k`` derivatives are continuous
      (``C^∞``: all of them; ``C^{-1}`` here means the function itself jumps).

Softmax is not elementwise, so it is not among [`names`][explainer.activations.names], but
[`get`][explainer.activations.get] finds it: [`softmax`][explainer.activations.softmax] has the
same interface (called on ``z``, ``Softmax.derivative`` its Jacobian). The error function that
GELU needs is [`erf`][explainer.activations.erf] / [`erfc`][explainer.activations.erfc].
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, ClassVar, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .formatting import number
from .spelling import did_you_mean

F64 = NDArray[np.float64]
INF = math.inf
SMOOTH = math.inf  #: continuity class of a function with derivatives of every order (C^∞)
DISCONTINUOUS = -1  #: continuity class of a function that jumps ("C^{-1}")
#: A mean output this close to 0 is 0: what is left is rounding in the quadrature (about 1e-17).
ZERO_MEAN_TOLERANCE = 1e-12

# --------------------------------------------------------------------------- ranges


class Source(NamedTuple):
    """A work the function comes from: its year (``None`` if there is none to give) and citation."""

    year: int | None
    citation: str

    def __str__(self) -> str:
        return f"{self.citation} ({self.year})" if self.year else self.citation


class Symbol(NamedTuple):
    """A number written symbolically: as text (``"π/2"``) and as LaTeX (``r"\\frac{\\pi}{2}"``)."""

    text: str
    tex: str


class _Set:
    """What an ``Interval`` and an ``IntervalUnion`` answer alike, from their ``low``, ``high``
    and ``_format``: ``str()``, ``latex``, ``approx``, ``approx_latex``, ``bounded``."""

    def __str__(self) -> str:
        return self._format(tex=False)

    @property
    def latex(self) -> str:
        """The set in LaTeX, e.g. ``[0, \\infty)``."""
        return self._format(tex=True)

    @property
    def approx(self) -> str:
        """The set with every end written as a decimal number (no symbols; ≈ where rounded)."""
        return str(self._decimal)

    @property
    def approx_latex(self) -> str:
        """``approx`` in LaTeX."""
        return self._decimal.latex

    @property
    def bounded(self) -> bool:
        """Both ends finite."""
        return math.isfinite(self.low) and math.isfinite(self.high)


@dataclass(frozen=True)
class Interval(_Set):
    """An interval of real numbers, each end open or closed: ``(0, 1)``, ``[0, ∞)``, ``{0}``.

    An infinite end is always open. ``low == high`` (both ends closed) is a single point.
    ``low_symbol`` / ``high_symbol`` write an end symbolically (``π/2``, ``λα``).
    """

    low: float
    high: float
    closed_low: bool = False
    closed_high: bool = False
    low_symbol: Symbol | None = None
    high_symbol: Symbol | None = None

    def __post_init__(self) -> None:
        if not self.low <= self.high:
            raise ValueError(f"interval needs low <= high, got {self.low}, {self.high}")
        if (math.isinf(self.low) and self.closed_low) or (
            math.isinf(self.high) and self.closed_high
        ):
            raise ValueError("an infinite end of an interval is always open")
        if self.low == self.high and not (self.closed_low and self.closed_high):
            raise ValueError("an interval with low == high must be closed at both ends")

    @property
    def is_point(self) -> bool:
        return self.low == self.high

    @property
    def parts(self) -> tuple[Interval, ...]:
        return (self,)

    def symbol(self, end: float) -> Symbol | None:
        """How the registry writes the end ``end`` symbolically (``π/2``), if it does."""
        for value, symbol in ((self.low, self.low_symbol), (self.high, self.high_symbol)):
            if value == end and symbol is not None:
                return symbol
        return None

    def contains(self, y: ArrayLike) -> NDArray[np.bool_]:
        """Elementwise: is ``y`` in the interval?"""
        y = np.asarray(y, dtype=np.float64)
        above = y >= self.low if self.closed_low else y > self.low
        below = y <= self.high if self.closed_high else y < self.high
        return above & below

    def _ends(self, tex: bool) -> tuple[str, str]:
        low = self.low_symbol and (self.low_symbol.tex if tex else self.low_symbol.text)
        high = self.high_symbol and (self.high_symbol.tex if tex else self.high_symbol.text)
        return (
            low or number(self.low, outward="low", tex=tex),
            high or number(self.high, outward="high", tex=tex),
        )

    def _format(self, tex: bool) -> str:
        low, high = self._ends(tex)
        if self.is_point:
            return rf"\{{{low}\}}" if tex else f"{{{low}}}"
        left = "[" if self.closed_low else "("
        right = "]" if self.closed_high else ")"
        return f"{left}{low}, {high}{right}"

    @property
    def _decimal(self) -> Interval:
        return replace(self, low_symbol=None, high_symbol=None)


@dataclass(frozen=True)
class IntervalUnion(_Set):
    """A union of disjoint intervals, in increasing order: ``(−∞, −0.5) ∪ {0} ∪ (0.5, ∞)``.

    It answers the same questions as ``Interval`` (``low``, ``high``, ``bounded``,
    ``contains``, ``latex``); a union of points prints as a set, ``{0, 1}``.
    """

    parts: tuple[Interval, ...]

    def __post_init__(self) -> None:
        if len(self.parts) < 2:
            raise ValueError("a union needs at least two intervals")
        for a, b in zip(self.parts, self.parts[1:], strict=False):
            if not (a.high < b.low or (a.high == b.low and not (a.closed_high and b.closed_low))):
                raise ValueError("the intervals of a union must be disjoint and in order")

    def symbol(self, end: float) -> Symbol | None:
        """How the registry writes the outer end ``end`` symbolically, if it does."""
        return (self.parts[0] if end == self.low else self.parts[-1]).symbol(end)

    low = property(lambda self: self.parts[0].low)
    high = property(lambda self: self.parts[-1].high)
    closed_low = property(lambda self: self.parts[0].closed_low)
    closed_high = property(lambda self: self.parts[-1].closed_high)

    def contains(self, y: ArrayLike) -> NDArray[np.bool_]:
        return np.logical_or.reduce([p.contains(y) for p in self.parts])

    def _format(self, tex: bool) -> str:
        if all(p.is_point for p in self.parts):
            items = ", ".join(p._ends(tex)[0] for p in self.parts)
            return rf"\{{{items}\}}" if tex else f"{{{items}}}"
        return (r" \cup " if tex else " ∪ ").join(p._format(tex) for p in self.parts)

    @property
    def _decimal(self) -> IntervalUnion:
        return IntervalUnion(tuple(p._decimal for p in self.parts))


Range = Interval | IntervalUnion


def above_minimum(high: float = INF, closed_high: bool = False) -> Callable[[Extremum], Interval]:
    """A range ``[minimum, high)`` whose lower end is the function's computed minimum."""
    return lambda m: Interval(m.value, high, True, closed_high)


def points(*values: float) -> IntervalUnion:
    """The finite set ``{values}`` as a range."""
    return IntervalUnion(tuple(Interval(v, v, True, True) for v in values))


@dataclass(frozen=True)
class Extremum:
    """Where a function takes its smallest (or largest) value: ``f(x) = value``."""

    kind: str  # "minimum" or "maximum"
    x: float
    value: float

    def __str__(self) -> str:
        return f"{self.kind} f({number(self.x)}) {number(self.value, relation=True)}"


def continuity_latex(k: float) -> str:
    if k == DISCONTINUOUS:
        return r"C^{-1}"
    return r"C^{\infty}" if math.isinf(k) else f"C^{{{int(k)}}}"


# --------------------------------------------------------------------------- the object


def _evaluate(kernel: Callable[..., F64], x: ArrayLike, params: Mapping[str, float], limits):
    """Apply a float64 ``kernel`` to ``x``: dtype and shape kept, NaN and ±inf handled here."""
    arr = np.asarray(x)
    kind = arr.dtype.kind
    if kind not in "biuf":
        raise TypeError(f"activation functions take real numbers, not {arr.dtype}")
    if arr.dtype in (np.float32, np.float64):
        out_dtype = arr.dtype
    else:
        out_dtype = np.dtype(np.float32 if arr.dtype == np.float16 else np.float64)
    z = arr.astype(np.float64, copy=False)
    finite = np.isfinite(z)
    if finite.all():
        y = kernel(z, **params)
    else:
        y = kernel(np.where(finite, z, 0.0), **params)
        y = np.where(z == INF, limits[1], y)
        y = np.where(z == -INF, limits[0], y)
        y = np.where(np.isnan(z), np.nan, y)
    y = np.broadcast_to(np.asarray(y, dtype=np.float64), z.shape)
    with np.errstate(over="ignore"):  # a float64 result beyond float32's range is ±inf there
        out = y.astype(out_dtype)
    if np.ndim(x) == 0 and not isinstance(x, np.ndarray):
        return out[()]
    return out


@dataclass(frozen=True, kw_only=True, eq=False)
class Activation:
    """One activation function: call it for ``f(z)``, ``.derivative(z)`` for ``f'(z)``.

    The fields are the registry entry; the properties after them are computed from it.

    Attributes:
        name: identifier (``"leaky_relu"``), also the name of its figure.
        label: how people write it (``"Leaky ReLU"``).
        kernel: ``f`` on a float64 array of *finite* values, called with ``**params``.
        derivative_kernel: ``f'`` likewise.
        formula: LaTeX of ``f(z)`` (the right-hand side), in terms of ``z`` and the parameters.
        derivative_formula: LaTeX of ``f'(z)``.
        range_spec: the exact set of values, or a function of the computed minimum giving it
            (``above_minimum``); read the result as
            [`range`][explainer.activations.Activation.range].
        limits: ``f(-∞)`` and ``f(+∞)`` (``nan`` where there is no limit).
        derivative_limits: ``f'(-∞)`` and ``f'(+∞)``.
        monotonic: see the module docstring.
        monotonic_derivative: see the module docstring.
        continuity: ``k`` of ``C^k``; ``SMOOTH`` or ``DISCONTINUOUS``.
        breaks: points where ``f`` or one of its derivatives is not continuous (kinks, jumps).
        convention: what [`derivative`][explainer.activations.Activation.derivative] returns
            where the derivative does not exist.
        params: parameters and their values (PyTorch's defaults), passed to the kernels.
        defaults_from: where the parameter values come from, in words.
        param_tex: LaTeX symbol of each parameter, for the formulas (``{"alpha": r"\\alpha"}``).
        sources: where it comes from: citations, each with its year (``Source``).
        minimum_bracket, maximum_bracket: an interval where ``f'`` changes sign once, for a
            minimum (or maximum) computed by bisection; ``None`` when there is none to report.
        aliases: other names [`get`][explainer.activations.get] accepts ("swish" for SiLU).
        period: the period of a periodic function (the sinusoid's 2π), else ``None``.
    """

    name: str
    label: str
    kernel: Callable[..., F64]
    derivative_kernel: Callable[..., F64]
    formula: str
    derivative_formula: str
    range_spec: Range | Callable[[Extremum], Range]
    limits: tuple[float, float]
    derivative_limits: tuple[float, float]
    monotonic: bool
    monotonic_derivative: bool
    continuity: float
    sources: tuple[Source, ...]
    breaks: tuple[float, ...] = ()
    convention: str = ""
    params: Mapping[str, float] = field(default_factory=dict)
    param_tex: Mapping[str, str] = field(default_factory=dict)
    defaults_from: str = "PyTorch's defaults"
    minimum_bracket: tuple[float, float] | None = None
    maximum_bracket: tuple[float, float] | None = None
    aliases: tuple[str, ...] = ()
    period: float | None = None
    #: Each output depends on its own input only (softmax's on the whole layer).
    elementwise: ClassVar[bool] = True

    # -- values

    def __call__(self, z: ArrayLike) -> Any:
        """``f(z)``, elementwise."""
        return _evaluate(self.kernel, z, self.params, self.limits)

    def derivative(self, z: ArrayLike) -> Any:
        """``f'(z)``, elementwise (where it is undefined: see ``convention``)."""
        return _evaluate(self.derivative_kernel, z, self.params, self.derivative_limits)

    # -- facts computed from the entry

    @cached_property
    def minimum(self) -> Extremum | None:
        """The global minimum, found where ``f'`` changes sign from − to + (``None`` if none)."""
        return self._extremum("minimum", self.minimum_bracket)

    @cached_property
    def maximum(self) -> Extremum | None:
        """The global maximum, like [`minimum`][explainer.activations.Activation.minimum]."""
        return self._extremum("maximum", self.maximum_bracket)

    @cached_property
    def range(self) -> Range:
        """The exact range (set of values) as an ``Interval`` or ``IntervalUnion``."""
        if callable(self.range_spec):
            if self.minimum is None:
                raise ValueError(f"{self.name}: a range from the minimum needs minimum_bracket")
            return self.range_spec(self.minimum)
        return self.range_spec

    @property
    def f0(self) -> float:
        """``f(0)``."""
        return float(self(0.0))

    @property
    def df0(self) -> float:
        """``f'(0)`` (by the convention if it does not exist)."""
        return float(self.derivative(0.0))

    @property
    def bounded(self) -> bool:
        return self.range.bounded

    @property
    def origin(self) -> str:
        """The sources in words, one after the other."""
        return "; ".join(map(str, self.sources))

    @property
    def year(self) -> int | None:
        """The year of the earliest source (``None`` if no source has a year)."""
        return min((s.year for s in self.sources if s.year), default=None)

    @cached_property
    def mean_output(self) -> float:
        """``E[f(Z)]`` for a standard normal ``Z``: the mean output for inputs centred on 0.

        The integral of ``f(z) φ(z)`` over ``[-12, 12]`` (beyond it ``φ`` is below 1e-31), by
        20-point Gauss-Legendre quadrature on pieces half a unit wide, cut also at every break,
        so that no kink or jump falls inside a piece: accurate to about 1e-16.
        """
        nodes, weights = np.polynomial.legendre.leggauss(20)
        cuts = np.union1d(np.linspace(-12.0, 12.0, 49), [b for b in self.breaks if -12 < b < 12])
        a, b = cuts[:-1, None], cuts[1:, None]
        z = 0.5 * (b - a) * nodes + 0.5 * (a + b)
        values = np.asarray(self(z), dtype=np.float64) * np.exp(-0.5 * z * z)
        return float(np.sum(0.5 * (b - a) * weights * values) / math.sqrt(2.0 * math.pi))

    @property
    def zero_centred(self) -> bool:
        """Outputs centred on 0: the mean output for standard normal input is 0 (see above)."""
        return abs(self.mean_output) < ZERO_MEAN_TOLERANCE

    @property
    def identity_near_zero(self) -> bool:
        return self.f0 == 0.0 and math.isclose(self.df0, 1.0, rel_tol=1e-12)

    @property
    def asymptotes(self) -> list[tuple[float, str]]:
        """Finite open ends of the range, each with the side where it is approached.

        Returns ``(value, side)`` pairs, ``side`` being ``"-inf"``, ``"+inf"`` or ``"both"``.
        """
        r = self.range
        found = []
        for value, closed in ((r.low, r.closed_low), (r.high, r.closed_high)):
            if math.isinf(value) or closed:
                continue
            sides = [
                s for s, lim in zip(("-inf", "+inf"), self.limits, strict=True) if lim == value
            ]
            found.append((value, "both" if len(sides) == 2 else (sides[0] if sides else "")))
        return found

    def formula_latex(self) -> str:
        """``f(z) = ...`` in LaTeX."""
        return f"f(z) = {self.formula}"

    def derivative_latex(self) -> str:
        return f"f'(z) = {self.derivative_formula}"

    def places(self, ext: Extremum, lo: float, hi: float) -> list[float]:
        """Every ``z`` in ``[lo, hi]`` where ``f`` takes the extreme value ``ext.value``.

        Besides ``ext.x``: its mirror image when ``f(-x)`` is the same (sinc is even), and its
        repeats, one period apart, for a periodic function.
        """
        found = {ext.x}
        if ext.x != 0.0 and float(self(-ext.x)) == ext.value:
            found.add(-ext.x)
        if self.period:
            k = math.ceil((lo - ext.x) / self.period)
            while ext.x + k * self.period <= hi:
                found.add(ext.x + k * self.period)
                k += 1
        return sorted(x for x in found if lo <= x <= hi)

    def _extremum(self, kind: str, bracket: tuple[float, float] | None) -> Extremum | None:
        if bracket is None:
            return None
        a, b = bracket
        sign = 1.0 if kind == "minimum" else -1.0  # f' goes - to + at a minimum

        def d(t: float) -> float:
            return sign * float(self.derivative(t))

        da, db = d(a), d(b)
        if not (da < 0.0 < db):
            raise ValueError(f"{self.name}: no {kind} in {bracket}: f' does not change sign")
        # Bisection to the last bit: halve [a, b] until no float lies strictly between them.
        while True:
            m = 0.5 * (a + b)
            if not a < m < b:
                break
            dm = d(m)
            if dm == 0.0:
                a = b = m
                break
            if dm < 0.0:
                a = m
            else:
                b = m
        x = min((a, b), key=lambda t: sign * float(self(t)))
        return Extremum(kind, x, float(self(x)))


# --------------------------------------------------------------------------- error function

_ERF = np.frompyfunc(math.erf, 1, 1)
_ERFC = np.frompyfunc(math.erfc, 1, 1)


def erf(x: ArrayLike) -> Any:
    """The error function ``erf(x) = 2/√π ∫₀ˣ exp(-t²) dt``, elementwise: the standard
    library's ``math.erf`` (numpy has none) on each element."""
    return np.asarray(_ERF(np.asarray(x, dtype=np.float64)), dtype=np.float64)[()]


def erfc(x: ArrayLike) -> Any:
    """The complementary error function ``1 - erf(x)``, accurate also where it is tiny:
    ``math.erfc`` on each element."""
    return np.asarray(_ERFC(np.asarray(x, dtype=np.float64)), dtype=np.float64)[()]


# --------------------------------------------------------------------------- kernels
#
# Every kernel takes a float64 array of finite numbers and must not overflow: exp() only ever
# sees an argument <= 0, or one clipped to a harmless size.


def _sigmoid(z: F64) -> F64:
    """1/(1+e^-z) without overflow: e^-|z| is in (0, 1]."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_prime(z: F64) -> F64:
    """σ(z)(1-σ(z)) = e^-|z| / (1+e^-|z|)², exact in both tails."""
    e = np.exp(-np.abs(z))
    return e / ((1.0 + e) * (1.0 + e))


def _softplus(z: F64, beta: float) -> F64:
    """ln(1+e^βz)/β, with ln(1+e^x) = max(x, 0) + ln(1 + e^-|x|)."""
    x = beta * z
    return (np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))) / beta


def _tanh_prime(z: F64) -> F64:
    """1 - tanh²z = 4e^-2|z| / (1+e^-2|z|)², with no cancellation in the tails."""
    e = np.exp(-2.0 * np.abs(z))
    return 4.0 * e / ((1.0 + e) * (1.0 + e))


_SQRT2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def _gelu(z: F64) -> F64:
    # z·Φ(z) with Φ(z) = erfc(-z/√2)/2: no cancellation for negative z (1 + erf would cancel)
    return z * 0.5 * erfc(-z / _SQRT2)


def _gelu_prime(z: F64) -> F64:
    zc = np.clip(z, -40.0, 40.0)  # φ(z) underflows to 0 well before |z| = 40
    return 0.5 * erfc(-z / _SQRT2) + z * _INV_SQRT_2PI * np.exp(-0.5 * zc * zc)


_GELU_C = math.sqrt(2.0 / math.pi)
_GELU_K = 0.044715


def _gelu_tanh(z: F64) -> F64:
    # z/2·(1 + tanh u) = z·σ(2u): the sigmoid form does not cancel for negative z
    zc = np.clip(z, -1e3, 1e3)  # σ(2u) is exactly 0 or 1 long before; keeps z³ finite
    return z * _sigmoid(2.0 * _GELU_C * (zc + _GELU_K * zc**3))


def _gelu_tanh_prime(z: F64) -> F64:
    zc = np.clip(z, -1e3, 1e3)
    v = 2.0 * _GELU_C * (zc + _GELU_K * zc**3)
    dv = 2.0 * _GELU_C * (1.0 + 3.0 * _GELU_K * zc * zc)
    return _sigmoid(v) + zc * dv * _sigmoid_prime(v)


def _elu(z: F64, alpha: float) -> F64:
    """z for z > 0, else α(e^z - 1): expm1 keeps the digits of small negative z."""
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))


def _elu_prime(z: F64, alpha: float) -> F64:
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))


def _mish_parts(z: F64) -> tuple[F64, F64]:
    """``(t, 1 - t)`` with ``t = tanh(softplus(z))``, both without cancellation.

    With n = e^z, tanh(ln(1+n)) = n(n+2)/(n(n+2)+2); for z > 0 divide through by e^2z.
    """
    n = np.exp(np.minimum(z, 0.0))
    m = np.exp(-np.maximum(z, 0.0))
    neg_den = n * (n + 2.0) + 2.0
    pos_den = 1.0 + 2.0 * m + 2.0 * m * m
    t = np.where(z <= 0, n * (n + 2.0) / neg_den, (1.0 + 2.0 * m) / pos_den)
    one_minus_t = np.where(z <= 0, 2.0 / neg_den, 2.0 * m * m / pos_den)
    return t, one_minus_t


def _mish(z: F64) -> F64:
    return z * _mish_parts(z)[0]


def _mish_prime(z: F64) -> F64:
    t, u = _mish_parts(z)
    return t + z * u * (1.0 + t) * _sigmoid(z)  # tanh(s) + z·sech²(s)·σ(z), sech² = (1-t)(1+t)


def _tanhshrink(z: F64) -> F64:
    # z - tanh z loses every digit near 0; there use its Taylor series (error < 1e-17 at 0.1),
    # evaluated on z clipped to where it is used, so that z⁹ cannot overflow elsewhere
    t = np.clip(z, -0.1, 0.1)
    s = t * t
    inner = 17 / 315 + s * (-62 / 2835 + s * (1382 / 155925 + s * (-21844 / 6081075)))
    series = t * s * (1 / 3 + s * (-2 / 15 + s * inner))
    return np.where(np.abs(z) < 0.1, series, z - np.tanh(z))


def _shrink_prime(z: F64, lambd: float) -> F64:
    """Softshrink's and hardshrink's slope: 1 outside [-λ, λ], 0 inside (and at ±λ)."""
    return np.where(np.abs(z) > lambd, 1.0, 0.0)


def _bent_identity(z: F64) -> F64:
    h = np.hypot(z, 1.0)  # sqrt(z² + 1) without overflow
    return 0.5 * z * (z / (h + 1.0)) + z  # (sqrt(z²+1) - 1)/2 = z²/(2(sqrt(z²+1)+1))


def _arctan_prime(z: F64) -> F64:
    a = np.abs(z)
    big = a > 1.0
    r = np.where(big, 1.0 / np.where(big, a, 1.0), a)  # r <= 1: r² cannot overflow
    return np.where(big, r * r / (1.0 + r * r), 1.0 / (1.0 + r * r))


def _isru(z: F64, alpha: float) -> F64:
    return z / np.hypot(1.0, math.sqrt(alpha) * z)


def _isru_prime(z: F64, alpha: float) -> F64:
    r = 1.0 / np.hypot(1.0, math.sqrt(alpha) * z)
    return r * r * r


def _gaussian(z: F64) -> F64:
    zc = np.clip(z, -1e3, 1e3)
    return np.exp(-zc * zc)


def _gaussian_prime(z: F64) -> F64:
    zc = np.clip(z, -1e3, 1e3)
    return -2.0 * zc * np.exp(-zc * zc)


def _safe(z: F64) -> F64:
    """``z`` with zeros replaced by 1, to divide by."""
    return np.where(z == 0, 1.0, z)


def _sinc(z: F64) -> F64:
    return np.where(z == 0, 1.0, np.sin(z) / _safe(z))


def _sinc_prime(z: F64) -> F64:
    # (cos z - sinc z)/z cancels near 0; there use the series -z/3 + z³/30 - z⁵/840 + z⁷/45360
    # (on z clipped to where it is used: z⁷ of a huge z would overflow)
    t = np.clip(z, -0.1, 0.1)
    s = t * t
    series = t * (-1 / 3 + s * (1 / 30 + s * (-1 / 840 + s / 45360)))
    direct = (np.cos(z) - np.sin(z) / _safe(z)) / _safe(z)
    return np.where(np.abs(z) < 0.1, series, direct)


# --------------------------------------------------------------------------- the registry

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946

_PYTORCH = "follows PyTorch's autograd"

_ENTRIES: tuple[Activation, ...] = (
    Activation(
        name="step",
        label="Step (Heaviside)",
        kernel=lambda z: np.where(z >= 0, 1.0, 0.0),
        derivative_kernel=np.zeros_like,
        formula=r"\begin{cases} 1 & z \ge 0 \\ 0 & z < 0 \end{cases}",
        derivative_formula=r"0 \quad (z \ne 0;\ \text{undefined at } z = 0)",
        range_spec=points(0.0, 1.0),
        limits=(0.0, 1.0),
        derivative_limits=(0.0, 0.0),
        monotonic=True,
        monotonic_derivative=True,
        continuity=DISCONTINUOUS,
        breaks=(0.0,),
        convention="step(0) = 1 (the neuron fires when z reaches the threshold); step'(0) = 0, "
        "the derivative's value everywhere else, though at the jump it does not exist (PyTorch's "
        "heaviside has no gradient). A zero gradient is why a perceptron is not trained by "
        "gradient descent.",
        sources=(
            Source(
                1943,
                'W. S. McCulloch and W. Pitts, "A logical calculus of the ideas immanent in '
                'nervous activity"',
            ),
            Source(
                1958,
                'F. Rosenblatt, "The perceptron: a probabilistic model for information '
                'storage and organization in the brain"',
            ),
        ),
        aliases=("heaviside", "threshold", "perceptron"),
    ),
    Activation(
        name="identity",
        label="Identity (linear)",
        kernel=lambda z: z.copy(),
        derivative_kernel=np.ones_like,
        formula="z",
        derivative_formula="1",
        range_spec=Interval(-INF, INF),
        limits=(-INF, INF),
        derivative_limits=(1.0, 1.0),
        monotonic=True,
        monotonic_derivative=True,
        continuity=SMOOTH,
        sources=(
            Source(1960, 'B. Widrow and M. E. Hoff, "Adaptive switching circuits" (ADALINE)'),
        ),
        aliases=("linear",),
    ),
    Activation(
        name="sigmoid",
        label="Sigmoid (logistic)",
        kernel=_sigmoid,
        derivative_kernel=_sigmoid_prime,
        formula=r"\sigma(z) = \frac{1}{1 + e^{-z}}",
        derivative_formula=r"\sigma(z)\,\bigl(1 - \sigma(z)\bigr)",
        range_spec=Interval(0.0, 1.0),
        limits=(0.0, 1.0),
        derivative_limits=(0.0, 0.0),
        monotonic=True,
        monotonic_derivative=False,
        continuity=SMOOTH,
        sources=(
            Source(1838, "P.-F. Verhulst's logistic function"),
            Source(
                1986,
                'D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning representations '
                'by back-propagating errors", which trained sigmoid networks by '
                "backpropagation",
            ),
        ),
        aliases=("logistic", "logistic_sigmoid"),
    ),
    Activation(
        name="tanh",
        label="tanh",
        kernel=np.tanh,
        derivative_kernel=_tanh_prime,
        formula=r"\tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
        derivative_formula=r"1 - \tanh^2 z",
        range_spec=Interval(-1.0, 1.0),
        limits=(-1.0, 1.0),
        derivative_limits=(0.0, 0.0),
        monotonic=True,
        monotonic_derivative=False,
        continuity=SMOOTH,
        sources=(
            Source(
                1998,
                'Y. LeCun, L. Bottou, G. B. Orr and K.-R. Müller, "Efficient BackProp", which'
                " recommends it over the logistic sigmoid",
            ),
        ),
        aliases=("hyperbolic_tangent",),  # not "tan": the tangent is another function
    ),
    Activation(
        name="relu",
        label="ReLU",
        kernel=lambda z: np.where(z > 0, z, 0.0),
        derivative_kernel=lambda z: np.where(z > 0, 1.0, 0.0),
        formula=r"\max(0, z)",
        derivative_formula=r"\begin{cases} 1 & z > 0 \\ 0 & z < 0 \end{cases}",
        range_spec=Interval(0.0, INF, closed_low=True),
        limits=(0.0, INF),
        derivative_limits=(0.0, 1.0),
        monotonic=True,
        monotonic_derivative=True,
        continuity=0,
        breaks=(0.0,),
        convention="relu'(0) = 0 (" + _PYTORCH + ")",
        sources=(
            Source(
                2010,
                'V. Nair and G. E. Hinton, "Rectified linear units improve restricted '
                'Boltzmann machines"',
            ),
            Source(
                2011, 'X. Glorot, A. Bordes and Y. Bengio, "Deep sparse rectifier neural networks"'
            ),
        ),
        aliases=("rectifier",),
    ),
    Activation(
        name="leaky_relu",
        label="Leaky ReLU",
        kernel=lambda z, negative_slope: np.where(z > 0, z, negative_slope * z),
        derivative_kernel=lambda z, negative_slope: np.where(z > 0, 1.0, negative_slope),
        formula=r"\begin{cases} z & z > 0 \\ a z & z \le 0 \end{cases}",
        derivative_formula=r"\begin{cases} 1 & z > 0 \\ a & z < 0 \end{cases}",
        range_spec=Interval(-INF, INF),
        limits=(-INF, INF),
        derivative_limits=(0.01, 1.0),
        monotonic=True,
        monotonic_derivative=True,
        continuity=0,
        breaks=(0.0,),
        convention="leaky_relu'(0) = a = 0.01 (" + _PYTORCH + ")",
        params={"negative_slope": 0.01},
        param_tex={"negative_slope": "a"},
        sources=(
            Source(
                2013,
                'A. L. Maas, A. Y. Hannun and A. Y. Ng, "Rectifier nonlinearities improve '
                'neural network acoustic models"',
            ),
        ),
        aliases=("leakyrelu", "lrelu"),
    ),
    Activation(
        name="elu",
        label="ELU",
        kernel=_elu,
        derivative_kernel=_elu_prime,
        formula=r"\begin{cases} z & z > 0 \\ \alpha\,(e^{z} - 1) & z \le 0 \end{cases}",
        derivative_formula=r"\begin{cases} 1 & z > 0 \\ \alpha\, e^{z} & z \le 0 \end{cases}",
        range_spec=Interval(-1.0, INF),
        limits=(-1.0, INF),
        derivative_limits=(0.0, 1.0),
        monotonic=True,
        monotonic_derivative=True,
        continuity=1,
        breaks=(0.0,),
        convention="elu'(0) = α e⁰ = α (" + _PYTORCH + "); with α = 1 the derivative is "
        "continuous there anyway",
        params={"alpha": 1.0},
        param_tex={"alpha": r"\alpha"},
        sources=(
            Source(
                2015,
                'D.-A. Clevert, T. Unterthiner and S. Hochreiter, "Fast and accurate deep '
                'network learning by exponential linear units (ELUs)"',
            ),
        ),
    ),
    Activation(
        name="selu",
        label="SELU",
        kernel=lambda z, alpha, scale: scale * _elu(z, alpha),
        derivative_kernel=lambda z, alpha, scale: scale * _elu_prime(z, alpha),
        formula=r"\lambda \begin{cases} z & z > 0 \\ \alpha\,(e^{z} - 1) & z \le 0 \end{cases}",
        derivative_formula=r"\lambda \begin{cases} 1 & z > 0 \\ \alpha\, e^{z} & z < 0 "
        r"\end{cases}",
        range_spec=Interval(-_SELU_SCALE * _SELU_ALPHA, INF),
        limits=(-_SELU_SCALE * _SELU_ALPHA, INF),
        derivative_limits=(0.0, _SELU_SCALE),
        monotonic=True,
        monotonic_derivative=False,
        continuity=0,
        breaks=(0.0,),
        convention="selu'(0) = λα ≈ 1.7581, the limit from the left (" + _PYTORCH + ")",
        params={"alpha": _SELU_ALPHA, "scale": _SELU_SCALE},
        param_tex={"alpha": r"\alpha", "scale": r"\lambda"},
        sources=(
            Source(
                2017,
                'G. Klambauer, T. Unterthiner, A. Mayr and S. Hochreiter, "Self-normalizing '
                'neural networks"',
            ),
        ),
    ),
    Activation(
        name="celu",
        label="CELU",
        kernel=lambda z, alpha: (
            np.maximum(z, 0.0) + np.minimum(0.0, alpha * np.expm1(np.minimum(z, 0.0) / alpha))
        ),
        derivative_kernel=lambda z, alpha: np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0) / alpha)),
        formula=r"\max(0, z) + \min\bigl(0,\ \alpha\,(e^{z/\alpha} - 1)\bigr)",
        derivative_formula=r"\begin{cases} 1 & z > 0 \\ e^{z/\alpha} & z \le 0 \end{cases}",
        range_spec=Interval(-1.0, INF),
        limits=(-1.0, INF),
        derivative_limits=(0.0, 1.0),
        monotonic=True,
        monotonic_derivative=True,
        continuity=1,
        breaks=(0.0,),
        convention="celu'(0) = 1 (" + _PYTORCH + "; the derivative is continuous there)",
        params={"alpha": 1.0},
        param_tex={"alpha": r"\alpha"},
        sources=(
            Source(2017, 'J. T. Barron, "Continuously differentiable exponential linear units"'),
        ),
    ),
    Activation(
        name="gelu",
        label="GELU",
        kernel=_gelu,
        derivative_kernel=_gelu_prime,
        formula=r"z\,\Phi(z) = \frac{z}{2}\left(1 + \operatorname{erf}\frac{z}{\sqrt{2}}\right)",
        derivative_formula=r"\Phi(z) + \frac{z}{\sqrt{2\pi}}\, e^{-z^2/2}",
        range_spec=above_minimum(),
        limits=(0.0, INF),
        derivative_limits=(0.0, 1.0),
        monotonic=False,
        monotonic_derivative=False,
        continuity=SMOOTH,
        minimum_bracket=(-1.5, -0.25),
        sources=(
            Source(2016, 'D. Hendrycks and K. Gimpel, "Gaussian error linear units (GELUs)"'),
        ),
    ),
    Activation(
        name="gelu_tanh",
        label="GELU (tanh approximation)",
        kernel=_gelu_tanh,
        derivative_kernel=_gelu_tanh_prime,
        formula=r"\frac{z}{2}\left(1 + \tanh u\right),\quad "
        r"u = \sqrt{2/\pi}\,\left(z + 0.044715\, z^3\right)",
        derivative_formula=r"\frac{1 + \tanh u}{2} + \frac{z}{2}\,\left(1 - \tanh^2 u\right)"
        r" u',\quad u' = \sqrt{2/\pi}\,\left(1 + 0.134145\, z^2\right)",
        range_spec=above_minimum(),
        limits=(0.0, INF),
        derivative_limits=(0.0, 1.0),
        monotonic=False,
        monotonic_derivative=False,
        continuity=SMOOTH,
        minimum_bracket=(-1.5, -0.25),
        sources=(
            Source(2016, 'D. Hendrycks and K. Gimpel, "Gaussian error linear units (GELUs)"'),
        ),
        aliases=("gelu_approx", "gelu_new"),
    ),
    Activation(
        name="silu",
        label="SiLU (swish)",
        kernel=lambda z: z * _sigmoid(z),
        derivative_kernel=lambda z: _sigmoid(z) + z * _sigmoid_prime(z),
        formula=r"z\,\sigma(z) = \frac{z}{1 + e^{-z}}",
        derivative_formula=r"\sigma(z)\,\bigl(1 + z\,(1 - \sigma(z))\bigr)",
        range_spec=above_minimum(),
        limits=(0.0, INF),
        derivative_limits=(0.0, 1.0),
        monotonic=False,
        monotonic_derivative=False,
        continuity=SMOOTH,
        minimum_bracket=(-2.0, -0.5),
        sources=(
            Source(2016, 'D. Hendrycks and K. Gimpel, "Gaussian error linear units (GELUs)"'),
            Source(
                2017,
                'S. Elfwing, E. Uchibe and K. Doya, "Sigmoid-weighted linear units for neural'
                ' network function approximation in reinforcement learning"',
            ),
            Source(
                2017, 'P. Ramachandran, B. Zoph and Q. V. Le, "Searching for activation functions"'
            ),
        ),
        aliases=("swish",),
    ),
    Activation(
        name="mish",
        label="Mish",
        kernel=_mish,
        derivative_kernel=_mish_prime,
        formula=r"z \tanh\bigl(\ln(1 + e^{z})\bigr)",
        derivative_formula=r"\tanh s + z\,\sigma(z)\,\left(1 - \tanh^2 s\right),\quad "
        r"s = \ln(1 + e^{z})",
        range_spec=above_minimum(),
        limits=(0.0, INF),
        derivative_limits=(0.0, 1.0),
        monotonic=False,
        monotonic_derivative=False,
        continuity=SMOOTH,
        minimum_bracket=(-2.0, -0.5),
        sources=(
            Source(2019, 'D. Misra, "Mish: a self regularized non-monotonic activation function"'),
        ),
    ),
    Activation(
        name="softplus",
        label="Softplus",
        kernel=_softplus,
        derivative_kernel=lambda z, beta: _sigmoid(beta * z),
        formula=r"\frac{1}{\beta}\ln\left(1 + e^{\beta z}\right)",
        derivative_formula=r"\sigma(\beta z) = \frac{1}{1 + e^{-\beta z}}",
        range_spec=Interval(0.0, INF),
        limits=(0.0, INF),
        derivative_limits=(0.0, 1.0),
        monotonic=True,
        monotonic_derivative=True,
        continuity=SMOOTH,
        convention="no threshold: PyTorch returns z itself once βz > threshold = 20, to avoid "
        "overflow; the formula here cannot overflow, so it stays exact (and smooth and "
        "monotonic) everywhere and agrees with PyTorch to within 2.1e-9",
        params={"beta": 1.0},
        param_tex={"beta": r"\beta"},
        sources=(
            Source(
                2001,
                'C. Dugas, Y. Bengio, F. Bélisle, C. Nadeau and R. Garcia, "Incorporating '
                'second-order functional knowledge for better option pricing"',
            ),
        ),
    ),
    Activation(
        name="softsign",
        label="Softsign",
        kernel=lambda z: z / (1.0 + np.abs(z)),
        derivative_kernel=lambda z: (1.0 / (1.0 + np.abs(z))) ** 2,
        formula=r"\frac{z}{1 + |z|}",
        derivative_formula=r"\frac{1}{(1 + |z|)^2}",
        range_spec=Interval(-1.0, 1.0),
        limits=(-1.0, 1.0),
        derivative_limits=(0.0, 0.0),
        monotonic=True,
        monotonic_derivative=False,
        continuity=1,
        breaks=(0.0,),
        sources=(
            Source(
                2009,
                'J. Turian, J. Bergstra and Y. Bengio, "Quadratic features and deep '
                'architectures for chunking"',
            ),
        ),
    ),
    Activation(
        name="hard_sigmoid",
        label="Hard sigmoid",
        kernel=lambda z: np.clip(z + 3.0, 0.0, 6.0) / 6.0,
        derivative_kernel=lambda z: np.where((z > -3) & (z < 3), 1.0 / 6.0, 0.0),
        formula=r"\frac{\operatorname{ReLU6}(z + 3)}{6} = \min\left(1, \max\left(0, "
        r"\frac{z + 3}{6}\right)\right)",
        derivative_formula=r"\begin{cases} 1/6 & -3 < z < 3 \\ 0 & |z| > 3 \end{cases}",
        range_spec=Interval(0.0, 1.0, True, True),
        limits=(0.0, 1.0),
        derivative_limits=(0.0, 0.0),
        monotonic=True,
        monotonic_derivative=False,
        continuity=0,
        breaks=(-3.0, 3.0),
        convention="hard_sigmoid'(±3) = 0 (" + _PYTORCH + ")",
        sources=(
            Source(
                2015,
                'M. Courbariaux, Y. Bengio and J.-P. David, "BinaryConnect", an earlier hard '
                "sigmoid",
            ),
            Source(2019, 'A. Howard et al., "Searching for MobileNetV3", the form used here'),
        ),
        aliases=("hardsigmoid",),
    ),
    Activation(
        name="hard_tanh",
        label="Hard tanh",
        kernel=lambda z: np.clip(z, -1.0, 1.0),
        derivative_kernel=lambda z: np.where((z > -1) & (z < 1), 1.0, 0.0),
        formula=r"\max\bigl(-1, \min(1, z)\bigr)",
        derivative_formula=r"\begin{cases} 1 & -1 < z < 1 \\ 0 & |z| > 1 \end{cases}",
        range_spec=Interval(-1.0, 1.0, True, True),
        limits=(-1.0, 1.0),
        derivative_limits=(0.0, 0.0),
        monotonic=True,
        monotonic_derivative=False,
        continuity=0,
        breaks=(-1.0, 1.0),
        convention="hard_tanh'(±1) = 0 (" + _PYTORCH + ")",
        sources=(Source(2004, 'R. Collobert, "Large scale machine learning", PhD thesis'),),
        aliases=("hardtanh",),
    ),
    Activation(
        name="hard_swish",
        label="Hard swish",
        kernel=lambda z: z * np.clip(z + 3.0, 0.0, 6.0) / 6.0,
        derivative_kernel=lambda z: np.where(z <= -3, 0.0, np.where(z < 3, z / 3 + 0.5, 1.0)),
        formula=r"z\,\frac{\operatorname{ReLU6}(z + 3)}{6} = \begin{cases} 0 & z \le -3 \\ "
        r"z\,(z + 3)/6 & -3 < z < 3 \\ z & z \ge 3 \end{cases}",
        derivative_formula=r"\begin{cases} 0 & z < -3 \\ (2z + 3)/6 & -3 < z < 3 \\ 1 & z > 3 "
        r"\end{cases}",
        range_spec=above_minimum(),
        limits=(0.0, INF),
        derivative_limits=(0.0, 1.0),
        monotonic=False,
        monotonic_derivative=False,
        continuity=0,
        breaks=(-3.0, 3.0),
        convention="hard_swish'(−3) = 0 and hard_swish'(3) = 1 (" + _PYTORCH + ")",
        minimum_bracket=(-2.5, -0.5),
        sources=(Source(2019, 'A. Howard et al., "Searching for MobileNetV3"'),),
        aliases=("hardswish",),
    ),
    Activation(
        name="relu6",
        label="ReLU6",
        kernel=lambda z: np.clip(z, 0.0, 6.0),
        derivative_kernel=lambda z: np.where((z > 0) & (z < 6), 1.0, 0.0),
        formula=r"\min\bigl(\max(0, z), 6\bigr)",
        derivative_formula=r"\begin{cases} 1 & 0 < z < 6 \\ 0 & z < 0 \text{ or } z > 6 "
        r"\end{cases}",
        range_spec=Interval(0.0, 6.0, True, True),
        limits=(0.0, 6.0),
        derivative_limits=(0.0, 0.0),
        monotonic=True,
        monotonic_derivative=False,
        continuity=0,
        breaks=(0.0, 6.0),
        convention="relu6'(0) = relu6'(6) = 0 (" + _PYTORCH + ")",
        sources=(Source(2010, 'A. Krizhevsky, "Convolutional deep belief networks on CIFAR-10"'),),
    ),
    Activation(
        name="log_sigmoid",
        label="Log-sigmoid",
        kernel=lambda z: np.minimum(z, 0.0) - np.log1p(np.exp(-np.abs(z))),
        derivative_kernel=lambda z: _sigmoid(-z),
        formula=r"\ln \sigma(z) = -\ln\left(1 + e^{-z}\right)",
        derivative_formula=r"1 - \sigma(z) = \sigma(-z)",
        range_spec=Interval(-INF, 0.0),
        limits=(-INF, 0.0),
        derivative_limits=(1.0, 0.0),
        monotonic=True,
        monotonic_derivative=True,
        continuity=SMOOTH,
        sources=(
            Source(
                1958,
                'D. R. Cox, "The regression analysis of binary sequences": the log-likelihood'
                " of logistic regression",
            ),
            Source(None, "a layer in Torch and PyTorch"),
        ),
        aliases=("logsigmoid",),
    ),
    Activation(
        name="tanhshrink",
        label="Tanhshrink",
        kernel=_tanhshrink,
        derivative_kernel=lambda z: np.tanh(z) ** 2,
        formula=r"z - \tanh z",
        derivative_formula=r"\tanh^2 z",
        range_spec=Interval(-INF, INF),
        limits=(-INF, INF),
        derivative_limits=(1.0, 1.0),
        monotonic=True,
        monotonic_derivative=False,
        continuity=SMOOTH,
        sources=(
            Source(
                2011,
                'R. Collobert, K. Kavukcuoglu and C. Farabet, "Torch7: a Matlab-like '
                'environment for machine learning", a layer kept in PyTorch',
            ),
        ),
    ),
    Activation(
        name="softshrink",
        label="Softshrink",
        kernel=lambda z, lambd: np.where(
            z > lambd, z - lambd, np.where(z < -lambd, z + lambd, 0.0)
        ),
        derivative_kernel=_shrink_prime,
        formula=r"\begin{cases} z - \lambda & z > \lambda \\ z + \lambda & z < -\lambda \\ 0 & "
        r"\text{otherwise} \end{cases}",
        derivative_formula=r"\begin{cases} 1 & |z| > \lambda \\ 0 & |z| < \lambda \end{cases}",
        range_spec=Interval(-INF, INF),
        limits=(-INF, INF),
        derivative_limits=(1.0, 1.0),
        monotonic=True,
        monotonic_derivative=False,
        continuity=0,
        breaks=(-0.5, 0.5),
        convention="softshrink'(±λ) = 0 (" + _PYTORCH + ")",
        params={"lambd": 0.5},
        param_tex={"lambd": r"\lambda"},
        sources=(Source(1995, 'D. L. Donoho, "De-noising by soft-thresholding"'),),
    ),
    Activation(
        name="hardshrink",
        label="Hardshrink",
        kernel=lambda z, lambd: np.where(np.abs(z) > lambd, z, 0.0),
        derivative_kernel=_shrink_prime,
        formula=r"\begin{cases} z & |z| > \lambda \\ 0 & |z| \le \lambda \end{cases}",
        derivative_formula=r"\begin{cases} 1 & |z| > \lambda \\ 0 & |z| < \lambda \end{cases}",
        range_spec=IntervalUnion(
            (
                Interval(-INF, -0.5),
                Interval(0.0, 0.0, True, True),
                Interval(0.5, INF),
            )
        ),
        limits=(-INF, INF),
        derivative_limits=(1.0, 1.0),
        monotonic=True,
        monotonic_derivative=False,
        continuity=DISCONTINUOUS,
        breaks=(-0.5, 0.5),
        convention="hardshrink(±λ) = 0, and hardshrink'(±λ) = 0 (" + _PYTORCH + ")",
        params={"lambd": 0.5},
        param_tex={"lambd": r"\lambda"},
        sources=(
            Source(
                1994,
                'D. L. Donoho and I. M. Johnstone, "Ideal spatial adaptation by wavelet shrinkage"',
            ),
        ),
    ),
    Activation(
        name="gaussian",
        label="Gaussian",
        kernel=_gaussian,
        derivative_kernel=_gaussian_prime,
        formula=r"e^{-z^2}",
        derivative_formula=r"-2z\, e^{-z^2}",
        range_spec=Interval(0.0, 1.0, False, True),
        limits=(0.0, 0.0),
        derivative_limits=(0.0, 0.0),
        monotonic=False,
        monotonic_derivative=False,
        continuity=SMOOTH,
        maximum_bracket=(-1.0, 1.5),
        sources=(
            Source(
                1988,
                'D. S. Broomhead and D. Lowe, "Multivariable functional interpolation and '
                'adaptive networks"',
            ),
        ),
    ),
    Activation(
        name="arctan",
        label="Arctangent",
        kernel=np.arctan,
        derivative_kernel=_arctan_prime,
        formula=r"\arctan z",
        derivative_formula=r"\frac{1}{1 + z^2}",
        range_spec=Interval(
            -math.pi / 2,
            math.pi / 2,
            low_symbol=Symbol("−π/2", r"-\frac{\pi}{2}"),
            high_symbol=Symbol("π/2", r"\frac{\pi}{2}"),
        ),
        limits=(-math.pi / 2, math.pi / 2),
        derivative_limits=(0.0, 0.0),
        monotonic=True,
        monotonic_derivative=False,
        continuity=SMOOTH,
        sources=(
            Source(
                None, "A classical sigmoid curve; listed among activation functions since the 1990s"
            ),
        ),
        aliases=("atan", "arctangent"),
    ),
    Activation(
        name="bent_identity",
        label="Bent identity",
        kernel=_bent_identity,
        derivative_kernel=lambda z: z / (2.0 * np.hypot(z, 1.0)) + 1.0,
        formula=r"\frac{\sqrt{z^2 + 1} - 1}{2} + z",
        derivative_formula=r"\frac{z}{2\sqrt{z^2 + 1}} + 1",
        range_spec=Interval(-INF, INF),
        limits=(-INF, INF),
        derivative_limits=(0.5, 1.5),
        monotonic=True,
        monotonic_derivative=True,
        continuity=SMOOTH,
        sources=(
            Source(
                None,
                "Listed in the table of activation functions on Wikipedia; no original paper "
                "is known",
            ),
        ),
    ),
    Activation(
        name="isru",
        label="ISRU",
        kernel=_isru,
        derivative_kernel=_isru_prime,
        formula=r"\frac{z}{\sqrt{1 + \alpha z^2}}",
        derivative_formula=r"\left(\frac{1}{\sqrt{1 + \alpha z^2}}\right)^3",
        range_spec=Interval(-1.0, 1.0),
        limits=(-1.0, 1.0),
        derivative_limits=(0.0, 0.0),
        monotonic=True,
        monotonic_derivative=False,
        continuity=SMOOTH,
        params={"alpha": 1.0},
        param_tex={"alpha": r"\alpha"},
        defaults_from="not in PyTorch; α = 1, the simplest choice",
        sources=(
            Source(
                2017,
                'B. Carlile, G. Delamarter, P. Kinney, A. Marti and B. Whitney, "Improving '
                'deep learning by inverse square root linear units (ISRLUs)"',
            ),
        ),
    ),
    Activation(
        name="sinusoid",
        label="Sinusoid",
        kernel=np.sin,
        derivative_kernel=np.cos,
        formula=r"\sin z",
        derivative_formula=r"\cos z",
        range_spec=Interval(-1.0, 1.0, True, True),
        limits=(math.nan, math.nan),
        derivative_limits=(math.nan, math.nan),
        monotonic=False,
        monotonic_derivative=False,
        continuity=SMOOTH,
        minimum_bracket=(-2.0, -1.0),
        maximum_bracket=(1.0, 2.0),
        convention="sin z has no limit as z → ±∞, so sinusoid(±inf) is NaN (returned without a "
        "warning)",
        sources=(
            Source(
                1999,
                'J. M. Sopena, E. Romero and R. Alquézar, "Neural networks with periodic and '
                "monotonic activation functions: a comparative study in classification "
                'problems"',
            ),
            Source(
                2020,
                'V. Sitzmann et al., "Implicit neural representations with periodic '
                'activation functions" (SIREN)',
            ),
        ),
        aliases=("sin", "sine"),
        period=2 * math.pi,
    ),
    Activation(
        name="sinc",
        label="Sinc",
        kernel=_sinc,
        derivative_kernel=_sinc_prime,
        formula=r"\begin{cases} \dfrac{\sin z}{z} & z \ne 0 \\ 1 & z = 0 \end{cases}",
        derivative_formula=r"\begin{cases} \dfrac{\cos z}{z} - \dfrac{\sin z}{z^2} & z \ne 0 "
        r"\\ 0 & z = 0 \end{cases}",
        range_spec=above_minimum(1.0, closed_high=True),
        limits=(0.0, 0.0),
        derivative_limits=(0.0, 0.0),
        monotonic=False,
        monotonic_derivative=False,
        continuity=SMOOTH,
        minimum_bracket=(4.0, 5.0),
        maximum_bracket=(-1.0, 1.0),
        convention="sinc(0) = 1, the limit, so the function is smooth; unnormalised: sin z / z, "
        "not PyTorch's sin(πz)/(πz)",
        sources=(
            Source(
                None,
                "The cardinal sine of signal processing; listed among activation functions on"
                " Wikipedia",
            ),
        ),
    ),
)

_REGISTRY: dict[str, Activation] = {a.name: a for a in _ENTRIES}
_ALIASES: dict[str, str] = {alias: a.name for a in _ENTRIES for alias in a.aliases}


class UnknownActivation(ValueError, KeyError):
    """Raised by ``get`` for a name that is not registered; the message lists valid names."""

    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0]) if self.args else ""


def names() -> tuple[str, ...]:
    """The registered activation names, in the order the reference page shows them."""
    return tuple(_REGISTRY)


def get(name: str) -> Activation | Softmax:
    """The activation called ``name`` (case, ``-`` and aliases such as "swish" are forgiven),
    or [`softmax`][explainer.activations.softmax]."""
    key = str(name).strip().lower().replace("-", "_").replace(" ", "_")
    key = _ALIASES.get(key, key)
    if key in _REGISTRY:
        return _REGISTRY[key]
    if key == softmax.name:
        return softmax
    hint = did_you_mean(key, {**{n: n for n in (*_REGISTRY, softmax.name)}, **_ALIASES})
    raise UnknownActivation(
        f"unknown activation {name!r}{hint} (valid names: {', '.join(_REGISTRY)})"
    )


def all_activations() -> tuple[Activation, ...]:
    """Every registered [`Activation`][explainer.activations.Activation], in registry order."""
    return _ENTRIES


# --------------------------------------------------------------------------- softmax

SOFTMAX_FORMULA = r"\operatorname{softmax}(\mathbf{z})_i = \frac{e^{z_i}}{\sum_{j=1}^{n} e^{z_j}}"
SOFTMAX_JACOBIAN_FORMULA = (
    r"\frac{\partial s_i}{\partial z_j} = s_i\,(\delta_{ij} - s_j), \quad "
    r"J = \operatorname{diag}(\mathbf{s}) - \mathbf{s}\,\mathbf{s}^{\top}"
)


class Softmax:
    """Softmax: turns a whole layer of scores into probabilities, ``exp(z_i) / Σ_j exp(z_j)``.

    It has the interface of an ``Activation`` (call it on ``z``, ``derivative``,
    ``name``, ``label``, ``range``, the formulas), but it is not elementwise: each output
    depends on the whole vector, so its derivative is a matrix, the Jacobian.
    """

    name = "softmax"
    label = "Softmax"
    elementwise = False
    #: Each output, for two or more finite scores (they also sum to 1).
    range = Interval(0.0, 1.0)

    def __call__(self, z: ArrayLike, axis: int = -1) -> NDArray[np.floating]:
        """The probabilities along ``axis``.

        Subtracting the largest score first changes nothing mathematically (it cancels between
        numerator and denominator) but keeps every ``exp`` at most 1, so large scores cannot
        overflow. ``-inf`` scores get probability 0; if some scores are ``+inf`` they share the
        probability equally; a vector containing NaN, or only ``-inf``, gives NaN.
        ``float32`` stays ``float32``.
        """
        arr = np.asarray(z)
        dtype = arr.dtype if arr.dtype in (np.float32, np.float64) else np.dtype(np.float64)
        x = arr.astype(np.float64)
        with np.errstate(over="ignore", invalid="ignore"):  # inf - inf is NaN, quietly
            m = x.max(axis=axis, keepdims=True)  # NaN in a row with NaN; all -inf gives NaN too
            e = np.where(np.isposinf(x) & np.isposinf(m), 1.0, np.exp(x - m))  # +inf ones share
            s = e / e.sum(axis=axis, keepdims=True)
        return s.astype(dtype, copy=False)

    def derivative(self, z: ArrayLike) -> NDArray[np.floating]:
        """The Jacobian ``J[..., i, j] = ∂s_i/∂z_j = s_i (δ_ij − s_j)`` over the last axis.

        For a vector of length ``n`` it is an ``n × n`` symmetric matrix whose rows sum to 0
        (adding the same number to every score changes nothing). A batch of shape ``(..., n)``
        gives ``(..., n, n)``.
        """
        s = self(z)
        eye = np.eye(s.shape[-1], dtype=s.dtype)
        return s[..., :, None] * (eye - s[..., None, :])

    def formula_latex(self) -> str:
        return SOFTMAX_FORMULA

    def derivative_latex(self) -> str:
        return SOFTMAX_JACOBIAN_FORMULA


#: The one ``Softmax``; ``activations.get("softmax")`` returns it.
softmax = Softmax()
