"""The ``explainer`` command.

    explainer figures [--only NAME ...] [--force] [--check] [--list] [--out DIR] [--jobs N]
    explainer curve NAME [--derivative] [--range A B] [-o FILE]
    explainer network SIZES [--activation NAME] [--seed N] [-o FILE]
    explainer train [--hidden 16,16] [--activation NAME] [--seed N] [--epochs N] [--save FILE]
                    [--json]

Every mistake in what is asked gets one line on stderr that says what is wrong and how to fix
it, exit status 2, and no file written or removed. A figure that fails to draw is reported by name
and the command exits 1. No path prints a Python traceback unless ``EXPLAINER_DEBUG=1`` is set.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Something the user asked for is impossible; the message is printed as one line."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad option is one line on stderr, not the usage text plus a line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="explainer",
        description="Compute and draw how the neurons of a neural network are activated.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"explainer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    f = sub.add_parser("figures", help="regenerate the site figures in figures/")
    f.add_argument("--only", nargs="+", metavar="NAME", default=[], help="only these figures")
    f.add_argument("--force", action="store_true", help="redraw even figures that are up to date")
    f.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list every missing, stale, modified or unexpected file",
    )
    f.add_argument("--list", action="store_true", help="list the figure names and exit")
    f.add_argument("--out", type=Path, default=Path("figures"), metavar="DIR", help="output folder")
    f.add_argument("--jobs", "-j", type=_positive_int, default=None, metavar="N", help="processes")
    f.set_defaults(run=_run_figures)

    _add_curve(sub)
    _add_network(sub)
    _add_train(sub)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


# --------------------------------------------------------------------------- figures


def _run_figures(args: argparse.Namespace) -> int:
    from . import build

    try:
        if args.list:
            for fig in build.catalogue(build.load_manifest(args.out)):
                print(fig.name)
            return EXIT_OK
        if args.check and args.force:
            raise UsageError("--check and --force cannot be used together")
        if args.out.exists() and not args.out.is_dir():
            raise UsageError(f"cannot write figures to {str(args.out)!r}: not a folder")
        plan = build.plan(args.out, only=args.only, force=args.force)
        if args.check:
            problems = plan.problems()
            for line in problems:
                print(line)
            if problems:
                print(
                    f"figures: {len(problems)} files not current in {args.out}/ "
                    "(run `make figures` and commit)",
                    file=sys.stderr,
                )
                return EXIT_FAILED
            print(f"figures: {len(plan.status)} up to date in {args.out}/")
            return EXIT_OK
        result = build.execute(
            plan, jobs=args.jobs, progress=build.stderr_progress, remove_unexpected=not args.only
        )
    except build.BuildError as exc:
        raise UsageError(str(exc)) from None
    for line in result.failed:
        print(f"explainer figures: failed: {line}", file=sys.stderr)
    print(result.summary())
    return EXIT_FAILED if result.failed else EXIT_OK


# --------------------------------------------------------------------------- curve


def _add_curve(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("curve", help="draw one activation function to SVG or PNG")
    c.add_argument("name", help="activation name (see the reference page)")
    c.set_defaults(run=_not_yet)


# --------------------------------------------------------------------------- network


def _add_network(sub: argparse._SubParsersAction) -> None:
    n = sub.add_parser("network", help="draw the structure of a network, e.g. 64,16,16,10")
    n.add_argument("sizes", help="layer sizes separated by commas")
    n.set_defaults(run=_not_yet)


# --------------------------------------------------------------------------- train


def _add_train(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("train", help="train a network on the 8x8 handwritten digits")
    t.set_defaults(run=_not_yet)


def _not_yet(args: argparse.Namespace) -> int:
    raise UsageError(f"`explainer {args.command}` is not implemented yet")


# --------------------------------------------------------------------------- helpers for commands


def write_output(path: Path, data: bytes) -> None:
    """Write a user's output file atomically; a bad path is a :class:`UsageError`."""
    from .build import write_atomic

    if path.is_dir():
        raise UsageError(f"cannot write {str(path)!r}: it is a folder; give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {str(path)!r}: folder {str(path.parent)!r} does not exist")
    try:
        write_atomic(path, data)
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise UsageError(f"cannot write {str(path)!r}: {reason}") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``explainer`` console script; returns the exit status."""
    prog = "explainer"
    try:
        args = _parser().parse_args(argv)
        prog = f"explainer {args.command}"
        return args.run(args)
    except UsageError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("EXPLAINER_DEBUG"):
            raise
        print(
            f"{prog}: internal error: {type(exc).__name__}: {exc} "
            "(set EXPLAINER_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
