"""The built site in a real browser: Debian's Chromium, headless, driven by Playwright.

The site is served from its build folder by Python's static server on 127.0.0.1, as any static
host would serve it. The browser may load nothing from anywhere else: every other request is
blocked and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

pytestmark = pytest.mark.browser

SCHEMES = ("light", "dark")

#: axe-core findings that come from Material for MkDocs itself, allowed by rule name, with why.
#: They are allowed only outside the page's content (``.md-content``); any finding of any rule in
#: what we write fails the test.
THEME_FINDINGS = {
    "aria-dialog-name": (
        "Material's search overlay, <div class='md-search' role='dialog'> in the header, has no "
        "accessible name; it comes from the theme's header template, not from our pages"
    ),
}

#: Pages scanned by axe in the dark palette too. Every page is scanned in the light one; in the
#: dark one, the 30 activation pages share one template, so two of them stand for the rest.
DARK_SKIP_PREFIX = "reference/activations/"
DARK_KEEP = {"reference/activations/", "reference/activations/relu/"}


@dataclass
class Survey:
    """What the browser found on every page, in one palette."""

    problems: list[str] = field(default_factory=list)  # console errors, failed requests, images
    blocked: list[str] = field(default_factory=list)  # requests to another server
    axe: list[str] = field(default_factory=list)  # serious or critical axe findings
    axe_ran: bool = False


@pytest.fixture(scope="module", params=SCHEMES)
def scheme(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def tab(browser, site_url, scheme):
    """A browser tab in ``scheme``, blocking (and recording) any request to another server."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    record = Survey()

    def route(r):
        url = r.request.url
        if url.startswith((site_url, "data:", "blob:")):
            r.continue_()
        else:
            record.blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and record.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: record.problems.append(f"page error: {e}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and record.problems.append(f"HTTP {r.status}: {r.url}"),
    )
    page.on("requestfailed", lambda r: record.problems.append(f"failed: {r.url}"))
    yield page, record
    context.close()


def pages_of(built_site) -> list[str]:
    return [built_site.url_path(p) for p in built_site.pages() if p.name != "404.html"]


def load(page, url: str) -> None:
    """Open ``url`` and load every image, lazy ones included."""
    page.goto(url, wait_until="load")
    page.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("Array.from(document.images).every(i => i.complete)", timeout=15000)


_BROKEN_IMAGES = """() => Array.from(document.images)
    .filter(i => getComputedStyle(i).display !== 'none' && i.offsetParent !== null)
    .filter(i => !(i.naturalWidth > 0))
    .map(i => i.currentSrc || i.src)"""

_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => {
        let el = null;
        try { el = typeof n.target[0] === 'string' ? document.querySelector(n.target[0]) : null; }
        catch (e) { el = null; }
        return {target: n.target.join(' '), html: n.html.slice(0, 160),
                ours: !el || !!el.closest('.md-content')};
      }),
    }));
}"""


@pytest.fixture(scope="module")
def survey(tab, site_url, built_site, scheme) -> Survey:
    """Every page loaded once in ``scheme``: what went wrong, and axe-core's findings.

    axe runs on every page in the light palette; in the dark one, the activation pages (one
    template, 30 pages) are represented by two of them.
    """
    from .conftest import AXE_JS

    page, record = tab
    axe = AXE_JS.read_text(encoding="utf-8") if AXE_JS.is_file() else None
    record.axe_ran = axe is not None
    expected = "slate" if scheme == "dark" else "default"
    for path in pages_of(built_site):
        name = path or "/"
        before = len(record.problems)
        load(page, site_url + path)
        record.problems[before:] = [f"{name}: {p}" for p in record.problems[before:]]
        record.problems += [
            f"{name}: image not drawn: {src[:100]}" for src in page.evaluate(_BROKEN_IMAGES)
        ]
        actual = page.get_attribute("body", "data-md-color-scheme")
        if actual != expected:
            record.problems.append(f"{name}: palette {actual!r}, expected {expected!r}")
        if axe is None:
            continue
        if scheme == "dark" and path.startswith(DARK_SKIP_PREFIX) and path not in DARK_KEEP:
            continue
        page.add_script_tag(content=axe)
        for v in page.evaluate(_AXE):
            nodes = v["nodes"]
            if v["id"] in THEME_FINDINGS:
                nodes = [n for n in nodes if n["ours"]]
            record.axe += [
                f"{name}: {v['id']} ({v['impact']}): {v['help']}\n    {n['target']}: {n['html']}"
                for n in nodes
            ]
    return record


def test_every_page_loads_cleanly(survey):
    """No console error, no failed request, no request elsewhere, every visible image drawn."""
    problems = survey.problems + [f"request to another server: {u}" for u in survey.blocked]
    assert not problems, "\n".join(problems)


def test_no_serious_accessibility_violation(survey, axe_source):
    """axe-core on every page: no serious or critical finding, except the theme's own, listed."""
    assert survey.axe_ran
    assert not survey.axe, "\n".join(survey.axe)


def test_404_page_loads_with_its_theme(tab, site_url):
    """The page a host serves for a missing URL: its (root-relative) styles and scripts load."""
    page, record = tab
    before = len(record.problems)
    response = page.goto(site_url + "404.html", wait_until="load")
    assert response is not None and response.status == 200
    assert "404" in page.locator("article h1").inner_text()
    position = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert position == "sticky"  # Material's stylesheet is in effect
    assert record.problems[before:] == []


_DISPLAY = """([light, dark]) => [light, dark].map(src => {
    const img = document.querySelector(`img[src$="${src}"]`);
    return img ? getComputedStyle(img).display : 'missing';
})"""


def test_palette_toggle_swaps_the_figures(browser, site_url):
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        load(page, site_url + "activation/")
        src = page.get_attribute("figure.explainer-figure img[src$='#only-light']", "src")
        pair = [src.rsplit("/", 1)[-1], src.rsplit("/", 1)[-1].replace(".light.", ".dark.")]
        pair[1] = pair[1].replace("#only-light", "#only-dark")
        light, dark = page.evaluate(_DISPLAY, pair)
        assert light != "none" and dark == "none", (light, dark)
        page.locator("label[title='Switch to dark mode']").click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        light, dark = page.evaluate(_DISPLAY, pair)
        assert light == "none" and dark != "none", (light, dark)
        page.locator("label[title='Switch to light mode']").click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
        light, dark = page.evaluate(_DISPLAY, pair)
        assert light != "none" and dark == "none", (light, dark)
    finally:
        context.close()


def test_search_finds_sigmoid(browser, site_url):
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        load(page, site_url)
        page.locator("label.md-search__icon, .md-search__input").first.click()
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("sigmoid", delay=30)
        results = page.locator(".md-search-result__item")
        results.first.wait_for(state="visible", timeout=15000)  # the index loads in a worker
        text = page.locator(".md-search-result").inner_text()
        assert "sigmoid" in text.lower()
        assert results.count() >= 3
        hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
        assert any("activation-functions/" in (h or "") for h in hrefs), hrefs
    finally:
        context.close()


def test_lightbox_zooms_one_variant(browser, site_url):
    """A click opens the figure large, and the gallery holds only the current palette's images."""
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        load(page, site_url + "activation-functions/")
        figures = page.locator("figure.explainer-figure a.glightbox:visible")
        count = figures.count()
        assert count >= 3
        figures.first.click()
        page.locator(".glightbox-container .gslide.current img").wait_for(state="visible")
        slides = page.locator(".glightbox-container .gslide")
        assert slides.count() == count  # not twice as many: the dark variants are another gallery
        current = page.get_attribute(".glightbox-container .gslide.current img", "src")
        assert ".light.svg" in current
        page.keyboard.press("Escape")
    finally:
        context.close()


_MATH_METRICS = """() => {
  const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize);
  const sums = Array.from(document.querySelectorAll('math[display="block"] munderover > mo'))
    .filter(mo => mo.textContent.trim() === '\\u2211')
    .map(mo => mo.getBoundingClientRect().height);
  const inMath = Array.from(document.fonts).filter(f => f.family.includes('Explainer Math'));
  return {body, sums, fonts: inMath.map(f => f.status)};
}"""


def test_math_is_drawn_with_the_sites_math_font(browser, site_url):
    """The display-style sum sign is drawn large (with the served OpenType math font).

    With no math font, Chromium draws it at the size of the text, limits beside it.
    """
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        load(page, site_url + "activation/")
        page.evaluate("document.fonts.ready.then(() => true)")
        m = page.evaluate(_MATH_METRICS)
        assert m["fonts"] == ["loaded"], m
        assert m["sums"], "no display-style sum on the page"
        assert min(m["sums"]) >= 1.4 * m["body"], m
        # the limits sit under and over the sign, not beside it
        boxes = page.evaluate(
            """() => Array.from(document.querySelectorAll('math[display="block"] munderover'))
            .map(u => Array.from(u.children).map(c => c.getBoundingClientRect()))
            .map(([op, under, over]) => ({opTop: op.top, opBottom: op.bottom,
                  underTop: under.top, overBottom: over.bottom}))"""
        )
        for b in boxes:
            assert b["underTop"] >= b["opBottom"] - 1 and b["overBottom"] <= b["opTop"] + 1, b
    finally:
        context.close()


def measured_math(browser, site_url, paths, script: str) -> dict[str, list]:
    """What ``script`` measures of the formulas of each page in ``paths`` (light palette, with the
    math font loaded); each page must have something to measure."""
    context = browser.new_context(color_scheme="light")
    try:
        page, found = context.new_page(), {}
        for path in paths:
            load(page, site_url + path)
            page.evaluate("document.fonts.ready.then(() => true)")
            found[path] = page.evaluate(script)
            assert found[path], f"nothing to measure on {path}"
        return found
    finally:
        context.close()


_INTERVAL_GAPS = """() => Array.from(document.querySelectorAll('.md-content math'))
  .filter(m => m.textContent.replace(/\\s/g, '') === '[0,\\u221e)')
  .map(m => {
    const [open, zero, comma, inf, close] = Array.from(m.querySelector('mrow').children)
      .map(c => c.getBoundingClientRect());
    return {zeroComma: comma.left - zero.right, infClose: close.left - inf.right};
  })"""


def test_an_interval_to_infinity_is_set_tight(browser, site_url):
    """In ReLU's range "[0, ∞)" the ")" sits against the ∞ as against a digit: TeX sets ∞ as an
    ordinary symbol, not as an operator with space on both sides (which showed "[0, ∞ )")."""
    paths = ("activation-functions/", "reference/activations/relu/")
    for path, gaps in measured_math(browser, site_url, paths, _INTERVAL_GAPS).items():
        for g in gaps:
            assert g["infClose"] <= g["zeroComma"] + 0.5, (path, g)


_ROOT_TAILS = """() => Array.from(document.querySelectorAll('.md-content msqrt')).map(s => {
  const em = parseFloat(getComputedStyle(s).fontSize);
  const content = Math.max(...Array.from(s.children).map(c => c.getBoundingClientRect().right));
  return {tail: (s.getBoundingClientRect().right - content) / em, text: s.textContent};
})"""


def test_a_square_root_ends_where_its_content_ends(browser, site_url):
    """No empty space after √3 (Chromium left 0.42 em with the site's math font: "1/√3  for")."""
    paths = ("reference/activations/", "reference/activations/gelu/")
    for path, roots in measured_math(browser, site_url, paths, _ROOT_TAILS).items():
        for root in roots:
            assert root["tail"] <= 0.1, (path, root)


_ALIGNED_ROWS = """() => Array.from(document.querySelectorAll('.md-content math > mrow > mtable'))
  .filter(t => t.querySelector(':scope > mtr > mtd[columnalign]'))
  .map(t => Array.from(t.querySelectorAll(':scope > mtr')).map(r => {
    const [left, right] = Array.from(r.children);
    const kids = Array.from(left.children).map(c => c.getBoundingClientRect());
    return {cellRight: left.getBoundingClientRect().right,
            mathRight: kids.length ? Math.max(...kids.map(k => k.right)) : null,
            equals: right.firstElementChild.tagName === 'mo'  // not a line's continuation
              ? right.firstElementChild.getBoundingClientRect().left : null,
            text: r.textContent.slice(0, 40)};
  }))"""


def test_a_formula_broken_into_lines_aligns_its_equals_signs(browser, site_url):
    """A ``\\begin{aligned}`` formula is set as TeX sets it: each left-hand side ends against its
    "=", and every "=" stands under the one above (σ(z) left a gap before its "=")."""
    paths = ("activation/", "activation-functions/", "gradient-descent/", "backpropagation/")
    for path, tables in measured_math(browser, site_url, paths, _ALIGNED_ROWS).items():
        for rows in tables:
            for row in rows:
                if row["mathRight"] is not None:  # a line that goes on has no left-hand side
                    assert abs(row["cellRight"] - row["mathRight"]) <= 1, (path, row)
            equals = [r["equals"] for r in rows if r["equals"] is not None]
            assert max(equals) - min(equals) <= 1, (path, rows)


_PAGE_BACKGROUND = """() => getComputedStyle(document.body).backgroundColor
  .match(/[0-9.]+/g).slice(0, 3).map(Number)"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_notebook_plots_are_drawn_in_the_readers_palette(browser, site_url, scheme):
    """Each plot of the notebook page shows one image, on the page's own background: on the dark
    palette, not a white rectangle (the notebook draws in the site's light colours; the site
    gives each SVG plot a twin in its dark ones)."""
    import io

    from PIL import Image

    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        load(page, site_url + "notebooks/compute-it-yourself/")
        background = page.evaluate(_PAGE_BACKGROUND)
        plots = page.locator(".md-content figure.notebook-plot")
        assert plots.count() >= 2
        for k in range(plots.count()):
            shown = plots.nth(k).locator("img:visible")
            assert shown.count() == 1, f"plot {k + 1} shows {shown.count()} images"
            png = Image.open(io.BytesIO(shown.screenshot())).convert("RGB")
            corner = png.getpixel((2, 2))  # the plot's own background
            assert max(abs(a - b) for a, b in zip(corner, background, strict=True)) <= 8, (
                k + 1,
                corner,
                background,
            )
    finally:
        context.close()
