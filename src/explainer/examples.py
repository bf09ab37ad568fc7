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

from . import activations
from .network import Network, NetworkError, Trace
from .training import (  # the tutorial network: catalog and numbers read it here
    TUTORIAL,
    TrainResult,
    cached_train,
    cross_entropy,
    one_hot,
    quadratic,
    tutorial_network,
)

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


# --------------------------------------------------------------------------- how it learns


class Costs(NamedTuple):
    """How wrong the tutorial network is on one test image, as one number each way."""

    probability: float  # what the network gives the true digit
    quadratic: float  # 1/2 * sum_j (a_j - y_j)^2, y one-hot
    cross_entropy: float  # -log a_label


def costs(index: int) -> Costs:
    """The quadratic cost and the cross-entropy of the tutorial network on test image ``index``
    (``explainer.training.quadratic`` and ``cross_entropy``, with the one-hot target)."""
    d = classify_test_digit(index)
    target = one_hot(d.label, len(d.trace.output))
    return Costs(
        probability=float(d.trace.output[d.label]),
        quadratic=float(quadratic(d.trace.output, target)),
        cross_entropy=float(cross_entropy(d.trace.z[-1], target)),
    )


def cost_curves(indices: Sequence[int]) -> dict[str, Any]:
    """The cross-entropy and the quadratic cost as the probability ``p`` given to the true digit
    goes from near 0 to 1, with the test images ``indices`` placed on them, for
    ``explainer.draw.cost.cost_curves``.

    The cross-entropy depends on ``p`` only, ``-log p``. The quadratic cost also depends on how
    the other ``1 - p`` is shared among the nine wrong digits: it is largest, ``(1 - p)^2``, when
    one wrong digit gets it all, and smallest, ``(1 - p)^2 * 5/9``, when all nine share it
    equally; every answer lies between the two.
    """
    p = np.linspace(0.005, 1.0, 400)
    wrong = 1.0 - p
    high = one_hot(0, 10) * p[:, None] + one_hot(1, 10) * wrong[:, None]
    even = one_hot(0, 10) * p[:, None] + (1 - one_hot(0, 10)) * (wrong[:, None] / 9)
    target = one_hot(0, 10)
    points = []
    for index in indices:
        d, c = classify_test_digit(index), costs(index)
        verdict = "right" if d.predicted == d.label else "wrong"
        points.append((f"test image {index}: {verdict}", c.probability, c.cross_entropy,
                       c.quadratic))  # fmt: skip
    return {
        "p": p,
        "cross_entropy": -np.log(p),
        "quadratic_low": quadratic(even, target),
        "quadratic_high": quadratic(high, target),
        "points": points,
    }


#: The runs the page "Training the digits network" compares: the tutorial network's own run, and
#: the same network, seed and epochs trained with plain gradient descent steps, or with sigmoid
#: or ReLU hidden layers.
RUNS: dict[str, dict[str, Any]] = {
    "adam": TUTORIAL,
    "sgd": TUTORIAL | {"optimizer": "sgd"},
    "sigmoid": TUTORIAL | {"activation": "sigmoid"},
    "tanh": TUTORIAL,
    "relu": TUTORIAL | {"activation": "relu"},
}
#: A hidden neuron is *saturated* on an image when its slope ``f'(z)`` is under this share of the
#: largest slope ``f`` has: a weight into it then barely changes the cost, so it barely learns.
SATURATED_SLOPE = 0.05


def run(name: str) -> TrainResult:
    """One of the ``RUNS``, trained (or read from ``cached_train``'s cache)."""
    return cached_train(**RUNS[name])


def first_epoch_at(name: str, accuracy: float) -> int | None:
    """The first epoch after which run ``name`` classifies ``accuracy`` of the test images right."""
    return next((e.epoch for e in run(name).history if e.test_accuracy >= accuracy), None)


def saturated_share(name: str) -> float:
    """The share of (test image, hidden neuron) pairs of run ``name`` where the neuron is
    saturated (``SATURATED_SLOPE``)."""
    result = run(name)
    f = activations.get(result.activation)
    steepest = float(np.max(f.derivative(np.linspace(-10.0, 10.0, 2001))))
    trace = result.network.forward(result.data.x_test)
    slopes = np.concatenate([f.derivative(z) for z in trace.z[1:-1]], axis=1)
    return float(np.mean(slopes < SATURATED_SLOPE * steepest))


def learning_curves(lines: Sequence[Sequence[str]], ylabel: str, log: bool = False) -> dict:
    """Epoch-by-epoch numbers of some ``RUNS``, for ``explainer.draw.history.learning_curves``:
    each line is ``(run, measure, label)`` with ``measure`` a field of
    [`Epoch`][explainer.training.Epoch] (accuracies in per cent)."""
    drawn = []
    for name, measure, label in lines:
        history = run(name).history
        values = [getattr(e, measure) for e in history]
        if measure.endswith("accuracy"):
            values = [100 * v for v in values]
        drawn.append((label, [e.epoch for e in history], values))
    return {"lines": drawn, "ylabel": ylabel, "log": log}


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
