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

Here, below every module: where results are kept between processes (``cache_folder``), the
library versions their keys include (``versions``), the one way this package writes a file
(``write_atomic``, after ``not_replaceable``), and the one way it keeps a cache entry
(``write_cache``), which removes the entries a new one replaces (``remove_replaced``). Importing
the package is cheap: it imports none of its modules (nor numpy, nor matplotlib).
"""

import hashlib
import os
import re
from functools import cache
from pathlib import Path

__version__ = "0.1.0"


def cache_folder() -> Path:
    """Where results computed once are kept for the next process (the trained networks, what
    the site prints): ``$EXPLAINER_CACHE``, or ``.cache/explainer`` in the current folder.
    (The site's own caches, its pages' HTML and the math font, are beside its ``mkdocs.yml``:
    see ``explainer.site``.)"""
    return Path(os.environ.get("EXPLAINER_CACHE") or Path(".cache", "explainer"))


@cache
def versions(*dists: str) -> str:
    """``"numpy=2.1.3;scikit-learn=..."``: the installed version of each distribution (or
    ``absent``), read without importing it: part of the key of whatever they compute."""
    from importlib import metadata

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "absent"

    return ";".join(f"{dist}={version(dist)}" for dist in dists)


def refused(exc: OSError) -> str:
    """What the system said when it refused a file operation, as the end of a one-line error:
    ``"permission denied"``, ``"no space left on device"`` (the exception's name when it says
    nothing)."""
    return (exc.strerror or type(exc).__name__).lower()


def not_replaceable(path: Path) -> str:
    """What keeps a regular file from being written at ``path`` by a rename over it: ``"a
    symbolic link"`` (the link would be replaced, not its target), ``"a folder"``, ``"a
    device"`` (``/dev/null`` would become a file), ``"a pipe"`` or ``"a special file"``; ``""``
    when ``path`` is a regular file or absent.

    The one check of every file this package writes: the figures and the commands' outputs.
    """
    if path.is_symlink():
        return "a symbolic link"
    if path.is_dir():
        return "a folder"
    if path.is_char_device() or path.is_block_device():
        return "a device"
    if path.is_fifo():
        return "a pipe"
    return "a special file" if path.exists() and not path.is_file() else ""


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename: a
    reader sees the old file or the new one, never half of one, whenever the writer stops.

    The figures, the commands' outputs and the caches of results are written with it.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if len(os.fsencode(tmp.name)) > 255:  # a long name the file system takes; its temporary too
        short = hashlib.sha256(path.name.encode()).hexdigest()[:16]
        tmp = path.with_name(f".{short}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_cache(entry: Path, key: str, data: bytes) -> None:
    """Keep ``data`` as the cache entry ``entry``, a file named by ``key``, the hexadecimal hash
    of what it depends on: its folder made if need be, the file written with ``write_atomic``,
    and the entries it replaces removed (``remove_replaced``)."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(entry, data)
    remove_replaced(entry, key)


def remove_replaced(entry: Path, key: str) -> None:
    """Remove the cache entries that ``entry``, just written, replaces: the files beside it (or
    folders, if ``entry`` is one) whose name is ``entry``'s with another hash of ``key``'s length
    in the place of ``key``, its hexadecimal hash.

    Only names of exactly the form this package writes are removed: in a cache folder shared
    with other tools (``$EXPLAINER_CACHE``), a user's ``network-...-backup.npz`` beside our
    ``network-...-<32 hex digits>.npz`` is not ours, and neither is a link of any name.
    """
    import shutil

    before, found, after = entry.name.rpartition(key)
    if not found or not re.fullmatch("[0-9a-f]+", key):
        raise ValueError(f"{entry.name!r} is not named by the hexadecimal key {key!r}")
    ours = re.compile(re.escape(before) + f"[0-9a-f]{{{len(key)}}}" + re.escape(after))
    folder = entry.is_dir() and not entry.is_symlink()
    for other in entry.parent.iterdir():
        if other.name == entry.name or not ours.fullmatch(other.name) or other.is_symlink():
            continue
        if folder and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
        elif not folder and other.is_file():
            other.unlink(missing_ok=True)
