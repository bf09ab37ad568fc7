"""Pure drawing functions: each takes numbers and a matplotlib ``Axes`` and returns the ``Axes``.

Nothing in here knows about files, themes on disk or MkDocs. Colours and fonts come from the
active rc context (see ``explainer.draw.style``), so the same function draws the light and the
dark variant of a figure.
"""

#: Samples per curve across the whole z range (a piece gets its share of them): how finely
#: ``explainer.draw.curves`` draws a graph, and so how finely ``explainer.presentation`` samples
#: a curve to judge what its graph shows. Here, in a module that imports nothing, so that
#: ``presentation`` reads it without loading matplotlib.
SAMPLES = 801
