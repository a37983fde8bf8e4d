"""Every sentence a viewer reads or hears that depends on the lesson data, one module per scene.

`scenes.narrative.<slug>` computes what its scene shows with la_core (no manim) and writes it
into words: captions, on-screen sentences and `alt(lesson)`, the scene's alt text. A claim
("similar", "saves nothing", "rank 1") is chosen from what la_core computed, never assumed from
the shipped numbers; sentences that hold for every valid lesson stay in the scenes. One module
per scene keeps each scene's cache key (and the sections it reads) its own.

This package module holds only grammar, and reads no lesson data.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from scenes.style import fmt

MAX_PLACES = 4
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_word(n: int) -> str:
    """'three' for 3, '12' for 12: small counts read as words."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def plural(n: int, noun: str, many: str | None = None) -> str:
    """'1 row', '2 rows' (digits: these counts sit next to shapes and sizes)."""
    return f"{n} {noun if n == 1 else (many or noun + 's')}"


def listing(names: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def article(n: int) -> str:
    """'an' before a number read with a vowel sound (8, 11, 18, 80...), else 'a'."""
    return "an" if str(n).startswith("8") or n in (11, 18) or 18_000 <= n < 19_000 else "a"


def vector_text(values: Sequence[float]) -> str:
    """(1.00, 1.50) as written in a sentence."""
    return "(" + ", ".join(fmt(float(v)) for v in values) + ")"


def places(values: Sequence[float] | np.ndarray) -> int:
    """Decimals that write every value as stored (1 at least, MAX_PLACES at most), so a sum of
    products written out adds up to the score as printed."""
    for count in range(1, MAX_PLACES):
        if np.allclose(np.round(values, count), values, rtol=0, atol=1e-12):
            return count
    return MAX_PLACES
