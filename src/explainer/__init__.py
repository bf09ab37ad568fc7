"""explainer: how a neuron in an artificial neural network is activated, computed and drawn.

The package is flat, one module per idea, and its data flows one way: math -> examples ->
drawing -> catalogue -> build -> site.

- ``explainer.activations``: the activation functions, their derivatives, ranges and properties.
- ``explainer.network``: ``Network``, a multilayer perceptron whose forward pass records
  every layer.
- ``explainer.training``: backpropagation and minibatch gradient descent on handwritten digits.
- ``explainer.examples``: the tutorial's constants and the cases computed from them.
- ``explainer.draw``: drawing functions that take numbers and an ``Axes`` and return it.
- ``explainer.presentation``: what the site says about each activation, and its figure's frame.
- ``explainer.catalog``: every site figure declared once; ``explainer.build`` draws them.
- ``explainer.cli``: the ``explainer`` command.

Importing the package is cheap: submodules (and numpy, and matplotlib) load when first used.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {"Network": "explainer.network"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'explainer' has no attribute {name!r}")
