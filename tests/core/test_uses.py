"""Compression errors and near-duplicate groups, against numpy's SVD and a brute-force grouping."""

from __future__ import annotations

import numpy as np
import pytest

from la_core import LinAlgInputError, compression_errors, near_duplicate_groups


def test_compression_errors_are_the_discarded_singular_values() -> None:
    rng = np.random.default_rng(4)
    matrix = rng.normal(size=(4, 6))
    singular = np.linalg.svd(matrix, compute_uv=False)
    expected = [np.sqrt(np.sum(singular[r:] ** 2) / np.sum(singular**2)) for r in range(5)]
    assert np.allclose(compression_errors(matrix), expected)
    assert np.all(np.diff(compression_errors(matrix)) <= 1e-12)


def test_a_rank_2_matrix_is_rebuilt_exactly_from_2_singular_values() -> None:
    ring = np.array([[0, 1, 1, 0], [1, 0, 0, 1], [1, 0, 0, 1], [0, 1, 1, 0]], dtype=float)
    errors = compression_errors(ring)
    assert errors[1] > 0.5 and errors[2] < 1e-12
    with pytest.raises(LinAlgInputError, match="all zeros"):
        compression_errors(np.zeros((2, 2)))


def test_near_duplicates_chain_into_groups() -> None:
    docs = np.array([[1.0, 0.0], [0.99, 0.1], [0.0, 1.0], [0.1, 0.99], [0.2, 0.98], [-1.0, 0.2]])
    unit = docs / np.linalg.norm(docs, axis=1, keepdims=True)
    cos = unit @ unit.T
    groups = near_duplicate_groups(docs, 0.95)
    assert groups == [[0, 1], [2, 3, 4]]
    for group in groups:  # every member has a partner in its group above the threshold
        for i in group:
            assert any(cos[i, j] >= 0.95 for j in group if j != i)
    assert near_duplicate_groups(docs, 0.9999) == []
