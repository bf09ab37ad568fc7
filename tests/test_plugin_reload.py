"""`mkdocs serve` must see code edited while it runs: the plugin re-imports the package when (and
only when) its code changed since the last build."""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace

import pytest

from explainer import site


@pytest.fixture
def restore_modules():
    """Put the original modules back, so later tests keep pickling the objects they hold."""
    saved = {n: m for n, m in sys.modules.items() if n == "explainer" or n.startswith("explainer.")}
    attrs = {n: getattr(sys.modules["explainer"], n.split(".")[1], None) for n in saved if "." in n}
    yield
    for name in [n for n in sys.modules if n.startswith("explainer.")]:
        del sys.modules[name]
    sys.modules.update(saved)
    for name, value in attrs.items():
        if value is not None and name.count(".") == 1:
            setattr(sys.modules["explainer"], name.split(".")[1], value)


@pytest.fixture
def edited():
    """Touch a source file of the package (its mtime), then put its mtime back."""
    path = site.PACKAGE_DIR / "numbers.py"
    before = path.stat()
    yield lambda: os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_build_after_a_code_edit_gets_fresh_modules_and_every_page(
    tmp_path, restore_modules, edited
):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    built = tmp_path / "site" / "page" / "index.html"  # what `serve --dirty` would keep
    built.parent.mkdir(parents=True)
    built.write_text("<p>old numbers</p>")
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        site_dir=str(tmp_path / "site"),
        plugins={},
        nav=None,
    )
    plugin = site.ExplainerPlugin()
    plugin.load_config({"regenerate": False})
    plugin.on_config(config)
    first = sys.modules["explainer.build"]
    plugin.on_config(config)
    assert sys.modules["explainer.build"] is first  # nothing changed: nothing re-imported
    assert built.is_file()

    edited()
    plugin.on_config(config)
    assert not built.exists()  # every page is built again, with the new code
    from explainer import build as by_from

    by_module = sys.modules["explainer.build"]
    assert by_from is not first
    assert by_from is by_module
    # functions handed to worker processes are pickled by name: they must resolve to themselves
    assert by_module._render is by_from._render
    assert sys.modules[site.__name__] is site  # the plugin itself is kept
