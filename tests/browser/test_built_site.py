"""The built site, read as files: strict build, links, self-contained pages, page weight.

No browser needed: these run wherever the site builds. The build itself is shared with the
browser tests (the ``built_site`` fixture in this folder's conftest).
"""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, require

#: Page weight budgets, bytes: the page's HTML and its own images (not Material's shared assets).
PAGE_BUDGET = 300 * 1024
NOTEBOOK_BUDGET = 250 * 1024
SVG = "{http://www.w3.org/2000/svg}"
NOTEBOOK = "notebooks/compute-it-yourself/index.html"

#: The pages the tutorial must have (src layout of docs/ mapped to the built files).
EXPECTED_PAGES = [
    "index.html",
    "structure/index.html",
    "activation/index.html",
    "try-a-neuron/index.html",
    "activation-functions/index.html",
    "threshold/index.html",
    "forward-pass/index.html",
    "try-a-digit/index.html",
    NOTEBOOK,
    "cost/index.html",
    "training/index.html",
    "backpropagation/index.html",
    "gradient-descent/index.html",
    "reference/activations/index.html",
    "reference/activations/relu/index.html",
    "reference/activations/softmax/index.html",
    "reference/api/index.html",
    "reference/figures/index.html",
]


class Page(HTMLParser):
    """The parts of an HTML page the checks need: ids, links, resources, images."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []  # <a href>
        self.resources: list[tuple[str, str]] = []  # (tag, url) that the browser loads
        self.images: list[dict[str, str]] = []  # with "narrow": its <picture>'s <source>, if any
        self._source = ""
        self.text = text
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag in ("img", "script", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.resources.append((tag, a["src"]))
        if tag == "link" and a.get("href"):
            rel = a.get("rel", "")
            if any(r in rel.split() for r in ("stylesheet", "icon", "preload", "modulepreload")):
                self.resources.append((tag, a["href"]))
        if tag == "picture":
            self._source = ""
        if tag == "source" and a.get("srcset"):
            self._source = a["srcset"]
            self.resources.append((tag, a["srcset"]))
        if tag == "img":
            self.images.append({**a, "narrow": self._source})
            self._source = ""
        if tag == "object" and a.get("data"):
            self.resources.append((tag, a["data"]))


_pages: dict[Path, Page] = {}


def parse(path: Path) -> Page:
    if path not in _pages:
        _pages[path] = Page(path.read_text(encoding="utf-8"))
    return _pages[path]


def local_target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file a relative (or root-relative) URL points at, and its fragment; None if external."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page, parts.fragment
    base = site if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path.lstrip("/"))).resolve()
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_strict_build_has_no_warnings(built_site):
    warnings = [line for line in built_site.log.splitlines() if line.startswith("WARNING")]
    assert not warnings, "\n".join(warnings)


def test_every_tutorial_page_is_built(built_site):
    missing = [p for p in EXPECTED_PAGES if not (built_site.path / p).is_file()]
    assert not missing


def test_every_link_and_anchor_resolves(built_site):
    """MkDocs validates Markdown links, but not links inside notebooks or the theme: this does."""
    problems = []
    for page in built_site.pages():
        doc = parse(page)
        urls = doc.links + [url for _, url in doc.resources]
        for url in urls:
            if url.startswith(("mailto:", "data:", "javascript:")):
                continue
            found = local_target(built_site.path, page, url)
            if found is None:
                continue
            target, fragment = found
            where = page.relative_to(built_site.path)
            if not target.is_file():
                problems.append(f"{where}: {url} -> missing {target}")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                problems.append(f"{where}: {url} -> no id {fragment!r}")
    assert not problems, "\n".join(problems)


def test_no_page_loads_anything_from_another_server(built_site):
    """Scripts, styles, fonts, images: all from the site itself (links to read are fine)."""
    problems = []
    for page in built_site.pages():
        doc = parse(page)
        for tag, url in doc.resources:
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                problems.append(f"{page.relative_to(built_site.path)}: <{tag}> {url}")
        for m in re.finditer(r"@import|url\(\s*['\"]?(?:https?:)?//", doc.text):
            problems.append(f"{page.relative_to(built_site.path)}: inline CSS {m.group(0)}")
    for css in built_site.path.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        external = r"url\(\s*['\"]?(?:https?:)?//[^)]*\)|@import\s+url\(\s*['\"]?http"
        for m in re.finditer(external, text):
            problems.append(f"{css.relative_to(built_site.path)}: {m.group(0)[:80]}")
    assert not problems, "\n".join(problems)


def test_every_placeholder_and_formula_was_replaced(built_site):
    problems = []
    for page in built_site.pages():
        text = parse(page).text
        where = page.relative_to(built_site.path)
        body = re.sub(r"<(pre|code)\b.*?</\1>", "", text, flags=re.S)  # pages may show them
        if re.search(r"\{\{\s*(figure|number)\(", body):
            problems.append(f"{where}: an unreplaced placeholder")
        if 'class="arithmatex"' in text and "<math" not in text:
            problems.append(f"{where}: math left as LaTeX")
        if re.search(r'<span class="arithmatex">\\\(', text):
            problems.append(f"{where}: inline math left as LaTeX")
        # what the reader reads, outside code and formulas: no TeX command or $ delimiter
        soup = BeautifulSoup(text, "html.parser")
        for element in soup(["pre", "code", "math", "script", "style", "svg"]):
            element.decompose()
        words = soup.get_text(" ")
        for m in re.finditer(r"\\(?:[a-zA-Z]{2,}|[()\[\]])|\$[^\s$]", words):
            problems.append(f"{where}: LaTeX shown as text: {words[m.start() : m.end() + 30]!r}")
    assert not problems, "\n".join(problems)


def svg_px(path: Path) -> tuple[str, str]:
    """The width and height of an SVG drawn by matplotlib (in points), in CSS px, rounded."""
    head = path.read_text(encoding="utf-8")[:1000]
    found = re.search(r'<svg[^>]*\bwidth="([0-9.]+)pt" height="([0-9.]+)pt"', head)
    assert found, path
    return str(round(float(found[1]) * 4 / 3)), str(round(float(found[2]) * 4 / 3))


def test_figures_have_alt_text_captions_and_both_variants(built_site):
    """Each figure: alt text, caption, the dark twin of its light image, a narrow variant for
    phones, and its width and height (so that the page does not move when it loads)."""
    problems = []
    for page in built_site.pages():
        doc = parse(page)
        where = page.relative_to(built_site.path)
        for img in doc.images:
            src = img.get("src", "")
            if len(img.get("alt", "").strip()) < 20:
                problems.append(f"{where}: image {src[:60]} has no real alt text")
            theme = re.search(r"\.(light|dark)\.svg#only-(light|dark)$", src)
            if theme and not img["narrow"].endswith(f".narrow.{theme[1]}.svg"):
                problems.append(f"{where}: {src} has no narrow {theme[1]} variant for phones")
            found = local_target(built_site.path, page, src)
            if theme and found and svg_px(found[0]) != (img.get("width"), img.get("height")):
                problems.append(f"{where}: {src} does not say its size, {svg_px(found[0])}")
        srcs = {i.get("src", "") for i in doc.images}
        for src in sorted(s for s in srcs if s.endswith(".light.svg#only-light")):
            dark = src.replace(".light.svg#only-light", ".dark.svg#only-dark")
            if dark not in srcs:
                problems.append(f"{where}: {src} has no dark variant")
        chunks = doc.text.split('<figure class="explainer-figure"')[1:]
        for chunk in chunks:
            figure = chunk[: chunk.index("</figure>")]
            if "<figcaption" not in figure:
                problems.append(f"{where}: a figure without a caption")
            if figure.count("<img") != 2:
                problems.append(f"{where}: a figure without its two variants")
    assert not problems, "\n".join(problems)


def page_weights(site: Path, page: Path) -> dict[str, int]:
    """Bytes of the page's HTML plus its own images, as a reader of each palette loads them on
    a desktop and on a phone (which loads a figure's narrow variant, its ``<source>``).

    The figure variant of the other palette is not counted: it is a lazy image that stays
    hidden (``display: none``), and browsers do not fetch those. Material's shared assets
    (``assets/``: theme scripts and styles, the search index) are not counted either.
    """
    doc = parse(page)
    html = page.stat().st_size
    weights = {}
    for scheme, other in (("light", "#only-dark"), ("dark", "#only-light")):
        for screen in ("desktop", "phone"):
            files = set()
            for img in doc.images:
                src = img.get("src", "")
                if src.endswith(other):
                    continue
                url = img["narrow"] if screen == "phone" and img["narrow"] else src
                found = local_target(site, page, url)
                if (
                    found
                    and found[0].is_file()
                    and "assets" not in found[0].relative_to(site).parts
                ):
                    files.add(found[0])
            weights[f"{scheme} {screen}"] = html + sum(f.stat().st_size for f in files)
    return weights


def test_page_weights(built_site):
    rows, over = [], []
    for page in built_site.pages():
        rel = page.relative_to(built_site.path).as_posix()
        weight = max(page_weights(built_site.path, page).values())
        budget = NOTEBOOK_BUDGET if rel == NOTEBOOK else PAGE_BUDGET
        rows.append(f"{weight / 1024:7.1f} KB  {rel}")
        if weight > budget:
            over.append(f"{rel}: {weight / 1024:.1f} KB > {budget / 1024:.0f} KB")
    assert not over, "\n".join(over + ["", *rows])


def test_notebook_page_is_plain_material_markup(built_site):
    text = parse(built_site.path / NOTEBOOK).text
    content = text[text.index('<div class="explainer-notebook">') :]
    content = content[: content.index("</article>")]
    assert "<style" not in content and "<script" not in content
    assert "jp-Cell" not in content  # JupyterLab's wrappers are gone
    assert 'class="language-python highlight"' in content  # code cells look like Material code
    assert "No description has been provided" not in content  # every plot has alt text
    assert content.count("<img") >= 2


def test_api_page_cross_references_are_links_and_topics_are_terms(built_site):
    """The docstrings are written in mkdocstrings' own syntax: no Sphinx role or unresolved
    ``[`name`][identifier]`` is left as text, cross-references are links to the objects on the
    page, and a topic ("The data", then an indented paragraph) is a definition list."""
    text = parse(built_site.path / "reference/api/index.html").text
    assert not re.search(r":(?:class|func|meth|mod|data|attr|exc|obj):", text)
    assert not re.search(r"\]\[[\w.]*\]", text)
    links = set(re.findall(r'<a class="autorefs[^"]*"[^>]*href="#(explainer[\w.]*)"', text))
    assert {
        "explainer.activations.Activation",
        "explainer.activations.get",
        "explainer.network.Network",
        "explainer.network.NetworkError",
        "explainer.training.backprop",
    } <= links
    assert "<dt>The data</dt>" in text and "<dt>How values are computed</dt>" in text
    assert '<dt>Backpropagation (<a class="autorefs' in text


@pytest.mark.parametrize("term", ["sigmoid", "ReLU", "threshold"])
def test_search_index_has_the_tutorial(built_site, term):
    index = (built_site.path / "search" / "search_index.json").read_text(encoding="utf-8")
    assert term.lower() in index.lower()


def test_every_formula_on_every_page_is_well_formed_mathml(built_site):
    """Each ``msup``, ``msub``, ``mfrac``, ``munderover`` ... has exactly its required children.

    A third child in ``<msup><mi>tanh</mi><mspace/><mn>2</mn></msup>`` is drawn by Chromium as
    "tanh 2z": another function. The check reads the built HTML, notebook included.
    """
    from explainer.mathml import check_html

    problems, formulas = [], 0
    for page in built_site.pages():
        text = parse(page).text
        formulas += text.count("<math")
        problems += [f"{page.relative_to(built_site.path)}: {p}" for p in check_html(text)]
    assert formulas > 100  # the check saw the site's math
    assert not problems, "\n".join(problems)


def test_the_math_font_is_served_with_its_licence(built_site):
    from fontTools.ttLib import TTFont

    from explainer.mathml import FONT_PATH, characters

    font = TTFont(built_site.path / FONT_PATH)
    assert "MATH" in font
    cmap = font.getBestCmap()
    used = set()
    for page in built_site.pages():
        used |= characters(parse(page).text)
    missing = sorted(c for c in used if ord(c) not in cmap)
    assert not missing, f"characters of the site's formulas missing from the math font: {missing}"
    licence = (built_site.path / "assets/fonts/explainer-math-OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_every_figure_alt_text_is_the_figures_own_title(built_site):
    """A screen reader hears what the figure says about itself, character for character.

    Each ``<img>`` of a figure carries as ``alt`` exactly the ``<title>`` of the SVG it shows
    (brackets included: "[0, ∞)" is not "(0, ∞)").
    """
    import html
    import xml.etree.ElementTree as ET

    problems, checked = [], 0
    for page in built_site.pages():
        doc = parse(page)
        where = page.relative_to(built_site.path)
        for img in doc.images:
            found = local_target(built_site.path, page, img.get("src", ""))
            if found is None or found[0].suffix != ".svg":
                continue
            title = ET.parse(found[0]).getroot().find("{http://www.w3.org/2000/svg}title")
            if title is None:
                problems.append(f"{where}: {found[0].name} has no <title>")
                continue
            checked += 1
            if img.get("alt") != title.text:
                problems.append(
                    f"{where}: {found[0].name}\n    alt:   {img.get('alt')!r}\n"
                    f"    title: {html.unescape(title.text or '')!r}"
                )
    assert checked >= 60
    assert not problems, "\n".join(problems)


def test_properdocs_builds_the_same_site(built_site, tmp_path):
    """ProperDocs, the maintained fork of MkDocs 1.6, builds this site page for page the same:
    leaving MkDocs is one line (`properdocs` for `mkdocs`). Only the generator tag differs."""
    properdocs = Path(sys.executable).with_name("properdocs")
    require(properdocs.is_file(), "ProperDocs is not installed (it is in the `site` extra)")
    out = tmp_path / "site"
    proc = subprocess.run(
        [str(properdocs), "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    generator = re.compile(r'<meta name="generator" content="[^"]*">')
    pages = sorted(p.relative_to(built_site.path) for p in built_site.pages())
    assert sorted(p.relative_to(out) for p in out.rglob("*.html")) == pages
    different = [
        str(page)
        for page in pages
        if page.as_posix() != NOTEBOOK  # its plots carry the time they were drawn
        and generator.sub("", (out / page).read_text(encoding="utf-8"))
        != generator.sub("", (built_site.path / page).read_text(encoding="utf-8"))
    ]
    assert not different, different


#: Subscript letters that name "neuron i", "neuron j", ... in a figure's words.
_INDICES = {"ᵢ": "i", "ⱼ": "j", "ₖ": "k"}


def test_the_home_page_names_what_a_symbol_stands_for_before_using_it(built_site):
    """A reader starting on the home page meets each index (the i of aᵢ, the j of wᵢⱼ) in words,
    "neuron i", before it appears as a subscript: in the text above a figure or its caption."""
    soup = BeautifulSoup(parse(built_site.path / "index.html").text, "html.parser")
    article = soup.select_one("article")
    captions = article.select("figure figcaption")
    assert captions
    for caption in captions:
        before = "".join(
            e.get_text(" ")
            for e in caption.find_all_previous(["p", "h1", "li"])
            if article in e.parents
        )
        for sub, letter in _INDICES.items():
            text = caption.get_text(" ")
            if sub in text:
                words = before + " " + text[: text.index(sub)]
                assert re.search(rf"\b{letter}\b", words), (letter, text)


def test_on_the_backpropagation_page_h_and_o_only_name_neurons(built_site):
    """The page names its neurons h₁, h₂, o₁, o₂ (and, inside a subscript, h1 or oj: b_h1 is
    the bias of h₁); a bare h (or o) in a formula is another thing under the same letter (the
    finite differences' step was h, 2h, h²)."""
    soup = BeautifulSoup(parse(built_site.path / "backpropagation/index.html").text, "html.parser")
    letters = [mi for mi in soup.select("article math mi") if mi.get_text() in ("h", "o")]
    assert letters, "the neurons' names are gone"
    for mi in letters:
        numbered = mi.find_next_sibling()
        named = (mi.parent.name == "msub" and mi.find_previous_sibling() is None) or (
            numbered is not None and numbered.name in ("mn", "mi")  # h1, o j: an index
        )
        assert named, f"a bare {mi.get_text()} in {mi.find_parent('math').get_text(' ')!r}"


def test_on_the_cost_page_y_is_the_target_and_never_an_index(built_site):
    """The cost page writes the target as y, ten numbers; the true digit, a number, has a letter
    of its own (it was a_y: y as the target and, in a subscript, as the digit)."""
    soup = BeautifulSoup(parse(built_site.path / "cost/index.html").text, "html.parser")
    assert soup.select("article math mi"), "the page has no formulas"
    for sub in soup.select("article math msub"):
        index = sub.find_all(recursive=False)[1]
        assert index.get_text().strip() != "y", sub.find_parent("math").get_text(" ")


def test_the_notebook_plot_names_its_dotted_line_in_the_legend(built_site):
    """The notebook's plot of sigmoid, tanh and ReLU marks the neuron's weighted sum with a
    dotted vertical line; a reader who sees the plot, not its alt text, learns what the line is
    from the legend, in both palettes."""
    from explainer.examples import worked_example

    soup = BeautifulSoup(parse(built_site.path / NOTEBOOK).text, "html.parser")
    plots = [img for img in soup.select(".md-content img") if "dotted" in img.get("alt", "")]
    assert len(plots) == 2, "the plot with the dotted line, in the light and the dark palette"
    name = f"the neuron's z = {worked_example().z:.2f}"
    for img in plots:
        data = img["src"].split(",", 1)[1].partition("#")[0]  # without "#only-dark"
        svg = base64.b64decode(data, validate=True).decode("utf-8")
        root = ET.fromstring(svg)
        texts = [" ".join("".join(t.itertext()).split()) for t in root.iter(f"{SVG}text")]
        assert name in texts, f"no legend entry {name!r} among the plot's texts {texts}"


def test_a_link_called_next_page_goes_to_the_next_page(built_site):
    """A link whose words are "next page" leads where the footer's "Next" does: the page after
    this one in the navigation, not one further on (the Neuron activation page sent its reader
    past "Try it: one neuron" to Activation functions)."""
    wrong = []
    for rel in EXPECTED_PAGES:
        soup = BeautifulSoup(parse(built_site.path / rel).text, "html.parser")
        footer = soup.select_one("a.md-footer__link--next")
        for a in soup.select(".md-content a[href]"):
            if " ".join(a.get_text().split()).lower() != "next page":
                continue
            target = a["href"].split("#", 1)[0]
            if footer is None or target != footer["href"]:
                wrong.append(f"{rel}: 'next page' -> {a['href']}, the next page is "
                             f"{footer['href'] if footer else 'none'}")  # fmt: skip
    assert not wrong, "\n".join(wrong)
