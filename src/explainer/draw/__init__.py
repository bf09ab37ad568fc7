"""Pure drawing functions: each takes numbers and a matplotlib ``Axes`` and returns the ``Axes``.

Nothing in here knows about files, themes on disk or MkDocs. Colours and fonts come from the
active rc context (see ``explainer.draw.style``), so the same function draws the light and the
dark variant of a figure.
"""
