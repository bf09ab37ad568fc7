"""Teaching a :class:`~explainer.network.Network` to read handwritten digits.

The data
    scikit-learn ships 1,797 handwritten digits, each an 8x8 image of grey levels 0 to 16
    (:func:`load_digits`). We scale them to [0, 1], so each image is 64 inputs, and keep a quarter
    of them aside (stratified: every digit in the same proportion) to test the network on images
    it never saw while learning.

The loss
    With a softmax output layer the network's output ``a`` is a probability for each digit, and
    the loss of one image with true class ``y`` is the *cross-entropy* ``-log a_y``: small when
    the network is confident and right, large when it is confident and wrong. For any other output
    activation we use the *quadratic* loss ``1/2 * sum_j (a_j - y_j)^2`` with ``y`` one-hot.
    The loss of a batch is the mean over its images.

Backpropagation (:func:`backprop`)
    How much does the loss ``C`` change when one weight changes? Write ``delta_j = dC/dz_j`` for
    the error of neuron ``j``. At the output layer, for softmax and cross-entropy it is simply
    ``a - y``; for the quadratic loss ``(a - y) * f'(z)``. The chain rule carries it back one layer
    at a time: a neuron ``i`` of the layer before influenced every neuron ``j`` through ``w_ij``, so

        delta_i = f'(z_i) * sum_j w_ij * delta_j

    and, since ``z_j = sum_i w_ij a_i + b_j``, the gradients are ``dC/dw_ij = a_i * delta_j``
    and ``dC/db_j = delta_j``. One forward pass and one backward pass give every gradient.

Gradient descent (:func:`train`)
    Plain gradient descent moves every weight a small step against its gradient,
    ``w <- w - eta * dC/dw``. We estimate the gradient on a *minibatch* of 32 images at a time
    (an epoch is one pass over all training images, in a new random order each time) and take the
    step with Adam (Kingma & Ba, 2015): it keeps a running mean ``m`` of each gradient and of its
    square ``v`` and moves each weight by ``eta * m / sqrt(v)``, so every weight takes steps of a
    sensible size whatever the scale of its gradient. That lets one learning rate work for
    sigmoid, tanh and ReLU networks alike, and reaches a given accuracy in far fewer epochs than
    plain steps. The learning rate ``eta`` falls linearly to 0 over the run, so the last steps
    settle instead of bouncing around. The defaults (20 epochs, ``eta`` = 0.03, tanh hidden
    layers) train the 64-16-16-10 network to about 97 % test accuracy in a tenth of a second.

Saving (:func:`save`, :func:`load`)
    A trained network is stored as a NumPy ``.npz`` archive holding ``format`` (the integer 1),
    ``activations`` (one name per layer after the input, as strings), and ``weights_0``,
    ``biases_0``, ``weights_1``, ``biases_1``, ... (float arrays, ``weights_k`` with shape
    ``(n_in, n_out)`` as in :class:`~explainer.network.Network`). Nothing is pickled.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, NamedTuple

import numpy as np

from . import activations
from .network import Network, NetworkError, Trace

FORMAT = 1

#: The update rule of :func:`train`: each step is an Adam step (see "Gradient descent" above).
OPTIMIZER = "Adam"

#: The network the tutorial shows: 64 inputs, two hidden layers of 16 tanh neurons, softmax output.
TUTORIAL = {"hidden": (16, 16), "activation": "tanh", "seed": 0, "epochs": 20}


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


def loss(net: Network, x: np.ndarray, y: np.ndarray) -> float:
    """The mean loss over the batch ``x`` with true classes ``y`` (see the module docstring)."""
    a = net.forward(x).output
    target = one_hot(y, net.sizes[-1])
    if _cross_entropy(net):
        return float(-np.mean(np.log(np.sum(a * target, axis=-1))))
    return float(0.5 * np.mean(np.sum((a - target) ** 2, axis=-1)))


def _cross_entropy(net: Network) -> bool:
    """Whether the loss is the cross-entropy: the outputs are softmax probabilities."""
    return activations.get(net.activations[-1]) is activations.softmax


def backprop(
    net: Network, x: np.ndarray, y: np.ndarray
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The gradients of :func:`loss` with respect to every weight and bias, for the batch ``x``.

    Returns ``(dw, db)`` shaped like ``net.weights`` and ``net.biases``. The backward pass runs
    through what the forward pass (:meth:`~explainer.network.Network.forward`) recorded.
    """
    trace = net.forward(np.atleast_2d(x))
    a, z = trace.a, trace.z
    f = [activations.get(name) for name in net.activations]
    # the error delta = dC/dz of the output layer, then of each layer before it
    delta = (a[-1] - one_hot(y, net.sizes[-1])) / len(a[0])  # mean over the batch
    if not _cross_entropy(net):
        delta = delta * f[-1].derivative(z[-1])
    dw: list[np.ndarray] = [np.empty(0)] * len(net.weights)
    db: list[np.ndarray] = [np.empty(0)] * len(net.biases)
    for layer in range(len(net.weights) - 1, -1, -1):
        dw[layer] = a[layer].T @ delta  # dC/dw_ij = a_i * delta_j, summed over the batch
        db[layer] = delta.sum(axis=0)  # dC/db_j = delta_j
        if layer > 0:  # carry the error back: delta_i = f'(z_i) * sum_j w_ij delta_j
            delta = (delta @ net.weights[layer].T) * f[layer - 1].derivative(z[layer])
    return dw, db


# --------------------------------------------------------------------------- training


def train(
    net: Network,
    x: np.ndarray,
    y: np.ndarray,
    epochs: int = 20,
    batch_size: int = 32,
    learning_rate: float = 0.03,
    seed: int = 0,
) -> Network:
    """Train ``net`` in place on images ``x`` (one per row) with classes ``y``; returns ``net``.

    Minibatch gradient descent with Adam steps and a learning rate falling linearly to 0 (see the
    module docstring). ``seed`` fixes the order in which the images are visited.
    """
    for name, value in (("epochs", epochs), ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise NetworkError(f"{name} must be a whole number >= 1, got {value!r}")
    if not (np.isfinite(learning_rate) and learning_rate > 0):
        raise NetworkError(f"learning_rate must be a positive number, got {learning_rate!r}")
    x = net.forward(x).a[0]  # checks the shape and that every value is finite
    y = np.asarray(y)
    if len(x) == 0:
        raise NetworkError("need at least one image to train on")
    if x.ndim != 2 or y.shape != (len(x),) or not np.issubdtype(y.dtype, np.integer):
        raise NetworkError(f"need one whole-number class per image, got {y.shape} for {x.shape}")
    if y.min() < 0 or y.max() >= net.sizes[-1]:
        raise NetworkError(f"classes must be 0 to {net.sizes[-1] - 1}, got {y.min()} to {y.max()}")

    rng = np.random.default_rng(seed)
    # Every weight and bias lives in one flat array and the network's arrays become views into
    # it, so that one Adam step is a handful of numpy operations instead of a handful per layer.
    arrays = net.weights + net.biases
    params = np.concatenate([p.ravel() for p in arrays])
    views, start = [], 0
    for p in arrays:
        views.append(params[start : start + p.size].reshape(p.shape))
        start += p.size
    net.weights, net.biases = views[: len(net.weights)], views[len(net.weights) :]
    m = np.zeros_like(params)  # running mean of each gradient
    v = np.zeros_like(params)  # running mean of each squared gradient
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    steps = epochs * -(-len(x) // batch_size)
    t = 0
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for first in range(0, len(x), batch_size):
            batch = order[first : first + batch_size]
            dw, db = backprop(net, x[batch], y[batch])
            g = np.concatenate([d.ravel() for d in dw + db])
            t += 1
            eta = learning_rate * (1 - (t - 1) / steps)
            # Adam's running means start at 0; this factor undoes that bias in the first steps
            step = eta * np.sqrt(1 - beta2**t) / (1 - beta1**t)
            m += (1 - beta1) * (g - m)
            v += (1 - beta2) * (g * g - v)
            params -= step * m / (np.sqrt(v) + eps)
    return net


def accuracy(net: Network, x: np.ndarray, y: np.ndarray) -> float:
    """The fraction of images whose predicted class is the true one."""
    return float(np.mean(net.predict(x) == np.asarray(y)))


@dataclass
class TrainResult:
    """A network trained on the digits, with the data it saw and how well it does."""

    network: Network
    data: Digits
    train_accuracy: float
    test_accuracy: float
    seconds: float
    hidden: tuple[int, ...]
    activation: str
    seed: int
    epochs: int

    def summary(self) -> dict:
        """The numbers as plain JSON values."""
        return {
            "test_accuracy": round(self.test_accuracy, 6),
            "train_accuracy": round(self.train_accuracy, 6),
            "seconds": round(self.seconds, 4),
            "epochs": self.epochs,
            "hidden": list(self.hidden),
            "activation": self.activation,
            "seed": self.seed,
            "sizes": self.network.sizes,
        }


def train_digits(
    hidden: Sequence[int] = (16, 16), activation: str = "tanh", seed: int = 0, epochs: int = 20
) -> TrainResult:
    """Build a ``64-hidden-10`` network (softmax output), train it on the digits, test it.

    ``seed`` fixes everything random: the split, the initial weights and the order of the images,
    so the same arguments always give the same network. ``seconds`` counts the training only.
    """
    data = load_digits(seed)
    net = Network([64, *hidden, 10], [activation] * len(hidden) + ["softmax"], seed=seed)
    start = time.perf_counter()
    train(net, data.x_train, data.y_train, epochs=epochs, seed=seed)
    seconds = time.perf_counter() - start
    return TrainResult(
        network=net,
        data=data,
        train_accuracy=accuracy(net, data.x_train, data.y_train),
        test_accuracy=accuracy(net, data.x_test, data.y_test),
        seconds=seconds,
        hidden=tuple(hidden),
        activation=activation,
        seed=seed,
        epochs=epochs,
    )


@lru_cache(maxsize=1)
def tutorial_network() -> TrainResult:
    """The network the tutorial shows (:data:`TUTORIAL`), trained once per process."""
    return train_digits(**TUTORIAL)


class DigitExample(NamedTuple):
    """One test image through the tutorial network: what it is, what the network says."""

    network: Network
    index: int
    image: np.ndarray  # 8x8, values in [0, 1]
    label: int  # the true digit
    trace: Trace  # every layer's z and a for this image
    predicted: int
    probability: float  # the network's probability for its prediction


def classify_test_digit(index: int = 0) -> DigitExample:
    """Feed test image number ``index`` through :func:`tutorial_network`."""
    result = tutorial_network()
    data = result.data
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(data.x_test):
        raise NetworkError(f"test image index must be 0 to {len(data.x_test) - 1}, got {index!r}")
    trace = result.network.forward(data.x_test[index])
    predicted = int(trace.predicted())
    return DigitExample(
        network=result.network,
        index=index,
        image=data.images_test[index],
        label=int(data.y_test[index]),
        trace=trace,
        predicted=predicted,
        probability=float(trace.output[predicted]),
    )


def first_mistake() -> int:
    """The index of the first test image :func:`tutorial_network` gets wrong."""
    result = tutorial_network()
    wrong = np.flatnonzero(result.network.predict(result.data.x_test) != result.data.y_test)
    return int(wrong[0])


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


def _read_members(archive: zipfile.ZipFile, name: str) -> dict[str, np.ndarray]:
    """The arrays of a network archive, read member by member within the size limits."""
    members = {info.filename.removesuffix(".npy"): info for info in archive.infolist()}
    total = 0

    def read(key: str) -> np.ndarray | None:
        nonlocal total
        info = members.get(key)
        if info is None:
            return None
        if info.file_size > MAX_ARRAY_BYTES or total + info.file_size > MAX_TOTAL_BYTES:
            raise NetworkError(
                f"cannot read {name}: {key!r} is {info.file_size:,} bytes, more than a network "
                f"of this tutorial needs (at most {MAX_ARRAY_BYTES:,} per array)"
            )
        total += info.file_size
        try:
            with archive.open(info) as f:
                version = np.lib.format.read_magic(f)
                header = (
                    np.lib.format.read_array_header_1_0
                    if version == (1, 0)
                    else np.lib.format.read_array_header_2_0
                )
                shape, _, dtype = header(f)
                if dtype.hasobject or int(np.prod(shape, dtype=np.int64)) * dtype.itemsize > (
                    info.file_size
                ):
                    raise ValueError("the array's header does not match its size")
            with archive.open(info) as f:
                return np.lib.format.read_array(f, allow_pickle=False)
        except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
            raise NetworkError(f"cannot read {name}: {key!r} is not an array ({exc})") from None

    arrays: dict[str, np.ndarray] = {}
    for key in ("format", "activations"):
        value = read(key)
        if value is not None:
            arrays[key] = value
    if "activations" in arrays and arrays["activations"].dtype.kind == "U":
        for k in range(np.atleast_1d(arrays["activations"]).size + 1):
            for key in (f"weights_{k}", f"biases_{k}"):
                value = read(key) if key in members else None
                if value is not None:
                    arrays[key] = value
    return arrays


def save(net: Network, file: str | Path | IO[bytes]) -> None:
    """Write ``net`` to ``file`` (a path or a binary file object) in the ``.npz`` format above."""
    arrays: dict[str, np.ndarray] = {
        "format": np.array(FORMAT),
        "activations": np.array(net.activations, dtype=str),
    }
    for k, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        arrays[f"weights_{k}"] = w
        arrays[f"biases_{k}"] = b
    if isinstance(file, str | Path):
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        Path(file).write_bytes(buf.getvalue())  # np.savez(path) would append ".npz" to the name
    else:
        np.savez(file, **arrays)


#: The largest array :func:`load` reads, and the most it reads in all (bytes, uncompressed).
MAX_ARRAY_BYTES = 64 * 2**20
MAX_TOTAL_BYTES = 256 * 2**20


def load(file: str | Path | IO[bytes]) -> Network:
    """Read a network written by :func:`save`; a broken file raises :class:`NetworkError`.

    The file may come from anywhere, so it is read with care: only the members the format
    names are read (``format``, ``activations``, ``weights_k``, ``biases_k``), each only after
    its size, as the archive and the array's own header state it, is checked against
    :data:`MAX_ARRAY_BYTES` (and all of them against :data:`MAX_TOTAL_BYTES`); nothing is
    unpickled. A compressed bomb or a header claiming terabytes is refused before any reading.
    """
    name = f"{str(file)!r}" if isinstance(file, str | Path) else "network file"
    try:
        with zipfile.ZipFile(file) as archive:
            arrays = _read_members(archive, name)
    except FileNotFoundError:
        raise NetworkError(f"cannot read {name}: no such file") from None
    except IsADirectoryError:
        raise NetworkError(f"cannot read {name}: it is a folder") from None
    except (OSError, EOFError, zipfile.BadZipFile, zipfile.LargeZipFile):
        if _starts_like_npy(file):
            raise NetworkError(f"cannot read {name}: a single array, not a .npz file") from None
        raise NetworkError(f"cannot read {name}: not a .npz network file") from None
    version = arrays.get("format")
    if (
        version is None
        or version.shape != ()
        or version.dtype.kind not in "iu"
        or version != FORMAT
    ):
        raise NetworkError(f"cannot read {name}: no 'format' entry equal to {FORMAT}")
    if "activations" not in arrays or arrays["activations"].dtype.kind != "U":
        raise NetworkError(f"cannot read {name}: no 'activations' entry with layer names")
    names = [str(s) for s in np.atleast_1d(arrays["activations"])]
    weights, biases = [], []
    for k in range(len(names)):
        for key in (f"weights_{k}", f"biases_{k}"):
            if key not in arrays:
                raise NetworkError(f"cannot read {name}: {key!r} is missing")
        weights.append(arrays[f"weights_{k}"])
        biases.append(arrays[f"biases_{k}"])
    if f"weights_{len(names)}" in arrays:
        raise NetworkError(f"cannot read {name}: more weight matrices than activation names")
    try:
        return Network.from_weights(weights, biases, names)
    except NetworkError as exc:
        raise NetworkError(f"cannot read {name}: {exc}") from None
