"""The digit widget ("Try it: draw a digit") in Chromium: its numbers are the package's.

The page's interface: ``<select name="test_image">`` (values: test-set indices, as
``examples.classify_test_digit`` takes them), ``<output>`` elements ``p0`` ... ``p9`` and
``prediction`` with their full-precision numbers in ``data-value``, and the grid's 64 grey levels
in its ``data-levels``. The select, the mouse, a finger and the keyboard drive it; every output is
compared with the package's own forward pass.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import numpy as np
import pytest

from explainer import examples
from explainer.formatting import percent

from .test_built_site import PAGE_BUDGET
from .test_phone import finger

pytestmark = pytest.mark.browser

PAGE = "try-a-digit/"
TOLERANCE = 1e-9


def spread_indices() -> list[int]:
    """At least 20 test images across the whole set, with the forward-pass page's two."""
    n = len(examples.tutorial_network().data.y_test)
    picked = {int(i) for i in np.linspace(0, n - 1, 22).round()}
    return sorted(picked | {examples.DIGIT, examples.first_mistake()})


@pytest.fixture(scope="module")
def widget(browser, site_url):
    """The digit page in a light tab on a 1280 px screen, its console errors recorded."""
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + PAGE, wait_until="load")
    page.wait_for_selector("output[name=p0][data-value]")
    yield page, errors
    context.close()


def outputs(page) -> dict:
    """What the page shows: the ten probabilities and the prediction (data-value and text)."""
    return page.evaluate(
        """() => {
          const out = name => document.querySelector(`output[name="${name}"]`);
          const p = [...Array(10).keys()].map(j => out('p' + j));
          return {p: p.map(o => Number(o.dataset.value)), text: p.map(o => o.textContent),
                  prediction: Number(out('prediction').dataset.value),
                  levels: document.querySelector('[role=grid]').dataset.levels
                    .split(',').map(Number),
                  image: document.querySelector('select[name=test_image]').value};
        }"""
    )


def assert_package_numbers(shown: dict, levels) -> None:
    """The page's outputs are the package's forward pass on ``levels`` / 16."""
    trace = examples.tutorial_network().network.forward(np.asarray(levels, dtype=float) / 16)
    np.testing.assert_allclose(shown["p"], trace.output, rtol=0, atol=TOLERANCE)
    assert shown["prediction"] == int(np.argmax(trace.output))
    assert shown["text"] == [percent(p) for p in shown["p"]]


def cell_centre(page, row: int, column: int) -> tuple[float, float]:
    box = page.locator("[role=grid]").bounding_box()
    return (
        box["x"] + (column + 0.5) * box["width"] / 8,
        box["y"] + (row + 0.5) * box["height"] / 8,
    )


def clear(page) -> None:
    page.locator("#digit-widget").get_by_role("button", name="Clear").click()
    assert outputs(page)["levels"] == [0] * 64


def test_it_starts_on_the_forward_pass_figures_digit(widget):
    page, errors = widget
    shown = outputs(page)
    example = examples.classify_test_digit(examples.DIGIT)
    assert shown["image"] == str(examples.DIGIT)
    assert shown["levels"] == list(np.rint(example.trace.a[0] * 16).astype(int))
    np.testing.assert_allclose(shown["p"], example.trace.output, rtol=0, atol=TOLERANCE)
    assert shown["prediction"] == example.predicted
    caption = page.locator(".digit-caption").inner_text()
    assert caption == f"test image {examples.DIGIT}, true digit: {example.label}"
    assert not errors


@pytest.mark.parametrize("index", spread_indices())
def test_a_chosen_test_image_gives_the_packages_probabilities(widget, index):
    page, errors = widget
    page.select_option("select[name=test_image]", str(index))
    shown = outputs(page)
    example = examples.classify_test_digit(index)
    assert shown["image"] == str(index)
    np.testing.assert_allclose(shown["p"], example.trace.output, rtol=0, atol=TOLERANCE)
    assert shown["prediction"] == example.predicted
    assert shown["text"] == [percent(p) for p in example.trace.output]
    assert not errors


def test_every_test_image_gives_the_packages_probabilities(widget):
    """All of them, through the select's change event: the option texts and the percentages
    (the site's rounding, ">99.9%" and "<0.1%" at the ends) too."""
    page, errors = widget
    result = page.evaluate(
        """() => {
          const select = document.querySelector('select[name=test_image]');
          const rows = [];
          for (const option of select.options) {
            if (option.value === '') continue;
            select.value = option.value;
            select.dispatchEvent(new Event('change'));
            const out = name => document.querySelector(`output[name="${name}"]`);
            rows.push({index: Number(option.value), label: option.textContent,
                       p: [...Array(10).keys()].map(j => Number(out('p' + j).dataset.value)),
                       text: [...Array(10).keys()].map(j => out('p' + j).textContent),
                       prediction: Number(out('prediction').dataset.value)});
          }
          return rows;
        }"""
    )
    data = examples.tutorial_network().data
    trace = examples.tutorial_network().network.forward(data.x_test)
    assert [r["index"] for r in result] == list(range(len(data.y_test)))
    assert [r["label"] for r in result] == [
        f"test image {i}: a handwritten {d}" for i, d in enumerate(data.y_test)
    ]
    np.testing.assert_allclose([r["p"] for r in result], trace.output, rtol=0, atol=TOLERANCE)
    assert [r["prediction"] for r in result] == trace.predicted().tolist()
    assert [r["text"] for r in result] == [[percent(p) for p in row] for row in trace.output]
    assert not errors


def test_painting_with_the_mouse(widget):
    page, errors = widget
    clear(page)
    # a stroke down the middle column and along the bottom: an L
    path = [(1, 3), (6, 3), (6, 6)]
    page.mouse.move(*cell_centre(page, *path[0]))
    page.mouse.down()
    for r, c in path[1:]:
        page.mouse.move(*cell_centre(page, r, c), steps=6)
    page.mouse.up()
    shown = outputs(page)
    levels = np.array(shown["levels"]).reshape(8, 8)
    assert all(levels[r, 3] == 16 for r in range(1, 7))
    assert all(levels[6, c] == 16 for c in range(3, 7))
    assert levels[0, 3] > 0 and levels[3, 2] > 0  # the pen's lighter edge
    assert levels[0, 0] == 0 and levels[3, 0] == 0
    assert shown["image"] == ""  # "your own drawing"
    assert page.locator(".digit-caption").inner_text() == "your drawing"
    assert_package_numbers(shown, shown["levels"])

    # the eraser, with a click
    page.get_by_label("eraser").check()
    page.mouse.click(*cell_centre(page, 6, 3))
    shown = outputs(page)
    assert shown["levels"][6 * 8 + 3] == 0 and shown["levels"][5 * 8 + 3] == 16
    assert_package_numbers(shown, shown["levels"])
    page.get_by_label("pen").check()
    assert not errors


def test_painting_over_a_test_image(widget):
    page, errors = widget
    index = examples.first_mistake()
    page.select_option("select[name=test_image]", str(index))
    before = outputs(page)["levels"]
    page.mouse.click(*cell_centre(page, 0, 0))
    shown = outputs(page)
    expected = list(before)
    expected[0] = 16
    expected[1] = min(16, before[1] + 5)
    expected[8] = min(16, before[8] + 5)
    assert shown["levels"] == expected and shown["image"] == ""
    assert_package_numbers(shown, expected)
    assert not errors


def test_painting_with_a_finger(browser, site_url):
    """Touch events from Chromium's input pipeline (as a phone sends them), on a phone's screen."""
    context = browser.new_context(
        color_scheme="dark", viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(site_url + PAGE, wait_until="load")
        page.wait_for_selector("output[name=p0][data-value]")
        page.locator("[role=grid]").scroll_into_view_if_needed()
        box = page.locator("[role=grid]").bounding_box()
        assert box["width"] / 8 >= 40, box  # a finger's width a pixel
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        page.evaluate(
            """() => { window.pointerTypes = new Set();
              document.querySelector('[role=grid]').addEventListener('pointermove',
                e => window.pointerTypes.add(e.pointerType)); }"""
        )
        page.locator("#digit-widget").get_by_role("button", name="Clear").tap()
        finger(page, [cell_centre(page, 2, c) for c in range(1, 7)] + [cell_centre(page, 5, 6)])
        assert page.evaluate("[...window.pointerTypes]") == ["touch"]
        shown = outputs(page)
        levels = np.array(shown["levels"]).reshape(8, 8)
        assert all(levels[2, c] == 16 for c in range(1, 7))
        assert all(levels[r, 6] == 16 for r in range(2, 6))  # the way down, in one move
        assert levels[7, 0] == 0
        assert_package_numbers(shown, shown["levels"])
        # the page did not scroll under the finger
        assert page.locator("[role=grid]").bounding_box()["y"] == pytest.approx(box["y"], abs=1)
        assert not errors
    finally:
        context.close()


def test_painting_with_the_keyboard(widget):
    page, errors = widget
    clear(page)  # the Clear button has the focus now; the grid is the next stop
    page.keyboard.press("Tab")
    page.keyboard.press("Control+Home")  # the first pixel, wherever the last click left it
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "row 1, column 1: level 0"
    for key in ["ArrowDown", "ArrowDown", "ArrowRight", "ArrowRight", "ArrowRight", "Space"]:
        page.keyboard.press(key)
    expected = [0] * 64
    expected[2 * 8 + 3] = 16
    for k in (1 * 8 + 3, 3 * 8 + 3, 2 * 8 + 2, 2 * 8 + 4):
        expected[k] = 5
    assert outputs(page)["levels"] == expected
    page.keyboard.press("ArrowDown")
    for _ in range(3):
        page.keyboard.press("+")
    page.keyboard.press("-")
    expected[3 * 8 + 3] = 7
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Delete")
    expected[2 * 8 + 3] = 0
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    expected[2 * 8 + 7] = 16
    expected[1 * 8 + 7] = expected[3 * 8 + 7] = expected[2 * 8 + 6] = 5
    shown = outputs(page)
    assert shown["levels"] == expected
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label == "row 3, column 8: level 16"
    assert_package_numbers(shown, expected)
    # the prediction is announced, once the keys stop
    said = f"Your drawing: the network reads {shown['prediction']}, probability "
    page.wait_for_function(
        "said => document.querySelector('.digit-widget [aria-live=polite]')"
        ".textContent.startsWith(said)",
        arg=said,
    )
    assert not errors


def test_the_widget_is_labelled(widget):
    page, _ = widget
    assert page.get_by_label("Image", exact=True).evaluate("e => e.name") == "test_image"
    grid = page.get_by_role("grid")
    assert "8 by 8" in grid.get_attribute("aria-label")
    assert page.locator("[role=gridcell]").count() == 64
    assert page.locator("[role=gridcell][tabindex='0']").count() == 1
    for k in (1, 2):
        name = page.locator(".digit-layer").nth(k - 1).get_attribute("aria-label")
        assert name.startswith(f"hidden layer {k}, 16 tanh neurons:"), name


def test_a_layers_label_never_rounds_an_activation_to_the_bound_it_never_reaches(widget):
    """A screen reader hears each hidden layer's lowest and highest activation; tanh never
    reaches ±1, so neither may its label (it said "to 1.00" for 0.997). Each printed extreme
    is the package's, to the digits printed."""
    page, _ = widget
    page.select_option("select[name=test_image]", str(examples.DIGIT))
    assert outputs(page)["image"] == str(examples.DIGIT)
    example = examples.classify_test_digit(examples.DIGIT)
    for k in (1, 2):
        name = page.locator(".digit-layer").nth(k - 1).get_attribute("aria-label")
        printed = re.search(r"from (\S+) to (\S+)$", name).groups()
        layer = example.trace.a[k]
        for text, true in zip(printed, (layer.min(), layer.max()), strict=True):
            value = float(text.replace("\u2212", "-"))
            assert -1 < value < 1, name
            assert abs(value - true) <= 0.5 * 10.0 ** -len(text.split(".")[1]) + 1e-12, name


def test_page_weight_as_a_reader_loads_it(browser, site_url):
    """Everything the page itself loads (HTML, script, data, figures, the site's stylesheet),
    with and without JavaScript: at most PAGE_BUDGET. Material's shared files are not counted,
    as test_built_site.py does not count them: its ``assets/`` and the search index, which its
    search loads on every page."""
    for javascript in (True, False):
        context = browser.new_context(color_scheme="light", java_script_enabled=javascript)
        try:
            page = context.new_page()
            sizes: dict[str, int] = {}

            def record(request, sizes=sizes):
                sizes[request.url] = request.sizes()["responseBodySize"]

            page.on("requestfinished", record)
            page.goto(site_url + PAGE, wait_until="networkidle")
            if javascript:
                page.wait_for_selector("output[name=p0][data-value]")
            own = {
                url: size
                for url, size in sizes.items()
                if not urlsplit(url).path.startswith(("/assets/", "/search/"))
            }
            assert sum(own.values()) <= PAGE_BUDGET, json.dumps(own, indent=1)
            if javascript:
                assert any(url.endswith("/widgets/digits.json") for url in own)
                assert any(url.endswith("/javascripts/digit.js") for url in own)
        finally:
            context.close()


def test_without_javascript_the_static_figure_and_what_the_widget_does(browser, site_url):
    context = browser.new_context(color_scheme="light", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + PAGE, wait_until="load")
        figure = page.locator("figure.explainer-figure img[src*='digit_flow.light.svg']")
        assert figure.is_visible()
        assert "needs JavaScript" in page.locator("article").inner_text()
        assert not page.locator("#digit-widget").is_visible()
        assert page.locator("output").count() == 0 and page.locator("[role=grid]").count() == 0
    finally:
        context.close()


def test_the_script_says_when_it_cannot_compute(browser, site_url):
    """An activation it does not know, or no data: a message, never a guess."""
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()

        def relu(route):
            data = json.loads(route.fetch().body())
            data["activations"][0] = "relu"
            route.fulfill(body=json.dumps(data), content_type="application/json")

        page.route("**/widgets/digits.json", relu)
        page.goto(site_url + PAGE, wait_until="load")
        alert = page.get_by_role("alert")
        alert.wait_for()
        assert '"relu"' in alert.inner_text() and "tanh and softmax" in alert.inner_text()
        assert page.locator("output").count() == 0
        page.unroute("**/widgets/digits.json")
        page.route("**/widgets/digits.json", lambda r: r.fulfill(status=404, body="missing"))
        page.goto(site_url + PAGE, wait_until="load")
        page.get_by_role("alert").wait_for()
        assert "HTTP 404" in page.get_by_role("alert").inner_text()
    finally:
        context.close()
