"""Step 2's words: what stretching does to a·b, and the closing contrast."""

from __future__ import annotations

from la_core import Lesson
from scenes.narrative.pairs import pair
from scenes.style import COSINE_DECIMALS, fmt


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
