"""How numbers, shapes and lists sound: the grammar of narration (what the voice says).

Captions are read; narration is heard. A listener cannot see "−0.30", "(0.90, 0.80)" or "2×3",
so narration writes "minus 0.30", "0.90 and 0.80" and "2 by 3". This module reads no lesson data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scenes.narrative import listing
from scenes.style import fmt

SAID_WHOLE_FROM = 100


def said(value: float, decimals: int = 2) -> str:
    """A number as the voice says it: "minus 0.3", "2" (not "2.00"), never "minus 0"; from 100 up,
    whole and grouped ("1,123", not "1122.52": decimals of a big number are noise to a listener)."""
    if abs(value) >= SAID_WHOLE_FROM:
        return ("minus " if value < 0 else "") + f"{round(abs(value)):,}"
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


#: The one table of symbols as a voice says them: narration (here), the cards (la_render.lecture)
#: and whatever caption an engine is handed (la_render.narration.voices) all go through `spoken`.
_SPOKEN = (("Û", "U hat"), ("ᵀ", " transposed"), ("·", " dot "), (" = ", " equals "), (" + ", " plus "),
           ("→", " gives "), ("@", " times "), ("(", ""), (")", ""), (" — ", ", "), ("—", ", "),
           (" – ", ", "), ("–", ", "), ("°", " degrees"), ("√", "the square root of "), ("≈", " about "),
           ("θ", "theta"), ("Δ", "delta "), ("⁻", "minus "), ("\u2212", "minus "))
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SIZE = r"(?:\d+(?:\.\d+)?|[a-zA-Z])"  # a number or one letter: a shape's dimension
_SHAPE = re.compile(rf"(?<![\w.])({_SIZE})\s*×\s*(?=({_SIZE})(?!\w|\.\d))")
_POWER = re.compile(r"×\s*10(?=[⁻⁰¹²³⁴⁵⁶⁷⁸⁹])")


def spoken(text: str, sentence: bool = True) -> str:
    """A caption as a voice should read it: symbols as words ("3×4" and "m × k" are "3 by 4" and "m
    by k", "Matrix × vector" is "Matrix times vector", "Q Kᵀ" is "Q K transposed", "2.2 × 10⁻¹⁶" is
    "2.2 times 10 to the minus 16", brackets dropped), so no symbol is read out as a letter, and it
    starts as a sentence does (unless `sentence` is False: a quiz choice read after its letter)."""
    text = _POWER.sub(" times 10", text)
    text = re.sub(r"10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "10 to the " + m.group(1), text)
    text = _SHAPE.sub(r"\1 by ", text).replace("×", " times ")
    for symbol, words in _SPOKEN:
        text = text.replace(symbol, words)
    text = " ".join(text.translate(_SUPERSCRIPTS).split())
    return text[:1].upper() + text[1:] if sentence else text  # a caption may start with a word's name
