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
from functools import cache
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


# --------------------------------------------------------------------------- gradient descent
#
# One sigmoid neuron learns a small real task: is a handwritten digit a 0 or a 1? It sees one
# number per image, the ink in the four pixels at the centre, so it has two parameters, a weight
# w and a bias b, and the cost of every (w, b) can be drawn as a map. A 0 is a ring with a blank
# middle; a 1 is a stroke through it.

#: The task: the training images of these two digits (the second is the answer "yes", 1).
GD_DIGITS = (0, 1)
#: The pixels read (rows and columns 3 and 4 of the 8x8 image: its four centre pixels).
GD_PIXELS = (3, 5)
#: Where every run starts: ``(w, b)``. With ``w = 0`` the neuron ignores its input and with
#: ``b = -4`` it answers sigmoid(-4), about 0.02, "not a 1", for every image.
GD_START = (0.0, -4.0)
#: How many steps each run takes.
GD_STEPS = 30
#: The learning rates compared (chosen by running them; the tests check what the page says).
GD_RATES = {"small": 3.0, "good": 100.0, "large": 600.0}
#: The part of the (w, b) plane the figures show, and the grid the cost is computed on.
GD_VIEW = {"w": (-1.0, 10.0), "b": (-5.0, 4.0)}
GD_GRID = 81


class DescentRun(NamedTuple):
    """One run of gradient descent: ``w[k]``, ``b[k]`` and ``cost[k]`` before step ``k + 1``
    (``w[0], b[0]`` is the start), so each array has one entry more than there are steps."""

    rate: float
    w: np.ndarray
    b: np.ndarray
    cost: np.ndarray


@cache
def gd_data() -> tuple[np.ndarray, np.ndarray]:
    """The task's inputs and targets: ``x`` with one row per training image of a 0 or a 1 and
    one column, the mean ink of its centre pixels written from -1 (blank) to +1 (full ink),
    and ``y``, the same shape, 1 for a 1 and 0 for a 0.

    Read from the tutorial network's cached digits (no scikit-learn needed)."""
    data = tutorial_network().data
    keep = np.isin(data.y_train, GD_DIGITS)
    images = data.x_train[keep].reshape(-1, 8, 8)
    lo, hi = GD_PIXELS
    ink = images[:, lo:hi, lo:hi].mean(axis=(1, 2))
    y = (data.y_train[keep] == GD_DIGITS[1]).astype(float)
    return (2 * ink - 1).reshape(-1, 1), y.reshape(-1, 1)


def gd_neuron(w: float, b: float) -> Network:
    """The neuron with weight ``w`` and bias ``b``: one input, one sigmoid output."""
    return Network.from_weights([[[w]]], [[b]], "sigmoid")


@cache
def gradient_descent(
    rate: float, start: Sequence[float] = GD_START, steps: int = GD_STEPS
) -> DescentRun:
    """Plain full-batch gradient descent on the task, ``steps`` steps of

        w <- w - rate * dC/dw,    b <- b - rate * dC/db

    where ``C`` is the mean quadratic cost over all the task's images
    ([`loss`][explainer.training.loss]) and the gradients come from
    [`backprop`][explainer.training.backprop]. Records ``(w, b, C)`` before every step and
    after the last."""
    from .training import backprop, loss

    x, y = gd_data()
    w, b = (float(v) for v in start)
    ws, bs, costs = [], [], []
    for _ in range(steps + 1):
        net = gd_neuron(w, b)
        ws.append(w)
        bs.append(b)
        costs.append(loss(net, x, y))
        dw, db = backprop(net, x, y)
        w, b = w - rate * float(dw[0][0, 0]), b - rate * float(db[0][0])
    return DescentRun(float(rate), np.array(ws), np.array(bs), np.array(costs))


@cache
def gd_minimum() -> tuple[float, float, float]:
    """The lowest point of the cost, ``(w, b, C)``: where a long run with the good rate settles
    (3,000 steps; the tests check that the slope there is zero)."""
    run = gradient_descent(GD_RATES["good"], steps=3000)
    return float(run.w[-1]), float(run.b[-1]), float(run.cost[-1])


@cache
def gd_surface() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cost ``C(w, b)`` on a ``GD_GRID`` x ``GD_GRID`` grid over ``GD_VIEW``: ``(w, b, C)``
    with ``C[i, j]`` the cost at ``b[i]``, ``w[j]``, each computed by the neuron itself."""
    from .training import loss

    x, y = gd_data()
    ws = np.linspace(*GD_VIEW["w"], GD_GRID)
    bs = np.linspace(*GD_VIEW["b"], GD_GRID)
    cost = np.array([[loss(gd_neuron(w, b), x, y) for w in ws] for b in bs])
    return ws, bs, cost


def _run_for_drawing(run: DescentRun) -> dict[str, Any]:
    return {"rate": run.rate, "w": run.w, "b": run.b, "cost": run.cost}


def gd_path(rate: str = "good") -> dict[str, Any]:
    """The cost map with the path of the run at ``GD_RATES[rate]``, for
    ``explainer.draw.learning.descent_map``."""
    ws, bs, cost = gd_surface()
    return {
        "w_grid": ws,
        "b_grid": bs,
        "cost": cost,
        "runs": [_run_for_drawing(gradient_descent(GD_RATES[rate]))],
        "minimum": gd_minimum()[:2],
    }


def gd_rates() -> dict[str, Any]:
    """The three runs of ``GD_RATES`` on the cost map and their costs step by step, for
    ``explainer.draw.learning.learning_rates``."""
    ws, bs, cost = gd_surface()
    return {
        "w_grid": ws,
        "b_grid": bs,
        "cost": cost,
        "runs": [_run_for_drawing(gradient_descent(r)) for r in GD_RATES.values()],
        "names": ["too small", "good", "too large"],
        "minimum": gd_minimum()[:3],
    }


def gd_first_step(rate: str = "good") -> dict[str, float]:
    """The first step of the run at ``GD_RATES[rate]`` with every number in it: the start
    ``w, b``, the cost there, the gradients, the new ``w, b`` and the cost after the step.

    The gradients come from [`backprop`][explainer.training.backprop]; for one sigmoid neuron
    with the quadratic cost they are ``dC/dw = mean((a - y) a (1 - a) x)`` and
    ``dC/db = mean((a - y) a (1 - a))``."""
    from .training import backprop, loss

    x, y = gd_data()
    eta = GD_RATES[rate]
    w, b = GD_START
    net = gd_neuron(w, b)
    dw, db = backprop(net, x, y)
    gw, gb = float(dw[0][0, 0]), float(db[0][0])
    new_w, new_b = w - eta * gw, b - eta * gb
    return {
        "rate": eta,
        "w": w,
        "b": b,
        "cost": loss(net, x, y),
        "dw": gw,
        "db": gb,
        "new_w": new_w,
        "new_b": new_b,
        "new_cost": loss(gd_neuron(new_w, new_b), x, y),
    }
