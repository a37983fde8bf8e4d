"""Step 2's words: the pair's products written out, what stretching does to a·b, and the contrast."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, dot_terms
from scenes.narrative import places
from scenes.narrative.pairs import pair
from scenes.narrative.speech import said
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


# ---------------------------------------------------------------- narration (what the voice says)


def say_intro() -> str:
    return ("The dot product takes a pair of vectors and gives back one number, and that number says how "
            "much the two point the same way.")


def say_columns(lesson: Lesson) -> str:
    dim = len(lesson.words[lesson.dot_a])
    return (f"Here are {lesson.dot_a} and {lesson.dot_b} side by side, each a list of {dim} numbers. "
            "The dot product pairs them up, row by row.")


def say_sum(lesson: Lesson) -> str:
    first = pair(lesson, lesson.dot_a, lesson.dot_b)
    dim = len(lesson.words[lesson.dot_a])
    return (f"So the dot product of {first.a} and {first.b} is {said(first.dot)}. Two lists of {dim} "
            "numbers went in, and a single number came out.")


def say_to_arrows() -> str:
    return "That number has a picture. Let's draw the pair as arrows and find it."


def say_plane(lesson: Lesson) -> str:
    dim = len(lesson.words[lesson.dot_a])
    return (f"Any two vectors lie in a flat plane, even in {dim} dimensions. Drawn in that plane, their "
            "lengths and the angle between them are exactly the true ones.")


def say_angle(lesson: Lesson) -> str:
    first = pair(lesson, lesson.dot_a, lesson.dot_b)
    return (f"The angle between {first.a} and {first.b} is marked theta. It is about "
            f"{said(first.degrees, 0)} degrees. Keep an eye on it: the dot product depends on it.")


def say_readout() -> str:
    return ("The panel on the right keeps score as we go: the dot product, the two lengths multiplied, "
            "the cosine of the angle, which is the dot product divided by those lengths, and the "
            "angle itself.")


def say_perpendicular(lesson: Lesson) -> str:
    a, b = lesson.dot_a, lesson.dot_b
    return (f"Now drop a line from the tip of {a} straight down onto the line through {b}, meeting it "
            "at a right angle.")


def say_shadow(lesson: Lesson) -> str:
    a, b = lesson.dot_a, lesson.dot_b
    return (f"The highlighted piece is the shadow of {a} on {b}: how far {a} reaches along {b}'s "
            "direction. The more the two point the same way, the longer the shadow.")


def relation_caption(lesson: Lesson) -> str:
    return f"The dot product is the shadow's length times the length of {lesson.dot_b}."


def say_relation(lesson: Lesson) -> str:
    a, b = lesson.dot_a, lesson.dot_b
    return (f"And here is why the shadow matters: the dot product of {a} and {b} is the length of that "
            f"shadow times the length of {b}. So the farther {a} reaches along {b}, the larger the dot "
            "product.")


def turn_status(lesson: Lesson) -> str:
    return f"now turn {lesson.dot_b} and watch the readout"


def say_turn(lesson: Lesson) -> str:
    return (f"Now we turn {lesson.dot_b} away from {lesson.dot_a}. Keep your eye on the shadow and on "
            "the dot product in the panel.")


def say_right_angle() -> str:
    return ("At a right angle the shadow vanishes, so the dot product is zero. Perpendicular vectors "
            "share no direction at all: the lesson reads that as unrelated.")


def say_opposed() -> str:
    return ("Turn further, past the right angle, and the shadow points backwards. The dot product goes "
            "negative: the vectors point opposite ways, which reads as opposed.")


def say_back(lesson: Lesson) -> str:
    return f"Now {lesson.dot_b} turns back to where it started."


def stretch_status(lesson: Lesson) -> str:
    return f"now stretch {lesson.dot_a}: longer, same direction"


def say_stretch_status(lesson: Lesson) -> str:
    return (f"Next, keep the direction and change the length: we stretch {lesson.dot_a}. Watch the dot "
            "product, and then the cosine.")


def say_stretch(lesson: Lesson, dot_ab: float) -> str:
    a = lesson.dot_a
    if round(dot_ab, 2) == 0:
        return (f"As {a} stretches, its shadow stays at zero, so the dot product stays zero, and the "
                "cosine does not move either.")
    change = "grows" if dot_ab > 0 else "grows more negative"
    return (f"As {a} gets longer, its shadow gets longer too, so the dot product {change}. "
            "But the cosine does not move at all, because the angle never changed.")


def say_moral(dot_ab: float) -> str:
    if round(dot_ab, 2) == 0:
        return ("At a right angle, length changes nothing. The cosine only ever feels direction, which is "
                "why we use it to compare meanings.")
    return ("That is the difference to remember: the raw dot product feels length as well as direction, "
            "while the cosine only feels direction. To compare meanings, we usually want the cosine.")


def say_finally(lesson: Lesson) -> str:
    return (f"To finish, put {lesson.dot_a} beside {lesson.dot_b}, and then beside {lesson.dot_contrast}, "
            "each pair in its own plane, drawn at the same scale.")


def say_contrast(lesson: Lesson) -> str:
    first, second = (pair(lesson, lesson.dot_a, o) for o in (lesson.dot_b, lesson.dot_contrast))
    return (f"Here, {first.a} and {first.b} have a cosine of {said(first.cosine)}, so they read as "
            f"{first.reading}; {second.a} and {second.b} have {said(second.cosine)}, so they read as "
            f"{second.reading}. One multiply-and-add, and the sign and size of the result tell the story.")
