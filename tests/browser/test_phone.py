"""The site on a phone: Chromium at 390 x 844 CSS px, with touch, in both palettes.

On every page: each figure shows its narrow variant in the reader's palette, with the alt text
and caption of the figure; its smallest text, as drawn, is at least 10 CSS px high; and the page
never scrolls sideways (a wide table or formula scrolls inside its own box). The size of a text
is read from the SVG the browser shows, not from the code that drew it: matplotlib draws each
text as a group of glyph outlines scaled to its font size (``scale(0.11 -0.11)`` is 11 points
in the SVG's own units), and the browser draws the SVG at ``width`` of its ``viewBox``.

A display formula fits the screen (a long one is broken into lines); a table that cannot fit
scrolls in its own box with its first column, which names each row, kept in view.

The widgets work by touch at this width: a finger drags a slider, a swipe up or down that starts
on a slider scrolls the page without moving it, what the sliders change stays in view while they
scroll, and every control is at least 44 px high and on the screen.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .test_browser import DARK_KEEP, DARK_SKIP_PREFIX, SCHEMES, load, pages_of

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
#: The smallest text a reader should have to read, CSS px.
READABLE_PX = 10
#: A touch target a finger can hit (WCAG 2.5.5, Apple and Google's guides), CSS px.
TOUCH_PX = 44

_SVG = "{http://www.w3.org/2000/svg}"
#: The transform of a text drawn as glyph outlines: its font size over 100, mirrored in y.
_GLYPHS = re.compile(r'transform="translate\([^)]*\)(?: rotate\([^)]*\))? scale\(([0-9.]+) -\1\)"')

_FIGURES = """() => Array.from(document.querySelectorAll('figure.explainer-figure'))
  .filter(f => f.offsetParent !== null)
  .map(f => {
    const shown = Array.from(f.querySelectorAll('img')).filter(
      i => i.offsetParent !== null && getComputedStyle(i).display !== 'none');
    const caption = f.querySelector('figcaption');
    return shown.map(i => ({src: i.currentSrc, alt: i.alt,
                            width: i.getBoundingClientRect().width,
                            right: i.getBoundingClientRect().right,
                            caption: caption ? caption.textContent : ''}));
  })"""


#: Texts of SVGs drawn in the page itself (the widgets' plots): their size as drawn, CSS px.
_INLINE_TEXTS = """() => Array.from(document.querySelectorAll('.md-content svg text'))
  .filter(t => t.getClientRects().length && t.textContent.trim())
  .map(t => {
    const svg = t.ownerSVGElement, box = svg.viewBox.baseVal;
    const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
    return [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) * scale];
  })"""


#: Boxes that scroll sideways inside the page: display formulas and tables.
_SCROLLING = """() => ({
  formulas: Array.from(document.querySelectorAll('.md-content div.arithmatex'))
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60)),
  tables: Array.from(document.querySelectorAll('.md-content .md-typeset__scrollwrap'))
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => {
      // scrolled to its far end, the first cell of every row is still whole in the box, and
      // on top of the cells scrolling under it (checked where it is on the screen)
      e.scrollIntoView({block: 'start'});
      e.scrollLeft = e.scrollWidth;
      const box = e.getBoundingClientRect();
      const hidden = Array.from(e.querySelectorAll('tr > :first-child')).filter(c => {
        const r = c.getBoundingClientRect(), y = r.top + r.height / 2;
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) return true;
        return y > 60 && y < innerHeight && !c.contains(document.elementFromPoint(r.left + 4, y));
      });
      e.scrollLeft = 0;
      return [e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60), hidden.length];
    }),
})"""


#: The notebook's plots: SVGs in data URLs, their text as text (``font-size: 10px``).
_NOTEBOOK_PLOTS = """() => Array.from(
  document.querySelectorAll('.md-content figure.notebook-plot img'))
  .filter(i => getComputedStyle(i).display !== 'none')
  .map(i => [i.src, i.getBoundingClientRect().width])"""


def smallest_text(svg: str) -> tuple[float, float]:
    """The smallest font size of ``svg``'s texts and the width of its viewBox, both in its own
    units (points, as matplotlib writes them)."""
    sizes = [100 * float(s) for s in _GLYPHS.findall(svg)]
    assert sizes, "no text found in the SVG"
    width = float(ET.fromstring(svg).get("viewBox", "0 0 0 0").split()[2])
    return min(sizes), width


def svg_file(site: Path, url: str) -> Path:
    return site / unquote(urlsplit(url).path.lstrip("/"))


@pytest.fixture(scope="module", params=SCHEMES)
def phone(request, browser):
    scheme = request.param
    context = browser.new_context(
        color_scheme=scheme, viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield scheme, page, errors
    context.close()


def test_every_page_on_a_phone(phone, site_url, built_site):
    """Every page in the light palette, and in the dark one all but the 28 activation pages
    that share one template with the two that stand for them."""
    scheme, page, errors = phone
    problems, figures, plots = [], 0, 0
    for path in pages_of(built_site):
        if scheme == "dark" and path.startswith(DARK_SKIP_PREFIX) and path not in DARK_KEEP:
            continue
        name = path or "/"
        load(page, site_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{name}: the page scrolls sideways ({width} px wide)")
        for shown in page.evaluate(_FIGURES):
            if len(shown) != 1:
                problems.append(f"{name}: a figure shows {len(shown)} images, not 1")
                continue
            (img,) = shown
            figures += 1
            file = svg_file(built_site.path, img["src"])
            if not file.name.endswith(f".narrow.{scheme}.svg"):
                problems.append(f"{name}: {file.name} shown, not a narrow {scheme} variant")
            svg = file.read_text(encoding="utf-8")
            root = ET.fromstring(svg)
            title, desc = root.find(f"{_SVG}title"), root.find(f"{_SVG}desc")
            if title is None or img["alt"] != title.text:
                problems.append(f"{name}: {file.name}: alt text is not the figure's title")
            caption = " ".join(img["caption"].split())
            if desc is None or caption != " ".join((desc.text or "").split()):
                problems.append(f"{name}: {file.name}: caption {caption!r} is not its desc")
            font, view = smallest_text(svg)
            drawn = font * img["width"] / view
            if drawn < READABLE_PX:
                problems.append(f"{name}: {file.name}: smallest text drawn {drawn:.1f} px high")
            if img["right"] > PHONE["width"]:
                problems.append(f"{name}: {file.name} runs off the screen")
        boxes = page.evaluate(_SCROLLING)
        problems += [f"{name}: a formula is wider than the screen: {f}" for f in boxes["formulas"]]
        problems += [
            f"{name}: a table wider than the screen scrolls its first column away "
            f"({hidden} rows): {text}"
            for text, hidden in boxes["tables"]
            if hidden
        ]
        for src, width in page.evaluate(_NOTEBOOK_PLOTS):
            plots += 1
            svg = base64.b64decode(src.partition("base64,")[2].partition("#")[0]).decode()
            font = min(float(px) for px in re.findall(r"font-size: ([0-9.]+)px", svg))
            view = float(ET.fromstring(svg).get("viewBox", "0 0 1 0").split()[2])
            if font * width / view < READABLE_PX:
                problems.append(f"{name}: a notebook plot's text is {font * width / view:.1f} px")
        for text, px in page.evaluate(_INLINE_TEXTS):
            if px < READABLE_PX:
                problems.append(f"{name}: the page's own drawing writes {text!r} {px:.1f} px high")
    assert figures >= 20 and plots >= 1
    assert not errors, errors
    assert not problems, "\n".join(problems)


def test_on_a_desktop_the_desktop_variants_show(browser, site_url):
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        load(page, site_url + "activation/")
        shown = [img for fig in page.evaluate(_FIGURES) for img in fig]
        assert len(shown) >= 2
        assert all(
            re.search(r"/figures/[a-z0-9_]+\.dark\.svg#only-dark$", i["src"]) for i in shown
        ), shown
    finally:
        context.close()


def finger(page, points: list[tuple[float, float]]) -> None:
    """A finger put down on the first point, moved through the others, and lifted, as
    Chromium's input pipeline delivers touches on a phone."""
    cdp = page.context.new_cdp_session(page)
    kinds = ["touchStart"] + ["touchMove"] * (len(points) - 1)
    for kind, (x, y) in zip(kinds, points, strict=True):
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def drag(page, locator, fractions: list[float]) -> None:
    """A finger on ``locator`` at the first fraction of its width, moved through the others."""
    box = locator.bounding_box()
    y = box["y"] + box["height"] / 2
    finger(page, [(box["x"] + f * box["width"], y) for f in fractions])


_CONTROLS = """selector => Array.from(document.querySelectorAll(selector))
  .filter(e => e.offsetParent !== null)
  .map(e => { const r = e.getBoundingClientRect();
              return [e.name || e.getAttribute('aria-label') || e.textContent.trim(),
                      r.left, r.right, r.height]; })"""


def off_screen_or_small(page, selector: str) -> list:
    controls = page.evaluate(_CONTROLS, selector)
    assert controls, f"no control matches {selector}"
    return [c for c in controls if c[1] < 0 or c[2] > PHONE["width"] or c[3] < TOUCH_PX]


_OVERLAPS = """selector => {
  const els = Array.from(document.querySelectorAll(selector))
    .filter(e => e.getClientRects().length);
  const name = e => e.name || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30);
  const found = [];
  els.forEach((a, i) => els.slice(i + 1).forEach(b => {
    if (a.contains(b) || b.contains(a)) return;
    const r = a.getBoundingClientRect(), q = b.getBoundingClientRect();
    const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
    const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
    if (w > 0.5 && h > 0.5) found.push([name(a), name(b)]);
  }));
  return found;
}"""


def overlapping(page, selector: str) -> list:
    """Pairs of the elements matching ``selector`` whose boxes overlap (one inside the other
    aside)."""
    return page.evaluate(_OVERLAPS, selector)


#: Where each product "w × x" of the neuron's sum is drawn: the top of the last character of
#: the weight and of the first one of the input, the top of the sum's last character and of its
#: result, and how many lines the sum takes.
_SUM_LINES = """() => {
  const text = document.querySelector('.nw-terms').firstChild, s = text.data;
  const top = i => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                     return Math.round(r.getClientRects()[0].top); };
  const products = [];
  for (let i = s.indexOf('\u00d7'); i >= 0; i = s.indexOf('\u00d7', i + 1))
    products.push([s.slice(i - 5, i + 7), top(i - 2), top(i + 2)]);
  const result = document.querySelector('output[name=z]').getClientRects()[0];
  return {products, last: top(s.length - 1), result: Math.round(result.top),
          lines: new Set(Array.from(s, (c, i) => top(i))).size};
}"""


def test_a_finger_drags_the_neurons_sliders(phone, site_url):
    scheme, page, errors = phone
    page.goto(site_url + "try-a-neuron/", wait_until="load")
    page.wait_for_selector("output[name=z][data-value]")
    slider = page.locator("input[type=range][name=b]")  # the last one, the farthest down
    slider.scroll_into_view_if_needed()
    before = float(page.get_attribute("output[name=z]", "data-value"))
    drag(page, slider, [0.5, 0.7, 0.9, 0.97])
    page.wait_for_function(
        f"Number(document.querySelector('output[name=z]').dataset.value) !== {before}"
    )
    b = float(slider.input_value())
    assert b > 1.5, b  # towards the right end of [-3, 3]
    # the curve and the sum it shows stay on the screen while the reader works the slider
    for shown in ("svg.nw-svg", "output[name=z]", "input[type=range][name=b]"):
        box = page.locator(shown).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (shown, box)

    # a swipe up that starts on a slider scrolls the page and leaves the slider alone
    box = slider.bounding_box()
    scrolled = page.evaluate("window.scrollY")
    y = box["y"] + box["height"] / 2
    x = box["x"] + 0.2 * box["width"]
    finger(page, [(x, y), (x, y - 60), (x, y - 120), (x, y - 180)])
    page.wait_for_timeout(300)
    assert float(slider.input_value()) == b
    assert page.evaluate("window.scrollY") != scrolled
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not off_screen_or_small(page, ".nw input:not([type=checkbox]), .nw select, .nw-toggle")
    # scrolled back up, where the view is not stuck over the sliders, nothing covers anything
    page.evaluate("window.scrollTo(0, 0)")
    assert not overlapping(page, ".nw :is(input, select, output, label, legend), .nw-svg")
    assert not errors, errors


def test_the_neurons_sum_breaks_between_its_terms(phone, site_url):
    """A sum too long for a phone's line breaks between two terms: never inside a product
    "w × x", and never before its result, which stays beside the last term."""
    scheme, page, errors = phone
    page.goto(site_url + "try-a-neuron/", wait_until="load")
    page.wait_for_selector("output[name=z][data-value]")
    for key, value in (("x1", -0.7), ("x2", -0.9), ("x3", -0.6), ("w1", -2.3), ("w2", -1.7),
                       ("w3", -2.9), ("b", -1.1)):  # fmt: skip
        field = page.locator(f"input[type=number][name={key}]")
        field.fill(str(value))
        field.press("Enter")
    page.wait_for_function("document.querySelector('output[name=z]').textContent === '3.78'")
    where = page.evaluate(_SUM_LINES)
    assert where["lines"] >= 2, where  # the sum does not fit one line: it is broken somewhere
    assert len(where["products"]) == 3
    assert [p for p in where["products"] if p[1] != p[2]] == [], where
    assert where["result"] == where["last"], where
    assert not errors, errors


def test_the_digit_widget_fits_a_phone(phone, site_url):
    scheme, page, errors = phone
    page.goto(site_url + "try-a-digit/", wait_until="load")
    page.wait_for_selector("output[name=p0][data-value]")
    widget = page.locator("#digit-widget")
    assert not off_screen_or_small(
        page, "#digit-widget select, #digit-widget button, #digit-widget label:has(input)"
    )
    box = page.locator("[role=grid]").bounding_box()
    assert box["width"] / 8 >= TOUCH_PX - 4, box  # a cell is about a fingertip wide
    # beside it, room for a finger to scroll the page (on the grid, a finger paints)
    assert box["x"] >= 24 and box["x"] + box["width"] <= PHONE["width"] - 24, box
    # a finger painting upwards scrolls nothing, but a page scrolled up shows Material's "Back
    # to top" button over the grid's top row: on this page it stays hidden
    page.evaluate("window.scrollTo(0, 1500)")
    page.evaluate("window.scrollBy(0, -300)")
    page.wait_for_timeout(400)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-top')).display") == "none"
    # "Tool" is over its two choices, as "Image" is over its list
    legend = page.locator("#digit-widget fieldset > legend").bounding_box()
    for choice in page.locator("#digit-widget fieldset label").all():
        box = choice.bounding_box()
        assert legend["y"] + legend["height"] <= box["y"] + 1, (legend, box)
    assert not overlapping(
        page, "#digit-widget :is(select, button, label, legend, output, [role=grid]), .digit-bar"
    )
    outputs = widget.locator("output")
    assert outputs.count() == 11
    for k in range(outputs.count()):
        right = outputs.nth(k).bounding_box()
        assert right is not None and right["x"] + right["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not errors, errors


def test_the_digit_pages_words_put_the_hidden_layers_where_they_are(phone, site_url):
    """On a phone the widget draws its hidden layers under the grid, not beside it as on a
    desktop: the sentence that tells the reader where to look says so (it said "Next to it")."""
    _, page, _ = phone
    page.goto(site_url + "try-a-digit/", wait_until="load")
    page.wait_for_selector("output[name=p0][data-value]")
    grid = page.locator("[role=grid]").bounding_box()
    layer = page.locator("#digit-widget [role=img]").first.bounding_box()
    assert layer["y"] >= grid["y"] + grid["height"], "on a phone the layers are under the grid"
    words = page.locator("p", has_text="each circle is a neuron of a hidden layer").inner_text()
    where = words.split("as in the")[0].rsplit(".", 1)[-1]
    assert "under it on a phone" in where, where


def test_held_sideways_nothing_covers_the_sliders(browser, site_url):
    """At 844 x 390 (a phone held sideways) the numbers and the curve do not stay on top: they
    are taller than the screen, and would hide the sliders under them."""
    context = browser.new_context(
        viewport={"width": PHONE["height"], "height": PHONE["width"]},
        is_mobile=True,
        has_touch=True,
    )
    try:
        page = context.new_page()
        page.goto(site_url + "try-a-neuron/", wait_until="load")
        page.wait_for_selector("output[name=z][data-value]")
        covered = page.evaluate(
            """() => Array.from(document.querySelectorAll('.nw input[type=range]')).filter(s => {
                 s.scrollIntoView({block: 'center'});
                 const r = s.getBoundingClientRect();
                 return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) !== s;
               }).map(s => s.name)"""
        )
        assert not covered, covered
    finally:
        context.close()
