"""How numbers, shapes and lists sound: the grammar of narration (what the voice says).

Captions are read; narration is heard. A listener cannot see "−0.30", "(0.90, 0.80)" or "2×3",
so narration writes "minus 0.30", "0.90 and 0.80" and "2 by 3". This module reads no lesson data.
"""

from __future__ import annotations

from collections.abc import Sequence

from scenes.narrative import listing
from scenes.style import fmt


def said(value: float, decimals: int = 2) -> str:
    """A number as the voice says it: "minus 0.3", "2" (not "2.00"), never "minus 0"."""
    text = fmt(value, decimals)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("\u22120", ""):
        text = "0"
    return "minus " + text[1:] if text.startswith("\u2212") else text


def said_all(values: Sequence[float], decimals: int = 2) -> str:
    """A vector's entries as a listener hears them: "0.90, 0.80 and 0.10"."""
    return listing([said(float(v), decimals) for v in values])


def by(rows: int | str, columns: int | str) -> str:
    """A shape as it is said: "2 by 3"."""
    return f"{rows} by {columns}"


def words_in(text: str) -> int:
    """How many words a listener hears in `text` (the narration-to-caption ratio counts these)."""
    return len(text.split())
