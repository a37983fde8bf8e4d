"""Vectors as meaning: lengths, the dot product, cosine similarity, projection, and 2-D views."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from la_core._checks import as_matrix, as_vector, nonzero, same_length, stable_norm, whole_number
from la_core.errors import LinAlgInputError

#: The lesson reads a cosine in four words: king·queen (0.900) "high -> similar", king·apple
#: (0.307) "low -> different", "≈ 0, perpendicular -> unrelated", "negative -> opposed". The
#: thresholds are la-render's (the lesson gives none):
#: - similar from SIMILAR_FROM: an angle under about 45°, nearer pointing the same way than
#:   perpendicular (0.900 is similar; 0.307 and 0.39 are not);
#: - unrelated strictly within UNRELATED_WITHIN of 0: within about 9° of a right angle;
#: - opposed at or below -UNRELATED_WITHIN: pointing more than about 9° past a right angle;
#: - different in between: low but positive, as the lesson reads king·apple.
SIMILAR_FROM = 0.7
UNRELATED_WITHIN = 0.15
#: Each reading with its cosine range (low, high), from opposed to similar; the range includes
#: its low end except "unrelated", which includes neither end (see similarity_reading).
READING_BANDS: tuple[tuple[str, float, float], ...] = (
    ("opposed", -1.0, -UNRELATED_WITHIN),
    ("unrelated", -UNRELATED_WITHIN, UNRELATED_WITHIN),
    ("different", UNRELATED_WITHIN, SIMILAR_FROM),
    ("similar", SIMILAR_FROM, 1.0),
)
READINGS: tuple[str, ...] = tuple(name for name, _, _ in READING_BANDS)


def norm(v: ArrayLike) -> float:
    """Euclidean length of a vector."""
    return stable_norm(as_vector(v, "norm"))


def normalize(v: ArrayLike) -> np.ndarray:
    """The unit vector pointing the same way as v."""
    vector = as_vector(v, "normalize")
    return vector / nonzero(vector, "normalize", "v")


def normalize_rows(X: ArrayLike) -> np.ndarray:
    """Every row scaled to unit length (the lesson's exercise 4)."""
    matrix = as_matrix(X, "normalize_rows", "X")
    lengths = np.linalg.norm(matrix, axis=1, keepdims=True)
    zero_rows = np.flatnonzero(lengths[:, 0] == 0.0)
    if zero_rows.size:
        raise LinAlgInputError(
            f"normalize_rows: X {matrix.shape} row {int(zero_rows[0])} is the zero vector, "
            "which has no direction"
        )
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def dot(a: ArrayLike, b: ArrayLike) -> float:
    """Multiply element-wise and add it all up."""
    va, vb = as_vector(a, "dot", "a"), as_vector(b, "dot", "b")
    same_length(va, vb, "dot")
    return float(va @ vb)


def dot_terms(a: ArrayLike, b: ArrayLike) -> tuple[np.ndarray, float]:
    """The products a_i b_i, one per entry, and their sum (the dot product written out)."""
    va, vb = as_vector(a, "dot_terms", "a"), as_vector(b, "dot_terms", "b")
    same_length(va, vb, "dot_terms")
    products = va * vb
    return products, float(np.sum(products))


def cosine_similarity(a: ArrayLike, b: ArrayLike) -> float:
    """The dot product of the unit vectors: direction-only similarity in [-1, 1]."""
    va, vb = as_vector(a, "cosine_similarity", "a"), as_vector(b, "cosine_similarity", "b")
    same_length(va, vb, "cosine_similarity")
    length_a = nonzero(va, "cosine_similarity", "a")
    length_b = nonzero(vb, "cosine_similarity", "b")
    return float(np.clip((va / length_a) @ (vb / length_b), -1.0, 1.0))


def cosine_matrix(X: ArrayLike) -> np.ndarray:
    """Pairwise cosine similarities of the rows of X."""
    unit = normalize_rows(X)
    return np.clip(unit @ unit.T, -1.0, 1.0)


def angle_between(a: ArrayLike, b: ArrayLike, degrees: bool = False) -> float:
    """The angle between two non-zero vectors, in radians (or degrees)."""
    angle = float(np.arccos(cosine_similarity(a, b)))
    return float(np.degrees(angle)) if degrees else angle


def scalar_projection(a: ArrayLike, onto: ArrayLike) -> float:
    """The signed length of a's shadow on the line through `onto`."""
    va = as_vector(a, "scalar_projection", "a")
    vo = as_vector(onto, "scalar_projection", "onto")
    same_length(va, vo, "scalar_projection", "a and onto")
    return float(va @ vo) / nonzero(vo, "scalar_projection", "onto")


def vector_projection(a: ArrayLike, onto: ArrayLike) -> np.ndarray:
    """The shadow of a on the line through `onto`, as a vector (the foot of the perpendicular)."""
    va = as_vector(a, "vector_projection", "a")
    vo = as_vector(onto, "vector_projection", "onto")
    same_length(va, vo, "vector_projection", "a and onto")
    length = nonzero(vo, "vector_projection", "onto")
    return (va @ vo) / (length * length) * vo


def plane_coordinates(a: ArrayLike, b: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """2-D coordinates of a and b inside their own span: a along +x, b in the upper half plane.

    Lengths and the angle between them are preserved exactly, so a pair of 4-D word vectors
    can be drawn honestly on a flat screen.
    """
    va = as_vector(a, "plane_coordinates", "a")
    vb = as_vector(b, "plane_coordinates", "b")
    same_length(va, vb, "plane_coordinates")
    length_a = nonzero(va, "plane_coordinates", "a")
    nonzero(vb, "plane_coordinates", "b")
    along = float(va @ vb) / length_a
    across = float(np.linalg.norm(vb - along * va / length_a))
    return np.array([length_a, 0.0]), np.array([along, across])


def span_coordinates(X: ArrayLike) -> np.ndarray:
    """Coordinates of the rows of X in an orthonormal basis of their span, built in row order
    (Gram–Schmidt): row 0 along +x, row 1 in the x-y plane with y >= 0, the next new direction
    along +z... Lengths and every angle are preserved; rows adding no new direction add no axis.
    """
    rows = as_matrix(X, "span_coordinates", "X")
    basis: list[np.ndarray] = []
    scale = max(float(np.max(np.abs(rows))), np.finfo(float).tiny)
    for row in rows:
        rest = row - sum((row @ e) * e for e in basis) if basis else row.copy()
        if np.linalg.norm(rest) > 1e-9 * scale * np.sqrt(rows.shape[1]):
            basis.append(rest / np.linalg.norm(rest))
    if not basis:
        raise LinAlgInputError(f"span_coordinates: X {rows.shape} is all zeros: it spans no direction")
    return rows @ np.array(basis).T


def similarity_reading(score: float) -> str:
    """Read a cosine in the lesson's words: "similar", "different", "unrelated" or "opposed".

    Thresholds (READING_BANDS): score >= SIMILAR_FROM is similar; UNRELATED_WITHIN <= score <
    SIMILAR_FROM is different (low but positive, like the lesson's king·apple 0.307);
    |score| < UNRELATED_WITHIN is unrelated (≈ 0); score <= -UNRELATED_WITHIN is opposed.
    """
    try:
        value = float(score)
    except (TypeError, ValueError):
        raise LinAlgInputError(f"similarity_reading: score {score!r} is not a number") from None
    if not np.isfinite(value) or not -1.0 - 1e-9 <= value <= 1.0 + 1e-9:
        raise LinAlgInputError(
            f"similarity_reading: score {value!r} is not a cosine (expected a number in [-1, 1])"
        )
    if value >= SIMILAR_FROM:
        return "similar"
    if value >= UNRELATED_WITHIN:
        return "different"
    if value > -UNRELATED_WITHIN:
        return "unrelated"
    return "opposed"


def pca_project(X: ArrayLike, k: int = 2, center: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Project the rows of X onto their top-k principal directions.

    Returns (coords, explained_variance_ratio): coords has shape (n, k) and the ratios are the
    share of total variance each direction keeps. With center=False the directions are those of
    the best-fitting subspace through the origin (arrows stay arrows from the origin) and the
    ratios are shares of the total squared length. Signs are fixed so the largest-magnitude
    loading of each direction is positive: the same data always gives the same picture.
    """
    matrix = as_matrix(X, "pca_project", "X")
    k = whole_number(k, "pca_project", "k", minimum=1)
    if k > min(matrix.shape):
        raise LinAlgInputError(
            f"pca_project: k={k} is more than min(n, d) = {min(matrix.shape)} for X {matrix.shape}"
        )
    data = matrix - matrix.mean(axis=0) if center else matrix
    _, singular, directions = np.linalg.svd(data, full_matrices=False)
    total = float(np.sum(singular**2))
    if total == 0.0:
        raise LinAlgInputError(f"pca_project: X {matrix.shape} has no spread to project")
    top = directions[:k]
    signs = np.sign(top[np.arange(k), np.argmax(np.abs(top), axis=1)])
    top = top * signs[:, None]
    return data @ top.T, singular[:k] ** 2 / total
