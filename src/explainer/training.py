"""Teaching a [`Network`][explainer.network.Network] to read handwritten digits.

The data
:   scikit-learn ships 1,797 handwritten digits, each an 8x8 image of grey levels 0 to 16
    ([`load_digits`][explainer.training.load_digits]). We scale them to [0, 1], so each image is
    64 inputs, and keep a quarter of them aside (stratified: every digit in the same proportion)
    to test the network on images it never saw while learning.

The loss
:   With a softmax output layer the network's output ``a`` is a probability for each digit, and
    the loss of one image with true class ``y`` is the *cross-entropy* ``-log a_y``: small when
    the network is confident and right, large when it is confident and wrong. For any other output
    activation we use the *quadratic* loss ``1/2 * sum_j (a_j - y_j)^2`` with ``y`` one-hot.
    The loss of a batch is the mean over its images.

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
    ``w <- w - eta * dC/dw``. We estimate the gradient on a *minibatch* of 32 images at a time
    (an epoch is one pass over all training images, in a new random order each time) and take the
    step with Adam (Kingma & Ba, 2015): it keeps a running mean ``m`` of each gradient and of its
    square ``v`` and moves each weight by ``eta * m / sqrt(v)``, so every weight takes steps of a
    sensible size whatever the scale of its gradient. That lets one learning rate work for
    sigmoid, tanh and ReLU networks alike, and reaches a given accuracy in far fewer epochs than
    plain steps. The learning rate ``eta`` falls linearly to 0 over the run, so the last steps
    settle instead of bouncing around. The defaults (20 epochs, ``eta`` = 0.03, tanh hidden
    layers) train the 64-16-16-10 network to about 97 % test accuracy.

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
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path
from typing import IO, NamedTuple

import numpy as np
from numpy.lib import format as npy

from . import activations, network
from .network import Network, NetworkError

FORMAT = 1

#: The update rule of ``train``: each step is an Adam step (see "Gradient descent" above).
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
    """The gradients of [`loss`][explainer.training.loss] with respect to every weight and bias,
    for the batch ``x``.

    Returns ``(dw, db)`` shaped like ``net.weights`` and ``net.biases``. The backward pass runs
    through what the forward pass ([`forward`][explainer.network.Network.forward]) recorded.
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
    parts = np.split(params, np.cumsum([p.size for p in arrays])[:-1])
    views = [part.reshape(p.shape) for part, p in zip(parts, arrays, strict=True)]
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
    """A network trained on the digits, with the data it saw and how well it does.

    ``seconds`` is the time its training took in this process (0 when read from the cache).
    """

    network: Network
    data: Digits
    seconds: float
    hidden: tuple[int, ...]
    activation: str
    seed: int
    epochs: int

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
            "seed": self.seed,
            "sizes": self.network.sizes,
        }


def train_digits(
    hidden: Sequence[int] = (16, 16),
    activation: str = "tanh",
    seed: int = 0,
    epochs: int = 20,
    data: Digits | None = None,
) -> TrainResult:
    """Build a ``64-hidden-10`` network (softmax output), train it on the digits, test it.

    ``seed`` fixes everything random: the split, the initial weights and the order of the images,
    so the same arguments always give the same network. ``data`` is ``load_digits(seed)``
    unless given. ``seconds`` counts the training only.
    """
    net = Network([64, *hidden, 10], [activation] * len(hidden) + ["softmax"], seed=seed)
    data = data or load_digits(seed)  # after the network: a bad name fails before loading
    start = time.perf_counter()
    train(net, data.x_train, data.y_train, epochs=epochs, seed=seed)
    seconds = time.perf_counter() - start
    return TrainResult(net, data, seconds, tuple(hidden), activation, seed, epochs)


#: Where ``cached_train`` keeps its files, unless ``$EXPLAINER_CACHE`` names a folder.
CACHE = Path(".cache", "explainer")


def cached_train(
    hidden: Sequence[int] = (16, 16), activation: str = "tanh", seed: int = 0, epochs: int = 20
) -> TrainResult:
    """``train_digits``, remembered on disk so that another process neither trains again nor
    imports scikit-learn to read the digits.

    The digits and the trained network are kept as ``.npz`` files in ``$EXPLAINER_CACHE`` or
    ``CACHE`` (relative to the current folder), each named by what it is and a hash of
    everything that determines it: the source of the modules that compute it, the arguments, and
    the versions of numpy and scikit-learn; a new file replaces those of older hashes. They are
    written atomically and read with ``load``'s care; a file that cannot be read or does not
    hold what its name promises is computed again and replaced. A folder that cannot be written
    only means that nothing is remembered.
    """
    folder = Path(os.environ.get("EXPLAINER_CACHE") or CACHE)
    names = network.layer_activations([activation] * len(hidden) + ["softmax"], len(hidden) + 1)
    data_key = _hash(Path(__file__).read_bytes(), seed, _version("numpy"), _version("scikit-learn"))
    data_path = folder / f"digits-seed{seed}-{data_key}.npz"
    try:
        data = _read_digits(data_path)
    except NetworkError:
        data = load_digits(seed)
        _write_atomic(data_path, lambda f: np.savez(f, **data._asdict()))
    sources = [Path(m.__file__).read_bytes() for m in (activations, network)]
    sizes = "-".join(map(str, [64, *hidden, 10]))
    net_key = _hash(data_key, *sources, tuple(hidden), activation, epochs)
    net_path = folder / f"network-{sizes}-{names[0]}-seed{seed}-{epochs}epochs-{net_key}.npz"
    try:
        net = load(net_path)
        if net.sizes != [64, *hidden, 10] or net.activations != names:
            raise NetworkError(f"{net_path}: not the network asked for")
        return TrainResult(net, data, 0.0, tuple(hidden), activation, seed, epochs)
    except NetworkError:
        result = train_digits(hidden, activation, seed, epochs, data)
        _write_atomic(net_path, lambda f: save(result.network, f))
        return result


def _version(package: str) -> str:
    """The installed version of ``package``, read without importing it."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


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


def _write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, rename it to ``path``, and remove the
    files of older hashes; a cache that cannot be written is left alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                write(f)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        for older in path.parent.glob(f"{path.name.rpartition('-')[0]}-*.npz"):
            if older != path:  # the same thing, computed by other code or versions
                older.unlink(missing_ok=True)
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
    except IsADirectoryError:
        raise fail("it is a folder") from None
    except (OSError, EOFError, zipfile.BadZipFile, zipfile.LargeZipFile):
        if _starts_like_npy(file):
            raise fail("a single array, not a .npz file") from None
        raise fail("not a .npz network file") from None
    return arrays


def save(net: Network, file: str | Path | IO[bytes]) -> None:
    """Write ``net`` to ``file`` (a path or a binary file object) in the ``.npz`` format above."""
    arrays = {"format": np.array(FORMAT), "activations": np.array(net.activations, dtype=str)}
    for k, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        arrays |= {f"weights_{k}": w, f"biases_{k}": b}
    if isinstance(file, str | Path):
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        Path(file).write_bytes(buf.getvalue())  # np.savez(path) would append ".npz" to the name
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
