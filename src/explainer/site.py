"""The MkDocs side: figures from ``figures/`` into the site, pages generated from code, live reload.

Enabled in ``mkdocs.yml`` as the plugin ``explainer`` (registered in ``pyproject.toml``). It

- regenerates stale figures before every build (``explainer figures``; a no-op costs ~0.1 s);
- adds every file of ``figures/`` to the site as a generated file, so nothing is ever copied
  into ``docs/`` (writing into ``docs/`` would make ``mkdocs serve`` rebuild in a loop);
- adds pages whose Markdown is computed from the package (the activation reference);
- replaces ``{{ figure("NAME") }}`` on a line of its own with the light and dark variants of the
  figure, its alt text and its caption, all taken from the catalogue;
- replaces ``{{ number("KEY") }}`` or ``{{ number("KEY", "FORMAT") }}`` anywhere in the text with a
  value the package computes (:mod:`explainer.numbers`), so no number in the prose is typed by
  hand; placeholders inside code (fenced blocks, backticks) are left alone, so pages can show them;
- turns the math of ``pymdownx.arithmatex`` (generic mode: ``\\(...\\)`` and ``\\[...\\]``) into
  MathML with ``latex2mathml``: formulas render in the browser with no script and no network;
- keeps the notebook pages (``mkdocs-jupyter``) fresh and light: their cache is keyed on the
  package's sources as well as the notebook's bytes, and their HTML is rebuilt as plain Material
  markup (no 600 KB of JupyterLab CSS, no scripts), with alt text from each cell's ``alt`` metadata
  and links to ``.md`` pages resolved like MkDocs resolves them;
- when serving, watches ``figures/`` and the package's source, so a change to the code that draws
  a figure redraws it and reloads the page.

Every problem (an unknown figure or number, a formula that does not convert, a notebook plot with
no alt text) stops the build with one line naming the page and the problem.

The package is re-imported before each build so that ``mkdocs serve`` sees code edited while it
runs (MkDocs itself never reloads plugins).
"""

from __future__ import annotations

import html as html_lib
import importlib
import logging
import posixpath
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import mathml
from .mathml import MathError, latex_to_mathml

log = logging.getLogger("mkdocs.plugins.explainer")

PACKAGE_DIR = Path(__file__).resolve().parent

#: Pages computed from the package: site path -> "module:function" returning Markdown.
GENERATED_PAGES: dict[str, str] = {
    "reference/activations.md": "explainer.reference:activation_reference_markdown",
}

#: Generated pages published as an overview plus one page per section: page -> their folder.
#: Each ``## Title {#id}`` section of the page becomes ``FOLDER/id.md``: the activation reference
#: in one page would weigh 1.5 MB with its 29 figures; one function per page stays near 80 KB.
SPLIT_PAGES: dict[str, str] = {
    "reference/activations.md": "reference/activations",
}

_FIGURE = re.compile(
    r"""^(?P<indent>[ \t]*)\{\{\s*figure\(\s*["'](?P<name>[^"']+)["']\s*\)\s*\}\}[ \t]*$""", re.M
)
_NUMBER = re.compile(
    r"""\{\{\s*number\(\s*["'](?P<key>[^"']+)["']\s*(?:,\s*["'](?P<spec>[^"']*)["']\s*)?\)\s*\}\}"""
)
_CLAIM = re.compile(r"""\{\{\s*claim\(\s*(?P<q>["'])(?P<expr>.*?)(?P=q)\s*\)\s*\}\}""")
#: What is left of a placeholder that did not match the forms above (a typo): an error.
_LEFTOVER = re.compile(r"\{\{\s*(?:figure|number|claim)\b[^}]*\}\}")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


class ExplainerConfig(Config):
    figures_dir = opt.Type(str, default="figures")
    regenerate = opt.Type(bool, default=True)
    #: Where notebook pages live (glob patterns relative to docs/, like mkdocs-jupyter's include).
    notebooks = opt.Type(list, default=["notebooks/*.py"])


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    """Figures, generated pages and live regeneration for the tutorial site."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        self.figures_dir = (root / self.config.figures_dir).resolve()
        _reload_package()
        self.pages: dict[str, str] = {}
        for uri, target in GENERATED_PAGES.items():
            module, _, func = target.partition(":")
            markdown = getattr(importlib.import_module(module), func)()
            if uri in SPLIT_PAGES:
                parts = split_page(markdown, uri, SPLIT_PAGES[uri])
                self.pages.update(parts)
                config.nav = _expand_nav(config.nav, uri, list(parts)[1:])
            else:
                self.pages[uri] = markdown
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        from explainer import numbers

        self.numbers = numbers.Numbers()
        self.math_characters: set[str] = set()
        self._key_notebook_cache(config)
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
        for uri, content in self.pages.items():
            files.append(File.generated(config, uri, content=content))
        return files

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        where = page.file.src_uri

        def figure(m: re.Match[str]) -> str:
            name = m.group("name")
            fig = self.catalog.get(name)
            if fig is None:
                from explainer.spelling import did_you_mean

                hint = did_you_mean(name, list(self.catalog))
                raise PluginError(f"{where}: unknown figure {name!r}{hint}")
            return figure_markdown(fig, where, m.group("indent"))

        def number(m: re.Match[str]) -> str:
            from explainer.numbers import UnknownNumber

            try:
                text = self.numbers.format(m.group("key"), m.group("spec") or "")
                # a true minus sign in prose; math turns it back into "-" (latex_to_mathml)
                return "\u2212" + text[1:] if text.startswith("-") else text
            except UnknownNumber as exc:
                raise PluginError(f"{where}: {exc}") from None

        def claim(m: re.Match[str], text: str) -> str:
            from explainer.numbers import FalseClaim, UnknownNumber

            try:
                self.numbers.claim(m.group("expr"))
            except (FalseClaim, UnknownNumber) as exc:
                raise PluginError(
                    f"{where}: the sentence “{_sentence(text, m.start())}” is no longer "
                    f"supported by the numbers: {exc}"
                ) from None
            return ""

        def inline(text: str) -> str:
            text = _NUMBER.sub(number, text)
            text = _CLAIM.sub(lambda m: claim(m, text), text)
            left = _LEFTOVER.search(text)
            if left:
                raise PluginError(
                    f"{where}: malformed placeholder {left.group(0)!r} (write "
                    '{{ figure("NAME") }} alone on a line, or {{ number("KEY", "FORMAT") }})'
                )
            return text

        def prose(text: str) -> str:
            return outside_code_spans(_FIGURE.sub(figure, text), inline)

        return outside_fences(markdown, prose)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        where = page.file.src_uri
        try:
            if self._is_notebook(page):
                html = clean_notebook(html, page, files)
            if 'class="doc doc-' in html:  # a page with mkdocstrings' API documentation
                html = tidy_docstrings(html)
            html = math_to_mathml(html)
        except (MathError, NotebookError) as exc:
            raise PluginError(f"{where}: {exc}") from None
        self.math_characters |= mathml.characters(html)
        return html

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Serve the math font, cut down to the characters of this build's formulas."""
        root = Path(config.config_file_path).resolve().parent
        try:
            mathml.subset_font(
                self.math_characters,
                Path(config.site_dir) / mathml.FONT_PATH,
                cache=root / ".cache" / "mathfont",
            )
        except MathError as exc:
            raise PluginError(f"explainer: {exc}") from None

    def _is_notebook(self, page: Page) -> bool:
        uri = page.file.src_uri
        return any(Path(uri).match(pattern) for pattern in self.config.notebooks)

    def _key_notebook_cache(self, config: MkDocsConfig) -> None:
        """Point mkdocs-jupyter's cache at a folder named by the hash of the package's sources.

        mkdocs-jupyter keys its cache on the notebook's bytes and its own options only, so a
        change in ``explainer`` would leave the notebook's outputs stale. Here every source file
        of the package (and the versions of numpy, matplotlib, scikit-learn) picks the folder:
        a change re-executes the notebook once, and the folders of other keys are removed.
        """
        plugin = config.plugins.get("mkdocs-jupyter")
        if plugin is None or not plugin.config.get("cache", True):
            return
        from explainer import build

        modules = sorted(
            "explainer." + ".".join(p.relative_to(PACKAGE_DIR).with_suffix("").parts)
            for p in PACKAGE_DIR.rglob("*.py")
        )
        modules = [m.removesuffix(".__init__") for m in modules]
        key = build.sources_key(modules)[:16]
        root = Path(config.config_file_path).resolve().parent / ".cache" / "mkdocs-jupyter"
        plugin.config["cache_dir"] = str(root / key)
        if root.is_dir():
            for old in root.iterdir():
                if old.name != key:
                    if old.is_dir():
                        shutil.rmtree(old, ignore_errors=True)
                    else:
                        old.unlink(missing_ok=True)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.figures_dir))
        server.watch(str(PACKAGE_DIR))
        return server


def _sentence(text: str, end: int) -> str:
    """The sentence that ends at ``end`` in ``text`` (back to the previous one or paragraph)."""
    start = max(text.rfind("\n\n", 0, end), 0)
    before = re.split(r"(?<=[.!?:])\s+(?=[A-Z*$])", text[start:end].strip())
    words = " ".join(_CLAIM.sub("", before[-1]).split())
    return words if len(words) <= 240 else "…" + words[-240:]


def figure_markdown(fig: Any, page_uri: str, indent: str = "") -> str:
    """The Markdown (md_in_html) of a figure: both theme variants, alt text, caption.

    The alt text reaches the page exactly as the figure's ``<title>`` says it: the characters
    that Markdown would read as syntax (``[`` and ``]`` would end the alt text at "range [0, ∞)",
    a backtick would start code) are escaped with a backslash, which Markdown removes again.
    """
    base = posixpath.dirname(page_uri) or "."
    alt = _MARKDOWN_SYNTAX.sub(r"\\\g<0>", fig.alt)
    images = " ".join(
        f"![{alt}]({posixpath.relpath(f'figures/{fname}', base)}#only-{theme}){{ loading=lazy }}"
        for theme, fname in fig.files().items()
    )
    lines = ['<figure markdown="1" class="explainer-figure">', "", f"  {images}", ""]
    if fig.caption:
        lines.append(f'  <figcaption markdown="span">{fig.caption}</figcaption>')
    lines.append("</figure>")
    return "\n".join(indent + line for line in lines)


_MARKDOWN_SYNTAX = re.compile(r"[\\`\[\]{}]")


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
    up = posixpath.relpath(posixpath.dirname(uri) or ".", folder)
    here = posixpath.relpath(uri, folder)

    def relink(text: str, own: str | None) -> str:
        def fix(m: re.Match[str]) -> str:
            target = m.group("target")
            if target.startswith("#"):
                anchor = target[1:]
                if anchor not in ids:
                    return m.group(0) if own is None else f"]({here}{target})"
                if own is None:
                    return (
                        f"]({posixpath.relpath(folder, posixpath.dirname(uri) or '.')}/{anchor}.md)"
                    )
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
                    out.append({title: [{"Overview": uri}, *children]})
                elif isinstance(value, list):
                    out.append({title: walk(value)})
                else:
                    out.append(item)
            else:
                out.append(item)
        return out

    return walk(nav) if isinstance(nav, list) else nav


def outside_fences(markdown: str, transform: Callable[[str], str]) -> str:
    """Apply ``transform`` to the parts of ``markdown`` outside fenced code blocks.

    A fence is three or more backticks or tildes at the start of a line; the block ends at a
    line starting with at least as many of the same character.
    """
    out: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is None and m:
            out.append(transform("".join(prose)))
            prose.clear()
            fence = m.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
        else:
            prose.append(line)
    out.append(transform("".join(prose)))
    return "".join(out)


def outside_code_spans(text: str, transform: Callable[[str], str]) -> str:
    """Apply ``transform`` to ``text`` except its inline code spans (`` `like this` ``)."""
    pieces, last = [], 0
    for m in _CODE_SPAN.finditer(text):
        pieces += [transform(text[last : m.start()]), m.group(0)]
        last = m.end()
    pieces.append(transform(text[last:]))
    return "".join(pieces)


_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])"
    r"\s*</(?P=tag)>",
    re.S,
)


def math_to_mathml(html: str) -> str:
    """Replace the generic-mode spans of ``pymdownx.arithmatex`` with MathML.

    Inline formulas become ``<math>`` in place of their ``<span>``; display formulas keep a
    ``<div class="arithmatex">`` around the ``<math display="block">`` (it scrolls when wide).
    """

    def replace(m: re.Match[str]) -> str:
        block = m.group("block")
        if block is not None:
            return (
                f'<div class="arithmatex">{latex_to_mathml(html_lib.unescape(block), True)}</div>'
            )
        return latex_to_mathml(html_lib.unescape(m.group("inline")), False)

    if 'class="arithmatex"' not in html:
        return html
    return _ARITHMATEX.sub(replace, html)


_ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc|obj):(?=<code>)")
_DEFINITION = re.compile(r"<p>(?P<term>[^\n<]*(?:<code>[^<]*</code>[^\n<]*)*)\n[ \t]+")


def tidy_docstrings(html: str) -> str:
    """Docstrings written for Sphinx, read well on the API page.

    The package's docstrings cross-reference with Sphinx roles (``:class:`Network```) and
    introduce topics as definition lists (a short line, then an indented paragraph). Rendered as
    Markdown the roles show as text and the term runs into its paragraph; here the role prefixes
    are dropped and each term is set in bold on a line of its own.
    """

    def term(m: re.Match[str]) -> str:
        text = m.group("term")
        if not text.strip() or text.rstrip().endswith((".", ",", ";", ":")):
            return m.group(0)
        return f"<p><strong>{text}</strong><br>\n"

    return _DEFINITION.sub(term, _ROLE.sub("", html))


class NotebookError(ValueError):
    """A notebook page that cannot be published as it is (no alt text, a broken link)."""


_MATH_IN_TEXT = re.compile(r"\$\$(?P<block>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\n]+?)\$", re.S)
_CODE_HTML = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.S)


def _text_math(html: str) -> str:
    """``$...$`` and ``$$...$$`` in notebook Markdown (outside code) as MathML."""

    def replace(m: re.Match[str]) -> str:
        if m.group("block") is not None:
            tex = html_lib.unescape(m.group("block")).strip()
            return f'<div class="arithmatex">{latex_to_mathml(tex, True)}</div>'
        return latex_to_mathml(html_lib.unescape(m.group("inline")).strip(), False)

    parts = _CODE_HTML.split(html)
    return "".join(p if i % 2 else _MATH_IN_TEXT.sub(replace, p) for i, p in enumerate(parts))


def clean_notebook(html: str, page: Page, files: Files) -> str:
    """Rebuild the HTML that mkdocs-jupyter made of a notebook as plain Material markup.

    mkdocs-jupyter inlines JupyterLab's stylesheets (about 600 KB), a copy-button script and an
    empty MathJax ``<script src="">`` into every notebook page. Here each cell is taken out of
    that wrapper: Markdown cells keep their HTML (headings get Material's permalink, ``$...$``
    becomes MathML, links to ``.md`` files point at the built pages); code cells become a
    Material code block (highlighted by Material's own light and dark colours, with its copy
    button) followed by their outputs. A plot gets its alt text from the ``alt`` metadata of its
    cell, written in the notebook as ``# %% alt="what the plot shows"``; a plot without one
    raises :class:`NotebookError`.
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
            out.append(_text_math(body.decode_contents()))
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
        return (
            f'<figure class="notebook-plot"><img class="no-lightbox" src="{src}" '
            f'alt="{alt_attr}"></figure>'
        )
    pre = output.find("pre")
    if pre is not None:
        stream = "stderr" if "stderr" in output.get("data-mime-type", "") else "stdout"
        return (
            f'<div class="notebook-output {stream}"><pre><code>{pre.decode_contents()}'
            "</code></pre></div>"
        )
    return f'<div class="notebook-output">{output.decode_contents()}</div>'


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


def _reload_package() -> None:
    """Forget every imported ``explainer`` module except this one, so the next import is fresh."""
    for name in [n for n in sys.modules if n.startswith("explainer.") and n != __name__]:
        del sys.modules[name]
        parent, _, child = name.rpartition(".")
        if parent in sys.modules and getattr(sys.modules[parent], child, None) is not None:
            delattr(sys.modules[parent], child)  # else `from explainer import x` finds the old x
