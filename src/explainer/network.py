"""A neural network, layer after layer: [`Network`][explainer.network.Network].

Notation (the same as the site's text)
:   A network has layers 0, 1, ..., L. Layer 0 holds the input ``x``; every other layer holds
    neurons. Neuron ``j`` of a layer receives the activations ``a_i`` of every neuron ``i`` of the
    layer before it, each through a connection with a weight ``w_ij``, and it has a bias ``b_j``.
    It computes its *weighted sum* and then its *activation*:

        z_j = sum_i w_ij * a_i + b_j
        a_j = f(z_j)

    where ``f`` is the layer's activation function
    ([`explainer.activations`][explainer.activations]). The activations of the last layer are the
    network's output.

How the numbers are stored
:   ``weights[l]`` is the matrix of the connections into layer ``l + 1``, with shape
    ``(n_in, n_out)``: row ``i``, column ``j`` holds ``w_ij``, the weight from neuron ``i`` of the
    layer before to neuron ``j``. ``biases[l]`` holds the ``b_j`` of layer ``l + 1``. With that
    orientation a whole layer is one line of numpy, ``z = a @ W + b``, and the same line works for
    a batch of inputs stored one per row.

A perceptron is the smallest case: one neuron with the step function as activation. It "fires"
(outputs 1) when its weighted input reaches a threshold ``theta``; writing ``b = -theta`` turns
``w . x >= theta`` into ``w . x + b >= 0``, which is the step function of the weighted sum. So
[`Network.perceptron`][explainer.network.Network.perceptron] builds a ``Network`` like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import activations


class NetworkError(ValueError):
    """A network, its weights or its input cannot be used; the message says why, on one line."""


@dataclass
class Trace:
    """Everything a forward pass computed, layer by layer.

    Attributes:
        a: ``a[0]`` is the input and ``a[l]`` the activations of layer ``l``.
        z: ``z[l]`` the weighted sums of layer ``l``; ``z[0]`` is ``None`` (the input layer
            computes nothing).
    For one input every entry is 1-D; for a batch it is 2-D with one row per input.
    """

    a: list[np.ndarray]
    z: list[np.ndarray | None]

    @property
    def output(self) -> np.ndarray:
        """The activations of the last layer."""
        return self.a[-1]

    def predicted(self) -> np.ndarray:
        """The index of the most active output neuron (the class), per input."""
        return np.argmax(self.a[-1], axis=-1)


class Network:
    """A fully connected feed-forward network (a multilayer perceptron).

    ``Network([64, 16, 16, 10])`` has 64 inputs, two hidden layers of 16 neurons and 10 output
    neurons. ``activation`` is one name for every layer, or a list with one name per layer after
    the input (the output layer may use ``"softmax"``, which turns the weighted sums into
    probabilities that add up to 1).

    The weights start random, drawn with ``seed`` so that the same seed gives the same network.
    Their spread matters: too small and every signal fades as it passes through the layers, too
    large and sigmoid-like neurons saturate. We draw each weight from a normal distribution with
    standard deviation

    - ``sqrt(2 / (n_in + n_out))`` (Glorot & Bengio, 2010) for sigmoid, tanh and other
      activations that are symmetric or bounded, and
    - ``sqrt(2 / n_in)`` (He et al., 2015) for ReLU-like ones, which let positive sums through
      unchanged and cut negative ones: that halves the variance of the signal a layer passes
      on, so the weights get twice the variance, ``2 / n_in`` instead of ``1 / n_in``.

    Biases start at 0.
    """

    def __init__(
        self, sizes: Sequence[int], activation: str | Sequence[str] = "sigmoid", seed: int = 0
    ) -> None:
        self.sizes = _check_sizes(sizes)
        self.activations = layer_activations(activation, len(self.sizes) - 1)
        if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
            raise NetworkError(f"seed must be a whole number >= 0, got {seed!r}")
        rng = np.random.default_rng(seed)
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for n_in, n_out, name in zip(
            self.sizes[:-1], self.sizes[1:], self.activations, strict=True
        ):
            spread = np.sqrt(2 / n_in) if _relu_like(name) else np.sqrt(2 / (n_in + n_out))
            self.weights.append(rng.normal(0.0, spread, size=(n_in, n_out)))
            self.biases.append(np.zeros(n_out))

    @classmethod
    def from_weights(
        cls,
        weights: Sequence[np.ndarray],
        biases: Sequence[np.ndarray],
        activation: str | Sequence[str] = "sigmoid",
    ) -> Network:
        """A network with the given weights (each ``(n_in, n_out)``) and biases (each ``n_out``)."""
        if not weights or len(weights) != len(biases):
            raise NetworkError(
                f"need one bias vector per weight matrix, got {len(weights)} weight matrices "
                f"and {len(biases)} bias vectors"
            )
        ws = [_finite_array(w, f"weights[{k}]", ndim=2) for k, w in enumerate(weights)]
        bs = [_finite_array(b, f"biases[{k}]", ndim=1) for k, b in enumerate(biases)]
        sizes = [ws[0].shape[0]] + [w.shape[1] for w in ws]
        for k, (w, b) in enumerate(zip(ws, bs, strict=True)):
            if w.shape[0] != sizes[k] or b.shape != (w.shape[1],):
                raise NetworkError(
                    f"layer {k + 1}: weights[{k}] has shape {w.shape} and biases[{k}] has shape "
                    f"{b.shape}, expected ({sizes[k]}, n) and (n,)"
                )
        net = cls.__new__(cls)
        net.sizes = _check_sizes(sizes)
        net.activations = layer_activations(activation, len(ws))
        net.weights, net.biases = ws, bs
        return net

    @classmethod
    def perceptron(cls, weights: Sequence[float], threshold: float) -> Network:
        """Rosenblatt's perceptron: output 1 when ``sum_i w_i x_i >= threshold``, else 0.

        It is a one-neuron network with the step activation and the bias ``b = -threshold``.
        """
        w = _finite_array(weights, "perceptron weights", ndim=1)
        theta = _finite_array(threshold, "threshold", ndim=0)
        return cls.from_weights([w.reshape(-1, 1)], [np.array([-theta])], "step")

    def forward(self, x: Sequence[float] | np.ndarray) -> Trace:
        """Feed ``x`` (one input, 1-D, or a batch with one input per row) through every layer.

        A weighted sum beyond what a float holds is ``±inf``, quietly, and each activation takes
        it to its limit there; where a sum has none (``inf - inf``) it is ``NaN``: the trace
        says so, for the caller to check.
        """
        x = _finite_array(x, "input")
        if x.ndim not in (1, 2) or x.shape[-1] != self.sizes[0]:
            raise NetworkError(
                f"input has shape {x.shape}, expected ({self.sizes[0]},) for one input or "
                f"(n, {self.sizes[0]}) for a batch of n"
            )
        a: list[np.ndarray] = [x]
        z: list[np.ndarray | None] = [None]
        for w, b, name in zip(self.weights, self.biases, self.activations, strict=True):
            with np.errstate(over="ignore", invalid="ignore"):
                z.append(a[-1] @ w + b)
            a.append(activations.get(name)(z[-1]))
        return Trace(a=a, z=z)

    def predict(self, x: Sequence[float] | np.ndarray) -> np.ndarray:
        """The class of each input: the index of its most active output neuron."""
        return self.forward(x).predicted()

    def __repr__(self) -> str:
        sizes = "-".join(str(n) for n in self.sizes)
        return f"Network({sizes}, activations={self.activations})"


# --------------------------------------------------------------------------- checks


def _check_sizes(sizes: Sequence[int]) -> list[int]:
    if isinstance(sizes, str) or not isinstance(sizes, Sequence | np.ndarray):
        raise NetworkError(f"sizes must be a list of layer sizes like [64, 16, 10], got {sizes!r}")
    sizes = list(sizes)
    if len(sizes) < 2:
        raise NetworkError(f"a network needs at least 2 layers (input and output), got {sizes}")
    for n in sizes:
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
            raise NetworkError(f"layer sizes must be whole numbers >= 1, got {sizes}")
    return [int(n) for n in sizes]


def layer_activations(activation: str | Sequence[str], layers: int) -> list[str]:
    """One activation name per layer after the input, in the registry's spelling; or an error."""
    names = [activation] * layers if isinstance(activation, str) else list(activation)
    if len(names) != layers:
        raise NetworkError(
            f"need one activation per layer after the input ({layers}), got {len(names)}"
        )
    for k, name in enumerate(names):
        if not isinstance(name, str):
            raise NetworkError(f"activation names must be strings, got {name!r}")
        try:
            f = activations.get(name)
        except activations.UnknownActivation as exc:
            raise NetworkError(str(exc)) from None
        if not f.elementwise and k != layers - 1:
            raise NetworkError(f"{f.name} can only be the activation of the output layer")
        names[k] = f.name  # the registry's own spelling of the name
    return names


def _relu_like(name: str) -> bool:
    """True when ``f`` passes large positive sums through (``f(z) ~ z``) but not negative ones."""
    out = activations.get(name)(np.array([-10.0, 10.0]))
    return bool(abs(out[1] - 10.0) < 0.5 and abs(out[0]) < 2.0)


def _finite_array(values: object, what: str, ndim: int | None = None) -> np.ndarray:
    try:
        arr = np.asarray(values)
    except (TypeError, ValueError):  # lists of different lengths
        arr = np.array(None)
    if arr.dtype.kind not in "biuf":  # no text, no complex numbers (their imaginary part lost)
        got = {"c": ", got complex numbers", "U": ", got text"}.get(arr.dtype.kind, "")
        raise NetworkError(f"{what} must be real numbers{got}")
    arr = arr.astype(float)
    if ndim is not None and arr.ndim != ndim:
        raise NetworkError(f"{what} must have {ndim} dimensions, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise NetworkError(f"{what} contains values that are not finite (nan or inf)")
    return arr
