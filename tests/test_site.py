"""The site's pieces: the pages' macros and generated pages (through a small site built in this
process), numbers, math, notebook HTML, the notebook cache. (The whole site: ``tests/browser/``.)
"""

from __future__ import annotations

import html
import logging
import math
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils.yaml import yaml_load

from explainer import activations, mathml, site
from explainer import build as figures_build
from explainer.mathml import MathError, latex_to_mathml
from explainer.numbers import GROUPS, Numbers, UnknownNumber

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------- a small site


def _macros_config() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        plugins = yaml_load(f)["plugins"]
    return next(p["macros"] for p in plugins if isinstance(p, dict) and "macros" in p)


def write_site(tmp_path: Path, pages: dict[str, str], nav: list | None = None) -> Path:
    """``mkdocs.yml`` of a site of ``pages`` (docs path -> Markdown) with the site's plugins."""
    for name, text in pages.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    config = {
        "site_name": "test",
        "plugins": [
            {"explainer": {"figures_dir": str(ROOT / "figures"), "regenerate": False}},
            {"macros": _macros_config()},
        ],
        "markdown_extensions": [
            "attr_list",
            "md_in_html",
            {"pymdownx.arithmatex": {"generic": True}},
        ],
    }
    if nav is not None:
        config["nav"] = nav
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def build_site(tmp_path: Path, pages: dict[str, str], nav: list | None = None) -> Path:
    """Build ``pages`` (docs path -> Markdown) with the site's plugins, as ``mkdocs build --strict``
    does (in this process); returns the site folder. Raises :class:`Abort` when the build stops."""
    config = write_site(tmp_path, pages, nav)
    cfg = load_config(str(config), strict=True, site_dir=str(tmp_path / "site"))
    cfg.plugins.on_startup(command="build", dirty=False)
    build(cfg)
    return tmp_path / "site"


def build_error(tmp_path: Path, markdown: str, caplog: pytest.LogCaptureFixture) -> str:
    """The last problem the build of a page ``guide/page.md`` with ``markdown`` logs as it stops."""
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(tmp_path, {"guide/page.md": markdown})
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING][-1]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The HTML of ``guide/page.md``, written with every kind of placeholder."""
    tmp = tmp_path_factory.mktemp("macros")
    markdown = """# Page

z is {{ number("worked_example.z", ".2f") }} and b is {{ number("ann.biases") }}.
b is {{ number("worked_example.b", "g") }}.

The network is right.{{ claim("digits.predicted == digits.label") }} Next.

{{ figure("relu") }}

Shown as written:

{% raw %}
```text
{{ figure("NAME") }} and {{ number("no.such", ".3f") }}
```
{% endraw %}
"""
    nav = [{"Page": "guide/page.md"}, {"Reference": [{"Activations": "reference/activations.md"}]}]
    out = build_site(tmp, {"guide/page.md": markdown}, nav)
    return (out / "guide" / "page" / "index.html").read_text(encoding="utf-8")


def test_number_placeholders_are_replaced_with_computed_values(page):
    assert f"z is {Numbers().get('worked_example.z'):.2f} and b is 15." in page


def test_negative_numbers_get_a_true_minus_sign_in_prose(page):
    assert "b is \u22120.3." in page


def test_a_figure_placeholder_becomes_both_variants_with_alt_and_caption(page):
    relu = {
        f.name: f for f in figures_build.catalogue(figures_build.load_manifest(ROOT / "figures"))
    }["relu"]
    alt = html.escape(relu.alt, quote=True)
    for theme in ("light", "dark"):
        img = re.search(rf'<img[^>]*src="../../figures/relu.{theme}.svg#only-{theme}"[^>]*>', page)
        assert img and f'alt="{alt}"' in img.group(0)  # "[0, ∞)" kept: brackets were escaped
    assert "<figcaption>" in page and "ReLU, above," in page


def test_a_true_claim_leaves_nothing_on_the_page(page):
    assert "<p>The network is right. Next.</p>" in page


def test_placeholders_in_a_raw_block_are_shown_as_written(page):
    assert "{{ figure(&quot;NAME&quot;) }} and {{ number(&quot;no.such&quot;" in page


def test_the_split_reference_gets_a_section_in_the_nav(page):
    assert 'href="../../reference/activations/relu/"' in page  # one page per function
    # the overview is named by its own heading, not "Overview" (the footer's "Next: Overview")
    overview = re.search(r'href="../../reference/activations/"[^>]*>(.*?)</a>', page, re.S)
    assert overview and "Activation functions: a reference" in overview.group(1)


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ('{{ number("worked_example.zz") }}', "did you mean 'worked_example.z'"),
        ('{{ number("nope.z") }}', "unknown number 'nope.z'"),
        ('{{ number("worked_example.z", "q") }}', "bad format 'q'"),
        ('{{ figure("rleu") }}', "did you mean 'relu'"),
        ('see {{ figure("relu") }} inline', "alone on a line"),
    ],
)
def test_mistakes_stop_the_build_with_one_line_naming_the_page(tmp_path, caplog, markdown, message):
    log = build_error(tmp_path, f"# Page\n\n{markdown}\n", caplog)
    assert log.startswith("guide/page.md: ") and message in log
    assert "\n" not in log


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        (
            '{{ numbr("worked_example.z") }}',
            "line 3: 'numbr' is not a macro or a variable; did you mean 'number'?",
        ),
        (
            "{{ number(worked_example.z) }}",
            "line 3: 'worked_example' is not a macro or a variable; a number's key",
        ),
        ('{{ figure("relu" }}', "line 3: unexpected '}', expected ')'"),
        ("{{ page.titel }}", "UndefinedError: "),  # found as it renders: mkdocs-macros warns first
    ],
)
def test_a_malformed_placeholder_stops_the_quiet_strict_build_in_one_line(
    tmp_path, markdown, message
):
    """mkdocs-macros only warns about a placeholder it cannot render, with a traceback, and puts
    the traceback on the page: ``mkdocs build --strict -q`` (whose -q drops warnings before
    they are counted) published it and exited 0."""
    write_site(tmp_path, {"guide/page.md": f"# Page\n\n{markdown}\n"})
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    errors = [ln for ln in done.stderr.splitlines() if ln.startswith("ERROR")]
    assert errors[-1].startswith(f"ERROR   -  guide/page.md: {message}")
    if "titel" not in markdown:  # found before rendering: no traceback
        assert "Traceback" not in done.stderr and "Macro" not in done.stderr


@pytest.mark.parametrize("module", ["activations", "numbers"])
def test_a_syntax_error_in_the_package_stops_the_build_in_one_line(tmp_path, module):
    """A typo in the code an author is editing (under ``mkdocs serve`` too): one line naming the
    file and the line, not the 50 to 70 lines of traceback it was."""
    import shutil

    shutil.copytree(ROOT / "src" / "explainer", tmp_path / "src" / "explainer")
    broken = tmp_path / "src" / "explainer" / f"{module}.py"
    lines = broken.read_text(encoding="utf-8").count("\n")
    broken.write_text(broken.read_text(encoding="utf-8") + "def broken(:\n", encoding="utf-8")
    write_site(tmp_path, {"index.md": "# Page\n"})
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(tmp_path / "src")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    problem = f"explainer: src/explainer/{module}.py:{lines + 1}: SyntaxError: invalid syntax"
    assert f"ERROR   -  {problem}" in done.stderr.splitlines()


# --------------------------------------------------------------------------- numbers


def test_a_warm_build_reads_what_it_prints_and_imports_no_numpy(tmp_path):
    """The numbers, the generated pages and the widgets' data are computed once per change of
    their code (``build.remembered``): a build after that imports neither numpy nor matplotlib,
    and prints the same numbers as the package computes."""
    markdown = 'z is {{ number("worked_example.z", ".4f") }}.\n\n{{ figure("relu") }}\n'
    config = write_site(tmp_path, {"index.md": markdown})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPROFILEIMPORTTIME": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)]
    for _ in range(2):  # the first may compute, the second reads
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "explainer.numbers" in imported  # the profile did record the macros' imports
    assert "numpy" not in imported and "matplotlib" not in imported
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f"z is {Numbers().format('worked_example.z', '.4f')}." in html
    assert (tmp_path / "site" / "reference" / "activations" / "relu" / "index.html").is_file()
    assert (tmp_path / "site" / "widgets" / "neuron" / "relu.json").is_file()


def test_every_number_group_computes():
    values = Numbers().all()
    assert {key.split(".")[0] for key in values} == set(GROUPS)
    assert all(isinstance(v, int | float | str) for v in values.values())


def test_the_figures_page_names_every_group_of_numbers():
    """Regenerating the figures lists the groups of keys in numbers.py; it left out `widget`."""
    text = (ROOT / "docs" / "reference" / "figures.md").read_text(encoding="utf-8")
    listed = re.search(r"grouped by what they describe\s*\(([^)]*)\)", text)
    assert listed, "the sentence that lists the groups is gone"
    assert set(re.findall(r"`(\w+)`", listed.group(1))) == set(GROUPS)


def test_the_numbers_tell_the_truth_the_post_got_wrong():
    n = Numbers()
    assert n.get("act.relu.range") == "[0, ∞)"  # not "between 0 and 1"
    assert n.get("act.sigmoid.range") == "(0, 1)"  # open: 0 and 1 are never reached
    assert n.get("act.tanh.range") == "(−1, 1)"
    assert n.get("act.relu.f100") == 100.0
    assert n.get("perceptron.b") == -n.get("perceptron.theta")  # the threshold is the bias


def test_the_worked_example_adds_up():
    n = Numbers()
    products = [n.get(f"worked_example.wx{i}") for i in (1, 2, 3)]
    assert math.isclose(sum(products), n.get("worked_example.weighted"))
    z = n.get("worked_example.weighted") + n.get("worked_example.b")
    assert math.isclose(z, n.get("worked_example.z"))
    assert math.isclose(n.get("worked_example.a"), 1 / (1 + math.exp(-z)))


def test_the_digit_numbers_are_consistent():
    n = Numbers()
    assert n.get("digits.train") + n.get("digits.test") == n.get("digits.images")
    assert math.isclose(n.get("digits.probability_sum"), 1.0)
    assert n.get("digits.mistake.label") != n.get("digits.mistake.predicted")
    assert n.get("digits.test_correct") + n.get("digits.mistakes") == n.get("digits.test")


def test_unknown_keys_suggest_the_closest():
    with pytest.raises(UnknownNumber, match="did you mean 'digits.test'"):
        Numbers().get("digits.tset")


# --------------------------------------------------------------------------- math


def test_math_becomes_mathml():
    html = (
        '<p>a <span class="arithmatex">\\(z = w x + b\\)</span> b</p>\n'
        '<div class="arithmatex">\\[a &lt; \\frac{1}{2}\\]</div>'
    )
    out = mathml.math_to_mathml(html)
    assert "arithmatex" in out  # the block keeps its (scrolling) div
    assert '<span class="arithmatex">' not in out and "\\(" not in out and "\\[" not in out
    assert out.count("<math") == 2 and 'display="block"' in out
    assert "<mfrac>" in out and "<mo>&lt;</mo>" in out  # &lt; was unescaped, then escaped again


def test_a_minus_sign_after_an_operator_is_a_sign():
    out = latex_to_mathml("b = \u22120.3 - (-1) - x")
    assert out.count('<mo form="prefix">\u2212</mo>') == 2  # "= −0.3" and "(−1"
    assert out.count("<mo>\u2212</mo>") == 2  # the two subtractions


def test_infinity_and_partial_are_symbols_not_operators():
    # an <mo>∞</mo> gets an operator's space on both sides: "[0, ∞ )"
    assert '<mi mathvariant="normal">\u221e</mi><mo stretchy="false">)</mo>' in latex_to_mathml(
        r"[0, \infty)"
    )
    assert "<mo>" not in latex_to_mathml(r"\partial C")
    # so a minus after ∞ is a binary minus, not a sign
    assert 'form="prefix"' not in latex_to_mathml(r"\infty - 1")


def test_a_slash_is_set_without_space():
    # an operator's space on both sides drew "∂C / ∂z"; TeX sets "/" as an ordinary symbol
    assert '<mo lspace="0" rspace="0">/</mo>' in latex_to_mathml(r"\partial C / \partial z")


def test_names_and_primes_are_set_like_tex():
    assert "<mi>ReLU</mi>" in latex_to_mathml(r"\operatorname{ReLU}(z)")
    assert "<mspace" in latex_to_mathml(r"\tanh z")
    assert "<msup>" not in latex_to_mathml("f'(z)")
    # no thin space between a name and its prime or its bracket
    assert "<mspace" not in latex_to_mathml(r"\tanh'(z)")
    assert "<mspace" not in latex_to_mathml(r"\tanh(z)")
    # every prime of a row stays after its own base (GELU's derivative has three)
    assert re.sub(r"</?m[a-z]+[^>]*>", " ", latex_to_mathml("f'(z) g'(z)")).split() == [
        "f", "\u2032", "(", "z", ")", "g", "\u2032", "(", "z", ")"
    ]  # fmt: skip


def test_a_name_after_a_symbol_is_spaced_from_it():
    # the cost page drew the cross-entropy "y_jlog a_j": TeX puts a thin space between a symbol
    # and a function name after it, and none after "=" or a minus sign
    out = latex_to_mathml(r"C = -\sum_j y_j \log a_j = -\log a_y")
    assert "</msub><mspace" in out and "</mspace><mi>log</mi>" in out, out
    assert '<mo form="prefix">−</mo><mi>log</mi>' in out, out
    assert "<mo>=</mo><mi>max</mi>" in latex_to_mathml(r"= \max(0, z)")


def test_a_one_letter_name_is_upright_and_sim_is_a_relation():
    # the catalogue's "E[f(Z)] with Z ∼ 𝒩(0, 1)" was drawn " E [f(Z)]" (E spaced as an
    # operator) and "Z~𝒩(0, 1)" (an ASCII tilde as a name, no space around it)
    expectation = latex_to_mathml(r"\operatorname{E}[f(Z)]")
    assert expectation.startswith(
        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow>'
        '<mi mathvariant="normal">E</mi><mo stretchy="false">[</mo>'
    ), expectation
    assert "<mo>\u223c</mo>" in latex_to_mathml(r"Z \sim \mathcal{N}(0, 1)")
    assert "~" not in latex_to_mathml(r"Z \sim \mathcal{N}(0, 1)")


@pytest.mark.parametrize("tex", [r"1 - \tanh^2 z", r"\tanh'(z)", r"\tanh^2(z)", r"\sin_1^2 x"])
def test_a_function_name_with_a_script_stays_well_formed(tex):
    """The thin space after ``\\tanh^2`` goes after the whole ``<msup>``, never inside it."""
    import xml.etree.ElementTree as ET

    out = latex_to_mathml(tex)
    root = ET.fromstring(out)
    for el in root.iter():
        tag = el.tag.rpartition("}")[2]
        if tag in mathml.ARITY:
            assert len(el) == mathml.ARITY[tag], out
    if "tanh^2" in tex:
        assert re.search(r"<msup><mi>tanh</mi><mn>2</mn></msup>", out), out


def test_check_reports_an_element_with_the_wrong_number_of_children():
    bad = (
        '<p><math xmlns="http://www.w3.org/1998/Math/MathML"><msup><mi>tanh</mi>'
        "<mspace></mspace><mn>2</mn></msup></math></p>"
    )
    problems = mathml.check_html(bad)
    assert len(problems) == 1 and "<msup> has 3 children, not 2" in problems[0]
    assert mathml.check_html(latex_to_mathml(r"\frac{1}{2} + x^2 + \sum_{i=1}^n i")) == []


def test_a_sum_has_its_limits_under_and_over_it():
    for display in (False, True):
        out = latex_to_mathml(r"\sum_{i=1}^{n} w_i", display)
        assert "<munderover><mo" in out and "msubsup" not in out


def test_every_registry_formula_is_well_formed():
    formulas = [activations.SOFTMAX_FORMULA, activations.SOFTMAX_JACOBIAN_FORMULA]
    for act in activations.all_activations():
        formulas += [act.formula_latex(), act.derivative_latex()]
    for tex in formulas:
        assert mathml.check_html(latex_to_mathml(tex, True)) == [], tex


def test_a_formula_that_cannot_convert_is_an_error():
    with pytest.raises(MathError, match="cannot convert"):
        latex_to_mathml(r"\frac{1}{")


def test_the_math_font_is_cut_down_keeps_its_math_table_and_is_renamed(tmp_path):
    from fontTools.ttLib import TTFont

    out = mathml.subset_font("∑z", tmp_path / "m.woff2", cache=tmp_path / "cache")
    font = TTFont(out)
    assert font.flavor == "woff2" and "MATH" in font
    cmap = font.getBestCmap()
    assert ord("∑") in cmap and ord("z") in cmap and ord("∮") not in cmap
    assert font["name"].getDebugName(1) == mathml.FONT_FAMILY
    assert "Open Font License" in font["name"].getDebugName(13)
    assert out.stat().st_size < 100_000  # the whole font is 1.5 MB
    again = mathml.subset_font("z∑", tmp_path / "n.woff2", cache=tmp_path / "cache")
    assert again.read_bytes() == out.read_bytes()


def test_the_math_font_made_again_is_the_same_font(tmp_path):
    """A cold build cuts the font again: it keeps the source font's date, not the time it was
    cut (fontTools stamped that into the font's head table: every cold build served new bytes)."""
    from fontTools.ttLib import TTFont

    out = mathml.subset_font("∑z", tmp_path / "m.woff2", cache=tmp_path / "cache")
    assert TTFont(out)["head"].modified == TTFont(mathml.source_font())["head"].modified


def test_a_new_math_font_replaces_the_cached_one_and_nothing_else(tmp_path):
    cache = tmp_path / "cache"
    mathml.subset_font("z", tmp_path / "m.woff2", cache=cache)
    (ours,) = cache.iterdir()
    theirs = ["explainer-math-mine.woff2", "explainer-math-0123.woff2", "explainer-math-x.woff2"]
    for name in theirs:
        (cache / name).write_bytes(b"the user's")
    mathml.subset_font("∮", tmp_path / "m.woff2", cache=cache)
    assert not ours.exists()  # replaced by the subset of other characters
    assert len([p for p in cache.iterdir() if p.name not in theirs]) == 1
    assert all((cache / name).read_bytes() == b"the user's" for name in theirs)


def test_a_dirty_build_keeps_the_characters_of_the_pages_it_does_not_rebuild(tmp_path):
    """`mkdocs build --dirty` rebuilds only the edited page: the font it serves must still draw
    the formulas of the pages it left as they were."""
    from fontTools.ttLib import TTFont

    pages = {"a.md": "# A\n\n\\(\\oint z\\)\n", "b.md": "# B\n\n\\(\\bigoplus z\\)\n"}
    site = build_site(tmp_path, pages)
    font = site / mathml.FONT_PATH
    assert {ord("∮"), ord("⨁")} <= set(TTFont(font).getBestCmap())
    (site / "theirs.html").write_text("<math><mi>x</math>", encoding="utf-8")  # not ours
    time.sleep(0.01)  # a modification time after the built pages'
    (tmp_path / "docs" / "b.md").write_text("# B\n\n\\(\\bigotimes z\\)\n", encoding="utf-8")
    cfg = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site))  # MkDocs warns of dirty
    cfg.plugins.on_startup(command="build", dirty=True)
    build(cfg, dirty=True)
    assert "⨂" in (site / "b" / "index.html").read_text(encoding="utf-8")  # rebuilt
    assert {ord("∮"), ord("⨂")} <= set(TTFont(font).getBestCmap())  # a.md's ∮ too


# --------------------------------------------------------------------------- split pages

_REFERENCE = """# A reference

Intro with a [link to A](#a) and [another page](../other.md).

| name |
| --- |
| [A](#a) |
| [B](#b) |

## Alpha {#a}

About A, see [B](#b) and [itself](#a) and [the intro](#top) and [x](../x.md).

{{ figure("a") }}

## Beta {#b}

About B, with [a site](https://example.org/).
"""


def test_a_split_page_becomes_an_overview_and_one_page_per_section():
    pages = site.split_page(_REFERENCE, "reference/things.md", "reference/things")
    assert list(pages) == ["reference/things.md", "reference/things/a.md", "reference/things/b.md"]
    overview, alpha, beta = pages.values()
    assert "[A](things/a.md)" in overview and "[B](things/b.md)" in overview
    assert "[another page](../other.md)" in overview
    assert "## Alpha" not in overview
    assert alpha.startswith("# Alpha {#a}\n")
    assert "[A reference](../things.md)" in alpha  # the way back
    assert "[B](b.md)" in alpha and "[itself](#a)" in alpha
    assert "[the intro](../things.md#top)" in alpha
    assert "[x](../../x.md)" in alpha  # one folder deeper
    assert '{{ figure("a") }}' in alpha
    assert "(https://example.org/)" in beta


def test_a_page_without_sections_is_left_whole():
    assert site.split_page("# Title\n\ntext\n", "a.md", "a") == {"a.md": "# Title\n\ntext\n"}


# --------------------------------------------------------------------------- notebooks


_NOTEBOOK = """# %% [markdown]
# # Title
#
# See [the page](../page.md#part) and $z = w x + b$.

# %% alt="A straight line rising from left to right."
print("hello")

# %%
1 + 1
"""


def _cell(cell_id: str, inner: str, kind: str = "jp-CodeCell") -> str:
    return f'<div class="jp-Cell {kind} jp-Notebook-cell" id="cell-id={cell_id}">{inner}</div>'


def _notebook_html(img_alt: str = "No description has been provided for this image") -> str:
    markdown = (
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">'
        '<h1 id="title">Title<a class="anchor-link" href="#title">¶</a></h1>'
        '<p>See <a href="../page.md#part">the page</a> and $z = w x + b$.</p></div>'
    )
    code = (
        '<div class="jp-InputArea"><div class="jp-InputPrompt">In [1]:</div>'
        '<div class="highlight-ipynb hl-python"><pre><span></span>'
        '<span class="nb">print</span>(<span class="s2">"hello"</span>)</pre></div></div>'
        '<div class="jp-OutputArea"><div class="jp-RenderedText jp-OutputArea-output" '
        'data-mime-type="text/plain"><pre>hello</pre></div>'
        '<div class="jp-RenderedSVG jp-OutputArea-output">'
        f'<img alt="{img_alt}" src="data:image/svg+xml;base64,AAAA"/></div></div>'
    )
    return (
        "<style>.jp-Cell { }</style><script>var clipboard;</script><script src=''></script>"
        + _cell("1", markdown, "jp-MarkdownCell")
        + _cell("2", code)
        + _cell("3", '<div class="jp-InputArea"><pre>1 + 1</pre></div>')
    )


class _Files:
    def get_file_from_path(self, path):
        if path == "page.md":
            return SimpleNamespace(url_relative_to=lambda other: "../../page/")
        return None


def _notebook_page(tmp_path: Path, text: str = _NOTEBOOK):
    path = tmp_path / "notebook.py"
    path.write_text(text, encoding="utf-8")
    return SimpleNamespace(file=SimpleNamespace(src_uri="notebooks/nb.py", abs_src_path=str(path)))


def test_notebook_html_becomes_plain_material_markup(tmp_path):
    out = site.clean_notebook(_notebook_html(), _notebook_page(tmp_path), _Files())
    assert "<style" not in out and "<script" not in out and "jp-" not in out
    assert "In [1]" not in out
    assert '<a class="headerlink" href="#title" title="Permanent link">' in out
    assert 'href="../../page/#part"' in out  # .md links point at the built page
    assert "<math" in out  # $...$ became MathML
    assert '<div class="language-python highlight"><pre><span></span><code>' in out
    assert 'alt="A straight line rising from left to right."' in out
    assert 'class="no-lightbox"' in out  # no second copy of the data: URL in a lightbox link
    # what a cell printed is a group named "Output", so that a screen reader tells it from the
    # code before it (both are code blocks)
    assert (
        '<div class="notebook-output stdout" role="group" aria-label="Output">'
        "<pre><code>hello</code></pre></div>"
    ) in out


def test_a_notebook_svg_plot_gets_a_twin_in_the_dark_palette(tmp_path):
    import base64

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: #ffffff"/>'
        '<path style="stroke: #0072b2"/><path style="stroke: #009e73"/>'
        '<text style="fill: #1f2328">z</text><path style="fill: #123456"/></svg>'
    )
    url = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    html = _notebook_html().replace("data:image/svg+xml;base64,AAAA", url)
    out = site.clean_notebook(html, _notebook_page(tmp_path), _Files())
    srcs = re.findall(
        r'<img class="no-lightbox" src="data:image/svg\+xml;base64,([^"#]+)#([^"]+)"', out
    )
    assert [when for _, when in srcs] == ["only-light", "only-dark"]
    light, dark = (base64.b64decode(data).decode() for data, _ in srcs)
    assert light == svg
    # background, text and the cycle's blue in the dark theme's colours; green is on both
    assert dark == (
        svg.replace("#ffffff", "#1e2129")
        .replace("#0072b2", "#56b4e9")
        .replace("#1f2328", "#e3e6ec")
    )


def test_a_notebook_page_does_not_change_with_the_time_its_plots_were_drawn(tmp_path):
    """matplotlib writes the time a plot is saved into its SVG (``<dc:date>``): two executions of
    the notebook must give the same page."""
    import base64
    import io

    import matplotlib
    from matplotlib.figure import Figure

    def page_drawn_at(date: str) -> str:
        buf = io.BytesIO()
        fig = Figure()
        fig.add_subplot().plot([0, 1])
        with matplotlib.rc_context({"svg.hashsalt": "explainer"}):  # as the notebook's rc
            fig.savefig(buf, format="svg", metadata={"Date": date})
        assert date.encode() in buf.getvalue()
        url = "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()
        html = _notebook_html().replace("data:image/svg+xml;base64,AAAA", url)
        return site.clean_notebook(html, _notebook_page(tmp_path), _Files())

    first = page_drawn_at("2026-11-29T23:30:00")
    assert first == page_drawn_at("2027-01-01T08:00:00")
    assert first.count("data:image/svg+xml;base64,") == 2  # the plot and its dark twin


def test_a_notebook_plot_without_alt_text_is_an_error(tmp_path):
    without_alt = _NOTEBOOK.replace('# %% alt="A straight line rising from left to right."', "# %%")
    page = _notebook_page(tmp_path, without_alt)
    with pytest.raises(site.NotebookError, match='cell 2 draws a plot with no alt text: .*alt="'):
        site.clean_notebook(_notebook_html(), page, _Files())


def test_a_notebook_link_to_a_missing_page_is_an_error(tmp_path):
    html = _notebook_html().replace("../page.md#part", "../gone.md")
    with pytest.raises(site.NotebookError, match="cell 1 links to '../gone.md'"):
        site.clean_notebook(html, _notebook_page(tmp_path), _Files())


def test_a_warm_build_reuses_the_page_html_until_what_it_depends_on_changes(tmp_path):
    """The plugin's HTML of a page is kept in .cache/html, one file per page; the notebook's alt
    text lives in its source, not its HTML, and a change there must still show."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    files = SimpleNamespace(
        get_file_from_path=_Files().get_file_from_path, documentation_pages=lambda: []
    )
    plugin = site.ExplainerPlugin()
    plugin.load_config({"regenerate": False})
    plugin.on_startup(command="build", dirty=False)
    page = _notebook_page(tmp_path)
    first = plugin.on_page_content(_notebook_html(), page=page, config=config, files=files)
    again = plugin.on_page_content(_notebook_html(), page=page, config=config, files=files)
    assert again == first and 'alt="A straight line rising from left to right."' in first
    cached = list((tmp_path / ".cache" / "html").iterdir())
    assert len(cached) == 1 and cached[0].read_text(encoding="utf-8") == first

    theirs = [
        cached[0].with_name(cached[0].name.replace(".html", suffix))
        for suffix in ("-backup.html", ".html.html")
    ] + [cached[0].with_name(cached[0].name[:17] + "mine.html")]
    for path in theirs:
        path.write_text("the user's")
    Path(page.file.abs_src_path).write_text(_NOTEBOOK.replace("straight line", "line"))
    edited = plugin.on_page_content(_notebook_html(), page=page, config=config, files=files)
    assert 'alt="A line rising from left to right."' in edited
    # the stale copy is gone; files named much like it are not ours
    assert len(set((tmp_path / ".cache" / "html").iterdir()) - set(theirs)) == 1
    assert not cached[0].exists() and all(p.read_text() == "the user's" for p in theirs)


def test_notebook_cache_follows_the_sources_the_notebook_imports(tmp_path, monkeypatch):
    """mkdocs-jupyter's cache folder is named by the sources of the modules the notebooks import
    (and their imports): stale keys go, and a module no notebook uses does not count."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "docs" / "notebooks").mkdir(parents=True)
    (tmp_path / "docs" / "notebooks" / "nb.py").write_text(
        "# %%\nimport numpy as np\n\nfrom explainer import activations\n"
        "# %%\nfrom explainer.examples import worked_example\n"
    )
    cache = tmp_path / ".cache" / "mkdocs-jupyter"
    (cache / ("0" * 16)).mkdir(parents=True)  # an older key's folder
    (cache / ("0" * 16) / "x.json").write_text("{}")
    theirs = ["old-key", "0" * 15, "0" * 17]  # folders not named like a key: not ours
    for name in theirs:
        (cache / name).mkdir()
        (cache / name / "x.json").write_text("{}")
    (cache / "stray.json").write_text("{}")
    (cache / ("1" * 16)).write_text("a file, not a folder of ours")
    jupyter = SimpleNamespace(config={"cache": True, "cache_dir": ".cache/mkdocs-jupyter"})
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        docs_dir=str(tmp_path / "docs"),
        plugins={"mkdocs-jupyter": jupyter},
        nav=None,
    )
    seen = []
    monkeypatch.setattr(figures_build, "sources_key", lambda mods: seen.extend(mods) or "a" * 64)
    plugin = site.ExplainerPlugin()
    plugin.load_config({"regenerate": False})
    plugin.on_pre_build(plugin.on_config(config))
    assert jupyter.config["cache_dir"] == str(cache / ("a" * 16))
    # the old key is gone; what is not ours stays
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [*theirs, "stray.json", "1" * 16, "a" * 16]
    )
    assert all((cache / name / "x.json").is_file() for name in theirs)
    assert {"explainer.activations", "explainer.examples"} <= set(seen)
    assert "explainer.site" not in seen and "explainer.presentation" not in seen


# --------------------------------------------------------------------------- claims


@pytest.mark.parametrize(
    "claim, needle",
    [
        ("digits.probability < 0.5", "is False (digits.probability = 0.99"),
        ("digits.activation == 'relu'", "digits.activation = 'tanh'"),
        ("digits.no_such_key > 1", "unknown number 'digits.no_such_key'"),
        ("open('x')", "is not allowed in a claim"),
        ("max(digits.probability, 0.5) < 0.9", "is False (digits.probability = 0.99"),
        ("min(digits.probability) > 0", "is not allowed in a claim"),  # min of one value
    ],
)
def test_a_false_claim_stops_the_build_naming_its_sentence(tmp_path, caplog, claim, needle):
    """The build fails when the numbers stop supporting a sentence, and says which sentence."""
    markdown = (
        "An earlier paragraph.\n\nThe first sentence. The network is unsure about this "
        f'digit.{{{{ claim("{claim}") }}}} A later sentence.\n'
    )
    log = build_error(tmp_path, markdown, caplog)
    sentence = "the sentence “The network is unsure about this digit.”"
    assert log.startswith(f"guide/page.md: {sentence}")
    assert needle in log and "\n" not in log
