"""The generated activation reference page: complete, linked, and valid Markdown with math."""

from __future__ import annotations

import re

import pytest

from explainer import activations
from explainer.catalog import figures
from explainer.presentation import WORDS
from explainer.reference import activation_reference_markdown

PAGE = activation_reference_markdown()
FIGURE = re.compile(r"""^\{\{ figure\("([^"]+)"\) \}\}$""", re.M)


def test_every_activation_has_a_section_a_row_and_its_figure():
    names = activations.names()
    for name in names:
        act = activations.get(name)
        assert f"## {act.label} {{#{name}}}" in PAGE
        assert f"| [{act.label}](#{name}) | ${act.range.latex}$ |" in PAGE
    assert FIGURE.findall(PAGE) == list(names)
    assert set(FIGURE.findall(PAGE)) <= {f.name for f in figures()}
    assert "## Softmax {#softmax}" in PAGE
    # its Jacobian's two equations, each on a line of its own
    for equation in activations.SOFTMAX_JACOBIAN_FORMULA.split(r", \quad "):
        lhs, rhs = equation.split(" = ")
        assert f"{lhs} &= {rhs}" in PAGE


def test_long_formulas_are_set_on_several_lines():
    """Two equations, or a long chain of equalities, are set one "=" under the other: a phone's
    screen is about 90 LaTeX characters wide (the browser test measures it)."""
    swish = PAGE[PAGE.index("{#hard_swish}") : PAGE.index("{#relu6}")]
    assert (
        r"\begin{aligned} f(z) &= z\,\frac{\operatorname{ReLU6}(z + 3)}{6} \\ &= \begin{cases}"
        in swish
    )
    gelu = PAGE[PAGE.index("{#gelu_tanh}") : PAGE.index("{#silu}")]
    assert r"\\ u &= \sqrt{2/\pi}" in gelu and r"\\ u' &= \sqrt{2/\pi}" in gelu
    sigmoid = PAGE[PAGE.index("{#sigmoid}") : PAGE.index("{#tanh}")]
    assert "$$\nf(z) = \\sigma(z) = \\frac{1}{1 + e^{-z}}\n$$" in sigmoid  # short: one line


def test_every_activation_is_described_in_one_line_on_its_page():
    assert set(WORDS) == set(activations.names())
    for name in activations.names():
        words = WORDS[name]
        assert words.description and words.shape and words.x_range[0] < words.x_range[1]
        assert len(words.description) < 200 and "\n" not in words.description
        section = PAGE[PAGE.index(f"{{#{name}}}") :]
        assert section.split("\n")[2] == words.description  # right under the heading


def test_sections_state_formulas_minimum_and_convention():
    gelu = PAGE[PAGE.index("{#gelu}") : PAGE.index("{#gelu_tanh}")]
    assert activations.get("gelu").formula in gelu
    assert "| Minimum | $f(z) \\approx -0.16997120" in gelu
    relu = PAGE[PAGE.index("{#relu}") : PAGE.index("{#leaky_relu}")]
    assert "relu'(0) = 0" in relu and "$[0, \\infty)$" in relu


def test_math_delimiters_are_balanced():
    displays = [line for line in PAGE.splitlines() if line == "$$"]
    assert len(displays) % 2 == 0
    for line in PAGE.splitlines():
        if line != "$$" and not line.startswith("\\") and "$$" not in line:
            assert line.count("$") % 2 == 0, line


def test_renders_with_the_site_s_markdown_extensions():
    markdown = pytest.importorskip("markdown")
    pytest.importorskip("pymdownx.arithmatex")
    html = markdown.markdown(
        PAGE,
        extensions=["attr_list", "tables", "md_in_html", "pymdownx.arithmatex"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    for name in activations.names():
        assert f'id="{name}"' in html
        assert f'href="#{name}"' in html
    assert html.count("<table>") == len(activations.names()) + 2  # overview + softmax
    assert "$" not in re.sub(r'<span class="arithmatex">.*?</span>', "", html, flags=re.S)
