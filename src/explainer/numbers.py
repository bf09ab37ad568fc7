"""The numbers the tutorial quotes, computed from the package when the site is built.

A page never types a number that the code computes. It writes a placeholder instead, which the
site plugin (:mod:`explainer.site`) replaces with the value::

    The weighted sum is {{ number("worked_example.z", ".3f") }}.

The first argument is a *key*, ``"group.name"``; the optional second one is a Python format
specification (``".3f"``, ``".1%"``, ``"d"``), or ``"p"`` for a probability as the figures
print it (:func:`percent`). Each group is computed by one function below, only
when a page asks for one of its keys, so a page that quotes no digits never trains a network.
``python -m explainer.numbers`` prints every key and its value.

Where a figure and the text must agree (the perceptron's weights, the digit that flows through the
network), the numbers are read from that figure's declaration in the catalogue, so changing the
figure changes the text with it.
"""

from __future__ import annotations

import ast
import difflib
import math
import operator
from collections.abc import Callable
from typing import Any

Value = float | int | str


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


class UnknownNumber(KeyError):
    """A placeholder names a key that no group computes; the message says which ones are close."""

    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0])


def _figure_params(name: str) -> dict[str, Any]:
    """The parameters of figure ``name`` in the catalogue (the text quotes what it draws)."""
    from .catalog import figures

    for fig in figures():
        if fig.name == name:
            return dict(fig.params)
    raise UnknownNumber(f"the catalogue has no figure {name!r} to read numbers from")


def _worked_example() -> dict[str, Value]:
    """One sigmoid neuron with three inputs (:func:`explainer.network.worked_example`)."""
    from .network import worked_example

    ex = worked_example()
    out: dict[str, Value] = {
        "n": len(ex.x),
        "b": ex.b,
        "z": ex.z,
        "a": ex.a,
        "activation": ex.activation,
        "weighted": float(sum(w * x for w, x in zip(ex.w, ex.x, strict=True))),
    }
    for i, (x, w) in enumerate(zip(ex.x, ex.w, strict=True), start=1):
        out[f"x{i}"] = float(x)
        out[f"w{i}"] = float(w)
        out[f"wx{i}"] = float(w * x)
        # what the weight does to the sum, in words: "negative" and "lowers" for w < 0, x > 0
        out[f"w{i}_sign"] = "positive" if w > 0 else "negative" if w < 0 else "zero"
        out[f"x{i}_effect"] = "raises" if w * x > 0 else "lowers" if w * x < 0 else "leaves"
    # for e^{-z} written with the number: e^{-0.56}, or e^{0.56} if z were negative
    out["minus_z"] = -ex.z
    # what the same sum gives through other activation functions
    from . import activations

    for name in ("tanh", "relu"):
        out[f"{name}_a"] = float(activations.get(name)(ex.z))
    return out


def _perceptron() -> dict[str, Value]:
    """The perceptron of the ``perceptron`` figure, computed with :class:`Network`."""
    from .network import Network

    p = _figure_params("perceptron")
    weights, theta, x = p["weights"], float(p["threshold"]), p["x"]
    trace = Network.perceptron(weights, theta).forward(x)
    out: dict[str, Value] = {
        "theta": theta,
        "b": -theta,
        "sum": float(sum(w * xi for w, xi in zip(weights, x, strict=True))),
        "z": float(trace.z[1][0]),
        "output": int(trace.a[1][0]),
        "n": len(weights),
    }
    fires = out["output"] == 1
    out["verdict"] = (
        "reaches the threshold, so the perceptron fires"
        if fires
        else "stays below the threshold, so the perceptron does not fire"
    )
    out["z_test"] = r"z \ge 0" if fires else "z < 0"  # LaTeX, for math
    for i, (w, xi) in enumerate(zip(weights, x, strict=True), start=1):
        out[f"w{i}"] = float(w)
        out[f"x{i}"] = xi
    return out


def _ann() -> dict[str, Value]:
    """Counts for the network drawn in the ``ann`` figure."""
    sizes = _figure_params("ann")["sizes"]
    return {
        "inputs": sizes[0],
        "outputs": sizes[-1],
        **_layers(sizes),
        "weights": sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=False)),
        "biases": sum(sizes[1:]),
    }


def _layers(sizes: list[int]) -> dict[str, Value]:
    """How many hidden layers, the first one's size, and whether they all have that size."""
    return {
        "hidden_layers": len(sizes) - 2,
        "hidden": sizes[1],
        "hidden_equal": len(set(sizes[1:-1])) == 1,
    }


def _activations() -> dict[str, Value]:
    """Facts about the classic activation functions, from the registry."""
    from . import activations

    out: dict[str, Value] = {"count": len(activations.all_activations())}
    for name in ("sigmoid", "tanh", "relu", "step", "identity"):
        act = activations.get(name)
        out[f"{name}.range"] = str(act.range)
        out[f"{name}.range_tex"] = act.range.latex
        out[f"{name}.f0"] = act.f0
        out[f"{name}.df0"] = act.df0
    sigmoid, tanh, relu = (activations.get(n) for n in ("sigmoid", "tanh", "relu"))
    for z in (2, 5):
        out[f"sigmoid.f{z}"] = float(sigmoid(float(z)))
        out[f"sigmoid.df{z}"] = float(sigmoid.derivative(float(z)))
        out[f"tanh.df{z}"] = float(tanh.derivative(float(z)))
        out[f"relu.f{z}"] = float(relu(float(z)))
    out["relu.f100"] = float(relu(100.0))
    out["tanh_over_sigmoid_df0"] = tanh.df0 / sigmoid.df0
    for act in (sigmoid, tanh, relu):
        out[f"{act.name}.zero_centred"] = "yes" if act.zero_centred else "no"
        out[f"{act.name}.mean_output"] = act.mean_output
        out[f"{act.name}.saturates"] = _saturates(act)
    # every function of the registry whose outputs stay between 0 and 1, with its range
    inside = [a for a in activations.all_activations() if 0 <= a.range.low and a.range.high <= 1]
    out["unit_interval"] = _and([f"{a.label.split(' (')[0]} ${a.range.latex}$" for a in inside])
    out["unit_interval_count"] = len(inside)
    out["gelu.smooth"] = math.isinf(activations.get("gelu").continuity)
    out["silu.smooth"] = math.isinf(activations.get("silu").continuity)
    return out


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


def _digits() -> dict[str, Value]:
    """The tutorial's digits network and the test digit of the ``digit_flow`` figure."""
    import numpy as np

    from .training import OPTIMIZER, classify_test_digit, tutorial_network

    result = tutorial_network()
    net, data = result.network, result.data
    sizes = net.sizes
    index = int(_figure_params("digit_flow")["index"])
    d = classify_test_digit(index)
    out: dict[str, Value] = {
        "images": len(data.x_train) + len(data.x_test),
        "train": len(data.x_train),
        "test": len(data.x_test),
        "test_correct": int(round(result.test_accuracy * len(data.x_test))),
        "test_accuracy": result.test_accuracy,
        "epochs": result.epochs,
        "activation": result.activation,
        "optimizer": OPTIMIZER,
        **_layers(sizes),
        "inputs": sizes[0],
        "outputs": sizes[-1],
        "sizes": "-".join(str(n) for n in sizes),
        "weights": sum(w.size for w in net.weights),
        "biases": sum(b.size for b in net.biases),
        "index": index,
        "label": d.label,
        "predicted": d.predicted,
        "probability": d.probability,
        "pixels_lit": int(np.count_nonzero(d.image > 0)),
        "pixels_full": int(np.count_nonzero(d.image >= 1.0)),
    }
    out["parameters"] = out["weights"] + out["biases"]
    out["neurons"] = sum(sizes[1:])
    m = classify_test_digit(int(_figure_params("digit_flow_mistake")["index"]))
    out["mistake.index"] = m.index
    out["mistake.label"] = m.label
    out["mistake.predicted"] = m.predicted
    out["mistake.probability"] = m.probability
    out["mistake.label_probability"] = float(m.trace.output[m.label])
    out["mistakes"] = len(data.x_test) - out["test_correct"]
    for layer in range(1, len(sizes)):
        z, a = d.trace.z[layer], d.trace.a[layer]
        key = f"layer{layer}"
        out[f"{key}.size"] = int(a.size)
        out[f"{key}.z_min"] = float(z.min())
        out[f"{key}.z_max"] = float(z.max())
        out[f"{key}.a_min"] = float(a.min())
        out[f"{key}.a_max"] = float(a.max())
        out[f"{key}.positive"] = int(np.count_nonzero(a > 0))
        out[f"{key}.saturated"] = int(np.count_nonzero(np.abs(a) > 0.9))
    probs = d.trace.output
    runner_up = int(np.argsort(probs)[-2])
    out["runner_up"] = runner_up
    out["runner_up_probability"] = float(probs[runner_up])
    out["probability_sum"] = float(probs.sum())
    right = d.predicted == d.label
    out["verdict"] = (
        "wrong"
        if not right
        else "right, and confident"
        if d.probability >= CONFIDENT
        else "right, but not confident"
    )
    return out


#: A probability at least this large is "confident" in the text.
CONFIDENT = 0.9


#: Every group of numbers: the key ``"group.name"`` is looked up in ``GROUPS[group]()``.
GROUPS: dict[str, Callable[[], dict[str, Value]]] = {
    "worked_example": _worked_example,
    "perceptron": _perceptron,
    "ann": _ann,
    "act": _activations,
    "digits": _digits,
}


class Numbers:
    """The values of one site build: each group is computed once, when first asked for."""

    def __init__(self) -> None:
        self._cache: dict[str, dict[str, Value]] = {}

    def group(self, name: str) -> dict[str, Value]:
        if name not in self._cache:
            self._cache[name] = GROUPS[name]()
        return self._cache[name]

    def get(self, key: str) -> Value:
        """The value of ``key`` (``"group.name"``); :class:`UnknownNumber` if there is none."""
        group, _, name = key.partition(".")
        if group not in GROUPS:
            raise UnknownNumber(f"unknown number {key!r}{_hint(group, list(GROUPS))}")
        values = self.group(group)
        if name not in values:
            known = [f"{group}.{k}" for k in values]
            raise UnknownNumber(f"unknown number {key!r}{_hint(key, known)}")
        return values[name]

    def format(self, key: str, spec: str = "") -> str:
        """``key``'s value formatted with ``spec`` (ASCII minus: it also works inside math)."""
        value = self.get(key)
        if spec == "p" and isinstance(value, float):
            return percent(value)
        try:
            text = format(value, spec)
        except (TypeError, ValueError) as exc:
            raise UnknownNumber(
                f"number {key!r} = {value!r}: bad format {spec!r} ({exc})"
            ) from None
        return text

    def claim(self, expression: str) -> None:
        """Check a claim about the numbers; :class:`FalseClaim` says why it does not hold.

        ``expression`` compares keys and constants in Python's syntax: ``"digits.probability >=
        0.9"``, ``"digits.predicted == digits.label and digits.mistakes > 0"``,
        ``'digits.activation == "tanh"'``. Allowed: keys, numbers, strings, ``True``/``False``,
        comparisons, ``and``/``or``/``not``, ``+ - * /``, ``abs()``. A page puts
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
        if isinstance(node, ast.Call) and _dotted(node.func) == "abs" and len(node.args) == 1:
            return abs(ev(node.args[0]))
        raise UnknownNumber(
            f"claim {expression!r}: {ast.unparse(node)!r} is not allowed in a claim"
        )

    def all(self) -> dict[str, Value]:
        """Every key and its value (computes every group)."""
        return {f"{g}.{k}": v for g in GROUPS for k, v in self.group(g).items()}


class FalseClaim(ValueError):
    """A claim about the numbers (``{{ claim("...") }}``) that they no longer support."""


_ARITHMETIC = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def _dotted(node: ast.AST) -> str:
    """``digits.layer1.size`` from the attribute chain Python parses it into."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    raise UnknownNumber(f"{ast.unparse(node)!r} is not a number key")


def _hint(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


if __name__ == "__main__":
    for key, value in Numbers().all().items():
        print(f"{key} = {value!r}")
