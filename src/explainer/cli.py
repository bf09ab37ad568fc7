"""The ``explainer`` command: ``figures``, ``curve``, ``network`` and ``train``, each with the
options that ``_parser`` declares and ``explainer COMMAND --help`` lists.

Every mistake in what is asked gets one line on stderr that says what is wrong and how to fix
it, exit status 2, and no file written or removed. A figure that fails to draw is reported by name
and the command exits 1. No path prints a Python traceback unless ``EXPLAINER_DEBUG=1`` is set.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import not_replaceable, refused, write_atomic
from .figure import THEMES, Figure  # standard library only, like this module

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Something the user asked for is impossible; the message is printed as one line.

    ``prog`` names the (sub)command the message is about, e.g. ``"explainer curve"``.
    """

    def __init__(self, message: str, prog: str | None = None) -> None:
        super().__init__(message)
        self.prog = prog


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad option is one line on stderr, not the usage text plus a line, and a
    word that starts with a minus and a number is a value, not an option."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # argparse's test for a negative number knows no exponent and no list: "-1e3" (--range)
        # or "-5,3" (SIZES) was taken for an unknown option; now the value itself is judged
        self._negative_number_matcher = re.compile(r"^-(\.?\d|(inf|infinity|nan)$)", re.I)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `{self.prog} --help`)", prog=self.prog)


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _Parser(
        prog="explainer",
        description="Compute and draw how the neurons of a neural network are activated.",
    )
    parser.add_argument("--version", action="version", version=f"explainer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    f = sub.add_parser(
        "figures",
        help="regenerate the site figures in figures/",
        description="Bring a folder of the site's figures up to date: draw what is missing or "
        "stale, in parallel, and record it in the folder's manifest.json. Only files it wrote "
        "itself are ever removed. Two runs in one folder take turns: the second waits.",
    )
    f.add_argument("--only", nargs="+", metavar="NAME", default=[], help="only these figures")
    f.add_argument("--force", action="store_true", help="redraw even figures that are up to date")
    f.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list every missing, stale, modified or unexpected file",
    )
    f.add_argument("--list", action="store_true", help="list the figure names and exit")
    f.add_argument(
        "--out", type=_folder, default=Path("figures"), metavar="DIR", help="default: figures"
    )
    f.add_argument(
        "--jobs", "-j", type=_positive_int, metavar="N", help="processes (default: one a core)"
    )
    f.set_defaults(run=_run_figures)

    c = sub.add_parser(
        "curve",
        help="draw one activation function to SVG or PNG",
        description="Draw an activation function (and optionally its derivative) to a file; "
        "the format follows the file's suffix, .svg or .png.",
    )
    c.add_argument("name", help="activation name, e.g. relu (see the reference page)")
    c.add_argument("--derivative", action="store_true", help="also draw the derivative, dashed")
    c.add_argument(
        "--range",
        nargs=2,
        type=_real,
        metavar=("A", "B"),
        help="draw z from A to B (default: the activation's own range)",
    )
    c.add_argument("-o", "--output", type=_file, metavar="FILE", help="default: NAME.svg here")
    c.add_argument("--theme", choices=THEMES, default="light", help="colours")
    c.set_defaults(run=_run_curve)

    n = sub.add_parser(
        "network",
        help="draw the structure of a network, e.g. 64,16,16,10",
        description="Draw the layers of a network and every connection between them, to SVG "
        "or PNG (by the suffix of -o). Layers of more than 16 neurons are drawn collapsed.",
    )
    n.add_argument(
        "sizes", nargs="?", help="layer sizes separated by commas, input first: 64,16,16,10"
    )
    n.add_argument(
        "--load",
        type=Path,
        metavar="FILE",
        help="draw a network saved by `explainer train --save`, with its trained weights",
    )
    n.add_argument(
        "--input",
        metavar="INPUT",
        help="with --load: run this input through it and shade every neuron by its activation; "
        "a test image index (0 to 449) or a file of input values",
    )
    n.add_argument(
        "--activation",
        metavar="NAME",
        help="activation of every layer after the input (named in the labels)",
    )
    n.add_argument(
        "--seed",
        type=_seed,
        metavar="N",
        help="show the initial weights drawn with this seed (colour and dash by sign)",
    )
    n.add_argument(
        "-o",
        "--output",
        type=_file,
        metavar="FILE",
        help="output .svg or .png (default: network-SIZES.svg; with --load F.npz: F.svg)",
    )
    n.add_argument("--theme", choices=THEMES, default="light", help="colours")
    n.set_defaults(run=_run_network)

    t = sub.add_parser(
        "train",
        help="train a network on the 8x8 handwritten digits",
        description="Train a 64-HIDDEN-10 network (softmax output) on scikit-learn's 8x8 "
        "handwritten digits with backpropagation, and test it on the quarter of the images it "
        "did not see.",
    )
    t.add_argument("--hidden", default="16,16", metavar="SIZES", help="hidden layers (16,16)")
    t.add_argument("--activation", default="tanh", metavar="NAME", help="hidden layers' (tanh)")
    t.add_argument("--seed", type=_seed, default=0, metavar="N", help="split, weights, order (0)")
    t.add_argument(
        "--epochs", type=_epochs, default=20, metavar="N", help=f"passes (20; {MAX_EPOCHS} at most)"
    )
    t.add_argument(
        "--optimizer",
        choices=("sgd", "adam"),
        default="adam",
        help="plain gradient descent steps, or Adam's (adam)",
    )
    t.add_argument(
        "--learning-rate",
        type=_learning_rate,
        metavar="R",
        help="step size eta at the start, falling to 0 (sgd 0.5, adam 0.03; "
        f"{MAX_LEARNING_RATE:g} at most)",
    )
    t.add_argument("--save", type=_file, metavar="FILE", help="write it as .npz")
    t.add_argument(
        "--history",
        type=_file,
        metavar="FILE",
        help="write the loss and test accuracy of every epoch as CSV",
    )
    t.add_argument("--json", action="store_true", help="print the results as one JSON object")
    t.set_defaults(run=_run_train)
    return parser


#: Whole numbers longer than this are refused before ``int()``, which raises on 4,300 digits.
_MAX_DIGITS = 18


def _whole_number(minimum: int, maximum: int | None = None):
    """An argparse ``type`` for whole numbers in ``[minimum, maximum]``, complaining in one line."""

    def parse(text: str) -> int:
        digits = text.strip().lstrip("+-")
        if digits.isascii() and digits.isdigit() and len(digits) > _MAX_DIGITS:
            raise argparse.ArgumentTypeError(f"{text[:24]!r}... is far too large")
        try:
            value = int(text) if text.strip().isascii() else int("x")
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{text!r} must be at least {minimum}")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"{text!r} must be at most {maximum}")
        return value

    return parse


def _file(text: str) -> Path:
    """A file to write, named on the command line: not empty (that would be the current folder),
    and not ending in "/" (a folder), which ``Path`` would silently drop."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty file name; give one, like out.svg")
    if text.endswith(("/", os.sep)):
        raise argparse.ArgumentTypeError(f"{text!r} ends with '/', so it names a folder")
    return Path(text)


def _folder(text: str) -> Path:
    """A folder name on the command line; an empty one is a mistake, not the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty folder name; give one, e.g. --out figures")
    return Path(text)


def _real(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def _learning_rate(text: str) -> float:
    value = _real(text)
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number, like 0.1")
    if value > MAX_LEARNING_RATE:
        raise argparse.ArgumentTypeError(
            f"{text!r} must be at most {MAX_LEARNING_RATE:g}: steps that large only diverge"
        )
    return value


#: The largest ``train --learning-rate``: 200 times plain gradient descent's default.
MAX_LEARNING_RATE = 100.0
#: The most ``train --epochs``: 50 times the tutorial's 20, minutes for a large network.
MAX_EPOCHS = 1000

_positive_int = _whole_number(1)
_epochs = _whole_number(1, MAX_EPOCHS)
_seed = _whole_number(0, 2**32 - 1)  # what numpy's and scikit-learn's generators take


# --------------------------------------------------------------------------- figures


def _run_figures(args: argparse.Namespace) -> int:
    """``--check`` and ``--list`` write nothing, also no cache: in a folder with no manifest they
    compute the figures' words (training small networks), and where the current folder has no
    cache of explainer's (and ``$EXPLAINER_CACHE`` is unset) what they compute is kept in a
    temporary folder, for this run only, not in ``./.cache/explainer``."""
    from . import cache_folder

    if (
        not (args.check or args.list)
        or os.environ.get("EXPLAINER_CACHE")
        or cache_folder().is_dir()
    ):
        return _figures(args)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="explainer-cache-") as tmp:
        os.environ["EXPLAINER_CACHE"] = tmp
        try:
            return _figures(args)
        finally:
            del os.environ["EXPLAINER_CACHE"]


def _figures(args: argparse.Namespace) -> int:
    from . import build

    try:
        if args.list:  # with --only: those, checked like the names of a run
            for fig in build.select(build.catalogue(build.load_manifest(args.out)), args.only):
                print(fig.name)
            return EXIT_OK
        if args.check and args.force:
            raise UsageError("--check and --force cannot be used together")
        if args.out.exists() and not args.out.is_dir():
            raise UsageError(f"cannot write figures to {str(args.out)!r}: not a folder")
        if args.check:
            with build.taking_turns(args.out, shared=True):  # not while a run writes
                plan = build.plan(args.out, only=args.only)
            files, rc = plan.problems(), build.rc_problems(plan)
            for line in files + rc:
                print(line)
            if files or rc:
                ours = args.out == Path("figures")  # the repository's own: make, then commit
                command = "explainer figures" + ("" if ours else f" --out {_shell(args.out)}")
                what = f"{len(files)} {'file' if len(files) == 1 else 'files'} not current"
                fix = "`make figures` and commit" if ours else f"`{command}`"
                if not files:
                    what, fix = "drawn under other matplotlib settings", f"`{command} --force`"
                print(f"figures: {what} in {args.out}/ (run {fix})", file=sys.stderr)
                return EXIT_FAILED
            print(f"figures: {len(plan.status)} up to date in {args.out}/")
            return EXIT_OK
        result = build.regenerate(
            args.out,
            only=args.only,
            force=args.force,
            jobs=args.jobs,
            progress=build.stderr_progress,
        )
    except build.BuildError as exc:
        raise UsageError(str(exc)) from None
    for line in result.failed:
        print(f"explainer figures: failed: {line}", file=sys.stderr)
    print(result.summary())
    return EXIT_FAILED if result.failed else EXIT_OK


# --------------------------------------------------------------------------- curve


#: The largest |z| that ``explainer curve --range`` accepts.
CURVE_MAX_Z = 1e6


def _run_curve(args: argparse.Namespace) -> int:
    from . import activations
    from .presentation import MissingWords, alt_text, words_of

    try:
        act = activations.get(args.name)
        words = words_of(act.name) if act.elementwise else None
    except (activations.UnknownActivation, MissingWords) as exc:
        raise UsageError(str(exc)) from None
    if words is None:
        raise UsageError(f"{act.label} works on a whole layer at once: it has no curve to draw")
    x_range = None
    if args.range is not None:
        a, b = args.range
        if not (math.isfinite(a) and math.isfinite(b)):
            raise UsageError(f"--range needs two finite numbers, got {a:g} {b:g}")
        if not a < b:
            raise UsageError(f"--range A B needs A < B, got {a:g} {b:g}")
        if max(abs(a), abs(b)) > CURVE_MAX_Z:
            raise UsageError(f"--range must stay within ±{CURVE_MAX_Z:g}, got {a:g} {b:g}")
        if b - a < 1e-6 * max(1.0, abs(a), abs(b)):
            raise UsageError(
                f"--range is too narrow to draw: {a!r} to {b!r} (B - A must be at least "
                "1e-6 times the larger of 1, |A| and |B|)"
            )
        x_range = (a, b)
    out = _image_output(args.output or Path(f"{act.name}.svg"))
    params = words.figure_params(act.name, x_range)
    fig = Figure(
        name=act.name,
        draw="explainer.draw.curves:activation_curve",
        alt=f"{act.label}: range {act.range}",
        caption=alt_text(act, x_range, derivative=args.derivative),
        params={**params, "derivative": args.derivative, "title": True},
        size=(7.0, 5.6 if args.derivative else 4.2),
    )
    return _write_figure(fig, args.theme, out)


# --------------------------------------------------------------------------- network


_MAX_LAYERS = 12
_MAX_LAYER = 1_000_000  # neurons in one layer: drawn collapsed, labelled with its size
#: What `explainer train` accepts: 64 inputs x 1,347 images; far beyond what 8x8 digits need.
_MAX_TRAINED_LAYER = 4096
_MAX_TRAINED_WEIGHTS = 2_000_000
_MAX_DRAWN_WEIGHTS = 5_000_000  # --seed initialises the whole network


def _layer_sizes(text: str, what: str, minimum: int, example: str) -> list[int]:
    """``"64,16,10"`` as ``[64, 16, 10]``, or a ``UsageError`` naming ``what`` is wrong."""
    parts = [p.strip().lstrip("0") for p in text.split(",")]  # "" was zeros: not >= 1
    if not all(p.isascii() and p.isdigit() for p in parts):
        raise UsageError(
            f"{what} must be whole numbers >= 1 separated by commas, like {example}; got {text!r}"
        )
    if max(map(len, parts)) > _MAX_DIGITS:
        raise UsageError(f"{what}: {text[:40]!r}... has a layer far too large")
    sizes = [int(p) for p in parts]
    if len(sizes) < minimum:
        raise UsageError(f"{what} needs at least {minimum} layers (input and output), got {text!r}")
    return sizes


def _weights(sizes: list[int]) -> int:
    """How many weights a fully connected network with these layer sizes has."""
    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


def _run_network(args: argparse.Namespace) -> int:
    if args.load is not None:
        return _draw_saved_network(args)
    if args.sizes is None:
        raise UsageError("give the layer sizes, like 64,16,16,10, or --load FILE")
    if args.input is not None:
        raise UsageError("--input needs --load FILE: a network with trained weights to run it")
    sizes = _layer_sizes(args.sizes, "SIZES", 2, "64,16,16,10")
    if max(sizes) > _MAX_LAYER:
        raise UsageError(f"SIZES: at most {_MAX_LAYER:,} neurons a layer, got {max(sizes):,}")
    if len(sizes) > _MAX_LAYERS:
        raise UsageError(f"SIZES: at most {_MAX_LAYERS} layers can be drawn, got {len(sizes)}")
    if args.activation is not None:
        args.activation = _check_activation(
            args.activation, [args.activation] * (len(sizes) - 1), "every layer after the input"
        )
    weights = _weights(sizes)
    if args.seed is not None and weights > _MAX_DRAWN_WEIGHTS:
        raise UsageError(
            f"--seed: a network with {weights:,} weights is too big to initialise for a drawing "
            f"(at most {_MAX_DRAWN_WEIGHTS:,}); leave out --seed to draw its structure"
        )
    name = "-".join(map(str, sizes))
    out = _image_output(args.output or Path(f"network-{name}.svg"))
    act = f" of {args.activation} neurons" if args.activation else ""
    fig = _network_figure(
        f"The structure of a {name} network{act}: {_layers(sizes)}, every neuron connected to "
        "every neuron of the next layer.",
        data=None if args.seed is None else "explainer.examples:initial_weights",
        params={"sizes": sizes, "activation": args.activation}
        | ({} if args.seed is None else {"seed": args.seed}),
    )
    return _write_figure(fig, args.theme, out)


def _network_figure(alt: str, data: str | None, params: dict[str, Any]) -> Figure:
    """The figure ``explainer network`` draws: a network diagram, of ``data(**params)`` if given."""
    draw = "explainer.draw.diagrams:network_diagram"
    return Figure("network", draw, alt, data=data, params=params, size=(7.0, 4.25))


def _layers(sizes: Sequence[int]) -> str:
    """The layers in words: ``"3 layers of 4, 6, 2 neurons"``."""
    return f"{len(sizes)} layers of {', '.join(map(str, sizes))} neurons"


#: The largest file of input values ``network --input`` reads.
_MAX_INPUT_BYTES = 1_000_000


def _draw_saved_network(args: argparse.Namespace) -> int:
    """``network --load FILE [--input INPUT]``: a saved network with its weights, and with an
    input, every neuron shaded by its activation."""
    for given, flag in (
        (args.sizes, "SIZES"),
        (args.seed, "--seed"),
        (args.activation, "--activation"),
    ):
        if given is not None:
            raise UsageError(f"{flag} comes from the file with --load; leave it out")
    out = _image_output(args.output or Path(f"{args.load.stem}.svg"))
    for given, flag in ((args.load, "--load"), (args.input, "--input")):
        if given is not None and _same_file(out, Path(given)):
            raise UsageError(
                f"cannot write {str(out)!r}: it is the file of {flag}, which it would replace; "
                "give the picture another name with -o"
            )
    from . import training

    try:
        net = training.load(args.load)
    except training.NetworkError as exc:
        raise UsageError(str(exc)) from None
    if len(net.sizes) > _MAX_LAYERS:
        raise UsageError(f"{str(args.load)!r}: at most {_MAX_LAYERS} layers can be drawn")
    x, source = (None, "") if args.input is None else _network_input(args.input, net.sizes[0])
    import numpy as np

    name = "-".join(map(str, net.sizes))
    alt = (
        f"The {name} network saved in {args.load.name}: {_layers(net.sizes)} "
        f"({', '.join(net.activations)} after the input), every connection coloured by the "
        "sign of its trained weight, solid for positive and dashed for negative, wider for larger."
    )
    if x is not None:
        values = net.forward(x).a
        if not all(np.all(np.isfinite(a)) for a in values):
            raise UsageError(
                f"--input {args.input}: the network of {str(args.load)!r} gives it activations "
                "that are not finite (a weighted sum beyond what a float holds); give smaller "
                "input values, or a network with smaller weights"
            )
        out_a = values[-1]
        alt += (
            f" Every neuron is shaded by its activation for {source}; the most active output "
            f"neuron is number {int(out_a.argmax()) + 1}, at {out_a.max():.3g}."
        )
    params = {"path": str(args.load.resolve()), "input": None if x is None else x.tolist()}
    fig = _network_figure(alt, data="explainer.examples:saved_network", params=params)
    return _write_figure(fig, args.theme, out)


def _network_input(text: str, inputs: int) -> tuple[Any, str]:
    """``--input``: a test image of the digits by its index, or the numbers in a file; with
    words that say which."""
    import numpy as np

    if text.isascii() and text.isdigit():
        from . import training

        if inputs != 64:
            raise UsageError(
                f"--input {text}: a test image has 64 values, but the network takes {inputs} "
                "inputs; give a file of input values"
            )
        try:
            data = training.load_digits(0)
        except training.MissingDependency as exc:
            raise UsageError(str(exc)) from None
        if int(text) >= len(data.x_test):
            raise UsageError(
                f"--input {text}: test images are numbered 0 to {len(data.x_test) - 1}"
            )
        return data.x_test[int(text)], f"test image {int(text)} (a {data.y_test[int(text)]})"
    path = Path(text)
    if not text.strip():
        raise UsageError("--input needs a test image index (0 to 449) or a file of input values")
    try:
        if path.exists() and not path.is_file():  # a folder, a device, a pipe: never read
            raise UsageError(f"--input {text!r}: not a regular file of input values")
        if path.stat().st_size > _MAX_INPUT_BYTES:
            raise UsageError(f"--input {text!r}: more than {_MAX_INPUT_BYTES:,} bytes")
        words = re.split(r"[\s,]+", path.read_text(encoding="utf-8-sig").strip())  # BOM too
    except (OSError, UnicodeDecodeError) as exc:
        why = (
            "no such file, nor a test image index"
            if isinstance(exc, FileNotFoundError)
            else (getattr(exc, "strerror", None) or "not a text file")
        )
        raise UsageError(f"--input {text!r}: {str(why).lower()}") from None
    try:
        x = np.array([float(w) for w in words if w], dtype=float)
    except ValueError:
        raise UsageError(
            f"--input {text!r}: the file must hold numbers separated by commas or spaces"
        ) from None
    if x.shape != (inputs,) or not np.all(np.isfinite(x)):
        raise UsageError(
            f"--input {text!r}: the network takes {inputs} finite input values, the file "
            f"holds {len(x)}" + ("" if np.all(np.isfinite(x)) else " with nan or inf")
        )
    return x, f"the input values in {path.name}"


# --------------------------------------------------------------------------- train


def _run_train(args: argparse.Namespace) -> int:
    hidden = _layer_sizes(args.hidden, "--hidden", 1, "16,16")
    if len(hidden) > _MAX_LAYERS - 2:  # with the input and the output: what `network` draws
        raise UsageError(
            f"--hidden: at most {_MAX_LAYERS - 2} hidden layers (so that `explainer network "
            f"--load` can draw the network), got {len(hidden)}"
        )
    if max(hidden) > _MAX_TRAINED_LAYER or _weights([64, *hidden, 10]) > _MAX_TRAINED_WEIGHTS:
        raise UsageError(
            f"--hidden {args.hidden}: too big to train on the digits here (at most "
            f"{_MAX_TRAINED_LAYER:,} neurons a layer and {_MAX_TRAINED_WEIGHTS:,} weights)"
        )
    for path in (args.save, args.history):  # refuse a bad path before spending time training
        if path is not None:
            check_output(path)
    if args.save is not None and args.history is not None and _same_file(args.save, args.history):
        raise UsageError("--save and --history name the same file; give each its own")
    args.activation = _check_activation(
        args.activation,
        [args.activation] * len(hidden) + ["softmax"],
        "the hidden layers (the output layer is softmax already)",
    )
    from . import training

    try:
        result = training.train_digits(
            hidden,
            args.activation,
            args.seed,
            args.epochs,
            optimizer=args.optimizer,
            learning_rate=args.learning_rate,
        )
    except (training.NetworkError, training.MissingDependency) as exc:  # e.g. it diverged
        raise UsageError(str(exc)) from None
    if args.save is not None:
        write_output(args.save, _bytes(lambda f: training.save(result.network, f)))
    if args.history is not None:
        rows = ["epoch,train_loss,test_loss,test_accuracy"]
        rows += [",".join(map(repr, epoch)) for epoch in result.history]
        write_output(args.history, ("\n".join(rows) + "\n").encode())
    if args.json:
        import json

        print(json.dumps(result.summary()))
    else:
        sizes = "-".join(map(str, result.network.sizes))
        print(
            f"test accuracy {100 * result.test_accuracy:.1f} % "
            f"(train {100 * result.train_accuracy:.1f} %), {sizes} {args.activation} network, "
            f"{args.epochs} epoch{'s' * (args.epochs != 1)} of "
            f"{training.OPTIMIZERS[args.optimizer]} (learning rate {result.learning_rate:g})"
            f" in {result.seconds:.2f} s, seed {args.seed}"
        )
        if args.save is not None:
            print(f"saved to {args.save}")
        if args.history is not None:
            print(f"history written to {args.history}")
    return EXIT_OK


# --------------------------------------------------------------------------- helpers for commands


def _check_activation(name: str, layers: list[str], which: str) -> str:
    """The registry's name for ``--activation NAME`` (``" Leaky-ReLU "`` is ``leaky_relu``),
    checked in the ``layers`` of the network (``which`` names those it sets); or a
    ``UsageError`` saying what to give instead, found before any work."""
    from . import activations
    from .network import NetworkError, layer_activations

    try:
        canonical = activations.get(name).name
        layer_activations(layers, len(layers))
    except activations.UnknownActivation as exc:
        raise UsageError(f"--activation: {exc}") from None
    except NetworkError as exc:  # a function of a whole layer, such as softmax
        raise UsageError(
            f"--activation: {exc}, and --activation sets {which}; choose another, like tanh"
        ) from None
    return canonical


def _image_output(path: Path) -> Path:
    """``path`` if a figure can be written there, as SVG or PNG by its suffix; else a
    ``UsageError``."""
    check_output(path)
    if path.suffix.lower() not in (".svg", ".png"):
        shown = f"{path.suffix!r}" if path.suffix else "no suffix"
        if not path.suffix and path.name.startswith("."):  # ".svg" is a hidden file's name
            raise UsageError(f"cannot write {str(path)!r}: give the file a name, like relu.svg")
        raise UsageError(
            f"cannot write {str(path)!r}: {shown} is not a supported format; "
            "end the file name with .svg or .png"
        )
    return path


def _write_figure(fig: Figure, theme: str, out: Path) -> int:
    """Draw ``fig`` in ``theme`` into ``out``: the site's own SVG (``explainer.render.render``),
    or a PNG drawn the same way."""
    from dataclasses import replace

    from .render import draw, fixed_rc, render

    # the words may quote file names, whose bytes need not be UTF-8 (os.fsdecode keeps them as
    # lone surrogates, which no SVG can hold): those bytes are written as "�"
    fig = replace(fig, alt=os.fsencode(fig.alt).decode("utf-8", "replace"))
    if out.suffix.lower() == ".svg":
        data = render(fig, theme)
    else:
        with fixed_rc(theme):
            png = {"format": "png", "dpi": 150, "metadata": {"Software": None}}
            data = _bytes(lambda f: draw(fig).savefig(f, **png))
    write_output(out, data)
    print(f"wrote {out}")
    return EXIT_OK


def check_output(path: Path) -> None:
    """Refuse, with a ``UsageError``, an output path that cannot or must not be written.

    The one check of every command's output file, made before any work: ``-`` (which other
    tools read as standard output: it would become a file named "-"), a folder, an existing
    symbolic link or special file (a device, a pipe: replacing it would turn it into a regular
    file), a missing or unwritable folder, a name the file system refuses (too long).
    """
    shown = repr(str(path))
    if str(path) == "-":  # what other tools read as standard output: never a file named "-"
        raise UsageError(
            f"cannot write {shown}: standard output is not an option here; give a file name"
        )
    try:
        kind = not_replaceable(path)
        if kind == "a folder":
            raise UsageError(f"cannot write {shown}: it is a folder; give a file name")
        if kind:
            raise UsageError(
                f"cannot write {shown}: it is {kind}, not a regular file, and the output would "
                "replace it; give the name of a new or regular file"
            )
        parent = path.parent
        if not parent.is_dir():
            problem = "is not a folder" if parent.exists() else "does not exist"
            raise UsageError(f"cannot write {shown}: folder {str(parent)!r} {problem}")
        os.stat(path)  # ENAMETOOLONG and friends; a file that does not exist yet is fine
    except FileNotFoundError:
        pass
    except OSError as exc:
        reason = refused(exc)
        raise UsageError(f"cannot write {shown}: {reason}") from None
    if not os.access(path.parent, os.W_OK):
        raise UsageError(f"cannot write {shown}: permission denied")


def _shell(path: Path) -> str:
    """``path`` as a shell reads it back: quoted if it has spaces or other special characters."""
    import shlex

    return shlex.quote(str(path))


def _same_file(a: Path, b: Path) -> bool:
    """Whether the paths ``a`` and ``b`` name one file (``x.npz`` and ``sub/../x.npz``, a link
    and its target)."""
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except (OSError, RuntimeError):  # one does not exist (yet), or a loop of links
        return False


def _bytes(write: Callable[[io.BytesIO], object]) -> bytes:
    """What ``write`` writes to a file object, as bytes."""
    buf = io.BytesIO()
    write(buf)
    return buf.getvalue()


def write_output(path: Path, data: bytes) -> None:
    """Write a user's output file atomically, after ``check_output``."""
    check_output(path)
    try:
        write_atomic(path, data)
    except OSError as exc:
        reason = refused(exc)
        raise UsageError(f"cannot write {str(path)!r}: {reason}") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``explainer`` console script; returns the exit status."""
    prog = "explainer"
    try:
        parser = _parser()
        args, extra = parser.parse_known_args(argv)
        if args.command is not None:
            prog = f"explainer {args.command}"
        if extra:  # reported by the subcommand they were given to, if any
            raise UsageError(f"unrecognized arguments: {' '.join(extra)} (see `{prog} --help`)")
        if args.command is None:
            parser.error("the following arguments are required: COMMAND")
        if hasattr(sys.stdout, "reconfigure"):  # a file name that is not UTF-8 can be printed
            sys.stdout.reconfigure(errors="backslashreplace")
        status = args.run(args)
        sys.stdout.flush()  # a full stdout fails here, not at exit
        return status
    except UsageError as exc:
        print(f"{exc.prog or prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader has gone (`explainer figures --list | head -1`)
        _stdout_to_devnull()
        return EXIT_FAILED
    except OSError as exc:  # what the system refused at the end: a full disk, a full stdout
        _stdout_to_devnull()
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"{prog}: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:
        if os.environ.get("EXPLAINER_DEBUG"):
            raise
        print(
            f"{prog}: internal error: {type(exc).__name__}: {exc} "
            "(set EXPLAINER_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return EXIT_FAILED


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null, so that what is still buffered for a reader that has gone, or
    for a full disk, is not written again (and refused again) when Python exits."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass  # not a real file (a test's capture): nothing is flushed at exit
