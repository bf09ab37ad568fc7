"""The numbers the tutorial quotes, computed from the package when the site is built.

A page never types a number that the code computes. It writes a placeholder instead, which the
site plugin (``explainer.site``) replaces with the value:

    The weighted sum is {{ number("worked_example.z", ".3f") }}.

The first argument is a *key*, ``"group.name"``; the optional second one is a Python format
specification (``".3f"``, ``".1%"``, ``"d"``), or ``"p"`` for a probability as the figures
print it (``explainer.formatting.percent``). Each group is computed by one function below, only
when a page asks for one of its keys, so a page that quotes no digits never trains a network.
Every key is written out in full where its value is computed (``"act.sigmoid.df5": ...``), so a
search for a key finds its line. ``python -m explainer.numbers`` prints every key and its value.

Where a figure and the text must agree (the perceptron's weights, the digit that flows through the
network), both read the same constants and cases in [`explainer.examples`][explainer.examples],
so changing the figure changes the text with it.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from typing import Any

from .formatting import percent
from .spelling import did_you_mean

Value = float | int | str


class UnknownNumber(KeyError):
    """A placeholder names a key that no group computes; the message says which ones are close."""

    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0])


def _worked_example() -> dict[str, Value]:
    """One sigmoid neuron with three inputs (``explainer.examples.worked_example``)."""
    from . import activations
    from .examples import worked_example

    ex = worked_example()
    (x1, x2, x3), (w1, w2, w3) = ex.x.tolist(), ex.w.tolist()
    return {
        "worked_example.n": len(ex.x),
        "worked_example.b": ex.b,
        "worked_example.z": ex.z,
        "worked_example.a": ex.a,
        "worked_example.activation": ex.activation,
        "worked_example.weighted": float(sum(w * x for w, x in zip(ex.w, ex.x, strict=True))),
        "worked_example.x1": x1,
        "worked_example.x2": x2,
        "worked_example.x3": x3,
        "worked_example.w1": w1,
        "worked_example.w2": w2,
        "worked_example.w3": w3,
        "worked_example.wx1": w1 * x1,
        "worked_example.wx2": w2 * x2,
        "worked_example.wx3": w3 * x3,
        # what the second weight does to the sum, in words: "negative" and "lowers" for w < 0
        "worked_example.w2_sign": _by_sign(w2, "positive", "negative", "zero"),
        "worked_example.x2_effect": _by_sign(w2 * x2, "raises", "lowers", "leaves"),
        # for e^{-z} written with the number: e^{-0.56}, or e^{0.56} if z were negative
        "worked_example.minus_z": -ex.z,
        # what the same sum gives through other activation functions
        "worked_example.tanh_a": float(activations.get("tanh")(ex.z)),
        "worked_example.relu_a": float(activations.get("relu")(ex.z)),
    }


def _by_sign(v: float, positive: str, negative: str, zero: str) -> str:
    return positive if v > 0 else negative if v < 0 else zero


def _perceptron() -> dict[str, Value]:
    """The perceptron of ``explainer.examples.PERCEPTRON``, as its figure draws it."""
    from .examples import PERCEPTRON, perceptron

    p = perceptron(**PERCEPTRON)
    (w1, w2, w3), (x1, x2, x3) = PERCEPTRON["weights"], PERCEPTRON["x"]
    fires = p["output"] == 1
    return {
        "perceptron.theta": p["threshold"],
        "perceptron.b": p["b"],
        "perceptron.sum": p["total"],
        "perceptron.z": p["total"] + p["b"],
        "perceptron.output": p["output"],
        "perceptron.n": len(p["weights"]),
        "perceptron.verdict": "reaches the threshold, so the perceptron fires"
        if fires
        else "stays below the threshold, so the perceptron does not fire",
        "perceptron.z_test": r"z \ge 0" if fires else "z < 0",  # LaTeX, for math
        "perceptron.w1": w1,
        "perceptron.w2": w2,
        "perceptron.w3": w3,
        "perceptron.x1": x1,
        "perceptron.x2": x2,
        "perceptron.x3": x3,
    }


def _ann() -> dict[str, Value]:
    """Counts for the network drawn in the ``ann`` figure (``explainer.examples.ANN``)."""
    from .examples import ANN

    return {
        "ann.inputs": ANN[0],
        "ann.outputs": ANN[-1],
        "ann.hidden_layers": len(ANN) - 2,
        "ann.hidden": ANN[1],
        "ann.hidden_equal": len(set(ANN[1:-1])) == 1,
        "ann.weights": sum(a * b for a, b in zip(ANN[:-1], ANN[1:], strict=False)),
        "ann.biases": sum(ANN[1:]),
    }


def _activations() -> dict[str, Value]:
    """Facts about the classic activation functions, from the registry."""
    from . import activations

    sigmoid, tanh, relu, step, gelu, silu = map(
        activations.get, ("sigmoid", "tanh", "relu", "step", "gelu", "silu")
    )
    # every function of the registry whose outputs stay between 0 and 1, with its range
    inside = [a for a in activations.all_activations() if 0 <= a.range.low and a.range.high <= 1]
    return {
        "act.count": len(activations.all_activations()),
        "act.sigmoid.range": str(sigmoid.range),
        "act.sigmoid.range_tex": sigmoid.range.latex,
        "act.sigmoid.f0": sigmoid.f0,
        "act.sigmoid.df0": sigmoid.df0,
        "act.sigmoid.f5": float(sigmoid(5.0)),
        "act.sigmoid.df5": float(sigmoid.derivative(5.0)),
        "act.sigmoid.zero_centred": _yes(sigmoid.zero_centred),
        "act.sigmoid.mean_output": sigmoid.mean_output,
        "act.sigmoid.saturates": _saturates(sigmoid),
        "act.tanh.range": str(tanh.range),
        "act.tanh.range_tex": tanh.range.latex,
        "act.tanh.f0": tanh.f0,
        "act.tanh.df0": tanh.df0,
        "act.tanh.df5": float(tanh.derivative(5.0)),
        "act.tanh.zero_centred": _yes(tanh.zero_centred),
        "act.tanh.saturates": _saturates(tanh),
        "act.tanh_over_sigmoid_df0": tanh.df0 / sigmoid.df0,
        "act.relu.range": str(relu.range),
        "act.relu.range_tex": relu.range.latex,
        "act.relu.f0": relu.f0,
        "act.relu.df0": relu.df0,
        "act.relu.f5": float(relu(5.0)),
        "act.relu.f100": float(relu(100.0)),
        "act.relu.zero_centred": _yes(relu.zero_centred),
        "act.relu.saturates": _saturates(relu),
        "act.step.range_tex": step.range.latex,
        "act.unit_interval": _and([f"{a.label.split(' (')[0]} ${a.range.latex}$" for a in inside]),
        "act.gelu.smooth": math.isinf(gelu.continuity),
        "act.silu.smooth": math.isinf(silu.continuity),
    }


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _saturates(act: Any) -> str:
    """Where the slope of ``act`` fades to 0, in words (from its derivative's limits)."""
    left, right = (lim == 0 for lim in act.derivative_limits)
    flat_left = float(act.derivative(-1.0)) == 0.0 and float(act.derivative(-100.0)) == 0.0
    if left and right:
        return "on both sides"
    if left:
        return "no; flat for $z < 0$" if flat_left else "for $z \\to -\\infty$"
    if right:
        return "for $z \\to \\infty$"
    return "no"


def _and(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _cost() -> dict[str, Value]:
    """How wrong the tutorial network is on the two test images of the forward-pass page
    (``explainer.examples.costs``), and on the whole test set."""
    from .examples import DIGIT, costs, first_mistake, run

    right, wrong = costs(DIGIT), costs(first_mistake())
    last = run("adam").history[-1]
    return {
        "cost.right.probability": right.probability,
        "cost.right.quadratic": right.quadratic,
        "cost.right.cross_entropy": right.cross_entropy,
        "cost.wrong.probability": wrong.probability,
        "cost.wrong.quadratic": wrong.quadratic,
        "cost.wrong.cross_entropy": wrong.cross_entropy,
        "cost.test_mean": last.test_loss,
        "cost.guess_cross_entropy": math.log(10),
    }


def _learn() -> dict[str, Value]:
    """The training runs of ``explainer.examples.RUNS``, epoch by epoch."""
    from .examples import SATURATED_SLOPE, first_epoch_at, run, saturated_share
    from .training import BATCH_SIZE

    def first95(name: str) -> int:
        """The first epoch with 95 % of the test images right (-1: none)."""
        epoch = first_epoch_at(name, 0.95)
        return -1 if epoch is None else epoch

    def low_after95(name: str) -> tuple[float, int]:
        """The lowest test accuracy after first reaching 95 %, and its epoch."""
        history = run(name).history
        later = [e for e in history if e.epoch > first_epoch_at(name, 0.95)]
        low = min(later, key=lambda e: e.test_accuracy)
        return low.test_accuracy, low.epoch

    adam_low, sgd_low = low_after95("adam"), low_after95("sgd")
    adam, sgd = run("adam"), run("sgd")
    first, last = adam.history[0], adam.history[-1]
    best = min(adam.history, key=lambda e: e.test_loss)
    rises = [b.epoch for a, b in zip(adam.history, adam.history[1:], strict=False)
             if b.train_loss > a.train_loss]  # fmt: skip
    return {
        "learn.epochs": adam.epochs,
        "learn.batch_size": BATCH_SIZE,
        "learn.start_loss": first.train_loss,
        "learn.start_accuracy": first.test_accuracy,
        "learn.train_loss": last.train_loss,
        "learn.test_loss": last.test_loss,
        "learn.best_test_loss": best.test_loss,
        "learn.best_test_loss_epoch": best.epoch,
        "learn.train_rises": len(rises),
        "learn.train_rises_epochs": " and ".join(map(str, rises)),
        "learn.train_rises_last": max(rises, default=0),
        "learn.adam.low_after95": adam_low[0],
        "learn.adam.low_after95_epoch": adam_low[1],
        "learn.sgd.low_after95": sgd_low[0],
        "learn.sgd.low_after95_epoch": sgd_low[1],
        "learn.adam.accuracy": adam.test_accuracy,
        "learn.adam.first95": first95("adam"),
        "learn.adam.learning_rate": adam.learning_rate,
        "learn.sgd.accuracy": sgd.test_accuracy,
        "learn.sgd.first95": first95("sgd"),
        "learn.sgd.learning_rate": sgd.learning_rate,
        # epochs after which plain gradient descent got 5 points worse on the test images
        "learn.sgd.dips": sum(
            b.test_accuracy < a.test_accuracy - 0.05
            for a, b in zip(sgd.history[1:], sgd.history[2:], strict=False)
        ),
        "learn.saturated_slope": SATURATED_SLOPE,
        "learn.sigmoid.accuracy": run("sigmoid").test_accuracy,
        "learn.sigmoid.first95": first95("sigmoid"),
        "learn.sigmoid.saturated": saturated_share("sigmoid"),
        "learn.tanh.accuracy": run("tanh").test_accuracy,
        "learn.tanh.first95": first95("tanh"),
        "learn.tanh.saturated": saturated_share("tanh"),
        "learn.relu.accuracy": run("relu").test_accuracy,
        "learn.relu.first95": first95("relu"),
        "learn.relu.saturated": saturated_share("relu"),
    }


def _digits() -> dict[str, Value]:
    """The tutorial's digits network, the test digit of the ``digit_flow`` figure and its first
    mistake (``explainer.examples``)."""
    import numpy as np

    from .examples import DIGIT, classify_test_digit, first_mistake, tutorial_network
    from .network import Network
    from .training import OPTIMIZERS, TUTORIAL

    result = tutorial_network()
    net, data, sizes = result.network, result.data, result.network.sizes
    d, m = classify_test_digit(DIGIT), classify_test_digit(first_mistake())
    (z1, z2, z3), (a1, a2) = d.trace.z[1:4], d.trace.a[1:3]
    probs = d.trace.output
    runner_up = int(np.argsort(probs)[-2])
    test_correct = int(round(result.test_accuracy * len(data.x_test)))
    weights, biases = sum(w.size for w in net.weights), sum(b.size for b in net.biases)
    start = Network(sizes, net.activations, seed=TUTORIAL["seed"])  # as training began
    return {
        "digits.images": len(data.x_train) + len(data.x_test),
        "digits.train": len(data.x_train),
        "digits.test": len(data.x_test),
        "digits.test_correct": test_correct,
        "digits.test_accuracy": result.test_accuracy,
        "digits.mistakes": len(data.x_test) - test_correct,
        "digits.epochs": result.epochs,
        "digits.activation": result.activation,
        "digits.optimizer": OPTIMIZERS[result.optimizer],
        "digits.hidden_layers": len(sizes) - 2,
        "digits.hidden": sizes[1],
        "digits.hidden_equal": len(set(sizes[1:-1])) == 1,
        "digits.inputs": sizes[0],
        "digits.outputs": sizes[-1],
        "digits.sizes": "-".join(str(n) for n in sizes),
        "digits.weights": weights,
        "digits.biases": biases,
        "digits.parameters": weights + biases,
        "digits.initial_biases_zero": not any(b.any() for b in start.biases),
        "digits.neurons": sum(sizes[1:]),
        "digits.index": DIGIT,
        "digits.label": d.label,
        "digits.predicted": d.predicted,
        "digits.probability": d.probability,
        "digits.pixels_lit": int(np.count_nonzero(d.image > 0)),
        # what each layer does with the test digit: its weighted sums z and activations a
        "digits.layer1.size": int(a1.size),
        "digits.layer1.z_min": float(z1.min()),
        "digits.layer1.z_max": float(z1.max()),
        "digits.layer1.a_min": float(a1.min()),
        "digits.layer1.a_max": float(a1.max()),
        "digits.layer1.positive": int(np.count_nonzero(a1 > 0)),
        "digits.layer1.saturated": int(np.count_nonzero(np.abs(a1) > 0.9)),
        "digits.layer2.size": int(a2.size),
        "digits.layer2.z_min": float(z2.min()),
        "digits.layer2.z_max": float(z2.max()),
        "digits.layer2.saturated": int(np.count_nonzero(np.abs(a2) > 0.9)),
        "digits.layer3.z_min": float(z3.min()),
        "digits.layer3.z_max": float(z3.max()),
        "digits.runner_up": runner_up,
        "digits.runner_up_probability": float(probs[runner_up]),
        "digits.probability_sum": float(probs.sum()),
        "digits.verdict": "wrong"
        if d.predicted != d.label
        else "right, and confident"
        if d.probability >= CONFIDENT
        else "right, but not confident",
        "digits.mistake.index": m.index,
        "digits.mistake.label": m.label,
        "digits.mistake.predicted": m.predicted,
        "digits.mistake.probability": m.probability,
        "digits.mistake.label_probability": float(m.trace.output[m.label]),
    }


def _backprop() -> dict[str, Value]:
    """The backpropagation example (``explainer.examples.backprop_example``): Mazur's 2-2-2
    sigmoid network, its forward pass, error terms, gradients, one step and the check of the
    gradients by finite differences. Weights are numbered w1 to w8 as in
    ``explainer.examples.WEIGHT_PLACES``; neurons are h1, h2 (hidden) and o1, o2 (output)."""
    from .examples import FINITE_DIFFERENCE_STEP, MAZUR, WEIGHT_PLACES, backprop_example

    ex = backprop_example()
    (x1, x2), (y1, y2) = ex.x.tolist(), ex.y.tolist()
    (z_h1, z_h2), (z_o1, z_o2) = ex.z[1].tolist(), ex.z[2].tolist()
    (a_h1, a_h2), (a_o1, a_o2) = ex.a[1].tolist(), ex.a[2].tolist()
    (d_h1, d_h2), (d_o1, d_o2) = ex.delta[1].tolist(), ex.delta[2].tolist()
    (da_h1, da_h2), (da_o1, da_o2) = ex.da[1].tolist(), ex.da[2].tolist()
    w1, w2, w3, w4, w5, w6, w7, w8 = (float(ex.weights[k][i, j]) for k, i, j in WEIGHT_PLACES)
    dw1, dw2, dw3, dw4, dw5, dw6, dw7, dw8 = (float(ex.dw[k][i, j]) for k, i, j in WEIGHT_PLACES)
    n1, n2, n3, n4, n5, n6, n7, n8 = (float(ex.new_weights[k][i, j]) for k, i, j in WEIGHT_PLACES)
    (b_h1, b_h2), (b_o1, b_o2) = ex.biases[0].tolist(), ex.biases[1].tolist()
    (db_h1, db_h2), (db_o1, db_o2) = ex.db[0].tolist(), ex.db[1].tolist()
    (nb_h1, nb_h2), (nb_o1, nb_o2) = ex.new_biases[0].tolist(), ex.new_biases[1].tolist()
    return {
        "bp.x1": x1,
        "bp.x2": x2,
        "bp.y1": y1,
        "bp.y2": y2,
        "bp.eta": ex.eta,
        "bp.activation": ex.activation,
        "bp.w1": w1,
        "bp.w2": w2,
        "bp.w3": w3,
        "bp.w4": w4,
        "bp.w5": w5,
        "bp.w6": w6,
        "bp.w7": w7,
        "bp.w8": w8,
        "bp.b_h1": b_h1,
        "bp.b_h2": b_h2,
        "bp.b_o1": b_o1,
        "bp.b_o2": b_o2,
        # the forward pass
        "bp.w1x1": w1 * x1,
        "bp.w2x2": w2 * x2,
        "bp.z_h1": z_h1,
        "bp.z_h2": z_h2,
        "bp.a_h1": a_h1,
        "bp.a_h2": a_h2,
        "bp.z_o1": z_o1,
        "bp.z_o2": z_o2,
        "bp.a_o1": a_o1,
        "bp.a_o2": a_o2,
        "bp.cost_o1": 0.5 * (a_o1 - y1) ** 2,
        "bp.cost_o2": 0.5 * (a_o2 - y2) ** 2,
        "bp.cost": ex.cost,
        # the backward pass: dC/da, the sigmoid's slope a(1 - a), the error terms dC/dz
        "bp.da_o1": da_o1,
        "bp.da_o2": da_o2,
        "bp.slope_o1": a_o1 * (1 - a_o1),
        "bp.slope_o2": a_o2 * (1 - a_o2),
        "bp.slope_h1": a_h1 * (1 - a_h1),
        "bp.slope_h2": a_h2 * (1 - a_h2),
        "bp.delta_o1": d_o1,
        "bp.delta_o2": d_o2,
        "bp.w5_delta_o1": w5 * d_o1,
        "bp.w7_delta_o2": w7 * d_o2,
        "bp.da_h1": da_h1,
        "bp.da_h2": da_h2,
        "bp.delta_h1": d_h1,
        "bp.delta_h2": d_h2,
        # the gradients
        "bp.dw1": dw1,
        "bp.dw2": dw2,
        "bp.dw3": dw3,
        "bp.dw4": dw4,
        "bp.dw5": dw5,
        "bp.dw6": dw6,
        "bp.dw7": dw7,
        "bp.dw8": dw8,
        # the weights into the hidden layer against those into the output layer, by size
        "bp.max_dw_hidden": float(abs(ex.dw[0]).max()),
        "bp.min_dw_output": float(abs(ex.dw[1]).min()),
        "bp.db_h1": db_h1,
        "bp.db_h2": db_h2,
        "bp.db_o1": db_o1,
        "bp.db_o2": db_o2,
        # one step of gradient descent
        "bp.w1_new": n1,
        "bp.w2_new": n2,
        "bp.w3_new": n3,
        "bp.w4_new": n4,
        "bp.w5_new": n5,
        "bp.w6_new": n6,
        "bp.w7_new": n7,
        "bp.w8_new": n8,
        "bp.b_h1_new": nb_h1,
        "bp.b_h2_new": nb_h2,
        "bp.b_o1_new": nb_o1,
        "bp.b_o2_new": nb_o2,
        "bp.eta_dw5": ex.eta * dw5,
        "bp.new_cost": ex.new_cost,
        "bp.cost_drop": ex.cost - ex.new_cost,
        "bp.cost_drop_relative": (ex.cost - ex.new_cost) / ex.cost,
        # the check of the gradients by central finite differences
        "bp.h": FINITE_DIFFERENCE_STEP,
        "bp.parameters": sum(w.size for w in ex.weights) + sum(b.size for b in ex.biases),
        "bp.max_gradient_error": ex.max_gradient_error,
        "bp.max_gradient_error_tex": _power_of_ten(ex.max_gradient_error),
        "bp.h_tex": _power_of_ten(FINITE_DIFFERENCE_STEP),
        "bp.max_gradient": ex.max_gradient,
        "bp.min_gradient": min(abs(v) for g in (*ex.dw, *ex.db) for v in g.ravel().tolist()),
        # the published values of Mazur's post, and how far ours are from them
        "bp.mazur.cost": MAZUR["cost"],
        "bp.mazur.w5_new": MAZUR["w5_new"],
        "bp.mazur.w1_new": MAZUR["w1_new"],
        "bp.mazur.cost_difference": abs(ex.cost - MAZUR["cost"]),
        "bp.mazur.w5_difference": abs(n5 - MAZUR["w5_new"]),
        "bp.mazur.w1_difference": abs(n1 - MAZUR["w1_new"]),
    }


def _power_of_ten(v: float) -> str:
    """``v`` in scientific notation for LaTeX, to 2 significant digits: ``8.0 \\times 10^{-11}``,
    or ``10^{-6}`` when the digits are 1.0."""
    mantissa, exponent = f"{v:.1e}".split("e")
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1.0" else rf"{mantissa} \times {power}"


def _widget() -> dict[str, Value]:
    """How the neuron widget computes (``explainer.widgets``)."""
    from . import widgets

    return {
        "widget.step": widgets.STEP,
        "widget.z_step": widgets.Z_STEP,
        "widget.z_max": widgets.Z_MAX,
        "widget.z_count": len(widgets.neuron_z()),
        "widget.decimals": widgets.DECIMALS,
        "widget.b_min": widgets.SLIDERS["b"][0],
    }


#: A probability at least this large is "confident" in the text.
CONFIDENT = 0.9


# --------------------------------------------------------------------------- gradient descent

#: The step at which the page quotes how far the good run has come.
EARLY_STEP = 5


def _gradient_descent() -> dict[str, Value]:
    """One sigmoid neuron learning to tell a 0 from a 1 by gradient descent
    (``explainer.examples``: ``gd_data``, ``gradient_descent``, ``gd_slope``)."""
    import numpy as np

    from . import examples as ex

    x, y = ex.gd_data()
    test_x, test_y = ex.gd_data(test=True)
    runs = {k: ex.gradient_descent(r) for k, r in ex.GD_RATES.items()}
    w_min, b_min, c_min = ex.gd_minimum()
    good = runs["good"]
    # the first step of the good run: from (w, b) = (0, b0) along the slope (dw, db)
    b0 = float(good.b[0])
    dw, db = ex.gd_slope(float(good.w[0]), b0)
    a0 = 1 / (1 + math.exp(-b0))  # w = 0: every image gets z = b

    def right(w: float, b: float, xs: np.ndarray, ys: np.ndarray) -> float:
        """The fraction of images the neuron answers right (output above 1/2 means "a 1")."""
        out = ex.gd_neuron(w, b).forward(xs).output
        return float(np.mean((out > 0.5) == (ys > 0.5)))

    rises = {k: int(np.sum(np.diff(r.cost) > 0)) for k, r in runs.items()}
    # how far each step of the too-large run moves w: its sign flips when the path zigzags
    large_dw = np.diff(runs["large"].w)
    return {
        "gd.digit_no": ex.GD_DIGITS[0],
        "gd.digit_yes": ex.GD_DIGITS[1],
        "gd.images": len(x),
        "gd.ones": int(y.sum()),
        "gd.zeros": int(len(y) - y.sum()),
        "gd.x_mean_zero": float(x[y == 0].mean()),
        "gd.x_mean_one": float(x[y == 1].mean()),
        "gd.steps": len(good.cost) - 1,
        "gd.start_w": ex.GD_START[0],
        "gd.start_b": ex.GD_START[1],
        "gd.start_a": a0,
        "gd.start_cost": float(good.cost[0]),
        "gd.rate_small": ex.GD_RATES["small"],
        "gd.rate_good": ex.GD_RATES["good"],
        "gd.rate_large": ex.GD_RATES["large"],
        "gd.small_cost": float(runs["small"].cost[-1]),
        "gd.good_cost": float(good.cost[-1]),
        "gd.large_cost": float(runs["large"].cost[-1]),
        "gd.large_cost_1": float(runs["large"].cost[1]),
        "gd.good_cost_1": float(good.cost[1]),
        "gd.small_rises": rises["small"],
        "gd.good_rises": rises["good"],
        "gd.large_rises": rises["large"],
        "gd.large_turns": int(np.sum(np.diff(np.sign(large_dw)) != 0)),
        "gd.large_max_cost_late": float(runs["large"].cost[len(good.cost) // 2 :].max()),
        "gd.good_cost_late": float(good.cost[len(good.cost) // 2]),
        "gd.small_over_min": float(runs["small"].cost[-1] / c_min),
        "gd.good_over_min": float(good.cost[-1] / c_min),
        "gd.good_w": float(good.w[-1]),
        "gd.good_b": float(good.b[-1]),
        "gd.good_above_min": float(good.cost[-1] / c_min - 1),
        "gd.early_step": EARLY_STEP,
        "gd.good_early_cost": float(good.cost[EARLY_STEP]),
        "gd.map_points": ex.GD_GRID**2,
        "gd.min_w": w_min,
        "gd.min_b": b_min,
        "gd.min_cost": c_min,
        # the ink (0 to 1) above which the trained neuron says "a 1": where w x + b = 0
        "gd.good_threshold_ink": float((1 - good.b[-1] / good.w[-1]) / 2),
        "gd.start_accuracy": right(ex.GD_START[0], ex.GD_START[1], x, y),
        "gd.good_accuracy": right(good.w[-1], good.b[-1], x, y),
        "gd.test_images": len(test_x),
        "gd.test_accuracy": right(good.w[-1], good.b[-1], test_x, test_y),
        # the first step of the good run, every number in it (w = 0, so every image has the
        # same z = b and the same output a)
        "gd.first.rate": good.rate,
        "gd.first.w": float(good.w[0]),
        "gd.first.b": b0,
        "gd.first.z": b0,  # z = w x + b with w = 0
        "gd.first.a": a0,
        "gd.first.slope": a0 * (1 - a0),
        "gd.first.error_x": float(np.mean((a0 - y) * x)),
        "gd.first.error": float(np.mean(a0 - y)),
        "gd.first.cost": float(good.cost[0]),
        "gd.first.dw": dw,
        "gd.first.db": db,
        "gd.first.step_w": -good.rate * dw,
        "gd.first.step_b": -good.rate * db,
        "gd.first.new_w": float(good.w[1]),
        "gd.first.new_b": float(good.b[1]),
        "gd.first.new_cost": float(good.cost[1]),
    }


#: Every group of numbers: the key ``"group.name"`` is looked up in ``GROUPS[group]()``, which
#: returns its keys written out in full, so that searching the code for a key finds its line.
GROUPS: dict[str, Callable[[], dict[str, Value]]] = {
    "worked_example": _worked_example,
    "perceptron": _perceptron,
    "ann": _ann,
    "act": _activations,
    "digits": _digits,
    "cost": _cost,
    "learn": _learn,
    "bp": _backprop,
    "widget": _widget,
    "gd": _gradient_descent,
}


class Numbers:
    """The values of one site build: each group is computed once, when first asked for (or
    given: ``values``, every key and its value, as
    [`all`][explainer.numbers.Numbers.all] returns them)."""

    def __init__(self, values: dict[str, Value] | None = None) -> None:
        self._cache: dict[str, dict[str, Value]] = {}
        for key, value in (values or {}).items():
            self._cache.setdefault(key.partition(".")[0], {})[key] = value

    def group(self, name: str) -> dict[str, Value]:
        if name not in self._cache:
            self._cache[name] = GROUPS[name]()
        return self._cache[name]

    def get(self, key: str) -> Value:
        """The value of ``key`` (``"group.name"``); ``UnknownNumber`` if there is none."""
        group = key.partition(".")[0]
        if group not in GROUPS:
            raise UnknownNumber(f"unknown number {key!r}{did_you_mean(group, list(GROUPS))}")
        values = self.group(group)
        if key not in values:
            raise UnknownNumber(f"unknown number {key!r}{did_you_mean(key, list(values))}")
        return values[key]

    def format(self, key: str, spec: str = "") -> str:
        """``key``'s value formatted with ``spec`` (ASCII minus: it also works inside math)."""
        value = self.get(key)
        if spec == "p" and isinstance(value, float):
            return percent(value)
        try:
            return format(value, spec)
        except (TypeError, ValueError) as exc:
            raise UnknownNumber(
                f"number {key!r} = {value!r}: bad format {spec!r} ({exc})"
            ) from None

    def claim(self, expression: str) -> None:
        """Check a claim about the numbers; ``FalseClaim`` says why it does not hold.

        ``expression`` compares keys and constants in Python's syntax: ``"digits.probability >=
        0.9"``, ``"digits.predicted == digits.label and digits.mistakes > 0"``,
        ``'digits.activation == "tanh"'``. Allowed: keys, numbers, strings, ``True``/``False``,
        comparisons, ``and``/``or``/``not``, ``+ - * /``, ``abs()``, ``min()`` and ``max()`` of
        two or more values. A page puts
        ``{{ claim("...") }}`` at the end of a sentence whose truth depends on the numbers: the
        build then fails, naming the sentence, when the numbers no longer support it.
        """
        try:
            tree = ast.parse(expression, mode="eval")
        except SyntaxError:
            raise UnknownNumber(f"claim {expression!r} is not an expression") from None
        used: dict[str, Value] = {}
        result = self._evaluate(tree.body, expression, used)
        if result is not True:
            values = ", ".join(f"{k} = {v!r}" for k, v in used.items())
            raise FalseClaim(f"claim {expression!r} is {result!r} ({values})")

    def _evaluate(self, node: ast.AST, expression: str, used: dict[str, Value]) -> Any:
        def ev(n: ast.AST) -> Any:
            return self._evaluate(n, expression, used)

        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str, bool)):
            return node.value
        if isinstance(node, (ast.Name, ast.Attribute)):
            key = _dotted(node)
            if key in ("True", "False"):
                return key == "True"
            used[key] = self.get(key)
            return used[key]
        if isinstance(node, ast.BoolOp):
            values = [ev(v) for v in node.values]
            return all(values) if isinstance(node.op, ast.And) else any(values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
            value = ev(node.operand)
            return (not value) if isinstance(node.op, ast.Not) else -value
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
            return _ARITHMETIC[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.Compare):
            left = ev(node.left)
            for op, right_node in zip(node.ops, node.comparators, strict=True):
                right = ev(right_node)
                if type(op) not in _COMPARE or not _COMPARE[type(op)](left, right):
                    return False
                left = right
            return True
        functions = {"abs": abs, "min": min, "max": max}
        if isinstance(node, ast.Call) and _dotted(node.func) in functions and node.args:
            if not node.keywords and (len(node.args) > 1 or _dotted(node.func) == "abs"):
                return functions[_dotted(node.func)](*(ev(a) for a in node.args))
        raise UnknownNumber(
            f"claim {expression!r}: {ast.unparse(node)!r} is not allowed in a claim"
        )

    def all(self) -> dict[str, Value]:
        """Every key and its value (computes every group)."""
        return {k: v for g in GROUPS for k, v in self.group(g).items()}


class FalseClaim(ValueError):
    """A claim about the numbers (``{{ claim("...") }}``) that they no longer support."""


_ARITHMETIC = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv
}  # fmt: skip
_COMPARE = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
}  # fmt: skip


def _dotted(node: ast.AST) -> str:
    """``digits.layer1.size`` from the attribute chain Python parses it into."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    raise UnknownNumber(f"{ast.unparse(node)!r} is not a number key")


if __name__ == "__main__":
    for key, value in Numbers().all().items():
        print(f"{key} = {value!r}")
