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

from . import activations
from .network import Network, NetworkError, Trace
from .training import (  # the tutorial network: catalog and numbers read it here
    TUTORIAL,
    TrainResult,
    backprop,
    cached_train,
    cross_entropy,
    load,
    loss,
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
    target = one_hot(0, 10)
    high = target * p[:, None] + one_hot(1, 10) * wrong[:, None]
    even = target * p[:, None] + (1 - target) * (wrong[:, None] / 9)
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


@cache
def run(name: str) -> TrainResult:
    """One of the ``RUNS``, trained (or read from ``cached_train``'s cache), once a process."""
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


def learning_curves(
    lines: Sequence[Sequence[str]], ylabel: str, log: bool = False, level: float | None = None
) -> dict:
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
    return {"lines": drawn, "ylabel": ylabel, "log": log} | ({"level": level} if level else {})


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


# --------------------------------------------------------------------------- backpropagation

#: The backpropagation example: a 2-2-2 sigmoid network, one input and its two target values,
#: with the numbers of Matt Mazur's "A Step by Step Backpropagation Example" (2015), so that
#: his published results are an independent check. ``weights[l][i, j]`` is the weight from
#: neuron ``i`` of layer ``l`` to neuron ``j`` of layer ``l + 1``; his w1 to w8 are, in order,
#: ``weights[0][0, 0], weights[0][1, 0], weights[0][0, 1], weights[0][1, 1]`` and the same four
#: places of ``weights[1]``. ``eta`` is the learning rate of the one step of gradient descent.
BACKPROP = {
    "x": [0.05, 0.10],
    "y": [0.01, 0.99],
    "weights": [[[0.15, 0.25], [0.20, 0.30]], [[0.40, 0.50], [0.45, 0.55]]],
    "biases": [[0.35, 0.35], [0.60, 0.60]],
    "activation": "sigmoid",
    "eta": 0.5,
}
#: The step of the central finite differences that check ``backprop``'s gradients.
FINITE_DIFFERENCE_STEP = 1e-6
#: Where each of the eight weights w1 to w8 sits: ``(layer, i, j)`` in ``weights[layer][i, j]``
#: (Mazur's numbering: the two weights into the first neuron of a layer, then the second's).
WEIGHT_PLACES = [(k, i, j) for k in (0, 1) for j in (0, 1) for i in (0, 1)]


def finite_difference_gradients(
    net: Network, x: np.ndarray, y: np.ndarray, h: float = FINITE_DIFFERENCE_STEP
) -> list[np.ndarray]:
    """The gradient of the cost with respect to every weight and then every bias of ``net``
    (``dw + db`` of [`backprop`][explainer.training.backprop]), by central finite differences
    ``(C(p + h) - C(p - h)) / (2h)``: each parameter nudged alone, the cost computed with
    [`loss`][explainer.training.loss] alone, so that it checks ``backprop`` independently."""
    grads = []
    for p in net.weights + net.biases:
        g = np.zeros_like(p)
        for index in np.ndindex(p.shape):
            kept = p[index]
            p[index] = kept + h
            up = loss(net, x, y)
            p[index] = kept - h
            down = loss(net, x, y)
            p[index] = kept
            g[index] = (up - down) / (2 * h)
        grads.append(g)
    return grads


class BackpropExample(NamedTuple):
    """One forward pass, one backward pass and one step of gradient descent, with every number.

    For layer ``l`` (1 the hidden layer, 2 the output layer): ``z[l]`` and ``a[l]`` are the
    weighted sums and activations, ``delta[l] = dC/dz`` the error terms, ``da[l] = dC/da`` the
    gradient of the cost with respect to each activation; ``dw[l - 1]`` and ``db[l - 1]`` are the
    gradients of the weights and biases into layer ``l``, ``weights``/``biases`` before the step
    and ``new_weights``/``new_biases`` after it. ``a[0]`` is the input and ``z[0]``, ``delta[0]``,
    ``da[0]`` are ``None`` (nothing is computed there).
    """

    x: np.ndarray
    y: np.ndarray
    eta: float
    activation: str
    weights: list[np.ndarray]
    biases: list[np.ndarray]
    z: list[np.ndarray | None]
    a: list[np.ndarray]
    cost: float
    da: list[np.ndarray | None]
    delta: list[np.ndarray | None]
    dw: list[np.ndarray]
    db: list[np.ndarray]
    new_weights: list[np.ndarray]
    new_biases: list[np.ndarray]
    new_cost: float
    #: the largest difference between a gradient of ``backprop`` and its finite difference
    max_gradient_error: float
    #: the largest gradient, for scale
    max_gradient: float


def backprop_example() -> BackpropExample:
    """[`BACKPROP`][explainer.examples.BACKPROP], computed by the package.

    ``explainer.network.Network.forward`` gives the weighted sums and activations,
    ``explainer.training.loss`` the cost ``C = 1/2 * sum_j (a_j - y_j)^2`` and
    ``explainer.training.backprop`` the gradient of every weight and bias. For one input the
    gradient of a bias is the error term of its neuron, ``dC/db_j = delta_j = dC/dz_j``, so the
    error terms are read off it. The gradient with respect to an activation follows from them:
    at the output ``dC/da_j = a_j - y_j`` (the derivative of the cost), in the hidden layer
    ``dC/da_i = sum_j w_ij delta_j`` (what the chain rule adds up over the connections). The step
    is plain gradient descent on every parameter, ``w <- w - eta * dC/dw``, biases included.

    Each gradient is then checked against a central finite difference of the cost
    (``finite_difference_gradients``).
    """
    xs, ys = np.asarray(BACKPROP["x"], dtype=float), np.asarray(BACKPROP["y"], dtype=float)
    eta, activation = BACKPROP["eta"], BACKPROP["activation"]
    net = Network.from_weights(BACKPROP["weights"], BACKPROP["biases"], activation)
    trace = net.forward(xs)
    cost = loss(net, xs, ys)
    dw, db = backprop(net, xs, ys)
    delta: list[np.ndarray | None] = [None, *db]
    da: list[np.ndarray | None] = [None] * len(trace.a)
    da[-1] = trace.a[-1] - ys
    for layer in range(len(net.weights) - 1, 0, -1):
        da[layer] = net.weights[layer] @ db[layer]
    new_weights = [w - eta * g for w, g in zip(net.weights, dw, strict=True)]
    new_biases = [b - eta * g for b, g in zip(net.biases, db, strict=True)]
    stepped = Network.from_weights(new_weights, new_biases, activation)

    numeric = finite_difference_gradients(net, xs, ys)
    errors = [np.max(np.abs(n - g)) for n, g in zip(numeric, dw + db, strict=True)]
    return BackpropExample(
        x=xs,
        y=ys,
        eta=float(eta),
        activation=activation,
        weights=net.weights,
        biases=net.biases,
        z=trace.z,
        a=trace.a,
        cost=cost,
        da=da,
        delta=delta,
        dw=dw,
        db=db,
        new_weights=new_weights,
        new_biases=new_biases,
        new_cost=loss(stepped, xs, ys),
        max_gradient_error=float(max(errors)),
        max_gradient=float(max(np.max(np.abs(g)) for g in (*dw, *db))),
    )


def backprop_graph() -> dict[str, Any]:
    """[`backprop_example`][explainer.examples.backprop_example] as the keyword arguments of
    ``explainer.draw.graph.computation_graph``: the inputs and targets, each layer's weighted
    sums and activations with the cost's gradient with respect to each, the cost, and the names
    ``w1`` to ``w8`` of the weights (``weight_names[k][i][j]`` for ``weights[k][i, j]``)."""
    ex = backprop_example()
    names = [[["" for _ in range(w.shape[1])] for _ in range(w.shape[0])] for w in ex.weights]
    for n, (k, i, j) in enumerate(WEIGHT_PLACES, start=1):
        names[k][i][j] = f"w{n}"
    layers = range(1, len(ex.a))
    return {
        "x": ex.x.tolist(),
        "y": ex.y.tolist(),
        "z": [ex.z[k].tolist() for k in layers],
        "a": [ex.a[k].tolist() for k in layers],
        "dz": [ex.delta[k].tolist() for k in layers],
        "da": [ex.da[k].tolist() for k in layers],
        "cost": ex.cost,
        "weight_names": names,
    }


#: What Matt Mazur's post publishes for [`BACKPROP`][explainer.examples.BACKPROP]: the total
#: error before the step and two weights after it (his step leaves the biases as they are, and
#: the weights do not depend on that). The page compares them with ours.
MAZUR = {"cost": 0.298371109, "w5_new": 0.35891648, "w1_new": 0.149780716}
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
def gd_data(test: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The task's inputs and targets: ``x`` with one row per training image of a 0 or a 1 (with
    ``test``, per test image: those the neuron never learns from) and one column, the mean ink
    of its centre pixels written from -1 (blank) to +1 (full ink), and ``y``, the same shape, 1
    for a 1 and 0 for a 0.

    Read from the tutorial network's cached digits (no scikit-learn needed)."""
    data = tutorial_network().data
    x, labels = (data.x_test, data.y_test) if test else (data.x_train, data.y_train)
    keep = np.isin(labels, GD_DIGITS)
    lo, hi = GD_PIXELS
    ink = x[keep].reshape(-1, 8, 8)[:, lo:hi, lo:hi].mean(axis=(1, 2))
    y = (labels[keep] == GD_DIGITS[1]).astype(float)
    return (2 * ink - 1).reshape(-1, 1), y.reshape(-1, 1)


def gd_neuron(w: float, b: float) -> Network:
    """The neuron with weight ``w`` and bias ``b``: one input, one sigmoid output."""
    return Network.from_weights([[[w]]], [[b]], "sigmoid")


def gd_slope(w: float, b: float) -> tuple[float, float]:
    """The slope of the cost at ``(w, b)``: ``dC/dw`` and ``dC/db`` over all the task's images,
    from [`backprop`][explainer.training.backprop]. For one sigmoid neuron with the quadratic
    cost they are ``dC/dw = mean((a - y) a (1 - a) x)`` and ``dC/db = mean((a - y) a (1 - a))``."""
    dw, db = backprop(gd_neuron(w, b), *gd_data())
    return float(dw[0][0, 0]), float(db[0][0])


@cache
def gradient_descent(rate: float) -> DescentRun:
    """Plain full-batch gradient descent on the task from ``GD_START``, ``GD_STEPS`` steps of

        w <- w - rate * dC/dw,    b <- b - rate * dC/db

    where ``C`` is the mean quadratic cost over all the task's images
    ([`loss`][explainer.training.loss]) and the gradients are ``gd_slope``'s. Records
    ``(w, b, C)`` before every step and after the last."""
    x, y = gd_data()
    w, b = (float(v) for v in GD_START)
    ws, bs, costs = [], [], []
    for _ in range(GD_STEPS + 1):
        ws.append(w)
        bs.append(b)
        costs.append(loss(gd_neuron(w, b), x, y))
        dw, db = gd_slope(w, b)
        w, b = w - rate * dw, b - rate * db
    return DescentRun(float(rate), np.array(ws), np.array(bs), np.array(costs))


@cache
def gd_minimum() -> tuple[float, float, float]:
    """The lowest point of the cost, ``(w, b, C)``, where its slope is zero (the tests check it).

    Found from where the good run ends, close to it, by Newton's method: each step solves for
    where the slope would be zero if it changed linearly, with the slope from ``gd_slope`` and
    its rate of change (the Hessian) from central differences of that slope. A few steps reach
    what 3,000 steps of gradient descent would."""

    def slope(p: np.ndarray) -> np.ndarray:
        return np.array(gd_slope(*p))

    good = gradient_descent(GD_RATES["good"])
    p, h = np.array([good.w[-1], good.b[-1]]), 1e-5
    for _ in range(50):
        hessian = np.column_stack([(slope(p + d) - slope(p - d)) / (2 * h) for d in np.eye(2) * h])
        step = np.linalg.solve(hessian, slope(p))
        p = p - step
        if np.max(np.abs(step)) < 1e-12:
            break
    else:
        raise ArithmeticError("Newton's method did not settle on the minimum of the cost")
    w, b = float(p[0]), float(p[1])
    return w, b, loss(gd_neuron(w, b), *gd_data())


@cache
def gd_surface() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cost ``C(w, b)`` on a ``GD_GRID`` x ``GD_GRID`` grid over ``GD_VIEW``: ``(w, b, C)``
    with ``C[i, j]`` the cost at ``b[i]``, ``w[j]``, each computed by the neuron itself."""
    x, y = gd_data()
    ws = np.linspace(*GD_VIEW["w"], GD_GRID)
    bs = np.linspace(*GD_VIEW["b"], GD_GRID)
    # one layer of GD_GRID² neurons, neuron k with the k-th (w, b) of the grid, so that one
    # forward pass gives every neuron's output for every image; the cost of each neuron is the
    # mean over the images of the quadratic cost, as ``loss`` computes it for one neuron
    w_grid, b_grid = np.meshgrid(ws, bs)
    grid = Network.from_weights([w_grid.reshape(1, -1)], [b_grid.ravel()], "sigmoid")
    a = grid.forward(x).output
    cost = np.mean(quadratic(a[:, :, None], y[:, :, None]), axis=0).reshape(w_grid.shape)
    return ws, bs, cost


def _on_the_map(rates: Sequence[float]) -> dict[str, Any]:
    """The cost map and the runs at ``rates`` on it, as the drawings of ``draw.learning`` take
    them."""
    ws, bs, cost = gd_surface()
    runs = [gradient_descent(r)._asdict() for r in rates]
    return {"w_grid": ws, "b_grid": bs, "cost": cost, "runs": runs}


def gd_path(rate: str = "good") -> dict[str, Any]:
    """The cost map with the path of the run at ``GD_RATES[rate]``, for
    ``explainer.draw.learning.descent_map``."""
    return _on_the_map([GD_RATES[rate]]) | {"minimum": gd_minimum()[:2]}


def gd_rates() -> dict[str, Any]:
    """The three runs of ``GD_RATES`` on the cost map and their costs step by step, for
    ``explainer.draw.learning.learning_rates``."""
    names = {"small": "too small", "good": "good", "large": "too large"}
    return _on_the_map(list(GD_RATES.values())) | {
        "names": [names[k] for k in GD_RATES],
        "minimum": gd_minimum()[:3],
    }
