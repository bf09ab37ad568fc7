"""The pages' macros, for mkdocs-macros-plugin (``modules: [explainer:explainer.macros]``).

- ``{{ figure("NAME") }}`` on a line of its own: the light and dark variants of a figure of the
  catalogue, with its alt text and caption;
- ``{{ number("KEY") }}`` or ``{{ number("KEY", "FORMAT") }}``: a value the package computes
  (``explainer.numbers``), so that no number in the prose is typed by hand;
- ``{{ claim("EXPRESSION") }}`` at the end of a sentence: prints nothing, and stops the build,
  naming the sentence, when the numbers no longer support it.

An unknown figure or number, or a false claim, stops the build with one line naming the page.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from . import build
from .figure import NARROW_MEDIA, THEMES
from .numbers import FalseClaim, Numbers, UnknownNumber
from .spelling import did_you_mean

_catalog: dict[str, Any] = {}
#: What went wrong on the page being rendered. mkdocs-macros turns an exception raised inside a
#: macro into a page of traceback; raised after the page (below), it is one line.
_problems: list[str] = []


@cache  # while this module is: `mkdocs serve` re-imports the package when its code changes
def site_numbers() -> Numbers:
    """The site's numbers: computed once per change of the code that computes them, and kept
    (``build.remembered``)."""
    return Numbers(build.remembered("numbers", ["explainer.numbers"], lambda: Numbers().all()))


def define_env(env: Any) -> None:
    from .site import package_errors

    with package_errors():  # an error in the code that computes them: one line
        _numbers = site_numbers()

    def fail(message: str) -> str:
        _problems.append(f"{env.page.file.src_uri}: {message}")
        return ""

    @env.macro
    def figure(name: str) -> str:
        if not _catalog:
            figures_dir = env.conf.plugins["explainer"].figures_dir
            _catalog.update((f.name, f) for f in build.catalogue(build.load_manifest(figures_dir)))
        if name not in _catalog:
            return fail(f"unknown figure {name!r}{did_you_mean(name, list(_catalog))}")
        call = re.compile(rf"""figure\(\s*["']{re.escape(name)}["']""")
        block = re.compile(r"\s*\{\{[^{}]*\}\}\s*")
        if any(call.search(ln) and not block.fullmatch(ln) for ln in env.markdown.splitlines()):
            return fail(f"write {{{{ figure({name!r}) }}}} alone on a line: it is a block")
        return figure_markdown(_catalog[name], env.page.url)

    @env.macro
    def number(key: str, spec: str = "") -> str:
        try:
            text = _numbers.format(key, spec)
        except UnknownNumber as exc:
            return fail(str(exc))
        # a true minus sign in prose; math turns it back into "-" (latex_to_mathml)
        return "\u2212" + text[1:] if text.startswith("-") else text

    @env.macro
    def claim(expression: str) -> str:
        try:
            _numbers.claim(expression)
        except (FalseClaim, UnknownNumber) as exc:
            sentence = _sentence(env.markdown, expression)
            return fail(f"the sentence “{sentence}” is no longer supported by the numbers: {exc}")
        return ""


def on_pre_page_macros(env: Any) -> None:
    _problems.clear()
    problem = _template_problem(env)
    if problem:
        raise PluginError(f"{env.page.file.src_uri}: {problem}")


def _template_problem(env: Any) -> str:
    """What keeps a page's placeholders from rendering at all, found before mkdocs-macros
    renders them: a Jinja syntax error, or a name that is neither a macro nor a variable
    (``{{ numbr("KEY") }}``). mkdocs-macros would print a traceback, only warn (which
    ``mkdocs build --strict -q`` does not count) and publish the page with the traceback on it.
    """
    from jinja2 import TemplateSyntaxError, meta, nodes

    page, markdown = env.page, env.markdown
    asked = page.meta.get("render_macros")
    forced = env.config["render_by_default"] or env.force_page_rendering(page.file.src_path)
    if asked is False or not (asked or forced):
        return ""
    source = page.file.content_string
    # the line in the file: the markdown is the file without its front matter
    first = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
    try:
        tree = env.env.parse(markdown)
    except TemplateSyntaxError as exc:
        return f"line {first + (exc.lineno or 1)}: {exc.message} (in a {{{{ }}}} or {{% %}})"
    known = {*env.env.globals, *env.variables, *page.meta}
    unknown = meta.find_undeclared_variables(tree) - known
    for node in tree.find_all(nodes.Name):
        if node.name in unknown:
            hint = did_you_mean(node.name, sorted(env.macros)) or (
                "; a number's key and a figure's name are quoted: number(\"KEY\")"
            )
            return f"line {first + node.lineno}: {node.name!r} is not a macro or a variable{hint}"
    return ""


def on_post_page_macros(env: Any) -> None:
    # any other failure (``{{ page.titel }}``): mkdocs-macros replaces the page with its report
    failed = re.match(
        r"# _Macro Rendering Error_.*?^_(?!File_)(\w+)_: (.*?)$", env.markdown, re.S | re.M
    )
    if failed:
        _problems.append(f"{env.page.file.src_uri}: {': '.join(failed.groups())}")
    if _problems:
        message = _problems[0]
        _problems.clear()
        raise PluginError(message)


def _sentence(markdown: str, expression: str) -> str:
    """The sentence of ``markdown`` that ends with the claim of ``expression``."""
    pos = markdown.find(expression)
    end = markdown.rfind("{{", 0, pos) if pos >= 0 else -1
    if end < 0:
        return expression
    start = max(markdown.rfind("\n\n", 0, end), 0)
    words = re.split(r"(?<=[.!?:])\s+(?=[A-Z*$])", markdown[start:end].strip())[-1]
    words = " ".join(re.sub(r"\{\{\s*claim\(.*?\)\s*\}\}", "", words).split())
    return words if len(words) <= 240 else "…" + words[-240:]


def figure_markdown(fig: Any, page_url: str) -> str:
    """The Markdown (md_in_html) of a figure: alt text, caption, and one ``<picture>`` per theme.

    Material shows the ``<img>`` whose ``src`` ends in ``#only-light`` in the light palette and
    the ``#only-dark`` one in the dark palette (a palette the reader can toggle, which a media
    query cannot see). Inside each, a ``<source>`` gives the figure's narrow variant to screens
    up to 600 px wide: a phone loads one file, of its width and its palette.

    The lightbox shows the desktop variant, zoomable. mkdocs-glightbox would wrap the ``<img>``
    itself in a link, inside the ``<picture>``, where it must not be; so the link is written
    here, around the ``<picture>``, with the attributes the plugin gives its own links, and
    the ``<img>`` carries the class that tells the plugin to leave it alone.

    Each image and source carries its width and height, so that the page makes room for it
    before it loads and does not move under the reader's eyes when it arrives.

    The alt text reaches the page exactly as the figure's ``<title>`` says it: it is written as
    an HTML attribute, which Markdown leaves as it is ("range [0, ∞)" keeps its brackets).
    """
    files = fig.files()

    def url(variant: str) -> str:  # raw HTML: relative to the page's URL, as MkDocs would make it
        return escape(get_relative_url(f"figures/{files[variant]}", page_url))

    def size(inches: tuple[float, float]) -> str:  # CSS px: the page knows the shape early
        width, height = (round(v * 96) for v in inches)
        return f'width="{width}" height="{height}"'

    alt = escape(fig.alt)
    pictures = []
    for theme in THEMES:
        full = f"{url(theme)}#only-{theme}"
        narrow = f"narrow.{theme}"
        source = ""
        if narrow in files:
            source = f'<source media="{NARROW_MEDIA}" srcset="{url(narrow)}" {size(fig.narrow)}>'
        pictures.append(
            f'<a class="glightbox" href="{full}" data-type="image" data-width="auto" '
            f'data-height="auto" data-desc-position="bottom" data-gallery="{theme}">'
            f'<picture>{source}<img class="no-lightbox" alt="{alt}" src="{full}" '
            f'{size(fig.size)} loading="lazy"></picture></a>'
        )
    lines = ['<figure markdown="1" class="explainer-figure">', "", f"  {' '.join(pictures)}", ""]
    if fig.caption:
        lines.append(f'  <figcaption markdown="span">{fig.caption}</figcaption>')
    return "\n".join([*lines, "</figure>"])
