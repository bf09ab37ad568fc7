"""The "Try it: one neuron" widget in Chromium: its numbers are the package's, for every function.

The page (docs/try-a-neuron.md, docs/javascripts/neuron.js) is driven through its interface:
native ``<input>``s named x1, x2, x3, w1, w2, w3, b (a slider and a number field each), a
``<select name="activation">`` and ``<output>``s named z, a and slope, each carrying its
full-precision number in ``data-value``. Every output is compared with the package's own numbers:
z with ``w @ x + b`` in numpy, a and the slope with the registry's ``f`` and ``f.derivative`` at
the multiple of 0.01 that z is (``explainer.widgets``), to 1e-12; the text shown agrees to the
digits shown.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

import matplotlib.image
import numpy as np
import pytest

from explainer import activations, examples, widgets

pytestmark = pytest.mark.browser

PAGE = "try-a-neuron/"
KEYS = ("x1", "x2", "x3", "w1", "w2", "w3", "b")
BUDGET = 300 * 1024
DATA = re.compile(r"/widgets/neuron/([^/]+)\.json$")


@dataclass
class Record:
    errors: list[str] = field(default_factory=list)  # console errors, failed requests
    data: list[str] = field(default_factory=list)  # widgets/neuron/NAME.json requested
    blocked: list[str] = field(default_factory=list)


def open_page(browser, site_url, *, scheme="light", width=1280, js=True):
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": width, "height": 900}, java_script_enabled=js
    )
    record = Record()

    def route(r):
        if r.request.url.startswith(site_url):
            r.continue_()
        else:
            record.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and record.errors.append(m.text))
    page.on("pageerror", lambda e: record.errors.append(str(e)))
    page.on("requestfailed", lambda r: record.errors.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and record.errors.append(f"HTTP {r.status}"))

    def request(r):
        m = DATA.search(r.url)
        if m:
            record.data.append(m.group(1))

    page.on("request", request)
    return context, page, record


def ready(page, name: str) -> None:
    page.wait_for_function(
        "n => { const w = document.querySelector('[data-neuron-widget]');"
        " return w && w.dataset.state === 'ready' && w.dataset.activation === n; }",
        arg=name,
        timeout=10000,
    )


@pytest.fixture(scope="module")
def widget(browser, site_url):
    context, page, record = open_page(browser, site_url)
    page.goto(site_url + PAGE, wait_until="load")
    ready(page, examples.NEURON["activation"])
    yield page, record
    context.close()


# --------------------------------------------------------------------------- the package's side


def grid(v: float) -> float:
    """A value on the sliders' grid: the nearest multiple of STEP, as a float."""
    return round(v / widgets.STEP) / round(1 / widgets.STEP)


def expected(name: str, values: dict[str, float]) -> dict[str, float]:
    f = activations.get(name)
    x = np.array([values["x1"], values["x2"], values["x3"]])
    w = np.array([values["w1"], values["w2"], values["w3"]])
    z = float(w @ x + values["b"])
    k = round((z + widgets.Z_MAX) / widgets.Z_STEP)
    z_grid = widgets.neuron_z()[k : k + 1]  # the multiple of 0.01 that z is
    assert abs(z_grid[0] - z) < 1e-12
    return {"z": z, "a": float(f(z_grid)[0]), "slope": float(f.derivative(z_grid)[0])}


def shown_number(text: str) -> float:
    return float(text.strip().replace("\u2212", "-"))


def check_outputs(page, name: str, values: dict[str, float]) -> None:
    """The three outputs against the package: data-value to 1e-12, text to its digits."""
    want = expected(name, values)
    for key, value in want.items():
        out = page.locator(f"output[name={key}]")
        data = float(out.get_attribute("data-value"))
        assert abs(data - value) <= 1e-12, (name, key, data, value, values)
        text = out.inner_text()
        assert "-" not in text, text  # a true minus sign
        decimals = len(text.partition(".")[2])
        assert decimals == (2 if key == "z" else 4), text
        shown, unit = shown_number(text), 10**-decimals
        relation = out.evaluate("o => o.previousSibling.textContent").strip()
        if relation == "=":
            assert abs(shown - value) <= 0.5 * unit + 1e-12, (name, key, text)
            if key != "z" and shown == round(shown):  # a whole number only when it is one
                assert data == shown, (name, key, data, text)
        else:  # a value that rounds to a whole number it is not: the bound it passes
            assert relation in ("<", ">"), (name, key, relation)
            assert value > shown if relation == ">" else value < shown
            whole = shown + unit if relation == ">" else shown - unit  # what it rounds to
            assert abs(whole - round(whole)) < 1e-9 and abs(value - whole) <= 0.5 * unit


def slider_values(page) -> dict[str, float]:
    return {k: float(page.locator(f"input[type=range][name={k}]").input_value()) for k in KEYS}


def choose(page, name: str) -> None:
    page.select_option("select[name=activation]", name)
    ready(page, name)


# --------------------------------------------------------------------------- the tests


def test_it_starts_from_the_worked_example(widget):
    page, record = widget
    ex = examples.NEURON
    start = dict(zip(KEYS, [*ex["x"], *ex["w"], ex["b"]], strict=True))
    assert slider_values(page) == start
    for k in KEYS:
        assert float(page.locator(f"input[type=number][name={k}]").input_value()) == start[k]
    assert page.locator("select[name=activation]").input_value() == ex["activation"]
    check_outputs(page, ex["activation"], start)
    worked = examples.worked_example()
    assert float(page.get_attribute("output[name=a]", "data-value")) == pytest.approx(
        float(worked.a), abs=1e-12
    )
    # the sum written out with the current numbers, true minus signs
    sum_line = page.locator(".nw-line").first.inner_text().replace("\u00a0", " ")
    written = "0.8 × 0.9 + (−0.5) × 0.2 + 0.4 × 0.6 + (−0.3) = 0.56"
    assert written in sum_line and "\u2212" in written
    assert not record.errors and not record.blocked


def test_the_menu_lists_every_activation_of_the_registry(widget):
    page, _ = widget
    options = page.locator("select[name=activation] option")
    assert options.evaluate_all("os => os.map(o => o.value)") == list(activations.names())
    labels = options.evaluate_all("os => os.map(o => o.textContent)")
    assert labels == [activations.get(n).label for n in activations.names()]


#: Functions whose slider is also driven by the keyboard in the test below.
KEYBOARD_CHECKED = ("sigmoid", "relu", "step")


@pytest.mark.parametrize("name", activations.names())
def test_every_activation_gives_the_packages_numbers(widget, name):
    """Typed values (some off the step or out of range), then the keyboard, for each function."""
    page, record = widget
    choose(page, name)
    rng = np.random.default_rng(sum(map(ord, name)))
    typed = {}
    for k in KEYS:
        lo, hi = widgets.SLIDERS[k[0]]
        typed[k] = float(np.round(rng.uniform(lo, hi), 1))
    # off the step and out of range: rounded to 0.1, clamped to the slider's range
    typed_text = {k: repr(v) for k, v in typed.items()}
    typed_text["x1"], typed["x1"] = "5", 1.0
    typed_text["w2"], typed["w2"] = "-7.26", -3.0
    typed_text["b"], typed["b"] = "0.37", 0.4
    typed_text["x3"] = f"{typed['x3'] + 0.03:.2f}"  # rounds back to typed["x3"]
    typed["x3"] = grid(float(typed_text["x3"]))
    for k in KEYS:
        field = page.locator(f"input[type=number][name={k}]")
        field.fill(typed_text[k])
        field.press("Tab")  # the entry is done: the field shows the value in use
    assert slider_values(page) == typed
    for k in KEYS:
        assert float(page.locator(f"input[type=number][name={k}]").input_value()) == typed[k]
    check_outputs(page, name, typed)

    # the keyboard: a step up, a step down, the ends of the range, for a function of each
    # kind (smooth, a kink, a jump); the values reached are the table look-ups checked above
    if name in KEYBOARD_CHECKED:
        slider = page.locator("input[type=range][name=w1]")
        slider.focus()
        moves = {"ArrowRight": 0.1, "ArrowLeft": -0.1}
        for key in ("ArrowRight", "ArrowLeft", "ArrowLeft", "End", "Home"):
            before = slider_values(page)["w1"]
            page.keyboard.press(key)
            lo, hi = widgets.SLIDERS["w"]
            want = {"End": hi, "Home": lo}.get(key)
            if want is None:
                want = grid(min(hi, max(lo, before + moves[key])))
            values = slider_values(page)
            assert values["w1"] == want, (key, before, values["w1"])
            assert float(page.locator("input[type=number][name=w1]").input_value()) == want
            check_outputs(page, name, values)

    # z exactly 0, where several functions have their jump or kink: the package's convention
    for k in KEYS:
        field = page.locator(f"input[type=number][name={k}]")
        field.fill("0")
        field.press("Tab")
    assert page.get_attribute("output[name=z]", "data-value") == "0"
    check_outputs(page, name, dict.fromkeys(KEYS, 0.0))
    assert not record.errors and not record.blocked


def test_a_value_that_only_rounds_to_a_whole_number_is_shown_as_a_bound(widget):
    """tanh(12) = 0.99999999992 never reaches 1: the readout says a > 0.9999 and f′ < 0.0001,
    and so do the spoken summary and the plot's description."""
    page, _ = widget
    choose(page, "tanh")
    values = {k: widgets.SLIDERS[k[0]][1] for k in KEYS}  # every slider at its top: z = 12
    for k in KEYS:
        field = page.locator(f"input[type=number][name={k}]")
        field.fill(repr(values[k]))
        field.press("Tab")
    check_outputs(page, "tanh", values)
    line = page.locator("output[name=a]").locator("xpath=..").inner_text()
    assert line.endswith("f(12.00) > 0.9999"), line
    slope = page.locator("output[name=slope]").locator("xpath=..").inner_text()
    assert "f\u2032(12.00) < 0.0001" in slope, slope
    page.wait_for_function(
        "() => document.querySelector('.nw-live').textContent.includes('a > 0.9999')"
    )
    label = page.locator(".nw svg[role=img]").get_attribute("aria-label")
    assert "a > 0.9999" in label and "slope < 0.0001" in label, label
    # the point sits at the plot's right edge: drawn whole, not cut in half by the plot's clip
    point = page.evaluate(
        """() => { const c = document.querySelector('.nw .nw-point');
                   const box = c.ownerSVGElement.viewBox.baseVal;
                   return [c.cx.baseVal.value + c.r.baseVal.value, box.width,
                           c.closest('[clip-path]') === null]; }"""
    )
    assert point[0] <= point[1] and point[2], point


def test_outputs_follow_while_typing(widget):
    """A number typed but not yet committed already drives the outputs (clamped and rounded)."""
    page, _ = widget
    choose(page, "tanh")
    field = page.locator("input[type=number][name=b]")
    field.fill("2.96")
    values = slider_values(page)
    assert values["b"] == 3.0
    check_outputs(page, "tanh", values)
    field.press("Enter")
    assert field.input_value() == "3"


def test_tab_reaches_a_slider_and_arrows_move_it(widget):
    page, _ = widget
    choose(page, "sigmoid")
    for key, value in (("x1", "0.2"), ("w1", "1")):  # so that x1 counts
        field = page.locator(f"input[type=number][name={key}]")
        field.fill(value)
        field.press("Tab")
    page.focus("input[name=show-df]")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.name, document.activeElement.type]")
    assert focused == ["x1", "range"]
    z_before = page.get_attribute("output[name=z]", "data-value")
    a_before = page.get_attribute("output[name=a]", "data-value")
    page.keyboard.press("ArrowRight")
    values = slider_values(page)
    assert values["x1"] == 0.3
    assert page.get_attribute("output[name=z]", "data-value") != z_before
    assert page.get_attribute("output[name=a]", "data-value") != a_before
    check_outputs(page, "sigmoid", values)


def test_every_control_is_labelled_and_the_plot_describes_itself(widget):
    page, _ = widget
    choose(page, "relu")
    names = page.evaluate(
        """() => Array.from(document.querySelectorAll('.nw input, .nw select')).map(e => {
            const by = e.getAttribute('aria-labelledby');
            const text = by ? document.getElementById(by).textContent
                            : (e.labels[0] ? e.labels[0].textContent : '');
            return [e.name, text.trim()];
        })"""
    )
    assert len(names) == 2 * len(KEYS) + 2
    assert all(text for _, text in names), names
    svg = page.locator(".nw svg[role=img]")
    label = svg.get_attribute("aria-label")
    a = page.locator("output[name=a]").inner_text()
    assert "ReLU" in label and a in label
    page.wait_for_function(
        "a => document.querySelector('.nw-live').textContent.includes('a = ' + a)", arg=a
    )  # ReLU's a at the worked example is no whole number: shown with "="


def test_show_f_prime_draws_the_dashed_curve(widget):
    page, _ = widget
    assert page.locator(".nw path.nw-df").count() == 0
    page.check("input[name=show-df]")
    assert page.locator(".nw path.nw-df").count() == 1
    assert "f\u2032" in page.locator(".nw svg").get_attribute("aria-label")
    page.uncheck("input[name=show-df]")
    assert page.locator(".nw path.nw-df").count() == 0


def test_the_data_of_a_function_is_fetched_only_when_chosen(browser, site_url):
    context, page, record = open_page(browser, site_url)
    try:
        page.goto(site_url + PAGE, wait_until="load")
        ready(page, "sigmoid")
        page.wait_for_load_state("networkidle")
        assert sorted(record.data) == ["index", "sigmoid"]
        choose(page, "relu")
        choose(page, "gelu")
        choose(page, "sigmoid")  # already loaded: not fetched again
        choose(page, "relu")
        assert record.data == ["index", "sigmoid", "relu", "gelu"]
        assert not record.errors and not record.blocked
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_weighs_at_most_300_kb_as_loaded(browser, site_url, scheme):
    """HTML, its own script, style and images, and the data it fetches (Material's shared
    ``assets/`` and search index aside, as in test_built_site.py::test_page_weights). With
    JavaScript the static figure is not fetched: the widget takes its place."""
    context, page, record = open_page(browser, site_url, scheme=scheme)
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, len(r.response().body())))
    try:
        page.goto(site_url + PAGE, wait_until="load")
        ready(page, "sigmoid")
        page.wait_for_load_state("networkidle")
        shared = ("/assets/", "/search/")  # Material's scripts, styles and search index
        own = {u: s for u, s in sizes.items() if not any(p in u for p in shared)}
        assert any(u.endswith("/javascripts/neuron.js") for u in own)
        assert any(u.endswith("/widgets/neuron/sigmoid.json") for u in own)
        total = sum(own.values())
        listing = "\n".join(f"{s / 1024:7.1f} KB {u}" for u, s in sorted(own.items()))
        assert total <= BUDGET, f"{total / 1024:.1f} KB > 300 KB\n{listing}"
        assert not any("/figures/" in u for u in own), listing
        assert not record.errors
    finally:
        context.close()


def test_without_javascript_the_static_figure_and_a_sentence_show(browser, site_url):
    context, page, record = open_page(browser, site_url, js=False)
    try:
        page.goto(site_url + PAGE, wait_until="load")
        figure = page.locator("figure.explainer-figure img[src*='activation_value.light']")
        assert figure.is_visible()
        sentence = page.locator("[data-neuron-fallback]")
        assert sentence.is_visible()
        assert "When JavaScript runs" in sentence.inner_text()
        assert not page.locator("[data-neuron-widget]").is_visible()
        assert page.locator("output, .nw input, .nw select").count() == 0
        assert record.data == []
    finally:
        context.close()


def test_with_javascript_the_widget_replaces_the_static_figure(widget):
    page, _ = widget
    assert page.locator("[data-neuron-widget]").is_visible()
    assert not page.locator("[data-neuron-fallback]").is_visible()
    assert not page.locator("figure.explainer-figure").first.is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_touch_targets_at_390_px(browser, site_url, scheme):
    context, page, record = open_page(browser, site_url, scheme=scheme, width=390)
    try:
        page.goto(site_url + PAGE, wait_until="load")
        ready(page, "sigmoid")
        boxes = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                '.nw input[type=range], .nw input[type=number], .nw select, .nw-toggle'))
              .map(e => [e.name || e.className, e.getBoundingClientRect().height,
                         e.getBoundingClientRect().right])"""
        )
        assert len(boxes) == 2 * len(KEYS) + 2
        small = [b for b in boxes if b[1] < 44]
        assert not small, small
        assert max(b[2] for b in boxes) <= 390  # nothing runs off the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert not record.errors
    finally:
        context.close()


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2's relative luminance of an sRGB colour (0 to 255 a channel)."""
    c = np.array(rgb) / 255
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(c @ [0.2126, 0.7152, 0.0722])


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_sliders_track_and_thumb_stand_out_calmly(browser, site_url, scheme):
    """The pixels of a slider at its minimum: the thumb at its left end and the empty track to
    its right at least 3:1 against the page (WCAG 1.4.11, non-text contrast), and on the dark
    palette no bright bar (Chromium draws a native track's empty part #efefef there)."""
    context, page, record = open_page(browser, site_url, scheme=scheme)
    try:
        page.goto(site_url + PAGE, wait_until="load")
        ready(page, "sigmoid")
        slider = page.locator("input[type=range][name=x2]")
        slider.focus()
        page.keyboard.press("Home")
        assert slider_values(page)["x2"] == widgets.SLIDERS["x"][0]
        slider.evaluate("e => e.blur()")  # no focus ring in the picture
        box = slider.bounding_box()
        png = page.screenshot(clip=box)
        pixels = np.rint(matplotlib.image.imread(io.BytesIO(png), format="png") * 255)
        pixels = pixels.astype(int)[..., :3]
        height, width = pixels.shape[:2]
        mid = height // 2
        background = tuple(pixels[1, width // 2].tolist())  # above the track: the page
        thumb = tuple(pixels[mid, 3].tolist())
        # the track: the commonest colour of its middle rows, right of the thumb
        empty = pixels[mid - 1 : mid + 2, int(0.4 * width) : int(0.95 * width)].reshape(-1, 3)
        track = Counter(map(tuple, empty.tolist())).most_common(1)[0][0]
        found = f"{scheme}: background {background}, track {track}, thumb {thumb}"
        assert contrast(track, background) >= 3, found
        assert contrast(thumb, background) >= 3, found
        if scheme == "dark":
            assert luminance(track) <= 0.4, found  # #efefef is 0.86
        assert not record.errors
    finally:
        context.close()


def test_when_the_data_cannot_load_the_static_figure_stays(browser, site_url):
    """Opened where the data is missing (a partial upload, say): the figure, and why."""
    context, page, record = open_page(browser, site_url)
    try:
        page.route("**/widgets/neuron/index.json", lambda r: r.fulfill(status=404, body=""))
        page.goto(site_url + PAGE, wait_until="load")
        page.wait_for_function("document.querySelector('[data-neuron-widget]').dataset.state")
        assert page.get_attribute("[data-neuron-widget]", "data-state") == "error"
        assert not page.locator("[data-neuron-widget]").is_visible()
        assert page.locator("figure.explainer-figure img[src*='.light.svg']").is_visible()
        assert "could not load its data" in page.locator("[data-neuron-fallback]").inner_text()
    finally:
        context.close()


def _rgb(css: str) -> np.ndarray:
    return np.array([float(v) for v in re.findall(r"[\d.]+", css)[:3]])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_tangent_does_not_hide_the_curve_it_lies_on(browser, site_url, scheme):
    """With ReLU and a negative z the tangent runs along the curve's flat half. Both must show
    there: the curve's colour and the tangent's, along the stretch left of the point (the tangent
    drawn solid over the wider curve left only a hairline of the curve, invisible)."""
    context, page, _ = open_page(browser, site_url, scheme=scheme, width=390)
    try:
        page.goto(site_url + PAGE)
        ready(page, "sigmoid")
        choose(page, "relu")
        field = page.locator("input[type=number][name=b]")
        field.fill("-3")
        field.press("Tab")
        page.wait_for_function("() => Number(document.querySelector('output[name=z]')"
                               ".dataset.value) < -1")  # fmt: skip
        page.locator(".nw svg").scroll_into_view_if_needed()
        box = page.evaluate(
            """() => {
              const line = document.querySelector('.nw line.nw-tangent');
              const m = line.getScreenCTM(), p = line.ownerSVGElement.createSVGPoint();
              p.x = line.x1.baseVal.value;
              p.y = line.y1.baseVal.value;
              const a = p.matrixTransform(m);
              const point = document.querySelector('.nw circle.nw-point').getBoundingClientRect();
              const style = (s) => getComputedStyle(document.querySelector(s)).stroke;
              return {x0: a.x, y: a.y, x1: point.left, f: style('.nw path.nw-f'),
                      t: style('.nw line.nw-tangent')};
            }"""
        )
        clip = {"x": box["x0"] + 4, "y": box["y"] - 3, "width": box["x1"] - box["x0"] - 12,
                "height": 6}  # fmt: skip
        shot = matplotlib.image.imread(io.BytesIO(page.screenshot(clip=clip)), format="png")
        pixels = shot[..., :3] * 255
        for name in ("f", "t"):
            near = np.linalg.norm(pixels - _rgb(box[name]), axis=-1) < 60
            share = near.any(axis=0).mean()
            assert share > 0.15, f"{scheme}: the {name} colour shows in {share:.0%} of the stretch"
    finally:
        context.close()
