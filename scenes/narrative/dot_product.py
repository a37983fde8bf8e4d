"""Step 2's words: the pair's products written out, what stretching does to a·b, and the contrast."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, dot_terms
from scenes.narrative import places
from scenes.narrative.pairs import pair
from scenes.style import COSINE_DECIMALS, fmt


@dataclass(frozen=True)
class Terms:
    """The pair multiplied entry by entry and summed, with the decimals the data has (entries as
    stored; products and total with as many as the products need, so the sum adds up as printed)."""

    a: np.ndarray
    b: np.ndarray
    products: np.ndarray
    total: float
    entry_places: int
    product_places: int

    def factors(self) -> list[tuple[str, str]]:
        """Each entry pair as printed, a negative entry in brackets."""
        def one(v: float) -> str:
            text = fmt(float(v), self.entry_places)
            return f"({text})" if text.startswith("\u2212") else text
        return [(one(x), one(y)) for x, y in zip(self.a, self.b, strict=True)]

    def sums(self) -> str:
        """'0.81 + 0.16 − 0.01': the products with their true signs."""
        text = fmt(float(self.products[0]), self.product_places)
        for p in self.products[1:]:
            text += (" \u2212 " if fmt(float(p), self.product_places).startswith("\u2212") else " + ")
            text += fmt(abs(float(p)), self.product_places)
        return text


def terms(lesson: Lesson) -> Terms:
    """la_core's dot_terms for the lesson's pair [dot_product] a and b."""
    a, b = lesson.words[lesson.dot_a], lesson.words[lesson.dot_b]
    products, total = dot_terms(a, b)
    return Terms(a, b, products, total, places(np.concatenate([a, b])),
                 max(places(products), places([total])))


def terms_caption(t: Terms) -> str:
    """'0.9·0.9 + 0.8·0.2 + … = 0.81 + 0.16 + … = 1.54'."""
    written = " + ".join(f"{x}·{y}" for x, y in t.factors())
    return f"{written} = {t.sums()} = {fmt(t.total, t.product_places)}"


def terms_narration(t: Terms, a: str, b: str) -> str:
    """The same sum as a listener hears it ("minus" for a minus sign, "times" and "plus" spoken)."""
    products = ", plus ".join(f"{x} times {y}" for x, y in t.factors())
    sums = t.sums().replace("+", "plus")
    said = (f"Multiply {a} and {b} entry by entry and add: {products}. That is {sums}, "
            f"which adds up to {fmt(t.total, t.product_places)}.")
    return " ".join(said.replace("(", "").replace(")", "").replace("\u2212", "minus ").split())


def stretch_caption(a: str, dot_ab: float) -> str:
    """Stretching a: what happens to a·b depends on its sign; the cosine never changes."""
    if round(dot_ab, 2) == 0:
        return f"Stretch {a}: the dot product stays 0, and so does the cosine."
    change = "grows" if dot_ab > 0 else "grows more negative"
    return f"Stretch {a}: the dot product {change}, the cosine stays the same."


def stretch_moral(dot_ab: float) -> str:
    """The line under the diagram after the stretch."""
    if round(dot_ab, 2) == 0:
        return "at a right angle length changes nothing; the cosine only ever feels direction"
    return "the dot product feels length; the cosine only feels direction"


def contrast_caption(lesson: Lesson) -> str:
    first, second = (pair(lesson, lesson.dot_a, o) for o in (lesson.dot_b, lesson.dot_contrast))
    return (f"{first.a} and {first.b} read as {first.reading}; "
            f"{second.a} and {second.b} read as {second.reading}.")


def alt(lesson: Lesson) -> str:
    a, b, c = lesson.dot_a, lesson.dot_b, lesson.dot_contrast
    first, second = pair(lesson, a, b), pair(lesson, a, c)
    dim = len(lesson.words[a])
    stretched = ("changes the dot product but not the cosine" if round(first.dot, 2) != 0
                 else "leaves both at 0")
    return (
        f"{a} and {b}, two lists of {dim} numbers, are multiplied entry by entry and summed: "
        f"{fmt(first.dot)}. Drawn as arrows at their true angle of {fmt(first.degrees, 1)}°, the dot "
        f"product is the shadow of {a} on {b} times the length of {b}; turning {b} to a right angle and "
        f"past it reads unrelated, then opposed; stretching {a} {stretched}. It ends with {a}·{b} "
        f"({first.reading}, cosine {fmt(first.cosine, COSINE_DECIMALS)}); beside it, {a}·{c} "
        f"({second.reading}, cosine {fmt(second.cosine, COSINE_DECIMALS)})."
    )
