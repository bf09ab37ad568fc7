"""Regenerate the site figures: decide what is stale, draw it in parallel, write it atomically.

How a figure is known to be up to date
    Each figure file has an *input key*: a SHA-256 over what the figure draws (its declaration
    without its words, see ``explainer.catalog``), its variant (theme, desktop or narrow), the
    source code of the module that draws it, of the module that computes its numbers (its
    ``data``, if any) and of every ``explainer`` module those import (found by parsing ``import``
    statements with ``ast``, not by importing), and the versions of matplotlib, numpy and
    scikit-learn. ``figures/manifest.json`` records, for every file, the key it was drawn from,
    the SHA-256 of its words (alt text and caption) and of its bytes. A file is *fresh* when all
    three still match, *reworded* when only its words changed (its ``<title>`` and ``<desc>`` are
    rewritten, nothing is drawn), *stale* when the key changed, *modified* when someone edited the
    file, *missing* when it is gone, *unrecorded* when it is there but the folder has no manifest
    (it may be the user's: only ``--force`` replaces it), and *unexpected* when no declaration
    produces it. The manifest also records a fingerprint of the matplotlib settings the figures
    were drawn under, which ``--check`` compares with this machine's.

    Reading the catalogue can mean computing numbers (alt text quoting a worked example), so the
    expanded catalogue is stored in the manifest too, under the key of the catalogue's own sources.
    A run where nothing changed therefore hashes a few source files and never imports numpy or
    matplotlib.

How figures are drawn
    Stale figures are drawn by ``explainer.render.render`` in worker processes, one per core,
    and handed back as bytes; this process writes each one to a temporary name in the output folder
    and renames it into place, so an interrupted run never leaves a half-written file.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec, resolve_name
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache_folder, not_replaceable, refused, versions, write_atomic
from .figure import THEMES, Figure, with_words
from .spelling import did_you_mean

if TYPE_CHECKING:  # imported when drawing: a no-op run does not need them
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

MANIFEST = "manifest.json"
_PACKAGE_DIR = Path(__file__).resolve().parent
_FORMAT = 1


class BuildError(Exception):
    """A problem with what was asked (unknown figure, unwritable folder): a one-line message."""


# --------------------------------------------------------------------------- source hashing


def _module_file(module: str) -> Path | None:
    """The source file of ``module`` without importing it (``None`` if there is none)."""
    parts = module.split(".")
    if parts[0] == "explainer":
        base = _PACKAGE_DIR.joinpath(*parts[1:])
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
        return None
    spec = find_spec(module)
    return Path(spec.origin) if spec and spec.origin and spec.origin.endswith(".py") else None


def imports(path: Path, module: str) -> set[str]:
    """The ``explainer`` modules that the file of ``module`` imports, anywhere in its body
    (``path`` may also be a script or a notebook in the percent format: ``module`` is then its
    own name)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _statements(ast.parse(path.read_bytes(), filename=str(path)).body):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = resolve_name("." * node.level + (node.module or ""), package)
            found.add(target)
            # "from pkg import name" imports pkg.name when that is a module
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {m for m in found if m.split(".")[0] == "explainer" and _module_file(m)}


#: What each source file imports, by the SHA-256 of its bytes: parsed once, then recorded in the
#: manifest, so that a run where nothing changed parses nothing (parsing is most of its time).
_IMPORTS: dict[str, list[str]] = {}


@cache  # a file is read once however many closures it is in
def _imports(path: Path, module: str) -> set[str]:
    key = f"{module}:{_source_sha256(path)}"
    if key not in _IMPORTS:
        _IMPORTS[key] = sorted(imports(path, module))
    return set(_IMPORTS[key])


def _statements(nodes: Iterable[ast.AST]) -> Iterator[ast.AST]:
    """Every statement, also inside functions, classes and blocks (imports are statements:
    skipping expressions makes this ten times faster than ``ast.walk``)."""
    for node in nodes:
        yield node
        for block in ("body", "orelse", "finalbody", "handlers", "cases"):
            yield from _statements(getattr(node, block, None) or ())


@cache
def source_closure(module: str) -> tuple[Path, ...]:
    """Source files of ``module`` and of every ``explainer`` module it imports, transitively."""
    seen: dict[str, Path] = {}
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(name)
        if path is None:
            raise BuildError(f"cannot find the source of module {name!r}")
        seen[name] = path
        todo.extend(_imports(path, name) - seen.keys())
    return tuple(sorted(set(seen.values())))


def _recorded(key: str, files: set[Path]) -> bool:
    """Whether the manifest keeps an entry of ``_IMPORTS``: one about a source file that the
    figures read (``files``: not the modules the site keys its pages on), as the file is now."""
    module, _, digest = key.partition(":")
    path = _module_file(module)
    return path in files and _source_sha256(path) == digest


@cache
def _source_sha256(path: Path) -> str:
    """The SHA-256 of a source file, read once a process (a figure's file, which a run
    rewrites, is hashed by ``_file_sha256``)."""
    return _sha256(path.read_bytes())


#: Distributions whose version can change a figure's bytes. scikit-learn ships the digits data
#: and splits it.
_LIBRARIES = ("matplotlib", "numpy", "scikit-learn")


def sources_key(modules: Iterable[str]) -> str:
    """SHA-256 over the sources of ``modules`` (with their imports) and the library versions."""
    return _sources_key(tuple(sorted(set(modules))))


@cache  # 172 files, a handful of module sets: each set is hashed once (as _source_sha256 reads)
def _sources_key(modules: tuple[str, ...]) -> str:
    h = hashlib.sha256(versions(*_LIBRARIES).encode())
    files = sorted({p for m in modules for p in source_closure(m)})
    for p in files:
        h.update(p.relative_to(p.parent.parent).as_posix().encode())
        h.update(_source_sha256(p).encode())
    return h.hexdigest()


def input_key(fig: Figure, variant: str) -> str:
    """The key a drawn file must carry to be fresh: what is drawn (the variant's declaration
    without its words), the variant, the drawing code and the library versions."""
    declared = fig.variant(variant).declaration()
    drawn = {k: v for k, v in declared.items() if k not in ("alt", "caption")}
    payload = {"figure": drawn, "theme": variant, "code": sources_key(_drawing_modules(fig))}
    return _digest(payload)


def _drawing_modules(fig: Figure) -> list[str]:
    """The modules a figure's files are drawn by: its ``draw`` and ``data`` ones, and render."""
    return [t.partition(":")[0] for t in (fig.draw, fig.data) if t] + ["explainer.render"]


def words_key(fig: Figure) -> str:
    """The key of what a figure says in words: its SVG ``<title>`` and ``<desc>``."""
    return _digest(fig.words())


# --------------------------------------------------------------------------- manifest


#: The keys of a manifest this code writes: a JSON object with none of them is another tool's.
_OUR_KEYS = {"format", "catalog", "files", "rc", "imports"}
#: A manifest larger than this is not one this code wrote (172 figures take about 100 KB).
MAX_MANIFEST_BYTES = 16 * 2**20


def load_manifest(out_dir: Path) -> dict:
    """The manifest in ``out_dir``: what of it has the right shape, or ``{}``.

    A manifest is a record, not an instruction: a damaged one (a bad merge, ``"files": []``, a
    hand edit, one too large to be ours) loses the parts that are not what this code writes, and
    the next run rewrites it. Only a regular file is read: a link, a pipe or a device at its
    name is a ``BuildError``, as it is for writing.
    """
    path = out_dir / MANIFEST
    if kind := not_replaceable(path):
        raise BuildError(
            f"{str(path)!r} is {kind}: the manifest is read and written as a regular file only; "
            "move it away"
        )
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, dict) and data and not data.keys() & _OUR_KEYS:
        raise BuildError(
            f"{str(path)!r} is not a manifest of `explainer figures` (none of its keys is "
            "ours): give --out a folder of its own"
        )
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    files = data.get("files")
    clean: dict = {"format": _FORMAT, "files": {}}
    if isinstance(files, dict):
        clean["files"] = {
            name: entry
            for name, entry in files.items()
            if isinstance(entry, dict)
            and isinstance(entry.get("inputs"), str)
            and isinstance(entry.get("sha256"), str)
        }
    if isinstance(data.get("imports"), dict):
        clean["imports"] = {
            k: v
            for k, v in data["imports"].items()
            if isinstance(v, list) and all(isinstance(m, str) for m in v)
        }
    if isinstance(data.get("rc"), dict):
        clean["rc"] = {k: v for k, v in data["rc"].items() if k in THEMES and isinstance(v, str)}
    catalog = data.get("catalog")
    if (
        isinstance(catalog, dict)
        and isinstance(catalog.get("key"), str)
        and isinstance(catalog.get("figures"), list)
        and catalog.get("digest") == _digest(catalog["figures"])
    ):
        clean["catalog"] = catalog
    return clean


def _digest(data: object) -> str:
    """SHA-256 of plain data (a key, or the cached catalogue, so that an edited copy is not
    taken for the real one)."""
    return _sha256(json.dumps(data, sort_keys=True).encode())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def remembered(name: str, modules: Iterable[str], compute: Callable[[], object]) -> Any:
    """``compute()``, kept as ``NAME.json`` in [`cache_folder()`][explainer.cache_folder] until
    the sources of ``modules`` change.

    What the site prints from the package (its numbers, its generated pages, the widgets' data)
    is computed once per change of the code that computes it: a warm build reads it back and
    imports no numpy. The key is [`sources_key`][explainer.build.sources_key], so an edit
    anywhere in the modules or what they import, or another numpy, computes it again; so does a
    damaged file. ``compute`` returns plain JSON data; a folder that cannot be written only
    means that nothing is remembered.
    """
    key = sources_key(modules)
    path = cache_folder() / f"{name}.json"
    try:
        saved = json.loads(path.read_bytes())
        if saved["key"] == key:
            return saved["value"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps({"key": key, "value": value}).encode())
    except OSError:
        pass
    return value


def catalogue(manifest: dict | None = None) -> list[Figure]:
    """The catalogue's figures; taken from ``manifest`` when the catalogue's code is unchanged.

    The cached copy is used only when its key (the sources of the catalogue) and its digest
    (its own content) both match and every entry is a valid declaration; otherwise the
    catalogue is computed from the code.
    """
    if catalogue_cached(manifest):
        try:
            return [Figure.from_declaration(d) for d in manifest["catalog"]["figures"]]
        except (TypeError, ValueError, KeyError):
            pass
    from .catalog import figures
    from .presentation import MissingWords

    try:
        return figures()
    except MissingWords as exc:  # an activation just added to the registry
        raise BuildError(str(exc)) from None


def catalogue_cached(manifest: dict | None) -> bool:
    """Whether ``manifest`` holds the catalogue as the current code declares it."""
    catalog = (manifest or {}).get("catalog")
    return (
        isinstance(catalog, dict)
        and catalog.get("key") == sources_key(["explainer.catalog"])
        and catalog.get("digest") == _digest(catalog.get("figures"))
    )


# --------------------------------------------------------------------------- planning


@dataclass
class Plan:
    """What a run will do. ``status`` maps every expected file name to its state."""

    out_dir: Path
    figures: list[Figure]
    catalog_key: str
    status: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    todo: list[tuple[Figure, str]] = field(default_factory=list)
    reword: list[tuple[Figure, str]] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)
    force: bool = False

    def problems(self) -> list[str]:
        """Lines describing every file that is not current (for ``--check``)."""
        lines = [
            f"{state}: {name}" for name, state in sorted(self.status.items()) if state != "fresh"
        ]
        return (
            lines
            + [f"unexpected: {name}" for name in self.unexpected]
            + [f"unknown: {name} (not written by explainer; left alone)" for name in self.unknown]
        )


def plan(out_dir: Path, only: Sequence[str] = (), force: bool = False) -> Plan:
    """Work out which files are missing, stale, modified or unexpected; nothing is written."""
    out_dir = Path(out_dir)
    manifest = load_manifest(out_dir)
    for key, found in manifest.get("imports", {}).items():
        _IMPORTS.setdefault(key, found)
    figs = catalogue(manifest)
    selected = select(figs, only)
    result = Plan(out_dir, figs, sources_key(["explainer.catalog"]), manifest=manifest, force=force)
    # no manifest at all: a file at a figure's name is not known to be ours (a damaged manifest
    # is ours: it is repaired, and its folder's figures redrawn)
    unrecorded = "unrecorded" if not (out_dir / MANIFEST).exists() else "stale"
    recorded = manifest.get("files", {})
    _refuse_irregular(out_dir, [fn for fig in selected for fn in fig.files().values()])
    for fig in selected:
        for variant, fname in fig.files().items():
            key = input_key(fig, variant)
            result.keys[fname] = key
            path = out_dir / fname
            entry = recorded.get(fname, {})
            if not path.is_file():
                state = "missing"
            elif entry.get("inputs") != key:
                state = "stale" if entry else unrecorded
            elif entry.get("sha256") != _file_sha256(path):
                state = "modified"
            elif entry.get("words") != words_key(fig):
                state = "reworded"  # only its title and description change: no redrawing
            else:
                state = "fresh"
            result.status[fname] = state
            if force or state not in ("fresh", "reworded"):
                result.todo.append((fig, variant))
            elif state == "reworded":
                result.reword.append((fig, variant))
    for fig in {fig.name: fig for fig, _ in result.todo}.values():
        _check_targets(fig)
    if not only and out_dir.is_dir():
        result.unexpected, result.unknown = _leftovers(out_dir, figs, recorded)
    return result


def _check_targets(fig: Figure) -> None:
    """A ``BuildError`` when the ``draw`` or ``data`` of a figure to draw names nothing in its
    module's source: found before drawing, not by every worker once the rest is drawn."""
    for target in (fig.draw, fig.data):
        module, _, name = (target or "").partition(":")
        path = _module_file(module) if target else None
        if path is not None and name not in (defined := _top_level_names(path)):
            raise BuildError(
                f"figure {fig.name!r}: {module} has no {name!r}{did_you_mean(name, defined)} "
                f"(its {'draw' if target == fig.draw else 'data'} in explainer.catalog)"
            )


@cache
def _top_level_names(path: Path) -> list[str]:
    """The names a module's source defines or imports at its top level."""
    names = []
    for node in ast.parse(path.read_bytes(), filename=str(path)).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names += [(a.asname or a.name).split(".")[0] for a in node.names]
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [t.id for t in targets if isinstance(t, ast.Name)]
    return names


def _refuse_irregular(out_dir: Path, names: Iterable[str]) -> None:
    """A ``BuildError`` for the first of ``names`` in ``out_dir`` that is not a regular file (a
    folder, a pipe, a link): a run would not replace it, and reading a pipe would never end."""
    for name in sorted(names):
        if kind := not_replaceable(out_dir / name):
            raise BuildError(
                f"{str(out_dir / name)!r} is {kind}: the figures are written as regular files "
                "only, never through a link or into a device; move it away"
            )


def _file_sha256(path: Path) -> str:
    """The SHA-256 of a figure file; a ``BuildError`` if it cannot be read (a file of another
    user, a disk error): whether it is still the file this code wrote cannot be told."""
    try:
        return _sha256(path.read_bytes())
    except OSError as exc:
        reason = refused(exc)
        raise BuildError(
            f"cannot read {str(path)!r}: {reason}; make it readable or move it away"
        ) from None


def select(figs: list[Figure], only: Sequence[str]) -> list[Figure]:
    """The figures named in ``only`` (each once, in its order), or all of ``figs``; an unknown
    name is a ``BuildError`` that says which names are close."""
    by_name = {f.name: f for f in figs}
    for name in only:
        if name not in by_name:
            raise BuildError(
                f"unknown figure {name!r}{did_you_mean(name, list(by_name))} "
                "(`explainer figures --list` lists them)"
            )
    return [by_name[n] for n in dict.fromkeys(only)] if only else figs


#: The temporary name ``write_atomic`` writes to before renaming: ``.NAME.PID.tmp``.
_OUR_TMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d{1,10})\.tmp$")


def _left_by_us(name: str, expected: set[str]) -> bool:
    """Whether ``name`` is a temporary file of ``write_atomic`` left by an interrupted run: the
    temporary of a file this folder holds (``.relu.light.svg.PID.tmp``), of a process that is
    gone (a running one may be writing it now). A user's ``.backup.json.2024.tmp`` is not."""
    m = _OUR_TMP.match(name)
    if not m or m["name"] not in expected:
        return False
    try:
        os.kill(int(m["pid"]), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        pass
    return False


def _leftovers(out_dir: Path, figs: list[Figure], recorded: dict) -> tuple[list[str], list[str]]:
    """Files of ``out_dir`` that no declaration produces: ours to remove, and the others.

    A file is ours only if the manifest records writing it *and* its bytes are still the ones
    recorded (so a hand-edited file, or a name slipped into the manifest, is never deleted), or
    if it is a temporary file of ``write_atomic`` left by an interrupted run. Any other
    ``.svg`` is *unknown*: reported, never touched.
    """
    expected = {fn for f in figs for fn in f.files().values()} | {MANIFEST}
    ours, unknown = [], []
    for path in sorted(out_dir.iterdir()):
        name = path.name
        if name in expected or not path.is_file() or path.is_symlink():
            continue
        entry = recorded.get(name)
        try:  # a file that cannot be read is not known to be ours
            same = isinstance(entry, dict) and entry.get("sha256") == _file_sha256(path)
        except BuildError:
            same = False
        if same:
            ours.append(name)
        elif _left_by_us(name, expected):
            ours.append(name)
        elif path.suffix == ".svg":
            unknown.append(name)
    return ours, unknown


def rc_fingerprints() -> dict[str, str]:
    """The fingerprint of the matplotlib settings each theme is drawn under, here and now."""
    from .render import rc_fingerprint

    return {theme: rc_fingerprint(theme) for theme in THEMES}


def rc_problems(p: Plan) -> list[str]:
    """For ``--check``: a line if the figures were drawn under other matplotlib settings than
    this machine would draw them under (a ``matplotlibrc`` that got through)."""
    if "rc" not in p.manifest or p.manifest["rc"] == rc_fingerprints():
        return []  # nothing recorded: nothing was drawn here, the files say what is missing
    return ["rc: drawn under other matplotlib settings than here (run `explainer figures --force`)"]


# --------------------------------------------------------------------------- drawing


def _render(fig: Figure, variant: str) -> bytes:
    """Draw one figure variant and return its SVG bytes."""
    from .render import render

    return render(fig, variant)


def _render_batch(items: list[tuple[Figure, str]]) -> list[tuple[bytes | None, str]]:
    """Worker: draw several variants; each gives ``(bytes, "")`` or ``(None, "Error: message")``.

    One failing figure does not lose the others of its batch.
    """
    out: list[tuple[bytes | None, str]] = []
    for fig, variant in items:
        try:
            out.append((_render(fig, variant), ""))
        except Exception as exc:
            out.append((None, f"{type(exc).__name__}: {exc}"))
    return out


def _die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the process that started it ends.

    A worker blocked on its queue outlives a parent killed by a signal (a CI time-out, kill -9,
    mkdocs serve stopped) and holds the parent's pipes open: ``explainer figures | cat`` never
    ends. On Linux the kernel sends the worker SIGKILL when its parent dies
    (``PR_SET_PDEATHSIG``); everywhere, a watchdog thread notices the parent is gone.

    Ctrl-C reaches every process of the terminal's group: a worker ignores it (no traceback of
    its own), and the parent, interrupted, stops it (see ``_draw_all``).
    """
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the prctl call
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="die-with-parent").start()


def _warm_up() -> None:
    """Worker: import the drawing code ahead of the first figure."""
    import explainer.render  # noqa: F401


def _start_workers(n: int) -> tuple[ProcessPoolExecutor, list[BaseProcess]]:
    """``n`` worker processes for drawing, started when there is more than one batch to draw,
    and the processes themselves (to stop them at once when the run is interrupted).

    Each imports matplotlib (about 0.4 s) as it starts, while this process draws the first batch.
    They are started with "spawn": a clean interpreter that inherits no threads (numpy's BLAS
    starts some) and no state.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(
        max_workers=n, mp_context=ctx, initializer=_die_with_parent, initargs=(os.getpid(),)
    )
    for _ in range(n):
        pool.submit(_warm_up)  # starts a worker: the pool starts them as work comes
    return pool, [w for w in multiprocessing.active_children() if w not in before]


def batches(todo: Sequence[tuple[Figure, str]], jobs: int) -> list[list[tuple[Figure, str]]]:
    """Split the work into batches for ``jobs`` workers, largest figures first.

    Variants drawn by the same function go together (up to four to a batch), so that work cached
    per process, such as reading the trained digits network for a data step, is done once per
    batch rather than once per figure. Batches stay small enough to give every worker several,
    and the largest figures (the slowest to draw) start first so that none is left running alone
    at the end.
    """
    size = max(1, min(4, len(todo) // (4 * jobs)))
    groups: dict[str, list[tuple[Figure, str]]] = {}
    for fig, variant in todo:
        groups.setdefault(fig.draw, []).append((fig, variant))
    out = [items[i : i + size] for items in groups.values() for i in range(0, len(items), size)]
    return sorted(out, key=lambda b: -sum(f.size[0] * f.size[1] for f, _ in b))


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def check_writable(out_dir: Path) -> None:
    """Raise ``BuildError`` unless files can be created in ``out_dir`` (created if missing)."""
    if out_dir.is_symlink() and not out_dir.exists():
        raise BuildError(f"cannot write figures to {str(out_dir)!r}: a link to a missing folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".write-test.{os.getpid()}.tmp"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise _cannot_write(out_dir, exc) from None


def _cannot_write(out_dir: Path, exc: OSError) -> BuildError:
    """The one-line error for a folder the figures cannot be written to, in the system's words."""
    reason = refused(exc)
    return BuildError(f"cannot write figures to {str(out_dir)!r}: {reason}")


@dataclass
class Result:
    drawn: list[str] = field(default_factory=list)
    reworded: list[str] = field(default_factory=list)
    fresh: int = 0
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    jobs: int = 1

    def summary(self) -> str:
        parts = [
            f"{len(self.drawn)} drawn",
            *([f"{len(self.reworded)} re-titled"] if self.reworded else []),
            f"{self.fresh} up to date",
            f"{len(self.removed)} removed",
        ]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        jobs = f", {self.jobs} jobs" if self.drawn and self.jobs > 1 else ""
        return f"figures: {', '.join(parts)} ({self.seconds:.2f} s{jobs})"


def execute(
    p: Plan,
    jobs: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Result:
    """Draw every file in ``p.todo``, write it atomically, update the manifest, and remove the
    files of ``p.unexpected`` (none when the plan was for ``only`` some figures).

    A file that would replace one no manifest records (``unrecorded``) is a ``BuildError``
    unless the plan was made with ``force``: it may be the user's.
    """
    found = [name for name, state in p.status.items() if state == "unrecorded"]
    if found and not p.force:
        more = f" and {len(found) - 1} more" if len(found) > 1 else ""
        raise BuildError(
            f"{str(p.out_dir / found[0])!r}{more} exist and no manifest says explainer wrote "
            "them: move them away, or give --force to replace them"
        )
    start = time.perf_counter()
    result = Result()
    declared = json.loads(json.dumps([f.declaration() for f in p.figures]))
    modules = {"explainer.catalog"} | {m for f in p.figures for m in _drawing_modules(f)}
    read = {path for m in modules for path in source_closure(m)}
    manifest = {
        "format": _FORMAT,
        "catalog": {"key": p.catalog_key, "figures": declared, "digest": _digest(declared)},
        "files": dict(p.manifest.get("files", {})),
        "rc": p.manifest.get("rc", {}),
        "imports": {k: v for k, v in sorted(_IMPORTS.items()) if _recorded(k, read)},
    }
    if p.todo or set(manifest["rc"]) != set(THEMES):
        manifest["rc"] = rc_fingerprints()
    names = {fn for f in p.figures for fn in f.files().values()}  # every file the catalogue has
    if p.todo or p.reword or p.unexpected or manifest != p.manifest:
        check_writable(p.out_dir)
        _refuse_irregular(p.out_dir, names | {MANIFEST})
        failure: OSError | None = None
        try:
            _draw_all(p, manifest, result, jobs or default_jobs(), progress)
        except OSError as exc:  # a full disk, a folder removed meanwhile: one line, not a trace
            failure = exc
        finally:
            for name in p.unexpected:
                (p.out_dir / name).unlink(missing_ok=True)
                result.removed.append(name)
            manifest["files"] = {k: v for k, v in sorted(manifest["files"].items()) if k in names}
            if manifest != p.manifest:
                text = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
                try:  # records what was written, even when the run stopped half way
                    write_atomic(p.out_dir / MANIFEST, text.encode())
                except OSError as exc:
                    failure = failure or exc
        if failure is not None:
            raise _cannot_write(p.out_dir, failure)
    drawn = set(result.drawn)
    result.fresh = sum(1 for n, s in p.status.items() if s == "fresh" and n not in drawn)
    result.seconds = time.perf_counter() - start
    return result


def _draw_all(
    p: Plan,
    manifest: dict,
    result: Result,
    jobs: int,
    progress: Callable[[int, int, str], None] | None,
) -> None:
    """Draw ``p.todo`` (in worker processes when there is more than one job) into ``p.out_dir``."""

    def write(fig: Figure, variant: str, data: bytes) -> str:
        """Write one file and record it in the manifest; returns its name."""
        fname = fig.files()[variant]
        write_atomic(p.out_dir / fname, data)
        manifest["files"][fname] = {
            "inputs": p.keys[fname],
            "sha256": _sha256(data),
            "words": words_key(fig),
        }
        return fname

    for fig, variant in p.reword:
        svg = with_words((p.out_dir / fig.files()[variant]).read_bytes(), *fig.words())
        result.reworded.append(write(fig, variant, svg))
    if not p.todo:
        return
    # never more processes than cores (--jobs 40 on 2 cores would only add memory), nor files
    jobs = max(1, min(jobs, default_jobs(), len(p.todo)))
    result.jobs = jobs

    def finish(batch: list[tuple[Figure, str]], outcomes: list[tuple[bytes | None, str]]) -> None:
        for (fig, variant), (data, error) in zip(batch, outcomes, strict=True):
            if data is None:
                fname = fig.files()[variant]
                result.failed.append(f"{fname}: {error}")
            else:
                fname = write(fig, variant, data)
                result.drawn.append(fname)
            if progress:
                progress(len(result.drawn) + len(result.failed), len(p.todo), fname)

    if jobs == 1:
        for item in p.todo:  # one at a time, so each file is written as soon as it is drawn
            finish([item], _render_batch([item]))
        return
    from concurrent.futures import as_completed

    first, *rest = batches(p.todo, jobs)
    pool, workers = _start_workers(max(1, min(jobs, len(rest))))
    try:
        futures = {pool.submit(_render_batch, batch): batch for batch in rest}
        # This process would only wait: it draws the largest batch itself. Whatever this process
        # has already computed (the catalogue may have trained the digits network) is reused.
        finish(first, _render_batch(first))
        for fut in as_completed(futures):
            try:
                outcomes = fut.result()
            except Exception as exc:  # the worker itself died
                outcomes = [(None, f"{type(exc).__name__}: {exc}")] * len(futures[fut])
            finish(futures[fut], outcomes)
    except BaseException:  # Ctrl-C, a failed write: the workers stop now, not after their batch
        for worker in workers:
            worker.kill()
        raise
    finally:
        pool.shutdown(cancel_futures=True)


def regenerate(
    out_dir: Path | str = "figures",
    only: Sequence[str] = (),
    force: bool = False,
    jobs: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Result:
    """Bring ``out_dir`` up to date with the catalogue (what ``explainer figures`` does), as
    the only run in that folder (see ``taking_turns``)."""
    with taking_turns(Path(out_dir), create=True):
        p = plan(Path(out_dir), only=only, force=force)
        return execute(p, jobs=jobs, progress=progress)


@contextmanager
def taking_turns(out_dir: Path, create: bool = False, shared: bool = False) -> Iterator[None]:
    """Hold ``out_dir`` for this run: another run in the same folder waits until it ends.

    Two runs that planned at once would each write the manifest of what it drew, and the last
    one would win: the other's files were left unrecorded (``make serve`` and ``make figures``,
    two terminals). The lock is ``flock`` on the folder itself, so nothing is written into it,
    and the system releases it when the process ends, however it ends. A run takes it alone;
    ``--check`` takes it ``shared`` (it waits for a run, not for another check). The folder is
    created if ``create`` (and removed again, if still empty, when the run fails); a folder that
    cannot be opened, or a file system without locks, only means that nobody waits.
    """
    import fcntl

    created = create and not out_dir.exists() and not out_dir.is_symlink()
    try:
        if created:
            out_dir.mkdir()
        fd = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:  # no such folder, or not one: the plan and the run say what is wrong
        yield
        return
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"figures: waiting for another explainer figures in {out_dir}/…", file=sys.stderr)
            fcntl.flock(fd, mode)
        except OSError:
            pass
        yield
    except BaseException:
        if created:
            with suppress(OSError):
                out_dir.rmdir()  # only if empty: then nothing was written in it
        raise
    finally:
        os.close(fd)


def stderr_progress(done: int, total: int, name: str) -> None:
    """Progress on one terminal line, only when stderr is a terminal."""
    if sys.stderr.isatty():
        sys.stderr.write(f"\r\033[K[{done}/{total}] {name}")
        if done == total:
            sys.stderr.write("\r\033[K")
        sys.stderr.flush()
