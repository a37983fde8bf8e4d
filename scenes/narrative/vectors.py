"""Step 1's words: the 2-D view, the closest pair and the word least like it."""

from __future__ import annotations

from itertools import combinations

import numpy as np

from la_core import Lesson, cosine_matrix, pca_project
from scenes.narrative import listing
from scenes.narrative.pairs import Pair, pair
from scenes.style import fmt


def pca_view(lesson: Lesson) -> tuple[np.ndarray, float]:
    """2-D coordinates of the word vectors through the origin, and the share of squared length kept."""
    coords, ratios = pca_project(lesson.word_matrix, k=2, center=False)
    return coords, float(np.sum(ratios))


def contrast_pairs(lesson: Lesson) -> tuple[tuple[str, str], tuple[str, str]]:
    """The most similar pair (a, b) and (a, c), c the word other than b least like a: what the
    scene contrasts (a lesson has at least three words)."""
    names = lesson.word_names
    cos = cosine_matrix(lesson.word_matrix)
    i, j = max(combinations(range(len(names)), 2), key=lambda ij: cos[ij])
    others = [n for n in range(len(names)) if n not in (i, j)]
    far = min(others, key=lambda n: cos[i, n])
    return (names[i], names[j]), (names[i], names[far])


def squash_caption(dim: int, kept: float) -> str:
    """The 2-D view of the word vectors: exact when they lie in a plane, else a squash whose angles
    are not the true ones (the read-outs below give the true angles)."""
    if kept >= EXACT_SHARE:
        return f"Draw the {dim}-D vectors in the plane they span: nothing is lost."
    return (f"Squash the {dim}-D vectors into the 2-D view that keeps the most: "
            "its angles are not the true ones.")


#: A 2-D view keeping this share of the squared length shows the true angles (the words lie in it).
EXACT_SHARE = 1 - 1e-9


def closest_pair_caption(close: Pair) -> str:
    """What the closest pair of words shows, in the lesson's reading of its cosine."""
    if close.reading == "similar":
        return f"{close.a} and {close.b} point almost the same way: similar meaning."
    return (f"{close.a} and {close.b} are the closest pair, yet their cosine reads {close.reading}: "
            "no two of these words are similar.")


def farthest_caption(apart: Pair) -> str:
    """What the word least like the first of the closest pair shows (both named, with the reading)."""
    where = {"similar": f"is the least like {apart.a}, though still similar",
             "unrelated": f"points away from {apart.a}: unrelated",
             "opposed": f"points the opposite way from {apart.a}: opposed"}[apart.reading]
    return f"{apart.b} {where}."


def alt(lesson: Lesson) -> str:
    names = lesson.word_names
    _, kept = pca_view(lesson)
    (a, b), (_, c) = contrast_pairs(lesson)
    close, apart = pair(lesson, a, b), pair(lesson, a, c)
    dim = len(lesson.words[names[0]])
    return (
        f"The word vectors {listing(names)} appear as columns of {dim} numbers, then as arrows in a "
        f"2-D view that keeps {fmt(100 * kept, 0)}% of their squared length. {a} and {b} are the closest "
        f"pair (cosine {fmt(close.cosine)}, {close.reading}); {c} is the least like {a} "
        f"(cosine {fmt(apart.cosine)}, {apart.reading})."
    )
