"""Every figure of the site, declared once.

Each entry is a ``explainer.figure.Figure``: what draws it (a function in
``explainer.draw``, named as a ``"module:function"`` string so that reading the catalogue never
imports matplotlib), the keyword arguments it is called with, its size, and the words that stand
in for it: the alt text a screen reader speaks and the caption printed under it on the site.

``explainer figures`` draws each declaration twice, in the light and the dark theme, into
``figures/NAME.light.svg`` and ``figures/NAME.dark.svg``, and twice more for phones, at the size
``narrow`` gives, its drawing function called with ``narrow=True``
(``figures/NAME.narrow.light.svg`` and its dark twin). Pages refer to a figure by its name only:
``{{ figure("sigmoid") }}``.

To add a figure, add one entry to ``figures``. Nothing else needs to change.
"""

from __future__ import annotations

from .figure import THEMES, Figure
from .formatting import formatted, number, percent

__all__ = ["THEMES", "Figure", "figures"]

#: The width of a figure's narrow variant, in inches: what a phone shows (see ``Figure.narrow``).
PHONE = 4.4


def _activation_figures() -> list[Figure]:
    """Curves of the activation functions (issue: the activation catalogue).

    One figure per registered activation, named like it, framed and described by its words in
    ``explainer.presentation``, with alt text and caption written from the registry and those
    words; then the post's overview of a neuron and the three classic curves compared.
    """
    from . import activations
    from .presentation import alt_text, words_of

    curve = "explainer.draw.curves:"
    classic = ("sigmoid", "tanh", "relu")
    acts = [activations.get(n) for n in classic]
    labels = [a.label.split(" (")[0] for a in acts]
    ranges = [str(a.range) for a in acts]
    (unbounded,) = [a.label.split(" (")[0] for a in acts if a.range.high == float("inf")]
    found = [
        Figure(
            name="activation_function",
            draw=curve + "activation_function",
            params={"names": list(classic)},
            size=(7.0, 5.4),
            narrow=(PHONE, 7.0),
            alt=(
                "Diagram of one neuron: inputs x1, x2 and x3 are multiplied by weights w1, w2 "
                "and w3 and summed with a bias b into the weighted sum z = w·x + b, which the "
                "activation function f turns into the output a = f(z). Below, three graphs of "
                "f: "
                + "; ".join(f"{label}, range {r}" for label, r in zip(labels, ranges, strict=True))
                + ". Dotted lines mark the values sigmoid and tanh approach but never reach."
            ),
            caption="A neuron computes the weighted sum z = w·x + b and passes it through an "
            "activation function f. Three common choices, with their true ranges.",
            group="activations",
        ),
        Figure(
            name="comparison",
            draw=curve + "comparison",
            params={"names": list(classic), "x_range": [-3.0, 3.0]},
            alt=(
                "Sigmoid, tanh and ReLU on one graph for z from −3 to 3. "
                f"Sigmoid (solid) rises from near 0 to near 1, range {ranges[0]}; "
                f"tanh (dashed) rises from near −1 to near 1 through the origin, range "
                f"{ranges[1]}; ReLU (dash-dotted) is 0 for negative z and equal to z for "
                f"positive z, range {ranges[2]}. Dotted grey lines at 1 and −1 mark values "
                "that sigmoid and tanh approach but never reach."
            ),
            caption=f"Sigmoid, tanh and ReLU compared: only {unbounded} is unbounded above.",
            narrow=(PHONE, 4.6),
            group="activations",
        ),
    ]
    for act in activations.all_activations():
        found.append(
            Figure(
                name=act.name,
                draw=curve + "activation_curve",
                params=words_of(act.name).figure_params(act.name),
                alt=alt_text(act),
                caption=f"{act.label}, above, and its derivative, the slope, below. "
                f"Range: {_unbroken(str(act.range))}.",
                size=(7.0, 5.6),
                narrow=(PHONE, 6.6),
                group="activations",
            )
        )
    return found


def _unbroken(interval: str) -> str:
    """An interval that a line break cannot split: "(0,\u00a01]" (a no-break space)."""
    return interval.replace(", ", ",\u00a0")


def _network_figures() -> list[Figure]:
    """Network diagrams (issue: networks). Their numbers, and those their alt texts quote, come
    from ``explainer.examples``; each figure names the function there that computes them."""
    from . import examples

    ex = examples.worked_example()
    xs = ", ".join(f"x{i} = {number(v, 3)}" for i, v in zip("₁₂₃₄₅₆₇₈₉", ex.x, strict=False))
    ws = ", ".join(number(v, 3) for v in ex.w)
    p = examples.perceptron(**examples.PERCEPTRON)
    inputs = ", ".join(map(str, examples.PERCEPTRON["x"]))

    net = examples.tutorial_network()
    sizes = net.network.sizes
    shape = (
        f"a network with {sizes[0]} inputs, two hidden layers of {sizes[1]} {net.activation} "
        f"neurons and {sizes[-1]} softmax outputs (test accuracy {net.test_accuracy:.1%})"
    )

    def flow(index: int, name: str, caption: str) -> Figure:
        d = examples.classify_test_digit(index)
        verdict = "right" if d.predicted == d.label else "wrong"
        return Figure(
            name=name,
            draw="explainer.draw.diagrams:digit_flow",
            data="explainer.examples:digit_flow",
            params={"index": index},
            size=(7.0, 4.8),
            narrow=(PHONE, 7.0),
            alt=(
                f"A handwritten {d.label} from the test set, 8 by 8 pixels, flowing through "
                f"{shape}. Every neuron is shaded by its activation and every connection by "
                f"what it carries, activation times weight. The network predicts {d.predicted} "
                f"with probability {percent(d.probability)}, which is {verdict}."
            ),
            caption=caption.format(label=d.label, predicted=d.predicted, p=percent(d.probability)),
            group="networks",
        )

    return [
        Figure(
            name="ann",
            draw="explainer.draw.diagrams:network_diagram",
            params={"sizes": examples.ANN, "highlight": True},
            size=(7.0, 4.2),
            narrow=(PHONE, 4.0),
            alt=(
                "A neural network drawn as circles in four columns: an input layer of 4 inputs "
                "x₁ to x₄, two hidden layers of 6 neurons and an output layer of 3 neurons a₁ to "
                "a₃. Every neuron is connected to every neuron of the next layer. The connection "
                "from neuron i of the first hidden layer to neuron j of the second is highlighted "
                "and labelled wᵢⱼ; a square bias node above each layer feeds every neuron of the "
                "next layer, its connection to neuron j labelled bⱼ."
            ),
            caption=(
                "Each circle is a neuron; it holds one number, its activation. A neuron "
                "multiplies each activation of the layer before by the weight of that "
                "connection, adds its own bias and passes the sum through its activation "
                "function. Highlighted: neuron i of hidden layer 1, whose activation is aᵢ, "
                "feeds neuron j of hidden layer 2 along a connection of weight wᵢⱼ. A box +1 is "
                "an extra input that is always 1: bⱼ, the bias of neuron j, is the weight of the "
                "dotted connection from it."
            ),
            group="networks",
        ),
        Figure(
            name="activation_value",
            draw="explainer.draw.diagrams:neuron",
            data="explainer.examples:neuron",
            params=examples.NEURON,
            size=(7.0, 3.6),
            narrow=(PHONE, 5.5),
            alt=(
                f"One neuron computing with real numbers: inputs {xs} times the weights {ws}, "
                f"plus the bias {number(ex.b, 3)}, give the weighted sum "
                f"z = {number(ex.z, 3)}; the "
                f"{ex.activation} turns it into the output a {number(ex.a, 3, relation=True)}."
            ),
            caption=(
                f"One neuron, computed: z = Σᵢ wᵢxᵢ + b = {number(ex.z, 3)} and "
                f"a = σ(z) {number(ex.a, 3, relation=True)}."
            ),
            group="networks",
        ),
        Figure(
            name="perceptron",
            draw="explainer.draw.diagrams:perceptron",
            data="explainer.examples:perceptron",
            params=examples.PERCEPTRON,
            size=(7.0, 3.6),
            narrow=(PHONE, 5.5),
            alt=(
                f"A perceptron with inputs {inputs} and weights "
                f"{', '.join(number(w, 3) for w in p['weights'])}: the weighted input "
                f"{number(p['total'], 3)} "
                f"{'reaches' if p['output'] else 'stays below'} the threshold θ = "
                f"{number(p['threshold'], 3)}, so the step function outputs {p['output']}. "
                f"The threshold is the bias with its sign flipped: b = −θ = {number(p['b'], 3)}."
            ),
            caption=(
                "A perceptron fires (outputs 1) when its weighted input Σᵢ wᵢxᵢ reaches the "
                "threshold θ: that is the step function of the weighted sum z = Σᵢ wᵢxᵢ + b "
                "with the bias b = −θ."
            ),
            group="networks",
        ),
        flow(
            examples.DIGIT,
            "digit_flow",
            "A handwritten {label} the network never saw while learning: it predicts {predicted} "
            "with probability {p}. Blue lines add to a neuron's sum, orange dashed ones "
            "subtract; the deeper a neuron's colour, the stronger its activation.",
        ),
        flow(
            examples.first_mistake(),
            "digit_flow_mistake",
            "One of the few test images the network gets wrong: a handwritten {label}, for which "
            "it predicts {predicted} with probability {p}.",
        ),
    ]


def _learning_figures() -> list[Figure]:
    """How the digits network learns: its cost epoch by epoch, plain gradient descent against
    Adam, and sigmoid, tanh and ReLU hidden layers (``explainer.examples.RUNS``)."""
    from . import examples
    from .training import OPTIMIZERS

    run = examples.run

    def reached(name: str) -> str:
        epoch = examples.first_epoch_at(name, 0.95)
        return "never reaches 95%" if epoch is None else f"passes 95% after epoch {epoch}"

    tutorial = run("adam")
    first, last = tutorial.history[0], tutorial.history[-1]
    epochs, sizes = tutorial.epochs, "-".join(map(str, tutorial.network.sizes))
    accuracy = "test images classified right (%)"
    labels = {"adam": "Adam", "sgd": OPTIMIZERS["sgd"], "sigmoid": "sigmoid", "tanh": "tanh",
              "relu": "ReLU"}  # fmt: skip

    def compared(names: list[str]) -> str:
        return "; ".join(
            f"{labels[n]} {reached(n)} and ends at {percent(run(n).test_accuracy)}" for n in names
        )

    def curves(name: str, lines: list, ylabel: str, alt: str, caption: str, log=False) -> Figure:
        """A figure of ``examples.learning_curves``: one line per ``[run, measure, label]``."""
        return Figure(
            name=name,
            draw="explainer.draw.history:learning_curves",
            data="explainer.examples:learning_curves",
            params={"lines": lines, "ylabel": ylabel} | ({"log": True} if log else {"level": 95.0}),
            size=(7.0, 3.8),
            narrow=(PHONE, 3.9),
            alt=alt,
            caption=caption,
            group="learning",
        )

    right, wrong = examples.costs(examples.DIGIT), examples.costs(examples.first_mistake())
    return [
        Figure(
            name="cost",
            draw="explainer.draw.cost:cost_curves",
            data="explainer.examples:cost_curves",
            params={"indices": [examples.DIGIT, examples.first_mistake()]},
            size=(7.0, 4.0),
            narrow=(PHONE, 5.2),
            alt=(
                "The cost of an answer against p, the probability it gives the true digit, from "
                "near 0 to 1. The cross-entropy, −log p, falls from above 5 to 0 and grows "
                "without bound as p goes to 0. The quadratic cost is a band between (1 − p)² "
                "and 5/9 of that, never above 1. Marked: test image "
                f"{examples.DIGIT}, right with p = {percent(right.probability)}, cross-entropy "
                f"{number(right.cross_entropy, 2)}; test image {examples.first_mistake()}, wrong "
                f"with p = {percent(wrong.probability)}, cross-entropy "
                f"{number(wrong.cross_entropy, 3)} and quadratic cost "
                f"{number(wrong.quadratic, 3)}."
            ),
            caption="Both costs are 0 for a certain right answer; only the cross-entropy makes "
            "a confident mistake expensive.",
            group="learning",
        ),
        curves(
            "training_cost",
            [["adam", "train_loss", "training images"], ["adam", "test_loss", "test images"]],
            "cost (mean cross-entropy)",
            alt=(
                f"Two lines over {epochs} epochs, on a logarithmic scale: the mean cross-entropy "
                f"of the {sizes} tutorial network on its {len(tutorial.data.x_train)} training "
                f"images and on its {len(tutorial.data.x_test)} test images. Before training "
                f"both are about {number(first.train_loss, 3)}; after epoch {epochs} the "
                f"training cost is {number(last.train_loss, 3)} and the test cost "
                f"{number(last.test_loss, 3)}."
            ),
            caption=(
                f"The cost epoch by epoch: {number(last.train_loss, 2)} on the images the "
                f"network learns from after {epochs} epochs, {number(last.test_loss, 2)} on the "
                "test images, which it never learns from."
            ),
            log=True,
        ),
        curves(
            "optimizers",
            [["adam", "test_accuracy", "Adam"], ["sgd", "test_accuracy", OPTIMIZERS["sgd"]]],
            accuracy,
            alt=(
                f"Test accuracy epoch by epoch of the same {sizes} network, from the same "
                f"starting weights, trained with {OPTIMIZERS['adam']} steps (learning rate "
                f"{number(run('adam').learning_rate)}) and with {OPTIMIZERS['sgd']} (learning "
                f"rate {number(run('sgd').learning_rate)}): " + compared(["adam", "sgd"]) + "."
            ),
            caption=f"The same network trained two ways: {compared(['adam', 'sgd'])}.",
        ),
        curves(
            "activation_learning",
            [[n, "test_accuracy", labels[n]] for n in ("tanh", "sigmoid", "relu")],
            accuracy,
            alt=(
                f"Test accuracy epoch by epoch of the {sizes} network with tanh (the site's "
                "network), sigmoid or ReLU hidden neurons, trained the same way with Adam: "
                + compared(["tanh", "sigmoid", "relu"])
                + "."
            ),
            caption="The same run with three activation functions in the hidden layers.",
        ),
    ]


def _backprop_figures() -> list[Figure]:
    """Backpropagation (issue: how it learns): the 2-2-2 example of
    ``explainer.examples.BACKPROP`` as a computation graph, every node with its value and its
    gradient; the alt text quotes them from ``explainer.examples.backprop_example``."""
    from . import examples

    ex = examples.backprop_example()

    def each(layer: int, letter: str) -> str:
        z, a, dz, da = ex.z[layer], ex.a[layer], ex.delta[layer], ex.da[layer]
        return "; ".join(
            f"{letter}{sub}: z = {formatted(z[j], '.4f')} with gradient {number(dz[j], 4)}, "
            f"a = {formatted(a[j], '.4f')} with gradient {number(da[j], 4)}"
            for j, sub in enumerate("₁₂")
        )

    return [
        Figure(
            name="backprop_graph",
            draw="explainer.draw.graph:computation_graph",
            data="explainer.examples:backprop_graph",
            size=(7.0, 4.9),
            narrow=(PHONE, 6.7),
            alt=(
                f"A computation graph of a network with {len(ex.x)} inputs, {len(ex.a[1])} "
                f"hidden and {len(ex.a[2])} output {ex.activation} neurons. Arrows labelled "
                "with the weights w₁ to w₈ carry the inputs "
                f"x₁ = {number(ex.x[0])} and x₂ = {number(ex.x[1])} into the weighted sums z "
                "of the hidden neurons h₁ and h₂, each turned into an activation a by the "
                f"{ex.activation}; the hidden activations feed the output neurons o₁ and o₂ the "
                "same way, "
                f"and both outputs feed the cost C = {formatted(ex.cost, '.4f')}, compared with "
                f"the targets y₁ = {number(ex.y[0])} and y₂ = {number(ex.y[1])}. Each node shows "
                "its value "
                "and the gradient of the cost with respect to it: "
                f"{each(1, 'h')}; {each(2, 'o')}; the cost's own gradient is 1."
            ),
            caption=(
                "The forward pass computes the first line of each box, from left to right; "
                "backpropagation computes the second, the gradient of the cost with respect to "
                "that box (∂C/∂z or ∂C/∂a), from right to left. The values and gradients of the "
                "weights and biases are in the tables below."
            ),
            group="learning",
        ),
    ]


# --------------------------------------------------------------------------- gradient descent


def _gradient_descent_figures() -> list[Figure]:
    """Gradient descent (issue: how it learns). One sigmoid neuron tells a 0 from a 1 by the ink
    in its centre pixels; the runs, the cost and the numbers come from ``explainer.examples``."""
    import numpy as np

    from . import examples

    runs = {k: examples.gradient_descent(r) for k, r in examples.GD_RATES.items()}
    w_min, b_min, c_min = examples.gd_minimum()
    good = runs["good"]
    zero, one = examples.GD_DIGITS
    task = (
        f"one sigmoid neuron learning whether a handwritten digit is a {one} or a {zero} from the "
        "ink in its four centre pixels"
    )
    where = (
        f"The cost is shaded over the weight w, from {number(examples.GD_VIEW['w'][0])} to "
        f"{number(examples.GD_VIEW['w'][1])}, and the bias b, from "
        f"{number(examples.GD_VIEW['b'][0])} to {number(examples.GD_VIEW['b'][1])}, deeper where "
        f"it is lower; it is lowest, {number(c_min, 3)}, at w = {number(w_min, 3)}, "
        f"b = {number(b_min, 3)}, marked with a star"
    )

    def run_words(key: str, name: str) -> str:
        r = runs[key]
        rises = int(np.sum(np.diff(r.cost) > 0))
        steps = len(r.cost) - 1
        how = f"the cost rises in {rises} of its {steps} steps"
        if not rises:
            how = "the cost falls at every step"
        return (
            f"With η = {number(r.rate)} ({name}) it ends at w = {number(r.w[-1], 3)}, "
            f"b = {number(r.b[-1], 3)} with cost {number(r.cost[-1], 3)}; {how}"
        )

    return [
        Figure(
            name="gd_path",
            draw="explainer.draw.learning:descent_map",
            data="explainer.examples:gd_path",
            params={"rate": "good"},
            size=(7.0, 4.6),
            narrow=(PHONE, 4.6),
            alt=(
                f"A map of the cost of {task}. {where}. Gradient descent with learning rate "
                f"η = {number(good.rate)} starts at w = {number(good.w[0])}, "
                f"b = {number(good.b[0])} (a square) with cost {number(good.cost[0], 3)} and "
                f"takes {len(good.cost) - 1} steps, drawn as a line with a dot on each step "
                "where there is room, down into the valley of low cost towards the star, ending "
                f"with cost {number(good.cost[-1], 3)}."
            ),
            caption=(
                f"The cost of one neuron for every weight w and bias b, and the "
                f"{len(good.cost) - 1} steps gradient descent takes from the square, each against "
                "the slope (a dot marks each step where the steps are not too close together to "
                "show). The deeper the colour, the lower the cost; the star is its lowest point."
            ),
            group="learning",
        ),
        Figure(
            name="gd_rates",
            draw="explainer.draw.learning:learning_rates",
            data="explainer.examples:gd_rates",
            size=(7.0, 5.6),
            narrow=(PHONE, 7.0),
            alt=(
                f"Three runs of gradient descent for {task}, each starting at "
                f"w = {number(good.w[0])}, b = {number(good.b[0])}, on the same cost map, and "
                "below them the cost after each step of each run, on a logarithmic scale, with "
                f"a dotted line at the lowest cost {number(c_min, 3)}. "
                + ". ".join(
                    run_words(k, n)
                    for k, n in zip(runs, ("too small", "good", "too large"), strict=True)
                )
                + "."
            ),
            caption=(
                "The same start, three learning rates. Too small: the steps are short and the "
                "cost is still high at the end. Good: the cost drops quickly to near its lowest. "
                "Too large: the steps overshoot the valley floor, so the path zigzags across it "
                "and the cost goes up and down."
            ),
            group="learning",
        ),
    ]


def figures() -> list[Figure]:
    """All site figures, in the order the site first shows them."""
    found = (
        _activation_figures()
        + _network_figures()
        + _learning_figures()
        + _gradient_descent_figures()
        + _backprop_figures()
    )
    names = [f.name for f in found]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"figure names declared twice: {', '.join(dupes)}")
    return found
