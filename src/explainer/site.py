"""The MkDocs plugin ``explainer`` (see ``pyproject.toml``): what no maintained plugin does.

- regenerates stale figures before a build (``explainer figures``) and adds every file of
  ``figures/`` to the site as a generated file (writing into ``docs/`` would make ``mkdocs serve``
  rebuild in a loop);
- adds pages whose Markdown is computed from the package (the activation reference, one page per
  function), and the data files of the in-page widgets (``explainer.widgets``);
- turns the math of ``pymdownx.arithmatex`` into MathML (``explainer.mathml``) and serves the
  math font, cut down to the characters the formulas use;
- keeps the notebook pages (``mkdocs-jupyter``) fresh and light: their cache is keyed on the
  sources they import, and their HTML is rebuilt as plain Material markup;
- when serving, watches ``figures/`` and the package, and re-imports the package when its code
  changed (MkDocs never reloads plugins); a page edit reuses everything computed before.

The pages' ``{{ figure() }}``, ``{{ number() }}`` and ``{{ claim() }}`` are mkdocs-macros macros
(``explainer.macros``). Every problem stops the build with one line naming the page.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import importlib
import logging
import os
import posixpath
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from . import mathml, remove_replaced, write_atomic, write_cache
from .mathml import MathError

log = logging.getLogger("mkdocs.plugins.explainer")

PACKAGE_DIR = Path(__file__).resolve().parent


def _code_key() -> str:
    """What the HTML this plugin makes of a page depends on besides the page: its code, and the
    libraries that parse and convert."""
    from . import versions

    code = [(PACKAGE_DIR / f).read_text(encoding="utf-8") for f in ("site.py", "mathml.py")]
    return "\n".join(
        [*code, versions("beautifulsoup4", "jupytext", "latex2mathml", "mkdocs-jupyter")]
    )


_CODE_KEY = _code_key()

# mkdocs-jupyter imports nbconvert's command-line app, whose help text lists the exporters by
# creating each one (0.5 s per build); with this variable, nbconvert's own switch, it lists their
# names only. This plugin is imported first: mkdocs.yml lists it before mkdocs-jupyter.
os.environ.setdefault("NBCONVERT_DISABLE_CONFIG_EXPORTERS", "1")

#: Pages computed from the package, published as an overview plus one page per section: site path
#: -> ("module:function" returning the Markdown, the sections' folder). Each ``## Title {#id}``
#: section becomes ``FOLDER/id.md``: the activation reference in one page would weigh 1.5 MB with
#: its 29 figures; one function per page stays near 80 KB.
GENERATED_PAGES: dict[str, tuple[str, str]] = {
    "reference/activations.md": (
        "explainer.reference:activation_reference_markdown",
        "reference/activations",
    ),
}


class ExplainerConfig(Config):
    figures_dir = opt.Type(str, default="figures")
    regenerate = opt.Type(bool, default=True)
    #: Where notebook pages live (glob patterns relative to docs/, like mkdocs-jupyter's include).
    notebooks = opt.Type(list, default=["notebooks/*.py"])


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    """Figures, generated pages, MathML and notebooks for the tutorial site."""

    serving = False  #: `mkdocs serve` (set by on_startup): rebuilds reuse what was computed
    dirty_build = False  #: `mkdocs build --dirty` (set by on_startup)
    inputs: tuple[str, str] = ("", "")  #: what the pages print, and the documented modules

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance (and what it computed) across rebuilds."""
        self.math_characters: set[str] = set()  # of every build: `serve --dirty` renders a few
        self.serving = command == "serve"
        # `build --dirty` renders only the edited pages, and keeps no characters from before
        self.dirty_build = dirty and command == "build"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        self.figures_dir = (root / self.config.figures_dir).resolve()
        stamp = _stamp(PACKAGE_DIR.rglob("*.py"))
        if stamp != getattr(self, "_stamp", None):  # first build, or the package's code changed
            with package_errors():  # a typo in the code being edited: one line
                if hasattr(self, "_stamp"):  # while serving: re-import it
                    _reload_package()
                from explainer import build

                self._stamp, self._figures_stamp = stamp, None
                docs = Path(config.docs_dir)
                notebooks = sorted({p for glob in self.config.notebooks for p in docs.glob(glob)})
                # what the notebooks import, and what that imports: a sentence edited elsewhere
                # does not re-execute them
                used = {m for nb in notebooks for m in build.imports(nb, nb.stem)}
                self.notebook_key = build.sources_key(used)
                widget_files = build.remembered("widgets", ["explainer.widgets"], _widgets)
                self.widget_files = {path: text.encode() for path, text in widget_files.items()}
                self.pages: dict[str, str] = {}
                for uri, (target, folder) in GENERATED_PAGES.items():
                    module = target.partition(":")[0]
                    markdown = build.remembered(
                        folder.replace("/", "-"), [module], partial(_generate, target)
                    )
                    self.pages.update(split_page(markdown, uri, folder))
                importlib.import_module("explainer.macros")  # mkdocs-macros' next; its own errors
                if self.serving:
                    self._rebuild_what_changed(config)
        for uri, (_, folder) in GENERATED_PAGES.items():
            children = [page for page in self.pages if page.startswith(folder + "/")]
            config.nav = _expand_nav(config.nav, uri, children)
        return config

    def _rebuild_what_changed(self, config: MkDocsConfig) -> None:
        """While serving, after the package changed: make the next build redo what it affects.

        ``serve --dirty`` rebuilds only the pages older than their HTML. When what the pages
        print from the package changed (a number, a figure's words, the macros, the list of
        generated pages), every page is rebuilt; when only the documented modules changed, only
        the pages that document them; otherwise (a sentence of a generated page, a figure) the
        dirty build already finds what changed: generated pages are rewritten only when their
        text changes, figures are files.
        """
        import json

        from explainer import build, catalog
        from explainer.macros import site_numbers

        printed = {
            "numbers": site_numbers().all(),
            "figures": [f.declaration() for f in catalog.figures()],
            "pages": sorted(self.pages),
            "code": [
                (PACKAGE_DIR / f).read_text() for f in ("macros.py", "numbers.py", "formatting.py")
            ],
        }
        docs = Path(config.docs_dir)
        api = {
            page: re.findall(r"^::: ([\w.]+)", page.read_text(encoding="utf-8"), re.M)
            for page in docs.rglob("*.md")
        }
        api = {page: modules for page, modules in api.items() if modules}
        inputs = (
            hashlib.sha256(json.dumps(printed, sort_keys=True, default=str).encode()).hexdigest(),
            build.sources_key(m for modules in api.values() for m in modules),
        )
        if self.inputs[0] and inputs[0] != self.inputs[0]:
            clean_directory(config.site_dir)
        elif self.inputs[1] and inputs[1] != self.inputs[1]:
            for page in api:
                uri = page.relative_to(docs).as_posix()
                built = File(uri, str(docs), config.site_dir, config.use_directory_urls)
                Path(built.abs_dest_path).unlink(missing_ok=True)
        self.inputs = inputs

    def on_pre_build(self, config: MkDocsConfig) -> None:
        _key_notebook_cache(config, self.notebook_key[:16])
        api = config.plugins.get("mkdocstrings")
        if api is not None:  # its templates too: 0.4 s of the API page's 1.4 s was compiling them
            api.handlers.get_handler("python").env.bytecode_cache = _template_cache(config)
        if not self.config.regenerate or _stamp(self.figures_dir.iterdir()) == self._figures_stamp:
            return  # neither the package nor the figures changed since the last build
        from explainer import build

        with package_errors():
            try:
                result = build.regenerate(self.figures_dir)
            except build.BuildError as exc:
                raise PluginError(f"explainer: {exc}") from None
        if result.failed:
            raise PluginError("explainer: figures failed to draw: " + "; ".join(result.failed))
        if result.drawn or result.removed:
            log.info(result.summary())
        self._figures_stamp = _stamp(self.figures_dir.iterdir())

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        _keep_notebook_cache(config)
        for path in sorted(self.figures_dir.glob("*.svg")):
            files.append(File.generated(config, f"figures/{path.name}", abs_src_path=str(path)))
        # Generated pages are files, rewritten only when they change: `mkdocs serve --dirty`
        # then skips them, as it skips every page that is older than its HTML.
        for uri, content in self.pages.items():
            path = _cache(config, "explainer-pages") / uri
            if not path.is_file() or path.read_text(encoding="utf-8") != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, content.encode())
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        for uri, data in self.widget_files.items():
            files.append(File.generated(config, uri, content=data))
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Keep the theme's compiled templates in ``.cache/jinja``: compiling them took longer
        than rendering the pages of a ``serve --dirty`` rebuild (a template's source is checked)."""
        env.bytecode_cache = _template_cache(config)
        return env

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page's math as MathML, a notebook as Material markup: kept in ``.cache/html``
        under a key of everything the result depends on, since a warm build gets the same HTML."""
        notebook = any(Path(page.file.src_uri).match(glob) for glob in self.config.notebooks)
        key = hashlib.sha256(_CODE_KEY.encode())
        for part in (page.file.src_uri, html):
            key.update(part.encode() + b"\0")
        if notebook:  # its alt texts, and the pages its links may point at
            key.update(Path(page.file.abs_src_path).read_bytes())
            key.update(" ".join(sorted(f.src_uri for f in files.documentation_pages())).encode())
        # one file per page: <hash of its path>-<key>.html
        cache = _cache(config, "html")
        name = hashlib.sha256(page.file.src_uri.encode()).hexdigest()[:16]
        cached = cache / f"{name}-{key.hexdigest()}.html"
        if cached.is_file():
            html = cached.read_text(encoding="utf-8")
        else:
            try:
                if notebook:
                    html = clean_notebook(html, page, files)
                html = mathml.math_to_mathml(html)
            except (MathError, NotebookError) as exc:
                raise PluginError(f"{page.file.src_uri}: {exc}") from None
            # a build stopped half way leaves no half page
            write_cache(cached, key.hexdigest(), html.encode())
        self.math_characters |= mathml.characters(html)
        return html

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Serve the math font, cut down to the characters of the site's formulas: those of this
        build, and in a ``build --dirty`` those of the pages it left as the last build wrote
        them."""
        chars = set(self.math_characters)
        if self.dirty_build:
            for path in Path(config.site_dir).rglob("*.html"):
                chars |= mathml.characters(path.read_text(encoding="utf-8", errors="replace"))
        try:
            mathml.subset_font(
                chars,
                Path(config.site_dir) / mathml.FONT_PATH,
                cache=_cache(config, "mathfont"),
            )
        except MathError as exc:
            raise PluginError(f"explainer: {exc}") from None

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.figures_dir))
        server.watch(str(PACKAGE_DIR))
        return server


_SECTION = re.compile(r"^## (?P<title>.+?) \{#(?P<id>[A-Za-z0-9_-]+)\}[ \t]*$", re.M)
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def split_page(markdown: str, uri: str, folder: str) -> dict[str, str]:
    """Split ``markdown`` (the page ``uri``) into an overview and one page per section.

    Every level-2 heading with an id, ``## Title {#id}``, starts a section that becomes the page
    ``FOLDER/id.md`` with the heading as its title; what comes before the first one stays at
    ``uri``. Links to ``#id`` are pointed at the section's page, and relative links inside a
    section are adjusted for its folder. Returns ``{uri: overview, section_uri: ..., ...}`` in
    the order of the sections.
    """
    found = list(_SECTION.finditer(markdown))
    if not found:
        return {uri: markdown}
    ids = [m.group("id") for m in found]
    parent = posixpath.dirname(uri) or "."
    up, down = posixpath.relpath(parent, folder), posixpath.relpath(folder, parent)
    here = posixpath.relpath(uri, folder)

    def relink(text: str, own: str | None) -> str:
        def fix(m: re.Match[str]) -> str:
            target = m.group("target")
            if target.startswith("#"):
                anchor = target[1:]
                if anchor not in ids:
                    return m.group(0) if own is None else f"]({here}{target})"
                if own is None:
                    return f"]({down}/{anchor}.md)"
                return f"](#{anchor})" if anchor == own else f"]({anchor}.md)"
            if own is None or urlsplit(target).scheme or target.startswith("/"):
                return m.group(0)
            return f"]({posixpath.normpath(posixpath.join(up, target))})"

        return _LINK.sub(fix, text)

    pages = {uri: relink(markdown[: found[0].start()], None)}
    ends = [m.start() for m in found[1:]] + [len(markdown)]
    for m, end in zip(found, ends, strict=True):
        ident = m.group("id")
        body = markdown[m.end() : end].strip("\n")
        pages[f"{folder}/{ident}.md"] = (
            f"# {m.group('title')} {{#{ident}}}\n\n"
            f"*Part of [{_title(markdown)}]({here}).*\n\n"
            f"{relink(body, ident)}\n"
        )
    return pages


def _title(markdown: str) -> str:
    m = re.search(r"^# (.+)$", markdown, re.M)
    return m.group(1).strip() if m else "overview"


def _expand_nav(nav: Any, uri: str, children: list[str]) -> Any:
    """``nav`` with the entry of ``uri`` turned into a section: the page, then ``children``."""

    def walk(items: list) -> list:
        out = []
        for item in items:
            if item == uri:
                out.extend([uri, *children])
            elif isinstance(item, dict):
                ((title, value),) = item.items()
                if value == uri:
                    out.append({title: [uri, *children]})  # titled by its own heading
                elif isinstance(value, list):
                    out.append({title: walk(value)})
                else:
                    out.append(item)
            else:
                out.append(item)
        return out

    return walk(nav) if isinstance(nav, list) else nav


class NotebookError(ValueError):
    """A notebook page that cannot be published as it is (no alt text, a broken link)."""


def clean_notebook(html: str, page: Page, files: Files) -> str:
    """Rebuild the HTML that mkdocs-jupyter made of a notebook as plain Material markup.

    mkdocs-jupyter inlines JupyterLab's stylesheets (about 600 KB), a copy-button script and an
    empty MathJax ``<script src="">`` into every notebook page. Here each cell is taken out of
    that wrapper: Markdown cells keep their HTML (headings get Material's permalink, ``$...$``
    becomes MathML, links to ``.md`` files point at the built pages); code cells become a
    Material code block (highlighted by Material's own light and dark colours, with its copy
    button) followed by their outputs. A plot gets its alt text from the ``alt`` metadata of its
    cell, written in the notebook as ``# %% alt="what the plot shows"``; a plot without one
    raises ``NotebookError``.
    """
    import jupytext
    from bs4 import BeautifulSoup

    notebook = jupytext.read(page.file.abs_src_path)
    soup = BeautifulSoup(html, "html.parser")
    found = soup.select('div[id^="cell-id="]')
    if len(found) != len(notebook.cells):
        raise NotebookError(
            f"the notebook has {len(notebook.cells)} cells but its HTML {len(found)}: "
            "mkdocs-jupyter's output changed, update explainer.site.clean_notebook"
        )
    out = ['<div class="explainer-notebook">']
    for number, (cell, source) in enumerate(zip(found, notebook.cells, strict=True), start=1):
        if source.cell_type == "markdown":
            body = cell.select_one(".jp-RenderedMarkdown")
            if body is None:
                continue
            for a in body.select("a.anchor-link"):
                a["class"] = "headerlink"
                a["title"] = "Permanent link"
            for a in body.select("a[href]"):
                a["href"] = _page_link(a["href"], page, files, number)
            for pre in body.select("div.highlight > pre"):
                if pre.find("code") is None:  # Material styles <pre><code>, not a bare <pre>
                    code = soup.new_tag("code")
                    for child in list(pre.contents):
                        code.append(child.extract())
                    pre.append(code)
            out.append(mathml.dollar_math_to_mathml(body.decode_contents()))
        elif source.cell_type == "code":
            pre = cell.select_one(".jp-InputArea pre")
            if pre is not None:
                out.append(
                    '<div class="language-python highlight"><pre><span></span><code>'
                    + pre.decode_contents().removeprefix("<span></span>")
                    + "</code></pre></div>"
                )
            for output in cell.select(".jp-OutputArea-output"):
                out.append(_output_html(output, source.metadata.get("alt", ""), number))
    out.append("</div>")
    return "\n".join(out)


def _output_html(output: Any, alt: str, number: int) -> str:
    """One output of a code cell: a plot, printed text, or HTML."""
    img = output.find("img")
    if img is not None:
        if not alt.strip():
            raise NotebookError(
                f"cell {number} draws a plot with no alt text: start the cell with "
                '# %% alt="what the plot shows"'
            )
        src = img["src"]
        alt_attr = html_lib.escape(alt.strip(), quote=True)
        from .draw.style import recolor

        svg = _svg_plot(src)
        shown = (
            [(src, "")]
            if svg is None
            else [(_svg_url(svg), "#only-light"), (_svg_url(recolor(svg)), "#only-dark")]
        )
        imgs = "".join(
            f'<img class="no-lightbox" src="{s}{when}" alt="{alt_attr}">' for s, when in shown
        )
        return f'<figure class="notebook-plot">{imgs}</figure>'
    # named as an output: a screen reader otherwise hears the code and what it printed as two
    # code blocks alike (the eye has the output's bar on its left)
    named = 'role="group" aria-label="Output"'
    pre = output.find("pre")
    if pre is not None:
        stream = "stderr" if "stderr" in output.get("data-mime-type", "") else "stdout"
        return (
            f'<div class="notebook-output {stream}" {named}><pre><code>{pre.decode_contents()}'
            "</code></pre></div>"
        )
    return f'<div class="notebook-output" {named}>{output.decode_contents()}</div>'


_SVG_DATA = "data:image/svg+xml;base64,"


#: The time matplotlib writes into an SVG it saves: not part of the plot.
_SVG_DATE = re.compile(r"\s*<dc:date>[^<]*</dc:date>")


def _svg_plot(src: str) -> str | None:
    """A notebook's SVG plot (a ``data:`` URL) as text, without the time it was saved (so that
    the page is the same bytes whenever the notebook runs); None for a plot that is not an SVG.
    Drawn in the package's light theme, ``explainer.draw.style.recolor`` makes its dark twin."""
    import base64
    import binascii

    if not src.startswith(_SVG_DATA):
        return None
    try:
        svg = base64.b64decode(src.removeprefix(_SVG_DATA)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return _SVG_DATE.sub("", svg, count=1)


def _svg_url(svg: str) -> str:
    import base64

    return _SVG_DATA + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _page_link(href: str, page: Page, files: Files, number: int) -> str:
    """A link written in a notebook: ``page.md#anchor`` becomes the URL of the built page."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return href
    base = posixpath.dirname(page.file.src_uri)
    target = posixpath.normpath(posixpath.join(base, parts.path))
    file = files.get_file_from_path(target)
    if file is None:
        raise NotebookError(f"cell {number} links to {href!r}, but there is no page {target!r}")
    url = file.url_relative_to(page.file)
    return url + (f"#{parts.fragment}" if parts.fragment else "")


def _template_cache(config: MkDocsConfig) -> Any:
    """Jinja's cache of compiled templates, in ``.cache/jinja`` (keyed on each template's file
    name and checked against its source)."""
    import jinja2

    cache = _cache(config, "jinja")
    cache.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(cache))


def _cache(config: MkDocsConfig, name: str) -> Path:
    """``.cache/NAME`` beside ``mkdocs.yml``: what a build keeps for the next one. (What the
    package computes for it, the numbers, pages and networks, is kept where the package keeps
    its results: ``explainer.cache_folder()``, which is relative to the current folder.)"""
    return Path(config.config_file_path).resolve().parent / ".cache" / name


def _generate(target: str) -> str:
    """The Markdown of a generated page: ``target`` is ``"module:function"``."""
    module, _, func = target.partition(":")
    return getattr(importlib.import_module(module), func)()


def _widgets() -> dict[str, str]:
    from explainer import widgets

    return {path: data.decode() for path, data in widgets.files().items()}


def _key_notebook_cache(config: MkDocsConfig, key: str) -> None:
    """Point mkdocs-jupyter's cache at a folder named by ``key``, the hash of the sources the
    notebooks import.

    mkdocs-jupyter keys its cache on the notebook's bytes and its own options only, so a change
    in ``explainer`` would leave the notebook's outputs stale. Here the source files of the
    modules the notebooks import, with their own imports (and the versions of numpy, matplotlib,
    scikit-learn), pick the folder: a change re-executes the notebook once, and the folders of
    other keys are removed (only folders named like a key: the rest is not ours).
    """
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config.get("cache", True):
        return
    folder = _cache(config, "mkdocs-jupyter") / key
    plugin.config["cache_dir"] = str(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_replaced(folder, key)
    except OSError:  # mkdocs-jupyter reports a folder it cannot write
        pass


def _keep_notebook_cache(config: MkDocsConfig) -> None:
    """Keep the notebook's cached outputs through a ``serve --dirty`` rebuild that skips it.

    mkdocs-jupyter (0.26) deletes, after each build, every cached notebook it did not render in
    that build; a dirty rebuild renders only the pages that changed, so a page edit threw the
    notebook's outputs away and the next full rebuild re-executed it (2.3 s). What it reads as
    used this build is its ``_used_cache_paths``, emptied in its ``on_pre_build``.
    """
    plugin = config.plugins.get("mkdocs-jupyter")
    used = getattr(plugin, "_used_cache_paths", None)
    if isinstance(used, set) and plugin.config.get("cache", True):
        used.update(Path(plugin.config["cache_dir"]).glob("*.json"))


def _stamp(paths: Any) -> list[tuple[str, int]]:
    """What changes when one of ``paths`` is edited, added or removed."""
    return sorted((str(p), p.stat().st_mtime_ns) for p in paths)


@contextmanager
def package_errors() -> Iterator[None]:
    """An error raised by the package's own code (a syntax error in a module being edited
    under ``mkdocs serve``) as one line naming the file and line where it happened, not a page
    of traceback; ``EXPLAINER_DEBUG=1`` shows the traceback."""
    try:
        yield
    except MkDocsException:  # PluginError, Abort: already one line
        raise
    except Exception as exc:
        if os.environ.get("EXPLAINER_DEBUG"):
            raise
        import traceback

        if isinstance(exc, SyntaxError):
            where, what = (exc.filename, exc.lineno), exc.msg
        else:
            ours = [f for f in traceback.extract_tb(exc.__traceback__) if _ours(f.filename)]
            where, what = ((ours[-1].filename, ours[-1].lineno) if ours else ("", 0)), str(exc)
        path = os.path.relpath(where[0]) if _ours(where[0] or "") else where[0]
        at = f"{path}:{where[1]}: " if where[0] else ""
        raise PluginError(f"explainer: {at}{type(exc).__name__}: {what}") from None


def _ours(filename: str) -> bool:
    return Path(filename).resolve().is_relative_to(PACKAGE_DIR)


def _reload_package() -> None:
    """Forget every imported ``explainer`` module except this one, so the next import is fresh."""
    for name in [n for n in sys.modules if n.startswith("explainer.") and n != __name__]:
        del sys.modules[name]
        parent, _, child = name.rpartition(".")
        if parent in sys.modules and getattr(sys.modules[parent], child, None) is not None:
            delattr(sys.modules[parent], child)  # else `from explainer import x` finds the old x
