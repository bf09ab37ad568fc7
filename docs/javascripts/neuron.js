/* "One neuron, by hand": the widget of the page try-a-neuron.md. Plain JavaScript, no build.

   It implements no activation function. Every number it shows comes from files that the
   explainer package publishes with each build (src/explainer/widgets.py):
   - widgets/neuron/index.json: the registry's functions (names, labels, ranges), the sliders'
     ranges and step, and the start values (the worked example of the page "Neuron activation");
   - widgets/neuron/NAME.json: f(z) and f'(z) of one function at every z the sliders can make,
     fetched only when the reader chooses that function.
   The sliders move in steps of 0.1, so z = w1*x1 + w2*x2 + w3*x3 + b is a multiple of 0.01 and
   f(z), f'(z) are looked up at index round((z - z_min) / z_step): no interpolation.

   The page's interface, which the browser tests use: <input> and <select> elements named x1, x2,
   x3, w1, w2, w3, b (a slider and a number field each) and activation; <output> elements named
   z, a and slope, each with its full-precision number in data-value. */
(function () {
  "use strict";

  var root = document.querySelector("[data-neuron-widget]");
  var script = document.currentScript;
  if (!root || !script) return;
  var dataUrl = new URL("../widgets/neuron/", script.src);
  var SVG = "http://www.w3.org/2000/svg";
  var KEYS = ["x1", "x2", "x3", "w1", "w2", "w3", "b"];

  var index = null; // widgets/neuron/index.json
  var tables = new Map(); // name -> promise of widgets/neuron/NAME.json
  var table = null; // the chosen function's table, once loaded
  var wanted = ""; // the function last chosen (a slower, older fetch must not win)
  var values = {}; // key -> the value in use (on the slider's grid)
  var inv = 10; // 1 / step, a whole number
  var el = {}; // elements, by role

  // ------------------------------------------------------------------ numbers as text

  function minus(text) {
    return text.replace(/^-/, "\u2212");
  }
  /** A value of the slider grid, shortest form: "0.8", "−0.5", "1". */
  function gridText(v) {
    return minus(String(v === 0 ? 0 : v));
  }
  /** A value to a fixed number of decimals, with a true minus sign and no "−0.0000". */
  function fixed(v, digits) {
    var text = v.toFixed(digits);
    if (/^-0\.?0*$/.test(text)) text = text.slice(1);
    return minus(text);
  }
  /**
   * A value as the readout shows it: [relation, number]. A value that rounds to a whole number
   * without being one (tanh(12) = 0.99999999992) is shown as the bound it passes, "> 0.9999",
   * never as a number the function does not reach.
   */
  function shown(v, digits) {
    var text = fixed(v, digits);
    var rounded = Number(text.replace("\u2212", "-"));
    if (rounded !== Math.round(rounded) || v === rounded) return [" = ", text];
    var unit = Math.pow(10, -digits);
    return v < rounded ? [" > ", fixed(rounded - unit, digits)] : [" < ", fixed(rounded + unit, digits)];
  }
  function paren(v) {
    return v < 0 ? "(" + gridText(v) + ")" : gridText(v);
  }
  /** Clamp a typed number to the slider's range and round it to the slider's step. */
  function snap(key, v) {
    var r = index.sliders[key.charAt(0)];
    v = Math.min(r[1], Math.max(r[0], v));
    v = Math.round(v * inv) / inv;
    return Math.min(r[1], Math.max(r[0], v)) || 0; // never -0
  }

  // ------------------------------------------------------------------ building the widget

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text) node.textContent = text;
    return node;
  }
  function svgNode(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    return node;
  }

  function sliderRow(key, symbol, sub) {
    var r = index.sliders[key.charAt(0)];
    var row = make("div", { class: "nw-row" });
    var label = make("label", { for: "nw-" + key, id: "nw-" + key + "-label", class: "nw-symbol" });
    label.append(symbol);
    if (sub) label.append(make("sub", {}, sub));
    var common = { name: key, min: r[0], max: r[1], step: index.step };
    var range = make("input", Object.assign({ type: "range", id: "nw-" + key }, common));
    var number = make(
      "input",
      Object.assign(
        {
          type: "number",
          inputmode: "decimal",
          "aria-labelledby": "nw-" + key + "-label",
          "aria-describedby": "nw-hint",
        },
        common
      )
    );
    range.addEventListener("input", function () {
      set(key, snap(key, Number(range.value)), range);
    });
    // A finger that lands on a slider and then swipes up or down is scrolling the page: the
    // browser takes the gesture over (touch-action: pan-y) and cancels it for the slider, which
    // goes back to the value it had before the finger landed.
    var before = null;
    range.addEventListener("pointerdown", function (event) {
      before = event.pointerType === "touch" ? values[key] : null;
    });
    range.addEventListener("pointercancel", function () {
      if (before !== null) set(key, before, null);
      before = null;
    });
    number.addEventListener("input", function () {
      // outputs follow while typing; the field itself is rewritten when the entry is done
      if (number.value !== "" && isFinite(number.valueAsNumber)) {
        set(key, snap(key, number.valueAsNumber), number);
      }
    });
    function commit() {
      if (number.value !== "" && isFinite(number.valueAsNumber)) {
        set(key, snap(key, number.valueAsNumber), null);
      } else {
        set(key, values[key], null);
      }
    }
    number.addEventListener("change", commit);
    number.addEventListener("keydown", function (event) {
      if (event.key === "Enter") commit();
    });
    el[key] = { range: range, number: number };
    row.append(label, range, number);
    return row;
  }

  function group(legend, rows) {
    var box = make("fieldset", { class: "nw-group" });
    box.append(make("legend", {}, legend));
    rows.forEach(function (row) {
      box.append(row);
    });
    return box;
  }

  function build() {
    var s = index.sliders;
    var step = gridText(index.step);
    var controls = make("div", { class: "nw-controls" });
    controls.append(
      group("Inputs", [1, 2, 3].map(function (i) { return sliderRow("x" + i, "x", String(i)); })),
      group("Weights", [1, 2, 3].map(function (i) { return sliderRow("w" + i, "w", String(i)); })),
      group("Bias", [sliderRow("b", "b", "")]),
      make(
        "p",
        { id: "nw-hint", class: "nw-hint" },
        "Sliders move in steps of " + step + ". A number you type is rounded to the nearest " +
          step + " and kept within its slider's range: inputs from " + gridText(s.x[0]) +
          " to " + gridText(s.x[1]) + ", weights from " + gridText(s.w[0]) + " to " +
          gridText(s.w[1]) + ", the bias from " + gridText(s.b[0]) + " to " +
          gridText(s.b[1]) + "."
      )
    );

    var results = make("div", { class: "nw-results" });
    var choose = make("div", { class: "nw-choose" });
    var select = make("select", { name: "activation", id: "nw-activation" });
    index.functions.forEach(function (f) {
      select.append(make("option", { value: f.name }, f.label));
    });
    select.addEventListener("change", function () {
      pick(select.value);
    });
    choose.append(make("label", { for: "nw-activation" }, "Activation function f"), select);
    var about = make("p", { class: "nw-about" });

    var sum = make("p", { class: "nw-line" });
    var z = make("output", { name: "z", for: KEYS.map(function (k) { return "nw-" + k; }).join(" ") });
    var terms = make("span", { class: "nw-terms" });
    // the result stays on the line of the last term, never alone on a line of its own
    sum.append(make("span", { class: "nw-lhs" }, "z = "), terms, "\u00a0= ", z);
    var act = make("p", { class: "nw-line" });
    var a = make("output", { name: "a", for: "nw-activation" });
    var aArg = make("span");
    var aRel = make("span", {}, " = ");
    act.append(make("span", { class: "nw-lhs" }, "a = "), "f(z) = f(", aArg, ")", aRel, a);
    var slopeLine = make("p", { class: "nw-line" });
    var slope = make("output", { name: "slope", for: "nw-activation" });
    var sArg = make("span");
    var sRel = make("span", {}, " = ");
    slopeLine.append(
      make("span", { class: "nw-lhs" }, "f\u2032(z) = "), "f\u2032(", sArg, ")", sRel, slope,
      make("span", { class: "nw-note" }, " (the slope of the tangent)")
    );
    [z, a, slope].forEach(function (o) {
      o.setAttribute("aria-live", "off"); // one summary is announced instead, below
    });

    var figure = make("div", { class: "nw-plot" });
    var svg = svgNode("svg", { role: "img", class: "nw-svg" });
    figure.append(svg);
    var legend = make("ul", { class: "nw-legend" });
    [
      ["nw-key-f", "the curve of f"],
      ["nw-key-point", "the point (z, a) and its tangent, of slope f\u2032(z)"],
      ["nw-key-df", "the curve of f\u2032, dashed"],
    ].forEach(function (item) {
      var li = make("li", { class: item[0] });
      li.append(make("span", { class: "nw-swatch", "aria-hidden": "true" }), item[1]);
      legend.append(li);
    });
    var toggle = make("label", { class: "nw-toggle" });
    var check = make("input", { type: "checkbox", name: "show-df" });
    check.addEventListener("change", function () {
      root.classList.toggle("nw-show-df", check.checked);
      update();
    });
    toggle.append(check, " show f\u2032, the slope of f at every z");
    var live = make("p", { class: "nw-live", "aria-live": "polite", "aria-atomic": "true" });

    // What a slider changes, kept in view on a phone while the sliders scroll under it.
    var view = make("div", { class: "nw-view" });
    view.append(sum, act, slopeLine, figure);
    results.append(choose, about, view, legend, toggle, live);
    root.replaceChildren(results, controls); // what changes first, then what changes it
    Object.assign(el, {
      select: select, about: about, terms: terms, z: z, a: a, aArg: aArg, aRel: aRel, slope: slope,
      sArg: sArg, sRel: sRel, svg: svg, check: check, live: live,
    });
    if (window.ResizeObserver) new ResizeObserver(function () { draw(); }).observe(figure);
  }

  // ------------------------------------------------------------------ state and data

  function set(key, v, from) {
    values[key] = v;
    if (from !== el[key].range) el[key].range.value = String(v);
    if (from !== el[key].number) el[key].number.value = String(v);
    update();
  }

  function load(name) {
    if (!tables.has(name)) {
      var url = new URL(encodeURIComponent(name) + ".json", dataUrl);
      tables.set(
        name,
        fetch(url).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status + " for " + url.pathname);
          return r.json();
        })
      );
    }
    return tables.get(name).catch(function (error) {
      tables.delete(name); // try again when chosen again
      throw error;
    });
  }

  function pick(name) {
    wanted = name;
    root.dataset.state = "loading";
    root.setAttribute("aria-busy", "true");
    return load(name).then(
      function (t) {
        if (name !== wanted) return;
        table = t;
        root.dataset.activation = name;
        root.dataset.state = "ready";
        root.removeAttribute("aria-busy");
        var info = index.functions.find(function (f) { return f.name === name; });
        el.about.replaceChildren(
          info.label + ": its values lie in " + info.range + ". ",
          make("a", { href: "../reference/activations/" + name + "/" }, "About " + info.label),
          "."
        );
        update();
      },
      function (error) {
        if (name !== wanted) return;
        root.dataset.state = "error";
        root.removeAttribute("aria-busy");
        el.live.textContent = "The values of " + name + " could not be loaded: " + error.message;
      }
    );
  }

  // ------------------------------------------------------------------ showing the numbers

  var announce = 0;

  function update() {
    if (!table) return;
    var v = values;
    var z = v.w1 * v.x1 + v.w2 * v.x2 + v.w3 * v.x3 + v.b;
    var k = Math.round((z - table.z_min) / table.z_step);
    var fz = table.f[k];
    var dfz = table.df[k];
    // a narrow screen breaks the sum between its terms, never inside a product (no-break
    // spaces around "×")
    var times = "\u00a0\u00d7\u00a0";
    el.terms.textContent =
      gridText(v.w1) + times + paren(v.x1) + " + " + paren(v.w2) + times + paren(v.x2) +
      " + " + paren(v.w3) + times + paren(v.x3) + " + " + paren(v.b);
    var zText = fixed(z, 2);
    el.z.textContent = zText;
    el.z.dataset.value = String(z);
    el.aArg.textContent = zText;
    el.sArg.textContent = zText;
    var aShown = shown(fz, index.decimals);
    var sShown = shown(dfz, index.decimals);
    el.aRel.textContent = aShown[0];
    el.a.textContent = aShown[1];
    el.a.dataset.value = String(fz);
    el.sRel.textContent = sShown[0];
    el.slope.textContent = sShown[1];
    el.slope.dataset.value = String(dfz);
    var summary = "z = " + zText + ", a" + aShown.join("") + ", slope" + sShown.join("");
    clearTimeout(announce);
    announce = setTimeout(function () { el.live.textContent = summary; }, 500);
    draw(z, k);
  }

  /** Round numbers for the ticks of an axis from lo to hi: about `count` of them. */
  function ticks(lo, hi, count) {
    var raw = (hi - lo) / count;
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * mag; })
      .find(function (s) { return s >= raw; });
    var out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) {
      out.push(Math.abs(t) < 1e-9 * step ? 0 : Number(t.toPrecision(12)));
    }
    return out;
  }

  function draw() {
    if (!table || !el.svg) return;
    var svg = el.svg;
    var width = Math.max(260, Math.round(svg.parentNode.clientWidth || 600));
    var height = Math.round(Math.min(340, Math.max(220, width * 0.55)));
    var v = values;
    var z = v.w1 * v.x1 + v.w2 * v.x2 + v.w3 * v.x3 + v.b;
    var k = Math.round((z - table.z_min) / table.z_step);
    var n = table.f.length;
    var zMax = table.z_min + (n - 1) * table.z_step;
    // a window 12 wide, [-6, 6] while z is inside it, else following z
    var span = Math.min(12, zMax - table.z_min);
    var lo = -span / 2;
    if (z > span / 2 - 1) lo = z + 1 - span;
    if (z < -span / 2 + 1) lo = z - 1;
    lo = Math.max(table.z_min, Math.min(zMax - span, lo));
    var i0 = Math.max(0, Math.round((lo - table.z_min) / table.z_step));
    var i1 = Math.min(n - 1, Math.round((lo + span - table.z_min) / table.z_step));
    var showDf = el.check.checked;
    var ymin = Infinity;
    var ymax = -Infinity;
    for (var i = i0; i <= i1; i++) {
      ymin = Math.min(ymin, table.f[i]);
      ymax = Math.max(ymax, table.f[i]);
      if (showDf) {
        ymin = Math.min(ymin, table.df[i]);
        ymax = Math.max(ymax, table.df[i]);
      }
    }
    ymin = Math.min(ymin, 0);
    ymax = Math.max(ymax, 0);
    if (ymax - ymin < 1e-9) {
      ymin -= 1;
      ymax += 1;
    }
    var pad = (ymax - ymin) * 0.08;
    ymin -= pad;
    ymax += pad;
    var m = { left: 46, right: 14, top: 12, bottom: 34 };
    var pw = width - m.left - m.right;
    var ph = height - m.top - m.bottom;
    function X(t) { return m.left + ((t - lo) / span) * pw; }
    function Y(y) { return m.top + ((ymax - y) / (ymax - ymin)) * ph; }
    function path(values) {
      var d = "";
      for (var i = i0; i <= i1; i++) {
        var t = table.z_min + i * table.z_step;
        d += (i === i0 ? "M" : "L") + X(t).toFixed(1) + " " + Y(values[i]).toFixed(1);
      }
      return d;
    }

    var parts = [];
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    var clipId = "nw-clip";
    var defs = svgNode("defs");
    var clip = svgNode("clipPath", { id: clipId });
    clip.append(svgNode("rect", { x: m.left, y: m.top, width: pw, height: ph }));
    defs.append(clip);
    parts.push(defs);
    var grid = svgNode("g", { class: "nw-grid" });
    var labels = svgNode("g", { class: "nw-ticks" });
    ticks(lo, lo + span, Math.max(3, Math.floor(pw / 70))).forEach(function (t) {
      grid.append(svgNode("line", { x1: X(t), x2: X(t), y1: m.top, y2: m.top + ph }));
      var text = svgNode("text", { x: X(t), y: m.top + ph + 16, "text-anchor": "middle" });
      text.textContent = gridText(t);
      labels.append(text);
    });
    ticks(ymin, ymax, Math.max(3, Math.floor(ph / 50))).forEach(function (y) {
      grid.append(svgNode("line", { x1: m.left, x2: m.left + pw, y1: Y(y), y2: Y(y) }));
      var text = svgNode("text", { x: m.left - 6, y: Y(y) + 4, "text-anchor": "end" });
      text.textContent = minus(String(y));
      labels.append(text);
    });
    var zLabel = svgNode("text", { x: m.left + pw, y: height - 3, "text-anchor": "end",
      class: "nw-axis-name" });
    zLabel.textContent = "z";
    labels.append(zLabel);
    parts.push(grid, labels);
    var axes = svgNode("g", { class: "nw-axes" });
    axes.append(svgNode("line", { x1: m.left, x2: m.left + pw, y1: Y(0), y2: Y(0) }));
    if (lo <= 0 && lo + span >= 0) {
      axes.append(svgNode("line", { x1: X(0), x2: X(0), y1: m.top, y2: m.top + ph }));
    }
    parts.push(axes);
    var plot = svgNode("g", { "clip-path": "url(#" + clipId + ")" });
    if (showDf) plot.append(svgNode("path", { d: path(table.df), class: "nw-df" }));
    plot.append(svgNode("path", { d: path(table.f), class: "nw-f" }));
    var fz = table.f[k];
    var dfz = table.df[k];
    var t0 = lo;
    var t1 = lo + span;
    plot.append(svgNode("line", {
      x1: X(t0), y1: Y(fz + dfz * (t0 - z)), x2: X(t1), y2: Y(fz + dfz * (t1 - z)),
      class: "nw-tangent",
    }));
    plot.append(svgNode("line", { x1: X(z), x2: X(z), y1: Y(0), y2: Y(fz), class: "nw-drop" }));
    parts.push(plot);
    // the point outside the clip: whole at the window's ends too (z = 12 is its right edge)
    parts.push(svgNode("circle", { cx: X(z), cy: Y(fz), r: 5.5, class: "nw-point" }));
    svg.replaceChildren.apply(svg, parts);
    var info = index.functions.find(function (f) { return f.name === table.name; });
    svg.setAttribute(
      "aria-label",
      "The curve of " + info.label + " for z from " + gridText(lo) + " to " +
        gridText(lo + span) + ", with the point z = " + fixed(z, 2) + ", a" +
        shown(fz, index.decimals).join("") + " and its tangent, of slope" +
        shown(dfz, index.decimals).join("") +
        (showDf ? "; the dashed curve is f\u2032" : "") + "."
    );
  }

  // ------------------------------------------------------------------ start

  function fail(error) {
    root.dataset.state = "error";
    document.documentElement.classList.remove("nw-js"); // the static figure, after all
    var note = document.querySelector("[data-neuron-fallback]");
    if (note) {
      note.append(
        make(
          "span",
          { class: "nw-error" },
          " (The widget could not load its data here: " + error.message + ". It needs the " +
            "site served over HTTP, for example by python3 -m http.server in the site folder.)"
        )
      );
    }
  }

  fetch(new URL("index.json", dataUrl))
    .then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status + " for index.json");
      return r.json();
    })
    .then(function (data) {
      index = data;
      inv = Math.round(1 / index.step);
      build();
      var start = index.start;
      KEYS.forEach(function (key) {
        var v = key === "b" ? start.b : start[key.charAt(0)][Number(key.charAt(1)) - 1];
        values[key] = v;
        el[key].range.value = String(v);
        el[key].number.value = String(v);
      });
      el.select.value = start.activation;
      return pick(start.activation).then(function () {
        if (root.dataset.state !== "ready") throw new Error("no values for " + start.activation);
        document.querySelectorAll("[data-neuron-static]").forEach(function (node) {
          node.hidden = true;
        });
        root.hidden = false;
        draw();
      });
    })
    .catch(fail);
})();
