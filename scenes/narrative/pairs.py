"""Two word vectors compared, for the scenes that read [vectors]."""

from __future__ import annotations

from dataclasses import dataclass

from la_core import Lesson, angle_between, cosine_similarity, dot, similarity_reading


@dataclass(frozen=True)
class Pair:
    """Two word vectors compared: their cosine, angle (degrees), dot product and the lesson's reading."""

    a: str
    b: str
    cosine: float
    degrees: float
    dot: float
    reading: str


def pair(lesson: Lesson, a: str, b: str) -> Pair:
    """The comparison of words `a` and `b` of the lesson."""
    va, vb = lesson.words[a], lesson.words[b]
    cos = cosine_similarity(va, vb)
    return Pair(a, b, cos, angle_between(va, vb, degrees=True), dot(va, vb), similarity_reading(cos))
