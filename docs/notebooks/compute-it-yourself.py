# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Compute it yourself
#
# Everything on this site comes out of a small Python package, `explainer`. This page is a
# notebook: its code ran when the site was built, and the outputs below are what it printed.
# Run it yourself and change the numbers to see what happens.
#
# To run it, install the package and JupyterLab from the project's folder, turn this file (a
# plain-text notebook that [Jupytext](https://jupytext.readthedocs.io/) reads) into a notebook,
# and open that:
#
# ```sh
# pip install -e ".[site]" jupyterlab
# jupytext --to notebook -o compute-it-yourself.ipynb docs/notebooks/compute-it-yourself.py
# jupyter lab compute-it-yourself.ipynb
# ```
#
# Or copy the cells into any Python session: they are ordinary Python, except the `%config`
# line, which only Jupyter understands (it asks for plots as SVG).

# %%
# %config InlineBackend.figure_formats = ["svg"]
import matplotlib.pyplot as plt
import numpy as np

from explainer import activations
from explainer.draw.style import rc
from explainer.examples import worked_example
from explainer.network import Network

# the colours of the site's own figures (the site draws each plot again in their dark
# variant); small plots, with real text in them, large enough to read on a phone
plt.rcParams.update(rc("light"))
plt.rcParams.update({"svg.fonttype": "none", "figure.figsize": (5.6, 3), "figure.dpi": 72})

# %% [markdown]
# ## One neuron, by hand
#
# A neuron multiplies each input $x_i$ by the weight $w_i$ of its connection, adds the products
# and its bias $b$, and passes the total $z$ through its activation function $f$. In symbols,
# $z = \sum_i w_i x_i + b$ and $a = f(z)$. Here are the numbers of the worked example on the
# [Neuron activation](../activation.md) page.

# %%
x = np.array([0.9, 0.2, 0.6])  # the inputs x_i
w = np.array([0.8, -0.5, 0.4])  # the weights w_i
b = -0.3  # the bias

z = w @ x + b  # the weighted sum: w1*x1 + w2*x2 + w3*x3 + b
a = 1 / (1 + np.exp(-z))  # the sigmoid of z
print(f"z = {z:.4f}")
print(f"a = sigmoid(z) = {a:.4f}")

# %% [markdown]
# The package computes the same neuron with its `Network` class (a network of one neuron), and
# gives the same answer:

# %%
example = worked_example()
print(f"z = {example.z:.4f}, a = {example.a:.4f}")
assert np.isclose(example.z, z) and np.isclose(example.a, a)

# %% [markdown]
# ## The same sum through different activation functions
#
# The activation function decides what the neuron does with its sum. Sigmoid squeezes it into
# the open interval $(0, 1)$, tanh into $(-1, 1)$, and ReLU keeps positive sums as they are and
# turns negative ones into 0, so its outputs reach from 0 up to any size.

# %%
for name in ("sigmoid", "tanh", "relu"):
    f = activations.get(name)
    print(f"{name}, range {f.range}")
    for s in (-4.0, z, 4.0):
        print(f"    f({s:g}) = {float(f(s)):.3f}")

# %% [markdown]
# Sigmoid never reaches 1, yet a computer says it does. Its true value at $z = 40$ is
# $1 - e^{-40}/(1 + e^{-40})$, closer to 1 than a 64-bit floating-point number can tell apart,
# so the result is rounded to exactly 1. The gap is still there on the other side, where
# $\sigma(-40) = e^{-40}/(1 + e^{-40})$ is tiny but not 0. The cell finds the first whole $z$
# from which the computer's sigmoid is exactly 1:

# %%
sigmoid = activations.get("sigmoid")
print("sigmoid(40)  =", float(sigmoid(40.0)))
print("sigmoid(-40) =", float(sigmoid(-40.0)))
first = next(s for s in range(100) if sigmoid(float(s)) == 1.0)
print(f"from z = {first} on, sigmoid(z) rounds to exactly 1.0")

# %% alt="Sigmoid, tanh and ReLU for z from -4 to 4. Sigmoid rises in an S from near 0 to near 1, tanh in an S from near -1 to near 1 through the origin, and ReLU is 0 for negative z and then rises in a straight line; a dotted vertical line at the weighted sum z of the neuron above, named in the legend, crosses each curve at that function's value there."
zs = np.linspace(-4, 4, 161)
fig, ax = plt.subplots()
for name, style in (("sigmoid", "-"), ("tanh", "--"), ("relu", "-.")):
    f = activations.get(name)
    ax.plot(zs, f(zs), style, label=name)
ax.axvline(z, color=plt.rcParams["text.color"], lw=1, ls=":", label=f"the neuron's z = {z:.2f}")
ax.axhline(0, color=plt.rcParams["axes.edgecolor"], lw=0.8)
ax.axvline(0, color=plt.rcParams["axes.edgecolor"], lw=0.8)
ax.set(xlabel="weighted sum z", ylabel="a = f(z)", ylim=(-1.2, 2.2))
ax.legend(frameon=False)
plt.show()

# %% [markdown]
# ## A threshold is a bias
#
# Rosenblatt's perceptron outputs 1 when $\sum_i w_i x_i \ge \theta$ for a threshold $\theta$,
# and 0 otherwise. Move $\theta$ to the other side and it reads $\sum_i w_i x_i - \theta \ge 0$:
# the step function of a weighted sum with the bias $b = -\theta$. The package builds a
# perceptron exactly that way. Check it on every combination of three inputs that are 0 or 1:

# %%
weights, theta = [0.7, 0.2, 0.5], 0.6
perceptron = Network.perceptron(weights, theta)
print("bias b =", perceptron.biases[0][0])
for bits in np.ndindex(2, 2, 2):
    inputs = np.array(bits, dtype=float)
    by_threshold = int(np.dot(weights, inputs) >= theta)
    by_network = int(perceptron.forward(inputs).output[0])
    assert by_threshold == by_network
    print(bits, "->", by_network)

# %% [markdown]
# ## A trained network reading a digit
#
# The package trains a small network on the 8×8 handwritten digits that scikit-learn ships
# and feeds one test image through it, recording every layer.

# %%
from explainer.examples import classify_test_digit
from explainer.training import tutorial_network

result = tutorial_network()
print(result.network)
n_test = len(result.data.x_test)
print(f"right on {result.test_accuracy:.1%} of {n_test} unseen test images")

digit = classify_test_digit(30)
trace = digit.trace  # every layer's weighted sums z and activations a
for layer in range(1, len(trace.a)):
    z_l, a_l = trace.z[layer], trace.a[layer]
    print(
        f"layer {layer}: {a_l.size:2} neurons, "
        f"z from {z_l.min():6.2f} to {z_l.max():5.2f}, "
        f"a from {a_l.min():5.2f} to {a_l.max():4.2f}"
    )
print(f"true digit {digit.label}, predicted {digit.predicted}")
print(f"probability of the prediction: {digit.probability:.3f}")

# %% alt="Two panels. Left: the 8 by 8 test image of a handwritten digit in shades of grey, with its true digit in the title. Right: a bar chart of the network's ten output probabilities, one per digit 0 to 9; the bar of the predicted digit is almost 1 and every other bar is close to 0."
fig, (left, right) = plt.subplots(
    1, 2, figsize=(5.6, 2.8), width_ratios=(1, 2)
)
left.imshow(digit.image, cmap="gray_r", vmin=0, vmax=1)
left.set(title=f"a handwritten {digit.label}", xticks=[], yticks=[])
left.spines[["top", "right"]].set_visible(True)  # a frame on all four sides of the image
right.bar(range(10), digit.trace.output)
right.set_axisbelow(True)  # the grid behind the bars
right.set(
    xticks=range(10), xlabel="digit", ylabel="probability", ylim=(0, 1)
)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## One step of gradient descent, by hand
#
# Training changes the weights so that the cost falls. Take the neuron from the top of this page
# and say we wanted it to output $y = 1$. Its quadratic cost is $C = \frac{1}{2}(a - y)^2$.
# The slope of the cost along a weight, written $\partial C/\partial w_i$, says how much $C$
# changes when $w_i$ alone grows a little. The chain rule gives it as a product of slopes, one
# factor per step of the computation:
# $\partial C/\partial w_i = (a - y) \cdot a(1 - a) \cdot x_i$, since
# $\partial C/\partial a = a - y$, the sigmoid's slope is $a(1 - a)$ and
# $\partial z/\partial w_i = x_i$; for the bias the last factor is 1. One step of gradient
# descent moves every weight a little against its slope, with the learning rate $\eta$:
# $w_i \leftarrow w_i - \eta \, \partial C/\partial w_i$. (The pages
# [Backpropagation, step by step](../backpropagation.md) and
# [Training the digits network](../training.md) do the same for whole networks.)

# %%
from explainer import training

y, eta = 1.0, 0.5  # the output we want, and the learning rate
cost = 0.5 * (a - y) ** 2
delta = (a - y) * a * (1 - a)  # dC/dz
grad_w, grad_b = delta * x, delta  # dC/dw_i = delta * x_i, dC/db = delta
print(f"cost {cost:.5f}, dC/dw = {np.round(grad_w, 5)}, dC/db = {grad_b:.5f}")

# the package's backpropagation gives the same slopes
neuron = Network.from_weights([w.reshape(3, 1)], [np.array([b])], "sigmoid")
dw, db = training.backprop(neuron, x, np.array([y]))
assert np.allclose(dw[0].ravel(), grad_w) and np.isclose(db[0][0], grad_b)

# one step against the slope, and the cost again
w_new, b_new = w - eta * grad_w, b - eta * grad_b
a_new = 1 / (1 + np.exp(-(w_new @ x + b_new)))
print(f"after one step: a = {a_new:.4f} (was {a:.4f}), cost {0.5 * (a_new - y) ** 2:.5f}")

# %% [markdown]
# ## Things to try
#
# - Change a weight or the bias of the first neuron and watch $z$ and $a$ move.
# - Add any name from `activations.names()`, for example `"gelu"`, to the three names in
#   `for name in ("sigmoid", "tanh", "relu")` above, and see its range and its values. (The gradient
#   step stays with the sigmoid: its slope $a(1 - a)$ is the sigmoid's.)
# - Train with another activation: `train_digits(activation="relu")` from `explainer.training`,
#   or with plain gradient descent: `train_digits(optimizer="sgd")`.
# - Run the gradient step above ten times in a loop and watch the cost fall.
# - Pick another test image: `classify_test_digit(7)`.
