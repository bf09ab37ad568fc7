"""Activation curves (placeholder until the activation catalogue lands)."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes


def activation_curve(ax: Axes, name: str = "sigmoid") -> Axes:
    z = np.linspace(-6, 6, 241)
    ax.plot(z, 1 / (1 + np.exp(-z)), label=name)
    ax.set_xlabel("weighted sum z")
    ax.set_ylabel("activation a = f(z)")
    ax.legend()
    return ax
