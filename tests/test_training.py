"""Training: backpropagation against finite differences, digits, Adam, saving and loading."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest

import explainer
from explainer import activations, examples, training
from explainer.network import Network, NetworkError
from explainer.training import FORMAT, backprop, load, loss, save


@pytest.mark.parametrize(
    ("sizes", "activation"),
    [
        ([3, 4, 3, 2], ["tanh", "tanh", "softmax"]),
        ([3, 5, 4], ["relu", "softmax"]),
        ([3, 4, 3, 3], ["sigmoid", "elu", "softmax"]),
        ([3, 4, 2], ["tanh", "sigmoid"]),  # no softmax: quadratic loss
        ([2, 3, 3, 2], ["leaky_relu", "sigmoid", "identity"]),
        ([3, 4, 3, 4], ["gelu", "softplus", "softmax"]),
        ([2, 5, 3], ["silu", "tanh"]),
    ],
)
def test_backprop_matches_finite_differences(sizes, activation):
    rng = np.random.default_rng(42)
    net = Network(sizes, activation, seed=5)
    for b in net.biases:  # non-zero biases, so that their gradients are tested too
        b[:] = rng.normal(0, 0.5, size=b.shape)
    x = rng.normal(size=(7, sizes[0]))
    y = rng.integers(0, sizes[-1], size=7)
    dw, db = backprop(net, x, y)
    numeric = examples.finite_difference_gradients(net, x, y)
    for got, want in zip(dw + db, numeric, strict=True):
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-8)
    assert any(np.abs(g).max() > 1e-3 for g in dw + db)  # not trivially zero


def check_gradients(net: Network, x, y) -> None:
    dw, db = backprop(net, x, y)
    numeric = examples.finite_difference_gradients(net, x, y)
    for got, want in zip(dw + db, numeric, strict=True):
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name", activations.names())
def test_backprop_matches_finite_differences_for_every_activation(name):
    """Each activation as a hidden layer (the chain through f') and as the output layer of the
    quadratic loss (f' at the output), with target values, for one input and for a batch; and
    before softmax with cross-entropy, with class labels and with target values."""
    rng = np.random.default_rng(7)
    x = rng.normal(size=(5, 3))
    hidden = Network([3, 4, 2], [name, "sigmoid"], seed=1)
    output = Network([3, 4, 3], ["tanh", name], seed=2)
    before_softmax = Network([3, 4, 3], [name, "softmax"], seed=3)
    for net in (hidden, output, before_softmax):
        for b in net.biases:
            b[:] = rng.normal(0, 0.5, size=b.shape)
    check_gradients(hidden, x, rng.uniform(size=(5, 2)))
    check_gradients(hidden, x[0], rng.uniform(size=2))  # one input, not a batch
    check_gradients(output, x, rng.normal(size=(5, 3)))
    check_gradients(before_softmax, x, rng.integers(0, 3, size=5))
    check_gradients(before_softmax, x, rng.dirichlet(np.ones(3), size=5))  # rows add up to 1
    check_gradients(before_softmax, x, rng.uniform(size=(5, 3)))  # rows that do not


def test_quadratic_and_cross_entropy_by_hand():
    a = np.array([0.7, 0.2, 0.1])
    assert training.quadratic(a, np.array([0.0, 1.0, 0.0])) == pytest.approx(
        0.5 * (0.7**2 + 0.8**2 + 0.1**2)
    )
    z = np.array([1.0, 2.0, 3.0])
    p = np.exp(z) / np.exp(z).sum()
    assert training.cross_entropy(z, np.array([0.0, 0.0, 1.0])) == pytest.approx(-np.log(p[2]))
    # a confident mistake costs a large finite number, not log 0
    assert training.cross_entropy(np.array([0.0, 1000.0]), np.array([1.0, 0.0])) == 1000.0


def test_cross_entropy_loss_by_hand():
    net = Network.from_weights([np.zeros((2, 3))], [np.array([1.0, 2.0, 3.0])], "softmax")
    p = np.exp([1.0, 2.0, 3.0]) / np.exp([1.0, 2.0, 3.0]).sum()
    x = np.zeros((2, 2))
    assert loss(net, x, np.array([2, 0])) == pytest.approx(-(np.log(p[2]) + np.log(p[0])) / 2)


def test_training_lowers_the_loss_and_is_deterministic():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)  # XOR of the signs: needs a hidden layer
    nets = [Network([2, 8, 2], ["tanh", "softmax"], seed=1) for _ in range(2)]
    before = loss(nets[0], x, y)
    for net in nets:
        training.train(net, x, y, epochs=60, batch_size=20, learning_rate=0.05, seed=3)
    assert loss(nets[0], x, y) < 0.5 * before
    assert training.accuracy(nets[0], x, y) > 0.9
    for a, b in zip(
        nets[0].weights + nets[0].biases, nets[1].weights + nets[1].biases, strict=True
    ):
        assert np.array_equal(a, b)


@pytest.mark.parametrize("optimizer", sorted(training.OPTIMIZERS))
def test_each_optimizer_learns_from_target_values_and_keeps_a_history(optimizer):
    """One sigmoid neuron learns AND from target values; the history has epoch 0 and one row
    per epoch, and its losses are the loss function's."""
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([[0.0], [0.0], [0.0], [1.0]])
    net = Network([2, 1], "sigmoid", seed=0)
    start = loss(net, x, y)
    rate = {"sgd": 5.0, "adam": 0.3}[optimizer]
    history = training.train(
        net, x, y, epochs=300, batch_size=4, learning_rate=rate, optimizer=optimizer, test=(x, y)
    )
    assert [e.epoch for e in history] == list(range(301))
    assert history[0].train_loss == pytest.approx(start)
    assert history[-1].train_loss == pytest.approx(loss(net, x, y))
    assert history[-1].test_loss == history[-1].train_loss
    assert history[-1].train_loss < 0.1 * start
    assert np.array_equal((net.forward(x).output > 0.5).astype(float), y)
    assert history[-1].test_accuracy == 1.0  # argmax of one output: always "right"


def test_an_unknown_optimizer_is_refused_with_the_choices():
    net = Network([2, 2], "softmax")
    with pytest.raises(NetworkError, match="optimizer must be one of sgd, adam, got 'sdg'"):
        training.train(net, np.zeros((3, 2)), np.array([0, 1, 1]), optimizer="sdg")


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"epochs": 0}, "epochs must be"),
        ({"batch_size": 0}, "batch_size must be"),
        ({"learning_rate": -0.1}, "learning_rate must be"),
        ({"learning_rate": float("nan")}, "learning_rate must be"),
        ({"y": np.array([0, 1, 5])}, "classes must be 0 to 1"),
        ({"y": np.array([0, 1])}, "targets must be class labels"),
        ({"y": np.array([0.0, 1.0, 1.0])}, r"or values shaped like the output \(3, 2\)"),
        ({"x": np.array([[1.0, np.nan]] * 3)}, "not finite"),
    ],
)
def test_train_rejects_bad_arguments(kwargs, needle):
    args = {"x": np.zeros((3, 2)), "y": np.array([0, 1, 1])} | kwargs
    net = Network([2, 2], "softmax")
    with pytest.raises(NetworkError, match=needle):
        training.train(net, args.pop("x"), args.pop("y"), **args)


def test_a_step_so_large_that_the_weights_overflow_is_one_line_and_no_warning():
    x = np.random.default_rng(0).normal(size=(40, 4))
    net = Network([4, 8, 3], ["identity", "softmax"], seed=0)  # nothing saturates
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's overflow warnings would be lines of their own
        with pytest.raises(NetworkError, match=r"diverged in epoch 1: .* smaller learning rate"):
            training.train(net, x, np.arange(40) % 3, learning_rate=1e308, optimizer="sgd")


# --------------------------------------------------------------------------- digits


def test_digits_split():
    d = training.load_digits(0)
    assert d.x_train.shape == (1347, 64) and d.x_test.shape == (450, 64)
    assert d.x_train.min() == 0 and d.x_train.max() == 1
    assert np.array_equal(d.images_test.reshape(-1, 64), d.x_test)
    # stratified: each digit is about a tenth of both sets
    assert np.bincount(d.y_test, minlength=10).min() >= 43
    assert not np.array_equal(training.load_digits(1).y_test, d.y_test)


def test_missing_scikit_learn_says_how_to_install(monkeypatch):
    training.load_digits.cache_clear()
    monkeypatch.setitem(sys.modules, "sklearn.datasets", None)
    try:
        with pytest.raises(training.MissingDependency, match=r"pip install 'explainer\[data\]'"):
            training.load_digits(0)
    finally:
        training.load_digits.cache_clear()


def test_a_few_epochs_on_digits_learn_something():
    result = training.train_digits(hidden=(8,), activation="relu", seed=1, epochs=2)
    assert result.network.sizes == [64, 8, 10]
    assert result.test_accuracy > 0.7
    summary = result.summary()
    assert summary["hidden"] == [8] and summary["epochs"] == 2 and summary["seconds"] > 0


def test_the_tutorial_network_reaches_97_percent():
    result = training.tutorial_network()
    assert result.network.sizes == [64, 16, 16, 10]
    assert result.test_accuracy >= 0.97  # its time is measured by make bench, not asserted


def test_classify_test_digit_and_first_mistake():
    result = training.tutorial_network()
    ex = examples.classify_test_digit(3)
    assert ex.label == result.data.y_test[3]
    assert ex.image.shape == (8, 8)
    assert ex.probability == pytest.approx(ex.trace.output.max())
    wrong = examples.first_mistake()
    assert examples.classify_test_digit(wrong).predicted != result.data.y_test[wrong]
    with pytest.raises(NetworkError, match="test image index"):
        examples.classify_test_digit(450)


# --------------------------------------------------------------------------- the cache

SMALL = {"hidden": (8,), "activation": "relu", "seed": 1, "epochs": 2}

#: What a process that asks the cache for the SMALL network prints: a fingerprint of the
#: network, its test accuracy, and whether scikit-learn was imported.
CACHED_RUN = f"""
import hashlib, json, sys
from explainer.training import cached_train
r = cached_train(**{SMALL!r})
h = hashlib.sha256(b"".join(p.tobytes() for p in r.network.weights + r.network.biases))
sk = any(m == "sklearn" or m.startswith("sklearn.") for m in sys.modules)
print(json.dumps([h.hexdigest(), r.test_accuracy, sk, r.history]))
"""


def cached_run(folder) -> tuple[str, float, bool, list]:
    env = {**os.environ, "EXPLAINER_CACHE": str(folder)}
    out = subprocess.run(
        [sys.executable, "-c", CACHED_RUN], env=env, capture_output=True, text=True, check=True
    )
    return tuple(json.loads(out.stdout))


def test_the_cache_spares_scikit_learn_and_rebuilds_what_is_damaged(tmp_path):
    trained = training.train_digits(**SMALL)
    params = trained.network.weights + trained.network.biases
    want = hashlib.sha256(b"".join(p.tobytes() for p in params)).hexdigest()
    history = [list(epoch) for epoch in trained.history]  # kept with the network
    cache = tmp_path / "cache"
    # cold: reads the digits
    assert cached_run(cache) == (want, trained.test_accuracy, True, history)
    files = sorted(cache.iterdir())
    assert len(files) == 2 and not list(cache.glob(".*"))  # no temporary file left
    # warm: no scikit-learn
    assert cached_run(cache) == (want, trained.test_accuracy, False, history)
    # damaged files are not trusted: each is computed again and replaced, with the entries of
    # other hashes; files of other names, even much like ours, are not ours to remove (the
    # folder may be shared: $EXPLAINER_CACHE)
    for f in files:
        f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    (cache / f"digits-seed1-{'0' * 32}.npz").write_bytes(b"from other code")
    theirs = [
        cache / "digits-seed12-other.npz",
        cache / "digits-seed1-older.npz",
        cache / f"digits-seed1-{'0' * 31}.npz",
        cache / f"digits-seed1-{'0' * 32}.npz.bak",
        files[1].with_name(files[1].name.replace(".npz", "-backup.npz")),
    ]
    for f in theirs:
        f.write_bytes(b"the user's")
    assert cached_run(cache) == (want, trained.test_accuracy, True, history)
    assert sorted(cache.iterdir()) == sorted([*files, *theirs])
    assert all(f.read_bytes() == b"the user's" for f in theirs)
    assert cached_run(cache) == (want, trained.test_accuracy, False, history)
    # a readable file that does not hold what its name promises is not trusted either
    network_file = files[1]
    save(Network([64, 4, 10], ["relu", "softmax"]), network_file)
    assert cached_run(cache) == (want, trained.test_accuracy, False, history)


def test_the_cache_is_only_a_cache(tmp_path, monkeypatch):
    """A cache folder that cannot be created changes nothing but the time taken."""
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("EXPLAINER_CACHE", str(tmp_path / "file" / "cache"))
    result = training.cached_train(**SMALL)
    assert result.test_accuracy == training.train_digits(**SMALL).test_accuracy
    assert (tmp_path / "file").read_text() == "not a folder"


def test_the_cache_is_written_like_every_other_file(tmp_path, monkeypatch):
    """The cache goes through the package's one atomic writer: its files get the permissions
    of any file written here (a temporary file of ``mkstemp`` made them readable by no one
    else), and no temporary file is left beside them."""
    monkeypatch.setenv("EXPLAINER_CACHE", str(tmp_path / "cache"))
    training.cached_train(**SMALL)
    explainer.write_atomic(tmp_path / "other.bin", b"any file")
    mode = (tmp_path / "other.bin").stat().st_mode
    cached = sorted((tmp_path / "cache").iterdir())
    assert [p.name.split("-")[0] for p in cached] == ["digits", "network"]
    assert [p.stat().st_mode for p in cached] == [mode, mode]


# --------------------------------------------------------------------------- save and load


def trained_like() -> Network:
    net = Network([5, 4, 3], ["relu", "softmax"], seed=2)
    net.biases[0][:] = [0.1, -0.2, 0.3, 0.4]
    return net


def test_save_and_load_round_trip(tmp_path):
    net = trained_like()
    path = tmp_path / "net.bin"  # any name: nothing is appended
    save(net, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.bin"]
    back = load(path)
    assert back.sizes == net.sizes and back.activations == net.activations
    for a, b in zip(back.weights + back.biases, net.weights + net.biases, strict=True):
        assert np.array_equal(a, b)
    x = np.random.default_rng(0).normal(size=(3, 5))
    assert np.array_equal(back.forward(x).output, net.forward(x).output)


def test_save_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "net.npz"
    save(trained_like(), path)
    old = path.read_bytes()

    def disk_full(self, data):
        Path.open(self, "wb").write(data[:3])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(OSError):
        save(Network([2, 2], ["sigmoid"], seed=0), path)
    monkeypatch.undo()
    assert path.read_bytes() == old  # never half a network
    assert [p.name for p in tmp_path.iterdir()] == ["net.npz"]


def test_save_and_load_through_a_file_object():
    buf = io.BytesIO()
    save(trained_like(), buf)
    buf.seek(0)
    assert load(buf).sizes == [5, 4, 3]


def npz(path, **arrays) -> None:
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def good_arrays() -> dict:
    net = trained_like()
    return {
        "format": np.array(1),
        "activations": np.array(net.activations),
        "weights_0": net.weights[0],
        "biases_0": net.biases[0],
        "weights_1": net.weights[1],
        "biases_1": net.biases[1],
    }


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda a: a.pop("format"), "no 'format' entry"),
        (lambda a: a.update(format=np.array(2)), "no 'format' entry"),
        (lambda a: a.update(format=np.array("1")), "no 'format' entry"),
        (lambda a: a.pop("activations"), "no 'activations' entry"),
        (lambda a: a.update(activations=np.array([1, 2])), "no 'activations' entry"),
        (lambda a: a.pop("weights_1"), "'weights_1' is missing"),
        (lambda a: a.pop("biases_0"), "'biases_0' is missing"),
        (lambda a: a.update(weights_1=np.ones((3, 3))), "layer 2"),
        (lambda a: a.update(biases_1=np.ones(2)), "layer 2"),
        (lambda a: a.update(weights_2=np.ones((3, 3))), "more weight matrices"),
        (lambda a: a.update(weights_0=np.full((5, 4), np.nan)), "not finite"),
        (lambda a: a.update(activations=np.array(["relu", "nope"])), "unknown activation"),
        (lambda a: a.update(activations=np.array(["softmax", "relu"])), "softmax can only"),
    ],
)
def test_broken_files_are_clear_errors(tmp_path, change, needle):
    arrays = good_arrays()
    change(arrays)
    path = tmp_path / "broken.npz"
    npz(path, **arrays)
    with pytest.raises(NetworkError) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(f"cannot read {str(path)!r}: ")
    assert needle in message and "\n" not in message


def test_unreadable_files_are_clear_errors(tmp_path):
    (tmp_path / "text.npz").write_text("not a zip file")
    np.save(tmp_path / "single.npy", np.ones(3))
    with open(tmp_path / "pickled.npz", "wb") as f:
        np.savez(f, format=np.array(1), activations=np.array([{"a": 1}], dtype=object))
    (tmp_path / "cut.npz").write_bytes((tmp_path / "pickled.npz").read_bytes()[:100])
    cases = {
        tmp_path / "missing.npz": "no such file",
        tmp_path: "it is a folder",
        tmp_path / "text.npz": "not a .npz network file",
        tmp_path / "single.npy": "a single array",
        tmp_path / "pickled.npz": "",
        tmp_path / "cut.npz": "",
    }
    for path, needle in cases.items():
        with pytest.raises(NetworkError) as info:
            load(path)
        assert str(info.value).startswith("cannot read ")
        assert needle in str(info.value)


def _archive(path, members: dict[str, bytes], big: dict[str, int] | None = None):
    """A .npz (zip) with the given members, and members of ``n`` zero bytes, compressed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
        for name, size in (big or {}).items():
            with z.open(name, "w", force_zip64=True) as f:
                chunk = b"\0" * 2**20
                for _ in range(size // 2**20):
                    f.write(chunk)


def _npy(array) -> bytes:
    buf = io.BytesIO()
    np.save(buf, array)
    return buf.getvalue()


def test_load_refuses_bombs_lies_and_strangers_before_reading(tmp_path):
    """An untrusted .npz is read member by member, sizes checked first, nothing unpickled."""
    good = {"format.npy": _npy(np.array(FORMAT)), "activations.npy": _npy(np.array(["tanh"]))}
    # a compressed bomb: 80 MB of zeros in a member the format names, a few hundred KB on disk
    bomb = tmp_path / "bomb.npz"
    _archive(bomb, good, big={"weights_0.npy": 80 * 2**20})
    assert bomb.stat().st_size < 2**20
    with pytest.raises(NetworkError, match="'weights_0' is 83,886,080 bytes"):
        load(bomb)
    # a header that claims 745 GiB for a few bytes of data
    header = _npy(np.zeros(3))
    liar = header.replace(b"(3,)", b"(100000000000,)")
    path = tmp_path / "liar.npz"
    _archive(path, {**good, "weights_0.npy": liar, "biases_0.npy": _npy(np.zeros(1))})
    with pytest.raises(NetworkError, match="'weights_0' is not an array"):
        load(path)
    # a member that is not an array at all
    path = tmp_path / "text.npz"
    _archive(path, {**good, "weights_0.npy": b"hello", "biases_0.npy": _npy(np.zeros(1))})
    with pytest.raises(NetworkError, match="'weights_0' is not an array"):
        load(path)
    # members the format does not name are never read, however big they claim to be
    net = Network([2, 1], "tanh", seed=0)
    path = tmp_path / "extra.npz"
    members = {
        **good,
        "weights_0.npy": _npy(net.weights[0]),
        "biases_0.npy": _npy(net.biases[0]),
    }
    _archive(path, members, big={"something_else.npy": 80 * 2**20})
    assert np.array_equal(load(path).weights[0], net.weights[0])
