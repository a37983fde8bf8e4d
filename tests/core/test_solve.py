"""Solving for weights (la_core.rank) against numpy and scipy: least squares, ridge, the nudge,
equally good weights; and the lesson's four examples of Step 3's diagnosis table."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st

from la_core import LinAlgInputError, load_lesson
from la_core.rank import (
    condition_number,
    diagnose,
    equally_good_weights,
    least_squares,
    nudged,
    residual,
    ridge_solve,
    weakest_direction,
)
from tests.core.strategies import matrices, vectors

FULL = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
DEFICIENT = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0], [1.0, 1.0, 3.0]])


def test_least_squares_is_scipys_minimum_norm_solution() -> None:
    y = np.array([1.0, 2.0, 3.0])
    for matrix in (FULL, DEFICIENT, np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]])):
        expected, *_ = scipy.linalg.lstsq(matrix, y)
        np.testing.assert_allclose(least_squares(matrix, y), expected, atol=1e-12)
    np.testing.assert_allclose(least_squares(FULL, y), scipy.linalg.solve(FULL, y), atol=1e-12)
    np.testing.assert_allclose(least_squares(DEFICIENT, y), scipy.linalg.pinv(DEFICIENT) @ y, atol=1e-12)


@given(st.integers(1, 4).flatmap(lambda n: st.tuples(matrices(n + 1, n), vectors(n + 1))),
       st.floats(1e-3, 10.0))
def test_ridge_solves_the_normal_equations(system: tuple[np.ndarray, np.ndarray], alpha: float) -> None:
    a, y = system
    expected = scipy.linalg.solve(a.T @ a + alpha * np.eye(a.shape[1]), a.T @ y, assume_a="pos")
    got = ridge_solve(a, y, alpha)
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-6 * (1 + np.abs(expected).max()))


def test_ridge_picks_one_answer_for_a_rank_deficient_matrix_near_the_shortest() -> None:
    y = np.array([1.0, 2.0, 3.0])
    shortest = scipy.linalg.pinv(DEFICIENT) @ y
    np.testing.assert_allclose(ridge_solve(DEFICIENT, y, 1e-8), shortest, atol=1e-6)


def test_residual_is_the_length_of_the_misfit() -> None:
    assert residual([[1.0, 0.0], [0.0, 1.0]], [1.0, 1.0], [1.0, 4.0]) == pytest.approx(3.0)


def test_equally_good_weights_differ_but_fit_the_same() -> None:
    y = np.array([1.0, 2.0, 4.0])  # not in the column space: the misfit is not 0, but shared
    first, second = equally_good_weights(DEFICIENT, y)
    assert np.linalg.norm(first - second) == pytest.approx(1.0)
    fit = [np.linalg.norm(DEFICIENT @ w - y) for w in (first, second)]
    assert fit[0] == pytest.approx(fit[1], abs=1e-12) and fit[0] > 0.1
    with pytest.raises(LinAlgInputError, match="full column rank"):
        equally_good_weights(FULL, y)


def test_weakest_direction_is_the_last_left_singular_vector() -> None:
    u, _, _ = np.linalg.svd(FULL)
    found = weakest_direction(FULL)
    assert abs(abs(found @ u[:, -1]) - 1.0) < 1e-12
    assert found[np.argmax(np.abs(found))] > 0


def test_a_nudge_is_its_share_of_y() -> None:
    y = np.array([1.0, 2.0, 3.0])
    moved = nudged(FULL, y, 0.01)
    assert np.linalg.norm(moved - y) == pytest.approx(0.01 * np.linalg.norm(y))


def test_the_lessons_nearly_dependent_matrix_swings_and_ridge_calms_it() -> None:
    lesson = load_lesson()
    nearly, y = np.array(lesson.situation_matrices["ill-conditioned"]), np.array(lesson.fit_targets)
    assert np.linalg.cond(nearly) > 1e4
    u, _, _ = np.linalg.svd(nearly)
    moved = y + lesson.nudge_share * np.linalg.norm(y) * u[:, -1]
    swing = np.linalg.norm(np.linalg.solve(nearly, moved) - np.linalg.solve(nearly, y))
    assert swing > 100 * np.linalg.norm(np.linalg.solve(nearly, y))  # 1 % in, over 100× out
    ridge = [scipy.linalg.solve(nearly.T @ nearly + lesson.ridge_alpha * np.eye(3), nearly.T @ t)
             for t in (y, moved)]
    assert np.linalg.norm(ridge[1] - ridge[0]) < 0.05 * np.linalg.norm(ridge[0])
    got = [least_squares(nearly, t) for t in (y, nudged(nearly, y, lesson.nudge_share))]
    assert np.linalg.norm(got[1] - got[0]) == pytest.approx(swing, rel=1e-6)


def test_the_lessons_four_examples_are_the_four_rows_of_the_table() -> None:
    lesson = load_lesson()
    assert list(lesson.situation_matrices) == ["full rank", "rank-deficient", "rank 1", "ill-conditioned"]
    ranks = [np.linalg.matrix_rank(np.array(m)) for m in lesson.situation_matrices.values()]
    assert ranks == [3, 2, 1, 3]
    for situation, matrix in lesson.situation_matrices.items():
        assert diagnose(matrix).situation == situation
    assert condition_number(lesson.situation_matrices["full rank"]) == pytest.approx(
        np.linalg.cond(np.array(lesson.situation_matrices["full rank"])))


@pytest.mark.parametrize(("call", "message"), [
    (lambda: least_squares(FULL, [1.0, 2.0]), "A has 3 rows but y has 2"),
    (lambda: ridge_solve(FULL, [1.0, 2.0, 3.0], 0.0), "alpha must be a finite number > 0"),
    (lambda: ridge_solve(FULL, [1.0, 2.0, 3.0], "x"), "alpha must be a number"),
    (lambda: residual(FULL, [1.0], [1.0, 2.0, 3.0]), "w has 1 numbers"),
    (lambda: nudged(FULL, [1.0, 2.0, 3.0], 1.5), "share must be between 0 and 1"),
])
def test_bad_input_is_named(call, message: str) -> None:
    with pytest.raises(LinAlgInputError, match=message):
        call()
