"""`mkdocs serve` must see code edited while it runs: the plugin re-imports the package when (and
only when) its code changed since the last build."""

from __future__ import annotations

import shutil
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


def test_serving_rebuilds_every_page_only_when_what_pages_print_changed(
    tmp_path, restore_modules, monkeypatch
):
    """While serving (`--dirty` keeps every page older than its HTML), a code edit re-imports
    the package; every page is built again only when the numbers, the figures' words, the
    macros or the list of pages may have changed."""
    package = tmp_path / "explainer"  # a copy whose files this test may edit
    shutil.copytree(site.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(site, "PACKAGE_DIR", package)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "docs").mkdir()
    built = tmp_path / "site" / "page" / "index.html"
    built.parent.mkdir(parents=True)
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        site_dir=str(tmp_path / "site"),
        docs_dir=str(tmp_path / "docs"),
        use_directory_urls=True,
        plugins={},
        nav=None,
    )
    plugin = site.ExplainerPlugin()
    plugin.load_config({"regenerate": False})
    plugin.on_startup(command="serve", dirty=True)
    built.write_text("<p>old numbers</p>")
    plugin.on_config(config)
    first = sys.modules["explainer.build"]
    plugin.on_config(config)
    assert sys.modules["explainer.build"] is first  # nothing changed: nothing re-imported
    assert built.is_file()

    def edit(name: str) -> None:
        path = package / name
        path.write_text(path.read_text() + "\n# edited\n")

    edit("presentation.py")  # a sentence: the pages it is on are generated and rewritten
    plugin.on_config(config)
    from explainer import build as by_from

    by_module = sys.modules["explainer.build"]
    assert by_from is not first and by_from is by_module  # the package is imported afresh
    # functions handed to worker processes are pickled by name: they must resolve to themselves
    assert by_module._render is by_from._render
    assert sys.modules[site.__name__] is site  # the plugin itself is kept
    assert built.is_file()  # what the other pages print did not change: they are kept

    edit("macros.py")  # how a number or a figure is written: every page is built again
    plugin.on_config(config)
    assert not built.exists()
