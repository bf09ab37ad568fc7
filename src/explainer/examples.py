"""The tutorial's examples: its named constants and the cases computed from them.

Data flows one way through the package: the mathematics
([`explainer.activations`][explainer.activations], [`explainer.network`][explainer.network],
[`explainer.training`][explainer.training]) -> this module -> the drawings (``explainer.draw``),
which take numbers and compute nothing -> the catalogue of figures and the numbers the pages quote
(``explainer.catalog``, [`explainer.numbers`][explainer.numbers]), which both read their constants
and cases here, so that a figure and the sentence about it cannot disagree -> the build -> the
site.

A figure declaration can name one of the functions below as its ``data``
(``Figure(data="explainer.examples:digit_flow", params={"index": 30}, ...)``): the build calls it
with the declaration's parameters and passes what it returns, the drawing function's keyword
arguments, to the drawing function.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from .network import Network, NetworkError, Trace
from .training import tutorial_network  # the tutorial network: catalog and numbers read it here

#: The worked example: one sigmoid neuron with three inputs.
NEURON = {"x": [0.9, 0.2, 0.6], "w": [0.8, -0.5, 0.4], "b": -0.3, "activation": "sigmoid"}
#: Rosenblatt's perceptron as the tutorial shows it: it fires for these inputs.
PERCEPTRON = {"weights": [0.7, 0.2, 0.5], "threshold": 0.6, "x": [1, 0, 1]}
#: The network drawn to introduce the notation: 4 inputs, two hidden layers of 6, 3 outputs.
ANN = [4, 6, 6, 3]
#: The test image that flows through the tutorial network.
DIGIT = 30


class WorkedExample(NamedTuple):
    """One neuron's arithmetic with real numbers (quoted by the site and drawn in a figure)."""

    x: np.ndarray
    w: np.ndarray
    b: float
    z: float
    a: float
    activation: str


def neuron(
    x: Sequence[float], w: Sequence[float], b: float, activation: str = "sigmoid"
) -> dict[str, Any]:
    """One neuron computed by a one-neuron ``explainer.network.Network``: ``x, w, b, z, a``.

    The keyword arguments of ``explainer.draw.diagrams.neuron``.
    """
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    trace = Network.from_weights([w.reshape(-1, 1)], [np.array([b])], activation).forward(x)
    z, a = float(trace.z[1][0]), float(trace.a[1][0])
    return {"x": x, "w": w, "b": float(b), "z": z, "a": a, "activation": activation}


def worked_example() -> WorkedExample:
    """[`NEURON`][explainer.examples.NEURON], computed:
    ``z = 0.8*0.9 + (-0.5)*0.2 + 0.4*0.6 + (-0.3) = 0.56`` and ``a = sigmoid(0.56) = 0.636``."""
    return WorkedExample(**neuron(**NEURON))


def perceptron(weights: Sequence[float], threshold: float, x: Sequence[float]) -> dict[str, Any]:
    """A perceptron computed by ``explainer.network.Network.perceptron``.

    The keyword arguments of ``explainer.draw.diagrams.perceptron``: the weights, the
    threshold, the bias ``b = -threshold``, the inputs, the weighted sum ``total`` and the
    ``output`` (0 or 1).
    """
    net = Network.perceptron(weights, threshold)
    xs = np.asarray(x, dtype=float)
    w = net.weights[0][:, 0]
    b, total = float(net.biases[0][0]), float(xs @ w)
    output = int(net.forward(xs).a[1][0])
    return {"weights": w, "threshold": threshold, "b": b, "x": xs, "total": total, "output": output}


def initial_weights(
    sizes: Sequence[int], activation: str | None = None, seed: int = 0
) -> dict[str, Any]:
    """The weights ``Network(sizes, activation, seed)`` starts with, for
    ``explainer.draw.diagrams.network_diagram``."""
    net = Network(sizes, activation or "sigmoid", seed=seed)
    return {
        "sizes": list(sizes),
        "activation": activation,
        "weights": net.weights,
        "weights_title": f"initial weights, seed {seed}",
    }


def saved_network(path: str, input: Sequence[float] | None = None) -> dict[str, Any]:
    """A network saved by ``explainer train --save`` with its trained weights and, given an
    ``input``, every layer's activations for it, for
    ``explainer.draw.diagrams.network_diagram``."""
    from .training import load

    net = load(path)
    drawn: dict[str, Any] = {
        "sizes": net.sizes,
        "activation": net.activations,
        "weights": net.weights,
        "weights_title": "trained weights",
    }
    if input is not None:
        drawn["values"] = net.forward(np.asarray(input, dtype=float)).a
    return drawn


# --------------------------------------------------------------------------- the digits


class DigitExample(NamedTuple):
    """One test image through the tutorial network: what it is, what the network says."""

    network: Network
    index: int
    image: np.ndarray  # 8x8, values in [0, 1]
    label: int  # the true digit
    trace: Trace  # every layer's z and a for this image
    predicted: int
    probability: float  # the network's probability for its prediction


def classify_test_digit(index: int = 0) -> DigitExample:
    """Feed test image number ``index`` through
    [`tutorial_network`][explainer.training.tutorial_network]."""
    result = tutorial_network()
    data = result.data
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(data.x_test):
        raise NetworkError(f"test image index must be 0 to {len(data.x_test) - 1}, got {index!r}")
    trace = result.network.forward(data.x_test[index])
    predicted = int(trace.predicted())
    return DigitExample(
        network=result.network,
        index=index,
        image=data.images_test[index],
        label=int(data.y_test[index]),
        trace=trace,
        predicted=predicted,
        probability=float(trace.output[predicted]),
    )


def first_mistake() -> int:
    """The index of the first test image the tutorial network gets wrong."""
    result = tutorial_network()
    wrong = np.flatnonzero(result.network.predict(result.data.x_test) != result.data.y_test)
    return int(wrong[0])


def digit_flow(index: int) -> dict[str, Any]:
    """Test image ``index`` through the tutorial network, for
    ``explainer.draw.diagrams.digit_flow``: the image, every layer's activations ``a``
    (``a[0]`` the 64 pixels), what each connection carries (``contributions[k][i, j] = a_i *
    w_ij`` into layer ``k + 1``), the biases, each layer's activation function and the digits."""
    d = classify_test_digit(index)
    net, a = d.network, d.trace.a
    return {
        "image": d.image,
        "a": a,
        "contributions": [a[k][:, None] * w for k, w in enumerate(net.weights)],
        "biases": net.biases,
        "functions": net.activations,
        "label": d.label,
        "predicted": d.predicted,
    }
