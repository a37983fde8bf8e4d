"""Exercise 4 and the cosine key term: the words scaled to unit length, and Û Ûᵀ as the cosines."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, cosine_matrix, cosine_similarity, norm, normalize_rows, similarity_reading
from scenes.narrative import count_word, listing
from scenes.narrative.speech import said
from scenes.narrative.vectors import SpaceView, space_view
from scenes.style import COSINE_DECIMALS, fmt  # cosines as the lesson prints them (three decimals)

EXPRESSION = "X / np.linalg.norm(X, axis=1, keepdims=True)"  # the one numpy expression (exercise 4)


@dataclass(frozen=True)
class Compared:
    """One of Step 2's pairs: its entry of Û Ûᵀ, the cosine Step 2 computes, and the reading."""

    a: str
    b: str
    i: int
    j: int
    entry: float  # (Û Ûᵀ)[i, j]
    cosine: float  # cosine_similarity(a, b), as Step 2 prints it
    reading: str


@dataclass(frozen=True)
class Unit:
    """The batch before and after: X, its row lengths, Û, Û Ûᵀ, the picture of both, the pairs."""

    names: tuple[str, ...]
    X: np.ndarray
    lengths: np.ndarray
    U: np.ndarray
    gram: np.ndarray  # Û Ûᵀ
    view: SpaceView
    unit_coords: np.ndarray  # where each unit arrow ends in the picture
    pairs: tuple[Compared, Compared]  # a·b and a·contrast of [dot_product]


def unit(lesson: Lesson) -> Unit:
    """la_core's row lengths, normalize_rows and cosine_matrix (which is Û Ûᵀ) for the words."""
    names, X = lesson.word_names, lesson.word_matrix
    lengths = np.array([norm(row) for row in X])
    view = space_view(lesson)
    gram = cosine_matrix(X)
    pairs = []
    for other in (lesson.dot_b, lesson.dot_contrast):
        i, j = names.index(lesson.dot_a), names.index(other)
        cos = cosine_similarity(lesson.words[lesson.dot_a], lesson.words[other])
        pairs.append(Compared(lesson.dot_a, other, i, j, float(gram[i, j]), cos, similarity_reading(cos)))
    # The picture is linear in each word (its span's coordinates, or a projection), so a unit
    # word is drawn at its drawn point divided by its true length.
    return Unit(names, X, lengths, normalize_rows(X), gram, view, view.coords / lengths[:, None],
                (pairs[0], pairs[1]))


def cos_text(value: float) -> str:
    return fmt(value, COSINE_DECIMALS)


def batch_caption(u: Unit) -> str:
    n, d = u.X.shape
    return f"The {count_word(n)} words as one batch X: {n} rows of {d} numbers, each row with its length."


def arrows_caption(u: Unit) -> str:
    if u.view.exact:
        return "As arrows, with the unit circle and sphere: every arrow reaching length 1 ends on it."
    return "As arrows in a 3-D view (PCA); its angles and lengths are squashed, the numbers are true."


def say_arrows(u: Unit) -> str:
    """The view, as a voice says it: what the circle is for, and how far the picture can be trusted."""
    if u.view.exact:
        return ("Here they are as arrows, with a circle and a sphere of radius one: every arrow that "
                "reaches length one ends on them.")
    return ("Here they are as arrows in a three-dimensional view that keeps the most of them. Its angles "
            "and lengths are squashed, but the numbers beside it are the true ones. The circle has "
            "radius one.")


def scale_caption(u: Unit) -> str:
    """What dividing by the lengths does to these words (longer ones shrink, shorter ones grow)."""
    moves = []
    for verb, test in (("shrink", lambda v: v > 1), ("grow", lambda v: v < 1)):
        named = [n for n, v in zip(u.names, u.lengths, strict=True) if test(round(float(v), 9))]
        if named:
            moves.append(f"{listing(named)} {verb + 's' if len(named) == 1 else verb}")
    moved = " and ".join(moves) or "nothing moves"
    return f"Divide each row by its length: {moved}; every length is now 1.00."


def scale_narration(u: Unit) -> str:
    return (f"{scale_caption(u)} That is exercise four, in one numpy expression: "
            "X divided by its row lengths, keeping the axis so every row is divided by its own length.")


def gram_caption(u: Unit) -> str:
    return "Multiply Û by its transpose: every entry is one unit row dotted with another."


def pair_caption(pair: Compared) -> str:
    return (f"{pair.a}·{pair.b} in Û Ûᵀ is {cos_text(pair.entry)}: Step 2's cosine, "
            f"{cos_text(pair.cosine)}, {pair.reading}.")


def pair_line(pair: Compared) -> str:
    """The line under Û Ûᵀ for one of Step 2's pairs."""
    return f"{pair.a}·{pair.b} = {cos_text(pair.entry)}: Step 2's cosine, {pair.reading}"


def say_title() -> str:
    return "Here is how that works on the lesson's words, with a single line of numpy."


def say_batch(u: Unit) -> str:
    n, d = u.X.shape
    return (f"Here are the {count_word(n)} words stacked as one batch, the matrix X: {n} rows of {d} "
            "numbers. Beside each row is its length, the square root of the row dotted with itself.")


def say_unit_arrows() -> str:
    return "Each word is an arrow from the origin, exactly as long as its length."


def say_gram() -> str:
    return ("Call the scaled batch U hat, and multiply it by its own transpose. Every entry is one unit "
            "row dotted with another, so the whole grid is a table of cosines.")


def say_pair(pair: Compared) -> str:
    """One of Step 2's pairs read off U hat U hat transposed, and whether it matches Step 2's cosine."""
    entry, cosine = said(pair.entry, COSINE_DECIMALS), said(pair.cosine, COSINE_DECIMALS)
    same = ("the very cosine Step 2 computed" if entry == cosine
            else f"and Step 2 computed a cosine of {cosine}")
    return (f"The entry for {pair.a} and {pair.b} is {entry}, {same}, so they read as {pair.reading}.")


def say_moral() -> str:
    return ("So cosine similarity is just the dot product of unit vectors. It keeps direction only, and "
            "ignores length.")


def moral_caption() -> str:
    return "Cosine is the dot product of unit vectors: direction only, length ignored."


def alt(lesson: Lesson) -> str:
    u = unit(lesson)
    first, second = u.pairs
    n, d = u.X.shape
    where = "on the unit sphere" if u.view.exact else "in a 3-D view that squashes lengths"
    return (
        f"The word vectors {listing(u.names)} ({n} rows of {d} numbers) are drawn as arrows and divided "
        f"by their lengths with X / np.linalg.norm(X, axis=1, keepdims=True): each arrow shrinks or grows "
        f"to length 1, {where}, and each length reads 1.00. Then Û Ûᵀ is the matrix of cosines: "
        f"{first.a}·{first.b} is {cos_text(first.entry)} ({first.reading}) and {second.a}·{second.b} is "
        f"{cos_text(second.entry)} ({second.reading}), the cosines of Step 2. Cosine is the dot product "
        f"of unit vectors: direction only."
    )
