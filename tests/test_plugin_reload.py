"""`mkdocs serve` must see code edited while it runs: the plugin re-imports the package."""

from __future__ import annotations

import importlib
import sys

from explainer import site


def test_reload_package_gives_fresh_modules_to_every_import_style():
    old = importlib.import_module("explainer.build")
    site._reload_package()
    from explainer import build as by_from

    by_module = sys.modules["explainer.build"]
    assert by_from is not old
    assert by_from is by_module
    # functions handed to worker processes are pickled by name: they must resolve to themselves
    assert by_module._render is by_from._render
    assert sys.modules[site.__name__] is site  # the plugin itself is kept
