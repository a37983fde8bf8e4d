"""Two places the lesson's ideas show up ("Where each idea shows up"): rank powers model
compression, cosine similarity powers dedup.

Compression: keep a matrix's top r singular values (its best rank-r copy, Eckart–Young) and the
error left is the rest of its singular values. Dedup: documents whose cosine is at or above a
threshold are near-duplicates; chained pairs form one group.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from la_core._checks import as_matrix
from la_core.errors import LinAlgInputError
from la_core.rank import low_rank_approx
from la_core.vectors import cosine_matrix

#: Near-duplicates: a cosine this high or higher (the shipped documents pair up at 0.98).
DEDUP_THRESHOLD = 0.95


def compression_errors(M: ArrayLike) -> np.ndarray:
    """The relative error |M - M_r| / |M| (Frobenius) of the best rank-r copy, r = 0 .. min(shape)."""
    matrix = as_matrix(M, "compression_errors", "M")
    total = float(np.linalg.norm(matrix))
    if total == 0.0:
        raise LinAlgInputError(f"compression_errors: M {matrix.shape} is all zeros: nothing to compress")
    sides = min(matrix.shape)
    return np.array([1.0] + [float(np.linalg.norm(matrix - low_rank_approx(matrix, r))) / total
                             for r in range(1, sides + 1)])


def near_duplicate_groups(X: ArrayLike, threshold: float = DEDUP_THRESHOLD) -> list[list[int]]:
    """Groups (row indices, in order) of rows whose cosine chains at or above `threshold`; rows
    with no near-duplicate are left out."""
    cosines = cosine_matrix(X)
    if not -1.0 <= threshold <= 1.0:
        raise LinAlgInputError(f"near_duplicate_groups: threshold {threshold!r} is not a cosine")
    count = cosines.shape[0]
    group = list(range(count))  # union-find over the pairs above the threshold

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(count):
        for j in range(i + 1, count):
            if cosines[i, j] >= threshold:
                group[root(j)] = root(i)
    members: dict[int, list[int]] = {}
    for i in range(count):
        members.setdefault(root(i), []).append(i)
    return [rows for rows in members.values() if len(rows) > 1]
