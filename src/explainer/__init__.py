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

Importing the package is cheap: it imports none of its modules (nor numpy, nor matplotlib).
"""

import os
from pathlib import Path

__version__ = "0.1.0"


def cache_folder() -> Path:
    """Where results computed once are kept for the next process (the trained networks, what
    the site prints): ``$EXPLAINER_CACHE``, or ``.cache/explainer`` in the current folder."""
    return Path(os.environ.get("EXPLAINER_CACHE") or Path(".cache", "explainer"))
