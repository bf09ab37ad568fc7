"""The figure pipeline: staleness, determinism, atomic writes, the manifest, the no-op path."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

import explainer
from conftest import run_cli, snapshot
from explainer import build, render
from explainer.catalog import Figure, figures
from explainer.figure import with_words

NAME = "sigmoid"  # a cheap figure that the catalogue will always have


def files_of(*names: str) -> list[str]:
    """The files the catalogue's figures ``names`` are drawn into, sorted."""
    return sorted(fn for f in figures() if f.name in names for fn in f.files().values())


def test_catalogue_is_well_formed():
    figs = figures()
    names = [f.name for f in figs]
    assert len(names) == len(set(names))
    for f in figs:
        assert f.alt.strip() and len(f.alt) >= 20, f"{f.name}: alt text too thin"
        assert set(f.files()) == {"light", "dark", "narrow.light", "narrow.dark"}
        json.dumps(f.declaration())  # plain data only
        assert Figure.from_declaration(json.loads(json.dumps(f.declaration()))) == f


def test_a_narrow_variant_is_drawn_at_its_size_and_laid_out_narrow():
    fig = Figure(
        name="ok",
        draw="explainer.draw.curves:comparison",
        alt="three curves",
        params={"names": ["sigmoid", "relu"], "x_range": [-3.0, 3.0]},
        narrow=(4.4, 3.0),
    )
    narrow = fig.variant("narrow.dark")
    assert narrow.size == (4.4, 3.0) and narrow.params == fig.params
    assert fig.variant("light").params == fig.params and fig.variant("light").size == fig.size
    assert fig.files()["narrow.dark"] == "ok.narrow.dark.svg"
    with pytest.raises(ValueError, match="no variant"):
        Figure(name="ok", draw="explainer.draw.curves:comparison", alt="x").variant("narrow.dark")
    # the drawing function lays it out for the narrow canvas: its legend under the graph
    for variant, under in (("narrow.light", True), ("light", False)):
        with render.fixed_rc("light"):
            canvas = render.draw(fig.variant(variant), narrow=variant.startswith("narrow."))
        canvas.draw_without_rendering()
        (ax,) = canvas.axes
        legend = ax.get_legend().get_window_extent()
        assert (legend.y1 <= ax.get_window_extent().y0) == under, variant


def test_bad_declarations_are_refused():
    with pytest.raises(ValueError, match="name"):
        Figure(name="Bad Name", draw="m:f", alt="x")
    with pytest.raises(ValueError, match="explainer.draw.MODULE:FUNCTION"):
        Figure(name="ok", draw="nofunction", alt="x")
    # a declaration can come back from a manifest on disk: it may name no other module to import
    with pytest.raises(ValueError, match="explainer.draw.MODULE:FUNCTION"):
        Figure(name="ok", draw="os:system", alt="x")
    with pytest.raises(ValueError, match="alt text"):
        Figure(name="ok", draw="explainer.draw.curves:comparison", alt="  ")


def test_source_closure_follows_imports_without_importing():
    # render.py imports .figure and .draw.style; nothing else of the package
    files = {p.name for p in build.source_closure("explainer.render")}
    assert files == {"render.py", "figure.py", "style.py"}
    # the curves depend on the activation registry, not on the networks
    curves = {p.name for p in build.source_closure("explainer.draw.curves")}
    assert "activations.py" in curves and "training.py" not in curves


def test_imports_are_read_in_every_form(tmp_path):
    src = tmp_path / "mod.py"
    src.write_text(
        "import explainer.figure as fig, os\n"
        "from . import render  # relative to the package explainer.draw\n"
        "from .style import (\n    rc,\n    colors,\n)\n"
        "def f():\n    from ..activations import get\n"
        "from numpy import array\n"
    )
    found = build.imports(src, "explainer.draw.mod")
    assert found == {
        "explainer.figure",
        "explainer.draw",
        "explainer.draw.style",
        "explainer.activations",
    }
    # "from . import render" names explainer.draw.render, which does not exist: not a module
    assert "explainer.draw.render" not in found


def test_batches_group_by_drawing_function_largest_first():
    small = Figure(name="a", draw="explainer.draw.m:small", alt="x", size=(2.0, 2.0))
    big = Figure(name="b", draw="explainer.draw.m:big", alt="x", size=(7.0, 5.0))
    todo = [(small, "light"), (small, "dark"), (big, "light"), (big, "dark")] * 10
    out = build.batches(todo, jobs=2)
    flat = [(f.name, t) for b in out for f, t in b]
    assert sorted(flat) == sorted((f.name, t) for f, t in todo)
    assert all(len({f.draw for f, _ in b}) == 1 and len(b) <= 4 for b in out)
    assert out[0][0][0] is big
    assert len(build.batches(todo[:3], jobs=2)) == 3  # few figures: one per batch


def test_input_key_changes_with_declaration_and_theme():
    fig = next(f for f in figures() if f.name == NAME)
    other = Figure(**{**fig.declaration(), "size": (5.0, 3.0)})
    assert build.input_key(fig, "light") != build.input_key(fig, "dark")
    assert build.input_key(fig, "light") != build.input_key(other, "light")


def test_render_is_deterministic_and_accessible():
    fig = next(f for f in figures() if f.name == NAME)
    a, b = render.render(fig, "light"), render.render(fig, "light")
    assert a == b
    dark = render.render(fig, "dark")
    assert dark != a
    text = a.decode()
    assert "<dc:date>" not in text and "Matplotlib v" not in text
    assert re.search(r'<svg[^>]* role="img"', text)
    assert f'<title id="title">{fig.alt}' in text.replace("&amp;", "&")
    assert '<desc id="desc">' in text


def test_words_are_escaped_and_replace_the_old_ones():
    svg = b'<svg width="1" height="1"><g/></svg>'
    out = with_words(svg, "a < b & c", "d > e")
    text = out.decode()
    assert '<title id="title">a &lt; b &amp; c</title>' in text
    assert '<desc id="desc">d &gt; e</desc>' in text
    again = with_words(out, "new", "words").decode()
    assert again.count("<title") == again.count("<desc") == again.count('role="img"') == 1
    assert '<title id="title">new</title>' in again and "a &lt; b" not in again
    assert with_words(with_words(svg, "x", "y"), "x", "y") == with_words(svg, "x", "y")
    with pytest.raises(ValueError):
        with_words(b"<html/>", "x", "x")


def test_plan_states_and_incremental_rebuild(tmp_path: Path):
    out = tmp_path / "figures"
    p = build.plan(out, only=[NAME])
    assert set(p.status.values()) == {"missing"}
    r = build.execute(p, jobs=1)
    assert sorted(r.drawn) == files_of(NAME) and not r.failed
    manifest = json.loads((out / build.MANIFEST).read_text())
    for fname in r.drawn:
        assert (
            manifest["files"][fname]["sha256"]
            == hashlib.sha256((out / fname).read_bytes()).hexdigest()
        )

    # unchanged inputs: nothing to draw
    p = build.plan(out, only=[NAME])
    assert set(p.status.values()) == {"fresh"} and not p.todo

    # a hand-edited file is "modified" and redrawn
    (out / f"{NAME}.dark.svg").write_text("<svg/>")
    p = build.plan(out, only=[NAME])
    assert p.status[f"{NAME}.dark.svg"] == "modified"
    assert [t for _, t in p.todo] == ["dark"]

    # a changed input key is "stale"
    manifest["files"][f"{NAME}.light.svg"]["inputs"] = "0" * 64
    (out / build.MANIFEST).write_text(json.dumps(manifest))
    assert build.plan(out, only=[NAME]).status[f"{NAME}.light.svg"] == "stale"

    # --force redraws fresh files too
    build.execute(build.plan(out, only=[NAME]), jobs=1)
    p = build.plan(out, only=[NAME], force=True)
    assert len(p.todo) == len(files_of(NAME)) and set(p.status.values()) == {"fresh"}


def test_new_words_retitle_a_figure_without_drawing_it(tmp_path: Path, monkeypatch):
    """An edited alt text or caption changes the SVG's title and description, nothing else."""
    out = tmp_path
    build.execute(build.plan(out, only=[NAME]), jobs=1)
    old = (out / f"{NAME}.light.svg").read_bytes()
    real = build.catalogue

    def reworded(manifest=None):
        return [
            replace(f, alt="New words < old words.", caption="A *new* caption.")
            if f.name == NAME
            else f
            for f in real(manifest)
        ]

    monkeypatch.setattr(build, "catalogue", reworded)
    p = build.plan(out, only=[NAME])
    assert set(p.status.values()) == {"reworded"} and not p.todo

    def no_drawing(*args):
        raise AssertionError("a figure was drawn")

    monkeypatch.setattr(render, "render", no_drawing)
    r = build.execute(p, jobs=1)
    assert sorted(r.reworded) == sorted(p.status) and not r.drawn and not r.failed
    new = (out / f"{NAME}.light.svg").read_bytes()
    assert b'<title id="title">New words &lt; old words.</title>' in new
    assert b'<desc id="desc">A new caption.</desc>' in new
    drawing = re.compile(rb"<desc id=\"desc\">[^<]*</desc>(.*)", re.S)
    assert drawing.search(new)[1] == drawing.search(old)[1]
    assert set(build.plan(out, only=[NAME]).status.values()) == {"fresh"}


def test_only_files_it_wrote_are_removed(tmp_path: Path):
    """A full run removes what it wrote for a figure no longer declared, and nothing else.

    Ours: recorded in the manifest with the bytes still on disk, or a temporary file of an
    interrupted write. Not ours: a user's logo.svg, a recorded file someone edited since, a name
    slipped into the manifest for a file with other bytes.
    """
    out = tmp_path
    build.execute(build.plan(out, only=[NAME]), jobs=1)
    manifest = json.loads((out / build.MANIFEST).read_text())
    old = out / "old-figure.light.svg"  # drawn by us for a figure since removed
    old.write_text("<svg>old</svg>")
    edited = out / "old-figure.dark.svg"  # drawn by us, edited by hand since
    edited.write_text("<svg>edited</svg>")
    for path, text in ((old, "<svg>old</svg>"), (edited, "<svg>as drawn</svg>")):
        digest = hashlib.sha256(text.encode()).hexdigest()
        manifest["files"][path.name] = {"inputs": "0" * 64, "sha256": digest}
    logo = out / "logo.svg"  # the user's own
    logo.write_text("<svg>logo</svg>")
    manifest["files"]["notes.svg"] = {"inputs": "0" * 64, "sha256": "0" * 64}  # a bad merge
    (out / "notes.svg").write_text("<svg>notes</svg>")
    leftover = out / f".{NAME}.light.svg.99999999.tmp"  # an interrupted write_atomic's
    leftover.write_text("<svg")
    in_flight = out / f".{NAME}.dark.svg.{os.getpid()}.tmp"  # a running process is writing it
    in_flight.write_text("<svg")
    users = [out / ".backup.json.2024.tmp", out / ".logo.svg.1.tmp"]  # named like ours, not ours
    for path in users:
        path.write_text("mine")
    (out / build.MANIFEST).write_text(json.dumps(manifest))

    p = build.plan(out)
    assert p.unexpected == [leftover.name, old.name]
    assert p.unknown == ["logo.svg", "notes.svg", edited.name]
    assert "unknown: logo.svg (not written by explainer; left alone)" in p.problems()
    assert build.plan(out, only=[NAME]).unexpected == []  # --only never removes anything
    p.todo = []
    r = build.execute(p, jobs=1)
    assert sorted(r.removed) == sorted([leftover.name, old.name])
    assert not old.exists() and not leftover.exists()
    assert edited.exists() and logo.exists() and (out / "notes.svg").exists()
    assert in_flight.exists() and all(path.read_text() == "mine" for path in users)


def test_a_damaged_manifest_is_repaired_by_a_rerun(tmp_path: Path):
    """A manifest of the wrong shape loses its bad parts; the next run writes a whole one."""
    out = tmp_path
    build.execute(build.plan(out, only=[NAME]), jobs=1)
    for damaged in ('{"format": 1, "files": []}', '{"format": 1, "files": {"x": 3}}', "[1, 2]"):
        (out / build.MANIFEST).write_text(damaged)
        p = build.plan(out, only=[NAME])
        assert set(p.status.values()) == {"stale"}  # nothing trusted: both files redrawn
        build.execute(p, jobs=1)
        assert set(build.plan(out, only=[NAME]).status.values()) == {"fresh"}


def test_an_edited_catalogue_copy_is_not_trusted(tmp_path: Path):
    """The catalogue cached in the manifest is used only if it is the one this code wrote."""
    out = tmp_path
    build.execute(build.plan(out, only=[NAME]), jobs=1)
    manifest = json.loads((out / build.MANIFEST).read_text())
    assert build.catalogue_cached(build.load_manifest(out))
    manifest["catalog"]["figures"] = [
        d for d in manifest["catalog"]["figures"] if d["name"] != NAME
    ]  # a bad merge drops a figure
    (out / build.MANIFEST).write_text(json.dumps(manifest))
    assert not build.catalogue_cached(build.load_manifest(out))
    assert NAME in [f.name for f in build.catalogue(build.load_manifest(out))]
    p = build.plan(out)
    assert f"{NAME}.light.svg" not in p.unexpected and p.status[f"{NAME}.light.svg"] == "fresh"


def test_parallel_and_sequential_builds_write_identical_bytes(tmp_path: Path):
    names = [f.name for f in figures()][:3]
    a, b = tmp_path / "a", tmp_path / "b"
    ra = build.execute(build.plan(a, only=names), jobs=1)
    rb = build.execute(build.plan(b, only=names), jobs=2)
    assert not ra.failed and not rb.failed
    assert snapshot(a) == snapshot(b)
    assert sorted(n for n in snapshot(a) if n.endswith(".svg")) == files_of(*names)


def test_interrupted_run_leaves_no_partial_file(tmp_path: Path, monkeypatch):
    names = [f.name for f in figures()][:2]
    calls = {"n": 0}
    real = build._render

    def interrupt_second(fig, theme):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(fig, theme)

    monkeypatch.setattr(build, "_render", interrupt_second)
    with pytest.raises(KeyboardInterrupt):
        build.execute(build.plan(tmp_path, only=names), jobs=1)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert not [f for f in files if f.endswith(".tmp")]
    svgs = [f for f in files if f.endswith(".svg")]
    assert len(svgs) == 1
    # the manifest records exactly what was written, so the next run draws only the rest
    monkeypatch.setattr(build, "_render", real)
    p = build.plan(tmp_path, only=names)
    assert p.status[svgs[0]] == "fresh"
    assert len(p.todo) == len(files_of(*names)) - 1


def test_write_atomic_keeps_old_file_when_writing_fails(tmp_path: Path, monkeypatch):
    target = tmp_path / "x.svg"
    target.write_bytes(b"old")

    def broken(self, data):
        Path.open(self, "wb").write(data[:3])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", broken)
    with pytest.raises(OSError):
        explainer.write_atomic(target, b"new contents")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.svg"]


def test_failed_figure_is_reported_and_others_still_drawn(tmp_path: Path, monkeypatch):
    names = [f.name for f in figures()][:2]
    real = build._render

    def fail_dark(fig, theme):
        if theme == "dark" and fig.name == names[0]:
            raise ValueError("boom")
        return real(fig, theme)

    monkeypatch.setattr(build, "_render", fail_dark)
    r = build.execute(build.plan(tmp_path, only=names), jobs=1)
    assert r.failed == [f"{names[0]}.dark.svg: ValueError: boom"]
    assert len(r.drawn) == len(files_of(*names)) - 1


def test_noop_run_imports_neither_matplotlib_nor_numpy(tmp_path: Path):
    first = run_cli("figures", "--out", str(tmp_path), "--only", NAME)
    assert first.returncode == 0, first.stderr
    before = snapshot(tmp_path)
    noop = run_cli(
        "figures",
        "--out",
        str(tmp_path),
        "--only",
        NAME,
        extra_env={"PYTHONPROFILEIMPORTTIME": "1"},
    )
    assert noop.returncode == 0, noop.stderr
    assert "0 drawn" in noop.stdout and "0 removed" in noop.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in noop.stderr.splitlines() if "|" in line}
    assert "explainer.build" in imported  # the profile did record our imports
    assert "matplotlib" not in imported and "numpy" not in imported
    assert snapshot(tmp_path) == before


def test_the_manifest_records_what_each_source_imports_as_it_is_now(tmp_path: Path):
    """A run records the imports it parsed, keyed by module and the file's SHA-256, so that the
    next run parses only files that changed; each record is what the file imports today."""
    build.execute(build.plan(tmp_path, only=[NAME]), jobs=1)
    recorded = json.loads((tmp_path / build.MANIFEST).read_text())["imports"]
    assert any(key.startswith("explainer.draw.curves:") for key in recorded)
    for key, modules in recorded.items():
        module, _, digest = key.partition(":")
        source = Path(build.__file__).parent.joinpath(*module.split(".")[1:])
        source = (
            source.with_suffix(".py")
            if source.with_suffix(".py").is_file()
            else source / "__init__.py"
        )
        assert hashlib.sha256(source.read_bytes()).hexdigest() == digest
        assert sorted(build.imports(source, module)) == modules


def test_a_site_build_leaves_the_figures_manifest_alone(tmp_path: Path):
    """The site keys its numbers, pages and widget data on their sources (``sources_key``) in the
    process that then brings the figures up to date: what those modules import is no business of
    the committed manifest, which a site build (`make serve`) must leave as it was."""
    build.execute(build.plan(tmp_path, only=[NAME]), jobs=1)
    before = (tmp_path / build.MANIFEST).read_bytes()
    build.sources_key(["explainer.numbers", "explainer.widgets", "explainer.reference"])
    build.regenerate(tmp_path, only=[NAME])
    assert (tmp_path / build.MANIFEST).read_bytes() == before
    recorded = json.loads(before)["imports"]
    assert not [k for k in recorded if k.startswith(("explainer.numbers:", "explainer.widgets:"))]


def test_what_the_site_prints_is_remembered_until_its_code_changes(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("EXPLAINER_CACHE", str(tmp_path / "cache"))
    calls: list[int] = []

    def compute() -> dict:
        calls.append(1)
        return {"z": -0.5625, "n": 3, "words": "−1"}

    value = {"z": -0.5625, "n": 3, "words": "−1"}
    assert build.remembered("t", ["explainer.formatting"], compute) == value
    assert build.remembered("t", ["explainer.formatting"], compute) == value
    calls.remove(1)
    assert calls == []  # read back, not computed
    build.remembered("t", ["explainer.spelling"], compute)  # other code: computed again
    assert calls == [1]
    (tmp_path / "cache" / "t.json").write_text('{"key": ')  # damaged: computed, and repaired
    build.remembered("t", ["explainer.spelling"], compute)
    build.remembered("t", ["explainer.spelling"], compute)
    assert calls == [1, 1]
    monkeypatch.setenv("EXPLAINER_CACHE", str(tmp_path / "cache" / "t.json" / "below-a-file"))
    assert build.remembered("t", ["explainer.spelling"], compute)["n"] == 3  # nothing kept
