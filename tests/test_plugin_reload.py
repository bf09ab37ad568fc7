"""`mkdocs serve` must see code edited while it runs: the plugin re-imports the package."""

from __future__ import annotations

import importlib
import sys

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


def test_reload_package_gives_fresh_modules_to_every_import_style(restore_modules):
    old = importlib.import_module("explainer.build")
    site._reload_package()
    from explainer import build as by_from

    by_module = sys.modules["explainer.build"]
    assert by_from is not old
    assert by_from is by_module
    # functions handed to worker processes are pickled by name: they must resolve to themselves
    assert by_module._render is by_from._render
    assert sys.modules[site.__name__] is site  # the plugin itself is kept
