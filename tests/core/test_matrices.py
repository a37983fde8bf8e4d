"""la_core.matrices against numpy, hand-worked lesson values and geometric facts."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import la_core
from tests.core.strategies import gaussian_matrices, matmul_pairs, matrices

KING = [0.9, 0.8, 0.1, 0.7]
W_PROJECT = [[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]


# ---------------------------------------------------------------- linear layer


def test_w_at_king_is_its_first_two_coordinates() -> None:
    """The lesson's W keeps the first two coordinates: W @ king = [0.9, 0.8], shape (2,)."""
    y = la_core.linear_layer(W_PROJECT, KING)
    assert y.shape == (2,)
    np.testing.assert_allclose(y, [0.9, 0.8])


def test_linear_layer_adds_the_bias() -> None:
    np.testing.assert_allclose(la_core.linear_layer([[1, 2], [3, 4]], [1, 1], b=[10, 20]), [13, 27])


@given(gaussian_matrices(), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_linear_layer_on_a_batch_is_each_row_through_the_layer(W: np.ndarray, batch: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    X, b = rng.standard_normal((batch, W.shape[1])), rng.standard_normal(W.shape[0])
    result = la_core.linear_layer(W, X, b=b)
    assert result.shape == (batch, W.shape[0])
    for row, x in zip(result, X, strict=True):
        np.testing.assert_allclose(row, W @ x + b, rtol=1e-12, atol=1e-12)


# ---------------------------------------------------------------- matmul by loops and by steps


@given(matmul_pairs())
def test_matmul_loops_equals_numpy(pair: tuple[np.ndarray, np.ndarray]) -> None:
    A, B = pair
    result = la_core.matmul_loops(A, B)
    assert isinstance(result, list) and all(isinstance(row, list) for row in result)
    assert all(isinstance(value, float) for row in result for value in row)
    scale = np.abs(A).max() * np.abs(B).max() * A.shape[1] + 1e-300
    np.testing.assert_allclose(np.array(result), A @ B, rtol=1e-12, atol=1e-12 * scale)


def test_matmul_loops_by_hand() -> None:
    assert la_core.matmul_loops([[1, 2], [3, 4]], [[5, 6], [7, 8]]) == [[19.0, 22.0], [43.0, 50.0]]
    assert la_core.matmul_loops([[1, 2, 3]], [[1], [1], [1]]) == [[6.0]]


@given(matmul_pairs())
def test_matmul_steps_are_the_cells_of_a_at_b_in_row_major_order(pair: tuple[np.ndarray, np.ndarray]) -> None:
    A, B = pair
    steps = la_core.matmul_steps(A, B)
    product = A @ B
    assert [(s.i, s.j) for s in steps] == [(i, j) for i in range(A.shape[0]) for j in range(B.shape[1])]
    scale = np.abs(A).max() * np.abs(B).max() * A.shape[1] + 1e-300
    np.testing.assert_allclose([s.value for s in steps], product.ravel(), rtol=1e-12, atol=1e-12 * scale)
    for step in steps:
        np.testing.assert_array_equal(step.row, A[step.i])
        np.testing.assert_array_equal(step.col, B[:, step.j])
        np.testing.assert_array_equal(step.products, A[step.i] * B[:, step.j])
        assert step.value == pytest.approx(math.fsum(step.products), rel=1e-12, abs=1e-12 * scale)


def test_matmul_steps_support_record_style_access() -> None:
    first = la_core.matmul_steps([[1, 2], [3, 4]], [[5, 6], [7, 8]])[0]
    assert (first["i"], first["j"], first["value"]) == (0, 0, 19.0)
    np.testing.assert_array_equal(first["products"], [5.0, 14.0])


def test_matmul_steps_of_the_lessons_seeded_a_and_b() -> None:
    """The step-5 matrices: (2, 3) @ (3, 4) gives 8 cells, each a sum of 3 products."""
    A, B = la_core.load_lesson().matmul_operands()
    steps = la_core.matmul_steps(A, B)
    assert len(steps) == 8 and all(len(s.products) == 3 for s in steps)
    np.testing.assert_allclose(np.reshape([s.value for s in steps], (2, 4)), A @ B)


# ---------------------------------------------------------------- shapes


SHAPES = st.lists(st.integers(1, 4), min_size=1, max_size=2)


@given(SHAPES, SHAPES)
def test_result_shape_agrees_with_numpy(a_shape: list[int], b_shape: list[int]) -> None:
    try:
        expected = (np.ones(a_shape) @ np.ones(b_shape)).shape
    except ValueError:
        with pytest.raises(la_core.LinAlgInputError, match="inner dimensions"):
            la_core.result_shape(tuple(a_shape), tuple(b_shape))
    else:
        assert la_core.result_shape(tuple(a_shape), tuple(b_shape)) == expected


def test_result_shape_follows_the_lessons_table() -> None:
    assert la_core.result_shape((4,), (4,)) == ()
    assert la_core.result_shape((2, 4), (4,)) == (2,)
    assert la_core.result_shape((2, 3), (3, 4)) == (2, 4)
    assert la_core.result_shape((5, 8), (8, 5)) == (5, 5)


# ---------------------------------------------------------------- transformations


@given(gaussian_matrices(), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_transform_applies_m_to_every_row(M: np.ndarray, count: int, seed: int) -> None:
    points = np.random.default_rng(seed).standard_normal((count, M.shape[1]))
    result = la_core.transform(M, points)
    expected = np.array([M @ p for p in points])
    np.testing.assert_allclose(result, expected, rtol=1e-12, atol=1e-12)


def test_transform_of_one_point_is_one_row() -> None:
    np.testing.assert_allclose(la_core.transform([[1.5, -0.5], [0.5, 1.0]], [1.0, 1.5]), [[0.75, 2.0]])


@given(gaussian_matrices())
def test_basis_images_are_m_times_each_basis_vector(M: np.ndarray) -> None:
    images = la_core.basis_images(M)
    assert images.shape == (M.shape[1], M.shape[0])
    for i, e in enumerate(np.eye(M.shape[1])):
        np.testing.assert_array_equal(images[i], M @ e)


def test_basis_images_of_the_lessons_grid_matrix() -> None:
    np.testing.assert_array_equal(la_core.basis_images([[1.5, -0.5], [0.5, 1.0]]), [[1.5, 0.5], [-0.5, 1.0]])


def test_area_scale_of_the_lessons_matrices_by_hand() -> None:
    assert la_core.area_scale([[1.5, -0.5], [0.5, 1.0]]) == pytest.approx(1.5 * 1.0 + 0.5 * 0.5)
    assert la_core.area_scale([[1.0, 0.5], [0.5, 0.25]]) == pytest.approx(0.0, abs=1e-15)
    assert la_core.area_scale([[0, 1], [1, 0]]) == pytest.approx(-1.0)


@given(st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_area_scale_matches_numpy_det(size: int, seed: int) -> None:
    M = np.random.default_rng(seed).standard_normal((size, size))
    assert la_core.area_scale(M) == pytest.approx(float(np.linalg.det(M)), rel=1e-9, abs=1e-12)


@given(matrices(2, 2))
def test_area_scale_is_the_area_of_the_transformed_unit_square(M: np.ndarray) -> None:
    """Shoelace formula on the image of the unit square: a reference that never calls det."""
    corners = la_core.transform(M, [[0, 0], [1, 0], [1, 1], [0, 1]])
    x, y = corners[:, 0], corners[:, 1]
    shoelace = 0.5 * math.fsum(x * np.roll(y, -1) - np.roll(x, -1) * y)
    tolerance = 1e-9 * np.abs(M).max() ** 2
    assert abs(la_core.area_scale(M)) == pytest.approx(abs(shoelace), rel=1e-9, abs=tolerance)


# ---------------------------------------------------------------- seeded random matrices


def test_seeded_matrices_are_reproducible_rounded_and_shaped() -> None:
    first = la_core.seeded_matrices(0, (2, 3), (3, 4))
    second = la_core.seeded_matrices(0, (2, 3), (3, 4))
    assert [m.shape for m in first] == [(2, 3), (3, 4)]
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
        assert np.all((a >= 0) & (a <= 1))
        np.testing.assert_array_equal(np.round(a * 10), a * 10)
    assert not np.array_equal(first[0], la_core.seeded_matrices(1, (2, 3))[0])


def test_seeded_matrices_draw_in_order_from_one_generator() -> None:
    """Documented contract: np.random.default_rng(seed).random(shape), in order, rounded to 1 decimal."""
    rng = np.random.default_rng(7)
    expected = [np.round(rng.random((2, 2)), 1), np.round(rng.random((1, 3)), 1)]
    for got, want in zip(la_core.seeded_matrices(7, (2, 2), (1, 3)), expected, strict=True):
        np.testing.assert_array_equal(got, want)
