"""The MkDocs side: figures from ``figures/`` into the site, pages generated from code, live reload.

Enabled in ``mkdocs.yml`` as the plugin ``explainer`` (registered in ``pyproject.toml``). It

- regenerates stale figures before every build (``explainer figures``; a no-op costs ~0.1 s);
- adds every file of ``figures/`` to the site as a generated file, so nothing is ever copied
  into ``docs/`` (writing into ``docs/`` would make ``mkdocs serve`` rebuild in a loop);
- adds pages whose Markdown is computed from the package (the activation reference);
- replaces ``{{ figure("NAME") }}`` on a line of its own with the light and dark variants of the
  figure, its alt text and its caption, all taken from the catalogue;
- when serving, watches ``figures/`` and the package's source, so a change to the code that draws
  a figure redraws it and reloads the page.

The package is re-imported before each build so that ``mkdocs serve`` sees code edited while it
runs (MkDocs itself never reloads plugins).
"""

from __future__ import annotations

import importlib
import logging
import posixpath
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.explainer")

PACKAGE_DIR = Path(__file__).resolve().parent

#: Pages computed from the package: site path -> "module:function" returning Markdown.
GENERATED_PAGES: dict[str, str] = {}

_FIGURE = re.compile(
    r"""^(?P<indent>[ \t]*)\{\{\s*figure\(\s*["'](?P<name>[^"']+)["']\s*\)\s*\}\}[ \t]*$""", re.M
)


class ExplainerConfig(Config):
    figures_dir = opt.Type(str, default="figures")
    regenerate = opt.Type(bool, default=True)


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    """Figures, generated pages and live regeneration for the tutorial site."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        self.figures_dir = (root / self.config.figures_dir).resolve()
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        _reload_package()
        if not self.config.regenerate:
            return
        from explainer import build

        try:
            result = build.regenerate(self.figures_dir)
        except build.BuildError as exc:
            raise PluginError(f"explainer: {exc}") from None
        if result.failed:
            raise PluginError("explainer: figures failed to draw: " + "; ".join(result.failed))
        if result.drawn or result.removed:
            log.info(result.summary())

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        from explainer import build

        self.catalog = {f.name: f for f in build.catalogue(build.load_manifest(self.figures_dir))}
        for path in sorted(self.figures_dir.glob("*.svg")):
            files.append(File.generated(config, f"figures/{path.name}", abs_src_path=str(path)))
        for uri, target in GENERATED_PAGES.items():
            module, _, func = target.partition(":")
            content = getattr(importlib.import_module(module), func)()
            files.append(File.generated(config, uri, content=content))
        return files

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        def replace(m: re.Match[str]) -> str:
            name = m.group("name")
            fig = self.catalog.get(name)
            if fig is None:
                from explainer.build import suggest

                hint = suggest(name, list(self.catalog))
                raise PluginError(f"{page.file.src_uri}: unknown figure {name!r}{hint}")
            return figure_markdown(fig, page.file.src_uri, m.group("indent"))

        return _FIGURE.sub(replace, markdown)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.figures_dir))
        server.watch(str(PACKAGE_DIR))
        return server


def figure_markdown(fig: Any, page_uri: str, indent: str = "") -> str:
    """The Markdown (md_in_html) of a figure: both theme variants, alt text, caption."""
    base = posixpath.dirname(page_uri) or "."
    alt = fig.alt.replace("[", "(").replace("]", ")").replace("\n", " ")
    images = " ".join(
        f"![{alt}]({posixpath.relpath(f'figures/{fname}', base)}#only-{theme}){{ loading=lazy }}"
        for theme, fname in fig.files().items()
    )
    lines = ['<figure markdown="1" class="explainer-figure">', "", f"  {images}", ""]
    if fig.caption:
        lines.append(f'  <figcaption markdown="span">{fig.caption}</figcaption>')
    lines.append("</figure>")
    return "\n".join(indent + line for line in lines)


def _reload_package() -> None:
    """Forget every imported ``explainer`` module except this one, so the next import is fresh."""
    for name in [n for n in sys.modules if n.startswith("explainer.") and n != __name__]:
        del sys.modules[name]
        parent, _, child = name.rpartition(".")
        if parent in sys.modules and getattr(sys.modules[parent], child, None) is not None:
            delattr(sys.modules[parent], child)  # else `from explainer import x` finds the old x
