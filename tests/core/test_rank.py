"""la_core.rank against numpy/scipy, the lesson's v1, v2, v3, and the Eckart–Young theorem."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st

import la_core
from la_core.rank import ILL_CONDITIONED_ABOVE, SITUATIONS
from tests.core.strategies import gaussian_matrices, low_rank_matrices

V1, V2, V3 = [1, 0, 0], [0, 1, 0], [2, 1, 0]
UNREACHABLE = [0, 0, 1]


def projector_onto_rows(rows: np.ndarray) -> np.ndarray:
    """Orthogonal projector onto the span of orthonormal rows (basis-independent, for comparisons)."""
    return rows.T @ rows


# ---------------------------------------------------------------- the lesson's vectors


def test_rank_of_v1_v2_v3_is_two() -> None:
    assert la_core.matrix_rank([V1, V2, V3]) == 2
    assert la_core.matrix_rank([V1, V2, V3]) == np.linalg.matrix_rank(np.array([V1, V2, V3]))


def test_v1_v2_v3_are_dependent_with_v3_equal_2_v1_plus_v2() -> None:
    assert not la_core.is_independent([V1, V2, V3])
    index, coefficients = la_core.dependency([V1, V2, V3])
    assert index == 2
    np.testing.assert_allclose(coefficients, [2.0, 1.0], atol=1e-12)


def test_v1_and_v2_are_independent() -> None:
    assert la_core.is_independent([V1, V2])
    assert la_core.dependency([V1, V2]) is None


def test_the_unreachable_vector_is_outside_the_span() -> None:
    basis = la_core.span_basis([V1, V2, V3])
    assert basis.shape == (2, 3)
    np.testing.assert_allclose(projector_onto_rows(basis) @ UNREACHABLE, 0.0, atol=1e-12)
    np.testing.assert_allclose(projector_onto_rows(basis) @ V3, V3, atol=1e-12)


def test_null_space_of_the_lessons_v_is_the_dependency() -> None:
    """V.T x = 0 for x = (2, 1, -1): 2·v1 + 1·v2 - v3 = 0."""
    null = la_core.null_space(np.array([V1, V2, V3]).T)
    assert null.shape == (3, 1)
    np.testing.assert_allclose(np.abs(null[:, 0]), np.abs([2, 1, -1]) / math.sqrt(6), atol=1e-12)


# ---------------------------------------------------------------- singular values and rank


@given(gaussian_matrices())
def test_singular_values_match_scipy_svdvals(M: np.ndarray) -> None:
    np.testing.assert_allclose(la_core.singular_values(M), scipy.linalg.svdvals(M), rtol=1e-10, atol=1e-12)


@given(low_rank_matrices())
def test_rank_matches_numpy_matrix_rank(problem: tuple[np.ndarray, int]) -> None:
    M, true_rank = problem
    assert la_core.matrix_rank(M) == np.linalg.matrix_rank(M) == true_rank


def test_rank_uses_numpys_default_tolerance() -> None:
    """The default tolerance is S.max() * max(shape) * eps: for diag(1, ..., 1, s) of size 10, s = 5 eps
    is noise (rank 9) although it is above eps, and s = 20 eps counts (rank 10)."""
    eps = np.finfo(float).eps
    for small, expected in [(5 * eps, 9), (20 * eps, 10), (1e-14, 10), (1e-18, 9)]:
        M = np.diag([1.0] * 9 + [small])
        assert la_core.matrix_rank(M) == np.linalg.matrix_rank(M) == expected


def test_rank_with_an_explicit_tolerance() -> None:
    M = np.diag([1.0, 1e-3, 1e-6])
    assert la_core.matrix_rank(M, tol=1e-4) == 2 == np.linalg.matrix_rank(M, tol=1e-4)
    assert la_core.matrix_rank(M, tol=0.0) == 3


# ---------------------------------------------------------------- dependency, span, null space


@given(st.integers(0, 2**32 - 1), st.integers(2, 5), st.integers(1, 4))
def test_dependency_reconstructs_the_redundant_vector(seed: int, dim: int, count: int) -> None:
    """Independent vectors plus one combination of them: dependency finds a valid combination."""
    rng = np.random.default_rng(seed)
    count = min(count, dim)
    base = rng.standard_normal((count, dim))
    combination = rng.standard_normal(count) @ base
    vectors = np.vstack([base, combination])
    assert la_core.dependency(base) is None
    assert not la_core.is_independent(vectors)
    index, coefficients = la_core.dependency(vectors)
    others = np.delete(vectors, index, axis=0)
    np.testing.assert_allclose(coefficients @ others, vectors[index], atol=1e-9)


@given(low_rank_matrices())
def test_span_basis_matches_scipy_orth(problem: tuple[np.ndarray, int]) -> None:
    M, true_rank = problem
    basis = la_core.span_basis(M)
    assert basis.shape == (true_rank, M.shape[1])
    np.testing.assert_allclose(basis @ basis.T, np.eye(true_rank), atol=1e-10)
    reference = scipy.linalg.orth(M.T)  # columns spanning the row space of M
    np.testing.assert_allclose(projector_onto_rows(basis), reference @ reference.T, atol=1e-9)


@given(low_rank_matrices())
def test_null_space_matches_scipy(problem: tuple[np.ndarray, int]) -> None:
    M, true_rank = problem
    null = la_core.null_space(M)
    reference = scipy.linalg.null_space(M)
    assert null.shape == reference.shape == (M.shape[1], M.shape[1] - true_rank)
    np.testing.assert_allclose(M @ null, 0.0, atol=1e-9 * (1 + np.abs(M).max()))
    np.testing.assert_allclose(null.T @ null, np.eye(null.shape[1]), atol=1e-10)
    np.testing.assert_allclose(null @ null.T, reference @ reference.T, atol=1e-9)


# ---------------------------------------------------------------- conditioning and diagnosis


@given(gaussian_matrices())
def test_condition_number_matches_numpy_cond(M: np.ndarray) -> None:
    expected = np.linalg.cond(M)
    assert la_core.condition_number(M) == pytest.approx(expected, rel=1e-9)


def test_condition_number_is_infinite_for_rank_deficient_matrices() -> None:
    assert la_core.condition_number([V1, V2, V3]) == math.inf
    assert la_core.condition_number([[1, 2], [2, 4]]) == math.inf
    assert la_core.condition_number(np.eye(3)) == pytest.approx(1.0)
    assert la_core.condition_number(np.diag([4.0, 2.0])) == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("matrix", "rank", "max_rank", "situation"),
    [
        (np.eye(3), 3, 3, "full rank"),
        ([V1, V2, V3], 2, 3, "rank-deficient"),
        ([[1, 2], [2, 4], [3, 6]], 1, 2, "rank 1"),
        ([[1.0, 1.0], [1.0, 1.0 + 1e-8]], 2, 2, "ill-conditioned"),
        ([[1.5, -0.5], [0.5, 1.0]], 2, 2, "full rank"),
        ([[1.0, 0.5], [0.5, 0.25]], 1, 2, "rank 1"),
    ],
)
def test_diagnose_names_the_lessons_four_situations(
    matrix: list, rank: int, max_rank: int, situation: str
) -> None:
    diagnosis = la_core.diagnose(matrix)
    assert (diagnosis.rank, diagnosis.max_rank, diagnosis.situation) == (rank, max_rank, situation)
    assert diagnosis.situation in SITUATIONS
    expected_cond = math.inf if rank < max_rank else np.linalg.cond(np.array(matrix, dtype=float))
    assert diagnosis.condition_number == pytest.approx(expected_cond, rel=1e-6)


def test_diagnose_threshold_is_the_documented_condition_number() -> None:
    below = np.diag([1.0, 1.0 / (ILL_CONDITIONED_ABOVE / 2)])
    above = np.diag([1.0, 1.0 / (ILL_CONDITIONED_ABOVE * 2)])
    assert la_core.diagnose(below).situation == "full rank"
    assert la_core.diagnose(above).situation == "ill-conditioned"


# ---------------------------------------------------------------- low rank and LoRA


@given(gaussian_matrices(), st.integers(0, 6))
def test_low_rank_approx_error_is_the_tail_of_the_singular_values(M: np.ndarray, r: int) -> None:
    r = min(r, min(M.shape))
    approx = la_core.low_rank_approx(M, r)
    singular = np.linalg.svd(M, compute_uv=False)
    tail = math.sqrt(math.fsum(singular[r:] ** 2))
    assert approx.shape == M.shape
    assert np.linalg.norm(M - approx, "fro") == pytest.approx(tail, rel=1e-9, abs=1e-12)
    assert np.linalg.matrix_rank(approx) == r


@given(low_rank_matrices(), st.integers(0, 6), st.integers(0, 2**32 - 1))
def test_low_rank_approx_beats_a_random_rank_r_competitor(
    problem: tuple[np.ndarray, int], r: int, seed: int
) -> None:
    """Eckart–Young: no rank-r matrix is closer in Frobenius norm (checked against a random one)."""
    M, _ = problem
    r = min(r, min(M.shape))
    rng = np.random.default_rng(seed)
    competitor = rng.standard_normal((M.shape[0], r)) @ rng.standard_normal((r, M.shape[1]))
    best = np.linalg.norm(M - la_core.low_rank_approx(M, r))
    assert best <= np.linalg.norm(M - competitor) + 1e-12


def test_low_rank_approx_of_full_rank_is_the_matrix_itself() -> None:
    M = np.array([[1.5, -0.5], [0.5, 1.0]])
    np.testing.assert_allclose(la_core.low_rank_approx(M, 2), M, atol=1e-12)


@given(st.integers(1, 5000), st.integers(1, 5000), st.integers(1, 64))
def test_lora_parameter_count_is_dk_versus_r_times_d_plus_k(d: int, k: int, r: int) -> None:
    r = min(r, d, k)
    full, low_rank = la_core.lora_parameter_count(d, k, r)
    assert (full, low_rank) == (d * k, r * (d + k))
    assert isinstance(full, int) and isinstance(low_rank, int)


def test_lora_parameter_count_for_a_realistic_layer() -> None:
    # 4096 × 4096 = 16,777,216 weights; rank 8 factors: 8 × 8192 = 65,536 (256 times fewer)
    assert la_core.lora_parameter_count(4096, 4096, 8) == (16_777_216, 65_536)
    assert la_core.lora_parameter_count(8, 6, 2) == (48, 28)


def test_lora_factors_have_the_right_shapes_and_rank() -> None:
    B, A = la_core.lora_factors(8, 6, 2, seed=0)
    assert B.shape == (8, 2) and A.shape == (2, 6)
    assert np.linalg.matrix_rank(B @ A) <= 2
    np.testing.assert_array_equal(np.round(B * 10), B * 10)
    again_b, again_a = la_core.lora_factors(8, 6, 2, seed=0)
    np.testing.assert_array_equal(B, again_b)
    np.testing.assert_array_equal(A, again_a)
    assert not np.array_equal(B, la_core.lora_factors(8, 6, 2, seed=1)[0])
