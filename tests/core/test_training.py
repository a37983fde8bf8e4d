"""Gradient descent on a linear layer's squared error (Step 4, "training is the search for W"),
checked against closed forms and numpy, never against la_core's own numbers."""

from __future__ import annotations

import numpy as np
import pytest

from la_core import (
    LinAlgInputError,
    divergence_rate,
    gradient_descent,
    least_squares_weights,
    mse_gradient,
    mse_loss,
)

X = np.array([[0.9, 0.8, 0.1, 0.7], [0.9, 0.2, 0.1, 0.8], [0.1, 0.1, 0.9, 0.2]])
T = np.array([[1.0, 0.5], [0.8, -0.5], [-0.8, 0.2]])


def closed_form(X: np.ndarray, T: np.ndarray, rate: float, k: int) -> np.ndarray:
    """W after k steps from 0: W_k^T = sum_{j<k} (I - rate H)^j rate g, H = (2/n) X^T X, g = (2/n) X^T T,
    summed in H's eigenbasis (a geometric series per eigenvalue)."""
    n = X.shape[0]
    h, g = 2 / n * X.T @ X, 2 / n * X.T @ T
    values, vectors = np.linalg.eigh(h)
    factor = np.array([k * rate if abs(v) < 1e-12 else (1 - (1 - rate * v) ** k) / v for v in values])
    return (vectors @ np.diag(factor) @ vectors.T @ g).T


def test_the_loss_is_the_mean_squared_distance() -> None:
    W = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]])
    expected = np.mean([np.sum((W @ x - t) ** 2) for x, t in zip(X, T, strict=True)])
    assert mse_loss(W, X, T) == pytest.approx(expected)


def test_the_gradient_matches_finite_differences() -> None:
    rng = np.random.default_rng(1)
    W = rng.normal(size=(2, 4))
    numeric = np.zeros_like(W)
    for index in np.ndindex(W.shape):
        step = np.zeros_like(W)
        step[index] = 1e-6
        numeric[index] = (mse_loss(W + step, X, T) - mse_loss(W - step, X, T)) / 2e-6
    assert np.allclose(mse_gradient(W, X, T), numeric, atol=1e-6)


@pytest.mark.parametrize("k", [1, 2, 7, 40])
def test_every_step_matches_the_closed_form(k: int) -> None:
    run = gradient_descent(X, T, 0.5, 40)
    assert np.allclose(run.weights[k], closed_form(X, T, 0.5, k), atol=1e-10)
    assert np.allclose(run.weights[0], 0.0)


def test_the_steps_end_at_numpys_least_squares_weights() -> None:
    run = gradient_descent(X, T, 0.8, 3000)
    lstsq = np.linalg.lstsq(X, T, rcond=None)[0].T
    assert np.allclose(least_squares_weights(X, T), lstsq)
    assert np.allclose(run.weights[-1], lstsq, atol=1e-8)
    assert np.all(np.diff(run.losses) <= 1e-15) and run.losses[-1] < 1e-12
    assert np.allclose(run.outputs(X, len(run.losses) - 1), T, atol=1e-6)  # 3 words, 4 numbers: exact


def test_more_words_than_numbers_end_at_the_best_fit_not_the_targets() -> None:
    X5 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    T5 = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    run = gradient_descent(X5, T5, 0.3, 2000)
    assert np.allclose(run.weights[-1], np.linalg.lstsq(X5, T5, rcond=None)[0].T, atol=1e-9)
    assert run.losses[-1] > 0.1


def test_the_divergence_rate_is_two_over_the_largest_curvature() -> None:
    largest = np.linalg.eigvalsh(2 / 3 * X.T @ X)[-1]
    assert divergence_rate(X) == pytest.approx(2 / largest)
    above = gradient_descent(X, T, 1.05 * divergence_rate(X), 200)
    below = gradient_descent(X, T, 0.95 * divergence_rate(X), 200)
    assert above.losses[-1] > above.losses[0] * 1e3
    assert below.losses[-1] < below.losses[0]


def test_bad_input_is_refused() -> None:
    with pytest.raises(LinAlgInputError, match="one target per input"):
        gradient_descent(X, T[:2], 0.5, 3)
    with pytest.raises(LinAlgInputError, match="rate"):
        gradient_descent(X, T, -1.0, 3)
    with pytest.raises(LinAlgInputError, match="outputs × inputs"):
        mse_loss(np.zeros((2, 3)), X, T)
