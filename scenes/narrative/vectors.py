"""Step 1's words: the 2-D view, the closest pair and the word least like it."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from la_core import Lesson, cosine_matrix, matrix_rank, pca_project, span_coordinates
from scenes.narrative import listing
from scenes.narrative.pairs import Pair, pair
from scenes.narrative.speech import said
from scenes.style import COSINE_DECIMALS, fmt, percent


@dataclass(frozen=True)
class SpaceView:
    """Where the words are drawn: in the space they span (exact, at most 3-D), or in the 3-D view
    through the origin that keeps the most of their squared length (PCA) when they span more."""

    coords: np.ndarray  # one row per word, 3 coordinates
    span: int  # how many dimensions the words span
    kept: float  # share of the squared length the view keeps (1 when exact)

    @property
    def exact(self) -> bool:
        return self.span <= 3


def space_view(lesson: Lesson) -> SpaceView:
    """The words' coordinates in an orthonormal basis of their span built from the closest pair
    first (la_core's span_coordinates: that pair lies in the x-y plane, facing the viewer, at its
    true angle), or la_core's uncentred PCA to 3-D when the span has more than three dimensions."""
    words = lesson.word_matrix
    span = matrix_rank(words)
    if span > 3:
        coords, ratios = pca_project(words, k=3, center=False)
        return SpaceView(coords, span, float(np.sum(ratios)))
    names = list(lesson.word_names)
    (a, b), _ = contrast_pairs(lesson)
    order = [names.index(a), names.index(b), *(n for n in range(len(names)) if names[n] not in (a, b))]
    placed = span_coordinates(words[order])
    coords = np.zeros((len(names), 3))
    coords[order, : placed.shape[1]] = placed
    return SpaceView(coords, span, 1.0)


def view_caption(dim: int, view: SpaceView) -> str:
    """What the picture of the words is: exact in their span, or a squash that bends angles."""
    if view.exact:
        return f"Draw the {dim}-D vectors in the {view.span}-D space they span: every angle is true."
    return (f"Squash the {dim}-D vectors into the 3-D view that keeps the most: "
            "its angles are not the true ones.")


def view_note(view: SpaceView) -> str:
    """The line under the picture."""
    if view.exact:
        return f"drawn in the {view.span}-D space the words span: lengths and angles are true"
    return f"3-D view through the origin (PCA) keeps {percent(view.kept)}% of the squared length"


def axes_note(view: SpaceView) -> str:
    """What the view's axes are: directions found in the words' span, not the embedding's entries."""
    if view.exact:
        return "axes: directions within the words' span, not the first three numbers"
    return "axes: the three directions that keep the most, not the first three numbers"


def contrast_pairs(lesson: Lesson) -> tuple[tuple[str, str], tuple[str, str]]:
    """The most similar pair (a, b) and (a, c), c the word other than b least like a: what the
    scene contrasts (a lesson has at least three words)."""
    names = lesson.word_names
    cos = cosine_matrix(lesson.word_matrix)
    i, j = max(combinations(range(len(names)), 2), key=lambda ij: cos[ij])
    others = [n for n in range(len(names)) if n not in (i, j)]
    far = min(others, key=lambda n: cos[i, n])
    return (names[i], names[j]), (names[i], names[far])


def cosine_text(value: float) -> str:
    """A cosine as the lesson prints it: three decimals (0.900, 0.307)."""
    return fmt(value, COSINE_DECIMALS)


def readout_line(compared: Pair) -> str:
    """A pair's read-out under the picture: cosine, true angle and la_core's reading."""
    return (f"{compared.a} vs {compared.b}:  cos {cosine_text(compared.cosine)},  "
            f"true angle {fmt(compared.degrees, 1)}°  →  {compared.reading}")


def closest_pair_caption(close: Pair) -> str:
    """What the closest pair of words shows, in la_core's reading of its cosine."""
    if close.reading == "similar":
        return f"{close.a} and {close.b} point almost the same way: similar meaning."
    return (f"{close.a} and {close.b} are the closest pair, yet their cosine reads {close.reading}: "
            "no two of these words are similar.")


def farthest_caption(apart: Pair) -> str:
    """What the word least like the first of the closest pair shows (both named, with the reading).
    When even that pair reads similar, say so rather than call it "the least like" and similar."""
    if apart.reading == "similar":
        return f"Even {apart.b}, the word least like {apart.a}, is similar to it."
    where = {"different": f"points well away from {apart.a}: different",
             "unrelated": f"stands at about a right angle to {apart.a}: unrelated",
             "opposed": f"points the opposite way from {apart.a}: opposed"}[apart.reading]
    return f"{apart.b} {where}."


def apart_clause(apart: Pair) -> str:
    """The alt text's clause on the pair least alike, true for every reading."""
    if apart.reading == "similar":
        return (f"even {apart.b}, the word least like {apart.a}, is similar to it "
                f"(cosine {cosine_text(apart.cosine)})")
    return (f"{apart.b} is the least like {apart.a} "
            f"(cosine {cosine_text(apart.cosine)}, {apart.reading})")


def alt(lesson: Lesson) -> str:
    names = lesson.word_names
    view = space_view(lesson)
    (a, b), (_, c) = contrast_pairs(lesson)
    close, apart = pair(lesson, a, b), pair(lesson, a, c)
    dim = len(lesson.words[names[0]])
    where = (f"the {view.span}-D space they span, where every angle is true" if view.exact
             else f"a 3-D view that keeps {percent(view.kept)}% of their squared length")
    return (
        f"The word vectors (toy embeddings) {listing(names)} appear as columns of {dim} numbers, then as "
        f"arrows in {where}. {a} and {b} are the closest "
        f"pair (cosine {cosine_text(close.cosine)}, {close.reading}); {apart_clause(apart)}."
    )


# ---------------------------------------------------------------- narration (what the voice says)


def say_intro() -> str:
    return ("A word can be written as a list of numbers, and that list is a point in space. Words with "
            "similar meanings end up pointing in similar directions.")


def say_columns(lesson: Lesson) -> str:
    dim = len(lesson.words[lesson.word_names[0]])
    return (f"Here are {listing(lesson.word_names)}, each written as a column of {dim} numbers. "
            "A list of numbers like this is a vector, and when it stands for a word we call it the "
            "word's embedding.")


def say_real_size() -> str:
    return ("These are toy embeddings, small enough to read. A real model gives every token somewhere "
            "between 768 and 4096 numbers, but the idea is exactly the same.")


def say_view(lesson: Lesson, view: SpaceView) -> str:
    """Why the picture can be trusted (or how far)."""
    start = ("Now each word becomes a point. The axes here are directions inside the space the "
             "words span, not their first three numbers.")
    if view.exact:
        rooms = {1: "a single line", 2: "a flat plane", 3: "ordinary three-dimensional space"}
        room = rooms[max(view.span, 1)]
        return (f"{start} These words only fill {room}, so we can draw them there without bending "
                "a single angle or length.")
    return (f"{start} These words need more than three dimensions, so we flatten them into the "
            "three-dimensional view that keeps the most of them. Angles in this picture are only "
            "roughly the true ones.")


def say_arrows() -> str:
    return ("Draw each vector as an arrow from the origin to its point. Watch the directions: where an "
            "arrow points is what the word means.")


def say_colours(lesson: Lesson) -> str:
    return (f"Each arrow keeps its word's colour, so you can follow {listing(lesson.word_names)} from the "
            "columns of numbers to the picture.")


def say_length(name: str, length: float, dim: int, first: bool) -> str:
    """The length of one word's arrow; the first time, why length is not the point."""
    if not first:
        return f"The arrow for {name} is {said(length)} long."
    return (f"The arrow for {name} is {said(length)} long, its true length in all {dim} dimensions. "
            "Length only says how big the numbers are; it is the direction we compare.")


def say_closest(close: Pair) -> str:
    if close.reading == "similar":
        return (f"Now compare directions: {close.a} and {close.b} point almost the same way. The cosine "
                f"of the angle between them is {said(close.cosine)}. That is what similar "
                "meaning looks like, and it is the whole idea behind embeddings.")
    return (f"Now compare directions: of all these words, {close.a} and {close.b} point the most alike, "
            f"yet the cosine of their angle is only {said(close.cosine)}, which reads as {close.reading}. "
            "So no two of these words are similar in meaning.")


def say_farthest(apart: Pair) -> str:
    where = {"similar": "even so, it reads as similar",
             "different": "the angle is wide, so it reads as different",
             "unrelated": "they stand at about a right angle, so it reads as unrelated",
             "opposed": "it points the opposite way, so it reads as opposed"}[apart.reading]
    return (f"The word least like {apart.a} is {apart.b}. Their cosine is {said(apart.cosine)}: {where}. "
            "Direction, not length, is what carries the meaning.")
