"""The widgets' data files: the package's own numbers, at every value a widget can ask for."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from explainer import activations, examples, widgets

FILES = widgets.files()


@pytest.mark.parametrize("name", activations.names())
def test_each_activation_has_its_values_at_every_z_the_sliders_make(name):
    table = json.loads(FILES[f"widgets/neuron/{name}.json"])
    f = activations.get(name)
    z = table["z_min"] + table["z_step"] * np.arange(len(table["f"]))
    assert table["name"] == name and table["range"] == str(f.range)
    np.testing.assert_allclose(z, widgets.neuron_z(), rtol=0, atol=1e-12)
    assert table["f"] == [float(v) for v in f(widgets.neuron_z())]  # exact, through JSON
    assert table["df"] == [float(v) for v in f.derivative(widgets.neuron_z())]


def test_every_slider_setting_gives_a_z_in_the_table():
    """z = w1*x1 + w2*x2 + w3*x3 + b, computed in floating point as a page would, rounds to a
    table entry within 1e-12 of it, for slider values drawn across their whole ranges."""
    rng = np.random.default_rng(0)
    grid = {k: np.round(np.arange(lo, hi + 1e-9, widgets.STEP), 10) for k, (lo, hi) in
            widgets.SLIDERS.items()}  # fmt: skip
    z_table = widgets.neuron_z()
    corners = [(lo, hi) for lo, hi in widgets.SLIDERS.values()]
    settings = [rng.choice(grid["x"], 3).tolist() + rng.choice(grid["w"], 3).tolist()
                + [rng.choice(grid["b"])] for _ in range(2000)]  # fmt: skip
    settings += [[x] * 3 + [w] * 3 + [b] for x, w, b in itertools.product(*corners)]
    for s in settings:
        x, w, b = s[:3], s[3:6], s[6]
        z = w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + b
        k = round((z + widgets.Z_MAX) / widgets.Z_STEP)
        assert 0 <= k < len(z_table) and abs(z_table[k] - z) < 1e-12


def test_the_digits_file_holds_the_tutorial_network_and_the_test_images():
    table = json.loads(FILES["widgets/digits.json"])
    net = examples.tutorial_network().network
    levels = [int(c, 17) for c in table["levels"]]  # as a page reads them: parseInt(c, 17)
    a = np.array(levels, dtype=float).reshape(-1, 64) / 16  # a page's forward pass, written out
    for w, b, name in zip(table["weights"], table["biases"], table["activations"], strict=True):
        z = a @ np.array(w) + np.array(b)
        if name == "softmax":
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
        else:  # numpy's own tanh for the tutorial's network; the registry for another
            a = np.tanh(z) if name == "tanh" else activations.get(name)(z)
    data = examples.tutorial_network().data
    assert table["labels"] == data.y_test.tolist() and table["sizes"] == net.sizes
    assert table["activations"] == net.activations
    assert len(table["levels"]) == 64 * len(data.y_test) and max(levels) <= 16
    np.testing.assert_allclose(a, net.forward(data.x_test).output, rtol=0, atol=1e-12)


def test_the_neuron_index_lists_every_function_and_the_sliders_from_the_package():
    index = json.loads(FILES["widgets/neuron/index.json"])
    assert [f["name"] for f in index["functions"]] == list(activations.names())
    for entry in index["functions"]:
        f = activations.get(entry["name"])
        assert entry == {"name": f.name, "label": f.label, "range": str(f.range)}
        assert f"widgets/neuron/{f.name}.json" in FILES
    assert index["sliders"] == {k: list(v) for k, v in widgets.SLIDERS.items()}
    assert index["step"] == widgets.STEP and index["z_step"] == widgets.Z_STEP
    relu = json.loads(FILES["widgets/neuron/relu.json"])
    assert index["z_min"] == -widgets.Z_MAX == relu["z_min"]


def test_the_neuron_widget_starts_from_the_worked_example_on_the_sliders_steps():
    start = json.loads(FILES["widgets/neuron/index.json"])["start"]
    assert start == {**examples.NEURON, "b": float(examples.NEURON["b"])}
    assert start["activation"] in activations.names()
    values = {"x": start["x"], "w": start["w"], "b": [start["b"]]}
    for kind, vs in values.items():
        lo, hi = widgets.SLIDERS[kind]
        for v in vs:
            k = round(v / widgets.STEP)
            assert lo <= v <= hi and v == k / round(1 / widgets.STEP)


def test_the_digits_file_starts_at_the_forward_pass_figures_image():
    table = json.loads(FILES["widgets/digits.json"])
    assert table["start"] == examples.DIGIT
    levels = [int(c, 17) for c in table["levels"][64 * examples.DIGIT : 64 * (examples.DIGIT + 1)]]
    example = examples.classify_test_digit(examples.DIGIT)
    assert np.array_equal(np.array(levels) / 16, example.trace.a[0])
    assert table["labels"][examples.DIGIT] == example.label


def test_the_digits_file_is_small():
    """It is most of what the digit page weighs: the weights at full precision, the images as
    one character per pixel."""
    assert len(FILES["widgets/digits.json"]) < 70 * 1024
