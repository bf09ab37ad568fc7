"""The activation reference page, written from the registry (``explainer.activations``) and
the words about each function (``explainer.presentation``).

``activation_reference_markdown`` returns the Markdown of the page: an overview table (like
Wikipedia's table of activation functions, but complete and computed), then one section per
activation with its figure, formula, derivative, range, properties, minimum, conventions and
origin, and a last section on softmax. Nothing on the page is typed by hand: a new registry
entry appears here, and a wrong fact in an entry fails the tests before it reaches the page.

Conventions of the Markdown (the site plugin and extensions handle them):

- ``{{ figure("NAME") }}`` on a line of its own becomes the light and dark figure with its alt
  text and caption;
- ``$...$`` is inline math and ``$$`` on lines of their own delimit display math
  (``pymdownx.arithmatex``, generic mode);
- headings carry stable anchors, ``## ReLU {#relu}`` (``attr_list``): the anchor is the
  activation's name. The site splits this page into one page per activation
  (``reference/activations/relu.md``, see ``explainer.site``); the names stay the same.
"""

from __future__ import annotations

import re

from .activations import (
    SOFTMAX_FORMULA,
    SOFTMAX_JACOBIAN_FORMULA,
    Activation,
    Extremum,
    all_activations,
    continuity_latex,
)
from .formatting import formatted, number
from .presentation import words_of

TITLE = "Activation functions: a reference"

#: Where an asymptote is approached, in words and LaTeX.
_SIDES = {
    "-inf": r"as $z \to -\infty$",
    "+inf": r"as $z \to \infty$",
    "both": r"as $z \to \pm\infty$",
}


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _math(tex: str) -> str:
    return f"${tex}$"


#: A display formula longer than this many LaTeX characters is broken at each of its "=" signs:
#: a phone's screen holds about that much (tests/browser/test_phone.py measures what it shows).
ONE_LINE = 90


def _display(tex: str) -> list[str]:
    """A display formula; several equations (joined by ``,\\quad``) and a long chain of
    equalities are set on lines of their own, each "=" under the one above."""
    rows = []
    for equation in re.split(r",\s*\\quad\s*", tex):
        lhs, *sides = _at_equals(equation)
        if not sides:
            rows.append(equation)
        elif len(tex) > ONE_LINE:
            rows += [f"{lhs} &= {sides[0]}", *(f"&= {side}" for side in sides[1:])]
        else:
            rows.append(f"{lhs} &= {' = '.join(sides)}")
    if len(rows) > 1:
        tex = r"\begin{aligned} " + r" \\ ".join(rows) + r" \end{aligned}"
    return ["$$", tex, "$$"]


def _at_equals(equation: str) -> list[str]:
    """``equation`` cut at each "=" outside braces, brackets and environments, sides stripped."""
    parts, depth, start = [], 0, 0
    for m in re.finditer(r"\\begin\{|\\end\{|\\left|\\right|[{}()=]", equation):
        token = m.group()
        if token in ("{", "(", "\\left", "\\begin{"):
            depth += 1
        elif token in ("}", ")", "\\right", "\\end{"):
            depth -= 1
        elif depth == 0:
            parts.append(equation[start : m.start()].strip())
            start = m.end()
    return [*parts, equation[start:].strip()]


def _cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _params(act: Activation) -> str:
    if not act.params:
        return "none"
    parts = []
    for key, value in act.params.items():
        symbol = act.param_tex.get(key)
        shown = number(value, 17, tex=True)
        parts.append(f"${symbol} = {shown}$" if symbol else f"`{key}` = {shown}")
    return ", ".join(parts)


def _extremum(act: Activation, ext: Extremum) -> str:
    """``$f(z) = v$ at $z \\approx x$``, to 10 significant digits, and where else it is taken."""
    also = words_of(act.name).also(ext, 10)
    value, x = (number(v, 10, relation=True, tex=True) for v in (ext.value, ext.x))
    return f"$f(z) {value}$ at $z {x}$" + (f", {also}" if also else "")


def _overview() -> list[str]:
    lines = [
        "| Activation | Range | Monotonic | Monotonic $f'$ | Bounded | Mean output "
        "| Zero-centred | Identity near 0 | Smoothness | Earliest source |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for act in all_activations():
        cells = [
            f"[{act.label}](#{act.name})",
            _math(act.range.latex),
            _yes(act.monotonic),
            _yes(act.monotonic_derivative),
            _yes(act.bounded),
            mean_output_text(act),
            _yes(act.zero_centred),
            _yes(act.identity_near_zero),
            _math(continuity_latex(act.continuity)),
            str(act.year) if act.year else "—",
        ]
        lines.append(f"| {' | '.join(cells)} |")
    return lines


def _section(act: Activation) -> list[str]:
    r = act.range
    approx = f", in decimals {_math(r.approx_latex)}" if str(r) != r.approx else ""
    rows = [
        ("Range", _math(r.latex) + approx),
        ("Parameters", _params(act) + (f" ({act.defaults_from})" if act.params else "")),
        ("$f(0)$, $f'(0)$", f"${_tex(act.f0)}$, ${_tex(act.df0)}$"),
        ("Monotonic", _yes(act.monotonic)),
        ("Monotonic derivative", _yes(act.monotonic_derivative)),
        ("Bounded", _yes(act.bounded)),
        ("Mean output for standard normal $z$", mean_output_text(act)),
        ("Zero-centred", _yes(act.zero_centred)),
        ("Identity near 0", _yes(act.identity_near_zero)),
        ("Smoothness", f"{_math(continuity_latex(act.continuity))}: {_smoothness_words(act)}"),
    ]
    rows += [(e.kind.capitalize(), _extremum(act, e)) for e in (act.minimum, act.maximum) if e]
    if act.asymptotes:
        sides = [f"${_bound_tex(act, v)}$ {_SIDES.get(s, '')}" for v, s in act.asymptotes]
        rows.append(("Approaches, never reaches", "; ".join(sides)))
    if act.convention:
        rows.append(("Convention", act.convention))
    rows.append(("Origin", act.origin))
    if act.aliases:
        rows.append(("Also called", ", ".join(f"`{a}`" for a in act.aliases)))
    return [
        f"## {act.label} {{#{act.name}}}",
        "",
        words_of(act.name).description,
        "",
        f'{{{{ figure("{act.name}") }}}}',
        "",
        *_display(act.formula_latex()),
        "",
        *_display(act.derivative_latex()),
        "",
        "| Property | Value |",
        "| --- | --- |",
        *(f"| {name} | {_cell(value)} |" for name, value in rows),
        "",
        f"In code: `explainer.activations.get({act.name!r})`; on the command line: "
        f"`explainer curve {act.name}`.",
    ]


def mean_output_text(act: Activation) -> str:
    """The mean output for standard normal input, as the reference prints it (3 decimals)."""
    if act.zero_centred:
        return "0"
    return formatted(act.mean_output, ".3f")


def _smoothness_words(act: Activation) -> str:
    k = act.continuity
    if k < 0:
        return "the function jumps"
    if k == 0:
        return "continuous, but its derivative jumps"
    if k == 1:
        return "the derivative is continuous, the second derivative jumps"
    if k == float("inf"):
        return "derivatives of every order are continuous"
    return f"the first {int(k)} derivatives are continuous"


def _bound_tex(act: Activation, v: float) -> str:
    """An end of the range in LaTeX, symbolic where the registry writes it so."""
    symbol = act.range.symbol(v)
    return symbol.tex if symbol else _tex(v)


def _tex(v: float) -> str:
    return number(v, 6, tex=True)


def _softmax() -> list[str]:
    return [
        "## Softmax {#softmax}",
        "",
        "Softmax is not applied number by number: it turns a whole vector of scores "
        "$\\mathbf{z} = (z_1, \\dots, z_n)$ into probabilities that are positive and sum to 1, "
        "which is why an output layer that classifies uses it.",
        "",
        *_display(SOFTMAX_FORMULA),
        "",
        "Its derivative is a matrix, the Jacobian, with $\\mathbf{s} = "
        "\\operatorname{softmax}(\\mathbf{z})$ and $\\delta_{ij}$ equal to 1 when $i = j$ and "
        "0 otherwise:",
        "",
        *_display(SOFTMAX_JACOBIAN_FORMULA),
        "",
        "Each row of the Jacobian sums to 0: adding the same number to every score changes "
        "nothing. That is also how it is computed without overflow: the largest score is "
        "subtracted first, so no exponential exceeds 1.",
        "",
        "| Property | Value |",
        "| --- | --- |",
        "| Range | each $s_i \\in (0, 1)$ when there are two or more scores (one score alone "
        "gives exactly 1), and $\\sum_i s_i = 1$ |",
        '| Origin | J. S. Bridle, "Probabilistic interpretation of feedforward classification '
        'network outputs" (1990); the Boltzmann distribution of statistical physics |',
        "",
        "In code: `explainer.activations.softmax(z, axis=-1)` and "
        "`explainer.activations.softmax.derivative(z)`.",
    ]


def activation_reference_markdown() -> str:
    """The Markdown of the page ``reference/activations.md``."""
    acts = all_activations()
    lines = [
        f"# {TITLE}",
        "",
        f"Every activation function that this site draws, {len(acts)} of them plus softmax, "
        "computed by `explainer.activations`. Each figure shows the function $f(z)$ above "
        "and its derivative $f'(z)$, its slope, below, where "
        "$z = \\mathbf{w}\\cdot\\mathbf{x} + b$ is the weighted sum a neuron computes. A "
        "filled dot is a value the function takes at a jump, an open dot one it does not take; "
        "a dotted grey line is a value the function approaches but never reaches.",
        "",
        "The properties in the table are defined as follows, and every one of them is "
        "checked against the functions by the package's tests:",
        "",
        "- **Range**: the set of values $f$ takes. An end printed with $\\approx$ is rounded "
        "outwards (down at the bottom, up at the top), so the interval printed always contains "
        "the true range; an end without it is exact.",
        "- **Monotonic**: never decreases (or never increases); flat stretches allowed.",
        "- **Monotonic derivative**: the same for $f'$ where it exists; the points where it does "
        "not (kinks and jumps) are left out, so the step function, whose derivative is 0 "
        "wherever it exists, counts as having a monotonic derivative.",
        "- **Bounded**: the range has a finite lower and upper end.",
        "- **Mean output**: the mean of $f(z)$ when $z$ is drawn from the standard normal "
        "distribution, $\\operatorname{E}[f(Z)]$ with $Z \\sim \\mathcal{N}(0, 1)$: what a "
        "neuron passes on, on average, when its weighted sums are centred on 0. Computed by "
        "quadrature and checked against closed forms ($1/\\sqrt{2\\pi}$ for ReLU, $1/2$ for "
        "sigmoid, $1/\\sqrt{3}$ for the Gaussian).",
        "- **Zero-centred**: the outputs are centred on 0: the mean output is 0 (every odd "
        "function, such as tanh, and SELU, whose constants were chosen for it). Inputs centred "
        "on 0 help the next layer learn (Y. LeCun, L. Bottou, G. B. Orr and K.-R. Müller, "
        '"Efficient BackProp", 1998, sections 4.3 and 4.4), which is why tanh was preferred to '
        "sigmoid. Taking both signs is not enough: leaky ReLU's mean output is almost ReLU's.",
        "- **Identity near 0**: $f(0) = 0$ and $f'(0) = 1$, so $f(z) \\approx z$ for small $z$.",
        "- **Smoothness** $C^k$: $f$ and its first $k$ derivatives are continuous; $C^{-1}$ "
        "means $f$ itself jumps.",
        "- **Earliest source**: the year of the earliest work cited in the function's *Origin* "
        "row (for sigmoid that is the logistic function of 1838, long before neural networks).",
        "",
        "Where the derivative does not exist (at a kink or a jump) the value used is the one "
        "PyTorch's automatic differentiation uses; each section says which.",
        "",
        *_overview(),
        "",
    ]
    for act in acts:
        lines += _section(act) + [""]
    lines += _softmax() + [""]
    return "\n".join(lines)
