/* "Try it: draw a digit": the trained tutorial network, live on an 8 x 8 grid the reader paints.
 *
 * Every number comes from widgets/digits.json, which the explainer package writes at build time
 * (explainer.widgets): the layer sizes, the activation names, the weights and biases at full
 * precision, and the test images as grey levels 0 to 16. The forward pass below is the package's
 * own arithmetic, z = a . W + b for each layer, then tanh or softmax; the input is level / 16.
 * It knows no other activation function: a network that needs one shows a message instead.
 *
 * The interface (the browser tests use it): <select name="test_image"> whose values are test-set
 * indices; <output name="p0"> ... "p9" and "prediction", each with its full-precision number in
 * data-value; the grid's 64 levels, row by row, in the grid's data-levels.
 */
(function () {
  "use strict";

  var SIDE = 8;
  var PIXELS = SIDE * SIDE;
  var LEVELS = 16; // grey levels 0 to 16; the input is level / LEVELS
  var PEN_NEIGHBOUR = 5; // what the pen adds to the four pixels beside the one under it

  /* ------------------------------------------------------------------ the package's arithmetic */

  var ACTIVATIONS = {
    tanh: function (z) {
      return z.map(Math.tanh);
    },
    softmax: function (z) {
      var top = Math.max.apply(null, z);
      var e = z.map(function (v) {
        return Math.exp(v - top);
      });
      var total = e.reduce(function (s, v) {
        return s + v;
      }, 0);
      return e.map(function (v) {
        return v / total;
      });
    },
  };

  /** Every layer's activations for the input x (64 values 0 to 1): [x, a1, a2, output]. */
  function forward(net, x) {
    var layers = [x];
    var a = x;
    for (var l = 0; l < net.weights.length; l++) {
      var w = net.weights[l];
      var b = net.biases[l];
      var z = new Array(b.length);
      for (var j = 0; j < b.length; j++) {
        var s = 0;
        for (var i = 0; i < a.length; i++) s += a[i] * w[i][j];
        z[j] = s + b[j];
      }
      a = ACTIVATIONS[net.activations[l]](z);
      layers.push(a);
    }
    return layers;
  }

  /** The index of the largest value, the first of equal ones (numpy's argmax). */
  function argmax(values) {
    var best = 0;
    for (var i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
    return best;
  }

  /** A probability as the site prints it (explainer.formatting.percent): "97.3%", never
   * "100.0%" nor "0.0%" unless exact; a tie rounds to the even digit, as Python's format does. */
  function percent(p) {
    var v = 100 * p;
    var text = v.toFixed(1);
    if (Number.isInteger(v * 20) && !Number.isInteger(v * 10)) {
      // exactly halfway between two tenths: toFixed rounds up, Python to the even tenth
      var down = Math.floor(v * 10);
      text = ((down % 2 === 0 ? down : down + 1) / 10).toFixed(1);
    }
    if (text === "100.0" && p < 1) return ">99.9%";
    if (text === "0.0" && p > 0) return "<0.1%";
    return text + "%";
  }

  function signed(v, digits) {
    return (v < 0 ? "\u2212" : "") + Math.abs(v).toFixed(digits);
  }

  /** v to `digits` decimals, or more where those would round it to a whole number it is not:
   * a tanh neuron's 0.997 is not "1.00" (tanh never reaches 1). */
  function unrounded(v, digits) {
    while (digits < 6 && Math.abs(v) % 1 !== 0 && Number(Math.abs(v).toFixed(digits)) % 1 === 0) {
      digits += 1;
    }
    return signed(v, digits);
  }

  /** The network of digits.json, checked: the shapes fit, and every activation is one we know. */
  function network(data) {
    var sizes = data.sizes;
    var ok =
      Array.isArray(sizes) &&
      sizes[0] === PIXELS &&
      sizes.length === data.weights.length + 1 &&
      data.biases.length === data.weights.length &&
      data.activations.length === data.weights.length;
    for (var l = 0; ok && l < data.weights.length; l++) {
      ok =
        data.weights[l].length === sizes[l] &&
        data.weights[l].every(function (row) {
          return row.length === sizes[l + 1];
        }) &&
        data.biases[l].length === sizes[l + 1];
    }
    if (!ok) throw new Error("its network does not have the shapes its sizes say");
    data.activations.forEach(function (name) {
      if (!Object.prototype.hasOwnProperty.call(ACTIVATIONS, name)) {
        throw new Error(
          "its network uses the activation function " + JSON.stringify(name) +
            ", and this page computes only " + Object.keys(ACTIVATIONS).join(" and ")
        );
      }
    });
    if (data.levels.length !== PIXELS * data.labels.length) {
      throw new Error("its images do not have " + PIXELS + " pixels each");
    }
    return data;
  }

  /** Test image i's 64 grey levels. */
  function testLevels(data, i) {
    var out = new Array(PIXELS);
    for (var k = 0; k < PIXELS; k++) out[k] = parseInt(data.levels.charAt(i * PIXELS + k), 17);
    return out;
  }

  /* ------------------------------------------------------------------ the page */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function fail(root, message) {
    root.textContent = "";
    root.appendChild(
      el("p", { class: "digit-error", role: "alert" }, [
        "The widget could not start: " + message + ". The ",
        el("a", { href: "../forward-pass/", text: "forward-pass page" }),
        " shows the same network on two test images.",
      ])
    );
    root.hidden = false;
  }

  function build(root, net) {
    var hiddenCount = net.sizes.length - 2;
    var state = {
      levels: testLevels(net, net.start),
      image: net.start, // the test image the grid holds, or null once the reader paints
      cursor: 0, // the keyboard's pixel
      stroke: null,
    };

    /* controls */
    var select = el("select", { id: "digit-test-image", name: "test_image" }, [
      el("option", { value: "", text: "your own drawing" }),
    ]);
    net.labels.forEach(function (label, i) {
      select.appendChild(
        el("option", { value: String(i), text: "test image " + i + ": a handwritten " + label })
      );
    });
    var pen = el("input", { type: "radio", name: "digit-tool", value: "pen", checked: "" });
    var eraser = el("input", { type: "radio", name: "digit-tool", value: "eraser" });
    var clear = el("button", { type: "button", class: "md-button", text: "Clear" });
    var controls = el("div", { class: "digit-controls" }, [
      el("div", { class: "digit-control" }, [
        el("label", { for: "digit-test-image", text: "Image" }),
        select,
      ]),
      el("fieldset", { class: "digit-control digit-tools" }, [
        el("legend", { text: "Tool" }),
        el("label", {}, [pen, " pen"]),
        el("label", {}, [eraser, " eraser"]),
      ]),
      clear,
    ]);

    /* the grid: one focusable pixel at a time (a roving tabindex), arrow keys move it */
    var help = el("p", {
      id: "digit-grid-help",
      class: "digit-help",
      text:
        "Paint with the mouse or a finger. On the grid, arrow keys move; Space or Enter uses " +
        "the tool; + and \u2212 change the grey level; Delete blanks the pixel.",
    });
    var grid = el("div", {
      class: "digit-grid",
      role: "grid",
      "aria-label": "Drawing grid, 8 by 8 pixels, grey levels 0 to 16",
      "aria-describedby": "digit-grid-help",
    });
    var cells = [];
    for (var r = 0; r < SIDE; r++) {
      var row = el("div", { role: "row", class: "digit-row" });
      for (var c = 0; c < SIDE; c++) {
        var cell = el("div", { role: "gridcell", class: "digit-cell", tabindex: "-1" });
        cells.push(cell);
        row.appendChild(cell);
      }
      grid.appendChild(row);
    }
    var caption = el("p", { class: "digit-caption" });
    var input = el("div", { class: "digit-input" }, [
      el("p", { class: "digit-layer-name" }, ["input", el("br"), PIXELS + " pixels"]),
      grid,
      caption,
    ]);

    /* the layers: neurons shaded by activation, as in the forward-pass figure */
    var layerViews = [];
    for (var k = 1; k <= hiddenCount; k++) {
      var neurons = [];
      var column = el("div", { class: "digit-neurons" });
      for (var j = 0; j < net.sizes[k]; j++) {
        var n = el("span", { class: "digit-neuron" });
        neurons.push(n);
        column.appendChild(n);
      }
      var view = el("div", { class: "digit-layer", role: "img" }, [
        el("p", { class: "digit-layer-name", "aria-hidden": "true" }, [
          "hidden " + k,
          el("br"),
          net.sizes[k] + " \u00b7 " + net.activations[k - 1],
        ]),
        column,
      ]);
      layerViews.push({ view: view, neurons: neurons, number: k });
    }

    var outputs = [];
    var probs = el("ol", { class: "digit-probs", start: "0" });
    for (var d = 0; d < net.sizes[net.sizes.length - 1]; d++) {
      var neuron = el("span", { class: "digit-neuron", "aria-hidden": "true" });
      var fill = el("span", { class: "digit-bar-fill" });
      var out = el("output", { name: "p" + d, "aria-live": "off" });
      var item = el("li", { class: "digit-prob" }, [
        neuron,
        el("span", { class: "digit-digit", text: String(d) }),
        el("span", { class: "digit-bar", "aria-hidden": "true" }, [fill]),
        el("span", { class: "digit-sr-only", text: ": " }),
        out,
      ]);
      probs.appendChild(item);
      outputs.push({ item: item, neuron: neuron, fill: fill, out: out });
    }
    var prediction = el("output", { name: "prediction", "aria-live": "off" });
    var predictionShare = el("span");
    var last = net.sizes.length - 1;
    var outputView = el("div", { class: "digit-output" }, [
      el("p", { class: "digit-layer-name" }, [
        "output",
        el("br"),
        net.sizes[last] + " \u00b7 " + net.activations[last - 1],
      ]),
      el("p", { class: "digit-prediction" }, [
        "prediction: ",
        prediction,
        " (",
        predictionShare,
        ")",
      ]),
      probs,
    ]);

    var stage = el("div", { class: "digit-stage" }, [
      input,
      el(
        "div",
        { class: "digit-net" },
        layerViews
          .map(function (v) {
            return v.view;
          })
          .concat([outputView])
      ),
    ]);
    var live = el("p", { class: "digit-sr-only", "aria-live": "polite" });
    function key(shades, text) {
      var item = el("span", { class: "digit-legend-item" });
      shades.forEach(function (a) {
        var shape = "digit-neuron" + (a < 0 ? " digit-negative" : "");
        item.appendChild(el("span", { class: shape, style: "--a: " + Math.abs(a) }));
      });
      item.appendChild(document.createTextNode(text));
      return item;
    }
    var legend = el("p", { class: "digit-legend", "aria-hidden": "true" }, [
      key([0.6], "activation above 0"),
      key([-0.6], "below 0 (dashed)"),
      key([0, 1], "the deeper, the nearer \u00b11"),
    ]);

    root.textContent = "";
    root.appendChild(controls);
    root.appendChild(help);
    root.appendChild(stage);
    root.appendChild(legend);
    root.appendChild(live);

    /* ---------------------------------------------------------------- drawing what it computes */

    var result = null;

    function update() {
      var x = state.levels.map(function (v) {
        return v / LEVELS;
      });
      var layers = forward(net, x);
      var p = layers[layers.length - 1];
      var best = argmax(p);
      result = { p: p, best: best };

      state.levels.forEach(function (v, i) {
        cells[i].style.setProperty("--level", String(v));
        cells[i].setAttribute(
          "aria-label",
          "row " + (Math.floor(i / SIDE) + 1) + ", column " + ((i % SIDE) + 1) + ": level " + v
        );
        cells[i].tabIndex = i === state.cursor ? 0 : -1;
      });
      grid.setAttribute("data-levels", state.levels.join(","));
      caption.textContent =
        state.image === null
          ? "your drawing"
          : "test image " + state.image + ", true digit: " + net.labels[state.image];
      select.value = state.image === null ? "" : String(state.image);

      layerViews.forEach(function (view) {
        var a = layers[view.number];
        var positive = 0;
        a.forEach(function (v, j) {
          shade(view.neurons[j], v);
          view.neurons[j].title = "neuron " + (j + 1) + ": " + unrounded(v, 3);
          if (v >= 0) positive += 1;
        });
        view.view.setAttribute(
          "aria-label",
          "hidden layer " + view.number + ", " + a.length + " " + net.activations[view.number - 1] +
            " neurons: " + positive + " positive, " + (a.length - positive) +
            " negative, from " + unrounded(Math.min.apply(null, a), 2) + " to " +
            unrounded(Math.max.apply(null, a), 2)
        );
      });

      outputs.forEach(function (o, j) {
        shade(o.neuron, p[j]);
        o.fill.style.width = 100 * p[j] + "%";
        o.out.setAttribute("data-value", String(p[j]));
        o.out.textContent = percent(p[j]);
        o.item.classList.toggle("digit-best", j === best);
      });
      prediction.setAttribute("data-value", String(best));
      prediction.textContent = String(best);
      predictionShare.textContent = percent(p[best]);
    }

    function shade(node, a) {
      var v = Math.max(-1, Math.min(1, a));
      node.classList.toggle("digit-negative", v < 0);
      node.style.setProperty("--a", Math.abs(v).toFixed(4));
    }

    var announceTimer = null;
    function announce() {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () {
        var what =
          state.image === null
            ? "Your drawing"
            : "Test image " + state.image + ", a handwritten " + net.labels[state.image];
        live.textContent =
          what + ": the network reads " + result.best + ", probability " +
          percent(result.p[result.best]) + ".";
      }, 250);
    }

    /* ---------------------------------------------------------------- painting */

    function tool() {
      return eraser.checked ? "eraser" : "pen";
    }

    function apply(i) {
      var r = Math.floor(i / SIDE);
      var c = i % SIDE;
      if (tool() === "eraser") {
        state.levels[i] = 0;
        return;
      }
      state.levels[i] = LEVELS;
      [[r - 1, c], [r + 1, c], [r, c - 1], [r, c + 1]].forEach(function (rc) {
        if (rc[0] < 0 || rc[0] >= SIDE || rc[1] < 0 || rc[1] >= SIDE) return;
        var k = rc[0] * SIDE + rc[1];
        state.levels[k] = Math.min(LEVELS, state.levels[k] + PEN_NEIGHBOUR);
      });
    }

    function edited() {
      state.image = null;
      update();
    }

    /** The pixel under a point of the page, as a fraction of the grid, or null outside it. */
    function pixelAt(clientX, clientY) {
      var box = grid.getBoundingClientRect();
      var fx = (clientX - box.left) / box.width;
      var fy = (clientY - box.top) / box.height;
      if (fx < 0 || fx >= 1 || fy < 0 || fy >= 1) return null;
      return { x: fx * SIDE, y: fy * SIDE };
    }

    /** Paint every pixel on the way from the stroke's last point to this one, once a stroke. */
    function strokeTo(clientX, clientY) {
      var s = state.stroke;
      var at = pixelAt(clientX, clientY);
      if (at === null) {
        s.from = null;
        return;
      }
      var from = s.from || at;
      var far = Math.max(Math.abs(at.x - from.x), Math.abs(at.y - from.y));
      var steps = Math.max(1, Math.ceil(2 * far)); // half a pixel at a time: none is skipped
      var changed = false;
      for (var t = 1; t <= steps; t++) {
        var x = from.x + ((at.x - from.x) * t) / steps;
        var y = from.y + ((at.y - from.y) * t) / steps;
        var i = Math.min(SIDE - 1, Math.floor(y)) * SIDE + Math.min(SIDE - 1, Math.floor(x));
        if (s.done[i]) continue;
        s.done[i] = true;
        apply(i);
        changed = true;
      }
      s.from = at;
      if (changed) edited();
    }

    grid.addEventListener("pointerdown", function (e) {
      if (e.pointerType === "mouse" && e.button !== 0) return;
      e.preventDefault();
      if (grid.setPointerCapture) grid.setPointerCapture(e.pointerId);
      state.stroke = { id: e.pointerId, from: null, done: {} };
      strokeTo(e.clientX, e.clientY);
    });
    grid.addEventListener("pointermove", function (e) {
      if (state.stroke && e.pointerId === state.stroke.id) strokeTo(e.clientX, e.clientY);
    });
    function endStroke(e) {
      if (!state.stroke || e.pointerId !== state.stroke.id) return;
      state.stroke = null;
      announce();
    }
    grid.addEventListener("pointerup", endStroke);
    grid.addEventListener("pointercancel", endStroke);

    /* the keyboard */
    grid.addEventListener("keydown", function (e) {
      var i = state.cursor;
      var r = Math.floor(i / SIDE);
      var c = i % SIDE;
      var moved = null;
      switch (e.key) {
        case "ArrowUp":
          moved = Math.max(0, r - 1) * SIDE + c;
          break;
        case "ArrowDown":
          moved = Math.min(SIDE - 1, r + 1) * SIDE + c;
          break;
        case "ArrowLeft":
          moved = r * SIDE + Math.max(0, c - 1);
          break;
        case "ArrowRight":
          moved = r * SIDE + Math.min(SIDE - 1, c + 1);
          break;
        case "Home":
          moved = e.ctrlKey ? 0 : r * SIDE;
          break;
        case "End":
          moved = e.ctrlKey ? PIXELS - 1 : r * SIDE + SIDE - 1;
          break;
        case " ":
        case "Enter":
          apply(i);
          break;
        case "+":
        case "=":
          state.levels[i] = Math.min(LEVELS, state.levels[i] + 1);
          break;
        case "-":
        case "\u2212":
          state.levels[i] = Math.max(0, state.levels[i] - 1);
          break;
        case "Delete":
        case "Backspace":
          state.levels[i] = 0;
          break;
        default:
          return;
      }
      e.preventDefault();
      if (moved !== null) {
        state.cursor = moved;
        cells.forEach(function (cell, k) {
          cell.tabIndex = k === moved ? 0 : -1;
        });
        cells[moved].focus();
        return;
      }
      edited();
      announce();
    });
    // a click or tap focuses its pixel: the keyboard goes on from there
    grid.addEventListener("focusin", function (e) {
      var k = cells.indexOf(e.target);
      if (k >= 0 && k !== state.cursor) {
        state.cursor = k;
        cells.forEach(function (cell, m) {
          cell.tabIndex = m === k ? 0 : -1;
        });
      }
    });

    select.addEventListener("change", function () {
      if (select.value === "") return; // "your own drawing": keep the grid as it is
      var i = Number(select.value);
      state.levels = testLevels(net, i);
      state.image = i;
      update();
      announce();
    });
    clear.addEventListener("click", function () {
      state.levels = state.levels.map(function () {
        return 0;
      });
      edited();
      announce();
    });

    update();
    root.hidden = false;
  }

  function start() {
    var root = document.getElementById("digit-widget");
    if (!root) return;
    var src = root.getAttribute("data-src");
    fetch(src)
      .then(function (response) {
        if (!response.ok) {
          throw new Error("its data, " + src + ", answered HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        build(root, network(data));
        // Material's "Back to top" button appears over the page when it scrolls up, which is
        // where a finger moves when it paints a stroke upwards: on this page it stays away.
        document.documentElement.classList.add("digit-painting");
      })
      .catch(function (error) {
        fail(root, error.message.replace(/\.$/, ""));
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
