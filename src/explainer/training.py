"""Teaching a [`Network`][explainer.network.Network] to read handwritten digits.

The data
:   scikit-learn ships 1,797 handwritten digits, each an 8x8 image of grey levels 0 to 16
    ([`load_digits`][explainer.training.load_digits]). We scale them to [0, 1], so each image is
    64 inputs, and keep a quarter of them aside (stratified: every digit in the same proportion)
    to test the network on images it never saw while learning.

The loss
:   How wrong is the network's output ``a`` for an input whose wanted output is ``y``? The wanted
    output is either given as values ([`targets`][explainer.training.targets]) or made from a
    class label ``c``: the one-hot row with a 1 in column ``c``. With a softmax output layer the
    network's output is a probability for each class and the loss is the *cross-entropy*
    ``-sum_j y_j log a_j`` (for a label: ``-log a_c``), small when the network is confident and
    right, large when it is confident and wrong. For any other output activation it is the
    *quadratic* loss ``1/2 * sum_j (a_j - y_j)^2``. The loss of a batch is the mean over its
    inputs.

Backpropagation ([`backprop`][explainer.training.backprop])
:   How much does the loss ``C`` change when one weight changes? Write ``delta_j = dC/dz_j`` for
    the error of neuron ``j``. At the output layer, for softmax and cross-entropy it is simply
    ``a - y``; for the quadratic loss ``(a - y) * f'(z)``. The chain rule carries it back one layer
    at a time: a neuron ``i`` of the layer before influenced every neuron ``j`` through ``w_ij``, so

        delta_i = f'(z_i) * sum_j w_ij * delta_j

    and, since ``z_j = sum_i w_ij a_i + b_j``, the gradients are ``dC/dw_ij = a_i * delta_j``
    and ``dC/db_j = delta_j``. One forward pass and one backward pass give every gradient.

Gradient descent ([`train`][explainer.training.train])
:   Plain gradient descent moves every weight a small step against its gradient,
    ``w <- w - eta * dC/dw``, where ``eta`` is the *learning rate*. We estimate the gradient
    on a *minibatch* of ``BATCH_SIZE`` images at a time (an epoch is one pass over all training
    images, in a new random order each time). With ``optimizer="adam"`` each step is Adam's
    (Kingma & Ba, 2015) instead: it keeps a running mean ``m`` of each gradient and of its
    square ``v`` and moves each weight by ``eta * m / sqrt(v)``, so every weight takes steps of
    a sensible size whatever the scale of its gradient, and one learning rate works for
    sigmoid, tanh and ReLU networks alike. Either way the learning rate falls linearly to 0
    over the run, so the last steps settle instead of bouncing around. ``make bench`` compares
    the two on the digits.

Saving ([`save`][explainer.training.save], [`load`][explainer.training.load])
:   A trained network is stored as a NumPy ``.npz`` archive holding ``format`` (the integer 1),
    ``activations`` (one name per layer after the input, as strings), and ``weights_0``,
    ``biases_0``, ``weights_1``, ``biases_1``, ... (float arrays, ``weights_k`` with shape
    ``(n_in, n_out)`` as in [`Network`][explainer.network.Network]). Nothing is pickled.
    ``cached_train`` keeps the digits and the trained tutorial network on disk that way.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import IO, NamedTuple

import numpy as np
from numpy.lib import format as npy

from . import activations, cache_folder, network, versions, write_atomic, write_cache
from .network import Network, NetworkError

FORMAT = 1

#: The network the tutorial shows: 64 inputs, two hidden layers of 16 tanh neurons, softmax
#: output, trained with Adam steps.
TUTORIAL = {"hidden": (16, 16), "activation": "tanh", "seed": 0, "epochs": 20, "optimizer": "adam"}


class MissingDependency(ImportError):
    """An optional package is not installed; the message says how to install it."""


class Digits(NamedTuple):
    """The digits, split into a training and a test set (images as rows of 64 values in [0, 1])."""

    x_train: np.ndarray
    x_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    images_test: np.ndarray  # the test images as 8x8 arrays, in the same order as x_test


@lru_cache(maxsize=8)
def load_digits(seed: int = 0) -> Digits:
    """scikit-learn's 8x8 digits, scaled to [0, 1] and split 75/25, stratified, with ``seed``."""
    try:
        from sklearn.datasets import load_digits as sklearn_digits
        from sklearn.model_selection import train_test_split
    except ImportError:
        raise MissingDependency(
            "the digits data comes with scikit-learn, which is not installed: "
            "pip install 'explainer[data]'"
        ) from None
    data = sklearn_digits()
    x = data.data / 16.0
    order = np.arange(len(x))
    x_train, x_test, y_train, y_test, _, test_order = train_test_split(
        x, data.target, order, test_size=0.25, random_state=seed, stratify=data.target
    )
    return Digits(x_train, x_test, y_train, y_test, data.images[test_order] / 16.0)


# --------------------------------------------------------------------------- backpropagation


def one_hot(y: np.ndarray, classes: int) -> np.ndarray:
    """Rows of zeros with a 1 in column ``y[k]``: the output we want for class ``y[k]``."""
    return np.eye(classes)[y]


def targets(net: Network, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """What the network should output for ``x``: ``y`` itself when it holds target values shaped
    like the output, or one-hot rows when it holds class labels (whole numbers, one per input).

    ``x`` is one input (1-D) or a batch (one per row); a
    [`NetworkError`][explainer.network.NetworkError] says what shape ``y`` must have.
    """
    x, y = np.asarray(x), np.asarray(y)
    classes = net.sizes[-1]
    if np.issubdtype(y.dtype, np.integer) and y.shape == x.shape[:-1]:
        if y.size and (y.min() < 0 or y.max() >= classes):
            raise NetworkError(
                f"classes must be 0 to {classes - 1}, got {y.min()} to {y.max()} (target "
                f"values go shaped like the output, with {classes} per input)"
            )
        return one_hot(y, classes)
    if y.shape != (*x.shape[:-1], classes) or y.dtype.kind not in "biuf":
        batch = "" if x.ndim == 1 else f"{len(x)}, "
        raise NetworkError(
            f"targets must be class labels (whole numbers, shape {x.shape[:-1]}) or values "
            f"shaped like the output ({batch}{classes}), got shape {y.shape}"
        )
    if not np.all(np.isfinite(y)):
        raise NetworkError("targets contain values that are not finite (nan or inf)")
    return y.astype(np.float64)


def quadratic(a: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The quadratic cost of each output ``a`` against its target: ``1/2 * sum_j (a_j - y_j)^2``."""
    return 0.5 * np.sum((np.asarray(a) - target) ** 2, axis=-1)


def cross_entropy(z: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The cross-entropy of softmax outputs against their targets, ``-sum_j y_j * log a_j``,
    computed from the weighted sums ``z`` (``log a_j = z_j - log sum_k e^{z_k}``), so that a
    confident mistake costs a large finite number instead of ``log 0``."""
    z = np.asarray(z, dtype=np.float64)
    top = z.max(axis=-1, keepdims=True)
    log_a = z - top - np.log(np.sum(np.exp(z - top), axis=-1, keepdims=True))
    return -np.sum(target * log_a, axis=-1)


def uses_cross_entropy(net: Network) -> bool:
    """Whether the loss is the cross-entropy: the outputs are softmax probabilities."""
    return activations.get(net.activations[-1]) is activations.softmax


def loss(net: Network, x: np.ndarray, y: np.ndarray) -> float:
    """The mean loss over the batch ``x`` (see the module docstring); ``y`` holds class labels or
    target values ([`targets`][explainer.training.targets])."""
    trace = net.forward(x)
    target = targets(net, trace.a[0], y)
    if uses_cross_entropy(net):
        return float(np.mean(cross_entropy(trace.z[-1], target)))
    return float(np.mean(quadratic(trace.output, target)))


def backprop(
    net: Network, x: np.ndarray, y: np.ndarray
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The gradients of [`loss`][explainer.training.loss] with respect to every weight and bias,
    for the batch ``x`` with class labels or target values ``y``.

    Returns ``(dw, db)`` shaped like ``net.weights`` and ``net.biases``. The backward pass runs
    through what the forward pass ([`forward`][explainer.network.Network.forward]) recorded.
    """
    trace = net.forward(np.atleast_2d(x))
    a, z = trace.a, trace.z
    target = np.atleast_2d(targets(net, a[0] if np.ndim(x) == 2 else a[0][0], y))
    f = [activations.get(name) for name in net.activations]
    # the error delta = dC/dz of the output layer, then of each layer before it, for the mean
    # over the batch
    if uses_cross_entropy(net):  # a - y when the targets add up to 1
        delta = a[-1] * target.sum(axis=-1, keepdims=True) - target
    else:
        delta = (a[-1] - target) * f[-1].derivative(z[-1])
    delta = delta / len(a[0])
    dw: list[np.ndarray] = [np.empty(0)] * len(net.weights)
    db: list[np.ndarray] = [np.empty(0)] * len(net.biases)
    for layer in range(len(net.weights) - 1, -1, -1):
        dw[layer] = a[layer].T @ delta  # dC/dw_ij = a_i * delta_j, summed over the batch
        db[layer] = delta.sum(axis=0)  # dC/db_j = delta_j
        if layer > 0:  # carry the error back: delta_i = f'(z_i) * sum_j w_ij delta_j
            delta = (delta @ net.weights[layer].T) * f[layer - 1].derivative(z[layer])
    return dw, db


# --------------------------------------------------------------------------- training

#: How many inputs ``train`` averages the gradient over for one step (a minibatch).
BATCH_SIZE = 32

#: The steps ``train`` can take, and their names in prose: plain gradient descent, or Adam (see
#: "Gradient descent" above).
OPTIMIZERS = {"sgd": "plain gradient descent", "adam": "Adam"}
#: The learning rate of each when none is given: what trains the tutorial network well.
LEARNING_RATES = {"sgd": 0.5, "adam": 0.03}


def step_size(optimizer: str, learning_rate: float | None) -> float:
    """The learning rate a run of ``optimizer`` uses: ``learning_rate``, or the optimizer's own
    ``LEARNING_RATES`` entry when it is ``None``; an unknown optimizer is a ``NetworkError``."""
    if optimizer not in OPTIMIZERS:
        raise NetworkError(f"optimizer must be one of {', '.join(OPTIMIZERS)}, got {optimizer!r}")
    return LEARNING_RATES[optimizer] if learning_rate is None else learning_rate


class Epoch(NamedTuple):
    """How a run stands after one epoch: the mean loss on the training and on the test images,
    and the fraction of test images classified right (``nan`` without test images)."""

    epoch: int
    train_loss: float
    test_loss: float
    test_accuracy: float


def train(
    net: Network,
    x: np.ndarray,
    y: np.ndarray,
    epochs: int = 20,
    batch_size: int = BATCH_SIZE,
    learning_rate: float | None = None,
    seed: int = 0,
    optimizer: str = "adam",
    test: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[Epoch]:
    """Train ``net`` in place on inputs ``x`` (one per row) with class labels or target values
    ``y``; returns the run's history, one [`Epoch`][explainer.training.Epoch] per epoch (and
    epoch 0, before any step).

    Minibatch gradient descent, each step plain (``optimizer="sgd"``) or Adam's, with a learning
    rate falling linearly to 0 (see the module docstring); ``learning_rate`` is
    ``LEARNING_RATES[optimizer]`` unless given. ``seed`` fixes the order in which the inputs are
    visited. ``test``, a pair ``(x, y)``, is measured after every epoch. A learning rate so large
    that the weights overflow raises a [`NetworkError`][explainer.network.NetworkError].
    """
    for name, value in (("epochs", epochs), ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise NetworkError(f"{name} must be a whole number >= 1, got {value!r}")
    learning_rate = step_size(optimizer, learning_rate)
    if isinstance(learning_rate, bool) or not (
        isinstance(learning_rate, int | float) and np.isfinite(learning_rate) and learning_rate > 0
    ):
        raise NetworkError(f"learning_rate must be a positive number, got {learning_rate!r}")
    x = net.forward(x).a[0]  # checks the shape and that every value is finite
    if x.ndim != 2 or len(x) == 0:
        raise NetworkError(f"need a batch of inputs, one per row, got shape {x.shape}")
    target = targets(net, x, y)
    if test is not None:
        test_x = net.forward(test[0]).a[0]
        test_target = targets(net, test_x, test[1])

    def record(epoch: int) -> Epoch:
        if test is None:
            return Epoch(epoch, loss(net, x, target), np.nan, np.nan)
        right = np.argmax(net.forward(test_x).output, -1) == np.argmax(test_target, -1)
        return Epoch(
            epoch, loss(net, x, target), loss(net, test_x, test_target), float(right.mean())
        )

    rng = np.random.default_rng(seed)
    # Every weight and bias lives in one flat array and the network's arrays become views into
    # it, so that one step is a handful of numpy operations instead of a handful per layer.
    arrays = net.weights + net.biases
    params = np.concatenate([p.ravel() for p in arrays])
    parts = np.split(params, np.cumsum([p.size for p in arrays])[:-1])
    views = [part.reshape(p.shape) for part, p in zip(parts, arrays, strict=True)]
    net.weights, net.biases = views[: len(net.weights)], views[len(net.weights) :]
    m = np.zeros_like(params)  # Adam: running mean of each gradient
    v = np.zeros_like(params)  # and of each squared gradient
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    steps = epochs * -(-len(x) // batch_size)
    t = 0
    history = [record(0)]
    with np.errstate(over="ignore", invalid="ignore"):  # a step too large: said below
        for epoch in range(1, epochs + 1):
            order = rng.permutation(len(x))
            for first in range(0, len(x), batch_size):
                batch = order[first : first + batch_size]
                dw, db = backprop(net, x[batch], target[batch])
                g = np.concatenate([d.ravel() for d in dw + db])
                t += 1
                eta = learning_rate * (1 - (t - 1) / steps)
                if optimizer == "sgd":
                    params -= eta * g
                    continue
                # Adam's running means start at 0; this factor undoes that bias in the first steps
                step = eta * np.sqrt(1 - beta2**t) / (1 - beta1**t)
                m += (1 - beta1) * (g - m)
                v += (1 - beta2) * (g * g - v)
                params -= step * m / (np.sqrt(v) + eps)
            if not np.all(np.isfinite(params)):
                raise NetworkError(
                    f"training diverged in epoch {epoch}: the weights grew past any number a float "
                    f"holds; give a smaller learning rate than {learning_rate:g}"
                )
            history.append(record(epoch))
    return history


def accuracy(net: Network, x: np.ndarray, y: np.ndarray) -> float:
    """The fraction of images whose predicted class is the true one."""
    return float(np.mean(net.predict(x) == np.asarray(y)))


@dataclass
class TrainResult:
    """A network trained on the digits, with the data it saw, how it learned and how well it does.

    ``seconds`` is the time its training took in this process (0 when read from the cache);
    ``history`` holds one [`Epoch`][explainer.training.Epoch] per epoch, from epoch 0.
    """

    network: Network
    data: Digits
    seconds: float
    hidden: tuple[int, ...]
    activation: str
    seed: int
    epochs: int
    history: list[Epoch]
    optimizer: str = "adam"
    learning_rate: float = LEARNING_RATES["adam"]

    @cached_property
    def train_accuracy(self) -> float:
        return accuracy(self.network, self.data.x_train, self.data.y_train)

    @cached_property
    def test_accuracy(self) -> float:
        return accuracy(self.network, self.data.x_test, self.data.y_test)

    def summary(self) -> dict:
        """The numbers as plain JSON values."""
        return {
            "test_accuracy": round(self.test_accuracy, 6),
            "train_accuracy": round(self.train_accuracy, 6),
            "seconds": round(self.seconds, 4),
            "epochs": self.epochs,
            "hidden": list(self.hidden),
            "activation": self.activation,
            "optimizer": self.optimizer,
            "learning_rate": self.learning_rate,
            "seed": self.seed,
            "sizes": self.network.sizes,
        }


def train_digits(
    hidden: Sequence[int] = (16, 16),
    activation: str = "tanh",
    seed: int = 0,
    epochs: int = 20,
    data: Digits | None = None,
    optimizer: str = "adam",
    learning_rate: float | None = None,
) -> TrainResult:
    """Build a ``64-hidden-10`` network (softmax output), train it on the digits, test it.

    ``seed`` fixes everything random: the split, the initial weights and the order of the images,
    so the same arguments always give the same network. ``data`` is ``load_digits(seed)``
    unless given. ``seconds`` counts the training only, with the test after every epoch.
    """
    net = Network([64, *hidden, 10], [activation] * len(hidden) + ["softmax"], seed=seed)
    rate = step_size(optimizer, learning_rate)  # before loading: a bad name fails before any work
    data = data or load_digits(seed)
    start = time.perf_counter()
    history = train(
        net,
        data.x_train,
        data.y_train,
        epochs=epochs,
        seed=seed,
        optimizer=optimizer,
        learning_rate=rate,
        test=(data.x_test, data.y_test),
    )
    seconds = time.perf_counter() - start
    return TrainResult(
        net, data, seconds, tuple(hidden), activation, seed, epochs, history, optimizer, rate
    )


def cached_train(
    hidden: Sequence[int] = (16, 16),
    activation: str = "tanh",
    seed: int = 0,
    epochs: int = 20,
    optimizer: str = "adam",
    learning_rate: float | None = None,
) -> TrainResult:
    """``train_digits``, remembered on disk so that another process neither trains again nor
    imports scikit-learn to read the digits.

    The digits and the trained network (with its history) are kept as ``.npz`` files in
    [`cache_folder()`][explainer.cache_folder] (``$EXPLAINER_CACHE`` or ``.cache/explainer``),
    each named by what it is and a hash of everything that determines it: the source of the
    modules that compute it, the arguments, and the versions of numpy and scikit-learn; a new
    file replaces those of older hashes. They are written atomically and read with ``load``'s
    care; a file that cannot be read or does not hold what its name promises is computed again
    and replaced. A folder that cannot be written only means that nothing is remembered.
    """
    folder = cache_folder()
    names = network.layer_activations([activation] * len(hidden) + ["softmax"], len(hidden) + 1)
    rate = step_size(optimizer, learning_rate)
    data, data_key = _cached_digits(seed)
    sources = [Path(m.__file__).read_bytes() for m in (activations, network)]
    sizes = "-".join(map(str, [64, *hidden, 10]))
    net_key = _hash(data_key, *sources, tuple(hidden), activation, epochs, optimizer, rate)
    net_path = (
        folder / f"network-{sizes}-{names[0]}-{optimizer}-seed{seed}-{epochs}epochs-{net_key}.npz"
    )
    try:
        net = load(net_path)
        rows = _read_npz(net_path, repr(str(net_path)), "history").get("history")
        if net.sizes != [64, *hidden, 10] or net.activations != names:
            raise NetworkError(f"{net_path}: not the network asked for")
        if rows is None or rows.shape != (epochs + 1, 4) or rows.dtype.kind != "f":
            raise NetworkError(f"{net_path}: no history of {epochs} epochs")
        history = [Epoch(int(r[0]), *map(float, r[1:])) for r in rows]
        return TrainResult(
            net, data, 0.0, tuple(hidden), activation, seed, epochs, history, optimizer, rate
        )
    except NetworkError:
        result = train_digits(hidden, activation, seed, epochs, data, optimizer, rate)
        rows = np.array(result.history, dtype=np.float64)
        _write_cache(net_path, net_key, lambda f: save(result.network, f, history=rows))
        return result


def _cached_digits(seed: int) -> tuple[Digits, str]:
    data_key = _hash(Path(__file__).read_bytes(), seed, versions("numpy", "scikit-learn"))
    data_path = cache_folder() / f"digits-seed{seed}-{data_key}.npz"
    try:
        data = _read_digits(data_path)
    except NetworkError:
        data = load_digits(seed)
        _write_cache(data_path, data_key, lambda f: np.savez(f, **data._asdict()))
    return data, data_key


def _hash(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode())
        h.update(b"\0")
    return h.hexdigest()[:32]


def _read_digits(path: Path) -> Digits:
    """The digits cached at ``path``; a ``NetworkError`` unless every part is there with
    the shape, type and values that ``load_digits`` gives it."""
    arrays = _read_npz(path, repr(str(path)), "|".join(Digits._fields))
    if arrays.keys() != set(Digits._fields):
        raise NetworkError(f"{path}: not every part of the digits")
    data = Digits(**arrays)
    n, m = len(data.y_train), len(data.y_test)
    if (
        [a.shape for a in data] != [(n, 64), (m, 64), (n,), (m,), (m, 8, 8)]
        or "".join(a.dtype.kind for a in data) != "ffiif"
        or not all(np.all((a >= 0) & (a <= (9 if a.dtype.kind == "i" else 1))) for a in data)
    ):
        raise NetworkError(f"{path}: digits of other shapes, types or values")
    return data


def _write_cache(path: Path, key: str, write: Callable[[IO[bytes]], None]) -> None:
    """Keep what ``write`` writes as ``path``, named by the hash ``key`` (with
    ``explainer.write_cache``, which removes the files of other hashes: the same thing, computed
    by other code or versions). A cache that cannot be written is left alone."""
    buf = io.BytesIO()
    write(buf)
    try:
        write_cache(path, key, buf.getvalue())
    except OSError:
        pass


@lru_cache(maxsize=1)
def tutorial_network() -> TrainResult:
    """The network the tutorial shows ([`TUTORIAL`][explainer.training.TUTORIAL]), from
    ``cached_train``."""
    return cached_train(**TUTORIAL)


# --------------------------------------------------------------------------- saving


def _starts_like_npy(file: str | Path | IO[bytes]) -> bool:
    try:
        if isinstance(file, str | Path):
            with open(file, "rb") as f:
                return f.read(6) == b"\x93NUMPY"
        file.seek(0)
        return file.read(6) == b"\x93NUMPY"
    except (OSError, AttributeError, ValueError):
        return False


def _read_npz(file: str | Path | IO[bytes], name: str, members: str) -> dict[str, np.ndarray]:
    """The arrays of the ``.npz`` ``file`` whose names match the regular expression ``members``,
    read as ``load`` describes (each size checked first, as the archive and the array's header
    state it). Any problem is a ``NetworkError`` that starts with ``cannot read NAME:``."""

    def fail(why: str) -> NetworkError:
        return NetworkError(f"cannot read {name}: {why}")

    arrays: dict[str, np.ndarray] = {}
    total = 0
    try:
        if isinstance(file, str | Path) and not stat.S_ISREG(os.stat(file).st_mode):
            raise fail("it is a folder" if os.path.isdir(file) else "not a regular file")
        with zipfile.ZipFile(file) as archive:
            for info in archive.infolist():
                key = info.filename.removesuffix(".npy")
                if not re.fullmatch(members, key):
                    continue
                total += info.file_size
                if info.file_size > MAX_ARRAY_BYTES or total > MAX_TOTAL_BYTES:
                    raise fail(
                        f"{key!r} is {info.file_size:,} bytes, more than a network of this "
                        f"tutorial needs (at most {MAX_ARRAY_BYTES:,} per array)"
                    )
                try:
                    with archive.open(info) as f:
                        v1 = npy.read_magic(f) == (1, 0)
                        header = npy.read_array_header_1_0 if v1 else npy.read_array_header_2_0
                        shape, _, dtype = header(f)
                        size = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
                        if dtype.hasobject or size > info.file_size:
                            raise ValueError("the array's header does not match its size")
                    with archive.open(info) as f:
                        arrays[key] = npy.read_array(f, allow_pickle=False)
                except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
                    raise fail(f"{key!r} is not an array ({exc})") from None
    except FileNotFoundError:
        raise fail("no such file") from None
    except (OSError, EOFError, zipfile.BadZipFile, zipfile.LargeZipFile):
        if _starts_like_npy(file):
            raise fail("a single array, not a .npz file") from None
        raise fail("not a .npz network file") from None
    return arrays


def save(net: Network, file: str | Path | IO[bytes], **extra: np.ndarray) -> None:
    """Write ``net`` to ``file`` (a path or a binary file object) in the ``.npz`` format above;
    ``extra`` arrays are stored beside it (``load`` does not read them)."""
    arrays = {"format": np.array(FORMAT), "activations": np.array(net.activations, dtype=str)}
    arrays |= extra
    for k, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        arrays |= {f"weights_{k}": w, f"biases_{k}": b}
    if isinstance(file, str | Path):
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        write_atomic(Path(file), buf.getvalue())  # np.savez(path) would append ".npz" to it
    else:
        np.savez(file, **arrays)


#: The largest array ``load`` reads, and the most it reads in all (bytes, uncompressed).
MAX_ARRAY_BYTES = 64 * 2**20
MAX_TOTAL_BYTES = 256 * 2**20


def load(file: str | Path | IO[bytes]) -> Network:
    """Read a network written by [`save`][explainer.training.save]; a broken file raises
    [`NetworkError`][explainer.network.NetworkError].

    The file may come from anywhere, so it is read with care: only the members the format
    names are read (``format``, ``activations``, ``weights_k``, ``biases_k``), each only after
    its size is checked against ``MAX_ARRAY_BYTES`` (and all of them against
    ``MAX_TOTAL_BYTES``); nothing is unpickled. A compressed bomb or a header claiming
    terabytes is refused before any reading.
    """
    name = f"{str(file)!r}" if isinstance(file, str | Path) else "network file"
    arrays = _read_npz(file, name, r"format|activations|(weights|biases)_[0-9]+")
    version = arrays.get("format", np.array(None))
    try:
        if version.shape != () or version.dtype.kind not in "iu" or version != FORMAT:
            raise NetworkError(f"no 'format' entry equal to {FORMAT}")
        if "activations" not in arrays or arrays["activations"].dtype.kind != "U":
            raise NetworkError("no 'activations' entry with layer names")
        names = [str(s) for s in np.atleast_1d(arrays["activations"])]
        for key in (f"{kind}_{k}" for k in range(len(names)) for kind in ("weights", "biases")):
            if key not in arrays:
                raise NetworkError(f"{key!r} is missing")
        if f"weights_{len(names)}" in arrays:
            raise NetworkError("more weight matrices than activation names")
        weights = [arrays[f"weights_{k}"] for k in range(len(names))]
        biases = [arrays[f"biases_{k}"] for k in range(len(names))]
        return Network.from_weights(weights, biases, names)
    except NetworkError as exc:
        raise NetworkError(f"cannot read {name}: {exc}") from None
