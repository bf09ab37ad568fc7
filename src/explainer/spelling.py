"""The package's one "did you mean ...?": the known name closest to a mistyped one.

Standard library only, so that every module can use it without loading numpy or matplotlib.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping


def did_you_mean(name: str, known: Iterable[str] | Mapping[str, str]) -> str:
    """``"; did you mean 'relu'?"`` for the known name closest to ``name``, or ``""`` if none is.

    ``known`` may map each spelling to the name to suggest (an alias to its registry name).
    """
    spellings = dict(known) if isinstance(known, Mapping) else {k: k for k in known}
    folded = {k.casefold(): v for k, v in spellings.items()}  # "ReLU" is close to "relu"
    close = difflib.get_close_matches(name.casefold(), list(folded), n=1)
    return f"; did you mean {folded[close[0]]!r}?" if close else ""
