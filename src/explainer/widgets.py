"""The numbers the site's in-page widgets compute with, exported from the package at build time.

The widgets are a few kilobytes of plain JavaScript on their pages; they never implement an
activation function or a network of their own. Everything they show comes from the files below,
which the site plugin publishes under ``widgets/`` with every build:

``widgets/neuron/NAME.json``, one per activation function of the registry
:   ``f(z)`` and ``f'(z)`` at every ``z`` the neuron widget can produce. Its sliders move in
    steps of ``STEP`` (0.1), so the weighted sum ``z = w1*x1 + w2*x2 + w3*x3 + b`` is always a
    whole multiple of ``Z_STEP`` (0.01) between ``-Z_MAX`` and ``Z_MAX``: the widget looks the
    values up, index ``round((z + Z_MAX) / Z_STEP)``, and shows the package's own numbers, not
    an interpolation. A page fetches only the function the reader chooses.

``widgets/neuron/index.json``
:   What the neuron widget needs before any function: the registry's names, labels and
    ranges (the choices of its menu), the sliders' ranges and ``STEP``, the tables' ``z_min``
    and ``Z_STEP``, and the values it starts from, the worked example ``examples.NEURON``.

``widgets/digits.json``
:   The trained tutorial network (its layer sizes, activation names, weights and biases, at
    full precision) and the test images as grey levels 0 to 16 (the input is the level over 16,
    exactly), with their true digits, so that the digit widget's forward pass gives the
    package's probabilities. The levels are one string, a character per pixel, image after
    image and row by row, each level a digit in base 17 (``0`` to ``9``, then ``a`` to ``g``
    for 10 to 16: JavaScript's ``parseInt(c, 17)``); ``start`` is the test image the widget
    shows first, the one of the forward-pass figure (``examples.DIGIT``).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from . import activations, examples
from .training import tutorial_network

#: The grey levels of the images, and the digits that write them in ``widgets/digits.json``.
LEVELS = 16
LEVEL_DIGITS = "0123456789abcdefg"

#: The neuron widget's sliders: the range of each kind of control, all moving in steps of STEP.
SLIDERS = {"x": (-1.0, 1.0), "w": (-3.0, 3.0), "b": (-3.0, 3.0)}
STEP = 0.1
#: Decimals the neuron widget shows for a and the slope (z, a multiple of Z_STEP, shows exactly).
DECIMALS = 4
#: What the sliders make of z: a whole multiple of Z_STEP, at most Z_MAX in size.
Z_STEP = 0.01
Z_MAX = 3 * max(map(abs, SLIDERS["x"])) * max(map(abs, SLIDERS["w"])) + max(map(abs, SLIDERS["b"]))


def neuron_z() -> np.ndarray:
    """Every weighted sum the neuron widget can produce, in increasing order."""
    n = round(Z_MAX / Z_STEP)
    return np.arange(-n, n + 1) / round(1 / Z_STEP)  # k / 100: the float nearest each value


def neuron_table(name: str) -> dict[str, Any]:
    """``f`` and ``f'`` of the activation ``name`` at every ``neuron_z()``, and what the widget
    writes about the function."""
    f = activations.get(name)
    if not f.elementwise:
        raise ValueError(f"{name} is not elementwise: the neuron widget cannot use it")
    z = neuron_z()
    return _menu_entry(f) | {
        "z_min": float(z[0]),
        "z_step": Z_STEP,
        "f": f(z).tolist(),
        "df": f.derivative(z).tolist(),
    }


def _menu_entry(f: activations.Activation) -> dict[str, str]:
    """What the widget's menu shows of the activation ``f``."""
    return {"name": f.name, "label": f.label, "range": str(f.range)}


def neuron_index() -> dict[str, Any]:
    """The neuron widget's menu, sliders and start values, as ``widgets/neuron/index.json``
    holds them."""
    start = examples.NEURON
    settings = [*start["x"], *start["w"], start["b"]]
    if any(abs(v / STEP - round(v / STEP)) > 1e-9 for v in settings):
        raise ValueError("the worked example is not on the sliders' steps of STEP")
    return {
        "functions": [_menu_entry(f) for f in activations.all_activations()],
        "sliders": {kind: list(bounds) for kind, bounds in SLIDERS.items()},
        "step": STEP,
        "decimals": DECIMALS,
        "z_min": float(neuron_z()[0]),
        "z_step": Z_STEP,
        "start": {
            "x": [float(v) for v in start["x"]],
            "w": [float(v) for v in start["w"]],
            "b": float(start["b"]),
            "activation": start["activation"],
        },
    }


def digits_table() -> dict[str, Any]:
    """The tutorial network and the test images, as ``widgets/digits.json`` holds them."""
    result = tutorial_network()
    net, data = result.network, result.data
    levels = np.rint(data.x_test * LEVELS).astype(int)
    if not np.array_equal(levels / LEVELS, data.x_test):
        raise ValueError(f"the test images are not grey levels 0 to {LEVELS} over {LEVELS}")
    return {
        "sizes": net.sizes,
        "activations": net.activations,
        "weights": [w.tolist() for w in net.weights],
        "biases": [b.tolist() for b in net.biases],
        "levels": "".join(LEVEL_DIGITS[v] for v in levels.ravel()),
        "labels": data.y_test.tolist(),
        "start": examples.DIGIT,
    }


def files() -> dict[str, bytes]:
    """Every widget data file: its path in the site, and its bytes (compact JSON)."""
    out = {f"widgets/neuron/{name}.json": _json(neuron_table(name)) for name in activations.names()}
    out["widgets/neuron/index.json"] = _json(neuron_index())
    out["widgets/digits.json"] = _json(digits_table())
    return out


def _json(value: Any) -> bytes:
    # repr of a float64 is the shortest text that reads back as the same float: JavaScript's
    # JSON.parse gives the package's exact number
    return json.dumps(value, separators=(",", ":"), allow_nan=False).encode()
