"""`Network`: the forward pass against arithmetic done by hand, initialisation, validation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from explainer import activations
from explainer.examples import worked_example
from explainer.network import Network, NetworkError


def sigmoid(v: float) -> float:
    return 1 / (1 + math.exp(-v))


def small_network() -> Network:
    """2 inputs -> 2 sigmoid neurons -> 1 sigmoid neuron, with weights chosen by hand."""
    w1 = [[0.1, 0.4], [-0.2, 0.3]]  # w1[i][j]: from input i to hidden neuron j
    b1 = [0.0, 0.1]
    w2 = [[0.5], [-0.5]]
    b2 = [0.2]
    return Network.from_weights([np.array(w1), np.array(w2)], [np.array(b1), np.array(b2)])


def test_forward_matches_hand_computation():
    trace = small_network().forward([1.0, 2.0])
    # hidden layer: z_j = sum_i w_ij x_i + b_j
    z1 = [0.1 * 1 + -0.2 * 2 + 0.0, 0.4 * 1 + 0.3 * 2 + 0.1]  # = [-0.3, 1.1]
    a1 = [sigmoid(v) for v in z1]
    z2 = 0.5 * a1[0] - 0.5 * a1[1] + 0.2
    assert trace.z[0] is None
    assert trace.a[0].tolist() == [1.0, 2.0]
    assert trace.z[1] == pytest.approx([-0.3, 1.1])
    assert trace.a[1] == pytest.approx(a1)
    assert trace.z[2] == pytest.approx([z2])
    assert trace.output == pytest.approx([sigmoid(z2)])


def test_batch_forward_is_one_forward_per_row():
    net = Network([3, 5, 4], ["tanh", "softmax"], seed=3)
    x = np.random.default_rng(0).normal(size=(6, 3))
    batch = net.forward(x)
    for k, row in enumerate(x):
        single = net.forward(row)
        for layer in range(1, 3):
            assert batch.z[layer][k] == pytest.approx(single.z[layer])
            assert batch.a[layer][k] == pytest.approx(single.a[layer])
    assert [a.shape for a in batch.a] == [(6, 3), (6, 5), (6, 4)]
    assert batch.predicted().shape == (6,)


def test_softmax_output_is_a_probability_per_input():
    net = Network([4, 3, 5], ["relu", "softmax"], seed=1)
    out = net.forward(np.ones((2, 4))).output
    assert np.all(out > 0)
    assert out.sum(axis=1) == pytest.approx([1.0, 1.0])
    z = net.forward(np.ones(4)).z[2]
    assert net.forward(np.ones(4)).output == pytest.approx(np.exp(z) / np.exp(z).sum())


def test_per_layer_activations():
    w = [np.eye(2), np.eye(2)]
    b = [np.zeros(2), np.zeros(2)]
    net = Network.from_weights(w, b, ["relu", "tanh"])
    trace = net.forward([-1.0, 2.0])
    assert trace.a[1].tolist() == [0.0, 2.0]
    assert trace.a[2] == pytest.approx([0.0, math.tanh(2.0)])


def test_weights_are_n_in_by_n_out_and_biases_start_at_zero():
    net = Network([64, 16, 10], seed=0)
    assert [w.shape for w in net.weights] == [(64, 16), (16, 10)]
    assert [b.tolist() for b in net.biases] == [[0.0] * 16, [0.0] * 10]


def test_same_seed_same_network_other_seed_other_network():
    a, b, c = Network([5, 4, 3], seed=7), Network([5, 4, 3], seed=7), Network([5, 4, 3], seed=8)
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights, strict=True))
    assert not np.array_equal(a.weights[0], c.weights[0])


@pytest.mark.parametrize(
    ("activation", "expected_std"),
    [
        ("sigmoid", math.sqrt(2 / (400 + 300))),  # Glorot
        ("tanh", math.sqrt(2 / (400 + 300))),
        ("relu", math.sqrt(2 / 400)),  # He
        ("leaky_relu", math.sqrt(2 / 400)),
    ],
)
def test_initial_spread(activation, expected_std):
    w = Network([400, 300], activation, seed=0).weights[0]
    assert w.std() == pytest.approx(expected_std, rel=0.02)
    assert abs(w.mean()) < 0.1 * expected_std


def test_names_are_the_registrys_spelling():
    net = Network([2, 2, 2], ["Swish", "SOFTMAX"])
    assert net.activations == [activations.get("swish").name, "softmax"]


def test_perceptron_is_a_step_neuron_with_bias_minus_threshold():
    p = Network.perceptron([1.0, 1.0], threshold=1.5)  # logical AND
    assert p.sizes == [2, 1]
    assert p.activations == ["step"]
    assert p.biases[0].tolist() == [-1.5]
    table = {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1}
    for x, want in table.items():
        assert p.forward(x).output.tolist() == [want]


def test_perceptron_fires_when_the_sum_reaches_the_threshold_exactly():
    p = Network.perceptron([0.5, 0.25], threshold=0.75)
    assert p.forward([1, 1]).output.tolist() == [1.0]  # 0.75 >= 0.75
    assert p.forward([1, 0]).output.tolist() == [0.0]  # 0.5 < 0.75


def test_worked_example_numbers():
    ex = worked_example()
    z = 0.8 * 0.9 + (-0.5) * 0.2 + 0.4 * 0.6 + (-0.3)
    assert ex.z == pytest.approx(z) == pytest.approx(0.56)
    assert ex.a == pytest.approx(sigmoid(0.56))
    assert ex.activation == "sigmoid"


# --------------------------------------------------------------------------- errors


def registry_message(name: str) -> str:
    with pytest.raises(ValueError) as info:
        activations.get(name)
    return str(info.value)


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda: Network([]), "at least 2 layers"),
        (lambda: Network([3]), "at least 2 layers"),
        (lambda: Network([3, 0]), "whole numbers >= 1"),
        (lambda: Network([3, -2]), "whole numbers >= 1"),
        (lambda: Network([3, 2.5]), "whole numbers >= 1"),
        (lambda: Network([True, 2]), "whole numbers >= 1"),
        (lambda: Network("3,2"), "list of layer sizes"),
        (lambda: Network([3, 2], ["relu", "relu"]), "one activation per layer"),
        (lambda: Network([3, 2, 2], ["softmax", "relu"]), "softmax can only be"),
        (lambda: Network([3, 2], [3]), "must be strings"),
        (lambda: Network([3, 2], seed=-1), "seed must be"),
        (lambda: Network([3, 2], seed=1.5), "seed must be"),
        (lambda: Network([3, 2]).forward([1, 2]), "input has shape (2,), expected (3,)"),
        (lambda: Network([3, 2]).forward(np.ones((2, 4))), "expected (3,)"),
        (lambda: Network([3, 2]).forward(np.ones((2, 2, 3))), "input has shape (2, 2, 3)"),
        (lambda: Network([3, 2]).forward([1, np.nan, 2]), "not finite"),
        (lambda: Network([3, 2]).forward([1, np.inf, 2]), "not finite"),
        (lambda: Network([3, 2]).forward(["a", "b", "c"]), "input must be real numbers, got text"),
        (lambda: Network.from_weights([], []), "one bias vector per weight matrix"),
        (lambda: Network.from_weights([np.ones((2, 3))], [np.ones(2)]), "layer 1"),
        (
            lambda: Network.from_weights(
                [np.ones((2, 3)), np.ones((2, 1))], [np.ones(3), np.ones(1)]
            ),
            "layer 2",
        ),
        (lambda: Network.from_weights([np.ones(3)], [np.ones(3)]), "2 dimensions"),
        (lambda: Network.from_weights([[[np.inf]]], [[0.0]]), "not finite"),
        (lambda: Network.from_weights([[[1 + 2j]]], [[0.0]]), "real numbers, got complex"),
        (lambda: Network.from_weights([np.full((2, 2), "1.5")], [[0.0, 1]]), "got text"),
        (lambda: Network.from_weights([[[1.0], [2.0, 3.0]]], [[0.0]]), "must be real numbers"),
        (lambda: Network.perceptron([1, 2], threshold=np.nan), "not finite"),
    ],
)
def test_errors_are_one_line_value_errors(make, needle):
    with pytest.raises(NetworkError) as info:
        make()
    message = str(info.value)
    assert isinstance(info.value, ValueError)
    assert needle in message
    assert "\n" not in message


def test_unknown_activation_gives_the_registrys_message():
    with pytest.raises(NetworkError) as info:
        Network([3, 2], "sigmod")
    assert str(info.value) == registry_message("sigmod")
