"""LaTeX to MathML that a browser draws right, and the math font the site serves with it.

The site has no MathJax and loads nothing from another server: every formula is converted to
MathML when the site is built (``latex_to_mathml``, with ``latex2mathml``) and drawn by the
browser (MathML Core, in Chromium, Firefox and Safari). Two things stand between a correct formula
and what the reader sees, and this module takes care of both:

The markup
    ``latex2mathml`` leaves spacing to the browser's guess; ``typeset`` adds what TeX would
    do, working on the element tree so that it never breaks the structure: a minus after an
    operator is a sign (no space after it), ``\\operatorname{ReLU}`` is a name, ``\\tanh z`` gets
    TeX's thin space *after* the whole ``\\tanh^2`` (never inside its ``<msup>``), a prime is set
    at the height of the base, and a sum with limits is a ``<munderover>``, so that in a display
    formula its limits sit under and over a large sign. ``check`` then verifies every
    element that takes a fixed number of children (``<msup>`` two, ``<munderover>`` three, ...):
    a malformed formula stops the build with the formula in the message, instead of being drawn
    as a different function ("tanh 2z" for ``\\tanh^2 z``).

The font
    A browser draws MathML well only with an OpenType *math* font (one with a ``MATH`` table:
    large operators, stretchy brackets, script sizes). Without one the sum sign is drawn at
    text size with its limits beside it. The site serves STIX Two Math (SIL Open Font License),
    the font that ships inside the ``ziamath`` package on the Python registry, cut down by
    fontTools to the characters the site's formulas use (``subset_font``): a few dozen
    kilobytes of WOFF2 instead of 1.5 MB, renamed "Explainer Math" as the licence asks of a
    modified font, with the licence published beside it.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from functools import lru_cache
from html import unescape
from pathlib import Path

from . import write_atomic, write_cache

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", MATHML_NS)

#: The family name of the served font, as the site's stylesheet asks for it.
FONT_FAMILY = "Explainer Math"
#: Where the font goes in the built site, and where the licence goes beside it.
FONT_PATH = "assets/fonts/explainer-math.woff2"

#: How many children each element with a fixed structure must have (MathML Core, section 3).
ARITY = {
    "msup": 2, "msub": 2, "msubsup": 3, "mfrac": 2, "mroot": 2, "munder": 2, "mover": 2,
    "munderover": 3,
}  # fmt: skip

#: Operators whose limits go under and over them in a display formula.
LARGE_OPERATORS = {"\u2211", "\u220f", "\u2210", "\u22c0", "\u22c1", "\u22c2", "\u22c3"}

#: Names that TeX sets upright and follows with a thin space before their argument.
FUNCTION_NAMES = {
    "sin", "cos", "tan", "sinh", "cosh", "tanh", "exp", "log", "ln", "erf", "erfc", "arctan",
    "max", "min", "softmax", "diag", "ReLU", "ReLU6",
}  # fmt: skip

_OPENING = {"(", "[", "{", "|", "\u2016", "\u27e8", "\u2308", "\u230a"}
_CLOSING = {")", "]", "}", "|", "\u27e9", "\u2016"}
_PRIMES = {"\u2032", "\u2033", "\u2034", "'"}
#: Symbols that TeX sets as ordinary letters (no space around them) and latex2mathml writes as
#: operators, which a browser spaces like "+": \infty, \partial, \nabla, \emptyset.
_ORDINARY = {"\u221e", "\u2202", "\u2207", "\u2205"}


class MathError(ValueError):
    """A formula that cannot be converted, or whose MathML is not well formed."""


def _tag(el: ET.Element) -> str:
    return el.tag.rpartition("}")[2]


def _text(el: ET.Element) -> str:
    return (el.text or "").strip()


def _ns(tag: str) -> str:
    return f"{{{MATHML_NS}}}{tag}"


def _make(tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.Element(_ns(tag), attrs)
    el.text = text
    return el


@lru_cache(maxsize=4096)
def latex_to_mathml(tex: str, display: bool = False) -> str:
    """Well-formed MathML for the LaTeX ``tex`` (``display``: a block formula), cached.

    Raises ``MathError`` if ``latex2mathml`` cannot convert it, or if the result breaks a
    rule of ``check``.
    """
    from latex2mathml.converter import convert

    try:
        tex = _aligned(tex.replace("\u2212", "-"))
        raw = convert(tex, display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises many kinds of error
        raise MathError(f"cannot convert the formula {tex!r} to MathML: {exc}") from None
    root = ET.fromstring(raw)
    typeset(root)
    problems = check(root)
    if problems:
        raise MathError(f"the formula {tex!r} gives malformed MathML: {'; '.join(problems)}")
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


_ALIGNED = re.compile(r"\\begin\{aligned\}(?P<body>.*?)\\end\{aligned\}", re.S)


def _aligned(tex: str) -> str:
    """``\\begin{aligned}`` as the ``array`` of right- and left-aligned columns it is, which
    latex2mathml converts (it reads no ``aligned``): a long formula broken into lines, each
    ``&=`` under the one before (the site's stylesheet aligns the columns: MathML Core draws
    no ``columnalign``)."""

    def array(m: re.Match[str]) -> str:
        rows = m["body"].split(r"\\")
        columns = max(row.count("&") for row in rows) + 1
        spec = ("rl" * columns)[:columns]
        return rf"\begin{{array}}{{{spec}}}{m['body']}\end{{array}}"

    return _ALIGNED.sub(array, tex)


def typeset(root: ET.Element) -> None:
    """Spacing and layout that TeX gets right and latex2mathml leaves out, in place."""
    for parent in list(root.iter()):
        _limits(parent)
    for parent in list(root.iter()):
        _names_and_signs(parent)
        _primes(parent)
    for parent in list(root.iter()):
        _thin_spaces(parent)


def _limits(parent: ET.Element) -> None:
    """``<msubsup><mo>∑</mo>…`` becomes ``<munderover>``: limits under and over in display."""
    for el in parent:
        tag = {"msubsup": "munderover", "msub": "munder", "msup": "mover"}.get(_tag(el))
        if tag and len(el) and _tag(el[0]) == "mo" and _text(el[0]) in LARGE_OPERATORS:
            el.tag = _ns(tag)
            el[0].set("movablelimits", "true")  # scripts beside it again in inline math


def _names_and_signs(parent: ET.Element) -> None:
    """Multi-letter operators are names, ∞ and ∂ are symbols, a slash is not spaced; a minus that
    starts a term is a sign."""
    previous = None
    for el in parent:
        tag, text = _tag(el), _text(el)
        if tag == "mo" and re.fullmatch(r"[A-Za-z]{2,}\d*", text):
            el.tag = _ns("mi")  # \operatorname{ReLU}, \max: names, not spaced operators
        elif tag == "mo" and re.fullmatch(r"[A-Za-z]", text):
            el.tag = _ns("mi")  # \operatorname{E}[f(Z)]: an upright name, no gap around it
            el.set("mathvariant", "normal")  # a lone letter <mi> would turn italic
        elif tag == "mi" and text == "~":
            el.tag = _ns("mo")  # \sim: latex2mathml gives an ASCII "~" as a name, unspaced
            el.text = "\u223c"  # the tilde operator, a relation: "Z ∼ 𝒩(0, 1)"
        elif tag == "mo" and text in _ORDINARY:
            el.tag = _ns("mi")  # [0, ∞): no gap before ")" as around an operator
            el.set("mathvariant", "normal")  # as written: a lone <mi> ∂ would turn italic 𝜕
        elif tag == "mo" and text == "/":
            el.set("lspace", "0")  # ∂C/∂z: TeX sets a slash as an ordinary symbol, unspaced
            el.set("rspace", "0")
        elif tag == "mo" and text in ("\u2212", "-") and _starts_term(previous):
            el.set("form", "prefix")
        previous = el


def _starts_term(previous: ET.Element | None) -> bool:
    """Is a minus after ``previous`` a sign (first in its row, or after an operator/bracket)?"""
    return previous is None or (_tag(previous) == "mo" and _text(previous) not in _CLOSING)


def _primes(parent: ET.Element) -> None:
    """``<msup><mi>f</mi><mi>′</mi></msup>`` becomes ``<mi>f</mi><mo>′</mo>``.

    The prime glyph of a math font is drawn raised already: set at the height of its base it
    sits where TeX puts it, while as a superscript it would be raised twice.
    """
    for el in list(parent):
        if _tag(el) != "msup" or len(el) != 2:
            continue
        base, script = el
        if _tag(script) in ("mi", "mo") and _text(script) in _PRIMES:
            prime = _make("mo", "\u2032" * len(_text(script)), lspace="0", rspace="0")
            i = list(parent).index(el)  # each prime before it has made the row longer by one
            parent[i : i + 1] = [base, prime]


def _is_function(el: ET.Element) -> bool:
    """A function name, alone or with a script (``\\tanh``, ``\\tanh^2``)."""
    if _tag(el) in ("msup", "msub", "msubsup") and len(el):
        el = el[0]
    return _tag(el) == "mi" and _text(el) in FUNCTION_NAMES


def _is_ordinary(el: ET.Element) -> bool:
    """A symbol, a number, a scripted one or a closing bracket: what TeX spaces from a name."""
    if _tag(el) in ("msup", "msub", "msubsup") and len(el):
        return not _is_function(el) and _tag(el[0]) in ("mi", "mn")
    if _tag(el) == "mo":
        return _text(el) in _CLOSING
    return _tag(el) in ("mi", "mn") and not _is_function(el)


def _thin_spaces(parent: ET.Element) -> None:
    """A thin space between a function name and an argument written without brackets, and
    between a symbol and a function name after it (``y_j \\log a_j``).

    The space goes after the name *and its scripts* (``\\tanh^2 z``), as a sibling in the row:
    never inside an element with a fixed number of children.
    """
    if _tag(parent) in ARITY:
        return
    children = list(parent)
    for before, el in zip(children, children[1:], strict=False):
        if _is_function(el) and _is_ordinary(before):  # y_j log a_j: TeX spaces Ord Op too
            parent.insert(list(parent).index(el), _make("mspace", width="0.1667em"))
    children = list(parent)
    for el, after in zip(children, children[1:], strict=False):
        if not _is_function(el) or _tag(after) == "mspace":
            continue
        if _tag(after) == "mo" and _text(after) in _OPENING | _PRIMES | {"\u2061"}:
            continue  # tanh(z), tanh′(z): no space before a bracket or a prime
        parent.insert(list(parent).index(el) + 1, _make("mspace", width="0.1667em"))


def check(root: ET.Element) -> list[str]:
    """Every rule of MathML Core's structure that ``latex_to_mathml`` can break, checked.

    Returns one line per problem (empty when the tree is well formed): an element with a fixed
    number of children (``ARITY``) that has another number.
    """
    problems = []
    for el in root.iter():
        tag = _tag(el)
        want = ARITY.get(tag)
        if want is not None and len(el) != want:
            inner = "".join(f"<{_tag(c)}>{_text(c)}" for c in el)
            problems.append(f"<{tag}> has {len(el)} children, not {want}: {inner}")
    return problems


# --------------------------------------------------------------------------- formulas in HTML

_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])"
    r"\s*</(?P=tag)>",
    re.S,
)
_DOLLARS = re.compile(r"\$\$(?P<block>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\n]+?)\$", re.S)
_CODE_HTML = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.S)


def _replace(m: re.Match[str]) -> str:
    if m.group("block") is not None:
        tex = unescape(m.group("block")).strip()
        return f'<div class="arithmatex">{latex_to_mathml(tex, True)}</div>'
    return latex_to_mathml(unescape(m.group("inline")).strip(), False)


def math_to_mathml(html: str) -> str:
    """Replace the generic-mode spans of ``pymdownx.arithmatex`` in ``html`` with MathML.

    Inline formulas become ``<math>`` in place of their ``<span>``; display formulas keep a
    ``<div class="arithmatex">`` around the ``<math display="block">`` (it scrolls when wide).
    """
    return _ARITHMATEX.sub(_replace, html) if 'class="arithmatex"' in html else html


def dollar_math_to_mathml(html: str) -> str:
    """``$...$`` and ``$$...$$`` in ``html`` (a notebook's Markdown), outside code, as MathML."""
    parts = _CODE_HTML.split(html)
    return "".join(p if i % 2 else _DOLLARS.sub(_replace, p) for i, p in enumerate(parts))


_MATH_TEXT = re.compile(r"<math\b.*?</math>", re.S)
_HTML_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)\w+;")


def _parse(math_html: str) -> ET.Element:
    """A ``<math>`` element cut from an HTML page, HTML's named entities (``&nbsp;``) decoded."""
    return ET.fromstring(_HTML_ENTITY.sub(lambda m: unescape(m.group(0)), math_html))


def check_html(html: str) -> list[str]:
    """``check`` for every ``<math>`` element of an HTML page."""
    problems = []
    for m in _MATH_TEXT.finditer(html):
        try:
            root = _parse(m.group(0))
        except ET.ParseError as exc:
            problems.append(f"not well-formed XML ({exc}): {m.group(0)[:120]}")
            continue
        problems += check(root)
    return problems


def characters(html: str) -> set[str]:
    """The characters written inside the ``<math>`` elements of ``html`` (entities decoded); an
    element that is not well formed (``check_html`` reports it) is passed over."""
    found = set()
    for m in _MATH_TEXT.finditer(html):
        try:
            root = _parse(m.group(0))
        except ET.ParseError:
            continue
        found.update(c for el in root.iter() for c in el.text or "" if not c.isspace())
    return found


# --------------------------------------------------------------------------- the font

#: Always in the font, whatever the pages use: digits, Latin and Greek letters, common signs.
BASE_CHARACTERS = (
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΦΨΩϵϕ"
    "+−=<>≤≥≠≈±×·⋅∑∏∫√∞∂∇∈∉⊂∪∩→←↦()[]{}|,.;:!'′″/∖−…⋯⋮"
)


def source_font() -> Path:
    """STIX Two Math, as the ``ziamath`` package ships it (found without importing ziamath)."""
    import importlib.util

    spec = importlib.util.find_spec("ziamath")
    if spec is None or not spec.submodule_search_locations:
        raise MathError(
            "the math font comes with the ziamath package, which is not installed: "
            "pip install 'explainer[site]'"
        )
    path = Path(spec.submodule_search_locations[0]) / "fonts" / "STIXTwoMath-Regular.ttf"
    if not path.is_file():
        raise MathError(f"ziamath no longer ships {path.name}: update explainer.mathml")
    return path


def subset_font(chars: Iterable[str], out: Path, cache: Path) -> Path:
    """Write the math font, cut down to ``chars`` (and ``BASE_CHARACTERS``), to ``out``.

    The subset keeps the ``MATH`` table and every glyph it reaches from the characters kept
    (larger sizes of ∑, pieces of stretchy brackets), so the browser lays formulas out as with the
    whole font. A subset already made for the same characters and the same source font is
    copied from the folder ``cache`` instead of made again (making one takes about a second);
    a new one replaces the one kept there.
    """
    src = source_font()
    text = "".join(sorted(set(chars) | set(BASE_CHARACTERS)))
    made = b"2"  # how it is made: a subset made otherwise (a dated one, "1") is made again
    key = hashlib.sha256(text.encode() + src.read_bytes()[:4096] + made).hexdigest()[:16]
    cached = cache / f"explainer-math-{key}.woff2"
    if cached.is_file():
        data = cached.read_bytes()
    else:
        data = _subset_bytes(src, text)
        write_cache(cached, key, data)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, data)
    return out


def _subset_bytes(src: Path, text: str) -> bytes:
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]  # ssty (script sizes), flac, dtls: what MathML layout uses
    options.name_IDs = [0, 7, 13, 14]  # copyright, trademark, licence and its URL stay
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = TTFont(src, recalcTimestamp=False)  # its date, not the build's: the same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    version = font["name"].getDebugName(5) or ""
    subsetter.subset(font)
    # Named "Explainer Math": a modified font may not use the original's name.
    for name_id, value in (
        (1, FONT_FAMILY),
        (2, "Regular"),
        (3, f"{FONT_FAMILY}; subset of STIX Two Math"),
        (4, FONT_FAMILY),
        (5, f"{version}; subset of STIX Two Math"),
        (6, FONT_FAMILY.replace(" ", "")),
    ):
        font["name"].setName(value, name_id, 3, 1, 0x409)
    buf = io.BytesIO()
    font.flavor = "woff2"
    font.save(buf)
    return buf.getvalue()
