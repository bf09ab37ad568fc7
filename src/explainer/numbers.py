"""The numbers the tutorial quotes, computed from the package when the site is built.

A page never types a number that the code computes. It writes a placeholder instead, which the
site plugin (:mod:`explainer.site`) replaces with the value::

    The weighted sum is {{ number("worked_example.z", ".3f") }}.

The first argument is a *key*, ``"group.name"``; the optional second one is a Python format
specification (``".3f"``, ``".1%"``, ``"d"``). Each group is computed by one function below, only
when a page asks for one of its keys, so a page that quotes no digits never trains a network.
``python -m explainer.numbers`` prints every key and its value.

Where a figure and the text must agree (the perceptron's weights, the digit that flows through the
network), the numbers are read from that figure's declaration in the catalogue, so changing the
figure changes the text with it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

Value = float | int | str


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
        "hidden_layers": len(sizes) - 2,
        "hidden": sizes[1],
        "weights": sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=False)),
        "biases": sum(sizes[1:]),
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
    return out


def _digits() -> dict[str, Value]:
    """The tutorial's digits network and the test digit of the ``digit_flow`` figure."""
    import numpy as np

    from .training import classify_test_digit, tutorial_network

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
        "inputs": sizes[0],
        "hidden": sizes[1],
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
    return out


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
        try:
            text = format(value, spec)
        except (TypeError, ValueError) as exc:
            raise UnknownNumber(
                f"number {key!r} = {value!r}: bad format {spec!r} ({exc})"
            ) from None
        return text

    def all(self) -> dict[str, Value]:
        """Every key and its value (computes every group)."""
        return {f"{g}.{k}": v for g in GROUPS for k, v in self.group(g).items()}


def _hint(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


if __name__ == "__main__":
    for key, value in Numbers().all().items():
        print(f"{key} = {value!r}")
