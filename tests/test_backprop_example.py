"""The backpropagation page's worked example, checked against computations that share no code with
the package: the chain rule written out by hand, one scalar at a time, and the values Matt Mazur
publishes in "A Step by Step Backpropagation Example" (2015) for the same network."""

from __future__ import annotations

import math

import pytest

from explainer.examples import BACKPROP, backprop_example, backprop_graph
from explainer.numbers import Numbers

# Mazur's network, written out as he names it: w1..w8, b1 (hidden), b2 (output).
X1, X2 = 0.05, 0.10
Y1, Y2 = 0.01, 0.99
W1, W2, W3, W4, W5, W6, W7, W8 = 0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55
B1, B2 = 0.35, 0.60
ETA = 0.5


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def by_hand() -> dict[str, float]:
    """The whole example with scalars and the chain rule, neuron by neuron."""
    v: dict[str, float] = {}
    v["z_h1"] = W1 * X1 + W2 * X2 + B1
    v["z_h2"] = W3 * X1 + W4 * X2 + B1
    v["a_h1"], v["a_h2"] = sigmoid(v["z_h1"]), sigmoid(v["z_h2"])
    v["z_o1"] = W5 * v["a_h1"] + W6 * v["a_h2"] + B2
    v["z_o2"] = W7 * v["a_h1"] + W8 * v["a_h2"] + B2
    v["a_o1"], v["a_o2"] = sigmoid(v["z_o1"]), sigmoid(v["z_o2"])
    v["cost"] = 0.5 * (v["a_o1"] - Y1) ** 2 + 0.5 * (v["a_o2"] - Y2) ** 2
    # output error terms: delta_o = (a_o - y_o) a_o (1 - a_o)
    v["delta_o1"] = (v["a_o1"] - Y1) * v["a_o1"] * (1 - v["a_o1"])
    v["delta_o2"] = (v["a_o2"] - Y2) * v["a_o2"] * (1 - v["a_o2"])
    # hidden error terms: delta_h = a_h (1 - a_h) sum_o w_ho delta_o
    v["da_h1"] = W5 * v["delta_o1"] + W7 * v["delta_o2"]
    v["da_h2"] = W6 * v["delta_o1"] + W8 * v["delta_o2"]
    v["delta_h1"] = v["a_h1"] * (1 - v["a_h1"]) * v["da_h1"]
    v["delta_h2"] = v["a_h2"] * (1 - v["a_h2"]) * v["da_h2"]
    # dC/dw = activation at the start * delta at the end; dC/db = delta
    v["dw1"], v["dw2"] = X1 * v["delta_h1"], X2 * v["delta_h1"]
    v["dw3"], v["dw4"] = X1 * v["delta_h2"], X2 * v["delta_h2"]
    v["dw5"], v["dw6"] = v["a_h1"] * v["delta_o1"], v["a_h2"] * v["delta_o1"]
    v["dw7"], v["dw8"] = v["a_h1"] * v["delta_o2"], v["a_h2"] * v["delta_o2"]
    weights = dict(zip(range(1, 9), (W1, W2, W3, W4, W5, W6, W7, W8), strict=True))
    for n, w in weights.items():
        v[f"w{n}_new"] = w - ETA * v[f"dw{n}"]
    return v


HAND = by_hand()
EX = backprop_example()
N = Numbers()


def test_the_example_is_mazurs_network():
    assert BACKPROP["x"] == [X1, X2] and BACKPROP["y"] == [Y1, Y2] and BACKPROP["eta"] == ETA
    assert N.get("bp.w5") == W5 and N.get("bp.w2") == W2 and N.get("bp.w7") == W7
    assert N.get("bp.b_h2") == B1 and N.get("bp.b_o1") == B2


@pytest.mark.parametrize(
    "key", ["z_h1", "z_h2", "a_h1", "a_h2", "z_o1", "z_o2", "a_o1", "a_o2", "cost"]
)
def test_forward_values_match_the_hand_computation(key):
    assert N.get(f"bp.{key}") == pytest.approx(HAND[key], rel=1e-12)


@pytest.mark.parametrize("key", ["delta_o1", "delta_o2", "da_h1", "da_h2", "delta_h1", "delta_h2"])
def test_error_terms_match_the_chain_rule_by_hand(key):
    assert N.get(f"bp.{key}") == pytest.approx(HAND[key], rel=1e-12)


@pytest.mark.parametrize("n", range(1, 9))
def test_each_weight_gradient_and_update_match_the_hand_computation(n):
    assert N.get(f"bp.dw{n}") == pytest.approx(HAND[f"dw{n}"], rel=1e-12)
    assert N.get(f"bp.w{n}_new") == pytest.approx(HAND[f"w{n}_new"], rel=1e-12)


def test_bias_gradients_are_the_error_terms_and_every_bias_takes_a_step():
    for neuron in ("h1", "h2", "o1", "o2"):
        delta = HAND[f"delta_{neuron}"]
        assert N.get(f"bp.db_{neuron}") == pytest.approx(delta, rel=1e-12)
        before = B1 if neuron.startswith("h") else B2
        assert N.get(f"bp.b_{neuron}_new") == pytest.approx(before - ETA * delta, rel=1e-12)


def test_matches_mazurs_published_values():
    """His total error before the step, and w5 and w1 after it (his step leaves the biases alone,
    which does not change the new weights), to the digits he prints."""
    assert EX.cost == pytest.approx(0.298371109, abs=5e-10)
    assert N.get("bp.w5_new") == pytest.approx(0.35891648, abs=5e-9)
    assert N.get("bp.w1_new") == pytest.approx(0.149780716, abs=5e-10)
    assert N.get("bp.a_h1") == pytest.approx(0.593269992, abs=5e-10)
    assert N.get("bp.a_o1") == pytest.approx(0.75136507, abs=5e-9)


def test_one_step_lowers_the_cost():
    assert EX.new_cost < EX.cost
    # the new cost, by hand: the forward pass again with the new weights and biases
    v = {n: HAND[f"w{n}_new"] for n in range(1, 9)}
    b = {k: N.get(f"bp.b_{k}_new") for k in ("h1", "h2", "o1", "o2")}
    a_h1 = sigmoid(v[1] * X1 + v[2] * X2 + b["h1"])
    a_h2 = sigmoid(v[3] * X1 + v[4] * X2 + b["h2"])
    a_o1 = sigmoid(v[5] * a_h1 + v[6] * a_h2 + b["o1"])
    a_o2 = sigmoid(v[7] * a_h1 + v[8] * a_h2 + b["o2"])
    assert EX.new_cost == pytest.approx(0.5 * (a_o1 - Y1) ** 2 + 0.5 * (a_o2 - Y2) ** 2, rel=1e-12)


def test_gradient_check_is_tight_and_would_catch_a_wrong_gradient():
    assert EX.max_gradient_error < 1e-8
    # the check compares with finite differences: a gradient off by 1 % is far outside it
    assert EX.max_gradient_error < 0.01 * N.get("bp.min_gradient")


def test_the_figure_draws_the_same_numbers():
    g = backprop_graph()
    assert g["z"][1][0] == N.get("bp.z_o1") and g["a"][0][1] == N.get("bp.a_h2")
    assert g["dz"][0][0] == N.get("bp.delta_h1") and g["da"][1][1] == N.get("bp.da_o2")
    assert g["weight_names"][1][0][1] == "w7"  # from h1 to o2
    assert g["cost"] == N.get("bp.cost")
